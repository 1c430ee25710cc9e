/* Newcomer coaching for first questions: settings, the queue, the panel of a question, notes
 * (comments, suggested edits, ready marks), accepting a suggestion as a revision credited to
 * its coach, publication (by the author, a coach, staff, or the "coaching_publish" job) and
 * the credits. The rules are described in domain/coaching.h; a question enters coaching in
 * domain/thread.c (thread_create, moderation_coaching_check). */
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "core/util.h"
#include "domain/coaching.h"
#include "domain/domain_int.h"
#include "domain/live.h"
#include "domain/moderation.h"
#include "domain/notification.h"
#include "domain/thread_int.h"
#include "domain/webhook.h"
#include "store/flag.h"
#include "store/job.h"

/* ------------------------------------------------------------------------------------------ */
/* Settings and the queue */

int coaching_settings_get(struct ctx *c, const struct community *cm, struct coaching_settings *out)
{
    memset(out, 0, sizeof(*out));
    if (!thread_is_staff(c, cm))
        return error_set(c->err, ERR_PERM, NULL,
                         "Only moderators and coordinators of %s can see this.", cm->name);
    if (coaching_db_settings(c->db, cm->id, out) < 0)
        return domain_db_fail(c, "coaching_settings");
    return 0;
}

int coaching_settings_set(struct ctx *c, const struct community *cm,
                          const struct coaching_settings *in)
{
    if (!community_can_edit(c, cm))
        return error_set(c->err, ERR_PERM, NULL, "Only coordinators can change this.");
    if (in->level < 0 || in->level > 4)
        return error_set(c->err, ERR_INVALID, "coaching_level",
                         "The coaches' trust level is 0 to 4.");
    if (in->hours < 0 || in->hours > COACHING_HOURS_MAX)
        return error_set(c->err, ERR_INVALID, "coaching_hours",
                         "Hours before publishing are 0 (never) to %d.", COACHING_HOURS_MAX);
    if (coaching_db_set_settings(c->db, cm->id, in) < 0)
        return domain_db_fail(c, "coaching_settings");
    return 0;
}

int coaching_queue(struct ctx *c, const struct community *cm, struct coaching_item **out, size_t *n)
{
    int can;
    *out = NULL;
    *n = 0;
    if (!c->uid && !c->system)
        return error_set(c->err, ERR_AUTH, NULL, "Sign in first.");
    if (moderation_can_coach(c, cm, NULL, &can) < 0)
        return c->err->code;
    if (!can)
        return error_set(c->err, ERR_PERM, NULL,
                         "Only coaches, moderators and coordinators of %s see its coaching "
                         "queue.",
                         cm->name);
    if (coaching_db_queue(c->db, c->arena, cm->id, COACHING_QUEUE_MAX, out, n) < 0)
        return domain_db_fail(c, "coaching_queue");
    return 0;
}

/* ------------------------------------------------------------------------------------------ */
/* The panel */

/* Load question tid for the viewer: *in = 1 when it is in coaching. */
static int load(struct ctx *c, int64_t tid, struct thread *t, struct community *cm)
{
    return thread_load(c, tid, t, cm);
}

