/* Internals shared by the files of the http layer (not for other layers): the server and
 * per-request structs, the static asset table, percent-decoding and the request flow entry
 * points that server.c hands to libmicrohttpd. */
#ifndef PRAXIS_HTTP_HTTP_INT_H
#define PRAXIS_HTTP_HTTP_INT_H
#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#include <microhttpd.h>

#include "http/http.h"

#define HTTP_DEFAULT_MAX_HEADER ((size_t)16 * 1024)
#define HTTP_DEFAULT_MAX_URL    ((size_t)4096)
#define HTTP_DEFAULT_MAX_BODY   ((size_t)1 << 20)
#define HTTP_DEFAULT_MAX_FIELDS ((size_t)200)
#define HTTP_DEFAULT_MAX_FIELD  ((size_t)256 * 1024)
#define HTTP_DEFAULT_MAX_UPLOAD ((size_t)40 << 20)
#define HTTP_MAX_PARTS          16    /* parts of one multipart body */
#define HTTP_MAX_COOKIES        100   /* cookie pairs kept from one Cookie header */
#define HTTP_CONN_TIMEOUT       30    /* seconds of inactivity before MHD drops a connection */
#define HTTP_CONN_LIMIT         1024  /* concurrent connections, all pool threads together */
#define HTTP_SHUTDOWN_GRACE_MS  10000 /* how long shutdown waits for in-flight requests */
#define HTTP_STREAM_POOL                                                                           \
    6144 /* per-connection memory on the stream listener (bytes;                                   \
            the request head must fit in about half) */

/* One running server; lives on http_serve's stack, read-only for the pool threads except
 * the atomics. */
struct server {
    const struct http_config *cfg; /* the application's configuration */
    struct http_limits lim;        /* cfg->limits with defaults filled in */
    pthread_key_t tkey;            /* per-thread struct tstate (thread_init result) */
    atomic_int inflight;           /* requests between URI callback and completion */
    atomic_int stopping;           /* 1 once shutdown began: responses say Connection: close */
    pthread_mutex_t streams_lock;  /* guards streams */
    struct http_stream *streams;   /* open streams (stream.c), to end them at shutdown */
    unsigned nstreams;             /* how many; at most max_streams */
    unsigned max_streams;          /* cfg->max_streams or its default */
};

/* Phases of one request, as libmicrohttpd calls the access handler. */
enum hreq_phase {
    PH_NEW,     /* URI seen; the access handler has not run yet */
    PH_BODY,    /* headers validated; receiving the body (if any) */
    PH_DISCARD, /* body over max_body: the rest is dropped, 413 when it ends */
    PH_ANSWERED /* a response is queued */
};

/* Per-request state, created by the URI log callback (so that every request, even one MHD
 * rejects itself, is logged and freed by the completion callback) and freed there. */
struct asset;
struct hreq {
    struct req r;               /* what handlers see */
    struct server *srv;         /* owning server */
    struct arena arena;         /* r.arena points here */
    const char *raw_uri;        /* request target as sent (arena) */
    struct buf body;            /* upload bytes, capped at body_cap */
    size_t body_cap;            /* max_body, or max_upload for multipart to R_UPLOAD routes */
    const struct asset *asset;  /* static asset to send instead of r.out, or NULL */
    struct http_stream *stream; /* resp_stream's stream, sent instead of r.out, or NULL */
    char *kept;            /* streams: raw_uri, method and address for the access log, kept in one
                              heap block while the request's arena is freed (stream.c); or NULL */
    enum hreq_phase phase; /* see enum hreq_phase */
    int authed;            /* authenticate was called (whatever it returned) */
    int plain_errors;      /* errors use the built-in page, not render_error (assets) */
    int close;             /* answer with Connection: close */
    int status_hint;       /* status for a first-call failure when not the err's (414) */
    size_t discarded;      /* body bytes dropped after the body went over body_cap */
    int sent_status;       /* status queued, for the access log (0 = none) */
    size_t sent_bytes;     /* body bytes queued */
    int64_t start_ms;      /* monotonic start, for the access log */
    char nonce[33];        /* CSP nonce, 32 hex chars */
};

/* --- static.c (the asset table itself is in asset.h) --- */
/* Serve GET/HEAD /static/NAME and /favicon.ico into h (status, body, headers); returns 1 if
 * path is one of those (answered, maybe with an error code returned through *err), else 0. */
int static_serve(struct hreq *h, int *err);

/* --- stream.c --- */
#define HTTP_DEFAULT_MAX_STREAMS 10000
/* Queue h's stream as the response (called by respond); returns MHD_queue_response's
   result. */
enum MHD_Result stream_queue(struct hreq *h);
/* Drop a stream that was made but never queued (the request failed afterwards). */
void stream_abandon(struct hreq *h);
/* End every open stream (shutdown). */
void stream_end_all(struct server *srv);

/* --- form.c --- */
/* Percent-decode s[0..n) into a new arena string (*out, length *outlen). plus_space turns '+'
 * into ' ' (forms and queries, not paths). Returns 0, or ERR_INVALID on a bad escape, a NUL
 * byte (raw or %00) or invalid UTF-8 in the result. */
int url_decode(struct arena *a, const char *s, size_t n, int plus_space, char **out,
               size_t *outlen);

/* Copy in (which may be NULL) to out, replacing zero members with the defaults. */
void http_limits_fill(struct http_limits *out, const struct http_limits *in);

/* --- request.c: the libmicrohttpd callbacks server.c registers; cls is the server --- */
/* URI log callback: creates the request's struct hreq (becomes *con_cls). */
void *hreq_uri_cb(void *cls, const char *uri, struct MHD_Connection *conn);
/* Completion callback: writes the access log line and frees the hreq. */
void hreq_completed_cb(void *cls, struct MHD_Connection *conn, void **con_cls,
                       enum MHD_RequestTerminationCode toe);
/* Access handler: validates, buffers the body, routes, runs the handler, responds. */
enum MHD_Result hreq_access_cb(void *cls, struct MHD_Connection *conn, const char *url,
                               const char *method, const char *version, const char *upload_data,
                               size_t *upload_data_size, void **con_cls);
/* pthread key destructor for per-thread state: calls thread_fini and frees. */
void tstate_free(void *p);

#endif
