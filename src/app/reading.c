/* Reading records in batches (issue 16, domain/trust.h "Reading"): what signed-in members read
 * is added up per worker thread in memory and written at most once per reading_flush_seconds
 * (60 by default), all members in one transaction, instead of one write per page view.
 *
 * Why: every write to the database invalidates every worker's anonymous page cache
 * (web/pagecache.c), and reading is the most frequent thing members do. A batch costs one
 * write per worker per minute however many members read. What a batch holds when the server
 * stops is lost (at most a minute of coarse counts), which the counts can afford.
 *
 * The batch holds READING_SLOTS members; when a new member does not fit, it is written at
 * once. The day a batch is written decides the day it counts for. */
#include <stdlib.h>
#include <string.h>

#include "core/log.h"
#include "app/app.h"
#include "domain/trust.h"

#define READING_SLOTS 64

struct reading_batch {
    struct trust_read v[READING_SLOTS];
    size_t n;
    int64_t since; /* c->now when the first entry came */
};

static void reading_flush(struct ctx *c, struct reading_batch *b)
{
    struct errinfo e = {0};
    struct errinfo *saved = c->err;
    c->err = &e; /* best effort: a failure is logged, never the request's error */
    if (trust_reading_batch(c, b->v, b->n) < 0)
        log_warn("msg=\"reading not recorded\" members=%zu error=\"%s\"", b->n, e.msg);
    c->err = saved;
    b->n = 0;
}

void app_reading_note(struct req *r, int64_t topics, int64_t posts_read, int64_t minutes)
{
    struct worker *w = r->tctx;
    struct reading_batch *b;
    struct ctx *c;
    size_t i;
    if (!r->user_id || !w || (topics <= 0 && posts_read <= 0 && minutes <= 0))
        return;
    if (!w->reading)
        w->reading = calloc(1, sizeof(*w->reading));
    if (!(b = w->reading))
        return;
    c = app_ctx(r);
    for (i = 0; i < b->n && b->v[i].uid != r->user_id; i++)
        ;
    if (i == READING_SLOTS) {
        reading_flush(c, b);
        i = 0;
    }
    if (b->n == 0)
        b->since = c->now;
    if (i == b->n) {
        memset(&b->v[i], 0, sizeof(b->v[i]));
        b->v[i].uid = r->user_id;
        b->n++;
    }
    b->v[i].topics += topics;
    b->v[i].posts_read += posts_read;
    b->v[i].minutes += minutes;
    /* the setting is read each time (one keyed read) so that a change applies at once */
    if (c->now - b->since >= trust_reading_flush_seconds(c))
        reading_flush(c, b);
}

void app_reading_free(struct reading_batch *b)
{
    free(b);
}
