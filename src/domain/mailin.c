/* Reply by email (see mailin.h): parse, find and check the key, act as the member, post or
 * refuse with an explanatory mail, each Message-ID once. */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "core/buf.h"
#include "core/log.h"
#include "core/mailparse.h"
#include "core/mailstrip.h"
#include "domain/account.h"
#include "domain/mail.h"
#include "domain/mailin.h"
#include "domain/mailkey.h"
#include "domain/thread.h"
#include "store/mailin.h"

const char *mailin_outcome_name(enum mailin_outcome o)
{
    static const char *const names[MAILIN__MAX] = {"posted", "refused", "dropped", "tempfail"};
    return o < MAILIN__MAX ? names[o] : "?";
}

/* Find a reply key among the recipients. Returns 0 with *uid, *tid set for a valid key; 1 with
   them set for a genuine key whose day has passed (its MAC checked at its own last day);
   -1 when there is none. */
static int find_key(struct ctx *c, const struct mail_in *m, int64_t *uid, int64_t *tid)
{
    size_t i;
    int expired = -1;
    for (i = 0; i < m->nrcpt; i++) {
        char key[MAILKEY_MAX];
        long long u, t, day;
        int rc;
        if (mailkey_from_address(m->rcpt[i], key, sizeof(key)) < 0)
            continue;
        rc = mailkey_reply_check(c, key, uid, tid);
        if (rc == 0)
            return 0;
        if (rc == ERR_PERM && expired < 0 && sscanf(key, "r-%lld-%lld-%lld-", &u, &t, &day) == 3) {
            struct ctx then = *c;
            then.now = day * 86400;
            if (mailkey_reply_check(&then, key, uid, tid) == 0)
                expired = 1;
        }
    }
    return expired;
}

/* Queue the "not posted" mail to the member's verified address: the reason and a link to
   the thread. Title read as the system (the key said the member could read it then). */
static int send_refusal(struct ctx *c, const char *to, int64_t tid, const char *reason,
                        const char *base_url, struct mailin_result *out)
{
    struct thread t;
    struct community cm;
    const char *title = "a thread", *link = NULL, *subject, *text;
    int rc;
    if (thread_get(c, tid, &t, &cm, NULL) == 0) {
        title = t.title;
        link = arena_printf(c->arena, "%s/c/%s/t/%lld", base_url, cm.slug, (long long)tid);
    } else if (c->err->code == ERR_DB) {
        return ERR_DB;
    }
    subject = arena_printf(c->arena, "Your reply to \u201c%s\u201d was not posted", title);
    text = arena_printf(c->arena,
                        "Your emailed reply to \u201c%s\u201d was not posted:\n\n%s\n\n%s%s%s"
                        "This message was sent automatically; replies to it are not read.\n",
                        title, reason, link ? "The thread: " : "", link ? link : "",
                        link ? "\n\n" : "");
    if (db_begin_write(c->db) < 0)
        return ERR_DB;
    rc = mail_enqueue(c, to, subject, text, NULL, &out->notice_id);
    if (rc < 0) {
        db_rollback(c->db);
        return rc == ERR_DB ? ERR_DB : 0; /* an address mail refuses: nothing to send */
    }
    if (db_commit(c->db) < 0)
        return ERR_DB;
    return 0;
}

/* Finish with outcome o and reason (printf-like), recording it against the Message-ID. */
static int finish(struct ctx *c, struct mailin_result *out, enum mailin_outcome o,
                  const char *reason)
{
    out->outcome = o;
    out->reason = reason;
    if (out->message_id && o != MAILIN_TEMPFAIL)
        mailin_db_finish(c->db, out->message_id, mailin_outcome_name(o), out->post_id);
    if (o == MAILIN_TEMPFAIL && out->message_id)
        mailin_db_release(c->db, out->message_id);
    return o == MAILIN_TEMPFAIL ? ERR_DB : 0;
}

int mailin_process(struct ctx *c, const char *data, size_t len, const char *base_url,
                   struct mailin_result *out)
{
    struct mail_in m;
    struct user u;
    struct mail_status ms;
    struct ctx mc;
    struct errinfo me = {0};
    struct post p;
    struct buf body = BUF_INIT;
    const char *refuse = NULL, *text;
    int rc, k;

