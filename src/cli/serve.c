/* `praxis serve` and `praxis migrate`: start-up (open, migrate, load the instance secret),
 * then hand the immutable configuration to the http layer until SIGINT/SIGTERM. */
#include <semaphore.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <signal.h>
#include <unistd.h>

#include "cli/cli.h"
#include "domain/job.h"
#include "domain/upload.h"
#include "domain/smtp.h"
#include "core/log.h"
#include "core/rand.h"
#include "app/app.h"
#include "app/live.h"
#include "http/http.h"
#include "web/web.h"
#include "core/util.h"

static const char serve_help[] =
    "usage: praxis serve [--listen ADDR:PORT] [--db URL] [--threads N] [--trusted-proxy ADDR]\n"
    "                    [--smtp URL] [--base-url URL] [--job-retry-base SECONDS] [--no-jobs]\n"
    "                    [--uploads DIR]\n"
    "                    [--live-heartbeat SECONDS] [--max-streams N] [--live-listen ADDR]\n"
    "\n"
    "Run the Praxis web server until interrupted (Ctrl-C or SIGTERM finish the requests\n"
    "in flight, then exit). Migrations are applied at start.\n"
    "\n"
    "  --listen ADDR:PORT     address to listen on (default 127.0.0.1:8080; $PRAXIS_LISTEN)\n"
    "  --db URL               sqlite:PATH or postgres://... (default sqlite:var/praxis.db;\n"
    "                         $PRAXIS_DB)\n"
    "  --threads N            worker threads, each with its own DB connection (default 4)\n"
    "  --trusted-proxy ADDR   believe X-Forwarded-For/-Proto only from this address\n"
    "                         (e.g. 127.0.0.1 when nginx runs in front)\n"
    "  --smtp URL             send mail through this relay: smtp://host:port, smtps://...,\n"
    "                         smtp://user:pass@host:587?starttls (default: the admin\n"
    "                         setting smtp_url; neither = mail off, mail stays queued)\n"
    "  --base-url URL         public address for links in mail (default: the base_url\n"
    "                         setting, else http://ADDR:PORT of --listen)\n"
    "  --job-retry-base S     seconds before the first retry of a failed job (default 30;\n"
    "                         doubles each time, at most 6 hours)\n"
    "  --no-jobs              do not run queued jobs here (a `praxis worker` does)\n"
    "  --uploads DIR          where uploaded files are stored ($PRAXIS_UPLOADS; default:\n"
    "                         uploads/ next to an SQLite database, var/uploads with\n"
    "                         PostgreSQL; several servers must share one directory)\n"
    "  --live-heartbeat S     seconds between keep-alive comments on live-update streams\n"
    "                         (default 25)\n"
    "  --max-streams N        live-update streams held at once, besides 1024 ordinary\n"
    "                         connections (default 10000; the open-file limit is raised)\n"
    "  --live-listen ADDR:PORT  also listen here, for live-update streams (GET /live) only:\n"
    "                         connections there use a third of the memory (request heads\n"
    "                         up to about 3 KiB); route /live to it in nginx\n";

static const char *const serve_valued[] = {
    "listen",         "db",      "threads",        "trusted-proxy", "smtp",        "base-url",
    "job-retry-base", "uploads", "live-heartbeat", "max-streams",   "live-listen", NULL};
static const char *const serve_flags[] = {"no-jobs", NULL};

/* Fill a runner configuration from the command line (shared by serve and worker). Returns 0
   or 2 (usage error printed). */
