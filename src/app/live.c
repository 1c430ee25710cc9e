/* The live hub: subscribers, the dispatch thread and the SSE framing (see app/live.h). */
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include "app/live.h"
#include "core/buf.h"
#include "core/html.h"
#include "core/log.h"
#include "core/timeutil.h"
#include "core/util.h"
#include "domain/domain.h"
#include "domain/live.h"

#define FETCH_BATCH 500 /* backlog rows read at a time */

struct live_sub {
    struct live_hub *hub;                            /* owner */
    struct http_stream *stream;                      /* NULL until attached */
    pthread_mutex_t lock;                            /* guards out and off */
    struct buf out;                                  /* bytes queued for the client */
    size_t off;                                      /* of them, already handed to the connection */
    int64_t uid;                                     /* subscriber (0 = anonymous) */
    int is_admin;                                    /* an instance administrator */
    char addr[64];                                   /* client address, for the per-address limit */
    char chans[LIVE_SUB_CHANNELS][LIVE_CHANNEL_MAX]; /* channels followed */
    size_t nchans;
    int listed;                   /* in hub->subs */
    struct live_sub *prev, *next; /* hub->subs */
};

struct live_hub {
    struct live_config cfg; /* copy */
    struct db *db;          /* the hub thread's connection */
    int wfd;                /* eventfd: wakes the thread (commit hook, stop) */
    pthread_t thread;       /* the dispatch thread */
    pthread_mutex_t lock;   /* guards subs, nsubs, cursor */
    struct live_sub *subs;  /* every open subscriber */
    size_t nsubs;           /* how many */
    int64_t cursor;         /* the last id dispatched */
    int stop;               /* under lock: the thread should end */
    int listening;          /* PostgreSQL: LISTEN is active on db */
};

void live_format(struct buf *b, int64_t id, const char *channel, const char *payload)
{
    size_t n = strlen(payload);
    buf_printf(b, "id: %lld\ndata: {\"id\":%lld,\"channel\":", (long long)id, (long long)id);
    json_str(b, channel);
    /* payloads are one-line JSON objects written by domain/live.c */
    if (n >= 2 && payload[0] == '{' && !strchr(payload, '\n') && !strchr(payload, '\r')) {
        if (n > 2)
            buf_putc(b, ',');
        buf_append(b, payload + 1, n - 1);
    } else {
        buf_putc(b, '}');
    }
    buf_puts(b, "\n\n");
}

/* Queue bytes for sub and wake its stream; cut a client whose queue is over the cap (it
   reconnects with Last-Event-ID and gets the rest from the backlog). Hub lock held. */
static void sub_push(struct live_sub *sub, const char *data, size_t len)
{
    int over;
    pthread_mutex_lock(&sub->lock);
    over = sub->out.len - sub->off + len > LIVE_QUEUE_MAX;
    if (!over)
        buf_append(&sub->out, data, len);
    pthread_mutex_unlock(&sub->lock);
    if (!sub->stream)
        return;
    if (over)
        http_stream_end(sub->stream);
    else
        http_stream_wake(sub->stream);
}

int live_sub_follows(const struct live_sub *sub, const char *channel)
{
    size_t i;
    for (i = 0; i < sub->nchans; i++)
        if (!strcmp(sub->chans[i], channel))
            return 1;
    return 0;
}

