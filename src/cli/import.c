/* `praxis import`: bring content in from elsewhere. `stackexchange DIR --community SLUG`
 * imports a Stack Exchange data dump (domain/import.c); `praxis FILE` loads a praxis-export
 * file into an empty instance (cli_import_praxis in export.c). The Stack Exchange import shows a
 * progress bar on a terminal (items/s, ETA from bytes read), plain progress lines otherwise, and a
 * summary. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/timeutil.h"
#include "domain/import.h"
#include "core/util.h"

static const char import_help[] =
    "usage: praxis import SOURCE ARGS [--db URL]\n"
    "\n"
    "Import content from elsewhere.\n"
    "\n"
    "sources:\n"
    "  stackexchange DIR --community SLUG [--site-url URL] [--batch N] [--no-users]\n"
    "      import a Stack Exchange data dump (Posts.xml, Users.xml, Comments.xml, Votes.xml,\n"
    "      Tags.xml, PostHistory.xml, PostLinks.xml) into community SLUG, created when\n"
    "      missing. --site-url is the site's address (default from DIR's name: beer or\n"
    "      beer.stackexchange.com -> https://beer.stackexchange.com, bicycles.meta ->\n"
    "      https://bicycles.meta.stackexchange.com, stackoverflow.com as it is; other\n"
    "      dotted names need --site-url). Posts.xml and Users.xml must be there\n"
    "      (--no-users: import without authors). Running it again updates, never duplicates;\n"
    "      an interrupted run can simply be run again.\n"
    "  praxis FILE|-\n"
    "      load a praxis-export file (praxis export) into an empty instance\n"
    "      (see praxis import praxis --help)\n"
    "\n"
    "  --db URL   sqlite:PATH or postgres://... (default sqlite:var/praxis.db; $PRAXIS_DB)\n"
    "\n"
    "Exit status: 0 done, 1 failed (the message names the file and line), 2 usage error.\n";

struct progress {
    int tty;
    int64_t start_ms, file_ms;
    int drawn;
};

static void on_progress(void *ud, const struct import_progress *p)
{
    struct progress *pg = ud;
    int64_t now = time_now_ms();
    double secs, rate, eta = 0, frac;
    if (p->rows == 0 && !p->done)
        return;
    secs = (double)(now - pg->file_ms) / 1000.0;
    rate = secs > 0 ? (double)p->rows / secs : 0;
    frac = p->size ? (double)p->bytes / (double)p->size : 1;
    if (frac > 1)
        frac = 1;
    if (frac > 0 && frac < 1)
        eta = secs / frac - secs;
    if (pg->tty) {
        char bar[31];
        int i, full = (int)(frac * 30);
        for (i = 0; i < 30; i++)
            bar[i] = i < full ? '#' : '.';
        bar[30] = '\0';
        fprintf(stderr, "\r%-16s [%s] %3d%% %9llu rows %8.0f/s ETA %4.0fs", p->file, bar,
                (int)(frac * 100), (unsigned long long)p->rows, rate, eta);
        pg->drawn = 1;
        if (p->done) {
            fputc('\n', stderr);
            pg->drawn = 0;
        }
    } else {
        fprintf(stderr, "%s: %llu rows, %.0f%% of %llu bytes, %.0f rows/s%s\n", p->file,
                (unsigned long long)p->rows, frac * 100, (unsigned long long)p->size, rate,
                p->done ? ", done" : "");
    }
    if (p->done)
        pg->file_ms = now;
}

static void on_warn(void *ud, const char *file, unsigned long line, const char *msg)
{
    struct progress *pg = ud;
    if (pg->drawn) {
        fputc('\n', stderr);
        pg->drawn = 0;
    }
    fprintf(stderr, "praxis import: %s: line %lu: row skipped: %s\n", file, line, msg);
}

/* Options that take a value, so that their values are not taken for positionals. */
static int takes_value(const char *arg)
{
    return !strcmp(arg, "--db") || !strcmp(arg, "--community") || !strcmp(arg, "--site-url") ||
           !strcmp(arg, "--batch");
}

static int import_se(int argc, char **argv)
{
    const char *dir = NULL, *slug = cli_opt(argc, argv, "community");
    const char *batch = cli_opt(argc, argv, "batch");
    struct import_opts o;
    struct import_stats st;
    struct progress pg;
    struct ctx c;
    struct arena a;
    struct errinfo e;
    int64_t t0;
    int i, rc;
    static const char *const valued[] = {"db", "community", "site-url", "batch", NULL};
    static const char *const flags[] = {"no-users", NULL};
    static const char usage[] = "usage: praxis import stackexchange DIR --community SLUG "
                                "[--site-url URL] [--batch N] [--no-users] [--db URL]\n";

    if (cli_check_opts(argc, argv, valued, flags, 1, usage))
        return 2;
    for (i = 1; i < argc; i++) {
        if (argv[i][0] == '-') {
            if (takes_value(argv[i]))
                i++;
            continue;
        }
        if (dir) {
            fprintf(stderr, "praxis import stackexchange: one directory, please\n");
            return 2;
        }
        dir = argv[i];
    }
    if (!dir || !slug) {
        fputs(usage, stderr);
        return 2;
    }
    memset(&o, 0, sizeof(o));
    memset(&pg, 0, sizeof(pg));
    o.dir = dir;
    o.slug = slug;
    o.site_url = cli_opt(argc, argv, "site-url");
    o.batch = batch ? atoi(batch) : 0;
    o.no_users = cli_flag(argc, argv, "no-users");
    o.progress = on_progress;
    o.warn = on_warn;
    o.ud = &pg;
    pg.tty = isatty(2);
    error_clear(&e);
    if (cli_open(cli_db_url(cli_opt(argc, argv, "db")), &c, &a, &e))
        return 1;
    t0 = time_now_ms();
    pg.file_ms = t0;
    rc = import_stackexchange(&c, &o, &st);
    if (pg.drawn)
        fputc('\n', stderr);
    if (rc < 0) {
        fprintf(stderr, "praxis import: %s\n", e.msg[0] ? e.msg : err_default_message(rc));
        cli_close(&c);
        return 1;
    }
    printf("imported %s into /c/%s in %.1f s: %lld users, %lld tags, %lld questions "
           "(%lld closed, %lld with an accepted answer), %lld answers, %lld revisions, "
           "%lld comments, %lld votes (as scores), %lld links, %lld rows skipped\n",
           dir, slug, (double)(time_now_ms() - t0) / 1000.0, (long long)st.users,
           (long long)st.tags, (long long)st.questions, (long long)st.closed,
           (long long)st.accepted, (long long)st.answers, (long long)st.revisions,
           (long long)st.comments, (long long)st.votes, (long long)st.links, (long long)st.skipped);
    cli_close(&c);
    return 0;
}

int cmd_import(int argc, char **argv)
{
    if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") ||
        !strcmp(argv[1], "help")) {
        fputs(import_help, argc < 2 ? stderr : stdout);
        return argc < 2 ? 2 : 0;
    }
    if (!strcmp(argv[1], "stackexchange")) {
        if (cli_wants_help(argc - 1, argv + 1)) {
            fputs(import_help, stdout);
            return 0;
        }
        return import_se(argc - 1, argv + 1);
    }
    if (!strcmp(argv[1], "praxis"))
        return cli_import_praxis(argc - 1, argv + 1);
    fprintf(stderr, "praxis import: unknown source '%s'\n\n%s", argv[1], import_help);
    return 2;
}
