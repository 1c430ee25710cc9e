/* The SQL catalogue for articles, revisions, old slugs, links, feedback and trusted editors:
 * every statement a literal with bound parameters $1..$N, valid on SQLite and
 * PostgreSQL. See store/article.h for the contract. */
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "store/article.h"
#include "core/util.h"

#define ART_COLS                                                                                   \
    "a.id, a.community_id, c.slug, a.slug, a.title, a.tags, a.body_md, a.body_html, a.status, "    \
    "COALESCE(a.replaced_by, 0), COALESCE(r.slug, ''), COALESCE(r.title, ''), a.current_rev, "     \
    "COALESCE(a.owner_id, 0), COALESCE(o.name, ''), a.review_by, a.helped_count, "                 \
    "a.outdated_count, COALESCE(a.created_by, 0), COALESCE(u.name, ''), a.created_at, "            \
    "a.updated_at, c.name, COALESCE(u.display_name, ''), COALESCE(o.display_name, '') "
#define ART_LIST_COLS                                                                              \
    "a.id, a.community_id, c.slug, a.slug, a.title, a.tags, '', '', a.status, "                    \
    "COALESCE(a.replaced_by, 0), COALESCE(r.slug, ''), COALESCE(r.title, ''), a.current_rev, "     \
    "COALESCE(a.owner_id, 0), COALESCE(o.name, ''), a.review_by, a.helped_count, "                 \
    "a.outdated_count, COALESCE(a.created_by, 0), COALESCE(u.name, ''), a.created_at, "            \
    "a.updated_at, c.name, COALESCE(u.display_name, ''), COALESCE(o.display_name, '') "
#define ART_FROM                                                                                   \
    "FROM articles a JOIN communities c ON c.id = a.community_id "                                 \
    "LEFT JOIN articles r ON r.id = a.replaced_by LEFT JOIN users o ON o.id = a.owner_id "         \
    "LEFT JOIN users u ON u.id = a.created_by "

static const char SQL_GET_SLUG[] =
    "SELECT " ART_COLS ART_FROM "WHERE a.community_id = $1 AND a.slug = $2";
static const char SQL_GET_ID[] = "SELECT " ART_COLS ART_FROM "WHERE a.id = $1";
static const char SQL_OLD_SLUG[] =
    "SELECT article_id FROM article_slugs WHERE community_id = $1 AND slug = $2";
static const char SQL_SLUG_TAKEN[] =
    "SELECT (SELECT COUNT(*) FROM articles WHERE community_id = $1 AND slug = $2 AND id <> $3) "
    "+ (SELECT COUNT(*) FROM article_slugs WHERE community_id = $1 AND slug = $2 "
    "AND article_id <> $3)";
static const char SQL_INSERT[] =
    "INSERT INTO articles (community_id, slug, title, tags, body_md, body_html, status, "
    "current_rev, owner_id, created_by, created_at, updated_at) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, 1, $8, $9, $10, $10) RETURNING id";
static const char SQL_UPDATE_IF[] =
    "UPDATE articles SET slug = $3, title = $4, tags = $5, body_md = $6, body_html = $7, "
    "updated_at = $8, current_rev = current_rev + 1 WHERE id = $1 AND current_rev = $2 "
    "RETURNING current_rev";
static const char SQL_SET_HTML[] = "UPDATE articles SET body_html = $2 WHERE id = $1";
static const char SQL_SET_STATUS[] =
    "UPDATE articles SET status = $2, replaced_by = $3, updated_at = $4 WHERE id = $1";
static const char SQL_SET_REVIEW[] =
    "UPDATE articles SET owner_id = $2, review_by = $3, review_notified = 0 WHERE id = $1";
static const char SQL_SLUG_KEEP[] =
    "INSERT INTO article_slugs (community_id, slug, article_id) VALUES ($1, $2, $3) "
    "ON CONFLICT (community_id, slug) DO UPDATE SET article_id = excluded.article_id";

static const char SQL_LIST[] =
    "SELECT " ART_LIST_COLS ART_FROM
    "WHERE a.community_id = $1 AND ($2 = 1 OR a.status <> 'draft') "
    "ORDER BY CASE a.status WHEN 'best_practice' THEN 0 WHEN 'published' THEN 1 "
    "WHEN 'draft' THEN 2 ELSE 3 END, a.updated_at DESC, a.id DESC LIMIT $3";
