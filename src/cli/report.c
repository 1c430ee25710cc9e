/* `praxis report recount --community SLUG [--db URL]`: recount a community's health report
 * summaries (tables report_questions and report_posters, docs/health.md) from scratch,
 * print how many stored rows differed and repair them. The triggers keep the summaries
 * exact on every write, so "0 rows differed" is the expected answer: this is the check
 * (and the repair after a bug or a hand edit). Exit 0 when nothing differed, 3 when rows
 * were repaired, 1 on failure, 2 on bad usage. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "domain/community.h"
#include "domain/report.h"

static const char USAGE[] = "usage: praxis report recount --community SLUG [--db URL]\n";

int cmd_report(int argc, char **argv)
{
    static const char *const valued[] = {"community", "db", NULL};
    struct ctx c;
    struct arena a;
    struct errinfo e;
    struct community cm;
    const char *slug;
    int64_t changed;
    int rc;
    if (cli_wants_help(argc, argv)) {
        fputs(USAGE, stdout);
        fputs("\nRecount the summaries behind the community's health report from scratch,\n"
              "print how many stored rows differed and repair them. Exit status 0: none\n"
              "differed; 3: rows were repaired.\n",
              stdout);
        return 0;
    }
    if (argc < 2 || strcmp(argv[1], "recount") != 0) {
        fprintf(stderr, "praxis report: unknown command %s\n%s", argc > 1 ? argv[1] : "(none)",
                USAGE);
        return 2;
    }
    argc--;
    argv++;
    if ((rc = cli_check_opts(argc, argv, valued, NULL, 0, USAGE)) != 0)
        return rc;
    slug = cli_opt(argc, argv, "community");
    if (!slug) {
        fputs(USAGE, stderr);
        return 2;
    }
    if (cli_open(cli_db_url(cli_opt(argc, argv, "db")), &c, &a, &e) != 0)
        return 1;
    if (community_get(&c, slug, &cm) < 0 || report_rebuild(&c, cm.id, &changed) < 0) {
        fprintf(stderr, "praxis report: %s\n", e.msg[0] ? e.msg : "failed");
        cli_close(&c);
        return 1;
    }
    printf("%s: %lld rows differed%s\n", cm.slug, (long long)changed, changed ? " (repaired)" : "");
    cli_close(&c);
    return changed ? 3 : 0;
}
