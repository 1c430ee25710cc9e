/* Notification email (see domain/notify_mail.h and docs/internals/notifications.md): the
 * members' delivery choices, the per-member "notify_mail" job that turns unread notifications
 * into one plain-text message (the HTML part is derived by mail_enqueue; no images, no
 * tracking), and unsubscribing with a signed token. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/log.h"
#include "core/mime.h"
#include "core/util.h"
#include "domain/digest.h"
#include "domain/domain_int.h"
#include "domain/event.h"
#include "domain/mail.h"
#include "domain/mailkey.h"
#include "domain/notification.h"
#include "domain/notify_mail.h"
#include "store/event.h"
#include "store/notification.h"

/* The stored row for kind among prefs, or NULL. */
static const char *pref_of(const struct notify_pref *prefs, size_t n, const char *kind)
{
    size_t i;
    for (i = 0; i < n; i++)
        if (!strcmp(prefs[i].kind, kind))
            return prefs[i].mode;
    return NULL;
}

/* The member's delivery of kind: their row, else the default. */
static const char *mode_of(const struct notify_pref *prefs, size_t n, const char *kind)
{
    const char *m = pref_of(prefs, n, kind);
    return m ? m : notify_mail_default(kind);
}

static int kind_known(const char *kind)
{
    const char *const *k;
    size_t n = notify_mail_kinds(&k), i;
    for (i = 0; i < n; i++)
        if (!strcmp(k[i], kind))
            return 1;
    return 0;
}

int notify_prefs_get(struct ctx *c, struct notify_pref_view **out, size_t *n, int *all_off,
                     int *digest_off)
{
    struct notify_pref *rows;
    size_t nr, i;
    const char *const *k;
    const char *m;
    size_t nk = notify_mail_kinds(&k);
    if (!c->uid)
        return error_set(c->err, ERR_AUTH, NULL, "Sign in to see your notification settings.");
    if (notify_pref_db_list(c->db, c->arena, c->uid, &rows, &nr) < 0)
        return domain_db_fail(c, "prefs");
    *out = ARENA_ARRAY(c->arena, struct notify_pref_view, nk);
    for (i = 0; i < nk; i++) {
        (*out)[i].kind = k[i];
        (*out)[i].mode = mode_of(rows, nr, k[i]);
        (*out)[i].fallback = notify_mail_default(k[i]);
    }
    *n = nk;
    m = pref_of(rows, nr, "all");
    *all_off = m && !strcmp(m, "off");
    {
        int on = 1, rc = digest_switch(c, c->uid, 1, &on); /* users.digest_frequency */
        if (rc < 0)
            return rc;
        *digest_off = !on;
    }
    return 0;
}

/* Write one row for uid (no transaction handling). */
static int pref_write(struct ctx *c, int64_t uid, const char *kind, const char *mode)
{
    return notify_pref_db_set(c->db, uid, kind, mode, c->now) < 0 ? domain_db_fail(c, "pref_set")
                                                                  : 0;
}

/* Check one (kind, mode) pair; 0 or ERR_INVALID with the field set to the kind. */
static int pref_check(struct ctx *c, const char *kind, const char *mode)
{
    if (!kind || !mode)
        return error_set(c->err, ERR_INVALID, "kind", "Say which kind and how.");
    if (!strcmp(kind, "all") || !strcmp(kind, "digest") || !strcmp(kind, "health")) {
        if (strcmp(mode, "on") && strcmp(mode, "off"))
            return error_set(c->err, ERR_INVALID, kind, "%s is \"on\" or \"off\".", kind);
        return 0;
    }
    if (!kind_known(kind))
        return error_set(c->err, ERR_INVALID, "kind", "There is no notification kind \"%.60s\".",
                         kind);
    if (strcmp(mode, "app") && strcmp(mode, "email") && strcmp(mode, "digest"))
        return error_set(c->err, ERR_INVALID, kind,
                         "A %s notification is delivered \"app\", \"email\" or \"digest\".", kind);
    return 0;
}

