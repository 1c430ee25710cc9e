/* JSON API for threads, posts and everything around them: lists (per community and across
 * the instance), create, reply, read a thread page, edit with revisions and word diffs,
 * votes, likes, accepted answers, moderation, hide/unhide, delete, audit log, similar
 * threads and drafts. Mirrors web/thread.c and obeys the same domain rules (a thread of a
 * community the viewer may not read is 404). Documented in docs/api.md (THREADS-API). */
#include <string.h>

#include "api/api.h"
#include "domain/trust.h"
#include "core/diff.h"
#include "core/timeutil.h"
#include "domain/import.h"
#include "domain/thread.h"
#include "domain/closevote.h"
#include "core/util.h"

#define NO_SUCH_POST                                                                               \
    "There is no such thread or post." /* a malformed id reads as an unknown one                   \
                                        */

static json_t *str_or_null(const char *s)
{
    return s ? json_string(s) : json_null();
}

static json_t *user_json(const char *name, const char *display)
{
    json_t *o;
    if (!name || !*name)
        return json_null();
    o = json_object();
    json_object_set_new(o, "name", json_string(name));
    json_object_set_new(o, "display_name", json_string(display && *display ? display : name));
    return o;
}

static json_t *thread_json(struct ctx *c, const struct thread *t, const struct thread_can *can)
{
    json_t *o = json_object(), *tags = json_array(), *cm = json_object();
    size_t i;
    json_object_set_new(o, "id", json_integer(t->id));
    json_object_set_new(cm, "slug", json_string(t->community_slug));
    json_object_set_new(cm, "name", json_string(t->community_name));
    json_object_set_new(o, "community", cm);
    json_object_set_new(o, "kind", json_string(thread_kind_name(t->kind)));
    json_object_set_new(o, "title", json_string(t->title));
    for (i = 0; i < t->ntags; i++)
        json_array_append_new(tags, json_string(t->tags[i]));
    json_object_set_new(o, "tags", tags);
    json_object_set_new(o, "author", user_json(t->author_name, t->author_display));
    json_object_set_new(o, "created_at", api_time(t->created_at));
    json_object_set_new(o, "last_activity_at", api_time(t->last_activity_at));
    json_object_set_new(o, "post_count", json_integer(t->post_count));
    json_object_set_new(o, "reply_count", json_integer(t->reply_count));
    json_object_set_new(o, "answer_count", json_integer(t->answer_count));
    json_object_set_new(o, "score", json_integer(t->score));
    json_object_set_new(o, "solved", json_boolean(t->solved));
    json_object_set_new(o, "accepted_post_id",
                        t->accepted_post_id ? json_integer(t->accepted_post_id) : json_null());
    json_object_set_new(o, "locked", json_boolean(t->locked));
    json_object_set_new(o, "pinned", json_boolean(t->pinned));
    json_object_set_new(o, "closed", json_boolean(t->closed_at != 0));
    json_object_set_new(o, "closed_at", api_time(t->closed_at));
    json_object_set_new(o, "close_reason",
                        t->closed_at ? json_string(t->close_reason) : json_null());
    json_object_set_new(o, "deleted", json_boolean(t->deleted_at != 0 && !t->held_at));
    json_object_set_new(o, "held", json_boolean(t->held_at != 0 && !t->coaching_at));
    json_object_set_new(o, "coaching", json_boolean(t->coaching_at != 0)); /* domain/coaching.h */
    json_object_set_new(
        o, "url",
        json_string(arena_printf(c->arena, "/c/%s/t/%lld", t->community_slug, (long long)t->id)));
    if (can) {
        json_t *k = json_object();
        json_object_set_new(k, "reply", json_boolean(can->reply));
        json_object_set_new(k, "moderate", json_boolean(can->moderate));
        json_object_set_new(k, "accept", json_boolean(can->accept));
        json_object_set_new(k, "edit", json_boolean(can->edit));
        json_object_set_new(k, "vote", json_boolean(can->vote));
        json_object_set_new(k, "close_vote", json_boolean(can->close_vote)); /* trust level */
        json_object_set_new(o, "can", k);
    }
    return o;
}

