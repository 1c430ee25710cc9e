/* Webhooks in the JSON API: a community's hooks (/communities/:slug/webhooks, its
 * coordinators) and the instance hooks (/webhooks, administrators), one hook by id
 * (/webhooks/:id: read, change, delete), its secret (reveal, rotate), its delivery log and
 * redelivery. The secret appears only in the answer to a creation, a reveal or a rotation.
 * Rules in domain/webhook.c; documented in docs/api.md (WEBHOOKS-API). */
#include <string.h>

#include "api/api.h"
#include "domain/community.h"
#include "domain/webhook.h"
#include "domain/webhook_manage.h"
#include "core/util.h"

static json_t *hook_json(const struct webhook *w, int with_secret)
{
    json_t *o = json_object(), *ev = json_array();
    const char **names;
    size_t n, i;
    struct arena a;
    arena_init(&a);
    webhook_events_split(&a, w->events, &names, &n);
    for (i = 0; i < n; i++)
        json_array_append_new(ev, json_string(names[i]));
    arena_release(&a);
    json_object_set_new(o, "id", json_integer(w->id));
    json_object_set_new(o, "community",
                        w->community_id ? json_string(w->community_slug) : json_null());
    json_object_set_new(o, "owner", json_string(w->owner_name));
    json_object_set_new(o, "url", json_string(w->url));
    json_object_set_new(o, "events", ev);
    json_object_set_new(o, "active", json_boolean(w->active));
    json_object_set_new(o, "disabled_reason", json_string(w->disabled_reason));
    json_object_set_new(o, "failing_since", api_time(w->failing_since));
    json_object_set_new(o, "created_at", api_time(w->created_at));
    json_object_set_new(o, "updated_at", api_time(w->updated_at));
    if (with_secret)
        json_object_set_new(o, "secret", json_string(w->secret));
    return o;
}

/* Read url, events (a JSON array of names or a text "a b") and active from the body. */
static int read_input(struct req *r, struct webhook_input *in)
{
    json_t *body = NULL, *ev;
    const char *active;
    int rc;
    memset(in, 0, sizeof(*in));
    if ((rc = api_body(r, &body)) < 0)
        return rc;
    in->url = api_input(r, "url");
    ev = body ? json_object_get(body, "events") : NULL;
    if (json_is_array(ev)) {
        size_t i, n = json_array_size(ev);
        const char **names;
        if (n > 64)
            return error_set(&r->err, ERR_INVALID, "events", "Choose at most 64 events.");
        names = arena_alloc(r->arena, (n + 1) * sizeof(*names));
        for (i = 0; i < n; i++) {
            const char *s = json_string_value(json_array_get(ev, i));
            if (!s)
                return error_set(&r->err, ERR_INVALID, "events", "Events are names (strings).");
            names[i] = arena_strdup(r->arena, s);
        }
        in->events = names;
        in->nevents = n;
    } else {
        const char *text = api_input(r, "events");
        if (text) {
            const char **names;
            webhook_events_split(r->arena, text, &names, &in->nevents);
            in->events = names;
        }
    }
    active = api_input(r, "active");
    if (active) {
        in->has_active = 1;
        if (!strcmp(active, "true") || !strcmp(active, "1"))
            in->active = 1;
        else if (strcmp(active, "false") && strcmp(active, "0"))
            return error_set(&r->err, ERR_INVALID, "active", "active is true or false.");
    }
    return 0;
}

static int list_send(struct req *r, const struct community *cm)
{
    struct webhook *w;
    size_t n, i;
    json_t *arr, *o;
    int rc = webhook_list(app_ctx(r), cm, &w, &n);
    if (rc < 0)
        return rc;
    arr = json_array();
    for (i = 0; i < n; i++)
        json_array_append_new(arr, hook_json(&w[i], 0));
    o = json_object();
    json_object_set_new(o, "webhooks", arr);
    return api_send(r, 200, o);
}

static int create_send(struct req *r, const struct community *cm)
{
    struct webhook_input in;
    struct webhook w;
    json_t *o;
    int rc;
    if ((rc = read_input(r, &in)) < 0 || (rc = webhook_create(app_ctx(r), cm, &in, &w)) < 0)
        return rc;
    o = json_object();
    json_object_set_new(o, "webhook", hook_json(&w, 1));
    return api_send(r, 201, o);
}

/* APIPAGE: GET /api/v1/communities/:slug/webhooks -> {webhooks} (coordinators) */
int api_community_webhooks(struct req *r)
{
    struct community cm;
    int rc = community_get(app_ctx(r), r->params[0], &cm);
    return rc < 0 ? rc : list_send(r, &cm);
}

/* APIPAGE: POST /api/v1/communities/:slug/webhooks {url, events, active?} -> 201 {webhook}
   with its secret */
int api_community_webhook_create(struct req *r)
{
    struct community cm;
    int rc = community_get(app_ctx(r), r->params[0], &cm);
    return rc < 0 ? rc : create_send(r, &cm);
}

/* APIPAGE: GET /api/v1/webhooks -> {webhooks} (instance hooks; administrators) */
int api_webhooks(struct req *r)
{
    return list_send(r, NULL);
}

/* APIPAGE: POST /api/v1/webhooks {url, events, active?} -> 201 {webhook} with its secret */
int api_webhook_create(struct req *r)
{
    return create_send(r, NULL);
}

