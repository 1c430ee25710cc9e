/* UTF-8 checks used at the edge: all text input must be valid UTF-8. */
#ifndef PRAXIS_CORE_UTF8_H
#define PRAXIS_CORE_UTF8_H
#include <stddef.h>

int utf8_valid(const char *s, size_t n);    /* 1 if s[0..n) is valid UTF-8 (no overlongs,
                                               no surrogates, <= U+10FFFF) */
size_t utf8_chars(const char *s, size_t n); /* code points in valid UTF-8 */
/* Decode one code point at s (n bytes available); returns its length, or 0 if invalid. */
size_t utf8_decode(const char *s, size_t n, unsigned *cp);
/* 1 if s has control characters other than \t \n \r (for single-line fields: also \n \r). */
int utf8_has_controls(const char *s, int allow_newlines);

#endif
