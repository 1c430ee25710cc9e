/* JSON API for notifications and following: the caller's notifications (all or unread) with
 * the unread count, marking one or all read, the auto-watch setting, and follow levels of
 * threads, communities and tags. Mirrors web/notification.c and obeys
 * domain/notification.c. Documented in docs/api.md (Notifications). */
#include <string.h>

#include "api/api.h"
#include "core/timeutil.h"
#include "core/util.h"
#include "domain/community.h"
#include "domain/notification.h"
#include "domain/notify_mail.h"
#include "domain/report_mail.h"

static json_t *id_or_null(int64_t id)
{
    return id ? json_integer(id) : json_null();
}

static json_t *notification_json(const struct notification *x)
{
    json_t *o = json_pack("{s:I,s:s,s:s,s:s,s:I,s:b,s:o,s:o}", "id", (json_int_t)x->id, "kind",
                          x->kind, "text", x->text, "link", x->link, "count", (json_int_t)x->count,
                          "read", x->read_at != 0, "created_at", api_time(x->created_at), "read_at",
                          api_time(x->read_at));
    json_object_set_new(o, "actor", *x->actor_name ? json_string(x->actor_name) : json_null());
    json_object_set_new(o, "thread_id", id_or_null(x->thread_id));
    json_object_set_new(o, "post_id", id_or_null(x->post_id));
    json_object_set_new(o, "last_post_id", id_or_null(x->last_post_id));
    json_object_set_new(o, "community",
                        *x->community_slug ? json_string(x->community_slug) : json_null());
    return o;
}

int api_notifications(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct notification *list;
    size_t n, i;
    int64_t unread = 0;
    const char *filter = req_param(r, "filter");
    json_t *o, *arr;
    int rc;
    if (filter && !str_eq(filter, "unread") && !str_eq(filter, "all"))
        return error_set(&r->err, ERR_INVALID, "filter", "filter is all or unread.");
    rc = notifications_list_filtered(c, filter && str_eq(filter, "unread"), &list, &n);
    if (rc < 0)
        return rc;
    notifications_unread(c, &unread);
    o = json_object();
    arr = json_array();
    for (i = 0; i < n; i++)
        json_array_append_new(arr, notification_json(&list[i]));
    json_object_set_new(o, "notifications", arr);
    json_object_set_new(o, "unread", json_integer(unread));
    return api_send(r, 200, o);
}

int api_notifications_read(struct req *r)
{
    struct ctx *c = app_ctx(r);
    int64_t id, unread = 0;
    int rc;
    if (api_int_input(r, "id", 0, 0, INT64_MAX, &id) < 0)
        return r->err.code;
    if ((rc = notifications_mark_read(c, id)) < 0)
        return rc;
    notifications_unread(c, &unread);
    return api_send(r, 200, json_pack("{s:I}", "unread", (json_int_t)unread));
}

int api_notification_settings(struct req *r)
{
    int on = 1, rc = follow_auto_watch_get(app_ctx(r), &on);
    if (rc < 0)
        return rc;
    return api_send(r, 200, json_pack("{s:b}", "auto_watch", on));
}

int api_notification_settings_update(struct req *r)
{
    const char *v = api_input(r, "auto_watch");
    int on, rc;
    if (!v || (!str_eq(v, "true") && !str_eq(v, "false") && !str_eq(v, "1") && !str_eq(v, "0")))
        return error_set(&r->err, ERR_INVALID, "auto_watch", "auto_watch is true or false.");
    on = str_eq(v, "true") || str_eq(v, "1");
    if ((rc = follow_auto_watch_set(app_ctx(r), on)) < 0)
        return rc;
    return api_send(r, 200, json_pack("{s:b}", "auto_watch", on));
}

/* {"kinds": {"mention": "email", ...}, "defaults": {...}, "all": "on"|"off",
   "digest": "on"|"off", "health": "on"|"off"} (health: the monthly health summary of the
   communities one coordinates, domain/report_mail.h) */
int api_notification_prefs(struct req *r)
{
    struct notify_pref_view *v;
    size_t n, i;
    int all_off, digest_off, health_on = 1, rc;
    json_t *kinds, *defaults;
    if ((rc = notify_prefs_get(app_ctx(r), &v, &n, &all_off, &digest_off)) < 0 ||
        (rc = report_mail_pref_get(app_ctx(r), &health_on)) < 0)
        return rc;
    kinds = json_object();
    defaults = json_object();
    for (i = 0; i < n; i++) {
        json_object_set_new(kinds, v[i].kind, json_string(v[i].mode));
        json_object_set_new(defaults, v[i].kind, json_string(v[i].fallback));
    }
    return api_send(r, 200,
                    json_pack("{s:o, s:o, s:s, s:s, s:s}", "kinds", kinds, "defaults", defaults,
                              "all", all_off ? "off" : "on", "digest", digest_off ? "off" : "on",
                              "health", health_on ? "on" : "off"));
}

