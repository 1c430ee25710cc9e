/* The expertise evaluation: replay a community's history. For every question whose accepted
 * answer came from someone other than the asker, rank members with the product's own
 * expertise_rank as of the moment the question was asked (only evidence from before then,
 * decay measured to then, idf over the questions that existed then), and record where the
 * real answerer came. Baselines are computed from the same past data in the same run:
 * members ranked by answers given before the question, and by answers given before it in
 * the question's tags. Baseline ties share the mean rank of their tie group (a fair coin
 * between equals), so counts with many ties are not flattered or punished by id order.
 * docs/evaluation.md reports the figures and how to reproduce them. */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "domain/expertise.h"
#include "core/util.h"

int expertise_params_set(struct expertise_params *p, const char *name, const char *value)
{
    static const struct {
        const char *name;
        size_t off;
    } fields[] = {
        {"half_life", offsetof(struct expertise_params, half_life_days)},
        {"activity_half_life", offsetof(struct expertise_params, activity_half_life_days)},
        {"tag", offsetof(struct expertise_params, w_tag)},
        {"text", offsetof(struct expertise_params, w_text)},
        {"activity", offsetof(struct expertise_params, w_activity)},
        {"text_min", offsetof(struct expertise_params, text_min)},
        {"text_shown", offsetof(struct expertise_params, text_shown)},
        {"answer", offsetof(struct expertise_params, weight) + EXP_ANSWER * sizeof(double)},
        {"accepted", offsetof(struct expertise_params, weight) + EXP_ACCEPTED * sizeof(double)},
        {"vote", offsetof(struct expertise_params, weight) + EXP_VOTE * sizeof(double)},
        {"article_written",
         offsetof(struct expertise_params, weight) + EXP_ARTICLE_WRITTEN * sizeof(double)},
        {"article_reviewed",
         offsetof(struct expertise_params, weight) + EXP_ARTICLE_REVIEWED * sizeof(double)},
    };
    char *end;
    double v;
    size_t i;
    if (!name || !value || !*value)
        return -1;
    v = strtod(value, &end);
    if (*end)
        return -1;
    if (!strcmp(name, "fallback")) {
        p->fallback_active = v != 0;
        return 0;
    }
    for (i = 0; i < ARRAY_SIZE(fields); i++)
        if (!strcmp(fields[i].name, name)) {
            memcpy((char *)p + fields[i].off, &v, sizeof(v));
            return 0;
        }
    return -1;
}

/* Accumulate one result: rank 0 = not ranked. */
static void tally(struct expertise_eval_row *row, double rank)
{
    row->questions++;
    if (rank <= 0)
        return;
    row->top1 += rank <= 1;
    row->top5 += rank <= 5;
    row->top10 += rank <= 10;
    row->mrr += 1.0 / rank;
}

/* Position of uid in a model ranking (1-based), 0 if absent. */
static double model_rank(const struct expertise_rank *r, size_t n, int64_t uid)
{
    size_t i;
    for (i = 0; i < n; i++)
        if (r[i].user_id == uid)
            return (double)(i + 1);
    return 0;
}

/* A count baseline: count[] per member (parallel to users[]); rank of target with ties
   sharing their mean rank; 0 when the target's count is 0. */
static double count_rank(const int64_t *users, const int *count, size_t n, int64_t target)
{
    size_t i;
    int mine = 0, greater = 0, equal = 0;
    for (i = 0; i < n; i++)
        if (users[i] == target)
            mine = count[i];
    if (mine <= 0)
        return 0;
    for (i = 0; i < n; i++) {
        greater += count[i] > mine;
        equal += count[i] == mine;
    }
    return (double)greater + ((double)equal + 1.0) / 2.0;
}

/* 1 if docs a and b share a tag. */
static int share_tag(const struct expertise_doc *a, const struct expertise_doc *b)
{
    size_t i, j;
    for (i = 0; i < a->ntags; i++)
        for (j = 0; j < b->ntags; j++)
            if (!strcmp(a->tags[i], b->tags[j]))
                return 1;
    return 0;
}

enum {
    M_MODEL, /* the parameters given (the CLI: the suggestion preset) */
    M_WHO,   /* the who-knows preset */
    M_TAGS,  /* ablations of M_MODEL */
    M_TEXT,
    M_ACTIVITY,
    M_NODECAY,
    M_NOFALLBACK,
    M_B_ANSWERS, /* baselines */
    M_B_TAGS,
    M__MAX
};

