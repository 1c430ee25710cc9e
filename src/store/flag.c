/* The SQL catalogue for moderation: flags, the review queue, held posts, the evidence of the
 * hold heuristics, timed restrictions and the community's first-posts switch. Every statement
 * is a literal with bound parameters, the same text on SQLite and PostgreSQL. See
 * store/flag.h for the contract. */
#include <string.h>

#include "store/flag.h"

static const char *dup(struct arena *a, const char *s)
{
    return arena_strdup(a, s ? s : "");
}

/* ------------------------------------------------------------------------------------------ */
/* Flags */

static const char SQL_FLAG_INSERT[] =
    "INSERT INTO flags (item_kind, item_id, post_id, author_id, flagger_id, reason, "
    "original_thread_id, note, weight, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, "
    "$10) RETURNING id";

int flag_db_insert(struct db *db, struct flag *f)
{
    int rc = db_get_int(
        db, SQL_FLAG_INSERT,
        PARAMS(P_TEXT(f->item_kind), P_INT(f->item_id), P_INT(f->post_id),
               f->author_id ? P_INT(f->author_id) : P_NULL, P_INT(f->flagger_id), P_TEXT(f->reason),
               f->original_thread_id ? P_INT(f->original_thread_id) : P_NULL,
               P_TEXT(f->note ? f->note : ""), P_INT(f->weight), P_INT(f->created_at)),
        &f->id);
    return rc == ERR_CONFLICT ? ERR_CONFLICT : rc < 0 ? ERR_DB : 0;
}

/* 20 columns, read by read_flag. */
#define FLAG_COLS                                                                                  \
    "f.id, f.item_kind, f.item_id, f.post_id, coalesce(f.author_id, 0), f.flagger_id, "            \
    "coalesce(u.name, ''), f.reason, coalesce(f.original_thread_id, 0), f.note, f.weight, "        \
    "f.status, f.outcome, f.created_at, coalesce(f.resolved_at, 0), t.id, t.title, c.slug, "       \
    "(SELECT count(*) FROM flags a WHERE a.flagger_id = f.flagger_id AND a.status = 'agreed'), "   \
    "(SELECT count(*) FROM flags d WHERE d.flagger_id = f.flagger_id AND d.status = 'disagreed') "
#define FLAG_FROM                                                                                  \
    "FROM flags f JOIN posts p ON p.id = f.post_id JOIN threads t ON t.id = p.thread_id "          \
    "JOIN communities c ON c.id = t.community_id LEFT JOIN users u ON u.id = f.flagger_id "

static void read_flag(struct db_res *res, struct arena *a, struct flag *f)
{
    memset(f, 0, sizeof(*f));
    f->id = db_int(res, 0);
    f->item_kind = dup(a, db_text(res, 1));
    f->item_id = db_int(res, 2);
    f->post_id = db_int(res, 3);
    f->author_id = db_int(res, 4);
    f->flagger_id = db_int(res, 5);
    f->flagger_name = dup(a, db_text(res, 6));
    f->reason = dup(a, db_text(res, 7));
    f->original_thread_id = db_int(res, 8);
    f->note = dup(a, db_text(res, 9));
    f->weight = db_int(res, 10);
    f->status = dup(a, db_text(res, 11));
    f->outcome = dup(a, db_text(res, 12));
    f->created_at = db_int(res, 13);
    f->resolved_at = db_int(res, 14);
    f->thread_id = db_int(res, 15);
    f->thread_title = dup(a, db_text(res, 16));
    f->community_slug = dup(a, db_text(res, 17));
    f->flagger_agreed = db_int(res, 18);
    f->flagger_disagreed = db_int(res, 19);
}

static int flag_rows(struct db *db, struct arena *a, const char *sql, const struct db_param *p,
                     int np, size_t cap, struct flag **out, size_t *n)
{
    struct db_res *res;
    int rc = db_query(db, sql, p, np, &res);
    *out = NULL;
    *n = 0;
    if (rc < 0)
        return ERR_DB;
    *out = ARENA_ARRAY(a, struct flag, cap ? cap : 1);
    while ((rc = db_step(res)) == 1 && *n < cap)
        read_flag(res, a, &(*out)[(*n)++]);
    db_done(res);
    return rc < 0 ? ERR_DB : 0;
}

