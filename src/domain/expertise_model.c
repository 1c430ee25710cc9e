/* The expertise model: pure scoring over a list of evidence items, with no database and no
 * ctx, so the pages, the API and the evaluation run exactly the same code and the unit
 * tests can drive it with constructed evidence.
 *
 * A member's score for a query is
 *     w_tag  * sum(weight[kind] * value * decay(age) * tagmatch(doc))
 *   + w_text * sum(weight[kind] * value * decay(age) * sim(doc))      (sim >= text_min)
 *   + w_activity * sum(decay_activity(age) for each answer, any topic)
 * over the items created before as_of, where tagmatch is the share of the query's tags the
 * document carries, and sim is the share of the query's idf mass (idf over the documents
 * that existed at as_of) found in the document, damped for long documents. See
 * docs/internals/expertise.md. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/timeutil.h"
#include "domain/expertise.h"
#include "core/util.h"

#define TOKEN_MAX      40   /* bytes of one token */
#define DOC_TOKENS_MAX 400  /* tokens read from one document */
#define LONG_DOC       20.0 /* documents longer than this many tokens are damped */

void expertise_params_default(struct expertise_params *p, enum expertise_purpose purpose)
{
    memset(p, 0, sizeof(*p));
    p->half_life_days = EXPERTISE_HALF_LIFE_DEFAULT;
    p->weight[EXP_ANSWER] = 1.0;
    p->weight[EXP_ACCEPTED] = 3.0;
    p->weight[EXP_VOTE] = 1.0;
    p->weight[EXP_ARTICLE_WRITTEN] = 4.0;
    p->weight[EXP_ARTICLE_REVIEWED] = 2.0;
    p->weight[EXP_IMPORTED_VOTES] = 1.0;
    p->w_tag = 1.0;
    p->w_text = 2.0;
    p->w_activity = 0.3;
    p->activity_half_life_days = 60;
    p->text_min = 0.02;
    p->text_shown = 0.15;
    p->fallback_active = 0;
    if (purpose == EXPERTISE_SUGGEST) {
        p->w_activity = 3.0;
        p->activity_half_life_days = 30;
        p->fallback_active = 1;
    }
}

double expertise_decay(int64_t age_seconds, double half_life_days)
{
    if (half_life_days <= 0)
        return 0;
    if (age_seconds <= 0)
        return 1;
    return exp2(-(double)age_seconds / (half_life_days * 86400.0));
}

/* ------------------------------------------------------------------------------------------ */
/* Tokens */

static const char *const stop_words[] = {
    /* sorted (bsearch), unique */
    "a",     "about", "all",  "also", "am",    "an",     "and",   "any",  "are",   "as",   "at",
    "be",    "been",  "but",  "by",   "can",   "com",    "could", "do",   "doe",   "does", "each",
    "for",   "from",  "get",  "had",  "has",   "have",   "how",   "http", "https", "i",    "if",
    "in",    "into",  "is",   "it",   "its",   "just",   "like",  "make", "many",  "may",  "me",
    "more",  "most",  "much", "my",   "no",    "not",    "of",    "on",   "one",   "only", "or",
    "org",   "other", "our",  "out",  "same",  "should", "so",    "some", "such",  "than", "that",
    "the",   "their", "them", "then", "there", "these",  "they",  "thi",  "this",  "to",   "use",
    "used",  "using", "very", "wa",   "was",   "way",    "we",    "were", "what",  "when", "where",
    "which", "while", "who",  "why",  "will",  "with",   "would", "www",  "you",   "your",
};

static int cmp_word(const void *key, const void *elem)
{
    return strcmp(key, *(const char *const *)elem);
}

static int is_stop(const char *w)
{
    if (strlen(w) > 6) /* no stop word is longer */
        return 0;
    return bsearch(w, stop_words, ARRAY_SIZE(stop_words), sizeof(stop_words[0]), cmp_word) != NULL;
}

static int word_byte(unsigned char ch)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
           ch >= 0x80;
}

