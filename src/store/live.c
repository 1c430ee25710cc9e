/* The SQL catalogue for live updates (table live_messages): see store/live.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/util.h"
#include "store/db_driver.h"
#include "store/live.h"

static const char SQL_LOCK_PG[] = "SELECT pg_advisory_xact_lock(7402117)";
static const char SQL_INSERT[] =
    "INSERT INTO live_messages (channel, community_id, user_id, payload, created_at) "
    "VALUES ($1, $2, $3, $4, $5) RETURNING id";
static const char SQL_TRIM[] = "DELETE FROM live_messages WHERE id < $1 AND (id <= $1 - $2 OR "
                               "created_at < $3)";
static const char SQL_NOTIFY_PG[] = "SELECT pg_notify('" LIVE_NOTIFY_CHANNEL "', $1)";
static const char SQL_AFTER[] =
    "SELECT id, channel, community_id, user_id, payload, created_at FROM live_messages "
    "WHERE id > $1 ORDER BY id LIMIT $2";
static const char SQL_BOUNDS[] = "SELECT COALESCE(MIN(id), 0), COALESCE(MAX(id), 0) FROM "
                                 "live_messages";
static const char SQL_VIS[] = "SELECT visibility FROM communities WHERE id = $1";
static const char SQL_MEMBERS[] =
    "SELECT user_id FROM memberships WHERE community_id = $1 ORDER BY user_id";

int live_db_insert(struct db *db, const char *channel, int64_t community_id, int64_t user_id,
                   const char *payload, int64_t now, int64_t *id)
{
    int64_t nid = 0;
    char idbuf[24];
    const char *idtext = idbuf;
    if (db_kind(db) == DB_PG && db_exec(db, SQL_LOCK_PG, NOPARAMS) < 0)
        return ERR_DB;
    if (db_get_int(db, SQL_INSERT,
                   PARAMS(P_TEXT(channel), P_INT(community_id), P_INT(user_id), P_TEXT(payload),
                          P_INT(now)),
                   &nid) < 0)
        return ERR_DB;
    if (db_exec(db, SQL_TRIM,
                PARAMS(P_INT(nid), P_INT(LIVE_BACKLOG_ROWS), P_INT(now - LIVE_BACKLOG_AGE))) < 0)
        return ERR_DB;
    snprintf(idbuf, sizeof(idbuf), "%lld", (long long)nid);
    if (db_kind(db) == DB_PG && db_exec(db, SQL_NOTIFY_PG, PARAMS(P_TEXT(idtext))) < 0)
        return ERR_DB;
    db_mark_published(db);
    if (id)
        *id = nid;
    return 0;
}

int live_db_after(struct db *db, struct arena *a, int64_t after, int limit, struct live_row **out,
                  size_t *n)
{
    struct db_res *res;
    struct live_row *rows = NULL;
    size_t cap = 0, k = 0;
    int rc;
    *out = NULL;
    *n = 0;
    if (db_query(db, SQL_AFTER, PARAMS(P_INT(after), P_INT(limit)), &res) < 0)
        return ERR_DB;
    while ((rc = db_step(res)) == 1) {
        if (k == cap) {
            struct live_row *bigger;
            cap = cap ? cap * 2 : 16;
            bigger = arena_alloc(a, cap * sizeof(*rows));
            if (k)
                memcpy(bigger, rows, k * sizeof(*rows));
            rows = bigger;
        }
        rows[k].id = db_int(res, 0);
        rows[k].channel = arena_strdup(a, db_text(res, 1));
        rows[k].community_id = db_int(res, 2);
        rows[k].user_id = db_int(res, 3);
        rows[k].payload = arena_strdup(a, db_text(res, 4));
        rows[k].created_at = db_int(res, 5);
        k++;
    }
    db_done(res);
    if (rc < 0)
        return ERR_DB;
    *out = rows;
    *n = k;
    return 0;
}

int live_db_bounds(struct db *db, int64_t *min_id, int64_t *max_id)
{
    struct db_res *res;
    int rc;
    *min_id = *max_id = 0;
    if (db_query(db, SQL_BOUNDS, NOPARAMS, &res) < 0)
        return ERR_DB;
    rc = db_step(res);
    if (rc == 1) {
        *min_id = db_int(res, 0);
        *max_id = db_int(res, 1);
    }
    db_done(res);
    return rc < 0 ? ERR_DB : 0;
}

int live_db_community_visibility(struct db *db, struct arena *a, int64_t cid, const char **vis)
{
    char *v = NULL;
    int rc = db_get_text(db, SQL_VIS, PARAMS(P_INT(cid)), &v);
    if (rc < 0)
        return rc;
    *vis = arena_strdup(a, v);
    free(v);
    return 0;
}

int live_db_member_ids(struct db *db, struct arena *a, int64_t cid, int64_t **out, size_t *n)
{
    struct db_res *res;
    int64_t *ids = NULL;
    size_t cap = 0, k = 0;
    int rc;
    *out = NULL;
    *n = 0;
    if (db_query(db, SQL_MEMBERS, PARAMS(P_INT(cid)), &res) < 0)
        return ERR_DB;
    while ((rc = db_step(res)) == 1) {
        if (k == cap) {
            int64_t *bigger;
            cap = cap ? cap * 2 : 64;
            bigger = arena_alloc(a, cap * sizeof(*ids));
            if (k)
                memcpy(bigger, ids, k * sizeof(*ids));
            ids = bigger;
        }
        ids[k++] = db_int(res, 0);
    }
    db_done(res);
    if (rc < 0)
        return ERR_DB;
    *out = ids;
    *n = k;
    return 0;
}
