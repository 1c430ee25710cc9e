/* GET /live: the live-update stream (Server-Sent Events) for anonymous and signed-in
 * visitors. The query names the channels the page shows (?ch=thread:12&ch=user:7, at most
 * LIVE_SUB_CHANNELS); each is checked with live_channel_open (a channel the visitor may not
 * read answers 404, as if it did not exist). Last-Event-ID (or ?since=, for the first
 * connection of a page, which knows the id it was rendered at) replays what was missed from
 * the backlog. The per-address limit (setting live_per_address) answers 429. The protocol is
 * in docs/api.md (Live updates); the hub that feeds the stream is app/live.c. */
#include <string.h>

#include "api/api.h"
#include "app/live.h"
#include "core/util.h"
#include "domain/live.h"

/* A non-negative id from s, or -1 when s is absent or not one. */
static int64_t parse_since(const char *s)
{
    int64_t v;
    if (!s || !*s || strlen(s) > 18 || strspn(s, "0123456789") != strlen(s) ||
        str_to_i64(s, &v) < 0)
        return -1;
    return v;
}

int api_live(struct req *r)
{
    struct app *app = r->app;
    struct ctx *c = app_ctx(r);
    const char *names[LIVE_SUB_CHANNELS];
    struct live_channel ch;
    struct live_sub *sub;
    size_t n = 0, i;
    int64_t since, cursor = 0, per_addr;
    int rc;

    if (!app->live)
        return error_set(&r->err, ERR_UNAVAILABLE, NULL, "Live updates are off here.");
    for (i = 0; i < r->nquery; i++) {
        if (strcmp(r->query[i].key, "ch") != 0)
            continue;
        if (n == LIVE_SUB_CHANNELS)
            return error_set(&r->err, ERR_TOOBIG, "ch", "Follow at most %d channels at once.",
                             LIVE_SUB_CHANNELS);
        if ((rc = live_channel_open(c, r->query[i].value, &ch)) < 0)
            return rc;
        names[n++] = ch.name;
    }
    if (!n)
        return error_set(&r->err, ERR_INVALID, "ch",
                         "Name a channel to follow: ?ch=thread:ID (or community:, event:, user:).");
    since = parse_since(req_header(r, "Last-Event-ID"));
    if (since < 0)
        since = parse_since(req_query(r, "since"));
    if (str_to_i64(settings_get(c, "live_per_address", ""), &per_addr) < 0 || per_addr < 0)
        per_addr = LIVE_PER_ADDRESS;
    rc = live_sub_open(app->live, r->user_id, r->is_admin, r->remote_addr, names, n,
                       (unsigned)per_addr, &sub, &cursor);
    if (rc == ERR_RATE) {
        resp_header(r, "Retry-After", "30");
        return error_set(&r->err, ERR_RATE, NULL,
                         "Too many live connections from your address; close some pages.");
    }
    if (live_sub_replay(c, sub, since, cursor) < 0) {
        live_sub_abort(sub);
        return ERR_DB;
    }
    r->content_type_out = "text/event-stream; charset=utf-8";
    resp_header(r, "Cache-Control", "no-cache");
    resp_header(r, "X-Accel-Buffering", "no"); /* nginx: do not buffer this response */
    if (live_sub_attach(sub, r) < 0)
        return error_set(&r->err, ERR_UNAVAILABLE, NULL,
                         "The server holds as many live connections as it can; try later.");
    return 0;
}
