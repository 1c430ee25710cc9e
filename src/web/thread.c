/* Thread pages: a thread with one page of its posts (a question with its answers, accepted
 * first then by score, like Stack Overflow; a discussion as flat posts in order with
 * reply-to links, quoting and likes, like Discourse), starting a thread (with similar
 * questions and a server-side draft), replying, un-accepting and moderating a thread, the
 * community's audit log and the similar-threads HTML fragment. A post's own pages (/p/:id:
 * permalink, votes, edit, history) are in web/post.c. Every permission
 * comes from domain/thread.c (struct thread_can, struct post_can): this file only shows the
 * buttons the domain allows and renders what it returns. Pages work without JavaScript;
 * assets/praxis.js adds draft autosave and live similar questions. */
#include <stdio.h>
#include <string.h>

#include "core/html.h"
#include "core/timeutil.h"
#include "domain/closevote.h"
#include "domain/comment.h"
#include "domain/community.h"
#include "domain/import.h"
#include "domain/thread.h"
#include "domain/trust.h"
#include "web/thread.h"
#include "web/parts.h"
#include "core/util.h"

#define NO_SUCH_PAGE "There is no such page." /* a malformed id reads as an unknown one */

#define SIMILAR_SHOWN 5          /* similar threads on a question page and the compose page */
#define AUDIT_PAGE    50         /* audit entries per page */
#define QUOTE_MAX     (8 * 1024) /* bytes of a post quoted into a reply */

/* ------------------------------------------------------------------------------------------ */
/* Small helpers */

/* Tags of t as links to their tag pages, with their thread counts in cm (tags loaded). */
static void thread_tags(struct req *r, const struct thread *t, const struct community *cm)
{
    web_tags(r, t->community_slug, t->tags, t->ntags, cm, NULL);
}

/* Who wrote p, for headings read by screen readers: the display name, else the account
   name, else "a deleted account". */
static const char *post_by(const struct post *p)
{
    if (!p->author_name || !*p->author_name)
        return "a deleted account";
    return p->author_display && *p->author_display ? p->author_display : p->author_name;
}

/* Load the draft `key` of the signed-in viewer into *d (zeroed when there is none). */
static void load_draft(struct req *r, struct ctx *c, const char *key, struct draft *d)
{
    struct errinfo saved = r->err;
    memset(d, 0, sizeof(*d));
    if (!c->uid)
        return;
    if (draft_load(c, key, d) < 0)
        memset(d, 0, sizeof(*d));
    r->err = saved; /* a missing draft is not an error of the page */
}

/* ------------------------------------------------------------------------------------------ */
/* The similar threads box */

/* A <ul> of similar threads for title (and body, may be NULL) in community cid (empty_msg
   when none). */
static void similar_list(struct req *r, struct ctx *c, int64_t cid, const char *title,
                         const char *body, int64_t exclude, const char *empty_msg)
{
    struct thread *list = NULL;
    size_t n = 0, i;
    struct errinfo saved = r->err;
    if (title && *title &&
        thread_similar_draft(c, cid, title, body, exclude, SIMILAR_SHOWN, &list, &n) < 0)
        n = 0;
    r->err = saved;
    if (!n) {
        if (empty_msg)
            html_printf(&r->out, "<p class=\"empty\">%s</p>", empty_msg);
        return;
    }
    buf_puts(&r->out, "<ul class=\"similar-list\">");
    for (i = 0; i < n; i++) {
        const struct thread *t = &list[i];
        html_printf(&r->out, "<li%s><a href=\"/c/%s/t/%lld\">%s</a> ",
                    t->solved ? " class=\"is-solved\"" : "", t->community_slug, (long long)t->id,
                    t->title);
        if (t->solved)
            buf_puts(&r->out, "<span class=\"badge badge-solved\">\xE2\x9C\x93 Solved</span> ");
        html_printf(&r->out, "<span class=\"muted\">%lld %s</span></li>",
                    (long long)(t->kind == THREAD_QUESTION ? t->answer_count : t->reply_count),
                    t->kind == THREAD_QUESTION ? (t->answer_count == 1 ? "answer" : "answers")
                                               : (t->reply_count == 1 ? "reply" : "replies"));
    }
    buf_puts(&r->out, "</ul>");
}

int page_thread_similar(struct req *r) /* search: body= joins title= (compose page) */
{
    struct ctx *c = app_ctx(r);
    struct community cm;
    const char *title = req_query(r, "title");
    int rc = community_get(c, r->params[0], &cm);
    if (rc < 0)
        return rc;
    resp_header(r, "Cache-Control", "no-store");
    similar_list(r, c, cm.id, title, req_query(r, "body"), 0,
                 title && strlen(title) >= 4 ? "No similar questions found." : NULL);
    return 0;
}

/* ------------------------------------------------------------------------------------------ */
/* Starting a thread */

struct compose_form {
    const char *kind, *title, *body, *tags;
    int check;   /* "Check for similar questions" was pressed */
    int preview; /* "Preview" was pressed */
};

static void render_compose(struct req *r, struct ctx *c, const struct community *cm,
                           const struct compose_form *f)
{
    int question = !str_eq(f->kind, "discussion");
    const char *draft_key = arena_printf(r->arena, "new:%lld", (long long)cm->id);
    const char *tags_hint = "Up to 5, separated by commas or spaces.";
    page_begin(r, question ? "Ask a question" : "Start a discussion");
    html_printf(&r->out,
                "<div class=\"compose-page\"><p class=\"breadcrumb\"><a href=\"/c/%s\">%s</a></p>"
                "<h1>%s</h1>\n",
                cm->slug, cm->name, question ? "Ask a question" : "Start a discussion");
    form_error_summary(r);
    html_printf(&r->out,
                "<form class=\"form compose\" method=\"post\" action=\"/c/%s/t/new\" "
                "data-draft-key=\"%s\">\n",
                cm->slug, draft_key);
    form_csrf(r);
    html_printf(&r->out,
                "<fieldset class=\"field kind-choice\" id=\"kind\"><legend>Kind</legend>"
                "<div class=\"choice\"><input type=\"radio\" id=\"kind-question\" name=\"kind\" "
                "value=\"question\"%s><label for=\"kind-question\">Question<span class=\"hint\">"
                "You need an answer; the best one can be accepted.</span></label></div>"
                "<div class=\"choice\"><input type=\"radio\" id=\"kind-discussion\" name=\"kind\" "
                "value=\"discussion\"%s><label for=\"kind-discussion\">Discussion<span "
                "class=\"hint\">An open conversation: news, ideas, experiences.</span></label>"
                "</div></fieldset>\n",
                question ? " checked" : "", question ? "" : " checked");
    form_field(r, "text", "title", "Title", f->title,
               question ? "Be specific: what would you type into a search box? 10 to 200 "
                          "characters."
                        : "What is it about? 10 to 200 characters.",
               "required maxlength=\"200\" autocomplete=\"off\"");
    html_printf(&r->out,
                "<section class=\"similar similar-compose\" aria-labelledby=\"similar-title\">"
                "<h2 id=\"similar-title\">Similar questions</h2>"
                "<div id=\"similar-results\" data-similar-url=\"/c/%s/similar\">",
                cm->slug);
    if (f->title && *f->title)
        similar_list(r, c, cm->id, f->title, f->body, 0,
                     f->check ? "No similar questions found." : NULL);
    else
        buf_puts(&r->out, "<p class=\"hint\">Type a title to see questions that may already "
                          "have your answer.</p>");
    buf_puts(&r->out, "</div><button type=\"submit\" name=\"check\" value=\"1\" "
                      "class=\"button button-small button-secondary similar-check\" "
                      "formnovalidate>Check for similar questions</button></section>\n");
    if (f->preview)
        web_preview_block(r, f->body, "post", NULL);
    form_field(r, "textarea", "body", question ? "Your question" : "Message", f->body,
               "Markdown: **bold**, *italic*, `code`, lists, > quotes, [links](https://...). "
               "Mention someone with @name.",
               "required rows=\"12\"");
    web_upload_tools(r, "body", cm->slug);
    if (cm->ntags) {
        size_t i;
        struct buf h = BUF_INIT;
        buf_puts(&h, "Up to 5, separated by commas or spaces. This community uses: ");
        for (i = 0; i < cm->ntags; i++) {
            if (i)
                buf_puts(&h, ", ");
            buf_puts(&h, cm->tags[i].tag);
        }
        buf_puts(&h, ".");
        tags_hint = arena_strdup(r->arena, h.data);
        buf_release(&h);
    }
    form_field(r, "text", "tags", "Tags", f->tags, tags_hint,
               "autocapitalize=\"none\" spellcheck=\"false\" autocomplete=\"off\"");
    html_printf(&r->out,
                "<div class=\"form-actions\"><button type=\"submit\" class=\"button\">%s</button> ",
                question ? "Post your question" : "Start the discussion");
    web_preview_button(r);
    html_printf(&r->out,
                " <a href=\"/c/%s\">Cancel</a><span class=\"draft-status\" role=\"status\"></span>"
                "</div>\n</form></div>\n",
                cm->slug);
    page_end(r);
}

