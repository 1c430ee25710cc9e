/* `praxis trust recompute`: recompute every unlocked member's trust level now, as the daily
 * "trust_sweep" job does (domain/trust.h), so an operator or a test need not wait a day. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "domain/trust.h"

static const char trust_help[] =
    "usage: praxis trust recompute [--db URL]\n"
    "\n"
    "Recompute the trust level of every member whose level an administrator has not locked,\n"
    "from their record (days visited, posts, up-votes given and received, accepted answers,\n"
    "agreed flags; thresholds in docs/moderation.md), and store the changes.\n"
    "\n"
    "  --db URL      database (default $PRAXIS_DB or sqlite:var/praxis.db)\n";

int cmd_trust(int argc, char **argv)
{
    static const char *const valued[] = {"db", NULL};
    struct ctx c;
    struct arena a;
    struct errinfo e = {0};
    int64_t changed = 0;
    if (cli_wants_help(argc, argv)) {
        fputs(trust_help, stdout);
        return 0;
    }
    if (cli_check_opts(argc, argv, valued, NULL, 1, trust_help))
        return 2;
    if (argc < 2 || strcmp(argv[1], "recompute")) {
        fputs(trust_help, stderr);
        return 2;
    }
    if (cli_open(cli_db_url(cli_opt(argc, argv, "db")), &c, &a, &e))
        return 1;
    if (trust_recompute_all(&c, &changed) < 0) {
        fprintf(stderr, "praxis trust: %s\n", e.msg);
        cli_close(&c);
        return 1;
    }
    printf("changed %lld trust level%s\n", (long long)changed, changed == 1 ? "" : "s");
    cli_close(&c);
    return 0;
}
