/* Aborting allocators and small string helpers. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/util.h"

static void oom(size_t n)
{
    fprintf(stderr, "praxis: out of memory allocating %zu bytes\n", n);
    abort();
}

void *x_malloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        oom(n);
    return p;
}

void *x_calloc(size_t count, size_t n)
{
    void *p;
    if (n && count > SIZE_MAX / n)
        oom(SIZE_MAX);
    p = calloc(count ? count : 1, n ? n : 1);
    if (!p)
        oom(count * n);
    return p;
}

void *x_realloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q)
        oom(n);
    return q;
}

char *x_strdup(const char *s)
{
    return x_strndup(s, strlen(s));
}

char *x_strndup(const char *s, size_t n)
{
    char *p;
    size_t len = strnlen(s, n);
    p = x_malloc(len + 1);
    memcpy(p, s, len);
    p[len] = '\0';
    return p;
}

void die(const char *fmt, ...)
{
    va_list ap;
    fputs("praxis: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    exit(1);
}

size_t str_copy(char *dst, const char *src, size_t size)
{
    size_t len = strlen(src);
    if (size) {
        size_t n = len < size - 1 ? len : size - 1;
        memcpy(dst, src, n);
        dst[n] = '\0';
    }
    return len;
}

int str_eq(const char *a, const char *b)
{
    if (!a || !b)
        return a == b;
    return strcmp(a, b) == 0;
}

int str_starts(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

int str_to_i64(const char *s, int64_t *out)
{
    char *end;
    long long v;
    if (!s || !*s || (*s != '-' && (*s < '0' || *s > '9')))
        return -1;
    errno = 0;
    v = strtoll(s, &end, 10);
    if (errno || *end)
        return -1;
    *out = v;
    return 0;
}

static int nat_digit(unsigned char ch)
{
    return ch >= '0' && ch <= '9';
}

static unsigned char nat_fold(unsigned char ch)
{
    return ch >= 'A' && ch <= 'Z' ? (unsigned char)(ch + 32) : ch;
}

int str_natcmp(const char *a, const char *b)
{
    const unsigned char *p = (const unsigned char *)a, *q = (const unsigned char *)b;
    while (*p && *q) {
        if (nat_digit(*p) && nat_digit(*q)) {
            const unsigned char *ps = p, *qs = q, *pe, *qe;
            size_t lp, lq;
            while (*ps == '0' && nat_digit(ps[1]))
                ps++;
            while (*qs == '0' && nat_digit(qs[1]))
                qs++;
            for (pe = ps; nat_digit(*pe); pe++)
                ;
            for (qe = qs; nat_digit(*qe); qe++)
                ;
            lp = (size_t)(pe - ps);
            lq = (size_t)(qe - qs);
            if (lp != lq)
                return lp < lq ? -1 : 1;
            while (ps < pe) {
                if (*ps != *qs)
                    return *ps < *qs ? -1 : 1;
                ps++;
                qs++;
            }
            if ((pe - p) != (qe - q)) /* "007" after "7" */
                return (pe - p) < (qe - q) ? -1 : 1;
            p = pe;
            q = qe;
            continue;
        }
        if (nat_fold(*p) != nat_fold(*q))
            return nat_fold(*p) < nat_fold(*q) ? -1 : 1;
        p++;
        q++;
    }
    return *p ? 1 : *q ? -1 : 0;
}
