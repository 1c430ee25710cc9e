/* In-app notifications and following (see domain/notification.h and
 * docs/internals/notifications.md): who is told what about a new post, an edit, an accepted
 * answer, a vote milestone or a moderation action; composing each row's text and link when
 * it is listed; marking read; follow levels; and the article review reminders written when
 * the count is read; the watcher fan-out run by the notify_fanout job; and, after every
 * write, the scheduling of notification email (notify_mail_schedule; the sending is
 * domain/notify_mail.c). */
#include <stdio.h>
#include <string.h>

#include "core/buf.h"
#include "core/html.h"
#include "core/log.h"
#include "core/util.h"
#include "domain/community.h"
#include "domain/domain_int.h"
#include "domain/live.h"
#include "domain/notification.h"
#include "store/article.h"
#include "store/comment.h"
#include "store/job.h"

#define REMIND_BATCH 20  /* review reminders written per request at most */
#define LIST_MAX     100 /* notifications listed at most */
#define QUOTES_MAX   8   /* quoted posts whose authors are told, per post */

static const char *const level_names[FOLLOW__MAX] = {"muted", "normal", "tracking", "watching"};

const char *follow_level_name(int level)
{
    return level >= 0 && level < FOLLOW__MAX ? level_names[level] : "normal";
}

int follow_level_parse(const char *s, int *out)
{
    int i;
    for (i = 0; s && i < FOLLOW__MAX; i++)
        if (!strcmp(s, level_names[i])) {
            *out = i;
            return 0;
        }
    return -1;
}

int64_t notification_milestone(int64_t upvotes)
{
    static const int64_t steps[] = {1, 5, 10, 25, 50, 100, 250, 500, 1000};
    size_t i;
    if (upvotes <= 0)
        return 0;
    for (i = 0; i < sizeof(steps) / sizeof(steps[0]); i++)
        if (upvotes == steps[i])
            return upvotes;
    return upvotes > 1000 && upvotes % 1000 == 0 ? upvotes : 0;
}

size_t notification_quoted_posts(const char *md, int64_t *ids, size_t max)
{
    static const char mark[] = " wrote](/p/";
    const char *s = md;
    size_t n = 0, i;
    while (s && n < max && (s = strstr(s, mark)) != NULL) {
        int64_t v = 0;
        int digits = 0, seen = 0;
        s += sizeof(mark) - 1;
        while (*s >= '0' && *s <= '9' && digits < 18) {
            v = v * 10 + (*s++ - '0');
            digits++;
        }
        if (!digits || *s != ')' || v <= 0)
            continue;
        for (i = 0; i < n; i++)
            if (ids[i] == v)
                seen = 1;
        if (!seen)
            ids[n++] = v;
    }
    return n;
}

/* "Name" of the actor, or "Someone". */
static const char *actor(const struct notification *x)
{
    return x->actor_name && *x->actor_name ? x->actor_name : "Someone";
}

void notification_compose(struct arena *a, struct notification *x)
{
    const char *k = x->kind, *t = x->thread_title;
    long long n = (long long)x->count;
    if (x->post_id)
        x->link = arena_printf(a, "/p/%lld", (long long)x->post_id);
    else if (x->thread_id && *x->community_slug)
        x->link = arena_printf(a, "/c/%s/t/%lld", x->community_slug, (long long)x->thread_id);
    if (!x->thread_id || !*t)
        return; /* kinds without a thread keep their stored text */
    if (!strcmp(k, NOTIFY_ANSWER))
        x->text = n > 1 ? arena_printf(a, "%lld new answers on “%s”", n, t)
                        : arena_printf(a, "%s answered your question “%s”", actor(x), t);
    else if (!strcmp(k, NOTIFY_REPLY))
        x->text = n > 1 ? arena_printf(a, "%lld new replies on “%s”", n, t)
                        : arena_printf(a, "%s replied to your thread “%s”", actor(x), t);
    else if (!strcmp(k, NOTIFY_WATCHING))
        x->text = n > 1 ? arena_printf(a, "%lld new posts in “%s”", n, t)
                        : arena_printf(a, "%s posted in “%s”", actor(x), t);
    else if (!strcmp(k, NOTIFY_REPLY_TO))
        x->text = arena_printf(a, "%s replied to your post in “%s”", actor(x), t);
    else if (!strcmp(k, NOTIFY_QUOTE))
        x->text = arena_printf(a, "%s quoted your post in “%s”", actor(x), t);
    else if (!strcmp(k, NOTIFY_COMMENT))
        x->text = n > 1 ? arena_printf(a, "%lld new comments on your post in “%s”", n, t)
                        : arena_printf(a, "%s commented on your post in “%s”", actor(x), t);
    else if (!strcmp(k, NOTIFY_MENTION))
        x->text = arena_printf(a, "%s mentioned you in “%s”", actor(x), t);
    else if (!strcmp(k, NOTIFY_ACCEPTED))
        x->text = arena_printf(a, "%s accepted your answer to “%s”", actor(x), t);
    else if (!strcmp(k, NOTIFY_UPVOTE))
        x->text = n > 1 ? arena_printf(a, "Your post in “%s” reached %lld up votes", t, n)
                        : arena_printf(a, "Your post in “%s” got its first upvote", t);
    else if (!strcmp(k, NOTIFY_NEW_THREAD))
        x->text = arena_printf(a, "%s started “%s”", actor(x), t);
}

