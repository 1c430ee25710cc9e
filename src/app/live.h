/* The live hub: one per `praxis serve` process. It holds every open live-update stream
 * (GET /live, Server-Sent Events; the handler is api/live.c), follows the backlog table
 * (store/live.c) and hands each new message to the streams subscribed to its channel whose
 * user may read it (domain/live.c decides, per message and subscriber, at delivery).
 *
 * One thread of its own, with its own database connection, waits for news: on SQLite the
 * commit hook of the pool's connections wakes it (db_set_commit_hook: every commit that
 * wrote a live message); on PostgreSQL it also LISTENs on praxis_live, so that a message
 * written by another instance reaches this one's streams. It then reads the rows after the
 * last it dispatched, in id order, loads each message's audience once, and appends the
 * event to every matching subscriber's queue and wakes its stream. Streams cost no thread:
 * they sleep in libmicrohttpd's suspend list until woken (http_stream_*). Every
 * heartbeat interval each stream gets a comment line, which keeps proxies from closing it
 * and finds clients that went away. See docs/internals/live.md. */
#ifndef PRAXIS_APP_LIVE_H
#define PRAXIS_APP_LIVE_H
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "http/http.h"

#define LIVE_SUB_CHANNELS 16           /* channels one stream may follow */
#define LIVE_QUEUE_MAX    (256 * 1024) /* bytes queued for a slow client before it is cut */
#define LIVE_HEARTBEAT_MS 25000        /* default heartbeat interval */
#define LIVE_PER_ADDRESS  20           /* default live_per_address setting */
#define LIVE_RETRY_MS     3000         /* the client's reconnect delay (SSE retry:) */

struct live_hub;
struct live_config {
    const char *db_url;   /* the hub thread's own connection */
    int64_t heartbeat_ms; /* [LIVE_HEARTBEAT_MS] */
};

/* Start the hub thread. Returns 0, or an err with e set (cannot connect, cannot LISTEN). */
int live_hub_start(const struct live_config *cfg, struct live_hub **out, struct errinfo *e);
/* End every stream, stop the thread, free. NULL is fine. Call after http_serve returned. */
void live_hub_stop(struct live_hub *hub);
/* The commit hook (db_set_commit_hook's fn): wake the hub. Any thread; never blocks. */
void live_hub_wake(void *hub);

/* A subscription being opened by a request (api/live.c). */
struct live_sub;
/* Register a new subscriber for user uid (is_admin) at address addr following channels
   names[0..n) (already checked with live_channel_open). Fails with ERR_RATE when addr holds
   per_addr streams already (0 = no limit). *cursor receives the id after which the hub
   will deliver to it: the caller replays the backlog up to and including that id with
   live_sub_prepend. Returns 0 or ERR_RATE. */
int live_sub_open(struct live_hub *hub, int64_t uid, int is_admin, const char *addr,
                  const char *const *names, size_t n, unsigned per_addr, struct live_sub **out,
                  int64_t *cursor);
/* 1 if sub follows channel. */
int live_sub_follows(const struct live_sub *sub, const char *channel);
/* Put bytes in front of what the hub queued since live_sub_open (the replay). */
void live_sub_prepend(struct live_sub *sub, const char *data, size_t len);
/* Queue the start of sub's stream, in front of anything the hub queued already: the retry
   delay; when since >= 0 (Last-Event-ID or ?since=), the backlog messages after since up
   to cursor that sub follows and may read, or a "reload" event when since is older than the
   backlog (the client missed messages that are gone) or newer than any id; then a "ready"
   event with id cursor. c is the request's ctx. Returns 0 or ERR_DB. */
struct ctx;
int live_sub_replay(struct ctx *c, struct live_sub *sub, int64_t since, int64_t cursor);
/* Attach the response: make r's body the subscriber's stream. Returns 0, or
   ERR_UNAVAILABLE when the server holds all the streams it may (the subscriber is
   closed). After 0 the connection owns the subscriber. */
int live_sub_attach(struct live_sub *sub, struct req *r);
/* Close a subscriber that was never attached. */
void live_sub_abort(struct live_sub *sub);

/* Append one message as an SSE event (id, data with channel merged in) to b. */
struct buf;
void live_format(struct buf *b, int64_t id, const char *channel, const char *payload);

#endif
