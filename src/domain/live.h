/* Live updates: the rules. What a change publishes (a message on a channel, written into the
 * backlog in the change's own transaction), which channels a visitor may subscribe to, and
 * who may receive a message when it is delivered.
 *
 * Channels (names as the client sends them):
 *   thread:ID     a thread: new post, edit, vote score, accepted answer
 *   community:ID  a community's thread list: a new thread
 *   event:ID      an event's RSVP counts
 *   user:ID       a member's unread notification count; only that member may subscribe
 * Visibility is the community's (community_can_read): a message of a private community goes
 * only to its members and administrators, of a members-only community only to signed-in
 * users, and a user channel's message only to its user. It is checked when a visitor
 * subscribes (live_channel_open) and again for every message at delivery (live_audience_*),
 * so a member removed from a private community stops receiving its messages at once.
 *
 * Publishing functions must be called inside the change's open write transaction, as its
 * last statement before the commit (on PostgreSQL the backlog insert holds a lock until the
 * commit, so that ids become visible in order). They return 0 or ERR_DB with c->err set. */
#ifndef PRAXIS_DOMAIN_LIVE_H
#define PRAXIS_DOMAIN_LIVE_H
#include <stddef.h>
#include <stdint.h>

#include "domain/domain.h"
#include "store/live.h"

#define LIVE_CHANNEL_MAX 40 /* bytes of a channel name */

/* --- publishing (inside the change's write transaction) --- */

/* A new post pid in thread tid of community cid (type "post"), an edit ("edit"), a comment
   under pid written, edited or deleted ("comment"), an accepted answer ("accepted", pid 0 =
   none). */
int live_thread_event(struct ctx *c, int64_t cid, int64_t tid, const char *type, int64_t pid);
/* A post's new vote score. */
int live_thread_vote(struct ctx *c, int64_t cid, int64_t tid, int64_t pid, int64_t score);
/* A new thread tid in community cid (the list's "n new threads" banner). */
int live_community_thread(struct ctx *c, int64_t cid, int64_t tid);
/* User uid's unread notification count changed (counted inside the transaction). */
int live_user_notifications(struct ctx *c, int64_t uid);
/* The RSVP counts of event eid (occurrence key) changed. */
int live_event_rsvp(struct ctx *c, int64_t cid, int64_t eid, int64_t key, int64_t going,
                    int64_t waiting);

/* --- subscribing --- */

struct live_channel {
    const char *name;     /* canonical "thread:12" (arena) */
    int64_t community_id; /* 0 for user channels */
};
/* Check that the acting user may follow channel name and fill *out. ERR_INVALID for a name
   that is not a channel, ERR_NOTFOUND for one the user may not read (the same answer as
   for one that does not exist: a private community stays invisible). */
int live_channel_open(struct ctx *c, const char *name, struct live_channel *out);

/* --- the backlog (for the hub and for replays; c needs only db and arena) --- */

/* Up to limit messages with id > after, oldest first (c->arena). 0 or ERR_DB. */
int live_backlog_after(struct ctx *c, int64_t after, int limit, struct live_row **out, size_t *n);
/* The smallest and largest ids in the backlog (0, 0 when empty). 0 or ERR_DB. */
int live_backlog_bounds(struct ctx *c, int64_t *lo, int64_t *hi);

/* --- delivery --- */

/* Who may receive one message, loaded once per message by the hub (members sorted). */
struct live_audience {
    int64_t community_id; /* 0 = none */
    int64_t user_id;      /* 0 = any reader of the community; else only this user */
    int gone;             /* the community no longer exists: nobody */
    int vis;              /* enum community_vis of the community now */
    int64_t *members;     /* private communities: member ids, ascending (arena) */
    size_t nmembers;
};
/* Load the audience of row (c->arena; c needs only db). 0 or ERR_DB. */
int live_audience_load(struct ctx *c, const struct live_row *row, struct live_audience *out);
/* 1 if user uid (0 = anonymous; is_admin: an instance administrator) may receive it. */
int live_audience_allows(const struct live_audience *a, int64_t uid, int is_admin);

#endif
