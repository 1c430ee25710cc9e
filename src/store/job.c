/* The jobs and email-token SQL catalogue (see job.h): literal statements with bound $N
 * parameters. Claiming differs by engine: PostgreSQL locks the chosen row with FOR UPDATE
 * SKIP LOCKED so concurrent workers pass over each other's rows; SQLite has one writer at a
 * time, so BEGIN IMMEDIATE around the same UPDATE ... RETURNING is enough. */
#include <stdlib.h>
#include <string.h>

#include "store/job.h"
#include "core/util.h"

#define JOB_COLS                                                                                   \
    "id, kind, payload, run_at, attempts, max_attempts, state, last_error, idempotency_key, "      \
    "created_at, updated_at"

static void read_job(struct db_res *res, struct arena *a, struct job_row *j)
{
    j->id = db_int(res, 0);
    j->kind = arena_strdup(a, db_text(res, 1));
    j->payload = arena_strdup(a, db_text(res, 2));
    j->run_at = db_int(res, 3);
    j->attempts = db_int(res, 4);
    j->max_attempts = db_int(res, 5);
    j->state = arena_strdup(a, db_text(res, 6));
    j->last_error = arena_strdup(a, db_text(res, 7) ? db_text(res, 7) : "");
    j->idempotency_key = arena_strdup(a, db_text(res, 8));
    j->created_at = db_int(res, 9);
    j->updated_at = db_int(res, 10);
}

static int ok_or(int rc)
{
    return rc < 0 ? rc : 0;
}

int store_job_enqueue(struct db *db, const char *kind, const char *payload, int64_t run_at,
                      int64_t max_attempts, const char *key, int64_t now, int64_t *id)
{
    int64_t got = 0;
    int rc = db_get_int(db,
                        "INSERT INTO jobs (kind, payload, run_at, max_attempts, idempotency_key, "
                        "created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $6) "
                        "ON CONFLICT (idempotency_key) DO NOTHING RETURNING id",
                        PARAMS(P_TEXT(kind), P_TEXT(payload), P_INT(run_at), P_INT(max_attempts),
                               P_TEXT(key), P_INT(now)),
                        &got);
    if (rc == ERR_NOTFOUND)
        rc = 0; /* the key was queued before: nothing new */
    if (id)
        *id = rc == 0 ? got : 0;
    return rc;
}

static const char claim_sqlite[] =
    "UPDATE jobs SET state = 'running', attempts = attempts + 1, locked_by = $1, "
    "locked_until = $2, updated_at = $3 WHERE id = (SELECT id FROM jobs WHERE state = 'queued' "
    "AND run_at <= $3 AND (kind <> 'mail' OR $4 = 1) ORDER BY run_at, id LIMIT 1) "
    "RETURNING " JOB_COLS;
static const char claim_pg[] =
    "UPDATE jobs SET state = 'running', attempts = attempts + 1, locked_by = $1, "
    "locked_until = $2, updated_at = $3 WHERE id = (SELECT id FROM jobs WHERE state = 'queued' "
    "AND run_at <= $3 AND (kind <> 'mail' OR $4 = 1) ORDER BY run_at, id LIMIT 1 "
    "FOR UPDATE SKIP LOCKED) RETURNING " JOB_COLS;

int store_job_claim(struct db *db, struct arena *a, const char *by, int64_t now,
                    int64_t lease_until, int with_mail, struct job_row *out)
{
    struct db_res *res;
    int64_t due = 0;
    int rc, step;
    /* A plain read first: an idle queue takes no write lock (SQLite has one writer) */
    rc = db_get_int(db,
                    "SELECT count(*) FROM (SELECT 1 FROM jobs WHERE state = 'queued' "
                    "AND run_at <= $1 AND (kind <> 'mail' OR $2 = 1) LIMIT 1) d",
                    PARAMS(P_INT(now), P_INT(with_mail ? 1 : 0)), &due);
    if (rc < 0)
        return ERR_DB;
    if (!due)
        return ERR_NOTFOUND;
    if (db_begin_write(db) < 0)
        return ERR_DB;
    rc = db_query(db, db_kind(db) == DB_PG ? claim_pg : claim_sqlite,
                  PARAMS(P_TEXT(by), P_INT(lease_until), P_INT(now), P_INT(with_mail ? 1 : 0)),
                  &res);
    if (rc < 0) {
        db_rollback(db);
        return ERR_DB;
    }
    step = db_step(res);
    if (step == 1)
        read_job(res, a, out);
    db_done(res);
    if (step < 0) {
        db_rollback(db);
        return ERR_DB;
    }
    if (db_commit(db) < 0) {
        db_rollback(db);
        return ERR_DB;
    }
    return step == 1 ? 0 : ERR_NOTFOUND;
}

int store_job_finish(struct db *db, int64_t id, int64_t now)
{
    return ok_or(db_exec(db,
                         "UPDATE jobs SET state = 'done', locked_by = NULL, "
                         "locked_until = NULL, last_error = '', updated_at = $2 "
                         "WHERE id = $1",
                         PARAMS(P_INT(id), P_INT(now))));
}

