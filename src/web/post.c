/* Post pages (/p/:id): the permalink redirect to where a post is shown, the small POST
 * forms under a post (vote, like, accept, delete, hide, unhide), editing a post, and its
 * history with a word- or line-level diff between any two revisions. Every permission comes
 * from domain/thread.c (struct post_can); the thread page that shows posts is web/thread.c. */
#include <string.h>

#include "core/html.h"
#include "domain/community.h"
#include "domain/thread.h"
#include "web/post.h"
#include "web/parts.h"
#include "core/util.h"

#define NO_SUCH_PAGE "There is no such page." /* a malformed id reads as an unknown one */

/* ------------------------------------------------------------------------------------------ */
/* Post actions */

int page_post(struct req *r)
{
    struct ctx *c = app_ctx(r);
    int64_t pid;
    int rc = req_param_id(r, 0, NO_SUCH_PAGE, &pid);
    if (rc < 0)
        return rc;
    return web_post_redirect(r, c, pid);
}

int page_post_vote(struct req *r)
{
    struct ctx *c = app_ctx(r);
    int64_t pid, value;
    const char *s = req_form(r, "value");
    int rc = req_param_id(r, 0, NO_SUCH_PAGE, &pid);
    if (rc < 0)
        return rc;
    if (!s || str_to_i64(s, &value) < 0 || value < -1 || value > 1)
        return error_set(&r->err, ERR_INVALID, "value", "A vote is 1, -1 or 0.");
    rc = post_vote(c, pid, (int)value, NULL);
    if (rc < 0)
        return rc;
    return web_post_redirect(r, c, pid);
}

int page_post_like(struct req *r)
{
    struct ctx *c = app_ctx(r);
    int64_t pid;
    int rc = req_param_id(r, 0, NO_SUCH_PAGE, &pid);
    if (rc < 0)
        return rc;
    rc = post_like(c, pid, !str_eq(req_form(r, "on"), "0"), NULL);
    if (rc < 0)
        return rc;
    return web_post_redirect(r, c, pid);
}

int page_post_accept(struct req *r)
{
    struct ctx *c = app_ctx(r);
    int64_t pid;
    int rc = req_param_id(r, 0, NO_SUCH_PAGE, &pid);
    if (rc < 0)
        return rc;
    rc = thread_accept(c, 0, pid);
    if (rc < 0)
        return rc;
    return web_post_redirect(r, c, pid);
}

int page_post_delete(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct post p;
    struct thread t;
    struct community cm;
    int64_t pid;
    int rc = req_param_id(r, 0, NO_SUCH_PAGE, &pid);
    if (rc < 0)
        return rc;
    rc = post_get(c, pid, &p, &t, &cm);
    if (rc < 0)
        return rc;
    rc = post_delete(c, pid);
    if (rc < 0)
        return rc;
    if (p.position == 1) /* the thread is gone: back to the community */
        return resp_redirect(r, arena_printf(r->arena, "/c/%s", t.community_slug));
    return resp_redirect(r, web_thread_path(r, &t));
}

/* Hide (hide = 1) or unhide post :id. */
static int hide_post(struct req *r, int hide)
{
    struct ctx *c = app_ctx(r);
    int64_t pid;
    int rc = req_param_id(r, 0, NO_SUCH_PAGE, &pid);
    if (rc < 0)
        return rc;
    rc = post_hide(c, pid, hide, hide ? req_form(r, "reason") : NULL);
    if (rc < 0)
        return rc;
    return web_post_redirect(r, c, pid);
}

int page_post_hide(struct req *r)
{
    return hide_post(r, 1);
}

int page_post_unhide(struct req *r)
{
    return hide_post(r, 0);
}

/* ------------------------------------------------------------------------------------------ */
/* Editing a post */

struct edit_form {
    const char *title, *tags, *body, *summary;
    int preview; /* "Preview" was pressed */
};