/* Hand every new backlog row to its subscribers. Runs on the hub thread. */
static void dispatch(struct live_hub *hub)
{
    struct arena a;
    struct errinfo e = {0};
    struct ctx c;
    for (;;) {
        struct live_row *rows;
        size_t n, i;
        int64_t after;
        pthread_mutex_lock(&hub->lock);
        after = hub->cursor;
        pthread_mutex_unlock(&hub->lock);
        arena_init(&a);
        memset(&c, 0, sizeof(c));
        c.db = hub->db;
        c.arena = &a;
        c.err = &e;
        c.now = time_now();
        if (live_backlog_after(&c, after, FETCH_BATCH, &rows, &n) < 0) {
            log_warn("msg=\"live: cannot read the backlog\" error=\"%s\"", db_last_error(hub->db));
            hub->listening = 0; /* the link may have been reset: LISTEN again */
            arena_release(&a);
            return;
        }
        for (i = 0; i < n; i++) {
            struct live_audience aud;
            struct buf ev = BUF_INIT;
            struct live_sub *s;
            if (live_audience_load(&c, &rows[i], &aud) < 0) {
                log_warn("msg=\"live: cannot load the audience\" id=%lld", (long long)rows[i].id);
                aud.gone = 1, aud.community_id = 1, aud.user_id = 0; /* deliver to nobody */
            }
            live_format(&ev, rows[i].id, rows[i].channel, rows[i].payload);
            pthread_mutex_lock(&hub->lock);
            for (s = hub->subs; s; s = s->next)
                if (live_sub_follows(s, rows[i].channel) &&
                    live_audience_allows(&aud, s->uid, s->is_admin))
                    sub_push(s, ev.data, ev.len);
            hub->cursor = rows[i].id;
            pthread_mutex_unlock(&hub->lock);
            buf_release(&ev);
        }
        arena_release(&a);
        if (n < FETCH_BATCH)
            return;
    }
}

static void heartbeat(struct live_hub *hub)
{
    static const char hb[] = ":\n\n";
    struct live_sub *s;
    pthread_mutex_lock(&hub->lock);
    for (s = hub->subs; s; s = s->next)
        sub_push(s, hb, sizeof(hb) - 1);
    pthread_mutex_unlock(&hub->lock);
}

static void *hub_main(void *arg)
{
    struct live_hub *hub = arg;
    int64_t next_hb = time_now_ms() + hub->cfg.heartbeat_ms;
    for (;;) {
        struct pollfd p[2];
        int np = 1, timeout, stop;
        int64_t now = time_now_ms();
        uint64_t v;
        if (db_kind(hub->db) == DB_PG && !hub->listening) {
            if (db_listen(hub->db, LIVE_NOTIFY_CHANNEL) == 0) {
                hub->listening = 1;
                dispatch(hub); /* what came while we were not listening */
            }
        }
        p[0].fd = hub->wfd;
        p[0].events = POLLIN;
        p[1].fd = hub->listening ? db_notify_fd(hub->db) : -1;
        p[1].events = POLLIN;
        if (p[1].fd >= 0)
            np = 2;
        timeout = (int)(next_hb - now);
        if (timeout > 1000)
            timeout = 1000; /* also a fallback poll of the backlog (writes from the CLI) */
        if (timeout < 0)
            timeout = 0;
        if (poll(p, (nfds_t)np, timeout) < 0 && errno != EINTR)
            log_warn("msg=\"live: poll failed\" reason=\"%s\"", strerror(errno));
        pthread_mutex_lock(&hub->lock);
        stop = hub->stop;
        pthread_mutex_unlock(&hub->lock);
        if (stop)
            break;
        if (read(hub->wfd, &v, sizeof(v)) < 0 && errno != EAGAIN)
            log_warn("msg=\"live: eventfd read failed\"");
        if (hub->listening && db_notifications(hub->db) < 0)
            hub->listening = 0;
        dispatch(hub);
        if (hub->listening && db_notifications(hub->db) > 0)
            dispatch(hub); /* notifications that came in during the read */
        if (time_now_ms() >= next_hb) {
            heartbeat(hub);
            next_hb = time_now_ms() + hub->cfg.heartbeat_ms;
        }
    }
    return NULL;
}

void live_hub_wake(void *arg)
{
    struct live_hub *hub = arg;
    uint64_t one = 1;
    if (write(hub->wfd, &one, sizeof(one)) < 0 && errno != EAGAIN)
        log_warn("msg=\"live: eventfd write failed\"");
}