static int runner_config(int argc, char **argv, const char *db_url, const char *role,
                         struct job_runner_config *rc, char *name, size_t namesize)
{
    const char *base = cli_opt(argc, argv, "job-retry-base");
    char host[128] = "localhost";
    memset(rc, 0, sizeof(*rc));
    rc->db_url = db_url;
    rc->smtp_url = cli_opt(argc, argv, "smtp");
    if (rc->smtp_url && *rc->smtp_url && strncmp(rc->smtp_url, "smtp://", 7) &&
        strncmp(rc->smtp_url, "smtps://", 8)) {
        fprintf(stderr, "praxis %s: --smtp takes smtp://HOST:PORT or smtps://HOST:PORT\n", argv[0]);
        return 2;
    }
    if (base &&
        (str_to_i64(base, &rc->retry_base) < 0 || rc->retry_base < 1 || rc->retry_base > 86400)) {
        fprintf(stderr, "praxis %s: --job-retry-base takes seconds from 1 to 86400\n", argv[0]);
        return 2;
    }
    gethostname(host, sizeof(host) - 1);
    snprintf(name, namesize, "%s:%ld:%s", host, (long)getpid(), role);
    rc->name = name;
    return 0;
}

/* Load settings.secret, creating it on first start. Several instances may start at once on
   a new database: each offers its own secret with an insert-if-absent and then reads back the
   one that was stored first, so all of them sign with the same key. A stored value of the
   wrong shape (a hand edit) is replaced. Returns 0 or 1 (error printed). */
