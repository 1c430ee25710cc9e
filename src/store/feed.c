/* The SQL catalogue for Atom feeds: every statement a literal with bound parameters, valid
 * on SQLite and PostgreSQL. See store/feed.h for the contract. All the post queries share one
 * column list (POST_COLS, read by read_item) so that a feed is drawn the same way whatever it
 * lists. */
#include <string.h>

#include "store/feed.h"
#include "core/util.h"

/* Columns of a feed item (read_item): post or article id, thread id, position, question,
   title, slug, community slug and name, author name and display name, body, tags, created,
   updated. */
#define POST_COLS                                                                                  \
    "p.id, p.thread_id, p.position, CASE WHEN t.kind = 'question' THEN 1 ELSE 0 END, t.title, "    \
    "'', c.slug, c.name, COALESCE(u.name, ''), COALESCE(u.display_name, ''), p.body_html, "        \
    "t.tags, p.created_at, COALESCE(p.edited_at, p.created_at) "
#define POST_FROM                                                                                  \
    "FROM posts p JOIN threads t ON t.id = p.thread_id "                                           \
    "JOIN communities c ON c.id = t.community_id LEFT JOIN users u ON u.id = p.author_id "
#define POST_LIVE "t.deleted_at IS NULL AND p.deleted_at IS NULL AND p.hidden_at IS NULL "
/* Communities viewer V may read (as community_can_read for a viewer who is no administrator). */
#define READABLE(V)                                                                                \
    "(c.visibility = 'public' OR (c.visibility = 'members' AND CAST(" V " AS BIGINT) <> 0) OR "    \
    "EXISTS (SELECT 1 FROM memberships m WHERE m.community_id = c.id AND "                         \
    "m.user_id = CAST(" V " AS BIGINT))) "

/* $1 community, $2 tag or '', $3 limit. */
static const char SQL_THREADS[] =
    "SELECT " POST_COLS POST_FROM "WHERE t.community_id = $1 AND p.position = 1 AND " POST_LIVE
    "AND (CAST($2 AS TEXT) = '' OR EXISTS (SELECT 1 FROM thread_tags tt WHERE "
    "tt.thread_id = t.id AND tt.tag = $2)) "
    "ORDER BY t.created_at DESC, t.id DESC LIMIT $3";

/* $1 thread, $2 limit. */
static const char SQL_THREAD_POSTS[] =
    "SELECT " POST_COLS POST_FROM "WHERE p.thread_id = $1 AND " POST_LIVE
    "ORDER BY p.created_at DESC, p.id DESC LIMIT $2";

/* $1 author, $2 viewer, $3 limit. */
static const char SQL_USER_POSTS[] =
    "SELECT " POST_COLS POST_FROM "WHERE p.author_id = $1 AND " POST_LIVE
    "AND " READABLE("$2") "ORDER BY p.created_at DESC, p.id DESC LIMIT $3";

#define STR_(x) #x
#define STR(x)  STR_(x)

/* $1 member, $2 limit. The watched threads (as notification_db_add_thread_watchers decides
   who watches a thread): a level-3 row on the thread itself, or a level-3 row on its
   community or one of its tags when there is no row on the thread. */
#define WATCHED_THREADS                                                                            \
    "(SELECT w.id FROM (SELECT t.id, t.last_activity_at FROM follows f JOIN threads t ON "         \
    "t.id = f.thread_id WHERE f.user_id = $1 AND f.community_id = 0 AND f.level = 3 "              \
    "AND t.deleted_at IS NULL "                                                                    \
    "UNION SELECT t.id, t.last_activity_at FROM follows f JOIN threads t ON "                      \
    "t.community_id = f.community_id WHERE f.user_id = $1 AND f.thread_id = 0 AND f.level = 3 "    \
    "AND t.deleted_at IS NULL AND (f.tag = '' OR EXISTS (SELECT 1 FROM thread_tags tt WHERE "      \
    "tt.thread_id = t.id AND tt.tag = f.tag)) AND NOT EXISTS (SELECT 1 FROM follows x WHERE "      \
    "x.user_id = $1 AND x.community_id = 0 AND x.thread_id = t.id)) w "                            \
    "ORDER BY w.last_activity_at DESC, w.id DESC LIMIT " STR(FEED_DB_WATCHED_THREADS) ")"
