/* Streams: responses whose body is produced over time (Server-Sent Events) without holding a
 * thread, on libmicrohttpd's suspend/resume (see http.h for the interface).
 *
 * The body is a callback response of unknown size (sent chunked). When libmicrohttpd can
 * write, it calls content_reader on the connection's pool thread, which asks the owner's
 * ops->read. When that has nothing, the connection is suspended from inside the reader
 * (where libmicrohttpd allows it) and leaves the event loop; http_stream_wake resumes it
 * from any thread. The race between "read found nothing" and "a wake came in" is closed by
 * the stream's mutex: the reader decides to suspend while holding it, and a wake that finds
 * the stream awake leaves `pending` set so that the reader tries again instead of
 * suspending. The stream lives until both references are gone: the connection's (dropped by
 * the response's free callback, when libmicrohttpd is done with the connection) and the
 * owner's (http_stream_release). The server keeps a list of open streams so that shutdown
 * can end them all. */
#include <errno.h>
#include <pthread.h>
#include <sys/socket.h>
#include <stdlib.h>
#include <string.h>

#include "core/log.h"
#include "core/util.h"
#include "http/http_int.h"

#define STREAM_BLOCK                                                                               \
    256 /* libmicrohttpd's buffer per callback response (it writes the                             \
           chunks into the connection's own buffer): kept small, one per                           \
           stream */

struct http_stream {
    pthread_mutex_t lock;              /* guards the flags below and refs */
    int refs;                          /* connection + owner */
    struct server *srv;                /* for the list and the count */
    struct MHD_Connection *conn;       /* NULL once the connection is over */
    const struct http_stream_ops *ops; /* the owner's callbacks */
    void *arg;                         /* their argument */
    int suspended;                     /* the connection is suspended by us */
    int pending;                       /* woken while awake: read again before suspending */
    int ending;                        /* http_stream_end or shutdown: finish the response */
    int closed;                        /* ops->closed has run */
    struct http_stream *prev, *next;   /* srv->streams list */
};

static void unref(struct http_stream *s)
{
    int last;
    pthread_mutex_lock(&s->lock);
    last = --s->refs == 0;
    pthread_mutex_unlock(&s->lock);
    if (last) {
        pthread_mutex_destroy(&s->lock);
        free(s);
    }
}

struct http_stream *resp_stream(struct req *r, const struct http_stream_ops *ops, void *arg)
{
    struct hreq *h = (struct hreq *)(void *)r; /* r is the first member of struct hreq */
    struct server *srv = h->srv;
    struct http_stream *s;

    pthread_mutex_lock(&srv->streams_lock);
    if (srv->nstreams >= srv->max_streams || atomic_load(&srv->stopping)) {
        pthread_mutex_unlock(&srv->streams_lock);
        return NULL;
    }
    s = x_calloc(1, sizeof(*s));
    pthread_mutex_init(&s->lock, NULL);
    s->refs = 2;
    s->srv = srv;
    s->conn = (struct MHD_Connection *)r->conn;
    s->ops = ops;
    s->arg = arg;
    s->next = srv->streams;
    if (srv->streams)
        srv->streams->prev = s;
    srv->streams = s;
    srv->nstreams++;
    pthread_mutex_unlock(&srv->streams_lock);
    h->stream = s;
    return s;
}

/* The connection is over: unlist, tell the owner, drop the connection's reference. */
static void stream_closed(struct http_stream *s)
{
    struct server *srv = s->srv;
    int was_closed;
    pthread_mutex_lock(&srv->streams_lock);
    if (s->prev)
        s->prev->next = s->next;
    else if (srv->streams == s)
        srv->streams = s->next;
    if (s->next)
        s->next->prev = s->prev;
    s->prev = s->next = NULL;
    srv->nstreams--;
    pthread_mutex_unlock(&srv->streams_lock);
    pthread_mutex_lock(&s->lock);
    was_closed = s->closed;
    s->closed = 1;
    s->conn = NULL;
    pthread_mutex_unlock(&s->lock);
    if (!was_closed)
        s->ops->closed(s->arg);
    unref(s);
}

static ssize_t content_reader(void *cls, uint64_t pos, char *buf, size_t max)
{
    struct http_stream *s = cls;
    long n;
    (void)pos;
    pthread_mutex_lock(&s->lock);
    if (s->ending) {
        pthread_mutex_unlock(&s->lock);
        return MHD_CONTENT_READER_END_OF_STREAM;
    }
    s->pending = 0;
    pthread_mutex_unlock(&s->lock);
    n = s->ops->read(s->arg, buf, max);
    if (n < 0)
        return MHD_CONTENT_READER_END_OF_STREAM;
    if (n > 0)
        return (ssize_t)n;
    pthread_mutex_lock(&s->lock);
    if (s->ending) {
        pthread_mutex_unlock(&s->lock);
        return MHD_CONTENT_READER_END_OF_STREAM;
    }
    if (!s->pending && s->conn) {
        s->suspended = 1;
        MHD_suspend_connection(s->conn);
    }
    s->pending = 0;
    pthread_mutex_unlock(&s->lock);
    return 0;
}

