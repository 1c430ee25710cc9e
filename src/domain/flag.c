/* Flags and the review queue: raising a flag (validation, weight, auto-hide by spam weight),
 * a member's own flags, the queue of a community (held posts and flagged items with their
 * flags and the author's history) and the review actions with their audit entries and
 * notifications. See domain/flag.h for the rules; the SQL is in store/flag.c. */
#include <string.h>

#include "core/utf8.h"
#include "core/util.h"
#include "domain/domain_int.h"
#include "domain/flag.h"
#include "domain/trust.h"
#include "domain/live.h"
#include "domain/webhook.h"
#include "domain/moderation.h"
#include "domain/notification.h"
#include "domain/thread.h"
#include "store/account.h"
#include "store/community.h"

static const char *const reason_names[FLAG__MAX] = {
    "spam", "rude", "off_topic", "needs_improvement", "duplicate", "other"};
static const char *const reason_labels[FLAG__MAX] = {
    "Spam", "Rude or abusive", "Off-topic", "Needs improvement", "Duplicate", "Something else"};

const char *flag_reason_name(enum flag_reason r)
{
    return (unsigned)r < FLAG__MAX ? reason_names[r] : "other";
}

const char *flag_reason_label(enum flag_reason r)
{
    return (unsigned)r < FLAG__MAX ? reason_labels[r] : "Something else";
}

int flag_reason_parse(const char *s, enum flag_reason *out)
{
    int i;
    for (i = 0; s && i < FLAG__MAX; i++)
        if (!strcmp(s, reason_names[i])) {
            *out = (enum flag_reason)i;
            return 0;
        }
    return -1;
}

int64_t flag_weight(int64_t agreed, int64_t disagreed, int newcomer)
{
    int64_t w = 200 * (agreed + 1) / (agreed + disagreed + 2);
    if (newcomer && w > 100)
        w = 100;
    return w < 1 ? 1 : w;
}

static const char *const action_names[REVIEW__MAX] = {"agree",  "disagree", "defer",   "approve",
                                                      "reject", "suspend",  "silence", "lift"};

const char *review_action_name(enum review_action a)
{
    return (unsigned)a < REVIEW__MAX ? action_names[a] : "defer";
}

int review_action_parse(const char *s, enum review_action *out)
{
    int i;
    for (i = 0; s && i < REVIEW__MAX; i++)
        if (!strcmp(s, action_names[i])) {
            *out = (enum review_action)i;
            return 0;
        }
    return -1;
}

int review_can(const struct ctx *c, const struct community *cm)
{
    return c->system || c->is_admin || (c->uid && cm->viewer_role >= ROLE_MODERATOR);
}

