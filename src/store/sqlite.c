/* The SQLite driver behind store/db.h: opens "sqlite:PATH" (creating the parent directory)
 * with NOMUTEX (one thread per connection), WAL, synchronous=NORMAL, foreign keys and a 5 s
 * busy timeout; prepares statements once (SQLITE_PREPARE_PERSISTENT) for db.c's cache and
 * binds the $1, $2 ... placeholders by name; maps unique and primary-key violations to
 * ERR_CONFLICT and everything else to ERR_DB with the driver's message in db->err. */
#include <errno.h>
#include <limits.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>

#include "store/db_driver.h"
#include "core/util.h"

#define BUSY_TIMEOUT_MS 5000

static sqlite3 *H(struct db *db)
{
    return (sqlite3 *)db->conn;
}

/* Turn the SQLite result code rc (extended codes are on) into ERR_CONFLICT or ERR_DB with a
   message in db->err. Call before resetting the statement. */
static int sq_fail(struct db *db, int rc)
{
    const char *msg = sqlite3_errmsg(H(db));
    if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY)
        return db_seterr(db, ERR_CONFLICT, "sqlite: %s", msg);
    if (rc == SQLITE_BUSY_SNAPSHOT)
        return db_seterr(db, ERR_DB,
                         "sqlite: database is busy: a read transaction tried to write after "
                         "another connection wrote (start transactions that write with "
                         "db_begin_write) (%s)",
                         msg);
    if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED)
        return db_seterr(db, ERR_DB,
                         "sqlite: database is locked: another connection held the write lock "
                         "for longer than the busy timeout (%s)",
                         msg);
    return db_seterr(db, ERR_DB, "sqlite: %s (%s)", msg, sqlite3_errstr(rc));
}

/* mkdir -p of the directory part of path (mode 0700 for new directories). 0 or -1 (errno). */
static int mkdir_parents(const char *path)
{
    char *dir = x_strdup(path);
    char *slash = strrchr(dir, '/');
    char *p;
    int rc = 0;

    if (!slash || slash == dir) {
        free(dir);
        return 0;
    }
    *slash = '\0';
    for (p = dir + 1;; p++) {
        if (*p == '/' || *p == '\0') {
            char c = *p;
            *p = '\0';
            if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
                rc = -1;
                break;
            }
            *p = c;
            if (c == '\0')
                break;
        }
    }
    free(dir);
    return rc;
}

/* Run a PRAGMA that returns one text row (or none); copy its value into out. */
static int sq_pragma(struct db *db, const char *sql, char *out, size_t n)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(H(db), sql, -1, &st, NULL);
    if (rc != SQLITE_OK)
        return sq_fail(db, rc);
    out[0] = '\0';
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        const char *v = (const char *)sqlite3_column_text(st, 0);
        str_copy(out, v ? v : "", n);
        rc = sqlite3_step(st);
    }
    if (rc != SQLITE_DONE) {
        rc = sq_fail(db, rc);
        sqlite3_finalize(st);
        return rc;
    }
    sqlite3_finalize(st);
    return 0;
}

static int sq_open(struct db *db, const char *path, struct errinfo *e)
{
    sqlite3 *h = NULL;
    char mode[32];
    int rc, memory = strcmp(path, ":memory:") == 0;

    if (!*path)
        return error_set(e, ERR_INVALID, "database",
                         "sqlite: needs a file path, as in sqlite:/var/lib/praxis/praxis.db");
    if (!memory && mkdir_parents(path) != 0)
        return error_set(e, ERR_DB, "database", "sqlite: cannot create the directory of %s: %s",
                         path, strerror(errno));
    rc = sqlite3_open_v2(path, &h, SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_CREATE | SQLITE_OPEN_READWRITE,
                         NULL);
    if (rc != SQLITE_OK) {
        rc = error_set(e, ERR_DB, "database", "sqlite: cannot open %s: %s", path,
                       h ? sqlite3_errmsg(h) : sqlite3_errstr(rc));
        sqlite3_close(h);
        return rc;
    }
    db->conn = h;
    sqlite3_extended_result_codes(h, 1);
    sqlite3_busy_timeout(h, BUSY_TIMEOUT_MS);
    /* journal_mode first (it reads the file, so a non-database fails here), then the rest. */
    rc = sq_pragma(db, "PRAGMA journal_mode=WAL", mode, sizeof(mode));
    if (rc == 0 && !memory && strcmp(mode, "wal") != 0)
        rc = db_seterr(db, ERR_DB,
                       "sqlite: could not switch to WAL mode (journal_mode is %s); "
                       "is the file on a local filesystem?",
                       mode);
    if (rc == 0)
        rc = sq_pragma(db, "PRAGMA synchronous=NORMAL", mode, sizeof(mode));
    if (rc == 0)
        rc = sq_pragma(db, "PRAGMA foreign_keys=ON", mode, sizeof(mode));
    if (rc == 0 && sqlite_rank_register(h) < 0) /* praxis_some(), for some-words searches */
        rc = db_seterr(db, ERR_DB, "sqlite: cannot register the FTS5 ranking function");
    if (rc < 0) {
        rc = error_set(e, ERR_DB, "database", "%s (opening %s)", db->err, path);
        sqlite3_close(h);
        db->conn = NULL;
        return rc;
    }
    return 0;
}

