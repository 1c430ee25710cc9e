/* Stack Exchange dump reader (see sedump.h): expat in streaming mode, rows delivered by
 * callback, DTDs refused so no entity can expand, plus the row value parsers. */
#include <expat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/sedump.h"
#include "core/tz.h"
#include "core/util.h"

struct sedump {
    XML_Parser xp;
    sedump_row_fn fn;
    void *ud;
    int depth;
    int rc; /* callback's error, or ERR_INVALID for a refused construct */
    const char *why;
    uint64_t rows;
};

static void XMLCALL on_start(void *ud, const XML_Char *name, const XML_Char **attrs)
{
    struct sedump *p = ud;
    p->depth++;
    if (p->depth == 2 && !strcmp(name, "row")) {
        int rc = p->fn(p->ud, attrs);
        p->rows++;
        if (rc < 0) {
            p->rc = rc;
            XML_StopParser(p->xp, XML_FALSE);
        }
    }
}

static void XMLCALL on_end(void *ud, const XML_Char *name)
{
    struct sedump *p = ud;
    (void)name;
    p->depth--;
}

static void XMLCALL on_doctype(void *ud, const XML_Char *name, const XML_Char *sysid,
                               const XML_Char *pubid, int has_internal)
{
    struct sedump *p = ud;
    (void)name, (void)sysid, (void)pubid, (void)has_internal;
    p->rc = ERR_INVALID;
    p->why = "a document type declaration is not allowed in a dump";
    XML_StopParser(p->xp, XML_FALSE);
}

struct sedump *sedump_new(sedump_row_fn fn, void *ud)
{
    struct sedump *p = x_calloc(1, sizeof(*p));
    p->xp = XML_ParserCreate("UTF-8");
    if (!p->xp)
        die("expat: out of memory");
    p->fn = fn;
    p->ud = ud;
    XML_SetUserData(p->xp, p);
    XML_SetElementHandler(p->xp, on_start, on_end);
    XML_SetStartDoctypeDeclHandler(p->xp, on_doctype);
    return p;
}

void sedump_free(struct sedump *p)
{
    if (!p)
        return;
    XML_ParserFree(p->xp);
    free(p);
}

unsigned long sedump_line(const struct sedump *p)
{
    return (unsigned long)XML_GetCurrentLineNumber(p->xp);
}

uint64_t sedump_rows(const struct sedump *p)
{
    return p->rows;
}

int sedump_feed(struct sedump *p, const char *data, size_t n, int final, struct errinfo *e)
{
    while (n > 0 || final) {
        int len = n > (1u << 30) ? (1 << 30) : (int)n;
        enum XML_Status st = XML_Parse(p->xp, data, len, final && (size_t)len == n);
        if (st != XML_STATUS_OK) {
            if (p->rc == ERR_INVALID && p->why)
                return error_set(e, ERR_INVALID, NULL, "line %lu: %s", sedump_line(p), p->why);
            if (p->rc < 0)
                return p->rc;
            return error_set(e, ERR_INVALID, NULL, "line %lu: %s", sedump_line(p),
                             XML_ErrorString(XML_GetErrorCode(p->xp)));
        }
        if ((size_t)len == n)
            break;
        data += len;
        n -= (size_t)len;
    }
    return 0;
}

const char *sedump_attr(const char **attrs, const char *name)
{
    size_t i;
    for (i = 0; attrs && attrs[i]; i += 2)
        if (!strcmp(attrs[i], name))
            return attrs[i + 1];
    return NULL;
}

int sedump_int(const char *s, int64_t *out)
{
    if (!s || !*s)
        return -1;
    return str_to_i64(s, out);
}

/* n decimal digits at s into *v; -1 unless all are digits. */
static int digits(const char *s, int n, int *v)
{
    int i;
    *v = 0;
    for (i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        *v = *v * 10 + (s[i] - '0');
    }
    return 0;
}

int sedump_time(const char *s, int64_t *out)
{
    int y, mo, d, h, mi, se;
    const char *p;
    if (!s || strlen(s) < 19 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' ||
        s[16] != ':')
        return -1;
    if (digits(s, 4, &y) < 0 || digits(s + 5, 2, &mo) < 0 || digits(s + 8, 2, &d) < 0 ||
        digits(s + 11, 2, &h) < 0 || digits(s + 14, 2, &mi) < 0 || digits(s + 17, 2, &se) < 0)
        return -1;
    if (y < 1970 || mo < 1 || mo > 12 || d < 1 || d > civil_month_days(y, mo) || h > 23 ||
        mi > 59 || se > 60)
        return -1;
    p = s + 19;
    if (*p == '.') {
        p++;
        if (*p < '0' || *p > '9')
            return -1;
        while (*p >= '0' && *p <= '9')
            p++;
    }
    if (*p == 'Z')
        p++;
    if (*p)
        return -1;
    *out = civil_days(y, mo, d) * 86400 + h * 3600 + mi * 60 + se;
    return 0;
}

size_t sedump_tag_norm(const char *s, size_t n, char *out, size_t size)
{
    size_t i, o = 0;
    if (size < 2)
        return 0;
    for (i = 0; i < n && o + 1 < size && o < 30; i++) {
        unsigned char ch = (unsigned char)s[i];
        const char *rep = NULL;
        char one[2] = {0, 0};
        if (ch >= 'A' && ch <= 'Z')
            ch = (unsigned char)(ch - 'A' + 'a');
        if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9')) {
            one[0] = (char)ch;
            rep = one;
        } else if (ch == '+') {
            rep = "p";
        } else if (ch == '#') {
            rep = "sharp";
        } else if (ch == '.' && o == 0) {
            rep = "dot";
        } else {
            rep = "-";
        }
        for (; *rep && o + 1 < size && o < 30; rep++) {
            if (*rep == '-' && (o == 0 || out[o - 1] == '-'))
                continue;
            out[o++] = *rep;
        }
    }
    while (o > 0 && out[o - 1] == '-')
        o--;
    out[o] = '\0';
    return o;
}

size_t sedump_tags(struct arena *a, const char *s, const char **out, size_t max)
{
    size_t n = 0;
    if (!s)
        return 0;
    while (*s && n < max) {
        const char *start, *end;
        char tag[32];
        size_t len, i;
        int dup = 0;
        while (*s == '<' || *s == '>' || *s == '|')
            s++;
        start = s;
        while (*s && *s != '<' && *s != '>' && *s != '|')
            s++;
        end = s;
        if (end == start)
            continue;
        len = sedump_tag_norm(start, (size_t)(end - start), tag, sizeof(tag));
        if (!len)
            continue;
        for (i = 0; i < n; i++)
            if (!strcmp(out[i], tag))
                dup = 1;
        if (!dup)
            out[n++] = arena_strdup(a, tag);
    }
    return n;
}
