/* Shared page pieces for comments and Markdown preview: the comments under a post with
 * their edit and delete controls and the "Add a comment" composer (a <details> element, so
 * it opens without JavaScript; praxis.js only focuses it), and the Preview button and the
 * rendered preview every composer shows when its form comes back with preview=1. */
#include <string.h>

#include "core/html.h"
#include "core/util.h"
#include "domain/comment.h"
#include "domain/preview.h"
#include "domain/import.h"
#include "web/parts.h"

const char *web_comment_href(struct req *r, struct ctx *c, int64_t pid, int64_t id)
{
    const char *href = web_post_href(r, c, pid), *hash;
    int n;
    if (!href)
        return NULL;
    hash = strrchr(href, '#');
    n = hash ? (int)(hash - href) : (int)strlen(href);
    return arena_printf(r->arena, "%.*s#comment-%lld", n, href, (long long)id);
}

int web_is_preview(struct req *r)
{
    const char *p = req_form(r, "preview");
    return p && *p;
}

void web_preview_button(struct req *r)
{
    buf_puts(&r->out, "<button type=\"submit\" name=\"preview\" value=\"1\" "
                      "class=\"button button-secondary preview-btn\" formnovalidate>"
                      "Preview</button>");
}

void web_preview_block(struct req *r, const char *body, const char *kind, const char *slug)
{
    struct ctx *c = app_ctx(r);
    struct errinfo saved = r->err;
    const char *html = "";
    int rc = preview_render(c, body, kind, slug, &html);
    buf_puts(&r->out, "<section class=\"preview\" aria-label=\"Preview\">"
                      "<p class=\"preview-title\">Preview</p><div class=\"post-body\">");
    if (rc < 0)
        html_printf(&r->out, "<p class=\"field-error\">%s</p>",
                    r->err.msg[0] ? r->err.msg : "This text cannot be shown.");
    else if (!*html)
        buf_puts(&r->out, "<p class=\"muted\">Nothing to preview yet.</p>");
    else
        buf_puts(&r->out, html); /* the server renderer's output: safe by construction */
    buf_puts(&r->out, "</div></section>");
    r->err = saved;
}

/* The "Add a comment" composer of post pid; f reopens it with text, error or preview. */
static void comment_composer(struct req *r, int64_t pid, const char *community,
                             const struct web_comment_form *f)
{
    int mine = f && f->post_id == pid;
    int bad = mine && r->err.code != ERR_OK && str_eq(r->err.field, "comment");
    int other_err = mine && r->err.code != ERR_OK && !bad;
    long long id = (long long)pid;
    html_printf(&r->out,
                "<details class=\"comment-add\" id=\"comment-form-%lld\"%s>"
                "<summary>Add a comment</summary>"
                "<form class=\"form comment-form\" method=\"post\" "
                "action=\"/p/%lld/comments#comment-form-%lld\">",
                id, mine ? " open" : "", id, id);
    form_csrf(r);
    if (bad || other_err) {
        const char *msg = r->err.msg[0] ? r->err.msg : err_default_message(r->err.code);
        buf_puts(&r->out, "<div class=\"notice notice-error\" role=\"alert\">"
                          "<p class=\"notice-title\">There is a problem</p><p>");
        if (bad)
            html_printf(&r->out, "<a href=\"#comment-body-%lld\">%s</a>", id, msg);
        else
            html_printf(&r->out, "%s", msg);
        buf_puts(&r->out, "</p></div>");
    }
    if (mine && f->preview)
        web_preview_block(r, f->body, "comment", NULL);
    html_printf(&r->out,
                "<div class=\"field%s\"><label for=\"comment-body-%lld\">Your comment</label>"
                "<p class=\"hint\" id=\"comment-hint-%lld\">Ask for clarification or suggest an "
                "improvement; %d to %d characters; *italic*, **bold**, `code`, "
                "[links](https://\xE2\x80\xA6) and @name work.</p>",
                bad ? " field-invalid" : "", id, id, COMMENT_MIN, COMMENT_MAX);
    if (bad)
        html_printf(&r->out, "<p class=\"field-error\" id=\"comment-error-%lld\">%s</p>", id,
                    r->err.msg);
    html_printf(&r->out,
                "<textarea id=\"comment-body-%lld\" name=\"body\" rows=\"3\" maxlength=\"%d\" "
                "required aria-describedby=\"%scomment-hint-%lld\"",
                id, COMMENT_MAX * 2, bad ? arena_printf(r->arena, "comment-error-%lld ", id) : "",
                id);
    buf_puts(&r->out, bad ? " aria-invalid=\"true\">" : ">");
    if (mine && f->body)
        html_text(&r->out, f->body);
    buf_puts(&r->out, "</textarea></div>");
    web_upload_tools_links(r, arena_printf(r->arena, "comment-body-%lld", id), community);
    buf_puts(&r->out, "<div class=\"form-actions\">"
                      "<button type=\"submit\" class=\"button button-small\">Add comment</button> "
                      "<button type=\"submit\" name=\"preview\" value=\"1\" "
                      "class=\"button button-small button-secondary preview-btn\" formnovalidate>"
                      "Preview</button>");
    buf_puts(&r->out, "</div></form></details>");
}