/* The tags-only form of a member who may retag others' threads (trust_retag_level). */
static void render_retag(struct req *r, const struct post *p, const struct thread *t,
                         const struct edit_form *f)
{
    page_begin(r, "Edit the tags");
    html_printf(&r->out,
                "<div class=\"compose-page\"><p class=\"breadcrumb\"><a href=\"/c/%s\">%s</a> "
                "\xE2\x80\xBA <a href=\"/p/%lld\">%s</a></p><h1>Edit the tags</h1>\n"
                "<p class=\"hint\">Your trust level lets you retag other members' threads. The "
                "change is kept in the thread's history.</p>\n",
                t->community_slug, t->community_name, (long long)p->id, t->title);
    form_error_summary(r);
    html_printf(&r->out, "<form class=\"form\" method=\"post\" action=\"/p/%lld/edit\">\n",
                (long long)p->id);
    form_csrf(r);
    form_field(r, "text", "tags", "Tags", f->tags, "Up to 5, separated by commas or spaces.",
               "autocapitalize=\"none\" spellcheck=\"false\"");
    form_field(r, "text", "summary", "Edit summary", f->summary,
               "Optional: why these tags? Shown in the history.", "maxlength=\"200\"");
    html_printf(&r->out,
                "<div class=\"form-actions\"><button type=\"submit\" class=\"button\">Save "
                "tags</button> <a href=\"/p/%lld\">Cancel</a></div>\n</form></div>\n",
                (long long)p->id);
    page_end(r);
}

static void render_edit(struct req *r, const struct post *p, const struct thread *t,
                        const struct edit_form *f)
{
    int first = p->position == 1;
    if (!p->can.edit && p->can.retag) {
        render_retag(r, p, t, f);
        return;
    }
    page_begin(r, first ? "Edit the question" : "Edit a post");
    html_printf(&r->out,
                "<div class=\"compose-page\"><p class=\"breadcrumb\"><a href=\"/c/%s\">%s</a> "
                "\xE2\x80\xBA <a href=\"/p/%lld\">%s</a></p><h1>%s</h1>\n",
                t->community_slug, t->community_name, (long long)p->id, t->title,
                first ? (t->kind == THREAD_QUESTION ? "Edit the question" : "Edit the thread")
                      : (t->kind == THREAD_QUESTION ? "Edit the answer" : "Edit the post"));
    form_error_summary(r);
    html_printf(&r->out, "<form class=\"form compose\" method=\"post\" action=\"/p/%lld/edit\">\n",
                (long long)p->id);
    form_csrf(r);
    if (first) {
        form_field(r, "text", "title", "Title", f->title, "10 to 200 characters.",
                   "required maxlength=\"200\"");
        form_field(r, "text", "tags", "Tags", f->tags, "Up to 5, separated by commas or spaces.",
                   "autocapitalize=\"none\" spellcheck=\"false\"");
    }
    if (f->preview)
        web_preview_block(r, f->body, "post", NULL);
    form_field(r, "textarea", "body", "Text", f->body, "Markdown.", "required rows=\"14\"");
    web_upload_tools(r, "body", t->community_slug);
    form_field(r, "text", "summary", "Edit summary", f->summary,
               "Optional: what did you change, and why? Shown in the history.",
               "maxlength=\"200\"");
    buf_puts(&r->out, "<div class=\"form-actions\"><button type=\"submit\" class=\"button\">Save "
                      "changes</button> ");
    web_preview_button(r);
    html_printf(&r->out, " <a href=\"/p/%lld\">Cancel</a></div>\n</form></div>\n",
                (long long)p->id);
    page_end(r);
}

int page_post_edit(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct post p;
    struct thread t;
    struct community cm;
    struct edit_form f = {0};
    int64_t pid;
    int rc = req_param_id(r, 0, NO_SUCH_PAGE, &pid);
    if (rc < 0)
        return rc;
    rc = post_get(c, pid, &p, &t, &cm);
    if (rc < 0)
        return rc;
    if ((!p.can.edit && !p.can.retag) || !p.body_md)
        return error_set(&r->err, ERR_PERM, NULL, "You cannot edit this post.");
    f.title = t.title;
    f.tags = t.tags_text;
    f.body = p.body_md;
    render_edit(r, &p, &t, &f);
    return 0;
}