int page_thread_new(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct community cm;
    struct compose_form f = {0};
    struct draft d;
    int rc = community_get(c, r->params[0], &cm);
    if (rc < 0)
        return rc;
    if (!web_can_start_thread(r, &cm))
        return error_set(&r->err, ERR_PERM, NULL,
                         cm.archived ? "This community is archived: it is read-only."
                                     : "Join %s to start a thread.",
                         cm.name);
    f.kind = req_query(r, "kind");
    f.title = req_query(r, "title");
    f.check = f.title != NULL;
    load_draft(r, c, arena_printf(r->arena, "new:%lld", (long long)cm.id), &d);
    if (!f.title && d.key) {
        f.title = d.title;
        f.body = d.body;
        f.tags = d.tags;
        if (!f.kind && d.kind && *d.kind)
            f.kind = d.kind;
    }
    if (!f.kind || (!str_eq(f.kind, "discussion") && !str_eq(f.kind, "question")))
        f.kind = "question";
    render_compose(r, c, &cm, &f);
    return 0;
}

int page_thread_create(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct community cm;
    struct compose_form f;
    struct thread_input in = {0};
    struct thread t;
    int rc = community_get(c, r->params[0], &cm);
    if (rc < 0)
        return rc;
    f.kind = req_form(r, "kind");
    if (!f.kind || (!str_eq(f.kind, "discussion") && !str_eq(f.kind, "question")))
        f.kind = "question";
    f.title = req_form(r, "title");
    f.body = req_form(r, "body");
    f.tags = req_form(r, "tags");
    f.check = str_eq(req_form(r, "check"), "1");
    f.preview = web_is_preview(r);
    if (f.check || f.preview) { /* no JavaScript: similar questions or the preview, text kept */
        render_compose(r, c, &cm, &f);
        return 0;
    }
    in.kind = f.kind;
    in.title = f.title ? f.title : "";
    in.body_md = f.body ? f.body : "";
    in.tags_text = f.tags ? f.tags : "";
    {
        /* Every field's own check first, so the form comes back with all its problems. */
        struct errinfo e = {0};
        const char *title, **tags;
        size_t ntags;
        form_error_note(r, thread_title_check(r->arena, in.title, &title, &e), &e);
        form_error_note(r, thread_body_check(in.body_md, &e), &e);
        form_error_note(r, thread_tags_parse(r->arena, in.tags_text, &tags, &ntags, &e), &e);
    }
    rc = form_error_count(r) ? r->err.code : thread_create(c, &cm, &in, &t);
    if (rc < 0) {
        if (!web_form_error(rc))
            return rc;
        r->status = web_form_status(rc);
        render_compose(r, c, &cm, &f);
        return 0;
    }
    return resp_redirect(r, web_thread_path(r, &t));
}

/* ------------------------------------------------------------------------------------------ */
/* The thread page */

/* What the reply form shows (after a failed post, or pre-filled from a quote or draft). */
struct reply_form {
    const char *body;
    int64_t reply_to;
    int preview;                     /* show the reply's preview */
    struct web_comment_form comment; /* a comment composer coming back (post_id 0 = none) */
};

/* 1 if post pid is on this page of the view. */
static const struct post *view_find(const struct thread_view *v, int64_t pid)
{
    size_t i;
    for (i = 0; i < v->nposts; i++)
        if (v->posts[i].id == pid)
            return &v->posts[i];
    return NULL;
}

/* A POST form with one button (and hidden fields given as trusted markup). */
static void small_form(struct req *r, const char *action, const char *hidden, const char *cls,
                       const char *label, const char *aria)
{
    html_printf(&r->out, "<form class=\"inline\" method=\"post\" action=\"%s\">", action);
    form_csrf(r);
    if (hidden)
        buf_puts(&r->out, hidden);
    html_printf(&r->out, "<button type=\"submit\" class=\"%s\"", cls);
    if (aria)
        html_printf(&r->out, " aria-label=\"%s\"", aria);
    html_printf(&r->out, ">%s</button></form>", label);
}

/* The vote column of a post in a question thread. */
static void render_votes(struct req *r, const struct post *p)
{
    const char *act = arena_printf(r->arena, "/p/%lld/vote", (long long)p->id);
    buf_puts(&r->out, "<div class=\"vote\">");
    if (p->can.vote_up) {
        int on = p->viewer_vote > 0;
        html_printf(&r->out, "<form method=\"post\" action=\"%s\">", act);
        form_csrf(r);
        html_printf(&r->out,
                    "<input type=\"hidden\" name=\"value\" value=\"%d\"><button type=\"submit\" "
                    "class=\"vote-btn vote-up%s\" aria-pressed=\"%s\" title=\"%s\">"
                    "<span aria-hidden=\"true\">\xE2\x96\xB2</span><span class=\"visually-hidden\">"
                    "Vote up</span></button></form>",
                    on ? 0 : 1, on ? " is-on" : "", on ? "true" : "false",
                    on ? "You voted this up (click to undo)" : "This is useful");
    }
    html_printf(&r->out,
                "<span class=\"score\" title=\"Score\">%lld<span class=\"visually-hidden\">"
                " votes</span></span>",
                (long long)p->score);
    if (p->can.vote_down) {
        int on = p->viewer_vote < 0;
        html_printf(&r->out, "<form method=\"post\" action=\"%s\">", act);
        form_csrf(r);
        html_printf(&r->out,
                    "<input type=\"hidden\" name=\"value\" value=\"%d\"><button type=\"submit\" "
                    "class=\"vote-btn vote-down%s\" aria-pressed=\"%s\" title=\"%s\">"
                    "<span aria-hidden=\"true\">\xE2\x96\xBC</span><span class=\"visually-hidden\">"
                    "Vote down</span></button></form>",
                    on ? 0 : -1, on ? " is-on" : "", on ? "true" : "false",
                    on ? "You voted this down (click to undo)" : "This is not useful");
    }
    if (p->accepted)
        buf_puts(&r->out, "<span class=\"accepted-check\" title=\"Accepted answer\">"
                          "<span aria-hidden=\"true\">\xE2\x9C\x93</span><span "
                          "class=\"visually-hidden\">Accepted</span></span>");
    buf_puts(&r->out, "</div>");
}

