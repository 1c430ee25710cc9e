/* `praxis export`, `praxis import praxis FILE` and `praxis backup`: moving an instance or a
 * community out of and back into Praxis in the documented "praxis-export" JSON Lines format
 * (docs/export-format.md), and consistent copies of a running SQLite instance
 * (docs/deploy.md). The record catalogue and the SQL live in src/store/export.c. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>

#include "cli/cli.h"
#include "core/buf.h"
#include "core/timeutil.h"
#include "domain/import.h"
#include "domain/upload.h"
#include "store/db.h"
#include "store/export.h"
#include "core/util.h"

static const char export_help[] =
    "usage: praxis export [--community SLUG] [--output FILE|-] [--db URL] [--uploads DIR]\n"
    "       praxis export --check-schema [--db URL]\n"
    "\n"
    "Write the whole instance, or one community, as praxis-export JSON Lines (the format is\n"
    "documented in docs/export-format.md). Read it back with `praxis import praxis FILE`.\n"
    "\n"
    "  --community SLUG   only this community, with the accounts its content refers to\n"
    "                     (without password hashes or administrator flags)\n"
    "  --output FILE      write to FILE (through FILE.tmp, renamed when complete);\n"
    "                     - or no option writes to standard output\n"
    "  --check-schema     exit 1 naming any table or column that the format neither exports\n"
    "                     nor lists as excluded\n"
    "  --uploads DIR      where the instance keeps uploaded files (as for praxis serve);\n"
    "                     with --output FILE they are copied into FILE.uploads/ (standard\n"
    "                     output carries the records only)\n";

static const char import_praxis_help[] =
    "usage: praxis import praxis FILE|- [--db URL] [--uploads DIR]\n"
    "\n"
    "Load a praxis-export file (docs/export-format.md) into an EMPTY instance, keeping every\n"
    "id. The file is read line by line inside one transaction: a broken line is reported\n"
    "with its number and nothing is imported. Uploaded files found in FILE.uploads/ are\n"
    "copied into the instance's upload directory (--uploads DIR, as for praxis serve).\n";

static const char backup_help[] =
    "usage: praxis backup FILE [--db URL] [--pages N] [--pause MS] [--uploads DIR]\n"
    "\n"
    "Copy a SQLite instance, while it runs, with SQLite's online backup API: N pages per\n"
    "step (default 256) so the server keeps writing; the copy goes to FILE.tmp, is checked\n"
    "with PRAGMA integrity_check and renamed to FILE. Start a server on the copy with\n"
    "`praxis serve --db sqlite:FILE`. PostgreSQL: use pg_dump -Fc (docs/deploy.md).\n"
    "\n"
    "  --pages N    pages copied per step (default 256)\n"
    "  --pause MS   sleep between steps, leaving the disk to the server (default 0)\n"
    "  --uploads DIR  the instance's upload directory (as for praxis serve): its files are\n"
    "               copied into FILE.uploads/ (restore: praxis serve --db sqlite:FILE\n"
    "               --uploads FILE.uploads)\n";

/* Carry uploaded files beside an export, import or backup file: export and backup copy the
   files of c->db's uploads (of community cid, or all) from the instance's upload directory
   (--uploads, else next to --db) into OUT.uploads/; import copies them from IN.uploads/ (when
   that directory exists) into the instance's upload directory. Returns 0 or -1 (printed). */
static int copy_uploads(int argc, char **argv, struct ctx *c, const char *in, const char *out,
                        int64_t cid, const char *what)
{
    const char *db_url = cli_db_url(cli_opt(argc, argv, "db"));
    char *dir = cli_upload_dir(argc, argv, db_url);
    struct buf side = BUF_INIT;
    size_t copied = 0, missing = 0;
    struct stat st;
    int rc = 0;
    buf_printf(&side, "%s.uploads", in ? in : out);
    if (in && (stat(side.data, &st) < 0 || !S_ISDIR(st.st_mode)))
        goto done; /* nothing came with the file */
    if (upload_copy_files(c, in ? side.data : dir, in ? dir : side.data, cid, &copied, &missing) <
        0) {
        fprintf(stderr, "praxis %s: uploaded files: %s\n", what, c->err->msg);
        rc = -1;
        goto done;
    }
    if (copied || missing)
        fprintf(stderr, "praxis %s: %zu uploaded files copied to %s%s", what, copied,
                in ? dir : side.data, missing ? "" : "\n");
    if (missing)
        fprintf(stderr, " (%zu missing in %s, see the log)\n", missing, in ? side.data : dir);
done:
    free(dir);
    buf_release(&side);
    return rc;
}

