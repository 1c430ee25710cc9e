/* Thread lists (latest, unanswered, unsolved, top, by tag, mine; per community or across the
 * instance) with keyset pagination and signed opaque cursors, and the similar-threads hook.
 * Visibility: a community list needs community_can_read; the instance-wide lists and similar
 * threads filter readable communities inside the SQL (store/thread.c). */
#include <string.h>

#include "core/query.h"
#include "domain/thread.h"
#include "domain/thread_int.h"
#include "domain/domain_int.h"
#include "core/util.h"

static const char *const list_names[TL__MAX] = {"latest", "unanswered", "unsolved",
                                                "top",    "tag",        "mine"};
static const char *const period_names[PERIOD__MAX] = {"all", "day", "week", "month", "year"};
static const int64_t period_secs[PERIOD__MAX] = {0, 86400, 7 * 86400, 30 * 86400, 365 * 86400};

const char *thread_list_name(enum thread_list_kind k)
{
    return (unsigned)k < TL__MAX ? list_names[k] : "latest";
}

int thread_list_parse(const char *s, enum thread_list_kind *out)
{
    int i;
    for (i = 0; s && i < TL__MAX; i++)
        if (!strcmp(s, list_names[i])) {
            *out = (enum thread_list_kind)i;
            return 0;
        }
    return -1;
}

const char *thread_period_name(enum thread_period p)
{
    return (unsigned)p < PERIOD__MAX ? period_names[p] : "all";
}

int thread_period_parse(const char *s, enum thread_period *out)
{
    int i;
    for (i = 0; s && i < PERIOD__MAX; i++)
        if (!strcmp(s, period_names[i])) {
            *out = (enum thread_period)i;
            return 0;
        }
    return -1;
}

static const char *const order_names[TDB__MAX] = {"pinned", "activity", "score"};

int thread_list(struct ctx *c, const struct community *cm, const struct thread_filter *f,
                struct thread_list *out)
{
    struct thread_db_filter d;
    struct thread_cursor cur;
    int limit = f->limit > 0 ? f->limit : THREAD_LIST_PAGE;
    memset(out, 0, sizeof(*out));
    memset(&d, 0, sizeof(d));
    if (limit > THREAD_LIST_MAX)
        limit = THREAD_LIST_MAX;
    if (cm && !community_can_read(c, cm))
        return error_set(c->err, ERR_NOTFOUND, NULL, "There is no community at /c/%.60s.",
                         cm->slug ? cm->slug : "");
    if ((unsigned)f->list >= TL__MAX)
        return error_set(c->err, ERR_INVALID, "filter", "Unknown list.");
    d.community_id = cm ? cm->id : 0;
    d.viewer = c->uid;
    d.see_all = c->system || c->is_admin;
    d.kind = f->kind == THREAD_QUESTION     ? "question"
             : f->kind == THREAD_DISCUSSION ? "discussion"
                                            : "";
    d.tag = f->tag ? f->tag : "";
    d.order = cm ? TDB_PINNED : TDB_ACTIVITY;
    d.solved = f->solved;
    switch (f->list) {
    case TL_UNANSWERED:
        d.unanswered = 1;
        d.order = TDB_ACTIVITY;
        break;
    case TL_UNSOLVED:
        d.unsolved = 1;
        d.order = TDB_ACTIVITY;
        break;
    case TL_TOP:
        d.order = TDB_SCORE;
        if ((unsigned)f->period >= PERIOD__MAX)
            return error_set(c->err, ERR_INVALID, "period", "Unknown period.");
        d.since = period_secs[f->period] ? c->now - period_secs[f->period] : 0;
        break;
    case TL_TAG:
        if (!*d.tag)
            return error_set(c->err, ERR_INVALID, "tag", "Choose a tag.");
        d.order = TDB_ACTIVITY;
        break;
    case TL_MINE:
        if (!c->uid)
            return error_set(c->err, ERR_AUTH, NULL, "Sign in to see your threads.");
        d.mine = c->uid;
        d.order = TDB_ACTIVITY;
        break;
    default:
        break;
    }
    if (strlen(d.tag) > COMMUNITY_TAG_MAX)
        return error_set(c->err, ERR_INVALID, "tag", "There is no such tag.");
    d.ka = d.kb = d.kid = INT64_MAX;
    if (f->after && *f->after) {
        if (thread_cursor_decode(c->secret, order_names[d.order], f->after, &cur) < 0)
            return error_set(c->err, ERR_INVALID, "after",
                             "This page link is not valid; start again from the first page.");
        d.ka = cur.a;
        d.kb = cur.b;
        d.kid = cur.id;
    }
    d.limit = limit + 1;
    if (thread_db_list(c->db, c->arena, &d, &out->items, &out->n) < 0 ||
        thread_db_count(c->db, &d, &out->total) < 0)
        return domain_db_fail(c, "list");
    if (out->total > THREAD_DB_COUNT_MAX) { /* counts are capped (store/thread.c) */
        out->total = THREAD_DB_COUNT_MAX;
        out->total_capped = 1;
    }
    if (out->n > (size_t)limit) {
        const struct thread *last = &out->items[limit - 1];
        out->n = (size_t)limit;
        cur.a = d.order == TDB_PINNED ? last->pinned : 0;
        cur.b = d.order == TDB_SCORE ? last->score : last->last_activity_at;
        cur.id = last->id;
        out->next = thread_cursor_encode(c->arena, c->secret, order_names[d.order], &cur);
    }
    return 0;
}

