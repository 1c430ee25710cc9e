/* Helpers shared by the CLI commands: option lookup and opening the database. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/upload.h"
#include "cli/cli.h"
#include "core/timeutil.h"
#include "store/db.h"
#include "core/util.h"

const char *cli_opt(int argc, char **argv, const char *name)
{
    size_t n = strlen(name);
    int i;
    for (i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (a[0] != '-' || a[1] != '-' || strncmp(a + 2, name, n))
            continue;
        if (a[2 + n] == '=')
            return a + 3 + n;
        if (a[2 + n] == '\0' && i + 1 < argc)
            return argv[i + 1];
    }
    return NULL;
}

int cli_flag(int argc, char **argv, const char *name)
{
    int i;
    for (i = 1; i < argc; i++)
        if (argv[i][0] == '-' && argv[i][1] == '-' && !strcmp(argv[i] + 2, name))
            return 1;
    return 0;
}

int cli_wants_help(int argc, char **argv)
{
    int i;
    for (i = 1; i < argc; i++)
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h"))
            return 1;
    return 0;
}

const char *cli_db_url(const char *flag)
{
    const char *env = getenv("PRAXIS_DB");
    if (flag && *flag)
        return flag;
    if (env && *env)
        return env;
    return "sqlite:var/praxis.db";
}

char *cli_upload_dir(int argc, char **argv, const char *db_url)
{
    const char *flag = cli_opt(argc, argv, "uploads");
    const char *env = getenv("PRAXIS_UPLOADS");
    if (flag && *flag)
        return x_strdup(flag);
    if (env && *env)
        return x_strdup(env);
    return upload_default_dir(db_url);
}

int cli_open(const char *db_url, struct ctx *c, struct arena *a, struct errinfo *e)
{
    memset(c, 0, sizeof(*c));
    arena_init(a);
    if (db_open(db_url, &c->db, e) < 0) {
        fprintf(stderr, "praxis: cannot open %s: %s\n", db_url, e->msg);
        return 1;
    }
    if (db_migrate(c->db, e) < 0) {
        fprintf(stderr, "praxis: %s\n", e->msg);
        db_close(c->db);
        c->db = NULL;
        return 1;
    }
    c->arena = a;
    c->err = e;
    c->system = 1;
    c->is_admin = 1;
    c->remote_addr = "cli";
    c->now = time_now();
    return 0;
}

void cli_close(struct ctx *c)
{
    if (c->db)
        db_close(c->db);
    c->db = NULL;
    if (c->arena)
        arena_release(c->arena);
}

/* Print the usage lines of help (up to its first blank line) to stderr. */
static void usage_lines(const char *help)
{
    const char *end = strstr(help, "\n\n");
    fprintf(stderr, "%.*s\n", end ? (int)(end - help) : (int)strlen(help), help);
}

int cli_check_opts(int argc, char **argv, const char *const *valued, const char *const *flags,
                   int npos, const char *usage)
{
    int i, pos = 0;
    for (i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *const *k;
        size_t n;
        int known = 0;
        if (!strcmp(a, "--help") || !strcmp(a, "-h"))
            continue;
        if (a[0] != '-' || a[1] != '-') {
            if (pos++ < npos)
                continue;
            fprintf(stderr, "praxis %s: unexpected argument '%s'\n", argv[0], a);
            usage_lines(usage);
            return 2;
        }
        n = strcspn(a + 2, "=");
        for (k = valued; k && *k && !known; k++)
            if (strlen(*k) == n && !strncmp(a + 2, *k, n)) {
                known = 1;
                if (a[2 + n] != '=') {
                    if (i + 1 >= argc) {
                        fprintf(stderr, "praxis %s: --%s needs a value\n", argv[0], *k);
                        usage_lines(usage);
                        return 2;
                    }
                    i++;
                }
            }
        for (k = flags; k && *k && !known; k++)
            if (!strcmp(a + 2, *k))
                known = 1;
        if (!known) {
            fprintf(stderr, "praxis %s: unknown option '%s'\n", argv[0], a);
            usage_lines(usage);
            return 2;
        }
    }
    return 0;
}
