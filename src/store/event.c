/* The SQL catalogue for events, overrides, RSVPs and calendar tokens: every statement is a
 * literal with bound parameters $1..$N, each used, valid on SQLite and PostgreSQL. See
 * store/event.h for the contract. */
#include <stdlib.h>
#include <string.h>

#include "store/event.h"
#include "core/util.h"

#define EVENT_COLS                                                                                 \
    "e.id, e.community_id, e.title, e.description_md, e.description_html, e.tz, e.start_local, "   \
    "e.duration, e.start_at, e.last_end_at, e.location, e.online_url, e.capacity, e.freq, "        \
    "e.rinterval, e.byday, e.monthly, e.rcount, e.until_date, e.notes_url, e.notes_md, "           \
    "e.notes_html, e.sequence, e.cancelled, e.created_by, COALESCE(u.name, ''), e.created_at, "    \
    "e.updated_at, c.slug, c.name, COALESCE(u.display_name, '') "
#define EVENT_FROM                                                                                 \
    "FROM events e JOIN communities c ON c.id = e.community_id "                                   \
    "LEFT JOIN users u ON u.id = e.created_by "

static const char SQL_INSERT[] =
    "INSERT INTO events (community_id, title, description_md, description_html, tz, start_local, "
    "duration, start_at, last_end_at, location, online_url, capacity, freq, rinterval, byday, "
    "monthly, rcount, until_date, notes_url, notes_md, notes_html, sequence, cancelled, "
    "created_by, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, "
    "$12, $13, $14, $15, $16, $17, $18, $19, $20, $21, 0, 0, $22, $23, $23) RETURNING id";

static const char SQL_UPDATE[] =
    "UPDATE events SET title = $2, description_md = $3, description_html = $4, tz = $5, "
    "start_local = $6, duration = $7, start_at = $8, last_end_at = $9, location = $10, "
    "online_url = $11, capacity = $12, freq = $13, rinterval = $14, byday = $15, monthly = $16, "
    "rcount = $17, until_date = $18, notes_url = $19, notes_md = $20, notes_html = $21, "
    "cancelled = $22, updated_at = $23, sequence = sequence + 1 WHERE id = $1 RETURNING sequence";

static const char SQL_GET[] = "SELECT " EVENT_COLS EVENT_FROM "WHERE e.id = $1";

static const char SQL_LIST_UPCOMING[] =
    "SELECT " EVENT_COLS EVENT_FROM "WHERE e.community_id = $1 AND e.last_end_at >= $2 "
    "ORDER BY e.start_at, e.id LIMIT $3";
static const char SQL_LIST_PAST[] =
    "SELECT " EVENT_COLS EVENT_FROM "WHERE e.community_id = $1 AND e.last_end_at < $2 "
    "ORDER BY e.last_end_at DESC, e.id DESC LIMIT $3";

static const char SQL_LIST_VISIBLE[] =
    "SELECT " EVENT_COLS EVENT_FROM "WHERE e.last_end_at >= $2 AND c.archived = 0 "
    "  AND ((($3 = 0) AND (c.visibility = 'public' OR (c.visibility = 'members' AND $1 <> 0))) "
    "       OR EXISTS (SELECT 1 FROM memberships m WHERE m.community_id = c.id "
    "                  AND m.user_id = $1)) "
    "ORDER BY e.start_at, e.id LIMIT $4";

static const char SQL_OVERRIDES[] =
    "SELECT event_id, occ_key, title, start_at, end_at, location, cancelled, sequence, "
    "updated_at FROM event_overrides WHERE event_id = $1 ORDER BY occ_key";

static const char SQL_OVERRIDE_PUT[] =
    "INSERT INTO event_overrides (event_id, occ_key, title, start_at, end_at, location, "
    "cancelled, sequence, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, 1, $8) "
    "ON CONFLICT (event_id, occ_key) DO UPDATE SET title = excluded.title, "
    "start_at = excluded.start_at, end_at = excluded.end_at, location = excluded.location, "
    "cancelled = excluded.cancelled, sequence = event_overrides.sequence + 1, "
    "updated_at = excluded.updated_at";

