/* Word-level and line-level differences between two UTF-8 texts, rendered as HTML (see
 * diff.h for the contract). A comparison (compare) trims the common prefix and suffix at
 * token boundaries, cuts the middles into tokens (words, blanks, newlines, single other
 * bytes; or lines), interns them to integers by sorting, runs Myers' linear-space O(ND)
 * algorithm (middle snake, divide and conquer, after GNU diffseq.h) marking removed and
 * added tokens, and turns the marks into a script of alternating equal and changed byte
 * ranges. Every comparison is bounded (tokens per side, edit distance, search steps) and
 * reports when it gave up, so the callers can fall back to a coarser comparison. The two
 * renderers then walk the script: inline <del>/<ins> for the word diff, table rows with
 * folded context and word highlights inside changed blocks for the line diff. */
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/diff.h"
#include "core/err.h"
#include "core/html.h"
#include "core/utf8.h"
#include "core/util.h"

/* ---- tokens ---- */

enum cls { CL_WORD, CL_SPACE, CL_NL, CL_OTHER };

enum tok_mode {
    TOK_WORDS,      /* words, blank runs, "\n", single other bytes */
    TOK_LINES,      /* lines, compared with their terminator */
    TOK_LINES_NOEOL /* lines, compared without their terminator ("\n" or "\r\n") */
};

static enum cls byte_class(unsigned char c)
{
    if (c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))
        return CL_WORD;
    if (c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f')
        return CL_SPACE;
    return c == '\n' ? CL_NL : CL_OTHER;
}

/* End (exclusive) of the token of t[0..n) that starts at pos < n. */
static size_t tok_end(enum tok_mode mode, const char *t, size_t pos, size_t n)
{
    enum cls c;
    if (mode != TOK_WORDS) {
        const char *nl = memchr(t + pos, '\n', n - pos);
        return nl ? (size_t)(nl - t) + 1 : n;
    }
    c = byte_class((unsigned char)t[pos++]);
    if (c == CL_WORD || c == CL_SPACE)
        while (pos < n && byte_class((unsigned char)t[pos]) == c)
            pos++;
    return pos;
}

/* 1 if a token boundary of t[0..n) lies at pos (0 <= pos <= n). */
static int at_boundary(enum tok_mode mode, const char *t, size_t pos, size_t n)
{
    enum cls c;
    if (pos == 0 || pos == n)
        return 1;
    if (mode != TOK_WORDS)
        return t[pos - 1] == '\n';
    c = byte_class((unsigned char)t[pos - 1]);
    return (c != CL_WORD && c != CL_SPACE) || byte_class((unsigned char)t[pos]) != c;
}

/* Lengths of the common prefix and suffix of a and b, both ending/starting on a token
 * boundary of both texts, and not overlapping (pre + suf <= min(an, bn)). */
static void trim(enum tok_mode mode, const char *a, size_t an, const char *b, size_t bn,
                 size_t *pre, size_t *suf)
{
    size_t p = 0, s = 0, max = an < bn ? an : bn;
    while (p < max && a[p] == b[p])
        p++;
    while (p > 0 && !(at_boundary(mode, a, p, an) && at_boundary(mode, b, p, bn)))
        p--;
    max -= p;
    while (s < max && a[an - 1 - s] == b[bn - 1 - s])
        s++;
    while (s > 0 && !(at_boundary(mode, a, an - s, an) && at_boundary(mode, b, bn - s, bn)))
        s--;
    *pre = p;
    *suf = s;
}

/* Tokens in t[from..to), counting no further than limit + 1. */
static size_t tok_count(enum tok_mode mode, const char *t, size_t from, size_t to, size_t limit)
{
    size_t n = 0;
    while (from < to && n <= limit) {
        from = tok_end(mode, t, from, to);
        n++;
    }
    return n;
}