static json_t *post_json(struct ctx *c, const struct post *p)
{
    json_t *o = json_object(), *k = json_object();
    json_object_set_new(o, "id", json_integer(p->id));
    json_object_set_new(o, "thread_id", json_integer(p->thread_id));
    json_object_set_new(o, "position", json_integer(p->position));
    json_object_set_new(o, "author", user_json(p->author_name, p->author_display));
    if (p->reply_to_post_id) {
        json_t *rt = json_object();
        json_object_set_new(rt, "id", json_integer(p->reply_to_post_id));
        json_object_set_new(rt, "position", json_integer(p->reply_to_position));
        json_object_set_new(o, "reply_to", rt);
    } else {
        json_object_set_new(o, "reply_to", json_null());
    }
    json_object_set_new(o, "body_md", str_or_null(p->body_md));
    json_object_set_new(o, "body_html", str_or_null(p->body_html));
    json_object_set_new(o, "created_at", api_time(p->created_at));
    json_object_set_new(o, "edited_at", api_time(p->edited_at));
    json_object_set_new(o, "edit_count", json_integer(p->edit_count));
    json_object_set_new(o, "score", json_integer(p->score));
    json_object_set_new(o, "like_count", json_integer(p->like_count));
    json_object_set_new(o, "accepted", json_boolean(p->accepted));
    json_object_set_new(o, "hidden", json_boolean(p->hidden_at != 0));
    json_object_set_new(o, "hide_reason", p->hidden_at ? json_string(p->hide_reason) : json_null());
    json_object_set_new(o, "deleted", json_boolean(p->deleted_at != 0));
    json_object_set_new(o, "held", json_boolean(p->held_at != 0));
    json_object_set_new(o, "my_vote", json_integer(p->viewer_vote));
    json_object_set_new(o, "liked", json_boolean(p->viewer_liked));
    json_object_set_new(k, "edit", json_boolean(p->can.edit));
    json_object_set_new(k, "retag", json_boolean(p->can.retag));
    json_object_set_new(k, "vote_up", json_boolean(p->can.vote_up));
    json_object_set_new(k, "vote_down", json_boolean(p->can.vote_down));
    json_object_set_new(k, "like", json_boolean(p->can.like));
    json_object_set_new(k, "flag", json_boolean(p->can.flag));
    json_object_set_new(k, "accept", json_boolean(p->can.accept));
    json_object_set_new(k, "delete", json_boolean(p->can.del));
    json_object_set_new(k, "hide", json_boolean(p->can.hide));
    json_object_set_new(o, "can", k);
    json_object_set_new(o, "url", json_string(arena_printf(c->arena, "/p/%lld", (long long)p->id)));
    return o;
}

static json_t *revision_json(const struct post_revision *r)
{
    json_t *o = json_object();
    json_object_set_new(o, "rev", json_integer(r->rev));
    json_object_set_new(o, "author", user_json(r->author_name, r->author_name));
    json_object_set_new(o, "created_at", api_time(r->created_at));
    json_object_set_new(o, "title", str_or_null(r->title));
    json_object_set_new(o, "tags", str_or_null(r->tags));
    json_object_set_new(o, "body_md", json_string(r->body_md));
    json_object_set_new(o, "summary", json_string(r->summary ? r->summary : ""));
    return o;
}

/* Parse the JSON body up front so malformed JSON is an error rather than "no input". */
static int body_check(struct req *r)
{
    json_t *body;
    return api_body(r, &body);
}

/* Tags from the body: a string ("a, b") or an array of strings. */
static int read_tags(struct req *r, const char **text, const char *const **list, size_t *n,
                     int *has_list)
{
    json_t *body = NULL, *tags;
    *text = NULL;
    *list = NULL;
    *n = 0;
    *has_list = 0;
    if (api_body(r, &body) < 0)
        return r->err.code;
    tags = body ? json_object_get(body, "tags") : NULL;
    if (!tags) {
        *text = api_input(r, "tags");
        return 0;
    }
    if (json_is_null(tags))
        return 0;
    if (json_is_string(tags)) {
        *text = arena_strdup(r->arena, json_string_value(tags));
        return 0;
    }
    if (json_is_array(tags)) {
        size_t i, len = json_array_size(tags);
        const char **arr;
        if (len > 100)
            return error_set(&r->err, ERR_INVALID, "tags", "A thread has at most %d tags.",
                             THREAD_TAGS_MAX);
        arr = ARENA_ARRAY(r->arena, const char *, len + 1);
        for (i = 0; i < len; i++) {
            json_t *t = json_array_get(tags, i);
            if (!json_is_string(t))
                return error_set(&r->err, ERR_INVALID, "tags",
                                 "tags is a string or an array of strings.");
            arr[i] = arena_strdup(r->arena, json_string_value(t));
        }
        *list = arr;
        *n = len;
        *has_list = 1;
        return 0;
    }
    return error_set(&r->err, ERR_INVALID, "tags", "tags is a string or an array of strings.");
}

