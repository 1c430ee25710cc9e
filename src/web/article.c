/* Knowledge base pages: a community's articles, the article page (status, table of
 * contents, sources, backlinks, feedback), creating and editing (with the base revision in
 * the form and a conflict page showing both texts and a three-way merge), history with line
 * and word diffs between any two revisions and revert, status and review controls, the
 * "due for review" list, who-may-edit settings, turning a thread into an article and the
 * notice on thread pages. Every permission comes from domain/article.c; this file shows what it
 * allows. */
#include <stdio.h>
#include <string.h>

#include "core/diff.h"
#include "core/html.h"
#include "core/timeutil.h"
#include "domain/article.h"
#include "domain/thread.h"
#include "web/article.h"
#include "web/parts.h"
#include "core/util.h"

/* ------------------------------------------------------------------------------------------ */
/* Small helpers */

/* "/c/SLUG/a/ASLUG" + suffix (arena). */
static const char *art_path(struct req *r, const struct article *a, const char *suffix)
{
    struct buf b = BUF_INIT;
    const char *s;
    buf_printf(&b, "/c/%s/a/", a->community_slug);
    url_encode(&b, a->slug);
    buf_puts(&b, suffix ? suffix : "");
    s = arena_strdup(r->arena, b.data);
    buf_release(&b);
    return s;
}

static void status_badge(struct req *r, const char *status)
{
    enum article_status st = ARTICLE_DRAFT;
    article_status_parse(status, &st);
    html_printf(&r->out, "<span class=\"badge badge-article badge-%s\">%s</span>",
                article_status_name(st), article_status_label(st));
}

/* A member by display name (display may be NULL: the account name is shown). */
static void user_link(struct req *r, const char *name, const char *display)
{
    web_author_link(r, name, display);
}

/* An article's tags as links to their tag pages, with their thread counts in cm. */
static void tag_list(struct req *r, const struct community *cm, const char *tags_text)
{
    web_tags_text(r, cm->slug, tags_text, cm, NULL);
}

static void date_ymd(int64_t t, char out[16])
{
    char iso[32];
    time_iso(t, iso);
    snprintf(out, 16, "%.10s", iso);
}

/* Load the article of the route (params: slug, aslug). Old slugs: *moved set. */
static int load(struct req *r, struct ctx *c, struct community *cm, struct article *a,
                struct article_can *can, const char **moved)
{
    return article_get(c, r->params[0], r->params[1], cm, a, can, moved);
}

/* The article header block shared by sub-pages: breadcrumb and title. */
static void sub_head(struct req *r, const struct community *cm, const struct article *a,
                     const char *what)
{
    html_printf(&r->out,
                "<p class=\"breadcrumb\"><a href=\"/c/%s\">%s</a> \xE2\x80\xBA <a "
                "href=\"/c/%s/a\">Articles</a> \xE2\x80\xBA ",
                cm->slug, cm->name, cm->slug);
    html_printf(&r->out, "<a href=\"%s\">%s</a></p><h1>%s</h1>\n", art_path(r, a, NULL), a->title,
                what);
}

/* ------------------------------------------------------------------------------------------ */
/* List, due for review, settings */

static void article_rows(struct req *r, const struct community *cm, const struct article *list,
                         size_t n, int show_review)
{
    size_t i;
    buf_puts(&r->out, "<ol class=\"article-list\">\n");
    for (i = 0; i < n; i++) {
        const struct article *a = &list[i];
        html_printf(&r->out,
                    "<li class=\"article-row\"><a class=\"article-title\" href=\"%s\">%s</a> ",
                    art_path(r, a, NULL), a->title);
        status_badge(r, a->status);
        tag_list(r, cm, a->tags_text);
        buf_puts(&r->out, "<p class=\"thread-meta\">");
        if (show_review && a->review_by) {
            char d[16];
            date_ymd(a->review_by, d);
            html_printf(&r->out, "Review by <strong>%s</strong>%s ", d,
                        a->review_by <= time_now() ? " (overdue)" : "");
            if (*a->owner_name) {
                buf_puts(&r->out, "\xC2\xB7 owner ");
                user_link(r, a->owner_name, a->owner_display);
                buf_puts(&r->out, " ");
            }
        } else {
            buf_puts(&r->out, "Updated ");
            page_time(r, a->updated_at);
        }
        html_printf(&r->out, " \xC2\xB7 %lld found it helpful</p></li>\n",
                    (long long)a->helped_count);
    }
    buf_puts(&r->out, "</ol>\n");
}

