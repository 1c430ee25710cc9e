/* The job runner (see job.h): claims due jobs one at a time, runs them by kind, and records
 * the outcome. Mail jobs are sent over one SMTP session per wake-up. A runner thread sleeps
 * on a condition variable between looks so job_runner_stop wakes it at once; the job in hand
 * always finishes first (a send is bounded by the SMTP time limits). */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "core/buf.h"
#include "core/log.h"
#include "core/mime.h"
#include "core/timeutil.h"
#include "domain/coaching.h"
#include "domain/job.h"
#include "domain/trust.h"
#include "domain/digest.h"
#include "domain/report_mail.h"
#include "domain/mail.h"
#include "domain/notification.h"
#include "domain/notify_mail.h"
#include "domain/smtp.h"
#include "domain/webhook_deliver.h"
#include "store/job.h"
#include "core/util.h"

int64_t job_backoff(int64_t attempts, int64_t base, int64_t cap)
{
    int64_t d = base > 0 ? base : JOB_RETRY_BASE;
    int64_t i;
    if (cap <= 0)
        cap = JOB_RETRY_CAP;
    for (i = 1; i < attempts && d < cap; i++)
        d *= 2;
    return d < cap ? d : cap;
}

/* Send one mail job's message. Returns 0, or -1 with err filled. */
static int run_mail(struct ctx *c, struct smtp **sess, const char *url, const struct job_row *j,
                    char *err, size_t errsize)
{
    json_error_t je;
    json_t *o = json_loads(j->payload, 0, &je);
    struct mime_msg m;
    struct buf msg = BUF_INIT;
    char from[256];
    json_int_t date = 0;
    int rc;
    memset(&m, 0, sizeof(m));
    if (!o || json_unpack(o, "{s:s, s:s, s:s, s?:s, s:s, s?:I}", "to", &m.to, "subject", &m.subject,
                          "text", &m.text, "html", &m.html, "message_id", &m.message_id, "date",
                          &date) < 0) {
        snprintf(err, errsize, "the payload is not a mail job: %s", o ? "missing fields" : je.text);
        json_decref(o);
        return -2; /* never retried: it will not get better */
    }
    {
        json_t *h = json_object_get(o, "headers");
        if (json_is_object(h))
            json_unpack(h, "{s?:s, s?:s, s?:s, s?:s, s?:s, s?:s}", "reply_to", &m.reply_to,
                        "in_reply_to", &m.in_reply_to, "references", &m.references, "list_id",
                        &m.list_id, "list_unsubscribe", &m.list_unsubscribe,
                        "list_unsubscribe_post", &m.list_unsubscribe_post);
    }
    m.from = mail_from(c);
    m.date = date ? date : c->now;
    if (mime_addr_spec(m.from, from, sizeof(from)) < 0 || mime_build(&msg, &m) < 0) {
        snprintf(err, errsize, "the message cannot be built (check mail_from)");
        buf_release(&msg);
        json_decref(o);
        return -1;
    }
    if (!*sess)
        *sess = smtp_open(url);
    rc = *sess ? smtp_send(*sess, from, m.to, msg.data, msg.len, err, errsize) : -1;
    if (rc == 0)
        log_info("msg=\"mail sent\" message_id=\"%s\" job=%lld", m.message_id, (long long)j->id);
    buf_release(&msg);
    json_decref(o);
    return rc;
}

/* Run a notify_mail, notify_fanout or event_soon job. Returns 0, -1 (retry) or -2 (never retried).
 */
