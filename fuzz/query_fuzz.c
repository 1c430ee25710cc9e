/* libFuzzer target for the search query parser and the snippet renderer (src/core/query.c).
 * The input, cut at its first NUL, is parsed. On success: every term's text holds only
 * ASCII lower-case letters, digits, single spaces and UTF-8 sequences (valid UTF-8, no
 * leading/trailing/double space, at most QUERY_MAX_TERMS terms, at least one positive when
 * any), and the normalised form parses again to the same normalised form. On failure: the
 * code is ERR_INVALID with a message and field "q". The input is then rendered as a
 * snippet: the HTML must contain no '<' other than <mark> and </mark>, balanced, and no
 * raw '"' or '>' outside them. A violation aborts (libFuzzer saves the input). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/err.h"
#include "core/query.h"
#include "core/utf8.h"
#include "core/util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void violation(const char *what, const char *s)
{
    fprintf(stderr, "query_fuzz: %s: %.200s\n", what, s);
    abort();
}

static void check_term(const char *t)
{
    size_t n = strlen(t), i;
    if (!n || t[0] == ' ' || t[n - 1] == ' ' || strstr(t, "  "))
        violation("spacing", t);
    if (!utf8_valid(t, n))
        violation("invalid UTF-8 in a term", t);
    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)t[i];
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == ' ' || c >= 0x80))
            violation("unexpected byte in a term", t);
    }
}

static void check_snippet(const char *s)
{
    struct buf b = BUF_INIT;
    const char *p;
    int open = 0;
    query_snippet_html(&b, s);
    for (p = b.data; *p; p++) {
        if (*p == '<') {
            if (!strncmp(p, "<mark>", 6) && !open) {
                open = 1;
                p += 5;
            } else if (!strncmp(p, "</mark>", 7) && open) {
                open = 0;
                p += 6;
            } else {
                violation("markup in snippet", b.data);
            }
        } else if (*p == '>' || *p == '"' || ((unsigned char)*p < 0x20 && *p != '\t')) {
            violation("unescaped byte in snippet", b.data);
        }
    }
    if (open)
        violation("unclosed mark", b.data);
    buf_release(&b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = x_strndup((const char *)data, size);
    struct arena a;
    struct query q;
    struct errinfo e;
    size_t i;
    arena_init(&a);
    error_clear(&e);
    if (query_parse(s, &a, &q, &e) == 0) {
        struct buf n1 = BUF_INIT, n2 = BUF_INIT;
        struct query q2;
        if (q.nterms > QUERY_MAX_TERMS || q.ntags > QUERY_MAX_TAGS)
            violation("too many", s);
        if (q.nterms && !q.npos)
            violation("only exclusions", s);
        for (i = 0; i < q.nterms; i++)
            check_term(q.terms[i].text);
        query_normalize(&q, &n1);
        if (query_parse(n1.data, &a, &q2, &e) != 0)
            violation("normalised form does not parse", n1.data);
        query_normalize(&q2, &n2);
        if (strcmp(n1.data, n2.data))
            violation("normalised form not stable", n1.data);
        buf_release(&n1);
        buf_release(&n2);
    } else if (e.code != ERR_INVALID || !e.msg[0] || strcmp(e.field, "q")) {
        violation("error without message", s);
    }
    {
        const char *w[5];
        size_t nw = query_words(s, &a, 1, w, 5);
        for (i = 0; i < nw; i++)
            if (strchr(w[i], ' '))
                violation("space in a word", w[i]);
    }
    check_snippet(s);
    arena_release(&a);
    free(s);
    return 0;
}
