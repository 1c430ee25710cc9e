/* Community health reports: reads of the summaries (migration 0027) and the recount that
 * checks them. One text per statement for both backends. See store/report.h. */
#include <string.h>

#include "store/report.h"

/* Grow an arena array *arr of *cap elements (doubling) so that element *n fits. */
#define GROW(a, arr, n, cap)                                                                       \
    do {                                                                                           \
        if ((n) == (cap)) {                                                                        \
            void *bigger_ = arena_alloc((a), 2 * (cap) * sizeof(*(arr)));                          \
            memcpy(bigger_, (arr), (cap) * sizeof(*(arr)));                                        \
            (arr) = bigger_;                                                                       \
            (cap) *= 2;                                                                            \
        }                                                                                          \
    } while (0)

static const char *dup_text(struct arena *a, struct db_res *r, int col)
{
    const char *s = db_text(r, col);
    return arena_strdup(a, s ? s : "");
}

static void read_q(struct db_res *r, int col, struct report_qrow *q)
{
    q->thread_id = db_int(r, col);
    q->created_at = db_int(r, col + 1);
    q->asker_id = db_int(r, col + 2);
    q->first_answer_at = db_isnull(r, col + 3) ? -1 : db_int(r, col + 3);
    q->solved = db_int(r, col + 4) != 0;
    q->accepted_author_id = db_int(r, col + 5);
}

#define QCOLS                                                                                      \
    "q.thread_id, q.created_at, q.asker_id, q.first_answer_at, q.solved, q.accepted_author_id"

static const char SQL_QUESTIONS[] =
    "SELECT " QCOLS " FROM report_questions q"
    " WHERE q.community_id = $1 AND q.created_at >= $2 AND q.created_at < $3"
    " ORDER BY q.created_at, q.thread_id";

int report_db_questions(struct db *db, struct arena *a, int64_t cid, int64_t from, int64_t to,
                        struct report_qrow **out, size_t *n)
{
    struct db_res *r;
    size_t cap = 256;
    int rc;
    *n = 0;
    *out = arena_alloc(a, cap * sizeof(**out));
    if (db_query(db, SQL_QUESTIONS, PARAMS(P_INT(cid), P_INT(from), P_INT(to)), &r) < 0)
        return ERR_DB;
    while ((rc = db_step(r)) == 1) {
        GROW(a, *out, *n, cap);
        read_q(r, 0, &(*out)[(*n)++]);
    }
    db_done(r);
    return rc < 0 ? ERR_DB : 0;
}

static const char SQL_QTAGS[] =
    "SELECT tt.tag, " QCOLS
    " FROM report_questions q JOIN thread_tags tt ON tt.thread_id = q.thread_id"
    " WHERE q.community_id = $1 AND q.created_at >= $2 AND q.created_at < $3"
    " ORDER BY tt.tag, q.thread_id";

int report_db_question_tags(struct db *db, struct arena *a, int64_t cid, int64_t from, int64_t to,
                            struct report_tagrow **out, size_t *n)
{
    struct db_res *r;
    size_t cap = 256;
    const char *last = NULL;
    int rc;
    *n = 0;
    *out = arena_alloc(a, cap * sizeof(**out));
    if (db_query(db, SQL_QTAGS, PARAMS(P_INT(cid), P_INT(from), P_INT(to)), &r) < 0)
        return ERR_DB;
    while ((rc = db_step(r)) == 1) {
        const char *tag = db_text(r, 0);
        GROW(a, *out, *n, cap);
        if (!tag)
            tag = "";
        if (!last || strcmp(last, tag) != 0) /* rows come by tag: one copy per tag */
            last = arena_strdup(a, tag);
        (*out)[*n].tag = last;
        read_q(r, 1, &(*out)[*n].q);
        (*n)++;
    }
    db_done(r);
    return rc < 0 ? ERR_DB : 0;
}

static const char SQL_POSTERS[] =
    "SELECT user_id, first_at, second_at FROM report_posters"
    " WHERE community_id = $1 AND first_at >= $2 AND first_at < $3 ORDER BY first_at, user_id";