struct out {
    FILE *f;   /* where records go */
    int tty;   /* stderr is a terminal and f is not stdout: show progress */
    int64_t n; /* records written so far */
};

static int emit_line(void *ud, const char *line, size_t len)
{
    struct out *o = ud;
    if (fwrite(line, 1, len, o->f) != len || fputc('\n', o->f) == EOF)
        return ERR_INTERNAL;
    if (++o->n % 10000 == 0 && o->tty)
        fprintf(stderr, "\rpraxis export: %lld records", (long long)o->n);
    return 0;
}

/* The header line: format, versions, time, scope. */
static int write_header(FILE *f, int64_t schema, const char *slug)
{
    char when[32];
    json_t *h = json_object();
    char *line;
    int rc;
    time_iso(time_now(), when);
    json_object_set_new(h, "format", json_string(EXPORT_FORMAT));
    json_object_set_new(h, "format_version", json_integer(EXPORT_FORMAT_VERSION));
    json_object_set_new(h, "praxis_version", json_string(PRAXIS_VERSION));
    json_object_set_new(h, "schema_version", json_integer((json_int_t)schema));
    json_object_set_new(h, "exported_at", json_string(when));
    json_object_set_new(h, "scope", json_string(slug ? "community" : "instance"));
    if (slug)
        json_object_set_new(h, "community", json_string(slug));
    line = json_dumps(h, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(h);
    rc = fprintf(f, "%s\n", line) < 0 ? -1 : 0;
    free(line);
    return rc;
}

int cmd_export(int argc, char **argv)
{
    static const char *const valued[] = {"community", "output", "db", "uploads", NULL};
    static const char *const flags[] = {"check-schema", NULL};
    const char *slug = cli_opt(argc, argv, "community");
    const char *output = cli_opt(argc, argv, "output");
    struct ctx c;
    struct arena a;
    struct errinfo e = {0};
    struct out o = {stdout, 0, 0};
    struct buf tmp;
    int64_t cid = 0, schema = 0, n = 0;
    int rc = 1;

    if (cli_wants_help(argc, argv)) {
        fputs(export_help, stdout);
        return 0;
    }
    if (cli_check_opts(argc, argv, valued, flags, 0, export_help))
        return 2;
    if (cli_open(cli_db_url(cli_opt(argc, argv, "db")), &c, &a, &e))
        return 1;
    buf_init(&tmp, 8192);
    if (cli_flag(argc, argv, "check-schema")) {
        if (export_check_schema(c.db, &e) < 0)
            fprintf(stderr, "praxis export: %s\n", e.msg);
        else {
            puts("every table and column is exported or deliberately excluded");
            rc = 0;
        }
        goto out;
    }
    if (slug && export_community_id(c.db, slug, &cid) < 0) {
        fprintf(stderr, "praxis export: no community '%s'\n", slug);
        goto out;
    }
    if (db_schema_version(c.db, &schema) < 0) {
        fprintf(stderr, "praxis export: cannot read the schema version\n");
        goto out;
    }
    if (output && strcmp(output, "-") != 0) {
        buf_printf(&tmp, "%s.tmp", output);
        /* 0600: an instance export holds password hashes, like the database itself */
        int fd = open(tmp.data, O_WRONLY | O_CREAT | O_TRUNC, 0600);
        o.f = fd >= 0 ? fdopen(fd, "w") : NULL;
        o.tty = isatty(2);
        if (fd >= 0 && !o.f)
            close(fd);
        if (!o.f) {
            fprintf(stderr, "praxis export: cannot write %s: %s\n", tmp.data, strerror(errno));
            goto out;
        }
    }
    if (write_header(o.f, schema, slug) < 0 || export_write(c.db, cid, emit_line, &o, &n, &e) < 0 ||
        fprintf(o.f, "{\"type\":\"end\",\"records\":%lld}\n", (long long)n) < 0 ||
        fflush(o.f) != 0 || ferror(o.f)) {
        fprintf(stderr, "praxis export: %s\n", e.code ? e.msg : strerror(errno));
        goto out;
    }
    if (o.f != stdout) {
        if (fsync(fileno(o.f)) < 0 || fclose(o.f) != 0) {
            o.f = NULL;
            fprintf(stderr, "praxis export: cannot write %s: %s\n", tmp.data, strerror(errno));
            goto out;
        }
        o.f = NULL;
        if (rename(tmp.data, output) < 0) {
            fprintf(stderr, "praxis export: cannot rename %s: %s\n", tmp.data, strerror(errno));
            goto out;
        }
        fprintf(stderr, "%spraxis export: %lld records written to %s\n",
                o.tty && n >= 10000 ? "\n" : "", (long long)n, output);
        if (copy_uploads(argc, argv, &c, NULL, output, cid, "export") < 0)
            goto out;
    }
    rc = 0;
out:
    if (o.f && o.f != stdout) {
        fclose(o.f);
        unlink(tmp.data);
    }
    buf_release(&tmp);
    cli_close(&c);
    return rc;
}

/* Read one line of at most EXPORT_LINE_MAX bytes into b (without the newline).
   Returns 1 (a line), 0 (end of file), -1 (read error) or -2 (line too long). */
static int read_line(FILE *f, struct buf *b)
{
    char chunk[65536];
    int got = 0;
    buf_reset(b);
    while (fgets(chunk, sizeof(chunk), f)) {
        size_t n = strlen(chunk);
        got = 1;
        if (n && chunk[n - 1] == '\n') {
            buf_append(b, chunk, n - 1);
            return b->err ? -2 : 1;
        }
        buf_append(b, chunk, n);
        if (b->err)
            return -2;
    }
    if (ferror(f))
        return -1;
    return got ? 1 : 0;
}

int cli_import_praxis(int argc, char **argv)
{
    const char *file = NULL;
    struct ctx c;
    struct arena a;
    struct errinfo e = {0};
    struct export_header h;
    struct buf line;
    struct export_import *im = NULL;
    FILE *f;
    int64_t lineno = 0, n = 0, latest;
    size_t fallbacks = 0;
    int rc = 1, r, ended = 0, i, tty = isatty(2);

    if (cli_wants_help(argc, argv)) {
        fputs(import_praxis_help, stdout);
        return 0;
    }
    for (i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--db") || !strcmp(argv[i], "--uploads")) {
            i++;
            continue;
        }
        if (strncmp(argv[i], "--", 2) != 0) {
            file = argv[i];
            break;
        }
    }
    if (!file) {
        fputs(import_praxis_help, stderr);
        return 2;
    }
    f = strcmp(file, "-") ? fopen(file, "r") : stdin;
    if (!f) {
        fprintf(stderr, "praxis import: cannot open %s: %s\n", file, strerror(errno));
        return 1;
    }
    if (cli_open(cli_db_url(cli_opt(argc, argv, "db")), &c, &a, &e)) {
        if (f != stdin)
            fclose(f);
        return 1;
    }
    buf_init(&line, EXPORT_LINE_MAX);
    latest = db_latest_version(db_kind(c.db));
    if (export_import_begin(c.db, &im, &e) < 0) {
        fprintf(stderr, "praxis import: %s\n", e.msg);
        goto out;
    }
    while ((r = read_line(f, &line)) != 0) {
        struct export_record rec;
        lineno++;
        if (r == -1) {
            fprintf(stderr, "praxis import: %s: read error: %s\n", file, strerror(errno));
            goto fail;
        }
        if (r == -2) {
            fprintf(stderr, "praxis import: %s:%lld: line longer than %zu bytes\n", file,
                    (long long)lineno, EXPORT_LINE_MAX);
            goto fail;
        }
        if (lineno == 1) {
            if (export_header_parse(line.data, line.len, latest, &h, &e) < 0) {
                fprintf(stderr, "praxis import: %s:1: %s\n", file, e.msg);
                goto fail;
            }
            continue;
        }
        if (ended) {
            fprintf(stderr, "praxis import: %s:%lld: data after the end record\n", file,
                    (long long)lineno);
            goto fail;
        }
        if (export_record_parse(line.data, line.len, &rec, &e) < 0 ||
            (rec.spec && export_import_insert(im, &rec, &e) < 0)) {
            export_record_free(&rec);
            fprintf(stderr, "praxis import: %s:%lld: %s\n", file, (long long)lineno, e.msg);
            goto fail;
        }
        if (!rec.spec) {
            ended = 1;
            if (rec.end_count != n) {
                export_record_free(&rec);
                fprintf(stderr,
                        "praxis import: %s:%lld: the end record counts %lld records, the file "
                        "has %lld\n",
                        file, (long long)lineno, (long long)rec.end_count, (long long)n);
                goto fail;
            }
        } else if (++n % 10000 == 0 && tty) {
            fprintf(stderr, "\rpraxis import: %lld records", (long long)n);
        }
        export_record_free(&rec);
    }
    if (lineno == 0) {
        fprintf(stderr, "praxis import: %s is empty\n", file);
        goto fail;
    }
    if (!ended) {
        fprintf(stderr, "praxis import: %s: truncated (no end record after line %lld)\n", file,
                (long long)lineno);
        goto fail;
    }
    if (import_render_all(&c, im, &fallbacks) < 0) {
        fprintf(stderr, "praxis import: %s\n", e.msg);
        goto fail;
    }
    if (fallbacks)
        fprintf(stderr,
                "praxis import: %zu texts fail today's checks (size, characters) and "
                "were rendered without @mention or wiki links\n",
                fallbacks);
    if (export_import_finish(im, &e) < 0) {
        fprintf(stderr, "praxis import: %s\n", e.msg);
        goto out;
    }
    fprintf(stderr, "%spraxis import: %lld records imported from %s (%s export, schema %lld)\n",
            tty && n >= 10000 ? "\n" : "", (long long)n, file, h.scope,
            (long long)h.schema_version);
    if (f != stdin && copy_uploads(argc, argv, &c, file, NULL, 0, "import") < 0)
        goto out;
    rc = 0;
    goto out;
fail:
    export_import_abort(im);
    fprintf(stderr, "praxis import: nothing was imported\n");
out:
    buf_release(&line);
    if (f != stdin)
        fclose(f);
    cli_close(&c);
    return rc;
}