static const char SQL_RSVPS[] =
    "SELECT r.user_id, u.name, COALESCE(u.display_name, ''), r.status, r.responded_at, "
    "r.waitlisted_at FROM event_rsvps r JOIN users u ON u.id = r.user_id "
    "WHERE r.event_id = $1 AND r.occ_key = $2 "
    "ORDER BY CASE r.status WHEN 'going' THEN 0 WHEN 'waitlist' THEN 1 WHEN 'maybe' THEN 2 "
    "ELSE 3 END, r.waitlisted_at, r.responded_at, r.id";

static const char SQL_RSVP_STATUS[] =
    "SELECT status FROM event_rsvps WHERE event_id = $1 AND occ_key = $2 AND user_id = $3";

static const char SQL_RSVP_SET[] =
    "INSERT INTO event_rsvps (event_id, occ_key, user_id, status, responded_at, waitlisted_at) "
    "VALUES ($1, $2, $3, $4, CAST($5 AS BIGINT), CASE WHEN $4 = 'waitlist' THEN CAST($5 AS BIGINT) "
    "ELSE 0 END) "
    "ON CONFLICT (event_id, occ_key, user_id) DO UPDATE SET status = excluded.status, "
    "responded_at = excluded.responded_at, "
    "waitlisted_at = CASE WHEN excluded.status <> 'waitlist' THEN 0 "
    "  WHEN event_rsvps.status = 'waitlist' THEN event_rsvps.waitlisted_at "
    "  ELSE excluded.waitlisted_at END";

static const char SQL_RSVP_DELETE[] =
    "DELETE FROM event_rsvps WHERE event_id = $1 AND occ_key = $2 AND user_id = $3";

static const char SQL_RSVP_COUNT[] =
    "SELECT COUNT(*) FROM event_rsvps WHERE event_id = $1 AND occ_key = $2 AND status = $3";

static const char SQL_FIRST_WAIT[] =
    "SELECT user_id FROM event_rsvps WHERE event_id = $1 AND occ_key = $2 "
    "AND status = 'waitlist' ORDER BY waitlisted_at, id LIMIT 1";

static const char SQL_WAIT_KEYS[] =
    "SELECT DISTINCT occ_key FROM event_rsvps WHERE event_id = $1 AND status = 'waitlist' "
    "ORDER BY occ_key";

static const char SQL_USER_GOING[] =
    "SELECT event_id, occ_key FROM event_rsvps WHERE user_id = $1 AND status = 'going' "
    "ORDER BY event_id, occ_key LIMIT 5000";

static const char SQL_TOKEN_SET[] =
    "INSERT INTO calendar_tokens (user_id, token_hash, created_at) VALUES ($1, $2, $3) "
    "ON CONFLICT (user_id) DO UPDATE SET token_hash = excluded.token_hash, "
    "created_at = excluded.created_at";
static const char SQL_TOKEN_USER[] = "SELECT user_id FROM calendar_tokens WHERE token_hash = $1";
static const char SQL_TOKEN_EXISTS[] = "SELECT COUNT(*) FROM calendar_tokens WHERE user_id = $1";

static const char *dup(struct arena *a, const char *s)
{
    return arena_strdup(a, s ? s : "");
}

static void read_event(struct db_res *res, struct arena *a, struct event *e)
{
    memset(e, 0, sizeof(*e));
    e->id = db_int(res, 0);
    e->community_id = db_int(res, 1);
    e->title = dup(a, db_text(res, 2));
    e->description_md = dup(a, db_text(res, 3));
    e->description_html = dup(a, db_text(res, 4));
    e->tz = dup(a, db_text(res, 5));
    e->start_local = db_int(res, 6);
    e->duration = db_int(res, 7);
    e->start_at = db_int(res, 8);
    e->last_end_at = db_int(res, 9);
    e->location = dup(a, db_text(res, 10));
    e->online_url = dup(a, db_text(res, 11));
    e->capacity = db_int(res, 12);
    e->freq = dup(a, db_text(res, 13));
    e->interval = db_int(res, 14);
    e->byday = db_int(res, 15);
    e->monthly = dup(a, db_text(res, 16));
    e->count = db_int(res, 17);
    e->until_date = dup(a, db_text(res, 18));
    e->notes_url = dup(a, db_text(res, 19));
    e->notes_md = dup(a, db_text(res, 20));
    e->notes_html = dup(a, db_text(res, 21));
    e->sequence = db_int(res, 22);
    e->cancelled = db_int(res, 23) != 0;
    e->created_by = db_int(res, 24);
    e->created_by_name = dup(a, db_text(res, 25));
    e->created_at = db_int(res, 26);
    e->updated_at = db_int(res, 27);
    e->community_slug = dup(a, db_text(res, 28));
    e->community_name = dup(a, db_text(res, 29));
    e->created_by_display = dup(a, db_text(res, 30));
}