/* Best-practice articles of every community viewer $1 may read ($2 = 1: all), newest
   change first (the same visibility rule as the thread lists). */
static const char SQL_LIST_BEST[] =
    "SELECT " ART_LIST_COLS ART_FROM
    "WHERE a.status = 'best_practice' AND (CAST($2 AS BIGINT) = 1 OR c.visibility = 'public' "
    "OR (c.visibility = 'members' AND CAST($1 AS BIGINT) <> 0) OR EXISTS (SELECT 1 FROM "
    "memberships m WHERE m.community_id = a.community_id AND m.user_id = CAST($1 AS BIGINT))) "
    "ORDER BY a.updated_at DESC, a.id DESC LIMIT $3";
/* Articles of community $1 tagged $2 ($3 = 1 includes drafts), best practice first. */
static const char SQL_LIST_TAG[] =
    "SELECT " ART_LIST_COLS ART_FROM
    "WHERE a.community_id = $1 AND ' ' || a.tags || ' ' LIKE '% ' || CAST($2 AS TEXT) || ' %' "
    "AND ($3 = 1 OR a.status <> 'draft') "
    "ORDER BY CASE a.status WHEN 'best_practice' THEN 0 WHEN 'published' THEN 1 "
    "WHEN 'draft' THEN 2 ELSE 3 END, a.updated_at DESC, a.id DESC LIMIT $4";
static const char SQL_LIST_DUE[] =
    "SELECT " ART_LIST_COLS ART_FROM
    "WHERE a.community_id = $1 AND ($2 = 1 OR a.status <> 'draft') "
    "AND a.review_by > 0 AND a.review_by <= $4 ORDER BY a.review_by, a.id LIMIT $3";

static const char SQL_REV_INSERT[] =
    "INSERT INTO article_revisions (article_id, rev, author_id, created_at, title, tags, "
    "body_md, summary) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";
static const char SQL_REVS[] =
    "SELECT v.rev, COALESCE(v.author_id, 0), COALESCE(u.name, ''), v.created_at, v.title, "
    "v.tags, v.summary FROM article_revisions v LEFT JOIN users u ON u.id = v.author_id "
    "WHERE v.article_id = $1 ORDER BY v.rev DESC LIMIT 1000";
static const char SQL_REV_GET[] =
    "SELECT v.rev, COALESCE(v.author_id, 0), COALESCE(u.name, ''), v.created_at, v.title, "
    "v.tags, v.summary, v.body_md FROM article_revisions v "
    "LEFT JOIN users u ON u.id = v.author_id WHERE v.article_id = $1 AND v.rev = $2";

static const char SQL_LINKS_CLEAR[] = "DELETE FROM article_links WHERE article_id = $1";
static const char SQL_LINK_ADD[] =
    "INSERT INTO article_links (article_id, community_id, to_slug) VALUES ($1, $2, $3) "
    "ON CONFLICT (article_id, to_slug) DO NOTHING";
static const char SQL_BACKLINKS[] =
    "SELECT DISTINCT f.id, f.slug, c.slug, f.title, f.status FROM article_links l "
    "JOIN articles t ON t.id = $1 JOIN articles f ON f.id = l.article_id "
    "JOIN communities c ON c.id = f.community_id "
    "WHERE l.community_id = t.community_id AND f.id <> t.id AND (l.to_slug = t.slug OR "
    "l.to_slug IN (SELECT s.slug FROM article_slugs s WHERE s.article_id = t.id)) "
    "ORDER BY f.title LIMIT 200";
static const char SQL_RESOLVE[] =
    "SELECT a.id, a.slug, c.slug, a.title, a.status FROM articles a "
    "JOIN communities c ON c.id = a.community_id WHERE a.community_id = $1 AND (a.slug = $2 "
    "OR a.id = (SELECT s.article_id FROM article_slugs s WHERE s.community_id = $1 "
    "AND s.slug = $2)) ORDER BY CASE WHEN a.slug = $2 THEN 0 ELSE 1 END LIMIT 1";

static const char SQL_THREADS_CLEAR[] =
    "DELETE FROM article_threads WHERE article_id = $1 AND kind = $2";
static const char SQL_THREAD_ADD[] =
    "INSERT INTO article_threads (article_id, thread_id, kind) "
    "SELECT CAST($1 AS BIGINT), t.id, CAST($3 AS TEXT) FROM threads t WHERE t.id = $2 "
    "ON CONFLICT (article_id, thread_id, kind) DO NOTHING";
