/* Expertise with a ctx: load the evidence the viewer may read into a corpus, rank it with
 * the pure model (expertise_model.c), and the rules around it: who may hide or see a
 * member's expertise, who is suggested on an unanswered question, the instance half-life.
 *
 * Visibility: every load goes through store/expertise.c, whose statements keep only
 * threads in communities the viewer may read (and, for one community, only that one), so
 * a rank, a count or an evidence line can never be computed from a private community the
 * viewer cannot read. */
#include <stdlib.h>
#include <string.h>

#include "core/log.h"
#include "domain/community.h"
#include "domain/expertise.h"
#include "domain/domain_int.h"
#include "store/community.h"
#include "store/expertise.h"
#include "core/util.h"

double expertise_half_life(struct ctx *c)
{
    const char *v = settings_get(c, "expertise_half_life_days", NULL);
    int64_t d;
    if (!v || str_to_i64(v, &d) < 0 || d < 1 || d > EXPERTISE_HALF_LIFE_MAX)
        return EXPERTISE_HALF_LIFE_DEFAULT;
    return (double)d;
}

void expertise_params_for(struct ctx *c, struct expertise_params *p, enum expertise_purpose purpose)
{
    expertise_params_default(p, purpose);
    p->half_life_days = expertise_half_life(c);
}

/* Split "a b c" into an arena array. */
static const char **split_tags(struct arena *a, const char *s, size_t *n)
{
    const char **out = ARENA_ARRAY(a, const char *, 9);
    *n = 0;
    while (*s && *n < 8) {
        const char *b;
        while (*s == ' ')
            s++;
        b = s;
        while (*s && *s != ' ')
            s++;
        if (s > b)
            out[(*n)++] = arena_strndup(a, b, (size_t)(s - b));
    }
    return out;
}

/* The map key of a document: thread ids as they are, article ids negated (both are > 0). */
static int64_t doc_key(int kind, int64_t id)
{
    return kind == EXP_DOC_ARTICLE ? -id : id;
}

/* int64 -> doc index map for the load (key 0 marks a free slot). */
static int32_t *doc_slot(int64_t *keys, int32_t *vals, size_t cap, int64_t key, int add)
{
    size_t i = (size_t)(((uint64_t)key * 11400714819323198485ULL) >> 24) & (cap - 1);
    while (keys[i]) {
        if (keys[i] == key)
            return &vals[i];
        i = (i + 1) & (cap - 1);
    }
    if (!add)
        return NULL;
    keys[i] = key;
    return &vals[i];
}

int expertise_corpus_load(struct ctx *c, const struct expertise_scope *s,
                          struct expertise_corpus *cp)
{
    struct expertise_item_row *ir;
    struct expertise_doc_row *dr;
    size_t ni, nd, i, cap = 16;
    int64_t *keys;
    int32_t *vals;
    memset(cp, 0, sizeof(*cp));
    if (expertise_db_docs(c->db, c->arena, s, &dr, &nd) < 0)
        return domain_db_fail(c, "docs");
    if (expertise_db_items(c->db, c->arena, s, &ir, &ni) < 0)
        return domain_db_fail(c, "items");
    while (cap < nd * 2 + 2)
        cap *= 2;
    keys = ARENA_ARRAY(c->arena, int64_t, cap);
    vals = ARENA_ARRAY(c->arena, int32_t, cap);
    cp->docs = ARENA_ARRAY(c->arena, struct expertise_doc, nd ? nd : 1);
    for (i = 0; i < nd; i++) {
        struct expertise_doc *d = &cp->docs[cp->ndocs];
        int32_t *slot = doc_slot(keys, vals, cap, doc_key(dr[i].kind, dr[i].id), 1);
        *slot = (int32_t)cp->ndocs++;
        d->id = dr[i].id;
        d->kind = dr[i].kind;
        d->community_id = dr[i].community_id;
        d->author_id = dr[i].author_id;
        d->created_at = dr[i].created_at;
        d->text = dr[i].title;
        d->tags = split_tags(c->arena, dr[i].tags, &d->ntags);
    }
    cp->items = ARENA_ARRAY(c->arena, struct expertise_item, ni ? ni : 1);
    for (i = 0; i < ni; i++) {
        int32_t *slot = doc_slot(keys, vals, cap, doc_key(ir[i].doc_kind, ir[i].doc_id), 0);
        struct expertise_item *it;
        if (!slot)
            continue; /* its document fell outside the docs' limit */
        it = &cp->items[cp->nitems++];
        it->user_id = ir[i].user_id;
        it->at = ir[i].at;
        it->doc = *slot;
        it->kind = (int16_t)ir[i].kind;
        it->value = (int16_t)ir[i].value;
    }
    expertise_corpus_prepare(c->arena, cp);
    return 0;
}

