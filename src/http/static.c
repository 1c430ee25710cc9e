/* Embedded static assets: GET/HEAD /static/NAME serves a file compiled in from assets/
 * (praxis_assets, see core/embed.h) and /favicon.ico serves favicon.svg. Each asset gets a
 * strong ETag (64-bit FNV-1a of its bytes, computed once per process) used for
 * If-None-Match revalidation and, through static_url(), as a cache-busting version in the
 * URL, which is why responses may be cached for a year as immutable. */
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "http/http_int.h"
#include "core/util.h"

/* Built once by assets_build (pthread_once) and never changed or freed afterwards. */
static struct asset *asset_table;
static size_t asset_count;
static pthread_once_t asset_once = PTHREAD_ONCE_INIT;

static const struct {
    const char *ext, *type;
} asset_types[] = {
    {"css", "text/css; charset=utf-8"},
    {"js", "text/javascript; charset=utf-8"},
    {"svg", "image/svg+xml"},
    {"png", "image/png"},
    {"ico", "image/x-icon"},
    {"woff2", "font/woff2"},
    {"txt", "text/plain; charset=utf-8"},
    {"json", "application/json"},
    {"webmanifest", "application/manifest+json"},
};

static const char *type_for(const char *name)
{
    const char *dot = strrchr(name, '.');
    size_t i;
    if (dot)
        for (i = 0; i < ARRAY_SIZE(asset_types); i++)
            if (strcasecmp(dot + 1, asset_types[i].ext) == 0)
                return asset_types[i].type;
    return "application/octet-stream";
}

static uint64_t fnv1a64(const unsigned char *p, size_t n)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    size_t i;
    for (i = 0; i < n; i++) {
        h ^= p[i];
        h *= 0x100000001b3ULL;
    }
    return h;
}

static void assets_build(void)
{
    size_t i, n = 0;
    while (praxis_assets[n].name)
        n++;
    asset_table = x_calloc(n ? n : 1, sizeof(*asset_table));
    for (i = 0; i < n; i++) {
        struct asset *a = &asset_table[i];
        a->file = &praxis_assets[i];
        a->type = type_for(a->file->name);
        snprintf(a->etag, sizeof(a->etag), "\"%016llx\"",
                 (unsigned long long)fnv1a64(a->file->data, a->file->size));
    }
    asset_count = n;
}

const struct asset *asset_find(const char *name)
{
    size_t i;
    pthread_once(&asset_once, assets_build);
    if (!name)
        return NULL;
    for (i = 0; i < asset_count; i++)
        if (strcmp(asset_table[i].file->name, name) == 0)
            return &asset_table[i];
    return NULL;
}

/* 1 if an If-None-Match header value (a list of entity tags, or "*") names etag. Weak tags
 * (W/"...") compare equal too, as RFC 9110 asks for If-None-Match. */
static int etag_matches(const char *inm, const char *etag)
{
    size_t elen = strlen(etag);
    const char *p = inm;
    while (*p) {
        const char *e;
        while (*p == ' ' || *p == '\t' || *p == ',')
            p++;
        if (!*p)
            break;
        if (*p == '*')
            return 1;
        if (strncmp(p, "W/", 2) == 0)
            p += 2;
        e = strchr(p, ',');
        if (!e)
            e = p + strlen(p);
        while (e > p && (e[-1] == ' ' || e[-1] == '\t'))
            e--;
        if ((size_t)(e - p) == elen && memcmp(p, etag, elen) == 0)
            return 1;
        p = e;
        while (*p && *p != ',')
            p++;
    }
    return 0;
}

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
    r->status = inm && etag_matches(inm, a->etag) ? 304 : 200;
    return 1;
}
