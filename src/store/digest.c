/* The SQL catalogue for digests (see store/digest.h): literal statements with bound
 * parameters, valid on SQLite and PostgreSQL (CAST on every parameter used in arithmetic
 * so PostgreSQL types it BIGINT). The visibility rule is one fragment, READABLE, shared by
 * every content query. */
#include <string.h>

#include "store/digest.h"

static const char *dup(struct arena *a, const char *s)
{
    return arena_strdup(a, s ? s : "");
}

#define PERIOD "(CASE u.digest_frequency WHEN 'daily' THEN 86400 ELSE 604800 END)"
#define LAST_SEEN(U)                                                                               \
    "(SELECT MAX(v) FROM (SELECT MAX(s.last_seen_at) AS v FROM sessions s WHERE s.user_id = " U    \
    " UNION ALL SELECT MAX(k.last_used_at) FROM api_tokens k WHERE k.user_id = " U ") vv)"

int store_digest_pref_get(struct db *db, struct arena *a, int64_t uid, struct digest_pref_row *out)
{
    struct db_res *res;
    int rc = db_query(db,
                      "SELECT u.digest_frequency, u.digest_last_at, " LAST_SEEN(
                          "u.id") " "
                                  "FROM users u WHERE u.id = $1",
                      PARAMS(P_INT(uid)), &res);
    if (rc < 0)
        return rc;
    rc = db_step(res);
    if (rc == 1) {
        out->frequency = dup(a, db_text(res, 0));
        out->last_at = db_int(res, 1);
        out->last_seen = db_int(res, 2);
        rc = 0;
    } else if (rc == 0) {
        rc = ERR_NOTFOUND;
    }
    db_done(res);
    return rc;
}

int store_digest_pref_set(struct db *db, int64_t uid, const char *frequency)
{
    int64_t one;
    int rc = db_get_int(db, "SELECT 1 FROM users WHERE id = $1", PARAMS(P_INT(uid)), &one);
    if (rc < 0)
        return rc;
    return db_exec(db, "UPDATE users SET digest_frequency = $2 WHERE id = $1",
                   PARAMS(P_INT(uid), P_TEXT(frequency)));
}

int store_digest_mark(struct db *db, int64_t uid, int64_t at)
{
    return db_exec(db, "UPDATE users SET digest_last_at = $2 WHERE id = $1",
                   PARAMS(P_INT(uid), P_INT(at)));
}

static const char SQL_DUE[] = "SELECT u.id, u.digest_last_at, " LAST_SEEN(
    "u.id") ", " PERIOD " FROM users u "
            "WHERE u.id > CAST($2 AS BIGINT) AND u.status = 'active' AND u.email IS NOT NULL "
            "AND u.email_verified_at IS NOT NULL AND u.digest_frequency <> 'off' "
            "AND u.digest_last_at <= CAST($1 AS BIGINT) - " PERIOD " "
            "AND NOT EXISTS (SELECT 1 FROM sessions s WHERE s.user_id = u.id "
            "AND s.last_seen_at > CAST($1 AS BIGINT) - " PERIOD ") "
            "AND NOT EXISTS (SELECT 1 FROM api_tokens k WHERE k.user_id = u.id "
            "AND k.last_used_at > CAST($1 AS BIGINT) - " PERIOD ") "
            "ORDER BY u.id LIMIT CAST($3 AS BIGINT)";

int store_digest_due(struct db *db, struct arena *a, int64_t now, int64_t after, int64_t limit,
                     struct digest_due_row **out, size_t *n)
{
    struct db_res *res;
    struct digest_due_row *v = arena_alloc(a, sizeof(*v) * (size_t)(limit > 0 ? limit : 1));
    int rc = db_query(db, SQL_DUE, PARAMS(P_INT(now), P_INT(after), P_INT(limit)), &res);
    *n = 0;
    *out = v;
    if (rc < 0)
        return rc;
    while ((rc = db_step(res)) == 1 && *n < (size_t)limit) {
        struct digest_due_row *r = &v[(*n)++];
        r->uid = db_int(res, 0);
        r->last_at = db_int(res, 1);
        r->last_seen = db_int(res, 2);
        r->period = db_int(res, 3);
    }
    db_done(res);
    return rc < 0 ? rc : 0;
}

