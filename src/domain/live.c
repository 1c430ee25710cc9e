/* Live updates: publishing into the backlog, opening channels and the delivery check. See
 * domain/live.h for the channels and the visibility rules; the hub that delivers is in
 * app/live.c and the backlog's statements in store/live.c. Payloads are small JSON objects
 * built here from integers and fixed words only, so nothing in them needs escaping. */
#include <stdlib.h>
#include <string.h>

#include "core/util.h"
#include "domain/community.h"
#include "domain/domain_int.h"
#include "domain/live.h"
#include "store/community.h"
#include "store/event.h"
#include "store/live.h"
#include "store/notification.h"
#include "store/thread.h"

/* Write one message into the backlog (see store/live.h). */
static int publish(struct ctx *c, const char *channel, int64_t cid, int64_t uid,
                   const char *payload)
{
    if (live_db_insert(c->db, channel, cid, uid, payload, c->now, NULL) < 0)
        return domain_db_fail(c, "live publish");
    return 0;
}

int live_thread_event(struct ctx *c, int64_t cid, int64_t tid, const char *type, int64_t pid)
{
    return publish(c, arena_printf(c->arena, "thread:%lld", (long long)tid), cid, 0,
                   arena_printf(c->arena, "{\"type\":\"%s\",\"thread\":%lld,\"post\":%lld}", type,
                                (long long)tid, (long long)pid));
}

int live_thread_vote(struct ctx *c, int64_t cid, int64_t tid, int64_t pid, int64_t score)
{
    return publish(c, arena_printf(c->arena, "thread:%lld", (long long)tid), cid, 0,
                   arena_printf(c->arena,
                                "{\"type\":\"vote\",\"thread\":%lld,\"post\":%lld,\"score\":%lld}",
                                (long long)tid, (long long)pid, (long long)score));
}

int live_community_thread(struct ctx *c, int64_t cid, int64_t tid)
{
    return publish(c, arena_printf(c->arena, "community:%lld", (long long)cid), cid, 0,
                   arena_printf(c->arena,
                                "{\"type\":\"thread\",\"community\":%lld,\"thread\":%lld}",
                                (long long)cid, (long long)tid));
}

int live_user_notifications(struct ctx *c, int64_t uid)
{
    int64_t n = 0;
    if (uid <= 0)
        return 0;
    if (notification_db_unread(c->db, uid, &n) < 0)
        return domain_db_fail(c, "live unread");
    return publish(
        c, arena_printf(c->arena, "user:%lld", (long long)uid), 0, uid,
        arena_printf(c->arena, "{\"type\":\"notifications\",\"unread\":%lld}", (long long)n));
}

int live_event_rsvp(struct ctx *c, int64_t cid, int64_t eid, int64_t key, int64_t going,
                    int64_t waiting)
{
    return publish(c, arena_printf(c->arena, "event:%lld", (long long)eid), cid, 0,
                   arena_printf(c->arena,
                                "{\"type\":\"rsvp\",\"event\":%lld,\"key\":%lld,\"going\":%lld,"
                                "\"waiting\":%lld}",
                                (long long)eid, (long long)key, (long long)going,
                                (long long)waiting));
}

/* The positive id after prefix in name ("thread:12"), or 0. */
static int64_t channel_id(const char *name, const char *prefix)
{
    size_t n = strlen(prefix);
    int64_t id;
    if (strncmp(name, prefix, n) != 0 || !name[n] || strlen(name + n) > 18 ||
        strspn(name + n, "0123456789") != strlen(name + n) || name[n] == '0' ||
        str_to_i64(name + n, &id) < 0)
        return 0;
    return id;
}

static int channel_not_found(struct ctx *c)
{
    return error_set(c->err, ERR_NOTFOUND, "ch", "There is no such page to follow.");
}

