/* The backend-independent half of the storage interface (store/db.h): opening a connection
 * by URL, the statement cache keyed by the SQL text's address, the one-open-result rule
 * (a statement started while a result is open finishes that result and logs a warning),
 * transaction bookkeeping that makes both backends behave like PostgreSQL (after a failed
 * statement the transaction only rolls back), and the one-row conveniences. The drivers in
 * sqlite.c and pg.c do the talking; see docs/internals/store.md for the invariants. */
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/log.h"
#include "store/db_driver.h"
#include "core/util.h"

#define CACHE_MASK (STMT_CACHE_SLOTS - 1)

int db_seterr(struct db *db, int code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(db->err, sizeof(db->err), fmt, ap);
    va_end(ap);
    return code;
}

/* Copy up to n-1 bytes of sql into out for a log line: quotes, backslashes and control
   characters become spaces and runs of spaces collapse, so the logfmt value stays intact. */
static void sql_snippet(char *out, size_t n, const char *sql)
{
    size_t j = 0;
    int space = 1;
    for (; sql && *sql && j + 1 < n; sql++) {
        unsigned char c = (unsigned char)*sql;
        if (c < 0x20 || c == '"' || c == '\\' || c == 0x7f)
            c = ' ';
        if (c == ' ' && space)
            continue;
        space = c == ' ';
        out[j++] = (char)c;
    }
    while (j > 0 && out[j - 1] == ' ')
        j--;
    out[j] = '\0';
}

/* ---- statement cache ------------------------------------------------------------------- */

/* Home slot of a key: Fibonacci hashing of the address. */
static size_t slot_of(const char *key)
{
    uint64_t h = (uint64_t)(uintptr_t)key * 0x9E3779B97F4A7C15ull;
    return (size_t)(h >> 56) & CACHE_MASK; /* top 8 bits: STMT_CACHE_SLOTS is 256 */
}

/* Empty slot i and shift later entries of its probe run back (linear probing deletion). */
static void slot_delete(struct db *db, size_t i)
{
    size_t j = i;
    memset(&db->cache[i], 0, sizeof(db->cache[i]));
    for (;;) {
        size_t k;
        j = (j + 1) & CACHE_MASK;
        if (!db->cache[j].key)
            break;
        k = slot_of(db->cache[j].key);
        /* Move the entry at j into the hole at i unless its home k lies cyclically in (i, j]. */
        if ((j > i && (k <= i || k > j)) || (j < i && k <= i && k > j)) {
            db->cache[i] = db->cache[j];
            memset(&db->cache[j], 0, sizeof(db->cache[j]));
            i = j;
        }
    }
    db->cache_count--;
}

void db_stmt_drop(struct db *db, struct db_stmt *st, int unprepare)
{
    if (!st || !st->key)
        return;
    if (unprepare && st->gen == db->conn_gen)
        db->ops->unprepare(db, st);
    free(st->sql);
    slot_delete(db, (size_t)(st - db->cache));
}

void db_stmt_forget_all(struct db *db, int unprepare)
{
    size_t i;
    for (i = 0; i < STMT_CACHE_SLOTS; i++) {
        struct db_stmt *st = &db->cache[i];
        if (!st->key)
            continue;
        if (unprepare && st->gen == db->conn_gen)
            db->ops->unprepare(db, st);
        free(st->sql);
        memset(st, 0, sizeof(*st));
    }
    db->cache_count = 0;
}

int db_stmt_cached(struct db *db)
{
    return db->cache_count;
}

/* Evict the least recently used entry. */
static void cache_evict_lru(struct db *db)
{
    struct db_stmt *old = NULL;
    size_t i;
    for (i = 0; i < STMT_CACHE_SLOTS; i++)
        if (db->cache[i].key && (!old || db->cache[i].last_use < old->last_use))
            old = &db->cache[i];
    db_stmt_drop(db, old, 1);
}

struct db_stmt *db_stmt_get(struct db *db, const char *sql, int *rc)
{
    size_t i = slot_of(sql);
    struct db_stmt *st;
    int r;

    for (;;) {
        st = &db->cache[i];
        if (!st->key)
            break;
        if (st->key == sql) {
            if (strcmp(st->sql, sql) != 0) {
                /* Another text at a reused address: forget the old statement. */
                db_stmt_drop(db, st, 1);
                return db_stmt_get(db, sql, rc);
            }
            if (st->gen != db->conn_gen) {
                /* Prepared on a connection that was since reset: prepare again. */
                r = db->ops->prepare(db, st);
                if (r < 0) {
                    db_stmt_drop(db, st, 0);
                    *rc = r;
                    return NULL;
                }
                st->gen = db->conn_gen;
            }
            st->last_use = ++db->tick;
            return st;
        }
        i = (i + 1) & CACHE_MASK;
    }

