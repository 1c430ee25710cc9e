/* The SQL catalogue for newcomer coaching: settings, entering and leaving coaching, the
 * queue, notes, credited coaches and the members who may coach. Every statement is a
 * literal with bound parameters, the same text on SQLite and PostgreSQL. See
 * store/coaching.h for the contract. */
#include <string.h>

#include "core/util.h"
#include "store/coaching.h"

static const char *dup(struct arena *a, const char *s)
{
    return arena_strdup(a, s ? s : "");
}

/* ------------------------------------------------------------------------------------------ */
/* Settings */

static const char SQL_SETTINGS[] = "SELECT coaching, coaching_level, coaching_hours, "
                                   "coaching_first_only FROM communities WHERE id = $1";
static const char SQL_SET_SETTINGS[] =
    "UPDATE communities SET coaching = $2, coaching_level = $3, coaching_hours = $4, "
    "coaching_first_only = $5 WHERE id = $1";

int coaching_db_settings(struct db *db, int64_t cid, struct coaching_settings *out)
{
    struct db_res *res;
    int rc = db_query(db, SQL_SETTINGS, PARAMS(P_INT(cid)), &res);
    memset(out, 0, sizeof(*out));
    if (rc < 0)
        return ERR_DB;
    rc = db_step(res);
    if (rc == 1) {
        out->on = db_int(res, 0) != 0;
        out->level = db_int(res, 1);
        out->hours = db_int(res, 2);
        out->first_only = db_int(res, 3) != 0;
    }
    db_done(res);
    return rc < 0 ? ERR_DB : rc == 0 ? ERR_NOTFOUND : 0;
}

int coaching_db_set_settings(struct db *db, int64_t cid, const struct coaching_settings *s)
{
    return db_exec(db, SQL_SET_SETTINGS,
                   PARAMS(P_INT(cid), P_INT(s->on ? 1 : 0), P_INT(s->level), P_INT(s->hours),
                          P_INT(s->first_only ? 1 : 0))) < 0
               ? ERR_DB
               : 0;
}

/* ------------------------------------------------------------------------------------------ */
/* Entering and leaving coaching */

static const char SQL_QUESTIONS_IN[] =
    "SELECT count(*) FROM threads WHERE author_id = $1 AND community_id = $2 "
    "AND kind = 'question' AND (deleted_at IS NULL OR coaching_at IS NOT NULL)";
static const char SQL_START[] = "UPDATE threads SET coaching_at = $2 WHERE id = $1";
static const char SQL_PUBLISH_THREAD[] =
    "UPDATE threads SET coaching_at = NULL, coached_at = $2, created_at = $2, "
    "last_activity_at = $2 WHERE id = $1 AND coaching_at IS NOT NULL";
static const char SQL_PUBLISH_POST[] = "UPDATE posts SET created_at = $2 WHERE id = $1";
static const char SQL_CLEAR[] = "UPDATE threads SET coaching_at = NULL WHERE id = $1";

int coaching_db_questions_in(struct db *db, int64_t uid, int64_t cid, int64_t *n)
{
    *n = 0;
    return db_get_int(db, SQL_QUESTIONS_IN, PARAMS(P_INT(uid), P_INT(cid)), n) < 0 ? ERR_DB : 0;
}

int coaching_db_start(struct db *db, int64_t tid, int64_t now)
{
    return db_exec(db, SQL_START, PARAMS(P_INT(tid), P_INT(now))) < 0 ? ERR_DB : 0;
}

int coaching_db_publish(struct db *db, int64_t tid, int64_t pid, int64_t now)
{
    int rc = db_exec(db, SQL_PUBLISH_THREAD, PARAMS(P_INT(tid), P_INT(now)));
    if (rc < 0)
        return ERR_DB;
    if (rc == 0)
        return ERR_CONFLICT;
    return db_exec(db, SQL_PUBLISH_POST, PARAMS(P_INT(pid), P_INT(now))) < 0 ? ERR_DB : 0;
}

static const char SQL_OPENING[] = "SELECT id FROM posts WHERE thread_id = $1 AND position = 1";

int coaching_db_opening_post(struct db *db, int64_t tid, int64_t *pid)
{
    int rc = db_get_int(db, SQL_OPENING, PARAMS(P_INT(tid)), pid);
    return rc == ERR_NOTFOUND ? ERR_NOTFOUND : rc < 0 ? ERR_DB : 0;
}