int live_channel_open(struct ctx *c, const char *name, struct live_channel *out)
{
    int64_t id, cid = 0;
    int rc = 0;
    memset(out, 0, sizeof(*out));
    if (!name || strlen(name) >= LIVE_CHANNEL_MAX)
        return error_set(c->err, ERR_INVALID, "ch",
                         "A channel is thread:ID, community:ID, "
                         "event:ID or user:ID.");
    if ((id = channel_id(name, "thread:")) > 0) {
        struct thread t;
        rc = thread_db_get(c->db, c->arena, id, &t);
        if (rc == 0 && t.deleted_at && !c->is_admin)
            rc = ERR_NOTFOUND;
        cid = t.community_id;
    } else if ((id = channel_id(name, "community:")) > 0) {
        cid = id;
    } else if ((id = channel_id(name, "event:")) > 0) {
        struct event ev;
        rc = event_db_get(c->db, c->arena, id, &ev);
        cid = ev.community_id;
    } else if ((id = channel_id(name, "user:")) > 0) {
        if (!c->uid || c->uid != id)
            return channel_not_found(c);
    } else {
        return error_set(c->err, ERR_INVALID, "ch",
                         "A channel is thread:ID, community:ID, "
                         "event:ID or user:ID.");
    }
    if (rc == ERR_NOTFOUND)
        return channel_not_found(c);
    if (rc < 0)
        return domain_db_fail(c, "live channel");
    if (cid) {
        struct community cm;
        rc = community_db_get_id(c->db, c->arena, cid, c->uid, &cm);
        if (rc == ERR_NOTFOUND || (rc == 0 && !community_can_read(c, &cm)))
            return channel_not_found(c);
        if (rc < 0)
            return domain_db_fail(c, "community");
    }
    out->community_id = cid;
    out->name = arena_strdup(c->arena, name);
    return 0;
}

int live_audience_load(struct ctx *c, const struct live_row *row, struct live_audience *out)
{
    const char *vis = NULL;
    enum community_vis v = COMMUNITY_PRIVATE;
    int rc;
    memset(out, 0, sizeof(*out));
    out->community_id = row->community_id;
    out->user_id = row->user_id;
    if (!row->community_id)
        return 0;
    rc = live_db_community_visibility(c->db, c->arena, row->community_id, &vis);
    if (rc == ERR_NOTFOUND) {
        out->gone = 1;
        return 0;
    }
    if (rc < 0)
        return domain_db_fail(c, "live visibility");
    if (community_vis_parse(vis, &v) < 0)
        v = COMMUNITY_PRIVATE; /* unknown: the strictest */
    out->vis = (int)v;
    if (v == COMMUNITY_PRIVATE &&
        live_db_member_ids(c->db, c->arena, row->community_id, &out->members, &out->nmembers) < 0)
        return domain_db_fail(c, "live members");
    return 0;
}

int live_backlog_after(struct ctx *c, int64_t after, int limit, struct live_row **out, size_t *n)
{
    if (live_db_after(c->db, c->arena, after, limit, out, n) < 0)
        return domain_db_fail(c, "live backlog");
    return 0;
}

int live_backlog_bounds(struct ctx *c, int64_t *lo, int64_t *hi)
{
    if (live_db_bounds(c->db, lo, hi) < 0)
        return domain_db_fail(c, "live bounds");
    return 0;
}

static int cmp_id(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return x < y ? -1 : x > y;
}

int live_audience_allows(const struct live_audience *a, int64_t uid, int is_admin)
{
    if (a->user_id && a->user_id != uid)
        return 0;
    if (!a->community_id)
        return a->user_id != 0; /* user channels: only their user */
    if (a->gone)
        return 0;
    if (is_admin || a->vis == COMMUNITY_PUBLIC)
        return 1;
    if (a->vis == COMMUNITY_MEMBERS)
        return uid != 0;
    return uid != 0 && a->nmembers &&
           bsearch(&uid, a->members, a->nmembers, sizeof(uid), cmp_id) != NULL;
}
