/* Strict UTF-8 validation and decoding (RFC 3629): rejects overlong forms, UTF-16 surrogates
 * (U+D800..U+DFFF), code points above U+10FFFF, stray continuation bytes and truncated
 * sequences. Used at the edge (all text input must be valid UTF-8) and by the escapers in
 * html.c, which replace whatever does not decode with U+FFFD. */
#include <stddef.h>

#include "core/utf8.h"
#include "core/util.h"

/* Decode one code point from s (n > 0 bytes available). Returns the sequence length (1..4)
 * and stores the code point in *cp, or returns 0 (and leaves *cp untouched) if the bytes at s
 * are not the start of a valid, complete, shortest-form sequence. */
size_t utf8_decode(const char *s, size_t n, unsigned *cp)
{
    const unsigned char *p = (const unsigned char *)s;
    unsigned c, min;
    size_t len, i;

    if (n == 0)
        return 0;
    c = p[0];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    if (c < 0xC2) /* continuation byte, or C0/C1 (always overlong) */
        return 0;
    if (c < 0xE0) {
        len = 2;
        c &= 0x1F;
        min = 0x80;
    } else if (c < 0xF0) {
        len = 3;
        c &= 0x0F;
        min = 0x800;
    } else if (c < 0xF5) {
        len = 4;
        c &= 0x07;
        min = 0x10000;
    } else {
        return 0;
    }
    if (n < len)
        return 0;
    for (i = 1; i < len; i++) {
        if ((p[i] & 0xC0) != 0x80)
            return 0;
        c = (c << 6) | (p[i] & 0x3F);
    }
    if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
        return 0;
    *cp = c;
    return len;
}

/* 1 if every byte of s[0..n) belongs to a valid sequence; NUL bytes count as valid (U+0000),
 * callers that forbid them check separately. */
int utf8_valid(const char *s, size_t n)
{
    size_t i = 0;
    unsigned cp;
    while (i < n) {
        size_t len;
        if ((unsigned char)s[i] < 0x80) {
            i++;
            continue;
        }
        len = utf8_decode(s + i, n - i, &cp);
        if (len == 0)
            return 0;
        i += len;
    }
    return 1;
}

/* Number of code points in s[0..n). For invalid input this counts the bytes that are not
 * continuation bytes, which is never more than n. */
size_t utf8_chars(const char *s, size_t n)
{
    size_t i, count = 0;
    for (i = 0; i < n; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            count++;
    return count;
}

/* 1 if the NUL-terminated s contains a control character: C0 controls other than tab (and
 * other than \n and \r when allow_newlines), DEL, and the C1 controls U+0080..U+009F. */
int utf8_has_controls(const char *s, int allow_newlines)
{
    const unsigned char *p = (const unsigned char *)s;
    for (; *p; p++) {
        if (*p < 0x20) {
            if (*p == '\t')
                continue;
            if (allow_newlines && (*p == '\n' || *p == '\r'))
                continue;
            return 1;
        }
        if (*p == 0x7F)
            return 1;
        if (*p == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F) /* U+0080..U+009F */
            return 1;
    }
    return 0;
}
