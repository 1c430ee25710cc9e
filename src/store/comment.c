/* Comments under posts: the statements of store/comment.h. A comment row joins its post
 * (for the thread), its author (for names) and, for imported ones, import_attribution (for
 * the source's name and link). Deleted comments (deleted_at set) are read only by id. */
#include <string.h>

#include "store/comment.h"

#define OPT(v) ((v) ? P_INT(v) : P_NULL)

static const char *dup(struct arena *a, const char *s)
{
    return arena_strdup(a, s ? s : "");
}

static int exec0(struct db *db, const char *sql, const struct db_param *p, int np)
{
    int rc = db_exec(db, sql, p, np);
    return rc < 0 ? rc : 0;
}

#define COMMENT_COLS                                                                               \
    "c.id, c.post_id, p.thread_id, coalesce(c.author_id, 0), coalesce(u.name, ''), "               \
    "CASE WHEN u.id IS NULL THEN coalesce(ia.author_name, '') ELSE u.display_name END, "           \
    "c.body_md, c.body_html, c.created_at, coalesce(c.edited_at, 0), "                             \
    "coalesce(c.deleted_at, 0), coalesce(ia.source_url, '') "                                      \
    "FROM comments c JOIN posts p ON p.id = c.post_id "                                            \
    "LEFT JOIN users u ON u.id = c.author_id "                                                     \
    "LEFT JOIN import_attribution ia ON ia.kind = 'comment' AND ia.local_id = c.id "

static void read_row(struct db_res *res, struct arena *a, struct comment *x)
{
    x->id = db_int(res, 0);
    x->post_id = db_int(res, 1);
    x->thread_id = db_int(res, 2);
    x->author_id = db_int(res, 3);
    x->author_name = dup(a, db_text(res, 4));
    x->author_display = dup(a, db_text(res, 5));
    x->body_md = dup(a, db_text(res, 6));
    x->body_html = dup(a, db_text(res, 7));
    x->created_at = db_int(res, 8);
    x->edited_at = db_int(res, 9);
    x->deleted_at = db_int(res, 10);
    x->source_url = dup(a, db_text(res, 11));
}

int comment_db_insert(struct db *db, int64_t pid, int64_t author, const char *md, const char *html,
                      int64_t now, int64_t *id)
{
    return db_get_int(db,
                      "INSERT INTO comments (post_id, author_id, body_md, body_html, created_at) "
                      "VALUES ($1, $2, $3, $4, $5) RETURNING id",
                      PARAMS(P_INT(pid), OPT(author), P_TEXT(md), P_TEXT(html), P_INT(now)), id);
}

int comment_db_update(struct db *db, int64_t id, const char *md, const char *html, int64_t now)
{
    return exec0(db,
                 "UPDATE comments SET body_md = $2, body_html = $3, edited_at = $4 WHERE id = $1",
                 PARAMS(P_INT(id), P_TEXT(md), P_TEXT(html), P_INT(now)));
}

int comment_db_delete(struct db *db, int64_t id, int64_t by, int64_t now)
{
    return exec0(db,
                 "UPDATE comments SET deleted_at = $3, deleted_by = $2 WHERE id = $1 "
                 "AND deleted_at IS NULL",
                 PARAMS(P_INT(id), OPT(by), P_INT(now)));
}

int comment_db_get(struct db *db, struct arena *a, int64_t id, struct comment *out)
{
    struct db_res *res;
    int rc = db_query(db, "SELECT " COMMENT_COLS "WHERE c.id = $1", PARAMS(P_INT(id)), &res);
    memset(out, 0, sizeof(*out));
    if (rc < 0)
        return ERR_DB;
    rc = db_step(res);
    if (rc == 1)
        read_row(res, a, out);
    db_done(res);
    return rc < 0 ? ERR_DB : rc == 0 ? ERR_NOTFOUND : 0;
}

int comment_db_list_post(struct db *db, struct arena *a, int64_t pid, size_t cap,
                         struct comment **out, size_t *n)
{
    struct db_res *res;
    int rc = db_query(db,
                      "SELECT " COMMENT_COLS "WHERE c.post_id = $1 AND c.deleted_at IS NULL "
                      "ORDER BY c.created_at, c.id LIMIT $2",
                      PARAMS(P_INT(pid), P_INT((int64_t)cap)), &res);
    *out = NULL;
    *n = 0;
    if (rc < 0)
        return ERR_DB;
    *out = ARENA_ARRAY(a, struct comment, cap ? cap : 1);
    while ((rc = db_step(res)) == 1 && *n < cap)
        read_row(res, a, &(*out)[(*n)++]);
    db_done(res);
    return rc < 0 ? ERR_DB : 0;
}

int comment_db_recent(struct db *db, int64_t uid, int64_t since, int64_t *count, int64_t *oldest)
{
    struct db_res *res;
    int rc = db_query(db,
                      "SELECT count(*), COALESCE(min(created_at), 0) FROM comments "
                      "WHERE id > (SELECT COALESCE(max(id), 0) FROM comments) - CAST($3 AS BIGINT) "
                      "AND author_id = $1 AND created_at >= $2",
                      PARAMS(P_INT(uid), P_INT(since), P_INT(COMMENT_DB_RATE_SCAN)), &res);
    *count = *oldest = 0;
    if (rc < 0)
        return ERR_DB;
    rc = db_step(res);
    if (rc == 1) {
        *count = db_int(res, 0);
        *oldest = db_int(res, 1);
    }
    db_done(res);
    return rc < 0 ? ERR_DB : 0;
}

int comment_db_user_id(struct db *db, const char *name, int64_t *uid)
{
    *uid = 0;
    int rc = db_get_int(db, "SELECT id FROM users WHERE name_key = lower($1)", PARAMS(P_TEXT(name)),
                        uid);
    return rc == ERR_NOTFOUND ? 0 : rc;
}
