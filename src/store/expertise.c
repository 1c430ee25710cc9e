/* The SQL catalogue for expertise (see store/expertise.h): evidence rows, question threads
 * and published articles filtered by the viewer's read access, the hide flag, accept times
 * and article reviews. Every statement carries the visibility filter itself, as in
 * store/thread.c. */
#include <string.h>

#include "store/expertise.h"
#include "core/util.h"

/* Parameters shared by both lists: $1 community id (0 = all), $2 viewer, $3 see_all,
   $4 tag ('' = any), $5 user (0 = all), $6 include_hidden, $7 as_of, $8 limit.
   Visibility as SCOPE_INSTANCE in store/thread.c. The scope is one of two literal
   fragments (not "$1 = 0 OR ...", which no index can serve): one community, or all.
   X is the alias of the table with community_id: t (threads) or a (articles). */
#define EXP_IN_COMMUNITY(X) "AND " X ".community_id = CAST($1 AS BIGINT) "
#define EXP_IN_ALL(X)       "AND CAST($1 AS BIGINT) = 0 "
#define EXP_READABLE(X)                                                                            \
    "AND (CAST($3 AS BIGINT) = 1 OR c.visibility = 'public' OR (c.visibility = 'members' AND "     \
    "CAST($2 AS BIGINT) <> 0) OR EXISTS (SELECT 1 FROM memberships m WHERE "                       \
    "m.community_id = " X ".community_id AND m.user_id = CAST($2 AS BIGINT))) "
#define EXP_THREAD_FILTER(SCOPE)                                                                   \
    "t.deleted_at IS NULL AND t.kind = 'question' " SCOPE("t") EXP_READABLE(                       \
        "t") "AND (CAST($4 AS TEXT) = '' OR EXISTS (SELECT 1 FROM thread_tags tt WHERE "           \
             "tt.thread_id = t.id AND tt.tag = $4)) "
/* Articles count once published: drafts are their editors' work in progress, outdated
   ones no longer say what the community knows. Tags are stored as "a b c"; a query tag
   is [a-z0-9-] (expertise_tag_norm), so it holds no LIKE wildcard. */
#define EXP_ARTICLE_FILTER(SCOPE)                                                                  \
    "a.status IN ('published', 'best_practice') " SCOPE("a")                                       \
        EXP_READABLE("a") "AND (CAST($4 AS TEXT) = '' OR (' ' || a.tags || ' ') LIKE ('% ' || "    \
                          "CAST($4 AS TEXT) || ' %')) "                                            \
                          "AND a.created_at < CAST($7 AS BIGINT) "

/* Answers (kind 0), accepted answers (1, at the accept time or else the answer's time),
   votes by others on answers (2) and imported net votes (5, at the answer's time). Each
   branch starts from the threads in scope, so the plan is driven by the community and tag
   even when the planner's statistics are stale (right after an import). The author must
   be listed (not hidden, not suspended) unless $6, and a member of a private community for
   evidence there.
   Articles: written (3) once per (author, article), at the author's latest revision
   before $7, value 2 for best practice and 1 for published; reviewed (4) once per
   (reviewer, article), at the review, for members who wrote none of its revisions (their
   written evidence already counts more). */
#define EXP_FROM                                                                                   \
    "FROM threads t JOIN communities c ON c.id = t.community_id "                                  \
    "JOIN posts p ON p.thread_id = t.id AND p.position > 1 "
#define EXP_POST_OK                                                                                \
    "AND p.deleted_at IS NULL AND p.hidden_at IS NULL AND p.author_id IS NOT NULL "                \
    "AND t.created_at < CAST($7 AS BIGINT) AND (CAST($5 AS BIGINT) = 0 OR p.author_id = $5) "
