/* Flags and the review queue as pages: the no-JavaScript flag form of a post or a comment,
 * "Your flags" (each flag's status and outcome), and a community's review queue for its
 * moderators and coordinators: held posts and flagged items with every flag, the author's
 * history and the action forms (approve, reject, agree with hide/delete/edit, disagree,
 * defer, suspend, silence, lift), and the coordinators' "review first posts" switch. The
 * rules are domain/flag.c's and domain/moderation.c's. */
#include <string.h>

#include "core/html.h"
#include "core/util.h"
#include "domain/community.h"
#include "domain/flag.h"
#include "domain/moderation.h"
#include "domain/thread.h"
#include "web/parts.h"
#include "web/review.h"
#include "web/web.h"

#define NO_SUCH_ITEM "There is no such post or comment."

/* ------------------------------------------------------------------------------------------ */
/* The flag form */

static void render_flag_form(struct req *r, const char *action, const char *what, const char *back,
                             const char *title, const char *html)
{
    int i;
    const char *sel = form_value(r, "reason");
    page_begin(r, arena_printf(r->arena, "Flag this %s", what));
    html_printf(&r->out,
                "<div class=\"compose-page flag-page\"><p class=\"breadcrumb\"><a href=\"%s\">"
                "%s</a></p><h1>Flag this %s</h1>\n",
                back, title, what);
    form_error_summary(r);
    if (html) {
        buf_puts(&r->out, "<blockquote class=\"prose flag-quote\">");
        buf_puts(&r->out, html); /* rendered by the domain's Markdown renderer: safe */
        buf_puts(&r->out, "</blockquote>");
    }
    html_printf(&r->out, "<form method=\"post\" action=\"%s\" class=\"flag-form\">", action);
    form_csrf(r);
    buf_puts(&r->out, "<fieldset><legend>What is wrong with it?</legend>");
    form_field_error(r, "reason");
    for (i = 0; i < FLAG__MAX; i++) {
        const char *name = flag_reason_name((enum flag_reason)i);
        html_printf(&r->out,
                    "<div class=\"radio\"><input type=\"radio\" name=\"reason\" id=\"reason-%s\" "
                    "value=\"%s\"%s required><label for=\"reason-%s\">%s</label></div>",
                    name, name, str_eq(sel, name) ? " checked" : "", name,
                    flag_reason_label((enum flag_reason)i));
    }
    buf_puts(&r->out, "</fieldset>");
    form_field(r, "number", "original", "Original thread (for a duplicate)",
               form_value(r, "original"), "The number in the original thread's address, /t/NUMBER.",
               "min=\"1\"");
    form_field(r, "textarea", "note", "Note for the moderators", form_value(r, "note"),
               "Required for \"Something else\". Only moderators see it.", "maxlength=\"500\"");
    buf_puts(&r->out, "<button type=\"submit\" class=\"button\">Send the flag</button></form>"
                      "<p class=\"muted\">Moderators review flags; you see the outcome under "
                      "<a href=\"/settings/flags\">Your flags</a>.</p></div>\n");
    page_end(r);
}

static void flag_input_read(struct req *r, struct flag_input *in)
{
    int64_t v = 0;
    const char *o = req_form(r, "original");
    memset(in, 0, sizeof(*in));
    in->reason = req_form(r, "reason");
    in->note = req_form(r, "note");
    if (o && *o && str_to_i64(o, &v) == 0 && v > 0)
        in->original = v;
}

