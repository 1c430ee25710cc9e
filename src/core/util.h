/* Allocation that aborts on out-of-memory, and small string helpers.
 * Every .c file includes this header (it pulls in banned.h last). */
#ifndef PRAXIS_CORE_UTIL_H
#define PRAXIS_CORE_UTIL_H
#include <stddef.h>
#include <stdint.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define PRINTF(f, a)  __attribute__((format(printf, f, a)))

void *x_malloc(size_t n);               /* never returns NULL; aborts on OOM */
void *x_calloc(size_t count, size_t n); /* zeroed; checks count*n overflow */
void *x_realloc(void *p, size_t n);
char *x_strdup(const char *s);
char *x_strndup(const char *s, size_t n);
void die(const char *fmt, ...) PRINTF(1, 2) __attribute__((noreturn)); /* start-up only */

/* strlcpy-like copy into a fixed array; returns strlen(src) (truncated if >= size). */
size_t str_copy(char *dst, const char *src, size_t size);
int str_eq(const char *a, const char *b);          /* NULL-safe equality */
int str_starts(const char *s, const char *prefix); /* 1 if s begins with prefix */
/* Natural order of a and b (<0, 0, >0): ASCII letters compared without case, runs of digits
   by their value (leading zeros ignored; equal values compare by length), so "beer-2" sorts
   before "beer-10". Other bytes compare as unsigned. */
int str_natcmp(const char *a, const char *b);
/* Parse a decimal int64 that must span the whole string; 0 on success, -1 otherwise. */
int str_to_i64(const char *s, int64_t *out);

#include "core/banned.h"
#endif