/* Community c readable by member $1 now. */
#define READABLE                                                                                   \
    "(c.visibility <> 'private' OR EXISTS (SELECT 1 FROM memberships rm "                          \
    "WHERE rm.community_id = c.id AND rm.user_id = CAST($1 AS BIGINT))) "
/* Thread t in one of $1's communities or tagged with a tag $1 watches there; not in a
   community $1 muted. The "community_id IN" list (communities of $1 and of the tags $1
   watches) is not needed for the meaning; it lets the planner read threads through their
   (community_id, last_activity_at) index instead of scanning every thread. */
#define MINE                                                                                       \
    "t.community_id IN (SELECT mi.community_id FROM memberships mi WHERE "                         \
    "mi.user_id = CAST($1 AS BIGINT) UNION SELECT fi.community_id FROM follows fi WHERE "          \
    "fi.user_id = CAST($1 AS BIGINT) AND fi.thread_id = 0 AND fi.tag <> '' AND fi.level = 3) "     \
    "AND (EXISTS (SELECT 1 FROM memberships mm WHERE mm.community_id = t.community_id "            \
    "AND mm.user_id = CAST($1 AS BIGINT)) OR EXISTS (SELECT 1 FROM follows f "                     \
    "JOIN thread_tags ft ON ft.tag = f.tag WHERE f.user_id = CAST($1 AS BIGINT) "                  \
    "AND f.thread_id = 0 AND f.tag <> '' AND f.level = 3 AND f.community_id = t.community_id "     \
    "AND ft.thread_id = t.id)) AND NOT EXISTS (SELECT 1 FROM follows fm WHERE "                    \
    "fm.user_id = CAST($1 AS BIGINT) AND fm.thread_id = 0 AND fm.tag = '' "                        \
    "AND fm.community_id = t.community_id AND fm.level = 0) "
#define THREAD_SEL                                                                                 \
    "SELECT t.id, t.kind, t.title, c.slug, c.name, t.score, t.answer_count "                       \
    "FROM threads t JOIN communities c ON c.id = t.community_id "                                  \
    "WHERE t.deleted_at IS NULL AND (t.author_id IS NULL OR t.author_id <> CAST($1 AS BIGINT)) "   \
    "AND " READABLE

static const char *const SQL_THREADS[DIGEST_LIST__MAX] = {
    [DIGEST_NEW] = THREAD_SEL "AND " MINE "AND t.created_at >= CAST($2 AS BIGINT) "
                              "AND t.last_activity_at >= CAST($2 AS BIGINT) "
                              "AND t.created_at < CAST($3 AS BIGINT) "
                              "ORDER BY t.created_at DESC, t.id DESC LIMIT CAST($4 AS BIGINT)",
    [DIGEST_TOP] = THREAD_SEL "AND " MINE "AND t.last_activity_at >= CAST($2 AS BIGINT) "
                              "AND t.last_activity_at < CAST($3 AS BIGINT) "
                              "AND (t.score > 0 OR t.answer_count > 0 OR t.reply_count > 0) "
                              "ORDER BY t.score DESC, t.answer_count DESC, t.id DESC "
                              "LIMIT CAST($4 AS BIGINT)",
    [DIGEST_ANSWER] = THREAD_SEL
    "AND t.kind = 'question' AND t.answer_count = 0 "
    "AND t.accepted_post_id IS NULL AND t.closed_at IS NULL "
    "AND t.created_at >= CAST($2 AS BIGINT) AND t.created_at < CAST($3 AS BIGINT) "
    "AND t.last_activity_at >= CAST($2 AS BIGINT) "
    "AND t.id IN (SELECT qt.thread_id FROM thread_tags qt WHERE qt.tag IN "
    "(SELECT et.tag FROM posts p JOIN threads q ON q.id = p.thread_id "
    "JOIN thread_tags et ON et.thread_id = q.id WHERE p.author_id = CAST($1 AS BIGINT) "
    "AND p.position > 1 AND p.deleted_at IS NULL AND p.hidden_at IS NULL "
    "AND q.deleted_at IS NULL AND q.kind = 'question' "
    "AND (q.accepted_post_id = p.id OR p.score > 0))) "
    "ORDER BY t.created_at DESC, t.id DESC LIMIT CAST($4 AS BIGINT)",
};