static int flag_page(struct req *r, int comment, int post)
{
    struct ctx *c = app_ctx(r);
    struct post p;
    struct thread t;
    struct community cm;
    struct flag_input in;
    const char *action;
    int64_t id, pid;
    int rc = req_param_id(r, 0, NO_SUCH_ITEM, &id);
    if (rc < 0)
        return rc;
    pid = id;
    if (post) {
        flag_input_read(r, &in);
        rc = comment ? flag_comment(c, id, &in, NULL) : flag_post(c, id, &in, NULL, NULL);
        if (rc == 0)
            return resp_redirect(r, "/settings/flags?flagged=1");
        if (!web_form_error(rc))
            return rc;
        r->status = web_form_status(rc);
    }
    action =
        arena_printf(r->arena, comment ? "/comments/%lld/flag" : "/p/%lld/flag", (long long)id);
    if (comment) {
        struct errinfo keep = r->err;
        render_flag_form(r, action, "comment", "/settings/flags", "Your flags", NULL);
        r->err = keep;
        return 0;
    }
    {
        struct errinfo keep = r->err;
        error_clear(&r->err);
        if ((rc = post_get(c, pid, &p, &t, &cm)) < 0)
            return rc;
        r->err = keep;
    }
    render_flag_form(r, action, "post", arena_printf(r->arena, "/p/%lld", (long long)pid), t.title,
                     p.body_html);
    return 0;
}

int page_post_flag(struct req *r)
{
    return flag_page(r, 0, 0);
}

int page_post_flag_post(struct req *r)
{
    return flag_page(r, 0, 1);
}

int page_comment_flag(struct req *r)
{
    int64_t id;
    int rc = req_param_id(r, 0, NO_SUCH_ITEM, &id);
    if (rc < 0)
        return rc;
    render_flag_form(r, arena_printf(r->arena, "/comments/%lld/flag", (long long)id), "comment",
                     "/settings/flags", "Your flags", NULL);
    return 0;
}

int page_comment_flag_post(struct req *r)
{
    return flag_page(r, 1, 1);
}

/* ------------------------------------------------------------------------------------------ */
/* Your flags */

static const char *status_label(const char *status)
{
    return str_eq(status, "agreed")      ? "Agreed"
           : str_eq(status, "disagreed") ? "Declined"
           : str_eq(status, "deferred")  ? "Deferred"
                                         : "Waiting for review";
}

static const char *reason_label(const char *name)
{
    enum flag_reason fr;
    return flag_reason_parse(name, &fr) == 0 ? flag_reason_label(fr) : name;
}

int page_my_flags(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct flag *list;
    size_t n, i;
    int rc = flag_mine(c, &list, &n);
    if (rc < 0)
        return rc;
    page_begin(r, "Your flags");
    buf_puts(&r->out, "<div class=\"list-page flags-page\"><h1>Your flags</h1>");
    web_settings_nav(r, "/settings/flags");
    if (req_param(r, "flagged"))
        form_notice_ok(r, "Thank you: your flag was sent to the moderators.");
    if (!n) {
        buf_puts(&r->out, "<p class=\"empty\">You have not flagged anything.</p>");
    } else {
        buf_puts(&r->out, "<table class=\"table flags-table\"><caption class=\"visually-hidden\">"
                          "Flags you raised and what came of them</caption><thead><tr>"
                          "<th scope=\"col\">Flagged</th><th scope=\"col\">Reason</th>"
                          "<th scope=\"col\">Status</th><th scope=\"col\">Outcome</th>"
                          "<th scope=\"col\">When</th></tr></thead><tbody>");
        for (i = 0; i < n; i++) {
            const struct flag *f = &list[i];
            html_printf(&r->out,
                        "<tr><td>A %s in <a href=\"/p/%lld\">%s</a></td><td>%s</td>"
                        "<td class=\"flag-status-%s\">%s</td><td>%s</td><td>",
                        f->item_kind, (long long)f->post_id, f->thread_title,
                        reason_label(f->reason), f->status, status_label(f->status),
                        *f->outcome ? f->outcome : "\xE2\x80\x94");
            page_time(r, f->created_at);
            buf_puts(&r->out, "</td></tr>");
        }
        buf_puts(&r->out, "</tbody></table>");
    }
    buf_puts(&r->out, "</div>\n");
    page_end(r);
    return 0;
}

/* ------------------------------------------------------------------------------------------ */
/* The review queue */

