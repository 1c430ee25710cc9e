/* JSON API for newcomer coaching: a community's coaching settings and queue, the coaching
 * panel of a question (notes, suggestions, credits), and the actions (comment, suggest an
 * edit, accept or reject a suggestion, publish, mark ready). Mirrors web/coaching.c and obeys
 * domain/coaching.c. Documented in docs/api.md (Coaching). */
#include <string.h>

#include "api/api.h"
#include "core/util.h"
#include "domain/coaching.h"
#include "domain/community.h"

#define NO_SUCH_THREAD "There is no such thread or post."

static json_t *settings_json(const struct coaching_settings *s)
{
    return json_pack("{s:b,s:I,s:I,s:b}", "enabled", s->on, "coach_level", (json_int_t)s->level,
                     "hours", (json_int_t)s->hours, "first_question_only", s->first_only);
}

static json_t *item_json(const struct coaching_item *x)
{
    json_t *o = json_object();
    json_object_set_new(o, "thread_id", json_integer(x->thread_id));
    json_object_set_new(o, "post_id", json_integer(x->post_id));
    json_object_set_new(o, "title", json_string(x->title));
    json_object_set_new(o, "author", *x->author_name ? json_string(x->author_name) : json_null());
    json_object_set_new(o, "author_display", json_string(x->author_display));
    json_object_set_new(o, "coaching_since", api_time(x->coaching_at));
    json_object_set_new(o, "notes", json_integer(x->notes));
    json_object_set_new(o, "pending_suggestions", json_integer(x->suggestions));
    return o;
}

static json_t *note_json(const struct coaching_note *x)
{
    json_t *o = json_object();
    json_object_set_new(o, "id", json_integer(x->id));
    json_object_set_new(o, "kind", json_string(x->kind));
    json_object_set_new(o, "author", *x->author_name ? json_string(x->author_name) : json_null());
    json_object_set_new(o, "author_display", json_string(x->author_display));
    if (str_eq(x->kind, "suggestion")) {
        json_object_set_new(o, "title", *x->title ? json_string(x->title) : json_null());
        json_object_set_new(o, "body", *x->body_md ? json_string(x->body_md) : json_null());
        json_object_set_new(o, "status", json_string(x->status));
        json_object_set_new(o, "decided_at", api_time(x->decided_at));
    } else if (str_eq(x->kind, "comment")) {
        json_object_set_new(o, "body", json_string(x->body_md));
        json_object_set_new(o, "body_html", json_string(x->body_html));
    }
    json_object_set_new(o, "created_at", api_time(x->created_at));
    return o;
}

int api_community_coaching(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct community cm;
    struct coaching_item *items;
    struct coaching_settings s;
    size_t n, i;
    json_t *arr, *o;
    int rc = community_get(c, r->params[0], &cm);
    if (rc < 0)
        return rc;
    if ((rc = coaching_queue(c, &cm, &items, &n)) < 0)
        return rc;
    arr = json_array();
    for (i = 0; i < n; i++)
        json_array_append_new(arr, item_json(&items[i]));
    o = json_pack("{s:o}", "questions", arr);
    if (coaching_settings_get(c, &cm, &s) == 0)
        json_object_set_new(o, "settings", settings_json(&s));
    else
        error_clear(&r->err);
    return api_send(r, 200, o);
}

/* A JSON boolean (or "1"/"0"/"true"/"false" in a form) into *out, def when absent. */
static int bool_input(struct req *r, const char *key, int def, int *out)
{
    const char *v = api_input(r, key);
    *out = def;
    if (!v)
        return 0;
    if (str_eq(v, "1") || str_eq(v, "true"))
        *out = 1;
    else if (str_eq(v, "0") || str_eq(v, "false"))
        *out = 0;
    else
        return error_set(&r->err, ERR_INVALID, key, "Give true or false.");
    return 0;
}

int api_community_coaching_update(struct req *r)
{
    static const char *const known[] = {"enabled", "coach_level", "hours", "first_question_only"};
    struct ctx *c = app_ctx(r);
    struct community cm;
    struct coaching_settings s;
    json_t *body;
    const char *key;
    json_t *v;
    size_t i;
    int rc = community_get(c, r->params[0], &cm);
    if (rc < 0)
        return rc;
    if (api_body(r, &body) < 0)
        return r->err.code;
    if (body)
        json_object_foreach(body, key, v)
        {
            for (i = 0; i < ARRAY_SIZE(known); i++)
                if (str_eq(key, known[i]))
                    break;
            if (i == ARRAY_SIZE(known))
                return error_set(&r->err, ERR_INVALID, NULL,
                                 "Unknown field '%s': the fields are enabled, coach_level, "
                                 "hours and first_question_only.",
                                 key);
        }
    if ((rc = coaching_settings_get(c, &cm, &s)) < 0)
        return rc;
    if (bool_input(r, "enabled", s.on, &s.on) < 0 ||
        bool_input(r, "first_question_only", s.first_only, &s.first_only) < 0 ||
        api_int_input(r, "coach_level", s.level, 0, 4, &s.level) < 0 ||
        api_int_input(r, "hours", s.hours, 0, COACHING_HOURS_MAX, &s.hours) < 0)
        return r->err.code;
    if ((rc = coaching_settings_set(c, &cm, &s)) < 0)
        return rc;
    return api_send(r, 200, json_pack("{s:o}", "settings", settings_json(&s)));
}