int page_articles(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct community cm;
    struct article_can can;
    struct article *list;
    size_t n;
    int rc = article_community(c, r->params[0], &cm, &can);
    if (rc < 0)
        return rc;
    struct page_feed feed; /* web/parts_feed.c */
    rc = article_list(c, &cm, &list, &n);
    if (rc < 0)
        return rc;
    web_feed_articles(r, &cm, &feed);
    page_begin_feeds(r, arena_printf(r->arena, "Articles of %s", cm.name), &feed, 1);
    html_printf(&r->out,
                "<div class=\"list-page article-index\"><p class=\"breadcrumb\"><a href=\"/c/%s\">"
                "%s</a></p><div class=\"page-head\"><h1>Articles</h1>",
                cm.slug, cm.name);
    if (can.edit)
        html_printf(&r->out, "<a class=\"button\" href=\"/c/%s/a/new\">New article</a>", cm.slug);
    buf_puts(&r->out, "</div>\n");
    web_community_nav(r, &cm, "articles");
    html_printf(&r->out,
                "<p class=\"lead\">The knowledge base of %s: best practices written down and "
                "kept true. <a href=\"/c/%s/a/review\">Due for review</a>",
                cm.name, cm.slug);
    if (can.approve)
        html_printf(&r->out, " \xC2\xB7 <a href=\"/c/%s/a/settings\">Who may edit</a>", cm.slug);
    buf_puts(&r->out, "</p>\n");
    if (!n)
        buf_puts(&r->out, "<p class=\"empty\">No articles yet.</p>\n");
    else
        article_rows(r, &cm, list, n, 0);
    web_feed_link(r, &feed);
    buf_puts(&r->out, "</div>\n");
    page_end(r);
    return 0;
}

int page_articles_review(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct community cm;
    struct article_can can;
    struct article *list;
    size_t n;
    int rc = article_community(c, r->params[0], &cm, &can);
    if (rc < 0)
        return rc;
    rc = article_due(c, &cm, 30, &list, &n);
    if (rc < 0)
        return rc;
    page_begin(r, arena_printf(r->arena, "Articles due for review in %s", cm.name));
    html_printf(&r->out,
                "<div class=\"list-page\"><p class=\"breadcrumb\"><a href=\"/c/%s\">%s</a> "
                "\xE2\x80\xBA <a href=\"/c/%s/a\">Articles</a></p><h1>Due for review</h1>\n"
                "<p class=\"lead\">Articles whose review date has passed or falls in the next "
                "30 days, soonest first. Their owners are reminded in their notifications.</p>\n",
                cm.slug, cm.name, cm.slug);
    if (!n)
        buf_puts(&r->out, "<p class=\"empty\">Nothing is due for review.</p>\n");
    else
        article_rows(r, &cm, list, n, 1);
    buf_puts(&r->out, "</div>\n");
    page_end(r);
    return 0;
}

static void render_settings(struct req *r, struct ctx *c, struct community *cm)
{
    enum article_editors e = EDITORS_TRUSTED;
    const char **names;
    size_t n = 0, i;
    static const char *const labels[EDITORS__MAX] = {
        "Coordinators only",
        "Trusted: coordinators, moderators and the members marked trusted below", "All members"};
    article_editors_get(c, cm, &e);
    article_trusted_list(c, cm, &names, &n);
    page_begin(r, "Who may edit articles");
    html_printf(&r->out,
                "<div class=\"compose-page\"><p class=\"breadcrumb\"><a href=\"/c/%s\">%s</a> "
                "\xE2\x80\xBA <a href=\"/c/%s/a\">Articles</a></p><h1>Who may edit articles</h1>\n",
                cm->slug, cm->name, cm->slug);
    form_error_summary(r);
    html_printf(&r->out, "<form class=\"form\" method=\"post\" action=\"/c/%s/a/settings\">",
                cm->slug);
    form_csrf(r);
    buf_puts(&r->out, "<fieldset class=\"field\"><legend>Editors</legend>");
    for (i = 0; i < EDITORS__MAX; i++)
        html_printf(
            &r->out,
            "<label class=\"choice\"><input type=\"radio\" name=\"editors\" value=\"%s\"%s> "
            "%s</label>",
            article_editors_name((enum article_editors)i),
            e == (enum article_editors)i ? " checked" : "", labels[i]);
    buf_puts(&r->out, "</fieldset><div class=\"form-actions\"><button class=\"button\" "
                      "type=\"submit\">Save</button></div></form>\n<h2>Trusted members</h2>");
    if (!n)
        buf_puts(&r->out, "<p class=\"empty\">Nobody is marked trusted.</p>");
    else {
        buf_puts(&r->out, "<ul class=\"trusted-list\">");
        for (i = 0; i < n; i++) {
            buf_puts(&r->out, "<li>");
            user_link(r, names[i], NULL);
            html_printf(&r->out,
                        " <form class=\"inline-form\" method=\"post\" action=\"/c/%s/a/settings\">"
                        "<input type=\"hidden\" name=\"untrust\" value=\"%s\">",
                        cm->slug, names[i]);
            form_csrf(r);
            buf_puts(&r->out, "<button class=\"link-button\" type=\"submit\">remove</button>"
                              "</form></li>");
        }
        buf_puts(&r->out, "</ul>");
    }
    html_printf(&r->out,
                "<form class=\"form form-inline\" method=\"post\" action=\"/c/%s/a/settings\">",
                cm->slug);
    form_csrf(r);
    form_field(r, "text", "trust", "Mark a member trusted", NULL, "Their account name.",
               "autocapitalize=\"none\" spellcheck=\"false\"");
    buf_puts(&r->out, "<div class=\"form-actions\"><button class=\"button button-secondary\" "
                      "type=\"submit\">Add</button></div></form></div>\n");
    page_end(r);
}

int page_articles_settings(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct community cm;
    struct article_can can;
    int rc = article_community(c, r->params[0], &cm, &can);
    if (rc < 0)
        return rc;
    if (!can.approve)
        return error_set(&r->err, ERR_PERM, NULL, "Only coordinators change who may edit.");
    render_settings(r, c, &cm);
    return 0;
}

