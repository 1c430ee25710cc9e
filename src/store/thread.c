/* The SQL catalogue for threads: every statement is a literal below with bound parameters
 * $1..$N, the same text on SQLite and PostgreSQL. See store/thread.h for the contract. The
 * list statements come in one literal per (scope, order) so that each can use its index;
 * the optional filters are parameters that switch themselves off (kind '', flag 0, tag '').
 * Keyset conditions compare against the last row shown: no OFFSET on thread lists. */
#include <stdlib.h>
#include <string.h>

#include "store/search.h"
#include "store/thread.h"
#include "core/util.h"

static const char *const kind_names[THREAD_KIND__MAX] = {"question", "discussion"};

const char *thread_kind_name(enum thread_kind k)
{
    return (unsigned)k < THREAD_KIND__MAX ? kind_names[k] : "discussion";
}

int thread_kind_parse(const char *s, enum thread_kind *out)
{
    int i;
    for (i = 0; s && i < THREAD_KIND__MAX; i++)
        if (!strcmp(s, kind_names[i])) {
            *out = (enum thread_kind)i;
            return 0;
        }
    return -1;
}

static const char *dup(struct arena *a, const char *s)
{
    return arena_strdup(a, s ? s : "");
}

/* ------------------------------------------------------------------------------------------ */
/* Threads */

/* 25 columns, read by read_thread. */
#define THREAD_COLS                                                                                \
    "t.id, t.community_id, c.slug, c.name, t.kind, t.title, t.tags, coalesce(t.author_id, 0), "    \
    "coalesce(u.name, ''), coalesce(u.display_name, ''), t.created_at, t.last_activity_at, "       \
    "coalesce(t.last_post_id, 0), t.post_count, t.reply_count, t.answer_count, t.score, "          \
    "coalesce(t.accepted_post_id, 0), t.locked, t.pinned, coalesce(t.closed_at, 0), "              \
    "t.close_reason, coalesce(t.deleted_at, 0), coalesce(t.moved_from_community_id, 0), "          \
    "coalesce(t.held_at, 0), coalesce(t.coaching_at, 0), coalesce(t.coached_at, 0) "
#define THREAD_FROM                                                                                \
    "FROM threads t JOIN communities c ON c.id = t.community_id "                                  \
    "LEFT JOIN users u ON u.id = t.author_id "

static void split_tags(struct arena *a, struct thread *t)
{
    const char *p = t->tags_text;
    size_t n = 0;
    t->tags = ARENA_ARRAY(a, const char *, 8);
    while (*p && n < 8) {
        const char *s;
        while (*p == ' ')
            p++;
        s = p;
        while (*p && *p != ' ')
            p++;
        if (p > s)
            t->tags[n++] = arena_strndup(a, s, (size_t)(p - s));
    }
    t->ntags = n;
}

static void read_thread(struct db_res *res, struct arena *a, struct thread *t)
{
    memset(t, 0, sizeof(*t));
    t->id = db_int(res, 0);
    t->community_id = db_int(res, 1);
    t->community_slug = dup(a, db_text(res, 2));
    t->community_name = dup(a, db_text(res, 3));
    if (thread_kind_parse(db_text(res, 4), &t->kind) < 0)
        t->kind = THREAD_DISCUSSION;
    t->title = dup(a, db_text(res, 5));
    t->tags_text = dup(a, db_text(res, 6));
    t->author_id = db_int(res, 7);
    t->author_name = dup(a, db_text(res, 8));
    t->author_display = dup(a, db_text(res, 9));
    t->created_at = db_int(res, 10);
    t->last_activity_at = db_int(res, 11);
    t->last_post_id = db_int(res, 12);
    t->post_count = db_int(res, 13);
    t->reply_count = db_int(res, 14);
    t->answer_count = db_int(res, 15);
    t->score = db_int(res, 16);
    t->accepted_post_id = db_int(res, 17);
    t->solved = t->accepted_post_id != 0;
    t->locked = db_int(res, 18) != 0;
    t->pinned = db_int(res, 19) != 0;
    t->closed_at = db_int(res, 20);
    t->close_reason = dup(a, db_text(res, 21));
    t->deleted_at = db_int(res, 22);
    t->moved_from_community_id = db_int(res, 23);
    t->held_at = db_int(res, 24);
    t->coaching_at = db_int(res, 25);
    t->coached_at = db_int(res, 26);
    split_tags(a, t);
}

/* Run a query and read all its thread rows into an arena array. */
static int thread_rows(struct db *db, struct arena *a, const char *sql, const struct db_param *p,
                       int np, size_t cap, struct thread **out, size_t *n)
{
    struct db_res *res;
    int rc = db_query(db, sql, p, np, &res);
    *out = NULL;
    *n = 0;
    if (rc < 0)
        return rc;
    *out = ARENA_ARRAY(a, struct thread, cap ? cap : 1);
    while ((rc = db_step(res)) == 1 && *n < cap)
        read_thread(res, a, &(*out)[(*n)++]);
    db_done(res);
    return rc < 0 ? ERR_DB : 0;
}

static const char SQL_THREAD_GET[] = "SELECT " THREAD_COLS THREAD_FROM "WHERE t.id = $1";

int thread_db_get(struct db *db, struct arena *a, int64_t tid, struct thread *out)
{
    struct thread *rows;
    size_t n;
    int rc = thread_rows(db, a, SQL_THREAD_GET, PARAMS(P_INT(tid)), 1, &rows, &n);
    if (rc < 0)
        return rc;
    if (!n)
        return ERR_NOTFOUND;
    *out = rows[0];
    return 0;
}

static const char SQL_THREAD_INSERT[] =
    "INSERT INTO threads (community_id, kind, title, tags, author_id, created_at, "
    "last_activity_at, deleted_at, held_at) VALUES ($1, $2, $3, $4, $5, $6, $6, $7, $8) "
    "RETURNING id";

int thread_db_insert(struct db *db, struct thread *t)
{
    return db_get_int(db, SQL_THREAD_INSERT,
                      PARAMS(P_INT(t->community_id), P_TEXT(thread_kind_name(t->kind)),
                             P_TEXT(t->title), P_TEXT(t->tags_text ? t->tags_text : ""),
                             t->author_id ? P_INT(t->author_id) : P_NULL, P_INT(t->created_at),
                             t->deleted_at ? P_INT(t->deleted_at) : P_NULL,
                             t->held_at ? P_INT(t->held_at) : P_NULL),
                      &t->id);
}

static const char SQL_NEXT_POS[] =
    "UPDATE threads SET post_count = post_count + 1 WHERE id = $1 RETURNING post_count";

