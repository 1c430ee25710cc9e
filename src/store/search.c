/* The search catalogue (see store/search.h): match-text builders for FTS5 and tsquery, the
 * ranked query and its counts on each backend, zero-result rows and the reindex. Every
 * optional filter is one literal fragment with a bound parameter that switches it off
 * ('' or 0), so each backend has one statement per shape rather than SQL built from input. */
#include <math.h>
#include <string.h>

#include "core/buf.h"
#include "store/search.h"
#include "core/util.h"

static const char *const kind_names[SEARCH_KIND__MAX] = {"thread", "post",    "member",
                                                         "event",  "article", "comment"};

const char *search_kind_name(enum search_kind k)
{
    return (unsigned)k < SEARCH_KIND__MAX ? kind_names[k] : "";
}

int search_kind_parse(const char *s, enum search_kind *out)
{
    int i;
    for (i = 0; i < SEARCH_KIND__MAX; i++)
        if (str_eq(s, kind_names[i])) {
            *out = (enum search_kind)i;
            return 0;
        }
    return -1;
}

/* ------------------------------------------------------------------------------------------ */
/* Match text. Terms hold only [a-z0-9], spaces and UTF-8 (core/query.c), so wrapping each in
   double quotes (FTS5 string) or single quotes (tsquery lexeme) is all the quoting needed;
   quote characters are dropped anyway as a second line of defence. */

static void put_quoted(struct buf *b, const char *text, char quote)
{
    const char *p;
    buf_putc(b, quote);
    for (p = text; *p; p++)
        if (*p != '"' && *p != '\'' && *p != '\\')
            buf_putc(b, *p);
    buf_putc(b, quote);
}

/* One term as FTS5: "a b" (a phrase when several words), "a b"* for a prefix. */
static void fts_term(struct buf *b, const struct query_term *t)
{
    put_quoted(b, t->text, '"');
    if (t->prefix)
        buf_putc(b, '*');
}

/* One term as tsquery: ('a' <-> 'b':*) */
static void ts_term(struct buf *b, const struct query_term *t)
{
    const char *p = t->text;
    int first = 1;
    buf_putc(b, '(');
    while (*p) {
        const char *sp = strchr(p, ' ');
        size_t len = sp ? (size_t)(sp - p) : strlen(p);
        size_t i;
        if (!first)
            buf_puts(b, " <-> ");
        first = 0;
        buf_putc(b, '\'');
        for (i = 0; i < len; i++)
            if (p[i] != '\'' && p[i] != '\\')
                buf_putc(b, p[i]);
        buf_putc(b, '\'');
        p += len;
        if (*p == ' ')
            p++;
        else if (t->prefix)
            buf_puts(b, ":*");
    }
    buf_putc(b, ')');
}

/* The match text of q's terms for db's backend ("" when q has no positive term). */
static const char *match_text(struct db *db, struct arena *a, const struct query *q)
{
    struct buf b = BUF_INIT;
    const char *r;
    size_t i;
    int pg = db_kind(db) == DB_PG, first = 1;
    if (!q->npos)
        return "";
    if (!pg)
        buf_putc(&b, '(');
    for (i = 0; i < q->nterms; i++) {
        if (q->terms[i].neg)
            continue;
        if (!first)
            buf_puts(&b, pg ? " & " : " ");
        first = 0;
        if (pg)
            ts_term(&b, &q->terms[i]);
        else
            fts_term(&b, &q->terms[i]);
    }
    if (!pg)
        buf_putc(&b, ')');
    for (i = 0; i < q->nterms; i++) {
        if (!q->terms[i].neg)
            continue;
        buf_puts(&b, pg ? " & !" : " NOT ");
        if (pg)
            ts_term(&b, &q->terms[i]);
        else
            fts_term(&b, &q->terms[i]);
    }
    r = arena_strdup(a, b.data);
    buf_release(&b);
    return r;
}

const char *search_db_any_words(struct db *db, struct arena *a, const char *const *words, size_t n)
{
    struct buf b = BUF_INIT;
    const char *r;
    size_t i;
    int pg = db_kind(db) == DB_PG;
    for (i = 0; i < n; i++) {
        struct query_term t = {words[i], 0, 0, 0, 0};
        if (i)
            buf_puts(&b, pg ? " | " : " OR ");
        if (pg)
            ts_term(&b, &t);
        else
            fts_term(&b, &t);
    }
    r = arena_strdup(a, b.data);
    buf_release(&b);
    return r;
}