size_t expertise_tokens(struct arena *a, const char *text, const char **out, size_t max)
{
    const unsigned char *p = (const unsigned char *)(text ? text : "");
    size_t n = 0;
    while (*p && n < max) {
        char w[TOKEN_MAX + 1];
        size_t len = 0;
        while (*p && !word_byte(*p))
            p++;
        while (*p && word_byte(*p)) {
            if (len < TOKEN_MAX)
                w[len++] = (char)(*p >= 'A' && *p <= 'Z' ? *p - 'A' + 'a' : *p);
            p++;
        }
        if (len == TOKEN_MAX) { /* cut: drop a multi-byte sequence left incomplete */
            size_t lead = len;
            unsigned char c0;
            while (lead && ((unsigned char)w[lead - 1] & 0xC0) == 0x80)
                lead--;
            if (lead) {
                size_t need;
                c0 = (unsigned char)w[lead - 1];
                need = c0 >= 0xF0 ? 4 : c0 >= 0xE0 ? 3 : c0 >= 0xC0 ? 2 : 1;
                if (len - (lead - 1) < need)
                    len = lead - 1;
            }
        }
        if (len > 3 && w[len - 1] == 's' && w[len - 2] != 's')
            len--; /* crude plural folding: vowels/vowel, but not "class" */
        w[len] = '\0';
        if (len < 2 || is_stop(w))
            continue;
        out[n++] = arena_strndup(a, w, len);
    }
    return n;
}

/* ------------------------------------------------------------------------------------------ */
/* Vocabulary: an open-addressing string -> id table in the arena. */

struct vocab {
    const char **keys; /* slot -> key or NULL */
    int32_t *ids;      /* slot -> id */
    size_t cap;        /* power of two */
    size_t count;
};

static uint64_t hash_str(const char *s)
{
    uint64_t h = 1469598103934665603ULL;
    while (*s)
        h = (h ^ (unsigned char)*s++) * 1099511628211ULL;
    return h;
}

static void vocab_init(struct arena *a, struct vocab *v, size_t cap)
{
    v->cap = cap;
    v->count = 0;
    v->keys = ARENA_ARRAY(a, const char *, cap);
    v->ids = ARENA_ARRAY(a, int32_t, cap);
}

/* The id of key, or -1 when absent. */
static int32_t vocab_find(const struct vocab *v, const char *key)
{
    size_t i = (size_t)hash_str(key) & (v->cap - 1);
    while (v->keys[i]) {
        if (!strcmp(v->keys[i], key))
            return v->ids[i];
        i = (i + 1) & (v->cap - 1);
    }
    return -1;
}

/* The id of key, adding it (key must live as long as the table) when absent. */
static int32_t vocab_add(struct arena *a, struct vocab *v, const char *key)
{
    size_t i;
    if ((v->count + 1) * 2 > v->cap) {
        struct vocab nv;
        size_t j;
        vocab_init(a, &nv, v->cap * 2);
        for (j = 0; j < v->cap; j++)
            if (v->keys[j]) {
                size_t k = (size_t)hash_str(v->keys[j]) & (nv.cap - 1);
                while (nv.keys[k])
                    k = (k + 1) & (nv.cap - 1);
                nv.keys[k] = v->keys[j];
                nv.ids[k] = v->ids[j];
            }
        nv.count = v->count;
        *v = nv;
    }
    i = (size_t)hash_str(key) & (v->cap - 1);
    while (v->keys[i]) {
        if (!strcmp(v->keys[i], key))
            return v->ids[i];
        i = (i + 1) & (v->cap - 1);
    }
    v->keys[i] = key;
    v->ids[i] = (int32_t)v->count;
    return (int32_t)v->count++;
}

struct index {
    struct vocab vocab;
    int32_t **post; /* token id -> doc indices (ascending) */
    int32_t *npost; /* token id -> count */
};

static int cmp_i32(const void *x, const void *y)
{
    int32_t a = *(const int32_t *)x, b = *(const int32_t *)y;
    return a < b ? -1 : a > b;
}