static const char SQL_FLAG_BY_FLAGGER[] =
    "SELECT " FLAG_COLS FLAG_FROM "WHERE f.flagger_id = $1 ORDER BY f.id DESC LIMIT $2";

int flag_db_by_flagger(struct db *db, struct arena *a, int64_t uid, int limit, struct flag **out,
                       size_t *n)
{
    return flag_rows(db, a, SQL_FLAG_BY_FLAGGER, PARAMS(P_INT(uid), P_INT(limit)), (size_t)limit,
                     out, n);
}

static const char SQL_FLAG_OF_ITEM[] =
    "SELECT " FLAG_COLS FLAG_FROM "WHERE f.item_kind = $1 AND f.item_id = $2 ORDER BY f.id "
    "LIMIT 200";

int flag_db_of_item(struct db *db, struct arena *a, const char *kind, int64_t id, struct flag **out,
                    size_t *n)
{
    return flag_rows(db, a, SQL_FLAG_OF_ITEM, PARAMS(P_TEXT(kind), P_INT(id)), 200, out, n);
}

static const char SQL_FLAG_AGREED[] =
    "SELECT count(*) FROM flags WHERE flagger_id = $1 AND status = 'agreed'";
static const char SQL_FLAG_DISAGREED[] =
    "SELECT count(*) FROM flags WHERE flagger_id = $1 AND status = 'disagreed'";

int flag_db_accuracy(struct db *db, int64_t uid, int64_t *agreed, int64_t *disagreed)
{
    *agreed = *disagreed = 0;
    if (db_get_int(db, SQL_FLAG_AGREED, PARAMS(P_INT(uid)), agreed) < 0 ||
        db_get_int(db, SQL_FLAG_DISAGREED, PARAMS(P_INT(uid)), disagreed) < 0)
        return ERR_DB;
    return 0;
}

static const char SQL_FLAG_WEIGHT[] =
    "SELECT coalesce(sum(weight), 0) FROM flags WHERE item_kind = $1 AND item_id = $2 "
    "AND reason = $3 AND status = 'pending'";

int flag_db_pending_weight(struct db *db, const char *kind, int64_t id, const char *reason,
                           int64_t *sum)
{
    *sum = 0;
    return db_get_int(db, SQL_FLAG_WEIGHT, PARAMS(P_TEXT(kind), P_INT(id), P_TEXT(reason)), sum) < 0
               ? ERR_DB
               : 0;
}

static const char SQL_FLAG_QUEUE[] =
    "SELECT f.item_kind, f.item_id, f.post_id, count(*), sum(f.weight), min(f.created_at) "
    "FROM flags f JOIN posts p ON p.id = f.post_id JOIN threads t ON t.id = p.thread_id "
    "WHERE t.community_id = $1 AND f.status = 'pending' "
    "GROUP BY f.item_kind, f.item_id, f.post_id ORDER BY min(f.created_at), f.item_id LIMIT $2";

int flag_db_queue(struct db *db, struct arena *a, int64_t cid, int limit, struct flag_item **out,
                  size_t *n)
{
    struct db_res *res;
    int rc = db_query(db, SQL_FLAG_QUEUE, PARAMS(P_INT(cid), P_INT(limit)), &res);
    *out = NULL;
    *n = 0;
    if (rc < 0)
        return ERR_DB;
    *out = ARENA_ARRAY(a, struct flag_item, limit > 0 ? (size_t)limit : 1);
    while ((rc = db_step(res)) == 1 && *n < (size_t)limit) {
        struct flag_item *x = &(*out)[(*n)++];
        x->item_kind = dup(a, db_text(res, 0));
        x->item_id = db_int(res, 1);
        x->post_id = db_int(res, 2);
        x->nflags = db_int(res, 3);
        x->weight = db_int(res, 4);
        x->first_at = db_int(res, 5);
    }
    db_done(res);
    return rc < 0 ? ERR_DB : 0;
}

static const char SQL_FLAG_RESOLVE[] =
    "UPDATE flags SET status = $3, outcome = $4, resolved_by = $5, resolved_at = $6 "
    "WHERE item_kind = $1 AND item_id = $2 AND (status = 'pending' OR (status = 'deferred' "
    "AND $3 <> 'deferred'))";