int report_db_posters(struct db *db, struct arena *a, int64_t cid, int64_t from, int64_t to,
                      struct report_poster **out, size_t *n)
{
    struct db_res *r;
    size_t cap = 256;
    int rc;
    *n = 0;
    *out = arena_alloc(a, cap * sizeof(**out));
    if (db_query(db, SQL_POSTERS, PARAMS(P_INT(cid), P_INT(from), P_INT(to)), &r) < 0)
        return ERR_DB;
    while ((rc = db_step(r)) == 1) {
        struct report_poster *p;
        GROW(a, *out, *n, cap);
        p = &(*out)[(*n)++];
        p->user_id = db_int(r, 0);
        p->first_at = db_int(r, 1);
        p->second_at = db_isnull(r, 2) ? -1 : db_int(r, 2);
    }
    db_done(r);
    return rc < 0 ? ERR_DB : 0;
}

static const char SQL_RECIPROCITY[] =
    "SELECT COUNT(*), COALESCE(SUM(CASE WHEN EXISTS ("
    "  SELECT 1 FROM posts p JOIN threads t ON t.id = p.thread_id"
    "  WHERE p.author_id = k.uid AND t.community_id = $1 AND t.kind = 'question'"
    "   AND t.deleted_at IS NULL AND p.position > 1 AND p.deleted_at IS NULL"
    "   AND p.created_at >= $2 AND p.created_at < $3"
    "   AND (t.author_id IS NULL OR t.author_id <> k.uid)) THEN 1 ELSE 0 END), 0)"
    " FROM (SELECT DISTINCT asker_id AS uid FROM report_questions"
    "  WHERE community_id = $1 AND created_at >= $2 AND created_at < $3"
    "   AND asker_id IS NOT NULL) k";

int report_db_reciprocity(struct db *db, int64_t cid, int64_t from, int64_t to, int64_t *askers,
                          int64_t *also)
{
    struct db_res *r;
    int rc;
    *askers = *also = 0;
    if (db_query(db, SQL_RECIPROCITY, PARAMS(P_INT(cid), P_INT(from), P_INT(to)), &r) < 0)
        return ERR_DB;
    if ((rc = db_step(r)) == 1) {
        *askers = db_int(r, 0);
        *also = db_int(r, 1);
    }
    db_done(r);
    return rc < 0 ? ERR_DB : 0;
}

static int read_open(struct db *db, struct arena *a, const char *sql, const struct db_param *p,
                     int np, struct report_open **out, size_t *n)
{
    struct db_res *r;
    size_t cap = 16;
    int rc;
    *n = 0;
    *out = arena_alloc(a, cap * sizeof(**out));
    if (db_query(db, sql, p, np, &r) < 0)
        return ERR_DB;
    while ((rc = db_step(r)) == 1) {
        struct report_open *o;
        GROW(a, *out, *n, cap);
        o = &(*out)[(*n)++];
        o->thread_id = db_int(r, 0);
        o->created_at = db_int(r, 1);
        o->title = dup_text(a, r, 2);
    }
    db_done(r);
    return rc < 0 ? ERR_DB : 0;
}

static const char SQL_UNANSWERED[] =
    "SELECT q.thread_id, q.created_at, t.title FROM report_questions q"
    " JOIN threads t ON t.id = q.thread_id"
    " WHERE q.community_id = $1 AND q.created_at >= $2 AND q.created_at < $3"
    "  AND q.first_answer_at IS NULL AND q.solved = 0"
    " ORDER BY q.created_at DESC, q.thread_id DESC LIMIT $4";

int report_db_unanswered(struct db *db, struct arena *a, int64_t cid, int64_t from, int64_t to,
                         size_t limit, struct report_open **out, size_t *n)
{
    return read_open(db, a, SQL_UNANSWERED,
                     PARAMS(P_INT(cid), P_INT(from), P_INT(to), P_INT((int64_t)limit)), out, n);
}

static const char SQL_MISSES[] =
    "SELECT query, count, last_at FROM search_misses WHERE community_id = $1"
    " ORDER BY count DESC, last_at DESC, query LIMIT $2";

int report_db_misses(struct db *db, struct arena *a, int64_t cid, size_t limit,
                     struct report_missrow **out, size_t *n)
{
    struct db_res *r;
    size_t cap = 16;
    int rc;
    *n = 0;
    *out = arena_alloc(a, cap * sizeof(**out));
    if (db_query(db, SQL_MISSES, PARAMS(P_INT(cid), P_INT((int64_t)limit)), &r) < 0)
        return ERR_DB;
    while ((rc = db_step(r)) == 1) {
        struct report_missrow *m;
        GROW(a, *out, *n, cap);
        m = &(*out)[(*n)++];
        m->query = dup_text(a, r, 0);
        m->count = db_int(r, 1);
        m->last_at = db_int(r, 2);
    }
    db_done(r);
    return rc < 0 ? ERR_DB : 0;
}