int store_job_fail(struct db *db, int64_t id, int dead, int64_t run_at, const char *error,
                   int64_t now)
{
    return ok_or(db_exec(db,
                         "UPDATE jobs SET state = $2, run_at = $3, last_error = $4, "
                         "locked_by = NULL, locked_until = NULL, updated_at = $5 "
                         "WHERE id = $1",
                         PARAMS(P_INT(id), P_TEXT(dead ? "dead" : "queued"), P_INT(run_at),
                                P_TEXT(error ? error : ""), P_INT(now))));
}

int store_job_reclaim(struct db *db, int64_t now, int64_t *n)
{
    int64_t expired = 0;
    int rc = db_get_int(db,
                        "SELECT count(*) FROM jobs WHERE state = 'running' "
                        "AND locked_until < $1",
                        PARAMS(P_INT(now)), &expired);
    if (n)
        *n = 0;
    if (rc < 0 || !expired)
        return rc < 0 ? rc : 0;
    rc = db_exec(db,
                 "UPDATE jobs SET state = CASE WHEN attempts >= max_attempts "
                 "THEN 'dead' ELSE 'queued' END, run_at = $1, "
                 "last_error = 'the worker stopped while running this job', "
                 "locked_by = NULL, locked_until = NULL, updated_at = $1 "
                 "WHERE state = 'running' AND locked_until < $1",
                 PARAMS(P_INT(now)));
    if (rc < 0)
        return rc;
    if (n)
        *n = rc;
    return 0;
}

int store_job_retry(struct db *db, int64_t id, int64_t now)
{
    int rc = db_exec(db,
                     "UPDATE jobs SET state = 'queued', attempts = 0, run_at = $2, "
                     "updated_at = $2 WHERE id = $1 AND state IN ('dead', 'queued')",
                     PARAMS(P_INT(id), P_INT(now)));
    if (rc < 0)
        return rc;
    return rc == 0 ? ERR_NOTFOUND : 0;
}

int store_job_counts(struct db *db, int64_t *queued, int64_t *running, int64_t *done, int64_t *dead,
                     int64_t *failing)
{
    struct db_res *res;
    int rc = db_query(db,
                      "SELECT state, count(*), "
                      "sum(CASE WHEN last_error <> '' THEN 1 ELSE 0 END) "
                      "FROM jobs GROUP BY state",
                      NOPARAMS, &res);
    if (rc < 0)
        return ERR_DB;
    *queued = *running = *done = *dead = *failing = 0;
    while ((rc = db_step(res)) == 1) {
        const char *s = db_text(res, 0);
        int64_t k = db_int(res, 1);
        if (!strcmp(s, "queued")) {
            *queued = k;
            *failing = db_int(res, 2);
        } else if (!strcmp(s, "running"))
            *running = k;
        else if (!strcmp(s, "done"))
            *done = k;
        else if (!strcmp(s, "dead"))
            *dead = k;
    }
    db_done(res);
    return rc < 0 ? ERR_DB : 0;
}

int store_job_list_problems(struct db *db, struct arena *a, int64_t limit, struct job_row **out,
                            size_t *n)
{
    struct db_res *res;
    size_t cap = 16;
    int rc = db_query(db,
                      "SELECT " JOB_COLS " FROM jobs WHERE state = 'dead' OR "
                      "(state = 'queued' AND last_error <> '') "
                      "ORDER BY updated_at DESC, id DESC LIMIT $1",
                      PARAMS(P_INT(limit)), &res);
    if (rc < 0)
        return ERR_DB;
    *n = 0;
    *out = arena_alloc(a, cap * sizeof(**out));
    while ((rc = db_step(res)) == 1) {
        if (*n == cap) {
            struct job_row *bigger = arena_alloc(a, 2 * cap * sizeof(**out));
            memcpy(bigger, *out, cap * sizeof(**out));
            *out = bigger;
            cap *= 2;
        }
        read_job(res, a, &(*out)[(*n)++]);
    }
    db_done(res);
    return rc < 0 ? ERR_DB : 0;
}

int store_job_by_key(struct db *db, struct arena *a, const char *key, struct job_row *out)
{
    struct db_res *res;
    int rc = db_query(db, "SELECT " JOB_COLS " FROM jobs WHERE idempotency_key = $1",
                      PARAMS(P_TEXT(key)), &res);
    if (rc < 0)
        return ERR_DB;
    rc = db_step(res);
    if (rc == 1)
        read_job(res, a, out);
    db_done(res);
    return rc < 0 ? ERR_DB : rc == 1 ? 0 : ERR_NOTFOUND;
}

/* ------------------------------------------------------------------------------------
 * email addresses
 * ---------------------------------------------------------------------------------- */

int store_user_email_get(struct db *db, struct arena *a, int64_t uid, struct user_email *out)
{
    struct db_res *res;
    int rc = db_query(db, "SELECT email, email_verified_at FROM users WHERE id = $1",
                      PARAMS(P_INT(uid)), &res);
    if (rc < 0)
        return ERR_DB;
    rc = db_step(res);
    if (rc == 1) {
        out->email = arena_strdup(a, db_text(res, 0));
        out->verified_at = db_int(res, 1);
    }
    db_done(res);
    return rc < 0 ? ERR_DB : rc == 1 ? 0 : ERR_NOTFOUND;
}