int live_hub_start(const struct live_config *cfg, struct live_hub **out, struct errinfo *e)
{
    struct live_hub *hub = x_calloc(1, sizeof(*hub));
    int rc;
    int64_t lo = 0, hi = 0;
    struct arena a;
    struct ctx c;
    hub->cfg = *cfg;
    if (hub->cfg.heartbeat_ms <= 0)
        hub->cfg.heartbeat_ms = LIVE_HEARTBEAT_MS;
    if (db_open(cfg->db_url, &hub->db, e) < 0) {
        free(hub);
        return e->code ? e->code : ERR_DB;
    }
    arena_init(&a);
    memset(&c, 0, sizeof(c));
    c.db = hub->db;
    c.arena = &a;
    c.err = e;
    rc = live_backlog_bounds(&c, &lo, &hi);
    arena_release(&a);
    if (rc < 0) {
        error_set(e, ERR_DB, NULL, "cannot read the live backlog: %s", db_last_error(hub->db));
        db_close(hub->db);
        free(hub);
        return ERR_DB;
    }
    hub->cursor = hi;
    hub->wfd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (hub->wfd < 0) {
        error_set(e, ERR_INTERNAL, NULL, "eventfd: %s", strerror(errno));
        db_close(hub->db);
        free(hub);
        return ERR_INTERNAL;
    }
    pthread_mutex_init(&hub->lock, NULL);
    if (pthread_create(&hub->thread, NULL, hub_main, hub) != 0) {
        error_set(e, ERR_INTERNAL, NULL, "cannot start the live thread");
        pthread_mutex_destroy(&hub->lock);
        close(hub->wfd);
        db_close(hub->db);
        free(hub);
        return ERR_INTERNAL;
    }
    *out = hub;
    return 0;
}

void live_hub_stop(struct live_hub *hub)
{
    if (!hub)
        return;
    pthread_mutex_lock(&hub->lock);
    hub->stop = 1;
    pthread_mutex_unlock(&hub->lock);
    live_hub_wake(hub);
    pthread_join(hub->thread, NULL);
    /* http_serve has returned: every connection, and so every subscriber, is gone */
    pthread_mutex_destroy(&hub->lock);
    close(hub->wfd);
    db_close(hub->db);
    free(hub);
}

int live_sub_open(struct live_hub *hub, int64_t uid, int is_admin, const char *addr,
                  const char *const *names, size_t n, unsigned per_addr, struct live_sub **out,
                  int64_t *cursor)
{
    struct live_sub *sub, *s;
    unsigned same = 0;
    size_t i;
    pthread_mutex_lock(&hub->lock);
    if (per_addr) {
        for (s = hub->subs; s; s = s->next)
            if (!strcmp(s->addr, addr ? addr : ""))
                same++;
        if (same >= per_addr) { /* count again without the clients that left (reloads) */
            same = 0;
            for (s = hub->subs; s; s = s->next) {
                if (strcmp(s->addr, addr ? addr : ""))
                    continue;
                if (s->stream && http_stream_peer_gone(s->stream))
                    http_stream_end(s->stream);
                else
                    same++;
            }
        }
        if (same >= per_addr) {
            pthread_mutex_unlock(&hub->lock);
            return ERR_RATE;
        }
    }
    sub = x_calloc(1, sizeof(*sub));
    sub->hub = hub;
    pthread_mutex_init(&sub->lock, NULL);
    buf_init(&sub->out, 0);
    sub->uid = uid;
    sub->is_admin = is_admin;
    str_copy(sub->addr, addr ? addr : "", sizeof(sub->addr));
    for (i = 0; i < n && i < LIVE_SUB_CHANNELS; i++)
        str_copy(sub->chans[i], names[i], LIVE_CHANNEL_MAX);
    sub->nchans = i;
    sub->next = hub->subs;
    if (hub->subs)
        hub->subs->prev = sub;
    hub->subs = sub;
    hub->nsubs++;
    sub->listed = 1;
    *cursor = hub->cursor;
    pthread_mutex_unlock(&hub->lock);
    *out = sub;
    return 0;
}