void expertise_corpus_prepare(struct arena *a, struct expertise_corpus *cp)
{
    struct index *ix = arena_zalloc(a, sizeof(*ix));
    const char **words = ARENA_ARRAY(a, const char *, DOC_TOKENS_MAX);
    int32_t *fill;
    size_t d, i, j, nv;
    vocab_init(a, &ix->vocab, 1024);
    for (d = 0; d < cp->ndocs; d++) {
        struct expertise_doc *doc = &cp->docs[d];
        size_t nw = expertise_tokens(a, doc->text, words, DOC_TOKENS_MAX), k = 0;
        doc->tok = ARENA_ARRAY(a, int32_t, nw ? nw : 1);
        for (i = 0; i < nw; i++)
            doc->tok[i] = vocab_add(a, &ix->vocab, words[i]);
        qsort(doc->tok, nw, sizeof(int32_t), cmp_i32);
        for (i = 0; i < nw; i++)
            if (!k || doc->tok[k - 1] != doc->tok[i])
                doc->tok[k++] = doc->tok[i];
        doc->ntok = (int32_t)k;
        doc->tagid = ARENA_ARRAY(a, int32_t, doc->ntags ? doc->ntags : 1);
        for (i = 0; i < doc->ntags; i++)
            doc->tagid[i] = vocab_add(a, &ix->vocab, arena_printf(a, "#%s", doc->tags[i]));
        doc->ntagid = (int32_t)doc->ntags;
    }
    nv = ix->vocab.count;
    ix->npost = ARENA_ARRAY(a, int32_t, nv ? nv : 1);
    ix->post = ARENA_ARRAY(a, int32_t *, nv ? nv : 1);
    for (d = 0; d < cp->ndocs; d++)
        for (i = 0; i < (size_t)cp->docs[d].ntok; i++)
            ix->npost[cp->docs[d].tok[i]]++;
    for (i = 0; i < nv; i++)
        ix->post[i] = ARENA_ARRAY(a, int32_t, ix->npost[i] ? (size_t)ix->npost[i] : 1);
    fill = ARENA_ARRAY(a, int32_t, nv ? nv : 1);
    for (d = 0; d < cp->ndocs; d++)
        for (i = 0; i < (size_t)cp->docs[d].ntok; i++) {
            int32_t t = cp->docs[d].tok[i];
            ix->post[t][fill[t]++] = (int32_t)d;
        }
    /* drop items that point nowhere */
    for (i = j = 0; i < cp->nitems; i++)
        if (cp->items[i].doc >= 0 && (size_t)cp->items[i].doc < cp->ndocs &&
            cp->items[i].kind >= 0 && cp->items[i].kind < EXP__MAX)
            cp->items[j++] = cp->items[i];
    cp->nitems = j;
    cp->index = ix;
}

/* ------------------------------------------------------------------------------------------ */
/* Ranking */

/* int64 user id -> slot in an array of ranks. */
struct umap {
    int64_t *keys;
    int32_t *vals;
    size_t cap;
};

static int32_t umap_get(struct umap *m, int64_t key, int32_t next)
{
    size_t i = (size_t)(((uint64_t)key * 11400714819323198485ULL) >> 20) & (m->cap - 1);
    while (m->keys[i]) {
        if (m->keys[i] == key)
            return m->vals[i];
        i = (i + 1) & (m->cap - 1);
    }
    m->keys[i] = key;
    m->vals[i] = next;
    return -1;
}

static int cmp_rank(const void *x, const void *y)
{
    const struct expertise_rank *a = x, *b = y;
    if (a->score != b->score)
        return a->score > b->score ? -1 : 1;
    if (a->last_at != b->last_at)
        return a->last_at > b->last_at ? -1 : 1;
    return a->user_id < b->user_id ? -1 : a->user_id > b->user_id;
}

static size_t pow2_at_least(size_t n)
{
    size_t c = 16;
    while (c < n)
        c *= 2;
    return c;
}

void expertise_rank(struct arena *a, const struct expertise_corpus *cp,
                    const struct expertise_query *q, const struct expertise_params *p, size_t limit,
                    struct expertise_rank **out, size_t *n)
{
    const struct index *ix = cp->index;
    double *sim = NULL, *tm = NULL;
    int32_t qtag[EXPERTISE_TAGS_MAX];
    size_t nqtag = 0, i, nr = 0, cap;
    struct expertise_rank *r;
    struct umap um;
    *out = NULL;
    *n = 0;
    if (!ix)
        return;

    /* tag match per doc */
    for (i = 0; i < q->ntags && i < EXPERTISE_TAGS_MAX; i++) {
        int32_t id = vocab_find(&ix->vocab, arena_printf(a, "#%s", q->tags[i]));
        qtag[nqtag++] = id; /* -1: no doc has it, still counts in the denominator */
    }
    if (nqtag) {
        tm = ARENA_ARRAY(a, double, cp->ndocs ? cp->ndocs : 1);
        for (i = 0; i < cp->ndocs; i++) {
            const struct expertise_doc *d = &cp->docs[i];
            int32_t k, hit = 0;
            size_t j;
            if (d->created_at >= q->as_of)
                continue;
            for (j = 0; j < nqtag; j++)
                for (k = 0; k < d->ntagid; k++)
                    if (qtag[j] >= 0 && d->tagid[k] == qtag[j])
                        hit++;
            tm[i] = (double)hit / (double)nqtag;
        }
    }

