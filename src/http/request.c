/* The life of one request, as libmicrohttpd (MHD 0.9.75) drives it.
 *
 * 1. The URI log callback (hreq_uri_cb) creates struct hreq: arena, raw request target,
 *    CSP nonce, start time. MHD then hands it to every later callback as *con_cls and to the
 *    completion callback even if MHD itself rejects the request (e.g. 431), so every request
 *    is logged and freed in one place (hreq_completed_cb).
 * 2. First access-handler call (headers received): limits and framing checks that must
 *    happen before any body is read or "100 Continue" sent: URL length (414), Host (400),
 *    a header name that is not a token (400 + close: "Content-Length : 5"), duplicate
 *    Content-Length or Content-Length with Transfer-Encoding (400 + close),
 *    Content-Length over max_body (413 + close), an unparsable request target (400). A
 *    failure is answered at once, with Connection: close. Otherwise nothing is queued: MHD
 *    0.9.75 drops keep-alive for responses queued on the first call.
 * 3. Body calls: bytes are appended to a buffer capped at max_body, whatever the framing
 *    (chunked bodies too). Over the cap the request gets 413 and the connection is closed.
 * 4. Final call: static assets (/static/, /favicon.ico) are answered directly; otherwise the
 *    thread's state is made (thread_init), the route is matched (404, or 405 with Allow),
 *    the query string and an urlencoded body are parsed with form_parse (so the limits and
 *    UTF-8 checks are ours, not MHD's argument parser's), authenticate runs, the route's
 *    R_LOGIN / R_ADMIN / R_CSRF preconditions are checked, and the handler runs. Its result,
 *    or the error it returned, becomes the response, with the security headers every
 *    response carries.
 * Errors are JSON ({"error":{"code","message","field"}}) on R_API routes and under /api/,
 * otherwise the application's HTML error page (render_error) or a small built-in one. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>

#include "core/html.h"
#include "core/log.h"
#include "core/rand.h"
#include "core/timeutil.h"
#include "core/utf8.h"
#include "http/asset.h"
#include "http/http_int.h"
#include "core/util.h"

/* Per pool thread: what thread_init made (the key's value; freed by tstate_free). */
struct tstate {
    const struct server *srv; /* for thread_fini and the app pointer */
    void *tctx;               /* thread_init's result */
};

static const char *const method_names[HTTP__MAX] = {
    "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "OTHER",
};

static enum http_method method_parse(const char *m)
{
    int i;
    for (i = 0; i < HTTP_OTHER; i++)
        if (strcmp(m, method_names[i]) == 0)
            return (enum http_method)i;
    return HTTP_OTHER;
}

void tstate_free(void *p)
{
    struct tstate *ts = p;
    if (ts->srv->cfg->thread_fini)
        ts->srv->cfg->thread_fini(ts->srv->cfg->app, ts->tctx);
    free(ts);
}

/* Make sure this pool thread has run thread_init; sets r->tctx. Returns 0, or thread_init's
 * error (tried again on the thread's next request). */
static int thread_state(struct hreq *h)
{
    const struct server *srv = h->srv;
    struct tstate *ts = pthread_getspecific(srv->tkey);
    if (!ts) {
        void *tctx = NULL;
        if (srv->cfg->thread_init) {
            int rc = srv->cfg->thread_init(srv->cfg->app, &tctx);
            if (rc < 0) {
                log_error("msg=\"thread_init failed\" code=%s", err_name(rc));
                return rc;
            }
        }
        ts = x_calloc(1, sizeof(*ts));
        ts->srv = srv;
        ts->tctx = tctx;
        if (pthread_setspecific(srv->tkey, ts) != 0) {
            tstate_free(ts);
            return ERR_INTERNAL;
        }
    }
    h->r.tctx = ts->tctx;
    return 0;
}

/* Escape s into out (size bytes) for a quoted logfmt value: '"' and '\\' are
 * backslash-escaped, bytes outside printable ASCII become \xHH; long values are cut. */
