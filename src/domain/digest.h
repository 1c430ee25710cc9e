/* Digests: a periodic mail to each member who has not visited lately, listing what they
 * missed and may read now: new and top threads in their communities and watched tags,
 * unanswered questions matching their demonstrated expertise ("questions you could answer"),
 * upcoming events of their communities, and articles they own that are due for review.
 *
 * Scheduling is two durable job kinds (domain/job.c runs them):
 *   "digest_sweep"  payload {"now":N}: finds the members due at N in batches of
 *                   DIGEST_BATCH and queues one "digest" job each; the runner queues one
 *                   sweep an hour (idempotency key "digest_sweep:HOURSTART").
 *   "digest"        payload {"uid","since","now"}: builds the member's digest as of now and
 *                   queues the mail (mail_enqueue) and records digest_last_at = now in one
 *                   transaction. Idempotency key "digest:UID:SINCE", SINCE being the start of
 *                   the period the digest covers (the later of the last digest and the last
 *                   visit), so one period never gets two digests, whatever the sweeps.
 * See docs/internals/digests.md for the rules. */
#ifndef PRAXIS_DOMAIN_DIGEST_H
#define PRAXIS_DOMAIN_DIGEST_H
#include <stdint.h>

#include "domain/domain.h"

#define DIGEST_BATCH      500          /* members per sweep transaction */
#define DIGEST_LOOKBACK   (30 * 86400) /* content is never older than this */
#define DIGEST_EVENT_DAYS 7            /* upcoming events: the next 7 days */
#define DIGEST_ITEMS      8            /* at most this many items per section */
#define DIGEST_NOTES      50           /* notifications in one digest at most (rest: the next) */

enum digest_freq { DIGEST_OFF, DIGEST_DAILY, DIGEST_WEEKLY, DIGEST__MAX };
const char *digest_freq_name(enum digest_freq f);            /* "off", "daily", "weekly" */
int digest_freq_parse(const char *s, enum digest_freq *out); /* 0 or -1 */
int64_t digest_freq_period(enum digest_freq f);              /* seconds, 0 for off */

/* The acting member's setting (c->uid). *last_at: last digest built, 0 = never.
   ERR_PERM when anonymous. */
int digest_pref_get(struct ctx *c, enum digest_freq *freq, int64_t *last_at);
/* Set the acting member's frequency from its name; ERR_INVALID (field "frequency") for any
   other word, ERR_PERM when anonymous. */
int digest_pref_set(struct ctx *c, const char *frequency);
/* Turn digests off for member uid (the "digest" scope of a signed unsubscribe link, which the
   caller has checked). 0, ERR_NOTFOUND, ERR_DB. */
int digest_unsubscribe(struct ctx *c, int64_t uid);
/* The on/off switch of the notification preferences (kind "digest"), on member uid's one
   setting: off = digest_unsubscribe; on = weekly when it was off, else unchanged. No
   transaction handling (call inside the caller's). *on_out (may be NULL) for reading only
   when get is 1: 1 unless the frequency is off. 0, ERR_NOTFOUND, ERR_DB. */
int digest_switch(struct ctx *c, int64_t uid, int get, int *on);

/* Find the members due at `now` and queue a "digest" job for each (batches of DIGEST_BATCH,
   each in its own write transaction; memory does not grow with the number of members).
   Jobs are due at c->now (the real clock) whatever `now` says. *queued (may be NULL)
   receives how many jobs were new (an existing key is not queued again). 0 or ERR_DB. */
int digest_sweep(struct ctx *c, int64_t now, int64_t *queued);
/* Queue the hourly sweep for the hour of c->now, unless it exists (inside no transaction;
   opens its own). 0 or ERR_DB. */
int digest_schedule(struct ctx *c);

/* Run one "digest" job: build uid's digest as of now for content since `since` and, when it
   has anything, queue the mail; record digest_last_at = now. At the top, "Your
   notifications": the member's unread, unmailed, still visible notifications of the last
   DIGEST_LOOKBACK seconds whose kind they set to "digest" (none when notification email is
   off altogether, "all" = "off", as for notify_mail); they are marked mailed in the
   transaction that queues the mail, and a digest with only these is sent. Skips (returns 0, sends
   nothing) when the member turned digests off, lost their verified address, visited after
   since, or got a digest since. *sent (may be NULL) = 1 when a mail was queued. 0 or
   ERR_DB. base_url: the public address links start with. */
int digest_run(struct ctx *c, int64_t uid, int64_t since, int64_t now, const char *base_url,
               int *sent);

/* Run a job of kind "digest_sweep" or "digest" from its JSON payload. Links start with
   mail_base_url(c, base_flag, base_fallback) (the runner's --base-url, then the base_url
   setting, then the fallback). 0, -1 with err filled (a failure to retry), -2 (a payload that
   will never work). */
int digest_job(struct ctx *c, const char *kind, const char *payload, const char *base_flag,
               const char *base_fallback, char *err, size_t errsize);

#endif