/* List filter from the query string. */
static int read_filter(struct req *r, struct thread_filter *f)
{
    const char *list = req_query(r, "filter"), *kind = req_query(r, "kind");
    const char *period = req_query(r, "period");
    enum thread_kind k;
    int64_t limit;
    memset(f, 0, sizeof(*f));
    if (!list)
        list = req_query(r, "list");
    f->list = TL_LATEST;
    f->kind = -1;
    if (list && *list && thread_list_parse(list, &f->list) < 0)
        return error_set(&r->err, ERR_INVALID, "filter",
                         "filter is latest, unanswered, unsolved, top, tag or mine.");
    if (kind && *kind) {
        if (thread_kind_parse(kind, &k) < 0)
            return error_set(&r->err, ERR_INVALID, "kind", "kind is question or discussion.");
        f->kind = (int)k;
    }
    if (period && *period && thread_period_parse(period, &f->period) < 0)
        return error_set(&r->err, ERR_INVALID, "period",
                         "period is day, week, month, year or all.");
    f->tag = req_query(r, "tag");
    if (f->tag && *f->tag && f->list == TL_LATEST)
        f->list = TL_TAG;
    f->after = req_query(r, "after");
    if (req_query_int(r, "limit", THREAD_LIST_PAGE, 1, THREAD_LIST_MAX, &limit) < 0)
        return r->err.code;
    f->limit = (int)limit;
    return 0;
}

static int send_list(struct req *r, struct ctx *c, const struct thread_list *l)
{
    json_t *o = json_object(), *arr = json_array();
    size_t i;
    for (i = 0; i < l->n; i++)
        json_array_append_new(arr, thread_json(c, &l->items[i], NULL));
    json_object_set_new(o, "threads", arr);
    json_object_set_new(o, "total", json_integer(l->total));
    json_object_set_new(o, "total_capped", json_boolean(l->total_capped));
    json_object_set_new(o, "next", str_or_null(l->next));
    return api_send(r, 200, o);
}

/* ------------------------------------------------------------------------------------------ */

int api_community_threads(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct community cm;
    struct thread_filter f;
    struct thread_list l;
    int rc = community_get(c, r->params[0], &cm);
    if (rc < 0)
        return rc;
    if (read_filter(r, &f) < 0)
        return r->err.code;
    if ((rc = thread_list(c, &cm, &f, &l)) < 0)
        return rc;
    return send_list(r, c, &l);
}

int api_threads_list(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct thread_filter f;
    struct thread_list l;
    int rc;
    if (read_filter(r, &f) < 0)
        return r->err.code;
    if ((rc = thread_list(c, NULL, &f, &l)) < 0)
        return rc;
    return send_list(r, c, &l);
}

int api_community_thread_create(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct community cm;
    struct thread_input in;
    struct thread t;
    struct thread_can can;
    int rc = community_get(c, r->params[0], &cm);
    if (rc < 0)
        return rc;
    memset(&in, 0, sizeof(in));
    if (body_check(r) < 0 || read_tags(r, &in.tags_text, &in.tags, &in.ntags, &in.has_tags) < 0)
        return r->err.code;
    in.kind = api_input(r, "kind");
    in.title = api_input(r, "title");
    in.body_md = api_input(r, "body");
    if ((rc = thread_create(c, &cm, &in, &t)) < 0) {
        if (rc == ERR_RATE) /* level-0 hourly limit (domain/trust.h) */
            resp_header(r, "Retry-After",
                        arena_printf(r->arena, "%lld", (long long)trust_post_retry(c, 1)));
        return rc;
    }
    if ((rc = thread_get(c, t.id, &t, &cm, &can)) < 0)
        return rc;
    resp_header(r, "Location", arena_printf(r->arena, "/api/v1/threads/%lld", (long long)t.id));
    return api_send(r, 201, thread_json(c, &t, &can));
}