static void log_escape(char *out, size_t size, const char *s)
{
    size_t j = 0;
    for (; s && *s && j + 5 < size; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\') {
            out[j++] = '\\';
            out[j++] = (char)c;
        } else if (c < 0x20 || c >= 0x7f) {
            j += (size_t)snprintf(out + j, size - j, "\\x%02x", c);
        } else {
            out[j++] = (char)c;
        }
    }
    out[j] = '\0';
}

/* The TCP peer's address as text ("127.0.0.1", "::1"; IPv4-mapped IPv6 shown as IPv4). */
static void peer_address(struct MHD_Connection *conn, char *out, size_t size)
{
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    str_copy(out, "-", size);
    if (!ci || !ci->client_addr)
        return;
    if (ci->client_addr->sa_family == AF_INET) {
        const struct sockaddr_in *sin = (const struct sockaddr_in *)(const void *)ci->client_addr;
        inet_ntop(AF_INET, &sin->sin_addr, out, (socklen_t)size);
    } else if (ci->client_addr->sa_family == AF_INET6) {
        const struct sockaddr_in6 *s6 = (const struct sockaddr_in6 *)(const void *)ci->client_addr;
        if (IN6_IS_ADDR_V4MAPPED(&s6->sin6_addr))
            inet_ntop(AF_INET, &s6->sin6_addr.s6_addr[12], out, (socklen_t)size);
        else
            inet_ntop(AF_INET6, &s6->sin6_addr, out, (socklen_t)size);
    }
}

/* 1 if s is a literal IPv4 or IPv6 address. */
static int is_ip(const char *s)
{
    unsigned char tmp[sizeof(struct in6_addr)];
    return inet_pton(AF_INET, s, tmp) == 1 || inet_pton(AF_INET6, s, tmp) == 1;
}

/* Fill r->remote_addr and r->secure: the TCP peer, unless the peer is the trusted proxy, in
 * which case the last address of X-Forwarded-For (the one the proxy itself appended) and
 * X-Forwarded-Proto are believed. */
static void client_identity(struct hreq *h)
{
    struct req *r = &h->r;
    char peer[INET6_ADDRSTRLEN + 1];
    const char *proxy = h->srv->cfg->trusted_proxy;

    peer_address((struct MHD_Connection *)r->conn, peer, sizeof(peer));
    r->remote_addr = arena_strdup(r->arena, peer);
    r->secure = 0;
    if (proxy && *proxy && strcmp(peer, proxy) == 0) {
        const char *xff = req_header(r, "X-Forwarded-For");
        const char *proto = req_header(r, "X-Forwarded-Proto");
        if (xff) {
            const char *last = strrchr(xff, ',');
            const char *s = last ? last + 1 : xff, *e;
            char *ip;
            while (*s == ' ' || *s == '\t')
                s++;
            e = s + strlen(s);
            while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
                e--;
            ip = arena_strndup(r->arena, s, (size_t)(e - s));
            if (is_ip(ip))
                r->remote_addr = ip;
        }
        if (proto && strcasecmp(proto, "https") == 0)
            r->secure = 1;
    }
}

/* Headers that decide how the body is framed, counted by framing_cb. */
struct framing {
    int ncl, nte, nhost; /* Content-Length / Transfer-Encoding / Host header counts */
    const char *cl, *te; /* first values */
    const char *badname; /* a header name that is not an RFC 9110 token, or NULL */
};

/* An RFC 9110 token (tchar): what a header name may be. "Content-Length " (a space before
   the colon) is not one, and libmicrohttpd 0.9.75 keeps such a name as it is, so that the
   framing header it was meant to be would be ignored while a proxy in front may have obeyed
   it: the request is refused instead. */
static int header_name_ok(const char *k)
{
    if (!*k)
        return 0;
    for (; *k; k++) {
        unsigned char ch = (unsigned char)*k;
        if (ch <= 0x20 || ch >= 0x7f || strchr("\"(),/:;<=>?@[\\]{}", ch))
            return 0;
    }
    return 1;
}

static enum MHD_Result framing_cb(void *cls, enum MHD_ValueKind kind, const char *key,
                                  const char *value)
{
    struct framing *f = cls;
    (void)kind;
    if (!f->badname && !header_name_ok(key))
        f->badname = key;
    if (strcasecmp(key, "Content-Length") == 0) {
        if (!f->ncl++)
            f->cl = value;
    } else if (strcasecmp(key, "Transfer-Encoding") == 0) {
        if (!f->nte++)
            f->te = value;
    } else if (strcasecmp(key, "Host") == 0) {
        f->nhost++;
    }
    return MHD_YES;
}