/* Lines in s[0..n): "\n"-terminated ones plus an unterminated last one. */
static size_t count_lines(const char *s, size_t n)
{
    size_t k = 0;
    const char *p = s, *end = s + n, *nl;
    while (p < end && (nl = memchr(p, '\n', (size_t)(end - p)))) {
        k++;
        p = nl + 1;
    }
    return k + (p < end);
}

/* Words and punctuation marks (tokens other than blanks and newlines) in s[0..n). */
static size_t count_units(const char *s, size_t n)
{
    size_t k = 0, i = 0;
    while (i < n) {
        enum cls c = byte_class((unsigned char)s[i]);
        i = tok_end(TOK_WORDS, s, i, n);
        if (c == CL_WORD || c == CL_OTHER)
            k++;
    }
    return k;
}

/* Bytes other than blanks and newlines in s[0..n). */
static size_t count_ink(const char *s, size_t n)
{
    size_t k = 0, i;
    for (i = 0; i < n; i++) {
        enum cls c = byte_class((unsigned char)s[i]);
        k += c == CL_WORD || c == CL_OTHER;
    }
    return k;
}

/* ---- interning: equal tokens get equal ids; sorting keeps adversarial inputs O(n log n) */

struct ient {
    const char *p; /* key bytes */
    uint32_t len;  /* key length */
    uint32_t idx;  /* token index: a's tokens first, then b's */
    uint64_t h;    /* FNV-1a of the key, only to make most comparisons cheap */
};

static int ient_cmp(const void *x, const void *y)
{
    const struct ient *e = x, *f = y;
    int r;
    if (e->h != f->h)
        return e->h < f->h ? -1 : 1;
    if (e->len != f->len)
        return e->len < f->len ? -1 : 1;
    r = memcmp(e->p, f->p, e->len);
    if (r)
        return r;
    return e->idx < f->idx ? -1 : e->idx > f->idx;
}

