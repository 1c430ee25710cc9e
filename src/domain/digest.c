/* Digests (see digest.h): the member's frequency setting, the sweep that queues one job per
 * due member, and the job that builds one member's digest as plain text and queues it as
 * mail. The HTML part is derived from the text by mail_enqueue (mime_text_html), so this file
 * writes no HTML. Content comes from store/digest.c, whose queries apply the visibility rule
 * for the member at the moment the digest is built. */
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "core/buf.h"
#include "core/log.h"
#include "core/mime.h"
#include "core/timeutil.h"
#include "core/util.h"
#include "domain/digest.h"
#include "domain/domain_int.h"
#include "domain/event.h"
#include "domain/mail.h"
#include "domain/notification.h"
#include "store/digest.h"
#include "store/job.h"
#include "store/notification.h"

static const char *const freq_names[DIGEST__MAX] = {"off", "daily", "weekly"};

const char *digest_freq_name(enum digest_freq f)
{
    return f >= 0 && f < DIGEST__MAX ? freq_names[f] : "off";
}

int digest_freq_parse(const char *s, enum digest_freq *out)
{
    int i;
    for (i = 0; s && i < DIGEST__MAX; i++)
        if (!strcmp(s, freq_names[i])) {
            *out = (enum digest_freq)i;
            return 0;
        }
    return -1;
}

int64_t digest_freq_period(enum digest_freq f)
{
    return f == DIGEST_DAILY ? 86400 : f == DIGEST_WEEKLY ? 7 * 86400 : 0;
}

int digest_pref_get(struct ctx *c, enum digest_freq *freq, int64_t *last_at)
{
    struct digest_pref_row r;
    int rc;
    if (!c->uid)
        return error_set(c->err, ERR_PERM, NULL, "Sign in to see your digest setting.");
    rc = store_digest_pref_get(c->db, c->arena, c->uid, &r);
    if (rc < 0)
        return domain_store_fail(c, rc, "read the digest setting");
    if (digest_freq_parse(r.frequency, freq) < 0)
        *freq = DIGEST_WEEKLY;
    if (last_at)
        *last_at = r.last_at;
    return 0;
}

int digest_pref_set(struct ctx *c, const char *frequency)
{
    enum digest_freq f;
    int rc;
    if (!c->uid)
        return error_set(c->err, ERR_PERM, NULL, "Sign in to change your digest setting.");
    if (digest_freq_parse(frequency, &f) < 0)
        return error_set(c->err, ERR_INVALID, "frequency",
                         "The digest frequency is off, daily or weekly.");
    rc = store_digest_pref_set(c->db, c->uid, freq_names[f]);
    if (rc < 0)
        return domain_store_fail(c, rc, "save the digest setting");
    return 0;
}

int digest_unsubscribe(struct ctx *c, int64_t uid)
{
    int rc = store_digest_pref_set(c->db, uid, "off");
    if (rc < 0)
        return domain_store_fail(c, rc, "turn digests off");
    log_info("msg=\"digest unsubscribed\" user=%lld", (long long)uid);
    return 0;
}

int digest_switch(struct ctx *c, int64_t uid, int get, int *on)
{
    struct digest_pref_row r;
    enum digest_freq f = DIGEST_WEEKLY;
    int rc;
    if (!get && on && !*on)
        return digest_unsubscribe(c, uid);
    rc = store_digest_pref_get(c->db, c->arena, uid, &r);
    if (rc < 0)
        return domain_store_fail(c, rc, "read the digest setting");
    if (digest_freq_parse(r.frequency, &f) < 0)
        f = DIGEST_WEEKLY;
    if (get) {
        if (on)
            *on = f != DIGEST_OFF;
        return 0;
    }
    if (f != DIGEST_OFF)
        return 0;
    rc = store_digest_pref_set(c->db, uid, digest_freq_name(DIGEST_WEEKLY));
    return rc < 0 ? domain_store_fail(c, rc, "save the digest setting") : 0;
}