int thread_db_next_position(struct db *db, int64_t tid, int64_t *pos)
{
    return db_get_int(db, SQL_NEXT_POS, PARAMS(P_INT(tid)), pos);
}

static const char SQL_TOUCH[] =
    "UPDATE threads SET last_activity_at = $2 WHERE id = $1 AND last_activity_at < $2";

int thread_db_touch(struct db *db, int64_t tid, int64_t now)
{
    return db_exec(db, SQL_TOUCH, PARAMS(P_INT(tid), P_INT(now))) < 0 ? ERR_DB : 0;
}

static const char SQL_RECOUNT[] =
    "UPDATE threads SET "
    "reply_count = (SELECT count(*) FROM posts p WHERE p.thread_id = $1 AND p.position > 1 "
    "AND p.deleted_at IS NULL AND p.hidden_at IS NULL), "
    "answer_count = CASE WHEN kind = 'question' THEN (SELECT count(*) FROM posts p "
    "WHERE p.thread_id = $1 AND p.position > 1 AND p.deleted_at IS NULL AND p.hidden_at IS NULL) "
    "ELSE 0 END, "
    "score = coalesce((SELECT p.score FROM posts p WHERE p.thread_id = $1 AND p.position = 1), 0), "
    "last_post_id = (SELECT max(p.id) FROM posts p WHERE p.thread_id = $1 AND "
    "p.deleted_at IS NULL AND p.hidden_at IS NULL) "
    "WHERE id = $1";

int thread_db_recount(struct db *db, int64_t tid)
{
    return db_exec(db, SQL_RECOUNT, PARAMS(P_INT(tid))) < 0 ? ERR_DB : 0;
}

static const char SQL_SET_TITLE_TAGS[] = "UPDATE threads SET title = $2, tags = $3 WHERE id = $1";

int thread_db_set_title_tags(struct db *db, int64_t tid, const char *title, const char *tags)
{
    return db_exec(db, SQL_SET_TITLE_TAGS, PARAMS(P_INT(tid), P_TEXT(title), P_TEXT(tags))) < 0
               ? ERR_DB
               : 0;
}

static const char SQL_TAGS_DELETE[] = "DELETE FROM thread_tags WHERE thread_id = $1";
static const char SQL_TAG_INSERT[] =
    "INSERT INTO thread_tags (thread_id, tag) VALUES ($1, $2) ON CONFLICT (thread_id, tag) "
    "DO NOTHING";

int thread_db_tags_replace(struct db *db, int64_t tid, const char *const *tags, size_t n)
{
    size_t i;
    if (db_exec(db, SQL_TAGS_DELETE, PARAMS(P_INT(tid))) < 0)
        return ERR_DB;
    for (i = 0; i < n; i++)
        if (db_exec(db, SQL_TAG_INSERT, PARAMS(P_INT(tid), P_TEXT(tags[i]))) < 0)
            return ERR_DB;
    return 0;
}

static const char SQL_SET_ACCEPTED[] = "UPDATE threads SET accepted_post_id = $2 WHERE id = $1";

int thread_db_set_accepted(struct db *db, int64_t tid, int64_t pid)
{
    return db_exec(db, SQL_SET_ACCEPTED, PARAMS(P_INT(tid), pid ? P_INT(pid) : P_NULL)) < 0 ? ERR_DB
                                                                                            : 0;
}

static const char SQL_SET_LOCKED[] = "UPDATE threads SET locked = $2 WHERE id = $1";
static const char SQL_SET_PINNED[] = "UPDATE threads SET pinned = $2 WHERE id = $1";

int thread_db_set_flag(struct db *db, int64_t tid, int lock_flag, int value)
{
    return db_exec(db, lock_flag ? SQL_SET_LOCKED : SQL_SET_PINNED,
                   PARAMS(P_INT(tid), P_INT(value ? 1 : 0))) < 0
               ? ERR_DB
               : 0;
}

static const char SQL_SET_CLOSED[] =
    "UPDATE threads SET closed_at = $2, close_reason = $3 WHERE id = $1";

int thread_db_set_closed(struct db *db, int64_t tid, int64_t closed_at, const char *reason)
{
    return db_exec(db, SQL_SET_CLOSED,
                   PARAMS(P_INT(tid), closed_at ? P_INT(closed_at) : P_NULL,
                          P_TEXT(reason ? reason : ""))) < 0
               ? ERR_DB
               : 0;
}

static const char SQL_MOVE[] =
    "UPDATE threads SET community_id = $2, moved_from_community_id = $3, pinned = 0 WHERE id = $1";

int thread_db_move(struct db *db, int64_t tid, int64_t to_cid, int64_t from_cid)
{
    return db_exec(db, SQL_MOVE, PARAMS(P_INT(tid), P_INT(to_cid), P_INT(from_cid))) < 0 ? ERR_DB
                                                                                         : 0;
}

static const char SQL_THREAD_DELETED[] = "UPDATE threads SET deleted_at = $2 WHERE id = $1";

int thread_db_set_deleted(struct db *db, int64_t tid, int64_t at)
{
    return db_exec(db, SQL_THREAD_DELETED, PARAMS(P_INT(tid), at ? P_INT(at) : P_NULL)) < 0 ? ERR_DB
                                                                                            : 0;
}

/* ------------------------------------------------------------------------------------------ */
/* Posts ($1 is always the viewer) */

/* 22 columns, read by read_post: POST_COLS_A, the Markdown source (p.body_md, or '' where
   a page view does not need it), POST_COLS_B, then the viewer's vote and like (POST_VIEWER,
   or constant zeros for an anonymous viewer: POST_ANON, no subqueries). */
#define POST_COLS_A                                                                                \
    "p.id, p.thread_id, p.position, coalesce(p.author_id, 0), coalesce(u.name, ''), "              \
    "coalesce(u.display_name, ''), coalesce(p.reply_to_post_id, 0), coalesce(rp.position, 0), "
#define POST_COLS_B                                                                                \
    "p.body_html, p.created_at, coalesce(p.edited_at, 0), p.edit_count, p.score, "                 \
    "p.like_count, coalesce(p.hidden_at, 0), coalesce(hu.name, ''), p.hide_reason, "               \
    "coalesce(p.deleted_at, 0), coalesce(p.held_at, 0), "
#define POST_VIEWER                                                                                \
    "coalesce((SELECT v.value FROM votes v WHERE v.post_id = p.id AND v.user_id = $1), 0), "       \
    "(SELECT count(*) FROM likes l WHERE l.post_id = p.id AND l.user_id = $1) "
