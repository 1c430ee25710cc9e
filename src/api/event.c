/* JSON API for events: a community's events, create, read, update, cancel a series; read,
 * change or cancel one occurrence; RSVP; reset the caller's calendar feed token. Mirrors
 * web/event.c and obeys domain/event.c (a private community's events are 404 to outsiders).
 * Documented in docs/api.md (EVENTS-API). */
#include <string.h>

#include "api/api.h"
#include "app/input.h"
#include "core/timeutil.h"
#include "domain/event.h"
#include "core/util.h"

static json_t *occ_json(struct ctx *c, const struct community *cm, const struct event_occ *o,
                        int full)
{
    json_t *j = json_object();
    json_object_set_new(j, "key", json_integer(o->key));
    json_object_set_new(j, "event_id", json_integer(o->ev->id));
    json_object_set_new(j, "title", json_string(o->title));
    json_object_set_new(j, "start", api_time(o->start));
    json_object_set_new(j, "end", api_time(o->end));
    json_object_set_new(j, "location", json_string(o->location));
    json_object_set_new(j, "cancelled", json_boolean(o->cancelled));
    json_object_set_new(j, "moved", json_boolean(o->moved));
    json_object_set_new(j, "shifted", json_boolean(o->shifted));
    json_object_set_new(j, "sequence", json_integer(o->sequence));
    json_object_set_new(j, "url",
                        json_string(arena_printf(c->arena, "/events/%lld/o/%lld",
                                                 (long long)o->ev->id, (long long)o->key)));
    if (full) {
        int64_t going = 0, waiting = 0;
        const char *mine = "";
        event_going_count(c, o->ev, o->key, &going, &waiting);
        event_rsvp_status(c, o->ev, o->key, &mine);
        json_object_set_new(j, "going", json_integer(going));
        json_object_set_new(j, "waitlist", json_integer(waiting));
        json_object_set_new(j, "my_rsvp", *mine ? json_string(mine) : json_null());
        if (event_can_attend(c, cm)) {
            struct event_rsvp *rs;
            size_t n, i;
            json_t *arr = json_array();
            if (event_attendees(c, cm, o->ev, o->key, &rs, &n) == 0)
                for (i = 0; i < n; i++) {
                    json_t *a = json_object();
                    json_object_set_new(a, "name", json_string(rs[i].name));
                    json_object_set_new(a, "display_name", json_string(rs[i].display_name));
                    json_object_set_new(a, "status", json_string(rs[i].status));
                    json_array_append_new(arr, a);
                }
            json_object_set_new(j, "attendees", arr);
        }
    }
    return j;
}

static json_t *event_json(struct ctx *c, const struct community *cm, const struct event *ev,
                          int full)
{
    json_t *j = json_object(), *rec = json_object(), *can = json_object();
    struct recur rc;
    char local[32];
    const char *rr;
    event_recur(ev, &rc);
    json_object_set_new(j, "id", json_integer(ev->id));
    json_object_set_new(j, "community", json_string(ev->community_slug));
    json_object_set_new(j, "title", json_string(ev->title));
    json_object_set_new(j, "description_md", json_string(ev->description_md));
    json_object_set_new(j, "description_html", json_string(ev->description_html));
    json_object_set_new(j, "timezone", json_string(ev->tz));
    event_format_local(ev->start_local, local);
    json_object_set_new(j, "start_local", json_string(local));
    json_object_set_new(j, "start", api_time(ev->start_at));
    json_object_set_new(j, "duration", json_integer(ev->duration));
    json_object_set_new(j, "location", json_string(ev->location));
    json_object_set_new(j, "online_url",
                        event_can_attend(c, cm) ? json_string(ev->online_url) : json_null());
    json_object_set_new(j, "capacity", ev->capacity ? json_integer(ev->capacity) : json_null());
    json_object_set_new(rec, "freq", json_string(ev->freq));
    json_object_set_new(rec, "interval", json_integer(ev->interval));
    json_object_set_new(rec, "byday",
                        json_string(recur_byday_format(c->arena, (unsigned)ev->byday)));
    json_object_set_new(rec, "monthly", json_string(ev->monthly));
    json_object_set_new(rec, "count", ev->count ? json_integer(ev->count) : json_null());
    json_object_set_new(rec, "until", *ev->until_date ? json_string(ev->until_date) : json_null());
    json_object_set_new(rec, "description",
                        json_string(recur_describe(c->arena, &rc, ev->start_local)));
    rr = recur_rrule(c->arena, &rc, ev->start_local);
    json_object_set_new(rec, "rrule", rr ? json_string(rr) : json_null());
    json_object_set_new(j, "recurrence", rec);
    json_object_set_new(j, "notes_url", json_string(ev->notes_url));
    json_object_set_new(j, "notes_md", json_string(ev->notes_md));
    json_object_set_new(j, "cancelled", json_boolean(ev->cancelled));
    json_object_set_new(j, "sequence", json_integer(ev->sequence));
    json_object_set_new(j, "organiser", json_string(ev->created_by_name));
    json_object_set_new(j, "organiser_display_name",
                        json_string(ev->created_by_display && *ev->created_by_display
                                        ? ev->created_by_display
                                        : ev->created_by_name));
    json_object_set_new(j, "url",
                        json_string(arena_printf(c->arena, "/events/%lld", (long long)ev->id)));
    json_object_set_new(can, "manage", json_boolean(event_can_manage(c, cm)));
    json_object_set_new(can, "rsvp", json_boolean(event_can_attend(c, cm)));
    json_object_set_new(j, "can", can);
    if (full) {
        struct event_occ *all;
        size_t n, i;
        json_t *arr = json_array();
        if (event_occurrences(c, ev, &all, &n) == 0)
            for (i = 0; i < n; i++)
                json_array_append_new(arr, occ_json(c, cm, &all[i], 0));
        json_object_set_new(j, "occurrences", arr);
    }
    return j;
}