int digest_sweep(struct ctx *c, int64_t now, int64_t *queued)
{
    struct arena a;
    int64_t after = 0, total = 0;
    int rc = 0;
    arena_init(&a);
    for (;;) {
        struct digest_due_row *due;
        size_t n, i;
        arena_reset(&a);
        rc = store_digest_due(c->db, &a, now, after, DIGEST_BATCH, &due, &n);
        if (rc < 0) {
            rc = domain_db_fail(c, "find the members due for a digest");
            break;
        }
        if (n == 0)
            break;
        if (db_begin_write(c->db) < 0) {
            rc = domain_db_fail(c, "queue digests");
            break;
        }
        for (i = 0; i < n && rc == 0; i++) {
            int64_t since = due[i].last_at > due[i].last_seen ? due[i].last_at : due[i].last_seen;
            char payload[128], key[96];
            int64_t id = 0;
            snprintf(payload, sizeof(payload), "{\"uid\":%lld,\"since\":%lld,\"now\":%lld}",
                     (long long)due[i].uid, (long long)since, (long long)now);
            snprintf(key, sizeof(key), "digest:%lld:%lld", (long long)due[i].uid, (long long)since);
            rc = store_job_enqueue(c->db, "digest", payload, c->now, JOB_MAX_ATTEMPTS, key, c->now,
                                   &id);
            if (rc == 0 && id)
                total++;
        }
        if (rc < 0 || db_commit(c->db) < 0) {
            rc = domain_rollback(c, domain_db_fail(c, "queue digests"));
            break;
        }
        after = due[n - 1].uid;
        if (n < DIGEST_BATCH)
            break;
    }
    arena_release(&a);
    if (rc == 0)
        log_info("msg=\"digest sweep\" now=%lld queued=%lld", (long long)now, (long long)total);
    if (queued)
        *queued = total;
    return rc;
}

int digest_schedule(struct ctx *c)
{
    int64_t hour = c->now - c->now % 3600, id = 0;
    char key[64], payload[64];
    snprintf(key, sizeof(key), "digest_sweep:%lld", (long long)hour);
    snprintf(payload, sizeof(payload), "{\"now\":0}"); /* 0: the time the sweep runs */
    if (db_begin_write(c->db) < 0)
        return domain_db_fail(c, "schedule the digest sweep");
    if (store_job_enqueue(c->db, "digest_sweep", payload, hour, JOB_MAX_ATTEMPTS, key, c->now,
                          &id) < 0 ||
        db_commit(c->db) < 0)
        return domain_rollback(c, domain_db_fail(c, "schedule the digest sweep"));
    return 0;
}

/* "5 new questions in Beer"-style headline of a digest, or NULL when it has nothing. */
static const char *headline(struct ctx *c, const struct digest_thread_row *nw, size_t nn,
                            size_t ntop, size_t nans, size_t nev, size_t nart, size_t nnote)
{
    if (nn > 0) {
        size_t i, q = 0, same = 1;
        for (i = 0; i < nn; i++) {
            q += !strcmp(nw[i].kind, "question");
            same &= !strcmp(nw[i].cslug, nw[0].cslug);
        }
        return arena_printf(c->arena, "%zu new %s%s%s%s", nn,
                            q == nn  ? "question"
                            : q == 0 ? "discussion"
                                     : "thread",
                            nn == 1 ? "" : "s", same ? " in " : "", same ? nw[0].cname : "");
    }
    if (nans > 0)
        return arena_printf(c->arena, "%zu question%s you could answer", nans,
                            nans == 1 ? "" : "s");
    if (nev > 0)
        return arena_printf(c->arena, "%zu upcoming event%s", nev, nev == 1 ? "" : "s");
    if (nart > 0)
        return arena_printf(c->arena, "%zu article%s due for review", nart, nart == 1 ? "" : "s");
    if (ntop > 0)
        return arena_printf(c->arena, "%zu active thread%s", ntop, ntop == 1 ? "" : "s");
    if (nnote > 0)
        return arena_printf(c->arena, "%zu notification%s", nnote, nnote == 1 ? "" : "s");
    return NULL;
}

static void thread_lines(struct buf *b, const char *base, const struct digest_thread_row *t,
                         size_t n)
{
    size_t i;
    for (i = 0; i < n; i++) {
        buf_printf(b, "- %s (%s", t[i].title, t[i].cname);
        if (t[i].score)
            buf_printf(b, ", score %lld", (long long)t[i].score);
        if (!strcmp(t[i].kind, "question"))
            buf_printf(b, ", %lld answer%s", (long long)t[i].answers, t[i].answers == 1 ? "" : "s");
        buf_printf(b, ")\n  %s/c/%s/t/%lld\n", base, t[i].cslug, (long long)t[i].id);
    }
}

/* Build uid's digest into *subject and *text (arena); both NULL when there is nothing. The
   notifications listed are notes[0..nnote). */
