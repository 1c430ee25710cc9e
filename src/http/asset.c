/* The table of embedded static assets (praxis_assets, compiled in from assets/; see
 * core/embed.h): each asset with its Content-Type and a strong ETag (64-bit FNV-1a of its
 * bytes, computed once per process), and asset URLs carrying that ETag as a cache-busting
 * version. Used by static.c to serve /static/ and by pages through static_url(); it calls
 * nothing else in http, so serving and linking do not depend on each other. */
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "core/log.h"
#include "http/asset.h"
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

const char *static_url(struct req *r, const char *name)
{
    const struct asset *a = asset_find(name);
    if (!a) {
        log_warn("msg=\"static_url: no such asset\" name=%s", name ? name : "(null)");
        return arena_printf(r->arena, "/static/%s", name ? name : "");
    }
    /* etag is "\"" + 16 hex + "\"": the first 12 hex digits are plenty to bust caches */
    return arena_printf(r->arena, "/static/%s?v=%.12s", name, a->etag + 1);
}
