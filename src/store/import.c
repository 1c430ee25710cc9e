/* SQL for imports (see import.h): mapping, attribution, imported rows, thread-page extras
 * (attribution, comments, links) and account claim links. */
#include <string.h>

#include "store/import.h"
#include "core/util.h"

#define OPT(v) ((v) ? P_INT(v) : P_NULL)

static int exec0(struct db *db, const char *sql, const struct db_param *p, int np)
{
    int rc = db_exec(db, sql, p, np);
    return rc < 0 ? rc : 0;
}

int import_db_map_get(struct db *db, const char *src, const char *kind, int64_t ext, int64_t *local)
{
    return db_get_int(db,
                      "SELECT local_id FROM import_map WHERE source = $1 AND kind = $2 "
                      "AND ext_id = $3",
                      PARAMS(P_TEXT(src), P_TEXT(kind), P_INT(ext)), local);
}

int import_db_map_set(struct db *db, const char *src, const char *kind, int64_t ext, int64_t local,
                      int64_t aux)
{
    return exec0(db,
                 "INSERT INTO import_map (source, kind, ext_id, local_id, aux) "
                 "VALUES ($1, $2, $3, $4, $5) ON CONFLICT (source, kind, ext_id) "
                 "DO UPDATE SET local_id = excluded.local_id, aux = excluded.aux",
                 PARAMS(P_TEXT(src), P_TEXT(kind), P_INT(ext), P_INT(local), OPT(aux)));
}

int import_db_map_count(struct db *db, const char *src, const char *kind, int64_t *n)
{
    return db_get_int(db, "SELECT count(*) FROM import_map WHERE source = $1 AND kind = $2",
                      PARAMS(P_TEXT(src), P_TEXT(kind)), n);
}

int import_db_accepted_count(struct db *db, const char *src, int64_t *n)
{
    return db_get_int(db,
                      "SELECT count(*) FROM threads t JOIN import_map m ON m.local_id = t.id "
                      "AND m.kind = 'thread' AND m.source = $1 "
                      "WHERE t.accepted_post_id IS NOT NULL",
                      PARAMS(P_TEXT(src)), n);
}

int import_db_attrib_set(struct db *db, const char *kind, int64_t local, const char *url,
                         const char *author, const char *author_url, const char *license)
{
    return exec0(db,
                 "INSERT INTO import_attribution (kind, local_id, source_url, author_name, "
                 "author_url, license) VALUES ($1, $2, $3, $4, $5, $6) "
                 "ON CONFLICT (kind, local_id) DO UPDATE SET source_url = excluded.source_url, "
                 "author_name = excluded.author_name, author_url = excluded.author_url, "
                 "license = excluded.license",
                 PARAMS(P_TEXT(kind), P_INT(local), P_TEXT(url), P_TEXT(author ? author : ""),
                        P_TEXT(author_url ? author_url : ""), P_TEXT(license ? license : "")));
}

int import_db_user_insert(struct db *db, const char *name, const char *name_key,
                          const char *display_name, int64_t created_at, int64_t *id)
{
    int rc = db_get_int(
        db,
        "INSERT INTO users (name, name_key, display_name, password_hash, "
        "status, created_at, updated_at) VALUES ($1, $2, $3, NULL, "
        "'unclaimed', $4, $4) ON CONFLICT (name_key) DO NOTHING RETURNING id",
        PARAMS(P_TEXT(name), P_TEXT(name_key), P_TEXT(display_name), P_INT(created_at)), id);
    return rc == ERR_NOTFOUND ? ERR_CONFLICT : rc;
}

int import_db_user_update(struct db *db, int64_t id, const char *display_name)
{
    return exec0(db, "UPDATE users SET display_name = $2 WHERE id = $1 AND display_name <> $2",
                 PARAMS(P_INT(id), P_TEXT(display_name)));
}

int import_db_member_add(struct db *db, int64_t cid, int64_t uid, int64_t now)
{
    return exec0(db,
                 "INSERT INTO memberships (community_id, user_id, role, joined_at) "
                 "VALUES ($1, $2, 'member', $3) ON CONFLICT (community_id, user_id) DO NOTHING",
                 PARAMS(P_INT(cid), P_INT(uid), P_INT(now)));
}