/* The match text of a search: the OR of its some-words, or its query's terms. */
static const char *match_of(struct db *db, struct arena *a, const struct search_params *p)
{
    if (p->nsome)
        return search_db_any_words(db, a, p->some, p->nsome);
    return match_text(db, a, p->q);
}

/* ------------------------------------------------------------------------------------------ */
/* The query. Parameters (the same in every statement):
 *   $1 match text   $2 viewer   $3 see_all   $4 kind ('' = any)   $5 in: slug ('')
 *   $6 author name_key ('')   $7 thread kind or 'article' ('')   $8 solved   $9 unanswered
 *   $10 after (0)   $11 before (0)   $12..$14 tags ('')   $15 limit   $16 offset
 *   $17 window floor (documents with a smaller id are not considered; 0 = all)
 * The counts take $1..$15 and the floor as $16. */

#define SEARCH_JOINS                                                                               \
    "LEFT JOIN threads t ON t.id = d.thread_id "                                                   \
    "LEFT JOIN communities c ON c.id = d.community_id "                                            \
    "LEFT JOIN users u ON u.id = d.author_id "                                                     \
    "LEFT JOIN articles a ON d.kind = 'article' AND a.id = d.ref_id "

#define SEARCH_WHERE                                                                               \
    "(d.community_id IS NULL OR CAST($3 AS BIGINT) = 1 OR c.visibility = 'public' "                \
    "OR (c.visibility = 'members' AND CAST($2 AS BIGINT) <> 0) OR EXISTS (SELECT 1 FROM "          \
    "memberships m WHERE m.community_id = d.community_id AND m.user_id = CAST($2 AS BIGINT))) "    \
    "AND (d.thread_id IS NULL OR t.deleted_at IS NULL) "                                           \
    "AND (CAST($4 AS TEXT) = '' OR d.kind = $4) "                                                  \
    "AND (CAST($5 AS TEXT) = '' OR c.slug = $5) "                                                  \
    "AND (CAST($6 AS TEXT) = '' OR u.name_key = $6) "                                              \
    "AND (CAST($7 AS TEXT) = '' OR ($7 = 'article' AND d.kind = 'article') OR t.kind = $7) "       \
    "AND (CAST($8 AS BIGINT) = 0 OR t.accepted_post_id IS NOT NULL) "                              \
    "AND (CAST($9 AS BIGINT) = 0 OR (t.kind = 'question' AND t.answer_count = 0)) "                \
    "AND (CAST($10 AS BIGINT) = 0 OR d.created_at >= $10) "                                        \
    "AND (CAST($11 AS BIGINT) = 0 OR d.created_at < $11) "                                         \
    "AND (CAST($12 AS TEXT) = '' OR EXISTS (SELECT 1 FROM thread_tags g1 "                         \
    "WHERE g1.thread_id = d.thread_id AND g1.tag = $12) OR (d.kind = 'article' AND "               \
    "replace(' ' || a.tags || ' ', ' ' || $12 || ' ', '') <> ' ' || a.tags || ' ')) "              \
    "AND (CAST($13 AS TEXT) = '' OR EXISTS (SELECT 1 FROM thread_tags g2 "                         \
    "WHERE g2.thread_id = d.thread_id AND g2.tag = $13) OR (d.kind = 'article' AND "               \
    "replace(' ' || a.tags || ' ', ' ' || $13 || ' ', '') <> ' ' || a.tags || ' ')) "              \
    "AND (CAST($14 AS TEXT) = '' OR EXISTS (SELECT 1 FROM thread_tags g3 "                         \
    "WHERE g3.thread_id = d.thread_id AND g3.tag = $14) OR (d.kind = 'article' AND "               \
    "replace(' ' || a.tags || ' ', ' ' || $14 || ' ', '') <> ' ' || a.tags || ' ')) "

#define HIT_COLS                                                                                   \
    "d.kind, d.ref_id, coalesce(d.thread_id, 0), coalesce(d.community_id, 0), "                    \
    "coalesce(c.slug, ''), coalesce(c.name, ''), coalesce(t.title, d.title), "                     \
    "coalesce(d.author_id, 0), coalesce(u.name, ''), coalesce(u.display_name, ''), "               \
    "d.created_at, coalesce(t.kind, ''), "                                                         \
    "CASE WHEN t.accepted_post_id IS NOT NULL THEN 1 ELSE 0 END, coalesce(t.answer_count, 0)"

