/* praxis: the command dispatcher. `praxis help` lists the commands; each has --help. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "core/log.h"
#include "core/rand.h"
#include "store/db.h"
#include "core/util.h"

static const struct command {
    const char *name;
    int (*fn)(int argc, char **argv);
    const char *summary;
} commands[] = {
    {"serve", cmd_serve, "run the web server (default 127.0.0.1:8080)"},
    {"worker", cmd_worker, "run queued jobs (mail) without serving the web"},
    {"mail", cmd_mail, "send a test email through the job queue"},
    {"mail-in", cmd_mailin, "post a reply by email read on standard input (for an MTA)"},
    {"digest", cmd_digest, "queue the digests of the members due now"},
    {"health", cmd_health, "queue the monthly community health summaries"},
    {"trust", cmd_trust, "recompute trust levels now (the daily job does it too)"},
    {"migrate", cmd_migrate, "apply database migrations and exit"},
    {"user", cmd_user, "add, list and manage user accounts"},
    {"demo", cmd_demo, "load demo content into the database"},
    {"import", cmd_import, "import a Stack Exchange dump or a praxis export"},
    {"export", cmd_export, "write the instance or a community as praxis-export JSON Lines"},
    {"backup", cmd_backup, "copy a running SQLite instance consistently"},
    {"expertise", cmd_expertise, "evaluate the expertise ranking on a community's history"},
    {"reindex", cmd_reindex, "rebuild the search index"},
    {"search", cmd_search, "evaluate the search box on a file of questions"},
    {"participation", cmd_participation, "print a community's participation levels over time"},
    {"report", cmd_report, "recount the summaries behind a community's health report"},
};

static void usage(FILE *f)
{
    size_t i;
    fputs("usage: praxis COMMAND [OPTIONS]\n\n"
          "Praxis is a self-hosted server for communities of practice.\n\ncommands:\n",
          f);
    for (i = 0; i < ARRAY_SIZE(commands); i++)
        fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].summary);
    fputs("\nEvery command takes --help. The database is chosen with --db URL or $PRAXIS_DB:\n"
          "  sqlite:PATH (default sqlite:var/praxis.db) or postgres://user@host:port/dbname\n",
          f);
}

int main(int argc, char **argv)
{
    size_t i;
    if (rand_init() < 0) {
        fputs("praxis: cannot initialise libsodium\n", stderr);
        return 1;
    }
    if (argc < 2) {
        usage(stderr);
        return 2;
    }
    if (!strcmp(argv[1], "help") || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
        usage(stdout);
        return 0;
    }
    if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "version")) {
        printf("praxis %s (schema %d)\n", PRAXIS_VERSION, db_latest_version(DB_SQLITE));
        return 0;
    }
    for (i = 0; i < ARRAY_SIZE(commands); i++)
        if (!strcmp(argv[1], commands[i].name))
            return commands[i].fn(argc - 1, argv + 1);
    fprintf(stderr, "praxis: unknown command '%s'\n\n", argv[1]);
    usage(stderr);
    return 2;
}