int import_db_tag_add(struct db *db, int64_t cid, const char *tag)
{
    return exec0(db,
                 "INSERT INTO community_tags (community_id, tag) VALUES ($1, $2) "
                 "ON CONFLICT (community_id, tag) DO NOTHING",
                 PARAMS(P_INT(cid), P_TEXT(tag)));
}

int import_db_thread_insert(struct db *db, struct import_thread *t)
{
    return db_get_int(db,
                      "INSERT INTO threads (community_id, kind, title, tags, author_id, "
                      "created_at, last_activity_at) VALUES ($1, 'question', $2, $3, $4, $5, "
                      "$6) RETURNING id",
                      PARAMS(P_INT(t->community_id), P_TEXT(t->title), P_TEXT(t->tags),
                             OPT(t->author_id), P_INT(t->created_at), P_INT(t->last_activity_at)),
                      &t->id);
}

int import_db_thread_update(struct db *db, const struct import_thread *t)
{
    return exec0(db,
                 "UPDATE threads SET title = $2, tags = $3, author_id = $4, created_at = $5, "
                 "last_activity_at = CASE WHEN last_activity_at > $6 THEN last_activity_at "
                 "ELSE $6 END WHERE id = $1",
                 PARAMS(P_INT(t->id), P_TEXT(t->title), P_TEXT(t->tags), OPT(t->author_id),
                        P_INT(t->created_at), P_INT(t->last_activity_at)));
}

int import_db_thread_title(struct db *db, int64_t tid, const char *title)
{
    return exec0(db, "UPDATE threads SET title = $2 WHERE id = $1",
                 PARAMS(P_INT(tid), P_TEXT(title)));
}

int import_db_thread_closed(struct db *db, int64_t tid, int64_t at, const char *reason)
{
    return exec0(db, "UPDATE threads SET closed_at = $2, close_reason = $3 WHERE id = $1",
                 PARAMS(P_INT(tid), OPT(at), P_TEXT(reason)));
}

int import_db_post_insert(struct db *db, struct import_post *p)
{
    int64_t pos;
    int rc = db_get_int(db,
                        "UPDATE threads SET post_count = post_count + 1 WHERE id = $1 "
                        "RETURNING post_count",
                        PARAMS(P_INT(p->thread_id)), &pos);
    if (rc < 0)
        return rc;
    return db_get_int(db,
                      "INSERT INTO posts (thread_id, position, author_id, body_md, body_html, "
                      "created_at, base_score, score) VALUES ($1, $2, $3, $4, $5, $6, $7, $7) "
                      "RETURNING id",
                      PARAMS(P_INT(p->thread_id), P_INT(pos), OPT(p->author_id), P_TEXT(p->body_md),
                             P_TEXT(p->body_html), P_INT(p->created_at), P_INT(p->base_score)),
                      &p->id);
}

int import_db_post_update(struct db *db, const struct import_post *p)
{
    return exec0(
        db,
        "UPDATE posts SET author_id = $2, created_at = $3, base_score = $4, "
        "score = $4 + coalesce((SELECT CAST(sum(v.value) AS BIGINT) FROM votes v "
        "WHERE v.post_id = $1), 0) WHERE id = $1",
        PARAMS(P_INT(p->id), OPT(p->author_id), P_INT(p->created_at), P_INT(p->base_score)));
}

int import_db_post_thread(struct db *db, int64_t pid, int64_t *tid, int64_t *position)
{
    struct db_res *res;
    int rc = db_query(db, "SELECT thread_id, position FROM posts WHERE id = $1", PARAMS(P_INT(pid)),
                      &res);
    if (rc < 0)
        return rc;
    rc = db_step(res);
    if (rc == 1) {
        *tid = db_int(res, 0);
        *position = db_int(res, 1);
    }
    db_done(res);
    return rc == 1 ? 0 : rc == 0 ? ERR_NOTFOUND : ERR_DB;
}

