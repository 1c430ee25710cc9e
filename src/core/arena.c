/* Bump allocator over a chain of heap blocks; see arena.h. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/util.h"

#define ARENA_BLOCK 16384
#define ARENA_ALIGN 16

struct arena_block {
    struct arena_block *next; /* older block */
    size_t size;              /* usable bytes in mem */
    _Alignas(16) unsigned char mem[];
};

void arena_init(struct arena *a)
{
    a->head = NULL;
    a->used = 0;
    a->total = 0;
}

void arena_release(struct arena *a)
{
    struct arena_block *b = a->head, *next;
    while (b) {
        next = b->next;
        free(b);
        b = next;
    }
    arena_init(a);
}

void arena_reset(struct arena *a)
{
    struct arena_block *b = a->head, *keep = NULL;
    /* keep one standard-size block (any: one-off big blocks may sit anywhere in the chain,
     * so the oldest block is not necessarily a standard one), free the rest */
    while (b) {
        struct arena_block *next = b->next;
        if (!keep && b->size == ARENA_BLOCK)
            keep = b;
        else
            free(b);
        b = next;
    }
    a->head = keep;
    if (keep)
        keep->next = NULL;
    a->used = 0;
    a->total = 0;
}

void *arena_alloc(struct arena *a, size_t n)
{
    size_t need = (n + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
    void *p;
    if (need < n)
        abort();
    if (!a->head || a->head->size - a->used < need) {
        size_t size = need > ARENA_BLOCK / 4 ? need : ARENA_BLOCK;
        struct arena_block *b;
        if (size > SIZE_MAX - sizeof(*b))
            abort();
        b = x_malloc(sizeof(*b) + size);
        b->size = size;
        if (size == ARENA_BLOCK || !a->head) {
            b->next = a->head;
            a->head = b;
            a->used = 0;
        } else {
            /* a big one-off: slot it behind head so head keeps its free space */
            b->next = a->head->next;
            a->head->next = b;
            a->total += n;
            return b->mem;
        }
    }
    p = a->head->mem + a->used;
    a->used += need;
    a->total += n;
    return p;
}

void *arena_zalloc(struct arena *a, size_t n)
{
    void *p = arena_alloc(a, n);
    memset(p, 0, n);
    return p;
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
    char *p;
    size_t len;
    if (!s)
        return NULL;
    len = strnlen(s, n);
    p = arena_alloc(a, len + 1);
    memcpy(p, s, len);
    p[len] = '\0';
    return p;
}

char *arena_strdup(struct arena *a, const char *s)
{
    return s ? arena_strndup(a, s, strlen(s)) : NULL;
}

char *arena_vprintf(struct arena *a, const char *fmt, va_list ap)
{
    va_list cp;
    int n;
    char *p;
    va_copy(cp, ap);
    n = vsnprintf(NULL, 0, fmt, cp);
    va_end(cp);
    if (n < 0)
        return arena_strdup(a, "");
    p = arena_alloc(a, (size_t)n + 1);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    return p;
}

char *arena_printf(struct arena *a, const char *fmt, ...)
{
    va_list ap;
    char *p;
    va_start(ap, fmt);
    p = arena_vprintf(a, fmt, ap);
    va_end(ap);
    return p;
}
