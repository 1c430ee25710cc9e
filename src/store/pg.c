/* The PostgreSQL driver behind store/db.h (libpq). Statements are prepared once per
 * connection under generated names ("s1", "s2", ...) with parameter types left for the server
 * to infer, then run with PQexecPrepared and text parameters (integers formatted in decimal);
 * results are fetched whole and db_step walks their rows. SQLSTATE 23505 (unique violation)
 * is ERR_CONFLICT, any other failure ERR_DB. When the connection is lost, the driver
 * reconnects once (PQreset) and fails the statement with ERR_DB without retrying it, since it
 * may have run; the next statement uses the new session. A link that died while the
 * connection sat idle in the pool (a PostgreSQL restart, pg_terminate_backend) is found
 * before anything is sent: the server's goodbye or end-of-file makes the idle socket
 * readable, so the driver reconnects first and the request does not fail. */
#include <libpq-fe.h>
#include <limits.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/log.h"
#include "store/db_driver.h"
#include "core/util.h"

#define SMALL_PARAMS 16

static PGconn *C(struct db *db)
{
    return (PGconn *)db->conn;
}

/* Copy a libpq message into out as one line: newlines and tabs become spaces, trailing
   whitespace goes. */
static void one_line(char *out, size_t n, const char *msg)
{
    size_t j = 0;
    if (!n)
        return;
    for (; msg && *msg && j + 1 < n; msg++) {
        char c = *msg;
        if (c == '\n' || c == '\r' || c == '\t')
            c = ' ';
        if (c == ' ' && (j == 0 || out[j - 1] == ' '))
            continue;
        out[j++] = c;
    }
    while (j > 0 && out[j - 1] == ' ')
        j--;
    out[j] = '\0';
}

/* Log server notices (e.g. "relation already exists, skipping") at debug level instead of
   letting libpq print them on stderr. An error that arrives while no statement runs is handed
   here as a notice too: a FATAL one is the server's goodbye (a shutdown, or
   pg_terminate_backend), remembered so that the link is replaced before its next use. */
static void pg_notice(void *arg, const PGresult *res)
{
    struct db *db = arg;
    const char *severity = PQresultErrorField(res, PG_DIAG_SEVERITY_NONLOCALIZED);
    char line[400];
    size_t i;
    if (severity && (!strcmp(severity, "FATAL") || !strcmp(severity, "PANIC")))
        db->pg_goodbye = 1;
    one_line(line, sizeof(line), PQresultErrorMessage(res));
    for (i = 0; line[i]; i++)
        if (line[i] == '"' || line[i] == '\\')
            line[i] = '\'';
    log_debug("msg=\"postgres notice\" text=\"%s\"", line);
}

/* Reconnect once after the link died. Prepared statements went with the old session, so the
   cache's entries become stale (conn_gen) and are prepared again on their next use. Returns 0
   if the new connection works. */
static int pg_reconnect(struct db *db)
{
    PQreset(C(db));
    db->conn_gen++;
    db->pg_goodbye = 0;
    return PQstatus(C(db)) == CONNECTION_OK ? 0 : -1;
}

/* Turn a failed PGresult r (may be NULL) into ERR_CONFLICT / ERR_DB with the message in
   db->err, reconnecting if the connection was lost. Does not PQclear r. */
static int pg_fail(struct db *db, PGresult *r)
{
    char msg[DB_ERRMSG_MAX - 100];
    const char *state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : NULL;

    one_line(msg, sizeof(msg),
             r && *PQresultErrorMessage(r) ? PQresultErrorMessage(r) : PQerrorMessage(C(db)));
    if (PQstatus(C(db)) == CONNECTION_BAD) {
        if (pg_reconnect(db) == 0)
            return db_seterr(db, ERR_DB,
                             "postgres: connection lost (%s); reconnected, the "
                             "statement was not retried",
                             msg);
        {
            char again[200];
            one_line(again, sizeof(again), PQerrorMessage(C(db)));
            return db_seterr(db, ERR_DB,
                             "postgres: connection lost (%s); reconnecting "
                             "failed: %s",
                             msg, again);
        }
    }
    if (state && strcmp(state, "23505") == 0)
        return db_seterr(db, ERR_CONFLICT, "postgres: %s", msg);
    return db_seterr(db, ERR_DB, "postgres: %s", msg);
}