int coaching_db_clear(struct db *db, int64_t tid)
{
    return db_exec(db, SQL_CLEAR, PARAMS(P_INT(tid))) < 0 ? ERR_DB : 0;
}

static const char SQL_QUEUE[] =
    "SELECT t.id, (SELECT p.id FROM posts p WHERE p.thread_id = t.id AND p.position = 1), "
    "t.title, coalesce(t.author_id, 0), coalesce(u.name, ''), coalesce(u.display_name, ''), "
    "t.coaching_at, (SELECT count(*) FROM coaching_notes n WHERE n.thread_id = t.id), "
    "(SELECT count(*) FROM coaching_notes n WHERE n.thread_id = t.id AND n.status = 'pending') "
    "FROM threads t LEFT JOIN users u ON u.id = t.author_id "
    "WHERE t.community_id = $1 AND t.coaching_at IS NOT NULL AND EXISTS (SELECT 1 FROM posts o "
    "WHERE o.thread_id = t.id AND o.position = 1 AND o.deleted_at IS NULL) "
    "ORDER BY t.coaching_at, t.id "
    "LIMIT $2";

int coaching_db_queue(struct db *db, struct arena *a, int64_t cid, int limit,
                      struct coaching_item **out, size_t *n)
{
    struct db_res *res;
    int rc = db_query(db, SQL_QUEUE, PARAMS(P_INT(cid), P_INT(limit)), &res);
    *out = NULL;
    *n = 0;
    if (rc < 0)
        return ERR_DB;
    *out = ARENA_ARRAY(a, struct coaching_item, limit > 0 ? (size_t)limit : 1);
    while ((rc = db_step(res)) == 1 && *n < (size_t)limit) {
        struct coaching_item *x = &(*out)[(*n)++];
        x->thread_id = db_int(res, 0);
        x->post_id = db_int(res, 1);
        x->title = dup(a, db_text(res, 2));
        x->author_id = db_int(res, 3);
        x->author_name = dup(a, db_text(res, 4));
        x->author_display = dup(a, db_text(res, 5));
        x->coaching_at = db_int(res, 6);
        x->notes = db_int(res, 7);
        x->suggestions = db_int(res, 8);
    }
    db_done(res);
    return rc < 0 ? ERR_DB : 0;
}

/* ------------------------------------------------------------------------------------------ */
/* Notes */

static const char SQL_NOTE_ADD[] =
    "INSERT INTO coaching_notes (thread_id, author_id, kind, title, body_md, body_html, status, "
    "created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id";
#define NOTE_COLS                                                                                  \
    "n.id, n.thread_id, coalesce(n.author_id, 0), coalesce(u.name, ''), "                          \
    "coalesce(u.display_name, ''), n.kind, n.title, n.body_md, n.body_html, n.status, "            \
    "n.created_at, coalesce(n.decided_at, 0) FROM coaching_notes n "                               \
    "LEFT JOIN users u ON u.id = n.author_id "
static const char SQL_NOTES[] = "SELECT " NOTE_COLS "WHERE n.thread_id = $1 ORDER BY n.id LIMIT $2";
static const char SQL_NOTE_GET[] = "SELECT " NOTE_COLS "WHERE n.id = $1";
static const char SQL_NOTE_DECIDE[] =
    "UPDATE coaching_notes SET status = $2, decided_at = $3 WHERE id = $1 AND status = 'pending'";

int coaching_db_note_add(struct db *db, struct coaching_note *x)
{
    return db_get_int(db, SQL_NOTE_ADD,
                      PARAMS(P_INT(x->thread_id), x->author_id ? P_INT(x->author_id) : P_NULL,
                             P_TEXT(x->kind), P_TEXT(x->title ? x->title : ""),
                             P_TEXT(x->body_md ? x->body_md : ""),
                             P_TEXT(x->body_html ? x->body_html : ""),
                             P_TEXT(x->status ? x->status : ""), P_INT(x->created_at)),
                      &x->id) < 0
               ? ERR_DB
               : 0;
}

static void read_note(struct db_res *res, struct arena *a, struct coaching_note *x)
{
    x->id = db_int(res, 0);
    x->thread_id = db_int(res, 1);
    x->author_id = db_int(res, 2);
    x->author_name = dup(a, db_text(res, 3));
    x->author_display = dup(a, db_text(res, 4));
    x->kind = dup(a, db_text(res, 5));
    x->title = dup(a, db_text(res, 6));
    x->body_md = dup(a, db_text(res, 7));
    x->body_html = dup(a, db_text(res, 8));
    x->status = dup(a, db_text(res, 9));
    x->created_at = db_int(res, 10);
    x->decided_at = db_int(res, 11);
}

