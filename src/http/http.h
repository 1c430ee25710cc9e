/* The HTTP layer: an adapter over libmicrohttpd (thread pool + epoll).
 *
 * It owns: request limits, parsing (query, urlencoded forms, cookies, JSON bodies are left
 * raw), the declarative route table and its precondition flags, security headers on every
 * response, embedded static assets, the access log, /healthz and graceful shutdown.
 * It knows nothing of users or the database: the application passes hooks (thread_init to
 * make per-thread state such as a DB connection, authenticate to load the session) and the
 * http layer checks R_LOGIN / R_ADMIN / R_CSRF from what authenticate filled in.
 *
 * Handlers run synchronously on a pool thread. A handler returns 0 after filling the
 * response (r->status, r->out, headers), or a negative enum err with r->err set; the layer
 * then renders the error: JSON {"error":{"code","message","field"}} for R_API routes,
 * otherwise the HTML error hook (or a plain built-in page). */
#ifndef PRAXIS_HTTP_HTTP_H
#define PRAXIS_HTTP_HTTP_H
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/err.h"

enum http_method {
    HTTP_GET,
    HTTP_HEAD,
    HTTP_POST,
    HTTP_PUT,
    HTTP_PATCH,
    HTTP_DELETE,
    HTTP_OPTIONS,
    HTTP_OTHER,
    HTTP__MAX
};

/* Route precondition flags, checked before the handler runs. */
enum {
    R_LOGIN = 1 << 0,  /* must be signed in (else 401 JSON / redirect to /signin?next=) */
    R_CSRF = 1 << 1,   /* state change: needs a valid CSRF token unless authenticated by a
                          Bearer token (r->via_token) */
    R_ADMIN = 1 << 2,  /* must be an instance administrator (implies R_LOGIN) */
    R_API = 1 << 3,    /* JSON API route: errors as JSON, no redirects */
    R_MOD = 1 << 4,    /* reserved: moderators; object-level checks live in domain */
    R_SECRET = 1 << 5, /* the path carries a secret (an invitation or feed token): the
                          access log shows the route's pattern, never the path */
    R_UPLOAD = 1 << 6, /* takes multipart/form-data bodies up to max_upload bytes (from a
                          client sending a Cookie or Authorization header; else max_body):
                          the parts are in r->parts, the text parts also in r->form */
};

/* One part of a multipart/form-data body (multipart_parse). */
struct multipart_part {
    const char *name;     /* the form field name: non-empty, valid UTF-8 */
    const char *filename; /* the filename parameter as sent, or NULL (never trust it) */
    const char *type;     /* the part's Content-Type as sent, or "" (never trust it) */
    const char *data;     /* the part's bytes, inside the request body: not NUL-terminated */
    size_t len;
};

struct kv {
    const char *key;   /* decoded, NUL-terminated, valid UTF-8 */
    const char *value; /* decoded, NUL-terminated, valid UTF-8 */
};

struct req;
typedef int (*http_handler)(struct req *r);

struct route {
    enum http_method method; /* HTTP_GET routes also answer HEAD */
    const char *pattern;     /* "/c/:slug/members": ":name" captures one path segment */
    unsigned flags;          /* R_* */
    http_handler fn;
};

/* Limits (defaults in brackets). Over a limit the request gets the status named. */
struct http_limits {
    size_t max_header; /* [16 KiB] total request head (MHD pool) -> 431 */
    size_t max_url;    /* [4096] path + query bytes -> 414 */
    size_t max_body;   /* [1 MiB] Content-Length or chunked total -> 413 */
    size_t max_fields; /* [200] form/query fields -> 413 */
    size_t max_field;  /* [256 KiB] one decoded field value -> 413 */
    size_t max_upload; /* [40 MiB] body of a multipart request to an R_UPLOAD route -> 413 */
};

