/* libFuzzer target for the query files of `praxis search evaluate` and the word helpers of
 * natural-question search (src/core/query.c). The input is parsed as a query file
 * (query_file_parse). On success: at least one line, ids positive and unique, line numbers
 * increasing, every query parses (query_parse) and its some-words are distinct, at least 2
 * code points, not stop words. On failure: ERR_INVALID with a message, "line N: ..." with N
 * within the input's line count when it names a line. Then the input, split at its first
 * tab, is two words for query_edit_distance: d(a, a) = 0, d(a, b) = d(b, a), never above
 * max + 1. A violation aborts (libFuzzer saves the input). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/err.h"
#include "core/query.h"
#include "core/utf8.h"
#include "core/util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void violation(const char *what, const char *s)
{
    fprintf(stderr, "queryfile_fuzz: %s: %.200s\n", what, s);
    abort();
}

static void check_file(struct arena *a, const char *s, size_t n)
{
    struct query_file_line *l;
    size_t nl, i, j, lines = 1;
    struct errinfo e = {0};
    int rc = query_file_parse(s, n, a, &l, &nl, &e);
    for (i = 0; i < n; i++)
        lines += s[i] == '\n';
    if (rc < 0) {
        if (rc != ERR_INVALID || !e.msg[0])
            violation("failure without ERR_INVALID and a message", s);
        if (!strncmp(e.msg, "line ", 5) && strtoul(e.msg + 5, NULL, 10) > lines)
            violation("error names a line past the end", e.msg);
        return;
    }
    if (!nl)
        violation("success with no line", s);
    for (i = 0; i < nl; i++) {
        struct query q;
        struct errinfo qe = {0};
        const char *w[QUERY_MAX_TERMS];
        size_t nw;
        if (l[i].id <= 0)
            violation("id not positive", l[i].query);
        if (i && l[i].line <= l[i - 1].line)
            violation("line numbers not increasing", l[i].query);
        for (j = 0; j < i; j++)
            if (l[j].id == l[i].id)
                violation("duplicate id accepted", l[i].query);
        if (query_parse(l[i].query, a, &q, &qe) < 0)
            violation("accepted query does not parse", l[i].query);
        nw = query_some_words(&q, a, w, QUERY_MAX_TERMS);
        for (j = 0; j < nw; j++) {
            size_t k;
            if (query_stop_word(w[j]) || utf8_chars(w[j], strlen(w[j])) < 2)
                violation("stop word or short word kept", w[j]);
            for (k = 0; k < j; k++)
                if (!strcmp(w[k], w[j]))
                    violation("some-words not distinct", w[j]);
        }
    }
}

static void check_distance(struct arena *a, const char *s, size_t n)
{
    const char *tab = memchr(s, '\t', n);
    const char *x = tab ? arena_strndup(a, s, (size_t)(tab - s)) : s;
    const char *y = tab ? arena_strndup(a, tab + 1, n - (size_t)(tab - s) - 1) : "";
    int max = (int)(n % 4), d1, d2;
    if (query_edit_distance(x, x, 0) != 0)
        violation("d(a, a) != 0", x);
    d1 = query_edit_distance(x, y, max);
    d2 = query_edit_distance(y, x, max);
    if (d1 != d2)
        violation("distance not symmetric", s);
    if (d1 < 0 || d1 > max + 1)
        violation("distance out of range", s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct arena a;
    char *s = malloc(size + 1);
    size_t n;
    if (!s)
        return 0;
    memcpy(s, data, size);
    s[size] = '\0';
    arena_init(&a);
    check_file(&a, s, size);
    n = strlen(s); /* the words: up to the first NUL */
    check_distance(&a, s, n);
    arena_release(&a);
    free(s);
    return 0;
}
