/* libFuzzer target for the expertise model's text handling (src/domain/expertise_model.c):
 * expertise_tokens on arbitrary bytes, and a ranking over documents made from the input's
 * lines (line 1 is the query, the rest are answered questions, tags taken from words after
 * '#'). Checks: every token is 2..40 bytes without NUL, ASCII upper case or separators;
 * tokens of valid UTF-8 input are valid UTF-8; rankings are sorted, finite and never
 * include the excluded member. A violation aborts (libFuzzer saves the input). */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/utf8.h"
#include "domain/expertise.h"
#include "core/util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void violation(const char *what)
{
    fprintf(stderr, "expertise_fuzz: %s\n", what);
    abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct arena a;
    char *s;
    const char *w[128];
    size_t n, i, j;
    struct expertise_doc docs[16];
    struct expertise_item items[32];
    const char *tags[16][2];
    struct expertise_corpus cp;
    struct expertise_params p;
    struct expertise_query q;
    struct expertise_rank *r;
    char *line, *next;
    if (size > 1 << 16)
        return 0;
    arena_init(&a);
    s = arena_strndup(&a, (const char *)data, size);
    n = expertise_tokens(&a, s, w, 128);
    for (i = 0; i < n; i++) {
        size_t len = strlen(w[i]);
        if (len < 2 || len > 40)
            violation("token length");
        for (j = 0; j < len; j++)
            if ((w[i][j] >= 'A' && w[i][j] <= 'Z') || w[i][j] == ' ' || w[i][j] == '\n')
                violation("upper case or separator in a token");
        if (utf8_valid(s, strlen(s)) && !utf8_valid(w[i], len))
            violation("token of valid UTF-8 is not valid UTF-8");
    }
    /* a corpus from the lines */
    memset(&cp, 0, sizeof(cp));
    memset(docs, 0, sizeof(docs));
    cp.docs = docs;
    cp.items = items;
    line = s;
    next = strchr(line, '\n');
    if (next)
        *next++ = '\0';
    memset(&q, 0, sizeof(q));
    q.text = line;
    q.as_of = 1000000;
    q.exclude_uid = 1;
    while (next && cp.ndocs < 16) {
        char *l = next, *h;
        struct expertise_doc *d = &docs[cp.ndocs];
        next = strchr(l, '\n');
        if (next)
            *next++ = '\0';
        d->text = l;
        d->created_at = (int64_t)(cp.ndocs * 1000);
        d->tags = tags[cp.ndocs];
        if ((h = strchr(l, '#')) && h[1])
            tags[cp.ndocs][d->ntags++] = arena_strndup(&a, h + 1, 8);
        items[cp.nitems].user_id = (int64_t)(cp.ndocs % 4) + 1;
        items[cp.nitems].doc = (int32_t)cp.ndocs;
        items[cp.nitems].kind = (int16_t)(cp.ndocs % EXP__MAX);
        items[cp.nitems].value = cp.ndocs % 3 ? 1 : -1;
        items[cp.nitems].at = d->created_at + 10;
        cp.nitems++;
        cp.ndocs++;
    }
    if (cp.ndocs && docs[0].ntags) {
        q.tags = docs[0].tags;
        q.ntags = 1;
    }
    expertise_corpus_prepare(&a, &cp);
    for (i = 0; i < 2; i++) {
        expertise_params_default(&p, i ? EXPERTISE_SUGGEST : EXPERTISE_WHO_KNOWS);
        expertise_rank(&a, &cp, &q, &p, 0, &r, &n);
        for (j = 0; j < n; j++) {
            if (!isfinite(r[j].score))
                violation("score not finite");
            if (r[j].user_id == q.exclude_uid)
                violation("excluded member ranked");
            if (j && r[j].score > r[j - 1].score)
                violation("ranking not sorted");
            (void)expertise_evidence_text(&a, &r[j], expertise_where(&a, q.tags, q.ntags, 1));
        }
    }
    arena_release(&a);
    return 0;
}