/* Text of at most max code points, one paragraph (newlines allowed when multiline). */
static int text_check(struct ctx *c, const char *field, const char *s, int required, size_t max,
                      int multiline)
{
    const char *p = s ? s : "";
    size_t n = strlen(p);
    if (n > max * 4 || !utf8_valid(p, n) || utf8_has_controls(p, multiline) ||
        utf8_chars(p, n) > max)
        return error_set(c->err, ERR_INVALID, field, "This is at most %zu characters.", max);
    while (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t')
        p++;
    if (required && !*p)
        return error_set(c->err, ERR_INVALID, field,
                         str_eq(field, "note") ? "Say what is wrong in a note."
                                               : "Give a reason: the author is told.");
    return 0;
}

/* ------------------------------------------------------------------------------------------ */
/* Raising flags */

/* Flag an item whose post p (in t, cm) the viewer could load. */
static int flag_item(struct ctx *c, const char *kind, int64_t item_id, int64_t author_id,
                     struct post *p, struct thread *t, struct community *cm,
                     const struct flag_input *in, struct flag *out, int *hidden)
{
    enum flag_reason reason;
    struct moderation_policy pol;
    struct flag f;
    int64_t agreed, disagreed, sum;
    int newcomer, rc, staff = review_can(c, cm), hide = 0;
    int64_t level = 0;

    if (hidden)
        *hidden = 0;
    if (!c->uid)
        return error_set(c->err, ERR_AUTH, NULL, "Sign in to flag.");
    if ((rc = moderation_write_check(c)) < 0)
        return rc;
    if (author_id == c->uid)
        return error_set(c->err, ERR_PERM, NULL, "You cannot flag your own %s.", kind);
    if (p->deleted_at || (str_eq(kind, "post") && p->hidden_at))
        return error_set(c->err, ERR_CONFLICT, NULL, "This %s is already hidden from others.",
                         kind);
    if (!in->reason || flag_reason_parse(in->reason, &reason) < 0)
        return error_set(c->err, ERR_INVALID, "reason",
                         "Choose a reason: spam, rude, off_topic, needs_improvement, duplicate or "
                         "other.");
    if ((rc = text_check(c, "note", in->note, reason == FLAG_OTHER, FLAG_NOTE_MAX, 1)) < 0)
        return rc;
    memset(&f, 0, sizeof(f));
    if (reason == FLAG_DUPLICATE) {
        struct thread ot;
        struct community ocm;
        if (in->original <= 0 || in->original == t->id ||
            thread_get(c, in->original, &ot, &ocm, NULL) < 0)
            return error_set(c->err, ERR_INVALID, "original",
                             "Give the id of the original thread this one duplicates.");
        f.original_thread_id = in->original;
    }
    moderation_policy(c, &pol);
    if (flag_db_accuracy(c->db, c->uid, &agreed, &disagreed) < 0)
        return domain_db_fail(c, "flag_accuracy");
    if ((rc = trust_level(c, c->uid, &level, NULL)) < 0)
        return rc;
    newcomer = level == TRUST_NEW;
    f.item_kind = kind;
    f.item_id = item_id;
    f.post_id = p->id;
    f.author_id = author_id;
    f.flagger_id = c->uid;
    f.reason = flag_reason_name(reason);
    f.note = in->note ? in->note : "";
    f.weight = staff ? pol.hide_weight : flag_weight(agreed, disagreed, newcomer);
    if (!staff && level >= TRUST_LEADER) /* a leader's flag counts double (domain/trust.h) */
        f.weight *= 2;
    f.status = "pending";
    f.outcome = "";
    f.created_at = c->now;
    if (db_begin_write(c->db) < 0)
        return domain_db_fail(c, "begin");
    rc = flag_db_insert(c->db, &f);
    if (rc == ERR_CONFLICT) {
        db_rollback(c->db);
        return error_set(c->err, ERR_CONFLICT, NULL, "You have already flagged this %s.", kind);
    }
    if (rc < 0)
        return domain_rollback(c, domain_db_fail(c, "flag_insert"));
    if ((rc = webhook_flag(c, cm, t, p->id, kind, item_id, f.reason)) < 0)
        return domain_rollback(c, rc);
    if (audit_db_add(c->db, cm->id, c->uid, "flag", t->id, p->id,
                     arena_printf(c->arena, "%s %s", kind, f.reason), c->now) < 0)
        return domain_rollback(c, domain_db_fail(c, "flag_audit"));
    if (reason == FLAG_SPAM && str_eq(kind, "post")) {
        if (flag_db_pending_weight(c->db, kind, item_id, "spam", &sum) < 0)
            return domain_rollback(c, domain_db_fail(c, "flag_weight"));
        hide = sum >= pol.hide_weight;
    }
    if (hide) {
        const char *why = "Hidden pending review: members flagged it as spam.";
        struct ctx anon = *c; /* the author is not told who flagged */
        anon.uid = 0;
        if (post_db_set_hidden(c->db, p->id, c->now, 0, why) < 0 ||
            thread_db_recount(c->db, t->id) < 0 ||
            audit_db_add(c->db, cm->id, 0, "auto_hide", t->id, p->id, why, c->now) < 0)
            return domain_rollback(c, domain_db_fail(c, "auto_hide"));
        if ((rc = notify_moderated(&anon, cm, t, p->id, author_id,
                                   arena_printf(c->arena,
                                                "Your post in “%s” was hidden pending review: "
                                                "members flagged it as spam.",
                                                t->title))) < 0)
            return domain_rollback(c, rc);
    }
    if (db_commit(c->db) < 0)
        return domain_db_fail(c, "commit");
    if (hidden)
        *hidden = hide;
    if (out) {
        *out = f;
        out->thread_id = t->id;
        out->thread_title = t->title;
        out->community_slug = cm->slug;
    }
    return 0;
}

int flag_post(struct ctx *c, int64_t pid, const struct flag_input *in, struct flag *out,
              int *hidden)
{
    struct post p;
    struct thread t;
    struct community cm;
    int rc;
    if (!c->uid)
        return error_set(c->err, ERR_AUTH, NULL, "Sign in to flag.");
    if ((rc = post_get(c, pid, &p, &t, &cm)) < 0)
        return rc;
    return flag_item(c, "post", pid, p.author_id, &p, &t, &cm, in, out, hidden);
}

/* Load comment id's post for the viewer (read rules of the post). */
static int comment_load(struct ctx *c, int64_t id, int64_t *author, const char **html,
                        struct post *p, struct thread *t, struct community *cm)
{
    int64_t pid = 0;
    int rc = id > 0 ? flag_db_comment(c->db, c->arena, id, &pid, author, html) : ERR_NOTFOUND;
    if (rc == ERR_NOTFOUND)
        return error_set(c->err, ERR_NOTFOUND, NULL, "There is no such comment.");
    if (rc < 0)
        return domain_db_fail(c, "comment_get");
    if ((rc = post_get(c, pid, p, t, cm)) < 0 || (p->deleted_at && !review_can(c, cm))) {
        error_clear(c->err);
        return error_set(c->err, ERR_NOTFOUND, NULL, "There is no such comment.");
    }
    return 0;
}

int flag_comment(struct ctx *c, int64_t id, const struct flag_input *in, struct flag *out)
{
    struct post p;
    struct thread t;
    struct community cm;
    const char *html;
    int64_t author = 0;
    int rc;
    if (!c->uid)
        return error_set(c->err, ERR_AUTH, NULL, "Sign in to flag.");
    if ((rc = comment_load(c, id, &author, &html, &p, &t, &cm)) < 0)
        return rc;
    p.deleted_at = 0; /* the comment itself is live: it exists */
    p.hidden_at = 0;
    return flag_item(c, "comment", id, author, &p, &t, &cm, in, out, NULL);
}

int flag_mine(struct ctx *c, struct flag **out, size_t *n)
{
    if (!c->uid)
        return error_set(c->err, ERR_AUTH, NULL, "Sign in first.");
    if (flag_db_by_flagger(c->db, c->arena, c->uid, FLAG_MINE_MAX, out, n) < 0)
        return domain_db_fail(c, "flag_mine");
    return 0;
}

/* ------------------------------------------------------------------------------------------ */
/* The queue */

static int author_load(struct ctx *c, const struct community *cm, int64_t uid,
                       struct review_author *a)
{
    struct user_row u;
    struct moderation_policy pol;
    int rc;
    memset(a, 0, sizeof(*a));
    a->name = a->display = a->restrict_reason = "";
    if (!uid)
        return 0;
    rc = store_user_by_id(c->db, c->arena, uid, &u);
    if (rc == ERR_NOTFOUND)
        return 0;
    if (rc < 0)
        return domain_db_fail(c, "author");
    a->id = uid;
    a->name = u.name;
    a->display = u.display_name;
    a->created_at = u.created_at;
    moderation_policy(c, &pol);
    if (hold_db_posts_in(c->db, uid, cm->id, &a->posts_here) < 0 ||
        flag_db_agreed_against(c->db, uid, cm->id, &a->flags_agreed) < 0 ||
        hold_db_history(c->db, c->arena, uid, cm->id, 5, &a->recent, &a->nrecent) < 0)
        return domain_db_fail(c, "author_history");
    if ((rc = moderation_is_newcomer(c, &pol, uid, &a->newcomer)) < 0 ||
        (rc = moderation_restrictions(c, uid, &a->suspended_until, &a->silenced_until,
                                      &a->restrict_reason)) < 0)
        return rc;
    return 0;
}

int review_queue(struct ctx *c, const struct community *cm, struct review_queue *out)
{
    struct flag_item *fi;
    int64_t *held;
    size_t nfi, nheld, i;
    int rc;
    memset(out, 0, sizeof(*out));
    if (!review_can(c, cm))
        return error_set(c->err, ERR_PERM, NULL,
                         "Only moderators and coordinators of %s can review.", cm->name);
    if (hold_db_first_posts(c->db, cm->id, &out->first_posts) < 0 ||
        hold_db_queue(c->db, c->arena, cm->id, REVIEW_ITEMS, &held, &nheld) < 0 ||
        flag_db_queue(c->db, c->arena, cm->id, REVIEW_ITEMS, &fi, &nfi) < 0)
        return domain_db_fail(c, "review_queue");
    out->can_edit = community_can_edit(c, cm);
    out->items = ARENA_ARRAY(c->arena, struct review_item, nheld + nfi + 1);
    for (i = 0; i < nheld + nfi; i++) {
        struct review_item *x = &out->items[out->n];
        struct community icm;
        int64_t author;
        memset(x, 0, sizeof(*x));
        if (i < nheld) {
            x->queue = "held";
            x->item_kind = "post";
            x->item_id = held[i];
            rc = post_get(c, held[i], &x->post, &x->thread, &icm);
            author = x->post.author_id;
        } else {
            const struct flag_item *f = &fi[i - nheld];
            x->queue = "flagged";
            x->item_kind = f->item_kind;
            x->item_id = f->item_id;
            x->weight = f->weight;
            if (str_eq(f->item_kind, "comment")) {
                rc = comment_load(c, f->item_id, &author, &x->comment_html, &x->post, &x->thread,
                                  &icm);
            } else {
                rc = post_get(c, f->item_id, &x->post, &x->thread, &icm);
                author = x->post.author_id;
            }
        }
        if (rc == ERR_NOTFOUND) { /* gone since (a comment deleted): leave it out */
            error_clear(c->err);
            continue;
        }
        if (rc < 0)
            return rc;
        if (flag_db_of_item(c->db, c->arena, x->item_kind, x->item_id, &x->flags, &x->nflags) < 0)
            return domain_db_fail(c, "review_flags");
        if ((rc = author_load(c, cm, author, &x->author)) < 0)
            return rc;
        out->n++;
    }
    return 0;
}

/* ------------------------------------------------------------------------------------------ */
/* Actions */

static int notify_author(struct ctx *c, const struct community *cm, const struct thread *t,
                         int64_t pid, int64_t author, const char *text)
{
    return notify_moderated(c, cm, t, pid, author, text);
}

/* The reasons of an item's pending flags, "spam, rude" (arena). */
static const char *pending_reasons(struct ctx *c, const struct flag *f, size_t n)
{
    const char *s = "";
    size_t i;
    for (i = 0; i < n; i++)
        if (str_eq(f[i].status, "pending") && !strstr(s, f[i].reason))
            s = arena_printf(c->arena, "%s%s%s", s, *s ? ", " : "", f[i].reason);
    return s;
}

static int restrict_author(struct ctx *c, const struct community *cm, const struct thread *t,
                           int64_t pid, int64_t author, const struct review_input *in)
{
    struct hold_author ha;
    enum role role = ROLE_NONE;
    const char *what, *text;
    int64_t until = 0;
    int rc;
    if (!author)
        return error_set(c->err, ERR_CONFLICT, NULL, "The author's account is gone.");
    if (author == c->uid)
        return error_set(c->err, ERR_PERM, NULL, "You cannot restrict yourself.");
    rc = hold_db_author(c->db, author, &ha);
    if (rc == 0)
        rc = membership_db_role(c->db, cm->id, author, &role);
    if (rc < 0 && rc != ERR_NOTFOUND)
        return domain_db_fail(c, "restrict_author");
    if (ha.is_admin || role >= ROLE_MODERATOR)
        return error_set(c->err, ERR_PERM, NULL,
                         "Moderators, coordinators and administrators cannot be restricted "
                         "here.");
    if (in->action != REVIEW_LIFT) {
        if (in->days < 1 || in->days > REVIEW_DAYS_MAX)
            return error_set(c->err, ERR_INVALID, "days", "Give a number of days from 1 to %d.",
                             REVIEW_DAYS_MAX);
        if ((rc = text_check(c, "reason", in->reason, 1, 500, 0)) < 0)
            return rc;
        until = c->now + in->days * 86400;
    }
    what = in->action == REVIEW_SUSPEND   ? "suspend"
           : in->action == REVIEW_SILENCE ? "silence"
                                          : "lift";
    if (in->action == REVIEW_SUSPEND)
        text = arena_printf(c->arena,
                            "Your account is suspended until %s: %s. You cannot sign in or post "
                            "until then.",
                            moderation_time_text(c->arena, until), in->reason);
    else if (in->action == REVIEW_SILENCE)
        text = arena_printf(c->arena,
                            "You are silenced until %s: %s. You can read, but not post, comment "
                            "or flag until then.",
                            moderation_time_text(c->arena, until), in->reason);
    else
        text = "A moderator lifted the restriction on your account.";
    if (db_begin_write(c->db) < 0)
        return domain_db_fail(c, "begin");
    if (restrict_db_set(c->db, author,
                        in->action == REVIEW_SUSPEND ? until
                        : in->action == REVIEW_LIFT  ? 0
                                                     : -1,
                        in->action == REVIEW_SILENCE ? until
                        : in->action == REVIEW_LIFT  ? 0
                                                     : -1,
                        in->action == REVIEW_LIFT ? "" : in->reason) < 0 ||
        (in->action == REVIEW_SUSPEND && store_session_delete_user(c->db, author, NULL) < 0) ||
        (in->action == REVIEW_SUSPEND && trust_demote(c, author) < 0) ||
        audit_db_add(c->db, cm->id, c->uid, what, t->id, pid,
                     in->action == REVIEW_LIFT
                         ? ""
                         : arena_printf(c->arena, "until %s: %s",
                                        moderation_time_text(c->arena, until), in->reason),
                     c->now) < 0)
        return domain_rollback(c, domain_db_fail(c, "restrict"));
    if ((rc = notify_author(c, cm, t, 0, author, text)) < 0)
        return domain_rollback(c, rc);
    if (db_commit(c->db) < 0)
        return domain_db_fail(c, "commit");
    /* lifted: the level is what the record earns again at once (not at the daily sweep) */
    return in->action == REVIEW_LIFT ? trust_recompute(c, author) : 0;
}

/* Publish held post p (approve). The notifications of a new post go out now, as if its
   author had just posted it. */
static int approve(struct ctx *c, struct community *cm, struct thread *t, struct post *p)
{
    struct ctx ac;
    struct thread nt;
    int rc;
    if (!p->held_at || p->deleted_at)
        return error_set(c->err, ERR_CONFLICT, NULL, "This post is not held for review.");
    if (db_begin_write(c->db) < 0)
        return domain_db_fail(c, "begin");
    if (hold_db_publish(c->db, p->id, t->id, p->position == 1) < 0 ||
        thread_db_touch(c->db, t->id, c->now) < 0 || thread_db_recount(c->db, t->id) < 0 ||
        audit_db_add(c->db, cm->id, c->uid, "approve", t->id, p->id, "", c->now) < 0 ||
        thread_db_get(c->db, c->arena, t->id, &nt) < 0)
        return domain_rollback(c, domain_db_fail(c, "approve"));
    p->hidden_at = p->held_at = 0;
    ac = *c;
    ac.uid = p->author_id;
    ac.is_admin = 0;
    ac.system = 0;
    if ((rc = notify_post_created(&ac, cm, &nt, p)) < 0)
        return domain_rollback(c, rc);
    if ((rc = webhook_thread(&ac, p->position == 1 ? "thread.created" : "post.created", cm, &nt,
                             p->id)) < 0)
        return domain_rollback(c, rc);
    if ((rc = notify_author(c, cm, &nt, p->id, p->author_id,
                            arena_printf(c->arena,
                                         "Your post in “%s” was approved by a moderator and is "
                                         "now public.",
                                         nt.title))) < 0)
        return domain_rollback(c, rc);
    /* live publishing stays last before the commit (domain/live.h) */
    if ((rc = p->position == 1 ? live_community_thread(c, cm->id, nt.id)
                               : live_thread_event(c, cm->id, nt.id, "post", p->id)) < 0)
        return domain_rollback(c, rc);
    if (db_commit(c->db) < 0)
        return domain_db_fail(c, "commit");
    return 0;
}

/* Delete post p (agree/delete, reject). */
static int delete_post(struct ctx *c, const struct thread *t, const struct post *p)
{
    if (post_db_set_deleted(c->db, p->id, c->now) < 0 ||
        (p->position == 1 && thread_db_set_deleted(c->db, t->id, c->now) < 0) ||
        (t->accepted_post_id == p->id && thread_db_set_accepted(c->db, t->id, 0) < 0) ||
        (p->held_at && hold_db_clear(c->db, p->id, t->id, p->position == 1) < 0) ||
        thread_db_recount(c->db, t->id) < 0)
        return ERR_DB;
    return 0;
}

/* Each member whose flag this decision resolves (pending ones, and deferred ones unless it
   defers again) is told the outcome: kind flag_outcome, linking to their list of flags. */
static int tell_flaggers(struct ctx *c, const struct community *cm, const struct thread *t,
                         int comment, const struct flag *f, size_t n, enum review_action action,
                         const char *outcome)
{
    size_t i, j;
    for (i = 0; i < n; i++) {
        const char *what, *text;
        int dup = 0, rc;
        if (!str_eq(f[i].status, "pending") &&
            !(str_eq(f[i].status, "deferred") && action != REVIEW_DEFER))
            continue;
        for (j = 0; j < i; j++) /* one note per member, whatever they flagged it for */
            dup |= f[j].flagger_id == f[i].flagger_id &&
                   (str_eq(f[j].status, "pending") || str_eq(f[j].status, "deferred"));
        if (dup)
            continue;
        what = arena_printf(c->arena, "Your flag on a %s in “%s” (%s)",
                            comment ? "comment" : "post", t->title, f[i].reason);
        if (action == REVIEW_AGREE)
            text = arena_printf(c->arena, "%s was agreed with: the %s was %s. Thank you.", what,
                                comment ? "comment" : "post",
                                str_eq(outcome, "delete") ? "deleted"
                                : str_eq(outcome, "edit") ? "edited"
                                                          : "hidden");
        else if (action == REVIEW_DISAGREE)
            text = arena_printf(c->arena, "%s was declined: a moderator found nothing to act on.",
                                what);
        else
            text = arena_printf(c->arena,
                                "%s was set aside without a decision; it counts neither for "
                                "nor against you.",
                                what);
        if ((rc = notify_flag_outcome(c, cm, f[i].flagger_id, text)) < 0)
            return rc;
    }
    return 0;
}

/* Hidden by the spam weight rather than by a moderator. */
static int auto_hidden(const struct post *p)
{
    return p->hidden_at && !p->held_at && !*p->hidden_by_name;
}

int review_act(struct ctx *c, const char *item_kind, int64_t item_id, const struct review_input *in,
               const char **slug)
{
    struct post p;
    struct thread t;
    struct community cm;
    struct flag *flags;
    size_t nflags, i;
    const char *html = NULL, *outcome = "", *status, *text = NULL, *reasons, *detail;
    int64_t author = 0;
    int rc, comment = str_eq(item_kind, "comment"), pending = 0;

    if (!c->uid && !c->system)
        return error_set(c->err, ERR_AUTH, NULL, "Sign in first.");
    if (comment)
        rc = comment_load(c, item_id, &author, &html, &p, &t, &cm);
    else if ((rc = post_get(c, item_id, &p, &t, &cm)) == 0)
        author = p.author_id;
    if (rc < 0)
        return rc;
    if (!review_can(c, &cm))
        return error_set(c->err, ERR_PERM, NULL,
                         "Only moderators and coordinators of %s can review.", cm.name);
    if (slug)
        *slug = cm.slug;
    if ((unsigned)in->action >= REVIEW__MAX)
        return error_set(c->err, ERR_INVALID, "action", "Unknown review action.");
    if (in->action == REVIEW_SUSPEND || in->action == REVIEW_SILENCE || in->action == REVIEW_LIFT)
        return restrict_author(c, &cm, &t, comment ? p.id : item_id, author, in);
    if (in->action == REVIEW_APPROVE || in->action == REVIEW_REJECT) {
        if (comment || !p.held_at || p.deleted_at)
            return error_set(c->err, ERR_CONFLICT, NULL, "This post is not held for review.");
        if (in->action == REVIEW_APPROVE && t.coaching_at)
            return error_set(c->err, ERR_CONFLICT, NULL,
                             "This question is in coaching: it is published from its page "
                             "(docs/moderation.md, Coaching).");
        if (in->action == REVIEW_APPROVE)
            return approve(c, &cm, &t, &p);
        if ((rc = text_check(c, "reason", in->reason, 0, 500, 0)) < 0)
            return rc;
        if (db_begin_write(c->db) < 0)
            return domain_db_fail(c, "begin");
        if (delete_post(c, &t, &p) < 0 || audit_db_add(c->db, cm.id, c->uid, "reject", t.id, p.id,
                                                       in->reason ? in->reason : "", c->now) < 0)
            return domain_rollback(c, domain_db_fail(c, "reject"));
        if (db_commit(c->db) < 0)
            return domain_db_fail(c, "commit");
        return 0;
    }

    /* agree, disagree, defer: the item's pending flags */
    if (flag_db_of_item(c->db, c->arena, comment ? "comment" : "post", item_id, &flags, &nflags) <
        0)
        return domain_db_fail(c, "flags");
    for (i = 0; i < nflags; i++)
        pending += str_eq(flags[i].status, "pending") || str_eq(flags[i].status, "deferred");
    if (!pending)
        return error_set(c->err, ERR_CONFLICT, NULL, "This %s has no open flags.", item_kind);
    reasons = pending_reasons(c, flags, nflags);
    if ((rc = text_check(c, "reason", in->reason, 0, 500, 0)) < 0)
        return rc;
    if (in->action == REVIEW_AGREE) {
        outcome = in->outcome && *in->outcome ? in->outcome : comment ? "delete" : "hide";
        if (!str_eq(outcome, "hide") && !str_eq(outcome, "delete") && !str_eq(outcome, "edit"))
            return error_set(c->err, ERR_INVALID, "outcome", "Choose hide, delete or edit.");
        if (comment && !str_eq(outcome, "delete"))
            return error_set(c->err, ERR_INVALID, "outcome", "A comment can only be deleted.");
        if (str_eq(outcome, "edit")) {
            struct post_edit e;
            if (!in->body_md || !*in->body_md)
                return error_set(c->err, ERR_INVALID, "body", "Give the edited text.");
            memset(&e, 0, sizeof(e));
            e.body_md = in->body_md;
            e.summary = "Edited after review of flags";
            if ((rc = post_edit(c, item_id, &e)) < 0)
                return rc;
        }
    }
    status = in->action == REVIEW_AGREE      ? "agreed"
             : in->action == REVIEW_DISAGREE ? "disagreed"
                                             : "deferred";
    if (in->action == REVIEW_DISAGREE)
        outcome = "none";
    detail = arena_printf(c->arena, "%s%s%s%s%s", reasons, *outcome ? ": " : "", outcome,
                          in->reason && *in->reason ? ": " : "", in->reason ? in->reason : "");
    if (db_begin_write(c->db) < 0)
        return domain_db_fail(c, "begin");
    if (flag_db_resolve(c->db, comment ? "comment" : "post", item_id, status, outcome, c->uid,
                        c->now) < 0)
        return domain_rollback(c, domain_db_fail(c, "flag_resolve"));
    rc = 0;
    if (in->action == REVIEW_AGREE && comment) {
        rc = flag_db_comment_delete(c->db, item_id, c->now, c->uid);
        text = arena_printf(
            c->arena, "Your comment in “%s” was removed after members flagged it (%s)%s%s", t.title,
            reasons, in->reason && *in->reason ? ": " : ".", in->reason ? in->reason : "");
    } else if (in->action == REVIEW_AGREE && str_eq(outcome, "hide")) {
        const char *why =
            in->reason && *in->reason
                ? in->reason
                : arena_printf(c->arena, "Hidden after review: flagged as %s.", reasons);
        if (post_db_set_hidden(c->db, item_id, c->now, c->uid, why) < 0 ||
            thread_db_recount(c->db, t.id) < 0)
            rc = ERR_DB;
        text =
            arena_printf(c->arena, "Your post in “%s” was hidden after review: %s", t.title, why);
    } else if (in->action == REVIEW_AGREE && str_eq(outcome, "delete")) {
        rc = delete_post(c, &t, &p);
        text = arena_printf(
            c->arena, "Your post in “%s” was deleted after members flagged it (%s)%s%s", t.title,
            reasons, in->reason && *in->reason ? ": " : ".", in->reason ? in->reason : "");
    } else if (in->action == REVIEW_AGREE) { /* edit */
        if (auto_hidden(&p) && (post_db_set_hidden(c->db, item_id, 0, 0, "") < 0 ||
                                thread_db_recount(c->db, t.id) < 0))
            rc = ERR_DB;
        text = arena_printf(
            c->arena, "A moderator edited your post in “%s” after members flagged it (%s)%s%s",
            t.title, reasons, in->reason && *in->reason ? ": " : ".", in->reason ? in->reason : "");
    } else if (in->action == REVIEW_DISAGREE && !comment && auto_hidden(&p)) {
        if (post_db_set_hidden(c->db, item_id, 0, 0, "") < 0 || thread_db_recount(c->db, t.id) < 0)
            rc = ERR_DB;
    }
    if (rc < 0 || audit_db_add(c->db, cm.id, c->uid,
                               arena_printf(c->arena, "flag_%s", review_action_name(in->action)),
                               t.id, p.id, detail, c->now) < 0)
        return domain_rollback(c, domain_db_fail(c, "review"));
    if (text && (rc = notify_author(c, &cm, &t, comment ? 0 : item_id, author, text)) < 0)
        return domain_rollback(c, rc);
    if ((rc = tell_flaggers(c, &cm, &t, comment, flags, nflags, in->action, outcome)) < 0)
        return domain_rollback(c, rc);
    if (db_commit(c->db) < 0)
        return domain_db_fail(c, "commit");
    return 0;
}