/* ------------------------------------------------------------------------------------------ */
/* Events */

static void note_init(struct ctx *c, struct notification_new *n, const char *kind,
                      const struct community *cm, const struct thread *t, int64_t pid)
{
    memset(n, 0, sizeof(*n));
    n->kind = kind;
    n->text = "";
    n->link = "";
    n->actor_id = c->uid;
    n->community_id = cm->id;
    n->thread_id = t->id;
    n->post_id = pid;
    n->group_key = "";
    n->count = 1;
    n->now = c->now;
    n->dedupe = NOTE_DEDUPE_NEW_POST;
    n->respect_mute = 1;
}

/* The author of post pid if it is in thread tid, else 0. */
static int post_author_in(struct ctx *c, int64_t pid, int64_t tid, int64_t *author)
{
    struct post p;
    int rc = post_db_get(c->db, c->arena, pid, 0, &p);
    *author = 0;
    if (rc == ERR_NOTFOUND)
        return 0;
    if (rc < 0)
        return domain_db_fail(c, "post_get");
    if (p.thread_id == tid && !p.deleted_at)
        *author = p.author_id;
    return 0;
}

/* Notification email: the default choice per kind (Discourse's: what is about you by
   email soon after, activity you merely watch in the app). */
static const struct {
    const char *kind, *mode;
} mail_defaults[] = {
    {NOTIFY_MENTION, "email"},
    {NOTIFY_REPLY_TO, "email"},
    {NOTIFY_COMMENT, "email"},
    {NOTIFY_QUOTE, "email"},
    {NOTIFY_REPLY, "email"},
    {NOTIFY_ANSWER, "email"},
    {NOTIFY_ACCEPTED, "email"},
    {NOTIFY_MODERATION, "email"},
    {NOTIFY_EVENT_CHANGED, "email"},
    {NOTIFY_EVENT_CANCELLED, "email"},
    {NOTIFY_WAITLIST, "email"},
    {NOTIFY_EVENT_SOON, "email"},
    {NOTIFY_WATCHING, "app"},
    {NOTIFY_NEW_THREAD, "app"},
    {NOTIFY_UPVOTE, "app"},
    {"article_review", "app"},
    {NOTIFY_WEBHOOK_DISABLED, "email"},
    {NOTIFY_WELCOME, "app"},
    {NOTIFY_SECURITY, "email"},
    {NOTIFY_COACHING, "email"},
    {NOTIFY_FLAG_OUTCOME, "app"},
};

size_t notify_mail_kinds(const char *const **kinds)
{
    static const char *const k[] = {
        NOTIFY_MENTION,         NOTIFY_REPLY_TO, NOTIFY_QUOTE,      NOTIFY_REPLY,
        NOTIFY_ANSWER,          NOTIFY_ACCEPTED, NOTIFY_MODERATION, NOTIFY_EVENT_CHANGED,
        NOTIFY_EVENT_CANCELLED, NOTIFY_WAITLIST, NOTIFY_EVENT_SOON, NOTIFY_WATCHING,
        NOTIFY_NEW_THREAD,      NOTIFY_UPVOTE,   NOTIFY_COMMENT,    NOTIFY_COACHING,
        NOTIFY_FLAG_OUTCOME,
    };
    *kinds = k;
    return sizeof(k) / sizeof(k[0]);
}