int api_thread_get(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct thread_view v;
    struct thread_extras x;
    int64_t tid, page;
    json_t *o, *posts;
    size_t i;
    int rc;
    if (req_param_id(r, 0, NO_SUCH_POST, &tid) < 0)
        return r->err.code;
    if (req_query_int(r, "page", 1, 1, 1000000, &page) < 0)
        return r->err.code;
    if ((rc = thread_view(c, tid, page, &v)) < 0)
        return rc;
    o = thread_json(c, &v.t, &v.can);
    posts = json_array();
    if (thread_extras_load(c, tid, v.t.community_id, &x) < 0)
        memset(&x, 0, sizeof(x)); /* the posts still come without their comments */
    for (i = 0; i < v.nposts; i++) {
        json_t *p = post_json(c, &v.posts[i]);
        if (v.posts[i].body_html && !v.posts[i].deleted_at) /* comments follow the post */
            json_object_set_new(p, "comments",
                                api_comments_json(r, x.comments, x.ncomments, v.posts[i].id));
        json_array_append_new(posts, p);
    }
    json_object_set_new(o, "posts", posts);
    json_object_set_new(o, "page", json_integer(v.page));
    json_object_set_new(o, "pages", json_integer(v.npages));
    return api_send(r, 200, o);
}

int api_thread_reply(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct post p;
    int64_t tid, reply_to;
    int rc;
    if (req_param_id(r, 0, NO_SUCH_POST, &tid) < 0 || body_check(r) < 0 ||
        api_int_input(r, "reply_to", 0, 0, INT64_MAX, &reply_to) < 0)
        return r->err.code;
    if ((rc = thread_reply(c, tid, api_input(r, "body"), reply_to, &p)) < 0) {
        if (rc == ERR_RATE) /* level-0 hourly limit (domain/trust.h) */
            resp_header(r, "Retry-After",
                        arena_printf(r->arena, "%lld", (long long)trust_post_retry(c, 0)));
        return rc;
    }
    resp_header(r, "Location", arena_printf(r->arena, "/api/v1/posts/%lld", (long long)p.id));
    return api_send(r, 201, post_json(c, &p));
}

/* The post with its thread as JSON. */
static int send_post(struct req *r, struct ctx *c, int64_t pid, int status)
{
    struct post p;
    struct thread t;
    struct community cm;
    struct post_location loc;
    json_t *o;
    int rc = post_get(c, pid, &p, &t, &cm);
    if (rc < 0)
        return rc;
    o = post_json(c, &p);
    json_object_set_new(o, "thread", thread_json(c, &t, NULL));
    if (post_locate(c, pid, &loc) == 0)
        json_object_set_new(o, "page", json_integer(loc.page));
    return api_send(r, status, o);
}

int api_post_get(struct req *r)
{
    int64_t pid;
    if (req_param_id(r, 0, NO_SUCH_POST, &pid) < 0)
        return r->err.code;
    return send_post(r, app_ctx(r), pid, 200);
}

int api_post_update(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct post_edit in;
    int64_t pid;
    int rc;
    if (req_param_id(r, 0, NO_SUCH_POST, &pid) < 0 || body_check(r) < 0)
        return r->err.code;
    memset(&in, 0, sizeof(in));
    if (read_tags(r, &in.tags_text, &in.tags, &in.ntags, &in.has_tags) < 0)
        return r->err.code;
    in.body_md = api_input(r, "body");
    in.title = api_input(r, "title");
    in.summary = api_input(r, "summary");
    if ((rc = post_edit(c, pid, &in)) < 0)
        return rc;
    return send_post(r, c, pid, 200);
}

int api_post_delete(struct req *r)
{
    struct ctx *c = app_ctx(r);
    int64_t pid;
    int rc;
    if (req_param_id(r, 0, NO_SUCH_POST, &pid) < 0)
        return r->err.code;
    if ((rc = post_delete(c, pid)) < 0)
        return rc;
    return send_post(r, c, pid, 200);
}