/* Split and decode the request target (origin-form "/path?query", or absolute-form
 * "http://host/path?query") into r->path and r->query_string. The path is percent-decoded
 * ('+' stays '+') and must be valid UTF-8 without NUL or control characters. Returns 0 or
 * ERR_INVALID. */
static int parse_target(struct hreq *h)
{
    struct req *r = &h->r;
    const char *t = h->raw_uri, *q, *p;
    char *path;
    size_t plen, i;
    int rc;

    for (p = t; *p; p++)
        if ((unsigned char)*p <= 0x20 || *p == 0x7f)
            return error_set(&r->err, ERR_INVALID, NULL, "The request target is malformed.");
    if (strncasecmp(t, "http://", 7) == 0 || strncasecmp(t, "https://", 8) == 0) {
        t = strstr(t, "//") + 2;
        t += strcspn(t, "/?");
        if (*t != '/')
            return error_set(&r->err, ERR_INVALID, NULL, "The request target is malformed.");
    }
    if (*t != '/')
        return error_set(&r->err, ERR_INVALID, NULL, "The request target is malformed.");
    q = strchr(t, '?');
    plen = q ? (size_t)(q - t) : strlen(t);
    r->query_string = q ? arena_strdup(r->arena, q + 1) : "";
    rc = url_decode(r->arena, t, plen, 0, &path, &plen);
    if (rc < 0)
        return error_set(&r->err, ERR_INVALID, NULL, "The request path is not valid.");
    for (i = 0; i < plen; i++)
        if ((unsigned char)path[i] < 0x20 || path[i] == 0x7f)
            return error_set(&r->err, ERR_INVALID, NULL, "The request path is not valid.");
    r->path = path;
    return 0;
}

/* 1 if errors for this request are JSON: R_API routes and everything under /api/. */
static int error_as_json(struct hreq *h)
{
    const struct req *r = &h->r;
    const char *p = r->path ? r->path : h->raw_uri; /* raw before the target is parsed */
    if (r->route && (r->route->flags & R_API))
        return 1;
    return strncmp(p, "/api/", 5) == 0 || strcmp(p, "/api") == 0;
}

/* The built-in HTML error page, for when the application has none (or cannot run). */
static void builtin_error_page(struct req *r, const char *msg)
{
    const char *reason = MHD_get_reason_phrase_for((unsigned)r->status);
    html_printf(&r->out,
                "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                "<title>%d %s</title></head>\n<body><h1>%s</h1>\n<p>%s</p>\n"
                "<p><a href=\"/\">Home</a></p></body></html>\n",
                r->status, reason, reason, msg);
}

/* Turn error code into the response: status from err_http_status, message from r->err.msg
 * or the default. JSON for API requests; otherwise render_error (after thread_init and,
 * so that the page can show who is signed in, authenticate, whose own errors are ignored),
 * or the built-in page. Headers set so far (Allow, Set-Cookie) are kept. */
static void fail(struct hreq *h, int code, int status)
{
    struct req *r = &h->r;
    const struct http_config *cfg = h->srv->cfg;
    const char *msg;

    if (code >= 0 || code <= ERR__MIN)
        code = ERR_INTERNAL;
    if (r->err.code != code)
        error_set(&r->err, (enum err)code, NULL, NULL);
    if (!r->err.msg[0]) /* so that render_error always has a sentence to show */
        str_copy(r->err.msg, err_default_message((enum err)code), sizeof(r->err.msg));
    msg = r->err.msg;
    r->status = status ? status : err_http_status((enum err)code);
    buf_reset(&r->out);
    h->asset = NULL;
    stream_abandon(h);
    if (error_as_json(h)) {
        r->content_type_out = "application/json";
        buf_puts(&r->out, "{\"error\":{\"code\":");
        json_str(&r->out, err_name((enum err)code));
        buf_puts(&r->out, ",\"message\":");
        json_str(&r->out, msg);
        buf_puts(&r->out, ",\"field\":");
        json_str(&r->out, r->err.field[0] ? r->err.field : NULL);
        buf_puts(&r->out, "}}");
        return;
    }
    r->content_type_out = NULL;
    if (cfg->render_error && r->path && !h->plain_errors && code != ERR_UNAVAILABLE &&
        thread_state(h) == 0) {
        if (!h->authed && cfg->authenticate) {
            struct errinfo saved = r->err;
            int saved_status = r->status;
            h->authed = 1;
            cfg->authenticate(r);
            r->err = saved;
            r->status = saved_status;
        }
        cfg->render_error(r);
        if (r->out.len > 0 && !r->out.err)
            return;
        buf_reset(&r->out);
    }
    builtin_error_page(r, msg);
}

