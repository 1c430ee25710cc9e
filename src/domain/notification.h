/* In-app notifications and following: who is told what when something happens in a thread
 * (called by domain/thread.c inside its write transaction), a member's list and unread count
 * with the text and link of each row composed here, marking read (one, all, or a thread the
 * member viewed), follow levels per thread, community and tag, and the article review
 * reminders written lazily when the count is read. Rules live here; rows and the checks
 * every row must pass (never the actor, never a non-reader, muted, once per post) in
 * store/notification.c. Every writer schedules the email of its new rows
 * (notify_mail_schedule); the watcher fan-out of a new post is a queued job
 * (notify_fanout_run). See docs/internals/notifications.md. */
#ifndef PRAXIS_DOMAIN_NOTIFICATION_H
#define PRAXIS_DOMAIN_NOTIFICATION_H
#include <stddef.h>
#include <stdint.h>

#include "domain/domain.h"
#include "store/community.h"
#include "store/notification.h"
#include "store/thread.h"

/* Kinds (the "kind" of a row, in the API too). */
#define NOTIFY_REPLY            "reply"      /* a reply in your discussion (grouped per thread) */
#define NOTIFY_ANSWER           "answer"     /* an answer to your question (grouped per thread) */
#define NOTIFY_REPLY_TO         "reply_to"   /* a reply to your post */
#define NOTIFY_QUOTE            "quote"      /* your post quoted */
#define NOTIFY_MENTION          "mention"    /* @you in a post (once per post, edits included) */
#define NOTIFY_COMMENT          "comment"    /* a comment on your post (grouped per post) */
#define NOTIFY_ACCEPTED         "accepted"   /* your answer accepted */
#define NOTIFY_UPVOTE           "upvote"     /* your post reached an up-vote milestone (count) */
#define NOTIFY_WATCHING         "watching"   /* a new post in a thread you watch (grouped) */
#define NOTIFY_NEW_THREAD       "new_thread" /* a new thread in a community or tag you watch */
#define NOTIFY_MODERATION       "moderation" /* your post hidden, your thread closed or moved */
#define NOTIFY_EVENT_CHANGED    "event_changed"    /* an event you answered changed */
#define NOTIFY_EVENT_CANCELLED  "event_cancelled"  /* ... was cancelled (or is on again) */
#define NOTIFY_WAITLIST         "waitlist"         /* you moved off a waitlist: you have a place */
#define NOTIFY_EVENT_SOON       "event_soon"       /* an event you are going to starts in 24 h */
#define NOTIFY_WEBHOOK_DISABLED "webhook_disabled" /* your webhook kept failing: it is off */
#define NOTIFY_WELCOME          "welcome"      /* you joined a community (written by community.c) */
#define NOTIFY_SECURITY         "security"     /* strangers tried many passwords on your account */
#define NOTIFY_COACHING         "coaching"     /* a question to coach; coaching on your question */
#define NOTIFY_FLAG_OUTCOME     "flag_outcome" /* a moderator decided on a flag you raised */

/* Notification email (docs/internals/notifications.md, "Email"). */
#define NOTIFY_MAIL_DELAY                                                                          \
    300                               /* seconds before "email" notifications are sent, unless     \
                                         the setting notify_mail_delay says otherwise */
#define NOTIFY_LIVE_MAX          200  /* members whose bell is pushed live per write at most */
#define NOTIFY_MAIL_SCHEDULE_MAX 5000 /* (member, kind) pairs scheduled per write at most */

/* Follow levels, Discourse's: muted (nothing), normal (replies to you, mentions),
   tracking (normal plus a count of new posts on lists), watching (every new post; for a
   community or tag: every new thread and every post in its threads). */
enum follow_level { FOLLOW_MUTED, FOLLOW_NORMAL, FOLLOW_TRACKING, FOLLOW_WATCHING, FOLLOW__MAX };
const char *follow_level_name(int level); /* "muted" ... "watching"; "normal" if out of range */
int follow_level_parse(const char *s, int *out); /* 0, or -1 if not a level name */

/* The up-vote milestone reached when a post has `upvotes` up votes: 1, 5, 10, 25, 50, 100,
   250, 500, 1000 (then every 1000), or 0 when upvotes is not a milestone. Pure. */