int api_post_revisions(struct req *r)
{
    struct ctx *c = app_ctx(r);
    int64_t pid, a, b;
    json_t *o;
    int rc;
    if (req_param_id(r, 0, NO_SUCH_POST, &pid) < 0 ||
        req_query_int(r, "a", 0, 0, INT64_MAX, &a) < 0 ||
        req_query_int(r, "b", 0, 0, INT64_MAX, &b) < 0)
        return r->err.code;
    o = json_object();
    if (a || b) {
        struct post_revision ra, rb;
        struct buf d;
        struct diff_stats st;
        if (!a || !b) {
            json_decref(o);
            return error_set(&r->err, ERR_INVALID, a ? "b" : "a",
                             "Give both revisions to compare (a and b).");
        }
        if ((rc = post_revision_pair(c, pid, a, b, &ra, &rb)) < 0) {
            json_decref(o);
            return rc;
        }
        json_object_set_new(o, "a", revision_json(&ra));
        json_object_set_new(o, "b", revision_json(&rb));
        buf_init(&d, 0);
        rc = diff_words_html(&d, ra.body_md, rb.body_md, &st);
        json_object_set_new(o, "diff_html",
                            rc < 0 && rc != DIFF_SIMPLIFIED ? json_null() : json_string(d.data));
        buf_release(&d);
    } else {
        struct post_revision *revs;
        size_t n, i;
        json_t *arr = json_array();
        if ((rc = post_revisions(c, pid, &revs, &n)) < 0) {
            json_decref(o);
            json_decref(arr);
            return rc;
        }
        for (i = 0; i < n; i++)
            json_array_append_new(arr, revision_json(&revs[i]));
        json_object_set_new(o, "revisions", arr);
    }
    return api_send(r, 200, o);
}

int api_post_vote(struct req *r)
{
    struct ctx *c = app_ctx(r);
    int64_t pid, value, score;
    json_t *o;
    int rc;
    if (req_param_id(r, 0, NO_SUCH_POST, &pid) < 0 || body_check(r) < 0)
        return r->err.code;
    if (!api_input(r, "value"))
        return error_set(&r->err, ERR_INVALID, "value", "A vote is 1, -1 or 0 (remove).");
    if (api_int_input(r, "value", 0, -1, 1, &value) < 0)
        return r->err.code;
    if ((rc = post_vote(c, pid, (int)value, &score)) < 0)
        return rc;
    o = json_object();
    json_object_set_new(o, "score", json_integer(score));
    json_object_set_new(o, "my_vote", json_integer(value));
    return api_send(r, 200, o);
}

static int like(struct req *r, int on)
{
    struct ctx *c = app_ctx(r);
    int64_t pid, count;
    json_t *o;
    int rc;
    if (req_param_id(r, 0, NO_SUCH_POST, &pid) < 0)
        return r->err.code;
    if ((rc = post_like(c, pid, on, &count)) < 0)
        return rc;
    o = json_object();
    json_object_set_new(o, "like_count", json_integer(count));
    json_object_set_new(o, "liked", json_boolean(on));
    return api_send(r, 200, o);
}

int api_post_like(struct req *r)
{
    return like(r, 1);
}

int api_post_unlike(struct req *r)
{
    return like(r, 0);
}

/* The thread (without posts) as the answer to a thread-level write. */
static int send_thread(struct req *r, struct ctx *c, int64_t tid)
{
    struct thread t;
    struct community cm;
    struct thread_can can;
    int rc = thread_get(c, tid, &t, &cm, &can);
    if (rc < 0)
        return rc;
    return api_send(r, 200, thread_json(c, &t, &can));
}

int api_thread_accept(struct req *r)
{
    struct ctx *c = app_ctx(r);
    int64_t tid, pid;
    struct post p;
    struct thread t;
    struct community cm;
    int rc;
    if (req_param_id(r, 0, NO_SUCH_POST, &tid) < 0 || body_check(r) < 0 ||
        api_int_input(r, "post_id", 0, 0, INT64_MAX, &pid) < 0)
        return r->err.code;
    if (!pid)
        return error_set(&r->err, ERR_INVALID, "post_id", "Give the post_id of the answer.");
    if ((rc = thread_get(c, tid, &t, &cm, NULL)) < 0)
        return rc;
    if ((rc = post_get(c, pid, &p, &t, &cm)) < 0)
        return rc;
    if (p.thread_id != tid)
        return error_set(&r->err, ERR_INVALID, "post_id", "That post is not in this thread.");
    if ((rc = thread_accept(c, tid, pid)) < 0)
        return rc;
    return send_thread(r, c, tid);
}

int api_thread_unaccept(struct req *r)
{
    struct ctx *c = app_ctx(r);
    int64_t tid;
    int rc;
    if (req_param_id(r, 0, NO_SUCH_POST, &tid) < 0)
        return r->err.code;
    if ((rc = thread_accept(c, tid, 0)) < 0)
        return rc;
    return send_thread(r, c, tid);
}