/* Article hits: the slug (for the link) and status (for the badge); "" for other kinds. */
#define ART_COLS "coalesce(a.slug, ''), coalesce(a.status, '')"
/* The thread's score and the tags of a thread or article (space-separated). */
#define EXTRA_COLS "coalesce(t.score, 0), coalesce(t.tags, a.tags, '')"

/* SQLite: rank is bm25(10.0, 1.0) (search migration: the title worth ten times the body).
   Ordering by rank alone lets FTS5 sort inside the virtual table, so snippet() and
   highlight() run only for the rows returned, not for every match. */
#define SQLITE_SEARCH_HEAD                                                                         \
    "SELECT " HIT_COLS ", CASE WHEN d.title = '' THEN '' ELSE "                                    \
    "highlight(search_fts, 0, char(2), char(3)) END, "                                             \
    "snippet(search_fts, 1, char(2), char(3), '\xE2\x80\xA6', 32), " ART_COLS ", " EXTRA_COLS " "  \
    "FROM search_fts JOIN search_docs d ON d.id = search_fts.rowid " SEARCH_JOINS                  \
    "WHERE search_fts MATCH $1 AND search_fts.rowid >= CAST($17 AS BIGINT) AND "
static const char SQL_SEARCH_SQLITE[] =
    SQLITE_SEARCH_HEAD SEARCH_WHERE "ORDER BY rank LIMIT $15 OFFSET $16";
/* Some words: $18 is the rank function, 'praxis_some(title weight, body weight, bonus)'
   (store/sqlite_rank.c), so FTS5 still sorts inside the virtual table. */
static const char SQL_SEARCH_SQLITE_SOME[] =
    SQLITE_SEARCH_HEAD SEARCH_WHERE "AND rank MATCH $18 ORDER BY rank LIMIT $15 OFFSET $16";

/* PostgreSQL: rank in the inner query, headlines only for the page's rows. */
#define PG_HEADLINE_OPTS "'StartSel=' || chr(2) || ', StopSel=' || chr(3) || ', HighlightAll=true'"
#define PG_SNIPPET_OPTS                                                                            \
    "'StartSel=' || chr(2) || ', StopSel=' || chr(3) || ', MaxWords=32, MinWords=12, "             \
    "MaxFragments=2, FragmentDelimiter=\" \xE2\x80\xA6 \"'"
#define PG_SEARCH(RANK)                                                                            \
    "SELECT s.kind, s.ref_id, s.thread_id, s.community_id, s.slug, s.cname, s.title, "             \
    "s.author_id, s.uname, s.udisplay, s.created_at, s.tkind, s.solved, s.answers, "               \
    "CASE WHEN s.dtitle = '' THEN '' ELSE ts_headline('praxis_search', s.dtitle, "                 \
    "s.tq, " PG_HEADLINE_OPTS ") END, "                                                            \
    "ts_headline('praxis_search', s.body, s.tq, " PG_SNIPPET_OPTS "), s.aslug, s.astatus, "        \
    "s.score, s.tags "                                                                             \
    "FROM (SELECT " HIT_COLS " AS answers, d.title AS dtitle, d.body, d.id, tq, " RANK             \
    " AS rank, " ART_COLS ", " EXTRA_COLS " "                                                      \
    "FROM search_docs d CROSS JOIN to_tsquery('praxis_search', CAST($1 AS TEXT)) tq " SEARCH_JOINS \
    "WHERE d.tsv @@ tq AND d.id >= CAST($17 AS BIGINT) AND " SEARCH_WHERE                          \
    "ORDER BY rank DESC, d.id DESC LIMIT $15 OFFSET $16) "                                         \
    "s(kind, ref_id, thread_id, community_id, slug, cname, title, author_id, uname, udisplay, "    \
    "created_at, tkind, solved, answers, dtitle, body, id, tq, rank, aslug, astatus, score, "      \
    "tags) "                                                                                       \
    "ORDER BY s.rank DESC, s.id DESC"