/* The body of p, or the placeholder the viewer sees instead. */
static void render_body(struct req *r, const struct post *p)
{
    if (p->deleted_at) {
        buf_puts(&r->out, "<p class=\"post-placeholder\">This post was deleted");
        if (p->body_html)
            buf_puts(&r->out, " (you can still see it as a moderator)");
        buf_puts(&r->out, ".</p>");
    } else if (p->held_at && !strncmp(p->hide_reason, "In coaching", 11)) {
        /* "In coaching: ...": the coaching panel above says what happens */
    } else if (p->held_at) { /* the reason says "Held for review: ..." */
        html_printf(&r->out, "<p class=\"post-placeholder post-held\" role=\"status\">%s ",
                    p->hide_reason);
        buf_puts(&r->out, p->body_html ? "Only moderators and the author see it until a "
                                         "moderator approves it.</p>"
                                       : "</p>");
    } else if (p->hidden_at && !*p->hidden_by_name) { /* by members' spam flags */
        html_printf(&r->out, "<p class=\"post-placeholder\">%s", p->hide_reason);
        buf_puts(&r->out, p->body_html ? " Only moderators and the author see it.</p>" : "</p>");
    } else if (p->hidden_at) {
        html_printf(&r->out, "<p class=\"post-placeholder\">Hidden by a moderator");
        if (p->body_html) {
            if (p->hide_reason && *p->hide_reason)
                html_printf(&r->out, ": %s", p->hide_reason);
            buf_puts(&r->out, ". Only moderators and the author see it.");
        } else {
            buf_puts(&r->out, ".");
        }
        buf_puts(&r->out, "</p>");
    }
    if (p->body_html) {
        buf_puts(&r->out, "<div class=\"prose post-body\">");
        buf_puts(&r->out, p->body_html); /* rendered by the domain with markdown_render: safe */
        buf_puts(&r->out, "</div>");
    }
}

/* The small action forms and links under a post. */
static void render_post_actions(struct req *r, const struct thread_view *v, const struct post *p)
{
    const struct thread *t = &v->t;
    int first = p->position == 1;
    buf_puts(&r->out, "<div class=\"post-actions\">");
    html_printf(&r->out,
                "<a href=\"/p/%lld\" class=\"permalink\" title=\"Link to this post\">"
                "Link</a>",
                (long long)p->id);
    if (t->kind == THREAD_DISCUSSION && v->can.reply && !p->deleted_at) {
        const char *base = web_thread_path(r, t); /* made only when a link needs it */
        html_printf(&r->out, "<a href=\"%s?reply_to=%lld#reply\">Reply</a>", base,
                    (long long)p->id);
        if (p->body_md)
            html_printf(&r->out, "<a href=\"%s?quote=%lld#reply\">Quote</a>", base,
                        (long long)p->id);
    }
    if (p->can.edit)
        html_printf(&r->out, "<a href=\"/p/%lld/edit\">Edit</a>", (long long)p->id);
    else if (p->can.retag)
        html_printf(&r->out, "<a href=\"/p/%lld/edit\">Edit tags</a>", (long long)p->id);
    if (p->edit_count > 0)
        html_printf(&r->out, "<a href=\"/p/%lld/history\">History</a>", (long long)p->id);
    if (p->can.flag)
        html_printf(&r->out, "<a href=\"/p/%lld/flag\" rel=\"nofollow\">Flag</a>",
                    (long long)p->id);
    if (p->can.accept && !p->deleted_at) {
        if (p->accepted)
            small_form(r, arena_printf(r->arena, "%s/unaccept", web_thread_path(r, t)), NULL,
                       "button button-small button-secondary", "Unaccept", NULL);
        else
            small_form(r, arena_printf(r->arena, "/p/%lld/accept", (long long)p->id), NULL,
                       "button button-small button-accept", "Accept this answer", NULL);
    }
    if (p->can.del) {
        html_printf(
            &r->out,
            "<details class=\"confirm\"><summary>Delete</summary><div class=\"confirm-box\">"
            "<p>%s</p>",
            first ? "Delete this whole thread? It disappears for everyone; its history "
                    "is kept for moderators."
                  : "Delete this post? Its history is kept for moderators.");
        small_form(r, arena_printf(r->arena, "/p/%lld/delete", (long long)p->id), NULL,
                   "button button-small button-danger",
                   first ? "Yes, delete the thread" : "Yes, delete it", NULL);
        buf_puts(&r->out, "</div></details>");
    }
    if (p->can.hide && !p->deleted_at) {
        if (p->hidden_at) {
            small_form(r, arena_printf(r->arena, "/p/%lld/unhide", (long long)p->id), NULL,
                       "link-button", "Unhide", NULL);
        } else {
            html_printf(&r->out,
                        "<details class=\"confirm\"><summary>Hide</summary><div "
                        "class=\"confirm-box\"><form method=\"post\" action=\"/p/%lld/hide\">",
                        (long long)p->id);
            form_csrf(r);
            html_printf(&r->out,
                        "<label for=\"hide-reason-%lld\">Why hide it? The author sees this."
                        "</label><input type=\"text\" id=\"hide-reason-%lld\" name=\"reason\" "
                        "required maxlength=\"500\"><button type=\"submit\" class=\"button "
                        "button-small button-danger\">Hide post</button></form></div></details>",
                        (long long)p->id, (long long)p->id);
        }
    }
    buf_puts(&r->out, "</div>");
}

/* The author and time line of a post (with "edited" and "in reply to"). */
static void render_post_meta(struct req *r, const struct thread_view *v,
                             const struct thread_extras *x, const struct post *p)
{
    const struct thread *t = &v->t;
    const char *source_name = NULL;
    size_t i;
    for (i = 0; x && (!p->author_name || !*p->author_name) && i < x->nattribs; i++)
        if (x->attribs[i].local_id == p->id && *x->attribs[i].author_name)
            source_name = x->attribs[i].author_name; /* import: the source's account is gone */
    buf_puts(&r->out, "<p class=\"post-meta\">");
    if (source_name)
        html_printf(&r->out, "<span class=\"author author-gone\">%s</span>", source_name);
    else
        web_author_link(r, p->author_name, p->author_display);
    if (t->kind == THREAD_QUESTION)
        buf_puts(&r->out, p->position == 1 ? " <span>asked</span> " : " <span>answered</span> ");
    else
        buf_puts(&r->out, " ");
    html_printf(&r->out, "<a class=\"post-time\" href=\"/p/%lld\">", (long long)p->id);
    page_time(r, p->created_at);
    buf_puts(&r->out, "</a>");
    if (p->edited_at) {
        html_printf(&r->out,
                    " \xC2\xB7 <a class=\"edited\" href=\"/p/%lld/history\" title=\"See "
                    "what changed\">edited ",
                    (long long)p->id);
        page_time(r, p->edited_at);
        buf_puts(&r->out, "</a>");
    }
    if (p->reply_to_post_id) {
        const struct post *to = view_find(v, p->reply_to_post_id);
        buf_puts(&r->out, " <span class=\"reply-to\">in reply to ");
        if (to)
            html_printf(&r->out, "<a href=\"#p%lld\">#%lld %s</a>", (long long)to->id,
                        (long long)to->position,
                        to->author_name && *to->author_name ? to->author_name : "");
        else
            html_printf(&r->out, "<a href=\"/p/%lld\">#%lld</a>", (long long)p->reply_to_post_id,
                        (long long)p->reply_to_position);
        buf_puts(&r->out, "</span>");
    }
    buf_puts(&r->out, "</p>");
}