static const char SQL_ARTICLES[] =
    "SELECT id, slug, title, status, review_by, outdated_count FROM articles"
    " WHERE community_id = $1 AND status <> 'draft'"
    "  AND ((review_by > 0 AND review_by < $2) OR status = 'outdated' OR outdated_count > 0)"
    " ORDER BY review_by, id LIMIT $3";

int report_db_articles(struct db *db, struct arena *a, int64_t cid, int64_t due_before,
                       size_t limit, struct report_artrow **out, size_t *n)
{
    struct db_res *r;
    size_t cap = 16;
    int rc;
    *n = 0;
    *out = arena_alloc(a, cap * sizeof(**out));
    if (db_query(db, SQL_ARTICLES, PARAMS(P_INT(cid), P_INT(due_before), P_INT((int64_t)limit)),
                 &r) < 0)
        return ERR_DB;
    while ((rc = db_step(r)) == 1) {
        struct report_artrow *x;
        GROW(a, *out, *n, cap);
        x = &(*out)[(*n)++];
        x->id = db_int(r, 0);
        x->slug = dup_text(a, r, 1);
        x->title = dup_text(a, r, 2);
        x->status = dup_text(a, r, 3);
        x->review_by = db_int(r, 4);
        x->outdated_count = db_int(r, 5);
    }
    db_done(r);
    return rc < 0 ? ERR_DB : 0;
}

#define UNCOVERED                                                                                  \
    " FROM report_questions q JOIN thread_tags tt ON tt.thread_id = q.thread_id"                   \
    " JOIN threads t ON t.id = q.thread_id"                                                        \
    " WHERE q.community_id = $1 AND q.created_at >= $2 AND q.created_at < $3 AND q.solved = 1"     \
    "  AND NOT EXISTS (SELECT 1 FROM article_threads x JOIN articles ar ON ar.id = x.article_id"   \
    "   WHERE x.thread_id = q.thread_id AND ar.status <> 'draft')"

static const char SQL_UNCOVERED_TAGS[] =
    "SELECT tt.tag, COUNT(*)" UNCOVERED " GROUP BY tt.tag HAVING COUNT(*) >= $4"
    " ORDER BY COUNT(*) DESC, tt.tag LIMIT $5";

int report_db_uncovered_tags(struct db *db, struct arena *a, int64_t cid, int64_t from, int64_t to,
                             int64_t min, size_t limit, struct report_uncovered_tag **out,
                             size_t *n)
{
    struct db_res *r;
    size_t cap = 16;
    int rc;
    *n = 0;
    *out = arena_alloc(a, cap * sizeof(**out));
    if (db_query(db, SQL_UNCOVERED_TAGS,
                 PARAMS(P_INT(cid), P_INT(from), P_INT(to), P_INT(min), P_INT((int64_t)limit)),
                 &r) < 0)
        return ERR_DB;
    while ((rc = db_step(r)) == 1) {
        GROW(a, *out, *n, cap);
        (*out)[*n].tag = dup_text(a, r, 0);
        (*out)[*n].count = db_int(r, 1);
        (*n)++;
    }
    db_done(r);
    return rc < 0 ? ERR_DB : 0;
}

static const char SQL_UNCOVERED_THREADS[] =
    "SELECT q.thread_id, q.created_at, t.title" UNCOVERED " AND tt.tag = $4"
    " ORDER BY t.score DESC, q.thread_id LIMIT $5";

int report_db_uncovered_threads(struct db *db, struct arena *a, int64_t cid, int64_t from,
                                int64_t to, const char *tag, size_t limit, struct report_open **out,
                                size_t *n)
{
    return read_open(db, a, SQL_UNCOVERED_THREADS,
                     PARAMS(P_INT(cid), P_INT(from), P_INT(to), P_TEXT(tag), P_INT((int64_t)limit)),
                     out, n);
}

