/* JSON API for flags and the review queue: flagging a post or a comment, the caller's own
 * flags with their outcomes, a community's review queue (held posts and flagged items with
 * every flag and the author's history), the review actions, and the community's "first posts
 * go to review" switch. Mirrors web/review.c and obeys domain/flag.c and
 * domain/moderation.c. Documented in docs/api.md (Flags and review). */
#include <string.h>

#include "api/api.h"
#include "core/util.h"
#include "domain/community.h"
#include "domain/flag.h"
#include "domain/moderation.h"

#define NO_SUCH_ITEM "There is no such post or comment."

static json_t *id_or_null(int64_t id)
{
    return id ? json_integer(id) : json_null();
}

static json_t *flag_json(const struct flag *f, int with_flagger)
{
    json_t *o = json_object();
    json_object_set_new(o, "id", json_integer(f->id));
    json_object_set_new(o, "item_kind", json_string(f->item_kind));
    json_object_set_new(o, "item_id", json_integer(f->item_id));
    json_object_set_new(o, "post_id", json_integer(f->post_id));
    json_object_set_new(o, "reason", json_string(f->reason));
    json_object_set_new(o, "note", json_string(f->note ? f->note : ""));
    json_object_set_new(o, "original_thread_id", id_or_null(f->original_thread_id));
    json_object_set_new(o, "weight", json_real((double)f->weight / 100.0));
    json_object_set_new(o, "status", json_string(f->status));
    json_object_set_new(o, "outcome", *f->outcome ? json_string(f->outcome) : json_null());
    json_object_set_new(o, "created_at", api_time(f->created_at));
    json_object_set_new(o, "resolved_at", api_time(f->resolved_at));
    json_object_set_new(o, "thread_id", id_or_null(f->thread_id));
    json_object_set_new(o, "thread_title", json_string(f->thread_title ? f->thread_title : ""));
    json_object_set_new(o, "community",
                        f->community_slug && *f->community_slug ? json_string(f->community_slug)
                                                                : json_null());
    if (with_flagger)
        json_object_set_new(o, "flagger",
                            json_pack("{s:s,s:I,s:I}", "name", f->flagger_name, "agreed",
                                      (json_int_t)f->flagger_agreed, "disagreed",
                                      (json_int_t)f->flagger_disagreed));
    return o;
}

static int flag_create(struct req *r, int comment)
{
    struct ctx *c = app_ctx(r);
    struct flag_input in;
    struct flag f;
    json_t *o, *body;
    int64_t id, original = 0;
    int hidden = 0, rc;
    if (req_param_id(r, 0, NO_SUCH_ITEM, &id) < 0 || api_body(r, &body) < 0 ||
        api_int_input(r, "original", 0, 0, INT64_MAX, &original) < 0)
        return r->err.code;
    memset(&in, 0, sizeof(in));
    in.reason = api_input(r, "reason");
    in.note = api_input(r, "note");
    in.original = original;
    rc = comment ? flag_comment(c, id, &in, &f) : flag_post(c, id, &in, &f, &hidden);
    if (rc < 0)
        return rc;
    o = flag_json(&f, 0);
    json_object_set_new(o, "hidden", json_boolean(hidden));
    return api_send(r, 201, o);
}

int api_post_flag(struct req *r)
{
    return flag_create(r, 0);
}

int api_comment_flag(struct req *r)
{
    return flag_create(r, 1);
}

int api_me_flags(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct flag *list;
    size_t n, i;
    json_t *arr;
    int rc = flag_mine(c, &list, &n);
    if (rc < 0)
        return rc;
    arr = json_array();
    for (i = 0; i < n; i++)
        json_array_append_new(arr, flag_json(&list[i], 0));
    return api_send(r, 200, json_pack("{s:o}", "flags", arr));
}

static json_t *author_json(const struct review_author *a)
{
    json_t *o, *recent;
    size_t i;
    if (!a->id)
        return json_null();
    o = json_object();
    json_object_set_new(o, "name", json_string(a->name));
    json_object_set_new(o, "display_name", json_string(a->display));
    json_object_set_new(o, "created_at", api_time(a->created_at));
    json_object_set_new(o, "new_account", json_boolean(a->newcomer));
    json_object_set_new(o, "posts_here", json_integer(a->posts_here));
    json_object_set_new(o, "flags_agreed", json_integer(a->flags_agreed));
    json_object_set_new(o, "suspended_until", api_time(a->suspended_until));
    json_object_set_new(o, "silenced_until", api_time(a->silenced_until));
    recent = json_array();
    for (i = 0; i < a->nrecent; i++)
        json_array_append_new(
            recent,
            json_pack("{s:I,s:I,s:s,s:o,s:b,s:b}", "post_id", (json_int_t)a->recent[i].post_id,
                      "thread_id", (json_int_t)a->recent[i].thread_id, "thread_title",
                      a->recent[i].thread_title, "created_at", api_time(a->recent[i].created_at),
                      "hidden", a->recent[i].hidden, "deleted", a->recent[i].deleted));
    json_object_set_new(o, "recent_posts", recent);
    return o;
}

