/* Votes to close and reopen threads: the rows of close_votes. See store/closevote.h. */
#include <string.h>

#include "store/closevote.h"

static const char *dup(struct arena *a, const char *s)
{
    return arena_strdup(a, s ? s : "");
}

static const char SQL_LIST[] =
    "SELECT v.user_id, COALESCE(u.name, ''), v.kind, v.reason, v.original_id, "
    "CASE WHEN o.deleted_at IS NULL THEN COALESCE(o.title, '') ELSE '' END, "
    "CASE WHEN o.deleted_at IS NULL THEN COALESCE(oc.slug, '') ELSE '' END, v.created_at "
    "FROM close_votes v LEFT JOIN users u ON u.id = v.user_id "
    "LEFT JOIN threads o ON o.id = v.original_id "
    "LEFT JOIN communities oc ON oc.id = o.community_id "
    "WHERE v.thread_id = $1 AND v.kind = $2 ORDER BY v.created_at, v.user_id LIMIT 100";

int closevote_db_list(struct db *db, struct arena *a, int64_t tid, const char *kind,
                      struct close_vote **out, size_t *n)
{
    struct db_res *res;
    size_t cap = 8;
    int rc = db_query(db, SQL_LIST, PARAMS(P_INT(tid), P_TEXT(kind)), &res);
    *n = 0;
    *out = arena_alloc(a, cap * sizeof(**out));
    if (rc < 0)
        return ERR_DB;
    while ((rc = db_step(res)) == 1) {
        struct close_vote *v;
        if (*n == cap) {
            struct close_vote *bigger = arena_alloc(a, 2 * cap * sizeof(*bigger));
            memcpy(bigger, *out, cap * sizeof(*bigger));
            *out = bigger;
            cap *= 2;
        }
        v = &(*out)[(*n)++];
        v->user_id = db_int(res, 0);
        v->user_name = dup(a, db_text(res, 1));
        v->kind = dup(a, db_text(res, 2));
        v->reason = dup(a, db_text(res, 3));
        v->original_id = db_int(res, 4);
        v->original_title = dup(a, db_text(res, 5));
        v->original_slug = dup(a, db_text(res, 6));
        v->created_at = db_int(res, 7);
    }
    db_done(res);
    return rc < 0 ? ERR_DB : 0;
}

int closevote_db_add(struct db *db, int64_t tid, int64_t uid, const char *kind, const char *reason,
                     int64_t original_id, int64_t now)
{
    int rc = db_exec(db,
                     "INSERT INTO close_votes (thread_id, user_id, kind, reason, original_id, "
                     "created_at) VALUES ($1, $2, $3, $4, $5, $6)",
                     PARAMS(P_INT(tid), P_INT(uid), P_TEXT(kind), P_TEXT(reason),
                            P_INT(original_id), P_INT(now)));
    return rc == ERR_CONFLICT ? ERR_CONFLICT : rc < 0 ? ERR_DB : 0;
}

int closevote_db_delete(struct db *db, int64_t tid, int64_t uid, const char *kind)
{
    int rc =
        db_exec(db, "DELETE FROM close_votes WHERE thread_id = $1 AND user_id = $2 AND kind = $3",
                PARAMS(P_INT(tid), P_INT(uid), P_TEXT(kind)));
    return rc < 0 ? ERR_DB : rc;
}

int closevote_db_clear(struct db *db, int64_t tid, const char *kind)
{
    return db_exec(db, "DELETE FROM close_votes WHERE thread_id = $1 AND kind = $2",
                   PARAMS(P_INT(tid), P_TEXT(kind))) < 0
               ? ERR_DB
               : 0;
}