void live_sub_prepend(struct live_sub *sub, const char *data, size_t len)
{
    struct buf nb = BUF_INIT;
    pthread_mutex_lock(&sub->lock);
    buf_append(&nb, data, len);
    buf_append(&nb, sub->out.data + sub->off, sub->out.len - sub->off);
    buf_release(&sub->out);
    sub->out = nb;
    sub->off = 0;
    pthread_mutex_unlock(&sub->lock);
}

int live_sub_replay(struct ctx *c, struct live_sub *sub, int64_t since, int64_t cursor)
{
    struct buf b = BUF_INIT;
    int64_t lo = 0, hi = 0;
    int rc = 0;
    buf_printf(&b, "retry: %d\n\n", LIVE_RETRY_MS);
    if (since >= 0 && (rc = live_backlog_bounds(c, &lo, &hi)) == 0) {
        if ((lo > 0 && since < lo - 1) || since > (hi > cursor ? hi : cursor)) {
            buf_printf(&b, "id: %lld\nevent: reload\ndata: {\"id\":%lld}\n\n", (long long)cursor,
                       (long long)cursor);
        } else {
            int64_t after = since;
            while (after < cursor && rc == 0) {
                struct live_row *rows;
                size_t n, i;
                struct live_audience aud;
                if ((rc = live_backlog_after(c, after, FETCH_BATCH, &rows, &n)) < 0)
                    break;
                for (i = 0; i < n && rows[i].id <= cursor; i++) {
                    if (live_sub_follows(sub, rows[i].channel) &&
                        live_audience_load(c, &rows[i], &aud) == 0 &&
                        live_audience_allows(&aud, sub->uid, sub->is_admin))
                        live_format(&b, rows[i].id, rows[i].channel, rows[i].payload);
                    after = rows[i].id;
                }
                if (n < FETCH_BATCH || i < n)
                    break;
            }
        }
    }
    buf_printf(&b, "id: %lld\nevent: ready\ndata: {\"id\":%lld}\n\n", (long long)cursor,
               (long long)cursor);
    live_sub_prepend(sub, b.data, b.len);
    buf_release(&b);
    return rc;
}

/* Unlist and free (the stream is over or was never made). */
static void sub_free(struct live_sub *sub)
{
    struct live_hub *hub = sub->hub;
    pthread_mutex_lock(&hub->lock);
    if (sub->listed) {
        if (sub->prev)
            sub->prev->next = sub->next;
        else
            hub->subs = sub->next;
        if (sub->next)
            sub->next->prev = sub->prev;
        hub->nsubs--;
        sub->listed = 0;
    }
    pthread_mutex_unlock(&hub->lock);
    http_stream_release(sub->stream);
    buf_release(&sub->out);
    pthread_mutex_destroy(&sub->lock);
    free(sub);
}

void live_sub_abort(struct live_sub *sub)
{
    if (sub)
        sub_free(sub);
}

static long sub_read(void *arg, char *buf, size_t max)
{
    struct live_sub *sub = arg;
    size_t n;
    pthread_mutex_lock(&sub->lock);
    n = sub->out.len - sub->off;
    if (n > max)
        n = max;
    memcpy(buf, sub->out.data + sub->off, n);
    sub->off += n;
    if (sub->off == sub->out.len) {
        if (sub->out.cap > 4096)
            buf_release(&sub->out); /* give back what a burst took */
        else
            buf_reset(&sub->out);
        sub->off = 0;
    }
    pthread_mutex_unlock(&sub->lock);
    return (long)n;
}

static void sub_closed(void *arg)
{
    sub_free(arg);
}

static const struct http_stream_ops sub_ops = {sub_read, sub_closed};

int live_sub_attach(struct live_sub *sub, struct req *r)
{
    struct http_stream *st;
    struct live_hub *hub = sub->hub;
    st = resp_stream(r, &sub_ops, sub);
    if (!st) {
        sub_free(sub);
        return ERR_UNAVAILABLE;
    }
    /* under the hub lock, so that dispatch sees either no stream or this one */
    pthread_mutex_lock(&hub->lock);
    sub->stream = st;
    pthread_mutex_unlock(&hub->lock);
    return 0;
}
