/* Private to src/store/{db,sqlite,pg,migrate}.c (and the store unit tests): the connection
 * and result structs, the statement cache, and the table of driver functions that db.c
 * dispatches to. Nothing outside src/store includes this file.
 *
 * Split of work: db.c owns everything the two backends share (the public API, the
 * one-open-result rule, transaction state, the statement cache, error bookkeeping);
 * sqlite.c and pg.c only talk to their library; migrate.c implements db_migrate. */
#ifndef PRAXIS_STORE_DB_DRIVER_H
#define PRAXIS_STORE_DB_DRIVER_H
#include <stddef.h>
#include <stdint.h>

#include "core/embed.h"
#include "core/err.h"
#include "store/db.h"

#define DB_ERRMSG_MAX    512
#define STMT_CACHE_MAX   128 /* prepared statements kept per connection (LRU beyond) */
#define STMT_CACHE_SLOTS 256 /* open-addressing table size: power of two, >= 2 * MAX */

/* One cached prepared statement. Keyed by the address of the caller's SQL text; the text is
   copied too so that a different string at a reused address is detected (and re-prepared). */
struct db_stmt {
    const char *key;   /* address of the caller's SQL; NULL = empty slot */
    char *sql;         /* heap copy of the text (freed with the entry) */
    void *handle;      /* SQLite: sqlite3_stmt * */
    unsigned pg_id;    /* PostgreSQL: prepared under the name "s<pg_id>" */
    int nparams;       /* SQLite: number of $N parameters the text uses */
    unsigned gen;      /* db->conn_gen when prepared; stale after a reconnect */
    uint64_t last_use; /* LRU tick */
};

/* A result. The connection owns two, used alternately, so that a pointer kept past an
   auto-finish points at a finished result (db_step then fails) instead of at the new one. */
struct db_res {
    struct db *db;   /* owning connection */
    int open;        /* 1 between db_query and db_done */
    int done;        /* 1 once db_step returned 0 or an error */
    int has_row;     /* 1 while a row is current (db_step returned 1) */
    int pending;     /* SQLite: a row was fetched by db_query and not yet returned */
    int ncols;       /* columns in the result */
    const char *sql; /* the caller's SQL (for the auto-finish warning) */
    void *stmt;      /* SQLite: the sqlite3_stmt * being stepped (owned by the cache) */
    void *pgres;     /* PostgreSQL: PGresult * holding all rows */
    int row;         /* PostgreSQL: current row, -1 before the first db_step */
    int nrows;       /* PostgreSQL: rows in pgres */
};

struct db_ops;

struct db {
    enum db_kind kind;                      /* DB_SQLITE or DB_PG */
    const struct db_ops *ops;               /* the driver */
    void *conn;                             /* sqlite3 * or PGconn * */
    struct db_res res[2];                   /* the results handed out (one open at a time) */
    int next_res;                           /* which of res[] the next query uses */
    int in_tx;                              /* 1 between db_begin* and db_commit/db_rollback */
    int tx_failed;                          /* a statement failed inside the open transaction */
    struct db_stmt cache[STMT_CACHE_SLOTS]; /* statement cache (open addressing) */
    int cache_count;                        /* live entries in cache */
    uint64_t tick;                          /* LRU clock */
    unsigned conn_gen;           /* bumped when the driver reconnects (cache entries go stale) */
    unsigned pg_next_id;         /* PostgreSQL: next prepared-statement name number */
    int pg_goodbye;              /* PostgreSQL: the server said FATAL while the link was idle */
    char err[DB_ERRMSG_MAX];     /* the last failure's message ("" if none) */
    char tx_err[DB_ERRMSG_MAX];  /* message of the failure that spoiled the transaction */
    void (*commit_hook)(void *); /* db_set_commit_hook: called after a commit that wrote */
    void *commit_arg;            /* ... live messages (db_mark_published); its argument */
    int published;               /* the open transaction published live messages */
};

/* The driver table. Every function reports failures as a negative enum err with a message
   in db->err (db_seterr); none of them prints. */
struct db_ops {
    int (*open)(struct db *db, const char *target, struct errinfo *e); /* PATH or URL */
    void (*close)(struct db *db);
    /* Run a statement to completion; return changed rows (>= 0) or an error. */
    int (*exec)(struct db *db, struct db_stmt *st, const char *sql, const struct db_param *p,
                int np);
    /* Start a query into res (cleared, with db and sql set by the caller); rows via step. */
    int (*query)(struct db *db, struct db_stmt *st, const char *sql, const struct db_param *p,
                 int np, struct db_res *res);
    int (*step)(struct db_res *res);    /* 1 row, 0 done, < 0 error */
    void (*finish)(struct db_res *res); /* release the result's rows / reset the statement */
    int (*isnull)(struct db_res *res, int col);
    int64_t (*get_int)(struct db_res *res, int col);
    const char *(*get_text)(struct db_res *res, int col);
    int (*script)(struct db *db, const char *sql);  /* several statements, no parameters */
    int (*control)(struct db *db, const char *sql); /* BEGIN / COMMIT / ROLLBACK */
    int (*in_tx)(struct db *db);                    /* 1 if the backend has a transaction open */
    int (*ready)(struct db *db);                    /* reconnect if the link is known dead */
    /* Prepare st->sql into the cache entry st (key and sql already set). */
    int (*prepare)(struct db *db, struct db_stmt *st);
    void (*unprepare)(struct db *db, struct db_stmt *st); /* finalize / DEALLOCATE */
    /* Rows this connection has changed since it opened, or NULL: no change stamp. */
    int64_t (*total_changes)(struct db *db);
    /* LISTEN/NOTIFY (PostgreSQL; NULL for SQLite): start listening on channel; the socket to
       poll for notifications; consume input and count the notifications that arrived. */
    int (*listen)(struct db *db, const char *channel);
    int (*notify_fd)(struct db *db);
    int (*notifications)(struct db *db);
};

extern const struct db_ops db_sqlite_ops;
extern const struct db_ops db_pg_ops;

/* Record the last failure's message (printf-style) and return code. */
int db_seterr(struct db *db, int code, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* Statement cache (db.c). db_stmt_get returns the prepared entry for sql, preparing it on a
   miss (or when it went stale with a reconnect) and evicting the least recently used entry
   when full; NULL on a prepare failure (message in db->err, *rc the code). Entries move
   inside the table when another is dropped, so a pointer to one is valid only until the next
   db_stmt_get/db_stmt_drop. db_stmt_drop forgets one entry, unpreparing it if unprepare is
   set and it is not stale; db_stmt_forget_all empties the cache the same way. */
struct db_stmt *db_stmt_get(struct db *db, const char *sql, int *rc);
void db_stmt_drop(struct db *db, struct db_stmt *st, int unprepare);
void db_stmt_forget_all(struct db *db, int unprepare);
int db_stmt_cached(struct db *db); /* live entries (for tests) */

/* Migrations (migrate.c), parameterised by the table of files so tests can feed their own.
   migrations_check validates a table: names "sqlite/NNNN_name.sql" / "pg/NNNN_name.sql",
   numbers 1..N without gaps or duplicates per backend, and the same numbers and names for
   both backends. Returns 0 or ERR_INTERNAL with a message in e. */
int migrations_check(const struct embedded_file *files, struct errinfo *e);
int migrations_latest(const struct embedded_file *files, enum db_kind kind);
int db_migrate_files(struct db *db, const struct embedded_file *files, struct errinfo *e);

/* sqlite_rank.c: register the FTS5 function praxis_some() on a sqlite3 * connection; 0 or -1. */
int sqlite_rank_register(void *handle);

#endif