static int pg_open(struct db *db, const char *url, struct errinfo *e)
{
    /* dbname with expand_dbname=1 parses the URL; the later keywords override it. */
    const char *const keys[] = {"dbname", "fallback_application_name", "client_encoding", NULL};
    const char *const vals[] = {url, "praxis", "UTF8", NULL};
    PGconn *conn = PQconnectdbParams(keys, vals, 1);
    char msg[300];

    if (!conn)
        return error_set(e, ERR_DB, "database", "postgres: out of memory connecting");
    if (PQstatus(conn) != CONNECTION_OK) {
        one_line(msg, sizeof(msg), PQerrorMessage(conn));
        PQfinish(conn);
        return error_set(e, ERR_DB, "database", "postgres: cannot connect: %s", msg);
    }
    PQsetNoticeReceiver(conn, pg_notice, db);
    db->conn = conn;
    return 0;
}

static void pg_close(struct db *db)
{
    PQfinish(C(db));
    db->conn = NULL;
}

/* Whether an idle connection (no transaction open, nothing sent) is found dead without sending
   anything. An idle session has nothing to say but notifications, so a readable socket means
   a server goodbye (FATAL 57P01 at shutdown), end-of-file or a notification. Read what is
   there and let libpq parse it (notifications stay queued for PQnotifies; a goodbye reaches
   pg_notice); the end-of-file that follows a goodbye may arrive a moment later, so the
   goodbye alone condemns the link. */
static int pg_idle_dead(struct db *db)
{
    struct pollfd pfd;
    int fd = PQsocket(C(db)), round;
    if (fd < 0)
        return 1;
    for (round = 0; round < 4 && !db->pg_goodbye; round++) {
        pfd.fd = fd;
        pfd.events = POLLIN;
        pfd.revents = 0;
        if (poll(&pfd, 1, 0) <= 0)
            return 0;
        if (!PQconsumeInput(C(db)))
            return 1;
        (void)PQisBusy(C(db)); /* parses what arrived */
        if (PQstatus(C(db)) != CONNECTION_OK)
            return 1;
    }
    return db->pg_goodbye;
}

/* Before a statement: if an earlier failure left the link dead (a reconnect that failed), or
   an idle link died since its last use, reconnect before sending. */
static int pg_ready(struct db *db)
{
    if (PQstatus(C(db)) == CONNECTION_OK) {
        if (PQtransactionStatus(C(db)) != PQTRANS_IDLE || !pg_idle_dead(db))
            return 0;
        log_info("msg=\"postgres connection closed while idle; reconnecting\"");
    }
    if (pg_reconnect(db) == 0)
        return 0;
    {
        char msg[300];
        one_line(msg, sizeof(msg), PQerrorMessage(C(db)));
        return db_seterr(db, ERR_DB, "postgres: not connected and reconnecting failed: %s", msg);
    }
}

static int pg_prepare(struct db *db, struct db_stmt *st)
{
    char name[24];
    PGresult *r;
    int rc = 0;

    st->pg_id = ++db->pg_next_id;
    snprintf(name, sizeof(name), "s%u", st->pg_id);
    r = PQprepare(C(db), name, st->sql, 0, NULL);
    if (!r || PQresultStatus(r) != PGRES_COMMAND_OK) {
        rc = pg_fail(db, r);
        if (rc == ERR_CONFLICT)
            rc = ERR_DB;
    }
    PQclear(r);
    return rc;
}

/* DEALLOCATE an evicted statement. Skipped when the session cannot run it (inside a failed
   transaction): the name is never reused, so the only cost is the server-side plan. */
static void pg_unprepare(struct db *db, struct db_stmt *st)
{
    char sql[40];
    PGresult *r;
    PGTransactionStatusType ts = PQtransactionStatus(C(db));
    if (PQstatus(C(db)) != CONNECTION_OK || (ts != PQTRANS_IDLE && ts != PQTRANS_INTRANS))
        return;
    snprintf(sql, sizeof(sql), "DEALLOCATE s%u", st->pg_id);
    r = PQexec(C(db), sql);
    PQclear(r);
}