int flag_db_resolve(struct db *db, const char *kind, int64_t id, const char *status,
                    const char *outcome, int64_t by, int64_t now)
{
    return db_exec(db, SQL_FLAG_RESOLVE,
                   PARAMS(P_TEXT(kind), P_INT(id), P_TEXT(status), P_TEXT(outcome),
                          by ? P_INT(by) : P_NULL, P_INT(now))) < 0
               ? ERR_DB
               : 0;
}

static const char SQL_FLAG_AGAINST[] =
    "SELECT count(*) FROM flags f JOIN posts p ON p.id = f.post_id JOIN threads t "
    "ON t.id = p.thread_id WHERE f.author_id = $1 AND t.community_id = $2 AND f.status = 'agreed'";

int flag_db_agreed_against(struct db *db, int64_t uid, int64_t cid, int64_t *n)
{
    *n = 0;
    return db_get_int(db, SQL_FLAG_AGAINST, PARAMS(P_INT(uid), P_INT(cid)), n) < 0 ? ERR_DB : 0;
}

/* ------------------------------------------------------------------------------------------ */
/* Held posts */

static const char SQL_HOLD_QUEUE[] =
    "SELECT p.id FROM posts p JOIN threads t ON t.id = p.thread_id WHERE t.community_id = $1 "
    "AND p.held_at IS NOT NULL AND p.deleted_at IS NULL AND t.coaching_at IS NULL "
    "ORDER BY p.held_at, p.id LIMIT $2";

int hold_db_queue(struct db *db, struct arena *a, int64_t cid, int limit, int64_t **pids, size_t *n)
{
    struct db_res *res;
    int rc = db_query(db, SQL_HOLD_QUEUE, PARAMS(P_INT(cid), P_INT(limit)), &res);
    *pids = NULL;
    *n = 0;
    if (rc < 0)
        return ERR_DB;
    *pids = ARENA_ARRAY(a, int64_t, limit > 0 ? (size_t)limit : 1);
    while ((rc = db_step(res)) == 1 && *n < (size_t)limit)
        (*pids)[(*n)++] = db_int(res, 0);
    db_done(res);
    return rc < 0 ? ERR_DB : 0;
}

static const char SQL_HOLD_PUBLISH_THREAD[] =
    "UPDATE threads SET deleted_at = NULL, held_at = NULL WHERE id = $1 AND held_at IS NOT NULL";
static const char SQL_HOLD_PUBLISH_POST[] =
    "UPDATE posts SET held_at = NULL, hidden_at = NULL, hidden_by = NULL, hide_reason = '' "
    "WHERE id = $1";
static const char SQL_HOLD_CLEAR_THREAD[] =
    "UPDATE threads SET held_at = NULL, coaching_at = NULL WHERE id = $1";
static const char SQL_HOLD_CLEAR_POST[] = "UPDATE posts SET held_at = NULL WHERE id = $1";

int hold_db_publish(struct db *db, int64_t pid, int64_t tid, int opening)
{
    /* The thread first: the search triggers index the post when it is unhidden in a live
       thread. */
    if (opening && db_exec(db, SQL_HOLD_PUBLISH_THREAD, PARAMS(P_INT(tid))) < 0)
        return ERR_DB;
    return db_exec(db, SQL_HOLD_PUBLISH_POST, PARAMS(P_INT(pid))) < 0 ? ERR_DB : 0;
}

int hold_db_clear(struct db *db, int64_t pid, int64_t tid, int opening)
{
    if (opening && db_exec(db, SQL_HOLD_CLEAR_THREAD, PARAMS(P_INT(tid))) < 0)
        return ERR_DB;
    return db_exec(db, SQL_HOLD_CLEAR_POST, PARAMS(P_INT(pid))) < 0 ? ERR_DB : 0;
}

/* ------------------------------------------------------------------------------------------ */
/* Evidence for the heuristics */