const char *notify_mail_default(const char *kind)
{
    size_t i;
    for (i = 0; i < sizeof(mail_defaults) / sizeof(mail_defaults[0]); i++)
        if (!strcmp(mail_defaults[i].kind, kind))
            return mail_defaults[i].mode;
    return "app";
}

int64_t notify_mail_delay(struct ctx *c)
{
    int64_t d;
    if (str_to_i64(settings_get(c, "notify_mail_delay", ""), &d) < 0 || d < 0)
        d = NOTIFY_MAIL_DELAY;
    return d;
}

int notify_mail_schedule(struct ctx *c, int64_t since_id)
{
    struct note_mail_candidate *cand;
    size_t n, i;
    int64_t delay = notify_mail_delay(c), last = 0, *uids;
    int64_t bucket = c->now / (delay > 0 ? delay : 1);
    /* the bell's count on the members' open pages (live updates) */
    if (notification_db_new_users(c->db, c->arena, since_id, NOTIFY_LIVE_MAX, &uids, &n) < 0)
        return domain_db_fail(c, "new_users");
    for (i = 0; i < n; i++)
        if (live_user_notifications(c, uids[i]) < 0)
            return c->err->code;
    if (notification_db_mail_candidates(c->db, c->arena, since_id, NOTIFY_MAIL_SCHEDULE_MAX, &cand,
                                        &n) < 0)
        return domain_db_fail(c, "mail_candidates");
    for (i = 0; i < n; i++) {
        const char *mode = *cand[i].mode ? cand[i].mode : notify_mail_default(cand[i].kind);
        char key[80], payload[64];
        if (strcmp(mode, "email") || cand[i].uid == last)
            continue;
        last = cand[i].uid; /* rows come ordered by member: one job each */
        snprintf(key, sizeof(key), "notify:%lld:%lld", (long long)cand[i].uid, (long long)bucket);
        snprintf(payload, sizeof(payload), "{\"uid\":%lld}", (long long)cand[i].uid);
        if (store_job_enqueue(c->db, "notify_mail", payload, c->now + delay, JOB_MAX_ATTEMPTS, key,
                              c->now, NULL) < 0)
            return domain_db_fail(c, "notify_mail_enqueue");
    }
    return 0;
}

/* The newest notification id now, so notify_mail_schedule can tell the new rows. */
static int mark_since(struct ctx *c, int64_t *since)
{
    return notification_db_max_id(c->db, since) < 0 ? domain_db_fail(c, "max_id") : 0;
}

/* Queue the watcher fan-out of post pid (opening: a new thread, to community and tag
   watchers; else to the thread's watchers) as one "notify_fanout" job, due now. */
static int fanout_enqueue(struct ctx *c, const struct community *cm, const struct thread *t,
                          int64_t pid, int opening)
{
    char key[64], payload[200];
    snprintf(key, sizeof(key), "fanout:%lld", (long long)pid);
    snprintf(payload, sizeof(payload),
             "{\"community\":%lld,\"thread\":%lld,\"post\":%lld,\"actor\":%lld,\"now\":%lld,"
             "\"opening\":%d}",
             (long long)cm->id, (long long)t->id, (long long)pid, (long long)c->uid,
             (long long)c->now, opening);
    if (store_job_enqueue(c->db, "notify_fanout", payload, c->now, JOB_MAX_ATTEMPTS, key, c->now,
                          NULL) < 0)
        return domain_db_fail(c, "fanout_enqueue");
    return 0;
}

int notify_fanout_run(struct ctx *c, int64_t cid, int64_t tid, int64_t pid, int64_t actor,
                      int64_t at, int opening)
{
    struct notification_new n;
    int64_t since;
    int rc;
    if (db_begin_write(c->db) < 0)
        return domain_db_fail(c, "begin");
    if (mark_since(c, &since) < 0) {
        db_rollback(c->db);
        return c->err->code;
    }
    memset(&n, 0, sizeof(n));
    n.text = "";
    n.link = "";
    n.actor_id = actor;
    n.community_id = cid;
    n.thread_id = tid;
    n.post_id = pid;
    n.count = 1;
    n.now = at;
    n.dedupe = NOTE_DEDUPE_NEW_POST;
    n.respect_mute = 1;
    if (opening) {
        n.kind = NOTIFY_NEW_THREAD;
        n.group_key = "";
        rc = notification_db_add_community_watchers(c->db, &n);
    } else {
        n.kind = NOTIFY_WATCHING;
        n.group_key = arena_printf(c->arena, "watching:%lld", (long long)tid);
        rc = notification_db_add_thread_watchers(c->db, &n);
    }
    if (rc < 0) {
        db_rollback(c->db);
        return domain_db_fail(c, "fanout");
    }
    if (notify_mail_schedule(c, since) < 0) {
        db_rollback(c->db);
        return c->err->code;
    }
    if (db_commit(c->db) < 0)
        return domain_db_fail(c, "commit");
    return 0;
}

