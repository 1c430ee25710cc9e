/* The webhooks SQL catalogue (see webhook.h): literal statements with bound $N parameters,
 * valid on SQLite and PostgreSQL alike. An instance hook has community_id NULL; the queries
 * read it back as 0. */
#include <stdlib.h>
#include <string.h>

#include "store/webhook.h"
#include "core/util.h"

/* Grow an arena array of elements of size sz from *cap to twice as many when *n == *cap. */
static void *grow(struct arena *a, void *arr, size_t n, size_t *cap, size_t sz)
{
    void *bigger;
    if (n < *cap)
        return arr;
    bigger = arena_alloc(a, 2 * *cap * sz);
    memcpy(bigger, arr, *cap * sz);
    *cap *= 2;
    return bigger;
}

static const char *text_or(struct arena *a, struct db_res *res, int col)
{
    const char *s = db_text(res, col);
    return arena_strdup(a, s ? s : "");
}

#define HOOK_COLS                                                                                  \
    "w.id, COALESCE(w.community_id, 0), COALESCE(c.slug, ''), w.owner_id, COALESCE(u.name, ''), "  \
    "w.url, w.events, w.secret, w.active, w.disabled_reason, w.failing_since, w.created_at, "      \
    "w.updated_at "
#define HOOK_FROM                                                                                  \
    "FROM webhooks w LEFT JOIN communities c ON c.id = w.community_id "                            \
    "LEFT JOIN users u ON u.id = w.owner_id "

static void read_hook(struct db_res *res, struct arena *a, struct webhook *w)
{
    w->id = db_int(res, 0);
    w->community_id = db_int(res, 1);
    w->community_slug = text_or(a, res, 2);
    w->owner_id = db_int(res, 3);
    w->owner_name = text_or(a, res, 4);
    w->url = text_or(a, res, 5);
    w->events = text_or(a, res, 6);
    w->secret = text_or(a, res, 7);
    w->active = (int)db_int(res, 8);
    w->disabled_reason = text_or(a, res, 9);
    w->failing_since = db_int(res, 10);
    w->created_at = db_int(res, 11);
    w->updated_at = db_int(res, 12);
}

int store_webhook_insert(struct db *db, const struct webhook *w, int64_t *id)
{
    int rc =
        db_get_int(db,
                   "INSERT INTO webhooks (community_id, owner_id, url, events, secret, active, "
                   "created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $7) "
                   "RETURNING id",
                   PARAMS(w->community_id ? P_INT(w->community_id) : P_NULL, P_INT(w->owner_id),
                          P_TEXT(w->url), P_TEXT(w->events), P_TEXT(w->secret), P_INT(w->active),
                          P_INT(w->created_at)),
                   id);
    return rc < 0 ? ERR_DB : 0;
}

/* Run a hook query and read its rows into an arena array. */
static int hooks_query(struct db *db, struct arena *a, const char *sql, const struct db_param *p,
                       int np, struct webhook **out, size_t *n)
{
    struct db_res *res;
    size_t cap = 8;
    int rc = db_query(db, sql, p, np, &res);
    if (rc < 0)
        return ERR_DB;
    *n = 0;
    *out = arena_alloc(a, cap * sizeof(**out));
    while ((rc = db_step(res)) == 1) {
        *out = grow(a, *out, *n, &cap, sizeof(**out));
        read_hook(res, a, &(*out)[(*n)++]);
    }
    db_done(res);
    return rc < 0 ? ERR_DB : 0;
}

int store_webhook_get(struct db *db, struct arena *a, int64_t id, struct webhook *out)
{
    struct webhook *w;
    size_t n;
    int rc = hooks_query(db, a, "SELECT " HOOK_COLS HOOK_FROM "WHERE w.id = $1", PARAMS(P_INT(id)),
                         &w, &n);
    if (rc < 0)
        return rc;
    if (!n)
        return ERR_NOTFOUND;
    *out = w[0];
    return 0;
}

int store_webhook_list(struct db *db, struct arena *a, int64_t cid, struct webhook **out, size_t *n)
{
    if (!cid)
        return hooks_query(db, a,
                           "SELECT " HOOK_COLS HOOK_FROM "WHERE w.community_id IS NULL "
                           "ORDER BY w.id",
                           NOPARAMS, out, n);
    return hooks_query(db, a,
                       "SELECT " HOOK_COLS HOOK_FROM "WHERE w.community_id = $1 ORDER BY w.id",
                       PARAMS(P_INT(cid)), out, n);
}