#define PG_RANK "ts_rank('{0.1, 0.2, 0.2, 1.0}', d.tsv, tq)"
static const char SQL_SEARCH_PG[] = PG_SEARCH(PG_RANK);
/* Some words: $1 is the OR of the words; $18 the words as tsquery texts separated by '|',
   $20 their idf (comma-separated, same order), $19 the bonus in thousandths. ts_rank alone
   has no idf (a word in every document counts as much as a rare one), so the rank is the
   sum over the words a document holds of idf x ts_rank of that word (title weighted), times
   1 + bonus x (words held - 1): BM25-like, as praxis_some() on SQLite. */
static const char SQL_SEARCH_PG_SOME[] =
    PG_SEARCH("(SELECT coalesce(sum(w.idf * ts_rank('{0.1, 0.2, 0.2, 1.0}', d.tsv, "
              "to_tsquery('praxis_search', w.x))), 0) * (1 + CAST($19 AS BIGINT) / 1000.0 * "
              "(count(*) - 1)) FROM unnest(string_to_array(CAST($18 AS TEXT), '|'), "
              "CAST(string_to_array(CAST($20 AS TEXT), ',') AS float8[])) w(x, idf) "
              "WHERE d.tsv @@ to_tsquery('praxis_search', w.x))");
/* Documents holding one word (capped: beyond it the idf hardly changes), and all of them. */
static const char SQL_PG_WORD_DOCS[] =
    "SELECT count(*) FROM (SELECT 1 FROM search_docs WHERE tsv @@ "
    "to_tsquery('praxis_search', CAST($1 AS TEXT)) LIMIT $2) x";

/* Filters only (no words): newest first, the body's start as the snippet, on both. $1 is
   unused but bound ('' ) so the parameter numbers stay those above. */
static const char SQL_SEARCH_FILTERS[] =
    "SELECT " HIT_COLS ", d.title, substr(d.body, 1, 240), " ART_COLS ", " EXTRA_COLS " "
    "FROM search_docs d " SEARCH_JOINS
    "WHERE CAST($1 AS TEXT) = '' AND d.id >= CAST($17 AS BIGINT) AND " SEARCH_WHERE
    "ORDER BY d.created_at DESC, d.id DESC LIMIT $15 OFFSET $16";

static const char SQL_COUNT_SQLITE[] =
    "SELECT k, count(*) FROM (SELECT d.kind AS k "
    "FROM search_fts JOIN search_docs d ON d.id = search_fts.rowid " SEARCH_JOINS
    "WHERE search_fts MATCH $1 AND search_fts.rowid >= CAST($16 AS BIGINT) AND " SEARCH_WHERE
    "LIMIT $15) x GROUP BY k";
static const char SQL_COUNT_PG[] =
    "SELECT k, count(*) FROM (SELECT d.kind AS k "
    "FROM search_docs d " SEARCH_JOINS
    "WHERE d.tsv @@ to_tsquery('praxis_search', CAST($1 AS TEXT)) "
    "AND d.id >= CAST($16 AS BIGINT) AND " SEARCH_WHERE "LIMIT $15) x GROUP BY k";
static const char SQL_COUNT_FILTERS[] =
    "SELECT k, count(*) FROM (SELECT d.kind AS k FROM search_docs d " SEARCH_JOINS
    "WHERE CAST($1 AS TEXT) = '' AND d.id >= CAST($16 AS BIGINT) AND " SEARCH_WHERE
    "LIMIT $15) x GROUP BY k";

static const char *const is_values[QUERY_IS__MAX] = {"", "question", "discussion", "article"};

/* Bind the 17 parameters of p (match text m, window floor floor). */
static void bind(const struct search_params *p, const char *m, int64_t floor,
                 struct db_param prm[17])
{
    const struct query *q = p->q;
    prm[0] = P_TEXT(m);
    prm[1] = P_INT(p->viewer);
    prm[2] = P_INT(p->see_all ? 1 : 0);
    prm[3] = P_TEXT(p->kind >= 0 ? search_kind_name((enum search_kind)p->kind) : "");
    prm[4] = P_TEXT(p->in_slug ? p->in_slug : "");
    prm[5] = P_TEXT(q->author ? q->author : "");
    prm[6] = P_TEXT(is_values[(unsigned)q->is < QUERY_IS__MAX ? q->is : 0]);
    prm[7] = P_INT(q->solved ? 1 : 0);
    prm[8] = P_INT(q->unanswered ? 1 : 0);
    prm[9] = P_INT(q->after);
    prm[10] = P_INT(q->before);
    prm[11] = P_TEXT(q->ntags > 0 ? q->tags[0] : "");
    prm[12] = P_TEXT(q->ntags > 1 ? q->tags[1] : "");
    prm[13] = P_TEXT(q->ntags > 2 ? q->tags[2] : "");
    prm[14] = P_INT(p->limit);
    prm[15] = P_INT(p->offset);
    prm[16] = P_INT(floor);
}