struct http_config {
    const char *listen;        /* "127.0.0.1:8080" or "[::1]:8080" */
    unsigned threads;          /* pool size [2] */
    struct http_limits limits; /* zeros take defaults */
    const char *trusted_proxy; /* address whose X-Forwarded-For/-Proto is believed, or NULL */
    const struct route *routes;
    size_t nroutes;
    void *app; /* opaque application pointer, passed to hooks as r->app */
    /* Called once per pool thread before its first request; *tctx becomes r->tctx.
       Return 0 or an err (the request then gets 503). */
    int (*thread_init)(void *app, void **tctx);
    void (*thread_fini)(void *app, void *tctx);
    /* Called for every routed request before preconditions: loads the session from the
       cookie or the Bearer token and fills r->user_id, r->is_admin, r->via_token,
       r->csrf_token. Return 0, or an err to fail the request (e.g. a bad Bearer token).
       Also called before render_error for requests that fail before routing (404, 405,
       413...), so the error page can show who is signed in: r->route is NULL then and
       the result is ignored. */
    int (*authenticate)(struct req *r);
    /* Render an HTML error page for r->err into r->out (status already set). Optional. */
    void (*render_error)(struct req *r);
    /* Long-lived streams (resp_stream, for Server-Sent Events) allowed at once, on top of
       the HTTP_CONN_LIMIT ordinary connections [10000]. */
    unsigned max_streams;
    /* Optional second address ("127.0.0.1:8090") served by the same routes, for long-lived
       streams only: its connections get a 6 KiB memory pool instead of max_header (16 KiB),
       about half of which stays resident per connection, so 10,000 streams cost some 50 MB
       less there. Request heads over about 3 KiB get 431 on it. NULL = none. */
    const char *stream_listen;
};

struct resp_header {
    const char *name, *value;
};

struct req {
    /* --- request (read-only for handlers) --- */
    void *app;           /* http_config.app */
    void *tctx;          /* per-thread state from thread_init */
    struct arena *arena; /* freed when the response is sent */
    enum http_method method;
    const char *method_name;  /* as sent, e.g. "GET" */
    const char *path;         /* decoded path, no query */
    const char *query_string; /* raw query after '?', or "" */
    struct kv *query;
    size_t nquery; /* decoded query parameters */
    struct kv *form;
    size_t nform; /* decoded urlencoded body (POST/PUT/PATCH/DELETE), or the text parts of
                     a multipart body on R_UPLOAD routes */
    struct multipart_part *parts;
    size_t nparts; /* every part of a multipart body on R_UPLOAD routes (files too) */
    const char *body;
    size_t body_len;          /* raw body bytes (NUL-terminated) */
    const char *content_type; /* request Content-Type or "" */
    const char *remote_addr;  /* client address (X-Forwarded-For if from trusted proxy) */
    int secure;               /* 1 if served over https (directly or per trusted proxy) */
    const char *params[8];    /* route captures, in pattern order */
    size_t nparams;
    const struct route *route; /* the matched route */
    const char *csp_nonce;     /* per-request nonce for <script nonce> / <style nonce> */
    void *conn;                /* the MHD connection (http layer only) */

    /* --- filled by the authenticate hook --- */
    int64_t user_id;       /* 0 when anonymous */
    const char *user_name; /* NULL when anonymous */
    int is_admin;
    int via_token;          /* authenticated by a Bearer API token */
    const char *csrf_token; /* token forms must echo in _csrf (or X-CSRF-Token) */
    void *session;          /* opaque, for the application */
    void *body_json;        /* api: parsed JSON body (json_t*), freed by the http
                               layer's completion through free_body_json */
    void (*free_body_json)(void *);

    /* --- response --- */
    int status;                   /* default 200 */
    const char *content_type_out; /* default "text/html; charset=utf-8" */
    struct buf out;               /* body */
    struct resp_header headers[24];
    size_t nheaders;
    struct errinfo err; /* set with error_set(&r->err, ...) */
    /* A form's field errors when it reports several at once (web: form_error_note); arena
       array, err is the first of them. */
    struct errinfo *form_errs;
    size_t nform_errs;
    int img_https; /* 1: the page may show https: images (CSP img-src), for pages whose
                      Markdown has external images the administrator allowed */
};

