/* The accounts SQL catalogue (see account.h): literal statements with bound $N parameters,
 * the same text on SQLite and PostgreSQL, and small readers that copy rows into an arena.
 * Upserts use INSERT ... ON CONFLICT, which both engines understand. */
#include <stdlib.h>
#include <string.h>

#include "store/account.h"
#include "core/util.h"

#define USER_COLS                                                                                  \
    "id, name, name_key, display_name, password_hash, is_admin, status, bio_md, bio_html, "        \
    "timezone, created_at, updated_at"

/* Copy column col of the current row into the arena (NULL stays NULL). */
static const char *col_str(struct db_res *res, struct arena *a, int col)
{
    return arena_strdup(a, db_text(res, col));
}

static void read_user(struct db_res *res, struct arena *a, struct user_row *u)
{
    u->id = db_int(res, 0);
    u->name = col_str(res, a, 1);
    u->name_key = col_str(res, a, 2);
    u->display_name = col_str(res, a, 3);
    u->password_hash = col_str(res, a, 4);
    u->is_admin = db_int(res, 5) != 0;
    u->status = col_str(res, a, 6);
    u->bio_md = col_str(res, a, 7);
    u->bio_html = col_str(res, a, 8);
    u->timezone = col_str(res, a, 9);
    u->created_at = db_int(res, 10);
    u->updated_at = db_int(res, 11);
    if (!u->display_name)
        u->display_name = u->name;
    if (!u->bio_md)
        u->bio_md = "";
    if (!u->bio_html)
        u->bio_html = "";
    if (!u->timezone)
        u->timezone = "";
}

/* Run a query expected to return at most one row and read it with fn. */
static int one_row(struct db *db, const char *sql, const struct db_param *p, int np,
                   void (*fn)(struct db_res *, struct arena *, void *), struct arena *a, void *out)
{
    struct db_res *res;
    int rc = db_query(db, sql, p, np, &res);
    if (rc < 0)
        return ERR_DB;
    rc = db_step(res);
    if (rc == 1)
        fn(res, a, out);
    db_done(res);
    if (rc < 0)
        return ERR_DB;
    return rc == 1 ? 0 : ERR_NOTFOUND;
}

static int ok_or(int rc)
{
    return rc < 0 ? rc : 0;
}

/* ------------------------------------------------------------------------------------
 * settings
 * ---------------------------------------------------------------------------------- */

int store_setting_get(struct db *db, struct arena *a, const char *key, const char **out)
{
    char *v = NULL;
    int rc = db_get_text(db, "SELECT value FROM settings WHERE key = $1", PARAMS(P_TEXT(key)), &v);
    if (rc < 0)
        return rc;
    *out = arena_strdup(a, v ? v : "");
    free(v);
    return 0;
}

