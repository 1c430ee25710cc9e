/* Moderation rules that are not about one flag: who counts as a new account (the one place
 * trust levels will later replace), the heuristics that hold a new post for review instead of
 * publishing it (too many links from a new account, the same text in several threads,
 * posting faster than a person reads, and a community's "first posts of new accounts go to
 * review"), and members' timed restrictions (suspended: cannot sign in or post; silenced:
 * can read but not post, comment or flag), which end by themselves when their time passes.
 *
 * The thresholds are instance settings (domain/settings.c, docs/moderation.md):
 *   newcomer_days [3], newcomer_posts [3]       an account is new while it is younger than
 *                                               newcomer_days OR has published fewer than
 *                                               newcomer_posts posts
 *   hold_max_links [2]                          a new account's post with more links is held
 *   hold_duplicate_threads [0 = off; 2 advised] the same text already posted (by anyone
 *                                               but staff) in this many other threads
 *                                               within 24 h is held
 *   hold_burst_posts [0 = off; 5 advised], hold_burst_seconds [60]  a new account that
 *                                               already posted hold_burst_posts times in
 *                                               the last hold_burst_seconds is held
 * (the last two are off by default: a class of a workshop posting the same exercise, or a
 * migration script, would otherwise be held; docs/moderation.md says when to turn them on)
 *   flag_hide_weight [300]                      pending spam flags weighing this much (in
 *                                               hundredths of an ordinary flag) hide a post
 * Staff of the community and administrators are never held. Functions return 0 or a
 * negative enum err with ctx->err set. */
#ifndef PRAXIS_DOMAIN_MODERATION_H
#define PRAXIS_DOMAIN_MODERATION_H
#include <stddef.h>
#include <stdint.h>

#include "domain/community.h"
#include "domain/domain.h"
#include "store/coaching.h"

/* The thresholds, read from the settings (defaults above). */
struct moderation_policy {
    int64_t newcomer_days, newcomer_posts;
    int64_t max_links, duplicate_threads, burst_posts, burst_seconds;
    int64_t hide_weight;
};
void moderation_policy(struct ctx *c, struct moderation_policy *p);

/* Links in a Markdown body: occurrences of "http://", "https://", "ftp://", "mailto:" and
   "www." (case-insensitive), each counted once however it is written. Pure. */
size_t moderation_count_links(const char *md);

/* *is_new = 1 if account uid is new under p (see above). */
int moderation_is_newcomer(struct ctx *c, const struct moderation_policy *p, int64_t uid,
                           int *is_new);

/* Whether a post by the acting user in cm (in thread tid, 0 for a new thread) with body_md
   should be held: *reason = NULL (publish) or why, as shown to the author and the
   moderators ("Held for review: ..."). Staff and the system are never held. */
int moderation_hold_check(struct ctx *c, const struct community *cm, int64_t tid,
                          const char *body_md, const char **reason);

/* ERR_PERM with a message naming the end time when the acting user is suspended or
   silenced now (posting, commenting, flagging call this). 0 for visitors and the system. */
int moderation_write_check(struct ctx *c);
/* ERR_PERM when account uid is suspended now ("... suspended until ..."): signing in and
   API tokens call this. */
int moderation_signin_check(struct ctx *c, int64_t uid);
/* Restrictions of uid now (0 when none or over), for the queue and profile. */
int moderation_restrictions(struct ctx *c, int64_t uid, int64_t *suspended_until,
                            int64_t *silenced_until, const char **reason);

/* A community's switch: first posts of new accounts go to the review queue. Reading needs
   staff of cm; setting needs a coordinator (community_can_edit). */
int moderation_first_posts(struct ctx *c, const struct community *cm, int *on);
int moderation_set_first_posts(struct ctx *c, const struct community *cm, int on);

/* Newcomer coaching (docs/moderation.md "Coaching"; the settings are in store/coaching.h).
   *can = 1 when the viewer may coach questions of cm: a member of cm whose trust level is
   at least its coaching_level, or staff of cm, or an administrator (not the system, not
   visitors). s may be NULL; else it receives the settings. */
int moderation_can_coach(struct ctx *c, const struct community *cm, struct coaching_settings *s,
                         int *can);
/* Whether a new thread of the acting user in cm (question = 1 for a question) goes to
   coaching: coaching is on, it is a question, the asker cannot coach (above), and, with
   coaching_first_only, they have asked no question in cm before. *s gets the settings. */
int moderation_coaching_check(struct ctx *c, const struct community *cm, int question,
                              struct coaching_settings *s, int *coach);

/* "2026-12-08 19:00 UTC" (arena). */
const char *moderation_time_text(struct arena *a, int64_t t);

#endif
