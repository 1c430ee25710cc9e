/* JSON API for comments under posts and for Markdown preview: list and add comments of a
 * post (GET/POST /api/v1/posts/:id/comments), read, edit and delete one comment
 * (GET/PATCH/DELETE /api/v1/comments/:id), and POST /api/v1/preview {"body", "kind",
 * "community"} -> {"html"}. The rules are domain/comment.c's and domain/preview.c's;
 * documented in docs/api.md (COMMENTS-API). */
#include <string.h>

#include "api/api.h"
#include "domain/comment.h"
#include "domain/import.h"
#include "domain/preview.h"

#define NO_SUCH_POST    "There is no such thread or post."
#define NO_SUCH_COMMENT "There is no such comment."

static json_t *comment_json(struct ctx *c, const struct comment *x, const struct comment_can *can)
{
    json_t *o = json_object();
    json_object_set_new(o, "id", json_integer(x->id));
    json_object_set_new(o, "post_id", json_integer(x->post_id));
    json_object_set_new(o, "thread_id", json_integer(x->thread_id));
    if (*x->author_name) {
        json_t *u = json_object();
        json_object_set_new(u, "name", json_string(x->author_name));
        json_object_set_new(u, "display_name",
                            json_string(*x->author_display ? x->author_display : x->author_name));
        json_object_set_new(o, "author", u);
    } else {
        json_object_set_new(o, "author", json_null());
        if (*x->author_display)
            json_object_set_new(o, "author_name", json_string(x->author_display));
    }
    json_object_set_new(o, "body_md", json_string(x->body_md));
    json_object_set_new(o, "body_html", json_string(x->body_html));
    json_object_set_new(o, "created_at", api_time(x->created_at));
    json_object_set_new(o, "edited_at", api_time(x->edited_at));
    json_object_set_new(o, "source_url", *x->source_url ? json_string(x->source_url) : json_null());
    json_object_set_new(o, "url",
                        json_string(arena_printf(c->arena, "/comments/%lld", (long long)x->id)));
    if (can) {
        json_t *k = json_object();
        json_object_set_new(k, "edit", json_boolean(can->edit));
        json_object_set_new(k, "delete", json_boolean(can->del));
        json_object_set_new(o, "can", k);
    }
    return o;
}

json_t *api_comments_json(struct req *r, const struct comment_row *all, size_t n, int64_t pid)
{
    json_t *arr = json_array();
    size_t i;
    for (i = 0; i < n; i++) {
        const struct comment_row *x = &all[i];
        json_t *o;
        if (x->post_id != pid)
            continue;
        o = json_object();
        json_object_set_new(o, "id", json_integer(x->id));
        if (x->author_login) {
            json_t *u = json_object();
            json_object_set_new(u, "name", json_string(x->author_login));
            json_object_set_new(u, "display_name",
                                json_string(*x->author_name ? x->author_name : x->author_login));
            json_object_set_new(o, "author", u);
        } else {
            json_object_set_new(o, "author", json_null());
            if (*x->author_name)
                json_object_set_new(o, "author_name", json_string(x->author_name));
        }
        json_object_set_new(o, "body_html", json_string(x->body_html));
        json_object_set_new(o, "created_at", api_time(x->created_at));
        json_object_set_new(o, "edited_at", api_time(x->edited_at));
        json_object_set_new(o, "source_url",
                            x->source_url ? json_string(x->source_url) : json_null());
        json_object_set_new(
            o, "url", json_string(arena_printf(r->arena, "/comments/%lld", (long long)x->id)));
        json_array_append_new(arr, o);
    }
    return arr;
}

int api_post_comments(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct comment *xs;
    struct comment_can *cans;
    size_t n, i;
    int64_t pid;
    json_t *o, *arr;
    int rc;
    if (req_param_id(r, 0, NO_SUCH_POST, &pid) < 0)
        return r->err.code;
    if ((rc = comment_list(c, pid, &xs, &cans, &n)) < 0)
        return rc;
    o = json_object();
    arr = json_array();
    for (i = 0; i < n; i++)
        json_array_append_new(arr, comment_json(c, &xs[i], &cans[i]));
    json_object_set_new(o, "comments", arr);
    return api_send(r, 200, o);
}

int api_post_comment_create(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct comment x;
    struct comment_can can;
    json_t *body;
    int64_t pid;
    int rc;
    if (req_param_id(r, 0, NO_SUCH_POST, &pid) < 0 || api_body(r, &body) < 0)
        return r->err.code;
    if ((rc = comment_create(c, pid, api_input(r, "body"), &x)) < 0) {
        if (rc == ERR_RATE) /* comments_per_hour (domain/comment.h) */
            resp_header(r, "Retry-After",
                        arena_printf(r->arena, "%lld", (long long)comment_rate_retry(c)));
        return rc;
    }
    can.edit = can.del = 1;
    resp_header(r, "Location", arena_printf(r->arena, "/api/v1/comments/%lld", (long long)x.id));
    return api_send(r, 201, comment_json(c, &x, &can));
}

int api_comment_get(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct comment x;
    struct comment_can can;
    int64_t id;
    int rc;
    if (req_param_id(r, 0, NO_SUCH_COMMENT, &id) < 0)
        return r->err.code;
    if ((rc = comment_get(c, id, &x, &can)) < 0)
        return rc;
    return api_send(r, 200, comment_json(c, &x, &can));
}

int api_comment_update(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct comment x;
    struct comment_can can;
    json_t *body;
    int64_t id;
    int rc;
    if (req_param_id(r, 0, NO_SUCH_COMMENT, &id) < 0 || api_body(r, &body) < 0)
        return r->err.code;
    if ((rc = comment_edit(c, id, api_input(r, "body"), &x)) < 0)
        return rc;
    if ((rc = comment_get(c, id, &x, &can)) < 0)
        return rc;
    return api_send(r, 200, comment_json(c, &x, &can));
}

int api_comment_delete(struct req *r)
{
    struct ctx *c = app_ctx(r);
    int64_t id;
    int rc;
    json_t *o;
    if (req_param_id(r, 0, NO_SUCH_COMMENT, &id) < 0)
        return r->err.code;
    if ((rc = comment_delete(c, id)) < 0)
        return rc;
    o = json_object();
    json_object_set_new(o, "id", json_integer(id));
    json_object_set_new(o, "deleted", json_true());
    return api_send(r, 200, o);
}

int api_preview(struct req *r)
{
    struct ctx *c = app_ctx(r);
    json_t *body, *o;
    const char *html;
    int rc;
    if (api_body(r, &body) < 0)
        return r->err.code;
    if ((rc = preview_render(c, api_input(r, "body"), api_input(r, "kind"),
                             api_input(r, "community"), &html)) < 0)
        return rc;
    o = json_object();
    json_object_set_new(o, "html", json_string(html));
    return api_send(r, 200, o);
}