int64_t notification_milestone(int64_t upvotes);
/* Ids of the posts a Markdown body quotes ("[name wrote](/p/ID):", as the reply form writes
   them), at most max, without repeats; returns how many. Pure. */
size_t notification_quoted_posts(const char *md, int64_t *ids, size_t max);
/* Fill x->text and x->link (arena) for display from its kind, count, actor and thread. */
void notification_compose(struct arena *a, struct notification *x);

/* --- events, called by domain/thread.c inside its open write transaction; 0 or ERR_DB
   with the error set (the caller rolls back) --- */

/* A new post p in t (p->position 1: a new thread): mentions, reply-to, quotes, the thread's
   author, watchers of the thread / of its community and tags; then the author watches t
   when their auto-watch setting is on. */
int notify_post_created(struct ctx *c, const struct community *cm, const struct thread *t,
                        const struct post *p);
/* A comment on post pid of t (by c->uid): members named in mentioned[0..nmentioned)
   (account names that exist) are told "mention", then the post's author post_author
   "comment" (grouped per post while unread) unless already told. An edited comment passes
   post_author -1: only members not yet told about a mention under this post are told. */
int notify_comment_created(struct ctx *c, const struct community *cm, const struct thread *t,
                           int64_t pid, int64_t post_author, const char *const *mentioned,
                           size_t nmentioned);
/* p was edited: members newly mentioned are told (nobody twice for one post). */
int notify_post_edited(struct ctx *c, const struct community *cm, const struct thread *t,
                       int64_t pid);
/* Answer pid of t accepted (author of pid told once per post). */
int notify_accepted(struct ctx *c, const struct community *cm, const struct thread *t, int64_t pid,
                    int64_t author_id);
/* An up vote was given to pid: its author is told at milestones only. */
int notify_upvoted(struct ctx *c, const struct community *cm, const struct thread *t, int64_t pid,
                   int64_t author_id);
/* A moderator acted on author_id's post pid (0: on the thread): text says what and why. */
int notify_moderated(struct ctx *c, const struct community *cm, const struct thread *t, int64_t pid,
                     int64_t author_id, const char *text);

/* Coaching (domain/coaching.c, inside its write transaction): member uid is told text with
   link about question tid of cm. The row names no thread (a question in coaching is not
   public, and rows of unpublished threads are not shown), only the community, so members
   who can no longer read cm stop seeing it. Unread rows with the same group_key grow
   instead of multiplying. Never the actor. 0 or ERR_DB. */
int notify_coaching(struct ctx *c, const struct community *cm, int64_t uid, const char *group_key,
                    const char *text, const char *link);
/* A moderator decided on the flag flagger raised in cm: text says on what and the outcome;
   the link is the flagger's list of flags (/settings/flags). */
int notify_flag_outcome(struct ctx *c, const struct community *cm, int64_t flagger,
                        const char *text);

/* Event eid of community cid changed (kind NOTIFY_EVENT_*): members who answered going,
   maybe or waitlist (for date occ_key YYYYMMDD, or every date from -occ_key on when
   occ_key <= 0) are told text with link. Called inside domain/event.c's write transaction. */
int notify_event(struct ctx *c, int64_t cid, int64_t eid, int64_t occ_key, const char *kind,
                 const char *text, const char *link);
/* Member uid moved off the waitlist of event eid (text and link say which date). */
int notify_waitlist(struct ctx *c, int64_t uid, int64_t cid, int64_t eid, const char *text,
                    const char *link);

/* Webhook w of member uid was turned off after failing (domain/webhook.c, inside its write
   transaction): one row with text and link (the hook's page), emailed by default. */
int notify_webhook_disabled(struct ctx *c, int64_t uid, const char *text, const char *link);

/* Strangers reached the name-wide sign-in limit of account uid (domain/account.c, inside
   its write transaction): one row with text and link, emailed by default. */
int notify_security(struct ctx *c, int64_t uid, const char *text, const char *link);

/* Run a "notify_fanout" job (payload written by notify_post_created): the watchers of
   thread tid (opening = 0, kind "watching", grouped) or of community cid and the thread's
   tags (opening = 1, kind "new_thread") are told about post pid by actor at time at, with
   the same checks as before, in its own write transaction; their email is scheduled. */
