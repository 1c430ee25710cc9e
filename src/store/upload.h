/* The SQL catalogue for uploads (table uploads, migration 0021): insert a row, read one with
 * its community's slug, count a member's recent uploads (the daily limit), look several up
 * by id (the Markdown image hook), and list them all (export, backup). The bytes themselves
 * live in files in the upload directory (domain/upload.c); these rows describe them.
 * Strings in results are copied into the arena passed in. Functions return 0 or an err
 * (ERR_NOTFOUND, ERR_CONFLICT on a duplicate id, ERR_DB). */
#ifndef PRAXIS_STORE_UPLOAD_H
#define PRAXIS_STORE_UPLOAD_H
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "store/db.h"

struct upload_row {
    const char *id;             /* 32 lower-case hex digits */
    int64_t user_id;            /* 0 = the uploader's account is gone */
    int64_t community_id;       /* 0 = none */
    const char *community_slug; /* "" when none */
    const char *name;           /* safe display name, e.g. "photo.jpg" */
    const char *type;           /* served Content-Type, e.g. "image/jpeg" */
    int64_t size;               /* bytes of the stored file */
    int64_t width, height;      /* pixels of an image, 0 otherwise */
    int64_t display_width;      /* the display version's size; 0 = none (the original is */
    int64_t display_height;     /*   small enough to show as it is) */
    const char *sha256;         /* 64 lower-case hex digits of the stored file */
    int64_t created_at;
    const char *community_visibility; /* its community's "public", "members", "private"; "" */
};

/* Insert u (community_slug ignored; user_id/community_id 0 store NULL). */
int store_upload_insert(struct db *db, const struct upload_row *u);
/* Row id into *out. ERR_NOTFOUND when there is none. */
int store_upload_get(struct db *db, struct arena *a, const char *id, struct upload_row *out);
/* How many uploads user uid made at or after since. */
int store_upload_count_since(struct db *db, int64_t uid, int64_t since, int64_t *out);
/* Every upload, oldest first (export and backup); *out in the arena. */
int store_upload_list(struct db *db, struct arena *a, struct upload_row **out, size_t *n);

#endif