int page_articles_settings_post(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct community cm;
    const char *ed = req_form(r, "editors"), *trust = req_form(r, "trust"),
               *untrust = req_form(r, "untrust");
    int rc = article_community(c, r->params[0], &cm, NULL);
    if (rc < 0)
        return rc;
    if (ed) {
        enum article_editors e;
        if (article_editors_parse(ed, &e) < 0)
            rc = error_set(&r->err, ERR_INVALID, "editors", "Pick one of the choices.");
        else
            rc = article_editors_set(c, &cm, e);
    } else if (trust && *trust) {
        rc = article_trusted_set(c, &cm, trust, 1);
    } else if (untrust) {
        rc = article_trusted_set(c, &cm, untrust, 0);
    }
    if (rc < 0) {
        if (rc != ERR_INVALID)
            return rc;
        r->status = 422;
        render_settings(r, c, &cm);
        return 0;
    }
    return resp_redirect(r, arena_printf(r->arena, "/c/%s/a/settings", cm.slug));
}

/* ------------------------------------------------------------------------------------------ */
/* New and edit forms, conflict page */

struct art_form {
    const char *title, *tags, *body, *summary;
    int64_t base_rev;
    const char *slug; /* the community's, for the preview's wiki links */
    int preview;      /* "Preview" was pressed */
};

/* Every field's own check (title, tags), so the form reports all its problems at once;
   the domain finds the rest. Returns how many were found. */
static size_t art_form_check(struct req *r, const struct art_form *f)
{
    struct errinfo e = {0};
    const char *title, **tags;
    size_t ntags;
    form_error_note(r, article_title_check(r->arena, f->title ? f->title : "", &title, &e), &e);
    form_error_note(r, thread_tags_parse(r->arena, f->tags ? f->tags : "", &tags, &ntags, &e), &e);
    return form_error_count(r);
}

static void form_fields(struct req *r, const struct art_form *f, int with_summary)
{
    form_field(r, "text", "title", "Title", f->title,
               "3 to 200 characters; no [, ] or |. Other articles link to it as [[Title]].",
               "required maxlength=\"200\"");
    form_field(r, "text", "tags", "Tags", f->tags,
               "Up to 5 of the community's tags, separated by commas or spaces.",
               "autocapitalize=\"none\" spellcheck=\"false\"");
    if (f->preview)
        web_preview_block(r, f->body, "article", f->slug);
    form_field(r, "textarea", "body", "Text", f->body,
               "Markdown. Headings (##) make a table of contents; [[Article title]] or "
               "[[Article title|label]] links to another article.",
               "rows=\"22\" class=\"editor\"");
    web_upload_tools(r, "body", r->nparams ? r->params[0] : NULL); /* /c/:slug/a/... */
    if (with_summary)
        form_field(r, "text", "summary", "Edit summary", f->summary,
                   "What did you change, and why? Shown in the history.", "maxlength=\"200\"");
}

static void render_new(struct req *r, const struct community *cm, const struct art_form *f)
{
    page_begin(r, "New article");
    html_printf(&r->out,
                "<div class=\"compose-page\"><p class=\"breadcrumb\"><a href=\"/c/%s\">%s</a> "
                "\xE2\x80\xBA <a href=\"/c/%s/a\">Articles</a></p><h1>New article</h1>\n",
                cm->slug, cm->name, cm->slug);
    form_error_summary(r);
    html_printf(&r->out, "<form class=\"form compose\" method=\"post\" action=\"/c/%s/a/new\">\n",
                cm->slug);
    form_csrf(r);
    form_fields(r, f, 0);
    buf_puts(&r->out, "<div class=\"form-actions\"><button type=\"submit\" class=\"button\">Save "
                      "as draft</button> <button type=\"submit\" name=\"publish\" value=\"1\" "
                      "class=\"button button-secondary\">Publish</button> ");
    web_preview_button(r);
    buf_puts(&r->out, "</div>\n</form></div>\n");
    page_end(r);
}

int page_article_new(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct community cm;
    struct article_can can;
    struct art_form f = {0};
    int rc = article_community(c, r->params[0], &cm, &can);
    if (rc < 0)
        return rc;
    if (!can.edit)
        return error_set(&r->err, ERR_PERM, NULL, "You cannot write articles here.");
    f.title = req_query(r, "title");
    render_new(r, &cm, &f);
    return 0;
}

int page_article_create(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct community cm;
    struct article a;
    struct article_input in = {0};
    struct art_form f = {0};
    int rc = article_community(c, r->params[0], &cm, NULL);
    if (rc < 0)
        return rc;
    f.title = req_form(r, "title");
    f.tags = req_form(r, "tags");
    f.body = req_form(r, "body");
    in.title = f.title;
    in.tags_text = f.tags;
    in.body_md = f.body;
    in.publish = str_eq(req_form(r, "publish"), "1");
    f.slug = cm.slug;
    if ((f.preview = web_is_preview(r))) {
        render_new(r, &cm, &f);
        return 0;
    }
    rc = art_form_check(r, &f) ? r->err.code : article_create(c, &cm, &in, &a);
    if (rc < 0) {
        if (!web_form_error(rc))
            return rc;
        r->status = web_form_status(rc);
        render_new(r, &cm, &f);
        return 0;
    }
    return resp_redirect(r, art_path(r, &a, NULL));
}