int coaching_view(struct ctx *c, int64_t tid, struct coaching_view *out)
{
    struct thread t;
    struct community cm;
    struct coaching_settings s;
    int rc, staff;
    memset(out, 0, sizeof(*out));
    if ((rc = load(c, tid, &t, &cm)) < 0)
        return rc;
    if (!t.coaching_at && !t.coached_at)
        return 0;
    staff = thread_is_staff(c, &cm);
    out->in_coaching = t.coaching_at != 0;
    out->coached = t.coached_at != 0;
    out->is_author = c->uid && c->uid == t.author_id;
    if (!t.coaching_at && moderation_can_coach(c, &cm, NULL, &t.viewer_coach) < 0)
        return c->err->code;
    out->may_see_notes = out->is_author || t.viewer_coach || staff;
    if (out->in_coaching && !cm.archived) {
        out->can_coach = (t.viewer_coach || staff) && !out->is_author;
        out->can_publish = out->is_author || staff;
        out->can_comment = out->may_see_notes;
        if (coaching_db_settings(c->db, cm.id, &s) < 0)
            return domain_db_fail(c, "coaching_settings");
        out->publish_at = s.hours > 0 ? t.coaching_at + s.hours * 3600 : 0;
    }
    out->body_md = "";
    if (out->can_coach) {
        struct post p;
        int64_t pid;
        if (coaching_db_opening_post(c->db, tid, &pid) < 0 ||
            post_db_get(c->db, c->arena, pid, 0, &p) < 0)
            return domain_db_fail(c, "post_get");
        out->body_md = p.body_md;
    }
    if (out->may_see_notes &&
        coaching_db_notes(c->db, c->arena, tid, COACHING_NOTES_MAX, &out->notes, &out->nnotes) < 0)
        return domain_db_fail(c, "coaching_notes");
    if (coaching_db_coaches(c->db, c->arena, tid, t.author_id, COACHING_COACHES_MAX, &out->coaches,
                            &out->ncoaches) < 0)
        return domain_db_fail(c, "coaching_coaches");
    return 0;
}

/* ------------------------------------------------------------------------------------------ */
/* Notes */

/* Load question tid in coaching for a write by the viewer: *coach = the viewer may coach
   it (not its author), *author = the viewer asked it. */
static int load_write(struct ctx *c, int64_t tid, struct thread *t, struct community *cm,
                      int *coach, int *author)
{
    int rc;
    if (!c->uid && !c->system)
        return error_set(c->err, ERR_AUTH, NULL, "Sign in first.");
    if ((rc = load(c, tid, t, cm)) < 0)
        return rc;
    *author = c->uid && c->uid == t->author_id;
    *coach = !*author && (t->viewer_coach || thread_is_staff(c, cm));
    if (!t->coaching_at)
        return error_set(c->err, ERR_CONFLICT, NULL, "This question is not in coaching.");
    if (!*author && !*coach)
        return thread_not_found(c);
    if (cm->archived)
        return error_set(c->err, ERR_CONFLICT, NULL, "%s is archived and read-only.", cm->name);
    return moderation_write_check(c);
}

static const char *link_of(struct ctx *c, const struct community *cm, const struct thread *t)
{
    return arena_printf(c->arena, "/c/%s/t/%lld#coaching", cm->slug, (long long)t->id);
}

/* Tell the question's coaches so far (authors of its notes other than its author). */
static int tell_coaches(struct ctx *c, const struct community *cm, const struct thread *t,
                        const char *text)
{
    struct coaching_coach *co;
    size_t n, i;
    int rc;
    if (coaching_db_coaches(c->db, c->arena, t->id, t->author_id, COACHING_COACHES_MAX, &co, &n) <
        0)
        return domain_db_fail(c, "coaching_coaches");
    for (i = 0; i < n; i++)
        if ((rc = notify_coaching(c, cm, co[i].id, "", text, link_of(c, cm, t))) < 0)
            return rc;
    return 0;
}

int coaching_comment(struct ctx *c, int64_t tid, const char *body_md, int64_t *id)
{
    struct thread t;
    struct community cm;
    struct coaching_note x;
    const char **names, *html;
    size_t nnames;
    int rc, coach, author;
    if ((rc = load_write(c, tid, &t, &cm, &coach, &author)) < 0)
        return rc;
    if ((rc = thread_body_check(body_md, c->err)) < 0)
        return rc;
    if ((rc = thread_render_md(c, body_md, &html, &names, &nnames)) < 0)
        return rc;
    memset(&x, 0, sizeof(x));
    x.thread_id = tid;
    x.author_id = c->uid;
    x.kind = "comment";
    x.body_md = body_md;
    x.body_html = html;
    x.created_at = c->now;
    if (db_begin_write(c->db) < 0)
        return domain_db_fail(c, "begin");
    if (coaching_db_note_add(c->db, &x) < 0)
        return domain_rollback(c, domain_db_fail(c, "coaching_note"));
    rc = author ? tell_coaches(c, &cm, &t,
                               arena_printf(c->arena, "%s answered your coaching on “%s”",
                                            t.author_display, t.title))
                : notify_coaching(
                      c, &cm, t.author_id, arena_printf(c->arena, "coaching:%lld", (long long)tid),
                      arena_printf(c->arena, "A coach commented on your question “%s”", t.title),
                      link_of(c, &cm, &t));
    if (rc < 0)
        return domain_rollback(c, rc);
    if (db_commit(c->db) < 0)
        return domain_db_fail(c, "commit");
    if (id)
        *id = x.id;
    return 0;
}