/* Add the headers every response carries, then the handler's. */
static void add_headers(struct hreq *h, struct MHD_Response *resp)
{
    struct req *r = &h->r;
    char csp[400];
    size_t i;
    int has_cache = 0;
    int own_csp = 0;

    for (i = 0; i < r->nheaders; i++)
        own_csp |= strcasecmp(r->headers[i].name, "Content-Security-Policy") == 0;
    snprintf(csp, sizeof(csp),
             "default-src 'self'; script-src 'self' 'nonce-%s'; style-src 'self' 'nonce-%s'; "
             "img-src 'self' data:%s; object-src 'none'; base-uri 'none'; form-action 'self'; "
             "frame-ancestors 'none'",
             h->nonce, h->nonce, r->img_https ? " https:" : "");
    if (!own_csp) /* a handler's own policy (uploads: stricter) replaces the default */
        MHD_add_response_header(resp, "Content-Security-Policy", csp);
    MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(resp, "Referrer-Policy", "same-origin");
    MHD_add_response_header(resp, "X-Frame-Options", "DENY");
    MHD_add_response_header(resp, "Content-Type",
                            r->content_type_out ? r->content_type_out : "text/html; charset=utf-8");
    for (i = 0; i < r->nheaders; i++) {
        if (strcasecmp(r->headers[i].name, "Cache-Control") == 0)
            has_cache = 1;
        if (MHD_add_response_header(resp, r->headers[i].name, r->headers[i].value) != MHD_YES)
            log_warn("msg=\"response header refused\" name=%s", r->headers[i].name);
    }
    if (!has_cache)
        MHD_add_response_header(resp, "Cache-Control", "no-store");
    if (h->close || atomic_load(&h->srv->stopping))
        MHD_add_response_header(resp, "Connection", "close");
}

/* Queue r's response (or the static asset) on the connection. */
static enum MHD_Result respond(struct hreq *h)
{
    struct req *r = &h->r;
    struct MHD_Response *resp;
    enum MHD_Result ret;
    size_t len;

    if (r->out.err) {
        char path[256];
        log_escape(path, sizeof(path), r->path);
        log_error("msg=\"response too large\" path=\"%s\"", path);
        fail(h, ERR_INTERNAL, 0);
    }
    if (r->status < 100 || r->status > 599) {
        log_error("msg=\"handler set an invalid status\" status=%d", r->status);
        fail(h, ERR_INTERNAL, 0);
    }
    if (h->stream)
        return stream_queue(h);
    if (h->asset && r->status == 200) {
        len = h->asset->file->size;
        resp = MHD_create_response_from_buffer(len, (void *)h->asset->file->data,
                                               MHD_RESPMEM_PERSISTENT);
    } else {
        char *body = buf_detach(&r->out, &len);
        if (r->status == 304 || r->status == 204) {
            len = 0;
        }
        resp = MHD_create_response_from_buffer(len, body, MHD_RESPMEM_MUST_FREE);
        if (!resp)
            free(body);
    }
    if (!resp)
        return MHD_NO;
    add_headers(h, resp);
    ret = MHD_queue_response((struct MHD_Connection *)r->conn, (unsigned)r->status, resp);
    MHD_destroy_response(resp);
    h->phase = PH_ANSWERED;
    h->sent_status = r->status;
    h->sent_bytes = r->method == HTTP_HEAD ? 0 : len;
    return ret;
}

/* Answer now with error code and close the connection afterwards (first-call failures and
 * bodies over the limit: the rest of the request is not read). */