const char *expertise_tag_norm(struct arena *a, const char *s)
{
    char buf[31];
    size_t n = 0;
    while (*s == ' ' || *s == '#')
        s++;
    for (; *s && *s != ' '; s++) {
        char ch = *s >= 'A' && *s <= 'Z' ? (char)(*s - 'A' + 'a') : *s;
        if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-') || n >= 30)
            return NULL;
        buf[n++] = ch;
    }
    while (*s == ' ')
        s++;
    if (!n || *s)
        return NULL;
    buf[n] = '\0';
    return arena_strdup(a, buf);
}

/* Claimed skills as weak evidence (see expertise_who_knows): mark ranked claimants of tag
   and append those without evidence, up to limit. */
static int claims_merge(struct ctx *c, const struct expertise_request *rq, const char *tag,
                        size_t limit, struct expertise_rank **out, size_t *n)
{
    struct expertise_claimant *cl;
    struct expertise_rank *all;
    size_t ncl, i, j, k;
    if (expertise_db_claimants(c->db, c->arena, tag, rq->community_id, (int)limit + *n, &cl, &ncl) <
        0)
        return domain_db_fail(c, "claimants");
    if (!ncl)
        return 0;
    all = ARENA_ARRAY(c->arena, struct expertise_rank, *n + ncl);
    if (*n)
        memcpy(all, *out, *n * sizeof(*all));
    k = *n;
    for (i = 0; i < ncl; i++) {
        if (cl[i].user_id == rq->exclude_uid)
            continue;
        for (j = 0; j < *n; j++)
            if (all[j].user_id == cl[i].user_id)
                break;
        if (j < *n) {
            all[j].claimed = 1;
            continue;
        }
        if (k >= limit)
            continue;
        memset(&all[k], 0, sizeof(all[k]));
        all[k].user_id = cl[i].user_id;
        all[k].name = cl[i].name;
        all[k].display_name = cl[i].display_name;
        all[k].claimed = all[k].claim_only = 1;
        k++;
    }
    *out = all;
    *n = k;
    return 0;
}