/* Import feature: where an imported post came from (author, source link, licence). */
static void render_attribution(struct req *r, const struct thread_extras *x, const struct post *p)
{
    size_t i;
    for (i = 0; x && i < x->nattribs; i++) {
        const struct import_attrib *a = &x->attribs[i];
        const char *host;
        if (a->local_id != p->id)
            continue;
        host = strstr(a->source_url, "://");
        host = host ? host + 3 : a->source_url;
        buf_puts(&r->out, "<p class=\"attribution\">Originally posted");
        if (*a->author_name) {
            buf_puts(&r->out, " by ");
            if (*a->author_url) {
                buf_puts(&r->out, "<a href=\"");
                html_url(&r->out, a->author_url); /* stored URL: scheme checked, escaped */
                html_printf(&r->out, "\" rel=\"nofollow\">%s</a>", a->author_name);
            } else
                html_printf(&r->out, "%s", a->author_name);
        }
        buf_puts(&r->out, " on <a href=\"");
        html_url(&r->out, a->source_url); /* stored URL: scheme checked, escaped */
        html_printf(&r->out, "\" rel=\"nofollow\">%.*s</a>", (int)strcspn(host, "/"), host);
        if (*a->license)
            html_printf(&r->out, " \xC2\xB7 %s", a->license);
        buf_puts(&r->out, "</p>");
        return;
    }
}

/* The comments under post p (only when the viewer sees its body) and, for members who may
   reply, the composer; f reopens a composer that came back with an error or a preview. */
static void render_comments(struct req *r, const struct thread_view *v,
                            const struct thread_extras *x, const struct post *p,
                            const struct reply_form *f)
{
    struct web_comment_opts o;
    if (!p->body_html || p->deleted_at)
        return;
    o.can_comment = v->can.reply && !p->hidden_at;
    o.can_change = v->can.vote;
    o.staff = v->can.moderate;
    o.community = v->cm.slug;
    web_comments(r, x ? x->comments : NULL, x ? x->ncomments : 0, p->id, &o,
                 f ? &f->comment : NULL);
}

/* Import feature: "Duplicate of ..." above the question and the linked questions. */
static void render_links(struct req *r, const struct thread *t, const struct thread_extras *x,
                         int duplicates)
{
    size_t i;
    int open = 0;
    for (i = 0; x && i < x->nlinks; i++) {
        const struct thread_link_row *l = &x->links[i];
        int64_t other = l->outgoing ? l->target_id : l->thread_id;
        int dup = !strcmp(l->kind, "duplicate");
        if (duplicates) {
            if (!dup || !l->outgoing)
                continue;
            html_printf(&r->out,
                        "<div class=\"notice notice-duplicate\"><p><strong>Duplicate of</strong> "
                        "<a href=\"/c/%s/t/%lld\">%s</a></p></div>\n",
                        t->community_slug, (long long)other, l->title);
            continue;
        }
        if (dup && l->outgoing)
            continue;
        if (!open) {
            buf_puts(&r->out, "<aside class=\"linked\" aria-labelledby=\"linked-h\">"
                              "<h2 id=\"linked-h\">Linked questions</h2><ul>");
            open = 1;
        }
        html_printf(&r->out, "<li><a href=\"/c/%s/t/%lld\">%s</a>%s</li>", t->community_slug,
                    (long long)other, l->title,
                    dup ? " <span class=\"muted\">(a duplicate of this)</span>" : "");
    }
    if (open)
        buf_puts(&r->out, "</ul></aside>\n");
}

/* One post as an <article id="pID">. */
static void render_post(struct req *r, const struct thread_view *v, const struct thread_extras *x,
                        const struct post *p, const struct reply_form *f)
{
    const struct thread *t = &v->t;
    int question = t->kind == THREAD_QUESTION;
    html_printf(&r->out,
                "<article class=\"post%s%s%s%s\" id=\"p%lld\" aria-labelledby=\"p%lld-h\">",
                question ? " post-qa" : " post-discussion", p->position == 1 ? " post-first" : "",
                p->accepted ? " is-accepted" : "",
                (p->hidden_at && !t->coaching_at) || p->deleted_at ? " is-hidden" : "",
                (long long)p->id, (long long)p->id);
    if (question)
        render_votes(r, p);
    buf_puts(&r->out, "<div class=\"post-main\">");
    if (question && p->position == 1) /* right under the h1: the answers' h2 comes after */
        html_printf(&r->out, "<h2 class=\"visually-hidden\" id=\"p%lld-h\">The question</h2>",
                    (long long)p->id);
    else if (question)
        html_printf(
            &r->out, "<h3 class=\"visually-hidden\" id=\"p%lld-h\">%s</h3>", (long long)p->id,
            arena_printf(r->arena, "Answer by %s%s", post_by(p), p->accepted ? " (accepted)" : ""));
    else
        html_printf(&r->out, "<h3 class=\"visually-hidden\" id=\"p%lld-h\">Post %lld by %s</h3>",
                    (long long)p->id, (long long)p->position, post_by(p));
    if (p->accepted)
        buf_puts(&r->out,
                 "<p class=\"accepted-mark\"><span aria-hidden=\"true\">\xE2\x9C\x93</span>"
                 " Accepted answer</p>");
    if (!question) {
        render_post_meta(r, v, x, p);
        html_printf(&r->out,
                    "<a class=\"post-number\" href=\"#p%lld\" aria-label=\"Post %lld\">"
                    "#%lld</a>",
                    (long long)p->id, (long long)p->position, (long long)p->position);
    }
    render_body(r, p);
    if (question && p->position == 1)
        thread_tags(r, t, &v->cm);
    buf_puts(&r->out, "<footer class=\"post-foot\">");
    if (question) {
        render_post_meta(r, v, x, p);
    } else if (!p->deleted_at) {
        if (p->can.like) {
            char hidden[48];
            snprintf(hidden, sizeof(hidden), "<input type=\"hidden\" name=\"on\" value=\"%d\">",
                     p->viewer_liked ? 0 : 1);
            small_form(r, arena_printf(r->arena, "/p/%lld/like", (long long)p->id), hidden,
                       p->viewer_liked ? "like-btn is-on" : "like-btn",
                       p->like_count
                           ? arena_printf(r->arena, "\xE2\x99\xA5 %lld", (long long)p->like_count)
                           : "\xE2\x99\xA5 Like",
                       arena_printf(r->arena, "%s (%lld %s)", p->viewer_liked ? "Unlike" : "Like",
                                    (long long)p->like_count,
                                    p->like_count == 1 ? "like" : "likes"));
        } else if (p->like_count) {
            html_printf(&r->out,
                        "<span class=\"likes\" title=\"Likes\">\xE2\x99\xA5 %lld"
                        "<span class=\"visually-hidden\"> likes</span></span>",
                        (long long)p->like_count);
        }
    }
    render_attribution(r, x, p);
    render_post_actions(r, v, p);
    buf_puts(&r->out, "</footer>");
    render_comments(r, v, x, p, f);
    buf_puts(&r->out, "</div></article>\n");
}

