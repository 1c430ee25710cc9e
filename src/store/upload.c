/* The SQL catalogue for uploads: every statement a literal with bound parameters, valid on
 * SQLite and PostgreSQL. See store/upload.h. */
#include <string.h>

#include "store/upload.h"

#define COLS                                                                                       \
    "u.id, coalesce(u.user_id, 0), coalesce(u.community_id, 0), coalesce(c.slug, ''), u.name, "    \
    "u.content_type, u.size, u.width, u.height, u.display_width, u.display_height, u.sha256, "     \
    "u.created_at, coalesce(c.visibility, '') "                                                    \
    "FROM uploads u LEFT JOIN communities c ON c.id = u.community_id"

static void row_read(struct db_res *res, struct arena *a, struct upload_row *u)
{
    u->id = arena_strdup(a, db_text(res, 0));
    u->user_id = db_int(res, 1);
    u->community_id = db_int(res, 2);
    u->community_slug = arena_strdup(a, db_text(res, 3));
    u->name = arena_strdup(a, db_text(res, 4));
    u->type = arena_strdup(a, db_text(res, 5));
    u->size = db_int(res, 6);
    u->width = db_int(res, 7);
    u->height = db_int(res, 8);
    u->display_width = db_int(res, 9);
    u->display_height = db_int(res, 10);
    u->sha256 = arena_strdup(a, db_text(res, 11));
    u->created_at = db_int(res, 12);
    u->community_visibility = arena_strdup(a, db_text(res, 13));
}

int store_upload_insert(struct db *db, const struct upload_row *u)
{
    int rc = db_exec(
        db,
        "INSERT INTO uploads (id, user_id, community_id, name, content_type, size, width, "
        "height, display_width, display_height, sha256, created_at) VALUES ($1, $2, "
        "$3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
        PARAMS(P_TEXT(u->id), u->user_id ? P_INT(u->user_id) : P_NULL,
               u->community_id ? P_INT(u->community_id) : P_NULL, P_TEXT(u->name), P_TEXT(u->type),
               P_INT(u->size), P_INT(u->width), P_INT(u->height), P_INT(u->display_width),
               P_INT(u->display_height), P_TEXT(u->sha256), P_INT(u->created_at)));
    return rc < 0 ? rc : 0;
}

int store_upload_get(struct db *db, struct arena *a, const char *id, struct upload_row *out)
{
    struct db_res *res;
    int rc = db_query(db, "SELECT " COLS " WHERE u.id = $1", PARAMS(P_TEXT(id)), &res);
    if (rc < 0)
        return rc;
    rc = db_step(res);
    if (rc == 1)
        row_read(res, a, out);
    db_done(res);
    return rc < 0 ? rc : rc == 1 ? 0 : ERR_NOTFOUND;
}

int store_upload_count_since(struct db *db, int64_t uid, int64_t since, int64_t *out)
{
    return db_get_int(db, "SELECT count(*) FROM uploads WHERE user_id = $1 AND created_at >= $2",
                      PARAMS(P_INT(uid), P_INT(since)), out);
}

int store_upload_list(struct db *db, struct arena *a, struct upload_row **out, size_t *n)
{
    struct db_res *res;
    struct upload_row *v = NULL;
    size_t k = 0, cap = 0;
    int rc = db_query(db, "SELECT " COLS " ORDER BY u.created_at, u.id", NOPARAMS, &res);
    *out = NULL;
    *n = 0;
    if (rc < 0)
        return rc;
    while ((rc = db_step(res)) == 1) {
        if (k == cap) {
            struct upload_row *nv;
            cap = cap ? cap * 2 : 16;
            nv = ARENA_ARRAY(a, struct upload_row, cap);
            if (k)
                memcpy(nv, v, k * sizeof(*v));
            v = nv;
        }
        row_read(res, a, &v[k++]);
    }
    db_done(res);
    if (rc < 0)
        return rc;
    *out = v;
    *n = k;
    return 0;
}
