/* A strict multipart/form-data parser (RFC 7578) for upload routes: the boundary from the
 * Content-Type, then each part's head (only Content-Disposition and Content-Type are read;
 * other headers are skipped; obsolete line folding is refused) and its body, which may hold
 * any bytes, NUL included. Lines end in CRLF; a bare LF is tolerated in heads only. Anything
 * else (a missing first boundary, no closing "--boundary--", a part without a name, a head
 * line longer than MULTIPART_HEAD_MAX, more than max_parts parts) is refused as a whole:
 * no partial result is ever returned. Part bodies point into the caller's body (not copied,
 * not NUL-terminated); names, file names and types are NUL-free valid UTF-8 arena strings. */
#include <string.h>
#include <strings.h>

#include "core/utf8.h"
#include "http/http_int.h"
#include "core/util.h"

#define MULTIPART_HEAD_MAX  1024 /* bytes in one head line */
#define MULTIPART_HEADS_MAX 16   /* head lines in one part */
#define MULTIPART_BOUND_MAX 70   /* RFC 2046: boundary is 1 to 70 characters */

/* The value of parameter name in a header value ("a; name=x; b=\"y\""), unquoted (quoted
   pairs "\x" become x), into the arena; NULL when absent or malformed. */
static const char *header_param(struct arena *a, const char *v, const char *name)
{
    size_t nlen = strlen(name);
    const char *p = strchr(v, ';');
    while (p) {
        p++;
        while (*p == ' ' || *p == '\t')
            p++;
        if (strncasecmp(p, name, nlen) == 0 && p[nlen] == '=') {
            const char *s = p + nlen + 1;
            if (*s == '"') {
                struct buf b = BUF_INIT;
                const char *out;
                for (s++; *s && *s != '"'; s++) {
                    if (*s == '\\' && s[1])
                        s++;
                    buf_putc(&b, *s);
                }
                if (*s != '"') {
                    buf_release(&b);
                    return NULL;
                }
                out = arena_strndup(a, b.data, b.len);
                buf_release(&b);
                return out;
            }
            return arena_strndup(a, s, strcspn(s, "; \t"));
        }
        p = strchr(p, ';');
    }
    return NULL;
}