int api_thread_moderate(struct req *r)
{
    struct ctx *c = app_ctx(r);
    enum thread_mod_action a;
    int64_t tid;
    int rc;
    if (req_param_id(r, 0, NO_SUCH_POST, &tid) < 0 || body_check(r) < 0)
        return r->err.code;
    if (thread_mod_parse(api_input(r, "action"), &a) < 0)
        return error_set(&r->err, ERR_INVALID, "action",
                         "action is lock, unlock, pin, unpin, close, reopen or move.");
    if ((rc = thread_moderate(c, tid, a, api_input(r, "reason"), api_input(r, "to"))) < 0)
        return rc;
    return send_thread(r, c, tid);
}

static int hide(struct req *r, int on)
{
    struct ctx *c = app_ctx(r);
    int64_t pid;
    int rc;
    if (req_param_id(r, 0, NO_SUCH_POST, &pid) < 0 || body_check(r) < 0)
        return r->err.code;
    if ((rc = post_hide(c, pid, on, api_input(r, "reason"))) < 0)
        return rc;
    return send_post(r, c, pid, 200);
}

int api_post_hide(struct req *r)
{
    return hide(r, 1);
}

int api_post_unhide(struct req *r)
{
    return hide(r, 0);
}

int api_community_audit(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct community cm;
    struct audit_entry *e;
    size_t n, i;
    int64_t before, limit;
    json_t *o, *arr;
    int rc = community_get(c, r->params[0], &cm);
    if (rc < 0)
        return rc;
    if (req_query_int(r, "before", 0, 0, INT64_MAX, &before) < 0 ||
        req_query_int(r, "limit", 50, 1, 200, &limit) < 0)
        return r->err.code;
    if ((rc = thread_audit(c, &cm, before, (int)limit, &e, &n)) < 0)
        return rc;
    o = json_object();
    arr = json_array();
    for (i = 0; i < n; i++) {
        json_t *x = json_object();
        json_object_set_new(x, "id", json_integer(e[i].id));
        json_object_set_new(x, "actor",
                            *e[i].actor_name ? json_string(e[i].actor_name) : json_null());
        json_object_set_new(x, "action", json_string(e[i].action));
        json_object_set_new(x, "thread_id",
                            e[i].thread_id ? json_integer(e[i].thread_id) : json_null());
        json_object_set_new(x, "post_id", e[i].post_id ? json_integer(e[i].post_id) : json_null());
        json_object_set_new(x, "thread_title", json_string(e[i].thread_title));
        json_object_set_new(x, "detail", json_string(e[i].detail));
        json_object_set_new(x, "created_at", api_time(e[i].created_at));
        json_array_append_new(arr, x);
    }
    json_object_set_new(o, "entries", arr);
    json_object_set_new(o, "next_before",
                        n == (size_t)limit && n ? json_integer(e[n - 1].id) : json_null());
    return api_send(r, 200, o);
}

int api_community_similar(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct community cm;
    struct thread *list;
    size_t n, i;
    int64_t exclude;
    json_t *o, *arr;
    int rc = community_get(c, r->params[0], &cm);
    if (rc < 0)
        return rc;
    if (req_query_int(r, "exclude", 0, 0, INT64_MAX, &exclude) < 0)
        return r->err.code;
    if ((rc = thread_similar_draft(c, cm.id, req_query(r, "title"), req_query(r, "body"), exclude,
                                   THREAD_SIMILAR_MAX, &list, &n)) < 0)
        return rc;
    o = json_object();
    arr = json_array();
    for (i = 0; i < n; i++)
        json_array_append_new(arr, thread_json(c, &list[i], NULL));
    json_object_set_new(o, "threads", arr);
    return api_send(r, 200, o);
}

/* The draft key from the path, with "%3A" accepted for ':'. */
static const char *draft_key(struct req *r)
{
    const char *k = r->params[0], *pct;
    if (k && (pct = strstr(k, "%3")) && (pct[2] == 'A' || pct[2] == 'a'))
        return arena_printf(r->arena, "%.*s:%s", (int)(pct - k), k, pct + 3);
    return k;
}

static json_t *draft_json(const struct draft *d)
{
    json_t *o = json_object();
    json_object_set_new(o, "key", json_string(d->key));
    json_object_set_new(o, "title", json_string(d->title ? d->title : ""));
    json_object_set_new(o, "body", json_string(d->body ? d->body : ""));
    json_object_set_new(o, "tags", json_string(d->tags ? d->tags : ""));
    json_object_set_new(o, "kind", json_string(d->kind ? d->kind : ""));
    json_object_set_new(o, "updated_at", api_time(d->updated_at));
    return o;
}

