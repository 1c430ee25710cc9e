/* The SQL catalogue for in-app notifications and following: every statement a literal with
 * bound parameters $1..$N, valid on SQLite and PostgreSQL. See store/notification.h for the
 * contract and docs/internals/notifications.md for the rules the guards enforce.
 *
 * The writing statements share one parameter list:
 *   $1 kind, $2 text, $3 link, $4 actor, $5 community, $6 thread, $7 post, $8 group key,
 *   $9 count, $10 now, $11 dedupe mode, $12 respect mute, ($13 the one member).
 * Each writes through "UPDATE the member's unread row with the group key" (grouping) then
 * "INSERT ... SELECT candidates WHERE guard": the grown rows now name the post as their
 * last_post_id, so the guard's "already told about this post" skips them in the INSERT. */
#include <stdlib.h>
#include <string.h>

#include "store/notification.h"

/* Kinds that tell a member about a new post: one of them per member and post at most. */
#define NEW_POST_KINDS                                                                             \
    "('reply', 'answer', 'reply_to', 'quote', 'mention', 'watching', 'new_thread')"

/* The checks every written row passes, for the candidate member U. "Already told about
   post $7" includes a grouped row of the thread whose range (post_id .. last_post_id)
   spans it: the watcher fan-out runs in a job, after later posts may have grown the row. */
#define GUARD(U)                                                                                   \
    U " <> $4 AND EXISTS (SELECT 1 FROM communities gc WHERE gc.id = $5 AND "                      \
      "(gc.visibility <> 'private' OR EXISTS (SELECT 1 FROM memberships gm "                       \
      "WHERE gm.community_id = gc.id AND gm.user_id = " U "))) "                                   \
      "AND EXISTS (SELECT 1 FROM users gu WHERE gu.id = " U " AND gu.status = 'active') "          \
      "AND NOT EXISTS (SELECT 1 FROM notifications gn WHERE gn.user_id = " U " "                   \
      "AND (gn.post_id = $7 OR gn.last_post_id = $7 OR (gn.thread_id = $6 AND gn.post_id < $7 "    \
      "AND gn.last_post_id > $7)) AND (($11 = 1 AND gn.kind IN " NEW_POST_KINDS                    \
      ") OR ($11 = 2 AND gn.kind = $1 AND gn.count >= $9))) "                                      \
      "AND ($12 = 0 OR (NOT EXISTS (SELECT 1 FROM follows gf WHERE gf.user_id = " U " "            \
      "AND gf.community_id = 0 AND gf.thread_id = $6 AND gf.level = 0) "                           \
      "AND (EXISTS (SELECT 1 FROM follows gf WHERE gf.user_id = " U " AND gf.community_id = 0 "    \
      "AND gf.thread_id = $6) OR NOT EXISTS (SELECT 1 FROM follows gf WHERE gf.user_id = " U " "   \
      "AND gf.thread_id = 0 AND gf.community_id = $5 AND gf.level = 0 AND (gf.tag = '' OR "        \
      "gf.tag IN (SELECT tt.tag FROM thread_tags tt WHERE tt.thread_id = $6))))))"

#define INSERT_HEAD                                                                                \
    "INSERT INTO notifications (user_id, kind, text, link, created_at, actor_id, community_id, "   \
    "thread_id, post_id, last_post_id, group_key, count) SELECT w.uid, CAST($1 AS TEXT), "         \
    "CAST($2 AS TEXT), CAST($3 AS TEXT), CAST($10 AS BIGINT), NULLIF(CAST($4 AS BIGINT), 0), "     \
    "NULLIF(CAST($5 AS BIGINT), 0), NULLIF(CAST($6 AS BIGINT), 0), NULLIF(CAST($7 AS BIGINT), "    \
    "0), "                                                                                         \
    "NULLIF(CAST($7 AS BIGINT), 0), CAST($8 AS TEXT), CAST($9 AS BIGINT) FROM "
#define UPDATE_HEAD                                                                                \
    "UPDATE notifications SET count = count + 1, text = CAST($2 AS TEXT), link = CAST($3 AS "      \
    "TEXT), "                                                                                      \
    "created_at = CAST($10 AS BIGINT), actor_id = NULLIF(CAST($4 AS BIGINT), 0), "                 \
    "last_post_id = NULLIF(CAST($7 AS BIGINT), 0) WHERE group_key = $8 AND kind = $1 "             \
    "AND read_at IS NULL AND user_id IN (SELECT w.uid FROM "