int store_setting_set(struct db *db, const char *key, const char *value)
{
    return ok_or(db_exec(db,
                         "INSERT INTO settings (key, value) VALUES ($1, $2) "
                         "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                         PARAMS(P_TEXT(key), P_TEXT(value))));
}

int store_setting_add(struct db *db, const char *key, const char *value)
{
    return ok_or(db_exec(db,
                         "INSERT INTO settings (key, value) VALUES ($1, $2) "
                         "ON CONFLICT (key) DO NOTHING",
                         PARAMS(P_TEXT(key), P_TEXT(value))));
}

/* ------------------------------------------------------------------------------------
 * users
 * ---------------------------------------------------------------------------------- */

int store_user_insert(struct db *db, const struct user_row *u, int64_t *id)
{
    int rc =
        db_exec(db,
                "INSERT INTO users (name, name_key, display_name, password_hash, is_admin, "
                "status, bio_md, bio_html, timezone, created_at, updated_at) "
                "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10)",
                PARAMS(P_TEXT(u->name), P_TEXT(u->name_key), P_TEXT(u->display_name),
                       P_TEXT(u->password_hash), P_INT(u->is_admin ? 1 : 0), P_TEXT(u->status),
                       P_TEXT(u->bio_md ? u->bio_md : ""), P_TEXT(u->bio_html ? u->bio_html : ""),
                       P_TEXT(u->timezone ? u->timezone : ""), P_INT(u->created_at)));
    if (rc < 0)
        return rc;
    return db_get_int(db, "SELECT id FROM users WHERE name_key = $1", PARAMS(P_TEXT(u->name_key)),
                      id);
}

static void read_user_cb(struct db_res *res, struct arena *a, void *out)
{
    read_user(res, a, out);
}

int store_user_by_key(struct db *db, struct arena *a, const char *name_key, struct user_row *out)
{
    return one_row(db, "SELECT " USER_COLS " FROM users WHERE name_key = $1",
                   PARAMS(P_TEXT(name_key)), read_user_cb, a, out);
}

int store_user_by_id(struct db *db, struct arena *a, int64_t id, struct user_row *out)
{
    return one_row(db, "SELECT " USER_COLS " FROM users WHERE id = $1", PARAMS(P_INT(id)),
                   read_user_cb, a, out);
}

int store_user_list(struct db *db, struct arena *a, int64_t limit, int64_t offset,
                    struct user_row **out, size_t *n)
{
    struct db_res *res;
    size_t cap = 16, len = 0;
    struct user_row *rows = ARENA_ARRAY(a, struct user_row, cap);
    int rc;
    if (db_query(db, "SELECT " USER_COLS " FROM users ORDER BY name_key LIMIT $1 OFFSET $2",
                 PARAMS(P_INT(limit), P_INT(offset)), &res) < 0)
        return ERR_DB;
    while ((rc = db_step(res)) == 1) {
        if (len == cap) {
            struct user_row *bigger = ARENA_ARRAY(a, struct user_row, cap * 2);
            memcpy(bigger, rows, sizeof(*rows) * len);
            rows = bigger;
            cap *= 2;
        }
        read_user(res, a, &rows[len++]);
    }
    db_done(res);
    if (rc < 0)
        return ERR_DB;
    *out = rows;
    *n = len;
    return 0;
}

int store_user_count(struct db *db, int64_t *n)
{
    return db_get_int(db, "SELECT COUNT(*) FROM users", NOPARAMS, n);
}

int store_user_admin_count(struct db *db, int64_t *n)
{
    return db_get_int(db, "SELECT COUNT(*) FROM users WHERE is_admin = 1", NOPARAMS, n);
}

int store_user_update_profile(struct db *db, int64_t id, const char *display_name,
                              const char *bio_md, const char *bio_html, const char *timezone,
                              int64_t now)
{
    int rc = db_exec(db,
                     "UPDATE users SET display_name = $2, bio_md = $3, bio_html = $4, "
                     "timezone = $5, updated_at = $6 WHERE id = $1",
                     PARAMS(P_INT(id), P_TEXT(display_name), P_TEXT(bio_md), P_TEXT(bio_html),
                            P_TEXT(timezone), P_INT(now)));
    return rc < 0 ? rc : rc == 0 ? ERR_NOTFOUND : 0;
}

int store_user_set_password(struct db *db, int64_t id, const char *hash, int64_t now)
{
    int rc = db_exec(db,
                     "UPDATE users SET password_hash = $2, updated_at = $3, "
                     "status = CASE WHEN status = 'unclaimed' THEN 'active' ELSE status END "
                     "WHERE id = $1",
                     PARAMS(P_INT(id), P_TEXT(hash), P_INT(now)));
    return rc < 0 ? rc : rc == 0 ? ERR_NOTFOUND : 0;
}

int store_user_set_admin(struct db *db, int64_t id, int is_admin, int64_t now)
{
    int rc = db_exec(db, "UPDATE users SET is_admin = $2, updated_at = $3 WHERE id = $1",
                     PARAMS(P_INT(id), P_INT(is_admin ? 1 : 0), P_INT(now)));
    return rc < 0 ? rc : rc == 0 ? ERR_NOTFOUND : 0;
}

int store_user_set_status(struct db *db, int64_t id, const char *status, int64_t now)
{
    int rc = db_exec(db, "UPDATE users SET status = $2, updated_at = $3 WHERE id = $1",
                     PARAMS(P_INT(id), P_TEXT(status), P_INT(now)));
    return rc < 0 ? rc : rc == 0 ? ERR_NOTFOUND : 0;
}

/* ------------------------------------------------------------------------------------
 * skills
 * ---------------------------------------------------------------------------------- */

int store_skills_get(struct db *db, struct arena *a, int64_t uid, const char ***tags, size_t *n)
{
    struct db_res *res;
    size_t cap = 8, len = 0;
    const char **v = ARENA_ARRAY(a, const char *, cap + 1);
    int rc;
    if (db_query(db, "SELECT tag FROM user_skills WHERE user_id = $1 ORDER BY tag",
                 PARAMS(P_INT(uid)), &res) < 0)
        return ERR_DB;
    while ((rc = db_step(res)) == 1) {
        if (len == cap) {
            const char **bigger = ARENA_ARRAY(a, const char *, cap * 2 + 1);
            memcpy(bigger, v, sizeof(*v) * len);
            v = bigger;
            cap *= 2;
        }
        v[len++] = col_str(res, a, 0);
    }
    db_done(res);
    if (rc < 0)
        return ERR_DB;
    *tags = v;
    *n = len;
    return 0;
}

int store_skills_replace(struct db *db, int64_t uid, const char *const *tags, size_t n)
{
    size_t i;
    if (db_exec(db, "DELETE FROM user_skills WHERE user_id = $1", PARAMS(P_INT(uid))) < 0)
        return ERR_DB;
    for (i = 0; i < n; i++) {
        int rc = db_exec(db, "INSERT INTO user_skills (user_id, tag) VALUES ($1, $2)",
                         PARAMS(P_INT(uid), P_TEXT(tags[i])));
        if (rc < 0) /* the caller removed duplicates; on PostgreSQL any error ends the txn */
            return rc;
    }
    return 0;
}

/* ------------------------------------------------------------------------------------
 * sessions
 * ---------------------------------------------------------------------------------- */

int store_session_insert(struct db *db, const char *hash, int64_t uid, int64_t now,
                         int64_t expires_at, const char *user_agent, const char *ip)
{
    return ok_or(db_exec(db,
                         "INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, "
                         "expires_at, user_agent, ip) VALUES ($1, $2, $3, $3, $4, $5, $6)",
                         PARAMS(P_TEXT(hash), P_INT(uid), P_INT(now), P_INT(expires_at),
                                P_TEXT(user_agent ? user_agent : ""), P_TEXT(ip ? ip : ""))));
}

static void read_auth_session(struct db_res *res, struct arena *a, void *outp)
{
    struct auth_row *o = outp;
    o->user_id = db_int(res, 0);
    o->name = col_str(res, a, 1);
    o->is_admin = db_int(res, 2) != 0;
    o->status = col_str(res, a, 3);
    o->last_seen_at = db_int(res, 4);
    o->expires_at = db_int(res, 5);
    o->theme = col_str(res, a, 6);
    o->id = 0;
}

int store_session_lookup(struct db *db, struct arena *a, const char *hash, struct auth_row *out)
{
    return one_row(
        db,
        "SELECT u.id, u.name, u.is_admin, u.status, s.last_seen_at, s.expires_at, u.theme "
        "FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1",
        PARAMS(P_TEXT(hash)), read_auth_session, a, out);
}

static void read_theme(struct db_res *res, struct arena *a, void *outp)
{
    *(const char **)outp = col_str(res, a, 0);
}

int store_user_theme_get(struct db *db, struct arena *a, int64_t uid, const char **theme)
{
    return one_row(db, "SELECT theme FROM users WHERE id = $1", PARAMS(P_INT(uid)), read_theme, a,
                   theme);
}

int store_user_theme_set(struct db *db, int64_t uid, const char *theme)
{
    return ok_or(db_exec(db, "UPDATE users SET theme = $2 WHERE id = $1",
                         PARAMS(P_INT(uid), P_TEXT(theme))));
}

int store_session_touch(struct db *db, const char *hash, int64_t now, int64_t expires_at)
{
    return ok_or(db_exec(db,
                         "UPDATE sessions SET last_seen_at = $2, expires_at = $3 "
                         "WHERE token_hash = $1",
                         PARAMS(P_TEXT(hash), P_INT(now), P_INT(expires_at))));
}

int store_session_delete(struct db *db, const char *hash)
{
    return ok_or(db_exec(db, "DELETE FROM sessions WHERE token_hash = $1", PARAMS(P_TEXT(hash))));
}

int store_session_delete_user(struct db *db, int64_t uid, const char *keep_hash)
{
    return ok_or(db_exec(db, "DELETE FROM sessions WHERE user_id = $1 AND token_hash <> $2",
                         PARAMS(P_INT(uid), P_TEXT(keep_hash ? keep_hash : ""))));
}

int store_session_purge(struct db *db, int64_t now)
{
    return ok_or(db_exec(db, "DELETE FROM sessions WHERE expires_at <= $1", PARAMS(P_INT(now))));
}

/* ------------------------------------------------------------------------------------
 * API tokens
 * ---------------------------------------------------------------------------------- */

int store_token_insert(struct db *db, int64_t uid, const char *name, const char *hash,
                       const char *prefix, int64_t now, int64_t *id)
{
    int rc = db_exec(db,
                     "INSERT INTO api_tokens (user_id, name, token_hash, prefix, created_at) "
                     "VALUES ($1, $2, $3, $4, $5)",
                     PARAMS(P_INT(uid), P_TEXT(name), P_TEXT(hash), P_TEXT(prefix), P_INT(now)));
    if (rc < 0)
        return rc;
    return db_get_int(db, "SELECT id FROM api_tokens WHERE token_hash = $1", PARAMS(P_TEXT(hash)),
                      id);
}

static void read_auth_token(struct db_res *res, struct arena *a, void *outp)
{
    struct auth_row *o = outp;
    o->user_id = db_int(res, 0);
    o->name = col_str(res, a, 1);
    o->is_admin = db_int(res, 2) != 0;
    o->status = col_str(res, a, 3);
    o->id = db_int(res, 4);
    o->last_seen_at = db_int(res, 5);
    o->expires_at = 0;
    o->theme = col_str(res, a, 6);
}

int store_token_lookup(struct db *db, struct arena *a, const char *hash, struct auth_row *out)
{
    return one_row(db,
                   "SELECT u.id, u.name, u.is_admin, u.status, t.id, t.last_used_at, u.theme "
                   "FROM api_tokens t JOIN users u ON u.id = t.user_id "
                   "WHERE t.token_hash = $1 AND t.revoked_at IS NULL",
                   PARAMS(P_TEXT(hash)), read_auth_token, a, out);
}

int store_token_touch(struct db *db, int64_t id, int64_t now)
{
    return ok_or(db_exec(db, "UPDATE api_tokens SET last_used_at = $2 WHERE id = $1",
                         PARAMS(P_INT(id), P_INT(now))));
}

int store_token_list(struct db *db, struct arena *a, int64_t uid, struct token_row **out, size_t *n)
{
    struct db_res *res;
    size_t cap = 8, len = 0;
    struct token_row *rows = ARENA_ARRAY(a, struct token_row, cap);
    int rc;
    if (db_query(db,
                 "SELECT id, name, prefix, created_at, last_used_at, revoked_at FROM api_tokens "
                 "WHERE user_id = $1 ORDER BY revoked_at IS NOT NULL, created_at DESC, id DESC "
                 "LIMIT 200",
                 PARAMS(P_INT(uid)), &res) < 0)
        return ERR_DB;
    while ((rc = db_step(res)) == 1) {
        struct token_row *t;
        if (len == cap) {
            struct token_row *bigger = ARENA_ARRAY(a, struct token_row, cap * 2);
            memcpy(bigger, rows, sizeof(*rows) * len);
            rows = bigger;
            cap *= 2;
        }
        t = &rows[len++];
        t->id = db_int(res, 0);
        t->name = col_str(res, a, 1);
        t->prefix = col_str(res, a, 2);
        t->created_at = db_int(res, 3);
        t->last_used_at = db_int(res, 4);
        t->revoked_at = db_int(res, 5);
    }
    db_done(res);
    if (rc < 0)
        return ERR_DB;
    *out = rows;
    *n = len;
    return 0;
}

int store_token_revoke(struct db *db, int64_t uid, int64_t id, int64_t now)
{
    int rc = db_exec(db,
                     "UPDATE api_tokens SET revoked_at = $3 "
                     "WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL",
                     PARAMS(P_INT(id), P_INT(uid), P_INT(now)));
    return rc < 0 ? rc : rc == 0 ? ERR_NOTFOUND : 0;
}

int store_token_revoke_all(struct db *db, int64_t uid, int64_t now)
{
    return db_exec(
        db, "UPDATE api_tokens SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL",
        PARAMS(P_INT(uid), P_INT(now)));
}

/* ------------------------------------------------------------------------------------
 * sign-in attempts
 * ---------------------------------------------------------------------------------- */

int store_attempt_add(struct db *db, const char *scope, const char *key, int64_t at)
{
    return ok_or(db_exec(db, "INSERT INTO login_attempts (scope, key, at) VALUES ($1, $2, $3)",
                         PARAMS(P_TEXT(scope), P_TEXT(key), P_INT(at))));
}

int store_attempt_count(struct db *db, const char *scope, const char *key, int64_t since,
                        int64_t *count, int64_t *oldest)
{
    struct db_res *res;
    int rc;
    *count = 0;
    *oldest = 0;
    if (db_query(db,
                 "SELECT COUNT(*), MIN(at) FROM login_attempts "
                 "WHERE scope = $1 AND key = $2 AND at >= $3",
                 PARAMS(P_TEXT(scope), P_TEXT(key), P_INT(since)), &res) < 0)
        return ERR_DB;
    rc = db_step(res);
    if (rc == 1) {
        *count = db_int(res, 0);
        *oldest = db_int(res, 1);
    }
    db_done(res);
    return rc < 0 ? ERR_DB : 0;
}

int store_attempt_clear(struct db *db, const char *scope, const char *key)
{
    return ok_or(db_exec(db, "DELETE FROM login_attempts WHERE scope = $1 AND key = $2",
                         PARAMS(P_TEXT(scope), P_TEXT(key))));
}

int store_attempt_purge(struct db *db, int64_t before)
{
    return ok_or(db_exec(db, "DELETE FROM login_attempts WHERE at < $1", PARAMS(P_INT(before))));
}

/* ------------------------------------------------------------------------------------
 * registration invites
 * ---------------------------------------------------------------------------------- */

int store_invite_insert(struct db *db, const char *hash, int64_t created_by, int64_t now,
                        int64_t expires_at, const char *note, int64_t *id)
{
    int rc = db_exec(db,
                     "INSERT INTO registration_invites (token_hash, created_by, created_at, "
                     "expires_at, note) VALUES ($1, $2, $3, $4, $5)",
                     PARAMS(P_TEXT(hash), created_by > 0 ? P_INT(created_by) : P_NULL, P_INT(now),
                            P_INT(expires_at), P_TEXT(note ? note : "")));
    if (rc < 0)
        return rc;
    return db_get_int(db, "SELECT id FROM registration_invites WHERE token_hash = $1",
                      PARAMS(P_TEXT(hash)), id);
}

#define INVITE_SELECT                                                                              \
    "SELECT i.id, i.created_by, c.name, i.created_at, i.expires_at, i.used_by, u.name, "           \
    "i.used_at, i.note FROM registration_invites i "                                               \
    "LEFT JOIN users c ON c.id = i.created_by LEFT JOIN users u ON u.id = i.used_by "

static void read_invite(struct db_res *res, struct arena *a, void *outp)
{
    struct invite_row *o = outp;
    o->id = db_int(res, 0);
    o->created_by = db_int(res, 1);
    o->created_by_name = col_str(res, a, 2);
    o->created_at = db_int(res, 3);
    o->expires_at = db_int(res, 4);
    o->used_by = db_int(res, 5);
    o->used_by_name = col_str(res, a, 6);
    o->used_at = db_int(res, 7);
    o->note = col_str(res, a, 8);
    if (!o->note)
        o->note = "";
}

int store_invite_by_hash(struct db *db, struct arena *a, const char *hash, struct invite_row *out)
{
    return one_row(db, INVITE_SELECT "WHERE i.token_hash = $1", PARAMS(P_TEXT(hash)), read_invite,
                   a, out);
}

int store_invite_use(struct db *db, int64_t id, int64_t uid, int64_t now)
{
    int rc = db_exec(db,
                     "UPDATE registration_invites SET used_by = $2, used_at = $3 "
                     "WHERE id = $1 AND used_at IS NULL AND expires_at > $3",
                     PARAMS(P_INT(id), P_INT(uid), P_INT(now)));
    return rc < 0 ? rc : rc == 0 ? ERR_NOTFOUND : 0;
}

int store_invite_list(struct db *db, struct arena *a, int64_t limit, struct invite_row **out,
                      size_t *n)
{
    struct db_res *res;
    size_t cap = 8, len = 0;
    struct invite_row *rows = ARENA_ARRAY(a, struct invite_row, cap);
    int rc;
    if (db_query(db, INVITE_SELECT "ORDER BY i.created_at DESC, i.id DESC LIMIT $1",
                 PARAMS(P_INT(limit)), &res) < 0)
        return ERR_DB;
    while ((rc = db_step(res)) == 1) {
        if (len == cap) {
            struct invite_row *bigger = ARENA_ARRAY(a, struct invite_row, cap * 2);
            memcpy(bigger, rows, sizeof(*rows) * len);
            rows = bigger;
            cap *= 2;
        }
        read_invite(res, a, &rows[len++]);
    }
    db_done(res);
    if (rc < 0)
        return ERR_DB;
    *out = rows;
    *n = len;
    return 0;
}