static const char SQL_HOLD_AUTHOR[] =
    "SELECT u.created_at, u.is_admin, (SELECT count(*) FROM posts p JOIN threads t "
    "ON t.id = p.thread_id WHERE p.author_id = u.id AND p.deleted_at IS NULL "
    "AND p.hidden_at IS NULL AND t.deleted_at IS NULL) FROM users u WHERE u.id = $1";

int hold_db_author(struct db *db, int64_t uid, struct hold_author *out)
{
    struct db_res *res;
    int rc = db_query(db, SQL_HOLD_AUTHOR, PARAMS(P_INT(uid)), &res);
    memset(out, 0, sizeof(*out));
    if (rc < 0)
        return ERR_DB;
    rc = db_step(res);
    if (rc == 1) {
        out->created_at = db_int(res, 0);
        out->is_admin = db_int(res, 1) != 0;
        out->published_posts = db_int(res, 2);
    }
    db_done(res);
    return rc < 0 ? ERR_DB : rc == 0 ? ERR_NOTFOUND : 0;
}

static const char SQL_HOLD_RECENT[] =
    "SELECT count(*) FROM posts WHERE author_id = $1 AND created_at >= $2 AND deleted_at IS NULL";

int hold_db_recent_posts(struct db *db, int64_t uid, int64_t since, int64_t *n)
{
    *n = 0;
    return db_get_int(db, SQL_HOLD_RECENT, PARAMS(P_INT(uid), P_INT(since)), n) < 0 ? ERR_DB : 0;
}

static const char SQL_HOLD_SAME[] =
    "SELECT count(DISTINCT thread_id) FROM posts WHERE author_id = $1 AND body_md = $2 "
    "AND created_at >= $3 AND thread_id <> $4 AND deleted_at IS NULL";

int hold_db_same_text(struct db *db, int64_t uid, const char *body, int64_t since, int64_t tid,
                      int64_t *n)
{
    *n = 0;
    return db_get_int(db, SQL_HOLD_SAME, PARAMS(P_INT(uid), P_TEXT(body), P_INT(since), P_INT(tid)),
                      n) < 0
               ? ERR_DB
               : 0;
}

static const char SQL_HOLD_POSTS_IN[] =
    "SELECT count(*) FROM posts p JOIN threads t ON t.id = p.thread_id WHERE p.author_id = $1 "
    "AND t.community_id = $2 AND p.held_at IS NULL AND p.deleted_at IS NULL";

int hold_db_posts_in(struct db *db, int64_t uid, int64_t cid, int64_t *n)
{
    *n = 0;
    return db_get_int(db, SQL_HOLD_POSTS_IN, PARAMS(P_INT(uid), P_INT(cid)), n) < 0 ? ERR_DB : 0;
}

static const char SQL_HOLD_HISTORY[] =
    "SELECT p.id, t.id, t.title, p.created_at, CASE WHEN p.hidden_at IS NULL THEN 0 ELSE 1 END, "
    "CASE WHEN p.deleted_at IS NULL AND t.deleted_at IS NULL THEN 0 ELSE 1 END "
    "FROM posts p JOIN threads t "
    "ON t.id = p.thread_id WHERE p.author_id = $1 AND t.community_id = $2 "
    "ORDER BY p.created_at DESC, p.id DESC LIMIT $3";

int hold_db_history(struct db *db, struct arena *a, int64_t uid, int64_t cid, int limit,
                    struct flag_history **out, size_t *n)
{
    struct db_res *res;
    int rc = db_query(db, SQL_HOLD_HISTORY, PARAMS(P_INT(uid), P_INT(cid), P_INT(limit)), &res);
    *out = NULL;
    *n = 0;
    if (rc < 0)
        return ERR_DB;
    *out = ARENA_ARRAY(a, struct flag_history, limit > 0 ? (size_t)limit : 1);
    while ((rc = db_step(res)) == 1 && *n < (size_t)limit) {
        struct flag_history *h = &(*out)[(*n)++];
        h->post_id = db_int(res, 0);
        h->thread_id = db_int(res, 1);
        h->thread_title = dup(a, db_text(res, 2));
        h->created_at = db_int(res, 3);
        h->hidden = db_int(res, 4) != 0;
        h->deleted = db_int(res, 5) != 0;
    }
    db_done(res);
    return rc < 0 ? ERR_DB : 0;
}

