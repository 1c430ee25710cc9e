/* JSON API for the knowledge base: a community's articles (and those due for review), create,
 * read (with backlinks and threads), update with the base revision (409 with the current
 * text and a three-way merge on conflict), status, owner and review date, revisions and
 * diffs, revert, feedback, who-may-edit settings and turning a thread into an article.
 * Mirrors web/article.c and obeys domain/article.c (a private
 * community's articles are 404 to outsiders). Documented in docs/api.md (ARTICLES-API). */
#include <string.h>

#include "api/api.h"
#include "core/diff.h"
#include "core/html.h"
#include "core/timeutil.h"
#include "domain/article.h"
#include "core/util.h"

static json_t *str_or_null(const char *s)
{
    return s && *s ? json_string(s) : json_null();
}

static json_t *tags_json(const char *text)
{
    json_t *arr = json_array();
    const char *p = text ? text : "";
    while (*p) {
        const char *e = strchr(p, ' ');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        if (n)
            json_array_append_new(arr, json_stringn(p, n));
        p += n;
        while (*p == ' ')
            p++;
    }
    return arr;
}

static const char *url_of(struct ctx *c, const char *cslug, const char *aslug)
{
    struct buf b = BUF_INIT;
    const char *s;
    buf_printf(&b, "/c/%s/a/", cslug);
    url_encode(&b, aslug);
    s = arena_strdup(c->arena, b.data);
    buf_release(&b);
    return s;
}

static json_t *article_json(struct ctx *c, const struct article *a, const struct article_can *can,
                            int full)
{
    json_t *o = json_object();
    json_object_set_new(o, "id", json_integer(a->id));
    json_object_set_new(o, "community", json_string(a->community_slug));
    json_object_set_new(o, "slug", json_string(a->slug));
    json_object_set_new(o, "title", json_string(a->title));
    json_object_set_new(o, "tags", tags_json(a->tags_text));
    json_object_set_new(o, "status", json_string(a->status));
    json_object_set_new(o, "replaced_by", str_or_null(a->replaced_by_slug));
    json_object_set_new(o, "rev", json_integer(a->current_rev));
    json_object_set_new(o, "owner", str_or_null(a->owner_name));
    json_object_set_new(o, "review_by", api_time(a->review_by));
    json_object_set_new(o, "helped", json_integer(a->helped_count));
    json_object_set_new(o, "outdated_flags", json_integer(a->outdated_count));
    json_object_set_new(o, "created_by", str_or_null(a->created_by_name));
    json_object_set_new(o, "created_by_display_name", str_or_null(a->created_by_display));
    json_object_set_new(o, "created_at", api_time(a->created_at));
    json_object_set_new(o, "updated_at", api_time(a->updated_at));
    json_object_set_new(o, "url", json_string(url_of(c, a->community_slug, a->slug)));
    if (full) {
        struct article_ref *refs;
        size_t n, i;
        json_t *arr = json_array(), *th = json_array(), *k = json_object();
        json_object_set_new(o, "body_md", json_string(a->body_md));
        json_object_set_new(o, "body_html", json_string(a->body_html));
        if (article_backlinks(c, a, &refs, &n) == 0)
            for (i = 0; i < n; i++) {
                json_t *x = json_object();
                json_object_set_new(x, "slug", json_string(refs[i].slug));
                json_object_set_new(x, "title", json_string(refs[i].title));
                json_object_set_new(x, "url",
                                    json_string(url_of(c, refs[i].community_slug, refs[i].slug)));
                json_array_append_new(arr, x);
            }
        json_object_set_new(o, "backlinks", arr);
        if (article_threads(c, a, &refs, &n) == 0)
            for (i = 0; i < n; i++) {
                json_t *x = json_object();
                json_object_set_new(x, "id", json_integer(refs[i].id));
                json_object_set_new(x, "title", json_string(refs[i].title));
                json_object_set_new(x, "kind", json_string(refs[i].status));
                json_object_set_new(
                    x, "url",
                    json_string(arena_printf(c->arena, "/c/%s/t/%lld", refs[i].community_slug,
                                             (long long)refs[i].id)));
                json_array_append_new(th, x);
            }
        json_object_set_new(o, "threads", th);
        if (can) {
            int helped = 0, outdated = 0;
            json_object_set_new(k, "edit", json_boolean(can->edit));
            json_object_set_new(k, "approve", json_boolean(can->approve));
            json_object_set_new(k, "feedback", json_boolean(can->feedback));
            json_object_set_new(o, "can", k);
            article_feedback_mine(c, a, &helped, &outdated);
            json_object_set_new(o, "my_feedback",
                                json_pack("{s:b,s:b}", "helped", helped, "outdated", outdated));
        } else {
            json_decref(k);
        }
    }
    return o;
}