int notify_post_created(struct ctx *c, const struct community *cm, const struct thread *t,
                        const struct post *p)
{
    struct notification_new n;
    int64_t quoted[QUOTES_MAX], author;
    size_t nq, i;
    int opening = p->position == 1;
    int64_t since;

    if (mark_since(c, &since) < 0)
        return c->err->code;
    /* Most specific first: a member told about this post once, by the first that applies. */
    note_init(c, &n, NOTIFY_MENTION, cm, t, p->id);
    n.dedupe = NOTE_DEDUPE_KIND;
    if (notification_db_add_mentions(c->db, &n) < 0)
        return domain_db_fail(c, "mentions");
    if (p->reply_to_post_id) {
        if (post_author_in(c, p->reply_to_post_id, t->id, &author) < 0)
            return c->err->code;
        note_init(c, &n, NOTIFY_REPLY_TO, cm, t, p->id);
        if (author && notification_db_add_user(c->db, author, &n) < 0)
            return domain_db_fail(c, "reply_to");
    }
    nq = notification_quoted_posts(p->body_md, quoted, QUOTES_MAX);
    for (i = 0; i < nq; i++) {
        if (post_author_in(c, quoted[i], t->id, &author) < 0)
            return c->err->code;
        note_init(c, &n, NOTIFY_QUOTE, cm, t, p->id);
        if (author && notification_db_add_user(c->db, author, &n) < 0)
            return domain_db_fail(c, "quote");
    }
    if (opening) {
        /* A new thread: members watching its community or one of its tags. */
        if (fanout_enqueue(c, cm, t, p->id, 1) < 0)
            return c->err->code;
    } else {
        const char *kind = t->kind == THREAD_QUESTION ? NOTIFY_ANSWER : NOTIFY_REPLY;
        note_init(c, &n, kind, cm, t, p->id);
        n.group_key = arena_printf(c->arena, "%s:%lld", kind, (long long)t->id);
        if (t->author_id && notification_db_add_user(c->db, t->author_id, &n) < 0)
            return domain_db_fail(c, "thread_author");
        /* Watchers: a job written in this transaction (notify_fanout_run). */
        if (fanout_enqueue(c, cm, t, p->id, 0) < 0)
            return c->err->code;
    }
    if (c->uid && follow_db_auto_watch(c->db, c->uid, t->id, c->now) < 0)
        return domain_db_fail(c, "auto_watch");
    return notify_mail_schedule(c, since);
}

int notify_comment_created(struct ctx *c, const struct community *cm, const struct thread *t,
                           int64_t pid, int64_t post_author, const char *const *mentioned,
                           size_t nmentioned)
{
    struct notification_new n;
    int64_t since, uid;
    size_t i;
    int author_told = 0, rc;
    if (mark_since(c, &since) < 0)
        return c->err->code;
    for (i = 0; i < nmentioned; i++) {
        if (comment_db_user_id(c->db, mentioned[i], &uid) < 0)
            return domain_db_fail(c, "mention_user");
        if (!uid)
            continue;
        note_init(c, &n, NOTIFY_MENTION, cm, t, pid);
        /* An edit tells only members not yet told about a mention under this post. */
        n.dedupe = post_author < 0 ? NOTE_DEDUPE_KIND : NOTE_DEDUPE_NONE;
        if ((rc = notification_db_add_user(c->db, uid, &n)) < 0)
            return domain_db_fail(c, "comment_mention");
        if (uid == post_author && rc > 0)
            author_told = 1;
    }
    if (post_author > 0 && !author_told) {
        note_init(c, &n, NOTIFY_COMMENT, cm, t, pid);
        n.dedupe = NOTE_DEDUPE_NONE;
        n.group_key = arena_printf(c->arena, "comment:%lld", (long long)pid);
        if (notification_db_add_user(c->db, post_author, &n) < 0)
            return domain_db_fail(c, "comment_author");
    }
    return notify_mail_schedule(c, since);
}

