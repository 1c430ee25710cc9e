/* The coaching panel of a question (domain/coaching.h): what its author, its coaches and
 * everyone else see of coaching on the question's page. Drawn by web/thread.c; the forms
 * post to web/coaching.c. */
#include <string.h>

#include "core/html.h"
#include "core/util.h"
#include "domain/coaching.h"
#include "web/parts.h"
#include "web/web.h"

static void note_author(struct req *r, const struct coaching_note *x)
{
    web_author_link(r, x->author_name, x->author_display);
}

static void render_note(struct req *r, const struct thread *t, const struct coaching_view *v,
                        const struct coaching_note *x)
{
    int sug = str_eq(x->kind, "suggestion");
    html_printf(&r->out,
                "<li class=\"coaching-note coaching-%s\" id=\"cn%lld\"><p class=\"muted\">",
                x->kind, (long long)x->id);
    note_author(r, x);
    buf_puts(&r->out, str_eq(x->kind, "ready") ? " marked it ready and published it "
                      : sug                    ? " suggested an edit "
                                               : " ");
    page_time(r, x->created_at);
    if (sug)
        html_printf(&r->out, " \xC2\xB7 <span class=\"badge%s\">%s</span>",
                    str_eq(x->status, "pending") ? " badge-warn" : "",
                    str_eq(x->status, "accepted")   ? "Accepted"
                    : str_eq(x->status, "rejected") ? "Declined"
                                                    : "Waiting for the author");
    buf_puts(&r->out, "</p>");
    if (sug && *x->title)
        html_printf(&r->out, "<p><strong>Title:</strong> %s</p>", x->title);
    if (*x->body_html) {
        buf_puts(&r->out, "<div class=\"prose coaching-body\">");
        buf_puts(&r->out, x->body_html); /* rendered by the domain's Markdown renderer: safe */
        buf_puts(&r->out, "</div>");
    }
    if (sug && str_eq(x->status, "pending") && v->can_publish) {
        html_printf(&r->out,
                    "<form method=\"post\" action=\"/coaching/suggestions/%lld\" "
                    "class=\"inline-form\">",
                    (long long)x->id);
        form_csrf(r);
        buf_puts(&r->out, "<button type=\"submit\" name=\"action\" value=\"accept\" "
                          "class=\"button button-small\">Accept this edit</button> "
                          "<button type=\"submit\" name=\"action\" value=\"reject\" "
                          "class=\"button button-small button-secondary\">Decline</button>"
                          "</form>");
    }
    (void)t;
    buf_puts(&r->out, "</li>");
}

static void coaches_line(struct req *r, const struct coaching_view *v)
{
    size_t i;
    buf_puts(&r->out, "<p class=\"coached-by\">Coached by ");
    for (i = 0; i < v->ncoaches; i++) {
        if (i)
            buf_puts(&r->out, i + 1 == v->ncoaches ? " and " : ", ");
        web_author_link(r, v->coaches[i].name, v->coaches[i].display);
    }
    buf_puts(&r->out, ".</p>");
}

void web_coaching_panel(struct req *r, struct ctx *c, const struct thread *t)
{
    struct coaching_view v;
    struct errinfo keep = r->err;
    size_t i;
    error_clear(&r->err);
    if (coaching_view(c, t->id, &v) < 0) {
        r->err = keep; /* the page still works without the panel */
        return;
    }
    r->err = keep;
    if (!v.in_coaching) {
        if (v.coached && v.ncoaches)
            coaches_line(r, &v);
        return;
    }
    buf_puts(&r->out, "<section class=\"coaching-panel\" id=\"coaching\" "
                      "aria-labelledby=\"coaching-h\"><h2 id=\"coaching-h\">In coaching</h2>");
    if (v.is_author) {
        buf_puts(&r->out,
                 "<p>Welcome! Your first question here goes to the community's coaches before "
                 "everyone sees it. Only you, the coaches and the moderators can read it now. "
                 "Coaches may comment and suggest edits below; you accept or decline them, or "
                 "edit the question yourself.</p><p>");
        if (v.publish_at) {
            buf_puts(&r->out, "It will be published by itself ");
            page_time(r, v.publish_at);
            buf_puts(&r->out, ", or as soon as you publish it. ");
        } else {
            buf_puts(&r->out, "It stays here until you publish it. ");
        }
        buf_puts(&r->out, "</p>");
    } else {
        buf_puts(&r->out, "<p>A newcomer's question: only its author, the coaches and the "
                          "moderators see it until it is published. Help them ask it well: "
                          "comment, suggest an edit, or mark it ready to publish it.");
        if (v.publish_at) {
            buf_puts(&r->out, " It publishes itself ");
            page_time(r, v.publish_at);
            buf_puts(&r->out, ".");
        }
        html_printf(&r->out, " <a href=\"/c/%s/coaching\">The coaching queue</a>.</p>",
                    t->community_slug);
    }
    if (v.can_publish) {
        html_printf(&r->out,
                    "<form method=\"post\" action=\"/t/%lld/coaching/publish\" "
                    "class=\"inline-form\">",
                    (long long)t->id);
        form_csrf(r);
        buf_puts(&r->out, "<button type=\"submit\" class=\"button\">Publish now</button></form>");
    }
    if (v.can_coach) {
        html_printf(&r->out,
                    "<form method=\"post\" action=\"/t/%lld/coaching/ready\" "
                    "class=\"inline-form\">",
                    (long long)t->id);
        form_csrf(r);
        buf_puts(&r->out, "<button type=\"submit\" class=\"button\">Ready: publish it</button>"
                          "</form>");
    }
    buf_puts(&r->out, "<h3>Coaching notes</h3>");
    if (!v.nnotes)
        buf_puts(&r->out, "<p class=\"empty\">No notes yet.</p>");
    else {
        buf_puts(&r->out, "<ol class=\"coaching-notes\">");
        for (i = 0; i < v.nnotes; i++)
            render_note(r, t, &v, &v.notes[i]);
        buf_puts(&r->out, "</ol>");
    }
    if (v.can_comment) {
        html_printf(&r->out,
                    "<form method=\"post\" action=\"/t/%lld/coaching/comment\" "
                    "class=\"coaching-form\">",
                    (long long)t->id);
        form_csrf(r);
        buf_puts(&r->out, "<label for=\"coaching-comment\">Add a note</label>"
                          "<textarea id=\"coaching-comment\" name=\"body\" rows=\"3\" required>"
                          "</textarea><button type=\"submit\" class=\"button button-small\">"
                          "Add the note</button></form>");
    }
    if (v.can_coach) {
        html_printf(&r->out,
                    "<details class=\"coaching-suggest\"><summary>Suggest an edit</summary>"
                    "<form method=\"post\" action=\"/t/%lld/coaching/suggest\" "
                    "class=\"coaching-form\">",
                    (long long)t->id);
        form_csrf(r);
        html_printf(&r->out,
                    "<label for=\"suggest-title\">Title</label><input type=\"text\" "
                    "id=\"suggest-title\" name=\"title\" value=\"%s\" maxlength=\"300\">"
                    "<label for=\"suggest-body\">Text (Markdown)</label><textarea "
                    "id=\"suggest-body\" name=\"body\" rows=\"8\">%s</textarea>"
                    "<button type=\"submit\" class=\"button button-small\">Suggest this edit"
                    "</button></form></details>",
                    t->title, v.body_md);
    }
    buf_puts(&r->out, "</section>\n");
}
