/* Parsers for what clients send as text: percent-decoding, application/x-www-form-urlencoded
 * bodies and query strings (form_parse), and Cookie headers (cookie_parse). Everything they
 * return is NUL-terminated, valid UTF-8 without NUL bytes, and allocated in the request's
 * arena. Sizes are capped by struct http_limits before anything grows without bound. */
#include <string.h>

#include "core/utf8.h"
#include "http/http_int.h"
#include "core/util.h"

void http_limits_fill(struct http_limits *out, const struct http_limits *in)
{
    static const struct http_limits defaults = {
        HTTP_DEFAULT_MAX_HEADER, HTTP_DEFAULT_MAX_URL,   HTTP_DEFAULT_MAX_BODY,
        HTTP_DEFAULT_MAX_FIELDS, HTTP_DEFAULT_MAX_FIELD, HTTP_DEFAULT_MAX_UPLOAD,
    };
    *out = defaults;
    if (!in)
        return;
    if (in->max_header)
        out->max_header = in->max_header;
    if (in->max_url)
        out->max_url = in->max_url;
    if (in->max_body)
        out->max_body = in->max_body;
    if (in->max_fields)
        out->max_fields = in->max_fields;
    if (in->max_field)
        out->max_field = in->max_field;
    if (in->max_upload)
        out->max_upload = in->max_upload;
}

static int hexval(unsigned char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

int url_decode(struct arena *a, const char *s, size_t n, int plus_space, char **out, size_t *outlen)
{
    char *d = arena_alloc(a, n + 1);
    size_t i, j = 0;

    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '%') {
            int hi, lo;
            if (i + 2 >= n)
                return ERR_INVALID;
            hi = hexval((unsigned char)s[i + 1]);
            lo = hexval((unsigned char)s[i + 2]);
            if (hi < 0 || lo < 0)
                return ERR_INVALID;
            c = (unsigned char)(hi << 4 | lo);
            i += 2;
        } else if (c == '+' && plus_space) {
            c = ' ';
        }
        if (c == '\0')
            return ERR_INVALID;
        d[j++] = (char)c;
    }
    d[j] = '\0';
    if (!utf8_valid(d, j))
        return ERR_INVALID;
    *out = d;
    if (outlen)
        *outlen = j;
    return 0;
}

int form_parse(struct arena *a, const char *s, size_t n, const struct http_limits *lim,
               struct kv **out, size_t *nout)
{
    struct http_limits l;
    struct kv *kv;
    size_t i, count = 0, k = 0;
    const char *p, *end;

    *out = NULL;
    *nout = 0;
    http_limits_fill(&l, lim);
    if (!s || n == 0)
        return 0;
    if (memchr(s, '\0', n))
        return ERR_INVALID;
    /* count the non-empty pairs first, so the cap applies before any allocation */
    for (i = 0; i < n; i++) {
        if (s[i] != '&' && (i == 0 || s[i - 1] == '&'))
            count++;
    }
    if (count > l.max_fields)
        return ERR_TOOBIG;
    if (count == 0)
        return 0;
    kv = ARENA_ARRAY(a, struct kv, count);
    for (p = s, end = s + n; p < end;) {
        const char *amp = memchr(p, '&', (size_t)(end - p));
        const char *pe = amp ? amp : end;
        const char *eq = memchr(p, '=', (size_t)(pe - p));
        const char *ke = eq ? eq : pe;
        char *key, *val;
        size_t klen, vlen;
        int rc;

        if (pe > p) {
            if ((size_t)(ke - p) > 3 * l.max_field ||
                (eq && (size_t)(pe - eq - 1) > 3 * l.max_field))
                return ERR_TOOBIG; /* cannot decode to less than a third */
            rc = url_decode(a, p, (size_t)(ke - p), 1, &key, &klen);
            if (rc < 0)
                return rc;
            if (eq) {
                rc = url_decode(a, eq + 1, (size_t)(pe - eq - 1), 1, &val, &vlen);
                if (rc < 0)
                    return rc;
            } else {
                val = arena_strdup(a, "");
                vlen = 0;
            }
            if (klen > l.max_field || vlen > l.max_field)
                return ERR_TOOBIG;
            if (klen > 0) { /* pairs with an empty name are dropped */
                kv[k].key = key;
                kv[k].value = val;
                k++;
            }
        }
        p = pe + (amp ? 1 : 0);
    }
    *out = k ? kv : NULL;
    *nout = k;
    return 0;
}

/* 1 if s[0..n) is valid UTF-8 without control characters (cookie names and values). */
static int cookie_text_ok(const char *s, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x20 || c == 0x7f)
            return 0;
    }
    return utf8_valid(s, n);
}

static int is_ows(char c)
{
    return c == ' ' || c == '\t';
}

int cookie_parse(struct arena *a, const char *s, struct kv **out, size_t *nout)
{
    struct kv *kv;
    size_t count = 1, k = 0, i;
    const char *p;

    *out = NULL;
    *nout = 0;
    if (!s || !*s)
        return 0;
    for (p = s; *p; p++)
        count += *p == ';';
    if (count > HTTP_MAX_COOKIES)
        return ERR_TOOBIG;
    kv = ARENA_ARRAY(a, struct kv, count);
    for (p = s; *p;) {
        const char *se = strchr(p, ';');
        const char *pe = se ? se : p + strlen(p);
        const char *ns = p, *ne, *vs, *ve, *eq;

        while (ns < pe && is_ows(*ns))
            ns++;
        eq = memchr(ns, '=', (size_t)(pe - ns));
        if (eq) {
            ne = eq;
            while (ne > ns && is_ows(ne[-1]))
                ne--;
            vs = eq + 1;
            ve = pe;
            while (vs < ve && is_ows(*vs))
                vs++;
            while (ve > vs && is_ows(ve[-1]))
                ve--;
            if (ve - vs >= 2 && *vs == '"' && ve[-1] == '"')
                vs++, ve--;
            if (ne > ns && cookie_text_ok(ns, (size_t)(ne - ns)) &&
                cookie_text_ok(vs, (size_t)(ve - vs))) {
                int dup = 0;
                for (i = 0; i < k && !dup; i++)
                    dup = strlen(kv[i].key) == (size_t)(ne - ns) &&
                          memcmp(kv[i].key, ns, (size_t)(ne - ns)) == 0;
                if (!dup) { /* the first of duplicate names wins */
                    kv[k].key = arena_strndup(a, ns, (size_t)(ne - ns));
                    kv[k].value = arena_strndup(a, vs, (size_t)(ve - vs));
                    k++;
                }
            }
        }
        p = se ? se + 1 : pe;
    }
    *out = k ? kv : NULL;
    *nout = k;
    return 0;
}