/* ------------------------------------------------------------------------------------------ */
/* Restrictions */

static const char SQL_RESTRICT_GET[] =
    "SELECT coalesce(suspended_until, 0), coalesce(silenced_until, 0), restrict_reason "
    "FROM users WHERE id = $1";

int restrict_db_get(struct db *db, struct arena *a, int64_t uid, int64_t *suspended_until,
                    int64_t *silenced_until, const char **reason)
{
    struct db_res *res;
    int rc = db_query(db, SQL_RESTRICT_GET, PARAMS(P_INT(uid)), &res);
    *suspended_until = *silenced_until = 0;
    *reason = "";
    if (rc < 0)
        return ERR_DB;
    rc = db_step(res);
    if (rc == 1) {
        *suspended_until = db_int(res, 0);
        *silenced_until = db_int(res, 1);
        *reason = dup(a, db_text(res, 2));
    }
    db_done(res);
    return rc < 0 ? ERR_DB : rc == 0 ? ERR_NOTFOUND : 0;
}

static const char SQL_RESTRICT_SET[] =
    "UPDATE users SET suspended_until = CASE WHEN $2 < 0 THEN suspended_until WHEN $2 = 0 THEN "
    "NULL ELSE $2 END, silenced_until = CASE WHEN $3 < 0 THEN silenced_until WHEN $3 = 0 THEN "
    "NULL ELSE $3 END, restrict_reason = $4 WHERE id = $1";

int restrict_db_set(struct db *db, int64_t uid, int64_t suspended_until, int64_t silenced_until,
                    const char *reason)
{
    return db_exec(db, SQL_RESTRICT_SET,
                   PARAMS(P_INT(uid), P_INT(suspended_until), P_INT(silenced_until),
                          P_TEXT(reason ? reason : ""))) < 0
               ? ERR_DB
               : 0;
}

/* ------------------------------------------------------------------------------------------ */
/* Community switch, comments */

static const char SQL_FIRST_GET[] = "SELECT review_first_posts FROM communities WHERE id = $1";
static const char SQL_FIRST_SET[] = "UPDATE communities SET review_first_posts = $2 WHERE id = $1";

int hold_db_first_posts(struct db *db, int64_t cid, int *on)
{
    int64_t v = 0;
    int rc = db_get_int(db, SQL_FIRST_GET, PARAMS(P_INT(cid)), &v);
    *on = v != 0;
    return rc == ERR_NOTFOUND ? ERR_NOTFOUND : rc < 0 ? ERR_DB : 0;
}

int hold_db_set_first_posts(struct db *db, int64_t cid, int on)
{
    return db_exec(db, SQL_FIRST_SET, PARAMS(P_INT(cid), P_INT(on ? 1 : 0))) < 0 ? ERR_DB : 0;
}

static const char SQL_COMMENT_GET[] =
    "SELECT post_id, coalesce(author_id, 0), body_html FROM comments "
    "WHERE id = $1 AND deleted_at IS NULL";
/* Comments are deleted softly (migration 0018), like an author's or moderator's delete. */
static const char SQL_COMMENT_DELETE[] =
    "UPDATE comments SET deleted_at = $2, deleted_by = $3 WHERE id = $1 AND deleted_at IS NULL";

int flag_db_comment(struct db *db, struct arena *a, int64_t id, int64_t *post_id,
                    int64_t *author_id, const char **body_html)
{
    struct db_res *res;
    int rc = db_query(db, SQL_COMMENT_GET, PARAMS(P_INT(id)), &res);
    if (rc < 0)
        return ERR_DB;
    rc = db_step(res);
    if (rc == 1) {
        *post_id = db_int(res, 0);
        *author_id = db_int(res, 1);
        *body_html = dup(a, db_text(res, 2));
    }
    db_done(res);
    return rc < 0 ? ERR_DB : rc == 0 ? ERR_NOTFOUND : 0;
}

int flag_db_comment_delete(struct db *db, int64_t id, int64_t now, int64_t by)
{
    return db_exec(db, SQL_COMMENT_DELETE, PARAMS(P_INT(id), P_INT(now), P_INT(by))) < 0 ? ERR_DB
                                                                                         : 0;
}