    if (db->cache_count >= STMT_CACHE_MAX) {
        cache_evict_lru(db);
        for (i = slot_of(sql); db->cache[i].key; i = (i + 1) & CACHE_MASK)
            ;
        st = &db->cache[i];
    }
    memset(st, 0, sizeof(*st));
    st->key = sql;
    st->sql = x_strdup(sql);
    st->gen = db->conn_gen;
    st->last_use = ++db->tick;
    db->cache_count++;
    r = db->ops->prepare(db, st);
    if (r < 0) {
        db_stmt_drop(db, st, 0);
        *rc = r;
        return NULL;
    }
    return st;
}

/* ---- results --------------------------------------------------------------------------- */

static void res_finish(struct db_res *res)
{
    if (!res->open)
        return;
    res->db->ops->finish(res);
    res->open = 0;
    res->done = 1;
    res->has_row = 0;
    res->pending = 0;
    res->stmt = NULL;
    res->pgres = NULL;
}

/* Finish any result still open before the connection runs next_sql, with a warning: the
   caller forgot db_done, or is running a statement inside a db_step loop. */
static void finish_forgotten(struct db *db, const char *next_sql)
{
    int i;
    for (i = 0; i < 2; i++) {
        if (db->res[i].open) {
            char a[100], b[100];
            sql_snippet(a, sizeof(a), db->res[i].sql);
            sql_snippet(b, sizeof(b), next_sql);
            log_warn("msg=\"db: result left open; finished it to run the next statement\" "
                     "open_sql=\"%s\" next_sql=\"%s\"",
                     a, b);
            res_finish(&db->res[i]);
        }
    }
}

/* Common prologue of every statement: finish a forgotten result, refuse statements inside a
   failed transaction (PostgreSQL's rule, applied to SQLite too), reconnect if needed. */
static int stmt_begin(struct db *db, const char *sql)
{
    finish_forgotten(db, sql);
    if (db->in_tx && db->tx_failed)
        return db_seterr(db, ERR_DB,
                         "statement refused: an earlier statement in this transaction failed "
                         "(%s); roll the transaction back",
                         db->tx_err);
    return db->ops->ready(db);
}

/* Common epilogue: an error inside a transaction spoils it. Returns rc. */
static int stmt_end(struct db *db, int rc)
{
    if (rc < 0 && rc != ERR_NOTFOUND && db->in_tx && !db->tx_failed) {
        db->tx_failed = 1;
        str_copy(db->tx_err, db->err, sizeof(db->tx_err));
    }
    return rc;
}

static int check_params(struct db *db, const char *sql, const struct db_param *p, int np)
{
    if (!sql)
        return db_seterr(db, ERR_DB, "no SQL given");
    if (np < 0 || (np > 0 && !p))
        return db_seterr(db, ERR_DB, "bad parameter array (%d parameters)", np);
    return 0;
}

/* ---- public API ------------------------------------------------------------------------ */

int db_open(const char *url, struct db **out, struct errinfo *e)
{
    struct db *db;
    const struct db_ops *ops;
    const char *target;
    int rc, i;

    *out = NULL;
    if (!url)
        return error_set(e, ERR_INVALID, "database", "No database URL given.");
    if (str_starts(url, "sqlite:")) {
        ops = &db_sqlite_ops;
        target = url + 7;
    } else if (str_starts(url, "postgres://") || str_starts(url, "postgresql://")) {
        ops = &db_pg_ops;
        target = url;
    } else {
        return error_set(e, ERR_INVALID, "database",
                         "The database URL must start with sqlite: (sqlite:PATH) or "
                         "postgres:// (postgres://user@host:port/dbname).");
    }
    db = x_calloc(1, sizeof(*db));
    db->kind = ops == &db_sqlite_ops ? DB_SQLITE : DB_PG;
    db->ops = ops;
    for (i = 0; i < 2; i++)
        db->res[i].db = db;
    rc = ops->open(db, target, e);
    if (rc < 0) {
        free(db);
        return rc;
    }
    *out = db;
    return 0;
}

void db_close(struct db *db)
{
    int i;
    if (!db)
        return;
    for (i = 0; i < 2; i++)
        res_finish(&db->res[i]);
    /* SQLite statements must be finalized before closing; PostgreSQL drops its prepared
       statements with the session, so no DEALLOCATE round trips. */
    db_stmt_forget_all(db, db->kind == DB_SQLITE);
    db->ops->close(db);
    free(db);
}