int notify_prefs_set(struct ctx *c, const char *const *kinds, const char *const *modes, size_t n)
{
    size_t i;
    int rc;
    if (!c->uid)
        return error_set(c->err, ERR_AUTH, NULL, "Sign in to change your notification settings.");
    for (i = 0; i < n; i++)
        if ((rc = pref_check(c, kinds[i], modes[i])) < 0)
            return rc;
    if (db_begin_write(c->db) < 0)
        return domain_db_fail(c, "begin");
    for (i = 0; i < n; i++) {
        if (!strcmp(kinds[i], "digest")) { /* the digest's own setting, users.digest_frequency */
            int on = !strcmp(modes[i], "on");
            rc = digest_switch(c, c->uid, 0, &on);
        } else {
            rc = pref_write(c, c->uid, kinds[i], modes[i]);
        }
        if (rc < 0)
            return domain_rollback(c, rc);
    }
    if (db_commit(c->db) < 0)
        return domain_db_fail(c, "commit");
    return 0;
}

/* The host part of the From address ("localhost" when it has none). */
static const char *mail_host(struct ctx *c)
{
    char addr[256];
    const char *at;
    if (mime_addr_spec(mail_from(c), addr, sizeof(addr)) < 0 || !(at = strchr(addr, '@')))
        return "localhost";
    return arena_strdup(c->arena, at + 1);
}

/* Build and queue the message for uid about notes[0..n). */
static int send_batch(struct ctx *c, int64_t uid, const char *to, const char *base_url,
                      struct notification *const *notes, size_t n)
{
    struct buf text = BUF_INIT;
    struct mail_headers h;
    const char *host = mail_host(c), *subject, *scope, *unsub, *unsub_all;
    int64_t tid = notes[0]->thread_id, cid = notes[0]->community_id;
    const char *kind = notes[0]->kind, *slug = notes[0]->community_slug;
    size_t i;
    int rc;
    for (i = 1; i < n; i++) {
        if (notes[i]->thread_id != tid)
            tid = 0;
        if (notes[i]->community_id != cid)
            cid = 0;
        if (strcmp(notes[i]->kind, kind))
            kind = NULL;
    }
    memset(&h, 0, sizeof(h));
    if (n == 1)
        subject = notes[0]->text;
    else if (tid)
        subject =
            arena_printf(c->arena, "%zu new notifications about \"%s\"", n, notes[0]->thread_title);
    else
        subject = arena_printf(c->arena, "%zu new notifications", n);
    if (cid && *slug)
        subject = arena_printf(c->arena, "[%s] %s", slug, subject);
    buf_puts(&text,
             n == 1 ? "You have a new notification:\n\n" : "You have new notifications:\n\n");
    for (i = 0; i < n; i++) {
        buf_printf(&text, "%s\n", notes[i]->text);
        if (*notes[i]->link)
            buf_printf(&text, "%s%s\n", base_url, notes[i]->link);
        buf_puts(&text, "\n");
    }
    scope = kind ? kind : "all";
    unsub = mail_unsubscribe_url(c, base_url, uid, scope);
    unsub_all = mail_unsubscribe_url(c, base_url, uid, "all");
    if (!unsub || !unsub_all) {
        buf_release(&text);
        return c->err->code ? c->err->code : ERR_INTERNAL;
    }
    buf_puts(&text, "-- \n");
    if (kind)
        buf_printf(&text, "Stop emails like this one (\"%s\" notifications):\n%s\n\n", kind, unsub);
    if (tid) {
        const char *mute =
            mail_unsubscribe_url(c, base_url, uid, arena_printf(c->arena, "t%lld", (long long)tid));
        if (mute)
            buf_printf(&text, "Mute this thread:\n%s\n\n", mute);
    }
    buf_printf(&text, "Stop all notification email:\n%s\n\n", unsub_all);
    buf_printf(&text, "Choose what you get by email:\n%s/settings/notifications\n", base_url);
    if (tid) {
        h.in_reply_to = arena_printf(c->arena, "<thread-%lld@%s>", (long long)tid, host);
        h.references = h.in_reply_to;
        if (mailkey_reply_address(c, uid, tid, &h.reply_to) < 0)
            h.reply_to = NULL; /* no reply by mail, the message still goes */
    }
    if (cid && *slug)
        h.list_id = arena_printf(c->arena, "<%s.%s>", slug, host);
    h.list_unsubscribe = arena_printf(c->arena, "<%s>", unsub);
    h.list_unsubscribe_post = "List-Unsubscribe=One-Click";
    rc = text.err ? ERR_INTERNAL : mail_enqueue_ex(c, to, subject, text.data, NULL, &h, NULL);
    buf_release(&text);
    return rc;
}