#define EXP_AFROM "FROM articles a JOIN communities c ON c.id = a.community_id "
#define EXP_ITEMS(SCOPE)                                                                           \
    "SELECT e.k, e.uid, e.val, e.at, e.did, e.dk FROM ("                                           \
    "SELECT 0 AS k, p.author_id AS uid, 1 AS val, p.created_at AS at, t.id AS did, 0 AS dk, "      \
    "t.community_id AS cid, c.visibility AS vis " EXP_FROM "WHERE " EXP_THREAD_FILTER(SCOPE)       \
        EXP_POST_OK "UNION ALL "                                                                   \
                    "SELECT 1, p.author_id, 1, coalesce(t.accepted_at, p.created_at), t.id, 0, "   \
                    "t.community_id, "                                                             \
                    "c.visibility " EXP_FROM "AND p.id = t.accepted_post_id "                      \
                    "WHERE " EXP_THREAD_FILTER(SCOPE) EXP_POST_OK                                  \
        "UNION ALL "                                                                               \
        "SELECT 2, p.author_id, v.value, v.created_at, t.id, 0, t.community_id, "                  \
        "c.visibility " EXP_FROM "JOIN votes v ON v.post_id = p.id "                               \
        "WHERE " EXP_THREAD_FILTER(SCOPE) EXP_POST_OK                                              \
        "AND v.user_id <> p.author_id "                                                            \
        "UNION ALL "                                                                               \
        "SELECT 5, p.author_id, p.base_score, p.created_at, t.id, 0, t.community_id, "             \
        "c.visibility " EXP_FROM "WHERE " EXP_THREAD_FILTER(SCOPE) EXP_POST_OK                     \
        "AND p.base_score <> 0 "                                                                   \
        "UNION ALL "                                                                               \
        "SELECT 3, r.author_id, CASE WHEN a.status = 'best_practice' THEN 2 ELSE 1 END, "          \
        "max(r.created_at), a.id, 1, a.community_id, c.visibility " EXP_AFROM                      \
        "JOIN article_revisions r ON r.article_id = a.id "                                         \
        "WHERE " EXP_ARTICLE_FILTER(                                                               \
            SCOPE) "AND r.author_id IS NOT NULL "                                                  \
                   "AND r.created_at < CAST($7 AS BIGINT) AND (CAST($5 AS BIGINT) = 0 OR "         \
                   "r.author_id = $5) "                                                            \
                   "GROUP BY r.author_id, a.id, a.status, a.community_id, c.visibility "           \
                   "UNION ALL "                                                                    \
                   "SELECT 4, v.user_id, 1, v.created_at, a.id, 1, a.community_id, "               \
                   "c.visibility " EXP_AFROM "JOIN article_reviews v ON v.article_id = a.id "      \
                   "WHERE " EXP_ARTICLE_FILTER(                                                    \
                       SCOPE) "AND (CAST($5 AS BIGINT) = 0 OR v.user_id = $5) "                    \
                              "AND NOT EXISTS (SELECT 1 FROM article_revisions r4 WHERE "          \
                              "r4.article_id = a.id "                                              \
                              "AND r4.author_id = v.user_id)"                                      \
                              ") e JOIN users u ON u.id = e.uid "                                  \
                              "WHERE e.at < CAST($7 AS BIGINT) "                                   \
                              "AND (CAST($6 AS BIGINT) = 1 OR (u.expertise_hidden = 0 AND "        \
                              "u.status <> 'suspended')) "                                         \
                              "AND (e.vis <> 'private' OR EXISTS (SELECT 1 FROM memberships m2 "   \
                              "WHERE "                                                             \
                              "m2.community_id = e.cid AND m2.user_id = e.uid)) "                  \
                              "ORDER BY e.at DESC LIMIT $8"
static const char SQL_ITEMS_COMMUNITY[] = EXP_ITEMS(EXP_IN_COMMUNITY);
static const char SQL_ITEMS_ALL[] = EXP_ITEMS(EXP_IN_ALL);

/* Question documents: title and tags (the evaluation found opening-post excerpts add
   nothing; docs/evaluation.md). With $5, only threads the member answered. */
#define EXP_DOCS(SCOPE)                                                                            \
    "SELECT t.id, t.community_id, coalesce(t.author_id, 0), t.created_at, t.title, t.tags "        \
    "FROM threads t JOIN communities c ON c.id = t.community_id "                                  \
    "WHERE " EXP_THREAD_FILTER(SCOPE) "AND t.created_at < CAST($7 AS BIGINT) "                     \
                                      "AND (CAST($5 AS BIGINT) = 0 OR EXISTS (SELECT 1 FROM "      \
                                      "posts p5 WHERE p5.thread_id = t.id "                        \
                                      "AND p5.author_id = $5 AND p5.position > 1)) "               \
                                      "AND CAST($6 AS BIGINT) >= 0 "                               \
                                      "ORDER BY t.created_at DESC LIMIT $8"
static const char SQL_DOCS_COMMUNITY[] = EXP_DOCS(EXP_IN_COMMUNITY);
static const char SQL_DOCS_ALL[] = EXP_DOCS(EXP_IN_ALL);

/* Article documents: title and the first ARTICLE_EXCERPT characters of the text (an
   article's title is often one or two words; its opening says what it is about), and tags.
   With $5, only articles the member wrote or reviewed. */