int import_db_post_body(struct db *db, int64_t pid, const char *md, const char *html,
                        int64_t edited_at)
{
    return exec0(db,
                 "UPDATE posts SET body_md = $2, body_html = $3, "
                 "edit_count = (SELECT count(*) FROM post_revisions r WHERE r.post_id = $1) - 1, "
                 "edited_at = CASE WHEN (SELECT count(*) FROM post_revisions r "
                 "WHERE r.post_id = $1) > 1 THEN CAST($4 AS BIGINT) ELSE NULL END WHERE id = $1",
                 PARAMS(P_INT(pid), P_TEXT(md), P_TEXT(html), P_INT(edited_at)));
}

int import_db_rev_insert(struct db *db, int64_t pid, int64_t author, int64_t at, const char *md,
                         int64_t *id)
{
    return db_get_int(db,
                      "INSERT INTO post_revisions (post_id, rev, author_id, created_at, body_md) "
                      "VALUES ($1, (SELECT coalesce(max(r.rev), 0) + 1 FROM post_revisions r "
                      "WHERE r.post_id = $1), $2, $3, $4) RETURNING id",
                      PARAMS(P_INT(pid), OPT(author), P_INT(at), P_TEXT(md)), id);
}

int import_db_rev_update(struct db *db, int64_t id, int64_t author, int64_t at, const char *md)
{
    return exec0(db,
                 "UPDATE post_revisions SET author_id = $2, created_at = $3, body_md = $4 "
                 "WHERE id = $1",
                 PARAMS(P_INT(id), OPT(author), P_INT(at), P_TEXT(md)));
}

int import_db_comment_insert(struct db *db, int64_t pid, int64_t author, const char *md,
                             const char *html, int64_t at, int64_t *id)
{
    return db_get_int(db,
                      "INSERT INTO comments (post_id, author_id, body_md, body_html, created_at) "
                      "VALUES ($1, $2, $3, $4, $5) RETURNING id",
                      PARAMS(P_INT(pid), OPT(author), P_TEXT(md), P_TEXT(html), P_INT(at)), id);
}

int import_db_comment_update(struct db *db, int64_t id, int64_t author, const char *md,
                             const char *html, int64_t at)
{
    return exec0(db,
                 "UPDATE comments SET author_id = $2, body_md = $3, body_html = $4, "
                 "created_at = $5 WHERE id = $1",
                 PARAMS(P_INT(id), OPT(author), P_TEXT(md), P_TEXT(html), P_INT(at)));
}

int import_db_link_add(struct db *db, int64_t tid, int64_t target, const char *kind, int64_t at)
{
    return exec0(db,
                 "INSERT INTO thread_links (thread_id, target_id, kind, created_at) "
                 "VALUES ($1, $2, $3, $4) ON CONFLICT (thread_id, target_id, kind) DO NOTHING",
                 PARAMS(P_INT(tid), P_INT(target), P_TEXT(kind), P_INT(at)));
}

static const char SQL_FINISH_ACCEPTED[] =
    "UPDATE threads SET accepted_post_id = coalesce((SELECT a.local_id FROM import_map q "
    "JOIN import_map a ON a.source = q.source AND a.kind = 'post' AND a.ext_id = q.aux "
    "JOIN posts p ON p.id = a.local_id AND p.thread_id = q.local_id "
    "WHERE q.source = $1 AND q.kind = 'thread' AND q.local_id = threads.id), accepted_post_id) "
    "WHERE id IN (SELECT m.local_id FROM import_map m WHERE m.source = $1 AND m.kind = 'thread')";
