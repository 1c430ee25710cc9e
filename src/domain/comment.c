/* Comments under posts: the rules of domain/comment.h. Every check goes through the post
 * (post_get applies the community's read rule and withholds hidden or deleted posts), then
 * the thread's reply rule for writing; the write, the notifications and the audit entry
 * share one transaction. */
#include <string.h>

#include "core/utf8.h"
#include "domain/comment.h"
#include "domain/moderation.h"
#include "domain/domain_int.h"
#include "domain/live.h"
#include "domain/notification.h"
#include "domain/thread_int.h"
#include "core/util.h"

static int not_found(struct ctx *c)
{
    return error_set(c->err, ERR_NOTFOUND, NULL, "There is no such comment.");
}

int comment_body_check(const char *body, struct errinfo *e)
{
    const char *s = body ? body : "", *end;
    size_t n = strlen(s), chars;
    if (n > COMMENT_MAX * 4)
        return error_set(e, ERR_INVALID, "body", "A comment is at most %d characters.",
                         COMMENT_MAX);
    if (!utf8_valid(s, n))
        return error_set(e, ERR_INVALID, "body", "The text is not valid UTF-8.");
    while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
        s++;
    end = s + strlen(s);
    while (end > s && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r' || end[-1] == '\n'))
        end--;
    chars = utf8_chars(s, (size_t)(end - s));
    if (chars < COMMENT_MIN)
        return error_set(e, ERR_INVALID, "body", "Write a comment of at least %d characters.",
                         COMMENT_MIN);
    if (chars > COMMENT_MAX)
        return error_set(e, ERR_INVALID, "body",
                         "A comment is at most %d characters (this one has %zu).", COMMENT_MAX,
                         chars);
    return 0;
}

/* The post pid with its thread, community and the viewer's thread permissions, only when
   the viewer may see its text; ERR_NOTFOUND (comment wording when for_comment) otherwise. */
static int load(struct ctx *c, int64_t pid, struct post *p, struct thread *t, struct community *cm,
                struct thread_can *tc)
{
    int rc = post_get(c, pid, p, t, cm);
    if (rc < 0)
        return rc;
    if (!p->body_html)
        return error_set(c->err, ERR_NOTFOUND, NULL, "There is no such thread or post.");
    return thread_get(c, t->id, t, cm, tc);
}

static void can_fill(const struct ctx *c, const struct community *cm, const struct thread *t,
                     const struct comment *x, struct comment_can *can)
{
    int staff = thread_is_staff(c, cm);
    memset(can, 0, sizeof(*can));
    if (cm->archived || t->deleted_at || x->deleted_at || (!c->uid && !c->system))
        return;
    can->edit = staff || (c->uid && x->author_id == c->uid);
    can->del = can->edit;
}

/* Write refusals for a new comment or an edit: signed in, member, not archived, the
   thread's reply rule (locked/closed: staff only), post live. */
static int write_check(struct ctx *c, const struct community *cm, const struct thread *t,
                       const struct thread_can *tc, const struct post *p)
{
    if (!c->uid && !c->system)
        return error_set(c->err, ERR_AUTH, NULL, "Sign in first.");
    if (!thread_is_member(c, cm))
        return error_set(c->err, ERR_PERM, NULL, "Join %s to take part.", cm->name);
    if (cm->archived)
        return error_set(c->err, ERR_CONFLICT, NULL, "%s is archived and read-only.", cm->name);
    if (t->deleted_at || p->deleted_at || p->hidden_at)
        return error_set(c->err, ERR_CONFLICT, NULL, "This post takes no comments.");
    if (!tc->reply)
        return error_set(c->err, ERR_PERM, NULL, "This thread is %s: only moderators can comment.",
                         t->closed_at ? "closed" : "locked");
    return moderation_write_check(c); /* suspended or silenced members do not comment */
}

/* The comments_per_hour setting [COMMENT_PER_HOUR]; 0 = no limit. */
static int64_t per_hour(struct ctx *c)
{
    int64_t v;
    const char *s = settings_get(c, "comments_per_hour", NULL);
    if (!s || str_to_i64(s, &v) < 0 || v < 0)
        return COMMENT_PER_HOUR;
    return v;
}

int comment_rate_check(struct ctx *c, const struct community *cm, int64_t *retry_after)
{
    int64_t max = per_hour(c), have, oldest;
    *retry_after = 0;
    if (c->system || c->is_admin || !c->uid || max <= 0 || thread_is_staff(c, cm))
        return 0;
    if (comment_db_recent(c->db, c->uid, c->now - 3600, &have, &oldest) < 0)
        return domain_db_fail(c, "recent comments");
    if (have < max)
        return 0;
    *retry_after = oldest + 3600 - c->now;
    if (*retry_after < 1)
        *retry_after = 1;
    return error_set(c->err, ERR_RATE, "body",
                     "You have written %lld comments in the last hour, the most this site allows; "
                     "you can comment again in %lld minute%s. Your text is kept below.",
                     (long long)have, (long long)((*retry_after + 59) / 60),
                     (*retry_after + 59) / 60 == 1 ? "" : "s");
}

int64_t comment_rate_retry(struct ctx *c)
{
    int64_t have, oldest, w;
    if (comment_db_recent(c->db, c->uid, c->now - 3600, &have, &oldest) < 0 || !oldest)
        return 60;
    w = oldest + 3600 - c->now;
    return w < 1 ? 1 : w > 3600 ? 3600 : w;
}

int comment_create(struct ctx *c, int64_t pid, const char *body, struct comment *out)
{
    int64_t retry;
    struct post p;
    struct thread t;
    struct community cm;
    struct thread_can tc;
    const char *html, **names;
    size_t nnames;
    int64_t id;
    int rc;

    if ((rc = load(c, pid, &p, &t, &cm, &tc)) < 0)
        return rc;
    if ((rc = write_check(c, &cm, &t, &tc, &p)) < 0)
        return rc;
    if (comment_body_check(body, c->err) < 0)
        return ERR_INVALID;
    if ((rc = thread_render_comment_md(c, body, &html, &names, &nnames)) < 0)
        return rc;
    if ((rc = comment_rate_check(c, &cm, &retry)) < 0)
        return rc;
    if (db_begin_write(c->db) < 0)
        return domain_db_fail(c, "begin");
    if (comment_db_insert(c->db, pid, c->uid, body, html, c->now, &id) < 0)
        return domain_rollback(c, domain_db_fail(c, "comment_insert"));
    if ((rc = notify_comment_created(c, &cm, &t, pid, p.author_id, names, nnames)) < 0 ||
        (rc = live_thread_event(c, cm.id, t.id, "comment", pid)) < 0) /* last: domain/live.h */
        return domain_rollback(c, rc);
    if (db_commit(c->db) < 0)
        return domain_db_fail(c, "commit");
    if (comment_db_get(c->db, c->arena, id, out) < 0)
        return domain_db_fail(c, "comment_get");
    return 0;
}

/* Comment id with its post, thread and community, readable by the viewer. */
static int load_comment(struct ctx *c, int64_t id, struct comment *x, struct post *p,
                        struct thread *t, struct community *cm, struct thread_can *tc)
{
    int rc = id > 0 ? comment_db_get(c->db, c->arena, id, x) : ERR_NOTFOUND;
    if (rc == ERR_NOTFOUND)
        return not_found(c);
    if (rc < 0)
        return domain_db_fail(c, "comment_get");
    if (x->deleted_at)
        return not_found(c);
    if ((rc = load(c, x->post_id, p, t, cm, tc)) < 0)
        return rc == ERR_NOTFOUND ? not_found(c) : rc;
    return 0;
}

int comment_get(struct ctx *c, int64_t id, struct comment *out, struct comment_can *can)
{
    struct post p;
    struct thread t;
    struct community cm;
    struct thread_can tc;
    int rc = load_comment(c, id, out, &p, &t, &cm, &tc);
    if (rc < 0)
        return rc;
    if (can)
        can_fill(c, &cm, &t, out, can);
    return 0;
}

int comment_edit(struct ctx *c, int64_t id, const char *body, struct comment *out)
{
    struct comment x;
    struct comment_can can;
    struct post p;
    struct thread t;
    struct community cm;
    struct thread_can tc;
    const char *html, **names;
    size_t nnames;
    int rc;

    if ((rc = load_comment(c, id, &x, &p, &t, &cm, &tc)) < 0)
        return rc;
    if (!c->uid && !c->system)
        return error_set(c->err, ERR_AUTH, NULL, "Sign in first.");
    can_fill(c, &cm, &t, &x, &can);
    if (cm.archived)
        return error_set(c->err, ERR_CONFLICT, NULL, "%s is archived and read-only.", cm.name);
    if (!can.edit)
        return error_set(c->err, ERR_PERM, NULL,
                         "Only the author or a moderator can edit this comment.");
    if (!thread_is_staff(c, &cm) && (rc = write_check(c, &cm, &t, &tc, &p)) < 0)
        return rc;
    if (comment_body_check(body, c->err) < 0)
        return ERR_INVALID;
    if ((rc = thread_render_comment_md(c, body, &html, &names, &nnames)) < 0)
        return rc;
    if (db_begin_write(c->db) < 0)
        return domain_db_fail(c, "begin");
    if (comment_db_update(c->db, id, body, html, c->now) < 0)
        return domain_rollback(c, domain_db_fail(c, "comment_update"));
    if ((rc = notify_comment_created(c, &cm, &t, x.post_id, -1, names, nnames)) < 0 ||
        (rc = live_thread_event(c, cm.id, t.id, "comment", x.post_id)) < 0)
        return domain_rollback(c, rc);
    if (db_commit(c->db) < 0)
        return domain_db_fail(c, "commit");
    if (out && comment_db_get(c->db, c->arena, id, out) < 0)
        return domain_db_fail(c, "comment_get");
    return 0;
}

int comment_delete(struct ctx *c, int64_t id)
{
    struct comment x;
    struct comment_can can;
    struct post p;
    struct thread t;
    struct community cm;
    struct thread_can tc;
    int rc;

    if ((rc = load_comment(c, id, &x, &p, &t, &cm, &tc)) < 0)
        return rc;
    if (!c->uid && !c->system)
        return error_set(c->err, ERR_AUTH, NULL, "Sign in first.");
    if (cm.archived)
        return error_set(c->err, ERR_CONFLICT, NULL, "%s is archived and read-only.", cm.name);
    can_fill(c, &cm, &t, &x, &can);
    if (!can.del)
        return error_set(c->err, ERR_PERM, NULL,
                         "Only the author or a moderator can delete this comment.");
    if (db_begin_write(c->db) < 0)
        return domain_db_fail(c, "begin");
    if (comment_db_delete(c->db, id, c->uid, c->now) < 0 ||
        (x.author_id != c->uid &&
         audit_db_add(c->db, cm.id, c->uid, "delete_comment", t.id, x.post_id,
                      arena_printf(c->arena, "comment %lld", (long long)id), c->now) < 0))
        return domain_rollback(c, domain_db_fail(c, "comment_delete"));
    if ((rc = live_thread_event(c, cm.id, t.id, "comment", x.post_id)) < 0)
        return domain_rollback(c, rc);
    if (db_commit(c->db) < 0)
        return domain_db_fail(c, "commit");
    return 0;
}

int comment_list(struct ctx *c, int64_t pid, struct comment **out, struct comment_can **cans,
                 size_t *n)
{
    struct post p;
    struct thread t;
    struct community cm;
    struct thread_can tc;
    size_t i;
    int rc;
    *out = NULL;
    *n = 0;
    if (cans)
        *cans = NULL;
    if ((rc = load(c, pid, &p, &t, &cm, &tc)) < 0)
        return rc;
    if (comment_db_list_post(c->db, c->arena, pid, COMMENT_POST_MAX, out, n) < 0)
        return domain_db_fail(c, "comment_list");
    if (cans) {
        *cans = ARENA_ARRAY(c->arena, struct comment_can, *n ? *n : 1);
        for (i = 0; i < *n; i++)
            can_fill(c, &cm, &t, &(*out)[i], &(*cans)[i]);
    }
    return 0;
}