#define ARTICLE_EXCERPT "500"
#define EXP_ADOCS(SCOPE)                                                                           \
    "SELECT a.id, a.community_id, coalesce(a.created_by, 0), a.created_at, "                       \
    "a.title || ' ' || substr(a.body_md, 1, " ARTICLE_EXCERPT "), a.tags " EXP_AFROM               \
    "WHERE " EXP_ARTICLE_FILTER(                                                                   \
        SCOPE) "AND (CAST($5 AS BIGINT) = 0 OR EXISTS (SELECT 1 FROM article_revisions r5 WHERE "  \
               "r5.article_id = a.id AND r5.author_id = $5) OR EXISTS (SELECT 1 FROM "             \
               "article_reviews v5 "                                                               \
               "WHERE v5.article_id = a.id AND v5.user_id = $5)) "                                 \
               "AND CAST($6 AS BIGINT) >= 0 "                                                      \
               "ORDER BY a.created_at DESC LIMIT $8"
static const char SQL_ADOCS_COMMUNITY[] = EXP_ADOCS(EXP_IN_COMMUNITY);
static const char SQL_ADOCS_ALL[] = EXP_ADOCS(EXP_IN_ALL);

#define SCOPE_PARAMS(s)                                                                            \
    PARAMS(P_INT((s)->community_id), P_INT((s)->viewer), P_INT((s)->see_all ? 1 : 0),              \
           P_TEXT((s)->tag ? (s)->tag : ""), P_INT((s)->user_id),                                  \
           P_INT((s)->include_hidden ? 1 : 0), P_INT((s)->as_of), P_INT((s)->limit))

/* Grow an arena array *p of *cap elements of size sz to hold one more than n. */
static void *grow(struct arena *a, void *p, size_t n, size_t *cap, size_t sz)
{
    void *np;
    if (n < *cap)
        return p;
    *cap = *cap ? *cap * 2 : 256;
    np = arena_alloc(a, *cap * sz);
    if (n)
        memcpy(np, p, n * sz);
    return np;
}

int expertise_db_items(struct db *db, struct arena *a, const struct expertise_scope *s,
                       struct expertise_item_row **out, size_t *n)
{
    struct db_res *res;
    struct expertise_item_row *rows = NULL;
    size_t cap = 0;
    int rc =
        db_query(db, s->community_id ? SQL_ITEMS_COMMUNITY : SQL_ITEMS_ALL, SCOPE_PARAMS(s), &res);
    *out = NULL;
    *n = 0;
    if (rc < 0)
        return ERR_DB;
    while ((rc = db_step(res)) == 1) {
        struct expertise_item_row *r;
        rows = grow(a, rows, *n, &cap, sizeof(*rows));
        r = &rows[(*n)++];
        r->kind = (int)db_int(res, 0);
        r->user_id = db_int(res, 1);
        r->value = (int)db_int(res, 2);
        r->at = db_int(res, 3);
        r->doc_id = db_int(res, 4);
        r->doc_kind = (int)db_int(res, 5);
    }
    db_done(res);
    *out = rows;
    return rc < 0 ? ERR_DB : 0;
}

/* Append the rows of one document statement to *out (kind for each). */
static int docs_read(struct db *db, struct arena *a, const char *sql,
                     const struct expertise_scope *s, int kind, struct expertise_doc_row **out,
                     size_t *n, size_t *cap)
{
    struct db_res *res;
    int rc = db_query(db, sql, SCOPE_PARAMS(s), &res);
    if (rc < 0)
        return ERR_DB;
    while ((rc = db_step(res)) == 1) {
        struct expertise_doc_row *r;
        const char *v;
        *out = grow(a, *out, *n, cap, sizeof(**out));
        r = &(*out)[(*n)++];
        r->id = db_int(res, 0);
        r->community_id = db_int(res, 1);
        r->author_id = db_int(res, 2);
        r->created_at = db_int(res, 3);
        r->kind = kind;
        r->title = arena_strdup(a, (v = db_text(res, 4)) ? v : "");
        r->tags = arena_strdup(a, (v = db_text(res, 5)) ? v : "");
    }
    db_done(res);
    return rc < 0 ? ERR_DB : 0;
}

int expertise_db_docs(struct db *db, struct arena *a, const struct expertise_scope *s,
                      struct expertise_doc_row **out, size_t *n)
{
    size_t cap = 0;
    *out = NULL;
    *n = 0;
    if (docs_read(db, a, s->community_id ? SQL_DOCS_COMMUNITY : SQL_DOCS_ALL, s, EXP_DOC_THREAD,
                  out, n, &cap) < 0 ||
        docs_read(db, a, s->community_id ? SQL_ADOCS_COMMUNITY : SQL_ADOCS_ALL, s, EXP_DOC_ARTICLE,
                  out, n, &cap) < 0)
        return ERR_DB;
    return 0;
}

