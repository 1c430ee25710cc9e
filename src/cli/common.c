/* Helpers shared by the CLI commands: option lookup and opening the database. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