static int run_notify(struct ctx *c, const struct job_runner_config *cfg, const struct job_row *j,
                      char *err, size_t errsize)
{
    json_error_t je;
    json_t *o = json_loads(j->payload, 0, &je);
    json_int_t uid = 0, cid = 0, tid = 0, pid = 0, actor = 0, at = 0;
    int opening = 0, rc;
    if (!o) {
        snprintf(err, errsize, "the payload is not JSON: %s", je.text);
        return -2;
    }
    if (!strcmp(j->kind, "notify_mail")) {
        if (json_unpack(o, "{s:I}", "uid", &uid) < 0) {
            json_decref(o);
            snprintf(err, errsize, "the payload has no uid");
            return -2;
        }
        rc = notify_mail_run(
            c, uid,
            mail_base_url(c, cfg->base_url_flag,
                          cfg->base_url_fallback ? cfg->base_url_fallback : "http://localhost"));
    } else if (!strcmp(j->kind, "event_soon")) {
        if (json_unpack(o, "{s:I, s:I}", "event", &cid, "key", &tid) < 0) {
            json_decref(o);
            snprintf(err, errsize, "the payload is not an event_soon job");
            return -2;
        }
        rc = notify_event_soon_run(c, cid, tid);
    } else {
        if (json_unpack(o, "{s:I, s:I, s:I, s:I, s:I, s:i}", "community", &cid, "thread", &tid,
                        "post", &pid, "actor", &actor, "now", &at, "opening", &opening) < 0) {
            json_decref(o);
            snprintf(err, errsize, "the payload is not a fan-out job");
            return -2;
        }
        rc = notify_fanout_run(c, cid, tid, pid, actor, at, opening);
    }
    json_decref(o);
    if (rc < 0) {
        snprintf(err, errsize, "%s", c->err->msg[0] ? c->err->msg : "failed");
        return -1;
    }
    return 0;
}

int job_run_due(struct ctx *c, const struct job_runner_config *cfg, int *ran)
{
    const char *u = mail_smtp_url(c, cfg->smtp_url);
    char *url = u ? x_strdup(u) : NULL; /* outlives the arena resets below */
    struct smtp *sess = NULL;
    struct webhook_client *hooks = NULL; /* one HTTPS handle for the batch (webhook.c) */
    int64_t reclaimed = 0;
    int rc = 0, i;
    *ran = 0;
    c->now = time_now();
    if (store_job_reclaim(c->db, c->now, &reclaimed) < 0) {
        log_error("msg=\"job reclaim failed\" error=\"%s\"", db_last_error(c->db));
        free(url);
        return ERR_DB;
    }
    if (reclaimed)
        log_info("msg=\"jobs reclaimed\" count=%lld", (long long)reclaimed);
    for (i = 0; i < JOB_BATCH && !(cfg->stop && atomic_load(cfg->stop)); i++) {
        struct job_row j;
        char err[512] = "";
        int64_t next_at = 0; /* a kind's own time for the next try (webhooks), 0 = backoff */
        int out;
        c->now = time_now();
        rc = store_job_claim(c->db, c->arena, cfg->name, c->now, c->now + JOB_LEASE, url != NULL,
                             &j);
        if (rc == ERR_NOTFOUND) {
            rc = 0;
            break;
        }
        if (rc < 0) {
            log_error("msg=\"job claim failed\" error=\"%s\"", db_last_error(c->db));
            break;
        }
        if (!strcmp(j.kind, "mail")) {
            out = run_mail(c, &sess, url, &j, err, sizeof(err));
        } else if (!strcmp(j.kind, "digest") || !strcmp(j.kind, "digest_sweep")) {
            out = digest_job(c, j.kind, j.payload, cfg->base_url_flag,
                             cfg->base_url_fallback ? cfg->base_url_fallback : "http://localhost",
                             err, sizeof(err));
        } else if (!strcmp(j.kind, "health_mail") || !strcmp(j.kind, "health_sweep")) {
            out = report_mail_job(c, j.kind, j.payload, cfg->base_url_flag,
                                  cfg->base_url_fallback ? cfg->base_url_fallback
                                                         : "http://localhost",
                                  err, sizeof(err));
        } else if (!strcmp(j.kind, "notify_mail") || !strcmp(j.kind, "notify_fanout")) {
            out = run_notify(c, cfg, &j, err, sizeof(err));
        } else if (!strcmp(j.kind, "event_soon")) {
            out = run_notify(c, cfg, &j, err, sizeof(err));
        } else if (!strcmp(j.kind, "trust_sweep")) {
            out = trust_job(c, err, sizeof(err)); /* daily trust levels (domain/trust.h) */
        } else if (!strcmp(j.kind, "coaching_publish")) {
            out = coaching_job(c, j.payload, err, sizeof(err)); /* domain/coaching.h */
        } else if (!strcmp(j.kind, "webhook")) {
            out = webhook_job_run(c, &hooks, j.payload, &next_at, err, sizeof(err));
        } else {
            snprintf(err, sizeof(err), "unknown job kind '%s'", j.kind);
            out = -2;
        }
        c->now = time_now();
        if (out == 0) {
            rc = store_job_finish(c->db, j.id, c->now);
        } else {
            int dead = out == -2 || j.attempts >= j.max_attempts;
            int64_t wait = next_at > c->now
                               ? next_at - c->now
                               : job_backoff(j.attempts, cfg->retry_base, JOB_RETRY_CAP);
            log_warn("msg=\"job failed\" job=%lld kind=%s attempt=%lld dead=%d retry_in=%lld "
                     "error=\"%s\"",
                     (long long)j.id, j.kind, (long long)j.attempts, dead, (long long)wait, err);
            rc = store_job_fail(c->db, j.id, dead, c->now + wait, err, c->now);
            if (sess) { /* a failed session may be half-open: start afresh next time */
                smtp_close(sess);
                sess = NULL;
            }
        }
        if (rc < 0) {
            log_error("msg=\"job update failed\" job=%lld error=\"%s\"", (long long)j.id,
                      db_last_error(c->db));
            break;
        }
        (*ran)++;
        arena_reset(c->arena);
    }
    smtp_close(sess);
    webhook_client_free(hooks);
    free(url);
    return rc;
}

