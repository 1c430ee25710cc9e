/* Comment pages: the permalink /comments/:id (a redirect to the comment under its post, for
 * search results and notifications), the edit form with its preview, and deleting. The
 * comments themselves are drawn on the thread page (web/parts_comment.c). */
#include <string.h>

#include "core/html.h"
#include "core/util.h"
#include "domain/comment.h"
#include "web/comment.h"
#include "web/parts.h"

#define NO_SUCH_COMMENT "There is no such comment."

int page_comment(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct comment x;
    const char *href;
    int64_t id;
    int rc = req_param_id(r, 0, NO_SUCH_COMMENT, &id);
    if (rc < 0 || (rc = comment_get(c, id, &x, NULL)) < 0)
        return rc;
    if (!(href = web_comment_href(r, c, x.post_id, x.id)))
        return r->err.code ? r->err.code : ERR_NOTFOUND;
    return resp_redirect(r, href);
}

/* The edit form of comment x with body (what was typed) and r->err. */
static void render_edit(struct req *r, struct ctx *c, const struct comment *x, const char *body,
                        int preview)
{
    const char *back = web_comment_href(r, c, x->post_id, x->id);
    page_begin(r, "Edit comment");
    buf_puts(&r->out, "<div class=\"narrow\"><h1>Edit comment</h1>");
    form_error_summary(r);
    if (preview)
        web_preview_block(r, body, "comment", NULL);
    html_printf(&r->out, "<form class=\"form\" method=\"post\" action=\"/comments/%lld/edit\">",
                (long long)x->id);
    form_csrf(r);
    form_field(r, "textarea", "body", "Your comment", body,
               arena_printf(r->arena,
                            "%d to %d characters; *italic*, **bold**, `code`, "
                            "[links](https://\xE2\x80\xA6) and @name work.",
                            COMMENT_MIN, COMMENT_MAX),
               "required rows=\"4\"");
    buf_puts(&r->out, "<div class=\"form-actions\"><button type=\"submit\" class=\"button\">"
                      "Save comment</button> ");
    web_preview_button(r);
    if (back)
        html_printf(&r->out, " <a href=\"%s\">Cancel</a>", back);
    buf_puts(&r->out, "</div></form></div>");
    page_end(r);
}

int page_comment_edit(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct comment x;
    struct comment_can can;
    int64_t id;
    int rc = req_param_id(r, 0, NO_SUCH_COMMENT, &id);
    if (rc < 0 || (rc = comment_get(c, id, &x, &can)) < 0)
        return rc;
    if (!can.edit)
        return error_set(&r->err, ERR_PERM, NULL,
                         "Only the author or a moderator can edit this comment.");
    render_edit(r, c, &x, x.body_md, 0);
    return 0;
}

int page_comment_update(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct comment x;
    const char *body = form_value(r, "body");
    const char *href;
    int64_t id;
    int rc = req_param_id(r, 0, NO_SUCH_COMMENT, &id);
    if (rc < 0 || (rc = comment_get(c, id, &x, NULL)) < 0)
        return rc;
    if (web_is_preview(r)) {
        render_edit(r, c, &x, body, 1);
        return 0;
    }
    rc = comment_edit(c, id, body, &x);
    if (rc < 0) {
        if (!web_form_error(rc))
            return rc;
        r->status = web_form_status(rc);
        render_edit(r, c, &x, body, 0);
        return 0;
    }
    if (!(href = web_comment_href(r, c, x.post_id, x.id)))
        return r->err.code ? r->err.code : ERR_NOTFOUND;
    return resp_redirect(r, href);
}

int page_comment_delete(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct comment x;
    int64_t id;
    int rc = req_param_id(r, 0, NO_SUCH_COMMENT, &id);
    if (rc < 0 || (rc = comment_get(c, id, &x, NULL)) < 0)
        return rc;
    if ((rc = comment_delete(c, id)) < 0)
        return rc;
    return web_post_redirect(r, c, x.post_id);
}