static int digest_build(struct ctx *c, int64_t uid, int64_t since, int64_t now, enum digest_freq f,
                        const char *base, const struct notification *notes, size_t nnote,
                        const char **subject, const char **text)
{
    struct digest_thread_row *nw, *top, *ans;
    struct digest_article_row *art;
    int64_t *evids;
    size_t nn, ntop, nans, nev, nart, i, j, k;
    struct event_occ *occ;
    const char *hl, *token;
    struct buf b = BUF_INIT;
    char when[32];
    int64_t save_now = c->now;
    *subject = *text = NULL;
    if (store_digest_threads(c->db, c->arena, DIGEST_NEW, uid, since, now, DIGEST_ITEMS, &nw, &nn) <
            0 ||
        store_digest_threads(c->db, c->arena, DIGEST_TOP, uid, since, now, DIGEST_ITEMS * 2, &top,
                             &ntop) < 0 ||
        store_digest_threads(c->db, c->arena, DIGEST_ANSWER, uid, since, now, DIGEST_ITEMS, &ans,
                             &nans) < 0 ||
        store_digest_events(c->db, c->arena, uid, now, now + DIGEST_EVENT_DAYS * 86400,
                            DIGEST_ITEMS, &evids, &nev) < 0 ||
        store_digest_articles(c->db, c->arena, uid, now, DIGEST_ITEMS, &art, &nart) < 0)
        return domain_db_fail(c, "read a digest");
    /* Top threads not already listed as new, at most DIGEST_ITEMS. */
    for (i = j = 0; i < ntop && j < DIGEST_ITEMS; i++) {
        for (k = 0; k < nn && nw[k].id != top[i].id; k++)
            ;
        if (k == nn)
            top[j++] = top[i];
    }
    ntop = j;
    /* Events: their next occurrence as of now, inside the window. */
    occ = arena_alloc(c->arena, sizeof(*occ) * (nev ? nev : 1));
    c->now = now;
    for (i = j = 0; i < nev; i++) {
        struct event *ev = arena_alloc(c->arena, sizeof(*ev));
        struct community cm;
        if (event_load(c, evids[i], ev, &cm) < 0 || event_next(c, ev, &occ[j]) < 0)
            continue;
        if (occ[j].cancelled || occ[j].start < now ||
            occ[j].start >= now + DIGEST_EVENT_DAYS * 86400)
            continue;
        j++;
    }
    c->now = save_now;
    nev = j;
    hl = headline(c, nw, nn, ntop, nans, nev, nart, nnote);
    if (!hl)
        return 0;
    *subject =
        arena_printf(c->arena, "[%s] %s digest: %s", settings_get(c, "instance_name", "Praxis"),
                     f == DIGEST_DAILY ? "Daily" : "Weekly", hl);
    buf_printf(&b, "Here is what happened in your communities since your last visit.\n\n");
    if (nnote) {
        buf_printf(&b, "YOUR NOTIFICATIONS\n\n");
        for (i = 0; i < nnote; i++) {
            buf_printf(&b, "- %s\n", notes[i].text);
            if (*notes[i].link)
                buf_printf(&b, "  %s%s\n", base, notes[i].link);
        }
        buf_printf(&b, "\n");
    }
    if (nn) {
        buf_printf(&b, "NEW THREADS\n\n");
        thread_lines(&b, base, nw, nn);
        buf_printf(&b, "\n");
    }
    if (ntop) {
        buf_printf(&b, "TOP THREADS\n\n");
        thread_lines(&b, base, top, ntop);
        buf_printf(&b, "\n");
    }
    if (nans) {
        buf_printf(&b, "QUESTIONS YOU COULD ANSWER\n(unanswered, in tags where your answers were "
                       "accepted or upvoted)\n\n");
        thread_lines(&b, base, ans, nans);
        buf_printf(&b, "\n");
    }
    if (nev) {
        buf_printf(&b, "UPCOMING EVENTS\n\n");
        for (i = 0; i < nev; i++) {
            time_iso(occ[i].start, when);
            buf_printf(&b, "- %s, %s\n  %s/events/%lld/o/%lld\n", occ[i].title, when, base,
                       (long long)occ[i].ev->id, (long long)occ[i].key);
        }
        buf_printf(&b, "\n");
    }
    if (nart) {
        buf_printf(&b, "ARTICLES DUE FOR REVIEW\n\n");
        for (i = 0; i < nart; i++) {
            time_iso(art[i].review_by, when);
            buf_printf(&b, "- %s (review by %.10s)\n  %s/c/%s/a/%s\n", art[i].title, when, base,
                       art[i].cslug, art[i].slug);
        }
        buf_printf(&b, "\n");
    }
    buf_printf(&b,
               "-- \nYou get this %s digest because you have not visited lately.\n"
               "Change how often: %s/settings/digest\n",
               f == DIGEST_DAILY ? "daily" : "weekly", base);
    token = mail_unsubscribe_url(c, base, uid, "digest");
    if (token)
        buf_printf(&b, "Stop these digests: %s\n", token);
    if (b.err) {
        buf_release(&b);
        return error_set(c->err, ERR_TOOBIG, NULL, "The digest is too big.");
    }
    *text = arena_strdup(c->arena, b.data);
    buf_release(&b);
    return 0;
}