static void render_edit(struct req *r, const struct community *cm, const struct article *a,
                        const struct art_form *f, const struct article_conflict *conf)
{
    page_begin(r, conf ? "Edit conflict" : arena_printf(r->arena, "Edit %s", a->title));
    buf_puts(&r->out, "<div class=\"compose-page article-edit\">");
    sub_head(r, cm, a, conf ? "Edit conflict" : "Edit the article");
    if (conf) {
        html_printf(&r->out,
                    "<div class=\"notice notice-error conflict-notice\" role=\"alert\"><p "
                    "class=\"notice-title\">Someone else saved this article while you were "
                    "editing it.</p><p>Revision %lld was saved by ",
                    (long long)conf->current_rev);
        user_link(r, conf->current_author, NULL);
        buf_puts(&r->out, ". Nothing of yours was lost and nothing was overwritten.</p><p>");
        if (conf->clean)
            buf_puts(&r->out, "Your changes and theirs touch different lines: the editor below "
                              "holds both, merged. Review it and save.");
        else
            html_printf(&r->out,
                        "Your changes and theirs overlap in %zu %s: the editor below marks "
                        "each with <code>&lt;&lt;&lt;&lt;&lt;&lt;&lt; your version</code> "
                        "\xE2\x80\xA6 <code>=======</code> \xE2\x80\xA6 "
                        "<code>&gt;&gt;&gt;&gt;&gt;&gt;&gt; revision %lld</code>. Keep what "
                        "should stay, remove the markers, and save.",
                        conf->nconflicts, conf->nconflicts == 1 ? "place" : "places",
                        (long long)conf->current_rev);
        buf_puts(&r->out, "</p>");
        if (!str_eq(conf->current_title, f->title ? f->title : ""))
            html_printf(&r->out,
                        "<p>Revision %lld is titled <strong>%s</strong>; the form keeps "
                        "your title.</p>",
                        (long long)conf->current_rev, conf->current_title);
        buf_puts(&r->out, "</div>\n");
    } else {
        form_error_summary(r);
    }
    html_printf(&r->out, "<form class=\"form compose\" method=\"post\" action=\"%s\">\n",
                art_path(r, a, "/edit"));
    form_csrf(r);
    html_printf(&r->out, "<input type=\"hidden\" name=\"base_rev\" value=\"%lld\">\n",
                (long long)f->base_rev);
    /* With script, praxis.js turns the markers in the text below into one side-by-side
       block per overlap (keep mine, theirs, both, or edit) that writes the merged text back
       into it; without, the text with markers is the way to resolve. */
    if (conf && !conf->clean)
        buf_puts(&r->out, "<div class=\"conflict-resolver\" id=\"conflict-resolver\" "
                          "data-for=\"body\" hidden></div>\n");
    form_fields(r, f, 1);
    html_printf(&r->out,
                "<div class=\"form-actions\"><button type=\"submit\" class=\"button\">%s</button> ",
                conf ? (conf->clean ? "Save the merged text" : "Save my resolution")
                     : "Save changes");
    web_preview_button(r);
    html_printf(&r->out, " <a href=\"%s\">Cancel</a></div>\n</form>\n", art_path(r, a, NULL));
    if (conf) {
        buf_puts(&r->out,
                 "<section class=\"conflict-sides\" aria-label=\"Both versions\">"
                 "<div class=\"conflict-side\"><h2>Your version</h2><pre class=\"conflict-text\">");
        html_text(&r->out, conf->mine_md);
        html_printf(&r->out,
                    "</pre></div><div class=\"conflict-side\"><h2>Revision %lld (saved)</h2>"
                    "<pre class=\"conflict-text\">",
                    (long long)conf->current_rev);
        html_text(&r->out, conf->current_md);
        buf_puts(&r->out, "</pre></div></section>\n<section class=\"diff-view\"><h2>What differs"
                          "</h2><p class=\"diff-legend\"><del>saved</del> <ins>yours</ins></p>"
                          "<div class=\"table-scroll diff-lines\">");
        diff_lines_html(&r->out, conf->current_md, conf->mine_md, NULL);
        buf_puts(&r->out, "</div></section>\n");
    }
    buf_puts(&r->out, "</div>\n");
    page_end(r);
}

int page_article_edit(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct community cm;
    struct article a;
    struct article_can can;
    struct art_form f = {0};
    int rc = load(r, c, &cm, &a, &can, NULL);
    if (rc < 0)
        return rc;
    if (!can.edit)
        return error_set(&r->err, ERR_PERM, NULL, "You cannot edit this article.");
    f.title = a.title;
    f.tags = a.tags_text;
    f.body = a.body_md;
    f.base_rev = a.current_rev;
    render_edit(r, &cm, &a, &f, NULL);
    return 0;
}

