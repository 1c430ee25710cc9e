/* The SQL catalogue for durable jobs (table jobs, migration 0013) and for the mail side of
 * accounts: email addresses on users, single-use email tokens (verification, password
 * reset) and the mail_rate table. Literal SQL with bound parameters; where the dialects
 * differ (claiming: FOR UPDATE SKIP LOCKED on PostgreSQL) two literals are chosen with
 * db_kind(). Returns follow store/account.h: 0, ERR_NOTFOUND, ERR_CONFLICT or ERR_DB.
 * The states and the claiming protocol are described in docs/internals/jobs.md. */
#ifndef PRAXIS_STORE_JOB_H
#define PRAXIS_STORE_JOB_H
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "store/db.h"

#define JOB_MAX_ATTEMPTS 8 /* tries before a job is dead, for jobs queued by domain */

/* One row of jobs. */
struct job_row {
    int64_t id;                  /* jobs.id */
    const char *kind;            /* "mail", ... */
    const char *payload;         /* JSON text */
    int64_t run_at;              /* not before, UTC seconds */
    int64_t attempts;            /* claims so far (this one included when just claimed) */
    int64_t max_attempts;        /* dead after this many failures */
    const char *state;           /* queued | running | done | dead */
    const char *last_error;      /* "" when none */
    const char *idempotency_key; /* unique; mail: the Message-ID */
    int64_t created_at, updated_at;
};

/* Queue a job. Call inside the caller's open write transaction so the job commits (or rolls
   back) with the change that causes it. A job whose idempotency_key exists already is not
   queued again: *id receives 0 then (and 0 is returned). */
int store_job_enqueue(struct db *db, const char *kind, const char *payload, int64_t run_at,
                      int64_t max_attempts, const char *key, int64_t now, int64_t *id);
/* Claim the next due queued job (run_at <= now, oldest first) for worker `by` until
   lease_until: state running, attempts + 1. with_mail = 0 leaves kind 'mail' alone (mail is
   off). Runs its own transaction (BEGIN IMMEDIATE on SQLite; FOR UPDATE SKIP LOCKED on
   PostgreSQL so several workers never claim one job). ERR_NOTFOUND when nothing is due. */
int store_job_claim(struct db *db, struct arena *a, const char *by, int64_t now,
                    int64_t lease_until, int with_mail, struct job_row *out);
/* The job succeeded: state done, lock cleared. */
int store_job_finish(struct db *db, int64_t id, int64_t now);
/* The job failed: back to queued at run_at with error (or dead when dead != 0). */
int store_job_fail(struct db *db, int64_t id, int dead, int64_t run_at, const char *error,
                   int64_t now);
/* Running jobs whose lease ended before now (their worker died): queued again, or dead when
   out of attempts. *n receives how many were reclaimed. */
int store_job_reclaim(struct db *db, int64_t now, int64_t *n);
/* An admin's retry: a dead or queued job becomes queued, due now, with attempts reset.
   ERR_NOTFOUND when no such job is dead or queued. */
int store_job_retry(struct db *db, int64_t id, int64_t now);
/* How many jobs are in each state (queued, running, done, dead) and how many queued ones
   have failed at least once. */
int store_job_counts(struct db *db, int64_t *queued, int64_t *running, int64_t *done, int64_t *dead,
                     int64_t *failing);
/* Up to limit jobs that are dead or queued after a failure, newest first (arena array). */
int store_job_list_problems(struct db *db, struct arena *a, int64_t limit, struct job_row **out,
                            size_t *n);
int store_job_by_key(struct db *db, struct arena *a, const char *key, struct job_row *out);

/* --- email addresses on users --- */
struct user_email {
    const char *email;   /* as typed, or NULL */
    int64_t verified_at; /* 0 = not verified */
};
int store_user_email_get(struct db *db, struct arena *a, int64_t uid, struct user_email *out);
/* Set (or clear, email NULL) the address; verified_at is cleared. ERR_CONFLICT when another
   account has email_key. */
int store_user_email_set(struct db *db, int64_t uid, const char *email, const char *email_key,
                         int64_t now);
/* Mark verified if the address is still email_key. ERR_NOTFOUND otherwise. */
int store_user_email_verify(struct db *db, int64_t uid, const char *email_key, int64_t now);
/* The user id whose address is email_key (verified or not), with verified_at. */
int store_user_by_email(struct db *db, const char *email_key, int64_t *uid, int64_t *verified);

/* --- email tokens --- */
struct email_token_row {
    int64_t user_id;     /* owner */
    const char *purpose; /* "verify" | "reset" */
    const char *email;   /* address the link went to */
    int64_t created_at, expires_at;
    int64_t used_at; /* 0 = unused */
};
int store_email_token_insert(struct db *db, const char *hash, int64_t uid, const char *purpose,
                             const char *email, int64_t now, int64_t expires_at);
int store_email_token_get(struct db *db, struct arena *a, const char *hash,
                          struct email_token_row *out);
/* Mark used if unused and unexpired at now; ERR_NOTFOUND when it was not (single use). */
int store_email_token_use(struct db *db, const char *hash, int64_t now);
/* Tokens of purpose made for uid at or after since. */
int store_email_token_count(struct db *db, int64_t uid, const char *purpose, int64_t since,
                            int64_t *n);
/* Spend every unused token of purpose for uid (a new address, a new password). */
int store_email_token_spend_all(struct db *db, int64_t uid, const char *purpose, int64_t now);

/* --- mail_rate --- */
int store_mail_rate_add(struct db *db, const char *scope, const char *key, int64_t at);
int store_mail_rate_count(struct db *db, const char *scope, const char *key, int64_t since,
                          int64_t *n);

#endif