#define POST_ANON "0, 0 "
#define POST_COLS POST_COLS_A "p.body_md, " POST_COLS_B POST_VIEWER
#define POST_FROM                                                                                  \
    "FROM posts p LEFT JOIN users u ON u.id = p.author_id "                                        \
    "LEFT JOIN users hu ON hu.id = p.hidden_by LEFT JOIN posts rp ON rp.id = p.reply_to_post_id "

static void read_post(struct db_res *res, struct arena *a, struct post *p)
{
    memset(p, 0, sizeof(*p));
    p->id = db_int(res, 0);
    p->thread_id = db_int(res, 1);
    p->position = db_int(res, 2);
    p->author_id = db_int(res, 3);
    p->author_name = dup(a, db_text(res, 4));
    p->author_display = dup(a, db_text(res, 5));
    p->reply_to_post_id = db_int(res, 6);
    p->reply_to_position = db_int(res, 7);
    p->body_md = dup(a, db_text(res, 8));
    p->body_html = dup(a, db_text(res, 9));
    p->created_at = db_int(res, 10);
    p->edited_at = db_int(res, 11);
    p->edit_count = db_int(res, 12);
    p->score = db_int(res, 13);
    p->like_count = db_int(res, 14);
    p->hidden_at = db_int(res, 15);
    p->hidden_by_name = dup(a, db_text(res, 16));
    p->hide_reason = dup(a, db_text(res, 17));
    p->deleted_at = db_int(res, 18);
    p->held_at = db_int(res, 19);
    p->viewer_vote = (int)db_int(res, 20);
    p->viewer_liked = db_int(res, 21) != 0;
}

static int post_rows(struct db *db, struct arena *a, const char *sql, const struct db_param *p,
                     int np, size_t cap, struct post **out, size_t *n)
{
    struct db_res *res;
    int rc = db_query(db, sql, p, np, &res);
    *out = NULL;
    *n = 0;
    if (rc < 0)
        return rc;
    *out = ARENA_ARRAY(a, struct post, cap ? cap : 1);
    while ((rc = db_step(res)) == 1 && *n < cap)
        read_post(res, a, &(*out)[(*n)++]);
    db_done(res);
    return rc < 0 ? ERR_DB : 0;
}

static const char SQL_POST_INSERT[] =
    "INSERT INTO posts (thread_id, position, author_id, reply_to_post_id, body_md, body_html, "
    "created_at, hidden_at, hide_reason, held_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, "
    "$10) RETURNING id";

int post_db_insert(struct db *db, struct post *p)
{
    return db_get_int(
        db, SQL_POST_INSERT,
        PARAMS(
            P_INT(p->thread_id), P_INT(p->position), p->author_id ? P_INT(p->author_id) : P_NULL,
            p->reply_to_post_id ? P_INT(p->reply_to_post_id) : P_NULL, P_TEXT(p->body_md),
            P_TEXT(p->body_html), P_INT(p->created_at), p->hidden_at ? P_INT(p->hidden_at) : P_NULL,
            P_TEXT(p->hide_reason ? p->hide_reason : ""), p->held_at ? P_INT(p->held_at) : P_NULL),
        &p->id);
}

static const char SQL_POST_GET[] = "SELECT " POST_COLS POST_FROM "WHERE p.id = $2";

int post_db_get(struct db *db, struct arena *a, int64_t pid, int64_t viewer, struct post *out)
{
    struct post *rows;
    size_t n;
    int rc = post_rows(db, a, SQL_POST_GET, PARAMS(P_INT(viewer), P_INT(pid)), 1, &rows, &n);
    if (rc < 0)
        return rc;
    if (!n)
        return ERR_NOTFOUND;
    *out = rows[0];
    return 0;
}

static const char SQL_POST_PAGE_POS[] =
    "SELECT " POST_COLS POST_FROM
    "WHERE p.thread_id = $2 AND p.position > $3 AND p.position <= $4 ORDER BY p.position";

/* Opening post, accepted answer, then score desc, position. */
#define POST_CLASS "(CASE WHEN p.position = 1 THEN 0 WHEN p.id = $3 THEN 1 ELSE 2 END)"
static const char SQL_POST_PAGE_SCORE[] =
    "SELECT " POST_COLS POST_FROM "WHERE p.thread_id = $2 ORDER BY " POST_CLASS
    ", p.score DESC, p.position LIMIT $4 OFFSET $5";

int post_db_page(struct db *db, struct arena *a, int64_t tid, int by_score, int64_t accepted,
                 int64_t offset, int64_t limit, int64_t viewer, struct post **out, size_t *n)
{
    if (!by_score)
        return post_rows(db, a, SQL_POST_PAGE_POS,
                         PARAMS(P_INT(viewer), P_INT(tid), P_INT(offset), P_INT(offset + limit)),
                         (size_t)limit, out, n);
    return post_rows(
        db, a, SQL_POST_PAGE_SCORE,
        PARAMS(P_INT(viewer), P_INT(tid), P_INT(accepted), P_INT(limit), P_INT(offset)),
        (size_t)limit, out, n);
}

/* The page queries for a rendered page: body_md is not read ('' in its place), and for the
   anonymous viewer (ANON: the parameters renumbered without the viewer) no vote/like
   subqueries. */
#define POST_VIEW_POS_WHERE(T, LO, HI)                                                             \
    "WHERE p.thread_id = " T " AND p.position > " LO " AND p.position <= " HI " ORDER BY "         \
    "p.position"
static const char SQL_POST_VIEW_POS[] =
    "SELECT " POST_COLS_A
    "'', " POST_COLS_B POST_VIEWER POST_FROM POST_VIEW_POS_WHERE("$2", "$3", "$4");
static const char SQL_POST_VIEW_POS_ANON[] =
    "SELECT " POST_COLS_A
    "'', " POST_COLS_B POST_ANON POST_FROM POST_VIEW_POS_WHERE("$1", "$2", "$3");
#define POST_VIEW_SCORE_WHERE(T, ACC, LIM, OFF)                                                    \
    "WHERE p.thread_id = " T " ORDER BY (CASE WHEN p.position = 1 THEN 0 WHEN p.id = " ACC         \
    " THEN 1 ELSE 2 END), p.score DESC, p.position LIMIT " LIM " OFFSET " OFF
static const char SQL_POST_VIEW_SCORE[] =
    "SELECT " POST_COLS_A
    "'', " POST_COLS_B POST_VIEWER POST_FROM POST_VIEW_SCORE_WHERE("$2", "$3", "$4", "$5");
static const char SQL_POST_VIEW_SCORE_ANON[] =
    "SELECT " POST_COLS_A
    "'', " POST_COLS_B POST_ANON POST_FROM POST_VIEW_SCORE_WHERE("$1", "$2", "$3", "$4");

