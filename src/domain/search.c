/* Search rules (see domain/search.h): query parsing and limits, in: community visibility,
 * zero-result recording, who may read the zero-result report, and reindexing. */
#include <string.h>

#include <stdio.h>
#include <stdlib.h>

#include "core/log.h"
#include "core/utf8.h"
#include "domain/community.h"
#include "domain/search.h"
#include "domain/domain_int.h"
#include "store/community.h"
#include "core/util.h"

/* Group h[0..n) in place by thread, keeping rank order of each thread's best hit: a thread
   whose opening post and replies match becomes one result (the thread, with the best
   snippet) counting its matching replies; replies alone stay the best reply's result.
   Snippets become plain text (no Markdown syntax). Returns the number of results. */
static size_t group_hits(struct arena *a, struct search_hit *h, size_t n)
{
    size_t i, j, k = 0;
    for (i = 0; i < n; i++) {
        struct search_hit cur = h[i];
        cur.snippet = query_snippet_plain(a, cur.snippet);
        cur.matching_replies = cur.kind == SEARCH_POST;
        for (j = 0; cur.thread_id && j < k; j++)
            if (h[j].thread_id == cur.thread_id)
                break;
        if (!cur.thread_id || j == k) {
            h[k++] = cur;
            continue;
        }
        h[j].matching_replies += cur.kind == SEARCH_POST;
        if (cur.kind == SEARCH_THREAD && h[j].kind == SEARCH_POST) {
            /* the question matched too: the result is the thread, with the reply's snippet
               when it ranked higher */
            cur.snippet = h[j].snippet;
            cur.matching_replies = h[j].matching_replies;
            h[j] = cur;
        }
    }
    return k;
}

/* 1 if a document the viewer may read (in p's scope and filters) holds word w, 0 if none,
   < 0 on a database error. */
static int visible_word(struct ctx *c, const struct search_params *base, const char *w)
{
    struct search_params p = *base;
    p.some = &w;
    p.nsome = 1;
    return search_db_any(c->db, &p);
}

struct candidate {
    const char *term; /* as indexed (a stem) */
    int key;          /* how close it looks: edit distance, or 1 + that of w's start */
    int64_t docs;     /* documents holding it, over the whole index */
};

static int cmp_candidate(const void *x, const void *y)
{
    const struct candidate *a = x, *b = y;
    if (a->key != b->key)
        return a->key - b->key;
    return a->docs < b->docs ? 1 : a->docs > b->docs ? -1 : strcmp(a->term, b->term);
}

#define SUGGEST_CHECKED 5 /* candidates looked up in what the viewer may read, per word */

/* The marked words (QUERY_MARK_OPEN..CLOSE) of s, lower-cased, each compared with w: the
   closest one within *best (updated) goes to *out. */
static void closest_marked(struct arena *a, const char *s, const char *w, int *best,
                           const char **out)
{
    const char *p = s;
    while ((p = strchr(p, QUERY_MARK_OPEN)) != NULL) {
        const char *e = strchr(++p, QUERY_MARK_CLOSE);
        char *word;
        size_t i, len;
        int d;
        if (!e)
            break;
        len = (size_t)(e - p);
        word = arena_strndup(a, p, len);
        for (i = 0; i < len; i++)
            if (word[i] >= 'A' && word[i] <= 'Z')
                word[i] = (char)(word[i] - 'A' + 'a');
            else if (!(word[i] & 0x80) &&
                     !((word[i] >= 'a' && word[i] <= 'z') || (word[i] >= '0' && word[i] <= '9')))
                len = 0; /* not one word (a phrase, punctuation): skip */
        p = e + 1;
        if (!len || str_eq(word, w))
            continue;
        d = query_edit_distance(word, w, *best);
        if (d < *best) {
            *best = d;
            *out = word;
        }
    }
}

/* A correction of w (a word no readable document holds) or NULL. Candidates are the index's
   terms (stems) within edit distance 1 (words of up to 4 letters) or 2 of w, or of which w's
   start is within 1 ("fermantation" starts like "ferment"); they come from the whole index,
   so each is looked up as a search by the viewer, and the suggestion is a word as written in
   a document the viewer may read (a match marked in its title or snippet) within the same
   distance of w. */
