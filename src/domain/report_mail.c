/* The monthly health summary by email (see domain/report_mail.h and docs/health.md, "The
 * monthly summary"): the sweep and the per-member job, the message text (the HTML part is
 * derived from it by mail_enqueue), and the member's switch. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/buf.h"
#include "core/log.h"
#include "core/tz.h"
#include "core/util.h"
#include "domain/community.h"
#include "domain/domain_int.h"
#include "domain/mail.h"
#include "domain/report.h"
#include "domain/report_mail.h"
#include "store/job.h"
#include "store/notification.h"
#include "store/report_mail.h"

static const char *const month_names[12] = {"January",   "February", "March",    "April",
                                            "May",       "June",     "July",     "August",
                                            "September", "October",  "November", "December"};

int64_t report_mail_month_of(int64_t t)
{
    int y, m, d;
    civil_from_days((t >= 0 ? t : t - 86399) / 86400, &y, &m, &d);
    return (int64_t)y * 100 + m;
}

int64_t report_mail_month_prev(int64_t month)
{
    return month % 100 == 1 ? (month / 100 - 1) * 100 + 12 : month - 1;
}

int report_mail_month_parse(const char *s, int64_t *out)
{
    int64_t y, m;
    size_t i;
    if (!s || strlen(s) != 7 || s[4] != '-')
        return -1;
    for (i = 0; i < 7; i++)
        if (i != 4 && (s[i] < '0' || s[i] > '9'))
            return -1;
    y = atoi(s);
    m = atoi(s + 5);
    if (y < 1970 || m < 1 || m > 12)
        return -1;
    *out = y * 100 + m;
    return 0;
}

/* "November 2026" (arena). */
static const char *month_name(struct ctx *c, int64_t month)
{
    return arena_printf(c->arena, "%s %d", month_names[(month % 100 - 1) % 12], (int)(month / 100));
}

int report_mail_schedule(struct ctx *c)
{
    int64_t month = report_mail_month_of(c->now), id = 0;
    char key[64], payload[64];
    snprintf(key, sizeof(key), "health_sweep:%lld", (long long)month);
    snprintf(payload, sizeof(payload), "{\"month\":%lld}", (long long)month);
    if (db_begin_write(c->db) < 0)
        return domain_db_fail(c, "schedule the health summary");
    if (store_job_enqueue(c->db, "health_sweep", payload, c->now, JOB_MAX_ATTEMPTS, key, c->now,
                          &id) < 0 ||
        db_commit(c->db) < 0)
        return domain_rollback(c, domain_db_fail(c, "schedule the health summary"));
    return 0;
}

int report_mail_sweep(struct ctx *c, int64_t month, int64_t *queued)
{
    struct arena a;
    int64_t after = 0, total = 0;
    int rc = 0;
    arena_init(&a);
    for (;;) {
        int64_t *uids;
        size_t n, i;
        arena_reset(&a);
        if (store_report_mail_due(c->db, &a, after, REPORT_MAIL_BATCH, &uids, &n) < 0) {
            rc = domain_db_fail(c, "find the coordinators for the health summary");
            break;
        }
        if (n == 0)
            break;
        if (db_begin_write(c->db) < 0) {
            rc = domain_db_fail(c, "queue health summaries");
            break;
        }
        for (i = 0; i < n && rc == 0; i++) {
            char payload[96], key[96];
            int64_t id = 0;
            snprintf(payload, sizeof(payload), "{\"uid\":%lld,\"month\":%lld}", (long long)uids[i],
                     (long long)month);
            snprintf(key, sizeof(key), "health_mail:%lld:%lld", (long long)uids[i],
                     (long long)month);
            rc = store_job_enqueue(c->db, "health_mail", payload, c->now, JOB_MAX_ATTEMPTS, key,
                                   c->now, &id);
            if (rc < 0)
                rc = domain_db_fail(c, "queue health summaries");
            else if (id)
                total++;
        }
        if (rc < 0 || db_commit(c->db) < 0) {
            rc = domain_rollback(c, rc < 0 ? rc : domain_db_fail(c, "queue health summaries"));
            break;
        }
        after = uids[n - 1];
        if (n < REPORT_MAIL_BATCH)
            break;
    }
    arena_release(&a);
    if (rc == 0)
        log_info("msg=\"health summary sweep\" month=%lld queued=%lld", (long long)month,
                 (long long)total);
    if (queued)
        *queued = total;
    return rc;
}

/* "42" or "42 (90%)" of part out of whole. */
static const char *count_share(struct ctx *c, int64_t part, int64_t whole, int with_share)
{
    if (!with_share || whole <= 0)
        return arena_printf(c->arena, "%lld", (long long)part);
    return arena_printf(c->arena, "%lld (%.0f%%)", (long long)part,
                        100.0 * (double)part / (double)whole);
}

/* One line "  Label: NOW (month before: BEFORE)". */
static void line(struct buf *t, const char *label, const char *now, const char *before)
{
    buf_printf(t, "- %s: %s (the month before: %s)\n", label, now, before);
}

/* The section of community slug: its numbers for month `last` against `prev`. Returns 0,
   or < 0 when it could not be read (left out of the message; the error is logged). */
