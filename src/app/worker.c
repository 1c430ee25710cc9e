/* Per-thread worker state for the HTTP pool (one database connection per thread), and the
 * bridge from an HTTP request to a domain ctx. */
#include <stdlib.h>
#include <string.h>

#include "core/log.h"
#include "core/timeutil.h"
#include "app/app.h"
#include "app/live.h"
#include "domain/mail.h"
#include "core/util.h"

/* Open this thread's connection. Migrations were applied by serve before the pool started,
 * so a worker only connects. Returns 0, or ERR_UNAVAILABLE (the request gets 503). */
int app_thread_init(void *appp, void **tctx)
{
    struct app *app = appp;
    struct worker *w = x_calloc(1, sizeof(*w));
    struct errinfo e = {0};
    if (db_open(app->db_url, &w->db, &e) < 0) {
        log_error("msg=\"worker cannot open database\" error=\"%s\"", e.msg);
        free(w);
        return ERR_UNAVAILABLE;
    }
    if (app->live)
        db_set_commit_hook(w->db, live_hub_wake, app->live); /* app/live.c */
    *tctx = w;
    return 0;
}

void app_thread_fini(void *appp, void *tctx)
{
    struct worker *w = tctx;
    (void)appp;
    if (w) {
        if (w->cache && w->cache_free)
            w->cache_free(w->cache);
        app_reading_free(w->reading);
        db_close(w->db);
        free(w);
    }
}

struct ctx *app_ctx(struct req *r)
{
    struct app *app = r->app;
    struct worker *w = r->tctx;
    struct ctx *c = ARENA_NEW(r->arena, struct ctx);
    c->db = w->db;
    c->arena = r->arena;
    c->err = &r->err;
    c->uid = r->user_id;
    c->is_admin = r->is_admin;
    c->remote_addr = r->remote_addr;
    c->now = time_now();
    c->hash_sem = app->hash_sem;
    c->secret = app->secret;
    return c;
}

const char *app_base_url(struct req *r)
{
    const struct app *app = r->app;
    return mail_base_url(app_ctx(r), app->base_url_flag, app->listen_url);
}
