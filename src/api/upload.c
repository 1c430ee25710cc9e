/* The uploads resource: POST /api/v1/uploads, multipart/form-data with a "file" part (and
 * optionally "community", the slug of the composer's community). Answers 201 with the
 * upload's id, url, type, name, size, markdown, and width/height for images. The composers'
 * button, paste and drag-and-drop use it (assets/upload.js). See docs/api.md, Uploads. */
#include <string.h>

#include "api/api.h"
#include "domain/upload.h"
#include "core/util.h"

int api_uploads_create(struct req *r)
{
    struct ctx *c = app_ctx(r);
    const struct app *app = r->app;
    struct upload_input in = {0};
    struct upload_row u;
    json_t *o;
    size_t i;
    int rc;
    if (!r->nparts)
        return error_set(&r->err, ERR_INVALID, "file",
                         "Send the file as multipart/form-data in a part called file.");
    in.dir = app->upload_dir;
    in.community = req_form(r, "community");
    for (i = 0; i < r->nparts; i++)
        if (str_eq(r->parts[i].name, "file")) {
            in.filename = r->parts[i].filename;
            in.data = r->parts[i].data;
            in.len = r->parts[i].len;
            break;
        }
    if (!in.data)
        return error_set(&r->err, ERR_INVALID, "file", "There is no part called file.");
    rc = upload_create(c, &in, &u);
    if (rc < 0)
        return rc;
    o = json_pack("{s:s, s:s, s:s, s:s, s:I, s:s, s:s}", "id", u.id, "url", upload_url(c, &u),
                  "type", u.type, "name", u.name, "size", (json_int_t)u.size, "sha256", u.sha256,
                  "markdown", upload_markdown(c, &u));
    if (upload_is_image(&u)) {
        json_object_set_new(o, "width", json_integer(u.width));
        json_object_set_new(o, "height", json_integer(u.height));
        if (u.display_width)
            json_object_set_new(
                o, "display_url",
                json_string(arena_printf(r->arena, "%s?size=display", upload_url(c, &u))));
    }
    json_object_set_new(o, "community",
                        u.community_id && in.community ? json_string(in.community) : json_null());
    resp_header(r, "Location", upload_url(c, &u));
    return api_send(r, 201, o);
}
