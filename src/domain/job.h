/* Durable jobs: the runner that claims due jobs from the jobs table and runs them, in a
 * thread of `praxis serve` or in `praxis worker`. Each runner has its own connection. Kinds:
 *   "mail"  payload {"to","subject","text","html","message_id","date","headers"?}: sent over SMTP
 *           (domain/smtp.c) with the From of the moment; idempotency key = the Message-ID.
 *   "notify_mail"   payload {"uid"}: that member's notification email (domain/notify_mail.c);
 *                   key "notify:UID:BUCKET".
 *   "notify_fanout" payload {"community","thread","post","actor","now","opening"}: the
 *                   watchers of a new post are told (notify_fanout_run); key "fanout:PID".
 *   "event_soon"    payload {"event","key"}: members going to that date are told it starts
 *                   within 24 hours (notify_event_soon_run); key "event_soon:EID:KEY:START".
 *   "digest_sweep", "digest"  see domain/digest.h; each runner queues the hourly sweep
 *           (key "digest_sweep:HOURSTART") when it starts and when the hour turns.
 *   "trust_sweep"   the daily trust-level recomputation (domain/trust.h).
 *   "coaching_publish" payload {"thread"}: a question in coaching publishes itself when its
 *                   community's coaching hours are over (domain/coaching.h); key
 *                   "coaching_publish:TID" (or "...:TID:DUE" when it had to wait longer).
 *   "health_sweep", "health_mail"  the monthly health summary to coordinators (see
 *           domain/report_mail.h); each runner queues the month's sweep (key
 *           "health_sweep:YYYYMM") when it starts and when the month turns.
 *   "webhook"       payload {"delivery"}: one signed HTTPS request (domain/webhook.c), which
 *                   chooses its own next try (webhook_retry_base, for 24 hours); key
 *                   "webhook:DELIVERY".
 * A failed job is queued again after job_backoff(attempts) seconds and is dead after
 * max_attempts tries; a job whose runner died (kill -9) is reclaimed when its lease ends.
 * See docs/internals/jobs.md. */
#ifndef PRAXIS_DOMAIN_JOB_H
#define PRAXIS_DOMAIN_JOB_H
#include <stdatomic.h>
#include <stdint.h>

#include "domain/domain.h"
#include "store/job.h" /* JOB_MAX_ATTEMPTS */

#define JOB_RETRY_BASE 30         /* seconds: first retry after a failure */
#define JOB_RETRY_CAP  (6 * 3600) /* seconds: no wait is longer */
#define JOB_LEASE      300        /* seconds a claim lasts before it can be reclaimed */
#define JOB_BATCH      50         /* jobs run per wake-up (one SMTP connection) */

/* Seconds to wait before the next try after `attempts` failed tries (attempts >= 1):
   base * 2^(attempts-1), at most cap; base 30 gives 30, 60, 120, ... Never negative, never
   overflows. */
int64_t job_backoff(int64_t attempts, int64_t base, int64_t cap);

struct job_runner_config {
    const char *db_url;            /* own connection */
    const char *smtp_url;          /* --smtp; NULL or "" = the smtp_url setting (read per run) */
    const char *name;              /* locked_by, e.g. "host:pid:serve" */
    int64_t retry_base;            /* seconds, 0 = JOB_RETRY_BASE */
    int poll_ms;                   /* sleep between looks when idle, 0 = 500 */
    const atomic_int *stop;        /* set = finish the job in hand and return (NULL: never) */
    const char *base_url_flag;     /* serve --base-url for links in notification mail, or NULL */
    const char *base_url_fallback; /* when neither flag nor setting: http://<--listen> */
};

/* Run the jobs due now with ctx c (c->db, arena): reclaim expired leases, then claim and run
   up to JOB_BATCH jobs. *ran receives how many ran. Returns 0 or ERR_DB. */
int job_run_due(struct ctx *c, const struct job_runner_config *cfg, int *ran);

struct job_runner;
/* Start a runner thread (its own connection). The config's strings must outlive it.
   Returns 0 or ERR_INTERNAL with e filled. */
int job_runner_start(const struct job_runner_config *cfg, struct job_runner **out,
                     struct errinfo *e);
/* Ask the thread to stop, wait for the job in hand to finish, join and free. NULL ok. */
void job_runner_stop(struct job_runner *r);

#endif