int notify_mail_run(struct ctx *c, int64_t uid, const char *base_url)
{
    struct notify_pref *prefs;
    struct notification *all, **pick;
    size_t np, n, k = 0, i;
    const char *to, *m;
    int rc;
    if (db_begin_write(c->db) < 0)
        return domain_db_fail(c, "begin");
    if (notify_db_verified_email(c->db, c->arena, uid, &to) < 0 ||
        notify_pref_db_list(c->db, c->arena, uid, &prefs, &np) < 0)
        return domain_rollback(c, domain_db_fail(c, "notify_mail"));
    m = pref_of(prefs, np, "all");
    if (!to || (m && !strcmp(m, "off"))) {
        db_rollback(c->db);
        return 0;
    }
    {
        /* the kinds this member gets by email, as ",a,b," for the store */
        const char *const *kinds;
        size_t nk = notify_mail_kinds(&kinds), j;
        struct buf csv = BUF_INIT;
        buf_putc(&csv, ',');
        for (j = 0; j < nk; j++)
            if (!strcmp(mode_of(prefs, np, kinds[j]), "email"))
                buf_printf(&csv, "%s,", kinds[j]);
        /* unread, unmailed, recent and still visible to the member now (NOTE_VISIBLE) */
        rc = notification_db_unmailed_kinds(c->db, c->arena, uid, csv.data,
                                            c->now - NOTIFY_MAIL_MAX_AGE, NOTIFY_MAIL_BATCH, &all,
                                            &n);
        buf_release(&csv);
        if (rc < 0)
            return domain_rollback(c, domain_db_fail(c, "unmailed"));
    }
    pick = ARENA_ARRAY(c->arena, struct notification *, n ? n : 1);
    for (i = 0; i < n; i++) {
        notification_compose(c->arena, &all[i]);
        pick[k++] = &all[i];
    }
    if (!k) {
        db_rollback(c->db);
        return 0;
    }
    if ((rc = send_batch(c, uid, to, base_url, pick, k)) < 0)
        return domain_rollback(c, rc);
    for (i = 0; i < k; i++)
        if (notification_db_mark_mailed(c->db, pick[i]->id, c->now) < 0)
            return domain_rollback(c, domain_db_fail(c, "mark_mailed"));
    if (db_commit(c->db) < 0)
        return domain_db_fail(c, "commit");
    log_info("msg=\"notification mail queued\" user=%lld count=%zu", (long long)uid, k);
    return 0;
}

/* A thread scope "tNNN": its id, or 0. */
static int64_t scope_thread(const char *scope)
{
    int64_t tid;
    if (scope[0] != 't' || str_to_i64(scope + 1, &tid) < 0 || tid < 1)
        return 0;
    return tid;
}