static int load(struct req *r, struct webhook *w)
{
    int64_t id;
    int rc = req_param_id(r, 0, "No such webhook.", &id);
    return rc < 0 ? rc : webhook_get(app_ctx(r), id, w);
}

static int hook_send(struct req *r, int status, const struct webhook *w, int with_secret)
{
    json_t *o = json_object();
    json_object_set_new(o, "webhook", hook_json(w, with_secret));
    return api_send(r, status, o);
}

/* APIPAGE: GET /api/v1/webhooks/:id -> {webhook} */
int api_webhook_get(struct req *r)
{
    struct webhook w;
    int rc = load(r, &w);
    return rc < 0 ? rc : hook_send(r, 200, &w, 0);
}

/* APIPAGE: PATCH /api/v1/webhooks/:id {url?, events?, active?} -> {webhook} */
int api_webhook_update(struct req *r)
{
    struct webhook_input in;
    struct webhook w;
    int rc;
    if ((rc = load(r, &w)) < 0 || (rc = read_input(r, &in)) < 0 ||
        (rc = webhook_update(app_ctx(r), &w, &in)) < 0)
        return rc;
    return hook_send(r, 200, &w, 0);
}

/* APIPAGE: DELETE /api/v1/webhooks/:id -> 204 (its deliveries and log go with it) */
int api_webhook_delete(struct req *r)
{
    struct webhook w;
    int rc;
    if ((rc = load(r, &w)) < 0 || (rc = webhook_delete(app_ctx(r), &w)) < 0)
        return rc;
    r->status = 204;
    return 0;
}

/* APIPAGE: GET /api/v1/webhooks/:id/secret -> {secret} (reveal) */
int api_webhook_secret(struct req *r)
{
    struct webhook w;
    json_t *o;
    int rc = load(r, &w);
    if (rc < 0)
        return rc;
    resp_header(r, "Cache-Control", "no-store");
    o = json_object();
    json_object_set_new(o, "secret", json_string(w.secret));
    return api_send(r, 200, o);
}

/* APIPAGE: POST /api/v1/webhooks/:id/secret -> {webhook} with the new secret (rotate) */
int api_webhook_rotate(struct req *r)
{
    struct webhook w;
    int rc;
    if ((rc = load(r, &w)) < 0 || (rc = webhook_rotate(app_ctx(r), &w)) < 0)
        return rc;
    resp_header(r, "Cache-Control", "no-store");
    return hook_send(r, 200, &w, 1);
}

/* APIPAGE: GET /api/v1/webhooks/:id/deliveries?limit= -> {deliveries, attempts} */
int api_webhook_deliveries(struct req *r)
{
    struct webhook w;
    struct webhook_delivery *d;
    struct webhook_attempt *t;
    size_t nd, nt, i;
    int64_t limit;
    json_t *ad, *at, *o;
    int rc;
    if ((rc = load(r, &w)) < 0 || (rc = req_query_int(r, "limit", 50, 1, 200, &limit)) < 0 ||
        (rc = webhook_log(app_ctx(r), &w, (int)limit, &d, &nd, &t, &nt)) < 0)
        return rc;
    ad = json_array();
    for (i = 0; i < nd; i++) {
        json_t *x = json_object();
        json_object_set_new(x, "id", json_integer(d[i].id));
        json_object_set_new(x, "event_id", json_string(d[i].event_id));
        json_object_set_new(x, "type", json_string(d[i].event_type));
        json_object_set_new(x, "state", json_string(d[i].state));
        json_object_set_new(x, "attempts", json_integer(d[i].attempts));
        json_object_set_new(x, "created_at", api_time(d[i].created_at));
        json_object_set_new(x, "last_at", api_time(d[i].last_at));
        json_object_set_new(x, "last_code", json_integer(d[i].last_code));
        json_object_set_new(x, "last_ms", json_integer(d[i].last_ms));
        json_object_set_new(x, "last_error", json_string(d[i].last_error));
        json_array_append_new(ad, x);
    }
    at = json_array();
    for (i = 0; i < nt; i++) {
        json_t *x = json_object();
        json_object_set_new(x, "id", json_integer(t[i].id));
        json_object_set_new(x, "delivery", json_integer(t[i].delivery_id));
        json_object_set_new(x, "type", json_string(t[i].event_type));
        json_object_set_new(x, "at", api_time(t[i].at));
        json_object_set_new(x, "ok", json_boolean(t[i].ok));
        json_object_set_new(x, "code", json_integer(t[i].code));
        json_object_set_new(x, "ms", json_integer(t[i].ms));
        json_object_set_new(x, "error", json_string(t[i].error));
        json_array_append_new(at, x);
    }
    o = json_object();
    json_object_set_new(o, "deliveries", ad);
    json_object_set_new(o, "attempts", at);
    return api_send(r, 200, o);
}

/* APIPAGE: POST /api/v1/webhooks/:id/deliveries/:did/redeliver -> 202 {delivery} */
int api_webhook_redeliver(struct req *r)
{
    struct webhook w;
    int64_t did, nid;
    json_t *o;
    int rc;
    if ((rc = load(r, &w)) < 0 || (rc = req_param_id(r, 1, "No such delivery.", &did)) < 0 ||
        (rc = webhook_redeliver(app_ctx(r), &w, did, &nid)) < 0)
        return rc;
    o = json_object();
    json_object_set_new(o, "delivery", json_integer(nid));
    return api_send(r, 202, o);
}