    /* text similarity per doc: idf over the docs that existed at as_of */
    if (q->text && *q->text) {
        const char *words[64];
        int32_t ids[64];
        double idf[64], qmass = 0;
        size_t nw = expertise_tokens(a, q->text, words, 64), nid = 0, ndocs_then = 0, j;
        for (i = 0; i < cp->ndocs; i++)
            ndocs_then += cp->docs[i].created_at < q->as_of;
        for (i = 0; i < nw; i++) {
            int32_t id = vocab_find(&ix->vocab, words[i]);
            int dup = 0;
            for (j = 0; j < nid; j++)
                dup |= ids[j] == id;
            if (id < 0 || dup)
                continue;
            ids[nid] = id;
            {
                int32_t df = 0, k;
                for (k = 0; k < ix->npost[id]; k++)
                    df += cp->docs[ix->post[id][k]].created_at < q->as_of;
                idf[nid] = df ? log(1.0 + (double)ndocs_then / (double)df) : 0;
            }
            nid++;
        }
        for (j = 0; j < nid; j++)
            qmass += idf[j] * idf[j];
        /* words no document had still count in the query's mass: a question about
           something new is not "similar" to an old one sharing one common word */
        {
            double unknown = log(1.0 + (double)(ndocs_then ? ndocs_then : 1));
            size_t nunknown = 0;
            for (i = 0; i < nw; i++) {
                int32_t id = vocab_find(&ix->vocab, words[i]);
                size_t k;
                int dup = 0;
                for (k = 0; k < i; k++)
                    dup |= !strcmp(words[k], words[i]);
                if (!dup && id < 0)
                    nunknown++;
            }
            qmass += (double)nunknown * unknown * unknown;
        }
        if (nid && qmass > 0) {
            sim = ARENA_ARRAY(a, double, cp->ndocs ? cp->ndocs : 1);
            for (j = 0; j < nid; j++) {
                int32_t k, id = ids[j];
                for (k = 0; k < ix->npost[id]; k++) {
                    int32_t d = ix->post[id][k];
                    if (cp->docs[d].created_at < q->as_of)
                        sim[d] += idf[j] * idf[j];
                }
            }
            for (i = 0; i < cp->ndocs; i++)
                if (sim[i] > 0) {
                    double len = cp->docs[i].ntok > LONG_DOC ? cp->docs[i].ntok : LONG_DOC;
                    sim[i] = sim[i] / qmass * sqrt(LONG_DOC / len);
                }
        }
    }

    /* accumulate per member */
    cap = pow2_at_least(cp->nitems * 2 + 2);
    um.cap = cap;
    um.keys = ARENA_ARRAY(a, int64_t, cap);
    um.vals = ARENA_ARRAY(a, int32_t, cap);
    r = ARENA_ARRAY(a, struct expertise_rank, cp->nitems ? cp->nitems : 1);
    for (i = 0; i < cp->nitems; i++) {
        const struct expertise_item *it = &cp->items[i];
        const struct expertise_doc *d = &cp->docs[it->doc];
        struct expertise_rank *u;
        double w, dec, rel_tag, rel_text;
        int32_t slot;
        if (it->at >= q->as_of || d->created_at >= q->as_of || it->user_id <= 0 ||
            it->user_id == q->exclude_uid || (q->only_uid && it->user_id != q->only_uid))
            continue;
        slot = umap_get(&um, it->user_id, (int32_t)nr);
        if (slot < 0) {
            slot = (int32_t)nr++;
            r[slot].user_id = it->user_id;
        }
        u = &r[slot];
        w = p->weight[it->kind] * it->value;
        dec = expertise_decay(q->as_of - it->at, p->half_life_days);
        if (it->kind == EXP_ANSWER)
            u->activity += expertise_decay(q->as_of - it->at, p->activity_half_life_days);
        rel_tag = tm ? tm[it->doc] : 0;
        rel_text = sim && sim[it->doc] >= p->text_min ? sim[it->doc] : 0;
        if (rel_tag <= 0 && rel_text <= 0)
            continue;
        u->tag_score += w * dec * rel_tag;
        u->text_score += w * dec * rel_text;
        if (rel_tag <= 0 && rel_text < p->text_shown)
            continue; /* scored, but too faint to be shown (or to count as relevant) */
        switch (it->kind) {
        case EXP_ANSWER:
            u->answers++;
            u->similar += rel_text > 0;
            break;
        case EXP_ACCEPTED:
            u->accepted++;
            break;
        case EXP_VOTE:
        case EXP_IMPORTED_VOTES:
            u->votes += it->value;
            break;
        default:
            u->articles++;
            break;
        }
        if (it->at > u->last_at)
            u->last_at = it->at;
    }
    {
        size_t k = 0;
        for (i = 0; i < nr; i++) {
            struct expertise_rank *u = &r[i];
            int relevant = u->answers || u->accepted || u->votes || u->articles;
            u->score =
                p->w_tag * u->tag_score + p->w_text * u->text_score + p->w_activity * u->activity;
            if ((relevant && u->score > 0) || (p->fallback_active && u->activity > 0))
                r[k++] = *u;
        }
        nr = k;
    }
    qsort(r, nr, sizeof(*r), cmp_rank);
    *out = r;
    *n = limit && nr > limit ? limit : nr;
}