/* The ranking window (SQLite): when the match text m matches more than SEARCH_RANK_WINDOW
   documents, the id of the SEARCH_RANK_WINDOW-th newest, so that only the newest that many
   are ranked (bm25 is computed for every candidate before sorting: ~2 us each); else 0.
   PostgreSQL: 0 (no window). Without words (m ""), on both: the newest
   SEARCH_FILTER_WINDOW documents by id, since the filters are checked row by row. */
static const char SQL_WINDOW_SQLITE[] =
    "SELECT rowid FROM search_fts WHERE search_fts MATCH $1 ORDER BY rowid DESC "
    "LIMIT 1 OFFSET $2";

static const char SQL_MAX_DOC[] = "SELECT coalesce(max(id), 0) FROM search_docs";

int64_t search_db_window(struct db *db, const char *m)
{
    int64_t floor = 0;
    if (!m || !*m) { /* filters only: the newest SEARCH_FILTER_WINDOW documents, both backends */
        if (db_get_int(db, SQL_MAX_DOC, NOPARAMS, &floor) < 0)
            return 0;
        return floor > SEARCH_FILTER_WINDOW ? floor - SEARCH_FILTER_WINDOW : 0;
    }
    if (db_kind(db) != DB_SQLITE)
        return 0;
    if (db_get_int(db, SQL_WINDOW_SQLITE, PARAMS(P_TEXT(m), P_INT(SEARCH_RANK_WINDOW)), &floor) < 0)
        return 0; /* no window: slower, still right */
    return floor;
}

static const char *col(struct db_res *res, struct arena *a, int i)
{
    const char *s = db_text(res, i);
    return arena_strdup(a, s ? s : "");
}

int search_db_run(struct db *db, struct arena *a, const struct search_params *p,
                  struct search_hit **out, size_t *n)
{
    struct db_param prm[20];
    struct db_res *res;
    const char *m = match_of(db, a, p);
    int pg = db_kind(db) == DB_PG, np = 17;
    const char *sql = !*m        ? SQL_SEARCH_FILTERS
                      : p->nsome ? (pg ? SQL_SEARCH_PG_SOME : SQL_SEARCH_SQLITE_SOME)
                      : pg       ? SQL_SEARCH_PG
                                 : SQL_SEARCH_SQLITE;
    size_t cap = p->limit > 0 ? (size_t)p->limit : 1;
    int rc;
    *out = NULL;
    *n = 0;
    bind(p, m, search_db_window(db, m), prm);
    if (*m && p->nsome && pg) {
        struct buf b = BUF_INIT, f = BUF_INIT;
        size_t i;
        int64_t total = 0;
        if (db_get_int(db, SQL_MAX_DOC, NOPARAMS, &total) < 0)
            total = 0;
        for (i = 0; i < p->nsome; i++) {
            struct query_term t = {p->some[i], 0, 0, 0, 0};
            size_t at = b.len;
            int64_t docs = 0;
            double idf;
            if (i)
                buf_putc(&b, '|');
            ts_term(&b, &t);
            if (db_get_int(db, SQL_PG_WORD_DOCS,
                           PARAMS(P_TEXT(b.data + at + (i ? 1 : 0)), P_INT(SEARCH_RANK_WINDOW)),
                           &docs) < 0)
                docs = 0;
            idf = log(((double)(total > docs ? total : docs) - (double)docs + 0.5) /
                      ((double)docs + 0.5));
            buf_printf(&f, "%s%.6f", i ? "," : "", idf > 1e-6 ? idf : 1e-6);
        }
        prm[17] = P_TEXT(arena_strdup(a, b.err ? "" : b.data));
        prm[18] = P_INT(p->bonus_milli);
        prm[19] = P_TEXT(arena_strdup(a, f.err ? "" : f.data));
        buf_release(&b);
        buf_release(&f);
        np = 20;
    } else if (*m && p->nsome) {
        prm[17] = P_TEXT(arena_printf(a, "praxis_some(10.0, 1.0, %d.%03d)", p->bonus_milli / 1000,
                                      p->bonus_milli % 1000));
        np = 18;
    }
    if ((rc = db_query(db, sql, prm, np, &res)) < 0)
        return rc;
    *out = ARENA_ARRAY(a, struct search_hit, cap);
    while ((rc = db_step(res)) == 1 && *n < cap) {
        struct search_hit *h = &(*out)[(*n)++];
        enum search_kind k = SEARCH_THREAD;
        search_kind_parse(db_text(res, 0), &k);
        h->kind = k;
        h->ref_id = db_int(res, 1);
        h->thread_id = db_int(res, 2);
        h->community_id = db_int(res, 3);
        h->community_slug = col(res, a, 4);
        h->community_name = col(res, a, 5);
        h->title = col(res, a, 6);
        h->author_id = db_int(res, 7);
        h->author_name = col(res, a, 8);
        h->author_display = col(res, a, 9);
        h->created_at = db_int(res, 10);
        h->thread_kind = col(res, a, 11);
        h->solved = db_int(res, 12) != 0;
        h->answer_count = db_int(res, 13);
        h->title_marked = col(res, a, 14);
        h->snippet = col(res, a, 15);
        h->article_slug = col(res, a, 16);
        h->article_status = col(res, a, 17);
        h->score = db_int(res, 18);
        h->tags = col(res, a, 19);
    }
    db_done(res);
    return rc < 0 ? ERR_DB : 0;
}