int store_webhook_update(struct db *db, int64_t id, const char *url, const char *events, int active,
                         int64_t now)
{
    int rc = db_exec(db,
                     "UPDATE webhooks SET url = $2, events = $3, "
                     "disabled_reason = CASE WHEN $4 = 1 THEN '' ELSE disabled_reason END, "
                     "failing_since = CASE WHEN $4 = 1 AND active = 0 THEN 0 "
                     "ELSE failing_since END, active = $4, updated_at = $5 WHERE id = $1",
                     PARAMS(P_INT(id), P_TEXT(url), P_TEXT(events), P_INT(active), P_INT(now)));
    if (rc < 0)
        return ERR_DB;
    return rc == 0 ? ERR_NOTFOUND : 0;
}

int store_webhook_set_secret(struct db *db, int64_t id, const char *secret, int64_t now)
{
    int rc = db_exec(db, "UPDATE webhooks SET secret = $2, updated_at = $3 WHERE id = $1",
                     PARAMS(P_INT(id), P_TEXT(secret), P_INT(now)));
    if (rc < 0)
        return ERR_DB;
    return rc == 0 ? ERR_NOTFOUND : 0;
}

int store_webhook_delete(struct db *db, int64_t id)
{
    int rc = db_exec(db, "DELETE FROM webhooks WHERE id = $1", PARAMS(P_INT(id)));
    if (rc < 0)
        return ERR_DB;
    return rc == 0 ? ERR_NOTFOUND : 0;
}

int store_webhook_targets(struct db *db, struct arena *a, int64_t cid, struct webhook **out,
                          size_t *n)
{
    return hooks_query(
        db, a,
        "SELECT " HOOK_COLS HOOK_FROM
        "WHERE w.active = 1 AND u.status = 'active' AND ((w.community_id IS NULL AND "
        "u.is_admin = 1) OR (w.community_id = $1 AND (u.is_admin = 1 OR EXISTS (SELECT 1 FROM "
        "memberships m WHERE m.community_id = $1 AND m.user_id = w.owner_id AND "
        "m.role = 'coordinator')))) ORDER BY w.id",
        PARAMS(P_INT(cid)), out, n);
}

int store_webhook_health(struct db *db, int64_t id, int ok, int64_t now)
{
    int rc =
        ok ? db_exec(db, "UPDATE webhooks SET failing_since = 0 WHERE id = $1", PARAMS(P_INT(id)))
           : db_exec(db,
                     "UPDATE webhooks SET failing_since = $2 WHERE id = $1 AND "
                     "failing_since = 0",
                     PARAMS(P_INT(id), P_INT(now)));
    return rc < 0 ? ERR_DB : 0;
}

int store_webhook_disable(struct db *db, int64_t id, const char *reason, int64_t now)
{
    int rc = db_exec(db,
                     "UPDATE webhooks SET active = 0, disabled_reason = $2, updated_at = $3 "
                     "WHERE id = $1",
                     PARAMS(P_INT(id), P_TEXT(reason), P_INT(now)));
    return rc < 0 ? ERR_DB : 0;
}

/* --- deliveries --- */

#define DELIVERY_COLS                                                                              \
    "id, hook_id, event_id, event_type, state, attempts, created_at, last_at, last_code, "         \
    "last_ms, last_error "

static void read_delivery(struct db_res *res, struct arena *a, struct webhook_delivery *d)
{
    d->id = db_int(res, 0);
    d->hook_id = db_int(res, 1);
    d->event_id = text_or(a, res, 2);
    d->event_type = text_or(a, res, 3);
    d->state = text_or(a, res, 4);
    d->attempts = db_int(res, 5);
    d->created_at = db_int(res, 6);
    d->last_at = db_int(res, 7);
    d->last_code = db_int(res, 8);
    d->last_ms = db_int(res, 9);
    d->last_error = text_or(a, res, 10);
    d->payload = "";
}

int store_webhook_delivery_insert(struct db *db, const struct webhook_delivery *d, int64_t *id)
{
    int rc = db_get_int(db,
                        "INSERT INTO webhook_deliveries (hook_id, event_id, event_type, payload, "
                        "created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id",
                        PARAMS(P_INT(d->hook_id), P_TEXT(d->event_id), P_TEXT(d->event_type),
                               P_TEXT(d->payload), P_INT(d->created_at)),
                        id);
    return rc < 0 ? ERR_DB : 0;
}