int notify_fanout_run(struct ctx *c, int64_t cid, int64_t tid, int64_t pid, int64_t actor,
                      int64_t at, int opening);

/* --- notification email --- */

/* The kinds a member chooses a delivery for (a static array), how many. */
size_t notify_mail_kinds(const char *const **kinds);
/* The default delivery of kind: "email" (mentions, replies to you, answers, accepted,
   moderation, event changes, waitlist, event reminders) or "app" (watching, new_thread,
   upvote, anything else). */
const char *notify_mail_default(const char *kind);
/* Seconds before "email" notifications go out: the setting notify_mail_delay, else
   NOTIFY_MAIL_DELAY. */
int64_t notify_mail_delay(struct ctx *c);
/* Inside the write transaction that wrote notification rows of id > since_id: for each
   member with a new unread row whose delivery is "email" (and a verified address, and mail
   not turned off), queue a "notify_mail" job {"uid":N} due in notify_mail_delay seconds,
   idempotency key "notify:UID:BUCKET" (BUCKET = now / delay), so several notifications
   within one delay share one message. First it pushes the new unread count to the live
   stream of each member with a new row (domain/live.h), for at most NOTIFY_LIVE_MAX members
   per write: a larger fan-out would flood the bounded live backlog, and those members see
   the count on their next page. 0 or ERR_DB. */
int notify_mail_schedule(struct ctx *c, int64_t since_id);

/* --- the member's side --- */

/* Tell owners whose articles are due for review (once per review date), then count the
   viewer's unread notifications they may still see. */
int notifications_unread(struct ctx *c, int64_t *count);
/* The viewer's notifications (newest first, at most 100; unread_only filters), composed. */
int notifications_list_filtered(struct ctx *c, int unread_only, struct notification **out,
                                size_t *n);
int notifications_list(struct ctx *c, struct notification **out, size_t *n); /* all */
int notifications_mark_read(struct ctx *c, int64_t id);                      /* 0 = all */
/* The viewer has seen thread tid up to post position last_pos: its notifications are read,
   and the position is remembered. No-op for visitors. Errors are logged, not returned
   (a page view must not fail because of this). */
void notifications_thread_viewed(struct ctx *c, int64_t tid, int64_t last_pos);
/* The viewer has seen event eid: its notifications are read. No-op for visitors; errors
   are logged, not returned. */
void notifications_event_viewed(struct ctx *c, int64_t eid);
/* "New since your last visit": out[i] = posts added to items[i] since the viewer last viewed
   it (0 when none, when they never opened it, or for visitors). Errors leave zeros and are
   logged (a list page must not fail because of this). */
void notifications_thread_news(struct ctx *c, const struct thread *items, size_t n, int64_t *out);
/* For the mail side: member uid's unread, not yet mailed notifications they may still see,
   oldest first (at most limit), composed; no permission check (system callers). */
int notifications_unmailed(struct ctx *c, int64_t uid, int limit, struct notification **out,
                           size_t *n);
/* The same listing restricted to the kinds whose delivery member uid set to mode ("email",
   "digest"; the default counts when no row), created at or after since; nothing when the
   member's "all" switch is off (no notification email at all). Composed, oldest first. */
int notifications_unmailed_mode(struct ctx *c, int64_t uid, const char *mode, int64_t since,
                                int limit, struct notification **out, size_t *n);

/* Following. Levels of the viewer on a thread, a community or a tag of it (tag NULL: the
   community); FOLLOW_NORMAL when never set. Reading needs the target readable; setting
   needs a signed-in viewer (ERR_AUTH) who may read it (ERR_NOTFOUND) and a known tag. */
int follow_thread_get(struct ctx *c, int64_t tid, int *level);
int follow_thread_set(struct ctx *c, int64_t tid, int level);
int follow_community_get(struct ctx *c, const struct community *cm, const char *tag, int *level);
int follow_community_set(struct ctx *c, const struct community *cm, const char *tag, int level);
/* The viewer's "watch threads I ask in or reply to" setting. */
int follow_auto_watch_get(struct ctx *c, int *on);
int follow_auto_watch_set(struct ctx *c, int on);

#endif