    memset(out, 0, sizeof(*out));
    rc = mailparse(c->arena, data, len, &m);
    if (rc == ERR_TOOBIG)
        return finish(c, out, MAILIN_DROPPED,
                      arena_printf(c->arena, "message is over the %d byte limit", MAILPARSE_MAX));
    if (rc < 0)
        return finish(c, out, MAILIN_DROPPED, "not a readable message");
    if (m.automatic)
        return finish(c, out, MAILIN_DROPPED,
                      arena_printf(c->arena, "automatic message (%s)", m.automatic_why));
    k = find_key(c, &m, &out->uid, &out->tid);
    if (k < 0) {
        out->uid = out->tid = 0;
        return finish(c, out, MAILIN_DROPPED, "no valid reply key in the recipients");
    }
    if (m.message_id && strlen(m.message_id) > MAILIN_MSGID_MAX) {
        log_warn("msg=\"mail-in: Message-ID too long to remember\" bytes=%zu",
                 strlen(m.message_id));
        m.message_id = NULL;
    }
    if (m.message_id) {
        rc = mailin_db_claim(c->db, m.message_id, c->now);
        if (rc == ERR_CONFLICT)
            return finish(
                c, out, MAILIN_DROPPED,
                arena_printf(c->arena, "Message-ID <%s> was handled before", m.message_id));
        if (rc < 0)
            return finish(c, out, MAILIN_TEMPFAIL, "database: cannot record the Message-ID");
        out->message_id = m.message_id;
    }
    rc = account_get_by_id(c, out->uid, &u);
    if (rc == ERR_DB)
        return finish(c, out, MAILIN_TEMPFAIL, "database: cannot read the account");
    if (rc < 0)
        return finish(c, out, MAILIN_DROPPED, "the key's account no longer exists");
    if (mail_status_get(c, out->uid, &ms) < 0)
        return finish(c, out, MAILIN_TEMPFAIL, "database: cannot read the email address");
    if (!ms.email || !ms.verified)
        return finish(c, out, MAILIN_DROPPED, "the member has no verified address to answer");

    mailstrip_reply(&body, m.body);
    text = arena_strdup(c->arena, body.data);
    buf_release(&body);
    if (k == 1)
        refuse = "This reply address has expired. Reply on the website, or to a newer "
                 "notification.";
    else if (strcmp(u.status, "active"))
        refuse = "Your account is not active.";
    else if (!m.from || strcasecmp(m.from, ms.email))
        refuse = arena_printf(c->arena,
                              "It was sent from %s, not from the address on your account. "
                              "Reply from %s.",
                              m.from ? m.from : "no address", ms.email);
    else if (!*text)
        refuse = "The message had no text above the quoted part.";
    else if (strlen(text) > THREAD_BODY_MAX)
        refuse = arena_printf(c->arena, "The reply is longer than %d bytes.", THREAD_BODY_MAX);
    if (!refuse) {
        mc = *c;
        mc.uid = out->uid;
        mc.is_admin = u.is_admin;
        mc.system = 0;
        mc.remote_addr = "mail-in";
        mc.err = &me;
        rc = thread_reply(&mc, out->tid, text, 0, &p);
        if (rc == ERR_DB || rc == ERR_INTERNAL)
            return finish(c, out, MAILIN_TEMPFAIL, arena_printf(c->arena, "database: %s", me.msg));
        if (rc == 0) {
            out->post_id = p.id;
            return finish(c, out, MAILIN_POSTED, "posted");
        }
        refuse = arena_strdup(c->arena, me.msg);
        if (rc == ERR_NOTFOUND)
            refuse = "The thread no longer exists, or you may no longer read it.";
    }
    if (send_refusal(c, ms.email, out->tid, refuse, base_url, out) < 0)
        return finish(c, out, MAILIN_TEMPFAIL, "database: cannot queue the refusal mail");
    return finish(c, out, MAILIN_REFUSED, refuse);
}