int page_article_update(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct community cm;
    struct article a;
    struct article_input in = {0};
    struct article_conflict conf;
    struct art_form f = {0};
    int rc = load(r, c, &cm, &a, NULL, NULL);
    if (rc < 0)
        return rc;
    f.title = req_form(r, "title");
    f.tags = req_form(r, "tags");
    f.body = req_form(r, "body");
    f.summary = req_form(r, "summary");
    f.base_rev = req_int(r, "base_rev", 0, 1, INT64_MAX);
    in.title = f.title;
    in.tags_text = f.tags;
    in.body_md = f.body;
    in.summary = f.summary;
    in.base_rev = f.base_rev;
    memset(&conf, 0, sizeof(conf));
    f.slug = cm.slug;
    if ((f.preview = web_is_preview(r))) {
        render_edit(r, &cm, &a, &f, NULL);
        return 0;
    }
    rc = art_form_check(r, &f) ? r->err.code : article_save(c, &cm, &a, &in, &conf);
    if (rc == ERR_CONFLICT && conf.current_rev) {
        /* the form now starts from the saved revision, with the merged text */
        f.base_rev = conf.current_rev;
        f.body = conf.merged_md;
        error_clear(&r->err);
        r->status = 409;
        render_edit(r, &cm, &a, &f, &conf);
        return 0;
    }
    if (rc < 0) {
        if (!web_form_error(rc))
            return rc;
        r->status = web_form_status(rc);
        render_edit(r, &cm, &a, &f, NULL);
        return 0;
    }
    return resp_redirect(r, art_path(r, &a, NULL));
}

/* ------------------------------------------------------------------------------------------ */
/* The article page */

static void render_toc(struct req *r, struct ctx *c, const char *md)
{
    struct toc_entry *toc;
    size_t n, i;
    article_toc(c->arena, md, &toc, &n);
    if (n < ARTICLE_TOC_MIN)
        return;
    buf_puts(&r->out, "<nav class=\"toc\" aria-label=\"Contents\"><h2>Contents</h2><ol>");
    for (i = 0; i < n; i++)
        html_printf(&r->out, "<li class=\"toc-%d\"><a href=\"#%s\">%s</a></li>", toc[i].level,
                    toc[i].id, toc[i].text);
    buf_puts(&r->out, "</ol></nav>\n");
}

static void small_post(struct req *r, const struct article *a, const char *suffix,
                       const char *hidden, const char *label, const char *cls)
{
    html_printf(&r->out, "<form class=\"inline-form\" method=\"post\" action=\"%s\">",
                art_path(r, a, suffix));
    form_csrf(r);
    buf_puts(&r->out, hidden); /* trusted literal markup */
    html_printf(&r->out, "<button type=\"submit\" class=\"%s\">%s</button></form>", cls, label);
}

static void render_manage(struct req *r, struct ctx *c, struct community *cm,
                          const struct article *a, const struct article_can *can)
{
    enum article_status st = ARTICLE_DRAFT;
    char d[16] = "";
    article_status_parse(a->status, &st);
    buf_puts(&r->out, "<section class=\"article-manage mod-panel\" aria-label=\"Manage\">"
                      "<h2>Manage</h2><div class=\"manage-row\">");
    if (st == ARTICLE_DRAFT)
        small_post(r, a, "/status", "<input type=\"hidden\" name=\"status\" value=\"published\">",
                   "Publish", "button");
    if (st == ARTICLE_PUBLISHED && can->approve)
        small_post(r, a, "/status",
                   "<input type=\"hidden\" name=\"status\" value=\"best_practice\">",
                   "Mark best practice", "button");
    if ((st == ARTICLE_PUBLISHED || st == ARTICLE_BEST) && can->approve)
        small_post(r, a, "/status", "<input type=\"hidden\" name=\"status\" value=\"draft\">",
                   "Back to draft", "button button-secondary");
    if (st == ARTICLE_PUBLISHED && !can->approve)
        small_post(r, a, "/status", "<input type=\"hidden\" name=\"status\" value=\"draft\">",
                   "Back to draft", "button button-secondary");
    if ((st == ARTICLE_BEST || st == ARTICLE_OUTDATED) && can->approve)
        small_post(r, a, "/status", "<input type=\"hidden\" name=\"status\" value=\"published\">",
                   st == ARTICLE_BEST ? "Remove best practice" : "No longer outdated",
                   "button button-secondary");
    buf_puts(&r->out, "</div>");
    if (can->approve) {
        if (st != ARTICLE_OUTDATED) {
            html_printf(&r->out,
                        "<form class=\"form form-inline\" method=\"post\" action=\"%s\">"
                        "<input type=\"hidden\" name=\"status\" value=\"outdated\">",
                        art_path(r, a, "/status"));
            form_csrf(r);
            form_field(r, "text", "replaced_by", "Mark outdated, replaced by (optional)", NULL,
                       "The slug of the replacing article, e.g. cold-brew-2.",
                       "autocapitalize=\"none\" spellcheck=\"false\"");
            buf_puts(&r->out, "<div class=\"form-actions\"><button type=\"submit\" class=\"button "
                              "button-secondary\">Mark outdated</button></div></form>");
        }
        if (a->review_by)
            date_ymd(a->review_by, d);
        html_printf(&r->out, "<form class=\"form form-inline\" method=\"post\" action=\"%s\">",
                    art_path(r, a, "/review"));
        form_csrf(r);
        form_field(r, "text", "owner", "Owner", a->owner_name, "An account name of a member.",
                   "autocapitalize=\"none\" spellcheck=\"false\"");
        form_field(r, "date", "review_by", "Review by", d, "The owner is reminded on this date.",
                   NULL);
        buf_puts(&r->out, "<div class=\"form-actions\"><button type=\"submit\" class=\"button "
                          "button-secondary\">Set</button></div></form>");
        if (a->outdated_count) {
            struct article_feedback_note *notes;
            size_t n, i;
            if (article_feedback_notes(c, cm, a, &notes, &n) == 0 && n) {
                html_printf(&r->out,
                            "<h3>Flagged as outdated (%lld)</h3><ul class=\"feedback-notes\">",
                            (long long)a->outdated_count);
                for (i = 0; i < n; i++) {
                    buf_puts(&r->out, "<li>");
                    user_link(r, notes[i].user_name, NULL);
                    buf_puts(&r->out, " ");
                    page_time(r, notes[i].created_at);
                    if (*notes[i].note)
                        html_printf(&r->out, ": <q>%s</q>", notes[i].note);
                    buf_puts(&r->out, "</li>");
                }
                buf_puts(&r->out, "</ul>");
            }
        }
    }
    buf_puts(&r->out, "</section>\n");
}