static const char SQL_THREADS[] =
    "SELECT t.id, '', c.slug, t.title, MAX(x.kind) FROM article_threads x "
    "JOIN threads t ON t.id = x.thread_id JOIN communities c ON c.id = t.community_id "
    "WHERE x.article_id = $1 AND t.deleted_at IS NULL GROUP BY t.id, c.slug, t.title "
    "ORDER BY MAX(x.kind) DESC, t.id LIMIT 200";
static const char SQL_OF_THREAD[] =
    "SELECT a.id, a.slug, c.slug, a.title, a.status FROM article_threads x "
    "JOIN articles a ON a.id = x.article_id JOIN communities c ON c.id = a.community_id "
    "WHERE x.thread_id = $1 GROUP BY a.id, a.slug, c.slug, a.title, a.status "
    "ORDER BY a.id LIMIT 50";
/* The first article made from thread $1 ("Turn into article"), whatever its status. */
static const char SQL_SOURCE_OF_THREAD[] =
    "SELECT a.id, a.slug, c.slug, a.title, a.status FROM article_threads x "
    "JOIN articles a ON a.id = x.article_id JOIN communities c ON c.id = a.community_id "
    "WHERE x.thread_id = $1 AND x.kind = 'source' ORDER BY a.id LIMIT 1";

static const char SQL_MENTIONED[] =
    "SELECT t.id, '', c.slug, t.title, 'mention' FROM threads t "
    "JOIN communities c ON c.id = t.community_id WHERE t.community_id = $1 "
    "AND t.deleted_at IS NULL AND EXISTS (SELECT 1 FROM posts p WHERE p.thread_id = t.id "
    "AND p.deleted_at IS NULL AND p.hidden_at IS NULL AND p.body_md LIKE $2) "
    "ORDER BY t.last_activity_at DESC, t.id DESC LIMIT 20";
/* SQLite: the same threads found through the search index. FTS5 splits the path into the
   phrase "c <slug> a <aslug>" (unicode61: '/' and '-' separate words), which finds every post
   containing the path without reading the others; the LIKE then checks the candidates'
   indexed text (search_docs.body is the post's body_md; only visible posts of live threads
   have a row). $3 is the MATCH text: body : "<path>". The unary + keep SQLite from driving
   the query by the community indexes (every thread or document of the community, each
   probing FTS5): the phrase's few matches come first, then threads by primary key.
   200,000 posts, 50 linking: 10 ms with 20 threads found, under 1 ms with none; the scan
   took 30-40 and 90-150 ms. */
static const char SQL_MENTIONED_FTS[] =
    "SELECT t.id, '', c.slug, t.title, 'mention' FROM threads t "
    "JOIN communities c ON c.id = t.community_id WHERE +t.community_id = $1 "
    "AND t.deleted_at IS NULL AND t.id IN (SELECT d.thread_id FROM search_fts "
    "JOIN search_docs d ON d.id = search_fts.rowid WHERE search_fts MATCH $3 "
    "AND +d.kind IN ('thread', 'post') AND +d.community_id = $1 AND d.body LIKE $2) "
    "ORDER BY t.last_activity_at DESC, t.id DESC LIMIT 20";

static const char SQL_FB_SET[] =
    "INSERT INTO article_feedback (article_id, user_id, kind, note, created_at) "
    "VALUES ($1, $2, $3, $4, $5) ON CONFLICT (article_id, user_id, kind) "
    "DO UPDATE SET note = excluded.note, created_at = excluded.created_at";
static const char SQL_FB_DEL[] =
    "DELETE FROM article_feedback WHERE article_id = $1 AND user_id = $2 AND kind = $3";
static const char SQL_FB_RECOUNT[] =
    "UPDATE articles SET helped_count = (SELECT COUNT(*) FROM article_feedback f "
    "WHERE f.article_id = $1 AND f.kind = 'helped'), outdated_count = (SELECT COUNT(*) "
    "FROM article_feedback f WHERE f.article_id = $1 AND f.kind = 'outdated') WHERE id = $1";
static const char SQL_FB_HAS[] =
    "SELECT COUNT(*) FROM article_feedback WHERE article_id = $1 AND user_id = $2 AND kind = $3";
