/* Notification email: each member's delivery choice per notification kind ("app", "email"
 * soon after, or "digest"), the "notify_mail" job that sends one message per member with
 * every unread, unmailed notification chosen for email (threading, List-* and Reply-To
 * headers, a signed unsubscribe link) and the unsubscribe tokens' scopes. Rows are written by
 * domain/notification.c, which schedules the jobs (notify_mail_schedule). See
 * docs/internals/notifications.md, "Email". */
#ifndef PRAXIS_DOMAIN_NOTIFY_MAIL_H
#define PRAXIS_DOMAIN_NOTIFY_MAIL_H
#include <stddef.h>
#include <stdint.h>

#include "domain/domain.h"

#define NOTIFY_MAIL_BATCH 50    /* notifications in one message at most (the rest: next job) */
#define NOTIFY_SOON_AHEAD 86400 /* an occurrence starting this soon is announced */
#define NOTIFY_MAIL_MAX_AGE                                                                        \
    (7 * 86400) /* older unread rows are not mailed (a late switch                                 \
                   to "email" does not mail the backlog) */

/* One kind and the viewer's delivery for it. */
struct notify_pref_view {
    const char *kind;     /* NOTIFY_* name */
    const char *mode;     /* "app" | "email" | "digest" */
    const char *fallback; /* the default for this kind */
};
/* The signed-in viewer's choices: every kind of notify_mail_kinds (arena array), whether
   notification email is off altogether (*all_off) and the digest is off (*digest_off).
   ERR_AUTH for visitors. */
int notify_prefs_get(struct ctx *c, struct notify_pref_view **out, size_t *n, int *all_off,
                     int *digest_off);
/* Set the viewer's delivery of kinds[i] to modes[i] ("app", "email", "digest"), all or
   nothing in one write transaction; kind "all", "digest" and "health" (the monthly health
   summary of domain/report_mail.h) take "on" or "off".
   ERR_AUTH, ERR_INVALID (field = the kind, message names it). */
int notify_prefs_set(struct ctx *c, const char *const *kinds, const char *const *modes, size_t n);

/* The "notify_mail" job for member uid: inside its own write transaction, the member's
   unread, unmailed, still visible notifications of the last NOTIFY_MAIL_MAX_AGE seconds
   whose delivery is "email" (at most NOTIFY_MAIL_BATCH) become one message (mail_enqueue_ex) and
   are marked mailed. Nothing is sent without a verified address, with email off, or when everything
   was read. base_url starts the links. 0, or ERR_* with c->err filled. */
int notify_mail_run(struct ctx *c, int64_t uid, const char *base_url);

/* What an unsubscribe token stops: 0 with *uid, *scope and *what (a sentence, arena) set,
   or ERR_NOTFOUND for a forged or unknown token. */
int notify_unsub_describe(struct ctx *c, const char *token, int64_t *uid, const char **scope,
                          const char **what);
/* Apply an unsubscribe token (its own write transaction): scope "all" = no notification
   email, a kind = that kind in the app only, "digest" = digest_unsubscribe, "health" = no
   monthly health summary, "tNNN" = thread NNN muted. ERR_NOTFOUND for a bad token. */
int notify_unsub_apply(struct ctx *c, const char *token);

/* The "event_soon" job for date key of event eid (queued by domain/event.c, due 24 hours
   before the occurrence starts, when a member answers going or the dates change): if the
   occurrence still starts within NOTIFY_SOON_AHEAD (plus a minute's slack) and is not
   cancelled, every member going who may read the community is told once per member and
   occurrence (kind "event_soon"), and their email is scheduled. A job made stale by a date
   change finds the occurrence elsewhere and does nothing. 0 or ERR_*. */
int notify_event_soon_run(struct ctx *c, int64_t eid, int64_t key);

#endif
