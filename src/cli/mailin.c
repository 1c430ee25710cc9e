/* `praxis mail-in`: read one RFC 5322 message on standard input, as an MTA's pipe transport
 * delivers it, and post it as a reply by email (domain/mailin.h). Exit 0 whenever the
 * message was dealt with (posted, refused with an explanation, or dropped), 75
 * (EX_TEMPFAIL) when the database failed so the MTA delivers it again later, 2 for a usage
 * error. One log line on stderr says what happened. `--reply-address USER THREAD` prints
 * the reply address of a member and thread instead, for operators and tests. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/buf.h"
#include "core/log.h"
#include "core/mailparse.h"
#include "domain/account.h"
#include "domain/mail.h"
#include "domain/mailin.h"
#include "domain/mailkey.h"

#define EX_TEMPFAIL_ 75 /* sysexits.h's EX_TEMPFAIL: the MTA retries */

static const char mailin_help[] =
    "usage: praxis mail-in [--db URL] [--base-url URL] < MESSAGE\n"
    "       praxis mail-in --reply-address USER THREAD_ID [--db URL]\n"
    "\n"
    "Read one email message (RFC 5322, MIME) on standard input and post it as a reply by\n"
    "email. The reply address of a notification is the From address with a signed key after\n"
    "a '+' (praxis+r-UID-TID-EXPDAY-MAC@example.org): the key names the member and the\n"
    "thread and lasts 90 days. The message is posted as that member when the key is valid,\n"
    "the From address is the member's verified address, and the member may still reply in\n"
    "the thread now. Quoted text, signatures and \"Sent from my phone\" lines are cut.\n"
    "\n"
    "A refused reply (expired key, no longer permitted, thread locked or closed, empty or\n"
    "too long, wrong sender) gets an explanatory email to the member's verified address.\n"
    "Messages without a valid key, auto-replies, bounces and a second delivery of the same\n"
    "Message-ID are dropped: logged, never posted, nothing sent. Messages over 1 MiB are\n"
    "dropped.\n"
    "\n"
    "options:\n"
    "  --db URL          database (default $PRAXIS_DB, else sqlite:var/praxis.db)\n"
    "  --base-url URL    start of the thread link in a refusal mail (default: the base_url\n"
    "                    setting)\n"
    "  --reply-address USER THREAD_ID\n"
    "                    print the reply address of member USER (name or id) for thread\n"
    "                    THREAD_ID and exit\n"
    "  --now EPOCH       act as if it were this time (UTC seconds); for tests\n"
    "\n"
    "exit status: 0 handled (posted, refused or dropped; see the log line on stderr),\n"
    "75 temporary failure (database unreachable: the MTA should retry), 2 usage error.\n"
    "For Postfix and OpenSMTPD set-ups see docs/deploy.md, \"Reply by email\".\n";

/* Read standard input to its end, keeping up to MAILPARSE_MAX + 1 bytes in b (the rest is
   read and discarded, so the MTA's write into the pipe never fails). */
static void read_stdin(struct buf *b)
{
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof(chunk), stdin)) > 0) {
        if (b->len + n > (size_t)MAILPARSE_MAX + 1)
            n = (size_t)MAILPARSE_MAX + 1 - b->len;
        buf_append(b, chunk, n);
    }
}

/* s for a quoted logfmt value (arena copy): '"', '\\' and control bytes become '?'. */
static const char *log_safe(struct arena *a, const char *s)
{
    char *o;
    size_t i;
    if (!s)
        return "";
    o = arena_strdup(a, s);
    for (i = 0; o[i]; i++)
        if (o[i] == '"' || o[i] == '\\' || (unsigned char)o[i] < 0x20 || o[i] == 0x7f)
            o[i] = '?';
    return o;
}

/* The first positional argument (not an option, nor the value of a valued "--k V"), or NULL. */
static const char *positional(int argc, char **argv, const char *const *valued)
{
    int i;
    for (i = 1; i < argc; i++) {
        const char *const *k;
        int takes = 0;
        if (argv[i][0] != '-')
            return argv[i];
        for (k = valued; *k; k++)
            if (argv[i][1] == '-' && !strcmp(argv[i] + 2, *k))
                takes = 1;
        i += takes;
    }
    return NULL;
}

/* --reply-address USER TID: print the address. */
static int print_address(struct ctx *c, const char *who, const char *tids)
{
    struct user u;
    const char *addr;
    char *end;
    long long tid = strtoll(tids, &end, 10);
    int rc;
    if (*end || tid <= 0) {
        fprintf(stderr, "praxis mail-in: THREAD_ID must be a number\n");
        return 2;
    }
    rc = account_get(c, who, &u);
    if (rc < 0) {
        fprintf(stderr, "praxis mail-in: %s\n", c->err->msg);
        return 1;
    }
    if (mailkey_reply_address(c, u.id, tid, &addr) < 0) {
        fprintf(stderr, "praxis mail-in: %s\n", c->err->msg);
        return 1;
    }
    printf("%s\n", addr);
    return 0;
}

int cmd_mailin(int argc, char **argv)
{
    static const char *const valued[] = {"db", "base-url", "now", "reply-address", NULL};
    struct ctx c;
    struct arena a;
    struct errinfo e = {0};
    struct mailin_result r;
    struct buf in = BUF_INIT;
    const char *now = cli_opt(argc, argv, "now"), *who = cli_opt(argc, argv, "reply-address");
    const char *base, *tid = positional(argc, argv, valued);
    int rc, npos = who ? 1 : 0;

    if (cli_wants_help(argc, argv)) {
        fputs(mailin_help, stdout);
        return 0;
    }
    if (cli_check_opts(argc, argv, valued, NULL, npos, mailin_help))
        return 2;
    if (who && !tid) {
        fputs("praxis mail-in: --reply-address needs USER and THREAD_ID\n", stderr);
        return 2;
    }
    if (cli_open(cli_db_url(cli_opt(argc, argv, "db")), &c, &a, &e))
        return who ? 1 : EX_TEMPFAIL_;
    if (now) {
        char *end;
        long long t = strtoll(now, &end, 10);
        if (*end || t <= 0) {
            fputs("praxis mail-in: --now takes UTC seconds\n", stderr);
            cli_close(&c);
            return 2;
        }
        c.now = t;
    }
    c.remote_addr = "mail-in";
    c.secret = settings_get(&c, "secret", NULL);
    if (who) {
        rc = print_address(&c, who, tid);
        cli_close(&c);
        return rc;
    }
    base = mail_base_url(&c, cli_opt(argc, argv, "base-url"), "http://127.0.0.1:8080");
    read_stdin(&in);
    rc = mailin_process(&c, in.data, in.len, base, &r);
    log_msg(r.outcome == MAILIN_TEMPFAIL ? LOG_WARN : LOG_INFO,
            "msg=\"mail-in\" outcome=%s message_id=\"%s\" uid=%lld tid=%lld post=%lld "
            "reason=\"%s\"",
            mailin_outcome_name(r.outcome), log_safe(&a, r.message_id), (long long)r.uid,
            (long long)r.tid, (long long)r.post_id, log_safe(&a, r.reason));
    buf_release(&in);
    cli_close(&c);
    return rc < 0 ? EX_TEMPFAIL_ : 0;
}