/* Candidate sets, each "(SELECT ... AS uid ...) w". */
#define CAND_USER     "(SELECT CAST($13 AS BIGINT) AS uid) w"
#define CAND_MENTIONS "(SELECT m.user_id AS uid FROM mentions m WHERE m.post_id = $7) w"
#define THREAD_TAG_MATCH                                                                           \
    "(f.tag = '' OR f.tag IN (SELECT tt.tag FROM thread_tags tt WHERE tt.thread_id = $6))"
#define CAND_THREAD_WATCHERS                                                                       \
    "(SELECT f.user_id AS uid FROM follows f WHERE f.community_id = 0 AND f.thread_id = $6 "       \
    "AND f.level = 3 UNION SELECT f.user_id FROM follows f WHERE f.thread_id = 0 "                 \
    "AND f.community_id = $5 AND f.level = 3 AND " THREAD_TAG_MATCH " AND NOT EXISTS "             \
    "(SELECT 1 FROM follows x WHERE x.user_id = f.user_id AND x.community_id = 0 "                 \
    "AND x.thread_id = $6)) w"
#define CAND_COMMUNITY_WATCHERS                                                                    \
    "(SELECT DISTINCT f.user_id AS uid FROM follows f WHERE f.thread_id = 0 "                      \
    "AND f.community_id = $5 AND f.level = 3 AND " THREAD_TAG_MATCH ") w"

static const char SQL_INS_USER[] = INSERT_HEAD CAND_USER " WHERE " GUARD("w.uid");
static const char SQL_UPD_USER[] = UPDATE_HEAD CAND_USER ") AND " GUARD("notifications.user_id");
static const char SQL_INS_MENTIONS[] = INSERT_HEAD CAND_MENTIONS " WHERE " GUARD("w.uid");
static const char SQL_INS_THREAD_W[] = INSERT_HEAD CAND_THREAD_WATCHERS " WHERE " GUARD("w.uid");
static const char SQL_UPD_THREAD_W[] =
    UPDATE_HEAD CAND_THREAD_WATCHERS ") AND " GUARD("notifications.user_id");
static const char SQL_INS_COMM_W[] = INSERT_HEAD CAND_COMMUNITY_WATCHERS " WHERE " GUARD("w.uid");
static const char SQL_UPD_COMM_W[] =
    UPDATE_HEAD CAND_COMMUNITY_WATCHERS ") AND " GUARD("notifications.user_id");

/* Events: $1 kind, $2 text, $3 link, $4 actor, $5 community, $6 event, $7 date key (<= 0:
   every date from key -$7 on) or the member, $8 now. */
#define EVENT_HEAD                                                                                 \
    "INSERT INTO notifications (user_id, kind, text, link, created_at, actor_id, community_id, "   \
    "event_id) SELECT DISTINCT r.user_id, CAST($1 AS TEXT), CAST($2 AS TEXT), CAST($3 AS TEXT), "  \
    "CAST($8 AS BIGINT), NULLIF(CAST($4 AS BIGINT), 0), CAST($5 AS BIGINT), CAST($6 AS BIGINT) "   \
    "FROM event_rsvps r WHERE r.event_id = $6 AND r.user_id <> $4 "                                \
    "AND EXISTS (SELECT 1 FROM communities gc WHERE gc.id = $5 AND "                               \
    "(gc.visibility <> 'private' OR EXISTS (SELECT 1 FROM memberships gm "                         \
    "WHERE gm.community_id = gc.id AND gm.user_id = r.user_id))) "                                 \
    "AND EXISTS (SELECT 1 FROM users gu WHERE gu.id = r.user_id AND gu.status = 'active') "
static const char SQL_INS_EVENT[] =
    EVENT_HEAD "AND r.status IN ('going', 'maybe', 'waitlist') "
               "AND (r.occ_key = $7 OR ($7 <= 0 AND r.occ_key >= 0 - $7))";
static const char SQL_INS_EVENT_USER[] = EVENT_HEAD "AND r.user_id = $7";

