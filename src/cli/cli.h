/* Command-line interface: `praxis COMMAND [ARGS]`. Each command is a function
 * int cmd_NAME(int argc, char **argv) (argv[0] is the command name) returning the process
 * exit status: 0 success, 1 failure (message already printed), 2 usage error. Every command
 * answers --help on stdout with exit 0. */
#ifndef PRAXIS_CLI_CLI_H
#define PRAXIS_CLI_CLI_H
#include "domain/domain.h"

int cmd_serve(int argc, char **argv);
int cmd_migrate(int argc, char **argv);
int cmd_user(int argc, char **argv);
int cmd_demo(int argc, char **argv);

/* The database URL: --db wins, then $PRAXIS_DB, then "sqlite:var/praxis.db". */
const char *cli_db_url(const char *flag);
/* Open and migrate the database and fill a system ctx (uid 0, system = 1) for CLI work.
 * Prints the error and returns 1 on failure, else 0. Close with cli_close. */
int cli_open(const char *db_url, struct ctx *c, struct arena *a, struct errinfo *e);
void cli_close(struct ctx *c);
/* Find "--name VALUE" or "--name=VALUE" in argv; removes nothing. NULL when absent. */
const char *cli_opt(int argc, char **argv, const char *name);
int cli_flag(int argc, char **argv, const char *name); /* 1 if --name is present */
int cli_wants_help(int argc, char **argv);              /* -h or --help */

#endif