static uint64_t fnv1a(const char *s, size_t n)
{
    uint64_t h = 14695981039346656037ULL;
    size_t i;
    for (i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
    return h;
}

/* Fill id[0..na+nb) for tokens whose byte ranges are [off[i], off[i+1]) in a (i < na) and
 * [boff[j], boff[j+1]) in b; line terminators are left out of the key in TOK_LINES_NOEOL. */
static void intern(enum tok_mode mode, const char *a, const uint32_t *aoff, int na, const char *b,
                   const uint32_t *boff, int nb, int32_t *id)
{
    size_t n = (size_t)na + (size_t)nb, i;
    struct ient *e = x_calloc(n ? n : 1, sizeof(*e));
    int32_t next = -1;
    for (i = 0; i < n; i++) {
        int in_a = i < (size_t)na;
        const char *t = in_a ? a : b;
        const uint32_t *off = in_a ? aoff : boff;
        size_t k = in_a ? i : i - (size_t)na;
        size_t len = off[k + 1] - off[k];
        const char *p = t + off[k];
        if (mode == TOK_LINES_NOEOL && len && p[len - 1] == '\n') {
            len--;
            if (len && p[len - 1] == '\r')
                len--;
        }
        e[i].p = p;
        e[i].len = (uint32_t)len;
        e[i].idx = (uint32_t)i;
        e[i].h = fnv1a(p, len);
    }
    qsort(e, n, sizeof(*e), ient_cmp);
    for (i = 0; i < n; i++) {
        if (i == 0 || e[i].h != e[i - 1].h || e[i].len != e[i - 1].len ||
            memcmp(e[i].p, e[i - 1].p, e[i].len) != 0)
            next++;
        id[e[i].idx] = next;
    }
    free(e);
}

/* ---- Myers' O(ND) difference in linear space ---- */

struct myers {
    const int32_t *a, *b; /* token ids */
    char *del, *ins;      /* out: 1 for each removed a token / added b token */
    int32_t *fd, *bd;     /* furthest x per diagonal, forward and backward, index -nb-1..na+1 */
    size_t work;          /* steps taken (diagonals visited + snake steps) */
    size_t work_max;      /* give up past this */
    int max_d;            /* give up when the edit distance is found to exceed this */
};

/* Find a point (*xmid, *ymid) on a shortest edit path from (xoff, yoff) to (xlim, ylim),
 * which differ at both ends. Returns 0, or -1 if a bound was hit. */
static int middle_snake(struct myers *m, int xoff, int xlim, int yoff, int ylim, int *xmid,
                        int *ymid)
{
    const int32_t *a = m->a, *b = m->b;
    int32_t *fd = m->fd, *bd = m->bd;
    int dmin = xoff - ylim, dmax = xlim - yoff;
    int fmid = xoff - yoff, bmid = xlim - ylim;
    int fmin = fmid, fmax = fmid, bmin = bmid, bmax = bmid;
    int odd = (fmid - bmid) & 1;
    int c, d;

    fd[fmid] = xoff;
    bd[bmid] = xlim;
    for (c = 1;; c++) {
        if (2 * c - 1 > m->max_d || m->work > m->work_max)
            return -1; /* no path of 2c-2 edits or fewer: D >= 2c-1 */
        /* one more edit forward on every live diagonal */
        if (fmin > dmin)
            fd[--fmin - 1] = -1;
        else
            ++fmin;
        if (fmax < dmax)
            fd[++fmax + 1] = -1;
        else
            --fmax;
        for (d = fmax; d >= fmin; d -= 2) {
            int tlo = fd[d - 1], thi = fd[d + 1];
            int x0 = tlo < thi ? thi : tlo + 1, x = x0, y = x0 - d;
            while (x < xlim && y < ylim && a[x] == b[y])
                x++, y++;
            m->work += 1 + (size_t)(x - x0);
            fd[d] = x;
            if (odd && bmin <= d && d <= bmax && bd[d] <= x) {
                *xmid = x;
                *ymid = y;
                return 0;
            }
        }
        /* and backward */
        if (2 * c > m->max_d)
            return -1; /* D >= 2c */
        if (bmin > dmin)
            bd[--bmin - 1] = INT_MAX;
        else
            ++bmin;
        if (bmax < dmax)
            bd[++bmax + 1] = INT_MAX;
        else
            --bmax;
        for (d = bmax; d >= bmin; d -= 2) {
            int tlo = bd[d - 1], thi = bd[d + 1];
            int x0 = tlo < thi ? tlo : thi - 1, x = x0, y = x0 - d;
            while (x > xoff && y > yoff && a[x - 1] == b[y - 1])
                x--, y--;
            m->work += 1 + (size_t)(x0 - x);
            bd[d] = x;
            if (!odd && fmin <= d && d <= fmax && x <= fd[d]) {
                *xmid = x;
                *ymid = y;
                return 0;
            }
        }
    }
}

/* Mark a shortest edit script for a[xoff..xlim) -> b[yoff..ylim). 0, or -1 on a bound. The
 * recursion depth is about log2 of the edit distance. */
static int myers_run(struct myers *m, int xoff, int xlim, int yoff, int ylim)
{
    const int32_t *a = m->a, *b = m->b;
    int xmid, ymid;
    while (xoff < xlim && yoff < ylim && a[xoff] == b[yoff])
        xoff++, yoff++;
    while (xlim > xoff && ylim > yoff && a[xlim - 1] == b[ylim - 1])
        xlim--, ylim--;
    if (xoff == xlim) {
        while (yoff < ylim)
            m->ins[yoff++] = 1;
        return 0;
    }
    if (yoff == ylim) {
        while (xoff < xlim)
            m->del[xoff++] = 1;
        return 0;
    }
    if (middle_snake(m, xoff, xlim, yoff, ylim, &xmid, &ymid) < 0)
        return -1;
    if (myers_run(m, xoff, xmid, yoff, ymid) < 0)
        return -1;
    return myers_run(m, xmid, xlim, ymid, ylim);
}

/* ---- edit scripts ---- */

struct op {
    int eq;        /* 1: a[a0..a1) equals b[b0..b1); 0: a's part removed, b's part added */
    size_t a0, a1; /* byte range in a */
    size_t b0, b1; /* byte range in b */
};

struct script {
    struct op *v; /* heap; freed with script_free */
    size_t n;     /* ops used */
    size_t cap;   /* ops allocated */
};

static void script_free(struct script *s)
{
    free(s->v);
    s->v = NULL;
    s->n = s->cap = 0;
}

/* Append an op, merging it into the last one when of the same kind and contiguous. */
static void script_push(struct script *s, int eq, size_t a0, size_t a1, size_t b0, size_t b1)
{
    struct op *last = s->n ? &s->v[s->n - 1] : NULL;
    if (a0 == a1 && b0 == b1)
        return;
    if (last && last->eq == eq && last->a1 == a0 && last->b1 == b0) {
        last->a1 = a1;
        last->b1 = b1;
        return;
    }
    if (s->n == s->cap) {
        s->cap = s->cap ? s->cap * 2 : 16;
        s->v = x_realloc(s->v, s->cap * sizeof(*s->v));
    }
    s->v[s->n++] = (struct op){eq, a0, a1, b0, b1};
}

struct limits {
    size_t max_tokens; /* per side */
    size_t max_edits;  /* edit distance */
    size_t max_work;   /* steps of one top-level comparison */
};

static void limits_from(const struct diff_opts *o, struct limits *l)
{
    l->max_tokens = o && o->max_tokens ? o->max_tokens : DIFF_MAX_TOKENS;
    l->max_edits = o && o->max_edits ? o->max_edits : DIFF_MAX_EDITS;
    l->max_work = o && o->max_work ? o->max_work : DIFF_MAX_WORK;
    if (l->max_tokens > INT_MAX / 4) /* keeps every index and diagonal within int */
        l->max_tokens = INT_MAX / 4;
    if (l->max_edits > INT_MAX / 4)
        l->max_edits = INT_MAX / 4;
}

/* Offsets of the tokens of t[from..to): off[0] = from, off[i+1] = end of token i (n + 1
 * entries, heap, caller frees). */
static uint32_t *tokenize(enum tok_mode mode, const char *t, size_t from, size_t to, int n)
{
    uint32_t *off = x_calloc((size_t)n + 1, sizeof(*off));
    int i = 0;
    off[0] = (uint32_t)from;
    while (from < to && i < n) {
        from = tok_end(mode, t, from, to);
        off[++i] = (uint32_t)from;
    }
    return off;
}

/* Compare a[0..an) with b[0..bn) token by token (mode) and append the edit script, byte
 * ranges relative to a and b, to s. *budget is the number of search steps left; the steps
 * used are taken off it. Returns 0, or 1 if the comparison was abandoned (a side has more
 * than max_tokens tokens after trimming, the edit distance is above max_edits, or the
 * budget ran out); s is then left as it was. */
static int compare(const struct limits *lim, size_t *budget, enum tok_mode mode, const char *a,
                   size_t an, const char *b, size_t bn, struct script *s)
{
    size_t pre, suf, ae, be, na, nb, n0 = s->n;
    uint32_t *ao, *bo;
    int32_t *ids;
    struct myers m;
    int i, j, rc;

    trim(mode, a, an, b, bn, &pre, &suf);
    ae = an - suf;
    be = bn - suf;
    na = tok_count(mode, a, pre, ae, lim->max_tokens);
    nb = tok_count(mode, b, pre, be, lim->max_tokens);
    if (na > lim->max_tokens || nb > lim->max_tokens)
        return 1;
    script_push(s, 1, 0, pre, 0, pre);
    if (na == 0 || nb == 0) {
        script_push(s, 0, pre, ae, pre, be);
        script_push(s, 1, ae, an, be, bn);
        return 0;
    }

    ao = tokenize(mode, a, pre, ae, (int)na);
    bo = tokenize(mode, b, pre, be, (int)nb);
    ids = x_calloc(na + nb, sizeof(*ids));
    intern(mode, a, ao, (int)na, b, bo, (int)nb, ids);
    memset(&m, 0, sizeof(m));
    m.a = ids;
    m.b = ids + na;
    m.del = x_calloc(na + nb, 1);
    m.ins = m.del + na;
    m.fd = x_calloc(na + nb + 3, sizeof(int32_t));
    m.bd = x_calloc(na + nb + 3, sizeof(int32_t));
    m.fd += nb + 1;
    m.bd += nb + 1;
    m.work_max = *budget;
    m.max_d = (int)lim->max_edits;
    rc = myers_run(&m, 0, (int)na, 0, (int)nb);
    *budget -= m.work < *budget ? m.work : *budget;

    if (rc == 0) {
        i = j = 0;
        while (i < (int)na || j < (int)nb) {
            int i0 = i, j0 = j, moved;
            while (i < (int)na && j < (int)nb && !m.del[i] && !m.ins[j])
                i++, j++;
            script_push(s, 1, ao[i0], ao[i], bo[j0], bo[j]);
            i0 = i;
            j0 = j;
            do {
                moved = 0;
                for (; i < (int)na && m.del[i]; i++)
                    moved = 1;
                for (; j < (int)nb && m.ins[j]; j++)
                    moved = 1;
            } while (moved);
            if (i == i0 && j == j0) { /* cannot happen with a consistent script; be safe */
                i = (int)na;
                j = (int)nb;
            }
            script_push(s, 0, ao[i0], ao[i], bo[j0], bo[j]);
        }
        script_push(s, 1, ae, an, be, bn);
    } else {
        s->n = n0;
    }
    free(m.fd - (nb + 1));
    free(m.bd - (nb + 1));
    free(m.del);
    free(ids);
    free(ao);
    free(bo);
    return rc == 0 ? 0 : 1;
}

/* The coarsest script: common head and tail lines kept, everything between replaced. */
static void whole_script(const char *a, size_t an, const char *b, size_t bn, struct script *s)
{
    size_t pre, suf;
    trim(TOK_LINES, a, an, b, bn, &pre, &suf);
    script_push(s, 1, 0, pre, 0, pre);
    script_push(s, 0, pre, an - suf, pre, bn - suf);
    script_push(s, 1, an - suf, an, bn - suf, bn);
}

/* Fold a lone blank run between two changes into them, so "the cat" -> "a dog" reads as one
 * replacement rather than two. The blank stays on both sides, so the script still
 * rebuilds both texts. */
static void script_merge_blanks(const char *a, struct script *s)
{
    size_t k, w = 0;
    for (k = 0; k < s->n; k++) {
        struct op *o = &s->v[k];
        if (o->eq && w > 0 && !s->v[w - 1].eq && k + 1 < s->n && !s->v[k + 1].eq && o->a1 > o->a0) {
            size_t i = o->a0;
            while (i < o->a1 && byte_class((unsigned char)a[i]) == CL_SPACE)
                i++;
            if (i == o->a1) {
                s->v[w - 1].a1 = s->v[k + 1].a1;
                s->v[w - 1].b1 = s->v[k + 1].b1;
                k++;
                continue;
            }
        }
        s->v[w++] = *o;
    }
    s->n = w;
}

/* ---- output ---- */

/* Escaped text; a carriage return becomes "&#13;" (a raw one would be read as a newline). */
static void put_text(struct buf *out, const char *s, size_t n)
{
    const char *cr;
    while (n && (cr = memchr(s, '\r', n)) != NULL) {
        html_textn(out, s, (size_t)(cr - s));
        buf_puts(out, "&#13;");
        n -= (size_t)(cr - s) + 1;
        s = cr + 1;
    }
    if (n)
        html_textn(out, s, n);
}

/* Check both inputs (NULL already mapped to ""): length cap, then UTF-8. */
static int check_inputs(const char *a, size_t *an, const char *b, size_t *bn)
{
    *an = strnlen(a, DIFF_MAX_INPUT + 1);
    *bn = strnlen(b, DIFF_MAX_INPUT + 1);
    if (*an > DIFF_MAX_INPUT || *bn > DIFF_MAX_INPUT)
        return ERR_TOOBIG;
    if (!utf8_valid(a, *an) || !utf8_valid(b, *bn))
        return ERR_INVALID;
    return 0;
}

/* Shared ending of both entry points: the result code, with out cut back on overflow. */
static int finish(struct buf *out, size_t start, enum diff_level level, enum diff_level asked,
                  size_t added, size_t removed, struct diff_stats *st)
{
    if (st) {
        st->added = added;
        st->removed = removed;
        st->level = level;
    }
    if (out->err) {
        buf_truncate(out, start);
        return ERR_TOOBIG;
    }
    return level == asked ? 0 : DIFF_SIMPLIFIED;
}

int diff_words_html(struct buf *out, const char *a, const char *b, struct diff_stats *st)
{
    return diff_words_html_opts(out, a, b, NULL, st);
}

/* See diff.h. Tries words, then lines (TOK_LINES keeps the terminators so the output still
 * rebuilds both texts byte for byte), then the whole-text script. */
int diff_words_html_opts(struct buf *out, const char *a, const char *b,
                         const struct diff_opts *opts, struct diff_stats *st)
{
    struct limits lim;
    struct script s = {NULL, 0, 0};
    enum diff_level level = DIFF_LEVEL_WORDS;
    size_t an, bn, budget, k, added = 0, removed = 0, start = out->len;
    int rc;

    a = a ? a : "";
    b = b ? b : "";
    if ((rc = check_inputs(a, &an, b, &bn)) != 0)
        return rc;
    limits_from(opts, &lim);
    budget = lim.max_work;
    if (compare(&lim, &budget, TOK_WORDS, a, an, b, bn, &s) == 0) {
        script_merge_blanks(a, &s);
    } else {
        level = DIFF_LEVEL_LINES;
        budget = lim.max_work;
        if (compare(&lim, &budget, TOK_LINES, a, an, b, bn, &s) != 0) {
            level = DIFF_LEVEL_WHOLE;
            whole_script(a, an, b, bn, &s);
        }
    }
    for (k = 0; k < s.n; k++) {
        const struct op *o = &s.v[k];
        if (o->eq) {
            put_text(out, a + o->a0, o->a1 - o->a0);
            continue;
        }
        if (o->a1 > o->a0) {
            buf_puts(out, "<del>");
            put_text(out, a + o->a0, o->a1 - o->a0);
            buf_puts(out, "</del>");
            removed += count_units(a + o->a0, o->a1 - o->a0);
        }
        if (o->b1 > o->b0) {
            buf_puts(out, "<ins>");
            put_text(out, b + o->b0, o->b1 - o->b0);
            buf_puts(out, "</ins>");
            added += count_units(b + o->b0, o->b1 - o->b0);
        }
    }
    script_free(&s);
    return finish(out, start, level, DIFF_LEVEL_WORDS, added, removed, st);
}

/* State of the line renderer. */
struct lines {
    struct buf *out;
    const char *a, *b;        /* the texts */
    size_t ano, bno;          /* number of the next line of a and of b (1-based) */
    const struct limits *lim; /* bounds for word highlights; NULL: none (whole-text level) */
    size_t budget;            /* search steps left for all word highlights together */
    size_t added, removed;    /* rows so far */
};

enum row_kind { ROW_CTX, ROW_DEL, ROW_ADD };

static void row_open(struct lines *r, enum row_kind kind)
{
    static const char *const cls[] = {"diff-ctx", "diff-del", "diff-add"};
    static const char *const mark[] = {"", "-", "+"};
    struct buf *out = r->out;
    buf_printf(out, "<tr class=\"%s\"><td class=\"diff-ln\">", cls[kind]);
    if (kind != ROW_ADD)
        buf_printf(out, "%zu", r->ano++);
    buf_puts(out, "</td><td class=\"diff-ln\">");
    if (kind != ROW_DEL)
        buf_printf(out, "%zu", r->bno++);
    buf_printf(out, "</td><td class=\"diff-mark\">%s</td><td class=\"diff-text\">", mark[kind]);
    if (kind == ROW_DEL)
        r->removed++;
    else if (kind == ROW_ADD)
        r->added++;
}

static void row_close(struct lines *r)
{
    buf_puts(r->out, "</td></tr>\n");
}

/* Length of the line at t[pos..end) without its terminator; *next gets the next line. */
static size_t line_at(const char *t, size_t pos, size_t end, size_t *next)
{
    const char *nl = memchr(t + pos, '\n', end - pos);
    size_t len;
    if (!nl) {
        *next = end;
        return end - pos;
    }
    len = (size_t)(nl - (t + pos));
    *next = pos + len + 1;
    return len && nl[-1] == '\r' ? len - 1 : len;
}

/* One row per line of t[from..to), with no inner marks. */
static void plain_rows(struct lines *r, enum row_kind kind, const char *t, size_t from, size_t to)
{
    while (from < to) {
        size_t next, len = line_at(t, from, to, &next);
        row_open(r, kind);
        put_text(r->out, t + from, len);
        row_close(r);
        from = next;
    }
}

/* Unchanged lines a[from..to) (n of them): context rows, with the middle folded into a skip
 * row when the run is longer than DIFF_FOLD and not all of it is context. */
static void equal_rows(struct lines *r, size_t from, size_t to, size_t n, int after_change,
                       int before_change)
{
    size_t top = after_change ? DIFF_CONTEXT : 0, bottom = before_change ? DIFF_CONTEXT : 0;
    size_t i, hide = n > DIFF_FOLD && n > top + bottom ? n - top - bottom : 0;
    for (i = 0; from < to; i++) {
        size_t next, len = line_at(r->a, from, to, &next);
        if (hide && i == top) {
            buf_printf(r->out,
                       "<tr class=\"diff-skip\"><td colspan=\"4\">\xE2\x80\xA6 %zu unchanged "
                       "line%s \xE2\x80\xA6</td></tr>\n",
                       hide, hide == 1 ? "" : "s");
            r->ano += hide;
            r->bno += hide;
        }
        if (!hide || i < top || i >= top + hide) {
            row_open(r, ROW_CTX);
            put_text(r->out, r->a + from, len);
            row_close(r);
        }
        from = next;
    }
}

/* Rows for one side (t[0..n), the block's lines) of a word-level script ws over the block:
 * text on this side is written, changed parts inside tag, rows cut at each newline (an
 * element open at a line end is closed there and reopened on the next row), and a "\r"
 * just before a "\n" left out like any line terminator. */
static void marked_rows(struct lines *r, enum row_kind kind, const char *t, size_t n,
                        const struct script *ws)
{
    const char *open = kind == ROW_DEL ? "<del>" : "<ins>";
    const char *close = kind == ROW_DEL ? "</del>" : "</ins>";
    int in_row = 0;
    size_t k;
    for (k = 0; k < ws->n; k++) {
        const struct op *o = &ws->v[k];
        size_t pos = kind == ROW_DEL ? o->a0 : o->b0, e = kind == ROW_DEL ? o->a1 : o->b1;
        while (pos < e) {
            const char *nl = memchr(t + pos, '\n', e - pos);
            size_t stop = nl ? (size_t)(nl - t) : e, vis = stop;
            if (!in_row) {
                row_open(r, kind);
                in_row = 1;
            }
            if (vis > pos && t[vis - 1] == '\r' && vis < n && t[vis] == '\n')
                vis--;
            if (vis > pos) {
                if (!o->eq)
                    buf_puts(r->out, open);
                put_text(r->out, t + pos, vis - pos);
                if (!o->eq)
                    buf_puts(r->out, close);
            }
            if (nl) {
                row_close(r);
                in_row = 0;
                pos = stop + 1;
            } else {
                pos = e;
            }
        }
    }
    if (in_row)
        row_close(r);
}

/* A changed block: lines a[a0..a1) removed, b[b0..b1) added. Both sides present and within
 * bounds: compare them word by word and mark the changed words, if the two have enough in
 * common (at least a third of the larger side's non-blank bytes) to make marks useful. */
static void change_rows(struct lines *r, const struct op *o)
{
    const char *ta = r->a + o->a0, *tb = r->b + o->b0;
    size_t na = o->a1 - o->a0, nb = o->b1 - o->b0;
    struct script ws = {NULL, 0, 0};
    if (r->lim && na && nb && compare(r->lim, &r->budget, TOK_WORDS, ta, na, tb, nb, &ws) == 0) {
        size_t k, common = 0, ia = count_ink(ta, na), ib = count_ink(tb, nb);
        script_merge_blanks(ta, &ws);
        for (k = 0; k < ws.n; k++)
            if (ws.v[k].eq)
                common += count_ink(ta + ws.v[k].a0, ws.v[k].a1 - ws.v[k].a0);
        if (common > 0 && 3 * common >= (ia > ib ? ia : ib)) {
            marked_rows(r, ROW_DEL, ta, na, &ws);
            marked_rows(r, ROW_ADD, tb, nb, &ws);
            script_free(&ws);
            return;
        }
    }
    script_free(&ws);
    plain_rows(r, ROW_DEL, r->a, o->a0, o->a1);
    plain_rows(r, ROW_ADD, r->b, o->b0, o->b1);
}

int diff_lines_html(struct buf *out, const char *a, const char *b, struct diff_stats *st)
{
    return diff_lines_html_opts(out, a, b, NULL, st);
}

/* See diff.h. Lines are compared without terminators (TOK_LINES_NOEOL); if that comparison
 * is abandoned, the whole-text script is rendered without word highlights. */
int diff_lines_html_opts(struct buf *out, const char *a, const char *b,
                         const struct diff_opts *opts, struct diff_stats *st)
{
    struct limits lim;
    struct script s = {NULL, 0, 0};
    struct lines r;
    enum diff_level level = DIFF_LEVEL_LINES;
    size_t an, bn, budget, k, start = out->len;
    int rc;

    a = a ? a : "";
    b = b ? b : "";
    if ((rc = check_inputs(a, &an, b, &bn)) != 0)
        return rc;
    limits_from(opts, &lim);
    budget = lim.max_work;
    if (compare(&lim, &budget, TOK_LINES_NOEOL, a, an, b, bn, &s) != 0) {
        level = DIFF_LEVEL_WHOLE;
        whole_script(a, an, b, bn, &s);
    }
    memset(&r, 0, sizeof(r));
    r.out = out;
    r.a = a;
    r.b = b;
    r.ano = r.bno = 1;
    r.lim = level == DIFF_LEVEL_LINES ? &lim : NULL;
    r.budget = lim.max_work;
    buf_puts(out, "<table class=\"diff\">\n");
    for (k = 0; k < s.n; k++) {
        const struct op *o = &s.v[k];
        if (o->eq)
            equal_rows(&r, o->a0, o->a1, count_lines(a + o->a0, o->a1 - o->a0), k > 0, k + 1 < s.n);
        else
            change_rows(&r, o);
    }
    buf_puts(out, "</table>\n");
    script_free(&s);
    return finish(out, start, level, DIFF_LEVEL_LINES, r.added, r.removed, st);
}