int store_digest_threads(struct db *db, struct arena *a, enum digest_list which, int64_t uid,
                         int64_t since, int64_t until, int64_t limit,
                         struct digest_thread_row **out, size_t *n)
{
    struct db_res *res;
    struct digest_thread_row *v = arena_alloc(a, sizeof(*v) * (size_t)(limit > 0 ? limit : 1));
    int rc = db_query(db, SQL_THREADS[which],
                      PARAMS(P_INT(uid), P_INT(since), P_INT(until), P_INT(limit)), &res);
    *n = 0;
    *out = v;
    if (rc < 0)
        return rc;
    while ((rc = db_step(res)) == 1 && *n < (size_t)limit) {
        struct digest_thread_row *r = &v[(*n)++];
        r->id = db_int(res, 0);
        r->kind = dup(a, db_text(res, 1));
        r->title = dup(a, db_text(res, 2));
        r->cslug = dup(a, db_text(res, 3));
        r->cname = dup(a, db_text(res, 4));
        r->score = db_int(res, 5);
        r->answers = db_int(res, 6);
    }
    db_done(res);
    return rc < 0 ? rc : 0;
}

int store_digest_events(struct db *db, struct arena *a, int64_t uid, int64_t from, int64_t to,
                        int64_t limit, int64_t **ids, size_t *n)
{
    struct db_res *res;
    int64_t *v = arena_alloc(a, sizeof(*v) * (size_t)(limit > 0 ? limit : 1));
    int rc = db_query(db,
                      "SELECT e.id FROM events e JOIN memberships m ON m.community_id = "
                      "e.community_id AND m.user_id = CAST($1 AS BIGINT) WHERE e.cancelled = 0 "
                      "AND e.start_at < CAST($3 AS BIGINT) AND e.last_end_at >= CAST($2 AS BIGINT) "
                      "ORDER BY e.start_at, e.id LIMIT CAST($4 AS BIGINT)",
                      PARAMS(P_INT(uid), P_INT(from), P_INT(to), P_INT(limit)), &res);
    *n = 0;
    *ids = v;
    if (rc < 0)
        return rc;
    while ((rc = db_step(res)) == 1 && *n < (size_t)limit)
        v[(*n)++] = db_int(res, 0);
    db_done(res);
    return rc < 0 ? rc : 0;
}

int store_digest_articles(struct db *db, struct arena *a, int64_t uid, int64_t now, int64_t limit,
                          struct digest_article_row **out, size_t *n)
{
    struct db_res *res;
    struct digest_article_row *v = arena_alloc(a, sizeof(*v) * (size_t)(limit > 0 ? limit : 1));
    int rc = db_query(db,
                      "SELECT ar.id, ar.slug, ar.title, c.slug, ar.review_by FROM articles ar "
                      "JOIN communities c ON c.id = ar.community_id "
                      "WHERE ar.owner_id = CAST($1 AS BIGINT) AND ar.status <> 'draft' "
                      "AND ar.review_by > 0 AND ar.review_by <= CAST($2 AS BIGINT) AND " READABLE
                      "ORDER BY ar.review_by, ar.id LIMIT CAST($3 AS BIGINT)",
                      PARAMS(P_INT(uid), P_INT(now), P_INT(limit)), &res);
    *n = 0;
    *out = v;
    if (rc < 0)
        return rc;
    while ((rc = db_step(res)) == 1 && *n < (size_t)limit) {
        struct digest_article_row *r = &v[(*n)++];
        r->id = db_int(res, 0);
        r->slug = dup(a, db_text(res, 1));
        r->title = dup(a, db_text(res, 2));
        r->cslug = dup(a, db_text(res, 3));
        r->review_by = db_int(res, 4);
    }
    db_done(res);
    return rc < 0 ? rc : 0;
}