static void sq_close(struct db *db)
{
    sqlite3_close_v2(H(db));
    db->conn = NULL;
}

static int sq_ready(struct db *db)
{
    return 0;
}

/* Parse "$N" (N >= 1, decimal, no sign or leading zero); returns N or 0. */
static int param_number(const char *name)
{
    long n = 0;
    const char *p;
    if (!name || name[0] != '$' || name[1] < '1' || name[1] > '9')
        return 0;
    for (p = name + 1; *p; p++) {
        if (*p < '0' || *p > '9' || n > 100000)
            return 0;
        n = n * 10 + (*p - '0');
    }
    return (int)n;
}

/* Prepare st->sql. Refuses text holding more than one statement, and placeholders other
   than $1..$N without gaps (anonymous ?, :name, and "$1::type", which SQLite reads as one
   parameter name: write CAST($1 AS type)). */
static int sq_prepare(struct db *db, struct db_stmt *st)
{
    sqlite3_stmt *stmt = NULL;
    const char *tail = NULL;
    int rc, i, count;

    rc = sqlite3_prepare_v3(H(db), st->sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, &tail);
    if (rc != SQLITE_OK)
        return db_seterr(db, ERR_DB, "sqlite: %s (preparing: %.200s)", sqlite3_errmsg(H(db)),
                         st->sql);
    if (!stmt)
        return db_seterr(db, ERR_DB, "sqlite: empty statement");
    while (tail &&
           (*tail == ' ' || *tail == '\t' || *tail == '\n' || *tail == '\r' || *tail == ';'))
        tail++;
    if (tail && *tail) {
        sqlite3_finalize(stmt);
        return db_seterr(db, ERR_DB,
                         "sqlite: several statements in one call (use "
                         "db_exec_script): %.200s",
                         st->sql);
    }
    count = sqlite3_bind_parameter_count(stmt);
    for (i = 1; i <= count; i++) {
        const char *name = sqlite3_bind_parameter_name(stmt, i);
        int n = param_number(name);
        if (n < 1 || n > count) {
            /* name belongs to stmt: format the message before finalizing it. */
            db_seterr(db, ERR_DB,
                      "sqlite: parameters must be written $1 .. $N without gaps "
                      "(found %s; casts are written CAST($1 AS type)): %.200s",
                      name ? name : "?", st->sql);
            sqlite3_finalize(stmt);
            return ERR_DB;
        }
    }
    st->handle = stmt;
    st->nparams = count;
    return 0;
}

static void sq_unprepare(struct db *db, struct db_stmt *st)
{
    sqlite3_finalize((sqlite3_stmt *)st->handle);
    st->handle = NULL;
}

/* Reset a statement after use: releases its read lock and the bound copies of the text. */
static void sq_reset(sqlite3_stmt *stmt)
{
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
}

/* Bind p[0..np) to $1..$np of st. Text is copied (SQLITE_TRANSIENT): the caller's strings
   need not outlive the call. */
static int sq_bind(struct db *db, struct db_stmt *st, const struct db_param *p, int np)
{
    sqlite3_stmt *stmt = st->handle;
    int i, rc = SQLITE_OK;

    if (np != st->nparams)
        return db_seterr(db, ERR_DB, "statement uses %d parameters but %d were given: %.200s",
                         st->nparams, np, st->sql);
    for (i = 0; i < np && rc == SQLITE_OK; i++) {
        char name[16];
        int idx;
        snprintf(name, sizeof(name), "$%d", i + 1);
        idx = sqlite3_bind_parameter_index(stmt, name);
        switch (p[i].type) {
        case DBP_INT:
            rc = sqlite3_bind_int64(stmt, idx, p[i].i);
            break;
        case DBP_TEXT:
            rc = p[i].s ? sqlite3_bind_text(stmt, idx, p[i].s, -1, SQLITE_TRANSIENT)
                        : sqlite3_bind_null(stmt, idx);
            break;
        case DBP_NULL:
            rc = sqlite3_bind_null(stmt, idx);
            break;
        default:
            sqlite3_clear_bindings(stmt);
            return db_seterr(db, ERR_DB, "parameter $%d has an unknown type %d", i + 1,
                             (int)p[i].type);
        }
    }
    if (rc != SQLITE_OK) {
        rc = sq_fail(db, rc);
        sqlite3_clear_bindings(stmt);
        return rc;
    }
    return 0;
}

