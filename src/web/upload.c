/* Uploads on the web: the file itself (GET /uploads/ID/NAME, with its display version under
 * ?size=display), served with the type decided at upload, nosniff, a policy that lets the
 * file run nothing (default-src 'none'; sandbox) and long cache lifetimes (the bytes under
 * an id never change); and the upload form for composers without JavaScript (GET
 * /uploads/new, POST /uploads), which answers with the Markdown to paste. With JavaScript
 * the composers upload through POST /api/v1/uploads instead (assets/upload.js). */
#include <string.h>

#include "core/html.h"
#include "domain/upload.h"
#include "web/parts.h"
#include "web/upload.h"
#include "core/util.h"

int page_upload_file(struct req *r)
{
    struct ctx *c = app_ctx(r);
    const struct app *app = r->app;
    struct upload_row u;
    const char *size = req_query(r, "size");
    int display = size && str_eq(size, "display");
    int rc = upload_get(c, r->nparams ? r->params[0] : NULL, &u);
    if (rc < 0)
        return rc;
    rc = upload_read(c, app->upload_dir, &u, display, &r->out);
    if (rc < 0)
        return rc;
    if (r->out.err)
        return error_set(&r->err, ERR_INTERNAL, NULL, "The file could not be read.");
    r->content_type_out = u.type;
    resp_header(r, "Content-Security-Policy", "default-src 'none'; sandbox");
    /* a community's files may change hands (visibility); public ones may be cached by all */
    resp_header(r, "Cache-Control",
                u.community_id ? "private, max-age=31536000, immutable"
                               : "public, max-age=31536000, immutable");
    resp_header(r, "Content-Disposition",
                arena_printf(r->arena, "%s; filename=\"%s\"",
                             upload_is_image(&u) ? "inline" : "attachment", u.name));
    resp_header(r, "Cross-Origin-Resource-Policy", "same-origin");
    return 0;
}

/* The form (and, after an upload, its result: the Markdown to copy and a preview). */
static int upload_form(struct req *r, const struct upload_row *done)
{
    struct ctx *c = app_ctx(r);
    struct buf *b = &r->out;
    const char *community = req_param(r, "community");
    page_begin(r, "Upload an image or file");
    buf_puts(b, "<h1>Upload an image or file</h1>\n");
    if (done) {
        const char *md = upload_markdown(c, done);
        form_notice_ok(r, "Uploaded. Copy the Markdown below into your text.");
        buf_puts(b, "<div class=\"field\"><label for=\"upload-markdown\">Markdown to paste"
                    "</label>\n");
        html_printf(b,
                    "<textarea id=\"upload-markdown\" readonly rows=\"2\">%s</textarea>\n"
                    "<button type=\"button\" class=\"button button-small button-secondary\" "
                    "data-copy=\"upload-markdown\" hidden>Copy</button></div>\n",
                    md);
        if (upload_is_image(done))
            html_printf(b,
                        "<p><img class=\"upload-preview\" src=\"%s%s\" alt=\"%s\" width=\"%lld\" "
                        "height=\"%lld\"></p>\n",
                        upload_url(c, done), done->display_width ? "?size=display" : "", done->name,
                        (long long)(done->display_width ? done->display_width : done->width),
                        (long long)(done->display_width ? done->display_height : done->height));
        else
            html_printf(b, "<p><a href=\"%s\">%s</a></p>\n", upload_url(c, done), done->name);
        buf_puts(b, "<h2>Upload another</h2>\n");
    }
    form_error_summary(r);
    buf_puts(b, "<form class=\"form\" method=\"post\" action=\"/uploads\" "
                "enctype=\"multipart/form-data\" novalidate>\n");
    form_csrf(r);
    if (community && *community)
        html_printf(b, "<input type=\"hidden\" name=\"community\" value=\"%s\">\n", community);
    form_field(r, "file", "file", "Image or file", NULL,
               "Images (JPEG, PNG, GIF, WebP), PDF documents or plain text.", "required");
    buf_puts(b, "<div class=\"form-actions\"><button type=\"submit\" class=\"button\">Upload"
                "</button></div>\n</form>\n");
    page_end(r);
    return 0;
}

int page_upload_new(struct req *r)
{
    return upload_form(r, NULL);
}

int page_upload_post(struct req *r)
{
    struct ctx *c = app_ctx(r);
    const struct app *app = r->app;
    struct upload_input in = {0};
    struct upload_row u;
    size_t i;
    int rc;
    in.dir = app->upload_dir;
    in.community = req_form(r, "community");
    for (i = 0; i < r->nparts; i++)
        if (str_eq(r->parts[i].name, "file") && r->parts[i].filename) {
            in.filename = r->parts[i].filename;
            in.data = r->parts[i].data;
            in.len = r->parts[i].len;
            break;
        }
    rc = upload_create(c, &in, &u);
    if (rc == 0)
        return upload_form(r, &u);
    if (rc == ERR_NOTFOUND || rc == ERR_INTERNAL || rc == ERR_DB)
        return rc;
    r->status = rc == ERR_INVALID ? 422 : err_http_status((enum err)rc);
    return upload_form(r, NULL);
}