/* Request accessors. Return NULL when absent. */
const char *req_query(struct req *r, const char *key);
const char *req_form(struct req *r, const char *key);
const char *req_param(struct req *r, const char *key);   /* form first, then query */
const char *req_header(struct req *r, const char *name); /* case-insensitive */
const char *req_cookie(struct req *r, const char *name);
int req_wants_json(struct req *r); /* R_API route or Accept: application/json */

/* Typed input (input.c). Route capture i as a positive id into *out; otherwise ERR_NOTFOUND
   with the message msg (a literal such as "There is no such page."): a malformed id reads
   as an unknown one. Returns 0 or ERR_NOTFOUND. */
int req_param_id(struct req *r, size_t i, const char *msg, int64_t *out);
/* The query or form value key (req_param) as an integer in [lo, hi]; def when it is absent,
   not a whole number or out of range. For values that come from links (?page=, ?rev=). */
int64_t req_int(struct req *r, const char *key, int64_t def, int64_t lo, int64_t hi);
/* Strictly: s (the value of key; NULL or "" = absent) as an integer in [lo, hi] into *out,
   def when absent. ERR_INVALID with field key and a message naming the bounds otherwise. */
int req_int_value(struct req *r, const char *key, const char *s, int64_t def, int64_t lo,
                  int64_t hi, int64_t *out);
/* req_int_value of the query parameter key. */
int req_query_int(struct req *r, const char *key, int64_t def, int64_t lo, int64_t hi,
                  int64_t *out);

/* Response helpers. Strings must outlive the request (use r->arena). A handler that sets
   its own Content-Security-Policy header replaces the default policy. */
void resp_header(struct req *r, const char *name, const char *value);
/* Set-Cookie with Path=/; HttpOnly; SameSite=Lax; Secure when r->secure.
   max_age < 0 deletes the cookie; 0 makes a session cookie. */
void resp_cookie(struct req *r, const char *name, const char *value, long max_age);
int resp_redirect(struct req *r, const char *location); /* 303 See Other; returns 0 */
/* Conditional GET (RFC 9110, section 13): send the validators etag (a quoted entity tag such
   as "\"1a2b\"", or NULL) and last_modified (UTC seconds; 0 = none) as ETag and
   Last-Modified, then say whether the client's copy is current: If-None-Match names etag
   (weak comparison, or "*"), or, only when the request has no If-None-Match,
   If-Modified-Since is an HTTP date at or after last_modified. When it is (GET and HEAD
   only), sets status 304, empties the body and returns 1; otherwise returns 0. */
int resp_not_modified(struct req *r, const char *etag, int64_t last_modified);
/* 1 if an If-None-Match header value (a list of entity tags, or "*") names etag; weak tags
   (W/"...") compare equal too, as RFC 9110 asks for If-None-Match. */
int http_etag_matches(const char *inm, const char *etag);
void resp_json(struct req *r, int status, const char *json); /* sets type, status, body */
/* Build the URL of an embedded asset with its content hash: "/static/praxis.css?v=abcd"
   (asset.c). */
const char *static_url(struct req *r, const char *name);

/* --- Streams (stream.c): a response whose body is produced over time (Server-Sent Events)
 * without holding a thread. The handler calls resp_stream and returns 0; the http layer
 * then asks ops->read for bytes whenever the connection can take them. When read has
 * nothing to send it returns 0 and the connection is suspended (libmicrohttpd
 * suspend/resume: no thread, no polling) until someone calls http_stream_wake. The stream
 * object is shared by the connection and its owner (the code that wakes it): each holds a
 * reference; the owner drops its own with http_stream_release after ops->closed told it
 * the connection is gone (or when it no longer wants to wake it). */