static const char SQL_FB_NOTES[] =
    "SELECT u.name, f.note, f.created_at FROM article_feedback f JOIN users u ON u.id = f.user_id "
    "WHERE f.article_id = $1 AND f.kind = 'outdated' ORDER BY f.created_at DESC LIMIT 200";

static const char SQL_EDITORS[] = "SELECT article_editors FROM communities WHERE id = $1";
static const char SQL_SET_EDITORS[] = "UPDATE communities SET article_editors = $2 WHERE id = $1";
static const char SQL_TRUSTED[] =
    "SELECT COUNT(*) FROM article_trusted WHERE community_id = $1 AND user_id = $2";
static const char SQL_TRUST_ADD[] =
    "INSERT INTO article_trusted (community_id, user_id) VALUES ($1, $2) "
    "ON CONFLICT (community_id, user_id) DO NOTHING";
static const char SQL_TRUST_DEL[] =
    "DELETE FROM article_trusted WHERE community_id = $1 AND user_id = $2";
static const char SQL_TRUST_LIST[] =
    "SELECT u.name FROM article_trusted t JOIN users u ON u.id = t.user_id "
    "WHERE t.community_id = $1 ORDER BY u.name LIMIT 1000";

static const char SQL_DUE_UNTOLD[] =
    "SELECT " ART_LIST_COLS ART_FROM "WHERE a.owner_id = $1 AND a.review_notified = 0 "
    "AND a.review_by > 0 AND a.review_by <= $2 ORDER BY a.review_by LIMIT $3";
static const char SQL_MARK_TOLD[] = "UPDATE articles SET review_notified = 1 WHERE id = $1";

static const char *dup(struct arena *a, const char *s)
{
    return arena_strdup(a, s ? s : "");
}

static void read_article(struct db_res *res, struct arena *a, struct article *x)
{
    memset(x, 0, sizeof(*x));
    x->id = db_int(res, 0);
    x->community_id = db_int(res, 1);
    x->community_slug = dup(a, db_text(res, 2));
    x->slug = dup(a, db_text(res, 3));
    x->title = dup(a, db_text(res, 4));
    x->tags_text = dup(a, db_text(res, 5));
    x->body_md = dup(a, db_text(res, 6));
    x->body_html = dup(a, db_text(res, 7));
    x->status = dup(a, db_text(res, 8));
    x->replaced_by = db_int(res, 9);
    x->replaced_by_slug = dup(a, db_text(res, 10));
    x->replaced_by_title = dup(a, db_text(res, 11));
    x->current_rev = db_int(res, 12);
    x->owner_id = db_int(res, 13);
    x->owner_name = dup(a, db_text(res, 14));
    x->review_by = db_int(res, 15);
    x->helped_count = db_int(res, 16);
    x->outdated_count = db_int(res, 17);
    x->created_by = db_int(res, 18);
    x->created_by_name = dup(a, db_text(res, 19));
    x->created_at = db_int(res, 20);
    x->updated_at = db_int(res, 21);
    x->community_name = dup(a, db_text(res, 22));
    x->created_by_display = dup(a, db_text(res, 23));
    x->owner_display = dup(a, db_text(res, 24));
}

/* Run a query returning at most one article. */
static int get_one(struct db *db, struct arena *a, const char *sql, const struct db_param *p,
                   int np, struct article *out)
{
    struct db_res *res;
    int rc;
    if (db_query(db, sql, p, np, &res) < 0)
        return ERR_DB;
    rc = db_step(res);
    if (rc == 1)
        read_article(res, a, out);
    db_done(res);
    return rc == 1 ? 0 : rc == 0 ? ERR_NOTFOUND : ERR_DB;
}

/* Run an article list query into an arena array. */
static int get_list(struct db *db, struct arena *a, const char *sql, const struct db_param *p,
                    int np, int limit, struct article **out, size_t *n)
{
    struct db_res *res;
    size_t k = 0;
    int rc;
    *out = ARENA_ARRAY(a, struct article, (size_t)limit + 1);
    *n = 0;
    if (db_query(db, sql, p, np, &res) < 0)
        return ERR_DB;
    while ((rc = db_step(res)) == 1 && k < (size_t)limit)
        read_article(res, a, &(*out)[k++]);
    db_done(res);
    if (rc < 0)
        return ERR_DB;
    *n = k;
    return 0;
}

int article_db_get_slug(struct db *db, struct arena *a, int64_t cid, const char *slug,
                        struct article *out)
{
    return get_one(db, a, SQL_GET_SLUG, PARAMS(P_INT(cid), P_TEXT(slug)), out);
}