int notify_unsub_describe(struct ctx *c, const char *token, int64_t *uid, const char **scope,
                          const char **what)
{
    int64_t tid;
    if (!token || mailkey_unsub_check(c, token, uid, scope) < 0)
        return error_set(c->err, ERR_NOTFOUND, NULL, "This unsubscribe link is not valid.");
    if (!strcmp(*scope, "all"))
        *what = "You will get no notification email at all (the notifications stay in the app).";
    else if (!strcmp(*scope, "digest"))
        *what = "You will get no digest email.";
    else if (!strcmp(*scope, "health")) /* domain/report_mail.c */
        *what = "You will get no monthly community health summary.";
    else if ((tid = scope_thread(*scope)))
        *what = arena_printf(c->arena,
                             "Thread %lld will be muted: no notifications and no email about it.",
                             (long long)tid);
    else if (kind_known(*scope))
        *what = arena_printf(
            c->arena, "Notifications of the kind \"%s\" will stay in the app, without email.",
            *scope);
    else
        return error_set(c->err, ERR_NOTFOUND, NULL, "This unsubscribe link is not valid.");
    return 0;
}

int notify_unsub_apply(struct ctx *c, const char *token)
{
    int64_t uid, tid;
    const char *scope, *what;
    int rc;
    if ((rc = notify_unsub_describe(c, token, &uid, &scope, &what)) < 0)
        return rc;
    if (db_begin_write(c->db) < 0)
        return domain_db_fail(c, "begin");
    if (!strcmp(scope, "all"))
        rc = pref_write(c, uid, "all", "off");
    else if (!strcmp(scope, "digest"))
        rc = digest_unsubscribe(c, uid);
    else if (!strcmp(scope, "health"))
        rc = pref_write(c, uid, "health", "off");
    else if ((tid = scope_thread(scope)))
        rc = follow_db_set(c->db, uid, 0, tid, "", FOLLOW_MUTED, c->now) < 0
                 ? domain_db_fail(c, "mute")
                 : 0;
    else
        rc = pref_write(c, uid, scope, "app");
    if (rc < 0)
        return domain_rollback(c, rc);
    if (db_commit(c->db) < 0)
        return domain_db_fail(c, "commit");
    log_info("msg=\"unsubscribed\" user=%lld scope=%s", (long long)uid, scope);
    return 0;
}

int notify_event_soon_run(struct ctx *c, int64_t eid, int64_t key)
{
    struct event ev;
    struct event_occ occ;
    struct notification_new nn;
    int64_t since;
    int rc = event_db_get(c->db, c->arena, eid, &ev);
    if (rc == ERR_NOTFOUND)
        return 0; /* deleted */
    if (rc < 0)
        return domain_db_fail(c, "event_get");
    if (event_occurrence(c, &ev, key, &occ) < 0) {
        c->err->code = 0;
        return 0; /* the date is gone */
    }
    if (occ.cancelled || occ.start <= c->now || occ.start > c->now + NOTIFY_SOON_AHEAD + 60)
        return 0; /* stale: the dates changed and another job has the new time */
    memset(&nn, 0, sizeof(nn));
    nn.kind = NOTIFY_EVENT_SOON;
    nn.text = arena_printf(c->arena, "“%s” starts within 24 hours", occ.title);
    nn.link = arena_printf(c->arena, "/events/%lld/o/%lld", (long long)eid, (long long)key);
    nn.community_id = ev.community_id;
    nn.group_key = arena_printf(c->arena, "event_soon:%lld:%lld", (long long)eid, (long long)key);
    nn.now = c->now;
    if (db_begin_write(c->db) < 0)
        return domain_db_fail(c, "begin");
    if (notification_db_max_id(c->db, &since) < 0 ||
        notification_db_add_event_soon(c->db, &nn, eid, key) < 0)
        return domain_rollback(c, domain_db_fail(c, "event_soon"));
    if ((rc = notify_mail_schedule(c, since)) < 0)
        return domain_rollback(c, rc);
    if (db_commit(c->db) < 0)
        return domain_db_fail(c, "commit");
    return 0;
}