/* Tags from the body: a string "a, b" or an array of strings (joined); NULL when absent. */
static int read_tags(struct req *r, const char **out)
{
    json_t *body = NULL, *t;
    int rc = api_body(r, &body);
    if (rc < 0)
        return rc;
    t = body ? json_object_get(body, "tags") : NULL;
    if (t && json_is_array(t)) {
        struct buf b = BUF_INIT;
        size_t i;
        json_t *v;
        json_array_foreach(t, i, v)
        {
            if (!json_is_string(v)) {
                buf_release(&b);
                return error_set(&r->err, ERR_INVALID, "tags", "Tags are strings.");
            }
            buf_printf(&b, "%s ", json_string_value(v));
        }
        *out = arena_strdup(r->arena, b.data);
        buf_release(&b);
        return 0;
    }
    *out = api_input(r, "tags");
    return 0;
}

static int load(struct req *r, struct ctx *c, struct community *cm, struct article *a,
                struct article_can *can)
{
    const char *moved = NULL;
    int rc = article_get(c, r->params[0], r->params[1], cm, a, can, &moved);
    if (rc < 0)
        return rc;
    if (moved) {
        json_t *o = json_object();
        const char *loc =
            arena_printf(r->arena, "/api/v1/communities/%s/articles/%s", cm->slug, moved);
        resp_header(r, "Location", loc);
        json_object_set_new(o, "moved_to", json_string(moved));
        json_object_set_new(o, "location", json_string(loc));
        api_send(r, 301, o);
        return 1;
    }
    return 0;
}

int api_community_articles(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct community cm;
    struct article_can can;
    struct article *list;
    size_t n, i;
    int64_t due;
    json_t *o, *arr;
    int rc = article_community(c, r->params[0], &cm, &can);
    if (rc < 0)
        return rc;
    if (req_query_int(r, "due_days", -1, 0, 3650, &due) < 0)
        return r->err.code;
    rc = due >= 0 ? article_due(c, &cm, (int)due, &list, &n) : article_list(c, &cm, &list, &n);
    if (rc < 0)
        return rc;
    o = json_object();
    arr = json_array();
    for (i = 0; i < n; i++)
        json_array_append_new(arr, article_json(c, &list[i], NULL, 0));
    json_object_set_new(o, "articles", arr);
    json_object_set_new(o, "can", json_pack("{s:b,s:b}", "edit", can.edit, "approve", can.approve));
    return api_send(r, 200, o);
}

int api_community_article_create(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct community cm;
    struct article a;
    struct article_can can;
    struct article_input in = {0};
    json_t *body = NULL, *pub;
    int rc = article_community(c, r->params[0], &cm, &can);
    if (rc < 0)
        return rc;
    if ((rc = api_body(r, &body)) < 0 || (rc = read_tags(r, &in.tags_text)) < 0)
        return rc;
    in.title = api_input(r, "title");
    in.body_md = api_input(r, "body_md");
    in.summary = api_input(r, "summary");
    pub = body ? json_object_get(body, "publish") : NULL;
    in.publish = pub ? json_is_true(pub) : str_eq(api_input(r, "publish"), "1");
    rc = article_create(c, &cm, &in, &a);
    if (rc < 0)
        return rc;
    return api_send(r, 201, article_json(c, &a, &can, 1));
}

int api_article_get(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct community cm;
    struct article a;
    struct article_can can;
    int rc = load(r, c, &cm, &a, &can);
    if (rc != 0)
        return rc < 0 ? rc : 0;
    return api_send(r, 200, article_json(c, &a, &can, 1));
}

/* The 409 answer of a lost edit race. */
static int send_conflict(struct req *r, const struct article_conflict *conf)
{
    json_t *o = json_object(), *e = json_object(), *k = json_object();
    json_object_set_new(e, "code", json_string("conflict"));
    json_object_set_new(e, "message", json_string(r->err.msg));
    json_object_set_new(e, "field", json_string("base_rev"));
    json_object_set_new(o, "error", e);
    json_object_set_new(k, "current_rev", json_integer(conf->current_rev));
    json_object_set_new(k, "current_title", json_string(conf->current_title));
    json_object_set_new(k, "current_md", json_string(conf->current_md));
    json_object_set_new(k, "current_author", str_or_null(conf->current_author));
    json_object_set_new(k, "merged_md", json_string(conf->merged_md));
    json_object_set_new(k, "clean", json_boolean(conf->clean));
    json_object_set_new(k, "conflicts", json_integer((json_int_t)conf->nconflicts));
    json_object_set_new(o, "conflict", k);
    error_clear(&r->err);
    return api_send(r, 409, o);
}