int expertise_who_knows(struct ctx *c, const struct expertise_request *rq,
                        struct expertise_rank **out, size_t *n)
{
    struct expertise_scope s;
    struct expertise_corpus cp;
    struct expertise_params p;
    struct expertise_query q;
    const char *tags[EXPERTISE_TAGS_MAX];
    const char *tag = NULL, *text = rq->text && *rq->text ? rq->text : NULL;
    size_t ntags = 0, i;
    int rc;
    *out = NULL;
    *n = 0;
    if (rq->tag && *rq->tag && !(tag = expertise_tag_norm(c->arena, rq->tag)))
        return error_set(c->err, ERR_INVALID, "tag",
                         "A tag is 1 to 30 letters, digits or hyphens, like ipa or dry-hopping.");
    if (text && strlen(text) > EXPERTISE_QUERY_MAX)
        text = arena_strndup(c->arena, text, EXPERTISE_QUERY_MAX);
    if (!tag && !text && !rq->nextra_tags)
        return error_set(c->err, ERR_INVALID, "q", "Give a tag or a question to find people.");
    if (tag)
        tags[ntags++] = tag;
    for (i = 0; i < rq->nextra_tags && ntags < EXPERTISE_TAGS_MAX; i++)
        if (!tag || strcmp(tag, rq->extra_tags[i]))
            tags[ntags++] = rq->extra_tags[i];
    if (rq->community_id) {
        struct community cm;
        rc = community_db_get_id(c->db, c->arena, rq->community_id, c->uid, &cm);
        if (rc == ERR_NOTFOUND || (rc == 0 && !community_can_read(c, &cm)))
            return error_set(c->err, ERR_NOTFOUND, NULL, "There is no such community.");
        if (rc < 0)
            return domain_db_fail(c, "community");
    }
    memset(&s, 0, sizeof(s));
    s.community_id = rq->community_id;
    s.viewer = c->uid;
    s.see_all = c->is_admin || c->system;
    /* one tag and no text: the database narrows the load to that tag's threads */
    s.tag = tag && !text && ntags == 1 ? tag : "";
    s.as_of = c->now + 1;
    s.limit = EXPERTISE_ITEMS_MAX;
    s.include_hidden = rq->include_hidden;
    if ((rc = expertise_corpus_load(c, &s, &cp)) < 0)
        return rc;
    expertise_params_for(c, &p, rq->purpose);
    memset(&q, 0, sizeof(q));
    q.tags = tags;
    q.ntags = ntags;
    q.text = text;
    q.as_of = s.as_of;
    q.exclude_uid = rq->exclude_uid;
    expertise_rank(c->arena, &cp, &q, &p,
                   rq->limit && rq->limit <= EXPERTISE_LIMIT_MAX ? rq->limit : EXPERTISE_LIMIT_MAX,
                   out, n);
    for (i = 0; i < *n; i++) {
        struct expertise_rank *r = &(*out)[i];
        rc = expertise_db_user(c->db, c->arena, r->user_id, &r->name, &r->display_name);
        if (rc == ERR_NOTFOUND)
            r->name = r->display_name = "";
        else if (rc < 0)
            return domain_db_fail(c, "user");
    }
    if (tag && rq->purpose == EXPERTISE_WHO_KNOWS && !rq->include_hidden)
        return claims_merge(c, rq, tag,
                            rq->limit && rq->limit <= EXPERTISE_LIMIT_MAX ? rq->limit
                                                                          : EXPERTISE_LIMIT_MAX,
                            out, n);
    return 0;
}

/* Compute and store thread t's suggestions (best SUGGEST_STORED, hidden members included).
   Returns 0 or a negative enum err (ctx error set). */
static int suggest_compute(struct ctx *c, const struct thread *t)
{
    struct expertise_request rq;
    struct expertise_rank *ranks;
    struct expertise_suggest_row *rows;
    size_t n, i;
    int rc;
    memset(&rq, 0, sizeof(rq));
    rq.community_id = t->community_id;
    rq.text = t->title;
    rq.extra_tags = t->tags;
    rq.nextra_tags = t->ntags;
    rq.exclude_uid = t->author_id;
    rq.limit = EXPERTISE_SUGGEST_STORED;
    rq.purpose = EXPERTISE_SUGGEST;
    rq.include_hidden = 1;
    if ((rc = expertise_who_knows(c, &rq, &ranks, &n)) < 0)
        return rc;
    rows = ARENA_ARRAY(c->arena, struct expertise_suggest_row, n ? n : 1);
    for (i = 0; i < n; i++) {
        rows[i].user_id = ranks[i].user_id;
        rows[i].answers = ranks[i].answers;
        rows[i].accepted = ranks[i].accepted;
        rows[i].votes = ranks[i].votes;
        rows[i].articles = ranks[i].articles;
        rows[i].similar = ranks[i].similar;
        rows[i].last_at = ranks[i].last_at;
    }
    if (db_begin_write(c->db) < 0)
        return domain_db_fail(c, "suggest begin");
    if (expertise_db_suggest_write(c->db, t->id, c->now, rows, n) < 0) {
        rc = domain_db_fail(c, "suggest write");
        db_rollback(c->db);
        return rc;
    }
    if (db_commit(c->db) < 0)
        return domain_db_fail(c, "suggest commit");
    return 0;
}