static void content_free(void *cls)
{
    stream_closed(cls);
}

/* A stream may live for hours: give back the request's memory (its arena, body and output
 * buffers: several KiB each, times thousands of streams) and keep only what the access log
 * line needs when the connection ends (hreq_completed_cb). */
static void stream_shrink(struct hreq *h)
{
    const char *m = h->r.method_name ? h->r.method_name : "-";
    const char *a = h->r.remote_addr ? h->r.remote_addr : "-";
    size_t lu = strlen(h->raw_uri), lm = strlen(m), la = strlen(a);
    char *k = x_malloc(lu + lm + la + 3);
    memcpy(k, h->raw_uri, lu + 1);
    memcpy(k + lu + 1, m, lm + 1);
    memcpy(k + lu + lm + 2, a, la + 1);
    if (h->r.body_json && h->r.free_body_json)
        h->r.free_body_json(h->r.body_json);
    h->r.body_json = NULL;
    buf_release(&h->r.out);
    buf_release(&h->body);
    arena_release(&h->arena);
    arena_init(&h->arena);
    memset(&h->r.query, 0, sizeof(h->r.query)); /* pointed into the arena */
    h->r.nquery = 0;
    h->r.nform = 0;
    h->r.form = NULL;
    h->r.path = NULL;
    h->kept = k;
    h->raw_uri = k;
    h->r.method_name = k + lu + 1;
    h->r.remote_addr = k + lu + lm + 2;
}

enum MHD_Result stream_queue(struct hreq *h)
{
    struct http_stream *s = h->stream;
    struct MHD_Response *resp;
    enum MHD_Result ret;

    h->stream = NULL;
    resp = MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, STREAM_BLOCK, content_reader, s,
                                             content_free);
    if (!resp) {
        stream_closed(s);
        return MHD_NO;
    }
    MHD_add_response_header(resp, "Content-Type",
                            h->r.content_type_out ? h->r.content_type_out : "text/event-stream");
    for (size_t i = 0; i < h->r.nheaders; i++)
        MHD_add_response_header(resp, h->r.headers[i].name, h->r.headers[i].value);
    MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
    ret = MHD_queue_response((struct MHD_Connection *)h->r.conn, (unsigned)h->r.status, resp);
    MHD_destroy_response(resp); /* content_free runs when the connection lets go */
    h->phase = PH_ANSWERED;
    h->sent_status = h->r.status;
    stream_shrink(h);
    return ret;
}

void stream_abandon(struct hreq *h)
{
    struct http_stream *s = h->stream;
    if (!s)
        return;
    h->stream = NULL;
    stream_closed(s);
}

void http_stream_wake(struct http_stream *s)
{
    pthread_mutex_lock(&s->lock);
    if (s->conn && s->suspended) {
        s->suspended = 0;
        MHD_resume_connection(s->conn);
    } else {
        s->pending = 1;
    }
    pthread_mutex_unlock(&s->lock);
}

void http_stream_end(struct http_stream *s)
{
    pthread_mutex_lock(&s->lock);
    s->ending = 1;
    pthread_mutex_unlock(&s->lock);
    http_stream_wake(s);
}

int http_stream_peer_gone(struct http_stream *s)
{
    const union MHD_ConnectionInfo *ci = NULL;
    char c;
    ssize_t n;
    int fd = -1;
    pthread_mutex_lock(&s->lock);
    if (s->conn && !s->ending)
        ci = MHD_get_connection_info(s->conn, MHD_CONNECTION_INFO_CONNECTION_FD);
    if (ci)
        fd = ci->connect_fd;
    pthread_mutex_unlock(&s->lock);
    if (fd < 0)
        return 1;
    n = recv(fd, &c, 1, MSG_PEEK | MSG_DONTWAIT);
    return n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR);
}

void http_stream_release(struct http_stream *s)
{
    if (s)
        unref(s);
}

void stream_end_all(struct server *srv)
{
    struct http_stream *s;
    pthread_mutex_lock(&srv->streams_lock);
    for (s = srv->streams; s; s = s->next)
        http_stream_end(s);
    pthread_mutex_unlock(&srv->streams_lock);
}