/* Counts per kind of p's matches, all kinds together stopping at cap. */
static int count_upto(struct db *db, const struct search_params *p, int64_t cap,
                      int64_t counts[SEARCH_KIND__MAX])
{
    struct search_params all = *p;
    struct db_param prm[17];
    struct db_res *res;
    struct arena *a = NULL;
    const char *m;
    const char *sql;
    int rc, i;
    struct arena scratch;
    for (i = 0; i < SEARCH_KIND__MAX; i++)
        counts[i] = 0;
    arena_init(&scratch);
    a = &scratch;
    m = match_of(db, a, p);
    sql = !*m ? SQL_COUNT_FILTERS : db_kind(db) == DB_PG ? SQL_COUNT_PG : SQL_COUNT_SQLITE;
    all.kind = -1;
    all.limit = (int)cap;
    all.offset = 0;
    bind(&all, m, 0, prm);
    prm[15] = P_INT(search_db_window(db, m)); /* the counts' $16 */
    rc = db_query(db, sql, prm, 16, &res);
    if (rc == 0) {
        while ((rc = db_step(res)) == 1) {
            enum search_kind k;
            if (search_kind_parse(db_text(res, 0), &k) == 0)
                counts[k] = db_int(res, 1);
        }
        db_done(res);
    }
    arena_release(&scratch);
    return rc < 0 ? ERR_DB : 0;
}

int search_db_counts(struct db *db, const struct search_params *p, int64_t counts[SEARCH_KIND__MAX])
{
    return count_upto(db, p, SEARCH_COUNT_MAX + 1, counts);
}

int search_db_any(struct db *db, const struct search_params *p)
{
    int64_t counts[SEARCH_KIND__MAX];
    int i;
    if (count_upto(db, p, 1, counts) < 0)
        return ERR_DB;
    for (i = 0; i < SEARCH_KIND__MAX; i++)
        if (counts[i])
            return 1;
    return 0;
}

/* ------------------------------------------------------------------------------------------ */
/* Zero-result searches */

static const char SQL_MISS[] =
    "INSERT INTO search_misses (community_id, query, count, last_at) VALUES ($1, $2, 1, $3) "
    "ON CONFLICT (community_id, query) DO UPDATE SET count = search_misses.count + 1, "
    "last_at = excluded.last_at";

int search_db_miss(struct db *db, int64_t community_id, const char *query, int64_t now)
{
    int rc = db_exec(db, SQL_MISS, PARAMS(P_INT(community_id), P_TEXT(query), P_INT(now)));
    return rc < 0 ? rc : 0;
}

static const char SQL_MISSES[] =
    "SELECT s.community_id, coalesce(c.slug, ''), s.query, s.count, s.last_at "
    "FROM search_misses s LEFT JOIN communities c ON c.id = s.community_id "
    "WHERE CAST($1 AS BIGINT) < 0 OR s.community_id = $1 "
    "ORDER BY s.last_at DESC, s.count DESC LIMIT $2";