int store_webhook_delivery_get(struct db *db, struct arena *a, int64_t id,
                               struct webhook_delivery *out)
{
    struct db_res *res;
    int rc = db_query(db, "SELECT " DELIVERY_COLS ", payload FROM webhook_deliveries WHERE id = $1",
                      PARAMS(P_INT(id)), &res);
    if (rc < 0)
        return ERR_DB;
    rc = db_step(res);
    if (rc == 1) {
        read_delivery(res, a, out);
        out->payload = text_or(a, res, 11);
    }
    db_done(res);
    return rc < 0 ? ERR_DB : rc == 0 ? ERR_NOTFOUND : 0;
}

int store_webhook_delivery_record(struct db *db, int64_t id, int64_t hook_id, const char *state,
                                  int64_t at, int ok, int64_t code, int64_t ms, const char *error)
{
    if (db_exec(
            db,
            "UPDATE webhook_deliveries SET state = $2, attempts = attempts + 1, last_at = $3, "
            "last_code = $4, last_ms = $5, last_error = $6 WHERE id = $1",
            PARAMS(P_INT(id), P_TEXT(state), P_INT(at), P_INT(code), P_INT(ms), P_TEXT(error))) < 0)
        return ERR_DB;
    return db_exec(db,
                   "INSERT INTO webhook_attempts (delivery_id, hook_id, at, ok, code, ms, error) "
                   "VALUES ($1, $2, $3, $4, $5, $6, $7)",
                   PARAMS(P_INT(id), P_INT(hook_id), P_INT(at), P_INT(ok), P_INT(code), P_INT(ms),
                          P_TEXT(error))) < 0
               ? ERR_DB
               : 0;
}

int store_webhook_delivery_give_up(struct db *db, int64_t id, const char *error)
{
    return db_exec(db,
                   "UPDATE webhook_deliveries SET state = 'failed', last_error = $2 "
                   "WHERE id = $1 AND state = 'pending'",
                   PARAMS(P_INT(id), P_TEXT(error))) < 0
               ? ERR_DB
               : 0;
}

int store_webhook_deliveries(struct db *db, struct arena *a, int64_t hook_id, int limit,
                             struct webhook_delivery **out, size_t *n)
{
    struct db_res *res;
    size_t cap = 16;
    int rc = db_query(db,
                      "SELECT " DELIVERY_COLS "FROM webhook_deliveries WHERE hook_id = $1 "
                      "ORDER BY id DESC LIMIT $2",
                      PARAMS(P_INT(hook_id), P_INT(limit)), &res);
    if (rc < 0)
        return ERR_DB;
    *n = 0;
    *out = arena_alloc(a, cap * sizeof(**out));
    while ((rc = db_step(res)) == 1) {
        *out = grow(a, *out, *n, &cap, sizeof(**out));
        read_delivery(res, a, &(*out)[(*n)++]);
    }
    db_done(res);
    return rc < 0 ? ERR_DB : 0;
}

int store_webhook_attempts(struct db *db, struct arena *a, int64_t hook_id, int limit,
                           struct webhook_attempt **out, size_t *n)
{
    struct db_res *res;
    size_t cap = 16;
    int rc = db_query(db,
                      "SELECT t.id, t.delivery_id, d.event_type, t.at, t.ok, t.code, t.ms, "
                      "t.error FROM webhook_attempts t JOIN webhook_deliveries d ON "
                      "d.id = t.delivery_id WHERE t.hook_id = $1 ORDER BY t.id DESC LIMIT $2",
                      PARAMS(P_INT(hook_id), P_INT(limit)), &res);
    if (rc < 0)
        return ERR_DB;
    *n = 0;
    *out = arena_alloc(a, cap * sizeof(**out));
    while ((rc = db_step(res)) == 1) {
        struct webhook_attempt *t;
        *out = grow(a, *out, *n, &cap, sizeof(**out));
        t = &(*out)[(*n)++];
        t->id = db_int(res, 0);
        t->delivery_id = db_int(res, 1);
        t->event_type = text_or(a, res, 2);
        t->at = db_int(res, 3);
        t->ok = (int)db_int(res, 4);
        t->code = db_int(res, 5);
        t->ms = db_int(res, 6);
        t->error = text_or(a, res, 7);
    }
    db_done(res);
    return rc < 0 ? ERR_DB : 0;
}