/* ------------------------------------------------------------------------------------------ */
/* Profiles */

static int cmp_tag(const void *x, const void *y)
{
    const struct expertise_tag *a = x, *b = y;
    if (a->score != b->score)
        return a->score > b->score ? -1 : 1;
    return strcmp(a->tag, b->tag);
}

void expertise_profile_tags(struct arena *a, const struct expertise_corpus *cp, int64_t uid,
                            int64_t as_of, const struct expertise_params *p, size_t limit,
                            struct expertise_tag **out, size_t *n)
{
    struct expertise_tag *t = NULL;
    size_t nt = 0, cap = 0, i, j, k;
    for (i = 0; i < cp->nitems; i++) {
        const struct expertise_item *it = &cp->items[i];
        const struct expertise_doc *d = &cp->docs[it->doc];
        double w;
        if (it->user_id != uid || it->at >= as_of)
            continue;
        w = p->weight[it->kind] * it->value * expertise_decay(as_of - it->at, p->half_life_days);
        for (j = 0; j < d->ntags; j++) {
            for (k = 0; k < nt; k++)
                if (!strcmp(t[k].tag, d->tags[j]))
                    break;
            if (k == nt) {
                if (nt == cap) {
                    struct expertise_tag *nt2;
                    cap = cap ? cap * 2 : 16;
                    nt2 = ARENA_ARRAY(a, struct expertise_tag, cap);
                    if (nt)
                        memcpy(nt2, t, nt * sizeof(*t));
                    t = nt2;
                }
                t[nt].tag = d->tags[j];
                nt++;
            }
            t[k].score += w;
            switch (it->kind) {
            case EXP_ANSWER:
                t[k].answers++;
                break;
            case EXP_ACCEPTED:
                t[k].accepted++;
                break;
            case EXP_VOTE:
            case EXP_IMPORTED_VOTES:
                t[k].votes += it->value;
                break;
            default:
                t[k].articles++;
                break;
            }
            if (it->at > t[k].last_at)
                t[k].last_at = it->at;
        }
    }
    for (i = j = 0; i < nt; i++)
        if (t[i].score > 0)
            t[j++] = t[i];
    nt = j;
    if (nt)
        qsort(t, nt, sizeof(*t), cmp_tag);
    *out = t;
    *n = limit && nt > limit ? limit : nt;
}

/* ------------------------------------------------------------------------------------------ */

const char *expertise_where(struct arena *a, const char *const *tags, size_t ntags, int text)
{
    struct buf b = BUF_INIT;
    const char *s;
    size_t i;
    for (i = 0; i < ntags && i < EXPERTISE_TAGS_MAX; i++)
        buf_printf(&b, "%s#%s", i ? " or " : "in ", tags[i]);
    if (text)
        buf_puts(&b, b.len ? " or on similar questions" : "on similar questions");
    s = b.len ? arena_strdup(a, b.data) : NULL;
    buf_release(&b);
    return s;
}

const char *expertise_evidence_text(struct arena *a, const struct expertise_rank *r,
                                    const char *where)
{
    struct buf b = BUF_INIT;
    const char *s;
    char iso[32];
    int other = r->answers - r->accepted;
    if (r->accepted)
        buf_printf(&b, "%d accepted answer%s", r->accepted, r->accepted == 1 ? "" : "s");
    if (other > 0)
        buf_printf(&b, "%s%d %sanswer%s", b.len ? ", " : "", other, r->accepted ? "other " : "",
                   other == 1 ? "" : "s");
    if (r->articles)
        buf_printf(&b, "%s%d article%s", b.len ? ", " : "", r->articles,
                   r->articles == 1 ? "" : "s");
    if (where && *where && b.len)
        buf_printf(&b, " %s", where);
    if (r->votes)
        buf_printf(&b, "%s%d vote%s", b.len ? ", " : "", r->votes,
                   r->votes == 1 || r->votes == -1 ? "" : "s");
    if (!b.len)
        buf_puts(&b, "recently active");
    if (r->last_at) {
        time_iso(r->last_at, iso);
        buf_printf(&b, ", last %.4s", iso);
    }
    s = arena_strdup(a, b.data);
    buf_release(&b);
    return s;
}