static void action_button(struct req *r, const char *url, const char *action, const char *label,
                          const char *cls)
{
    html_printf(&r->out,
                "<form method=\"post\" action=\"%s\" class=\"inline-form\">"
                "<input type=\"hidden\" name=\"action\" value=\"%s\">",
                url, action);
    form_csrf(r);
    html_printf(&r->out,
                "<button type=\"submit\" class=\"button button-small %s\">%s</button>"
                "</form>",
                cls, label);
}

static void render_author(struct req *r, const struct review_author *a)
{
    size_t i;
    buf_puts(&r->out, "<section class=\"review-author\"><h3 class=\"review-sub\">Author</h3>");
    if (!a->id) {
        buf_puts(&r->out, "<p>A deleted account.</p></section>");
        return;
    }
    buf_puts(&r->out, "<p>");
    web_author_link(r, a->name, a->display);
    buf_puts(&r->out, ", joined ");
    page_time(r, a->created_at);
    html_printf(&r->out, "%s. Posts here: %lld. Flags agreed against them here: %lld.</p>",
                a->newcomer ? " (new account)" : "", (long long)a->posts_here,
                (long long)a->flags_agreed);
    if (a->suspended_until)
        html_printf(&r->out, "<p class=\"badge badge-warn\">Suspended until %s</p>",
                    moderation_time_text(r->arena, a->suspended_until));
    if (a->silenced_until)
        html_printf(&r->out, "<p class=\"badge badge-warn\">Silenced until %s</p>",
                    moderation_time_text(r->arena, a->silenced_until));
    if (a->nrecent) {
        buf_puts(&r->out, "<details><summary>Recent posts here</summary><ul>");
        for (i = 0; i < a->nrecent; i++) {
            const struct flag_history *h = &a->recent[i];
            html_printf(&r->out, "<li><a href=\"/p/%lld\">%s</a> ", (long long)h->post_id,
                        h->thread_title);
            page_time(r, h->created_at);
            html_printf(&r->out, "%s</li>",
                        h->deleted  ? " (deleted)"
                        : h->hidden ? " (hidden)"
                                    : "");
        }
        buf_puts(&r->out, "</ul></details>");
    }
    buf_puts(&r->out, "</section>");
}