static int read_input(struct req *r, struct event_input *in)
{
    json_t *body = NULL;
    int rc = api_body(r, &body);
    if (rc < 0)
        return rc;
    app_event_input(r, api_input, in);
    if (in->capacity && str_eq(in->capacity, "null"))
        in->capacity = "0";
    return 0;
}

static int load(struct req *r, struct ctx *c, struct event *ev, struct community *cm)
{
    int64_t id;
    int rc = req_param_id(r, 0, "There is no such event.", &id);
    if (rc < 0)
        return rc;
    return event_load(c, id, ev, cm);
}

static int load_occ(struct req *r, struct ctx *c, struct event *ev, struct community *cm,
                    struct event_occ *o)
{
    int64_t key;
    int rc = load(r, c, ev, cm);
    if (rc < 0)
        return rc;
    if (str_to_i64(r->params[1], &key) < 0)
        return error_set(&r->err, ERR_NOTFOUND, NULL, "This event has no such date.");
    return event_occurrence(c, ev, key, o);
}

int api_community_events(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct community cm;
    json_t *o = json_object(), *arr = json_array();
    size_t n, i;
    int rc = community_get(c, r->params[0], &cm);
    if (rc < 0) {
        json_decref(o);
        json_decref(arr);
        return rc;
    }
    if (str_eq(req_query(r, "past"), "1")) {
        struct event *evs;
        if ((rc = event_past(c, &cm, 100, &evs, &n)) < 0) {
            json_decref(o);
            json_decref(arr);
            return rc;
        }
        for (i = 0; i < n; i++)
            json_array_append_new(arr, event_json(c, &cm, &evs[i], 0));
        json_object_set_new(o, "events", arr);
    } else {
        struct event_occ *occ;
        if ((rc = event_upcoming(c, &cm, 0, 100, &occ, &n)) < 0) {
            json_decref(o);
            json_decref(arr);
            return rc;
        }
        for (i = 0; i < n; i++)
            json_array_append_new(arr, occ_json(c, &cm, &occ[i], 0));
        json_object_set_new(o, "occurrences", arr);
    }
    return api_send(r, 200, o);
}

int api_community_event_create(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct community cm;
    struct event_input in;
    struct event ev;
    json_t *j;
    int skipped = 0, rc = read_input(r, &in);
    if (rc < 0 || (rc = community_get(c, r->params[0], &cm)) < 0 ||
        (rc = event_create(c, &cm, &in, &ev, &skipped)) < 0)
        return rc;
    j = event_json(c, &cm, &ev, 1);
    json_object_set_new(j, "skipped_months", json_integer(skipped));
    resp_header(r, "Location", arena_printf(r->arena, "/api/v1/events/%lld", (long long)ev.id));
    return api_send(r, 201, j);
}