static enum MHD_Result fail_now(struct hreq *h, int code, int status)
{
    h->close = 1;
    fail(h, code, status);
    return respond(h);
}

/* 1 if the Content-Type names multipart/form-data. */
static int is_multipart(const char *ct)
{
    static const char t[] = "multipart/form-data";
    return strncasecmp(ct, t, sizeof(t) - 1) == 0 &&
           (ct[sizeof(t) - 1] == '\0' || ct[sizeof(t) - 1] == ';' || ct[sizeof(t) - 1] == ' ');
}

/* First access-handler call: checks on the request head. Returns 0 or an err (with r->err
 * set) to answer at once. */
static int check_head(struct hreq *h, const char *method, const char *version)
{
    struct req *r = &h->r;
    struct MHD_Connection *conn = r->conn;
    const struct http_limits *lim = &h->srv->lim;
    struct framing f = {0, 0, 0, NULL, NULL, NULL};
    const char *ct;
    int rc;

    r->method = method_parse(method);
    r->method_name = arena_strdup(r->arena, method);
    client_identity(h);
    ct = req_header(r, "Content-Type");
    r->content_type = ct ? arena_strdup(r->arena, ct) : "";
    if (strlen(h->raw_uri) > lim->max_url) {
        h->status_hint = 414; /* URI Too Long, rather than ERR_TOOBIG's 413 */
        return error_set(&r->err, ERR_TOOBIG, NULL, "The address (URL) is too long.");
    }
    rc = parse_target(h);
    if (rc < 0)
        return rc;
    MHD_get_connection_values(conn, MHD_HEADER_KIND, framing_cb, &f);
    if (f.badname)
        return error_set(&r->err, ERR_INVALID, NULL,
                         "A header name is not valid (no spaces before the colon).");
    if (strcmp(version, MHD_HTTP_VERSION_1_1) == 0 && f.nhost != 1)
        return error_set(&r->err, ERR_INVALID, NULL,
                         "An HTTP/1.1 request needs exactly one Host header.");
    if (f.nhost > 1)
        return error_set(&r->err, ERR_INVALID, NULL, "Only one Host header is allowed.");
    if (f.ncl > 1)
        return error_set(&r->err, ERR_INVALID, NULL, "Only one Content-Length is allowed.");
    if (f.ncl && f.nte)
        return error_set(&r->err, ERR_INVALID, NULL,
                         "Content-Length and Transfer-Encoding cannot be combined.");
    if (f.nte > 1 || (f.te && strcasecmp(f.te, "chunked") != 0))
        return error_set(&r->err, ERR_INVALID, NULL,
                         "Only Transfer-Encoding: chunked is supported.");
    if (is_multipart(r->content_type)) {
        const struct route *rt = route_match(h->srv->cfg->routes, h->srv->cfg->nroutes, r->method,
                                             r->path, NULL, NULL, NULL);
        /* only a client that presents credentials may send that much: an anonymous
           request would be refused after its body was read anyway */
        int creds = req_header(r, "Cookie") || req_header(r, "Authorization");
        if (rt && (rt->flags & R_UPLOAD) && creds && lim->max_upload > h->body_cap) {
            h->body_cap = lim->max_upload; /* an upload: the body may be bigger */
            buf_release(&h->body);
            buf_init(&h->body, h->body_cap);
        }
    }
    if (f.cl) {
        int64_t n;
        if (!*f.cl || strspn(f.cl, "0123456789") != strlen(f.cl) || str_to_i64(f.cl, &n) < 0)
            return error_set(&r->err, ERR_INVALID, NULL, "The Content-Length is not valid.");
        if ((uint64_t)n > h->body_cap)
            return error_set(&r->err, ERR_TOOBIG, NULL,
                             "The request body is larger than this server accepts.");
    }
    return 0;
}

/* Where to come back to after signing in, for a request that needed a signed-in user: the
 * same URL for GET/HEAD (with its query); for a form post, the nearest page at or above its
 * path that answers GET ("/c/x/join" -> "/c/x", "/settings/tokens/5/revoke" ->
 * "/settings/tokens"), since the browser can only be sent back there with a GET; "/" when
 * there is none. Arena string. */