int post_db_page_view(struct db *db, struct arena *a, int64_t tid, int by_score, int64_t accepted,
                      int64_t offset, int64_t limit, int64_t viewer, struct post **out, size_t *n)
{
    if (!by_score && !viewer)
        return post_rows(db, a, SQL_POST_VIEW_POS_ANON,
                         PARAMS(P_INT(tid), P_INT(offset), P_INT(offset + limit)), (size_t)limit,
                         out, n);
    if (!by_score)
        return post_rows(db, a, SQL_POST_VIEW_POS,
                         PARAMS(P_INT(viewer), P_INT(tid), P_INT(offset), P_INT(offset + limit)),
                         (size_t)limit, out, n);
    if (!viewer)
        return post_rows(db, a, SQL_POST_VIEW_SCORE_ANON,
                         PARAMS(P_INT(tid), P_INT(accepted), P_INT(limit), P_INT(offset)),
                         (size_t)limit, out, n);
    return post_rows(
        db, a, SQL_POST_VIEW_SCORE,
        PARAMS(P_INT(viewer), P_INT(tid), P_INT(accepted), P_INT(limit), P_INT(offset)),
        (size_t)limit, out, n);
}

static const char SQL_POST_RANK[] =
    "SELECT count(*) FROM posts q WHERE q.thread_id = $1 AND ("
    "(CASE WHEN q.position = 1 THEN 0 WHEN q.id = $2 THEN 1 ELSE 2 END) < CAST($3 AS BIGINT) OR "
    "((CASE WHEN q.position = 1 THEN 0 WHEN q.id = $2 THEN 1 ELSE 2 END) = CAST($3 AS BIGINT) "
    "AND (q.score > CAST($4 AS BIGINT) OR (q.score = CAST($4 AS BIGINT) AND q.position < $5))))";

int post_db_rank(struct db *db, const struct post *p, int by_score, int64_t accepted, int64_t *rank)
{
    int64_t cls;
    if (!by_score) {
        *rank = p->position - 1;
        return 0;
    }
    cls = p->position == 1 ? 0 : p->id == accepted ? 1 : 2;
    return db_get_int(db, SQL_POST_RANK,
                      PARAMS(P_INT(p->thread_id), P_INT(accepted), P_INT(cls), P_INT(p->score),
                             P_INT(p->position)),
                      rank);
}

static const char SQL_POST_BODY[] =
    "UPDATE posts SET body_md = $2, body_html = $3, edited_at = $4, edit_count = edit_count + 1 "
    "WHERE id = $1";

int post_db_update_body(struct db *db, int64_t pid, const char *md, const char *html, int64_t now)
{
    return db_exec(db, SQL_POST_BODY, PARAMS(P_INT(pid), P_TEXT(md), P_TEXT(html), P_INT(now))) < 0
               ? ERR_DB
               : 0;
}

static const char SQL_POST_HIDE[] =
    "UPDATE posts SET hidden_at = $2, hidden_by = $3, hide_reason = $4 WHERE id = $1";

int post_db_set_hidden(struct db *db, int64_t pid, int64_t at, int64_t by, const char *reason)
{
    return db_exec(db, SQL_POST_HIDE,
                   PARAMS(P_INT(pid), at ? P_INT(at) : P_NULL, by ? P_INT(by) : P_NULL,
                          P_TEXT(reason ? reason : ""))) < 0
               ? ERR_DB
               : 0;
}

static const char SQL_POST_DELETE[] = "UPDATE posts SET deleted_at = $2 WHERE id = $1";

int post_db_set_deleted(struct db *db, int64_t pid, int64_t at)
{
    return db_exec(db, SQL_POST_DELETE, PARAMS(P_INT(pid), at ? P_INT(at) : P_NULL)) < 0 ? ERR_DB
                                                                                         : 0;
}

/* ------------------------------------------------------------------------------------------ */
/* Revisions */

static const char SQL_REV_INSERT[] =
    "INSERT INTO post_revisions (post_id, rev, author_id, created_at, title, tags, body_md, "
    "summary) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";

int revision_db_insert(struct db *db, const struct post_revision *r)
{
    return db_exec(db, SQL_REV_INSERT,
                   PARAMS(P_INT(r->post_id), P_INT(r->rev),
                          r->author_id ? P_INT(r->author_id) : P_NULL, P_INT(r->created_at),
                          P_TEXT(r->title), P_TEXT(r->tags), P_TEXT(r->body_md),
                          P_TEXT(r->summary ? r->summary : ""))) < 0
               ? ERR_DB
               : 0;
}

#define REV_COLS                                                                                   \
    "r.id, r.post_id, r.rev, coalesce(r.author_id, 0), coalesce(u.name, ''), r.created_at, "       \
    "r.title, r.tags, r.body_md, r.summary "                                                       \
    "FROM post_revisions r LEFT JOIN users u ON u.id = r.author_id "

static const char SQL_REV_LIST[] =
    "SELECT " REV_COLS "WHERE r.post_id = $1 ORDER BY r.rev DESC LIMIT 1000";
static const char SQL_REV_GET[] = "SELECT " REV_COLS "WHERE r.post_id = $1 AND r.rev = $2";

static void read_rev(struct db_res *res, struct arena *a, struct post_revision *r)
{
    memset(r, 0, sizeof(*r));
    r->id = db_int(res, 0);
    r->post_id = db_int(res, 1);
    r->rev = db_int(res, 2);
    r->author_id = db_int(res, 3);
    r->author_name = dup(a, db_text(res, 4));
    r->created_at = db_int(res, 5);
    r->title = db_isnull(res, 6) ? NULL : dup(a, db_text(res, 6));
    r->tags = db_isnull(res, 7) ? NULL : dup(a, db_text(res, 7));
    r->body_md = dup(a, db_text(res, 8));
    r->summary = dup(a, db_text(res, 9));
}

static int rev_rows(struct db *db, struct arena *a, const char *sql, const struct db_param *p,
                    int np, size_t cap, struct post_revision **out, size_t *n)
{
    struct db_res *res;
    int rc = db_query(db, sql, p, np, &res);
    *out = NULL;
    *n = 0;
    if (rc < 0)
        return rc;
    *out = ARENA_ARRAY(a, struct post_revision, cap);
    while ((rc = db_step(res)) == 1 && *n < cap)
        read_rev(res, a, &(*out)[(*n)++]);
    db_done(res);
    return rc < 0 ? ERR_DB : 0;
}

int revision_db_list(struct db *db, struct arena *a, int64_t pid, struct post_revision **out,
                     size_t *n)
{
    return rev_rows(db, a, SQL_REV_LIST, PARAMS(P_INT(pid)), 1000, out, n);
}

