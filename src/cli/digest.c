/* `praxis digest run`: run a digest sweep now, as the job runner does every hour, so an
 * operator (or a test, or bench/digest.sh) can queue the digests of the members due at a
 * given time. The running server (or `praxis worker`) builds and sends them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/timeutil.h"
#include "domain/digest.h"

static const char digest_help[] =
    "usage: praxis digest run [--now EPOCH] [--db URL]\n"
    "\n"
    "Find the members due for a digest and queue one digest job each (the job runner of\n"
    "`praxis serve` or `praxis worker` builds the digests and sends them). A member is due\n"
    "when their frequency (daily or weekly) has passed since their last digest and since\n"
    "their last visit. A second run for the same period queues nothing.\n"
    "\n"
    "  --now EPOCH   the sweep's time in UTC seconds (default: now)\n"
    "  --db URL      database (default $PRAXIS_DB or sqlite:var/praxis.db)\n";

int cmd_digest(int argc, char **argv)
{
    static const char *const valued[] = {"db", "now", NULL};
    struct ctx c;
    struct arena a;
    struct errinfo e = {0};
    const char *nows = cli_opt(argc, argv, "now");
    int64_t now = time_now(), queued = 0;
    char *end;
    int rc;
    if (cli_wants_help(argc, argv)) {
        fputs(digest_help, stdout);
        return 0;
    }
    if (cli_check_opts(argc, argv, valued, NULL, 1, digest_help))
        return 2;
    if (argc < 2 || strcmp(argv[1], "run")) {
        fputs(digest_help, stderr);
        return 2;
    }
    if (nows) {
        long long v = strtoll(nows, &end, 10);
        if (!*nows || *end || v <= 0) {
            fprintf(stderr, "praxis digest: --now takes UTC seconds since 1970\n%s", digest_help);
            return 2;
        }
        now = (int64_t)v;
    }
    if (cli_open(cli_db_url(cli_opt(argc, argv, "db")), &c, &a, &e))
        return 1;
    rc = digest_sweep(&c, now, &queued);
    if (rc < 0) {
        fprintf(stderr, "praxis digest: %s\n", e.msg);
        cli_close(&c);
        return 1;
    }
    printf("queued %lld digest%s\n", (long long)queued, queued == 1 ? "" : "s");
    cli_close(&c);
    return 0;
}