enum db_kind db_kind(struct db *db)
{
    return db->kind;
}

const char *db_last_error(struct db *db)
{
    return db ? db->err : "";
}

/* Start a transaction with the driver statement sql. */
static int tx_begin(struct db *db, const char *sql)
{
    int rc;
    finish_forgotten(db, sql);
    if (db->in_tx)
        return db_seterr(db, ERR_DB, "a transaction is already open (nesting is not supported)");
    rc = db->ops->ready(db);
    if (rc == 0)
        rc = db->ops->control(db, sql);
    if (rc == 0) {
        db->in_tx = 1;
        db->tx_failed = 0;
        db->tx_err[0] = '\0';
    }
    return rc;
}

int db_begin(struct db *db)
{
    return tx_begin(db, "BEGIN");
}

int db_begin_snapshot(struct db *db)
{
    return tx_begin(db, db->kind == DB_SQLITE ? "BEGIN"
                                              : "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY");
}

int db_begin_write(struct db *db)
{
    return tx_begin(db, db->kind == DB_SQLITE ? "BEGIN IMMEDIATE" : "BEGIN");
}

/* Leave the transaction state, rolling the backend back if it still has one open. */
static int tx_abandon(struct db *db)
{
    int rc = 0;
    db->in_tx = 0;
    db->tx_failed = 0;
    db->published = 0;
    if (db->ops->in_tx(db))
        rc = db->ops->control(db, "ROLLBACK");
    return rc;
}

int db_commit(struct db *db)
{
    int rc;
    finish_forgotten(db, "COMMIT");
    if (!db->in_tx)
        return db_seterr(db, ERR_DB, "COMMIT without an open transaction");
    if (db->tx_failed) {
        char why[DB_ERRMSG_MAX];
        str_copy(why, db->tx_err, sizeof(why));
        tx_abandon(db);
        return db_seterr(db, ERR_DB,
                         "transaction rolled back: an earlier statement in it failed (%s)", why);
    }
    rc = db->ops->control(db, "COMMIT");
    if (rc < 0) {
        char why[DB_ERRMSG_MAX];
        str_copy(why, db->err, sizeof(why));
        tx_abandon(db);
        str_copy(db->err, why, sizeof(db->err));
        return rc;
    }
    db->in_tx = 0;
    if (db->published) {
        db->published = 0;
        if (db->commit_hook)
            db->commit_hook(db->commit_arg);
    }
    return 0;
}

void db_set_commit_hook(struct db *db, void (*fn)(void *), void *arg)
{
    db->commit_hook = fn;
    db->commit_arg = arg;
}

void db_mark_published(struct db *db)
{
    db->published = 1;
}

int db_listen(struct db *db, const char *channel)
{
    if (!db->ops->listen)
        return db_seterr(db, ERR_INVALID, "this database has no LISTEN");
    return db->ops->listen(db, channel);
}

int db_notify_fd(struct db *db)
{
    return db->ops->notify_fd ? db->ops->notify_fd(db) : -1;
}

int db_notifications(struct db *db)
{
    return db->ops->notifications ? db->ops->notifications(db) : 0;
}

int db_rollback(struct db *db)
{
    finish_forgotten(db, "ROLLBACK");
    return tx_abandon(db);
}

int db_exec(struct db *db, const char *sql, const struct db_param *p, int np)
{
    struct db_stmt *st;
    int rc = check_params(db, sql, p, np);
    if (rc == 0)
        rc = stmt_begin(db, sql);
    if (rc < 0)
        return stmt_end(db, rc);
    st = db_stmt_get(db, sql, &rc);
    if (!st)
        return stmt_end(db, rc);
    return stmt_end(db, db->ops->exec(db, st, sql, p, np));
}

int db_query(struct db *db, const char *sql, const struct db_param *p, int np, struct db_res **out)
{
    struct db_stmt *st;
    struct db_res *res;
    int rc = check_params(db, sql, p, np);

    *out = NULL;
    if (rc == 0)
        rc = stmt_begin(db, sql);
    if (rc < 0)
        return stmt_end(db, rc);
    st = db_stmt_get(db, sql, &rc);
    if (!st)
        return stmt_end(db, rc);
    /* Alternate between the two result objects so that a pointer kept past an
       auto-finish refers to a finished result, never to this new one. */
    res = &db->res[db->next_res];
    db->next_res ^= 1;
    memset(res, 0, sizeof(*res));
    res->db = db;
    res->sql = sql;
    rc = db->ops->query(db, st, sql, p, np, res);
    if (rc < 0) {
        res->done = 1;
        return stmt_end(db, rc);
    }
    res->open = 1;
    *out = res;
    return 0;
}