int page_post_update(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct post p;
    struct thread t;
    struct community cm;
    struct edit_form f;
    struct post_edit in = {0};
    int64_t pid;
    int rc = req_param_id(r, 0, NO_SUCH_PAGE, &pid);
    if (rc < 0)
        return rc;
    rc = post_get(c, pid, &p, &t, &cm);
    if (rc < 0)
        return rc;
    f.title = req_form(r, "title");
    f.tags = req_form(r, "tags");
    f.body = req_form(r, "body");
    f.summary = req_form(r, "summary");
    in.body_md = f.body ? f.body : "";
    if (p.position == 1) {
        in.title = f.title ? f.title : "";
        in.tags_text = f.tags ? f.tags : "";
    }
    if (!p.can.edit && p.can.retag) { /* the tags-only form: nothing else changes */
        struct errinfo e = {0};
        const char **tags;
        size_t ntags;
        in.body_md = NULL;
        in.title = NULL;
        in.summary = f.summary;
        form_error_note(r, thread_tags_parse(r->arena, in.tags_text, &tags, &ntags, &e), &e);
        rc = form_error_count(r) ? r->err.code : post_edit(c, pid, &in);
        if (rc < 0) {
            if (!web_form_error(rc))
                return rc;
            r->status = web_form_status(rc);
            render_edit(r, &p, &t, &f);
            return 0;
        }
        return web_post_redirect(r, c, pid);
    }
    in.summary = f.summary;
    if ((f.preview = web_is_preview(r))) {
        if (!p.can.edit || !p.body_md)
            return error_set(&r->err, ERR_PERM, NULL, "You cannot edit this post.");
        render_edit(r, &p, &t, &f);
        return 0;
    }
    {
        /* Every field's own check first: the form reports all its problems at once. */
        struct errinfo e = {0};
        const char *title, **tags;
        size_t ntags;
        if (p.position == 1) {
            form_error_note(r, thread_title_check(r->arena, in.title, &title, &e), &e);
            form_error_note(r, thread_tags_parse(r->arena, in.tags_text, &tags, &ntags, &e), &e);
        }
        form_error_note(r, thread_body_check(in.body_md, &e), &e);
    }
    rc = form_error_count(r) && p.can.edit ? r->err.code : post_edit(c, pid, &in);
    if (rc < 0) {
        if (!web_form_error(rc))
            return rc;
        r->status = web_form_status(rc);
        render_edit(r, &p, &t, &f);
        return 0;
    }
    return web_post_redirect(r, c, pid);
}

/* ------------------------------------------------------------------------------------------ */
/* History */

/* The <option>s of a post's revision picker. */
static void rev_options(struct req *r, const struct post_revision *revs, size_t n, int64_t sel)
{
    for (size_t i = 0; i < n; i++)
        web_rev_option(r, revs[i].rev, revs[i].author_name, revs[i].created_at, sel);
}