int coaching_suggest(struct ctx *c, int64_t tid, const char *title, const char *body_md,
                     int64_t *id)
{
    struct thread t;
    struct community cm;
    struct coaching_note x;
    const char **names, *html = "", *clean = "";
    size_t nnames;
    int rc, coach, author;
    if ((rc = load_write(c, tid, &t, &cm, &coach, &author)) < 0)
        return rc;
    if (!coach)
        return error_set(c->err, ERR_PERM, NULL,
                         "Coaches suggest edits; edit your question yourself instead.");
    {
        struct post raw;
        int64_t pid;
        if (coaching_db_opening_post(c->db, tid, &pid) < 0 ||
            post_db_get(c->db, c->arena, pid, 0, &raw) < 0)
            return domain_db_fail(c, "post_get");
        if (body_md && str_eq(body_md, raw.body_md))
            body_md = NULL; /* unchanged */
    }
    if (title && *title && thread_title_check(c->arena, title, &clean, c->err) < 0)
        return ERR_INVALID;
    if (str_eq(clean, t.title))
        clean = ""; /* unchanged */
    if (!*clean && (!body_md || !*body_md))
        return error_set(c->err, ERR_INVALID, "body",
                         "Change the title, the text, or both, to suggest an edit.");
    if (body_md && *body_md) {
        if ((rc = thread_body_check(body_md, c->err)) < 0)
            return rc;
        if ((rc = thread_render_md(c, body_md, &html, &names, &nnames)) < 0)
            return rc;
    }
    memset(&x, 0, sizeof(x));
    x.thread_id = tid;
    x.author_id = c->uid;
    x.kind = "suggestion";
    x.title = clean;
    x.body_md = body_md ? body_md : "";
    x.body_html = html;
    x.status = "pending";
    x.created_at = c->now;
    if (db_begin_write(c->db) < 0)
        return domain_db_fail(c, "begin");
    if (coaching_db_note_add(c->db, &x) < 0 ||
        audit_db_add(c->db, cm.id, c->uid, "coaching_suggest", tid, 0, "", c->now) < 0)
        return domain_rollback(c, domain_db_fail(c, "coaching_note"));
    if ((rc = notify_coaching(c, &cm, t.author_id, "",
                              arena_printf(c->arena,
                                           "A coach suggested an edit to your question "
                                           "“%s”",
                                           t.title),
                              link_of(c, &cm, &t))) < 0)
        return domain_rollback(c, rc);
    if (db_commit(c->db) < 0)
        return domain_db_fail(c, "commit");
    if (id)
        *id = x.id;
    return 0;
}

