/* The application layer shared by the HTML pages (src/web) and the JSON API (src/api): the
 * application and per-thread worker structs, the bridge from an HTTP request to a domain ctx,
 * and who is asking (sessions, API tokens, CSRF tokens). It sits above domain and http and
 * below web and api, which are siblings: both include this header, never each other. The
 * route table joining them lives above both, in src/cli/routes.c. */
#ifndef PRAXIS_APP_APP_H
#define PRAXIS_APP_APP_H
#include <stddef.h>
#include <stdint.h>

#include "domain/domain.h"
#include "http/http.h"

struct live_hub;
/* Immutable after start-up; shared by all threads. Owned by cli/serve. */
struct app {
    const char *db_url;        /* "sqlite:var/praxis.db" or "postgres://..." */
    char secret[65];           /* settings.secret, loaded at start (keyed hashes, CSRF) */
    int64_t session_ttl;       /* seconds a session lives after last use [30 days] */
    unsigned hash_slots;       /* concurrent password hashes allowed [1] */
    void *hash_sem;            /* sem_t* limiting concurrent argon2id hashes */
    const char *smtp_url;      /* --smtp, or NULL: the smtp_url setting decides */
    const char *listen_url;    /* "http://" + --listen: links in mail when base_url is unset */
    const char *base_url_flag; /* --base-url, or NULL */
    const char *upload_dir;    /* where uploads are stored (--uploads, else next to the db) */
    struct live_hub *live;     /* live updates (app/live.h), or NULL when off */
};

/* Per worker thread (http thread_init). */
struct page_cache;
struct reading_batch;
struct worker {
    struct db *db;            /* this thread's connection */
    struct page_cache *cache; /* anonymous page cache (web/pagecache.c), made on first use */
    void (*cache_free)(struct page_cache *); /* set with cache by its maker; frees it */
    struct reading_batch *reading;           /* reading not yet written (app/reading.c), or NULL */
};

/* The http thread_init hook: open this thread's database connection into a new struct
   worker (*tctx). Returns 0, or ERR_UNAVAILABLE (the request then gets 503). */
int app_thread_init(void *app, void **tctx);
/* The http thread_fini hook: free the worker's page cache, close its connection. */
void app_thread_fini(void *app, void *tctx);

/* reading.c: add the signed-in member's reading (thread pages opened, posts shown, minutes)
   to this worker's batch, written at most every reading_flush_seconds (domain/trust.h). */
void app_reading_note(struct req *r, int64_t topics, int64_t posts_read, int64_t minutes);
void app_reading_free(struct reading_batch *b);

/* A domain ctx for this request (arena-allocated, acting as the signed-in user). */
struct ctx *app_ctx(struct req *r);
/* The public address for links in mail: --base-url, else the base_url setting, else
   "http://" + the listen address. Arena copy. */
const char *app_base_url(struct req *r);

/* The http authenticate hook (session.c): cookie session or Bearer token, and the CSRF
   token of the request. */
int app_authenticate(struct req *r);
/* session.c: the signed-in user's colour theme ("system", "light" or "dark"; "system" when
   anonymous), read with the session so that the layout can set it on <html>. */
const char *app_theme(struct req *r);
/* session.c: the raw px_session token of this request (NULL if none); start a session
   (sets the cookie, rotates the CSRF token); forget it (deletes the cookie). */
const char *app_session_token(struct req *r);
void app_session_begin(struct req *r, const char *token);
void app_session_clear(struct req *r);
/* session.c: the verified "UID.NONCE" of this browser's known-device cookie (NULL if none or
   forged), for account_signin; remember this browser as a device of account uid (sets the
   cookie, keeping its nonce when it already names uid). */
const char *app_device(struct req *r);
void app_device_remember(struct req *r, int64_t uid);

#endif