int notify_post_edited(struct ctx *c, const struct community *cm, const struct thread *t,
                       int64_t pid)
{
    int64_t since;
    struct notification_new n;
    note_init(c, &n, NOTIFY_MENTION, cm, t, pid);
    n.dedupe = NOTE_DEDUPE_KIND;
    if (mark_since(c, &since) < 0)
        return c->err->code;
    if (notification_db_add_mentions(c->db, &n) < 0)
        return domain_db_fail(c, "mentions");
    return notify_mail_schedule(c, since);
}

int notify_accepted(struct ctx *c, const struct community *cm, const struct thread *t, int64_t pid,
                    int64_t author_id)
{
    int64_t since;
    struct notification_new n;
    if (!author_id)
        return 0;
    note_init(c, &n, NOTIFY_ACCEPTED, cm, t, pid);
    n.dedupe = NOTE_DEDUPE_KIND;
    if (mark_since(c, &since) < 0)
        return c->err->code;
    if (notification_db_add_user(c->db, author_id, &n) < 0)
        return domain_db_fail(c, "accepted");
    return notify_mail_schedule(c, since);
}

int notify_upvoted(struct ctx *c, const struct community *cm, const struct thread *t, int64_t pid,
                   int64_t author_id)
{
    int64_t since;
    struct notification_new n;
    int64_t up, m;
    if (!author_id)
        return 0;
    if (notification_db_upvotes(c->db, pid, &up) < 0)
        return domain_db_fail(c, "upvotes");
    if (!(m = notification_milestone(up)))
        return 0;
    note_init(c, &n, NOTIFY_UPVOTE, cm, t, pid);
    n.dedupe = NOTE_DEDUPE_KIND; /* a milestone once, even after un-voting and voting again */
    n.count = m;
    if (mark_since(c, &since) < 0)
        return c->err->code;
    if (notification_db_add_user(c->db, author_id, &n) < 0)
        return domain_db_fail(c, "upvote");
    return notify_mail_schedule(c, since);
}

int notify_moderated(struct ctx *c, const struct community *cm, const struct thread *t, int64_t pid,
                     int64_t author_id, const char *text)
{
    int64_t since;
    struct notification_new n;
    if (!author_id)
        return 0;
    note_init(c, &n, NOTIFY_MODERATION, cm, t, pid);
    n.text = text;
    n.dedupe = NOTE_DEDUPE_NONE;
    n.respect_mute = 0; /* what happened to your own post is always told */
    if (!pid)
        n.link = arena_printf(c->arena, "/c/%s/t/%lld", cm->slug, (long long)t->id);
    if (mark_since(c, &since) < 0)
        return c->err->code;
    if (notification_db_add_user(c->db, author_id, &n) < 0)
        return domain_db_fail(c, "moderation");
    return notify_mail_schedule(c, since);
}

int notify_coaching(struct ctx *c, const struct community *cm, int64_t uid, const char *group_key,
                    const char *text, const char *link)
{
    int64_t since;
    struct notification_new n;
    if (!uid || uid == c->uid)
        return 0;
    memset(&n, 0, sizeof(n));
    n.kind = NOTIFY_COACHING;
    n.text = text;
    n.link = link;
    n.actor_id = c->uid;
    n.community_id = cm->id;
    n.group_key = group_key ? group_key : "";
    n.count = 1;
    n.now = c->now;
    n.dedupe = NOTE_DEDUPE_NONE;
    n.respect_mute = 0;
    if (mark_since(c, &since) < 0)
        return c->err->code;
    if (notification_db_add_user(c->db, uid, &n) < 0)
        return domain_db_fail(c, "coaching");
    return notify_mail_schedule(c, since);
}

int notify_flag_outcome(struct ctx *c, const struct community *cm, int64_t flagger,
                        const char *text)
{
    int64_t since;
    struct notification_new n;
    if (!flagger || flagger == c->uid)
        return 0;
    memset(&n, 0, sizeof(n));
    n.kind = NOTIFY_FLAG_OUTCOME;
    n.text = text;
    n.link = "/settings/flags";
    n.actor_id = c->uid;
    n.community_id = cm->id;
    n.group_key = "";
    n.count = 1;
    n.now = c->now;
    n.dedupe = NOTE_DEDUPE_NONE;
    if (mark_since(c, &since) < 0)
        return c->err->code;
    if (notification_db_add_user(c->db, flagger, &n) < 0)
        return domain_db_fail(c, "flag outcome");
    return notify_mail_schedule(c, since);
}

