/* Storage for trust levels: the member's record (posts, votes, accepted answers, agreed
 * flags, days visited), the stored level and lock, the daily visit row and the recent-post
 * counts behind the per-hour limits. See store/trust.h. */
#include <stdlib.h>
#include <string.h>

#include "store/trust.h"

static const char SQL_RECORD[] =
    "SELECT u.created_at, u.is_admin, u.trust_level, u.trust_locked, "
    "COALESCE(u.suspended_until, 0), "
    "(SELECT count(*) FROM user_days d WHERE d.user_id = u.id), "
    "(SELECT COALESCE(sum(d.topics), 0) FROM user_days d WHERE d.user_id = u.id), "
    "(SELECT COALESCE(sum(d.posts_read), 0) FROM user_days d WHERE d.user_id = u.id), "
    "(SELECT COALESCE(sum(d.minutes), 0) FROM user_days d WHERE d.user_id = u.id), "
    "(SELECT count(*) FROM posts p JOIN threads t ON t.id = p.thread_id WHERE p.author_id = u.id "
    " AND p.deleted_at IS NULL AND p.hidden_at IS NULL AND t.deleted_at IS NULL), "
    "(SELECT count(*) FROM votes v WHERE v.user_id = u.id AND v.value > 0), "
    "(SELECT count(*) FROM votes v JOIN posts p ON p.id = v.post_id WHERE p.author_id = u.id "
    " AND v.value > 0 AND v.user_id <> u.id AND p.deleted_at IS NULL), "
    "(SELECT count(*) FROM threads t JOIN posts p ON p.id = t.accepted_post_id "
    " WHERE p.author_id = u.id AND t.deleted_at IS NULL AND p.deleted_at IS NULL), "
    "(SELECT count(*) FROM flags f WHERE f.flagger_id = u.id AND f.status = 'agreed'), "
    "u.status "
    "FROM users u WHERE u.id = $1";

int store_trust_record(struct db *db, int64_t uid, struct trust_record *out)
{
    struct db_res *res;
    int rc = db_query(db, SQL_RECORD, PARAMS(P_INT(uid)), &res);
    memset(out, 0, sizeof(*out));
    if (rc < 0)
        return ERR_DB;
    rc = db_step(res);
    if (rc == 1) {
        out->created_at = db_int(res, 0);
        out->is_admin = db_int(res, 1) != 0;
        out->level = db_int(res, 2);
        out->locked = db_int(res, 3) != 0;
        out->suspended_until = db_int(res, 4);
        out->days_visited = db_int(res, 5);
        out->topics_entered = db_int(res, 6);
        out->posts_read = db_int(res, 7);
        out->minutes_reading = db_int(res, 8);
        out->posts = db_int(res, 9);
        out->votes_given = db_int(res, 10);
        out->votes_received = db_int(res, 11);
        out->accepted = db_int(res, 12);
        out->flags_agreed = db_int(res, 13);
        out->suspended = db_text(res, 14) && !strcmp(db_text(res, 14), "suspended");
    }
    db_done(res);
    return rc < 0 ? ERR_DB : rc == 0 ? ERR_NOTFOUND : 0;
}

int store_trust_stored(struct db *db, int64_t uid, struct trust_record *out)
{
    struct db_res *res;
    int rc = db_query(db,
                      "SELECT created_at, is_admin, trust_level, trust_locked, "
                      "COALESCE(suspended_until, 0), status FROM users WHERE id = $1",
                      PARAMS(P_INT(uid)), &res);
    memset(out, 0, sizeof(*out));
    if (rc < 0)
        return ERR_DB;
    rc = db_step(res);
    if (rc == 1) {
        out->created_at = db_int(res, 0);
        out->is_admin = db_int(res, 1) != 0;
        out->level = db_int(res, 2);
        out->locked = db_int(res, 3) != 0;
        out->suspended_until = db_int(res, 4);
        out->suspended = db_text(res, 5) && !strcmp(db_text(res, 5), "suspended");
    }
    db_done(res);
    return rc < 0 ? ERR_DB : rc == 0 ? ERR_NOTFOUND : 0;
}

int store_trust_set(struct db *db, int64_t uid, int64_t level, int locked, int only_unlocked)
{
    int rc;
    if (locked >= 0)
        rc = db_exec(db, "UPDATE users SET trust_level = $2, trust_locked = $3 WHERE id = $1",
                     PARAMS(P_INT(uid), P_INT(level), P_INT(locked)));
    else if (only_unlocked)
        rc = db_exec(db,
                     "UPDATE users SET trust_level = $2 WHERE id = $1 AND trust_locked = 0 "
                     "AND trust_level <> $2",
                     PARAMS(P_INT(uid), P_INT(level)));
    else
        rc = db_exec(db, "UPDATE users SET trust_level = $2 WHERE id = $1",
                     PARAMS(P_INT(uid), P_INT(level)));
    return rc < 0 ? ERR_DB : 0;
}