/* The moderation panel of a thread (staff only). */
/* One vote in a list: "alice (duplicate of “Original”)". */
static void render_close_vote(struct req *r, const struct close_vote *v)
{
    enum close_reason cr;
    if (*v->user_name)
        html_printf(&r->out, "<a href=\"/u/%s\">%s</a>", v->user_name, v->user_name);
    else
        buf_puts(&r->out, "a former member");
    if (!*v->reason || close_reason_parse(v->reason, &cr) < 0)
        return;
    if (cr == CLOSE_DUPLICATE && *v->original_title)
        html_printf(&r->out, " (duplicate of <a href=\"/c/%s/t/%lld\">%s</a>)", v->original_slug,
                    (long long)v->original_id, v->original_title);
    else
        html_printf(&r->out, " (%s)",
                    cr == CLOSE_DUPLICATE       ? "duplicate"
                    : cr == CLOSE_NEEDS_DETAILS ? "needs details"
                                                : "off-topic");
}

/* Votes to close an open thread or reopen a closed one (domain/closevote.h): who voted and
   why, the viewer's vote form or retract button, or which trust level unlocks voting. Staff
   use the moderation panel instead of a vote. */
static void render_close_votes(struct req *r, struct ctx *c, const struct thread_view *v)
{
    const struct thread *t = &v->t;
    struct close_state s;
    struct errinfo saved = r->err;
    const char *act;
    int closing, hint;
    size_t i;
    if (thread_close_state(c, t->id, &s) < 0) { /* the page works without it */
        r->err = saved;
        return;
    }
    closing = str_eq(s.kind, "close");
    /* members below the level learn what unlocks voting where there are votes to join */
    hint = s.n && s.member && !s.staff && !s.can_vote && !s.voted && !t->deleted_at;
    if (!s.n && !s.nclosed && !(s.can_vote && !s.staff) && !s.voted && !hint)
        return;
    act = arena_printf(r->arena, "%s/close-vote", web_thread_path(r, t));
    buf_puts(&r->out, "<section class=\"close-votes\" aria-label=\"Votes to close or reopen\">");
    if (!closing && s.nclosed) {
        buf_puts(&r->out, "<p>Closed by the votes of ");
        for (i = 0; i < s.nclosed; i++) {
            if (i)
                buf_puts(&r->out, i + 1 == s.nclosed ? " and " : ", ");
            render_close_vote(r, &s.closed[i]);
        }
        buf_puts(&r->out, ".</p>");
    }
    if (s.n) {
        html_printf(&r->out, "<p><strong>%zu of %lld votes to %s:</strong> ", s.n,
                    (long long)s.needed, s.kind);
        for (i = 0; i < s.n; i++) {
            if (i)
                buf_puts(&r->out, ", ");
            render_close_vote(r, &s.votes[i]);
        }
        buf_puts(&r->out, ".</p>");
    }
    if (s.voted) {
        small_form(r, arena_printf(r->arena, "%s/retract", act), NULL,
                   "button button-small button-secondary", "Retract your vote", NULL);
    } else if (s.can_vote && !s.staff && closing) {
        html_printf(&r->out,
                    "<details class=\"close-vote\"><summary>Vote to close</summary>"
                    "<form class=\"close-vote-form\" method=\"post\" action=\"%s\">",
                    act);
        form_csrf(r);
        buf_puts(&r->out,
                 "<fieldset><legend>Why should this thread close?</legend>"
                 "<div class=\"choice\"><input type=\"radio\" id=\"cv-duplicate\" name=\"reason\" "
                 "value=\"duplicate\" required><label for=\"cv-duplicate\">A duplicate<span "
                 "class=\"hint\">It was asked and answered before: give the original.</span>"
                 "</label></div><div class=\"choice\"><input type=\"radio\" id=\"cv-off_topic\" "
                 "name=\"reason\" value=\"off_topic\"><label for=\"cv-off_topic\">Off-topic"
                 "<span class=\"hint\">It does not belong in this community.</span></label>"
                 "</div><div class=\"choice\"><input type=\"radio\" id=\"cv-needs_details\" "
                 "name=\"reason\" value=\"needs_details\"><label for=\"cv-needs_details\">Needs "
                 "details<span class=\"hint\">It cannot be answered as it stands.</span>"
                 "</label></div></fieldset><label for=\"cv-original\">Original thread "
                 "number (for a duplicate)</label><input type=\"number\" id=\"cv-original\" "
                 "name=\"original\" min=\"1\" inputmode=\"numeric\">");
        html_printf(&r->out,
                    "<button type=\"submit\" class=\"button button-small button-danger\">Vote "
                    "to close</button><p class=\"hint\">%lld votes close it.</p></form>"
                    "</details>",
                    (long long)s.needed);
    } else if (s.can_vote && !s.staff) {
        small_form(r, act, NULL, "button button-small button-secondary", "Vote to reopen", NULL);
    } else if (hint) {
        html_printf(&r->out,
                    "<p class=\"hint\">Voting to %s threads unlocks at trust level %lld.</p>",
                    s.kind, (long long)s.level);
    }
    buf_puts(&r->out, "</section>\n");
}

static void render_mod_panel(struct req *r, struct ctx *c, const struct thread_view *v)
{
    const struct thread *t = &v->t;
    const char *act = arena_printf(r->arena, "%s/mod", web_thread_path(r, t));
    buf_puts(&r->out, "<details class=\"mod-panel\"><summary>Moderate this thread</summary>"
                      "<div class=\"mod-body\"><div class=\"mod-row\">");
    small_form(r, act,
               t->locked ? "<input type=\"hidden\" name=\"action\" value=\"unlock\">"
                         : "<input type=\"hidden\" name=\"action\" value=\"lock\">",
               "button button-small button-secondary", t->locked ? "Unlock" : "Lock", NULL);
    small_form(r, act,
               t->pinned ? "<input type=\"hidden\" name=\"action\" value=\"unpin\">"
                         : "<input type=\"hidden\" name=\"action\" value=\"pin\">",
               "button button-small button-secondary", t->pinned ? "Unpin" : "Pin", NULL);
    if (t->closed_at)
        small_form(r, act, "<input type=\"hidden\" name=\"action\" value=\"reopen\">",
                   "button button-small button-secondary", "Reopen", NULL);
    html_printf(&r->out,
                " <a class=\"button button-small button-secondary\" href=\"/c/%s/audit\">"
                "Audit log</a></div>",
                t->community_slug);
    if (!t->closed_at) {
        html_printf(&r->out, "<form class=\"mod-form\" method=\"post\" action=\"%s\">", act);
        form_csrf(r);
        html_printf(&r->out,
                    "<input type=\"hidden\" name=\"action\" value=\"close\"><label "
                    "for=\"close-reason\">Close with a reason (shown to everyone)</label>"
                    "<input type=\"text\" id=\"close-reason\" name=\"reason\" required "
                    "maxlength=\"%d\"><button type=\"submit\" class=\"button button-small "
                    "button-danger\">Close thread</button></form>",
                    THREAD_CLOSE_REASON_MAX);
    }
    {
        struct community_filter f;
        struct community *list = NULL;
        size_t n = 0, i;
        struct errinfo saved = r->err;
        memset(&f, 0, sizeof(f));
        f.kind = COMMUNITY_LIST_MINE;
        f.limit = 100;
        if (community_list(c, &f, &list, &n) < 0)
            n = 0;
        r->err = saved;
        html_printf(&r->out, "<form class=\"mod-form\" method=\"post\" action=\"%s\">", act);
        form_csrf(r);
        buf_puts(&r->out, "<input type=\"hidden\" name=\"action\" value=\"move\"><label "
                          "for=\"move-to\">Move to another community (its address)</label>"
                          "<input type=\"text\" id=\"move-to\" name=\"to\" required "
                          "list=\"move-targets\" autocapitalize=\"none\" spellcheck=\"false\">"
                          "<datalist id=\"move-targets\">");
        for (i = 0; i < n; i++)
            if (list[i].id != t->community_id && list[i].viewer_role >= ROLE_MODERATOR &&
                !list[i].archived)
                html_printf(&r->out, "<option value=\"%s\">%s</option>", list[i].slug,
                            list[i].name);
        buf_puts(&r->out, "</datalist><button type=\"submit\" class=\"button button-small "
                          "button-secondary\">Move</button></form>");
    }
    buf_puts(&r->out, "</div></details>\n");
}