/* "<digest.HOST>" for List-Id (RFC 2919), HOST the domain of the From address (as the
   notification mail's List-Id), "localhost" when it has none. */
static const char *list_id(struct ctx *c)
{
    char addr[256];
    const char *at;
    if (mime_addr_spec(mail_from(c), addr, sizeof(addr)) < 0 || !(at = strchr(addr, '@')))
        return "<digest.localhost>";
    return arena_printf(c->arena, "<digest.%s>", at + 1);
}

int digest_run(struct ctx *c, int64_t uid, int64_t since, int64_t now, const char *base_url,
               int *sent)
{
    struct digest_pref_row p;
    struct user_email em;
    enum digest_freq f;
    const char *subject = NULL, *text = NULL;
    struct notification *notes;
    size_t nnote = 0, i;
    int64_t from;
    int rc;
    if (sent)
        *sent = 0;
    if (db_begin_write(c->db) < 0)
        return domain_db_fail(c, "build a digest");
    rc = store_digest_pref_get(c->db, c->arena, uid, &p);
    if (rc == ERR_NOTFOUND)
        return domain_rollback(c, 0); /* the account is gone */
    if (rc < 0)
        return domain_rollback(c, domain_db_fail(c, "build a digest"));
    if (digest_freq_parse(p.frequency, &f) < 0 || f == DIGEST_OFF || p.last_at > since ||
        p.last_seen > since)
        return domain_rollback(c, 0); /* off, already sent, or visited since the sweep */
    if (store_user_email_get(c->db, c->arena, uid, &em) < 0 || !em.email || !em.verified_at)
        return domain_rollback(c, 0);
    from = since > now - DIGEST_LOOKBACK ? since : now - DIGEST_LOOKBACK;
    /* notifications the member left for the digest (unread, unmailed, still visible now) */
    rc = notifications_unmailed_mode(c, uid, "digest", now - DIGEST_LOOKBACK, DIGEST_NOTES, &notes,
                                     &nnote);
    if (rc == 0)
        rc = digest_build(c, uid, from, now, f, base_url, notes, nnote, &subject, &text);
    if (rc == 0 && subject) {
        struct mail_headers h = {0};
        const char *unsub = mail_unsubscribe_url(c, base_url, uid, "digest");
        h.list_id = list_id(c);
        if (unsub) {
            h.list_unsubscribe = arena_printf(c->arena, "<%s>", unsub);
            h.list_unsubscribe_post = "List-Unsubscribe=One-Click";
        }
        rc = mail_enqueue_ex(c, em.email, subject, text, NULL, &h, NULL);
    }
    for (i = 0; rc == 0 && subject && i < nnote; i++)
        if (notification_db_mark_mailed(c->db, notes[i].id, c->now) < 0)
            rc = domain_db_fail(c, "mark a notification mailed");
    if (rc == 0 && store_digest_mark(c->db, uid, now) < 0)
        rc = domain_db_fail(c, "record a digest");
    if (rc < 0)
        return domain_rollback(c, rc);
    if (db_commit(c->db) < 0)
        return domain_rollback(c, domain_db_fail(c, "record a digest"));
    if (sent)
        *sent = subject != NULL;
    return 0;
}

int digest_job(struct ctx *c, const char *kind, const char *payload, const char *base_flag,
               const char *base_fallback, char *err, size_t errsize)
{
    json_error_t je;
    json_t *o = json_loads(payload, 0, &je);
    json_int_t uid = 0, since = 0, now = 0;
    int rc;
    if (!o || json_unpack(o, "{s?:I, s?:I, s:I}", "uid", &uid, "since", &since, "now", &now) < 0 ||
        (!strcmp(kind, "digest") && uid <= 0)) {
        snprintf(err, errsize, "the payload is not a %s job", kind);
        json_decref(o);
        return -2;
    }
    json_decref(o);
    if (!strcmp(kind, "digest_sweep"))
        rc = digest_sweep(c, now > 0 ? now : c->now, NULL);
    else
        rc = digest_run(c, uid, since, now, mail_base_url(c, base_flag, base_fallback), NULL);
    if (rc < 0) {
        snprintf(err, errsize, "%s", c->err->msg);
        return -1;
    }
    return 0;
}
