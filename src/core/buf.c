/* Growable, capped, NUL-terminated byte buffer with a sticky error flag. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/util.h"

char buf_empty[1];

void buf_init(struct buf *b, size_t max)
{
    b->data = buf_empty;
    b->len = b->cap = 0;
    b->max = max ? max : BUF_MAX;
    b->err = 0;
}

void buf_release(struct buf *b)
{
    size_t max = b->max;
    if (b->cap)
        free(b->data);
    buf_init(b, max);
}

void buf_reset(struct buf *b)
{
    b->len = 0;
    b->err = 0;
    if (b->cap)
        b->data[0] = '\0';
}

char *buf_detach(struct buf *b, size_t *len)
{
    char *p = b->cap ? b->data : x_strdup("");
    if (len)
        *len = b->len;
    buf_init(b, b->max);
    return p;
}

/* Returns 0 if extra more bytes (plus the NUL) fit, or sets err and returns -1. */
static int buf_room(struct buf *b, size_t extra)
{
    size_t max = b->max ? b->max : BUF_MAX;
    size_t want, cap;
    if (b->err)
        return -1;
    if (extra > max || b->len > max - extra) {
        b->err = ERR_TOOBIG;
        return -1;
    }
    want = b->len + extra + 1;
    if (want <= b->cap)
        return 0;
    cap = b->cap ? b->cap : 64;
    while (cap < want)
        cap = cap < SIZE_MAX / 2 ? cap * 2 : want;
    if (b->cap) {
        b->data = x_realloc(b->data, cap);
    } else {
        b->data = x_malloc(cap);
        b->data[0] = '\0';
    }
    b->cap = cap;
    return 0;
}

void buf_grow(struct buf *b, size_t extra)
{
    (void)buf_room(b, extra);
}

void buf_append(struct buf *b, const void *data, size_t n)
{
    const char *src = data;
    /* data may point into b itself (buf_append(b, b->data, b->len)); growing moves it */
    size_t off = (uintptr_t)src - (uintptr_t)b->data;
    if (!b->cap || off >= b->cap)
        off = SIZE_MAX;
    if (n == 0 || buf_room(b, n))
        return;
    if (off != SIZE_MAX)
        src = b->data + off;
    memmove(b->data + b->len, src, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void buf_puts(struct buf *b, const char *s)
{
    buf_append(b, s, strlen(s));
}

void buf_putc(struct buf *b, char c)
{
    buf_append(b, &c, 1);
}

void buf_vprintf(struct buf *b, const char *fmt, va_list ap)
{
    va_list cp;
    int n;
    char small[256], *big;

    va_copy(cp, ap);
    n = vsnprintf(small, sizeof(small), fmt, cp);
    va_end(cp);
    if (n < 0)
        return;
    if ((size_t)n < sizeof(small)) {
        buf_append(b, small, (size_t)n);
        return;
    }
    /* Format into a separate block rather than into b->data: an argument may point into b
     * (buf_printf(b, "%s", b->data)), and growing b would leave it dangling. */
    if (b->err)
        return;
    if ((size_t)n > (b->max ? b->max : BUF_MAX) - b->len) {
        b->err = ERR_TOOBIG;
        return;
    }
    big = x_malloc((size_t)n + 1);
    vsnprintf(big, (size_t)n + 1, fmt, ap);
    buf_append(b, big, (size_t)n);
    free(big);
}

void buf_printf(struct buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    buf_vprintf(b, fmt, ap);
    va_end(ap);
}

void buf_truncate(struct buf *b, size_t len)
{
    if (len < b->len) {
        b->len = len;
        b->data[len] = '\0';
    }
}
