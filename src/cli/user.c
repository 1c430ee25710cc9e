/* `praxis user`: add users (administrators come from here), list them, set a password,
 * grant or revoke administrator rights, suspend, and make registration invites, all
 * through the domain rules (the CLI acts as the system). Passwords are read from the first
 * line of standard input when it is not a terminal, otherwise a strong one is generated and
 * printed once. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/utf8.h"
#include "core/timeutil.h"
#include "domain/account.h"
#include "domain/import.h"
#include "core/util.h"

static const char user_help[] =
    "usage: praxis user COMMAND [ARGS] [--db URL]\n"
    "\n"
    "Manage user accounts.\n"
    "\n"
    "commands:\n"
    "  add NAME [--admin] [--display-name TEXT]   create an account\n"
    "  list                                       list all accounts\n"
    "  set-password NAME                          set a new password (ends their sessions)\n"
    "  set-admin NAME on|off                      grant or revoke administrator rights\n"
    "  set-status NAME active|suspended           suspend or reinstate an account\n"
    "  invite [--note TEXT] [--days N]            make a registration invite link\n"
    "  claim-link NAME                            one-time link to claim an imported account\n"
    "\n"
    "Passwords are read from the first line of standard input when it is not a terminal\n"
    "(e.g. `printf '%%s\\n' \"$PW\" | praxis user add alice`); otherwise a strong password is\n"
    "generated and printed once.\n"
    "\n"
    "  --db URL   sqlite:PATH or postgres://... (default sqlite:var/praxis.db; $PRAXIS_DB)\n"
    "\n"
    "Each command takes --help. Exit status: 0 done, 1 failed, 2 usage error.\n";

static const char add_help[] =
    "usage: praxis user add NAME [--admin] [--display-name TEXT] [--db URL]\n"
    "\n"
    "Create an account, whatever the registration mode. NAME is 2 to 30 of letters, digits,\n"
    "'_', '.' and '-'. With --admin the account is an instance administrator.\n"
    "The password is the first line of standard input when it is not a terminal; otherwise\n"
    "a strong one is generated and printed once.\n";

static const char list_help[] =
    "usage: praxis user list [--db URL]\n"
    "\n"
    "Print a table of all accounts: name, display name, admin, status, created (UTC date).\n";

static const char setpw_help[] =
    "usage: praxis user set-password NAME [--db URL]\n"
    "\n"
    "Set NAME's password: the first line of standard input when it is not a terminal,\n"
    "otherwise a generated one, printed once. Their signed-in sessions end.\n";

static const char setadmin_help[] =
    "usage: praxis user set-admin NAME on|off [--db URL]\n"
    "\n"
    "Grant (on) or revoke (off) administrator rights. The last administrator cannot be\n"
    "revoked.\n";

static const char setstatus_help[] =
    "usage: praxis user set-status NAME active|suspended [--db URL]\n"
    "\n"
    "Suspend an account (it cannot sign in, its sessions end) or make it active again.\n";

static const char invite_help[] =
    "usage: praxis user invite [--note TEXT] [--days N] [--db URL]\n"
    "\n"
    "Make a registration invite (for registration = invite) valid for N days (default 7)\n"
    "and print its path, /signup?invite=TOKEN, to append to the site's address.\n";

static const char claim_help[] =
    "usage: praxis user claim-link NAME [--db URL]\n"
    "\n"
    "Make a one-time link for the person behind an imported, unclaimed account (see\n"
    "`praxis import`) and print its path, /claim?token=TOKEN, to append to the site's\n"
    "address. Following it they choose a password, which makes the account active. The link\n"
    "works once and expires after 14 days.\n";

/* Options that take a value, so that their values are not taken for positionals. */
static int takes_value(const char *arg)
{
    static const char *const opts[] = {"--db", "--display-name", "--note", "--days"};
    size_t i;
    for (i = 0; i < ARRAY_SIZE(opts); i++)
        if (!strcmp(arg, opts[i]))
            return 1;
    return 0;
}

/* The n-th positional argument after the subcommand (argv[0] = "user", argv[1] = sub),
   or NULL. Sets *extra when there are more positionals than want. */
static const char *positional(int argc, char **argv, int n, int want, int *extra)
{
    int i, k = 0;
    const char *found = NULL;
    for (i = 2; i < argc; i++) {
        if (argv[i][0] == '-' && argv[i][1]) {
            if (takes_value(argv[i]))
                i++;
            continue;
        }
        if (k == n)
            found = argv[i];
        k++;
    }
    if (extra)
        *extra = k > want;
    return found;
}

