/* Participation: the activity counts of every member of a community over a window (one
 * UNION ALL of the tables that record what members do, summed per member; the same text
 * on both backends) and the monthly level snapshots. See store/participation.h. */
#include <string.h>

#include "store/participation.h"
#include "core/util.h"

/* Columns: asked, answered, comments, votes, accepted, edits, articles, reviews, organised,
   rsvps, attended. $1 community, [$2, $3) window, [$4, $5) the window as YYYYMMDD. */
static const char SQL_ACTIVITY[] =
    "SELECT uid, SUM(c1), SUM(c2), SUM(c3), SUM(c4), SUM(c5), SUM(c6), SUM(c7), SUM(c8), "
    "SUM(c9), SUM(c10), SUM(c11) FROM ("
    " SELECT p.author_id AS uid, CASE WHEN p.position = 1 THEN 1 ELSE 0 END AS c1,"
    "  CASE WHEN p.position > 1 THEN 1 ELSE 0 END AS c2, 0 AS c3, 0 AS c4, 0 AS c5, 0 AS c6,"
    "  0 AS c7, 0 AS c8, 0 AS c9, 0 AS c10, 0 AS c11"
    " FROM posts p JOIN threads t ON t.id = p.thread_id"
    " WHERE t.community_id = $1 AND p.created_at >= $2 AND p.created_at < $3"
    "  AND p.deleted_at IS NULL AND p.hidden_at IS NULL AND t.deleted_at IS NULL"
    "  AND p.author_id IS NOT NULL"
    " UNION ALL"
    " SELECT c.author_id, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0"
    " FROM comments c JOIN posts p ON p.id = c.post_id JOIN threads t ON t.id = p.thread_id"
    " WHERE t.community_id = $1 AND c.created_at >= $2 AND c.created_at < $3"
    "  AND c.deleted_at IS NULL AND c.author_id IS NOT NULL"
    " UNION ALL"
    " SELECT v.user_id, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0"
    " FROM votes v JOIN posts p ON p.id = v.post_id JOIN threads t ON t.id = p.thread_id"
    " WHERE t.community_id = $1 AND v.created_at >= $2 AND v.created_at < $3"
    " UNION ALL"
    " SELECT p.author_id, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0"
    " FROM threads t JOIN posts p ON p.id = t.accepted_post_id"
    " WHERE t.community_id = $1 AND COALESCE(t.accepted_at, p.created_at) >= $2"
    "  AND COALESCE(t.accepted_at, p.created_at) < $3 AND p.deleted_at IS NULL"
    "  AND p.author_id IS NOT NULL"
    " UNION ALL"
    " SELECT r.author_id, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0"
    " FROM post_revisions r JOIN posts p ON p.id = r.post_id JOIN threads t ON t.id = p.thread_id"
    " WHERE t.community_id = $1 AND r.rev > 1 AND r.created_at >= $2 AND r.created_at < $3"
    "  AND r.author_id IS NOT NULL"
    " UNION ALL"
    " SELECT r.author_id, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0"
    " FROM article_revisions r JOIN articles a ON a.id = r.article_id"
    " WHERE a.community_id = $1 AND r.created_at >= $2 AND r.created_at < $3"
    "  AND r.author_id IS NOT NULL"
    " UNION ALL"
    " SELECT v.user_id, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0"
    " FROM article_reviews v JOIN articles a ON a.id = v.article_id"
    " WHERE a.community_id = $1 AND v.created_at >= $2 AND v.created_at < $3"
    " UNION ALL" /* coaching a newcomer's question counts as a review (0025_coaching) */
    " SELECT n.author_id, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0"
    " FROM coaching_notes n JOIN threads t ON t.id = n.thread_id"
    " WHERE t.community_id = $1 AND n.created_at >= $2 AND n.created_at < $3"
    "  AND n.author_id IS NOT NULL AND (t.author_id IS NULL OR t.author_id <> n.author_id)"
    " UNION ALL"
    " SELECT e.created_by, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0"
    " FROM events e WHERE e.community_id = $1 AND e.start_at < $3 AND e.last_end_at >= $2"
    "  AND e.cancelled = 0 AND e.created_by IS NOT NULL"
    " UNION ALL"
    " SELECT s.user_id, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1,"
    "  CASE WHEN s.status = 'going' AND s.occ_key >= $4 AND s.occ_key < $5 THEN 1 ELSE 0 END"
    " FROM event_rsvps s JOIN events e ON e.id = s.event_id"
    " WHERE e.community_id = $1 AND s.status <> 'no'"
    "  AND ((s.responded_at >= $2 AND s.responded_at < $3)"
    "   OR (s.status = 'going' AND s.occ_key >= $4 AND s.occ_key < $5))"
    ") x GROUP BY uid ORDER BY uid";

