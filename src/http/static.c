/* Serving embedded static assets: GET/HEAD /static/NAME serves a file compiled in from
 * assets/ (looked up in http/asset.c) and /favicon.ico serves favicon.svg, with the asset's
 * strong ETag for If-None-Match revalidation. The ETag is also the cache-busting version in
 * URLs made by static_url(), which is why responses may be cached for a year as immutable. */
#include <string.h>

#include "http/asset.h"
#include "http/http_int.h"
#include "core/util.h"

int static_serve(struct hreq *h, int *err)
{
    struct req *r = &h->r;
    const char *name;
    const char *inm;
    const struct asset *a;

    *err = 0;
    if (strcmp(r->path, "/favicon.ico") == 0)
        name = "favicon.svg";
    else if (strncmp(r->path, "/static/", 8) == 0)
        name = r->path + 8;
    else
        return 0;
    if (r->method != HTTP_GET && r->method != HTTP_HEAD) {
        resp_header(r, "Allow", "GET, HEAD");
        *err = ERR_METHOD;
        return 1;
    }
    a = asset_find(name);
    if (!a) {
        *err = ERR_NOTFOUND;
        return 1;
    }
    resp_header(r, "ETag", a->etag);
    resp_header(r, "Cache-Control", "public, max-age=31536000, immutable");
    inm = req_header(r, "If-None-Match");
    r->content_type_out = a->type;
    h->asset = a;
    r->status = inm && http_etag_matches(inm, a->etag) ? 304 : 200;
    return 1;
}
