/* The one storage interface: a connection to SQLite or PostgreSQL with the same calls.
 *
 * SQL is literal text with bound parameters written $1, $2, ... in both dialects (SQLite
 * binds them by name, PostgreSQL natively). Statements are prepared once per connection
 * and cached by the address of the SQL string, so pass string literals (or strings that
 * live as long as the connection). Where the dialects differ, store code picks between two
 * literals with db_kind(). Only src/store includes sqlite3.h or libpq-fe.h.
 *
 * Values: integers are int64; text is UTF-8; booleans are 0/1 integers; times are int64 UTC
 * seconds. Column values returned by db_text() live until the next db_step()/db_done() on
 * that result; copy them with arena_strdup to keep them.
 *
 * A connection is used by one thread at a time (one per worker thread). */
#ifndef PRAXIS_STORE_DB_H
#define PRAXIS_STORE_DB_H
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

enum db_kind { DB_SQLITE, DB_PG };

struct db;     /* a connection */
struct db_res; /* an open result; exactly one may be open per connection */

enum db_ptype { DBP_NULL, DBP_INT, DBP_TEXT };
struct db_param {
    enum db_ptype type;
    int64_t i;     /* DBP_INT */
    const char *s; /* DBP_TEXT, NUL-terminated */
};
#define P_NULL    ((struct db_param){DBP_NULL, 0, NULL})
#define P_INT(v)  ((struct db_param){DBP_INT, (int64_t)(v), NULL})
#define P_TEXT(v) ((struct db_param){(v) ? DBP_TEXT : DBP_NULL, 0, (v)})
/* Count and array for the variadic-looking call sites:
 *   db_exec(db, SQL, PARAMS(P_INT(id), P_TEXT(name))) */
#define PARAMS(...)                                                                                \
    (const struct db_param[]){__VA_ARGS__},                                                        \
        (int)(sizeof((struct db_param[]){__VA_ARGS__}) / sizeof(struct db_param))
#define NOPARAMS NULL, 0

/* Open "sqlite:PATH" (file created if missing; WAL, busy_timeout 5 s, foreign keys on,
   synchronous=NORMAL) or "postgres://..." / "postgresql://...". On failure returns an err
   with a message in e (never prints). */
int db_open(const char *url, struct db **out, struct errinfo *e);
void db_close(struct db *db);
enum db_kind db_kind(struct db *db);
const char *db_last_error(struct db *db); /* driver's message for the last failure */

/* Transactions. db_begin_write is BEGIN IMMEDIATE on SQLite (take the write lock up front)
   and BEGIN on PostgreSQL. Nesting is not supported. */
int db_begin(struct db *db);
int db_begin_write(struct db *db);
/* A read-only transaction whose statements all see one snapshot (exports): BEGIN on SQLite
   (WAL readers keep their snapshot), REPEATABLE READ READ ONLY on PostgreSQL. */
int db_begin_snapshot(struct db *db);
int db_commit(struct db *db);
int db_rollback(struct db *db); /* safe to call when no transaction is open */

/* Run a statement that returns no rows you need. Returns the number of rows changed (>= 0),
   ERR_CONFLICT on a unique/primary-key violation, or ERR_DB. */
int db_exec(struct db *db, const char *sql, const struct db_param *p, int np);
/* Run a query; iterate with db_step until it returns 0, then db_done. Returns ERR_DB, or
   ERR_CONFLICT when the statement (e.g. INSERT ... RETURNING) violates a unique key. */
int db_query(struct db *db, const char *sql, const struct db_param *p, int np, struct db_res **out);
int db_step(struct db_res *res);  /* 1 = a row, 0 = done, < 0 = ERR_DB */
void db_done(struct db_res *res); /* finish the result (NULL ok) */
int db_isnull(struct db_res *res, int col);
int64_t db_int(struct db_res *res, int col);      /* NULL reads as 0 */
const char *db_text(struct db_res *res, int col); /* NULL reads as NULL */

/* One-row conveniences: run sql, read column 0 of the first row.
   Return 0 (found), ERR_NOTFOUND (no row), or ERR_DB. *out untouched if not found. */
int db_get_int(struct db *db, const char *sql, const struct db_param *p, int np, int64_t *out);
/* The text is copied with x_strdup; the caller frees it. */
int db_get_text(struct db *db, const char *sql, const struct db_param *p, int np, char **out);

/* Run a script of several statements separated by ';' (migrations). No parameters. */
int db_exec_script(struct db *db, const char *sql);

/* Migrations embedded from src/store/migrations/{sqlite,pg}/NNNN_name.sql.
   db_migrate applies the missing ones in order, each in its own transaction, recording
   them in schema_migrations(version, name, applied_at). Refuses (ERR_CONFLICT, message
   naming both versions) when the database is newer than this binary. */
int db_migrate(struct db *db, struct errinfo *e);
int db_schema_version(struct db *db, int64_t *version); /* 0 if never migrated */

/* A change stamp for caches of rendered pages: two numbers that differ from the last call's
   whenever the database may have changed since, by this connection or by any other (another
   worker, another process such as an import). SQLite: PRAGMA data_version (commits by other
   connections) and sqlite3_total_changes64 (rows this connection changed, rolled back or
   not: a stamp may change without a change, never the reverse). Returns 0, ERR_DB, or 1 when
   the backend has no cheap stamp (PostgreSQL: other instances write without telling us), in
   which case callers must not cache. Outside a transaction only. */
int db_change_stamp(struct db *db, int64_t stamp[2]);
/* Page change stamps (migration 0030_page_stamps): counters kept by triggers per scope, so
   that a cache can tell whether what one page shows has changed. */
enum page_scope {
    PS_ALL = 1,       /* anything shown anywhere (id 0) */
    PS_PEOPLE = 2,    /* names and settings shown on every page (id 0) */
    PS_COMMUNITY = 3, /* a community's content (id = community) */
    PS_STRUCTURE = 4, /* a community as its thread pages show it (id = community) */
    PS_THREAD = 5,    /* one thread (id = thread) */
};
#define PAGE_DEPS_MAX 4
struct page_dep {
    int kind; /* enum page_scope */
    int64_t id;
};
/* Read the counters of deps[0..n) (n <= PAGE_DEPS_MAX) into out[] (a scope never bumped
   reads 0), in one statement. Returns 0 or ERR_DB. Outside a transaction only. */
int db_page_stamps(struct db *db, const struct page_dep *deps, size_t n, int64_t *out);
int db_latest_version(enum db_kind kind); /* newest embedded migration */

/* Live updates (store/live.c, app/live.c). db_set_commit_hook: fn(arg) is called by
   db_commit after a successful commit of a transaction in which db_mark_published was
   called (store/live.c does, when it writes a live message): the in-process wake-up of the
   live hub. fn runs on the committing thread and must not block. */
void db_set_commit_hook(struct db *db, void (*fn)(void *), void *arg);
void db_mark_published(struct db *db);
/* LISTEN/NOTIFY, PostgreSQL only. db_listen: LISTEN channel on this connection (0, or ERR_DB;
   ERR_INVALID on SQLite). db_notify_fd: the socket to poll for readability, or -1 (SQLite).
   db_notifications: read what arrived and return how many notifications (>= 0; ERR_DB when
   the link is lost: listen again after the next successful statement). */
int db_listen(struct db *db, const char *channel);
int db_notify_fd(struct db *db);
int db_notifications(struct db *db);

#endif
