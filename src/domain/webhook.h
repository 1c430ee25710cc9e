/* Outgoing webhooks, the events side: the event types, the signature, and publishing. When
 * something happens in a community (a thread, a post, an article, an event, a member), the
 * domain calls one webhook_* function inside its write transaction, and every hook that asked
 * for that event type (its community's, set up by a coordinator who still is one, and the
 * instance's, set up by an administrator) gets one delivery and one job of kind "webhook".
 * Hooks are managed in webhook_manage.h and delivered (signed, SSRF-checked, retried for 24
 * hours, disabled after failing too long) by webhook_deliver.h. Rules and payloads:
 * docs/internals/webhooks.md, docs/api.md ("Webhooks"). */
#ifndef PRAXIS_DOMAIN_WEBHOOK_H
#define PRAXIS_DOMAIN_WEBHOOK_H
#include <stddef.h>
#include <stdint.h>

#include "domain/domain.h"
#include "store/article.h"
#include "store/community.h"
#include "store/event.h"
#include "store/thread.h"
#include "store/webhook.h"

#define WEBHOOK_VERSION       1           /* the payload's "v" */
#define WEBHOOK_URL_MAX       500         /* bytes */
#define WEBHOOK_TIMEOUT       10          /* seconds for the whole request */
#define WEBHOOK_ANSWER_MAX    (64 * 1024) /* bytes of the answer read at most */
#define WEBHOOK_RETRY_WINDOW  (24 * 3600) /* seconds a delivery is retried */
#define WEBHOOK_RETRY_BASE    60          /* seconds before the first retry (setting) */
#define WEBHOOK_RETRY_CAP     3600        /* no wait between tries is longer */
#define WEBHOOK_DISABLE_AFTER (3 * 86400) /* seconds of failure before a hook is off (setting) */
#define WEBHOOK_MAX_HOOKS     20          /* per community, and for the instance */
#define WEBHOOK_SIG_HEX       64          /* hex digits of an HMAC-SHA256 */

/* The event types a hook may choose, in display order (a static array); how many.
   "flag.raised" is listed but not published yet (the moderation work wires it). */
size_t webhook_event_types(const char *const **types);
/* 1 when s is one of them. */
int webhook_event_known(const char *s);

/* Split text ("a b", "a,b") into event names (arena; not checked). */
void webhook_events_split(struct arena *a, const char *text, const char ***out, size_t *n);

/* HMAC-SHA256 over "<t>.<body>" keyed with the secret's text, as lower-case hex in out.
   The X-Praxis-Signature header is "t=<t>,v1=<out>". Pure. */
void webhook_sign(const char *secret, int64_t t, const char *body, size_t len,
                  char out[WEBHOOK_SIG_HEX + 1]);

/* --- publishing, inside the caller's open write transaction (one line next to the
   notify_* calls). Each looks up the hooks that want type for the community; when there
   are none it does nothing more. 0 or ERR_DB with the error set (the caller rolls back). */

/* thread.created, post.created, post.edited, post.deleted, answer.accepted: post pid of t. */
int webhook_thread(struct ctx *c, const char *type, const struct community *cm,
                   const struct thread *t, int64_t pid);
/* flag.raised: a member flagged item_kind ("post" or "comment") item_id, on post pid of t, for
   reason (spam, rude, ...). The flagger is not named (authors never learn who flagged). */
int webhook_flag(struct ctx *c, const struct community *cm, const struct thread *t, int64_t pid,
                 const char *item_kind, int64_t item_id, const char *reason);
/* article.published, article.status_changed (previous: the status before, or NULL). */
int webhook_article(struct ctx *c, const char *type, const struct community *cm,
                    const struct article *art, const char *previous);
/* art (as it was) now has status: "article.published" when it leaves draft, else
   "article.status_changed" with previous_status (back to draft included). */
int webhook_article_status(struct ctx *c, const struct community *cm, const struct article *art,
                           const char *status);
/* event.created, event.changed. */
int webhook_event(struct ctx *c, const char *type, const struct community *cm,
                  const struct event *ev);
/* member.joined, member.left: member uid (role: their role then, or NULL). */
int webhook_member(struct ctx *c, const char *type, const struct community *cm, int64_t uid,
                   const char *role);

/* Queue the "webhook" job of delivery did, due now, inside the caller's write transaction
   (key "webhook:DID"). 0 or ERR_DB. */
int webhook_enqueue(struct ctx *c, int64_t did);

#endif