static const char SQL_NOTE_INSERT[] =
    "INSERT INTO notifications (user_id, kind, text, link, created_at) "
    "VALUES ($1, $2, $3, $4, $5)";

#define NOTE_COLS                                                                                  \
    "n.id, n.kind, n.text, n.link, n.created_at, COALESCE(n.read_at, 0), "                         \
    "COALESCE(n.actor_id, 0), COALESCE(u.name, ''), COALESCE(n.community_id, 0), "                 \
    "COALESCE(n.thread_id, 0), COALESCE(n.post_id, 0), COALESCE(n.last_post_id, n.post_id, 0), "   \
    "COALESCE(c.slug, ''), COALESCE(t.title, ''), n.count, COALESCE(n.mailed_at, 0), "             \
    "COALESCE(n.event_id, 0) "
#define NOTE_FROM                                                                                  \
    "FROM notifications n LEFT JOIN users u ON u.id = n.actor_id "                                 \
    "LEFT JOIN threads t ON t.id = n.thread_id "                                                   \
    "LEFT JOIN communities c ON c.id = COALESCE(t.community_id, n.community_id) "
/* Visible now: the community (where the thread is today) is readable by the member, the
   thread is not deleted, the post is neither deleted nor hidden (unless it is theirs). */
#define NOTE_VISIBLE                                                                               \
    "(n.community_id IS NULL OR (c.id IS NOT NULL AND (c.visibility <> 'private' OR EXISTS "       \
    "(SELECT 1 FROM memberships m WHERE m.community_id = c.id AND m.user_id = n.user_id)))) "      \
    "AND (n.thread_id IS NULL OR (t.id IS NOT NULL AND t.deleted_at IS NULL)) "                    \
    "AND (n.post_id IS NULL OR EXISTS (SELECT 1 FROM posts p WHERE p.id = n.post_id "              \
    "AND p.deleted_at IS NULL AND (p.hidden_at IS NULL OR p.author_id = n.user_id))) "

static const char SQL_NOTE_LIST[] =
    "SELECT " NOTE_COLS NOTE_FROM
    "WHERE n.user_id = $1 AND ($2 = 0 OR n.read_at IS NULL) AND " NOTE_VISIBLE
    "ORDER BY n.created_at DESC, n.id DESC LIMIT $3";
static const char SQL_NOTE_UNMAILED[] =
    "SELECT " NOTE_COLS NOTE_FROM "WHERE n.user_id = $1 AND n.read_at IS NULL "
    "AND n.mailed_at IS NULL AND " NOTE_VISIBLE "ORDER BY n.id LIMIT $2";
static const char SQL_NOTE_UNMAILED_KINDS[] =
    "SELECT " NOTE_COLS NOTE_FROM "WHERE n.user_id = $1 AND n.read_at IS NULL "
    "AND n.mailed_at IS NULL AND n.created_at >= $4 "
    "AND CAST($3 AS TEXT) LIKE '%,' || n.kind || ',%' AND " NOTE_VISIBLE "ORDER BY n.id LIMIT $2";
static const char SQL_NOTE_UNREAD[] =
    "SELECT COUNT(*) " NOTE_FROM "WHERE n.user_id = $1 AND n.read_at IS NULL AND " NOTE_VISIBLE;
static const char SQL_NOTE_READ_ALL[] =
    "UPDATE notifications SET read_at = $2 WHERE user_id = $1 AND read_at IS NULL";
static const char SQL_NOTE_READ_ONE[] =
    "UPDATE notifications SET read_at = $2 WHERE user_id = $1 AND id = $3 AND read_at IS NULL";
static const char SQL_NOTE_READ_THREAD[] =
    "UPDATE notifications SET read_at = $3 WHERE user_id = $1 AND thread_id = $2 "
    "AND read_at IS NULL";
static const char SQL_NOTE_READ_EVENT[] =
    "UPDATE notifications SET read_at = $3 WHERE user_id = $1 AND event_id = $2 "
    "AND read_at IS NULL";