int event_db_insert(struct db *db, struct event *e)
{
    int64_t id = 0;
    int rc = db_get_int(db, SQL_INSERT,
                        PARAMS(P_INT(e->community_id), P_TEXT(e->title), P_TEXT(e->description_md),
                               P_TEXT(e->description_html), P_TEXT(e->tz), P_INT(e->start_local),
                               P_INT(e->duration), P_INT(e->start_at), P_INT(e->last_end_at),
                               P_TEXT(e->location), P_TEXT(e->online_url), P_INT(e->capacity),
                               P_TEXT(e->freq), P_INT(e->interval), P_INT(e->byday),
                               P_TEXT(e->monthly), P_INT(e->count), P_TEXT(e->until_date),
                               P_TEXT(e->notes_url), P_TEXT(e->notes_md), P_TEXT(e->notes_html),
                               e->created_by ? P_INT(e->created_by) : P_NULL, P_INT(e->created_at)),
                        &id);
    if (rc < 0)
        return ERR_DB;
    e->id = id;
    return 0;
}

int event_db_update(struct db *db, struct event *e)
{
    int64_t seq = 0;
    int rc = db_get_int(db, SQL_UPDATE,
                        PARAMS(P_INT(e->id), P_TEXT(e->title), P_TEXT(e->description_md),
                               P_TEXT(e->description_html), P_TEXT(e->tz), P_INT(e->start_local),
                               P_INT(e->duration), P_INT(e->start_at), P_INT(e->last_end_at),
                               P_TEXT(e->location), P_TEXT(e->online_url), P_INT(e->capacity),
                               P_TEXT(e->freq), P_INT(e->interval), P_INT(e->byday),
                               P_TEXT(e->monthly), P_INT(e->count), P_TEXT(e->until_date),
                               P_TEXT(e->notes_url), P_TEXT(e->notes_md), P_TEXT(e->notes_html),
                               P_INT(e->cancelled ? 1 : 0), P_INT(e->updated_at)),
                        &seq);
    if (rc < 0)
        return rc == ERR_NOTFOUND ? ERR_NOTFOUND : ERR_DB;
    e->sequence = seq;
    return 0;
}

/* Run an event query into an arena array. */
static int list(struct db *db, struct arena *a, const char *sql, const struct db_param *p, int np,
                int limit, struct event **out, size_t *n)
{
    struct db_res *res;
    size_t k = 0;
    int rc;
    *out = ARENA_ARRAY(a, struct event, (size_t)limit + 1);
    *n = 0;
    if (db_query(db, sql, p, np, &res) < 0)
        return ERR_DB;
    while ((rc = db_step(res)) == 1 && k < (size_t)limit)
        read_event(res, a, &(*out)[k++]);
    db_done(res);
    if (rc < 0)
        return ERR_DB;
    *n = k;
    return 0;
}

int event_db_get(struct db *db, struct arena *a, int64_t id, struct event *out)
{
    struct event *e;
    size_t n;
    int rc = list(db, a, SQL_GET, PARAMS(P_INT(id)), 1, &e, &n);
    if (rc < 0)
        return rc;
    if (!n)
        return ERR_NOTFOUND;
    *out = e[0];
    return 0;
}

int event_db_list_community(struct db *db, struct arena *a, int64_t cid, int64_t from, int past,
                            int limit, struct event **out, size_t *n)
{
    if (limit > 500)
        limit = 500;
    return list(db, a, past ? SQL_LIST_PAST : SQL_LIST_UPCOMING,
                PARAMS(P_INT(cid), P_INT(from), P_INT(limit)), limit, out, n);
}