static void render_feedback(struct req *r, struct ctx *c, const struct article *a,
                            const struct article_can *can)
{
    int helped = 0, outdated = 0;
    if (!strcmp(a->status, "draft"))
        return;
    article_feedback_mine(c, a, &helped, &outdated);
    html_printf(&r->out,
                "<section class=\"article-feedback\" aria-label=\"Feedback\"><p>%lld %s found "
                "this helpful \xC2\xB7 %lld flagged it as outdated.</p>",
                (long long)a->helped_count, a->helped_count == 1 ? "person" : "people",
                (long long)a->outdated_count);
    if (!can->feedback) {
        if (!c->uid)
            buf_puts(&r->out, "<p class=\"hint\"><a href=\"/signin\">Sign in</a> to say whether "
                              "it helped.</p>");
        buf_puts(&r->out, "</section>\n");
        return;
    }
    buf_puts(&r->out, "<div class=\"manage-row\">");
    small_post(r, a, "/feedback",
               helped ? "<input type=\"hidden\" name=\"kind\" value=\"helped\">"
                        "<input type=\"hidden\" name=\"on\" value=\"0\">"
                      : "<input type=\"hidden\" name=\"kind\" value=\"helped\">"
                        "<input type=\"hidden\" name=\"on\" value=\"1\">",
               helped ? "\xE2\x9C\x93 This helped (undo)" : "This helped",
               "button button-secondary");
    buf_puts(&r->out, "</div>");
    if (outdated) {
        small_post(r, a, "/feedback",
                   "<input type=\"hidden\" name=\"kind\" value=\"outdated\">"
                   "<input type=\"hidden\" name=\"on\" value=\"0\">",
                   "Withdraw my \xE2\x80\x9Clooks outdated\xE2\x80\x9D flag", "link-button");
    } else {
        html_printf(&r->out,
                    "<details class=\"flag-outdated\"><summary>This looks outdated</summary>"
                    "<form class=\"form\" method=\"post\" action=\"%s\">"
                    "<input type=\"hidden\" name=\"kind\" value=\"outdated\">"
                    "<input type=\"hidden\" name=\"on\" value=\"1\">",
                    art_path(r, a, "/feedback"));
        form_csrf(r);
        form_field(r, "textarea", "note", "What is out of date? (optional)", NULL,
                   "Coordinators see this note.", "rows=\"3\" maxlength=\"1000\"");
        buf_puts(&r->out, "<div class=\"form-actions\"><button type=\"submit\" class=\"button "
                          "button-secondary\">Flag as outdated</button></div></form></details>");
    }
    buf_puts(&r->out, "</section>\n");
}