int participation_db_activity(struct db *db, struct arena *a, int64_t cid, int64_t from, int64_t to,
                              int64_t from_ymd, int64_t to_ymd, struct participation_activity **out,
                              size_t *n)
{
    struct db_res *res;
    size_t cap = 64;
    int rc;
    *n = 0;
    *out = arena_alloc(a, cap * sizeof(**out));
    if (db_query(db, SQL_ACTIVITY,
                 PARAMS(P_INT(cid), P_INT(from), P_INT(to), P_INT(from_ymd), P_INT(to_ymd)),
                 &res) < 0)
        return ERR_DB;
    while ((rc = db_step(res)) == 1) {
        struct participation_activity *x;
        if (*n == cap) {
            struct participation_activity *bigger = arena_alloc(a, 2 * cap * sizeof(*bigger));
            memcpy(bigger, *out, cap * sizeof(*bigger));
            *out = bigger;
            cap *= 2;
        }
        x = &(*out)[(*n)++];
        x->user_id = db_int(res, 0);
        x->asked = db_int(res, 1);
        x->answered = db_int(res, 2);
        x->comments = db_int(res, 3);
        x->votes = db_int(res, 4);
        x->accepted = db_int(res, 5);
        x->edits = db_int(res, 6);
        x->articles = db_int(res, 7);
        x->reviews = db_int(res, 8);
        x->organised = db_int(res, 9);
        x->rsvps = db_int(res, 10);
        x->attended = db_int(res, 11);
    }
    db_done(res);
    return rc < 0 ? ERR_DB : 0;
}

static const char SQL_SPAN[] =
    "SELECT COALESCE(MIN(p.created_at), 0), COALESCE(MAX(p.created_at), 0) FROM posts p "
    "JOIN threads t ON t.id = p.thread_id WHERE t.community_id = $1";

int participation_db_span(struct db *db, int64_t cid, int64_t *first, int64_t *last)
{
    struct db_res *res;
    int rc;
    *first = *last = 0;
    if (db_query(db, SQL_SPAN, PARAMS(P_INT(cid)), &res) < 0)
        return ERR_DB;
    if ((rc = db_step(res)) == 1) {
        *first = db_int(res, 0);
        *last = db_int(res, 1);
    }
    db_done(res);
    return rc < 0 ? ERR_DB : 0;
}

static const char SQL_USER_COMMUNITIES[] =
    "SELECT community_id FROM memberships WHERE user_id = $1 ORDER BY community_id LIMIT 200";

int participation_db_user_communities(struct db *db, struct arena *a, int64_t uid, int64_t **out,
                                      size_t *n)
{
    struct db_res *res;
    int rc;
    *n = 0;
    *out = arena_alloc(a, 200 * sizeof(**out));
    if (db_query(db, SQL_USER_COMMUNITIES, PARAMS(P_INT(uid)), &res) < 0)
        return ERR_DB;
    while ((rc = db_step(res)) == 1 && *n < 200)
        (*out)[(*n)++] = db_int(res, 0);
    db_done(res);
    return rc < 0 ? ERR_DB : 0;
}

static const char SQL_MONTH_DONE[] =
    "SELECT COUNT(*) FROM participation_months WHERE community_id = $1 AND month = $2";

int participation_db_month_done(struct db *db, int64_t cid, int64_t month)
{
    int64_t v = 0;
    if (db_get_int(db, SQL_MONTH_DONE, PARAMS(P_INT(cid), P_INT(month)), &v) < 0)
        return ERR_DB;
    return v > 0;
}

static const char SQL_MONTH[] = "SELECT user_id, level FROM participation_levels "
                                "WHERE community_id = $1 AND month = $2 ORDER BY user_id";

int participation_db_month(struct db *db, struct arena *a, int64_t cid, int64_t month,
                           struct participation_row **out, size_t *n)
{
    struct db_res *res;
    size_t cap = 64;
    int rc;
    *n = 0;
    *out = arena_alloc(a, cap * sizeof(**out));
    if (db_query(db, SQL_MONTH, PARAMS(P_INT(cid), P_INT(month)), &res) < 0)
        return ERR_DB;
    while ((rc = db_step(res)) == 1) {
        if (*n == cap) {
            struct participation_row *bigger = arena_alloc(a, 2 * cap * sizeof(*bigger));
            memcpy(bigger, *out, cap * sizeof(*bigger));
            *out = bigger;
            cap *= 2;
        }
        (*out)[*n].user_id = db_int(res, 0);
        (*out)[*n].level = (int)db_int(res, 1);
        (*out)[*n].name = (*out)[*n].display_name = NULL;
        (*n)++;
    }
    db_done(res);
    return rc < 0 ? ERR_DB : 0;
}

static const char SQL_MONTH_MARK[] =
    "INSERT INTO participation_months (community_id, month, computed_at) VALUES ($1, $2, $3)";
static const char SQL_LEVEL_INSERT[] =
    "INSERT INTO participation_levels "
    "(community_id, month, user_id, level) VALUES ($1, $2, $3, $4)";

int participation_db_month_store(struct db *db, int64_t cid, int64_t month, int64_t at,
                                 const struct participation_row *rows, size_t n)
{
    size_t i;
    int rc = participation_db_month_done(db, cid, month);
    if (rc != 0)
        return rc < 0 ? ERR_DB : 0;
    rc = db_exec(db, SQL_MONTH_MARK, PARAMS(P_INT(cid), P_INT(month), P_INT(at)));
    if (rc < 0)
        return rc == ERR_CONFLICT ? ERR_CONFLICT : ERR_DB;
    for (i = 0; i < n; i++)
        if (db_exec(
                db, SQL_LEVEL_INSERT,
                PARAMS(P_INT(cid), P_INT(month), P_INT(rows[i].user_id), P_INT(rows[i].level))) < 0)
            return ERR_DB;
    return 0;
}
