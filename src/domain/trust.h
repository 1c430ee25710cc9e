/* Trust levels (issue 16; docs/moderation.md "Trust levels"): an instance-wide level per
 * member, computed from what they have done, that decides what they may do.
 *
 *   0 new      the default; limited (below)
 *   1 basic    account at least newcomer_days old AND at least newcomer_posts published posts
 *   2 member   } each needs all of its thresholds (settings, 0 = not required):
 *   3 regular  }   trustN_visits (days visited), trustN_posts (posts written),
 *   4 leader   }   trustN_votes_given, trustN_votes_received (up-votes),
 *                  trustN_accepted (accepted answers), trustN_flags (flags agreed),
 *                  trustN_topics (thread pages opened), trustN_posts_read (posts shown on
 *                  them), trustN_minutes (minutes reading)
 *              and the level below it.
 *
 * Reading is recorded per member per UTC day, never per page (user_days, trust_reading):
 * the web layer adds it in batches (app/reading.c) so that reading writes little.
 *
 * A suspended member (timed, or suspended by an administrator) is level 0 while suspended (even
 * with a locked level; the lock and the locked level come back when the suspension ends).
 * Administrators are level 4 unless an administrator locked their level. An administrator can set
 * any member's level and lock it (trust_locked): a locked level is never recomputed.
 *
 * What the levels allow (settings):
 *   trust0_threads_per_hour [10], trust0_replies_per_hour [30]: level-0 posting limits (429)
 *   level 0 cannot upload images (403); may post at most hold_max_links links (held)
 *   trust_edit_level [3]: editing others' posts and counting as an article's trusted editor
 *   a level-0 member's flag never has more than the base weight; a leader's has double.
 *
 * The stored level is recomputed after a post and an accepted answer (trust_recompute), by
 * the daily job "trust_sweep" (idempotency key "trust_sweep:DAYSTART"), and by
 * `praxis trust recompute`. */
#ifndef PRAXIS_DOMAIN_TRUST_H
#define PRAXIS_DOMAIN_TRUST_H

#include <stddef.h>
#include <stdint.h>

#include "domain/domain.h"

enum { TRUST_NEW = 0, TRUST_BASIC = 1, TRUST_MEMBER = 2, TRUST_REGULAR = 3, TRUST_LEADER = 4 };

/* "new", "basic", "member", "regular", "leader" (or "new" when out of range). */
const char *trust_level_name(int64_t level);
/* uid's current level into *level: 0 while suspended, else the locked level, or the level their
   record earns now (without storing it); *locked says whether an admin locked it. An unknown
   uid is level 0. Returns 0 or ERR_DB. */
int trust_level(struct ctx *c, int64_t uid, int64_t *level, int *locked);
/* The acting member's level for what the pages show and allow on the hot paths (edit, retag,
   close-vote buttons and their checks): the stored level (recomputed after posts, by the daily
   sweep and by the CLI), 0 while suspended, 4 for administrators unless locked, 0 for
   visitors. One keyed read; a storage failure reads as 0. */
int64_t trust_acting_level(struct ctx *c);
/* Recompute uid's level and store it when it changed (unlocked accounts only). Returns 0 or
   ERR_DB. Cheap: one query and at most one update. */
int trust_recompute(struct ctx *c, int64_t uid);
/* Recompute every unlocked account in batches; *changed counts stored changes (may be NULL). */
int trust_recompute_all(struct ctx *c, int64_t *changed);
/* Administrators only: set uid's level (0..4) and lock it (locked 1) or hand it back to the
   computation (locked 0, the level is then recomputed at once). */
int trust_admin_set(struct ctx *c, int64_t uid, int64_t level, int locked);
/* Put uid at level 0 (suspension); the lock is kept. Returns 0 or ERR_DB. */
int trust_demote(struct ctx *c, int64_t uid);
/* The moderation and trust settings an administrator tunes (docs/moderation.md
   "Settings"), in the order and groups of the /admin/moderation form and the admin API. */
struct trust_setting {
    const char *key;   /* settings key */
    const char *def;   /* default value */
    const char *group; /* heading of its group on the form */
    const char *label; /* short name */
    const char *help;  /* what it does */
};
const struct trust_setting *trust_settings(size_t *n);
/* The default of a trust setting key, or NULL when key is not one. */
const char *trust_setting_default(const char *key);

/* Caps of one day's reading record, and of the posts one thread page counts. */
#define TRUST_READ_TOPICS_DAY  200
#define TRUST_READ_POSTS_DAY   2000
#define TRUST_READ_MINUTES_DAY 600
#define TRUST_READ_POSTS_PAGE  50
#define TRUST_READ_GAP_MAX     300 /* a gap between page views longer than this is not reading */

/* Add reading to uid's record of today: thread pages opened, posts shown, minutes (each day
   capped at TRUST_READ_*_DAY). One upsert. Returns 0 or ERR_DB. */
int trust_reading(struct ctx *c, int64_t uid, int64_t topics, int64_t posts_read, int64_t minutes);
/* One member's reading waiting to be written (app/reading.c collects them). */
struct trust_read {
    int64_t uid, topics, posts_read, minutes;
};
/* Write n members' reading in one transaction (trust_reading each). 0 or ERR_DB. */
int trust_reading_batch(struct ctx *c, const struct trust_read *v, size_t n);
/* Seconds reading waits in a worker's batch before it is written: the setting
   reading_flush_seconds [60]. */
int64_t trust_reading_flush_seconds(struct ctx *c);
/* Record that uid was signed in and active today (at most one row a day). */
int trust_visit(struct ctx *c, int64_t uid);
/* Refuse (ERR_RATE, message saying when and what unlocks it) when the acting member is level
   0 and has reached trust0_threads_per_hour (opening, 1) or trust0_replies_per_hour
   (opening 0); *retry_after gets the seconds to wait. Staff and the system pass. */
int trust_post_limit(struct ctx *c, int opening, int64_t *retry_after);
/* Seconds until the acting member's oldest thread (opening) or reply of the last hour leaves
   the hour: the Retry-After of a trust_post_limit refusal (at least 1). */
int64_t trust_post_retry(struct ctx *c, int opening);
/* The level editing others' posts and trusted article editing need (trust_edit_level). */
int64_t trust_edit_level(struct ctx *c);
/* The level retagging others' threads needs (trust_retag_level [2]). */
int64_t trust_retag_level(struct ctx *c);
/* The level voting to close or reopen threads needs (trust_close_level [3]), and the votes
   that close or reopen one (close_votes_needed [3]). */
int64_t trust_close_level(struct ctx *c);
int64_t trust_close_votes_needed(struct ctx *c);
/* Queue the daily recompute for today (idempotent). */
int trust_schedule(struct ctx *c);
/* Run a "trust_sweep" job. Returns 0 or fills err and returns -1. */
int trust_job(struct ctx *c, char *err, size_t errlen);

#endif
