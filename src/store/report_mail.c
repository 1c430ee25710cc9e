/* The SQL catalogue of the monthly health summary mail (see store/report_mail.h): literal
 * statements with bound parameters, valid on SQLite and PostgreSQL. */
#include <string.h>

#include "store/report_mail.h"

/* uid (a column expression) may be written to: active, verified, summary not off */
#define WRITABLE(U)                                                                                \
    "u.status = 'active' AND u.email IS NOT NULL AND u.email_verified_at IS NOT NULL "             \
    "AND NOT EXISTS (SELECT 1 FROM notify_prefs p WHERE p.user_id = " U " AND p.kind = 'health' "  \
    "AND p.mode = 'off')"

static const char SQL_DUE[] =
    "SELECT u.id FROM users u WHERE u.id > CAST($1 AS BIGINT) AND " WRITABLE(
        "u.id") " "
                "AND EXISTS (SELECT 1 FROM memberships m JOIN communities c ON c.id = "
                "m.community_id "
                "WHERE m.user_id = u.id AND m.role = 'coordinator' AND c.archived = 0) "
                "ORDER BY u.id LIMIT CAST($2 AS BIGINT)";

int store_report_mail_due(struct db *db, struct arena *a, int64_t after, int64_t limit,
                          int64_t **out, size_t *n)
{
    struct db_res *res;
    int64_t *v = arena_alloc(a, sizeof(*v) * (size_t)(limit > 0 ? limit : 1));
    int rc = db_query(db, SQL_DUE, PARAMS(P_INT(after), P_INT(limit)), &res);
    *n = 0;
    *out = v;
    if (rc < 0)
        return rc;
    while ((rc = db_step(res)) == 1 && *n < (size_t)limit)
        v[(*n)++] = db_int(res, 0);
    db_done(res);
    return rc < 0 ? rc : 0;
}

int store_report_mail_target(struct db *db, struct arena *a, int64_t uid, const char **email,
                             const char ***slugs, size_t *n)
{
    struct db_res *res;
    size_t cap = 8;
    int rc;
    *email = NULL;
    *n = 0;
    *slugs = arena_alloc(a, sizeof(**slugs) * cap);
    rc = db_query(db, "SELECT u.email FROM users u WHERE u.id = $1 AND " WRITABLE("u.id"),
                  PARAMS(P_INT(uid)), &res);
    if (rc < 0)
        return rc;
    rc = db_step(res);
    if (rc == 1)
        *email = arena_strdup(a, db_text(res, 0));
    db_done(res);
    if (rc < 0)
        return rc;
    if (!*email)
        return 0;
    rc = db_query(db,
                  "SELECT c.slug FROM memberships m JOIN communities c ON c.id = m.community_id "
                  "WHERE m.user_id = $1 AND m.role = 'coordinator' AND c.archived = 0 "
                  "ORDER BY c.name, c.id",
                  PARAMS(P_INT(uid)), &res);
    if (rc < 0)
        return rc;
    while ((rc = db_step(res)) == 1) {
        if (*n == cap) {
            const char **grown = arena_alloc(a, sizeof(*grown) * cap * 2);
            memcpy(grown, *slugs, sizeof(*grown) * cap);
            *slugs = grown;
            cap *= 2;
        }
        (*slugs)[(*n)++] = arena_strdup(a, db_text(res, 0));
    }
    db_done(res);
    return rc < 0 ? rc : 0;
}
