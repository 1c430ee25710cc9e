/* A per-request arena: bump allocation from a chain of blocks, freed all at once.
 * Everything that lives for one request (parsed forms, rows read from the store, strings
 * built for a page) comes from the request's arena; nothing allocated here is freed alone.
 * Allocation aborts on out-of-memory like x_malloc. Not thread-safe: one arena per request. */
#ifndef PRAXIS_CORE_ARENA_H
#define PRAXIS_CORE_ARENA_H
#include <stdarg.h>
#include <stddef.h>

struct arena_block;

struct arena {
    struct arena_block *head; /* current block (newest first) */
    size_t used;              /* bytes used in head */
    size_t total;             /* bytes handed out since init/reset (for limits and stats) */
};

void arena_init(struct arena *a);
void arena_reset(struct arena *a);   /* frees all but the first block; keeps a usable */
void arena_release(struct arena *a); /* frees everything */

void *arena_alloc(struct arena *a, size_t n);                  /* 16-byte aligned, uninitialised */
void *arena_zalloc(struct arena *a, size_t n);                 /* zeroed */
char *arena_strdup(struct arena *a, const char *s);            /* NULL stays NULL */
char *arena_strndup(struct arena *a, const char *s, size_t n); /* copies at most n bytes + NUL */
char *arena_printf(struct arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
char *arena_vprintf(struct arena *a, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));
#define ARENA_NEW(a, type)      ((type *)arena_zalloc((a), sizeof(type)))
#define ARENA_ARRAY(a, type, n) ((type *)arena_zalloc((a), sizeof(type) * (n)))

#endif