/* 0 if every option in argv[2..] is one of allowed (NULL-terminated list of names
   without dashes) and has its value; otherwise prints the offender and the usage line of
   help, and returns 2. */
static int check_opts(const char *cmd, const char *help, int argc, char **argv,
                      const char *const *allowed)
{
    int i;
    for (i = 2; i < argc; i++) {
        const char *a = argv[i];
        size_t j;
        int ok = 0;
        if (a[0] != '-' || !a[1])
            continue;
        for (j = 0; allowed[j]; j++) {
            size_t n = strlen(allowed[j]);
            if (a[1] == '-' && !strncmp(a + 2, allowed[j], n) &&
                (a[2 + n] == '\0' || a[2 + n] == '='))
                ok = 1;
        }
        if (!ok) {
            fprintf(stderr, "praxis user %s: unknown option '%s'\n%.*s\n", cmd, a,
                    (int)strcspn(help, "\n"), help);
            return 2;
        }
        if (takes_value(a)) {
            if (i + 1 >= argc) {
                fprintf(stderr, "praxis user %s: %s needs a value\n%.*s\n", cmd, a,
                        (int)strcspn(help, "\n"), help);
                return 2;
            }
            i++;
        }
    }
    return 0;
}

/* Read the password: first line of stdin when it is not a terminal (newline and CR
   stripped). Empty input or a terminal: generate one into gen and set *generated.
   Returns the password, or NULL after printing an error. */
static const char *read_password(const char *cmd, char *line, size_t size,
                                 char gen[ACCOUNT_GENPW_LEN + 1], int *generated)
{
    *generated = 0;
    if (!isatty(STDIN_FILENO) && fgets(line, (int)size, stdin)) {
        size_t n = strlen(line);
        if (n == size - 1 && line[n - 1] != '\n') {
            fprintf(stderr, "praxis user %s: the password on standard input is too long\n", cmd);
            return NULL;
        }
        while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
            line[--n] = '\0';
        if (n)
            return line;
    }
    account_generate_password(gen);
    *generated = 1;
    return gen;
}

/* Print the domain error for cmd. */
static int fail(const char *cmd, struct errinfo *e)
{
    fprintf(stderr, "praxis user %s: %s\n", cmd, e->msg[0] ? e->msg : err_default_message(e->code));
    return 1;
}

static int user_add(int argc, char **argv)
{
    static const char *const opts[] = {"db", "admin", "display-name", "help", NULL};
    struct ctx c;
    struct arena a;
    struct errinfo e = {0};
    struct account_new in;
    char line[ACCOUNT_PASSWORD_MAX + 4], gen[ACCOUNT_GENPW_LEN + 1];
    const char *name, *pw;
    int extra, generated, rc;

    if (cli_wants_help(argc, argv)) {
        fputs(add_help, stdout);
        return 0;
    }
    if (check_opts("add", add_help, argc, argv, opts))
        return 2;
    name = positional(argc, argv, 0, 1, &extra);
    if (!name || extra) {
        fputs(add_help, stderr);
        return 2;
    }
    /* Check the name before asking for anything. */
    if (account_check_name(name, &e) < 0)
        return fail("add", &e);
    if (!(pw = read_password("add", line, sizeof(line), gen, &generated)))
        return 1;
    if (cli_open(cli_db_url(cli_opt(argc, argv, "db")), &c, &a, &e))
        return 1;
    memset(&in, 0, sizeof(in));
    in.name = name;
    in.display_name = cli_opt(argc, argv, "display-name");
    in.password = pw;
    in.is_admin = cli_flag(argc, argv, "admin");
    rc = account_create(&c, &in, NULL);
    cli_close(&c);
    if (rc == ERR_CONFLICT && str_eq(e.field, "name")) {
        fprintf(stderr, "praxis user add: a user named '%s' already exists\n", name);
        return 1;
    }
    if (rc < 0)
        return fail("add", &e);
    if (generated)
        printf("Created %s '%s'. Password: %s\n", in.is_admin ? "admin" : "user", name, gen);
    else
        printf("Created %s '%s'.\n", in.is_admin ? "admin" : "user", name);
    return 0;
}