static const char SQL_NOTE_MAILED[] = "UPDATE notifications SET mailed_at = $2 WHERE id = $1";
static const char SQL_NOTE_MAX_ID[] = "SELECT COALESCE(MAX(id), 0) FROM notifications";
static const char SQL_NOTE_MAIL_CAND[] =
    "SELECT DISTINCT n.user_id, n.kind, COALESCE(p.mode, '') FROM notifications n "
    "JOIN users u ON u.id = n.user_id AND u.email_verified_at IS NOT NULL AND u.email IS NOT NULL "
    "LEFT JOIN notify_prefs p ON p.user_id = n.user_id AND p.kind = n.kind "
    "WHERE n.id > $1 AND n.read_at IS NULL AND n.mailed_at IS NULL AND NOT EXISTS "
    "(SELECT 1 FROM notify_prefs x WHERE x.user_id = n.user_id AND x.kind = 'all' "
    "AND x.mode = 'off') ORDER BY n.user_id LIMIT $2";
static const char SQL_NOTE_NEW_USERS[] =
    "SELECT DISTINCT user_id FROM notifications WHERE id > $1 AND read_at IS NULL "
    "ORDER BY user_id LIMIT $2";
static const char SQL_GOING_KEYS[] =
    "SELECT DISTINCT occ_key FROM event_rsvps WHERE event_id = $1 AND status = 'going' "
    "AND occ_key >= $2 ORDER BY occ_key LIMIT $3";
/* $1 kind, $2 text, $3 link, $4 community, $5 event, $6 date key, $7 now, $8 group key */
static const char SQL_INS_SOON[] =
    "INSERT INTO notifications (user_id, kind, text, link, created_at, community_id, event_id, "
    "group_key) SELECT DISTINCT r.user_id, CAST($1 AS TEXT), CAST($2 AS TEXT), "
    "CAST($3 AS TEXT), CAST($7 AS BIGINT), CAST($4 AS BIGINT), CAST($5 AS BIGINT), "
    "CAST($8 AS TEXT) FROM event_rsvps r WHERE r.event_id = $5 AND r.occ_key = $6 "
    "AND r.status = 'going' AND EXISTS (SELECT 1 FROM communities gc WHERE gc.id = $4 AND "
    "(gc.visibility <> 'private' OR EXISTS (SELECT 1 FROM memberships gm "
    "WHERE gm.community_id = gc.id AND gm.user_id = r.user_id))) "
    "AND EXISTS (SELECT 1 FROM users gu WHERE gu.id = r.user_id AND gu.status = 'active') "
    "AND NOT EXISTS (SELECT 1 FROM notifications x WHERE x.user_id = r.user_id "
    "AND x.kind = $1 AND x.group_key = $8)";
static const char SQL_PREF_LIST[] =
    "SELECT kind, mode FROM notify_prefs WHERE user_id = $1 ORDER BY kind";
static const char SQL_PREF_SET[] =
    "INSERT INTO notify_prefs (user_id, kind, mode, updated_at) VALUES ($1, $2, $3, $4) "
    "ON CONFLICT (user_id, kind) DO UPDATE SET mode = excluded.mode, "
    "updated_at = excluded.updated_at";
static const char SQL_VERIFIED_EMAIL[] =
    "SELECT email FROM users WHERE id = $1 AND email IS NOT NULL "
    "AND email_verified_at IS NOT NULL AND status = 'active'";
static const char SQL_UPVOTES[] = "SELECT COUNT(*) FROM votes WHERE post_id = $1 AND value = 1";

/* CAST: a bare "thread_id = $3" next to the partial index follows_community (WHERE
   thread_id = 0) makes SQLite's planner look at the bound value, which expires the prepared
   statement at every bind; re-preparing it was 4% of a signed-in thread page. */
static const char SQL_FOLLOW_GET[] =
    "SELECT level FROM follows WHERE user_id = $1 AND community_id = $2 "
    "AND thread_id = CAST($3 AS BIGINT) AND tag = $4";
static const char SQL_FOLLOW_SET[] =
    "INSERT INTO follows (user_id, community_id, thread_id, tag, level, updated_at) "
    "VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (user_id, community_id, thread_id, tag) "
    "DO UPDATE SET level = excluded.level, updated_at = excluded.updated_at";