struct job_runner {
    struct job_runner_config cfg; /* as given (strings owned by the caller) */
    pthread_t thread;
    pthread_mutex_t mu;
    pthread_cond_t cond;
    atomic_int stop; /* set by job_runner_stop */
    struct db *db;   /* the runner's own connection */
};

static void *runner_main(void *arg)
{
    struct job_runner *r = arg;
    struct arena a;
    struct errinfo e = {0};
    struct ctx c;
    int poll = r->cfg.poll_ms > 0 ? r->cfg.poll_ms : 500;
    int64_t swept_hour = -1;   /* hour whose digest sweep this runner has queued */
    int64_t trust_day = -1;    /* day whose trust sweep this runner has queued */
    int64_t health_month = -1; /* month whose health summary sweep this runner has queued */
    arena_init(&a);
    memset(&c, 0, sizeof(c));
    c.db = r->db;
    c.arena = &a;
    c.err = &e;
    c.system = 1;
    c.remote_addr = "jobs";
    while (!atomic_load(&r->stop)) {
        int ran = 0;
        struct timespec until;
        c.now = time_now();
        if (c.now - c.now % 3600 != swept_hour && digest_schedule(&c) == 0)
            swept_hour = c.now - c.now % 3600; /* the hourly sweep is queued (once per hour) */
        if (c.now - c.now % 86400 != trust_day && trust_schedule(&c) == 0)
            trust_day = c.now - c.now % 86400;
        if (report_mail_month_of(c.now) != health_month && report_mail_schedule(&c) == 0)
            health_month = report_mail_month_of(c.now); /* the monthly health summary */
        job_run_due(&c, &r->cfg, &ran);
        arena_reset(&a);
        if (ran > 0)
            continue; /* more may be due */
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_sec += poll / 1000;
        until.tv_nsec += (long)(poll % 1000) * 1000000L;
        if (until.tv_nsec >= 1000000000L) {
            until.tv_sec++;
            until.tv_nsec -= 1000000000L;
        }
        pthread_mutex_lock(&r->mu);
        if (!atomic_load(&r->stop))
            pthread_cond_timedwait(&r->cond, &r->mu, &until);
        pthread_mutex_unlock(&r->mu);
    }
    arena_release(&a);
    return NULL;
}

int job_runner_start(const struct job_runner_config *cfg, struct job_runner **out,
                     struct errinfo *e)
{
    struct job_runner *r = x_calloc(1, sizeof(*r));
    r->cfg = *cfg;
    r->cfg.stop = &r->stop;
    if (db_open(cfg->db_url, &r->db, e) < 0) {
        free(r);
        return ERR_INTERNAL;
    }
    pthread_mutex_init(&r->mu, NULL);
    pthread_cond_init(&r->cond, NULL);
    atomic_init(&r->stop, 0);
    if (pthread_create(&r->thread, NULL, runner_main, r) != 0) {
        db_close(r->db);
        free(r);
        return error_set(e, ERR_INTERNAL, NULL, "Cannot start the job runner thread.");
    }
    *out = r;
    return 0;
}

void job_runner_stop(struct job_runner *r)
{
    if (!r)
        return;
    pthread_mutex_lock(&r->mu);
    atomic_store(&r->stop, 1);
    pthread_cond_signal(&r->cond);
    pthread_mutex_unlock(&r->mu);
    pthread_join(r->thread, NULL);
    pthread_mutex_destroy(&r->mu);
    pthread_cond_destroy(&r->cond);
    db_close(r->db);
    free(r);
}