int page_post_history(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct post p;
    struct thread t;
    struct community cm;
    struct post_revision *revs, ra, rb;
    size_t n, i;
    int64_t pid, a, b;
    int lines = str_eq(req_query(r, "mode"), "lines");
    int rc = req_param_id(r, 0, NO_SUCH_PAGE, &pid);
    if (rc < 0)
        return rc;
    rc = post_get(c, pid, &p, &t, &cm);
    if (rc < 0)
        return rc;
    rc = post_revisions(c, pid, &revs, &n);
    if (rc < 0)
        return rc;
    /* Default: the latest change (previous revision against the newest). */
    b = req_int(r, "b", n ? revs[0].rev : 1, 1, INT64_MAX);
    a = req_int(r, "a", b > 1 ? b - 1 : 1, 1, INT64_MAX);
    page_begin(r, arena_printf(r->arena, "History of %s", t.title));
    html_printf(&r->out,
                "<div class=\"history-page\"><p class=\"breadcrumb\"><a href=\"/c/%s\">%s</a> "
                "\xE2\x80\xBA <a href=\"/p/%lld\">%s</a></p><h1>History</h1>\n"
                "<p class=\"lead\">%s by ",
                t.community_slug, t.community_name, (long long)pid, t.title,
                p.position == 1 ? (t.kind == THREAD_QUESTION ? "The question" : "The opening post")
                                : (t.kind == THREAD_QUESTION ? "An answer" : "A post"));
    web_author_link(r, p.author_name, p.author_display);
    html_printf(&r->out, ": %zu %s.</p>\n", n, n == 1 ? "revision" : "revisions");
    if (n >= 2) {
        html_printf(&r->out,
                    "<form class=\"diff-form\" method=\"get\" action=\"/p/%lld/history\">"
                    "<div class=\"field\"><label for=\"a\">Compare</label>"
                    "<select id=\"a\" name=\"a\">",
                    (long long)pid);
        rev_options(r, revs, n, a);
        buf_puts(&r->out, "</select></div><div class=\"field\"><label for=\"b\">with</label>"
                          "<select id=\"b\" name=\"b\">");
        rev_options(r, revs, n, b);
        html_printf(&r->out,
                    "</select></div><div class=\"field\"><label for=\"mode\">Show</label>"
                    "<select id=\"mode\" name=\"mode\"><option value=\"words\"%s>Changed words"
                    "</option><option value=\"lines\"%s>Changed lines</option></select></div>"
                    "<div class=\"form-actions\"><button type=\"submit\" class=\"button "
                    "button-secondary\">Compare</button></div></form>\n",
                    lines ? "" : " selected", lines ? " selected" : "");
        if (post_revision_pair(c, pid, a, b, &ra, &rb) < 0) {
            error_clear(&r->err);
            buf_puts(&r->out, "<p class=\"notice\">Pick two revisions of this post.</p>\n");
        } else {
            html_printf(&r->out,
                        "<section class=\"diff-view\" aria-labelledby=\"diff-title\">"
                        "<h2 id=\"diff-title\">Revision %lld \xE2\x86\x92 %lld</h2>"
                        "<p class=\"diff-legend\"><del>removed</del> <ins>added</ins>"
                        "</p>",
                        (long long)ra.rev, (long long)rb.rev);
            if (ra.title || rb.title)
                web_diff_section(r, "Title", ra.title, rb.title, 0);
            if (ra.tags || rb.tags)
                web_diff_section(r, "Tags", ra.tags, rb.tags, 0);
            web_diff_section(r, "Text", ra.body_md, rb.body_md, lines);
            buf_puts(&r->out, "</section>\n");
        }
    }
    buf_puts(&r->out, "<h2>Revisions</h2><ol class=\"revisions\" reversed>");
    for (i = 0; i < n; i++) {
        const struct post_revision *x = &revs[i];
        html_printf(&r->out,
                    "<li id=\"rev%lld\"><p class=\"rev-head\"><strong>Revision %lld"
                    "</strong> ",
                    (long long)x->rev, (long long)x->rev);
        web_author_link(r, x->author_name, NULL);
        buf_puts(&r->out, " ");
        page_time(r, x->created_at);
        if (x->rev > 1)
            html_printf(&r->out,
                        " \xC2\xB7 <a href=\"/p/%lld/history?a=%lld&amp;b=%lld\">"
                        "compare with previous</a>",
                        (long long)pid, (long long)(x->rev - 1), (long long)x->rev);
        buf_puts(&r->out, "</p>");
        if (x->summary && *x->summary)
            html_printf(&r->out, "<p class=\"rev-summary\">%s</p>", x->summary);
        else if (x->rev == 1)
            buf_puts(&r->out, "<p class=\"rev-summary muted\">Original</p>");
        buf_puts(&r->out, "</li>");
    }
    buf_puts(&r->out, "</ol></div>\n");
    page_end(r);
    return 0;
}