int api_article_update(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct community cm;
    struct article a;
    struct article_can can;
    struct article_input in = {0};
    struct article_conflict conf;
    json_t *body = NULL;
    const char *title, *md, *tags = NULL, *status, *owner, *review;
    int rc = load(r, c, &cm, &a, &can);
    if (rc != 0)
        return rc < 0 ? rc : 0;
    if ((rc = api_body(r, &body)) < 0 || (rc = read_tags(r, &tags)) < 0)
        return rc;
    title = api_input(r, "title");
    md = api_input(r, "body_md");
    if (title || md || tags) {
        in.title = title ? title : a.title;
        in.body_md = md ? md : a.body_md;
        in.tags_text = tags ? tags : a.tags_text;
        in.summary = api_input(r, "summary");
        if (api_int_input(r, "base_rev", 0, 1, INT64_MAX, &in.base_rev) < 0)
            return r->err.code;
        memset(&conf, 0, sizeof(conf));
        rc = article_save(c, &cm, &a, &in, &conf);
        if (rc == ERR_CONFLICT && conf.current_rev)
            return send_conflict(r, &conf);
        if (rc < 0)
            return rc;
    }
    status = api_input(r, "status");
    if (status) {
        enum article_status st;
        if (article_status_parse(status, &st) < 0)
            return error_set(&r->err, ERR_INVALID, "status",
                             "status is draft, published, best_practice or outdated.");
        if ((rc = article_set_status(c, &cm, &a, st, api_input(r, "replaced_by"))) < 0)
            return rc;
    }
    owner = api_input(r, "owner");
    review = api_input(r, "review_by");
    if (owner || review) {
        int64_t when = review ? article_date_parse(review) : a.review_by;
        if (when < 0)
            return error_set(&r->err, ERR_INVALID, "review_by", "Give the date as YYYY-MM-DD.");
        if ((rc = article_set_review(c, &cm, &a, owner ? owner : a.owner_name, when)) < 0)
            return rc;
    }
    return api_send(r, 200, article_json(c, &a, &can, 1));
}

static json_t *rev_json(const struct article_rev *v)
{
    json_t *o = json_object();
    json_object_set_new(o, "rev", json_integer(v->rev));
    json_object_set_new(o, "author", str_or_null(v->author_name));
    json_object_set_new(o, "created_at", api_time(v->created_at));
    json_object_set_new(o, "title", json_string(v->title));
    json_object_set_new(o, "tags", tags_json(v->tags));
    json_object_set_new(o, "summary", json_string(v->summary));
    if (v->body_md)
        json_object_set_new(o, "body_md", json_string(v->body_md));
    return o;
}

int api_article_revisions(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct community cm;
    struct article a;
    int64_t ia, ib;
    json_t *o;
    int rc = load(r, c, &cm, &a, NULL);
    if (rc != 0)
        return rc < 0 ? rc : 0;
    if (req_query_int(r, "a", 0, 0, INT64_MAX, &ia) < 0 ||
        req_query_int(r, "b", 0, 0, INT64_MAX, &ib) < 0)
        return r->err.code;
    o = json_object();
    if (ia || ib) {
        struct article_rev ra, rb;
        struct buf d = BUF_INIT;
        const char *mode = req_query(r, "mode");
        if (!ia || !ib) {
            json_decref(o);
            return error_set(&r->err, ERR_INVALID, ia ? "b" : "a",
                             "Give both revisions to compare (a and b).");
        }
        if ((rc = article_rev(c, &a, ia, &ra)) < 0 || (rc = article_rev(c, &a, ib, &rb)) < 0) {
            json_decref(o);
            return rc;
        }
        json_object_set_new(o, "a", rev_json(&ra));
        json_object_set_new(o, "b", rev_json(&rb));
        rc = str_eq(mode, "words") ? diff_words_html(&d, ra.body_md, rb.body_md, NULL)
                                   : diff_lines_html(&d, ra.body_md, rb.body_md, NULL);
        json_object_set_new(o, "diff_html", rc < 0 ? json_null() : json_string(d.data));
        buf_release(&d);
    } else {
        struct article_rev *revs;
        size_t n, i;
        json_t *arr = json_array();
        if ((rc = article_history(c, &a, &revs, &n)) < 0) {
            json_decref(o);
            json_decref(arr);
            return rc;
        }
        for (i = 0; i < n; i++)
            json_array_append_new(arr, rev_json(&revs[i]));
        json_object_set_new(o, "revisions", arr);
    }
    return api_send(r, 200, o);
}