/* Pad s to width characters (UTF-8 aware) when printing a table column. */
static void put_col(const char *s, size_t width)
{
    size_t chars = utf8_valid(s, strlen(s)) ? utf8_chars(s, strlen(s)) : strlen(s);
    fputs(s, stdout);
    while (chars++ < width)
        putchar(' ');
}

static int user_list(int argc, char **argv)
{
    static const char *const opts[] = {"db", "help", NULL};
    struct ctx c;
    struct arena a;
    struct errinfo e = {0};
    struct user *users;
    size_t n = 0, i, wname = 4, wdisp = 12;
    int64_t offset = 0;
    int extra;

    if (cli_wants_help(argc, argv)) {
        fputs(list_help, stdout);
        return 0;
    }
    if (check_opts("list", list_help, argc, argv, opts))
        return 2;
    positional(argc, argv, 0, 0, &extra);
    if (extra) {
        fputs(list_help, stderr);
        return 2;
    }
    if (cli_open(cli_db_url(cli_opt(argc, argv, "db")), &c, &a, &e))
        return 1;
    /* One page is enough for sizing the columns of most sites; print page by page. */
    if (account_list(&c, 1000, offset, &users, &n) < 0) {
        cli_close(&c);
        return fail("list", &e);
    }
    for (i = 0; i < n; i++) {
        size_t l1 = strlen(users[i].name);
        size_t l2 = utf8_chars(users[i].display_name, strlen(users[i].display_name));
        if (l1 > wname)
            wname = l1;
        if (l2 > wdisp)
            wdisp = l2 > 40 ? 40 : l2;
    }
    put_col("NAME", wname + 2);
    put_col("DISPLAY NAME", wdisp + 2);
    put_col("ADMIN", 7);
    put_col("STATUS", 11);
    puts("CREATED");
    while (n > 0) {
        for (i = 0; i < n; i++) {
            char iso[32];
            time_iso(users[i].created_at, iso);
            iso[10] = '\0';
            put_col(users[i].name, wname + 2);
            put_col(users[i].display_name, wdisp + 2);
            put_col(users[i].is_admin ? "yes" : "no", 7);
            put_col(users[i].status, 11);
            puts(iso);
        }
        if (n < 1000)
            break;
        offset += (int64_t)n;
        arena_reset(&a);
        if (account_list(&c, 1000, offset, &users, &n) < 0) {
            cli_close(&c);
            return fail("list", &e);
        }
    }
    cli_close(&c);
    return 0;
}

static int user_set_password(int argc, char **argv)
{
    static const char *const opts[] = {"db", "help", NULL};
    struct ctx c;
    struct arena a;
    struct errinfo e = {0};
    char line[ACCOUNT_PASSWORD_MAX + 4], gen[ACCOUNT_GENPW_LEN + 1];
    const char *name, *pw;
    int extra, generated, rc;

    if (cli_wants_help(argc, argv)) {
        fputs(setpw_help, stdout);
        return 0;
    }
    if (check_opts("set-password", setpw_help, argc, argv, opts))
        return 2;
    name = positional(argc, argv, 0, 1, &extra);
    if (!name || extra) {
        fputs(setpw_help, stderr);
        return 2;
    }
    if (!(pw = read_password("set-password", line, sizeof(line), gen, &generated)))
        return 1;
    if (cli_open(cli_db_url(cli_opt(argc, argv, "db")), &c, &a, &e))
        return 1;
    rc = account_set_password(&c, name, pw);
    cli_close(&c);
    if (rc < 0)
        return fail("set-password", &e);
    if (generated)
        printf("Password of '%s' changed. Password: %s\n", name, gen);
    else
        printf("Password of '%s' changed.\n", name);
    return 0;
}

static int user_set_admin(int argc, char **argv)
{
    static const char *const opts[] = {"db", "help", NULL};
    struct ctx c;
    struct arena a;
    struct errinfo e = {0};
    const char *name, *flag;
    int extra, on, rc;

    if (cli_wants_help(argc, argv)) {
        fputs(setadmin_help, stdout);
        return 0;
    }
    if (check_opts("set-admin", setadmin_help, argc, argv, opts))
        return 2;
    name = positional(argc, argv, 0, 2, &extra);
    flag = positional(argc, argv, 1, 2, NULL);
    if (!name || !flag || extra || (!str_eq(flag, "on") && !str_eq(flag, "off"))) {
        fputs(setadmin_help, stderr);
        return 2;
    }
    on = str_eq(flag, "on");
    if (cli_open(cli_db_url(cli_opt(argc, argv, "db")), &c, &a, &e))
        return 1;
    rc = account_set_admin(&c, name, on);
    cli_close(&c);
    if (rc < 0)
        return fail("set-admin", &e);
    printf(on ? "'%s' is now an administrator.\n" : "'%s' is no longer an administrator.\n", name);
    return 0;
}