int revision_db_get(struct db *db, struct arena *a, int64_t pid, int64_t rev,
                    struct post_revision *out)
{
    struct post_revision *rows;
    size_t n;
    int rc = rev_rows(db, a, SQL_REV_GET, PARAMS(P_INT(pid), P_INT(rev)), 1, &rows, &n);
    if (rc < 0)
        return rc;
    if (!n)
        return ERR_NOTFOUND;
    *out = rows[0];
    return 0;
}

/* ------------------------------------------------------------------------------------------ */
/* Votes and likes */

static const char SQL_VOTE_UPSERT[] =
    "INSERT INTO votes (post_id, user_id, value, created_at) VALUES ($1, $2, $3, $4) "
    "ON CONFLICT (post_id, user_id) DO UPDATE SET value = excluded.value, "
    "created_at = excluded.created_at";
static const char SQL_VOTE_DELETE[] = "DELETE FROM votes WHERE post_id = $1 AND user_id = $2";
static const char SQL_SCORE[] =
    "UPDATE posts SET score = base_score + coalesce((SELECT CAST(sum(v.value) AS BIGINT) "
    "FROM votes v WHERE v.post_id = $1), 0) WHERE id = $1 RETURNING score";

int vote_db_set(struct db *db, int64_t pid, int64_t uid, int value, int64_t now, int64_t *score)
{
    int rc = value ? db_exec(db, SQL_VOTE_UPSERT,
                             PARAMS(P_INT(pid), P_INT(uid), P_INT(value), P_INT(now)))
                   : db_exec(db, SQL_VOTE_DELETE, PARAMS(P_INT(pid), P_INT(uid)));
    if (rc < 0)
        return ERR_DB;
    return db_get_int(db, SQL_SCORE, PARAMS(P_INT(pid)), score);
}

static const char SQL_LIKE_ADD[] =
    "INSERT INTO likes (post_id, user_id, created_at) VALUES ($1, $2, $3) "
    "ON CONFLICT (post_id, user_id) DO NOTHING";
static const char SQL_LIKE_DELETE[] = "DELETE FROM likes WHERE post_id = $1 AND user_id = $2";
static const char SQL_LIKES[] =
    "UPDATE posts SET like_count = (SELECT count(*) FROM likes l WHERE l.post_id = $1) "
    "WHERE id = $1 RETURNING like_count";

int like_db_set(struct db *db, int64_t pid, int64_t uid, int on, int64_t now, int64_t *count)
{
    int rc = on ? db_exec(db, SQL_LIKE_ADD, PARAMS(P_INT(pid), P_INT(uid), P_INT(now)))
                : db_exec(db, SQL_LIKE_DELETE, PARAMS(P_INT(pid), P_INT(uid)));
    if (rc < 0)
        return ERR_DB;
    return db_get_int(db, SQL_LIKES, PARAMS(P_INT(pid)), count);
}

/* ------------------------------------------------------------------------------------------ */
/* Mentions */

static const char SQL_MENTIONS_DELETE[] = "DELETE FROM mentions WHERE post_id = $1";
static const char SQL_MENTION_ADD[] =
    "INSERT INTO mentions (post_id, user_id) SELECT $1, u.id FROM users u WHERE u.name_key = $2 "
    "ON CONFLICT (post_id, user_id) DO NOTHING";
static const char SQL_USER_EXISTS[] = "SELECT count(*) FROM users WHERE name_key = $1";

/* Lower-case ASCII copy (names are ASCII) into out[size]. */
static void name_key(const char *name, char *out, size_t size)
{
    size_t i;
    for (i = 0; name[i] && i + 1 < size; i++)
        out[i] = (name[i] >= 'A' && name[i] <= 'Z') ? (char)(name[i] - 'A' + 'a') : name[i];
    out[i] = '\0';
}

int mention_db_replace(struct db *db, int64_t pid, const char *const *names, size_t n)
{
    size_t i;
    char key[64];
    if (db_exec(db, SQL_MENTIONS_DELETE, PARAMS(P_INT(pid))) < 0)
        return ERR_DB;
    for (i = 0; i < n; i++) {
        name_key(names[i], key, sizeof(key));
        if (db_exec(db, SQL_MENTION_ADD,
                    PARAMS(P_INT(pid), ((struct db_param){DBP_TEXT, 0, key}))) < 0)
            return ERR_DB;
    }
    return 0;
}

int mention_db_user_exists(struct db *db, const char *name, int *exists)
{
    char key[64];
    int64_t n = 0;
    name_key(name, key, sizeof(key));
    if (db_get_int(db, SQL_USER_EXISTS, PARAMS(((struct db_param){DBP_TEXT, 0, key})), &n) < 0)
        return ERR_DB;
    *exists = n > 0;
    return 0;
}

/* ------------------------------------------------------------------------------------------ */
/* Tag proposals */

static const char SQL_PROPOSAL_ADD[] =
    "INSERT INTO tag_proposals (community_id, tag, proposed_by, created_at) VALUES ($1, $2, $3, "
    "$4) ON CONFLICT (community_id, tag) DO NOTHING";
static const char SQL_PROPOSAL_LIST[] =
    "SELECT p.tag, coalesce(u.name, ''), p.created_at FROM tag_proposals p "
    "LEFT JOIN users u ON u.id = p.proposed_by WHERE p.community_id = $1 "
    "AND NOT EXISTS (SELECT 1 FROM community_tags ct WHERE ct.community_id = p.community_id "
    "AND ct.tag = p.tag) ORDER BY p.created_at DESC, p.tag LIMIT 500";
static const char SQL_PROPOSALS_ON[] = "SELECT tag_proposals FROM communities WHERE id = $1";
static const char SQL_PROPOSALS_SET[] = "UPDATE communities SET tag_proposals = $2 WHERE id = $1";

int tag_proposal_db_add(struct db *db, int64_t cid, const char *tag, int64_t uid, int64_t now)
{
    return db_exec(db, SQL_PROPOSAL_ADD,
                   PARAMS(P_INT(cid), P_TEXT(tag), uid ? P_INT(uid) : P_NULL, P_INT(now))) < 0
               ? ERR_DB
               : 0;
}

int tag_proposal_db_list(struct db *db, struct arena *a, int64_t cid, struct tag_proposal **out,
                         size_t *n)
{
    struct db_res *res;
    int rc = db_query(db, SQL_PROPOSAL_LIST, PARAMS(P_INT(cid)), &res);
    *n = 0;
    *out = ARENA_ARRAY(a, struct tag_proposal, 500);
    if (rc < 0)
        return rc;
    while ((rc = db_step(res)) == 1 && *n < 500) {
        struct tag_proposal *t = &(*out)[(*n)++];
        t->tag = dup(a, db_text(res, 0));
        t->proposed_by = dup(a, db_text(res, 1));
        t->created_at = db_int(res, 2);
    }
    db_done(res);
    return rc < 0 ? ERR_DB : 0;
}