int article_db_get_id(struct db *db, struct arena *a, int64_t id, struct article *out)
{
    return get_one(db, a, SQL_GET_ID, PARAMS(P_INT(id)), out);
}

int article_db_old_slug(struct db *db, int64_t cid, const char *slug, int64_t *id)
{
    return db_get_int(db, SQL_OLD_SLUG, PARAMS(P_INT(cid), P_TEXT(slug)), id);
}

int article_db_slug_taken(struct db *db, int64_t cid, const char *slug, int64_t except_id,
                          int *taken)
{
    int64_t n = 0;
    int rc = db_get_int(db, SQL_SLUG_TAKEN, PARAMS(P_INT(cid), P_TEXT(slug), P_INT(except_id)), &n);
    if (rc < 0)
        return ERR_DB;
    *taken = n > 0;
    return 0;
}

int article_db_insert(struct db *db, struct article *x)
{
    int64_t id = 0;
    int rc = db_get_int(db, SQL_INSERT,
                        PARAMS(P_INT(x->community_id), P_TEXT(x->slug), P_TEXT(x->title),
                               P_TEXT(x->tags_text), P_TEXT(x->body_md), P_TEXT(x->body_html),
                               P_TEXT(x->status), x->owner_id ? P_INT(x->owner_id) : P_NULL,
                               x->created_by ? P_INT(x->created_by) : P_NULL, P_INT(x->created_at)),
                        &id);
    if (rc < 0)
        return rc == ERR_CONFLICT ? ERR_CONFLICT : ERR_DB;
    x->id = id;
    x->current_rev = 1;
    return 0;
}

int article_db_update_if(struct db *db, const struct article *x, int64_t base_rev, int64_t *new_rev)
{
    int rc = db_get_int(db, SQL_UPDATE_IF,
                        PARAMS(P_INT(x->id), P_INT(base_rev), P_TEXT(x->slug), P_TEXT(x->title),
                               P_TEXT(x->tags_text), P_TEXT(x->body_md), P_TEXT(x->body_html),
                               P_INT(x->updated_at)),
                        new_rev);
    if (rc == ERR_NOTFOUND || rc == ERR_CONFLICT)
        return rc;
    return rc < 0 ? ERR_DB : 0;
}

int article_db_set_html(struct db *db, int64_t id, const char *html)
{
    return db_exec(db, SQL_SET_HTML, PARAMS(P_INT(id), P_TEXT(html))) < 0 ? ERR_DB : 0;
}

int article_db_set_status(struct db *db, int64_t id, const char *status, int64_t replaced_by,
                          int64_t now)
{
    return db_exec(db, SQL_SET_STATUS,
                   PARAMS(P_INT(id), P_TEXT(status), replaced_by ? P_INT(replaced_by) : P_NULL,
                          P_INT(now))) < 0
               ? ERR_DB
               : 0;
}

int article_db_set_review(struct db *db, int64_t id, int64_t owner_id, int64_t review_by)
{
    return db_exec(db, SQL_SET_REVIEW,
                   PARAMS(P_INT(id), owner_id ? P_INT(owner_id) : P_NULL, P_INT(review_by))) < 0
               ? ERR_DB
               : 0;
}

int article_db_slug_keep(struct db *db, int64_t cid, const char *slug, int64_t id)
{
    return db_exec(db, SQL_SLUG_KEEP, PARAMS(P_INT(cid), P_TEXT(slug), P_INT(id))) < 0 ? ERR_DB : 0;
}

int article_db_list(struct db *db, struct arena *a, int64_t cid, int drafts, int64_t due_before,
                    int limit, struct article **out, size_t *n)
{
    if (limit < 1 || limit > 1000)
        limit = 1000;
    if (due_before > 0)
        return get_list(
            db, a, SQL_LIST_DUE,
            PARAMS(P_INT(cid), P_INT(drafts ? 1 : 0), P_INT(limit + 1), P_INT(due_before)), limit,
            out, n);
    return get_list(db, a, SQL_LIST, PARAMS(P_INT(cid), P_INT(drafts ? 1 : 0), P_INT(limit + 1)),
                    limit, out, n);
}