int store_trust_visit(struct db *db, int64_t uid, int64_t day)
{
    return db_exec(db,
                   "INSERT INTO user_days (user_id, day) VALUES ($1, $2) "
                   "ON CONFLICT (user_id, day) DO NOTHING",
                   PARAMS(P_INT(uid), P_INT(day))) < 0
               ? ERR_DB
               : 0;
}

int store_trust_reading(struct db *db, int64_t uid, int64_t day, int64_t topics, int64_t posts_read,
                        int64_t minutes, int64_t max_topics, int64_t max_posts, int64_t max_minutes)
{
    /* One upsert; the caps keep a day's row coarse however busy the member was. The
       added amounts are clamped here so that the inserted row needs no clamping. */
    if (topics > max_topics)
        topics = max_topics;
    if (posts_read > max_posts)
        posts_read = max_posts;
    if (minutes > max_minutes)
        minutes = max_minutes;
    return db_exec(db,
                   "INSERT INTO user_days (user_id, day, topics, posts_read, minutes) "
                   "VALUES ($1, $2, $3, $4, $5) "
                   "ON CONFLICT (user_id, day) DO UPDATE SET "
                   "topics = CASE WHEN user_days.topics + $3 > $6 THEN $6 "
                   " ELSE user_days.topics + $3 END, "
                   "posts_read = CASE WHEN user_days.posts_read + $4 > $7 THEN $7 "
                   " ELSE user_days.posts_read + $4 END, "
                   "minutes = CASE WHEN user_days.minutes + $5 > $8 THEN $8 "
                   " ELSE user_days.minutes + $5 END",
                   PARAMS(P_INT(uid), P_INT(day), P_INT(topics), P_INT(posts_read), P_INT(minutes),
                          P_INT(max_topics), P_INT(max_posts), P_INT(max_minutes))) < 0
               ? ERR_DB
               : 0;
}

int store_trust_users(struct db *db, struct arena *a, int64_t after, int limit, int64_t **ids,
                      size_t *n)
{
    struct db_res *res;
    int rc = db_query(db,
                      "SELECT id FROM users WHERE id > $1 AND trust_locked = 0 ORDER BY id "
                      "LIMIT $2",
                      PARAMS(P_INT(after), P_INT(limit)), &res);
    *n = 0;
    *ids = arena_alloc(a, sizeof(**ids) * (size_t)(limit > 0 ? limit : 1));
    if (rc < 0)
        return ERR_DB;
    while ((rc = db_step(res)) == 1 && *n < (size_t)limit)
        (*ids)[(*n)++] = db_int(res, 0);
    db_done(res);
    return rc < 0 ? ERR_DB : 0;
}

int store_trust_recent(struct db *db, int64_t uid, int64_t since, int64_t *threads,
                       int64_t *replies, int64_t *oldest_thread, int64_t *oldest_reply)
{
    struct db_res *res;
    int rc = db_query(
        db,
        "SELECT (SELECT count(*) FROM threads WHERE author_id = $1 AND created_at >= $2), "
        "(SELECT COALESCE(min(created_at), 0) FROM threads WHERE author_id = $1 "
        " AND created_at >= $2), "
        "(SELECT count(*) FROM posts p JOIN threads t ON t.id = p.thread_id WHERE p.author_id = $1 "
        " AND p.created_at >= $2 AND p.deleted_at IS NULL AND p.position > "
        " (SELECT min(q.position) FROM posts q WHERE q.thread_id = p.thread_id)), "
        "(SELECT COALESCE(min(p.created_at), 0) FROM posts p WHERE p.author_id = $1 "
        " AND p.created_at >= $2 AND p.deleted_at IS NULL AND p.position > "
        " (SELECT min(q.position) FROM posts q WHERE q.thread_id = p.thread_id))",
        PARAMS(P_INT(uid), P_INT(since)), &res);
    *threads = *replies = *oldest_thread = *oldest_reply = 0;
    if (rc < 0)
        return ERR_DB;
    rc = db_step(res);
    if (rc == 1) {
        *threads = db_int(res, 0);
        *oldest_thread = db_int(res, 1);
        *replies = db_int(res, 2);
        *oldest_reply = db_int(res, 3);
    }
    db_done(res);
    return rc < 0 ? ERR_DB : 0;
}
