/* Request accessors (query and form fields, headers, cookies) and response helpers (headers,
 * cookies, redirects, JSON bodies) for handlers. They work on struct req alone:
 * headers come from the libmicrohttpd connection when there is one (r->conn), so a request
 * built by hand in a test simply has no headers or cookies. */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <microhttpd.h>

#include "core/log.h"
#include "core/timeutil.h"
#include "http/http_int.h"
#include "core/util.h"

static const char *kv_find(const struct kv *kv, size_t n, const char *key)
{
    size_t i;
    if (!key)
        return NULL;
    for (i = 0; i < n; i++)
        if (strcmp(kv[i].key, key) == 0)
            return kv[i].value;
    return NULL;
}

const char *req_query(struct req *r, const char *key)
{
    return kv_find(r->query, r->nquery, key);
}

const char *req_form(struct req *r, const char *key)
{
    return kv_find(r->form, r->nform, key);
}

const char *req_param(struct req *r, const char *key)
{
    const char *v = req_form(r, key);
    return v ? v : req_query(r, key);
}

const char *req_header(struct req *r, const char *name)
{
    if (!r->conn || !name)
        return NULL;
    return MHD_lookup_connection_value((struct MHD_Connection *)r->conn, MHD_HEADER_KIND, name);
}

/* Parses the Cookie header on each call (into r->arena); a malformed header counts as no
 * cookies at all. Of several cookies with one name, the first wins. */
const char *req_cookie(struct req *r, const char *name)
{
    const char *h = req_header(r, "Cookie");
    struct kv *kv;
    size_t n;
    if (!h || !r->arena || cookie_parse(r->arena, h, &kv, &n) < 0)
        return NULL;
    return kv_find(kv, n, name);
}

/* 1 if the media range list in an Accept header names application/json. */
static int accepts_json(const char *accept)
{
    const char *p;
    for (p = accept; p && *p; p++) {
        if (strncasecmp(p, "application/json", 16) == 0)
            return 1;
    }
    return 0;
}

int req_wants_json(struct req *r)
{
    if (r->route && (r->route->flags & R_API))
        return 1;
    return accepts_json(req_header(r, "Accept"));
}

/* 1 if s can go into a header value: no CR, LF or other control characters but tab. */
static int header_value_ok(const char *s)
{
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if ((c < 0x20 && c != '\t') || c == 0x7f)
            return 0;
    }
    return 1;
}

void resp_header(struct req *r, const char *name, const char *value)
{
    if (!name || !value || !*name || !header_value_ok(name) || !header_value_ok(value)) {
        log_warn("msg=\"response header dropped: control characters\"");
        return;
    }
    if (r->nheaders >= ARRAY_SIZE(r->headers)) {
        log_warn("msg=\"response header dropped: too many\" name=%s", name);
        return;
    }
    r->headers[r->nheaders].name = name;
    r->headers[r->nheaders].value = value;
    r->nheaders++;
}

/* 1 if every byte of s is allowed in a cookie name (an RFC 9110 token). */
static int cookie_name_ok(const char *s)
{
    if (!*s)
        return 0;
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c <= 0x20 || c >= 0x7f || strchr("()<>@,;:\\\"/[]?={}", c))
            return 0;
    }
    return 1;
}

/* 1 if every byte of s is a cookie-octet (RFC 6265 4.1.1). */
static int cookie_value_ok(const char *s)
{
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c <= 0x20 || c >= 0x7f || c == '"' || c == ',' || c == ';' || c == '\\')
            return 0;
    }
    return 1;
}

void resp_cookie(struct req *r, const char *name, const char *value, long max_age)
{
    const char *secure = r->secure ? "; Secure" : "";
    char *h;
    if (!value || max_age < 0)
        value = "";
    if (!name || !cookie_name_ok(name) || !cookie_value_ok(value)) {
        log_warn("msg=\"cookie not set: invalid name or value\"");
        return;
    }
    if (max_age < 0)
        h = arena_printf(r->arena,
                         "%s=; Path=/; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; "
                         "HttpOnly; SameSite=Lax%s",
                         name, secure);
    else if (max_age > 0)
        h = arena_printf(r->arena, "%s=%s; Path=/; Max-Age=%ld; HttpOnly; SameSite=Lax%s", name,
                         value, max_age, secure);
    else
        h = arena_printf(r->arena, "%s=%s; Path=/; HttpOnly; SameSite=Lax%s", name, value, secure);
    resp_header(r, "Set-Cookie", h);
}

int http_etag_matches(const char *inm, const char *etag)
{
    size_t elen = strlen(etag);
    const char *p = inm;
    while (*p) {
        const char *e;
        while (*p == ' ' || *p == '\t' || *p == ',')
            p++;
        if (!*p)
            break;
        if (*p == '*')
            return 1;
        if (strncmp(p, "W/", 2) == 0)
            p += 2;
        e = strchr(p, ',');
        if (!e)
            e = p + strlen(p);
        while (e > p && (e[-1] == ' ' || e[-1] == '\t'))
            e--;
        if ((size_t)(e - p) == elen && memcmp(p, etag, elen) == 0)
            return 1;
        p = e;
        while (*p && *p != ',')
            p++;
    }
    return 0;
}

int resp_not_modified(struct req *r, const char *etag, int64_t last_modified)
{
    const char *inm = req_header(r, "If-None-Match");
    const char *ims = req_header(r, "If-Modified-Since");
    int64_t since;
    int current = 0;
    if (etag && *etag)
        resp_header(r, "ETag", arena_strdup(r->arena, etag));
    if (last_modified > 0) {
        char date[40];
        time_http(last_modified, date);
        resp_header(r, "Last-Modified", arena_strdup(r->arena, date));
    }
    if (r->method != HTTP_GET && r->method != HTTP_HEAD)
        return 0;
    if (inm)
        current = etag && *etag && http_etag_matches(inm, etag);
    else if (ims && last_modified > 0 && time_http_parse(ims, &since) == 0)
        current = last_modified <= since;
    if (current) {
        r->status = 304;
        buf_reset(&r->out);
    }
    return current;
}

int resp_redirect(struct req *r, const char *location)
{
    r->status = 303;
    buf_reset(&r->out);
    resp_header(r, "Location", arena_strdup(r->arena, location ? location : "/"));
    return 0;
}

void resp_json(struct req *r, int status, const char *json)
{
    r->status = status;
    r->content_type_out = "application/json";
    buf_reset(&r->out);
    buf_puts(&r->out, json ? json : "null");
}
