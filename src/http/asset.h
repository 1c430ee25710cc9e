/* Embedded static assets (asset.c): the table built once from praxis_assets, looked up by
 * name. static_url() (declared in http.h for handlers) is defined in asset.c as well. */
#ifndef PRAXIS_HTTP_ASSET_H
#define PRAXIS_HTTP_ASSET_H
#include "core/embed.h"
#include "http/http.h"

struct asset {
    const struct embedded_file *file; /* bytes from praxis_assets */
    const char *type;                 /* Content-Type */
    char etag[20];                    /* "\"" + 16 hex + "\"" */
};
/* The asset called name ("praxis.css"), or NULL (also for NULL, which only builds the
   table). The table is built once (pthread_once) and never freed. */
const struct asset *asset_find(const char *name);

#endif