static const char SQL_LAST_ACTIVITY[] =
    "SELECT MAX(x) FROM ("
    " SELECT MAX(p.created_at) AS x FROM posts p JOIN threads t ON t.id = p.thread_id"
    "  WHERE p.author_id = $2 AND t.community_id = $1"
    " UNION ALL"
    " SELECT MAX(c.created_at) FROM comments c JOIN posts p ON p.id = c.post_id"
    "  JOIN threads t ON t.id = p.thread_id WHERE c.author_id = $2 AND t.community_id = $1"
    " UNION ALL"
    " SELECT MAX(r.created_at) FROM article_revisions r JOIN articles a ON a.id = r.article_id"
    "  WHERE r.author_id = $2 AND a.community_id = $1) y";

int report_db_last_activity(struct db *db, int64_t cid, int64_t uid, int64_t *out)
{
    *out = 0;
    int rc = db_get_int(db, SQL_LAST_ACTIVITY, PARAMS(P_INT(cid), P_INT(uid)), out);
    return rc == ERR_NOTFOUND ? 0 : rc;
}

static const char SQL_TOP_TAGS[] =
    "SELECT tt.tag FROM report_questions q JOIN thread_tags tt ON tt.thread_id = q.thread_id"
    " WHERE q.community_id = $1 GROUP BY tt.tag ORDER BY COUNT(*) DESC, tt.tag LIMIT $2";

int report_db_top_tags(struct db *db, struct arena *a, int64_t cid, size_t limit, const char ***out,
                       size_t *n)
{
    struct db_res *r;
    int rc;
    *n = 0;
    *out = arena_alloc(a, (limit ? limit : 1) * sizeof(**out));
    if (db_query(db, SQL_TOP_TAGS, PARAMS(P_INT(cid), P_INT((int64_t)limit)), &r) < 0)
        return ERR_DB;
    while ((rc = db_step(r)) == 1 && *n < limit)
        (*out)[(*n)++] = dup_text(a, r, 0);
    db_done(r);
    return rc < 0 ? ERR_DB : 0;
}

static const char SQL_DORMANT_AT[] =
    "SELECT computed_at FROM report_dormant_runs WHERE community_id = $1";

int report_db_dormant_at(struct db *db, int64_t cid, int64_t *at)
{
    int rc;
    *at = 0;
    rc = db_get_int(db, SQL_DORMANT_AT, PARAMS(P_INT(cid)), at);
    return rc == ERR_NOTFOUND ? 0 : rc;
}

static const char SQL_DORMANT_READ[] =
    "SELECT d.tag, d.rank, d.user_id, d.last_activity, u.name, u.display_name"
    " FROM report_dormant d JOIN users u ON u.id = d.user_id"
    " WHERE d.community_id = $1 ORDER BY d.tag, d.rank";

int report_db_dormant_read(struct db *db, struct arena *a, int64_t cid, struct report_expert **out,
                           size_t *n)
{
    struct db_res *r;
    size_t cap = 16;
    int rc;
    *n = 0;
    *out = arena_alloc(a, cap * sizeof(**out));
    if (db_query(db, SQL_DORMANT_READ, PARAMS(P_INT(cid)), &r) < 0)
        return ERR_DB;
    while ((rc = db_step(r)) == 1) {
        struct report_expert *x;
        GROW(a, *out, *n, cap);
        x = &(*out)[(*n)++];
        x->tag = dup_text(a, r, 0);
        x->rank = (int)db_int(r, 1);
        x->user_id = db_int(r, 2);
        x->last_activity = db_int(r, 3);
        x->name = dup_text(a, r, 4);
        x->display_name = dup_text(a, r, 5);
    }
    db_done(r);
    return rc < 0 ? ERR_DB : 0;
}

static const char SQL_DORMANT_DELETE[] = "DELETE FROM report_dormant WHERE community_id = $1";
static const char SQL_DORMANT_INSERT[] =
    "INSERT INTO report_dormant (community_id, tag, rank, user_id, last_activity)"
    " VALUES ($1, $2, $3, $4, $5)";
static const char SQL_DORMANT_RUN_DELETE[] =
    "DELETE FROM report_dormant_runs WHERE community_id = $1";
static const char SQL_DORMANT_RUN[] =
    "INSERT INTO report_dormant_runs (community_id, computed_at) VALUES ($1, $2)";