static const char SQL_WATCHED[] =
    "SELECT " POST_COLS POST_FROM "WHERE p.thread_id IN " WATCHED_THREADS " AND " POST_LIVE
    "AND COALESCE(p.author_id, 0) <> $1 AND " READABLE(
        "$1") "ORDER BY p.created_at DESC, p.id DESC LIMIT $2";

/* $1 community, $2 limit. */
static const char SQL_ARTICLES[] =
    "SELECT a.id, 0, 0, 0, a.title, a.slug, c.slug, c.name, COALESCE(u.name, ''), "
    "COALESCE(u.display_name, ''), a.body_html, a.tags, a.created_at, a.updated_at "
    "FROM articles a JOIN communities c ON c.id = a.community_id "
    "LEFT JOIN users u ON u.id = a.created_by "
    "WHERE a.community_id = $1 AND a.status IN ('published', 'best_practice') "
    "ORDER BY a.updated_at DESC, a.id DESC LIMIT $2";

static const char SQL_TOKEN_DELETE[] = "DELETE FROM calendar_tokens WHERE user_id = $1";

static const char *dup(struct arena *a, const char *s)
{
    return arena_strdup(a, s ? s : "");
}

static void read_item(struct db_res *res, struct arena *a, struct feed_item *x)
{
    x->id = db_int(res, 0);
    x->thread_id = db_int(res, 1);
    x->position = db_int(res, 2);
    x->question = db_int(res, 3) != 0;
    x->title = dup(a, db_text(res, 4));
    x->slug = dup(a, db_text(res, 5));
    x->community_slug = dup(a, db_text(res, 6));
    x->community_name = dup(a, db_text(res, 7));
    x->author_name = dup(a, db_text(res, 8));
    x->author_display = dup(a, db_text(res, 9));
    x->body_html = dup(a, db_text(res, 10));
    x->tags_text = dup(a, db_text(res, 11));
    x->created_at = db_int(res, 12);
    x->updated_at = db_int(res, 13);
}

/* Run a feed query whose LIMIT is the parameter limit (at most 200 rows are kept). */
static int run(struct db *db, struct arena *a, const char *sql, const struct db_param *p, int np,
               int limit, struct feed_item **out, size_t *n)
{
    struct db_res *res;
    size_t cap = limit > 0 && limit <= 200 ? (size_t)limit : 200, k = 0;
    struct feed_item *items = arena_zalloc(a, cap * sizeof(*items));
    int rc;
    *out = items;
    *n = 0;
    if (db_query(db, sql, p, np, &res) < 0)
        return ERR_DB;
    while ((rc = db_step(res)) > 0)
        if (k < cap)
            read_item(res, a, &items[k++]);
    db_done(res);
    if (rc < 0)
        return ERR_DB;
    *n = k;
    return 0;
}

int feed_db_threads(struct db *db, struct arena *a, int64_t cid, const char *tag, int limit,
                    struct feed_item **out, size_t *n)
{
    return run(db, a, SQL_THREADS, PARAMS(P_INT(cid), P_TEXT(tag ? tag : ""), P_INT(limit)), limit,
               out, n);
}

int feed_db_thread_posts(struct db *db, struct arena *a, int64_t tid, int limit,
                         struct feed_item **out, size_t *n)
{
    return run(db, a, SQL_THREAD_POSTS, PARAMS(P_INT(tid), P_INT(limit)), limit, out, n);
}

int feed_db_user_posts(struct db *db, struct arena *a, int64_t author, int64_t viewer, int limit,
                       struct feed_item **out, size_t *n)
{
    return run(db, a, SQL_USER_POSTS, PARAMS(P_INT(author), P_INT(viewer), P_INT(limit)), limit,
               out, n);
}

int feed_db_watched(struct db *db, struct arena *a, int64_t uid, int limit, struct feed_item **out,
                    size_t *n)
{
    return run(db, a, SQL_WATCHED, PARAMS(P_INT(uid), P_INT(limit)), limit, out, n);
}

int feed_db_articles(struct db *db, struct arena *a, int64_t cid, int limit, struct feed_item **out,
                     size_t *n)
{
    return run(db, a, SQL_ARTICLES, PARAMS(P_INT(cid), P_INT(limit)), limit, out, n);
}

int feed_db_token_delete(struct db *db, int64_t uid)
{
    return db_exec(db, SQL_TOKEN_DELETE, PARAMS(P_INT(uid))) < 0 ? ERR_DB : 0;
}