int tag_proposal_db_enabled(struct db *db, int64_t cid, int *on)
{
    int64_t v = 0;
    int rc = db_get_int(db, SQL_PROPOSALS_ON, PARAMS(P_INT(cid)), &v);
    *on = v != 0;
    return rc;
}

int tag_proposal_db_set_enabled(struct db *db, int64_t cid, int on)
{
    return db_exec(db, SQL_PROPOSALS_SET, PARAMS(P_INT(cid), P_INT(on ? 1 : 0))) < 0 ? ERR_DB : 0;
}

/* ------------------------------------------------------------------------------------------ */
/* Audit log */

static const char SQL_AUDIT_ADD[] =
    "INSERT INTO audit_log (community_id, actor_id, action, thread_id, post_id, detail, "
    "created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)";
static const char SQL_AUDIT_LIST[] =
    "SELECT a.id, a.community_id, coalesce(u.name, ''), a.action, coalesce(a.thread_id, 0), "
    "coalesce(a.post_id, 0), coalesce(t.title, ''), a.detail, a.created_at FROM audit_log a "
    "LEFT JOIN users u ON u.id = a.actor_id LEFT JOIN threads t ON t.id = a.thread_id "
    "WHERE a.community_id = $1 AND a.id < $2 ORDER BY a.id DESC LIMIT $3";

int audit_db_add(struct db *db, int64_t cid, int64_t actor, const char *action, int64_t tid,
                 int64_t pid, const char *detail, int64_t now)
{
    return db_exec(db, SQL_AUDIT_ADD,
                   PARAMS(P_INT(cid), actor ? P_INT(actor) : P_NULL, P_TEXT(action),
                          tid ? P_INT(tid) : P_NULL, pid ? P_INT(pid) : P_NULL,
                          P_TEXT(detail ? detail : ""), P_INT(now))) < 0
               ? ERR_DB
               : 0;
}

int audit_db_list(struct db *db, struct arena *a, int64_t cid, int64_t before, int limit,
                  struct audit_entry **out, size_t *n)
{
    struct db_res *res;
    int rc =
        db_query(db, SQL_AUDIT_LIST,
                 PARAMS(P_INT(cid), P_INT(before > 0 ? before : INT64_MAX), P_INT(limit)), &res);
    *n = 0;
    *out = ARENA_ARRAY(a, struct audit_entry, (size_t)limit + 1);
    if (rc < 0)
        return rc;
    while ((rc = db_step(res)) == 1 && *n < (size_t)limit) {
        struct audit_entry *e = &(*out)[(*n)++];
        e->id = db_int(res, 0);
        e->community_id = db_int(res, 1);
        e->actor_name = dup(a, db_text(res, 2));
        e->action = dup(a, db_text(res, 3));
        e->thread_id = db_int(res, 4);
        e->post_id = db_int(res, 5);
        e->thread_title = dup(a, db_text(res, 6));
        e->detail = dup(a, db_text(res, 7));
        e->created_at = db_int(res, 8);
    }
    db_done(res);
    return rc < 0 ? ERR_DB : 0;
}

/* ------------------------------------------------------------------------------------------ */
/* Drafts */

static const char SQL_DRAFT_SAVE[] =
    "INSERT INTO drafts (user_id, draft_key, title, body, tags, kind, updated_at) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (user_id, draft_key) DO UPDATE SET "
    "title = excluded.title, body = excluded.body, tags = excluded.tags, kind = excluded.kind, "
    "updated_at = excluded.updated_at";
static const char SQL_DRAFT_GET[] =
    "SELECT draft_key, title, body, tags, kind, updated_at FROM drafts "
    "WHERE user_id = $1 AND draft_key = $2";
static const char SQL_DRAFT_DELETE[] = "DELETE FROM drafts WHERE user_id = $1 AND draft_key = $2";

int draft_db_save(struct db *db, int64_t uid, const struct draft *d, int64_t now)
{
    return db_exec(db, SQL_DRAFT_SAVE,
                   PARAMS(P_INT(uid), P_TEXT(d->key), P_TEXT(d->title ? d->title : ""),
                          P_TEXT(d->body ? d->body : ""), P_TEXT(d->tags ? d->tags : ""),
                          P_TEXT(d->kind ? d->kind : ""), P_INT(now))) < 0
               ? ERR_DB
               : 0;
}

int draft_db_get(struct db *db, struct arena *a, int64_t uid, const char *key, struct draft *out)
{
    struct db_res *res;
    int rc = db_query(db, SQL_DRAFT_GET, PARAMS(P_INT(uid), ((struct db_param){DBP_TEXT, 0, key})),
                      &res);
    if (rc < 0)
        return rc;
    rc = db_step(res);
    if (rc == 1) {
        out->key = dup(a, db_text(res, 0));
        out->title = dup(a, db_text(res, 1));
        out->body = dup(a, db_text(res, 2));
        out->tags = dup(a, db_text(res, 3));
        out->kind = dup(a, db_text(res, 4));
        out->updated_at = db_int(res, 5);
    }
    db_done(res);
    return rc < 0 ? ERR_DB : rc == 0 ? ERR_NOTFOUND : 0;
}

int draft_db_delete(struct db *db, int64_t uid, const char *key)
{
    return db_exec(db, SQL_DRAFT_DELETE,
                   PARAMS(P_INT(uid), ((struct db_param){DBP_TEXT, 0, key}))) < 0
               ? ERR_DB
               : 0;
}

/* ------------------------------------------------------------------------------------------ */
/* Lists */

/* Filters, parameters $1..$7: $1 community id (community scope) or viewer (instance scope),
   $2 kind, $3 unanswered, $4 unsolved (1) or solved (-1), $5 tag, $6 mine, $7 since. */
#define LIST_FILTERS                                                                               \
    "t.deleted_at IS NULL AND (CAST($2 AS TEXT) = '' OR t.kind = $2) "                             \
    "AND (CAST($3 AS BIGINT) = 0 OR (t.kind = 'question' AND t.answer_count = 0)) "                \
    "AND (CAST($4 AS BIGINT) = 0 OR (t.kind = 'question' AND (CAST($4 AS BIGINT) = 1) = "          \
    "(t.accepted_post_id IS NULL))) "                                                              \
    "AND (CAST($5 AS TEXT) = '' OR EXISTS (SELECT 1 FROM thread_tags tt WHERE "                    \
    "tt.thread_id = t.id AND tt.tag = $5)) "                                                       \
    "AND (CAST($6 AS BIGINT) = 0 OR t.author_id = $6 OR EXISTS (SELECT 1 FROM posts mp WHERE "     \
    "mp.thread_id = t.id AND mp.author_id = $6 AND mp.deleted_at IS NULL)) "                       \
    "AND t.created_at >= CAST($7 AS BIGINT) "