static const char SQL_ARTICLE_REVIEWED[] =
    "INSERT INTO article_reviews (article_id, user_id, kind, created_at) VALUES ($1, $2, $3, $4) "
    "ON CONFLICT (article_id, user_id) DO UPDATE SET kind = excluded.kind, "
    "created_at = excluded.created_at";

int expertise_db_article_reviewed(struct db *db, int64_t aid, int64_t uid, const char *kind,
                                  int64_t at)
{
    return db_exec(db, SQL_ARTICLE_REVIEWED,
                   PARAMS(P_INT(aid), P_INT(uid), P_TEXT(kind), P_INT(at))) < 0
               ? ERR_DB
               : 0;
}

static const char SQL_HIDDEN_GET[] = "SELECT expertise_hidden FROM users WHERE id = $1";
static const char SQL_HIDDEN_SET[] = "UPDATE users SET expertise_hidden = $2 WHERE id = $1";

int expertise_db_hidden_get(struct db *db, int64_t uid, int *hidden)
{
    int64_t v = 0;
    int rc = db_get_int(db, SQL_HIDDEN_GET, PARAMS(P_INT(uid)), &v);
    if (rc < 0)
        return rc;
    *hidden = v != 0;
    return 0;
}

int expertise_db_hidden_set(struct db *db, int64_t uid, int hidden)
{
    int rc = db_exec(db, SQL_HIDDEN_SET, PARAMS(P_INT(uid), P_INT(hidden ? 1 : 0)));
    if (rc < 0)
        return ERR_DB;
    return rc == 0 ? ERR_NOTFOUND : 0;
}

static const char SQL_ACCEPTED_AT[] = "UPDATE threads SET accepted_at = $2 WHERE id = $1";

int expertise_db_accepted_at(struct db *db, int64_t tid, int64_t at)
{
    return db_exec(db, SQL_ACCEPTED_AT, PARAMS(P_INT(tid), at ? P_INT(at) : P_NULL)) < 0 ? ERR_DB
                                                                                         : 0;
}

static const char SQL_COMMUNITY_ID[] = "SELECT id FROM communities WHERE slug = $1";

int expertise_db_community_id(struct db *db, const char *slug, int64_t *id)
{
    return db_get_int(db, SQL_COMMUNITY_ID, PARAMS(P_TEXT(slug)), id);
}

static const char SQL_USER[] = "SELECT name, display_name FROM users WHERE id = $1";

int expertise_db_user(struct db *db, struct arena *a, int64_t uid, const char **name,
                      const char **display)
{
    struct db_res *res;
    int rc = db_query(db, SQL_USER, PARAMS(P_INT(uid)), &res);
    if (rc < 0)
        return ERR_DB;
    rc = db_step(res);
    if (rc == 1) {
        *name = arena_strdup(a, db_text(res, 0));
        *display = arena_strdup(a, db_text(res, 1));
    }
    db_done(res);
    return rc < 0 ? ERR_DB : rc == 0 ? ERR_NOTFOUND : 0;
}

static const char SQL_CLAIMANTS[] =
    "SELECT u.id, u.name, u.display_name FROM user_skills s JOIN users u ON u.id = s.user_id "
    "WHERE s.tag = $1 AND u.status = 'active' AND u.expertise_hidden = 0 "
    "AND (CAST($2 AS BIGINT) = 0 OR EXISTS (SELECT 1 FROM memberships m WHERE "
    "m.community_id = $2 AND m.user_id = u.id)) ORDER BY lower(u.name), u.id LIMIT $3";

int expertise_db_claimants(struct db *db, struct arena *a, const char *tag, int64_t cid, int limit,
                           struct expertise_claimant **out, size_t *n)
{
    struct db_res *res;
    size_t k = 0;
    int rc;
    if (limit < 1)
        limit = 1;
    *out = ARENA_ARRAY(a, struct expertise_claimant, (size_t)limit);
    *n = 0;
    if (db_query(db, SQL_CLAIMANTS, PARAMS(P_TEXT(tag), P_INT(cid), P_INT(limit)), &res) < 0)
        return ERR_DB;
    while ((rc = db_step(res)) == 1 && k < (size_t)limit) {
        (*out)[k].user_id = db_int(res, 0);
        (*out)[k].name = arena_strdup(a, db_text(res, 1));
        (*out)[k].display_name = arena_strdup(a, db_text(res, 2));
        k++;
    }
    db_done(res);
    if (rc < 0)
        return ERR_DB;
    *n = k;
    return 0;
}