int store_user_email_set(struct db *db, int64_t uid, const char *email, const char *email_key,
                         int64_t now)
{
    int rc = db_exec(db,
                     "UPDATE users SET email = $2, email_key = $3, email_verified_at = NULL, "
                     "updated_at = $4 WHERE id = $1",
                     PARAMS(P_INT(uid), P_TEXT(email), P_TEXT(email_key), P_INT(now)));
    if (rc < 0)
        return rc;
    return rc == 0 ? ERR_NOTFOUND : 0;
}

int store_user_email_verify(struct db *db, int64_t uid, const char *email_key, int64_t now)
{
    int rc = db_exec(db,
                     "UPDATE users SET email_verified_at = $3 WHERE id = $1 "
                     "AND email_key = $2",
                     PARAMS(P_INT(uid), P_TEXT(email_key), P_INT(now)));
    if (rc < 0)
        return rc;
    return rc == 0 ? ERR_NOTFOUND : 0;
}

int store_user_by_email(struct db *db, const char *email_key, int64_t *uid, int64_t *verified)
{
    struct db_res *res;
    int rc = db_query(db, "SELECT id, email_verified_at FROM users WHERE email_key = $1",
                      PARAMS(P_TEXT(email_key)), &res);
    if (rc < 0)
        return ERR_DB;
    rc = db_step(res);
    if (rc == 1) {
        *uid = db_int(res, 0);
        *verified = db_int(res, 1);
    }
    db_done(res);
    return rc < 0 ? ERR_DB : rc == 1 ? 0 : ERR_NOTFOUND;
}

/* ------------------------------------------------------------------------------------
 * email tokens and the reset rate table
 * ---------------------------------------------------------------------------------- */

int store_email_token_insert(struct db *db, const char *hash, int64_t uid, const char *purpose,
                             const char *email, int64_t now, int64_t expires_at)
{
    return ok_or(db_exec(db,
                         "INSERT INTO email_tokens (token_hash, user_id, purpose, email, "
                         "created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6)",
                         PARAMS(P_TEXT(hash), P_INT(uid), P_TEXT(purpose), P_TEXT(email),
                                P_INT(now), P_INT(expires_at))));
}

int store_email_token_get(struct db *db, struct arena *a, const char *hash,
                          struct email_token_row *out)
{
    struct db_res *res;
    int rc = db_query(db,
                      "SELECT user_id, purpose, email, created_at, expires_at, used_at "
                      "FROM email_tokens WHERE token_hash = $1",
                      PARAMS(P_TEXT(hash)), &res);
    if (rc < 0)
        return ERR_DB;
    rc = db_step(res);
    if (rc == 1) {
        out->user_id = db_int(res, 0);
        out->purpose = arena_strdup(a, db_text(res, 1));
        out->email = arena_strdup(a, db_text(res, 2));
        out->created_at = db_int(res, 3);
        out->expires_at = db_int(res, 4);
        out->used_at = db_int(res, 5);
    }
    db_done(res);
    return rc < 0 ? ERR_DB : rc == 1 ? 0 : ERR_NOTFOUND;
}

int store_email_token_use(struct db *db, const char *hash, int64_t now)
{
    int rc = db_exec(db,
                     "UPDATE email_tokens SET used_at = $2 WHERE token_hash = $1 "
                     "AND used_at IS NULL AND expires_at > $2",
                     PARAMS(P_TEXT(hash), P_INT(now)));
    if (rc < 0)
        return rc;
    return rc == 0 ? ERR_NOTFOUND : 0;
}

int store_email_token_count(struct db *db, int64_t uid, const char *purpose, int64_t since,
                            int64_t *n)
{
    return ok_or(db_get_int(db,
                            "SELECT count(*) FROM email_tokens WHERE user_id = $1 "
                            "AND purpose = $2 AND created_at >= $3",
                            PARAMS(P_INT(uid), P_TEXT(purpose), P_INT(since)), n));
}

int store_email_token_spend_all(struct db *db, int64_t uid, const char *purpose, int64_t now)
{
    return ok_or(db_exec(db,
                         "UPDATE email_tokens SET used_at = $3 WHERE user_id = $1 "
                         "AND purpose = $2 AND used_at IS NULL",
                         PARAMS(P_INT(uid), P_TEXT(purpose), P_INT(now))));
}

int store_mail_rate_add(struct db *db, const char *scope, const char *key, int64_t at)
{
    return ok_or(db_exec(db, "INSERT INTO mail_rate (scope, key, at) VALUES ($1, $2, $3)",
                         PARAMS(P_TEXT(scope), P_TEXT(key), P_INT(at))));
}

int store_mail_rate_count(struct db *db, const char *scope, const char *key, int64_t since,
                          int64_t *n)
{
    return ok_or(db_get_int(db,
                            "SELECT count(*) FROM mail_rate WHERE scope = $1 AND key = $2 "
                            "AND at >= $3",
                            PARAMS(P_TEXT(scope), P_TEXT(key), P_INT(since)), n));
}