static const char *correct_word(struct ctx *c, const struct search_params *base, const char *w)
{
    struct search_term *terms;
    struct candidate *cand;
    size_t nterms, ncand = 0, i, wlen = strlen(w);
    size_t wchars = utf8_chars(w, wlen);
    int max = wchars <= 4 ? 1 : 2, best = max + 1;
    const char *found = NULL;
    char from[2] = {w[0], 0}, to[2] = {(char)(w[0] + 1), 0};
    if (wchars < 3 || (unsigned char)w[0] >= 0x80 || (w[0] >= '0' && w[0] <= '9'))
        return NULL; /* short words, numbers and non-ASCII initials: no suggestion */
    if (search_db_vocab(c->db, c->arena, from, to, 2, &terms, &nterms) < 0)
        return NULL;
    cand = ARENA_ARRAY(c->arena, struct candidate, nterms + 1);
    for (i = 0; i < nterms; i++) {
        const char *t = terms[i].term;
        size_t tlen = strlen(t);
        int d;
        if (tlen < 3 || str_eq(t, w))
            continue;
        d = query_edit_distance(w, t, max);
        if (d > max && wlen > tlen && tlen >= 4) {
            d = query_edit_distance(arena_strndup(c->arena, w, tlen), t, 1);
            d = d <= 1 ? d + 1 : max + 1;
        }
        if (d > max)
            continue;
        cand[ncand].term = t;
        cand[ncand].key = d;
        cand[ncand].docs = terms[i].docs;
        ncand++;
    }
    qsort(cand, ncand, sizeof(*cand), cmp_candidate);
    for (i = 0; i < ncand && i < SUGGEST_CHECKED; i++) {
        struct search_params p = *base;
        struct search_hit *h;
        size_t nh, k;
        p.some = &cand[i].term;
        p.nsome = 1;
        p.offset = 0;
        p.limit = 3;
        if (search_db_run(c->db, c->arena, &p, &h, &nh) < 0)
            return NULL;
        for (k = 0; k < nh; k++) {
            closest_marked(c->arena, h[k].title_marked, w, &best, &found);
            closest_marked(c->arena, h[k].snippet, w, &best, &found);
        }
        if (best <= 1)
            break;
    }
    return found;
}

/* "Did you mean": normalized with each word that no readable document holds replaced by its
   correction; NULL when nothing was replaced. */
static const char *suggest(struct ctx *c, const struct search_params *base, const char *normalized)
{
    struct buf b = BUF_INIT;
    const char *p = normalized, *r = NULL;
    int changed = 0;
    while (*p) {
        size_t len = strcspn(p, " ");
        const char *tok = arena_strndup(c->arena, p, len), *fix = NULL;
        if (!strchr(tok, ':') && !query_stop_word(tok) && utf8_chars(tok, len) >= 3 &&
            visible_word(c, base, tok) == 0)
            fix = correct_word(c, base, tok);
        if (b.len)
            buf_putc(&b, ' ');
        buf_puts(&b, fix ? fix : tok);
        changed |= fix != NULL;
        p += len;
        while (*p == ' ')
            p++;
    }
    if (changed && !b.err)
        r = arena_strdup(c->arena, b.data);
    buf_release(&b);
    return r;
}

int search_run(struct ctx *c, const char *text, const char *kind, int64_t page,
               struct search_result *out)
{
    return search_run_opts(c, text, kind, page, NULL, out);
}