static const char SQL_AUTO_WATCH[] =
    "INSERT INTO follows (user_id, community_id, thread_id, tag, level, updated_at) "
    "SELECT u.id, 0, CAST($2 AS BIGINT), '', 3, CAST($3 AS BIGINT) FROM users u "
    "WHERE u.id = $1 AND u.auto_watch = 1 "
    "ON CONFLICT (user_id, community_id, thread_id, tag) DO NOTHING";
static const char SQL_AUTO_WATCH_GET[] = "SELECT auto_watch FROM users WHERE id = $1";
static const char SQL_AUTO_WATCH_SET[] = "UPDATE users SET auto_watch = $2 WHERE id = $1";
static const char SQL_THREAD_READ[] =
    "INSERT INTO thread_reads (user_id, thread_id, last_position) VALUES ($1, $2, $3) "
    "ON CONFLICT (user_id, thread_id) DO UPDATE SET last_position = CASE WHEN "
    "excluded.last_position > thread_reads.last_position THEN excluded.last_position "
    "ELSE thread_reads.last_position END";

static const char SQL_THREAD_READ_RANGE[] =
    "SELECT thread_id, last_position FROM thread_reads WHERE user_id = $1 "
    "AND thread_id BETWEEN $2 AND $3 ORDER BY thread_id LIMIT $4";

static const char *dup(struct arena *a, const char *s)
{
    return arena_strdup(a, s ? s : "");
}

int notification_db_insert(struct db *db, int64_t uid, const char *kind, const char *text,
                           const char *link, int64_t now)
{
    return db_exec(db, SQL_NOTE_INSERT,
                   PARAMS(P_INT(uid), P_TEXT(kind), P_TEXT(text), P_TEXT(link ? link : ""),
                          P_INT(now))) < 0
               ? ERR_DB
               : 0;
}

/* Run upd (if n is grouped and upd is given) then ins with the shared parameter list; uid is
   $13 when with_uid. Returns the rows written or grown, or ERR_DB. */
static int add(struct db *db, const char *upd, const char *ins, const struct notification_new *n,
               int64_t uid, int with_uid)
{
    struct db_param p[13];
    int np = with_uid ? 13 : 12, a = 0, b;
    const char *gk = n->group_key ? n->group_key : "";
    p[0] = P_TEXT(n->kind);
    p[1] = P_TEXT(n->text ? n->text : "");
    p[2] = P_TEXT(n->link ? n->link : "");
    p[3] = P_INT(n->actor_id);
    p[4] = P_INT(n->community_id);
    p[5] = P_INT(n->thread_id);
    p[6] = P_INT(n->post_id);
    p[7] = P_TEXT(gk);
    p[8] = P_INT(n->count > 0 ? n->count : 1);
    p[9] = P_INT(n->now);
    p[10] = P_INT(n->dedupe);
    p[11] = P_INT(n->respect_mute ? 1 : 0);
    p[12] = P_INT(uid);
    if (upd && *gk && (a = db_exec(db, upd, p, np)) < 0)
        return ERR_DB;
    if ((b = db_exec(db, ins, p, np)) < 0)
        return ERR_DB;
    return a + b;
}

int notification_db_add_user(struct db *db, int64_t uid, const struct notification_new *n)
{
    int rc = add(db, SQL_UPD_USER, SQL_INS_USER, n, uid, 1);
    return rc < 0 ? rc : rc > 0;
}

int notification_db_add_mentions(struct db *db, const struct notification_new *n)
{
    return add(db, NULL, SQL_INS_MENTIONS, n, 0, 0);
}

int notification_db_add_thread_watchers(struct db *db, const struct notification_new *n)
{
    return add(db, SQL_UPD_THREAD_W, SQL_INS_THREAD_W, n, 0, 0);
}

int notification_db_add_community_watchers(struct db *db, const struct notification_new *n)
{
    return add(db, SQL_UPD_COMM_W, SQL_INS_COMM_W, n, 0, 0);
}

static int add_event(struct db *db, const char *sql, const struct notification_new *n, int64_t eid,
                     int64_t k)
{
    int rc = db_exec(db, sql,
                     PARAMS(P_TEXT(n->kind), P_TEXT(n->text ? n->text : ""),
                            P_TEXT(n->link ? n->link : ""), P_INT(n->actor_id),
                            P_INT(n->community_id), P_INT(eid), P_INT(k), P_INT(n->now)));
    return rc < 0 ? ERR_DB : rc;
}