static const char SQL_SUGGEST_COMPUTED[] =
    "SELECT computed_at FROM expertise_suggest_runs WHERE thread_id = $1";
static const char SQL_SUGGEST_READ[] =
    "SELECT s.user_id, u.name, u.display_name, s.answers, s.accepted, s.votes, s.articles, "
    "s.similar_count, s.last_at FROM expertise_suggestions s JOIN users u ON u.id = s.user_id "
    "JOIN threads t ON t.id = s.thread_id JOIN communities c ON c.id = t.community_id "
    "WHERE s.thread_id = $1 AND u.expertise_hidden = 0 AND u.status <> 'suspended' "
    "AND s.user_id <> coalesce(t.author_id, 0) "
    "AND (c.visibility <> 'private' OR EXISTS (SELECT 1 FROM memberships m WHERE "
    "m.community_id = t.community_id AND m.user_id = s.user_id)) "
    "ORDER BY s.pos LIMIT $2";
static const char SQL_SUGGEST_DELETE[] = "DELETE FROM expertise_suggestions WHERE thread_id = $1";
static const char SQL_SUGGEST_INSERT[] =
    "INSERT INTO expertise_suggestions (thread_id, pos, user_id, answers, accepted, votes, "
    "articles, similar_count, last_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) "
    "ON CONFLICT (thread_id, pos) DO NOTHING";
static const char SQL_SUGGEST_RUN[] =
    "INSERT INTO expertise_suggest_runs (thread_id, computed_at) VALUES ($1, $2) "
    "ON CONFLICT (thread_id) DO UPDATE SET computed_at = excluded.computed_at";

int expertise_db_suggest_computed(struct db *db, int64_t tid, int64_t *at)
{
    int rc = db_get_int(db, SQL_SUGGEST_COMPUTED, PARAMS(P_INT(tid)), at);
    if (rc == ERR_NOTFOUND) {
        *at = 0;
        return 0;
    }
    return rc < 0 ? ERR_DB : 0;
}

int expertise_db_suggest_read(struct db *db, struct arena *a, int64_t tid, int64_t limit,
                              struct expertise_suggest_row **out, size_t *n)
{
    struct db_res *res;
    struct expertise_suggest_row *rows;
    int rc = db_query(db, SQL_SUGGEST_READ, PARAMS(P_INT(tid), P_INT(limit)), &res);
    *out = NULL;
    *n = 0;
    if (rc < 0)
        return ERR_DB;
    rows = ARENA_ARRAY(a, struct expertise_suggest_row, limit > 0 ? (size_t)limit : 1);
    while ((rc = db_step(res)) == 1 && (int64_t)*n < limit) {
        struct expertise_suggest_row *r = &rows[(*n)++];
        const char *v;
        r->user_id = db_int(res, 0);
        r->name = arena_strdup(a, (v = db_text(res, 1)) ? v : "");
        r->display_name = arena_strdup(a, (v = db_text(res, 2)) ? v : "");
        r->answers = (int)db_int(res, 3);
        r->accepted = (int)db_int(res, 4);
        r->votes = (int)db_int(res, 5);
        r->articles = (int)db_int(res, 6);
        r->similar = (int)db_int(res, 7);
        r->last_at = db_int(res, 8);
    }
    db_done(res);
    *out = rows;
    return rc < 0 ? ERR_DB : 0;
}

int expertise_db_suggest_write(struct db *db, int64_t tid, int64_t at,
                               const struct expertise_suggest_row *rows, size_t n)
{
    size_t i;
    if (db_exec(db, SQL_SUGGEST_DELETE, PARAMS(P_INT(tid))) < 0)
        return ERR_DB;
    for (i = 0; i < n; i++)
        if (db_exec(db, SQL_SUGGEST_INSERT,
                    PARAMS(P_INT(tid), P_INT(i + 1), P_INT(rows[i].user_id), P_INT(rows[i].answers),
                           P_INT(rows[i].accepted), P_INT(rows[i].votes), P_INT(rows[i].articles),
                           P_INT(rows[i].similar), P_INT(rows[i].last_at))) < 0)
            return ERR_DB;
    return db_exec(db, SQL_SUGGEST_RUN, PARAMS(P_INT(tid), P_INT(at))) < 0 ? ERR_DB : 0;
}