int expertise_suggest_for_thread(struct ctx *c, const struct thread *t, size_t limit,
                                 struct expertise_rank **out, size_t *n)
{
    struct errinfo saved = *c->err;
    struct expertise_suggest_row *rows;
    int64_t at = 0;
    size_t nrows, i;
    int rc;
    *out = NULL;
    *n = 0;
    if (!t || t->id <= 0 || t->kind != THREAD_QUESTION || t->answer_count > 0 ||
        t->accepted_post_id || t->deleted_at || t->closed_at)
        return 0;
    if (expertise_db_suggest_computed(c->db, t->id, &at) < 0)
        return domain_db_fail(c, "suggest computed");
    if (!at || at < c->now - EXPERTISE_SUGGEST_TTL || at > c->now) {
        if ((rc = suggest_compute(c, t)) < 0) {
            *c->err = saved; /* the page shows without the box */
            return 0;
        }
    }
    if (expertise_db_suggest_read(
            c->db, c->arena, t->id,
            limit && limit < EXPERTISE_SUGGEST_STORED ? (int64_t)limit : EXPERTISE_SUGGEST_STORED,
            &rows, &nrows) < 0)
        return domain_db_fail(c, "suggest read");
    *out = ARENA_ARRAY(c->arena, struct expertise_rank, nrows ? nrows : 1);
    for (i = 0; i < nrows; i++) {
        struct expertise_rank *r = &(*out)[i];
        r->user_id = rows[i].user_id;
        r->name = rows[i].name;
        r->display_name = rows[i].display_name;
        r->answers = rows[i].answers;
        r->accepted = rows[i].accepted;
        r->votes = rows[i].votes;
        r->articles = rows[i].articles;
        r->similar = rows[i].similar;
        r->last_at = rows[i].last_at;
    }
    *n = nrows;
    return 0;
}

int expertise_hidden_get(struct ctx *c, int64_t uid, int *hidden)
{
    int rc = expertise_db_hidden_get(c->db, uid, hidden);
    if (rc == ERR_NOTFOUND)
        return error_set(c->err, ERR_NOTFOUND, NULL, "There is no such user.");
    return rc < 0 ? domain_db_fail(c, "hidden_get") : 0;
}

int expertise_hidden_set(struct ctx *c, int64_t uid, int hidden)
{
    int rc;
    if (!c->system && !c->is_admin && c->uid != uid)
        return error_set(c->err, ERR_PERM, NULL, "You can only change your own profile.");
    rc = expertise_db_hidden_set(c->db, uid, hidden);
    if (rc == ERR_NOTFOUND)
        return error_set(c->err, ERR_NOTFOUND, NULL, "There is no such user.");
    return rc < 0 ? domain_db_fail(c, "hidden_set") : 0;
}

int expertise_user_tags(struct ctx *c, int64_t uid, size_t limit, struct expertise_tag **out,
                        size_t *n, int *visible, int *hidden)
{
    struct expertise_scope s;
    struct expertise_corpus cp;
    struct expertise_params p;
    int rc;
    *out = NULL;
    *n = 0;
    *visible = 0;
    if ((rc = expertise_hidden_get(c, uid, hidden)) < 0)
        return rc;
    if (*hidden && c->uid != uid)
        return 0;
    *visible = 1;
    memset(&s, 0, sizeof(s));
    s.viewer = c->uid;
    s.see_all = c->is_admin || c->system;
    s.user_id = uid;
    s.include_hidden = 1; /* the member's own choice is checked above */
    s.as_of = c->now + 1;
    s.limit = EXPERTISE_ITEMS_MAX;
    if ((rc = expertise_corpus_load(c, &s, &cp)) < 0)
        return rc;
    expertise_params_for(c, &p, EXPERTISE_WHO_KNOWS);
    expertise_profile_tags(c->arena, &cp, uid, s.as_of, &p, limit, out, n);
    return 0;
}

int expertise_note_accept(struct ctx *c, int64_t tid, int accepted)
{
    return expertise_db_accepted_at(c->db, tid, accepted ? c->now : 0);
}

int expertise_note_article_review(struct ctx *c, int64_t aid, int64_t uid, const char *kind)
{
    if (uid <= 0)
        return 0;
    return expertise_db_article_reviewed(c->db, aid, uid, kind, c->now);
}
