/* Export and import of a whole instance or one community as "praxis-export" JSON Lines
 * (docs/export-format.md), and the online backup of a SQLite database.
 *
 * The exporter is table-driven: one struct export_spec per record type names its table, its
 * columns with their JSON types, its sort key and the SQL fragment selecting one community's
 * rows. SELECT and INSERT statements are built from the spec (identifiers from this file's
 * constant tables only, never from input; values are bound parameters). Tables that hold no
 * content worth moving are listed in the exclusion table with the reason; export_check_schema
 * fails when the database has a table or column that neither list names, so the format cannot
 * silently lose data as the schema grows. To add a table: one entry in specs[] (in dependency
 * order, parents first) or in excluded[] in export.c, and a line in docs/export-format.md. */
#ifndef PRAXIS_STORE_EXPORT_H
#define PRAXIS_STORE_EXPORT_H
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "store/db.h"

#define EXPORT_FORMAT         "praxis-export"
#define EXPORT_FORMAT_VERSION 1
#define EXPORT_LINE_MAX       ((size_t)16 << 20) /* longest record line a reader accepts */
#define EXPORT_COLS_MAX       32                 /* most columns of any record type */

enum export_type { XT_INT, XT_TEXT, XT_BOOL };

#define XF_NULL     1u /* the value may be null */
#define XF_INSTANCE 2u /* secret: written only in whole-instance exports; absent = null/0 */
#define XF_ADDED                                                                                   \
    4u /* added to its record type after version 1's first schema: a file                          \
          from an older schema lacks it, and absent reads as dflt */
#define XF_RENDERED                                                                                \
    8u /* HTML rendered from the Markdown column src: written by exports,                          \
          never read back (the importer stores "" and export_import_render                         \
          renders it again); every column named *_html must have it */

struct export_col {
    const char *name;      /* column name = JSON member name */
    enum export_type type; /* JSON integer, string, or true/false (stored 0/1) */
    unsigned flags;        /* XF_* */
    const char *dflt;      /* XF_ADDED: the value when absent (integers in decimal) */
    const char *src;       /* XF_RENDERED: the Markdown column of the same table */
};

struct export_spec {
    const char *type;              /* the record's "type" */
    const char *table;             /* its table */
    const struct export_col *cols; /* columns in record order */
    int ncols;
    const char *order;     /* comma-separated key columns: the row order */
    const char *where;     /* rows never exported (both scopes), or NULL */
    const char *community; /* rows of community $1, or NULL = instance exports only */
    const char *serial;    /* identity column PostgreSQL must resync, or NULL */
    int update;            /* 1: the record completes a row an earlier record
                              inserted: the importer runs UPDATE table SET
                              cols[1..] = values WHERE cols[0] = value and those
                              columns are still NULL (a reference that may point
                              forward: articles.replaced_by) */
};

/* The record types in write (dependency) order. */
const struct export_spec *export_specs(size_t *n);
const struct export_spec *export_spec_find(const char *type);
/* Is the table deliberately left out of exports (sessions, rate limits, derived data...)? */
int export_table_excluded(const char *table);

/* Check that every table of the database is exported or excluded and every column of an
   exported table is in its spec or excluded, and that every exported column named *_html
   is XF_RENDERED (so an import never stores HTML from a file). Returns 0, ERR_INVALID
   (message naming the first uncovered tables/columns), or ERR_DB. A column counts as
   covered when any spec of its table names it. */
int export_check_schema(struct db *db, struct errinfo *e);

/* Write every record of the instance (community_id 0) or of one community, each as one
   compact JSON object without the newline, through emit (which returns 0 or a negative err
   to stop). Reads in one snapshot transaction. *nrec gets the count. Returns 0 or an err. */
typedef int (*export_emit_fn)(void *ud, const char *line, size_t len);
int export_write(struct db *db, int64_t community_id, export_emit_fn emit, void *ud, int64_t *nrec,
                 struct errinfo *e);

