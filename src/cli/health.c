/* `praxis health mail`: queue the monthly health summaries now, as the job runner does when
 * a month begins, so an operator (or a test) can send them for a given month. The running
 * server (or `praxis worker`) builds and sends them (domain/report_mail.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/timeutil.h"
#include "domain/report_mail.h"

static const char health_help[] =
    "usage: praxis health mail [--month YYYY-MM] [--db URL]\n"
    "\n"
    "Queue one monthly health summary job for each coordinator with a verified address who\n"
    "has not turned the summary off (the job runner of `praxis serve` or `praxis worker`\n"
    "builds and sends them). The summary sent at the start of MONTH covers the month before\n"
    "it, next to the month before that. A second run for the same month queues nothing.\n"
    "\n"
    "  --month YYYY-MM  the month that begins (default: the current month)\n"
    "  --db URL         database (default $PRAXIS_DB or sqlite:var/praxis.db)\n";

int cmd_health(int argc, char **argv)
{
    static const char *const valued[] = {"db", "month", NULL};
    struct ctx c;
    struct arena a;
    struct errinfo e = {0};
    const char *ms = cli_opt(argc, argv, "month");
    int64_t month = report_mail_month_of(time_now()), queued = 0;
    int rc;
    if (cli_wants_help(argc, argv)) {
        fputs(health_help, stdout);
        return 0;
    }
    if (cli_check_opts(argc, argv, valued, NULL, 1, health_help))
        return 2;
    if (argc < 2 || strcmp(argv[1], "mail")) {
        fputs(health_help, stderr);
        return 2;
    }
    if (ms && report_mail_month_parse(ms, &month) < 0) {
        fprintf(stderr, "praxis health: --month takes YYYY-MM\n%s", health_help);
        return 2;
    }
    if (cli_open(cli_db_url(cli_opt(argc, argv, "db")), &c, &a, &e))
        return 1;
    rc = report_mail_sweep(&c, month, &queued);
    if (rc < 0) {
        fprintf(stderr, "praxis health: %s\n", e.msg);
        cli_close(&c);
        return 1;
    }
    printf("queued %lld health summar%s\n", (long long)queued, queued == 1 ? "y" : "ies");
    cli_close(&c);
    return 0;
}