int coaching_decide(struct ctx *c, int64_t nid, int accept, int64_t *tid_out)
{
    struct coaching_note x;
    struct thread t;
    struct community cm;
    struct post raw;
    struct post_revision r;
    const char **names = NULL, *html, *title, *body;
    size_t nnames = 0;
    int64_t pid;
    int rc, coach, author;
    rc = nid > 0 ? coaching_db_note_get(c->db, c->arena, nid, &x) : ERR_NOTFOUND;
    if (rc == ERR_NOTFOUND)
        return error_set(c->err, ERR_NOTFOUND, NULL, "There is no such suggestion.");
    if (rc < 0)
        return domain_db_fail(c, "coaching_note");
    if ((rc = load_write(c, x.thread_id, &t, &cm, &coach, &author)) < 0)
        return rc;
    if (tid_out)
        *tid_out = t.id;
    if (!author && !thread_is_staff(c, &cm))
        return error_set(c->err, ERR_PERM, NULL, "Only the question's author decides.");
    if (!str_eq(x.kind, "suggestion") || !str_eq(x.status, "pending"))
        return error_set(c->err, ERR_CONFLICT, NULL, "This suggestion was already decided.");
    if (coaching_db_opening_post(c->db, t.id, &pid) < 0 ||
        post_db_get(c->db, c->arena, pid, 0, &raw) < 0)
        return domain_db_fail(c, "post_get");
    title = *x.title ? x.title : t.title;
    body = *x.body_md ? x.body_md : raw.body_md;
    if (accept && (rc = thread_render_md(c, body, &html, &names, &nnames)) < 0)
        return rc;
    if (db_begin_write(c->db) < 0)
        return domain_db_fail(c, "begin");
    if (coaching_db_note_decide(c->db, nid, accept ? "accepted" : "rejected", c->now) < 0)
        return domain_rollback(
            c, error_set(c->err, ERR_CONFLICT, NULL, "This suggestion was already decided."));
    if (accept) {
        memset(&r, 0, sizeof(r));
        r.post_id = pid;
        r.rev = raw.edit_count + 2;
        r.author_id = x.author_id; /* credited to the coach */
        r.created_at = c->now;
        r.title = title;
        r.tags = t.tags_text;
        r.body_md = body;
        r.summary = "Suggested in coaching";
        if (post_db_update_body(c->db, pid, body, html, c->now) < 0 ||
            revision_db_insert(c->db, &r) < 0 ||
            mention_db_replace(c->db, pid, names, nnames) < 0 ||
            thread_db_set_title_tags(c->db, t.id, title, t.tags_text) < 0)
            return domain_rollback(c, domain_db_fail(c, "coaching_accept"));
    }
    if (audit_db_add(c->db, cm.id, c->uid, accept ? "coaching_accept" : "coaching_reject", t.id,
                     pid, "", c->now) < 0)
        return domain_rollback(c, domain_db_fail(c, "audit"));
    if ((rc = notify_coaching(c, &cm, x.author_id, "",
                              arena_printf(c->arena, "Your suggested edit to “%s” was %s", title,
                                           accept ? "accepted" : "declined"),
                              link_of(c, &cm, &t))) < 0)
        return domain_rollback(c, rc);
    if (db_commit(c->db) < 0)
        return domain_db_fail(c, "commit");
    return 0;
}

/* ------------------------------------------------------------------------------------------ */
/* Publication */

/* Publish t (in coaching) of cm, inside no transaction; how says why for the audit log and
   the author ("by the author", "ready", "after N hours"). ready_by: a coach's "ready" note. */
static int publish(struct ctx *c, struct community *cm, struct thread *t, const char *how,
                   int64_t ready_by)
{
    struct ctx ac;
    struct thread nt;
    struct post p;
    struct coaching_note x;
    int64_t pid;
    int rc;
    if (coaching_db_opening_post(c->db, t->id, &pid) < 0 ||
        post_db_get(c->db, c->arena, pid, 0, &p) < 0)
        return domain_db_fail(c, "post_get");
    if (db_begin_write(c->db) < 0)
        return domain_db_fail(c, "begin");
    if (ready_by) {
        memset(&x, 0, sizeof(x));
        x.thread_id = t->id;
        x.author_id = ready_by;
        x.kind = "ready";
        x.created_at = c->now;
        if (coaching_db_note_add(c->db, &x) < 0)
            return domain_rollback(c, domain_db_fail(c, "coaching_ready"));
    }
    /* coaching_at first (ERR_CONFLICT: someone else published it meanwhile), then the held
       state as an approval clears it, so the search triggers index it */
    rc = coaching_db_publish(c->db, t->id, pid, c->now);
    if (rc == ERR_CONFLICT)
        return domain_rollback(
            c, error_set(c->err, ERR_CONFLICT, NULL, "This question is not in coaching."));
    if (rc < 0 || hold_db_publish(c->db, pid, t->id, 1) < 0 ||
        thread_db_recount(c->db, t->id) < 0 ||
        audit_db_add(c->db, cm->id, c->uid, "coaching_publish", t->id, pid, how, c->now) < 0 ||
        thread_db_get(c->db, c->arena, t->id, &nt) < 0 ||
        post_db_get(c->db, c->arena, pid, 0, &p) < 0)
        return domain_rollback(c, domain_db_fail(c, "coaching_publish"));
    ac = *c; /* the notifications of a new question, as if its author had just asked it */
    ac.uid = p.author_id;
    ac.is_admin = 0;
    ac.system = 0;
    if ((rc = notify_post_created(&ac, cm, &nt, &p)) < 0 ||
        (rc = webhook_thread(&ac, "thread.created", cm, &nt, p.id)) < 0)
        return domain_rollback(c, rc);
    if (c->uid != p.author_id &&
        (rc = notify_coaching(
             c, cm, p.author_id, "",
             arena_printf(c->arena, "Your question “%s” was published (%s)", nt.title, how),
             arena_printf(c->arena, "/c/%s/t/%lld", cm->slug, (long long)nt.id))) < 0)
        return domain_rollback(c, rc);
    /* live publishing stays last before the commit (domain/live.h) */
    if ((rc = live_community_thread(c, cm->id, nt.id)) < 0)
        return domain_rollback(c, rc);
    if (db_commit(c->db) < 0)
        return domain_db_fail(c, "commit");
    return 0;
}