static void render_item(struct req *r, const struct review_item *x, size_t idx)
{
    const char *url =
        arena_printf(r->arena, "/review/%ss/%lld", x->item_kind, (long long)x->item_id);
    int held = str_eq(x->queue, "held");
    size_t i;
    html_printf(&r->out,
                "<article class=\"review-item review-%s\" aria-labelledby=\"ri%zu-h\">"
                "<h2 id=\"ri%zu-h\" class=\"review-title\">%s: <a href=\"/p/%lld\">%s</a></h2>",
                x->queue, idx, idx,
                held                              ? "Held post"
                : str_eq(x->item_kind, "comment") ? "Flagged comment"
                                                  : "Flagged post",
                (long long)x->post.id, x->thread.title);
    if (x->post.hidden_at && x->post.hide_reason && *x->post.hide_reason)
        html_printf(&r->out, "<p class=\"review-reason\">%s</p>", x->post.hide_reason);
    {
        const char *html = x->comment_html ? x->comment_html : x->post.body_html;
        if (html) {
            buf_puts(&r->out, "<div class=\"prose review-body\">");
            buf_puts(&r->out, html); /* rendered by the domain's Markdown renderer: safe */
            buf_puts(&r->out, "</div>");
        }
    }
    if (x->nflags) {
        html_printf(&r->out,
                    "<h3 class=\"review-sub\">Flags (spam weight of open flags: %lld.%02lld)</h3>"
                    "<ul class=\"review-flags\">",
                    (long long)(x->weight / 100), (long long)(x->weight % 100));
        for (i = 0; i < x->nflags; i++) {
            const struct flag *f = &x->flags[i];
            html_printf(&r->out, "<li><strong>%s</strong> by %s (%lld agreed, %lld declined)",
                        reason_label(f->reason), *f->flagger_name ? f->flagger_name : "someone",
                        (long long)f->flagger_agreed, (long long)f->flagger_disagreed);
            if (f->original_thread_id)
                html_printf(&r->out, ", original: <a href=\"/p/%lld\">thread %lld</a>",
                            (long long)f->original_thread_id, (long long)f->original_thread_id);
            if (*f->note)
                html_printf(&r->out, ": \xE2\x80\x9C%s\xE2\x80\x9D", f->note);
            if (!str_eq(f->status, "pending"))
                html_printf(&r->out, " \xE2\x80\x94 %s", status_label(f->status));
            buf_puts(&r->out, "</li>");
        }
        buf_puts(&r->out, "</ul>");
    }
    render_author(r, &x->author);
    buf_puts(&r->out, "<div class=\"review-actions\">");
    if (held) {
        action_button(r, url, "approve", "Approve and publish", "");
        action_button(r, url, "reject", "Reject (delete)", "button-danger");
    } else {
        html_printf(&r->out,
                    "<form method=\"post\" action=\"%s\" class=\"review-agree\">"
                    "<input type=\"hidden\" name=\"action\" value=\"agree\">",
                    url);
        form_csrf(r);
        if (str_eq(x->item_kind, "post"))
            html_printf(&r->out,
                        "<label for=\"outcome-%zu\">Agree and</label> <select id=\"outcome-%zu\" "
                        "name=\"outcome\"><option value=\"hide\">hide it</option>"
                        "<option value=\"delete\">delete it</option><option value=\"edit\">"
                        "edit it</option></select> ",
                        idx, idx);
        else
            buf_puts(&r->out, "<input type=\"hidden\" name=\"outcome\" value=\"delete\">");
        html_printf(&r->out,
                    "<label for=\"agree-reason-%zu\">Reason told to the author</label> "
                    "<input type=\"text\" id=\"agree-reason-%zu\" name=\"reason\" "
                    "maxlength=\"500\">",
                    idx, idx);
        if (str_eq(x->item_kind, "post") && x->post.body_md)
            html_printf(&r->out,
                        "<details><summary>Edited text (for \xE2\x80\x9C"
                        "edit it\xE2\x80\x9D)"
                        "</summary><label for=\"agree-body-%zu\" class=\"visually-hidden\">"
                        "Edited text</label><textarea id=\"agree-body-%zu\" name=\"body\" "
                        "rows=\"6\">%s</textarea></details>",
                        idx, idx, x->post.body_md);
        buf_puts(&r->out, "<button type=\"submit\" class=\"button button-small\">Agree</button>"
                          "</form>");
        action_button(r, url, "disagree", "Disagree", "button-secondary");
        action_button(r, url, "defer", "Defer", "button-secondary");
    }
    if (x->author.id) {
        html_printf(&r->out,
                    "<details class=\"review-restrict\"><summary>Suspend or silence the author"
                    "</summary><form method=\"post\" action=\"%s\">",
                    url);
        form_csrf(r);
        html_printf(&r->out,
                    "<label for=\"ra-%zu\">Action</label> <select id=\"ra-%zu\" name=\"action\">"
                    "<option value=\"silence\">Silence (can read, not post)</option>"
                    "<option value=\"suspend\">Suspend (cannot sign in)</option></select> "
                    "<label for=\"rd-%zu\">Days</label> <input type=\"number\" id=\"rd-%zu\" "
                    "name=\"days\" min=\"1\" max=\"3650\" value=\"7\" required> "
                    "<label for=\"rr-%zu\">Reason told to the author</label> <input "
                    "type=\"text\" id=\"rr-%zu\" name=\"reason\" maxlength=\"500\" required> "
                    "<button type=\"submit\" class=\"button button-small button-danger\">Apply"
                    "</button></form>",
                    idx, idx, idx, idx, idx, idx);
        if (x->author.suspended_until || x->author.silenced_until)
            action_button(r, url, "lift", "Lift the restriction", "button-secondary");
        buf_puts(&r->out, "</details>");
    }
    buf_puts(&r->out, "</div></article>\n");
}