int api_draft_get(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct draft d;
    int rc = draft_load(c, draft_key(r), &d);
    if (rc < 0)
        return rc;
    return api_send(r, 200, draft_json(&d));
}

int api_draft_put(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct draft d;
    int rc;
    if (body_check(r) < 0)
        return r->err.code;
    memset(&d, 0, sizeof(d));
    d.key = draft_key(r);
    d.title = api_input(r, "title");
    d.body = api_input(r, "body");
    d.tags = api_input(r, "tags");
    d.kind = api_input(r, "kind");
    if ((rc = draft_save(c, &d)) < 0)
        return rc;
    if ((rc = draft_load(c, d.key, &d)) < 0)
        return rc;
    return api_send(r, 200, draft_json(&d));
}

int api_draft_delete(struct req *r)
{
    struct ctx *c = app_ctx(r);
    int rc = draft_delete(c, draft_key(r));
    if (rc < 0)
        return rc;
    return api_send(r, 200, json_object());
}

/* ------------------------------------------------------------------------------------------ */
/* Close and reopen votes (domain/closevote.h) */

static json_t *close_votes_json(const struct close_vote *v, size_t n)
{
    json_t *arr = json_array();
    size_t i;
    for (i = 0; i < n; i++) {
        json_t *o = json_object();
        json_object_set_new(o, "user", json_string(v[i].user_name));
        json_object_set_new(o, "reason", *v[i].reason ? json_string(v[i].reason) : json_null());
        json_object_set_new(o, "original_thread_id",
                            v[i].original_id ? json_integer(v[i].original_id) : json_null());
        json_object_set_new(o, "created_at", api_time(v[i].created_at));
        json_array_append_new(arr, o);
    }
    return arr;
}

static int send_close_state(struct req *r, struct ctx *c, int64_t tid, int decided)
{
    struct close_state s;
    json_t *o;
    int rc = thread_close_state(c, tid, &s);
    if (rc < 0)
        return rc;
    o = json_object();
    json_object_set_new(o, "kind", json_string(s.kind));
    json_object_set_new(o, "needed", json_integer(s.needed));
    json_object_set_new(o, "level", json_integer(s.level));
    json_object_set_new(o, "votes", close_votes_json(s.votes, s.n));
    if (str_eq(s.kind, "reopen"))
        json_object_set_new(o, "closed_by", close_votes_json(s.closed, s.nclosed));
    json_object_set_new(o, "can_vote", json_boolean(s.can_vote));
    json_object_set_new(o, "voted", json_boolean(s.voted));
    if (decided >= 0)
        json_object_set_new(o, "decided", json_boolean(decided));
    return api_send(r, 200, o);
}

/* APIPAGE: GET /api/v1/threads/:id/close-votes -> {kind, needed, level, votes, closed_by?,
   can_vote, voted} */
int api_thread_close_votes(struct req *r)
{
    int64_t tid;
    if (req_param_id(r, 0, NO_SUCH_POST, &tid) < 0)
        return r->err.code;
    return send_close_state(r, app_ctx(r), tid, -1);
}

/* APIPAGE: POST /api/v1/threads/:id/close-votes {reason?, original?} -> the same and decided */
int api_thread_close_vote(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct close_vote_input in = {0};
    int64_t tid;
    int rc, decided = 0;
    if (req_param_id(r, 0, NO_SUCH_POST, &tid) < 0 || body_check(r) < 0 ||
        api_int_input(r, "original", 0, 0, INT64_MAX, &in.original) < 0)
        return r->err.code;
    in.reason = api_input(r, "reason");
    if ((rc = thread_close_vote(c, tid, &in, &decided)) < 0)
        return rc;
    return send_close_state(r, c, tid, decided);
}

/* APIPAGE: DELETE /api/v1/threads/:id/close-votes -> the state without the viewer's vote */
int api_thread_close_unvote(struct req *r)
{
    struct ctx *c = app_ctx(r);
    int64_t tid;
    int rc;
    if (req_param_id(r, 0, NO_SUCH_POST, &tid) < 0)
        return r->err.code;
    if ((rc = thread_close_unvote(c, tid)) < 0)
        return rc;
    return send_close_state(r, c, tid, 0);
}