int coaching_publish(struct ctx *c, int64_t tid, int ready)
{
    struct thread t;
    struct community cm;
    int rc, coach, author;
    if ((rc = load_write(c, tid, &t, &cm, &coach, &author)) < 0)
        return rc;
    if (ready) {
        if (!coach)
            return error_set(c->err, ERR_PERM, NULL, "Only coaches mark a question ready.");
        return publish(c, &cm, &t, "marked ready by a coach", c->uid);
    }
    if (!author && !thread_is_staff(c, &cm))
        return error_set(c->err, ERR_PERM, NULL,
                         "Only the author publishes; coaches mark it ready instead.");
    return publish(c, &cm, &t, author ? "by the author" : "by a moderator", 0);
}

int coaching_job(struct ctx *rc_ctx, const char *payload, char *err, size_t errlen)
{
    struct ctx jc = *rc_ctx, *c = &jc; /* the system acts; the runner's ctx stays as it was */
    json_t *root = json_loads(payload ? payload : "", 0, NULL);
    json_t *v = root ? json_object_get(root, "thread") : NULL;
    int64_t tid = json_is_integer(v) ? (int64_t)json_integer_value(v) : 0, due, jid;
    struct thread t;
    struct community cm;
    struct coaching_settings s;
    int rc;
    json_decref(root);
    if (tid <= 0) {
        snprintf(err, errlen, "coaching_publish: bad payload");
        return -1;
    }
    c->system = 1;
    c->uid = 0;
    rc = thread_load(c, tid, &t, &cm);
    if (rc == ERR_NOTFOUND || (rc == 0 && !t.coaching_at))
        return 0; /* gone or published already */
    if (rc == 0 && coaching_db_settings(c->db, cm.id, &s) < 0)
        rc = domain_db_fail(c, "coaching_settings");
    if (rc < 0) {
        snprintf(err, errlen, "coaching_publish: %s", c->err->msg);
        return -1;
    }
    if (s.hours <= 0)
        return 0; /* the community stopped publishing by itself: it waits for its author */
    due = t.coaching_at + s.hours * 3600;
    if (due > c->now) { /* the setting grew since: come back then */
        char key[80];
        snprintf(key, sizeof(key), "coaching_publish:%lld:%lld", (long long)tid, (long long)due);
        if (store_job_enqueue(c->db, "coaching_publish", payload, due, JOB_MAX_ATTEMPTS, key,
                              c->now, &jid) < 0) {
            snprintf(err, errlen, "coaching_publish: requeue failed");
            return -1;
        }
        return 0;
    }
    if (publish(c, &cm, &t, arena_printf(c->arena, "after %lld hours", (long long)s.hours), 0) <
        0) {
        if (c->err->code == ERR_CONFLICT)
            return 0;
        snprintf(err, errlen, "coaching_publish: %s", c->err->msg);
        return -1;
    }
    return 0;
}