int api_event_get(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct community cm;
    struct event ev;
    int rc = load(r, c, &ev, &cm);
    if (rc < 0)
        return rc;
    return api_send(r, 200, event_json(c, &cm, &ev, 1));
}

int api_event_update(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct community cm;
    struct event ev;
    struct event_input in;
    int skipped = 0, rc = read_input(r, &in);
    if (rc < 0 || (rc = load(r, c, &ev, &cm)) < 0 ||
        (rc = event_update(c, &cm, &ev, &in, &skipped)) < 0)
        return rc;
    return api_send(r, 200, event_json(c, &cm, &ev, 1));
}

/* A boolean member "cancelled" (true/false/1/0); default 1. */
static int cancelled_input(struct req *r)
{
    const char *v = api_input(r, "cancelled");
    return !(str_eq(v, "false") || str_eq(v, "0"));
}

int api_event_cancel(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct community cm;
    struct event ev;
    json_t *body;
    int rc = api_body(r, &body);
    if (rc < 0 || (rc = load(r, c, &ev, &cm)) < 0 ||
        (rc = event_set_cancelled(c, &cm, &ev, cancelled_input(r))) < 0)
        return rc;
    return api_send(r, 200, event_json(c, &cm, &ev, 0));
}

int api_event_occ_get(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct community cm;
    struct event ev;
    struct event_occ o;
    int rc = load_occ(r, c, &ev, &cm, &o);
    if (rc < 0)
        return rc;
    return api_send(r, 200, occ_json(c, &cm, &o, 1));
}

int api_event_occ_update(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct community cm;
    struct event ev;
    struct event_occ o;
    json_t *body;
    const char *cv, *title, *location;
    int rc = api_body(r, &body);
    if (rc < 0 || (rc = load_occ(r, c, &ev, &cm, &o)) < 0)
        return rc;
    cv = api_input(r, "cancelled");
    title = api_input(r, "title");
    location = api_input(r, "location");
    /* PATCH: a member left out keeps this date's current value (the domain would read NULL
       as "back to the series'", which dropped a date's own title when only cancelling) */
    rc = event_occ_update(c, &cm, &ev, o.key, title ? title : o.title, api_input(r, "start"),
                          api_input(r, "end"), location ? location : o.location,
                          !cv ? -1 : cancelled_input(r));
    if (rc < 0 || (rc = event_occurrence(c, &ev, o.key, &o)) < 0)
        return rc;
    return api_send(r, 200, occ_json(c, &cm, &o, 1));
}

int api_event_rsvp(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct community cm;
    struct event ev;
    struct event_occ o;
    const char *res;
    json_t *body;
    int rc = api_body(r, &body);
    if (rc < 0 || (rc = load_occ(r, c, &ev, &cm, &o)) < 0 ||
        (rc = event_rsvp(c, &cm, &ev, o.key, api_input(r, "status"), &res)) < 0)
        return rc;
    return api_send(r, 200, occ_json(c, &cm, &o, 1));
}

/* PUT /api/v1/events/:id/rsvp {"status"}: the same answer for every date still to come
   -> {"status", "dates", "waitlisted"} */
int api_event_rsvp_series(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct community cm;
    struct event ev;
    size_t dates = 0, waiting = 0;
    json_t *body, *o;
    int rc = api_body(r, &body);
    if (rc < 0 || (rc = load(r, c, &ev, &cm)) < 0 ||
        (rc = event_rsvp_series(c, &cm, &ev, api_input(r, "status"), &dates, &waiting)) < 0)
        return rc;
    o = json_object();
    json_object_set_new(o, "status", json_string(api_input(r, "status")));
    json_object_set_new(o, "dates", json_integer((json_int_t)dates));
    json_object_set_new(o, "waitlisted", json_integer((json_int_t)waiting));
    return api_send(r, 200, o);
}

int api_calendar_reset(struct req *r)
{
    struct ctx *c = app_ctx(r);
    const char *token;
    json_t *o;
    if (event_feed_token_reset(c, &token) < 0)
        return r->err.code;
    o = json_object();
    json_object_set_new(o, "token", json_string(token));
    json_object_set_new(o, "all",
                        json_string(arena_printf(r->arena, "/calendar/%s/all.ics", token)));
    json_object_set_new(o, "going",
                        json_string(arena_printf(r->arena, "/calendar/%s/going.ics", token)));
    return api_send(r, 201, o);
}