int report_db_dormant_store(struct db *db, int64_t cid, int64_t at,
                            const struct report_expert *rows, size_t n)
{
    size_t i;
    if (db_exec(db, SQL_DORMANT_DELETE, PARAMS(P_INT(cid))) < 0 ||
        db_exec(db, SQL_DORMANT_RUN_DELETE, PARAMS(P_INT(cid))) < 0 ||
        db_exec(db, SQL_DORMANT_RUN, PARAMS(P_INT(cid), P_INT(at))) < 0)
        return ERR_DB;
    for (i = 0; i < n; i++)
        if (db_exec(db, SQL_DORMANT_INSERT,
                    PARAMS(P_INT(cid), P_TEXT(rows[i].tag), P_INT(rows[i].rank),
                           P_INT(rows[i].user_id), P_INT(rows[i].last_activity))) < 0)
            return ERR_DB;
    return 0;
}

static const char SQL_INSTANCE[] =
    "SELECT c.id,"
    " (SELECT COUNT(*) FROM report_questions q WHERE q.community_id = c.id"
    "   AND q.created_at >= $1 AND q.created_at < $2),"
    " (SELECT COUNT(*) FROM report_questions q WHERE q.community_id = c.id"
    "   AND q.created_at >= $1 AND q.created_at < $2 AND q.first_answer_at IS NOT NULL),"
    " (SELECT COUNT(*) FROM report_questions q WHERE q.community_id = c.id"
    "   AND q.created_at >= $1 AND q.created_at < $2 AND q.solved = 1),"
    " (SELECT COUNT(DISTINCT p.author_id) FROM posts p JOIN threads t ON t.id = p.thread_id"
    "   WHERE t.community_id = c.id AND t.deleted_at IS NULL AND p.deleted_at IS NULL"
    "   AND p.created_at >= $1 AND p.created_at < $2)"
    " FROM communities c ORDER BY c.id";

int report_db_instance(struct db *db, struct arena *a, int64_t from, int64_t to,
                       struct report_commrow **out, size_t *n)
{
    struct db_res *r;
    size_t cap = 16;
    int rc;
    *n = 0;
    *out = arena_alloc(a, cap * sizeof(**out));
    if (db_query(db, SQL_INSTANCE, PARAMS(P_INT(from), P_INT(to)), &r) < 0)
        return ERR_DB;
    while ((rc = db_step(r)) == 1) {
        struct report_commrow *x;
        GROW(a, *out, *n, cap);
        x = &(*out)[(*n)++];
        x->community_id = db_int(r, 0);
        x->questions = db_int(r, 1);
        x->answered = db_int(r, 2);
        x->solved = db_int(r, 3);
        x->active = db_int(r, 4);
    }
    db_done(r);
    return rc < 0 ? ERR_DB : 0;
}

/* --- the recount ---------------------------------------------------------------------- */

/* The expressions of migration 0027's triggers, for every question of a community. */
#define FRESH_QUESTIONS                                                                            \
    "SELECT t.id, t.created_at, t.author_id,"                                                      \
    " (SELECT min(p.created_at) FROM posts p WHERE p.thread_id = t.id AND p.position > 1"          \
    "   AND p.deleted_at IS NULL"                                                                  \
    "   AND (t.author_id IS NULL OR p.author_id IS NULL OR p.author_id <> t.author_id)),"          \
    " CASE WHEN a.id IS NULL THEN 0 ELSE 1 END, a.author_id, t.community_id"                       \
    " FROM threads t LEFT JOIN posts a ON a.id = t.accepted_post_id AND a.thread_id = t.id"        \
    "  AND a.position > 1 AND a.deleted_at IS NULL"                                                \
    " WHERE t.community_id = $1 AND t.kind = 'question' AND t.deleted_at IS NULL"

static const char SQL_FRESH_Q[] = FRESH_QUESTIONS " ORDER BY t.id";
static const char SQL_STORED_Q[] = "SELECT " QCOLS " FROM report_questions q"
                                   " WHERE q.community_id = $1 ORDER BY q.thread_id";
static const char SQL_DELETE_Q[] = "DELETE FROM report_questions WHERE community_id = $1";
static const char SQL_INSERT_Q[] =
    "INSERT INTO report_questions (thread_id, created_at, asker_id, first_answer_at, solved,"
    " accepted_author_id, community_id) " FRESH_QUESTIONS;