int event_db_list_visible(struct db *db, struct arena *a, int64_t viewer, int mine, int64_t from,
                          int limit, struct event **out, size_t *n)
{
    if (limit > 500)
        limit = 500;
    return list(db, a, SQL_LIST_VISIBLE,
                PARAMS(P_INT(viewer), P_INT(from), P_INT(mine ? 1 : 0), P_INT(limit)), limit, out,
                n);
}

int event_db_overrides(struct db *db, struct arena *a, int64_t eid, struct event_override **out,
                       size_t *n)
{
    struct db_res *res;
    size_t cap = 16, k = 0;
    int rc;
    struct event_override *arr = ARENA_ARRAY(a, struct event_override, cap);
    if (db_query(db, SQL_OVERRIDES, PARAMS(P_INT(eid)), &res) < 0)
        return ERR_DB;
    while ((rc = db_step(res)) == 1) {
        struct event_override *o;
        if (k == cap) {
            struct event_override *bigger = ARENA_ARRAY(a, struct event_override, cap * 2);
            memcpy(bigger, arr, cap * sizeof(*arr));
            arr = bigger;
            cap *= 2;
        }
        o = &arr[k++];
        o->event_id = db_int(res, 0);
        o->occ_key = db_int(res, 1);
        o->title = db_isnull(res, 2) ? NULL : dup(a, db_text(res, 2));
        o->start_at = db_int(res, 3);
        o->end_at = db_int(res, 4);
        o->location = db_isnull(res, 5) ? NULL : dup(a, db_text(res, 5));
        o->cancelled = db_int(res, 6) != 0;
        o->sequence = db_int(res, 7);
        o->updated_at = db_int(res, 8);
    }
    db_done(res);
    if (rc < 0)
        return ERR_DB;
    *out = arr;
    *n = k;
    return 0;
}

int event_db_override_put(struct db *db, const struct event_override *o)
{
    int rc = db_exec(db, SQL_OVERRIDE_PUT,
                     PARAMS(P_INT(o->event_id), P_INT(o->occ_key), P_TEXT(o->title),
                            o->start_at ? P_INT(o->start_at) : P_NULL,
                            o->end_at ? P_INT(o->end_at) : P_NULL, P_TEXT(o->location),
                            P_INT(o->cancelled ? 1 : 0), P_INT(o->updated_at)));
    return rc < 0 ? ERR_DB : 0;
}

int event_db_rsvps(struct db *db, struct arena *a, int64_t eid, int64_t key,
                   struct event_rsvp **out, size_t *n)
{
    struct db_res *res;
    size_t cap = 32, k = 0;
    int rc;
    struct event_rsvp *arr = ARENA_ARRAY(a, struct event_rsvp, cap);
    if (db_query(db, SQL_RSVPS, PARAMS(P_INT(eid), P_INT(key)), &res) < 0)
        return ERR_DB;
    while ((rc = db_step(res)) == 1) {
        if (k == cap) {
            struct event_rsvp *bigger = ARENA_ARRAY(a, struct event_rsvp, cap * 2);
            memcpy(bigger, arr, cap * sizeof(*arr));
            arr = bigger;
            cap *= 2;
        }
        arr[k].user_id = db_int(res, 0);
        arr[k].name = dup(a, db_text(res, 1));
        arr[k].display_name = dup(a, db_text(res, 2));
        arr[k].status = dup(a, db_text(res, 3));
        arr[k].responded_at = db_int(res, 4);
        arr[k].waitlisted_at = db_int(res, 5);
        k++;
    }
    db_done(res);
    if (rc < 0)
        return ERR_DB;
    *out = arr;
    *n = k;
    return 0;
}

int event_db_rsvp_status(struct db *db, struct arena *a, int64_t eid, int64_t key, int64_t uid,
                         const char **out)
{
    char *s = NULL;
    int rc = db_get_text(db, SQL_RSVP_STATUS, PARAMS(P_INT(eid), P_INT(key), P_INT(uid)), &s);
    if (rc == ERR_NOTFOUND) {
        *out = "";
        return 0;
    }
    if (rc < 0)
        return ERR_DB;
    *out = arena_strdup(a, s);
    free(s);
    return 0;
}