int multipart_boundary(struct arena *a, const char *content_type, const char **out)
{
    static const char t[] = "multipart/form-data";
    const char *b, *p;
    size_t n;

    *out = NULL;
    if (!content_type || strncasecmp(content_type, t, sizeof(t) - 1) != 0 ||
        (content_type[sizeof(t) - 1] != ';' && content_type[sizeof(t) - 1] != ' '))
        return ERR_INVALID;
    b = header_param(a, content_type, "boundary");
    if (!b)
        return ERR_INVALID;
    n = strlen(b);
    if (n < 1 || n > MULTIPART_BOUND_MAX)
        return ERR_INVALID;
    for (p = b; *p; p++) /* RFC 2046 bchars */
        if (!((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
              strchr("'()+_,-./:=? ", *p)))
            return ERR_INVALID;
    if (b[n - 1] == ' ')
        return ERR_INVALID;
    *out = b;
    return 0;
}

/* Find needle[0..nn) in h[0..hn); pointer or NULL. */
static const char *find(const char *h, size_t hn, const char *needle, size_t nn)
{
    size_t i;
    if (nn == 0 || hn < nn)
        return NULL;
    for (i = 0; i + nn <= hn; i++) {
        const char *p = memchr(h + i, needle[0], hn - nn + 1 - i);
        if (!p)
            return NULL;
        if (memcmp(p, needle, nn) == 0)
            return p;
        i = (size_t)(p - h);
    }
    return NULL;
}

/* Parse one part's head at p (up to end): fills part's name, filename and type. Returns the
   position after the blank line, or NULL when malformed. */
static const char *parse_head(struct arena *a, const char *p, const char *end,
                              struct multipart_part *part)
{
    int lines = 0, have_cd = 0;
    for (;;) {
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        size_t len;
        char *line;
        if (!eol)
            return NULL;
        len = (size_t)(eol - p);
        if (len && p[len - 1] == '\r')
            len--;
        if (len == 0)
            return have_cd ? eol + 1 : NULL;
        if (len > MULTIPART_HEAD_MAX || ++lines > MULTIPART_HEADS_MAX)
            return NULL;
        if (*p == ' ' || *p == '\t' || memchr(p, '\0', len) || memchr(p, '\r', len))
            return NULL; /* folding, NUL or a stray CR */
        line = arena_strndup(a, p, len);
        if (!utf8_valid(line, len))
            return NULL;
        if (strncasecmp(line, "Content-Disposition:", 20) == 0) {
            const char *v = line + 20;
            while (*v == ' ' || *v == '\t')
                v++;
            if (have_cd || strncasecmp(v, "form-data", 9) != 0 ||
                (v[9] != ';' && v[9] != '\0' && v[9] != ' '))
                return NULL;
            have_cd = 1;
            part->name = header_param(a, v, "name");
            part->filename = header_param(a, v, "filename");
            if (!part->name || !*part->name)
                return NULL;
        } else if (strncasecmp(line, "Content-Type:", 13) == 0) {
            const char *v = line + 13;
            while (*v == ' ' || *v == '\t')
                v++;
            part->type = v;
        } else if (!strchr(line, ':')) {
            return NULL;
        }
        p = eol + 1;
    }
}

int multipart_parse(struct arena *a, const char *body, size_t n, const char *boundary,
                    size_t max_parts, struct multipart_part **out, size_t *nout)
{
    struct multipart_part *parts;
    size_t bl, np = 0;
    char *delim; /* "\r\n--" boundary */
    const char *p, *end = body + n;

    *out = NULL;
    *nout = 0;
    if (!boundary || !*boundary || max_parts == 0)
        return ERR_INVALID;
    bl = strlen(boundary);
    delim = arena_alloc(a, bl + 5);
    memcpy(delim, "\r\n--", 4);
    memcpy(delim + 4, boundary, bl + 1);
    /* the body starts with the first delimiter (a preamble is refused: browsers send none) */
    if (n < bl + 2 || memcmp(body, "--", 2) != 0 || memcmp(body + 2, boundary, bl) != 0)
        return ERR_INVALID;
    p = body + 2 + bl;
    parts = ARENA_ARRAY(a, struct multipart_part, max_parts);
    for (;;) {
        const char *next;
        struct multipart_part *part;
        /* after a delimiter: "--" closes, CRLF opens a part */
        if (end - p >= 2 && p[0] == '-' && p[1] == '-') {
            p += 2;
            /* an epilogue may follow the close: only CRLF (or nothing) is accepted */
            if (!(p == end || (end - p == 2 && p[0] == '\r' && p[1] == '\n')))
                return ERR_INVALID;
            break;
        }
        if (end - p < 2 || p[0] != '\r' || p[1] != '\n')
            return ERR_INVALID;
        p += 2;
        if (np == max_parts)
            return ERR_TOOBIG;
        part = &parts[np];
        memset(part, 0, sizeof(*part));
        p = parse_head(a, p, end, part);
        if (!p)
            return ERR_INVALID;
        /* the delimiter counts only when "--" or CRLF follows it (RFC 2046) */
        for (next = find(p, (size_t)(end - p), delim, bl + 4); next;
             next = find(next + 1, (size_t)(end - next - 1), delim, bl + 4)) {
            const char *after = next + bl + 4;
            if (end - after >= 2 &&
                ((after[0] == '-' && after[1] == '-') || (after[0] == '\r' && after[1] == '\n')))
                break;
        }
        if (!next)
            return ERR_INVALID;
        part->len = (size_t)(next - p);
        part->data = p;
        if (!part->type)
            part->type = "";
        np++;
        p = next + bl + 4;
    }
    *out = np ? parts : NULL;
    *nout = np;
    return 0;
}