static const char *login_return(struct hreq *h)
{
    struct req *r = &h->r;
    const struct http_config *cfg = h->srv->cfg;
    char *p;

    if (r->method == HTTP_GET || r->method == HTTP_HEAD)
        return r->query_string[0] ? arena_printf(r->arena, "%s?%s", r->path, r->query_string)
                                  : r->path;
    p = arena_strdup(r->arena, r->path);
    for (;;) {
        char *slash;
        if (route_match(cfg->routes, cfg->nroutes, HTTP_GET, p, NULL, NULL, NULL))
            return p;
        slash = strrchr(p, '/');
        if (!slash || slash == p)
            return "/";
        *slash = '\0';
    }
}

/* Run preconditions and the handler for a matched route; returns 0 or an err. */
static int run_route(struct hreq *h)
{
    struct req *r = &h->r;
    const struct http_config *cfg = h->srv->cfg;
    const struct route *rt = r->route;
    int rc;

    if (cfg->authenticate) {
        h->authed = 1;
        rc = cfg->authenticate(r);
        if (rc < 0)
            return rc;
    }
    if ((rt->flags & (R_LOGIN | R_ADMIN)) && r->user_id == 0) {
        if (rt->flags & R_API) {
            resp_header(r, "WWW-Authenticate", "Bearer");
            return error_set(&r->err, ERR_AUTH, NULL, "Please sign in first.");
        } else {
            /* back to this page (or the page of this form) after signing in */
            struct buf loc = BUF_INIT;
            buf_puts(&loc, "/signin?next=");
            url_encode(&loc, login_return(h));
            resp_redirect(r, loc.data); /* copies into the arena */
            buf_release(&loc);
            return 0;
        }
    }
    if ((rt->flags & R_ADMIN) && !r->is_admin)
        return error_set(&r->err, ERR_PERM, NULL, "Only administrators can do that.");
    if ((rt->flags & R_CSRF) && !r->via_token) {
        const char *tok = req_form(r, "_csrf");
        if (!tok)
            tok = req_header(r, "X-CSRF-Token");
        if (!tok || !r->csrf_token || !const_time_eq(tok, r->csrf_token))
            return error_set(&r->err, ERR_CSRF, NULL, NULL);
    }
    return rt->fn(r);
}

/* 1 if the Content-Type names application/x-www-form-urlencoded (parameters allowed). */
static int is_urlencoded(const char *ct)
{
    static const char t[] = "application/x-www-form-urlencoded";
    if (strncasecmp(ct, t, sizeof(t) - 1) != 0)
        return 0;
    ct += sizeof(t) - 1;
    return *ct == '\0' || *ct == ';' || *ct == ' ' || *ct == '\t';
}

/* Split a multipart body (R_UPLOAD routes) into r->parts, and copy the parts without a file
 * name that are valid UTF-8 without NUL, up to max_field bytes, into r->form (so _csrf and
 * other fields read as usual). Returns 0, ERR_INVALID or ERR_TOOBIG. */
static int multipart_form(struct hreq *h)
{
    struct req *r = &h->r;
    const char *boundary;
    size_t i, k = 0;
    int rc = multipart_boundary(r->arena, r->content_type, &boundary);
    if (rc < 0)
        return rc;
    rc = multipart_parse(r->arena, r->body, r->body_len, boundary, HTTP_MAX_PARTS, &r->parts,
                         &r->nparts);
    if (rc < 0)
        return rc;
    if (!r->nparts)
        return 0;
    r->form = ARENA_ARRAY(r->arena, struct kv, r->nparts);
    for (i = 0; i < r->nparts; i++) {
        const struct multipart_part *p = &r->parts[i];
        if (p->filename)
            continue;
        if (p->len > h->srv->lim.max_field)
            return ERR_TOOBIG;
        if (memchr(p->data, '\0', p->len) || !utf8_valid(p->data, p->len))
            return ERR_INVALID;
        r->form[k].key = p->name;
        r->form[k].value = arena_strndup(r->arena, p->data, p->len);
        k++;
    }
    r->nform = k;
    return 0;
}

