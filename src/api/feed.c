/* The JSON API of feed links: make the caller's feed token anew (the old one stops working)
 * and revoke it. The token is the one the calendar feeds use too (domain/feed.h); the Atom
 * feeds themselves are served by web/feed.c. Documented in docs/api.md ("Atom feeds"). */
#include "api/api.h"
#include "domain/event.h"
#include "domain/feed.h"
#include "core/util.h"

/* APIPAGE: POST /api/v1/me/feeds -> 201 {token, watched, calendar_all, calendar_going} */
int api_feeds_reset(struct req *r)
{
    struct ctx *c = app_ctx(r);
    const char *token;
    json_t *o;
    if (event_feed_token_reset(c, &token) < 0)
        return r->err.code;
    o = json_object();
    json_object_set_new(o, "token", json_string(token));
    json_object_set_new(o, "watched",
                        json_string(arena_printf(r->arena, "/feeds/%s/watched.atom", token)));
    json_object_set_new(o, "calendar_all",
                        json_string(arena_printf(r->arena, "/calendar/%s/all.ics", token)));
    json_object_set_new(o, "calendar_going",
                        json_string(arena_printf(r->arena, "/calendar/%s/going.ics", token)));
    return api_send(r, 201, o);
}

/* APIPAGE: DELETE /api/v1/me/feeds -> 204 */
int api_feeds_revoke(struct req *r)
{
    if (feed_token_revoke(app_ctx(r)) < 0)
        return r->err.code;
    r->status = 204;
    return 0;
}