int search_db_misses(struct db *db, struct arena *a, int64_t community_id, int limit,
                     struct search_miss **out, size_t *n)
{
    struct db_res *res;
    size_t cap = limit > 0 ? (size_t)limit : 1;
    int rc = db_query(db, SQL_MISSES, PARAMS(P_INT(community_id), P_INT(limit)), &res);
    *out = NULL;
    *n = 0;
    if (rc < 0)
        return rc;
    *out = ARENA_ARRAY(a, struct search_miss, cap);
    while ((rc = db_step(res)) == 1 && *n < cap) {
        struct search_miss *m = &(*out)[(*n)++];
        m->community_id = db_int(res, 0);
        m->community_slug = col(res, a, 1);
        m->query = col(res, a, 2);
        m->count = db_int(res, 3);
        m->last_at = db_int(res, 4);
    }
    db_done(res);
    return rc < 0 ? ERR_DB : 0;
}

/* ------------------------------------------------------------------------------------------ */
/* Reindex: the same rows the triggers of NNNN_search.sql write. On SQLite the FTS5 index is
   first rebuilt from search_docs (so the per-row deletes below find exactly what is
   indexed, even after corruption), then the rows are replaced; the triggers keep FTS5 in
   step. On PostgreSQL tsv is a generated column. */

static const char SQL_FTS_REBUILD[] = "INSERT INTO search_fts(search_fts) VALUES ('rebuild')";
static const char SQL_DOCS_CLEAR[] = "DELETE FROM search_docs";
static const char SQL_FILL_POSTS[] =
    "INSERT INTO search_docs (kind, ref_id, thread_id, community_id, author_id, title, body, "
    "created_at) SELECT CASE WHEN p.position = 1 THEN 'thread' ELSE 'post' END, p.id, t.id, "
    "t.community_id, p.author_id, CASE WHEN p.position = 1 THEN t.title ELSE '' END, "
    "p.body_md, p.created_at FROM posts p JOIN threads t ON t.id = p.thread_id "
    "WHERE t.deleted_at IS NULL AND p.hidden_at IS NULL AND p.deleted_at IS NULL";
static const char SQL_FILL_MEMBERS[] =
    "INSERT INTO search_docs (kind, ref_id, author_id, title, body, created_at) "
    "SELECT 'member', id, id, display_name || ' @' || name, bio_md, created_at FROM users";
static const char SQL_FILL_EVENTS[] =
    "INSERT INTO search_docs (kind, ref_id, community_id, author_id, title, body, created_at) "
    "SELECT 'event', id, community_id, created_by, title, description_md || ' ' || location, "
    "start_at FROM events";
static const char SQL_FILL_ARTICLES[] =
    "INSERT INTO search_docs (kind, ref_id, community_id, author_id, title, body, created_at) "
    "SELECT 'article', id, community_id, created_by, title, body_md, updated_at FROM articles "
    "WHERE status IN ('published', 'best_practice', 'outdated')";
static const char SQL_FILL_COMMENTS[] =
    "INSERT INTO search_docs (kind, ref_id, thread_id, community_id, author_id, title, body, "
    "created_at) SELECT 'comment', cm.id, t.id, t.community_id, cm.author_id, '', cm.body_md, "
    "cm.created_at FROM comments cm JOIN posts p ON p.id = cm.post_id "
    "JOIN threads t ON t.id = p.thread_id WHERE cm.deleted_at IS NULL AND p.hidden_at IS NULL "
    "AND p.deleted_at IS NULL AND t.deleted_at IS NULL";
static const char SQL_DOC_COUNTS[] = "SELECT kind, count(*) FROM search_docs GROUP BY kind";

