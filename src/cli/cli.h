/* Command-line interface: `praxis COMMAND [ARGS]`. Each command is a function
 * int cmd_NAME(int argc, char **argv) (argv[0] is the command name) returning the process
 * exit status: 0 success, 1 failure (message already printed), 2 usage error. Every command
 * answers --help on stdout with exit 0. */
#ifndef PRAXIS_CLI_CLI_H
#define PRAXIS_CLI_CLI_H
#include "domain/domain.h"
#include "http/http.h"

int cmd_serve(int argc, char **argv);
int cmd_migrate(int argc, char **argv);
int cmd_user(int argc, char **argv);
int cmd_demo(int argc, char **argv);
int cmd_import(int argc, char **argv); /* import.c: dispatches on the format name */
int cmd_export(int argc, char **argv); /* export.c */
int cmd_backup(int argc, char **argv); /* export.c */

/* `praxis import praxis FILE` (export.c): argv[0] is "praxis", then FILE (or - for stdin)
   and options. Loads a praxis-export file into an empty instance; returns an exit status. */
int cli_import_praxis(int argc, char **argv);

/* The route table of every page and API endpoint (routes.c), for serve. */
extern const struct route praxis_routes[];
extern const size_t praxis_nroutes;

#define PRAXIS_VERSION "0.1.0"
int cmd_expertise(int argc, char **argv);     /* cli/expertise.c */
int cmd_reindex(int argc, char **argv);       /* cli/reindex.c: rebuild the search index */
int cmd_search(int argc, char **argv);        /* cli/search.c: praxis search evaluate */
int cmd_participation(int argc, char **argv); /* cli/participation.c: levels over history */
int cmd_report(int argc, char **argv);        /* cli/report.c: recount health summaries */

/* The database URL: --db wins, then $PRAXIS_DB, then "sqlite:var/praxis.db". */
const char *cli_db_url(const char *flag);
/* The upload directory: --uploads DIR, else $PRAXIS_UPLOADS, else upload_default_dir(db_url)
   (next to an SQLite database). Heap string; the caller frees it. */
char *cli_upload_dir(int argc, char **argv, const char *db_url);
/* Open and migrate the database and fill a system ctx (uid 0, system = 1) for CLI work.
 * Prints the error and returns 1 on failure, else 0. Close with cli_close. */
int cli_open(const char *db_url, struct ctx *c, struct arena *a, struct errinfo *e);
void cli_close(struct ctx *c);
/* Find "--name VALUE" or "--name=VALUE" in argv; removes nothing. NULL when absent. */
const char *cli_opt(int argc, char **argv, const char *name);
int cli_flag(int argc, char **argv, const char *name); /* 1 if --name is present */
int cli_wants_help(int argc, char **argv);             /* -h or --help */
/* Reject what a command does not know: options not in valued (take a value, "--k V" or
   "--k=V") or flags (NULL-terminated lists, names without "--"), and more than npos
   positional arguments. Prints "praxis CMD: unknown option ..." and the usage line(s) to
   stderr and returns 2; returns 0 when all is known. */
int cli_check_opts(int argc, char **argv, const char *const *valued, const char *const *flags,
                   int npos, const char *usage);
int cmd_worker(int argc, char **argv); /* serve.c: run jobs only */
int cmd_mail(int argc, char **argv);   /* mail.c: praxis mail test ADDRESS */
int cmd_mailin(int argc, char **argv); /* mailin.c: praxis mail-in < MESSAGE */
int cmd_digest(int argc, char **argv); /* digest.c: praxis digest run */
int cmd_health(int argc, char **argv); /* health.c: praxis health mail */
int cmd_trust(int argc, char **argv);

/* `praxis demo --posts FILE --community SLUG` (demo_posts.c): load the posts.jsonl written by
 * ../shared/bench/fossil_forum_from_se.py into community slug (made public if missing) as
 * discussion threads, with an account per author. Prints errors (with the line number) and
 * a summary; returns 0 or 1. */
int demo_posts_load(struct ctx *c, const char *file, const char *slug);

/* `praxis demo --generate --threads N` (demo_threads.c): n threads with replies, accepted
 * answers, votes and tags over comms[0..ncomm) (made by the generator: member i joined
 * community i % ncomm; owner is the generating administrator's id), created over the last two
 * years through the domain. Prints progress and a summary; returns 0, or -1 after printing
 * the error. */
struct community;
int demo_threads_generate(struct ctx *c, const struct community *comms, int64_t ncomm, int64_t nmem,
                          int64_t owner, int64_t n);

#endif