static const char SQL_FINISH_COUNTS[] =
    "UPDATE threads SET "
    "post_count = (SELECT coalesce(max(p.position), 0) FROM posts p WHERE p.thread_id = "
    "threads.id), "
    "reply_count = (SELECT count(*) FROM posts p WHERE p.thread_id = threads.id "
    "AND p.position > 1 AND p.deleted_at IS NULL AND p.hidden_at IS NULL), "
    "answer_count = (SELECT count(*) FROM posts p WHERE p.thread_id = threads.id "
    "AND p.position > 1 AND p.deleted_at IS NULL AND p.hidden_at IS NULL), "
    "score = coalesce((SELECT p.score FROM posts p WHERE p.thread_id = threads.id "
    "AND p.position = 1), 0), "
    "last_post_id = (SELECT max(p.id) FROM posts p WHERE p.thread_id = threads.id "
    "AND p.deleted_at IS NULL AND p.hidden_at IS NULL) "
    "WHERE id IN (SELECT m.local_id FROM import_map m WHERE m.source = $1 AND m.kind = 'thread')";

int import_db_finish(struct db *db, const char *src)
{
    int rc = exec0(db, SQL_FINISH_ACCEPTED, PARAMS(P_TEXT(src)));
    if (rc == 0)
        rc = exec0(db, SQL_FINISH_COUNTS, PARAMS(P_TEXT(src)));
    return rc;
}

static const char *dup(struct arena *a, const char *s)
{
    return arena_strdup(a, s ? s : "");
}

int import_db_thread_attribs(struct db *db, struct arena *a, int64_t tid,
                             struct import_attrib **out, size_t *n)
{
    struct db_res *res;
    size_t cap = 16;
    int rc = db_query(db,
                      "SELECT ia.local_id, ia.source_url, CASE WHEN ia.author_name = '' THEN "
                      "coalesce(u.display_name, '') ELSE ia.author_name END, ia.author_url, "
                      "ia.license FROM import_attribution ia JOIN posts p ON p.id = ia.local_id "
                      "LEFT JOIN users u ON u.id = p.author_id "
                      "WHERE ia.kind = 'post' AND p.thread_id = $1 ORDER BY ia.local_id",
                      PARAMS(P_INT(tid)), &res);
    *out = NULL;
    *n = 0;
    if (rc < 0)
        return rc;
    *out = ARENA_ARRAY(a, struct import_attrib, cap);
    while ((rc = db_step(res)) == 1) {
        struct import_attrib *x;
        if (*n == cap) {
            struct import_attrib *more = ARENA_ARRAY(a, struct import_attrib, cap * 2);
            memcpy(more, *out, cap * sizeof(*more));
            *out = more;
            cap *= 2;
        }
        x = &(*out)[(*n)++];
        x->local_id = db_int(res, 0);
        x->source_url = dup(a, db_text(res, 1));
        x->author_name = dup(a, db_text(res, 2));
        x->author_url = dup(a, db_text(res, 3));
        x->license = dup(a, db_text(res, 4));
    }
    db_done(res);
    return rc < 0 ? ERR_DB : 0;
}

int import_db_thread_comments(struct db *db, struct arena *a, int64_t tid, size_t cap,
                              struct comment_row **out, size_t *n)
{
    struct db_res *res;
    int rc = db_query(
        db,
        "SELECT c.id, c.post_id, coalesce(c.author_id, 0), c.created_at, "
        "CASE WHEN u.id IS NULL THEN coalesce(ia.author_name, '') ELSE u.display_name END, "
        "u.name, c.body_html, "
        "ia.source_url, coalesce(c.edited_at, 0), c.body_md FROM comments c "
        "JOIN posts p ON p.id = c.post_id "
        "LEFT JOIN users u ON u.id = c.author_id "
        "LEFT JOIN import_attribution ia ON ia.kind = 'comment' "
        "AND ia.local_id = c.id "
        "WHERE p.thread_id = $1 AND c.deleted_at IS NULL "
        "ORDER BY c.post_id, c.created_at, c.id LIMIT $2",
        PARAMS(P_INT(tid), P_INT((int64_t)cap)), &res);
    size_t room = 0;
    *out = NULL;
    *n = 0;
    if (rc < 0)
        return rc;
    /* Grown as rows come (most threads have few comments or none): zeroing room for cap
       rows up front cost more than the query on every thread page. */
    while ((rc = db_step(res)) == 1 && *n < cap) {
        struct comment_row *x;
        if (*n == room) {
            struct comment_row *grown;
            room = room ? room * 2 : 16;
            if (room > cap)
                room = cap;
            grown = ARENA_ARRAY(a, struct comment_row, room);
            if (*n)
                memcpy(grown, *out, *n * sizeof(**out));
            *out = grown;
        }
        x = &(*out)[(*n)++];
        x->id = db_int(res, 0);
        x->post_id = db_int(res, 1);
        x->author_id = db_int(res, 2);
        x->created_at = db_int(res, 3);
        x->author_name = dup(a, db_text(res, 4));
        x->author_login = db_isnull(res, 5) ? NULL : dup(a, db_text(res, 5));
        x->body_html = dup(a, db_text(res, 6));
        x->source_url = db_isnull(res, 7) ? NULL : dup(a, db_text(res, 7));
        x->edited_at = db_int(res, 8);
        x->body_md = dup(a, db_text(res, 9));
    }
    db_done(res);
    return rc < 0 ? ERR_DB : 0;
}