int api_article_revert(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct community cm;
    struct article a;
    struct article_can can;
    int64_t rev;
    int rc = load(r, c, &cm, &a, &can);
    if (rc != 0)
        return rc < 0 ? rc : 0;
    if (api_int_input(r, "rev", 0, 1, INT64_MAX, &rev) < 0)
        return r->err.code;
    if (!rev)
        return error_set(&r->err, ERR_INVALID, "rev", "Say which revision to revert to (rev).");
    if ((rc = article_revert(c, &cm, &a, rev, api_input(r, "summary"))) < 0)
        return rc;
    return api_send(r, 200, article_json(c, &a, &can, 1));
}

int api_article_feedback(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct community cm;
    struct article a;
    struct article_can can;
    json_t *body = NULL, *on;
    int rc = load(r, c, &cm, &a, &can);
    if (rc != 0)
        return rc < 0 ? rc : 0;
    if ((rc = api_body(r, &body)) < 0)
        return rc;
    on = body ? json_object_get(body, "on") : NULL;
    rc = article_feedback(c, &cm, &a, api_input(r, "kind"), api_input(r, "note"),
                          on ? json_is_true(on) : !str_eq(api_input(r, "on"), "0"));
    if (rc < 0)
        return rc;
    return api_send(r, 200, article_json(c, &a, &can, 1));
}

int api_article_feedback_notes(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct community cm;
    struct article a;
    struct article_feedback_note *notes;
    size_t n, i;
    json_t *o, *arr;
    int rc = load(r, c, &cm, &a, NULL);
    if (rc != 0)
        return rc < 0 ? rc : 0;
    if ((rc = article_feedback_notes(c, &cm, &a, &notes, &n)) < 0)
        return rc;
    o = json_object();
    arr = json_array();
    for (i = 0; i < n; i++)
        json_array_append_new(arr, json_pack("{s:s,s:s,s:o}", "user", notes[i].user_name, "note",
                                             notes[i].note, "created_at",
                                             api_time(notes[i].created_at)));
    json_object_set_new(o, "helped", json_integer(a.helped_count));
    json_object_set_new(o, "outdated_flags", json_integer(a.outdated_count));
    json_object_set_new(o, "notes", arr);
    return api_send(r, 200, o);
}

static json_t *settings_json(struct ctx *c, struct community *cm)
{
    enum article_editors e = EDITORS_TRUSTED;
    const char **names;
    size_t n = 0, i;
    json_t *arr = json_array();
    article_editors_get(c, cm, &e);
    if (article_trusted_list(c, cm, &names, &n) == 0)
        for (i = 0; i < n; i++)
            json_array_append_new(arr, json_string(names[i]));
    return json_pack("{s:s,s:o}", "editors", article_editors_name(e), "trusted", arr);
}

int api_community_article_settings(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct community cm;
    struct article_can can;
    int rc = article_community(c, r->params[0], &cm, &can);
    if (rc < 0)
        return rc;
    return api_send(r, 200, settings_json(c, &cm));
}

int api_community_article_settings_update(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct community cm;
    struct article_can can;
    json_t *body = NULL;
    const char *ed, *trust, *untrust;
    int rc = article_community(c, r->params[0], &cm, &can);
    if (rc < 0)
        return rc;
    if ((rc = api_body(r, &body)) < 0)
        return rc;
    ed = api_input(r, "editors");
    trust = api_input(r, "trust");
    untrust = api_input(r, "untrust");
    if (!can.approve)
        return error_set(&r->err, ERR_PERM, NULL, "Only coordinators change who may edit.");
    if (ed) {
        enum article_editors e;
        if (article_editors_parse(ed, &e) < 0)
            return error_set(&r->err, ERR_INVALID, "editors",
                             "editors is coordinators, trusted or members.");
        if ((rc = article_editors_set(c, &cm, e)) < 0)
            return rc;
    }
    if (trust && (rc = article_trusted_set(c, &cm, trust, 1)) < 0)
        return rc;
    if (untrust && (rc = article_trusted_set(c, &cm, untrust, 0)) < 0)
        return rc;
    return api_send(r, 200, settings_json(c, &cm));
}

int api_thread_article(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct article a;
    int64_t tid;
    int rc, existed = 0;
    if ((rc = req_param_id(r, 0, "There is no such thread or post.", &tid)) < 0)
        return rc;
    if ((rc = article_from_thread(c, tid, &a, &existed)) < 0)
        return rc;
    /* 200 with the thread's existing article, 201 with a new one */
    return api_send(r, existed ? 200 : 201, article_json(c, &a, NULL, 1));
}