/* Run the prepared statement st with p[0..np) as text parameters; *out gets the result on
   success (the caller PQclears it). Outside a transaction, two failures that happen before
   the statement runs are repaired by preparing it again and retrying once: a plan invalidated
   by a schema change ("cached plan must not change result type", 0A000) and a prepared
   statement the session no longer has (26000, e.g. after DEALLOCATE ALL or DISCARD ALL). */
static int pg_run(struct db *db, struct db_stmt *st, const struct db_param *p, int np,
                  PGresult **out)
{
    const char *small_vals[SMALL_PARAMS];
    char small_ints[SMALL_PARAMS][24];
    const char **vals = small_vals;
    char(*ints)[24] = small_ints;
    char name[24];
    PGresult *r = NULL;
    int i, rc = 0, attempt;

    if (np > SMALL_PARAMS) {
        vals = x_calloc((size_t)np, sizeof(*vals));
        ints = x_calloc((size_t)np, sizeof(*ints));
    }
    for (i = 0; i < np; i++) {
        switch (p[i].type) {
        case DBP_INT:
            snprintf(ints[i], sizeof(ints[i]), "%lld", (long long)p[i].i);
            vals[i] = ints[i];
            break;
        case DBP_TEXT:
            vals[i] = p[i].s;
            break;
        case DBP_NULL:
            vals[i] = NULL;
            break;
        default:
            rc = db_seterr(db, ERR_DB, "parameter $%d has an unknown type %d", i + 1,
                           (int)p[i].type);
            goto out;
        }
    }
    for (attempt = 0;; attempt++) {
        const char *state;
        snprintf(name, sizeof(name), "s%u", st->pg_id);
        r = PQexecPrepared(C(db), name, np, np ? vals : NULL, NULL, NULL, 0);
        if (r && (PQresultStatus(r) == PGRES_TUPLES_OK || PQresultStatus(r) == PGRES_COMMAND_OK))
            break;
        state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : NULL;
        if (attempt == 0 && state && PQtransactionStatus(C(db)) == PQTRANS_IDLE &&
            ((strcmp(state, "0A000") == 0 && strstr(PQresultErrorMessage(r), "cached plan")) ||
             strcmp(state, "26000") == 0)) {
            int gone = strcmp(state, "26000") == 0;
            PQclear(r);
            r = NULL;
            if (!gone)
                pg_unprepare(db, st);
            rc = pg_prepare(db, st);
            if (rc < 0) {
                st->gen = db->conn_gen - 1u; /* stale: prepared again on its next use */
                goto out;
            }
            continue;
        }
        rc = pg_fail(db, r);
        PQclear(r);
        r = NULL;
        goto out;
    }
    *out = r;
out:
    if (vals != small_vals) {
        free(vals);
        free(ints);
    }
    return rc;
}

static int pg_exec(struct db *db, struct db_stmt *st, const char *sql, const struct db_param *p,
                   int np)
{
    PGresult *r = NULL;
    long n = 0;
    int rc = pg_run(db, st, p, np, &r);
    if (rc < 0)
        return rc;
    /* Rows changed; 0 for SELECT (whose tag counts rows returned) and for utility statements. */
    if (!str_starts(PQcmdStatus(r), "SELECT"))
        n = strtol(PQcmdTuples(r), NULL, 10);
    PQclear(r);
    return n > INT_MAX ? INT_MAX : (n < 0 ? 0 : (int)n);
}

static int pg_query(struct db *db, struct db_stmt *st, const char *sql, const struct db_param *p,
                    int np, struct db_res *res)
{
    PGresult *r = NULL;
    int rc = pg_run(db, st, p, np, &r);
    if (rc < 0)
        return rc;
    res->pgres = r;
    res->nrows = PQntuples(r);
    res->ncols = PQnfields(r);
    res->row = -1;
    return 0;
}

static int pg_step(struct db_res *res)
{
    if (res->row + 1 >= res->nrows)
        return 0;
    res->row++;
    return 1;
}

static void pg_finish(struct db_res *res)
{
    PQclear((PGresult *)res->pgres);
}

static int pg_isnull(struct db_res *res, int col)
{
    return PQgetisnull((PGresult *)res->pgres, res->row, col);
}