int search_run_opts(struct ctx *c, const char *text, const char *kind, int64_t page,
                    const struct search_opts *o, struct search_result *out)
{
    static const struct search_opts defaults = {SEARCH_SOME_BONUS_MILLI, SEARCH_SOME_MIN,
                                                SEARCH_SOME_SENTENCE, 0, 0};
    const char **some = NULL;
    struct search_params p;
    struct buf nb = BUF_INIT;
    enum search_kind k;
    int rc, i;
    memset(out, 0, sizeof(*out));
    out->kind = -1;
    if (!o)
        o = &defaults;
    if ((rc = query_parse(text, c->arena, &out->q, c->err)) < 0)
        return rc;
    if (kind && *kind) {
        if (search_kind_parse(kind, &k) < 0)
            return error_set(c->err, ERR_INVALID, "kind",
                             "kind is one of thread, post, member, event, article or comment.");
        out->kind = (int)k;
    }
    if (page <= 0)
        page = 1;
    if (page > SEARCH_MAX_PAGE)
        return error_set(c->err, ERR_INVALID, "page",
                         "Only the first %d pages of results are shown; narrow the search.",
                         SEARCH_MAX_PAGE);
    out->page = page;
    query_normalize(&out->q, &nb);
    out->normalized = arena_strdup(c->arena, nb.data);
    buf_release(&nb);
    if (out->q.in) {
        struct community cm;
        rc = community_get(c, out->q.in, &cm);
        if (rc == ERR_NOTFOUND || rc == ERR_AUTH) {
            error_clear(c->err);
            return error_set(c->err, ERR_INVALID, "q",
                             "There is no community called \"%s\" (in: takes the name in its "
                             "address, as in in:homebrewing).",
                             out->q.in);
        }
        if (rc < 0)
            return rc;
        out->community_id = cm.id;
        out->community_name = cm.name;
    }
    memset(&p, 0, sizeof(p));
    p.q = &out->q;
    p.kind = out->kind;
    p.in_slug = out->q.in;
    p.viewer = c->uid;
    p.see_all = c->system || c->is_admin;
    /* Results are grouped by thread, so a page is cut from the first page * GROUP_SPAN
       hits after grouping (a thread's hits are counted where its best one ranks). */
    p.offset = 0;
    p.limit = (int)(page * SEARCH_PAGE * SEARCH_GROUP_SPAN + 1);
    if (search_db_counts(c->db, &p, out->counts) < 0)
        return domain_db_fail(c, "counts");
    for (i = 0; i < SEARCH_KIND__MAX; i++)
        out->total += out->counts[i];
    out->all_words = out->total;
    /* A question typed as a sentence: too few documents hold all its words, or it has
       many words (the documents holding all of them get the largest bonus anyway), so rank
       those holding some of them (the ones that are not stop words). */
    if (query_is_plain(&out->q)) {
        size_t nsome;
        int few = out->total < o->some_min;
        some = ARENA_ARRAY(c->arena, const char *, SEARCH_SOME_MAX_WORDS);
        nsome = query_some_words(&out->q, c->arena, some, SEARCH_SOME_MAX_WORDS);
        if (few && !o->no_suggest && page == 1)
            out->suggestion = suggest(c, &p, out->normalized);
        if (nsome >= 2 && (few || (o->sentence_words > 0 && nsome >= (size_t)o->sentence_words))) {
            int64_t counts[SEARCH_KIND__MAX], total = 0;
            p.some = some;
            p.nsome = nsome;
            p.bonus_milli = o->bonus_milli;
            if (search_db_counts(c->db, &p, counts) < 0)
                return domain_db_fail(c, "counts");
            for (i = 0; i < SEARCH_KIND__MAX; i++)
                total += counts[i];
            if (total > out->total) {
                memcpy(out->counts, counts, sizeof(counts));
                out->total = total;
                out->some_words = 1;
            } else {
                p.some = NULL;
                p.nsome = 0;
            }
        }
    }
    out->total_kind = out->kind >= 0 ? out->counts[out->kind] : out->total;
    if (out->total_kind > 0 || page > 1) {
        size_t got, ng, from = (size_t)(page - 1) * SEARCH_PAGE;
        if (search_db_run(c->db, c->arena, &p, &out->hits, &got) < 0)
            return domain_db_fail(c, "run");
        ng = group_hits(c->arena, out->hits, got);
        out->hits += from < ng ? from : ng;
        out->n = from < ng ? ng - from : 0;
        if (out->n > SEARCH_PAGE || (out->n == SEARCH_PAGE && got == (size_t)p.limit)) {
            out->n = SEARCH_PAGE;
            out->more = 1;
        }
    }
    if (!out->total && page == 1 && out->q.npos && !o->no_record &&
        search_db_miss(c->db, out->community_id, out->normalized, c->now) < 0)
        log_warn("msg=\"search miss not recorded\" error=\"%s\"", db_last_error(c->db));
    return 0;
}