struct http_stream;
struct http_stream_ops {
    /* Fill up to max bytes into buf. Returns the count (> 0), 0 for "nothing now" (sleep
       until woken) or -1 to end the response. Runs on a pool thread; must not block. */
    long (*read)(void *arg, char *buf, size_t max);
    /* The connection is over (client gone, stream ended or server stopping). Called once,
       on a pool thread; afterwards read is never called again. */
    void (*closed)(void *arg);
};
/* Make r's response a stream fed by ops (arg is passed back). Headers set on r are sent;
   the status is r->status. Returns the stream (one reference for the caller), or NULL when
   max_streams are open (the handler should answer 503). */
struct http_stream *resp_stream(struct req *r, const struct http_stream_ops *ops, void *arg);
/* Tell the stream it has something to send (any thread; cheap when it is awake). */
void http_stream_wake(struct http_stream *s);
/* Ask the stream to end: read is not called again; the response finishes. Any thread. */
void http_stream_end(struct http_stream *s);
/* 1 if the client has closed its end (a suspended connection notices only when it next
   writes): peeks at the socket without blocking. Any thread. */
int http_stream_peer_gone(struct http_stream *s);
/* Drop the caller's reference. */
void http_stream_release(struct http_stream *s);

/* Run the server until SIGINT/SIGTERM; in-flight requests finish before it returns.
   Returns 0 on clean shutdown, or an err (e.g. cannot bind) with a message logged. */
int http_serve(const struct http_config *cfg);

/* Route matching, exposed for unit tests: finds the route for method+path, fills params.
   Returns the route, or NULL with *method_mismatch = 1 if the path matched another method.
   params (room for 8) receives pointers into path where each capture starts; a capture
   runs to the next '/' or the end (the server gives handlers NUL-terminated copies in
   r->params). Segments must match one for one: "/c/x/" does not match "/c/:slug".
   params, nparams and method_mismatch may be NULL. */
const struct route *route_match(const struct route *routes, size_t n, enum http_method m,
                                const char *path, const char **params, size_t *nparams,
                                int *method_mismatch);

/* Parse "a=1&b=%20x" (urlencoded) into kv pairs in arena. Returns 0, ERR_TOOBIG when over
   max_fields/max_field, ERR_INVALID on invalid percent-encoding or UTF-8 or a NUL byte
   (raw or %00). Empty pairs and pairs with an empty name are dropped; order and duplicate
   names are kept. lim may be NULL (defaults). On error *out is NULL and *nout 0. */
int form_parse(struct arena *a, const char *s, size_t n, const struct http_limits *lim,
               struct kv **out, size_t *nout);
/* Parse a Cookie header into kv pairs (no decoding; surrounding quotes removed). Of
   duplicate names the first is kept. Malformed pairs (no '=', empty name, invalid UTF-8,
   control characters) are skipped. Returns 0, or ERR_TOOBIG over 100 pairs. */
int cookie_parse(struct arena *a, const char *s, struct kv **out, size_t *nout);

/* multipart/form-data (multipart.c). multipart_boundary: the boundary parameter of a
   "multipart/form-data; boundary=..." Content-Type (1 to 70 RFC 2046 characters) into *out
   (arena). Returns 0 or ERR_INVALID (another type, no or a malformed boundary).
   multipart_parse: split body[0..n) into at most max_parts parts (*out in the arena, *nout
   the count; NULL/0 when there are none). The body must start with "--boundary" (no
   preamble) and end with "--boundary--" (optionally then CRLF); each part needs a
   Content-Disposition: form-data with a non-empty name. Returns 0, ERR_TOOBIG (more than
   max_parts) or ERR_INVALID (anything malformed); on failure *out is NULL and *nout 0. */
int multipart_boundary(struct arena *a, const char *content_type, const char **out);
int multipart_parse(struct arena *a, const char *body, size_t n, const char *boundary,
                    size_t max_parts, struct multipart_part **out, size_t *nout);

#endif