/* The reply (answer) form, or why there is none. */
static void render_reply_form(struct req *r, struct ctx *c, const struct thread_view *v,
                              const struct reply_form *f)
{
    const struct thread *t = &v->t;
    int question = t->kind == THREAD_QUESTION;
    const char *base = web_thread_path(r, t);
    html_printf(&r->out,
                "<section class=\"reply\" id=\"reply\" aria-labelledby=\"reply-title\">"
                "<h2 id=\"reply-title\">%s</h2>",
                question ? "Your answer" : "Reply");
    if (!v->can.reply) {
        if (!c->uid)
            html_printf(&r->out,
                        "<p class=\"empty\"><a href=\"/signin?next=%s\">Sign in</a> to %s."
                        "</p>",
                        base, question ? "answer" : "reply");
        else if (v->cm.archived)
            buf_puts(&r->out, "<p class=\"empty\">This community is archived: it is read-only."
                              "</p>");
        else if (t->closed_at || t->locked)
            html_printf(&r->out, "<p class=\"empty\">This thread is %s: it takes no new %s.</p>",
                        t->closed_at ? "closed" : "locked", question ? "answers" : "replies");
        else
            html_printf(&r->out, "<p class=\"empty\"><a href=\"/c/%s\">Join %s</a> to %s.</p>",
                        v->cm.slug, v->cm.name, question ? "answer" : "reply");
        buf_puts(&r->out, "</section>\n");
        return;
    }
    if (!f->comment.post_id)
        form_error_summary(r);
    html_printf(&r->out,
                "<form class=\"form reply-form\" method=\"post\" action=\"%s/reply#reply\" "
                "data-draft-key=\"reply:%lld\">",
                base, (long long)t->id);
    form_csrf(r);
    if (f->reply_to) {
        const struct post *to = view_find(v, f->reply_to);
        html_printf(&r->out,
                    "<input type=\"hidden\" name=\"reply_to\" value=\"%lld\">"
                    "<p class=\"replying-to\">Replying to <a href=\"%s\">",
                    (long long)f->reply_to,
                    to ? arena_printf(r->arena, "#p%lld", (long long)f->reply_to)
                       : arena_printf(r->arena, "/p/%lld", (long long)f->reply_to));
        if (to)
            html_printf(&r->out, "#%lld by %s", (long long)to->position,
                        *to->author_name ? to->author_name : "a deleted account");
        else
            buf_puts(&r->out, "a post");
        html_printf(&r->out,
                    "</a> \xC2\xB7 <a href=\"%s#reply\">reply to the thread instead</a></p>", base);
    }
    if (f->preview)
        web_preview_block(r, f->body, "post", NULL);
    form_field(r, "textarea", "body", question ? "Your answer" : "Your reply", f->body,
               "Markdown. Mention someone with @name.", "required rows=\"8\"");
    web_upload_tools(r, "body", v->cm.slug);
    html_printf(&r->out,
                "<div class=\"form-actions\"><button type=\"submit\" class=\"button\">"
                "%s</button> ",
                question ? "Post your answer" : "Post reply");
    web_preview_button(r);
    buf_puts(&r->out, "<span class=\"draft-status\" role=\"status\"></span></div>"
                      "</form></section>\n");
}

/* The pager of a thread. */
static void render_thread_pager(struct req *r, const struct thread_view *v)
{
    int64_t i;
    const char *base = web_thread_path(r, &v->t);
    if (v->npages <= 1)
        return;
    buf_puts(&r->out, "<nav class=\"pager thread-pager\" aria-label=\"Pages of this thread\">");
    if (v->page > 1)
        html_printf(&r->out, "<a rel=\"prev\" href=\"%s?page=%lld\">Previous</a>", base,
                    (long long)(v->page - 1));
    for (i = 1; i <= v->npages; i++) {
        if (v->npages > 9 && i > 2 && i < v->npages - 1 && (i < v->page - 2 || i > v->page + 2)) {
            if (i == 3 || i == v->npages - 2)
                buf_puts(&r->out, "<span aria-hidden=\"true\">\xE2\x80\xA6</span>");
            continue;
        }
        if (i == v->page)
            html_printf(&r->out, "<a aria-current=\"page\" href=\"%s?page=%lld\">%lld</a>", base,
                        (long long)i, (long long)i);
        else
            html_printf(&r->out, "<a href=\"%s?page=%lld\">%lld</a>", base, (long long)i,
                        (long long)i);
    }
    if (v->page < v->npages)
        html_printf(&r->out, "<a rel=\"next\" href=\"%s?page=%lld\">Next</a>", base,
                    (long long)(v->page + 1));
    buf_puts(&r->out, "</nav>\n");
}