struct backup_stats {
    int tty;      /* stderr is a terminal: show progress */
    int steps;    /* backup steps taken */
    int restarts; /* steps after which more pages remained than before: the source grew or
                     was changed, which restarts the copy */
    int last;     /* pages remaining after the previous step */
    int total;    /* pages in the source at the last step */
};

static void backup_progress(void *ud, int remaining, int total)
{
    struct backup_stats *st = ud;
    if (st->steps++ && remaining > st->last)
        st->restarts++;
    st->last = remaining;
    st->total = total;
    if (st->tty)
        fprintf(stderr, "\rpraxis backup: %d of %d pages", total - remaining, total);
}

int cmd_backup(int argc, char **argv)
{
    const char *url = cli_db_url(cli_opt(argc, argv, "db"));
    const char *pages = cli_opt(argc, argv, "pages");
    const char *pause = cli_opt(argc, argv, "pause");
    const char *dest = NULL;
    struct errinfo e = {0};
    struct backup_stats st = {isatty(2), 0, 0, 0, 0};
    static const char *const valued[] = {"db", "pages", "pause", "uploads", NULL};
    int i, np = 256, pause_ms = 0;

    if (cli_wants_help(argc, argv)) {
        fputs(backup_help, stdout);
        return 0;
    }
    if (cli_check_opts(argc, argv, valued, NULL, 1, backup_help))
        return 2;
    for (i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--db") || !strcmp(argv[i], "--pages") ||
            !strcmp(argv[i], "--pause") || !strcmp(argv[i], "--uploads")) {
            i++;
            continue;
        }
        if (strncmp(argv[i], "--", 2) != 0) {
            dest = argv[i];
            break;
        }
    }
    if (!dest) {
        fputs(backup_help, stderr);
        return 2;
    }
    if (pages) {
        np = atoi(pages);
        if (np < 1) {
            fputs("praxis backup: --pages must be a positive number\n", stderr);
            return 2;
        }
    }
    if (pause) {
        pause_ms = atoi(pause);
        if (pause_ms < 0 || pause_ms > 60000) {
            fputs("praxis backup: --pause is 0 to 60000 milliseconds\n", stderr);
            return 2;
        }
    }
    if (store_backup_sqlite(url, dest, np, pause_ms, backup_progress, &st, &e) < 0) {
        fprintf(stderr, "%spraxis backup: %s\n", st.tty ? "\n" : "", e.msg);
        return 1;
    }
    fprintf(stderr,
            "%spraxis backup: %s written and checked (%d pages, %d steps; the source changed "
            "under %d of them)\n",
            st.tty ? "\n" : "", dest, st.total, st.steps, st.restarts);
    {
        /* the files of the uploads the copy knows, from the instance's directory */
        struct ctx c;
        struct arena a;
        char *copy_url = x_malloc(strlen(dest) + 8);
        int bad;
        snprintf(copy_url, strlen(dest) + 8, "sqlite:%s", dest);
        bad = cli_open(copy_url, &c, &a, &e) ||
              copy_uploads(argc, argv, &c, NULL, dest, 0, "backup") < 0;
        if (c.db)
            cli_close(&c);
        free(copy_url);
        if (bad)
            return 1;
    }
    return 0;
}