int expertise_evaluate(struct ctx *c, const struct expertise_eval_opts *o,
                       struct expertise_eval_row **rows, size_t *nrows, int *answerable)
{
    static const char *const names[M__MAX] = {
        "model: suggestion preset (tags + text + activity, decay)",
        "model: who-knows preset (relevant members only)",
        "  ablation: tag evidence only",
        "  ablation: text similarity only",
        "  ablation: recent activity only",
        "  ablation: no decay",
        "  ablation: only members with relevant evidence",
        "baseline: answers before the question",
        "baseline: answers in the question's tags",
    };
    struct expertise_params pm[M_NOFALLBACK + 1];
    struct expertise_scope s;
    struct expertise_corpus cp;
    struct expertise_eval_row *row;
    struct arena scratch;
    int64_t cid = 0, *users;
    int *cnt_all, *cnt_tag;
    size_t i, j, nusers = 0;
    int rc, m;
    *rows = NULL;
    *nrows = 0;
    *answerable = 0;
    rc = expertise_db_community_id(c->db, o->slug, &cid);
    if (rc == ERR_NOTFOUND)
        return error_set(c->err, ERR_NOTFOUND, "community", "There is no community '%s'.", o->slug);
    if (rc < 0)
        return error_set(c->err, ERR_DB, NULL, "The community could not be read.");
    memset(&s, 0, sizeof(s));
    s.community_id = cid;
    s.see_all = 1;
    s.include_hidden = 1;
    s.as_of = INT64_MAX / 2;
    s.limit = 10 * EXPERTISE_ITEMS_MAX;
    if ((rc = expertise_corpus_load(c, &s, &cp)) < 0)
        return rc;
    /* imported scores are the sum of every vote ever cast, future ones included: leave out */
    for (i = j = 0; i < cp.nitems; i++)
        if (cp.items[i].kind != EXP_IMPORTED_VOTES)
            cp.items[j++] = cp.items[i];
    cp.nitems = j;

    for (m = 0; m <= M_NOFALLBACK; m++)
        pm[m] = *o->params;
    expertise_params_default(&pm[M_WHO], EXPERTISE_WHO_KNOWS);
    pm[M_WHO].half_life_days = o->params->half_life_days;
    pm[M_TAGS].w_text = 0;
    pm[M_TAGS].w_activity = 0;
    pm[M_TAGS].fallback_active = 0;
    pm[M_TEXT].w_tag = 0;
    pm[M_TEXT].w_activity = 0;
    pm[M_TEXT].fallback_active = 0;
    pm[M_ACTIVITY].w_tag = 0;
    pm[M_ACTIVITY].w_text = 0;
    pm[M_ACTIVITY].fallback_active = 1;
    pm[M_NODECAY].half_life_days = 1e9;
    pm[M_NODECAY].activity_half_life_days = 1e9;
    pm[M_NOFALLBACK].fallback_active = 0;

    row = ARENA_ARRAY(c->arena, struct expertise_eval_row, M__MAX);
    for (m = 0; m < M__MAX; m++)
        row[m].name = names[m];
    /* every member with evidence, for the baselines */
    users = ARENA_ARRAY(c->arena, int64_t, cp.nitems ? cp.nitems : 1);
    for (i = 0; i < cp.nitems; i++) {
        for (j = 0; j < nusers; j++)
            if (users[j] == cp.items[i].user_id)
                break;
        if (j == nusers)
            users[nusers++] = cp.items[i].user_id;
    }
    cnt_all = ARENA_ARRAY(c->arena, int, nusers ? nusers : 1);
    cnt_tag = ARENA_ARRAY(c->arena, int, nusers ? nusers : 1);
    arena_init(&scratch);

    for (i = 0; i < cp.nitems; i++) {
        const struct expertise_item *acc = &cp.items[i];
        const struct expertise_doc *qd = &cp.docs[acc->doc];
        struct expertise_query q;
        int any = 0;
        if (acc->kind != EXP_ACCEPTED || acc->user_id == qd->author_id || !qd->author_id ||
            qd->created_at < o->since || (o->until && qd->created_at >= o->until))
            continue;
        memset(&q, 0, sizeof(q));
        q.tags = qd->tags;
        q.ntags = qd->ntags;
        q.text = qd->text;
        q.as_of = qd->created_at;
        q.exclude_uid = qd->author_id;
        for (m = 0; m <= M_NOFALLBACK; m++) {
            struct expertise_rank *r;
            size_t n;
            expertise_rank(&scratch, &cp, &q, &pm[m], 0, &r, &n);
            tally(&row[m], model_rank(r, n, acc->user_id));
            arena_reset(&scratch);
        }
        memset(cnt_all, 0, nusers * sizeof(int));
        memset(cnt_tag, 0, nusers * sizeof(int));
        for (j = 0; j < cp.nitems; j++) {
            const struct expertise_item *it = &cp.items[j];
            size_t k;
            if (it->kind != EXP_ANSWER || it->at >= q.as_of || it->user_id == q.exclude_uid)
                continue;
            for (k = 0; k < nusers && users[k] != it->user_id; k++)
                ;
            cnt_all[k]++;
            if (share_tag(qd, &cp.docs[it->doc]))
                cnt_tag[k]++;
            any |= it->user_id == acc->user_id;
        }
        tally(&row[M_B_ANSWERS], count_rank(users, cnt_all, nusers, acc->user_id));
        tally(&row[M_B_TAGS], count_rank(users, cnt_tag, nusers, acc->user_id));
        *answerable += any;
    }
    arena_release(&scratch);
    for (m = 0; m < M__MAX; m++)
        if (row[m].questions)
            row[m].mrr /= row[m].questions;
    *rows = row;
    *nrows = M__MAX;
    return 0;
}