int notification_db_add_event(struct db *db, const struct notification_new *n, int64_t eid,
                              int64_t occ_key)
{
    return add_event(db, SQL_INS_EVENT, n, eid, occ_key);
}

int notification_db_add_event_user(struct db *db, int64_t uid, const struct notification_new *n,
                                   int64_t eid)
{
    return add_event(db, SQL_INS_EVENT_USER, n, eid, uid);
}

static int read_list(struct db *db, struct arena *a, const char *sql, const struct db_param *p,
                     int np, int limit, struct notification **out, size_t *n)
{
    struct db_res *res;
    size_t k = 0;
    int rc;
    *out = ARENA_ARRAY(a, struct notification, (size_t)limit);
    *n = 0;
    if (db_query(db, sql, p, np, &res) < 0)
        return ERR_DB;
    while ((rc = db_step(res)) == 1 && k < (size_t)limit) {
        struct notification *x = &(*out)[k++];
        x->id = db_int(res, 0);
        x->kind = dup(a, db_text(res, 1));
        x->text = dup(a, db_text(res, 2));
        x->link = dup(a, db_text(res, 3));
        x->created_at = db_int(res, 4);
        x->read_at = db_int(res, 5);
        x->actor_id = db_int(res, 6);
        x->actor_name = dup(a, db_text(res, 7));
        x->community_id = db_int(res, 8);
        x->thread_id = db_int(res, 9);
        x->post_id = db_int(res, 10);
        x->last_post_id = db_int(res, 11);
        x->community_slug = dup(a, db_text(res, 12));
        x->thread_title = dup(a, db_text(res, 13));
        x->count = db_int(res, 14);
        x->mailed_at = db_int(res, 15);
        x->event_id = db_int(res, 16);
    }
    db_done(res);
    if (rc < 0)
        return ERR_DB;
    *n = k;
    return 0;
}

int notification_db_list(struct db *db, struct arena *a, int64_t uid, int unread_only, int limit,
                         struct notification **out, size_t *n)
{
    if (limit < 1 || limit > 200)
        limit = 200;
    return read_list(db, a, SQL_NOTE_LIST,
                     PARAMS(P_INT(uid), P_INT(unread_only ? 1 : 0), P_INT(limit)), limit, out, n);
}

int notification_db_unmailed(struct db *db, struct arena *a, int64_t uid, int limit,
                             struct notification **out, size_t *n)
{
    if (limit < 1 || limit > 200)
        limit = 200;
    return read_list(db, a, SQL_NOTE_UNMAILED, PARAMS(P_INT(uid), P_INT(limit)), limit, out, n);
}

int notification_db_unread(struct db *db, int64_t uid, int64_t *count)
{
    return db_get_int(db, SQL_NOTE_UNREAD, PARAMS(P_INT(uid)), count) < 0 ? ERR_DB : 0;
}

int notification_db_mark_read(struct db *db, int64_t uid, int64_t id, int64_t now)
{
    int rc = id ? db_exec(db, SQL_NOTE_READ_ONE, PARAMS(P_INT(uid), P_INT(now), P_INT(id)))
                : db_exec(db, SQL_NOTE_READ_ALL, PARAMS(P_INT(uid), P_INT(now)));
    return rc < 0 ? ERR_DB : 0;
}

int notification_db_mark_thread_read(struct db *db, int64_t uid, int64_t tid, int64_t now)
{
    return db_exec(db, SQL_NOTE_READ_THREAD, PARAMS(P_INT(uid), P_INT(tid), P_INT(now))) < 0
               ? ERR_DB
               : 0;
}

int notification_db_mark_event_read(struct db *db, int64_t uid, int64_t eid, int64_t now)
{
    return db_exec(db, SQL_NOTE_READ_EVENT, PARAMS(P_INT(uid), P_INT(eid), P_INT(now))) < 0 ? ERR_DB
                                                                                            : 0;
}

int notification_db_max_id(struct db *db, int64_t *id)
{
    return db_get_int(db, SQL_NOTE_MAX_ID, NULL, 0, id) < 0 ? ERR_DB : 0;
}

