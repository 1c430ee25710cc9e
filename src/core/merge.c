/* The line-based three-way merge (diff3) described in core/merge.h: lines split and hashed,
 * base matched to each side by a longest common subsequence (head and tail trimmed, then a
 * bounded dynamic programme), then the stable/unstable chunk walk. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "core/merge.h"
#include "core/util.h"

struct line {
    const char *s; /* start of the line */
    size_t len;    /* bytes without the terminator */
    size_t full;   /* bytes with the terminator ("\n" or "\r\n"), if any */
    uint64_t h;    /* hash of s[0..full) */
};

struct text {
    struct line *l;
    size_t n;
};

static uint64_t hash(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ULL; /* FNV-1a */
    size_t i;
    for (i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ULL;
    }
    return h;
}

/* Split s into lines (heap array in t). ERR_TOOBIG over the caps. */
static int split(const char *s, struct text *t)
{
    size_t len = strlen(s), n = 0, cap = 16, i = 0;
    t->l = NULL;
    t->n = 0;
    if (len > MERGE_MAX_INPUT)
        return ERR_TOOBIG;
    t->l = x_malloc(cap * sizeof(*t->l));
    while (i < len) {
        const char *nl = memchr(s + i, '\n', len - i);
        size_t e = nl ? (size_t)(nl - s) : len; /* end of content */
        struct line *ln;
        if (n >= MERGE_MAX_LINES) {
            free(t->l);
            t->l = NULL;
            return ERR_TOOBIG;
        }
        if (n == cap) {
            cap *= 2;
            t->l = x_realloc(t->l, cap * sizeof(*t->l));
        }
        ln = &t->l[n++];
        ln->s = s + i;
        ln->full = (nl ? e + 1 : e) - i;
        ln->len = e - i;
        ln->h = hash(ln->s, ln->full);
        i = nl ? e + 1 : e;
    }
    t->n = n;
    return 0;
}

static int line_eq(const struct line *x, const struct line *y)
{
    return x->h == y->h && x->full == y->full && memcmp(x->s, y->s, x->full) == 0;
}

/* m[i] = index of the line of y matched to line i of x, or -1 (heap array of x->n). */
static long *match(const struct text *x, const struct text *y)
{
    long *m = x_malloc((x->n ? x->n : 1) * sizeof(*m));
    size_t pre = 0, suf = 0, n, k, i, j;
    for (i = 0; i < x->n; i++)
        m[i] = -1;
    while (pre < x->n && pre < y->n && line_eq(&x->l[pre], &y->l[pre])) {
        m[pre] = (long)pre;
        pre++;
    }
    while (suf < x->n - pre && suf < y->n - pre &&
           line_eq(&x->l[x->n - 1 - suf], &y->l[y->n - 1 - suf])) {
        m[x->n - 1 - suf] = (long)(y->n - 1 - suf);
        suf++;
    }
    n = x->n - pre - suf;
    k = y->n - pre - suf;
    if (n && k && (n + 1) <= MERGE_MAX_CELLS / (k + 1)) {
        /* L[i][j] = LCS length of x[pre+i..] and y[pre+j..] */
        uint32_t *L = x_calloc((n + 1) * (k + 1), sizeof(*L));
#define AT(i, j) L[(i) * (k + 1) + (j)]
        for (i = n; i-- > 0;)
            for (j = k; j-- > 0;) {
                if (line_eq(&x->l[pre + i], &y->l[pre + j]))
                    AT(i, j) = AT(i + 1, j + 1) + 1;
                else
                    AT(i, j) = AT(i + 1, j) > AT(i, j + 1) ? AT(i + 1, j) : AT(i, j + 1);
            }
        i = 0;
        j = 0;
        while (i < n && j < k) {
            if (line_eq(&x->l[pre + i], &y->l[pre + j])) {
                m[pre + i] = (long)(pre + j);
                i++;
                j++;
            } else if (AT(i + 1, j) >= AT(i, j + 1)) {
                i++;
            } else {
                j++;
            }
        }
#undef AT
        free(L);
    }
    return m;
}

/* 1 if x[xa..xe) and y[ya..ye) have the same lines. */
static int range_eq(const struct text *x, size_t xa, size_t xe, const struct text *y, size_t ya,
                    size_t ye)
{
    size_t i;
    if (xe - xa != ye - ya)
        return 0;
    for (i = 0; i < xe - xa; i++)
        if (!line_eq(&x->l[xa + i], &y->l[ya + i]))
            return 0;
    return 1;
}

/* Append t[a..e) as written; with terminate, make sure the result ends in "\n". */
static void put(struct buf *out, const struct text *t, size_t a, size_t e, int terminate)
{
    size_t i;
    for (i = a; i < e; i++)
        buf_append(out, t->l[i].s, t->l[i].full);
    if (terminate && e > a && t->l[e - 1].full == t->l[e - 1].len)
        buf_putc(out, '\n');
}

int merge3(struct buf *out, const char *base, const char *ours, const char *theirs,
           const char *ours_label, const char *theirs_label, size_t *nconflicts)
{
    struct text o, a, b;
    long *ma = NULL, *mb = NULL;
    size_t i = 0, ia = 0, ib = 0, conflicts = 0, start = out->len;
    int rc;

    if (nconflicts)
        *nconflicts = 0;
    rc = split(base ? base : "", &o);
    if (rc == 0)
        rc = split(ours ? ours : "", &a);
    else
        a.l = NULL;
    if (rc == 0)
        rc = split(theirs ? theirs : "", &b);
    else
        b.l = NULL;
    if (rc < 0) {
        free(o.l);
        free(a.l);
        free(b.l);
        return rc;
    }
    ma = match(&o, &a);
    mb = match(&o, &b);
    for (;;) {
        size_t k = 0, j, ea, eb;
        while (i + k < o.n && ma[i + k] == (long)(ia + k) && mb[i + k] == (long)(ib + k))
            k++;
        if (k) {
            put(out, &a, ia, ia + k, 0); /* the same bytes as base's */
            i += k;
            ia += k;
            ib += k;
            continue;
        }
        if (i == o.n && ia == a.n && ib == b.n)
            break;
        /* an unstable chunk, up to the next base line matched on both sides */
        for (j = i; j < o.n && (ma[j] < 0 || mb[j] < 0); j++)
            ;
        ea = j < o.n ? (size_t)ma[j] : a.n;
        eb = j < o.n ? (size_t)mb[j] : b.n;
        if (range_eq(&o, i, j, &a, ia, ea)) {
            put(out, &b, ib, eb, 0);
        } else if (range_eq(&o, i, j, &b, ib, eb) || range_eq(&a, ia, ea, &b, ib, eb)) {
            put(out, &a, ia, ea, 0);
        } else {
            conflicts++;
            if (out->len > start && out->data[out->len - 1] != '\n')
                buf_putc(out, '\n');
            buf_printf(out, "<<<<<<< %s\n", ours_label ? ours_label : "ours");
            put(out, &a, ia, ea, 1);
            buf_puts(out, "=======\n");
            put(out, &b, ib, eb, 1);
            buf_printf(out, ">>>>>>> %s\n", theirs_label ? theirs_label : "theirs");
        }
        i = j;
        ia = ea;
        ib = eb;
    }
    free(ma);
    free(mb);
    free(o.l);
    free(a.l);
    free(b.l);
    if (nconflicts)
        *nconflicts = conflicts;
    if (out->err)
        return ERR_TOOBIG;
    return conflicts ? MERGE_CONFLICT : 0;
}