/* Final access-handler call: the whole request is here. Fills the response. */
static void dispatch(struct hreq *h)
{
    struct req *r = &h->r;
    const struct http_config *cfg = h->srv->cfg;
    const char *params[8];
    size_t np = 0, i;
    int mismatch = 0, rc = 0;

    r->body = h->body.data;
    r->body_len = h->body.len;
    if (static_serve(h, &rc)) {
        if (rc < 0) {
            h->plain_errors = 1; /* no session or database work for a missing asset */
            fail(h, rc, 0);
        }
        return;
    }
    rc = thread_state(h);
    if (rc < 0) {
        error_set(&r->err, ERR_UNAVAILABLE, NULL, NULL);
        fail(h, ERR_UNAVAILABLE, 0);
        return;
    }
    r->route = route_match(cfg->routes, cfg->nroutes, r->method, r->path, params, &np, &mismatch);
    if (!r->route) {
        if (mismatch) {
            struct buf allow = BUF_INIT;
            enum http_method m;
            for (m = HTTP_GET; m < HTTP_OTHER; m++) {
                int mm;
                if (route_match(cfg->routes, cfg->nroutes, m, r->path, NULL, NULL, &mm)) {
                    if (allow.len)
                        buf_puts(&allow, ", ");
                    buf_puts(&allow, method_names[m]);
                }
            }
            resp_header(r, "Allow", arena_strdup(r->arena, allow.data));
            buf_release(&allow);
            fail(h, ERR_METHOD, 0);
        } else {
            fail(h, ERR_NOTFOUND, 0);
        }
        return;
    }
    for (i = 0; i < np; i++)
        r->params[i] = arena_strndup(r->arena, params[i], strcspn(params[i], "/"));
    r->nparams = np;
    rc = form_parse(r->arena, r->query_string, strlen(r->query_string), &h->srv->lim, &r->query,
                    &r->nquery);
    if (rc == 0 && r->method != HTTP_GET && r->method != HTTP_HEAD &&
        is_urlencoded(r->content_type))
        rc = form_parse(r->arena, r->body, r->body_len, &h->srv->lim, &r->form, &r->nform);
    if (rc == 0 && (r->route->flags & R_UPLOAD) && r->method == HTTP_POST &&
        is_multipart(r->content_type))
        rc = multipart_form(h);
    if (rc < 0) {
        error_set(&r->err, rc, NULL,
                  rc == ERR_TOOBIG ? "The form has too many fields or a field is too long."
                                   : "The form data is not valid (bad encoding or UTF-8).");
        fail(h, rc, 0);
        return;
    }
    rc = run_route(h);
    if (rc < 0)
        fail(h, rc, 0);
}

void *hreq_uri_cb(void *cls, const char *uri, struct MHD_Connection *conn)
{
    struct server *srv = cls;
    struct hreq *h = x_calloc(1, sizeof(*h));
    unsigned char raw[16];
    size_t i;

    h->srv = srv;
    arena_init(&h->arena);
    h->body_cap = srv->lim.max_body;
    buf_init(&h->body, h->body_cap);
    buf_init(&h->r.out, 0);
    h->raw_uri = arena_strdup(&h->arena, uri ? uri : "");
    h->start_ms = time_now_ms();
    rand_bytes(raw, sizeof(raw));
    for (i = 0; i < sizeof(raw); i++)
        snprintf(h->nonce + 2 * i, 3, "%02x", raw[i]);
    h->r.app = srv->cfg->app;
    h->r.arena = &h->arena;
    h->r.conn = conn;
    h->r.status = 200;
    h->r.method_name = "-";
    h->r.path = NULL;
    h->r.query_string = "";
    h->r.content_type = "";
    h->r.body = "";
    h->r.csp_nonce = h->nonce;
    atomic_fetch_add(&srv->inflight, 1);
    return h;
}

static const char *toe_name(enum MHD_RequestTerminationCode toe)
{
    switch (toe) {
    case MHD_REQUEST_TERMINATED_COMPLETED_OK:
        return "ok";
    case MHD_REQUEST_TERMINATED_WITH_ERROR:
        return "error";
    case MHD_REQUEST_TERMINATED_TIMEOUT_REACHED:
        return "timeout";
    case MHD_REQUEST_TERMINATED_DAEMON_SHUTDOWN:
        return "shutdown";
    case MHD_REQUEST_TERMINATED_READ_ERROR:
        return "read_error";
    case MHD_REQUEST_TERMINATED_CLIENT_ABORT:
        return "client_abort";
    }
    return "unknown";
}