/* Integers arrive as decimal text. Booleans ('t'/'f', e.g. from EXISTS or a comparison)
   read as 1/0; a numeric with a fraction reads as its integer part; NULL reads as 0. */
static int64_t pg_get_int(struct db_res *res, int col)
{
    PGresult *r = res->pgres;
    const char *s;
    if (PQgetisnull(r, res->row, col))
        return 0;
    s = PQgetvalue(r, res->row, col);
    if (s[0] == 't' && s[1] == '\0')
        return 1;
    if (s[0] == 'f' && s[1] == '\0')
        return 0;
    return (int64_t)strtoll(s, NULL, 10);
}

static const char *pg_get_text(struct db_res *res, int col)
{
    PGresult *r = res->pgres;
    return PQgetisnull(r, res->row, col) ? NULL : PQgetvalue(r, res->row, col);
}

/* Several statements with the simple query protocol (PQexec); the first error stops them. */
static int pg_script(struct db *db, const char *sql)
{
    PGresult *r = PQexec(C(db), sql);
    ExecStatusType s = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
    int rc = 0;
    if (s != PGRES_COMMAND_OK && s != PGRES_TUPLES_OK && s != PGRES_EMPTY_QUERY)
        rc = pg_fail(db, r);
    PQclear(r);
    return rc;
}

/* BEGIN / COMMIT / ROLLBACK. A COMMIT of a transaction the server had already failed comes
   back as "ROLLBACK": that is an error here. */
static int pg_control(struct db *db, const char *sql)
{
    PGresult *r = PQexec(C(db), sql);
    int rc = 0;
    if (!r || PQresultStatus(r) != PGRES_COMMAND_OK)
        rc = pg_fail(db, r);
    else if (strcmp(sql, "COMMIT") == 0 && strcmp(PQcmdStatus(r), "COMMIT") != 0)
        rc = db_seterr(db, ERR_DB,
                       "postgres: the transaction had failed and was rolled back "
                       "instead of committed");
    PQclear(r);
    return rc;
}

static int pg_in_tx(struct db *db)
{
    PGTransactionStatusType s = PQtransactionStatus(C(db));
    return s == PQTRANS_INTRANS || s == PQTRANS_INERROR || s == PQTRANS_ACTIVE;
}

/* LISTEN on channel (an identifier chosen by the caller from a literal, quoted here). */
static int pg_listen(struct db *db, const char *channel)
{
    char *q = PQescapeIdentifier(C(db), channel, strlen(channel));
    char sql[200];
    PGresult *res;
    int ok;
    if (!q)
        return db_seterr(db, ERR_DB, "LISTEN: %s", PQerrorMessage(C(db)));
    snprintf(sql, sizeof(sql), "LISTEN %s", q);
    PQfreemem(q);
    res = PQexec(C(db), sql);
    ok = PQresultStatus(res) == PGRES_COMMAND_OK;
    if (!ok)
        db_seterr(db, ERR_DB, "LISTEN: %s", PQerrorMessage(C(db)));
    PQclear(res);
    return ok ? 0 : ERR_DB;
}

static int pg_notify_fd(struct db *db)
{
    return PQsocket(C(db));
}

static int pg_notifications(struct db *db)
{
    PGnotify *n;
    int count = 0;
    if (!PQconsumeInput(C(db)))
        return db_seterr(db, ERR_DB, "listen: %s", PQerrorMessage(C(db)));
    while ((n = PQnotifies(C(db))) != NULL) {
        count++;
        PQfreemem(n);
    }
    return count;
}

const struct db_ops db_pg_ops = {
    .listen = pg_listen,
    .notify_fd = pg_notify_fd,
    .notifications = pg_notifications,
    .open = pg_open,
    .close = pg_close,
    .exec = pg_exec,
    .query = pg_query,
    .step = pg_step,
    .finish = pg_finish,
    .isnull = pg_isnull,
    .get_int = pg_get_int,
    .get_text = pg_get_text,
    .script = pg_script,
    .control = pg_control,
    .in_tx = pg_in_tx,
    .ready = pg_ready,
    .prepare = pg_prepare,
    .unprepare = pg_unprepare,
};