static int user_set_status(int argc, char **argv)
{
    static const char *const opts[] = {"db", "help", NULL};
    struct ctx c;
    struct arena a;
    struct errinfo e = {0};
    const char *name, *status;
    int extra, rc;

    if (cli_wants_help(argc, argv)) {
        fputs(setstatus_help, stdout);
        return 0;
    }
    if (check_opts("set-status", setstatus_help, argc, argv, opts))
        return 2;
    name = positional(argc, argv, 0, 2, &extra);
    status = positional(argc, argv, 1, 2, NULL);
    if (!name || !status || extra || (!str_eq(status, "active") && !str_eq(status, "suspended"))) {
        fputs(setstatus_help, stderr);
        return 2;
    }
    if (cli_open(cli_db_url(cli_opt(argc, argv, "db")), &c, &a, &e))
        return 1;
    rc = account_set_status(&c, name, status);
    cli_close(&c);
    if (rc < 0)
        return fail("set-status", &e);
    printf("'%s' is now %s.\n", name, status);
    return 0;
}

static int user_invite(int argc, char **argv)
{
    static const char *const opts[] = {"db", "note", "days", "help", NULL};
    struct ctx c;
    struct arena a;
    struct errinfo e = {0};
    const char *days = cli_opt(argc, argv, "days"), *token = NULL;
    int64_t ndays = 7;
    int extra, rc;

    if (cli_wants_help(argc, argv)) {
        fputs(invite_help, stdout);
        return 0;
    }
    if (check_opts("invite", invite_help, argc, argv, opts))
        return 2;
    positional(argc, argv, 0, 0, &extra);
    if (extra || (days && (str_to_i64(days, &ndays) < 0 || ndays < 1 || ndays > 365))) {
        fputs(invite_help, stderr);
        return 2;
    }
    if (cli_open(cli_db_url(cli_opt(argc, argv, "db")), &c, &a, &e))
        return 1;
    rc = account_invite_create(&c, cli_opt(argc, argv, "note"), ndays * 24 * 3600, &token, NULL);
    if (rc == 0)
        printf("/signup?invite=%s\n", token);
    cli_close(&c);
    return rc < 0 ? fail("invite", &e) : 0;
}

/* Import feature: a claim link for an imported account. */
static int user_claim_link(int argc, char **argv)
{
    static const char *const opts[] = {"db", "help", NULL};
    struct ctx c;
    struct arena a;
    struct errinfo e = {0};
    const char *name, *token = NULL;
    int extra, rc;

    if (cli_wants_help(argc, argv)) {
        fputs(claim_help, stdout);
        return 0;
    }
    if (check_opts("claim-link", claim_help, argc, argv, opts))
        return 2;
    name = positional(argc, argv, 0, 1, &extra);
    if (!name || extra) {
        fputs(claim_help, stderr);
        return 2;
    }
    if (cli_open(cli_db_url(cli_opt(argc, argv, "db")), &c, &a, &e))
        return 1;
    rc = account_claim_create(&c, name, &token);
    if (rc == 0)
        printf("/claim?token=%s\n", token);
    cli_close(&c);
    return rc < 0 ? fail("claim-link", &e) : 0;
}

int cmd_user(int argc, char **argv)
{
    static const struct {
        const char *name;
        int (*fn)(int, char **);
    } subs[] = {
        {"add", user_add},
        {"list", user_list},
        {"set-password", user_set_password},
        {"set-admin", user_set_admin},
        {"set-status", user_set_status},
        {"invite", user_invite},
        {"claim-link", user_claim_link},
    };
    size_t i;
    if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") ||
        !strcmp(argv[1], "help")) {
        fputs(user_help, argc < 2 ? stderr : stdout);
        return argc < 2 ? 2 : 0;
    }
    for (i = 0; i < ARRAY_SIZE(subs); i++)
        if (!strcmp(argv[1], subs[i].name))
            return subs[i].fn(argc, argv);
    fprintf(stderr, "praxis user: unknown command '%s'\n\n", argv[1]);
    fputs(user_help, stderr);
    return 2;
}