static int render_review(struct req *r, struct ctx *c, const struct community *cm)
{
    struct review_queue q;
    struct errinfo keep = r->err;
    const char *done = req_param(r, "done");
    size_t i;
    int rc;
    error_clear(&r->err);
    if ((rc = review_queue(c, cm, &q)) < 0)
        return rc;
    r->err = keep;
    page_begin(r, arena_printf(r->arena, "Review queue \xE2\x80\x94 %s", cm->name));
    html_printf(&r->out,
                "<div class=\"list-page review-page\"><p class=\"breadcrumb\"><a href=\"/c/%s\">"
                "%s</a></p><h1>Review queue</h1>",
                cm->slug, cm->name);
    form_error_summary(r);
    if (done && r->err.code == ERR_OK)
        form_notice_ok(r, arena_printf(r->arena, "Done: %s.", done));
    html_printf(&r->out,
                "<p class=\"muted\">Held posts are not public until approved; flagged items stay "
                "as they are until you act (spam flags weighing %s hide a post at once). "
                "Every action is in the <a href=\"/c/%s/audit\">audit log</a>.</p>",
                "enough", cm->slug);
    if (q.can_edit) {
        html_printf(&r->out,
                    "<form method=\"post\" action=\"/c/%s/review\" class=\"inline-form "
                    "review-settings\">",
                    cm->slug);
        form_csrf(r);
        html_printf(&r->out,
                    "<label><input type=\"checkbox\" name=\"first_posts\" value=\"1\"%s> First "
                    "posts of new "
                    "accounts wait here for review</label> <button type=\"submit\" "
                    "class=\"button button-small button-secondary\">Save</button></form>",
                    q.first_posts ? " checked" : "");
    } else if (q.first_posts) {
        buf_puts(&r->out, "<p>First posts of new accounts wait here for review.</p>");
    }
    if (!q.n)
        buf_puts(&r->out, "<p class=\"empty\">Nothing to review.</p>");
    for (i = 0; i < q.n; i++)
        render_item(r, &q.items[i], i + 1);
    buf_puts(&r->out, "</div>\n");
    page_end(r);
    return 0;
}

int page_review(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct community cm;
    int rc = community_get(c, r->params[0], &cm);
    if (rc < 0)
        return rc;
    return render_review(r, c, &cm);
}

int page_review_settings(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct community cm;
    const char *v = req_form(r, "first_posts");
    int rc = community_get(c, r->params[0], &cm);
    if (rc < 0)
        return rc;
    if ((rc = moderation_set_first_posts(c, &cm, v && str_eq(v, "1"))) < 0)
        return rc;
    return resp_redirect(r, arena_printf(r->arena, "/c/%s/review?done=saved", cm.slug));
}

static int review_post(struct req *r, const char *kind)
{
    struct ctx *c = app_ctx(r);
    struct review_input in;
    struct community cm;
    const char *slug = NULL, *days = req_form(r, "days");
    int64_t id;
    int rc = req_param_id(r, 0, NO_SUCH_ITEM, &id);
    if (rc < 0)
        return rc;
    memset(&in, 0, sizeof(in));
    if (review_action_parse(req_form(r, "action"), &in.action) < 0)
        return error_set(&r->err, ERR_INVALID, "action", "Choose an action.");
    if (days && *days && (str_to_i64(days, &in.days) < 0 || in.days < 1))
        in.days = 0;
    in.outcome = req_form(r, "outcome");
    in.reason = req_form(r, "reason");
    in.body_md = req_form(r, "body");
    rc = review_act(c, kind, id, &in, &slug);
    if (rc == 0)
        return resp_redirect(
            r, arena_printf(r->arena, "/c/%s/review?done=%s", slug, review_action_name(in.action)));
    if (!slug || !web_form_error(rc))
        return rc;
    r->status = web_form_status(rc);
    {
        struct errinfo keep = r->err;
        error_clear(&r->err);
        if ((rc = community_get(c, slug, &cm)) < 0)
            return rc;
        r->err = keep;
    }
    return render_review(r, c, &cm);
}

int page_review_post(struct req *r)
{
    return review_post(r, "post");
}

int page_review_comment(struct req *r)
{
    return review_post(r, "comment");
}
