/* The SQL catalogue for live updates (table live_messages, migration 0017): writing a
 * message into the backlog inside the caller's transaction (with the trim that keeps the
 * backlog bounded and, on PostgreSQL, the NOTIFY that wakes the other instances at commit),
 * reading the messages after an id, the backlog's bounds, and the two facts the delivery
 * check needs about a community: its visibility and its members. Strings in results are
 * copied into the arena passed in. Functions return 0 (or a count) or ERR_DB. */
#ifndef PRAXIS_STORE_LIVE_H
#define PRAXIS_STORE_LIVE_H
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "store/db.h"

#define LIVE_BACKLOG_ROWS   2000            /* messages kept */
#define LIVE_BACKLOG_AGE    (7 * 24 * 3600) /* seconds a message is kept */
#define LIVE_NOTIFY_CHANNEL "praxis_live"   /* PostgreSQL LISTEN/NOTIFY channel */

/* One row of live_messages. */
struct live_row {
    int64_t id;           /* the SSE event id */
    const char *channel;  /* "thread:12", "community:3", "user:7", "event:5" */
    int64_t community_id; /* whose readers may receive it; 0 = none (user channels) */
    int64_t user_id;      /* 0 = every reader of the community; else only this user */
    const char *payload;  /* JSON object text */
    int64_t created_at;   /* UTC seconds */
};

/* Write one message; call inside the caller's open write transaction (the message commits
   or rolls back with the change). Serialises publishers until commit on PostgreSQL (an
   advisory transaction lock) so that ids become visible in id order, trims the backlog to
   LIVE_BACKLOG_ROWS and LIVE_BACKLOG_AGE (the newest row is always kept), sends NOTIFY
   praxis_live (PostgreSQL; delivered at commit) and marks the connection so that db_commit
   runs its commit hook. *id (may be NULL) receives the new id. */
int live_db_insert(struct db *db, const char *channel, int64_t community_id, int64_t user_id,
                   const char *payload, int64_t now, int64_t *id);
/* Up to limit messages with id > after, oldest first, into *out (arena). */
int live_db_after(struct db *db, struct arena *a, int64_t after, int limit, struct live_row **out,
                  size_t *n);
/* The smallest and largest ids in the backlog (both 0 when it is empty). */
int live_db_bounds(struct db *db, int64_t *min_id, int64_t *max_id);
/* The visibility of community cid ("public", "members", "private") into *vis (arena), or
   ERR_NOTFOUND when it does not exist. */
int live_db_community_visibility(struct db *db, struct arena *a, int64_t cid, const char **vis);
/* The ids of community cid's members, ascending, into *out (arena). */
int live_db_member_ids(struct db *db, struct arena *a, int64_t cid, int64_t **out, size_t *n);

#endif