#define SCOPE_COMMUNITY "AND t.community_id = $1 "
/* $8 = see_all */
#define SCOPE_INSTANCE                                                                             \
    "AND (CAST($8 AS BIGINT) = 1 OR c.visibility = 'public' OR (c.visibility = 'members' AND "     \
    "CAST($1 AS BIGINT) <> 0) OR EXISTS (SELECT 1 FROM memberships m WHERE "                       \
    "m.community_id = t.community_id AND m.user_id = CAST($1 AS BIGINT))) "

static const char SQL_LIST_C_PINNED[] =
    "SELECT " THREAD_COLS THREAD_FROM "WHERE " LIST_FILTERS SCOPE_COMMUNITY
    "AND (t.pinned < CAST($8 AS BIGINT) OR (t.pinned = CAST($8 AS BIGINT) AND "
    "(t.last_activity_at < CAST($9 AS BIGINT) OR (t.last_activity_at = CAST($9 AS BIGINT) AND "
    "t.id < CAST($10 AS BIGINT))))) "
    "ORDER BY t.pinned DESC, t.last_activity_at DESC, t.id DESC LIMIT $11";
static const char SQL_LIST_C_ACTIVITY[] =
    "SELECT " THREAD_COLS THREAD_FROM "WHERE " LIST_FILTERS SCOPE_COMMUNITY
    "AND (t.last_activity_at < CAST($8 AS BIGINT) OR (t.last_activity_at = CAST($8 AS BIGINT) "
    "AND t.id < CAST($9 AS BIGINT))) "
    "ORDER BY t.last_activity_at DESC, t.id DESC LIMIT $10";
static const char SQL_LIST_C_SCORE[] =
    "SELECT " THREAD_COLS THREAD_FROM "WHERE " LIST_FILTERS SCOPE_COMMUNITY
    "AND (t.score < CAST($8 AS BIGINT) OR (t.score = CAST($8 AS BIGINT) "
    "AND t.id < CAST($9 AS BIGINT))) "
    "ORDER BY t.score DESC, t.id DESC LIMIT $10";
static const char SQL_LIST_I_ACTIVITY[] =
    "SELECT " THREAD_COLS THREAD_FROM "WHERE " LIST_FILTERS SCOPE_INSTANCE
    "AND (t.last_activity_at < CAST($9 AS BIGINT) OR (t.last_activity_at = CAST($9 AS BIGINT) "
    "AND t.id < CAST($10 AS BIGINT))) "
    "ORDER BY t.last_activity_at DESC, t.id DESC LIMIT $11";
static const char SQL_LIST_I_SCORE[] =
    "SELECT " THREAD_COLS THREAD_FROM "WHERE " LIST_FILTERS SCOPE_INSTANCE
    "AND (t.score < CAST($9 AS BIGINT) OR (t.score = CAST($9 AS BIGINT) "
    "AND t.id < CAST($10 AS BIGINT))) "
    "ORDER BY t.score DESC, t.id DESC LIMIT $11";
/* The communities the viewer may read ($1 viewer, $8 see_all): the same rule as
   SCOPE_INSTANCE, as a set of ids, so that the statements below can walk threads_latest
   community by community instead of the whole instance. */
#define READABLE_IDS(V, ALL)                                                                       \
    "(SELECT rc.id FROM communities rc WHERE CAST(" ALL " AS BIGINT) = 1 OR "                      \
    "rc.visibility = 'public' OR (rc.visibility = 'members' AND CAST(" V " AS BIGINT) <> 0) OR "   \
    "EXISTS (SELECT 1 FROM memberships m WHERE m.community_id = rc.id AND "                        \
    "m.user_id = CAST(" V " AS BIGINT))) "
/* Instance lists for a viewer who can read few threads (see thread_db_list): the readable
   communities' slices of threads_latest / threads_top, merged and sorted (at most
   THREAD_DB_COUNT_MAX rows), instead of a scan of the instance index that would skip over
   everything unreadable (1.6 s at 100k threads for a viewer who can read none of them, against
   0.5 ms). The unary + in ORDER BY keeps SQLite from choosing threads_all_* for the order. */
static const char SQL_LIST_I_ACTIVITY_FEW[] =
    "SELECT " THREAD_COLS THREAD_FROM "WHERE " LIST_FILTERS "AND t.community_id IN " READABLE_IDS(
        "$1", "$8") "AND (t.last_activity_at < CAST($9 AS BIGINT) OR (t.last_activity_at = CAST($9 "
                    "AS BIGINT) "
                    "AND t.id < CAST($10 AS BIGINT))) "
                    "ORDER BY +t.last_activity_at DESC, +t.id DESC LIMIT $11";
static const char SQL_LIST_I_SCORE_FEW[] =
    "SELECT " THREAD_COLS THREAD_FROM "WHERE " LIST_FILTERS "AND t.community_id IN " READABLE_IDS(
        "$1", "$8") "AND (t.score < CAST($9 AS BIGINT) OR (t.score = CAST($9 AS BIGINT) "
                    "AND t.id < CAST($10 AS BIGINT))) "
                    "ORDER BY +t.score DESC, +t.id DESC LIMIT $11";

/* Counts stop at THREAD_DB_COUNT_MAX + 1 rows (the domain shows "10,000+"): a count never
   costs more than that many index entries, whatever the instance's size. The plain lists
   (no kind, tag, mine, unanswered/unsolved or period filter: latest and top of all time)
   count index entries only: (community_id, deleted_at) of threads_latest. */
#define COUNT_CAP "10001" /* THREAD_DB_COUNT_MAX + 1 */
static const char SQL_COUNT_C[] =
    "SELECT count(*) FROM (SELECT 1 FROM threads t WHERE " LIST_FILTERS SCOPE_COMMUNITY
    "LIMIT " COUNT_CAP ") x";
static const char SQL_COUNT_I[] =
    "SELECT count(*) FROM (SELECT 1 FROM threads t WHERE " LIST_FILTERS
    "AND t.community_id IN " READABLE_IDS("$1", "$8") "LIMIT " COUNT_CAP ") x";