int page_article(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct community cm;
    struct article a;
    struct article_can can;
    struct article_ref *links, *threads;
    size_t nlinks = 0, nthreads = 0, i;
    const char *moved = NULL;
    enum article_status st = ARTICLE_DRAFT;
    int rc = load(r, c, &cm, &a, &can, &moved);
    if (rc < 0)
        return rc;
    if (moved) {
        r->status = 301;
        resp_header(r, "Location", art_path(r, &a, NULL));
        return 0;
    }
    article_status_parse(a.status, &st);
    article_backlinks(c, &a, &links, &nlinks);
    article_threads(c, &a, &threads, &nthreads);
    page_begin(r, a.title);
    html_printf(&r->out,
                "<article class=\"article-page\"><p class=\"breadcrumb\"><a href=\"/c/%s\">%s</a> "
                "\xE2\x80\xBA <a href=\"/c/%s/a\">Articles</a></p>\n<header class=\"article-head\">"
                "<h1>%s</h1><p class=\"thread-meta\">",
                cm.slug, cm.name, cm.slug, a.title);
    status_badge(r, a.status);
    html_printf(&r->out, " Revision %lld \xC2\xB7 updated ", (long long)a.current_rev);
    page_time(r, a.updated_at);
    if (*a.owner_name) {
        buf_puts(&r->out, " \xC2\xB7 owner ");
        user_link(r, a.owner_name, a.owner_display);
    }
    if (a.review_by) {
        char d[16];
        date_ymd(a.review_by, d);
        html_printf(&r->out, " \xC2\xB7 review by %s", d);
        if (a.review_by <= c->now)
            buf_puts(&r->out, " <span class=\"badge badge-warn\">Review due</span>");
    }
    html_printf(&r->out, " \xC2\xB7 <a href=\"%s\">History</a>", art_path(r, &a, "/history"));
    if (can.edit)
        html_printf(&r->out, " \xC2\xB7 <a class=\"button button-small\" href=\"%s\">Edit</a>",
                    art_path(r, &a, "/edit"));
    buf_puts(&r->out, "</p>");
    tag_list(r, &cm, a.tags_text);
    buf_puts(&r->out, "</header>\n");
    if (st == ARTICLE_OUTDATED) {
        buf_puts(&r->out, "<div class=\"notice notice-changed\" role=\"note\"><p>This article is "
                          "outdated.");
        if (*a.replaced_by_slug) {
            struct buf h = BUF_INIT;
            buf_printf(&h, "/c/%s/a/", cm.slug);
            url_encode(&h, a.replaced_by_slug);
            html_printf(&r->out, " Read <a href=\"%s\">%s</a> instead.", h.data,
                        a.replaced_by_title);
            buf_release(&h);
        }
        buf_puts(&r->out, "</p></div>\n");
    } else if (st == ARTICLE_DRAFT) {
        buf_puts(&r->out, "<p class=\"notice\">This is a draft: only the community's editors see "
                          "it until it is published.</p>\n");
    } else if (st == ARTICLE_BEST) {
        buf_puts(&r->out, "<p class=\"notice notice-ok\">A best practice of this community, "
                          "approved by its coordinators.</p>\n");
    }
    render_toc(r, c, a.body_md);
    buf_puts(&r->out, "<div class=\"prose article-body\">\n");
    buf_puts(&r->out, a.body_html); /* rendered by article_render_html: safe HTML */
    buf_puts(&r->out, "</div>\n");
    render_feedback(r, c, &a, &can);
    if (nthreads) {
        buf_puts(&r->out,
                 "<section class=\"article-sources\"><h2>Sources and related threads</h2><ul>");
        for (i = 0; i < nthreads; i++) {
            html_printf(&r->out, "<li><a href=\"/c/%s/t/%lld\">%s</a>", threads[i].community_slug,
                        (long long)threads[i].id, threads[i].title);
            if (str_eq(threads[i].status, "source"))
                buf_puts(&r->out, " <span class=\"muted\">(source)</span>");
            buf_puts(&r->out, "</li>");
        }
        buf_puts(&r->out, "</ul></section>\n");
    }
    buf_puts(&r->out, "<section class=\"article-backlinks\"><h2>What links here</h2>");
    if (!nlinks)
        buf_puts(&r->out, "<p class=\"muted\">No other article links here yet.</p>");
    else {
        buf_puts(&r->out, "<ul>");
        for (i = 0; i < nlinks; i++)
            html_printf(&r->out, "<li><a href=\"%s\">%s</a></li>",
                        web_article_ref_path(r, &links[i]), links[i].title);
        buf_puts(&r->out, "</ul>");
    }
    buf_puts(&r->out, "</section>\n");
    if (can.edit)
        render_manage(r, c, &cm, &a, &can);
    buf_puts(&r->out, "</article>\n");
    page_end(r);
    return 0;
}

/* ------------------------------------------------------------------------------------------ */
/* Actions */

int page_article_status(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct community cm;
    struct article a;
    enum article_status st;
    int rc = load(r, c, &cm, &a, NULL, NULL);
    if (rc < 0)
        return rc;
    if (article_status_parse(req_form(r, "status"), &st) < 0)
        return error_set(&r->err, ERR_INVALID, "status", "Unknown status.");
    rc = article_set_status(c, &cm, &a, st, req_form(r, "replaced_by"));
    if (rc < 0)
        return rc;
    return resp_redirect(r, art_path(r, &a, NULL));
}

int page_article_review(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct community cm;
    struct article a;
    int64_t when = article_date_parse(req_form(r, "review_by"));
    int rc = load(r, c, &cm, &a, NULL, NULL);
    if (rc < 0)
        return rc;
    rc = article_set_review(c, &cm, &a, req_form(r, "owner"), when);
    if (rc < 0)
        return rc;
    return resp_redirect(r, art_path(r, &a, NULL));
}

int page_article_feedback(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct community cm;
    struct article a;
    int rc = load(r, c, &cm, &a, NULL, NULL);
    if (rc < 0)
        return rc;
    rc = article_feedback(c, &cm, &a, req_form(r, "kind"), req_form(r, "note"),
                          !str_eq(req_form(r, "on"), "0"));
    if (rc < 0)
        return rc;
    return resp_redirect(r, art_path(r, &a, NULL));
}

int page_article_revert(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct community cm;
    struct article a;
    int rc = load(r, c, &cm, &a, NULL, NULL);
    if (rc < 0)
        return rc;
    rc = article_revert(c, &cm, &a, req_int(r, "rev", 0, 1, INT64_MAX), req_form(r, "summary"));
    if (rc < 0)
        return rc;
    return resp_redirect(r, art_path(r, &a, "/history"));
}

/* ------------------------------------------------------------------------------------------ */
/* History */