static void event_note(struct ctx *c, struct notification_new *n, const char *kind, int64_t cid,
                       const char *text, const char *link)
{
    memset(n, 0, sizeof(*n));
    n->kind = kind;
    n->text = text;
    n->link = link;
    n->actor_id = c->uid;
    n->community_id = cid;
    n->group_key = "";
    n->count = 1;
    n->now = c->now;
}

int notify_event(struct ctx *c, int64_t cid, int64_t eid, int64_t occ_key, const char *kind,
                 const char *text, const char *link)
{
    int64_t since;
    struct notification_new n;
    event_note(c, &n, kind, cid, text, link);
    if (mark_since(c, &since) < 0)
        return c->err->code;
    if (notification_db_add_event(c->db, &n, eid, occ_key) < 0)
        return domain_db_fail(c, "event");
    return notify_mail_schedule(c, since);
}

int notify_waitlist(struct ctx *c, int64_t uid, int64_t cid, int64_t eid, const char *text,
                    const char *link)
{
    int64_t since;
    struct notification_new n;
    event_note(c, &n, NOTIFY_WAITLIST, cid, text, link);
    if (mark_since(c, &since) < 0)
        return c->err->code;
    if (notification_db_add_event_user(c->db, uid, &n, eid) < 0)
        return domain_db_fail(c, "waitlist");
    return notify_mail_schedule(c, since);
}

int notify_webhook_disabled(struct ctx *c, int64_t uid, const char *text, const char *link)
{
    int64_t since;
    if (mark_since(c, &since) < 0)
        return c->err->code;
    if (notification_db_insert(c->db, uid, NOTIFY_WEBHOOK_DISABLED, text, link, c->now) < 0)
        return domain_db_fail(c, "webhook_disabled");
    return notify_mail_schedule(c, since);
}

int notify_security(struct ctx *c, int64_t uid, const char *text, const char *link)
{
    int64_t since;
    if (mark_since(c, &since) < 0)
        return c->err->code;
    if (notification_db_insert(c->db, uid, NOTIFY_SECURITY, text, link, c->now) < 0)
        return domain_db_fail(c, "security");
    return notify_mail_schedule(c, since);
}

/* ------------------------------------------------------------------------------------------ */
/* The member's side */

int notifications_unread(struct ctx *c, int64_t *count)
{
    struct article *due;
    size_t n, i;
    *count = 0;
    if (!c->uid)
        return 0;
    if (article_db_due_untold(c->db, c->arena, c->uid, c->now, REMIND_BATCH, &due, &n) < 0)
        return domain_db_fail(c, "due_untold");
    if (n) {
        if (db_begin_write(c->db) < 0)
            return domain_db_fail(c, "begin");
        for (i = 0; i < n; i++) {
            struct buf link = BUF_INIT;
            buf_printf(&link, "/c/%s/a/", due[i].community_slug);
            url_encode(&link, due[i].slug);
            if (notification_db_insert(c->db, c->uid, "article_review",
                                       arena_printf(c->arena, "Review due: %s", due[i].title),
                                       link.data, c->now) < 0 ||
                article_db_mark_told(c->db, due[i].id) < 0) {
                buf_release(&link);
                return domain_rollback(c, domain_db_fail(c, "remind"));
            }
            buf_release(&link);
        }
        if (db_commit(c->db) < 0)
            return domain_rollback(c, domain_db_fail(c, "commit"));
    }
    return notification_db_unread(c->db, c->uid, count) < 0 ? domain_db_fail(c, "unread") : 0;
}

int notifications_list_filtered(struct ctx *c, int unread_only, struct notification **out,
                                size_t *n)
{
    int64_t unread;
    size_t i;
    if (!c->uid)
        return error_set(c->err, ERR_AUTH, NULL, "Sign in to see your notifications.");
    if (notifications_unread(c, &unread) < 0)
        return c->err->code;
    if (notification_db_list(c->db, c->arena, c->uid, unread_only, LIST_MAX, out, n) < 0)
        return domain_db_fail(c, "notifications");
    for (i = 0; i < *n; i++)
        notification_compose(c->arena, &(*out)[i]);
    return 0;
}

