/* The monthly health summary by email (issue 17): at the start of each month every
 * coordinator gets one message with the headline numbers of each community they coordinate
 * (questions, answered, solved, median hours to a first answer, newcomers) for the month
 * that ended, next to the month before, with a link to the community's health page. Plain
 * text; the HTML part is derived by mail_enqueue like every message Praxis writes. A member
 * turns it off in the notification settings (kind "health" = "off" in notify_prefs, which
 * notify_prefs_set accepts) or with the one-click unsubscribe link (scope "health").
 *
 * Two durable job kinds (domain/job.c runs them), like the digests:
 *   "health_sweep" payload {"month":YYYYMM}: queues one "health_mail" job per coordinator due
 *                  (batches of REPORT_MAIL_BATCH); the runner queues the sweep of the
 *                  current month when it starts and when the month turns (idempotency key
 *                  "health_sweep:YYYYMM"), so each month has one.
 *   "health_mail"  payload {"uid","month"}: builds and queues that member's message about
 *                  the two months before YYYYMM. Key "health_mail:UID:YYYYMM": one message
 *                  per member and month whatever the sweeps. */
#ifndef PRAXIS_DOMAIN_REPORT_MAIL_H
#define PRAXIS_DOMAIN_REPORT_MAIL_H
#include <stddef.h>
#include <stdint.h>

#include "domain/domain.h"

#define REPORT_MAIL_BATCH       500 /* coordinators per sweep transaction */
#define REPORT_MAIL_COMMUNITIES 20  /* communities in one message at most */

/* YYYYMM of UTC time t. */
int64_t report_mail_month_of(int64_t t);
/* The month before YYYYMM. */
int64_t report_mail_month_prev(int64_t month);
/* Parse "YYYY-MM" (years 1970..9999) into YYYYMM; 0 or -1. */
int report_mail_month_parse(const char *s, int64_t *out);

/* Queue the "health_sweep" of the month of c->now unless it exists (its own transaction).
   0 or ERR_DB. */
int report_mail_schedule(struct ctx *c);
/* Queue a "health_mail" job for month (YYYYMM) for every coordinator due (see
   store/report_mail.h); *queued (may be NULL) = how many were new. 0 or ERR_DB. */
int report_mail_sweep(struct ctx *c, int64_t month, int64_t *queued);
/* Build and queue member uid's summary for month (the message covers the two months before
   it), in one write transaction. Sends nothing (returns 0, *sent = 0) when the member has no
   verified address, turned the summary off or coordinates nothing now. base_url starts the
   links. 0 or ERR_*. */
int report_mail_run(struct ctx *c, int64_t uid, int64_t month, const char *base_url, int *sent);
/* Run a job of kind "health_sweep" or "health_mail" from its JSON payload (as digest_job):
   0, -1 with err filled (retry), -2 (a payload that will never work). */
int report_mail_job(struct ctx *c, const char *kind, const char *payload, const char *base_flag,
                    const char *base_fallback, char *err, size_t errsize);

/* The member's switch (c->uid): *on = 0 when they turned the summary off. ERR_AUTH. */
int report_mail_pref_get(struct ctx *c, int *on);

#endif