/* The body is {"KIND": "app"|"email"|"digest", "all": "on"|"off", "digest": "on"|"off",
   "health": "on"|"off"}
   (any subset; also accepted wrapped as {"kinds": {...}}); all or nothing. */
int api_notification_prefs_update(struct req *r)
{
    json_t *body, *obj, *val;
    const char *key, **kinds, **modes;
    size_t n = 0, cap;
    int rc;
    if ((rc = api_body(r, &body)) < 0)
        return rc;
    if (!body || !json_is_object(body))
        return error_set(&r->err, ERR_INVALID, NULL,
                         "Send a JSON object such as {\"mention\": \"email\"}.");
    obj = json_is_object(json_object_get(body, "kinds")) ? json_object_get(body, "kinds") : body;
    cap = json_object_size(obj) + 3;
    if (cap > 64)
        return error_set(&r->err, ERR_INVALID, NULL, "Too many fields.");
    kinds = ARENA_ARRAY(r->arena, const char *, cap);
    modes = ARENA_ARRAY(r->arena, const char *, cap);
    json_object_foreach(obj, key, val)
    {
        if (!json_is_string(val))
            return error_set(&r->err, ERR_INVALID, NULL, "Each value is a string.");
        kinds[n] = arena_strdup(r->arena, key);
        modes[n++] = arena_strdup(r->arena, json_string_value(val));
    }
    if (obj != body) {
        const char *extra[] = {"all", "digest", "health"};
        size_t i;
        for (i = 0; i < ARRAY_SIZE(extra); i++)
            if (json_is_string(json_object_get(body, extra[i]))) {
                kinds[n] = extra[i];
                modes[n++] =
                    arena_strdup(r->arena, json_string_value(json_object_get(body, extra[i])));
            }
    }
    if ((rc = notify_prefs_set(app_ctx(r), kinds, modes, n)) < 0)
        return rc;
    return api_notification_prefs(r);
}

static int level_send(struct req *r, int level)
{
    return api_send(r, 200, json_pack("{s:s}", "level", follow_level_name(level)));
}

static int level_input(struct req *r, int *level)
{
    if (follow_level_parse(api_input(r, "level"), level) < 0)
        return error_set(&r->err, ERR_INVALID, "level",
                         "level is muted, normal, tracking or watching.");
    return 0;
}

static int thread_param(struct req *r, int64_t *tid)
{
    return req_param_id(r, 0, "There is no such thread or post.", tid);
}

int api_thread_level(struct req *r)
{
    int64_t tid;
    int level, rc;
    if ((rc = thread_param(r, &tid)) < 0 || (rc = follow_thread_get(app_ctx(r), tid, &level)) < 0)
        return rc;
    return level_send(r, level);
}

int api_thread_level_set(struct req *r)
{
    int64_t tid;
    int level, rc;
    if ((rc = thread_param(r, &tid)) < 0 || (rc = level_input(r, &level)) < 0 ||
        (rc = follow_thread_set(app_ctx(r), tid, level)) < 0)
        return rc;
    return level_send(r, level);
}

/* GET (set = 0) or PUT the level of community :slug, or of its tag (tag non-NULL). */
static int community_level(struct req *r, const char *tag, int set)
{
    struct ctx *c = app_ctx(r);
    struct community cm;
    int level, rc;
    if ((rc = community_get(c, r->params[0], &cm)) < 0)
        return rc;
    if (set) {
        if ((rc = level_input(r, &level)) < 0 ||
            (rc = follow_community_set(c, &cm, tag, level)) < 0)
            return rc;
    } else if ((rc = follow_community_get(c, &cm, tag, &level)) < 0) {
        return rc;
    }
    return level_send(r, level);
}

int api_community_level(struct req *r)
{
    return community_level(r, NULL, 0);
}

int api_community_level_set(struct req *r)
{
    return community_level(r, NULL, 1);
}

int api_tag_level(struct req *r)
{
    return community_level(r, r->params[1], 0);
}

int api_tag_level_set(struct req *r)
{
    return community_level(r, r->params[1], 1);
}