static const char *const stop_words[] = {
    "about", "after", "also",   "been", "being", "could", "does", "doing", "from",
    "have",  "into",  "just",   "like", "more",  "most",  "much", "only",  "other",
    "over",  "same",  "should", "some", "such",  "than",  "that", "their", "them",
    "then",  "there", "these",  "they", "this",  "what",  "when", "where", "which",
    "while", "with",  "would",  "your", "the",   "and",   "for",  "are",   "but",
    "not",   "you",   "all",    "any",  "can",   "how",   "why",  "who",   "was",
    "get",   "has",   "had",    "its",  "our",   "use",   "way",  "did",   "does",
};

static int stop_word(const char *w)
{
    size_t i;
    for (i = 0; i < ARRAY_SIZE(stop_words); i++)
        if (!strcmp(w, stop_words[i]))
            return 1;
    return 0;
}

int thread_similar(struct ctx *c, int64_t community_id, const char *title, int64_t exclude_tid,
                   int limit, struct thread **out, size_t *n)
{
    return thread_similar_draft(c, community_id, title, NULL, exclude_tid, limit, out, n);
}

/* Add to words[*nw..max) the distinct words of s (3+ letters, not stop words) not there yet. */
static void similar_words(struct ctx *c, const char *s, const char **words, size_t *nw, size_t max)
{
    const char *cand[48];
    size_t nc, i, j;
    nc = query_words(s, c->arena, 3, cand, ARRAY_SIZE(cand));
    for (i = 0; i < nc && *nw < max; i++) {
        int dup = stop_word(cand[i]);
        for (j = 0; j < *nw && !dup; j++)
            dup = !strcmp(words[j], cand[i]);
        if (!dup)
            words[(*nw)++] = cand[i];
    }
}

int thread_similar_draft(struct ctx *c, int64_t community_id, const char *title, const char *body,
                         int64_t exclude_tid, int limit, struct thread **out, size_t *n)
{
    const char *words[SIMILAR_TITLE_WORDS + SIMILAR_BODY_WORDS];
    size_t nw = 0;
    *out = NULL;
    *n = 0;
    if (limit <= 0 || limit > THREAD_SIMILAR_MAX)
        limit = THREAD_SIMILAR_MAX;
    if (community_id) {
        struct community cm;
        int rc = community_db_get_id(c->db, c->arena, community_id, c->uid, &cm);
        if (rc == ERR_NOTFOUND || (rc == 0 && !community_can_read(c, &cm)))
            return thread_not_found(c);
        if (rc < 0)
            return domain_db_fail(c, "community_get");
    }
    similar_words(c, title ? title : "", words, &nw, SIMILAR_TITLE_WORDS);
    if (body && *body) {
        /* the start of the body: at most 1500 bytes, cut on a UTF-8 boundary */
        size_t len = strlen(body);
        if (len > 1500) {
            len = 1500;
            while (len && ((unsigned char)body[len] & 0xC0) == 0x80)
                len--;
        }
        similar_words(c, arena_strndup(c->arena, body, len), words, &nw, nw + SIMILAR_BODY_WORDS);
    }
    if (!nw)
        return 0;
    if (thread_db_similar(c->db, c->arena, community_id, c->uid, c->system || c->is_admin, words,
                          nw, exclude_tid, limit, out, n) < 0)
        return domain_db_fail(c, "similar");
    return 0;
}