int article_db_best(struct db *db, struct arena *a, int64_t viewer, int see_all, int limit,
                    struct article **out, size_t *n)
{
    if (limit < 1 || limit > 1000)
        limit = 1000;
    return get_list(db, a, SQL_LIST_BEST,
                    PARAMS(P_INT(viewer), P_INT(see_all ? 1 : 0), P_INT(limit + 1)), limit, out, n);
}

int article_db_tagged(struct db *db, struct arena *a, int64_t cid, const char *tag, int drafts,
                      int limit, struct article **out, size_t *n)
{
    if (limit < 1 || limit > 1000)
        limit = 1000;
    return get_list(db, a, SQL_LIST_TAG,
                    PARAMS(P_INT(cid), P_TEXT(tag), P_INT(drafts ? 1 : 0), P_INT(limit + 1)), limit,
                    out, n);
}

int article_db_rev_insert(struct db *db, int64_t id, const struct article_rev *r)
{
    return db_exec(db, SQL_REV_INSERT,
                   PARAMS(P_INT(id), P_INT(r->rev), r->author_id ? P_INT(r->author_id) : P_NULL,
                          P_INT(r->created_at), P_TEXT(r->title), P_TEXT(r->tags),
                          P_TEXT(r->body_md), P_TEXT(r->summary ? r->summary : ""))) < 0
               ? ERR_DB
               : 0;
}

static void read_rev(struct db_res *res, struct arena *a, struct article_rev *r, int body)
{
    memset(r, 0, sizeof(*r));
    r->rev = db_int(res, 0);
    r->author_id = db_int(res, 1);
    r->author_name = dup(a, db_text(res, 2));
    r->created_at = db_int(res, 3);
    r->title = dup(a, db_text(res, 4));
    r->tags = dup(a, db_text(res, 5));
    r->summary = dup(a, db_text(res, 6));
    r->body_md = body ? dup(a, db_text(res, 7)) : NULL;
}

int article_db_revs(struct db *db, struct arena *a, int64_t id, struct article_rev **out, size_t *n)
{
    struct db_res *res;
    size_t k = 0, cap = 16;
    int rc;
    *out = ARENA_ARRAY(a, struct article_rev, cap);
    *n = 0;
    if (db_query(db, SQL_REVS, PARAMS(P_INT(id)), &res) < 0)
        return ERR_DB;
    while ((rc = db_step(res)) == 1) {
        if (k == cap) {
            struct article_rev *bigger = ARENA_ARRAY(a, struct article_rev, cap * 2);
            memcpy(bigger, *out, cap * sizeof(*bigger));
            *out = bigger;
            cap *= 2;
        }
        read_rev(res, a, &(*out)[k++], 0);
    }
    db_done(res);
    if (rc < 0)
        return ERR_DB;
    *n = k;
    return 0;
}

int article_db_rev_get(struct db *db, struct arena *a, int64_t id, int64_t rev,
                       struct article_rev *out)
{
    struct db_res *res;
    int rc;
    if (db_query(db, SQL_REV_GET, PARAMS(P_INT(id), P_INT(rev)), &res) < 0)
        return ERR_DB;
    rc = db_step(res);
    if (rc == 1)
        read_rev(res, a, out, 1);
    db_done(res);
    return rc == 1 ? 0 : rc == 0 ? ERR_NOTFOUND : ERR_DB;
}

int article_db_links_replace(struct db *db, int64_t id, int64_t cid, const char *const *slugs,
                             size_t n)
{
    size_t i;
    if (db_exec(db, SQL_LINKS_CLEAR, PARAMS(P_INT(id))) < 0)
        return ERR_DB;
    for (i = 0; i < n; i++)
        if (db_exec(db, SQL_LINK_ADD, PARAMS(P_INT(id), P_INT(cid), P_TEXT(slugs[i]))) < 0)
            return ERR_DB;
    return 0;
}

static void read_ref(struct db_res *res, struct arena *a, struct article_ref *r)
{
    r->id = db_int(res, 0);
    r->slug = dup(a, db_text(res, 1));
    r->community_slug = dup(a, db_text(res, 2));
    r->title = dup(a, db_text(res, 3));
    r->status = dup(a, db_text(res, 4));
}