/* The whole thread page for view v; f pre-fills the reply form. */
static void render_thread(struct req *r, struct ctx *c, const struct thread_view *v,
                          const struct reply_form *f)
{
    const struct thread *t = &v->t;
    int question = t->kind == THREAD_QUESTION;
    size_t i;
    struct thread_extras x;
    struct page_feed feed; /* web/parts_feed.c */
    const char *title = v->page > 1
                            ? arena_printf(r->arena, "%s (page %lld)", t->title, (long long)v->page)
                            : t->title;
    web_feed_thread(r, t, v->cm.visibility, &feed);
    page_begin_feeds(r, title, &feed, !t->deleted_at);
    web_live(r, arena_printf(r->arena, "thread:%lld", (long long)t->id)); /* parts_live.c */
    html_printf(&r->out,
                "<div class=\"thread-page\"><p class=\"breadcrumb\"><a href=\"/c/%s\">%s</a> "
                "\xE2\x80\xBA <a href=\"/c/%s/latest%s\">%s</a></p>"
                "<header class=\"thread-head\"><h1>%s</h1><p class=\"thread-meta\">",
                t->community_slug, t->community_name, t->community_slug,
                question ? "?kind=question" : "?kind=discussion",
                question ? "Questions" : "Discussions", t->title);
    web_thread_badges(r, t);
    html_printf(&r->out, " <span class=\"muted\">%s ", question ? "Asked" : "Started");
    page_time(r, t->created_at);
    buf_puts(&r->out, " \xC2\xB7 active ");
    page_time(r, t->last_activity_at);
    buf_puts(&r->out, "</span></p>");
    if (!question)
        thread_tags(r, t, &v->cm);
    buf_puts(&r->out, "</header>\n");
    web_follow_thread(r, t); /* web/parts_notification.c: the follow-level control */
    web_thread_article_notice(r, t, &v->cm); /* web/article.c: "This became an article" */
    if (t->coached_at)
        web_coaching_panel(r, c, t); /* web/parts_coaching.c: "Coached by ..." */
    if (t->deleted_at && !t->coaching_at)
        buf_puts(&r->out, "<p class=\"notice notice-error\">This thread was deleted. Only "
                          "moderators see it.</p>\n");
    if (t->closed_at) {
        buf_puts(&r->out, "<div class=\"notice notice-closed\"><p><strong>Closed</strong> ");
        page_time(r, t->closed_at);
        if (t->close_reason && *t->close_reason)
            html_printf(&r->out, ": %s", t->close_reason);
        buf_puts(&r->out, "</p></div>\n");
    } else if (t->locked) {
        buf_puts(&r->out, "<p class=\"notice notice-closed\"><strong>Locked.</strong> Only "
                          "moderators can reply.</p>\n");
    }
    if (thread_extras_load(c, t->id, t->community_id, &x) < 0)
        memset(&x, 0, sizeof(x)); /* the page still works without them */
    render_links(r, t, &x, 1);
    render_close_votes(r, c, v);
    if (v->can.moderate)
        render_mod_panel(r, c, v);

    if (t->coaching_at) { /* a question in coaching: the question, then its coaching */
        for (i = 0; i < v->nposts; i++)
            render_post(r, v, &x, &v->posts[i], f);
        web_coaching_panel(r, c, t); /* web/parts_coaching.c */
    } else if (question) {
        size_t first = 0;
        if (v->nposts && v->posts[0].position == 1) {
            render_post(r, v, &x, &v->posts[0], f);
            first = 1;
        }
        html_printf(&r->out, "<h2 class=\"answers-title\">%lld %s</h2>\n",
                    (long long)t->answer_count, t->answer_count == 1 ? "Answer" : "Answers");
        if (v->nposts <= first && t->answer_count == 0)
            buf_puts(&r->out, "<p class=\"empty\">No answers yet.</p>\n");
        buf_puts(&r->out, "<div class=\"answers\">");
        for (i = first; i < v->nposts; i++)
            render_post(r, v, &x, &v->posts[i], f);
        buf_puts(&r->out, "</div>\n");
    } else {
        html_printf(&r->out, "<h2 class=\"visually-hidden\">Posts</h2><div class=\"posts\">");
        for (i = 0; i < v->nposts; i++)
            render_post(r, v, &x, &v->posts[i], f);
        buf_puts(&r->out, "</div>\n");
    }
    render_thread_pager(r, v);
    render_links(r, t, &x, 0);
    if (!t->coaching_at) /* nobody answers before it is published */
        render_reply_form(r, c, v, f);
    if (question)
        web_expertise_suggest(r, t);
    if (question) {
        buf_puts(&r->out,
                 "<aside class=\"similar similar-aside\" aria-labelledby=\"similar-aside\">"
                 "<h2 id=\"similar-aside\">Similar questions</h2>");
        similar_list(r, c, t->community_id, t->title, NULL, t->id, "None found.");
        buf_puts(&r->out, "</aside>\n");
    }
    if (!t->deleted_at)
        web_feed_link(r, &feed);
    buf_puts(&r->out, "</div>\n");
    page_end(r);
}

/* A Markdown quote of p for a reply: "[name wrote](/p/ID):" then "> " lines (arena). */
static const char *quote_of(struct req *r, const struct post *p)
{
    struct buf b;
    const char *s = p->body_md, *e;
    const char *out;
    buf_init(&b, QUOTE_MAX + 512);
    buf_printf(&b, "[%s wrote](/p/%lld):\n", *p->author_name ? p->author_name : "someone",
               (long long)p->id);
    while (s && *s && b.len < QUOTE_MAX) {
        e = strchr(s, '\n');
        if (!e)
            e = s + strlen(s);
        buf_puts(&b, e > s ? "> " : ">");
        buf_append(&b, s, (size_t)(e - s));
        buf_putc(&b, '\n');
        s = *e ? e + 1 : e;
    }
    buf_puts(&b, "\n");
    out = arena_strdup(r->arena, b.data);
    buf_release(&b);
    return out;
}

static int render_thread_page(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct thread_view v;
    struct reply_form f = {0};
    struct draft d;
    int64_t tid, quote;
    int rc = req_param_id(r, 1, NO_SUCH_PAGE, &tid);
    if (rc < 0)
        return rc;
    rc = thread_view_page(c, tid, req_int(r, "page", 1, 1, INT64_MAX), &v);
    if (rc < 0)
        return rc;
    /* For the anonymous page cache: this thread, and its community as thread pages show it
       (settings, tags, its threads' titles for the similar-questions aside). */
    web_cache_depends(r, PS_THREAD, tid);
    web_cache_depends(r, PS_STRUCTURE, v.t.community_id);
    if (!str_eq(v.t.community_slug, r->params[0])) { /* moved, or a hand-made URL */
        const char *q = r->query_string && *r->query_string
                            ? arena_printf(r->arena, "?%s", r->query_string)
                            : "";
        resp_header(r, "Cache-Control", "no-store");
        return resp_redirect(r, arena_printf(r->arena, "%s%s", web_thread_path(r, &v.t), q));
    }
    load_draft(r, c, arena_printf(r->arena, "reply:%lld", (long long)tid), &d);
    if (d.key && d.body && *d.body)
        f.body = d.body;
    f.reply_to = req_int(r, "reply_to", 0, 1, INT64_MAX);
    quote = req_int(r, "quote", 0, 1, INT64_MAX);
    if (quote && v.can.reply) {
        struct post qp;
        struct thread qt;
        struct community qcm;
        struct errinfo saved = r->err;
        if (post_get(c, quote, &qp, &qt, &qcm) == 0 && qt.id == tid && qp.body_md) {
            const char *qs = quote_of(r, &qp);
            f.body = f.body && *f.body ? arena_printf(r->arena, "%s\n\n%s", f.body, qs) : qs;
            f.reply_to = quote;
        }
        r->err = saved;
    }
    render_thread(r, c, &v, &f);
    /* Reading (domain/trust.h): one thread page opened, the posts it showed (capped). Batched
       per worker (app/reading.c); anonymous visitors are not recorded. */
    app_reading_note(
        r, 1, (int64_t)v.nposts < TRUST_READ_POSTS_PAGE ? (int64_t)v.nposts : TRUST_READ_POSTS_PAGE,
        0);
    return 0;
}

int page_thread(struct req *r)
{
    return web_cache_page(r, render_thread_page);
}

int page_thread_reply(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct post p;
    struct reply_form f = {0};
    int64_t tid;
    int rc = req_param_id(r, 1, NO_SUCH_PAGE, &tid);
    if (rc < 0)
        return rc;
    f.body = req_form(r, "body");
    f.reply_to = req_int(r, "reply_to", 0, 1, INT64_MAX);
    if (web_is_preview(r)) {
        struct thread_view v;
        if ((rc = thread_view_page(c, tid, req_int(r, "page", 1, 1, INT64_MAX), &v)) < 0)
            return rc;
        f.preview = 1;
        resp_header(r, "Cache-Control", "no-store");
        render_thread(r, c, &v, &f);
        return 0;
    }
    rc = thread_reply(c, tid, f.body ? f.body : "", f.reply_to, &p);
    if (rc < 0) {
        struct thread_view v;
        struct errinfo saved;
        if (!web_form_error(rc))
            return rc;
        saved = r->err;
        if (thread_view_page(c, tid, req_int(r, "page", 1, 1, INT64_MAX), &v) < 0)
            return rc;
        r->err = saved;
        r->status = web_form_status(rc);
        render_thread(r, c, &v, &f);
        return 0;
    }
    return web_post_redirect(r, c, p.id);
}