int db_step(struct db_res *res)
{
    int rc;
    if (!res)
        return ERR_DB;
    if (!res->open)
        return db_seterr(res->db, ERR_DB,
                         "db_step on a finished result (another statement ran on this "
                         "connection before the loop ended; finish a result before starting "
                         "the next statement)");
    res->has_row = 0;
    if (res->done)
        return 0;
    rc = res->db->ops->step(res);
    if (rc == 1) {
        res->has_row = 1;
        return 1;
    }
    res->done = 1;
    return rc < 0 ? stmt_end(res->db, rc) : 0;
}

void db_done(struct db_res *res)
{
    if (res)
        res_finish(res);
}

/* 1 if res has a current row and col is one of its columns. */
static int col_ok(struct db_res *res, int col)
{
    return res && res->open && res->has_row && col >= 0 && col < res->ncols;
}

int db_isnull(struct db_res *res, int col)
{
    return col_ok(res, col) ? res->db->ops->isnull(res, col) : 1;
}

int64_t db_int(struct db_res *res, int col)
{
    return col_ok(res, col) ? res->db->ops->get_int(res, col) : 0;
}

const char *db_text(struct db_res *res, int col)
{
    return col_ok(res, col) ? res->db->ops->get_text(res, col) : NULL;
}

int db_get_int(struct db *db, const char *sql, const struct db_param *p, int np, int64_t *out)
{
    struct db_res *res;
    int rc = db_query(db, sql, p, np, &res);
    if (rc < 0)
        return rc;
    rc = db_step(res);
    if (rc == 1) {
        *out = db_int(res, 0);
        rc = 0;
    } else if (rc == 0) {
        rc = ERR_NOTFOUND;
    }
    db_done(res);
    return rc;
}

int db_change_stamp(struct db *db, int64_t stamp[2])
{
    int rc;
    if (!db->ops->total_changes)
        return 1;
    if (db->in_tx)
        return db_seterr(db, ERR_INTERNAL, "db_change_stamp inside a transaction");
    rc = db_get_int(db, "PRAGMA data_version", NOPARAMS, &stamp[0]);
    if (rc < 0)
        return rc;
    stamp[1] = db->ops->total_changes(db);
    return 0;
}

int db_page_stamps(struct db *db, const struct page_dep *deps, size_t n, int64_t *out)
{
    struct db_param p[2 * PAGE_DEPS_MAX];
    struct db_res *res;
    int rc;
    if (n == 0 || n > PAGE_DEPS_MAX)
        return db_seterr(db, ERR_INTERNAL, "db_page_stamps: 1 to 4 scopes");
    if (db->in_tx)
        return db_seterr(db, ERR_INTERNAL, "db_page_stamps inside a transaction");
    for (size_t i = 0; i < PAGE_DEPS_MAX; i++) { /* unused slots repeat the last scope */
        const struct page_dep *d = &deps[i < n ? i : n - 1];
        p[2 * i] = P_INT(d->kind);
        p[2 * i + 1] = P_INT(d->id);
        if (i < n)
            out[i] = 0;
    }
    rc = db_query(db,
                  "SELECT kind, id, n FROM page_stamps WHERE (kind = $1 AND id = $2) "
                  "OR (kind = $3 AND id = $4) OR (kind = $5 AND id = $6) "
                  "OR (kind = $7 AND id = $8)",
                  p, 2 * PAGE_DEPS_MAX, &res);
    if (rc < 0)
        return rc;
    while ((rc = db_step(res)) == 1) {
        int64_t k = db_int(res, 0), id = db_int(res, 1), v = db_int(res, 2);
        for (size_t i = 0; i < n; i++)
            if (deps[i].kind == k && deps[i].id == id)
                out[i] = v;
    }
    db_done(res);
    return rc;
}

int db_get_text(struct db *db, const char *sql, const struct db_param *p, int np, char **out)
{
    struct db_res *res;
    int rc = db_query(db, sql, p, np, &res);
    if (rc < 0)
        return rc;
    rc = db_step(res);
    if (rc == 1) {
        const char *s = db_text(res, 0);
        *out = s ? x_strdup(s) : NULL;
        rc = 0;
    } else if (rc == 0) {
        rc = ERR_NOTFOUND;
    }
    db_done(res);
    return rc;
}

int db_exec_script(struct db *db, const char *sql)
{
    int rc = sql ? stmt_begin(db, sql) : db_seterr(db, ERR_DB, "no SQL given");
    if (rc < 0)
        return stmt_end(db, rc);
    return stmt_end(db, db->ops->script(db, sql));
}