static int get_refs(struct db *db, struct arena *a, const char *sql, const struct db_param *p,
                    int np, size_t max, struct article_ref **out, size_t *n)
{
    struct db_res *res;
    size_t k = 0;
    int rc;
    *out = ARENA_ARRAY(a, struct article_ref, max);
    *n = 0;
    if (db_query(db, sql, p, np, &res) < 0)
        return ERR_DB;
    while ((rc = db_step(res)) == 1 && k < max)
        read_ref(res, a, &(*out)[k++]);
    db_done(res);
    if (rc < 0)
        return ERR_DB;
    *n = k;
    return 0;
}

int article_db_backlinks(struct db *db, struct arena *a, int64_t id, struct article_ref **out,
                         size_t *n)
{
    return get_refs(db, a, SQL_BACKLINKS, PARAMS(P_INT(id)), 200, out, n);
}

int article_db_resolve(struct db *db, struct arena *a, int64_t cid, const char *slug,
                       struct article_ref *out)
{
    struct db_res *res;
    int rc;
    if (db_query(db, SQL_RESOLVE, PARAMS(P_INT(cid), P_TEXT(slug)), &res) < 0)
        return ERR_DB;
    rc = db_step(res);
    if (rc == 1)
        read_ref(res, a, out);
    db_done(res);
    return rc == 1 ? 0 : rc == 0 ? ERR_NOTFOUND : ERR_DB;
}

int article_db_threads_replace(struct db *db, int64_t id, const char *kind, const int64_t *tids,
                               size_t n)
{
    size_t i;
    if (db_exec(db, SQL_THREADS_CLEAR, PARAMS(P_INT(id), P_TEXT(kind))) < 0)
        return ERR_DB;
    for (i = 0; i < n; i++)
        if (article_db_thread_add(db, id, tids[i], kind) < 0)
            return ERR_DB;
    return 0;
}

int article_db_thread_add(struct db *db, int64_t id, int64_t tid, const char *kind)
{
    return db_exec(db, SQL_THREAD_ADD, PARAMS(P_INT(id), P_INT(tid), P_TEXT(kind))) < 0 ? ERR_DB
                                                                                        : 0;
}

int article_db_threads(struct db *db, struct arena *a, int64_t id, struct article_ref **out,
                       size_t *n)
{
    return get_refs(db, a, SQL_THREADS, PARAMS(P_INT(id)), 200, out, n);
}

int article_db_of_thread(struct db *db, struct arena *a, int64_t tid, struct article_ref **out,
                         size_t *n)
{
    return get_refs(db, a, SQL_OF_THREAD, PARAMS(P_INT(tid)), 50, out, n);
}

int article_db_source_of_thread(struct db *db, struct arena *a, int64_t tid,
                                struct article_ref *out)
{
    struct article_ref *refs;
    size_t n = 0;
    int rc = get_refs(db, a, SQL_SOURCE_OF_THREAD, PARAMS(P_INT(tid)), 1, &refs, &n);
    if (rc < 0)
        return rc;
    if (n == 0)
        return ERR_NOTFOUND;
    *out = refs[0];
    return 0;
}

int article_db_mentioned_in(struct db *db, struct arena *a, int64_t cid, const char *path,
                            struct article_ref **out, size_t *n)
{
    struct buf pat = BUF_INIT;
    const char *p;
    size_t i;
    /* LIKE pattern: '%' + path + '%'; any % or _ dropped (slugs never contain them) */
    buf_putc(&pat, '%');
    for (i = 0; path[i]; i++)
        if (path[i] != '%' && path[i] != '_')
            buf_putc(&pat, path[i]);
    buf_putc(&pat, '%');
    p = arena_strdup(a, pat.data);
    buf_release(&pat);
    if (db_kind(db) == DB_SQLITE) {
        /* FTS5: body : "path" (quotes dropped: slugs never contain them); the tokenizer makes
           the quoted path a phrase. PostgreSQL's parser keeps a path as one lexeme glued to
           what precedes it ("localhost:8080/c/x/a/y"), so there the scan stays. */
        struct buf m = BUF_INIT;
        const char *mt;
        buf_puts(&m, "body : \"");
        for (i = 0; path[i]; i++)
            if (path[i] != '"')
                buf_putc(&m, path[i]);
        buf_putc(&m, '"');
        mt = arena_strdup(a, m.err ? "\"\"" : m.data);
        buf_release(&m);
        return get_refs(db, a, SQL_MENTIONED_FTS, PARAMS(P_INT(cid), P_TEXT(p), P_TEXT(mt)), 20,
                        out, n);
    }
    return get_refs(db, a, SQL_MENTIONED, PARAMS(P_INT(cid), P_TEXT(p)), 20, out, n);
}

