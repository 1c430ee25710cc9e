/* `praxis serve` and `praxis migrate`: start-up (open, migrate, load the instance secret),
 * then hand the immutable configuration to the http layer until SIGINT/SIGTERM. */
#include <semaphore.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/log.h"
#include "core/rand.h"
#include "app/app.h"
#include "http/http.h"
#include "web/web.h"
#include "core/util.h"

static const char serve_help[] =
    "usage: praxis serve [--listen ADDR:PORT] [--db URL] [--threads N] [--trusted-proxy ADDR]\n"
    "\n"
    "Run the Praxis web server until interrupted (Ctrl-C or SIGTERM finish the requests\n"
    "in flight, then exit). Migrations are applied at start.\n"
    "\n"
    "  --listen ADDR:PORT     address to listen on (default 127.0.0.1:8080; $PRAXIS_LISTEN)\n"
    "  --db URL               sqlite:PATH or postgres://... (default sqlite:var/praxis.db;\n"
    "                         $PRAXIS_DB)\n"
    "  --threads N            worker threads, each with its own DB connection (default 4)\n"
    "  --trusted-proxy ADDR   believe X-Forwarded-For/-Proto only from this address\n"
    "                         (e.g. 127.0.0.1 when nginx runs in front)\n";

/* Load settings.secret, creating it on first start. Returns 0 or 1 (error printed). */
static int load_secret(struct ctx *c, char out[65])
{
    const char *s = settings_get(c, "secret", NULL);
    if (!s || strlen(s) != 64) {
        char raw[TOKEN_HEX_LEN + 1], key[TOKEN_HASH_LEN + 1];
        rand_token(raw);
        token_hash(raw, key);
        if (settings_set(c, "secret", key) < 0) {
            fprintf(stderr, "praxis: cannot store the instance secret: %s\n", c->err->msg);
            return 1;
        }
        s = settings_get(c, "secret", NULL);
        if (!s) {
            fprintf(stderr, "praxis: cannot read back the instance secret\n");
            return 1;
        }
    }
    str_copy(out, s, 65);
    return 0;
}

int cmd_serve(int argc, char **argv)
{
    const char *listen = cli_opt(argc, argv, "listen");
    const char *threads = cli_opt(argc, argv, "threads");
    struct app app;
    struct http_config cfg;
    struct ctx c;
    struct arena a;
    struct errinfo e = {0};
    sem_t hash_sem;
    int64_t nthreads = 4;
    int rc;

    if (cli_wants_help(argc, argv)) {
        fputs(serve_help, stdout);
        return 0;
    }
    if (!listen)
        listen = getenv("PRAXIS_LISTEN");
    if (!listen || !*listen)
        listen = "127.0.0.1:8080";
    if (threads && (str_to_i64(threads, &nthreads) < 0 || nthreads < 1 || nthreads > 64)) {
        fprintf(stderr, "praxis serve: --threads takes a number from 1 to 64\n");
        return 2;
    }
    memset(&app, 0, sizeof(app));
    app.db_url = cli_db_url(cli_opt(argc, argv, "db"));
    if (cli_open(app.db_url, &c, &a, &e))
        return 1;
    rc = load_secret(&c, app.secret);
    cli_close(&c);
    if (rc)
        return 1;
    app.session_ttl = 30 * 24 * 3600;
    app.hash_slots = 1;
    sem_init(&hash_sem, 0, app.hash_slots);
    app.hash_sem = &hash_sem;

    memset(&cfg, 0, sizeof(cfg));
    cfg.listen = listen;
    cfg.threads = (unsigned)nthreads;
    cfg.trusted_proxy = cli_opt(argc, argv, "trusted-proxy");
    cfg.routes = praxis_routes;
    cfg.nroutes = praxis_nroutes;
    cfg.app = &app;
    cfg.thread_init = app_thread_init;
    cfg.thread_fini = app_thread_fini;
    cfg.authenticate = app_authenticate;
    cfg.render_error = web_render_error;
    log_info("msg=\"starting\" db=\"%s\" threads=%u", strncmp(app.db_url, "postgres", 8) ?
             app.db_url : "postgres", cfg.threads);
    rc = http_serve(&cfg);
    sem_destroy(&hash_sem);
    return rc < 0 ? 1 : 0;
}

static const char migrate_help[] =
    "usage: praxis migrate [--db URL] [--status]\n"
    "\n"
    "Apply the database migrations this praxis knows and exit. With --status, print the\n"
    "database's schema version and the newest one this binary knows, and change nothing.\n";

int cmd_migrate(int argc, char **argv)
{
    const char *url = cli_db_url(cli_opt(argc, argv, "db"));
    struct db *db;
    struct errinfo e = {0};
    int64_t before = 0, after = 0;

    if (cli_wants_help(argc, argv)) {
        fputs(migrate_help, stdout);
        return 0;
    }
    if (db_open(url, &db, &e) < 0) {
        fprintf(stderr, "praxis migrate: cannot open %s: %s\n", url, e.msg);
        return 1;
    }
    if (db_schema_version(db, &before) < 0) {
        fprintf(stderr, "praxis migrate: cannot read the schema version: %s\n", db_last_error(db));
        db_close(db);
        return 1;
    }
    if (cli_flag(argc, argv, "status")) {
        printf("schema version %lld; this praxis knows up to %d\n", (long long)before,
               db_latest_version(db_kind(db)));
        db_close(db);
        return 0;
    }
    if (db_migrate(db, &e) < 0) {
        fprintf(stderr, "praxis migrate: %s\n", e.msg);
        db_close(db);
        return 1;
    }
    db_schema_version(db, &after);
    if (after == before)
        printf("database is up to date (schema version %lld)\n", (long long)after);
    else
        printf("migrated from schema version %lld to %lld\n", (long long)before, (long long)after);
    db_close(db);
    return 0;
}