#define FRESH_POSTERS                                                                              \
    "SELECT x.uid, x.first_at,"                                                                    \
    " (SELECT p.created_at FROM posts p JOIN threads t ON t.id = p.thread_id"                      \
    "  WHERE p.author_id = x.uid AND t.community_id = $1 AND p.deleted_at IS NULL"                 \
    "   AND t.deleted_at IS NULL ORDER BY p.created_at, p.id LIMIT 1 OFFSET 1), $1"                \
    " FROM (SELECT p.author_id AS uid, min(p.created_at) AS first_at"                              \
    "  FROM posts p JOIN threads t ON t.id = p.thread_id"                                          \
    "  WHERE t.community_id = $1 AND p.author_id IS NOT NULL AND p.deleted_at IS NULL"             \
    "   AND t.deleted_at IS NULL GROUP BY p.author_id) x"

static const char SQL_FRESH_P[] = FRESH_POSTERS " ORDER BY x.uid";
static const char SQL_STORED_P[] = "SELECT user_id, first_at, second_at, community_id"
                                   " FROM report_posters WHERE community_id = $1 ORDER BY user_id";
static const char SQL_DELETE_P[] = "DELETE FROM report_posters WHERE community_id = $1";
static const char SQL_INSERT_P[] =
    "INSERT INTO report_posters (user_id, first_at, second_at, community_id) " FRESH_POSTERS;

/* Rows of sql as arrays of ncol integers (NULL = -1), ordered by column 0. */
static int read_ints(struct db *db, struct arena *a, const char *sql, int64_t cid, int ncol,
                     int64_t **out, size_t *n)
{
    struct db_res *r;
    size_t cap = 256;
    int rc, i;
    *n = 0;
    *out = arena_alloc(a, cap * ncol * sizeof(**out));
    if (db_query(db, sql, PARAMS(P_INT(cid)), &r) < 0)
        return ERR_DB;
    while ((rc = db_step(r)) == 1) {
        if (*n == cap) {
            int64_t *bigger = arena_alloc(a, 2 * cap * ncol * sizeof(*bigger));
            memcpy(bigger, *out, cap * ncol * sizeof(*bigger));
            *out = bigger;
            cap *= 2;
        }
        for (i = 0; i < ncol; i++)
            (*out)[*n * ncol + i] = db_isnull(r, i) ? -1 : db_int(r, i);
        (*n)++;
    }
    db_done(r);
    return rc < 0 ? ERR_DB : 0;
}

/* Rows of a and b (sorted by their first column) that are not equal in both. */
static int64_t diff_rows(const int64_t *x, size_t nx, const int64_t *y, size_t ny, int ncol)
{
    size_t i = 0, j = 0;
    int64_t d = 0;
    while (i < nx || j < ny) {
        if (j == ny || (i < nx && x[i * ncol] < y[j * ncol])) {
            d++;
            i++;
        } else if (i == nx || y[j * ncol] < x[i * ncol]) {
            d++;
            j++;
        } else {
            if (memcmp(x + i * ncol, y + j * ncol, ncol * sizeof(*x)) != 0)
                d++;
            i++;
            j++;
        }
    }
    return d;
}

int report_db_rebuild(struct db *db, struct arena *a, int64_t cid, int64_t *changed)
{
    int64_t *fresh, *stored, dq, dp;
    size_t nf, ns;
    *changed = 0;
    if (read_ints(db, a, SQL_FRESH_Q, cid, 6, &fresh, &nf) < 0 ||
        read_ints(db, a, SQL_STORED_Q, cid, 6, &stored, &ns) < 0)
        return ERR_DB;
    dq = diff_rows(fresh, nf, stored, ns, 6);
    if (read_ints(db, a, SQL_FRESH_P, cid, 3, &fresh, &nf) < 0 ||
        read_ints(db, a, SQL_STORED_P, cid, 3, &stored, &ns) < 0)
        return ERR_DB;
    dp = diff_rows(fresh, nf, stored, ns, 3);
    if (dq && (db_exec(db, SQL_DELETE_Q, PARAMS(P_INT(cid))) < 0 ||
               db_exec(db, SQL_INSERT_Q, PARAMS(P_INT(cid))) < 0))
        return ERR_DB;
    if (dp && (db_exec(db, SQL_DELETE_P, PARAMS(P_INT(cid))) < 0 ||
               db_exec(db, SQL_INSERT_P, PARAMS(P_INT(cid))) < 0))
        return ERR_DB;
    *changed = dq + dp;
    return 0;
}