int api_community_review(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct community cm;
    struct review_queue q;
    json_t *arr;
    size_t i, k;
    int rc = community_get(c, r->params[0], &cm);
    if (rc < 0)
        return rc;
    if ((rc = review_queue(c, &cm, &q)) < 0)
        return rc;
    arr = json_array();
    for (i = 0; i < q.n; i++) {
        const struct review_item *x = &q.items[i];
        json_t *o = json_object(), *flags = json_array();
        json_object_set_new(o, "queue", json_string(x->queue));
        json_object_set_new(o, "item_kind", json_string(x->item_kind));
        json_object_set_new(o, "item_id", json_integer(x->item_id));
        json_object_set_new(o, "post_id", json_integer(x->post.id));
        json_object_set_new(o, "thread_id", json_integer(x->thread.id));
        json_object_set_new(o, "thread_title", json_string(x->thread.title));
        json_object_set_new(o, "position", json_integer(x->post.position));
        json_object_set_new(o, "body_html",
                            x->comment_html     ? json_string(x->comment_html)
                            : x->post.body_html ? json_string(x->post.body_html)
                                                : json_null());
        json_object_set_new(o, "hidden", json_boolean(x->post.hidden_at != 0));
        json_object_set_new(o, "held", json_boolean(x->post.held_at != 0));
        json_object_set_new(o, "hide_reason",
                            x->post.hidden_at ? json_string(x->post.hide_reason) : json_null());
        json_object_set_new(o, "weight", json_real((double)x->weight / 100.0));
        for (k = 0; k < x->nflags; k++)
            json_array_append_new(flags, flag_json(&x->flags[k], 1));
        json_object_set_new(o, "flags", flags);
        json_object_set_new(o, "author", author_json(&x->author));
        json_array_append_new(arr, o);
    }
    return api_send(r, 200,
                    json_pack("{s:b,s:o}", "first_posts_reviewed", q.first_posts, "items", arr));
}

int api_community_review_update(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct community cm;
    json_t *body;
    const char *v;
    int rc = community_get(c, r->params[0], &cm);
    if (rc < 0)
        return rc;
    if (api_body(r, &body) < 0)
        return r->err.code;
    v = api_input(r, "first_posts_reviewed");
    if (!v || (!str_eq(v, "1") && !str_eq(v, "0")))
        return error_set(&r->err, ERR_INVALID, "first_posts_reviewed", "Give true or false.");
    if ((rc = moderation_set_first_posts(c, &cm, str_eq(v, "1"))) < 0)
        return rc;
    return api_send(r, 200, json_pack("{s:b}", "first_posts_reviewed", str_eq(v, "1")));
}

static int review(struct req *r, const char *kind)
{
    struct ctx *c = app_ctx(r);
    struct review_input in;
    json_t *body;
    int64_t id;
    int rc;
    if (req_param_id(r, 0, NO_SUCH_ITEM, &id) < 0 || api_body(r, &body) < 0)
        return r->err.code;
    memset(&in, 0, sizeof(in));
    if (review_action_parse(api_input(r, "action"), &in.action) < 0)
        return error_set(&r->err, ERR_INVALID, "action",
                         "The action is agree, disagree, defer, approve, reject, suspend, silence "
                         "or lift.");
    if (api_int_input(r, "days", 0, 0, REVIEW_DAYS_MAX, &in.days) < 0)
        return r->err.code;
    in.outcome = api_input(r, "outcome");
    in.reason = api_input(r, "reason");
    in.body_md = api_input(r, "body");
    if ((rc = review_act(c, kind, id, &in, NULL)) < 0)
        return rc;
    return api_send(r, 200,
                    json_pack("{s:b,s:s}", "ok", 1, "action", review_action_name(in.action)));
}

int api_review_post(struct req *r)
{
    return review(r, "post");
}

int api_review_comment(struct req *r)
{
    return review(r, "comment");
}
