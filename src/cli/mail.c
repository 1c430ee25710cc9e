/* `praxis mail test ADDRESS`: queue one test message, as the admin page's button does, so an
 * operator can check the relay from a shell. The running server (or a worker) sends it. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "domain/mail.h"
#include "core/util.h"

static const char mail_help[] =
    "usage: praxis mail test ADDRESS [--db URL]\n"
    "\n"
    "Queue a test email to ADDRESS. A running `praxis serve` (or `praxis worker`) sends it\n"
    "through the configured SMTP relay; the admin page's Mail section shows its fate.\n";

int cmd_mail(int argc, char **argv)
{
    static const char *const valued[] = {"db", NULL};
    struct ctx c;
    struct arena a;
    struct errinfo e = {0};
    const char *mid = NULL, *addr;
    int rc;
    if (cli_wants_help(argc, argv)) {
        fputs(mail_help, stdout);
        return 0;
    }
    if (cli_check_opts(argc, argv, valued, NULL, 2, mail_help))
        return 2;
    if (argc < 3 || strcmp(argv[1], "test") || argv[2][0] == '-') {
        fputs(mail_help, stderr);
        return 2;
    }
    addr = argv[2];
    if (cli_open(cli_db_url(cli_opt(argc, argv, "db")), &c, &a, &e))
        return 1;
    rc = db_begin_write(c.db);
    if (rc == 0)
        rc = mail_enqueue(&c, addr, "Praxis test message",
                          "This is a test message from Praxis: mail works.\n", NULL, &mid);
    if (rc == 0 && db_commit(c.db) < 0)
        rc = error_set(&e, ERR_DB, NULL, "The message could not be queued.");
    if (rc < 0) {
        db_rollback(c.db);
        fprintf(stderr, "praxis mail: %s\n", e.msg);
        cli_close(&c);
        return rc == ERR_INVALID ? 2 : 1;
    }
    printf("queued %s to %s\n", mid, addr);
    cli_close(&c);
    return 0;
}
