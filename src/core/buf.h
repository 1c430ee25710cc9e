/* The one growable byte buffer.
 *
 * Invariants: data is never NULL and is always NUL-terminated (an empty buffer points at a
 * shared static ""), len < cap whenever cap > 0, and len never exceeds max. Appending past
 * max appends nothing more and sets the sticky err flag (ERR_TOOBIG), so appenders return
 * void and the caller checks b->err once at the end. Memory comes from the heap; whoever
 * calls buf_init calls buf_release (or takes the bytes with buf_detach). */
#ifndef PRAXIS_CORE_BUF_H
#define PRAXIS_CORE_BUF_H
#include <stdarg.h>
#include <stddef.h>

struct buf {
    char *data; /* bytes, NUL-terminated; never NULL */
    size_t len; /* bytes used, not counting the NUL */
    size_t cap; /* bytes allocated; 0 while data is the static "" */
    size_t max; /* largest len allowed; 0 means the default BUF_MAX */
    int err;    /* 0, or ERR_TOOBIG once an append did not fit (sticky) */
};

#define BUF_MAX ((size_t)64 << 20) /* 64 MiB: no response or document is larger */
extern char buf_empty[];
#define BUF_INIT                                                                                   \
    {                                                                                              \
        buf_empty, 0, 0, 0, 0                                                                      \
    }

void buf_init(struct buf *b, size_t max);     /* max 0 = BUF_MAX */
void buf_release(struct buf *b);              /* frees; leaves b as after buf_init */
void buf_reset(struct buf *b);                /* len = 0, err = 0, keeps memory */
char *buf_detach(struct buf *b, size_t *len); /* heap string the caller frees */
void buf_grow(struct buf *b, size_t extra);   /* ensure room for extra more bytes */

void buf_append(struct buf *b, const void *data, size_t n);
void buf_puts(struct buf *b, const char *s);
void buf_putc(struct buf *b, char c);
void buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_vprintf(struct buf *b, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
void buf_truncate(struct buf *b, size_t len); /* shorten to len (no-op if longer) */

#endif