int coaching_db_notes(struct db *db, struct arena *a, int64_t tid, int limit,
                      struct coaching_note **out, size_t *n)
{
    struct db_res *res;
    int rc = db_query(db, SQL_NOTES, PARAMS(P_INT(tid), P_INT(limit)), &res);
    *out = NULL;
    *n = 0;
    if (rc < 0)
        return ERR_DB;
    *out = ARENA_ARRAY(a, struct coaching_note, limit > 0 ? (size_t)limit : 1);
    while ((rc = db_step(res)) == 1 && *n < (size_t)limit)
        read_note(res, a, &(*out)[(*n)++]);
    db_done(res);
    return rc < 0 ? ERR_DB : 0;
}

int coaching_db_note_get(struct db *db, struct arena *a, int64_t id, struct coaching_note *out)
{
    struct db_res *res;
    int rc = db_query(db, SQL_NOTE_GET, PARAMS(P_INT(id)), &res);
    memset(out, 0, sizeof(*out));
    if (rc < 0)
        return ERR_DB;
    rc = db_step(res);
    if (rc == 1)
        read_note(res, a, out);
    db_done(res);
    return rc < 0 ? ERR_DB : rc == 0 ? ERR_NOTFOUND : 0;
}

int coaching_db_note_decide(struct db *db, int64_t id, const char *status, int64_t now)
{
    int rc = db_exec(db, SQL_NOTE_DECIDE, PARAMS(P_INT(id), P_TEXT(status), P_INT(now)));
    return rc < 0 ? ERR_DB : rc == 0 ? ERR_CONFLICT : 0;
}

/* ------------------------------------------------------------------------------------------ */
/* Coaches */

static const char SQL_COACHES[] =
    "SELECT u.id, u.name, u.display_name FROM users u JOIN (SELECT author_id, min(id) AS first "
    "FROM coaching_notes WHERE thread_id = $1 AND author_id IS NOT NULL AND author_id <> $2 "
    "GROUP BY author_id) c ON c.author_id = u.id ORDER BY c.first LIMIT $3";

int coaching_db_coaches(struct db *db, struct arena *a, int64_t tid, int64_t author_id, int limit,
                        struct coaching_coach **out, size_t *n)
{
    struct db_res *res;
    int rc = db_query(db, SQL_COACHES, PARAMS(P_INT(tid), P_INT(author_id), P_INT(limit)), &res);
    *out = NULL;
    *n = 0;
    if (rc < 0)
        return ERR_DB;
    *out = ARENA_ARRAY(a, struct coaching_coach, limit > 0 ? (size_t)limit : 1);
    while ((rc = db_step(res)) == 1 && *n < (size_t)limit) {
        struct coaching_coach *x = &(*out)[(*n)++];
        x->id = db_int(res, 0);
        x->name = dup(a, db_text(res, 1));
        x->display = dup(a, db_text(res, 2));
    }
    db_done(res);
    return rc < 0 ? ERR_DB : 0;
}

static const char SQL_COACH_IDS[] =
    "SELECT u.id FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.community_id = $1 "
    "AND (u.trust_level >= $2 OR m.role IN ('moderator', 'coordinator')) AND u.id <> $3 "
    "AND (u.suspended_until IS NULL OR u.suspended_until <= $4) ORDER BY u.id LIMIT $5";

int coaching_db_coach_ids(struct db *db, struct arena *a, int64_t cid, int64_t level,
                          int64_t except_uid, int64_t now, int limit, int64_t **out, size_t *n)
{
    struct db_res *res;
    int rc = db_query(db, SQL_COACH_IDS,
                      PARAMS(P_INT(cid), P_INT(level), P_INT(except_uid), P_INT(now), P_INT(limit)),
                      &res);
    *out = NULL;
    *n = 0;
    if (rc < 0)
        return ERR_DB;
    *out = ARENA_ARRAY(a, int64_t, limit > 0 ? (size_t)limit : 1);
    while ((rc = db_step(res)) == 1 && *n < (size_t)limit)
        (*out)[(*n)++] = db_int(res, 0);
    db_done(res);
    return rc < 0 ? ERR_DB : 0;
}