int api_thread_coaching(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct coaching_view v;
    json_t *o, *notes, *coaches;
    int64_t tid;
    size_t i;
    int rc;
    if (req_param_id(r, 0, NO_SUCH_THREAD, &tid) < 0)
        return r->err.code;
    if ((rc = coaching_view(c, tid, &v)) < 0)
        return rc;
    notes = json_array();
    for (i = 0; i < v.nnotes; i++)
        json_array_append_new(notes, note_json(&v.notes[i]));
    coaches = json_array();
    for (i = 0; i < v.ncoaches; i++)
        json_array_append_new(coaches, json_pack("{s:s,s:s}", "name", v.coaches[i].name,
                                                 "display_name", v.coaches[i].display));
    o = json_object();
    json_object_set_new(o, "in_coaching", json_boolean(v.in_coaching));
    json_object_set_new(o, "coached", json_boolean(v.coached));
    json_object_set_new(o, "publish_at", api_time(v.publish_at));
    json_object_set_new(o, "coaches", coaches);
    if (v.may_see_notes)
        json_object_set_new(o, "notes", notes);
    else
        json_decref(notes);
    json_object_set_new(o, "can",
                        json_pack("{s:b,s:b,s:b}", "coach", v.can_coach, "publish", v.can_publish,
                                  "comment", v.can_comment));
    return api_send(r, 200, o);
}

int api_thread_coaching_comment(struct req *r)
{
    struct ctx *c = app_ctx(r);
    int64_t tid, id = 0;
    int rc;
    if (req_param_id(r, 0, NO_SUCH_THREAD, &tid) < 0 || api_body(r, &(json_t *){NULL}) < 0)
        return r->err.code;
    if ((rc = coaching_comment(c, tid, api_input(r, "body"), &id)) < 0)
        return rc;
    return api_send(r, 201, json_pack("{s:I}", "id", (json_int_t)id));
}

int api_thread_coaching_suggest(struct req *r)
{
    struct ctx *c = app_ctx(r);
    int64_t tid, id = 0;
    int rc;
    if (req_param_id(r, 0, NO_SUCH_THREAD, &tid) < 0 || api_body(r, &(json_t *){NULL}) < 0)
        return r->err.code;
    if ((rc = coaching_suggest(c, tid, api_input(r, "title"), api_input(r, "body"), &id)) < 0)
        return rc;
    return api_send(r, 201, json_pack("{s:I}", "id", (json_int_t)id));
}

int api_coaching_suggestion(struct req *r)
{
    struct ctx *c = app_ctx(r);
    const char *a;
    int64_t nid, tid = 0;
    int rc;
    if (req_param_id(r, 0, "There is no such suggestion.", &nid) < 0 ||
        api_body(r, &(json_t *){NULL}) < 0)
        return r->err.code;
    a = api_input(r, "action");
    if (!a || (!str_eq(a, "accept") && !str_eq(a, "reject")))
        return error_set(&r->err, ERR_INVALID, "action", "The action is accept or reject.");
    if ((rc = coaching_decide(c, nid, str_eq(a, "accept"), &tid)) < 0)
        return rc;
    return api_send(r, 200,
                    json_pack("{s:I,s:s}", "thread_id", (json_int_t)tid, "status",
                              str_eq(a, "accept") ? "accepted" : "rejected"));
}

static int publish(struct req *r, int ready)
{
    struct ctx *c = app_ctx(r);
    int64_t tid;
    int rc;
    if (req_param_id(r, 0, NO_SUCH_THREAD, &tid) < 0)
        return r->err.code;
    if ((rc = coaching_publish(c, tid, ready)) < 0)
        return rc;
    return api_send(r, 200, json_pack("{s:I,s:b}", "thread_id", (json_int_t)tid, "published", 1));
}

int api_thread_coaching_publish(struct req *r)
{
    return publish(r, 0);
}

int api_thread_coaching_ready(struct req *r)
{
    return publish(r, 1);
}