int search_member_recent(struct ctx *c, const char *name, enum search_recent what, size_t limit,
                         struct search_hit **out, size_t *n)
{
    static const struct {
        const char *filter, *kind;
    } spec[SEARCH_RECENT__MAX] = {
        {"is:question", "thread"}, {"is:question", "post"}, {"", "article"}, {"", "event"}};
    struct search_result res;
    int rc;
    *out = NULL;
    *n = 0;
    if ((unsigned)what >= SEARCH_RECENT__MAX || !name || !*name)
        return 0;
    rc = search_run(c, arena_printf(c->arena, "author:%s %s", name, spec[what].filter),
                    spec[what].kind, 1, &res);
    if (rc < 0)
        return rc;
    *out = res.hits;
    *n = res.n < limit ? res.n : limit;
    return 0;
}

int search_misses(struct ctx *c, const char *slug, struct search_miss **out, size_t *n)
{
    int64_t cid = -1;
    *out = NULL;
    *n = 0;
    if (!c->uid && !c->system)
        return error_set(c->err, ERR_AUTH, NULL, "Sign in to see searches that found nothing.");
    if (slug) {
        struct community cm;
        int rc = community_get(c, slug, &cm);
        if (rc < 0)
            return rc;
        if (!community_can_edit(c, &cm))
            return error_set(c->err, ERR_PERM, NULL,
                             "Only the community's coordinators can see its searches.");
        cid = cm.id;
    } else if (!c->is_admin && !c->system) {
        return error_set(c->err, ERR_PERM, NULL,
                         "Only administrators can see searches across the instance.");
    }
    if (search_db_misses(c->db, c->arena, cid, 200, out, n) < 0)
        return domain_db_fail(c, "misses");
    return 0;
}

int search_reindex(struct ctx *c, int64_t counts[SEARCH_KIND__MAX])
{
    if (!c->system)
        return error_set(c->err, ERR_PERM, NULL, "Only the command line can rebuild the index.");
    if (search_db_reindex(c->db, counts) < 0)
        return domain_db_fail(c, "reindex");
    return 0;
}

int search_evaluate(struct ctx *c, const char *slug, const struct query_file_line *lines, size_t n,
                    const struct search_opts *o, int *ranks, int64_t *asked)
{
    struct community cm;
    size_t i, j;
    int rc;
    if (!c->system)
        return error_set(c->err, ERR_PERM, NULL, "Only the command line can evaluate search.");
    if ((rc = community_get(c, slug, &cm)) < 0)
        return rc;
    for (i = 0; i < n; i++) {
        struct search_result res;
        int64_t tid;
        if (search_db_imported_thread(c->db, cm.id, lines[i].id, &tid, &asked[i]) < 0)
            return domain_db_fail(c, "imported thread");
        if (!tid)
            return error_set(c->err, ERR_INVALID, "file",
                             "line %zu: question %lld was not imported into %s", lines[i].line,
                             (long long)lines[i].id, slug);
        rc = search_run_opts(c, arena_printf(c->arena, "%s in:%s", lines[i].query, slug), NULL, 1,
                             o, &res);
        if (rc < 0) {
            if (rc == ERR_INVALID) {
                char msg[sizeof(c->err->msg)];
                snprintf(msg, sizeof(msg), "%s", c->err->msg);
                error_clear(c->err);
                return error_set(c->err, ERR_INVALID, "file", "line %zu: %s", lines[i].line, msg);
            }
            return rc;
        }
        ranks[i] = 0;
        for (j = 0; j < res.n; j++)
            if (res.hits[j].thread_id == tid) {
                ranks[i] = (int)j + 1;
                break;
            }
    }
    return 0;
}