int article_db_feedback_set(struct db *db, int64_t id, int64_t uid, const char *kind,
                            const char *note, int on, int64_t now)
{
    int rc;
    if (on)
        rc = db_exec(
            db, SQL_FB_SET,
            PARAMS(P_INT(id), P_INT(uid), P_TEXT(kind), P_TEXT(note ? note : ""), P_INT(now)));
    else
        rc = db_exec(db, SQL_FB_DEL, PARAMS(P_INT(id), P_INT(uid), P_TEXT(kind)));
    if (rc < 0 || db_exec(db, SQL_FB_RECOUNT, PARAMS(P_INT(id))) < 0)
        return ERR_DB;
    return 0;
}

int article_db_feedback_has(struct db *db, int64_t id, int64_t uid, const char *kind, int *has)
{
    int64_t n = 0;
    if (db_get_int(db, SQL_FB_HAS, PARAMS(P_INT(id), P_INT(uid), P_TEXT(kind)), &n) < 0)
        return ERR_DB;
    *has = n > 0;
    return 0;
}

int article_db_feedback_notes(struct db *db, struct arena *a, int64_t id,
                              struct article_feedback_note **out, size_t *n)
{
    struct db_res *res;
    size_t k = 0;
    int rc;
    *out = ARENA_ARRAY(a, struct article_feedback_note, 200);
    *n = 0;
    if (db_query(db, SQL_FB_NOTES, PARAMS(P_INT(id)), &res) < 0)
        return ERR_DB;
    while ((rc = db_step(res)) == 1 && k < 200) {
        (*out)[k].user_name = dup(a, db_text(res, 0));
        (*out)[k].note = dup(a, db_text(res, 1));
        (*out)[k].created_at = db_int(res, 2);
        k++;
    }
    db_done(res);
    if (rc < 0)
        return ERR_DB;
    *n = k;
    return 0;
}

int article_db_editors(struct db *db, struct arena *a, int64_t cid, const char **out)
{
    char *s = NULL;
    int rc = db_get_text(db, SQL_EDITORS, PARAMS(P_INT(cid)), &s);
    if (rc < 0)
        return rc == ERR_NOTFOUND ? ERR_NOTFOUND : ERR_DB;
    *out = dup(a, s);
    free(s);
    return 0;
}

int article_db_set_editors(struct db *db, int64_t cid, const char *value)
{
    return db_exec(db, SQL_SET_EDITORS, PARAMS(P_INT(cid), P_TEXT(value))) < 0 ? ERR_DB : 0;
}

int article_db_trusted(struct db *db, int64_t cid, int64_t uid, int *trusted)
{
    int64_t n = 0;
    if (db_get_int(db, SQL_TRUSTED, PARAMS(P_INT(cid), P_INT(uid)), &n) < 0)
        return ERR_DB;
    *trusted = n > 0;
    return 0;
}

int article_db_set_trusted(struct db *db, int64_t cid, int64_t uid, int on)
{
    return db_exec(db, on ? SQL_TRUST_ADD : SQL_TRUST_DEL, PARAMS(P_INT(cid), P_INT(uid))) < 0
               ? ERR_DB
               : 0;
}

int article_db_trusted_list(struct db *db, struct arena *a, int64_t cid, const char ***names,
                            size_t *n)
{
    struct db_res *res;
    size_t k = 0;
    int rc;
    *names = ARENA_ARRAY(a, const char *, 1001);
    *n = 0;
    if (db_query(db, SQL_TRUST_LIST, PARAMS(P_INT(cid)), &res) < 0)
        return ERR_DB;
    while ((rc = db_step(res)) == 1 && k < 1000)
        (*names)[k++] = dup(a, db_text(res, 0));
    db_done(res);
    if (rc < 0)
        return ERR_DB;
    *n = k;
    return 0;
}

int article_db_due_untold(struct db *db, struct arena *a, int64_t uid, int64_t now, int limit,
                          struct article **out, size_t *n)
{
    return get_list(db, a, SQL_DUE_UNTOLD, PARAMS(P_INT(uid), P_INT(now), P_INT(limit)), limit, out,
                    n);
}

int article_db_mark_told(struct db *db, int64_t id)
{
    return db_exec(db, SQL_MARK_TOLD, PARAMS(P_INT(id))) < 0 ? ERR_DB : 0;
}