static int section(struct ctx *c, struct buf *t, const char *slug, int64_t last, int64_t prev,
                   const char *base_url)
{
    struct community cm;
    struct report rp;
    const struct report_month *a, *b;
    int64_t from = prev * 100 + 1, to;
    int y = (int)(last / 100), m = (int)(last % 100), rc;
    int64_t na = 0, nb = 0;
    to = last * 100 + civil_month_days(y, m);
    if ((rc = community_get(c, slug, &cm)) < 0 ||
        (rc = report_community_months(c, &cm, from, to, &rp)) < 0) {
        log_warn("msg=\"health summary: community left out\" community=%s error=\"%s\"", slug,
                 c->err->msg);
        c->err->code = 0;
        return rc;
    }
    if (rp.nmonths < 2)
        return ERR_INTERNAL;
    b = &rp.months[0]; /* prev */
    a = &rp.months[rp.nmonths - 1];
    if (rp.nretention >= 2) {
        nb = rp.retention[0].newcomers;
        na = rp.retention[rp.nretention - 1].newcomers;
    }
    buf_printf(t, "%s\n", cm.name);
    line(t, "Questions asked", count_share(c, a->questions, 0, 0),
         count_share(c, b->questions, 0, 0));
    line(t, "Answered", count_share(c, a->answered, a->questions, 1),
         count_share(c, b->answered, b->questions, 1));
    line(t, "Solved", count_share(c, a->solved, a->questions, 1),
         count_share(c, b->solved, b->questions, 1));
    line(t, "Median hours to a first answer",
         a->has_first_answer ? arena_printf(c->arena, "%.1f", a->first_answer_median_h) : "none",
         b->has_first_answer ? arena_printf(c->arena, "%.1f", b->first_answer_median_h) : "none");
    line(t, "Newcomers", arena_printf(c->arena, "%lld", (long long)na),
         arena_printf(c->arena, "%lld", (long long)nb));
    buf_printf(t, "The whole picture: %s/c/%s/health\n\n", base_url, cm.slug);
    return 0;
}

int report_mail_run(struct ctx *c, int64_t uid, int64_t month, const char *base_url, int *sent)
{
    const char *email, **slugs, *subject, *unsub;
    size_t n, i, shown = 0;
    int64_t last = report_mail_month_prev(month), prev = report_mail_month_prev(last);
    struct buf t = BUF_INIT;
    struct mail_headers h;
    int rc;
    if (sent)
        *sent = 0;
    if (store_report_mail_target(c->db, c->arena, uid, &email, &slugs, &n) < 0)
        return domain_db_fail(c, "read a coordinator for the health summary");
    if (!email || !n)
        return 0;
    if (n > REPORT_MAIL_COMMUNITIES)
        n = REPORT_MAIL_COMMUNITIES;
    buf_printf(&t, "The health of %s in %s, next to %s.\n\n",
               n == 1 ? "your community" : "the communities you coordinate", month_name(c, last),
               month_name(c, prev));
    for (i = 0; i < n; i++)
        if (section(c, &t, slugs[i], last, prev, base_url) == 0)
            shown++;
    if (!shown) {
        buf_release(&t);
        return 0;
    }
    unsub = mail_unsubscribe_url(c, base_url, uid, "health");
    if (!unsub) {
        buf_release(&t);
        return c->err->code ? c->err->code : ERR_INTERNAL;
    }
    buf_printf(&t,
               "Questions count in the month they were asked; the numbers are defined on the "
               "health page.\n\n-- \nStop these monthly summaries:\n%s\n\n"
               "Choose what you get by email:\n%s/settings/notifications\n",
               unsub, base_url);
    subject = arena_printf(c->arena, "Community health in %s", month_name(c, last));
    memset(&h, 0, sizeof(h));
    h.list_unsubscribe = arena_printf(c->arena, "<%s>", unsub);
    h.list_unsubscribe_post = "List-Unsubscribe=One-Click";
    if (t.err) {
        buf_release(&t);
        return error_set(c->err, ERR_INTERNAL, NULL, "The health summary is too long.");
    }
    if (db_begin_write(c->db) < 0) {
        buf_release(&t);
        return domain_db_fail(c, "queue the health summary");
    }
    rc = mail_enqueue_ex(c, email, subject, t.data, NULL, &h, NULL);
    buf_release(&t);
    if (rc < 0)
        return domain_rollback(c, rc);
    if (db_commit(c->db) < 0)
        return domain_rollback(c, domain_db_fail(c, "queue the health summary"));
    log_info("msg=\"health summary queued\" user=%lld month=%lld communities=%zu", (long long)uid,
             (long long)month, shown);
    if (sent)
        *sent = 1;
    return 0;
}

int report_mail_job(struct ctx *c, const char *kind, const char *payload, const char *base_flag,
                    const char *base_fallback, char *err, size_t errsize)
{
    json_error_t je;
    json_t *o = json_loads(payload, 0, &je);
    json_int_t uid = 0, month = 0;
    int rc;
    if (!o || json_unpack(o, "{s?:I, s:I}", "uid", &uid, "month", &month) < 0 || month < 197001 ||
        month % 100 < 1 || month % 100 > 12 || (!strcmp(kind, "health_mail") && uid <= 0)) {
        snprintf(err, errsize, "the payload is not a %s job", kind);
        json_decref(o);
        return -2;
    }
    json_decref(o);
    if (!strcmp(kind, "health_sweep"))
        rc = report_mail_sweep(c, month, NULL);
    else
        rc = report_mail_run(c, uid, month, mail_base_url(c, base_flag, base_fallback), NULL);
    if (rc < 0) {
        snprintf(err, errsize, "%s", c->err->msg);
        return -1;
    }
    return 0;
}

int report_mail_pref_get(struct ctx *c, int *on)
{
    struct notify_pref *rows;
    size_t n, i;
    if (!c->uid)
        return error_set(c->err, ERR_AUTH, NULL, "Sign in to see your notification settings.");
    if (notify_pref_db_list(c->db, c->arena, c->uid, &rows, &n) < 0)
        return domain_db_fail(c, "prefs");
    *on = 1;
    for (i = 0; i < n; i++)
        if (!strcmp(rows[i].kind, "health") && !strcmp(rows[i].mode, "off"))
            *on = 0;
    return 0;
}