/* The id of community slug: 0, ERR_NOTFOUND or ERR_DB. */
int export_community_id(struct db *db, const char *slug, int64_t *id);

/* The header line (docs/export-format.md). */
struct export_header {
    int64_t format_version;
    int64_t schema_version;
    char scope[16];     /* "instance" or "community" */
    char community[64]; /* slug when scope is "community" */
};
/* Parse and check a header line: right format name, format version this reader knows,
   schema version not newer than latest. 0 or ERR_INVALID with a message. */
int export_header_parse(const char *line, size_t len, int64_t latest_schema,
                        struct export_header *h, struct errinfo *e);

/* One parsed record. Text values point into the JSON document owned by the record. */
struct export_record {
    const struct export_spec *spec;        /* NULL for the closing "end" record */
    int64_t end_count;                     /* "records" of the end record */
    struct db_param vals[EXPORT_COLS_MAX]; /* one per spec column */
    void *doc; /* the parsed JSON (json_t *), freed by export_record_free */
};
/* Parse one record line against the specs: known type, every member known, of the right
   JSON type, no required member missing. 0 or ERR_INVALID (message names the member). */
int export_record_parse(const char *line, size_t len, struct export_record *r, struct errinfo *e);
void export_record_free(struct export_record *r);

/* Import: begin refuses (ERR_CONFLICT) a database that holds any exported row (the
   instance's own secret setting aside), opens one write transaction and returns an importer
   (freed by finish or abort); insert adds one parsed record (ERR_CONFLICT for a duplicate
   key, ERR_DB for a broken reference; an update record fails with ERR_INVALID when no row
   is left to complete), storing "" in its XF_RENDERED columns whatever the file says;
   render (after the last insert, before finish) fills them in; finish resyncs PostgreSQL
   identity sequences and commits; abort rolls back. */
struct export_import;
int export_import_begin(struct db *db, struct export_import **out, struct errinfo *e);
int export_import_insert(struct export_import *im, const struct export_record *r,
                         struct errinfo *e);

/* Render one stored text: type is the record type ("post"), column the XF_RENDERED column
   ("body_html"), id the row's id, md its Markdown source ("" when NULL). Sets *html to safe
   HTML that stays valid until the next call and returns 0, or returns a negative err with a
   message in e to stop the import. */
typedef int (*export_render_fn)(void *ud, const char *type, const char *column, int64_t id,
                                const char *md, const char **html, struct errinfo *e);
/* Fill every XF_RENDERED column of every imported row from its src column through fn, in
   record-type order (users, communities, posts, comments, articles, events), by id, a page
   of rows at a time, on the importer's transaction (so fn may read what was imported).
   Returns 0, fn's error (its message prefixed with the record type and id), or ERR_DB. */
int export_import_render(struct export_import *im, export_render_fn fn, void *ud,
                         struct errinfo *e);
int export_import_finish(struct export_import *im, struct errinfo *e);
void export_import_abort(struct export_import *im);

/* Online backup of the SQLite database at url ("sqlite:PATH") into dest: copies
   pages_per_step pages per step (other connections keep writing between steps) into
   dest.tmp, checks it with PRAGMA integrity_check, fsyncs and renames it to dest. pause_ms
   (>= 0) is slept between steps to leave the disk to the server. A write by another
   connection restarts the copy (SQLite's rule, which keeps it consistent); after many
   restarts the rest is copied in one step from one snapshot. progress (may be NULL) is
   called after each step. Returns 0, ERR_INVALID (not SQLite:
   the message names pg_dump), or ERR_DB with a message. */
typedef void (*backup_progress_fn)(void *ud, int remaining, int total);
int store_backup_sqlite(const char *url, const char *dest, int pages_per_step, int pause_ms,
                        backup_progress_fn progress, void *ud, struct errinfo *e);

#endif