int import_db_thread_links(struct db *db, struct arena *a, int64_t tid, int64_t cid, size_t cap,
                           struct thread_link_row **out, size_t *n)
{
    struct db_res *res;
    int rc = db_query(db,
                      "SELECT l.thread_id, l.target_id, l.kind, t.title, "
                      "CASE WHEN l.thread_id = $1 THEN 1 ELSE 0 END "
                      "FROM thread_links l JOIN threads t ON t.id = "
                      "(CASE WHEN l.thread_id = $1 THEN l.target_id ELSE l.thread_id END) "
                      "WHERE (l.thread_id = $1 OR l.target_id = $1) AND t.community_id = $2 "
                      "AND t.deleted_at IS NULL ORDER BY l.kind, t.id LIMIT $3",
                      PARAMS(P_INT(tid), P_INT(cid), P_INT((int64_t)cap)), &res);
    *out = NULL;
    *n = 0;
    if (rc < 0)
        return rc;
    *out = ARENA_ARRAY(a, struct thread_link_row, cap ? cap : 1);
    while ((rc = db_step(res)) == 1 && *n < cap) {
        struct thread_link_row *x = &(*out)[*n];
        int64_t other;
        size_t i;
        x->thread_id = db_int(res, 0);
        x->target_id = db_int(res, 1);
        x->kind = dup(a, db_text(res, 2));
        x->outgoing = (int)db_int(res, 4);
        /* Each other thread once: a plain link in both directions, or beside a duplicate
           link (rows come duplicates first), adds nothing. */
        other = x->outgoing ? x->target_id : x->thread_id;
        for (i = 0; i < *n; i++)
            if ((*out)[i].outgoing ? (*out)[i].target_id == other : (*out)[i].thread_id == other)
                break;
        if (i < *n && !strcmp(x->kind, "linked"))
            continue;
        x->title = dup(a, db_text(res, 3));
        (*n)++;
    }
    db_done(res);
    return rc < 0 ? ERR_DB : 0;
}

int claim_db_insert(struct db *db, const char *hash, int64_t uid, int64_t by, int64_t now,
                    int64_t expires)
{
    return exec0(db,
                 "INSERT INTO account_claims (token_hash, user_id, created_by, created_at, "
                 "expires_at) VALUES ($1, $2, $3, $4, $5)",
                 PARAMS(P_TEXT(hash), P_INT(uid), OPT(by), P_INT(now), P_INT(expires)));
}

int claim_db_lookup(struct db *db, const char *hash, int64_t now, int64_t *uid)
{
    return db_get_int(db,
                      "SELECT user_id FROM account_claims WHERE token_hash = $1 "
                      "AND used_at IS NULL AND expires_at > $2",
                      PARAMS(P_TEXT(hash), P_INT(now)), uid);
}

int claim_db_use(struct db *db, const char *hash, int64_t now)
{
    int rc = db_exec(db,
                     "UPDATE account_claims SET used_at = $2 WHERE token_hash = $1 "
                     "AND used_at IS NULL",
                     PARAMS(P_TEXT(hash), P_INT(now)));
    if (rc < 0)
        return rc;
    return rc == 0 ? ERR_NOTFOUND : 0;
}
