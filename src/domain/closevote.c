/* Closing and reopening threads by members' votes: validation, the trust-level check, the
 * count that decides, the close reason made from the votes, its audit entry and the author's
 * notification. See domain/closevote.h; the SQL is in store/closevote.c. */
#include <string.h>

#include "core/util.h"
#include "domain/closevote.h"
#include "domain/domain_int.h"
#include "domain/moderation.h"
#include "domain/notification.h"
#include "domain/thread_int.h"
#include "domain/trust.h"
#include "store/thread.h"

static const char *const reason_names[CLOSE__MAX] = {"duplicate", "off_topic", "needs_details"};
static const char *const reason_labels[CLOSE__MAX] = {"Duplicate", "Off-topic", "Needs details"};

const char *close_reason_name(enum close_reason r)
{
    return (unsigned)r < CLOSE__MAX ? reason_names[r] : "off_topic";
}

const char *close_reason_label(enum close_reason r)
{
    return (unsigned)r < CLOSE__MAX ? reason_labels[r] : "Off-topic";
}

int close_reason_parse(const char *s, enum close_reason *out)
{
    int i;
    for (i = 0; s && i < CLOSE__MAX; i++)
        if (!strcmp(s, reason_names[i])) {
            *out = (enum close_reason)i;
            return 0;
        }
    return -1;
}

int thread_close_state(struct ctx *c, int64_t tid, struct close_state *out)
{
    struct thread t;
    struct community cm;
    size_t i;
    int rc;
    memset(out, 0, sizeof(*out));
    if ((rc = thread_load(c, tid, &t, &cm)) < 0)
        return rc;
    out->kind = t.closed_at ? "reopen" : "close";
    out->needed = trust_close_votes_needed(c);
    out->level = trust_close_level(c);
    out->staff = thread_is_staff(c, &cm);
    out->member = c->uid && thread_is_member(c, &cm);
    if (closevote_db_list(c->db, c->arena, tid, out->kind, &out->votes, &out->n) < 0)
        return domain_db_fail(c, "close votes");
    if (t.closed_at &&
        closevote_db_list(c->db, c->arena, tid, "close", &out->closed, &out->nclosed) < 0)
        return domain_db_fail(c, "close votes");
    for (i = 0; i < out->n; i++)
        out->voted |= c->uid && out->votes[i].user_id == c->uid;
    if (!t.deleted_at && !cm.archived && c->uid)
        out->can_vote =
            out->staff || (out->member && !out->voted && trust_acting_level(c) >= out->level);
    return 0;
}

/* The closed reason made from votes v (the most frequent reason; the first duplicate's
   original): shown on the thread (arena). */
static const char *close_text(struct ctx *c, const struct close_vote *v, size_t n, const char *by)
{
    size_t count[CLOSE__MAX] = {0}, i;
    const struct close_vote *dup = NULL;
    enum close_reason best = CLOSE_OFF_TOPIC, r;
    for (i = 0; i < n; i++)
        if (close_reason_parse(v[i].reason, &r) == 0) {
            count[r]++;
            if (r == CLOSE_DUPLICATE && !dup)
                dup = &v[i];
        }
    for (i = 0; i < CLOSE__MAX; i++)
        if (count[i] > count[best])
            best = (enum close_reason)i;
    if (best == CLOSE_DUPLICATE && dup && *dup->original_title)
        return arena_printf(c->arena, "Closed by %s as a duplicate of “%s” (thread %lld).", by,
                            dup->original_title, (long long)dup->original_id);
    if (best == CLOSE_DUPLICATE)
        return arena_printf(c->arena, "Closed by %s as a duplicate.", by);
    if (best == CLOSE_NEEDS_DETAILS)
        return arena_printf(c->arena, "Closed by %s: it needs more details.", by);
    return arena_printf(c->arena, "Closed by %s as off-topic.", by);
}

/* Check in's reason and original for a close vote on t (in cm) into *v. */
static int check_input(struct ctx *c, const struct thread *t, const struct community *cm,
                       const struct close_vote_input *in, struct close_vote *v)
{
    enum close_reason r;
    memset(v, 0, sizeof(*v));
    if (close_reason_parse(in->reason, &r) < 0)
        return error_set(c->err, ERR_INVALID, "reason",
                         "Choose why: duplicate, off_topic or needs_details.");
    v->reason = close_reason_name(r);
    if (r == CLOSE_DUPLICATE) {
        struct thread o;
        struct community ocm;
        struct errinfo e = {0}, *saved = c->err;
        int rc;
        if (in->original <= 0)
            return error_set(c->err, ERR_INVALID, "original",
                             "Give the number of the original thread.");
        if (in->original == t->id)
            return error_set(c->err, ERR_INVALID, "original",
                             "A thread is not a duplicate of itself.");
        c->err = &e; /* an unreadable original reads as a missing one */
        rc = thread_load(c, in->original, &o, &ocm);
        c->err = saved;
        if (rc == ERR_DB)
            return domain_db_fail(c, "original");
        if (rc < 0 || o.deleted_at || ocm.id != cm->id)
            return error_set(c->err, ERR_INVALID, "original",
                             "There is no thread %lld in %s to be the original.",
                             (long long)in->original, cm->name);
        v->original_id = o.id;
        v->original_title = o.title;
    }
    return 0;
}