static int load_secret(struct ctx *c, char out[65])
{
    const char *s = settings_get(c, "secret", NULL);
    if (!s || strlen(s) != 64) {
        char raw[TOKEN_HEX_LEN + 1], key[TOKEN_HASH_LEN + 1];
        rand_token(raw);
        token_hash(raw, key);
        if ((s ? settings_set(c, "secret", key) : settings_set_once(c, "secret", key)) < 0) {
            fprintf(stderr, "praxis: cannot store the instance secret: %s\n", c->err->msg);
            return 1;
        }
        s = settings_get(c, "secret", NULL);
        if (!s || strlen(s) != 64) {
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
    struct job_runner_config jcfg;
    struct job_runner *runner = NULL;
    char jname[200];
    const char *base_url;
    const char *hb = cli_opt(argc, argv, "live-heartbeat");
    const char *ms = cli_opt(argc, argv, "max-streams");
    int64_t hb_s = 25, max_streams = 10000;
    struct live_config lcfg;

    if (cli_wants_help(argc, argv)) {
        fputs(serve_help, stdout);
        return 0;
    }
    if (cli_check_opts(argc, argv, serve_valued, serve_flags, 0, serve_help) ||
        runner_config(argc, argv, cli_db_url(cli_opt(argc, argv, "db")), "serve", &jcfg, jname,
                      sizeof(jname)))
        return 2;
    base_url = cli_opt(argc, argv, "base-url");
    if (base_url && strncmp(base_url, "http://", 7) && strncmp(base_url, "https://", 8)) {
        fprintf(stderr, "praxis serve: --base-url takes http://... or https://...\n");
        return 2;
    }
    if (!listen)
        listen = getenv("PRAXIS_LISTEN");
    if (!listen || !*listen)
        listen = "127.0.0.1:8080";
    if (threads && (str_to_i64(threads, &nthreads) < 0 || nthreads < 1 || nthreads > 64)) {
        fprintf(stderr, "praxis serve: --threads takes a number from 1 to 64\n");
        return 2;
    }
    if (hb && (str_to_i64(hb, &hb_s) < 0 || hb_s < 1 || hb_s > 300)) {
        fprintf(stderr, "praxis serve: --live-heartbeat takes seconds from 1 to 300\n");
        return 2;
    }
    if (ms && (str_to_i64(ms, &max_streams) < 0 || max_streams < 1 || max_streams > 200000)) {
        fprintf(stderr, "praxis serve: --max-streams takes a number from 1 to 200000\n");
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
    app.smtp_url = jcfg.smtp_url;
    app.base_url_flag = base_url;
    app.upload_dir = cli_upload_dir(argc, argv, app.db_url); /* lives until exit */
    {
        size_t n = strlen(listen) + 8;
        char *lu = x_malloc(n);
        snprintf(lu, n, "http://%s", listen);
        app.listen_url = lu; /* lives until exit */
        jcfg.base_url_flag = base_url;
        jcfg.base_url_fallback = lu;
    }
    if (smtp_global_init() < 0) {
        fprintf(stderr, "praxis serve: cannot initialise libcurl\n");
        return 1;
    }
    if (!cli_flag(argc, argv, "no-jobs") && job_runner_start(&jcfg, &runner, &e) < 0) {
        fprintf(stderr, "praxis serve: cannot start the job runner: %s\n", e.msg);
        return 1;
    }
    memset(&lcfg, 0, sizeof(lcfg));
    lcfg.db_url = app.db_url;
    lcfg.heartbeat_ms = hb_s * 1000;
    if (live_hub_start(&lcfg, &app.live, &e) < 0) {
        fprintf(stderr, "praxis serve: cannot start live updates: %s\n", e.msg);
        job_runner_stop(runner);
        return 1;
    }
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
    cfg.max_streams = (unsigned)max_streams;
    cfg.stream_listen = cli_opt(argc, argv, "live-listen");
    log_info("msg=\"starting\" db=\"%s\" threads=%u",
             strncmp(app.db_url, "postgres", 8) ? app.db_url : "postgres", cfg.threads);
    rc = http_serve(&cfg);
    live_hub_stop(app.live); /* every stream ended with the server */
    job_runner_stop(runner); /* after the last request: the job in hand finishes first */
    free((char *)app.listen_url);
    free((char *)app.upload_dir);
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

    static const char *const valued[] = {"db", NULL};
    static const char *const flags[] = {"status", NULL};
    if (cli_wants_help(argc, argv)) {
        fputs(migrate_help, stdout);
        return 0;
    }
    if (cli_check_opts(argc, argv, valued, flags, 0, migrate_help))
        return 2;
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

static const char worker_help[] =
    "usage: praxis worker [--db URL] [--smtp URL] [--job-retry-base SECONDS] [--once]\n"
    "\n"
    "Run queued jobs (outgoing mail) until interrupted, without serving the web: for a\n"
    "separate process next to `praxis serve --no-jobs`. With PostgreSQL several workers can\n"
    "run at once (each claims different jobs). SIGINT/SIGTERM let the job in hand finish.\n"
    "\n"
    "  --db URL               as for serve\n"
    "  --smtp URL             as for serve (default: the smtp_url setting)\n"
    "  --job-retry-base S     seconds before the first retry (default 30)\n"
    "  --once                 run the jobs due now, then exit\n";

int cmd_worker(int argc, char **argv)
{
    static const char *const valued[] = {"db", "smtp", "job-retry-base", NULL};
    static const char *const flags[] = {"once", NULL};
    struct job_runner_config jcfg;
    struct job_runner *runner = NULL;
    char jname[200];
    struct ctx c;
    struct arena a;
    struct errinfo e = {0};
    sigset_t set;
    int sig = 0, rc;

    if (cli_wants_help(argc, argv)) {
        fputs(worker_help, stdout);
        return 0;
    }
    if (cli_check_opts(argc, argv, valued, flags, 0, worker_help) ||
        runner_config(argc, argv, cli_db_url(cli_opt(argc, argv, "db")), "worker", &jcfg, jname,
                      sizeof(jname)))
        return 2;
    if (cli_open(jcfg.db_url, &c, &a, &e)) /* migrates, like serve */
        return 1;
    if (smtp_global_init() < 0) {
        fprintf(stderr, "praxis worker: cannot initialise libcurl\n");
        cli_close(&c);
        return 1;
    }
    if (cli_flag(argc, argv, "once")) {
        int ran = 0, total = 0;
        do {
            rc = job_run_due(&c, &jcfg, &ran);
            total += ran;
        } while (rc == 0 && ran > 0);
        cli_close(&c);
        printf("ran %d job%s\n", total, total == 1 ? "" : "s");
        return rc < 0 ? 1 : 0;
    }
    cli_close(&c);
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set, NULL); /* the runner thread inherits the mask */
    if (job_runner_start(&jcfg, &runner, &e) < 0) {
        fprintf(stderr, "praxis worker: cannot start: %s\n", e.msg);
        return 1;
    }
    log_info("msg=\"worker started\" name=\"%s\"", jname);
    sigwait(&set, &sig);
    log_info("msg=\"worker stopping\" signal=%d", sig);
    job_runner_stop(runner);
    return 0;
}