int notifications_list(struct ctx *c, struct notification **out, size_t *n)
{
    return notifications_list_filtered(c, 0, out, n);
}

int notifications_mark_read(struct ctx *c, int64_t id)
{
    if (!c->uid)
        return error_set(c->err, ERR_AUTH, NULL, "Sign in first.");
    return notification_db_mark_read(c->db, c->uid, id, c->now) < 0 ? domain_db_fail(c, "mark_read")
                                                                    : 0;
}

void notifications_thread_viewed(struct ctx *c, int64_t tid, int64_t last_pos)
{
    if (!c->uid || c->system)
        return;
    if (notification_db_mark_thread_read(c->db, c->uid, tid, c->now) < 0 ||
        (last_pos > 0 && thread_read_db_set(c->db, c->uid, tid, last_pos) < 0))
        log_error("msg=\"marking a thread read failed\" error=\"%s\"", db_last_error(c->db));
}

void notifications_event_viewed(struct ctx *c, int64_t eid)
{
    if (!c->uid || c->system)
        return;
    if (notification_db_mark_event_read(c->db, c->uid, eid, c->now) < 0)
        log_error("msg=\"marking an event read failed\" error=\"%s\"", db_last_error(c->db));
}

#define NEWS_MAX 2000 /* thread_reads rows read for one list at most */

void notifications_thread_news(struct ctx *c, const struct thread *items, size_t n, int64_t *out)
{
    int64_t lo = INT64_MAX, hi = 0, *tids, *pos;
    size_t i, j, nr;
    for (i = 0; i < n; i++) {
        out[i] = 0;
        if (items[i].id < lo)
            lo = items[i].id;
        if (items[i].id > hi)
            hi = items[i].id;
    }
    if (!c->uid || !n)
        return;
    if (thread_read_db_range(c->db, c->arena, c->uid, lo, hi, NEWS_MAX, &tids, &pos, &nr) < 0) {
        log_error("msg=\"reading thread positions failed\" error=\"%s\"", db_last_error(c->db));
        return;
    }
    for (i = 0; i < n; i++)
        for (j = 0; j < nr; j++)
            if (tids[j] == items[i].id && items[i].post_count > pos[j])
                out[i] = items[i].post_count - pos[j];
}

int notifications_unmailed(struct ctx *c, int64_t uid, int limit, struct notification **out,
                           size_t *n)
{
    size_t i;
    if (notification_db_unmailed(c->db, c->arena, uid, limit, out, n) < 0)
        return domain_db_fail(c, "unmailed");
    for (i = 0; i < *n; i++)
        notification_compose(c->arena, &(*out)[i]);
    return 0;
}

int notifications_unmailed_mode(struct ctx *c, int64_t uid, const char *mode, int64_t since,
                                int limit, struct notification **out, size_t *n)
{
    struct notify_pref *prefs;
    const char *const *kinds;
    size_t np, nk = notify_mail_kinds(&kinds), i, j;
    struct buf csv = BUF_INIT;
    int rc;
    *out = NULL;
    *n = 0;
    if (notify_pref_db_list(c->db, c->arena, uid, &prefs, &np) < 0)
        return domain_db_fail(c, "prefs");
    for (j = 0; j < np; j++)
        if (!strcmp(prefs[j].kind, "all") && !strcmp(prefs[j].mode, "off"))
            return 0;
    buf_putc(&csv, ',');
    for (i = 0; i < nk; i++) {
        const char *m = notify_mail_default(kinds[i]);
        for (j = 0; j < np; j++)
            if (!strcmp(prefs[j].kind, kinds[i]))
                m = prefs[j].mode;
        if (!strcmp(m, mode))
            buf_printf(&csv, "%s,", kinds[i]);
    }
    rc = csv.err
             ? -1
             : notification_db_unmailed_kinds(c->db, c->arena, uid, csv.data, since, limit, out, n);
    buf_release(&csv);
    if (rc < 0)
        return domain_db_fail(c, "unmailed");
    for (i = 0; i < *n; i++)
        notification_compose(c->arena, &(*out)[i]);
    return 0;
}

/* ------------------------------------------------------------------------------------------ */
/* Following */

