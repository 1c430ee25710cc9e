/* The SQL catalogue for in-app notifications: every statement a literal with bound
 * parameters $1..$N, valid on SQLite and PostgreSQL. See store/notification.h for the
 * contract. */
#include "store/notification.h"

static const char SQL_NOTE_INSERT[] =
    "INSERT INTO notifications (user_id, kind, text, link, created_at) "
    "VALUES ($1, $2, $3, $4, $5)";
static const char SQL_NOTE_LIST[] =
    "SELECT id, kind, text, link, created_at, COALESCE(read_at, 0) FROM notifications "
    "WHERE user_id = $1 ORDER BY id DESC LIMIT $2";
static const char SQL_NOTE_UNREAD[] =
    "SELECT COUNT(*) FROM notifications WHERE user_id = $1 AND read_at IS NULL";
static const char SQL_NOTE_READ_ALL[] =
    "UPDATE notifications SET read_at = $2 WHERE user_id = $1 AND read_at IS NULL";
static const char SQL_NOTE_READ_ONE[] =
    "UPDATE notifications SET read_at = $2 WHERE user_id = $1 AND id = $3 AND read_at IS NULL";

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

int notification_db_list(struct db *db, struct arena *a, int64_t uid, int limit,
                         struct notification **out, size_t *n)
{
    struct db_res *res;
    size_t k = 0;
    int rc;
    if (limit < 1 || limit > 200)
        limit = 200;
    *out = ARENA_ARRAY(a, struct notification, (size_t)limit);
    *n = 0;
    if (db_query(db, SQL_NOTE_LIST, PARAMS(P_INT(uid), P_INT(limit)), &res) < 0)
        return ERR_DB;
    while ((rc = db_step(res)) == 1 && k < (size_t)limit) {
        struct notification *x = &(*out)[k++];
        x->id = db_int(res, 0);
        x->kind = dup(a, db_text(res, 1));
        x->text = dup(a, db_text(res, 2));
        x->link = dup(a, db_text(res, 3));
        x->created_at = db_int(res, 4);
        x->read_at = db_int(res, 5);
    }
    db_done(res);
    if (rc < 0)
        return ERR_DB;
    *n = k;
    return 0;
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