static const char SQL_COUNT_PLAIN_C[] =
    "SELECT count(*) FROM (SELECT 1 FROM threads t WHERE t.community_id = $1 "
    "AND t.deleted_at IS NULL LIMIT " COUNT_CAP ") x";
static const char SQL_COUNT_PLAIN_I[] =
    "SELECT count(*) FROM (SELECT 1 FROM threads t WHERE t.deleted_at IS NULL "
    "AND t.community_id IN " READABLE_IDS("$1", "$2") "LIMIT " COUNT_CAP ") x";

/* The seven filter parameters into p[0..7); returns 7. */
static int filter_params(const struct thread_db_filter *f, struct db_param *p)
{
    p[0] = P_INT(f->community_id ? f->community_id : f->viewer);
    p[1] = P_TEXT(f->kind ? f->kind : "");
    p[2] = P_INT(f->unanswered ? 1 : 0);
    p[3] = P_INT(f->unsolved ? 1 : f->solved ? -1 : 0);
    p[4] = P_TEXT(f->tag ? f->tag : "");
    p[5] = P_INT(f->mine);
    p[6] = P_INT(f->since);
    return 7;
}

int thread_db_list(struct db *db, struct arena *a, const struct thread_db_filter *f,
                   struct thread **out, size_t *n)
{
    struct db_param p[12];
    int np = filter_params(f, p);
    const char *sql;
    if (!f->community_id)
        p[np++] = P_INT(f->see_all ? 1 : 0);
    if (f->community_id && f->order == TDB_PINNED) {
        sql = SQL_LIST_C_PINNED;
        p[np++] = P_INT(f->ka);
    } else if (f->community_id) {
        sql = f->order == TDB_SCORE ? SQL_LIST_C_SCORE : SQL_LIST_C_ACTIVITY;
    } else {
        /* Across the instance, two plans: scan the instance index (threads_all_*) skipping
           unreadable rows, which is best when most threads are readable, or merge the
           readable communities' slices, best when few are. The plain count (capped, index
           only, well under a millisecond) tells which: a viewer who can read at most
           THREAD_DB_COUNT_MAX threads gets the merge, which then sorts at most that many. */
        int64_t readable = 0;
        if (db_get_int(db, SQL_COUNT_PLAIN_I, PARAMS(P_INT(f->viewer), P_INT(f->see_all ? 1 : 0)),
                       &readable) < 0)
            return ERR_DB;
        if (readable <= THREAD_DB_COUNT_MAX)
            sql = f->order == TDB_SCORE ? SQL_LIST_I_SCORE_FEW : SQL_LIST_I_ACTIVITY_FEW;
        else
            sql = f->order == TDB_SCORE ? SQL_LIST_I_SCORE : SQL_LIST_I_ACTIVITY;
    }
    p[np++] = P_INT(f->kb);
    p[np++] = P_INT(f->kid);
    p[np++] = P_INT(f->limit);
    return thread_rows(db, a, sql, p, np, (size_t)f->limit, out, n);
}

int thread_db_count(struct db *db, const struct thread_db_filter *f, int64_t *total)
{
    struct db_param p[8];
    int np;
    if (!(f->kind && *f->kind) && !f->unanswered && !f->unsolved && !f->solved &&
        !(f->tag && *f->tag) && !f->mine && !f->since) {
        if (f->community_id)
            return db_get_int(db, SQL_COUNT_PLAIN_C, PARAMS(P_INT(f->community_id)), total);
        return db_get_int(db, SQL_COUNT_PLAIN_I,
                          PARAMS(P_INT(f->viewer), P_INT(f->see_all ? 1 : 0)), total);
    }
    np = filter_params(f, p);
    if (!f->community_id)
        p[np++] = P_INT(f->see_all ? 1 : 0);
    return db_get_int(db, f->community_id ? SQL_COUNT_C : SQL_COUNT_I, p, np, total);
}

/* Similar threads, on the search index (store/search.c, the search migration): opening-post
   documents matching any of the words, ranked with the title weighted over the body.
   $1 community (0 = any), $2 viewer, $3 see_all, $4 match text, $5 excluded id, $6 limit,
   $7 window floor (search_db_window: on SQLite only the newest SEARCH_RANK_WINDOW matches). */
#define SIM_WHERE                                                                                  \
    "d.kind = 'thread' AND t.deleted_at IS NULL AND t.id <> $5 "                                   \
    "AND (CAST($1 AS BIGINT) = 0 OR t.community_id = $1) "                                         \
    "AND (CAST($3 AS BIGINT) = 1 OR c.visibility = 'public' OR (c.visibility = 'members' AND "     \
    "CAST($2 AS BIGINT) <> 0) OR EXISTS (SELECT 1 FROM memberships m WHERE "                       \
    "m.community_id = t.community_id AND m.user_id = CAST($2 AS BIGINT))) "
static const char SQL_SIMILAR_SQLITE[] =
    "SELECT " THREAD_COLS "FROM search_fts JOIN search_docs d ON d.id = search_fts.rowid "
    "JOIN threads t ON t.id = d.thread_id JOIN communities c ON c.id = t.community_id "
    "LEFT JOIN users u ON u.id = t.author_id WHERE search_fts MATCH $4 "
    "AND search_fts.rowid >= CAST($7 AS BIGINT) AND " SIM_WHERE "ORDER BY rank LIMIT $6";
static const char SQL_SIMILAR_PG[] =
    "SELECT " THREAD_COLS "FROM search_docs d "
    "CROSS JOIN to_tsquery('praxis_search', CAST($4 AS TEXT)) tq "
    "JOIN threads t ON t.id = d.thread_id JOIN communities c ON c.id = t.community_id "
    "LEFT JOIN users u ON u.id = t.author_id WHERE d.tsv @@ tq AND d.id >= CAST($7 AS BIGINT) "
    "AND " SIM_WHERE "ORDER BY ts_rank('{0.1, 0.2, 0.2, 1.0}', d.tsv, tq) DESC, t.id DESC LIMIT $6";

int thread_db_similar(struct db *db, struct arena *a, int64_t cid, int64_t viewer, int see_all,
                      const char *const *words, size_t nw, int64_t exclude, int limit,
                      struct thread **out, size_t *n)
{
    const char *match = search_db_any_words(db, a, words, nw);
    return thread_rows(db, a, db_kind(db) == DB_PG ? SQL_SIMILAR_PG : SQL_SIMILAR_SQLITE,
                       PARAMS(P_INT(cid), P_INT(viewer), P_INT(see_all ? 1 : 0), P_TEXT(match),
                              P_INT(exclude), P_INT(limit), P_INT(search_db_window(db, match))),
                       (size_t)limit, out, n);
}
