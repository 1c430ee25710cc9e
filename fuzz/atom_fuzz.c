/* libFuzzer target for the XML escaping of the Atom writer (src/core/atom.c) and the HTTP
 * date parser that conditional GETs use (time_http_parse, src/core/timeutil.c). The input,
 * with its NUL bytes, is escaped by xml_textn: the output must be valid UTF-8 with no '<' or
 * '>', no '&' but the five entities written, and no character XML 1.0 forbids (C0 controls
 * other than tab/LF/CR), nor DEL, C1, U+FFFE or U+FFFF. Then the input, cut at its first NUL,
 * is parsed as an HTTP date: when it parses, formatting the time and parsing that again must
 * give the same time. A violation aborts (libFuzzer saves the input). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/atom.h"
#include "core/buf.h"
#include "core/timeutil.h"
#include "core/utf8.h"
#include "core/util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void violation(const char *what, const char *s)
{
    fprintf(stderr, "atom_fuzz: %s: %.200s\n", what, s);
    abort();
}

static void check_xml(const char *s, size_t n)
{
    size_t i = 0;
    if (!utf8_valid(s, n))
        violation("invalid UTF-8", s);
    while (i < n) {
        unsigned cp;
        size_t len = utf8_decode(s + i, n - i, &cp);
        if (!len)
            violation("undecodable", s + i);
        if (cp == '<' || cp == '>')
            violation("raw markup", s + i);
        if ((cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') || (cp >= 0x7F && cp <= 0x9F) ||
            cp == 0xFFFE || cp == 0xFFFF)
            violation("forbidden character", s + i);
        if (cp == '&' && !str_starts(s + i, "&amp;") && !str_starts(s + i, "&lt;") &&
            !str_starts(s + i, "&gt;") && !str_starts(s + i, "&quot;") &&
            !str_starts(s + i, "&#39;"))
            violation("stray ampersand", s + i);
        i += len;
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct buf b = BUF_INIT;
    char *s = malloc(size + 1), again[40];
    int64_t t, t2;
    if (!s)
        return 0;
    memcpy(s, data, size);
    s[size] = '\0';
    xml_textn(&b, s, size);
    check_xml(b.data, b.len);
    buf_release(&b);
    if (time_http_parse(s, &t) == 0) {
        if (t < 0)
            violation("negative time", s);
        time_http(t, again);
        if (time_http_parse(again, &t2) != 0 || t2 != t)
            violation("no round trip", s);
    }
    free(s);
    return 0;
}