int page_post_comment(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct comment x;
    struct reply_form f = {0};
    struct post_location loc;
    struct thread_view v;
    struct errinfo saved;
    int64_t pid;
    int rc = req_param_id(r, 0, NO_SUCH_PAGE, &pid);
    if (rc < 0)
        return rc;
    f.comment.post_id = pid;
    f.comment.body = form_value(r, "body");
    f.comment.preview = web_is_preview(r);
    if (!f.comment.preview) {
        rc = comment_create(c, pid, f.comment.body, &x);
        if (rc == 0) {
            const char *href = web_comment_href(r, c, pid, x.id);
            return href ? resp_redirect(r, href) : ERR_NOTFOUND;
        }
        if (!web_form_error(rc) && rc != ERR_RATE) /* the rate limit: told at the composer */
            return rc;
        if (rc == ERR_RATE)
            resp_header(r, "Retry-After",
                        arena_printf(r->arena, "%lld", (long long)comment_rate_retry(c)));
        if (str_eq(r->err.field, "body"))
            snprintf(r->err.field, sizeof(r->err.field), "comment");
    }
    /* The thread page again, this composer open with the text (the form's action ends in
       #comment-form-ID, so the browser lands on it). */
    saved = r->err;
    if ((rc = post_locate(c, pid, &loc)) < 0 ||
        (rc = thread_view_page(c, loc.thread_id, loc.page, &v)) < 0)
        return rc;
    r->err = saved;
    if (saved.code != ERR_OK)
        r->status = web_form_status(saved.code);
    resp_header(r, "Cache-Control", "no-store");
    render_thread(r, c, &v, &f);
    return 0;
}

int page_thread_unaccept(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct thread t;
    struct community cm;
    struct thread_can can;
    int64_t tid;
    int rc = req_param_id(r, 1, NO_SUCH_PAGE, &tid);
    if (rc < 0)
        return rc;
    rc = thread_accept(c, tid, 0);
    if (rc < 0)
        return rc;
    rc = thread_get(c, tid, &t, &cm, &can);
    if (rc < 0)
        return rc;
    return resp_redirect(r, web_thread_path(r, &t));
}

int page_thread_mod(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct thread t;
    struct community cm;
    struct thread_can can;
    enum thread_mod_action a;
    int64_t tid;
    int rc = req_param_id(r, 1, NO_SUCH_PAGE, &tid);
    if (rc < 0)
        return rc;
    if (thread_mod_parse(req_form(r, "action"), &a) < 0)
        return error_set(&r->err, ERR_INVALID, "action", "Unknown moderation action.");
    rc = thread_moderate(c, tid, a, req_form(r, "reason"), req_form(r, "to"));
    if (rc < 0)
        return rc;
    rc = thread_get(c, tid, &t, &cm, &can);
    if (rc < 0) /* e.g. moved somewhere the actor cannot read */
        return resp_redirect(r, "/");
    return resp_redirect(r, web_thread_path(r, &t));
}

/* POST /c/:slug/t/:id/close-vote {reason, original}: vote to close (or reopen a closed
   thread), then back to the thread. */
int page_thread_close_vote(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct close_vote_input in = {0};
    struct thread t;
    struct community cm;
    int64_t tid;
    const char *orig = req_form(r, "original");
    int rc = req_param_id(r, 1, NO_SUCH_PAGE, &tid);
    if (rc < 0)
        return rc;
    if (orig && *orig && (str_to_i64(orig, &in.original) < 0 || in.original < 1))
        return error_set(&r->err, ERR_INVALID, "original",
                         "The original is a thread's number, such as 42.");
    in.reason = req_form(r, "reason");
    if ((rc = thread_close_vote(c, tid, &in, NULL)) < 0)
        return rc;
    if ((rc = thread_get(c, tid, &t, &cm, NULL)) < 0)
        return rc;
    return resp_redirect(r, web_thread_path(r, &t));
}

/* POST /c/:slug/t/:id/close-vote/retract */
int page_thread_close_unvote(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct thread t;
    struct community cm;
    int64_t tid;
    int rc = req_param_id(r, 1, NO_SUCH_PAGE, &tid);
    if (rc < 0)
        return rc;
    if ((rc = thread_close_unvote(c, tid)) < 0)
        return rc;
    if ((rc = thread_get(c, tid, &t, &cm, NULL)) < 0)
        return rc;
    return resp_redirect(r, web_thread_path(r, &t));
}

/* ------------------------------------------------------------------------------------------ */
/* Audit log */

int page_community_audit(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct community cm;
    struct audit_entry *list;
    size_t n, i;
    int64_t before = req_int(r, "before", 0, 1, INT64_MAX);
    int rc = community_get(c, r->params[0], &cm);
    if (rc < 0)
        return rc;
    rc = thread_audit(c, &cm, before, AUDIT_PAGE + 1, &list, &n);
    if (rc < 0)
        return rc;
    page_begin(r, arena_printf(r->arena, "Audit log of %s", cm.name));
    html_printf(&r->out,
                "<div class=\"audit-page\"><p class=\"breadcrumb\"><a href=\"/c/%s\">"
                "%s</a></p><h1>Audit log</h1><p class=\"lead\">Moderation in %s: "
                "locks, pins, closes, moves, hidden and deleted posts.</p>\n",
                cm.slug, cm.name, cm.name);
    if (!n) {
        buf_puts(&r->out, "<p class=\"empty\">Nothing yet.</p></div>\n");
        page_end(r);
        return 0;
    }
    buf_puts(&r->out, "<div class=\"table-scroll\"><table class=\"audit\"><thead><tr>"
                      "<th scope=\"col\">When</th><th scope=\"col\">Who</th>"
                      "<th scope=\"col\">Action</th><th scope=\"col\">Thread or post</th>"
                      "<th scope=\"col\">Detail</th></tr></thead><tbody>\n");
    for (i = 0; i < n && i < AUDIT_PAGE; i++) {
        const struct audit_entry *x = &list[i];
        buf_puts(&r->out, "<tr><td>");
        page_time(r, x->created_at);
        buf_puts(&r->out, "</td><td>");
        web_author_link(r, x->actor_name, NULL);
        html_printf(&r->out, "</td><td><span class=\"badge\">%s</span></td><td>", x->action);
        if (x->post_id)
            html_printf(&r->out, "<a href=\"/p/%lld\">%s</a>", (long long)x->post_id,
                        *x->thread_title ? x->thread_title : "a post");
        else if (x->thread_id)
            html_printf(&r->out, "<a href=\"/c/%s/t/%lld\">%s</a>", cm.slug,
                        (long long)x->thread_id, *x->thread_title ? x->thread_title : "a thread");
        html_printf(&r->out, "</td><td>%s</td></tr>\n", x->detail ? x->detail : "");
    }
    buf_puts(&r->out, "</tbody></table></div>\n");
    if (n > AUDIT_PAGE)
        html_printf(&r->out,
                    "<nav class=\"pager\" aria-label=\"Pages\"><a rel=\"next\" "
                    "href=\"/c/%s/audit?before=%lld\">Older entries</a></nav>\n",
                    cm.slug, (long long)list[AUDIT_PAGE - 1].id);
    buf_puts(&r->out, "</div>\n");
    page_end(r);
    return 0;
}