int search_db_reindex(struct db *db, int64_t counts[SEARCH_KIND__MAX])
{
    struct db_res *res;
    int rc, i;
    for (i = 0; i < SEARCH_KIND__MAX; i++)
        counts[i] = 0;
    if ((rc = db_begin_write(db)) < 0)
        return rc;
    if ((db_kind(db) == DB_SQLITE && (rc = db_exec(db, SQL_FTS_REBUILD, NOPARAMS)) < 0) ||
        (rc = db_exec(db, SQL_DOCS_CLEAR, NOPARAMS)) < 0 ||
        (rc = db_exec(db, SQL_FILL_POSTS, NOPARAMS)) < 0 ||
        (rc = db_exec(db, SQL_FILL_MEMBERS, NOPARAMS)) < 0 ||
        (rc = db_exec(db, SQL_FILL_EVENTS, NOPARAMS)) < 0 ||
        (rc = db_exec(db, SQL_FILL_ARTICLES, NOPARAMS)) < 0 ||
        (rc = db_exec(db, SQL_FILL_COMMENTS, NOPARAMS)) < 0 ||
        (rc = db_query(db, SQL_DOC_COUNTS, NOPARAMS, &res)) < 0) {
        db_rollback(db);
        return rc;
    }
    while ((rc = db_step(res)) == 1) {
        enum search_kind k;
        if (search_kind_parse(db_text(res, 0), &k) == 0)
            counts[k] = db_int(res, 1);
    }
    db_done(res);
    if (rc < 0) {
        db_rollback(db);
        return ERR_DB;
    }
    return db_commit(db);
}

/* ------------------------------------------------------------------------------------------ */
/* Vocabulary for spelling suggestions. Terms as the index holds them (stemmed), with the
   number of documents holding each, for terms starting with the byte range [from, to).
   SQLite reads FTS5's own vocabulary (an fts5vocab table in the connection's temp schema);
   PostgreSQL counts the lexemes of the newest SEARCH_VOCAB_DOCS documents (ts_stat). The
   counts are over every community: the caller must check what it suggests against what the
   viewer may read (domain/search.c does, with search_db_counts). */

static const char SQL_VOCAB_SQLITE_CREATE[] =
    "CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_vocab USING fts5vocab(main, search_fts, row)";
static const char SQL_VOCAB_SQLITE[] =
    "SELECT term, doc FROM temp.search_vocab WHERE term >= $1 AND term < $2 AND doc >= $3";
static const char SQL_VOCAB_PG[] =
    "SELECT word, ndoc FROM ts_stat('SELECT tsv FROM search_docs ORDER BY id DESC LIMIT "
    "50000') WHERE word COLLATE \"C\" >= $1 AND word COLLATE \"C\" < $2 AND ndoc >= $3";

int search_db_vocab(struct db *db, struct arena *a, const char *from, const char *to,
                    int64_t min_docs, struct search_term **out, size_t *n)
{
    struct db_res *res;
    size_t cap = 64;
    int rc, pg = db_kind(db) == DB_PG;
    *out = NULL;
    *n = 0;
    if (!pg && (rc = db_exec(db, SQL_VOCAB_SQLITE_CREATE, NOPARAMS)) < 0)
        return rc;
    rc = db_query(db, pg ? SQL_VOCAB_PG : SQL_VOCAB_SQLITE,
                  PARAMS(P_TEXT(from), P_TEXT(to), P_INT(min_docs)), &res);
    if (rc < 0)
        return rc;
    *out = ARENA_ARRAY(a, struct search_term, cap);
    while ((rc = db_step(res)) == 1) {
        if (*n == cap) {
            struct search_term *w = ARENA_ARRAY(a, struct search_term, cap * 2);
            memcpy(w, *out, cap * sizeof(**out));
            *out = w;
            cap *= 2;
        }
        (*out)[*n].term = col(res, a, 0);
        (*out)[*n].docs = db_int(res, 1);
        (*n)++;
    }
    db_done(res);
    return rc < 0 ? ERR_DB : 0;
}

/* ------------------------------------------------------------------------------------------ */
/* Evaluation: the thread imported for a Stack Exchange question id into a community. */

static const char SQL_IMPORTED_THREAD[] =
    "SELECT th.id, th.created_at FROM import_map c JOIN import_map t ON t.source = c.source "
    "AND t.kind = 'thread' AND t.ext_id = $2 JOIN threads th ON th.id = t.local_id "
    "AND th.community_id = $1 WHERE c.kind = 'community' AND c.local_id = $1";

int search_db_imported_thread(struct db *db, int64_t community_id, int64_t ext_id, int64_t *tid,
                              int64_t *created_at)
{
    struct db_res *res;
    int rc = db_query(db, SQL_IMPORTED_THREAD, PARAMS(P_INT(community_id), P_INT(ext_id)), &res);
    *tid = *created_at = 0;
    if (rc < 0)
        return rc;
    if ((rc = db_step(res)) == 1) {
        *tid = db_int(res, 0);
        *created_at = db_int(res, 1);
    }
    db_done(res);
    return rc < 0 ? ERR_DB : 0;
}