int event_db_rsvp_set(struct db *db, int64_t eid, int64_t key, int64_t uid, const char *status,
                      int64_t now)
{
    int rc;
    if (!status)
        rc = db_exec(db, SQL_RSVP_DELETE, PARAMS(P_INT(eid), P_INT(key), P_INT(uid)));
    else
        rc = db_exec(db, SQL_RSVP_SET,
                     PARAMS(P_INT(eid), P_INT(key), P_INT(uid), P_TEXT(status), P_INT(now)));
    return rc < 0 ? ERR_DB : 0;
}

int event_db_rsvp_count(struct db *db, int64_t eid, int64_t key, const char *status, int64_t *out)
{
    return db_get_int(db, SQL_RSVP_COUNT, PARAMS(P_INT(eid), P_INT(key), P_TEXT(status)), out) < 0
               ? ERR_DB
               : 0;
}

int event_db_first_waitlisted(struct db *db, int64_t eid, int64_t key, int64_t *uid)
{
    int rc = db_get_int(db, SQL_FIRST_WAIT, PARAMS(P_INT(eid), P_INT(key)), uid);
    return rc == ERR_NOTFOUND ? ERR_NOTFOUND : rc < 0 ? ERR_DB : 0;
}

/* Read integer column pairs/singles into arena arrays. */
static int int_rows(struct db *db, struct arena *a, const char *sql, const struct db_param *p,
                    int np, int cols, int64_t **c0, int64_t **c1, size_t *n)
{
    struct db_res *res;
    size_t cap = 64, k = 0;
    int rc;
    int64_t *a0 = ARENA_ARRAY(a, int64_t, cap), *a1 = ARENA_ARRAY(a, int64_t, cap);
    if (db_query(db, sql, p, np, &res) < 0)
        return ERR_DB;
    while ((rc = db_step(res)) == 1) {
        if (k == cap) {
            int64_t *b0 = ARENA_ARRAY(a, int64_t, cap * 2), *b1 = ARENA_ARRAY(a, int64_t, cap * 2);
            memcpy(b0, a0, cap * sizeof(int64_t));
            memcpy(b1, a1, cap * sizeof(int64_t));
            a0 = b0;
            a1 = b1;
            cap *= 2;
        }
        a0[k] = db_int(res, 0);
        a1[k] = cols > 1 ? db_int(res, 1) : 0;
        k++;
    }
    db_done(res);
    if (rc < 0)
        return ERR_DB;
    *c0 = a0;
    if (c1)
        *c1 = a1;
    *n = k;
    return 0;
}

int event_db_waitlisted_keys(struct db *db, struct arena *a, int64_t eid, int64_t **out, size_t *n)
{
    return int_rows(db, a, SQL_WAIT_KEYS, PARAMS(P_INT(eid)), 1, out, NULL, n);
}

int event_db_user_going(struct db *db, struct arena *a, int64_t uid, int64_t **eids, int64_t **keys,
                        size_t *n)
{
    return int_rows(db, a, SQL_USER_GOING, PARAMS(P_INT(uid)), 2, eids, keys, n);
}

int caltoken_db_set(struct db *db, int64_t uid, const char *hash, int64_t now)
{
    return db_exec(db, SQL_TOKEN_SET, PARAMS(P_INT(uid), P_TEXT(hash), P_INT(now))) < 0 ? ERR_DB
                                                                                        : 0;
}

int caltoken_db_user(struct db *db, const char *hash, int64_t *uid)
{
    int rc = db_get_int(db, SQL_TOKEN_USER, PARAMS(P_TEXT(hash)), uid);
    return rc == ERR_NOTFOUND ? ERR_NOTFOUND : rc < 0 ? ERR_DB : 0;
}

int caltoken_db_exists(struct db *db, int64_t uid)
{
    int64_t n = 0;
    if (db_get_int(db, SQL_TOKEN_EXISTS, PARAMS(P_INT(uid)), &n) < 0)
        return ERR_DB;
    return n > 0;
}