int thread_close_vote(struct ctx *c, int64_t tid, const struct close_vote_input *in, int *decided)
{
    struct thread t;
    struct community cm;
    struct close_vote v, *votes;
    size_t n;
    const char *kind, *text;
    int rc, closing;
    if (decided)
        *decided = 0;
    if ((rc = thread_load(c, tid, &t, &cm)) < 0)
        return rc;
    if (!c->uid)
        return error_set(c->err, ERR_AUTH, NULL, "Sign in to vote.");
    if ((rc = moderation_write_check(c)) < 0)
        return rc;
    if (t.deleted_at)
        return error_set(c->err, ERR_CONFLICT, NULL, "This thread was deleted.");
    if (cm.archived)
        return error_set(c->err, ERR_CONFLICT, NULL, "%s is archived and read-only.", cm.name);
    closing = !t.closed_at;
    kind = closing ? "close" : "reopen";
    if (!thread_is_staff(c, &cm)) {
        int64_t need = trust_close_level(c);
        if (!thread_is_member(c, &cm))
            return error_set(c->err, ERR_PERM, NULL, "Join %s to vote on its threads.", cm.name);
        if (trust_acting_level(c) < need)
            return error_set(c->err, ERR_PERM, NULL,
                             "You cannot vote to %s threads yet: it unlocks at trust level "
                             "%lld.",
                             kind, (long long)need);
    }
    if (closing) {
        if ((rc = check_input(c, &t, &cm, in, &v)) < 0)
            return rc;
    } else {
        memset(&v, 0, sizeof(v));
        v.reason = "";
    }
    if (thread_is_staff(c, &cm)) { /* at once, as a moderation action */
        text = closing ? close_text(c, &v, 1, "a moderator") : NULL;
        if ((rc = thread_moderate(c, tid, closing ? MOD_CLOSE : MOD_REOPEN, text, NULL)) < 0)
            return rc; /* it clears the votes of both kinds */
        if (decided)
            *decided = 1;
        return 0;
    }
    if (db_begin_write(c->db) < 0)
        return domain_db_fail(c, "begin");
    rc = closevote_db_add(c->db, tid, c->uid, kind, v.reason, v.original_id, c->now);
    if (rc == ERR_CONFLICT) {
        db_rollback(c->db);
        return error_set(c->err, ERR_CONFLICT, NULL, "You already voted to %s this thread.", kind);
    }
    if (rc < 0 || closevote_db_list(c->db, c->arena, tid, kind, &votes, &n) < 0)
        return domain_rollback(c, domain_db_fail(c, "close vote"));
    if ((int64_t)n >= trust_close_votes_needed(c)) {
        text = closing ? close_text(c, votes, n, "members' vote") : "";
        if (thread_db_set_closed(c->db, tid, closing ? c->now : 0, text) < 0 ||
            closevote_db_clear(c->db, tid, "reopen") < 0 ||
            (!closing && closevote_db_clear(c->db, tid, "close") < 0) ||
            audit_db_add(c->db, cm.id, c->uid, kind, tid, 0,
                         closing ? arena_printf(c->arena, "by %zu votes: %s", n, text)
                                 : arena_printf(c->arena, "by %zu votes", n),
                         c->now) < 0)
            return domain_rollback(c, domain_db_fail(c, "close by vote"));
        if ((rc = notify_moderated(
                 c, &cm, &t, 0, t.author_id,
                 closing ? arena_printf(c->arena, "Your thread “%s” was closed: %s", t.title, text)
                         : arena_printf(c->arena, "Your thread “%s” was reopened by members' vote.",
                                        t.title))) < 0)
            return domain_rollback(c, rc);
        if (decided)
            *decided = 1;
    }
    if (db_commit(c->db) < 0)
        return domain_db_fail(c, "commit");
    return 0;
}

int thread_close_unvote(struct ctx *c, int64_t tid)
{
    struct thread t;
    struct community cm;
    int rc;
    if ((rc = thread_load(c, tid, &t, &cm)) < 0)
        return rc;
    if (!c->uid)
        return error_set(c->err, ERR_AUTH, NULL, "Sign in first.");
    rc = closevote_db_delete(c->db, tid, c->uid, t.closed_at ? "reopen" : "close");
    if (rc < 0)
        return domain_db_fail(c, "retract");
    if (rc == 0)
        return error_set(c->err, ERR_NOTFOUND, NULL, "You have no vote to retract here.");
    return 0;
}