static int sq_exec(struct db *db, struct db_stmt *st, const char *sql, const struct db_param *p,
                   int np)
{
    sqlite3_stmt *stmt = st->handle;
    sqlite3_int64 before, changes;
    int rc = sq_bind(db, st, p, np);
    if (rc < 0)
        return rc;
    before = sqlite3_total_changes64(H(db));
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
        ;
    if (rc != SQLITE_DONE) {
        rc = sq_fail(db, rc);
        sq_reset(stmt);
        return rc;
    }
    /* sqlite3_changes() keeps the count of the last INSERT/UPDATE/DELETE, so a statement that
       changed nothing (DDL, SELECT, an UPDATE matching no row) would report a stale count:
       the total moves only when this statement changed rows. */
    changes = sqlite3_total_changes64(H(db)) != before ? sqlite3_changes64(H(db)) : 0;
    sq_reset(stmt);
    return changes > INT_MAX ? INT_MAX : (int)changes;
}

/* Start a query: bind and take the first step now, so that errors (a conflict in
   INSERT ... RETURNING, a busy database) come back from db_query as they do on PostgreSQL. */
static int sq_query(struct db *db, struct db_stmt *st, const char *sql, const struct db_param *p,
                    int np, struct db_res *res)
{
    sqlite3_stmt *stmt = st->handle;
    int rc = sq_bind(db, st, p, np);
    if (rc < 0)
        return rc;
    rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW) {
        res->pending = 1;
    } else if (rc == SQLITE_DONE) {
        res->done = 1;
    } else {
        rc = sq_fail(db, rc);
        sq_reset(stmt);
        return rc;
    }
    res->stmt = stmt;
    res->ncols = sqlite3_column_count(stmt);
    return 0;
}

static int sq_step(struct db_res *res)
{
    int rc;
    if (res->pending) {
        res->pending = 0;
        return 1;
    }
    rc = sqlite3_step((sqlite3_stmt *)res->stmt);
    if (rc == SQLITE_ROW)
        return 1;
    if (rc == SQLITE_DONE)
        return 0;
    return sq_fail(res->db, rc);
}

static void sq_finish(struct db_res *res)
{
    if (res->stmt)
        sq_reset((sqlite3_stmt *)res->stmt);
}

static int sq_isnull(struct db_res *res, int col)
{
    return sqlite3_column_type((sqlite3_stmt *)res->stmt, col) == SQLITE_NULL;
}

static int64_t sq_get_int(struct db_res *res, int col)
{
    return sqlite3_column_int64((sqlite3_stmt *)res->stmt, col);
}

static const char *sq_get_text(struct db_res *res, int col)
{
    return (const char *)sqlite3_column_text((sqlite3_stmt *)res->stmt, col);
}

static int sq_script(struct db *db, const char *sql)
{
    char *msg = NULL;
    int rc = sqlite3_exec(H(db), sql, NULL, NULL, &msg);
    if (rc != SQLITE_OK) {
        int code = (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY)
                       ? ERR_CONFLICT
                       : ERR_DB;
        db_seterr(db, code, "sqlite: %s", msg ? msg : sqlite3_errstr(rc));
        sqlite3_free(msg);
        return code;
    }
    return 0;
}

/* BEGIN [IMMEDIATE] / COMMIT / ROLLBACK, through the statement cache (sql is a literal). */
static int sq_control(struct db *db, const char *sql)
{
    struct db_stmt *st;
    sqlite3_stmt *stmt;
    int rc;
    st = db_stmt_get(db, sql, &rc);
    if (!st)
        return rc;
    stmt = st->handle;
    rc = sqlite3_step(stmt);
    if (rc != SQLITE_DONE) {
        rc = sq_fail(db, rc);
        sq_reset(stmt);
        return rc;
    }
    sq_reset(stmt);
    return 0;
}

static int sq_in_tx(struct db *db)
{
    return !sqlite3_get_autocommit(H(db));
}

static int64_t sq_total_changes(struct db *db)
{
    return sqlite3_total_changes64(H(db));
}

const struct db_ops db_sqlite_ops = {
    .open = sq_open,
    .close = sq_close,
    .exec = sq_exec,
    .query = sq_query,
    .step = sq_step,
    .finish = sq_finish,
    .isnull = sq_isnull,
    .get_int = sq_get_int,
    .get_text = sq_get_text,
    .script = sq_script,
    .control = sq_control,
    .in_tx = sq_in_tx,
    .ready = sq_ready,
    .prepare = sq_prepare,
    .unprepare = sq_unprepare,
    .total_changes = sq_total_changes,
};