void hreq_completed_cb(void *cls, struct MHD_Connection *conn, void **con_cls,
                       enum MHD_RequestTerminationCode toe)
{
    struct server *srv = cls;
    struct hreq *h = *con_cls;
    char path[256], method[24], remote[INET6_ADDRSTRLEN + 1];
    size_t plen;

    (void)conn;
    if (!h)
        return;
    *con_cls = NULL;
    plen = strcspn(h->raw_uri, "?");
    if (h->r.route && (h->r.route->flags & R_SECRET)) {
        log_escape(path, sizeof(path), h->r.route->pattern);
    } else {
        char *p = arena_strndup(&h->arena, h->raw_uri, plen);
        log_escape(path, sizeof(path), p);
    }
    log_escape(method, sizeof(method), h->r.method_name);
    if (h->r.remote_addr)
        str_copy(remote, h->r.remote_addr, sizeof(remote));
    else
        peer_address(conn, remote, sizeof(remote));
    if (toe == MHD_REQUEST_TERMINATED_COMPLETED_OK)
        log_info("msg=\"request\" method=%s path=\"%s\" status=%d bytes=%zu ms=%lld remote=%s",
                 method, path, h->sent_status, h->sent_bytes,
                 (long long)(time_now_ms() - h->start_ms), remote);
    else
        log_info("msg=\"request\" method=%s path=\"%s\" status=%d bytes=%zu ms=%lld remote=%s "
                 "end=%s",
                 method, path, h->sent_status, h->sent_bytes,
                 (long long)(time_now_ms() - h->start_ms), remote, toe_name(toe));
    stream_abandon(h);
    if (h->r.body_json && h->r.free_body_json)
        h->r.free_body_json(h->r.body_json);
    buf_release(&h->r.out);
    buf_release(&h->body);
    arena_release(&h->arena);
    free(h->kept);
    free(h);
    atomic_fetch_sub(&srv->inflight, 1);
}

enum MHD_Result hreq_access_cb(void *cls, struct MHD_Connection *conn, const char *url,
                               const char *method, const char *version, const char *upload_data,
                               size_t *upload_data_size, void **con_cls)
{
    struct hreq *h = *con_cls;
    int rc;

    (void)url;
    if (!h) /* no URI callback ran (should not happen): make the state now */
        h = *con_cls = hreq_uri_cb(cls, url, conn);
    switch (h->phase) {
    case PH_NEW:
        h->phase = PH_BODY;
        rc = check_head(h, method, version);
        if (rc < 0)
            return fail_now(h, rc, h->status_hint);
        return MHD_YES; /* answering on a later call keeps the connection alive */
    case PH_BODY:
        if (*upload_data_size) {
            if (h->body.len + *upload_data_size > h->body_cap) {
                /* MHD 0.9.75 refuses to queue a response while it hands us upload data
                   (MHD_queue_response returns MHD_NO), so the 413 waits for the end of the
                   body; the rest is read and dropped, up to another max_body bytes. */
                h->phase = PH_DISCARD;
                h->discarded = *upload_data_size;
                *upload_data_size = 0;
                error_set(&h->r.err, ERR_TOOBIG, NULL,
                          "The request body is larger than this server accepts.");
                return MHD_YES;
            }
            buf_append(&h->body, upload_data, *upload_data_size);
            *upload_data_size = 0;
            return MHD_YES;
        }
        dispatch(h);
        return respond(h);
    case PH_DISCARD:
        if (*upload_data_size) {
            h->discarded += *upload_data_size;
            *upload_data_size = 0;
            if (h->discarded > h->body_cap) {
                /* a body that goes on and on: cut the connection without an answer */
                h->sent_status = 413;
                return MHD_NO;
            }
            return MHD_YES;
        }
        return fail_now(h, ERR_TOOBIG, 0);
    case PH_ANSWERED:
        break;
    }
    *upload_data_size = 0;
    return MHD_YES;
}