static int follow_check(struct ctx *c, int level)
{
    if (!c->uid)
        return error_set(c->err, ERR_AUTH, NULL, "Sign in first.");
    if (level < 0 || level >= FOLLOW__MAX)
        return error_set(c->err, ERR_INVALID, "level",
                         "A level is muted, normal, tracking or watching.");
    return 0;
}

/* Thread tid readable by the viewer (its community readable, not deleted). */
static int thread_readable(struct ctx *c, int64_t tid)
{
    struct thread t;
    struct community cm;
    int rc = tid > 0 ? thread_db_get(c->db, c->arena, tid, &t) : ERR_NOTFOUND;
    if (rc == 0)
        rc = community_db_get_id(c->db, c->arena, t.community_id, c->uid, &cm);
    if (rc == ERR_NOTFOUND || (rc == 0 && (t.deleted_at || !community_can_read(c, &cm))))
        return error_set(c->err, ERR_NOTFOUND, NULL, "There is no such thread or post.");
    return rc < 0 ? domain_db_fail(c, "thread_get") : 0;
}

/* tag (non-NULL) is in cm's vocabulary. */
static int tag_known(struct ctx *c, const struct community *cm, const char *tag)
{
    struct community_tag *tags;
    size_t n, i;
    if (community_db_tags(c->db, c->arena, cm->id, &tags, &n) < 0)
        return domain_db_fail(c, "tags");
    for (i = 0; i < n; i++)
        if (!strcmp(tags[i].tag, tag))
            return 0;
    return error_set(c->err, ERR_NOTFOUND, "tag", "There is no tag %.60s here.", tag);
}

int follow_thread_get(struct ctx *c, int64_t tid, int *level)
{
    int rc;
    *level = FOLLOW_NORMAL;
    if ((rc = thread_readable(c, tid)) < 0 || !c->uid)
        return rc;
    if (follow_db_get(c->db, c->uid, 0, tid, "", level) < 0)
        return domain_db_fail(c, "follow_get");
    if (*level < 0)
        *level = FOLLOW_NORMAL;
    return 0;
}

int follow_thread_set(struct ctx *c, int64_t tid, int level)
{
    int rc;
    if ((rc = follow_check(c, level)) < 0 || (rc = thread_readable(c, tid)) < 0)
        return rc;
    return follow_db_set(c->db, c->uid, 0, tid, "", level, c->now) < 0
               ? domain_db_fail(c, "follow_set")
               : 0;
}

int follow_community_get(struct ctx *c, const struct community *cm, const char *tag, int *level)
{
    int rc;
    *level = FOLLOW_NORMAL;
    if (!community_can_read(c, cm))
        return error_set(c->err, ERR_NOTFOUND, NULL, "There is no such community.");
    if (tag && (rc = tag_known(c, cm, tag)) < 0)
        return rc;
    if (!c->uid)
        return 0;
    if (follow_db_get(c->db, c->uid, cm->id, 0, tag ? tag : "", level) < 0)
        return domain_db_fail(c, "follow_get");
    if (*level < 0)
        *level = FOLLOW_NORMAL;
    return 0;
}

int follow_community_set(struct ctx *c, const struct community *cm, const char *tag, int level)
{
    int rc;
    if ((rc = follow_check(c, level)) < 0)
        return rc;
    if (!community_can_read(c, cm))
        return error_set(c->err, ERR_NOTFOUND, NULL, "There is no such community.");
    if (tag && (rc = tag_known(c, cm, tag)) < 0)
        return rc;
    return follow_db_set(c->db, c->uid, cm->id, 0, tag ? tag : "", level, c->now) < 0
               ? domain_db_fail(c, "follow_set")
               : 0;
}

int follow_auto_watch_get(struct ctx *c, int *on)
{
    *on = 1;
    if (!c->uid)
        return error_set(c->err, ERR_AUTH, NULL, "Sign in first.");
    return follow_db_auto_watch_get(c->db, c->uid, on) < 0 ? domain_db_fail(c, "auto_watch") : 0;
}

int follow_auto_watch_set(struct ctx *c, int on)
{
    if (!c->uid)
        return error_set(c->err, ERR_AUTH, NULL, "Sign in first.");
    return follow_db_auto_watch_set(c->db, c->uid, on) < 0 ? domain_db_fail(c, "auto_watch") : 0;
}