static void rev_options(struct req *r, const struct article_rev *revs, size_t n, int64_t sel)
{
    for (size_t i = 0; i < n; i++)
        web_rev_option(r, revs[i].rev, revs[i].author_name, revs[i].created_at, sel);
}

int page_article_history(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct community cm;
    struct article a;
    struct article_can can;
    struct article_rev *revs, ra, rb;
    size_t n, i;
    int64_t ia, ib;
    int lines = !str_eq(req_query(r, "mode"), "words");
    int rc = load(r, c, &cm, &a, &can, NULL);
    if (rc < 0)
        return rc;
    rc = article_history(c, &a, &revs, &n);
    if (rc < 0)
        return rc;
    ib = req_int(r, "b", a.current_rev, 1, INT64_MAX);
    ia = req_int(r, "a", ib > 1 ? ib - 1 : 1, 1, INT64_MAX);
    page_begin(r, arena_printf(r->arena, "History of %s", a.title));
    buf_puts(&r->out, "<div class=\"history-page\">");
    sub_head(r, &cm, &a, "History");
    html_printf(&r->out,
                "<p class=\"lead\">%zu %s. Every save is kept; reverting makes a new "
                "revision.</p>\n",
                n, n == 1 ? "revision" : "revisions");
    if (n >= 2) {
        html_printf(&r->out,
                    "<form class=\"diff-form\" method=\"get\" action=\"%s\"><div class=\"field\">"
                    "<label for=\"a\">Compare</label><select id=\"a\" name=\"a\">",
                    art_path(r, &a, "/history"));
        rev_options(r, revs, n, ia);
        buf_puts(&r->out, "</select></div><div class=\"field\"><label for=\"b\">with</label>"
                          "<select id=\"b\" name=\"b\">");
        rev_options(r, revs, n, ib);
        html_printf(&r->out,
                    "</select></div><div class=\"field\"><label for=\"mode\">Show</label>"
                    "<select id=\"mode\" name=\"mode\"><option value=\"lines\"%s>Changed lines"
                    "</option><option value=\"words\"%s>Changed words</option></select></div>"
                    "<div class=\"form-actions\"><button type=\"submit\" class=\"button "
                    "button-secondary\">Compare</button></div></form>\n",
                    lines ? " selected" : "", lines ? "" : " selected");
        if (article_rev(c, &a, ia, &ra) < 0 || article_rev(c, &a, ib, &rb) < 0) {
            error_clear(&r->err);
            buf_puts(&r->out, "<p class=\"notice\">Pick two revisions of this article.</p>\n");
        } else {
            html_printf(&r->out,
                        "<section class=\"diff-view\" aria-labelledby=\"diff-title\">"
                        "<h2 id=\"diff-title\">Revision %lld \xE2\x86\x92 %lld</h2>"
                        "<p class=\"diff-legend\"><del>removed</del> <ins>added</ins></p>",
                        (long long)ra.rev, (long long)rb.rev);
            web_diff_section(r, "Title", ra.title, rb.title, 0);
            web_diff_section(r, "Tags", ra.tags, rb.tags, 0);
            web_diff_section(r, "Text", ra.body_md, rb.body_md, lines);
            buf_puts(&r->out, "</section>\n");
        }
    }
    buf_puts(&r->out, "<h2>Revisions</h2><ol class=\"revisions\" reversed>");
    for (i = 0; i < n; i++) {
        const struct article_rev *x = &revs[i];
        html_printf(&r->out,
                    "<li id=\"rev%lld\"><p class=\"rev-head\"><strong>Revision %lld</strong> ",
                    (long long)x->rev, (long long)x->rev);
        user_link(r, x->author_name, NULL);
        buf_puts(&r->out, " ");
        page_time(r, x->created_at);
        if (x->rev > 1)
            html_printf(&r->out,
                        " \xC2\xB7 <a href=\"%s?a=%lld&amp;b=%lld\">compare with previous</a>",
                        art_path(r, &a, "/history"), (long long)(x->rev - 1), (long long)x->rev);
        buf_puts(&r->out, "</p>");
        if (*x->summary)
            html_printf(&r->out, "<p class=\"rev-summary\">%s</p>", x->summary);
        if (can.edit && x->rev != a.current_rev) {
            html_printf(&r->out,
                        "<form class=\"inline-form\" method=\"post\" action=\"%s\">"
                        "<input type=\"hidden\" name=\"rev\" value=\"%lld\">",
                        art_path(r, &a, "/revert"), (long long)x->rev);
            form_csrf(r);
            html_printf(&r->out,
                        "<button type=\"submit\" class=\"link-button\">Revert to revision "
                        "%lld</button></form>",
                        (long long)x->rev);
        }
        buf_puts(&r->out, "</li>");
    }
    buf_puts(&r->out, "</ol></div>\n");
    page_end(r);
    return 0;
}

/* ------------------------------------------------------------------------------------------ */
/* Threads */

int page_thread_to_article(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct article a;
    int64_t tid;
    int rc;
    if ((rc = req_param_id(r, 1, "There is no such page.", &tid)) < 0)
        return rc;
    int existed = 0;
    rc = article_from_thread(c, tid, &a, &existed);
    if (rc < 0)
        return rc;
    /* a thread that already has its article opens it rather than making a second one */
    return resp_redirect(r, existed ? art_path(r, &a, "") : art_path(r, &a, "/edit"));
}