void web_comments(struct req *r, const struct comment_row *all, size_t n, int64_t pid,
                  const struct web_comment_opts *o, const struct web_comment_form *f)
{
    size_t i;
    int open = 0;
    for (i = 0; i < n; i++) {
        const struct comment_row *cm = &all[i];
        int mine, change;
        if (cm->post_id != pid)
            continue;
        if (!open) {
            buf_puts(&r->out, "<ul class=\"comments\" aria-label=\"Comments\">");
            open = 1;
        }
        mine = r->user_id && cm->author_id == r->user_id;
        change = o && o->can_change && (o->staff || mine);
        html_printf(&r->out,
                    "<li class=\"comment\" id=\"comment-%lld\">"
                    "<div class=\"comment-body\">",
                    (long long)cm->id);
        buf_puts(&r->out, cm->body_html); /* rendered by the Markdown renderer on write: safe */
        buf_puts(&r->out, "</div> <span class=\"comment-meta\">\xE2\x80\x93 ");
        if (cm->author_login)
            html_printf(&r->out, "<a href=\"/u/%s\" title=\"@%s\">%s</a>", cm->author_login,
                        cm->author_login, cm->author_name);
        else
            html_printf(&r->out, "%s", *cm->author_name ? cm->author_name : "a deleted account");
        buf_puts(&r->out, " ");
        page_time(r, cm->created_at);
        if (cm->edited_at)
            buf_puts(&r->out, " <span class=\"muted\">(edited)</span>");
        if (cm->source_url) {
            buf_puts(&r->out, " <a class=\"comment-source\" href=\"");
            html_url(&r->out, cm->source_url); /* stored URL: scheme checked, escaped */
            buf_puts(&r->out, "\" rel=\"nofollow\" title=\"The comment on the original site\">"
                              "source</a>");
        }
        if (change) {
            html_printf(&r->out,
                        " <a class=\"comment-edit\" href=\"/comments/%lld/edit\">edit"
                        "<span class=\"visually-hidden\"> this comment</span></a>"
                        " <form class=\"inline\" method=\"post\" action=\"/comments/%lld/delete\">",
                        (long long)cm->id, (long long)cm->id);
            form_csrf(r);
            buf_puts(&r->out, "<button type=\"submit\" class=\"link-button comment-delete\" "
                              "data-confirm=\"Delete this comment?\">delete<span "
                              "class=\"visually-hidden\"> this comment</span></button></form>");
        }
        buf_puts(&r->out, "</span></li>");
    }
    if (open)
        buf_puts(&r->out, "</ul>");
    if (o && o->can_comment)
        comment_composer(r, pid, o->community, f);
}