int notification_db_mail_candidates(struct db *db, struct arena *a, int64_t since_id, int limit,
                                    struct note_mail_candidate **out, size_t *n)
{
    struct db_res *res;
    size_t k = 0;
    int rc;
    *out = ARENA_ARRAY(a, struct note_mail_candidate, (size_t)limit);
    *n = 0;
    if (db_query(db, SQL_NOTE_MAIL_CAND, PARAMS(P_INT(since_id), P_INT(limit)), &res) < 0)
        return ERR_DB;
    while ((rc = db_step(res)) == 1 && k < (size_t)limit) {
        (*out)[k].uid = db_int(res, 0);
        (*out)[k].kind = dup(a, db_text(res, 1));
        (*out)[k].mode = dup(a, db_text(res, 2));
        k++;
    }
    db_done(res);
    if (rc < 0)
        return ERR_DB;
    *n = k;
    return 0;
}

int notification_db_new_users(struct db *db, struct arena *a, int64_t since_id, int limit,
                              int64_t **uids, size_t *n)
{
    struct db_res *res;
    size_t k = 0;
    int rc;
    *uids = ARENA_ARRAY(a, int64_t, (size_t)limit);
    *n = 0;
    if (db_query(db, SQL_NOTE_NEW_USERS, PARAMS(P_INT(since_id), P_INT(limit)), &res) < 0)
        return ERR_DB;
    while ((rc = db_step(res)) == 1 && k < (size_t)limit)
        (*uids)[k++] = db_int(res, 0);
    db_done(res);
    if (rc < 0)
        return ERR_DB;
    *n = k;
    return 0;
}

int notification_db_going_keys(struct db *db, struct arena *a, int64_t eid, int64_t key_lo,
                               int limit, int64_t **keys, size_t *n)
{
    struct db_res *res;
    size_t k = 0;
    int rc;
    *keys = ARENA_ARRAY(a, int64_t, (size_t)limit);
    *n = 0;
    if (db_query(db, SQL_GOING_KEYS, PARAMS(P_INT(eid), P_INT(key_lo), P_INT(limit)), &res) < 0)
        return ERR_DB;
    while ((rc = db_step(res)) == 1 && k < (size_t)limit)
        (*keys)[k++] = db_int(res, 0);
    db_done(res);
    if (rc < 0)
        return ERR_DB;
    *n = k;
    return 0;
}

int notification_db_add_event_soon(struct db *db, const struct notification_new *n, int64_t eid,
                                   int64_t occ_key)
{
    return db_exec(db, SQL_INS_SOON,
                   PARAMS(P_TEXT(n->kind), P_TEXT(n->text), P_TEXT(n->link), P_INT(n->community_id),
                          P_INT(eid), P_INT(occ_key), P_INT(n->now), P_TEXT(n->group_key))) < 0
               ? ERR_DB
               : 0;
}

int notify_pref_db_list(struct db *db, struct arena *a, int64_t uid, struct notify_pref **out,
                        size_t *n)
{
    struct db_res *res;
    size_t k = 0, cap = 8;
    int rc;
    *out = ARENA_ARRAY(a, struct notify_pref, cap);
    *n = 0;
    if (db_query(db, SQL_PREF_LIST, PARAMS(P_INT(uid)), &res) < 0)
        return ERR_DB;
    while ((rc = db_step(res)) == 1) {
        if (k == cap) {
            struct notify_pref *m = ARENA_ARRAY(a, struct notify_pref, cap * 2);
            memcpy(m, *out, k * sizeof(*m));
            *out = m;
            cap *= 2;
        }
        (*out)[k].kind = dup(a, db_text(res, 0));
        (*out)[k].mode = dup(a, db_text(res, 1));
        k++;
    }
    db_done(res);
    if (rc < 0)
        return ERR_DB;
    *n = k;
    return 0;
}

int notify_pref_db_set(struct db *db, int64_t uid, const char *kind, const char *mode, int64_t now)
{
    return db_exec(db, SQL_PREF_SET, PARAMS(P_INT(uid), P_TEXT(kind), P_TEXT(mode), P_INT(now))) < 0
               ? ERR_DB
               : 0;
}

int notify_db_verified_email(struct db *db, struct arena *a, int64_t uid, const char **email)
{
    char *s = NULL;
    int rc = db_get_text(db, SQL_VERIFIED_EMAIL, PARAMS(P_INT(uid)), &s);
    *email = NULL;
    if (rc == ERR_NOTFOUND)
        return 0;
    if (rc < 0)
        return ERR_DB;
    *email = s ? dup(a, s) : NULL;
    free(s);
    return 0;
}

int notification_db_unmailed_kinds(struct db *db, struct arena *a, int64_t uid, const char *kinds,
                                   int64_t since, int limit, struct notification **out, size_t *n)
{
    if (limit < 1 || limit > 200)
        limit = 200;
    return read_list(db, a, SQL_NOTE_UNMAILED_KINDS,
                     PARAMS(P_INT(uid), P_INT(limit), P_TEXT(kinds), P_INT(since)), limit, out, n);
}

int notification_db_mark_mailed(struct db *db, int64_t id, int64_t now)
{
    return db_exec(db, SQL_NOTE_MAILED, PARAMS(P_INT(id), P_INT(now))) < 0 ? ERR_DB : 0;
}

int notification_db_upvotes(struct db *db, int64_t pid, int64_t *count)
{
    *count = 0;
    return db_get_int(db, SQL_UPVOTES, PARAMS(P_INT(pid)), count) < 0 ? ERR_DB : 0;
}

int follow_db_get(struct db *db, int64_t uid, int64_t cid, int64_t tid, const char *tag, int *level)
{
    int64_t v = -1;
    int rc = db_get_int(db, SQL_FOLLOW_GET,
                        PARAMS(P_INT(uid), P_INT(cid), P_INT(tid), P_TEXT(tag ? tag : "")), &v);
    if (rc < 0 && rc != ERR_NOTFOUND)
        return ERR_DB;
    *level = (int)v;
    return 0;
}

int follow_db_set(struct db *db, int64_t uid, int64_t cid, int64_t tid, const char *tag, int level,
                  int64_t now)
{
    return db_exec(db, SQL_FOLLOW_SET,
                   PARAMS(P_INT(uid), P_INT(cid), P_INT(tid), P_TEXT(tag ? tag : ""), P_INT(level),
                          P_INT(now))) < 0
               ? ERR_DB
               : 0;
}

int follow_db_auto_watch(struct db *db, int64_t uid, int64_t tid, int64_t now)
{
    return db_exec(db, SQL_AUTO_WATCH, PARAMS(P_INT(uid), P_INT(tid), P_INT(now))) < 0 ? ERR_DB : 0;
}

int follow_db_auto_watch_get(struct db *db, int64_t uid, int *on)
{
    int64_t v = 1;
    if (db_get_int(db, SQL_AUTO_WATCH_GET, PARAMS(P_INT(uid)), &v) == ERR_DB)
        return ERR_DB;
    *on = v != 0;
    return 0;
}

int follow_db_auto_watch_set(struct db *db, int64_t uid, int on)
{
    return db_exec(db, SQL_AUTO_WATCH_SET, PARAMS(P_INT(uid), P_INT(on ? 1 : 0))) < 0 ? ERR_DB : 0;
}

int thread_read_db_set(struct db *db, int64_t uid, int64_t tid, int64_t position)
{
    return db_exec(db, SQL_THREAD_READ, PARAMS(P_INT(uid), P_INT(tid), P_INT(position))) < 0
               ? ERR_DB
               : 0;
}

int thread_read_db_range(struct db *db, struct arena *a, int64_t uid, int64_t lo, int64_t hi,
                         int max, int64_t **tids, int64_t **pos, size_t *n)
{
    struct db_res *res;
    size_t k = 0;
    int rc;
    *tids = ARENA_ARRAY(a, int64_t, (size_t)max);
    *pos = ARENA_ARRAY(a, int64_t, (size_t)max);
    *n = 0;
    if (db_query(db, SQL_THREAD_READ_RANGE, PARAMS(P_INT(uid), P_INT(lo), P_INT(hi), P_INT(max)),
                 &res) < 0)
        return ERR_DB;
    while ((rc = db_step(res)) == 1 && k < (size_t)max) {
        (*tids)[k] = db_int(res, 0);
        (*pos)[k++] = db_int(res, 1);
    }
    db_done(res);
    if (rc < 0)
        return ERR_DB;
    *n = k;
    return 0;
}
