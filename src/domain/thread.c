/* Threads, questions and answers: validation (titles, bodies, tags), @mentions (resolved for
 * the Markdown renderer's mention hook, which writes the links), list cursors, permissions, and
 * every write (create, reply, edit with revisions, votes, likes, accept, delete, hide, moderation
 * with its audit log, drafts). See domain/thread.h for the rules. Reads go through load_thread,
 * which applies community_can_read, so no function can hand out a thread of a community the
 * viewer may not read. Each write is one db_begin_write transaction including its counters,
 * revisions, mentions and audit entries. The lists and similar threads are in thread_list.c. */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "core/buf.h"
#include "core/log.h"
#include "core/markdown.h"
#include "core/rand.h"
#include "core/utf8.h"
#include "domain/account.h"
#include "domain/expertise.h"
#include "domain/moderation.h"
#include "domain/notification.h"
#include "domain/live.h"
#include "domain/thread.h"
#include "domain/trust.h"
#include "store/closevote.h"
#include "domain/upload.h"
#include "domain/thread_int.h"
#include "domain/webhook.h"
#include "domain/domain_int.h"
#include "store/coaching.h"
#include "store/job.h"
#include "core/util.h"

/* ------------------------------------------------------------------------------------------ */
/* Pure helpers */

static int is_space(int ch)
{
    return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\f' || ch == '\v';
}

int thread_title_check(struct arena *a, const char *title, const char **out, struct errinfo *e)
{
    const char *s = title ? title : "", *end;
    size_t chars;
    if (!utf8_valid(s, strlen(s)) || utf8_has_controls(s, 0))
        return error_set(e, ERR_INVALID, "title", "The title must be one line of plain text.");
    while (*s == ' ' || *s == '\t')
        s++;
    end = s + strlen(s);
    while (end > s && (end[-1] == ' ' || end[-1] == '\t'))
        end--;
    chars = utf8_chars(s, (size_t)(end - s));
    if (chars < THREAD_TITLE_MIN || chars > THREAD_TITLE_MAX)
        return error_set(e, ERR_INVALID, "title", "A title is %d to %d characters.",
                         THREAD_TITLE_MIN, THREAD_TITLE_MAX);
    *out = arena_strndup(a, s, (size_t)(end - s));
    return 0;
}

int thread_body_check(const char *body, struct errinfo *e)
{
    const char *s = body ? body : "";
    size_t n = strlen(s), i;
    if (n > THREAD_BODY_MAX)
        return error_set(e, ERR_TOOBIG, "body", "A post is limited to %d KiB of text.",
                         THREAD_BODY_MAX / 1024);
    if (!utf8_valid(s, n) || utf8_has_controls(s, 1))
        return error_set(e, ERR_INVALID, "body",
                         "The text must be valid UTF-8 without control "
                         "characters.");
    for (i = 0; i < n; i++)
        if (!is_space((unsigned char)s[i]))
            return 0;
    return error_set(e, ERR_INVALID, "body", "Write something first.");
}

int thread_tags_parse(struct arena *a, const char *text, const char ***out, size_t *n,
                      struct errinfo *e)
{
    struct community_tag *tags;
    size_t count, i;
    *out = NULL;
    *n = 0;
    if (text && strlen(text) > 4096)
        return error_set(e, ERR_INVALID, "tags", "A thread has at most %d tags.", THREAD_TAGS_MAX);
    if (community_tags_parse(a, text, &tags, &count, e) < 0)
        return error_set(e, ERR_INVALID, "tags", "%s", e ? e->msg : "Tags are not valid.");
    if (count > THREAD_TAGS_MAX)
        return error_set(e, ERR_INVALID, "tags", "A thread has at most %d tags.", THREAD_TAGS_MAX);
    *out = ARENA_ARRAY(a, const char *, count + 1);
    for (i = 0; i < count; i++)
        (*out)[i] = tags[i].tag;
    *n = count;
    return 0;
}

const char *thread_cursor_encode(struct arena *a, const char *key, const char *order,
                                 const struct thread_cursor *c)
{
    char msg[160], mac[TOKEN_HASH_LEN + 1];
    snprintf(msg, sizeof(msg), "%s|%lld.%lld.%lld", order ? order : "", (long long)c->a,
             (long long)c->b, (long long)c->id);
    keyed_hash(key && *key ? key : "praxis-cursor", msg, mac);
    mac[16] = '\0';
    return arena_printf(a, "%lld.%lld.%lld.%s", (long long)c->a, (long long)c->b, (long long)c->id,
                        mac);
}

/* Parse a decimal int64 (optional '-') from s up to the next '.' or the end. */
static int parse_part(const char **s, int64_t *out)
{
    char tmp[24];
    size_t n = 0;
    const char *p = *s;
    while (*p && *p != '.' && n < sizeof(tmp) - 1)
        tmp[n++] = *p++;
    if (*p && *p != '.')
        return -1;
    tmp[n] = '\0';
    if (!n || (tmp[0] == '+') || str_to_i64(tmp, out) < 0)
        return -1;
    *s = *p ? p + 1 : p;
    return 0;
}

int thread_cursor_decode(const char *key, const char *order, const char *s,
                         struct thread_cursor *out)
{
    struct thread_cursor c;
    const char *p = s, *want;
    struct arena a;
    size_t i;
    int ok;
    if (!s || !*s || strlen(s) > THREAD_CURSOR_MAX)
        return -1;
    for (i = 0; s[i]; i++)
        if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f') || s[i] == '.' ||
              s[i] == '-'))
            return -1;
    if (parse_part(&p, &c.a) < 0 || parse_part(&p, &c.b) < 0 || parse_part(&p, &c.id) < 0)
        return -1;
    if (c.a < 0 || c.a > 1 || c.id <= 0 || strlen(p) != 16)
        return -1;
    arena_init(&a);
    want = thread_cursor_encode(&a, key, order, &c);
    ok = const_time_eq(want, s);
    arena_release(&a);
    if (!ok)
        return -1;
    *out = c;
    return 0;
}

/* ------------------------------------------------------------------------------------------ */
/* Shared helpers (thread_int.h) */

int thread_not_found(struct ctx *c)
{
    return error_set(c->err, ERR_NOTFOUND, NULL, "There is no such thread or post.");
}

int thread_is_staff(const struct ctx *c, const struct community *cm)
{
    return c->system || c->is_admin || (c->uid && cm->viewer_role >= ROLE_MODERATOR);
}

static int is_member(const struct ctx *c, const struct community *cm)
{
    return c->system || c->is_admin || (c->uid && cm->viewer_role >= ROLE_MEMBER);
}

int thread_load(struct ctx *c, int64_t tid, struct thread *t, struct community *cm)
{
    int rc = tid > 0 ? thread_db_get(c->db, c->arena, tid, t) : ERR_NOTFOUND;
    if (rc == ERR_NOTFOUND)
        return thread_not_found(c);
    if (rc < 0)
        return domain_db_fail(c, "thread_get");
    rc = community_db_get_id(c->db, c->arena, t->community_id, c->uid, cm);
    if (rc == ERR_NOTFOUND)
        return thread_not_found(c);
    if (rc < 0)
        return domain_db_fail(c, "community_get");
    /* A question in coaching: its coaches may read it too (domain/moderation.h). */
    if (t->coaching_at && community_can_read(c, cm) &&
        moderation_can_coach(c, cm, NULL, &t->viewer_coach) < 0)
        return c->err->code;
    /* A thread held for review is "deleted" for everyone but staff and its author. */
    if (!community_can_read(c, cm) ||
        (t->deleted_at && !thread_is_staff(c, cm) && !t->viewer_coach &&
         !(t->held_at && c->uid && c->uid == t->author_id))) {
        /* a members-only community asks a visitor to sign in; the rest is "not found" */
        if (!c->uid && cm->visibility == COMMUNITY_MEMBERS && !community_can_read(c, cm))
            rc = community_read_refused(c, cm);
        else
            rc = thread_not_found(c);
        memset(t, 0, sizeof(*t));
        memset(cm, 0, sizeof(*cm));
        return rc;
    }
    return 0;
}

static void can_fill(struct ctx *c, const struct community *cm, const struct thread *t,
                     struct thread_can *can)
{
    int staff = thread_is_staff(c, cm);
    memset(can, 0, sizeof(*can));
    if (cm->archived || t->deleted_at)
        return;
    can->vote = is_member(c, cm);
    can->reply = can->vote && ((!t->locked && !t->closed_at) || staff);
    can->moderate = staff;
    can->accept = t->kind == THREAD_QUESTION && c->uid && (staff || c->uid == t->author_id);
    can->edit = staff || (c->uid && c->uid == t->author_id);
    if (can->vote && !staff) { /* members' level-based privileges (one keyed read) */
        int64_t level = trust_acting_level(c);
        can->edit_others = level >= trust_edit_level(c);
        can->retag = !can->edit && level >= trust_retag_level(c);
        can->close_vote = level >= trust_close_level(c);
    }
}

/* Permissions and withheld bodies of p for the viewer. */
static void post_fill(const struct ctx *c, const struct community *cm, const struct thread *t,
                      const struct thread_can *tc, struct post *p)
{
    int staff = thread_is_staff(c, cm);
    int own = c->uid && p->author_id == c->uid;
    int live = !p->deleted_at && !p->hidden_at;
    memset(&p->can, 0, sizeof(p->can));
    p->accepted = t->accepted_post_id && p->id == t->accepted_post_id;
    int coach = t->coaching_at && t->viewer_coach && p->held_at;
    if ((p->hidden_at && !staff && !own && !coach) || (p->deleted_at && !staff)) {
        p->body_md = NULL;
        p->body_html = NULL;
    }
    if (t->coaching_at && !cm->archived) /* the author (and staff) edit a question in coaching */
        p->can.edit = !p->deleted_at && (staff || own);
    if (cm->archived || t->deleted_at)
        return;
    p->can.edit = !p->deleted_at &&
                  (staff || (own && !p->hidden_at) || (tc->edit_others && !own && !p->hidden_at));
    p->can.vote_up = tc->vote && !own && live;
    p->can.vote_down = p->can.vote_up && t->kind == THREAD_QUESTION && p->position > 1;
    p->can.like = tc->vote && !own && live && t->kind == THREAD_DISCUSSION;
    p->can.accept = tc->accept && live && t->kind == THREAD_QUESTION && p->position > 1;
    p->can.del = !p->deleted_at && (own || staff);
    p->can.hide = staff && !p->deleted_at;
    p->can.flag = c->uid && !own && live && tc->vote;
    p->can.retag = p->position == 1 && !p->can.edit && tc->retag && !own && live;
}

/* The renderer's @mention hook (struct markdown_opts.mention) for one post: the first
   THREAD_MENTIONS_MAX distinct valid account names (case-insensitive, kept as first
   written) are looked up once each; a name that exists becomes a link to /u/NAME. */
struct mention_set {
    struct ctx *c;
    const char **names; /* distinct valid names met, in order */
    int *exists;        /* exists[i]: names[i] is an account */
    size_t n;
    int rc; /* ERR_DB once a lookup failed (ctx error set) */
};

static const char *mention_hook(void *ud, const char *name)
{
    struct mention_set *s = ud;
    size_t i;
    if (s->rc < 0 || account_check_name(name, NULL) < 0)
        return NULL;
    for (i = 0; i < s->n; i++)
        if (!strcasecmp(s->names[i], name))
            break;
    if (i == s->n) {
        int ex = 0;
        if (s->n >= THREAD_MENTIONS_MAX)
            return NULL;
        if (mention_db_user_exists(s->c->db, name, &ex) < 0) {
            s->rc = domain_db_fail(s->c, "mention_lookup");
            return NULL;
        }
        s->names[s->n] = arena_strdup(s->c->arena, name);
        s->exists[s->n] = ex;
        s->n++;
    }
    return s->exists[i] ? arena_printf(s->c->arena, "/u/%s", name) : NULL;
}

/* Render md (checked) to HTML with @mention links; *names and *nnames get the mentioned names
   that exist. inline_only 0: a post, full Markdown with this instance's upload images shown
   (when cm is given, only those all of cm's readers may load: upload_markdown_hook_in, else
   ERR_INVALID on "body"); 1: a comment, the inline subset (markdown_opts.inline_only). */
static int render_as(struct ctx *c, const struct community *cm, const char *md, int inline_only,
                     const char **html, const char ***names, size_t *nnames)
{
    struct upload_embed embed = {0};
    struct buf b;
    struct mention_set set;
    struct markdown_opts o = {0};
    size_t i, k = 0;
    int rc;
    if (thread_body_check(md, c->err) < 0)
        return c->err->code;
    memset(&set, 0, sizeof(set));
    set.c = c;
    set.names = ARENA_ARRAY(c->arena, const char *, THREAD_MENTIONS_MAX + 1);
    set.exists = ARENA_ARRAY(c->arena, int, THREAD_MENTIONS_MAX + 1);
    o.ud = &set;
    o.mention = mention_hook;
    o.inline_only = inline_only;
    if (!inline_only && cm)
        upload_markdown_hook_in(c, &o, &embed, cm); /* images all of cm's readers can load */
    else if (!inline_only)
        upload_markdown_hook(c, &o); /* this instance's uploaded images are shown */
    buf_init(&b, 0);
    rc = markdown_render_opts(&b, md, strlen(md), &o);
    if (set.rc < 0) {
        buf_release(&b);
        return set.rc;
    }
    if (rc < 0 || b.err) {
        buf_release(&b);
        return error_set(c->err, rc == ERR_TOOBIG || b.err ? ERR_TOOBIG : ERR_INVALID, "body",
                         "The text could not be rendered.");
    }
    if (upload_embed_check(c, &embed, "body") < 0) {
        buf_release(&b);
        return ERR_INVALID;
    }
    *html = arena_strdup(c->arena, b.data);
    buf_release(&b);
    for (i = 0; i < set.n; i++)
        if (set.exists[i])
            set.names[k++] = set.names[i];
    *names = set.names;
    *nnames = k;
    return 0;
}

/* A post of community cm (NULL: no embedding check). */
static int render(struct ctx *c, const struct community *cm, const char *md, const char **html,
                  const char ***names, size_t *nnames)
{
    return render_as(c, cm, md, 0, html, names, nnames);
}

int thread_render_md(struct ctx *c, const char *md, const char **html, const char ***names,
                     size_t *nnames)
{
    return render_as(c, NULL, md, 0, html, names, nnames);
}

int thread_render_comment_md(struct ctx *c, const char *md, const char **html, const char ***names,
                             size_t *nnames)
{
    return render_as(c, NULL, md, 1, html, names, nnames);
}

int thread_comment_render(struct ctx *c, const char *md, const char **html)
{
    const char **names;
    size_t nnames;
    return render_as(c, NULL, md, 1, html, &names, &nnames);
}

int thread_is_member(const struct ctx *c, const struct community *cm)
{
    return is_member(c, cm);
}

int thread_post_render(struct ctx *c, const char *md, const char **html)
{
    const char **names;
    size_t nnames;
    return render(c, NULL, md, html, &names, &nnames);
}

/* Tags from input checked against cm's vocabulary. Unknown tags are refused, or (proposals
   allowed) returned in *prop and left off. *text gets "a b c". */
static int tags_resolve(struct ctx *c, struct community *cm, const char *tags_text,
                        const char *const *list, size_t nlist, int has_list, const char ***out,
                        size_t *n, const char ***prop, size_t *nprop, const char **text)
{
    const char **tags;
    size_t ntags, i, j;
    struct buf b;
    int proposals = 0;
    *out = NULL;
    *n = 0;
    *nprop = 0;
    *prop = NULL;
    if (has_list) {
        struct buf t;
        buf_init(&t, 0);
        if (nlist > THREAD_TAGS_MAX) {
            buf_release(&t);
            return error_set(c->err, ERR_INVALID, "tags", "A thread has at most %d tags.",
                             THREAD_TAGS_MAX);
        }
        for (i = 0; i < nlist; i++) {
            if (!list[i] || !*list[i] || strchr(list[i], ',') || strchr(list[i], ' ')) {
                buf_release(&t);
                return error_set(c->err, ERR_INVALID, "tags",
                                 "Each tag is 1 to %d characters of a-z, 0-9 and -.",
                                 COMMUNITY_TAG_MAX);
            }
            buf_printf(&t, "%s ", list[i]);
        }
        tags_text = arena_strdup(c->arena, t.data);
        buf_release(&t);
    }
    if (thread_tags_parse(c->arena, tags_text, &tags, &ntags, c->err) < 0)
        return ERR_INVALID;
    if (!cm->tags && community_db_tags(c->db, c->arena, cm->id, &cm->tags, &cm->ntags) < 0)
        return domain_db_fail(c, "tags");
    *out = ARENA_ARRAY(c->arena, const char *, ntags + 1);
    *prop = ARENA_ARRAY(c->arena, const char *, ntags + 1);
    for (i = 0; i < ntags; i++) {
        int known = 0;
        for (j = 0; j < cm->ntags; j++)
            if (!strcmp(cm->tags[j].tag, tags[i]))
                known = 1;
        if (known) {
            (*out)[(*n)++] = tags[i];
            continue;
        }
        if (!*nprop && tag_proposal_db_enabled(c->db, cm->id, &proposals) < 0)
            return domain_db_fail(c, "proposals");
        if (!proposals)
            return error_set(c->err, ERR_INVALID, "tags",
                             "\"%s\" is not one of this community's tags.", tags[i]);
        (*prop)[(*nprop)++] = tags[i];
    }
    buf_init(&b, 0);
    for (i = 0; i < *n; i++)
        buf_printf(&b, "%s%s", i ? " " : "", (*out)[i]);
    *text = arena_strdup(c->arena, b.data);
    buf_release(&b);
    return 0;
}

int thread_can_start(const struct ctx *c, const struct community *cm)
{
    return (c->uid || c->system) && is_member(c, cm) && !cm->archived;
}

/* Common refusals for writing in cm (thread_can_start says yes exactly when these pass). */
static int write_check(struct ctx *c, const struct community *cm)
{
    if (!c->uid && !c->system)
        return error_set(c->err, ERR_AUTH, NULL, "Sign in first.");
    if (!is_member(c, cm))
        return error_set(c->err, ERR_PERM, NULL, "Join %s to take part.", cm->name);
    if (cm->archived)
        return error_set(c->err, ERR_CONFLICT, NULL, "%s is archived and read-only.", cm->name);
    return moderation_write_check(c);
}

/* ------------------------------------------------------------------------------------------ */
/* Threads and posts */

/* Question t (just inserted, held) of cm enters coaching, inside the write transaction:
   coaching_at set, an audit entry, its coaches told (those whose stored trust level is at
   least the community's coaching level, and its staff; at most 200), and, when the
   community publishes coached questions after s->hours, a "coaching_publish" job due then
   (domain/coaching.h). 0 or a negative err with the ctx error set. */
static int coaching_begin(struct ctx *c, const struct community *cm, const struct thread *t,
                          const struct coaching_settings *s)
{
    int64_t *ids, jid;
    size_t n, i;
    int rc;
    const char *text =
        arena_printf(c->arena, "A new question waits for coaching in %s: “%s”", cm->name, t->title);
    const char *link = arena_printf(c->arena, "/c/%s/t/%lld", cm->slug, (long long)t->id);
    if (coaching_db_start(c->db, t->id, c->now) < 0 ||
        audit_db_add(c->db, cm->id, c->uid, "coaching", t->id, 0, "", c->now) < 0 ||
        coaching_db_coach_ids(c->db, c->arena, cm->id, s->level, c->uid, c->now, 200, &ids, &n) < 0)
        return domain_db_fail(c, "coaching");
    for (i = 0; i < n; i++)
        if ((rc = notify_coaching(c, cm, ids[i], "", text, link)) < 0)
            return rc;
    if (s->hours > 0) {
        char key[64], payload[64];
        snprintf(key, sizeof(key), "coaching_publish:%lld", (long long)t->id);
        snprintf(payload, sizeof(payload), "{\"thread\":%lld}", (long long)t->id);
        if (store_job_enqueue(c->db, "coaching_publish", payload, c->now + s->hours * 3600,
                              JOB_MAX_ATTEMPTS, key, c->now, &jid) < 0)
            return domain_db_fail(c, "coaching_job");
    }
    return 0;
}

int thread_create(struct ctx *c, struct community *cm, const struct thread_input *in,
                  struct thread *out)
{
    struct thread t;
    struct post p;
    struct post_revision r;
    const char **tags, **prop, **names, *html, *tags_text = "", *held;
    size_t ntags, nprop, nnames, i;
    int64_t pos, retry;
    struct coaching_settings coach_set;
    int rc, coached = 0;

    if (!community_can_read(c, cm))
        return thread_not_found(c);
    if ((rc = write_check(c, cm)) < 0)
        return rc;
    memset(&t, 0, sizeof(t));
    if (thread_kind_parse(in->kind && *in->kind ? in->kind : "discussion", &t.kind) < 0)
        return error_set(c->err, ERR_INVALID, "kind", "A thread is a question or a discussion.");
    if (thread_title_check(c->arena, in->title, &t.title, c->err) < 0)
        return ERR_INVALID;
    if ((rc = thread_body_check(in->body_md, c->err)) < 0)
        return rc;
    if ((rc = tags_resolve(c, cm, in->tags_text, in->tags, in->ntags, in->has_tags, &tags, &ntags,
                           &prop, &nprop, &tags_text)) < 0)
        return rc;
    if ((rc = render(c, cm, in->body_md, &html, &names, &nnames)) < 0)
        return rc;
    if ((rc = trust_post_limit(c, 1, &retry)) < 0)
        return rc;
    if ((rc = moderation_hold_check(c, cm, 0, in->body_md, &held)) < 0)
        return rc;
    if (!held && (rc = moderation_coaching_check(c, cm, t.kind == THREAD_QUESTION, &coach_set,
                                                 &coached)) < 0)
        return rc;
    if (coached) /* stored as held, plus coaching_at: see docs/internals/moderation.md */
        held = "In coaching: the community's coaches help with this question before it is "
               "published.";
    t.community_id = cm->id;
    t.tags_text = tags_text;
    t.author_id = c->uid;
    t.created_at = c->now;
    memset(&p, 0, sizeof(p));
    p.author_id = c->uid;
    p.body_md = in->body_md;
    p.body_html = html;
    p.created_at = c->now;
    if (held) { /* hidden until a moderator approves it: see docs/internals/moderation.md */
        t.deleted_at = t.held_at = p.hidden_at = p.held_at = c->now;
        p.hide_reason = held;
    }
    if (db_begin_write(c->db) < 0)
        return domain_db_fail(c, "begin");
    if (thread_db_insert(c->db, &t) < 0 || thread_db_next_position(c->db, t.id, &pos) < 0)
        return domain_rollback(c, domain_db_fail(c, "thread_insert"));
    p.thread_id = t.id;
    p.position = pos;
    if (post_db_insert(c->db, &p) < 0)
        return domain_rollback(c, domain_db_fail(c, "post_insert"));
    memset(&r, 0, sizeof(r));
    r.post_id = p.id;
    r.rev = 1;
    r.author_id = c->uid;
    r.created_at = c->now;
    r.title = t.title;
    r.tags = tags_text;
    r.body_md = in->body_md;
    if (revision_db_insert(c->db, &r) < 0 || thread_db_tags_replace(c->db, t.id, tags, ntags) < 0 ||
        mention_db_replace(c->db, p.id, names, nnames) < 0 || thread_db_recount(c->db, t.id) < 0)
        return domain_rollback(c, domain_db_fail(c, "thread_create"));
    for (i = 0; i < nprop; i++)
        if (tag_proposal_db_add(c->db, cm->id, prop[i], c->uid, c->now) < 0)
            return domain_rollback(c, domain_db_fail(c, "proposal"));
    if (held && !coached &&
        audit_db_add(c->db, cm->id, c->uid, "hold", t.id, p.id, held, c->now) < 0)
        return domain_rollback(c, domain_db_fail(c, "hold"));
    if (coached && (rc = coaching_begin(c, cm, &t, &coach_set)) < 0)
        return domain_rollback(c, rc);
    if (!held && (rc = notify_post_created(c, cm, &t, &p)) < 0) /* else when approved */
        return domain_rollback(c, rc);
    if (!held && (rc = webhook_thread(c, "thread.created", cm, &t, p.id)) < 0)
        return domain_rollback(c, rc);
    if (c->uid &&
        draft_db_delete(c->db, c->uid, arena_printf(c->arena, "new:%lld", (long long)cm->id)) < 0)
        return domain_rollback(c, domain_db_fail(c, "draft"));
    if (!held && (rc = live_community_thread(c, cm->id, t.id)) < 0) /* domain/live.c */
        return domain_rollback(c, rc);
    if (db_commit(c->db) < 0)
        return domain_db_fail(c, "commit");
    trust_recompute(c, c->uid); /* a post can promote (domain/trust.h); best effort */
    if (thread_db_get(c->db, c->arena, t.id, out) < 0)
        return domain_db_fail(c, "thread_get");
    return 0;
}

/* 1 if p is held for review and the viewer is neither staff nor its author (nor, in a
   question in coaching, one of its coaches). */
static int held_hidden(const struct ctx *c, const struct community *cm, const struct thread *t,
                       const struct post *p)
{
    return p->held_at && !thread_is_staff(c, cm) && !(c->uid && c->uid == p->author_id) &&
           !(t->coaching_at && t->viewer_coach);
}

/* Load post pid with its thread and community for the viewer (read check applied). */
static int load_post(struct ctx *c, int64_t pid, struct post *p, struct thread *t,
                     struct community *cm, struct thread_can *tc)
{
    int rc = pid > 0 ? post_db_get(c->db, c->arena, pid, c->uid, p) : ERR_NOTFOUND;
    if (rc == ERR_NOTFOUND)
        return thread_not_found(c);
    if (rc < 0)
        return domain_db_fail(c, "post_get");
    if ((rc = thread_load(c, p->thread_id, t, cm)) < 0)
        return rc;
    if (held_hidden(c, cm, t, p))
        return thread_not_found(c);
    can_fill(c, cm, t, tc);
    post_fill(c, cm, t, tc, p);
    return 0;
}

int thread_reply(struct ctx *c, int64_t tid, const char *body_md, int64_t reply_to,
                 struct post *out)
{
    struct thread t;
    struct community cm;
    struct thread_can tc;
    struct post p;
    struct post_revision r;
    const char **names, *html, *held;
    size_t nnames;
    int64_t pos, retry;
    int rc;

    if ((rc = thread_load(c, tid, &t, &cm)) < 0)
        return rc;
    if ((rc = write_check(c, &cm)) < 0)
        return rc;
    if (t.deleted_at)
        return error_set(c->err, ERR_CONFLICT, NULL, "This thread was deleted.");
    can_fill(c, &cm, &t, &tc);
    if (!tc.reply)
        return error_set(c->err, ERR_PERM, NULL, "This thread is %s: only moderators can reply.",
                         t.closed_at ? "closed" : "locked");
    if (reply_to) {
        struct post rp;
        rc = post_db_get(c->db, c->arena, reply_to, 0, &rp);
        if (rc == ERR_NOTFOUND || (rc == 0 && rp.thread_id != tid))
            return error_set(c->err, ERR_INVALID, "reply_to",
                             "You can only reply to a post of this thread.");
        if (rc < 0)
            return domain_db_fail(c, "post_get");
    }
    if ((rc = render(c, &cm, body_md, &html, &names, &nnames)) < 0)
        return rc;
    if ((rc = trust_post_limit(c, 0, &retry)) < 0)
        return rc;
    if ((rc = moderation_hold_check(c, &cm, tid, body_md, &held)) < 0)
        return rc;
    memset(&p, 0, sizeof(p));
    if (held) { /* hidden until a moderator approves it */
        p.hidden_at = p.held_at = c->now;
        p.hide_reason = held;
    }
    p.thread_id = tid;
    p.author_id = c->uid;
    p.reply_to_post_id = reply_to;
    p.body_md = body_md;
    p.body_html = html;
    p.created_at = c->now;
    if (db_begin_write(c->db) < 0)
        return domain_db_fail(c, "begin");
    if (thread_db_next_position(c->db, tid, &pos) < 0)
        return domain_rollback(c, domain_db_fail(c, "position"));
    p.position = pos;
    if (post_db_insert(c->db, &p) < 0)
        return domain_rollback(c, domain_db_fail(c, "post_insert"));
    memset(&r, 0, sizeof(r));
    r.post_id = p.id;
    r.rev = 1;
    r.author_id = c->uid;
    r.created_at = c->now;
    r.body_md = body_md;
    if (revision_db_insert(c->db, &r) < 0 || mention_db_replace(c->db, p.id, names, nnames) < 0 ||
        (!held && thread_db_touch(c->db, tid, c->now) < 0) || thread_db_recount(c->db, tid) < 0 ||
        (c->uid &&
         draft_db_delete(c->db, c->uid, arena_printf(c->arena, "reply:%lld", (long long)tid)) < 0))
        return domain_rollback(c, domain_db_fail(c, "reply"));
    if (held && audit_db_add(c->db, cm.id, c->uid, "hold", tid, p.id, held, c->now) < 0)
        return domain_rollback(c, domain_db_fail(c, "hold"));
    if (!held && (rc = notify_post_created(c, &cm, &t, &p)) < 0) /* else when approved */
        return domain_rollback(c, rc);
    if (!held && (rc = webhook_thread(c, "post.created", &cm, &t, p.id)) < 0)
        return domain_rollback(c, rc);
    /* live publishing stays last before the commit: on PostgreSQL it holds a lock till then */
    if (!held && (rc = live_thread_event(c, cm.id, tid, "post", p.id)) < 0)
        return domain_rollback(c, rc);
    if (db_commit(c->db) < 0)
        return domain_db_fail(c, "commit");
    trust_recompute(c, c->uid); /* a post can promote (domain/trust.h); best effort */
    return load_post(c, p.id, out, &t, &cm, &tc);
}

int thread_get(struct ctx *c, int64_t tid, struct thread *t, struct community *cm,
               struct thread_can *can)
{
    int rc = thread_load(c, tid, t, cm);
    if (rc < 0)
        return rc;
    if (can)
        can_fill(c, cm, t, can);
    return 0;
}

/* thread_view and thread_view_page: for_page loads the posts with post_db_page_view. */
static int view_load(struct ctx *c, int64_t tid, int64_t page, int for_page,
                     struct thread_view *out)
{
    size_t i;
    int rc;
    memset(out, 0, sizeof(*out));
    if ((rc = thread_load(c, tid, &out->t, &out->cm)) < 0)
        return rc;
    if (community_db_tags(c->db, c->arena, out->cm.id, &out->cm.tags, &out->cm.ntags) < 0)
        return domain_db_fail(c, "tags");
    can_fill(c, &out->cm, &out->t, &out->can);
    out->total_posts = out->t.post_count;
    out->npages = (out->total_posts + THREAD_PAGE_POSTS - 1) / THREAD_PAGE_POSTS;
    if (out->npages < 1)
        out->npages = 1;
    if (page < 1)
        page = 1;
    if (page > out->npages)
        page = out->npages;
    out->page = page;
    if ((for_page ? post_db_page_view
                  : post_db_page)(c->db, c->arena, tid, out->t.kind == THREAD_QUESTION,
                                  out->t.accepted_post_id, (page - 1) * THREAD_PAGE_POSTS,
                                  THREAD_PAGE_POSTS, c->uid, &out->posts, &out->nposts) < 0)
        return domain_db_fail(c, "posts");
    {
        size_t k = 0; /* posts held for review exist only for staff and their author */
        for (i = 0; i < out->nposts; i++) {
            post_fill(c, &out->cm, &out->t, &out->can, &out->posts[i]);
            if (!held_hidden(c, &out->cm, &out->t, &out->posts[i]))
                out->posts[k++] = out->posts[i];
        }
        out->nposts = k;
    }
    if (c->uid) {
        int64_t last = 0;
        for (i = 0; i < out->nposts; i++)
            if (out->posts[i].position > last)
                last = out->posts[i].position;
        notifications_thread_viewed(c, tid, last);
    }
    return 0;
}

int thread_view(struct ctx *c, int64_t tid, int64_t page, struct thread_view *out)
{
    return view_load(c, tid, page, 0, out);
}

int thread_view_page(struct ctx *c, int64_t tid, int64_t page, struct thread_view *out)
{
    return view_load(c, tid, page, 1, out);
}

int post_get(struct ctx *c, int64_t pid, struct post *p, struct thread *t, struct community *cm)
{
    struct thread_can tc;
    return load_post(c, pid, p, t, cm, &tc);
}

int post_edit(struct ctx *c, int64_t pid, const struct post_edit *in)
{
    struct post p, raw;
    struct thread t;
    struct community cm;
    struct thread_can tc;
    struct post_revision r;
    const char **tags = NULL, **prop = NULL, **names, *html, *title, *tags_text, *body;
    size_t ntags = 0, nprop = 0, nnames, i;
    int rc, opening, tags_changed = 0;

    if ((rc = load_post(c, pid, &p, &t, &cm, &tc)) < 0)
        return rc;
    if ((rc = write_check(c, &cm)) < 0 && !(rc == ERR_PERM && c->uid == p.author_id))
        return rc;
    if (p.deleted_at)
        return error_set(c->err, ERR_CONFLICT, NULL, "This post was deleted.");
    if (post_db_get(c->db, c->arena, pid, 0, &raw) < 0)
        return domain_db_fail(c, "post_get");
    if (!p.can.edit) {
        /* Members at trust_edit_level [3] may edit others' live posts, and members at
           trust_retag_level [2] may change only the tags of others' threads
           (domain/trust.h); p.can and tc say so. Otherwise the refusal names the level. */
        int other = c->uid && p.author_id != c->uid && !p.hidden_at && tc.vote;
        int tags_only = p.position == 1 && (in->tags_text || in->has_tags) &&
                        (!in->body_md || !strcmp(in->body_md, raw.body_md)) &&
                        (!in->title || str_eq(in->title, t.title));
        if (!(other && tags_only && tc.retag)) {
            if (other && tags_only)
                return error_set(c->err, ERR_PERM, NULL,
                                 "You cannot retag this thread yet: retagging others' threads "
                                 "unlocks at trust level %lld.",
                                 (long long)trust_retag_level(c));
            return error_set(c->err, ERR_PERM, NULL,
                             other ? "You cannot edit this post yet: editing others' posts "
                                     "unlocks at trust level %lld."
                                   : "You cannot edit this post.",
                             (long long)trust_edit_level(c));
        }
    }
    opening = p.position == 1;
    body = in->body_md ? in->body_md : raw.body_md;
    title = t.title;
    tags_text = t.tags_text;
    if (opening && in->title && thread_title_check(c->arena, in->title, &title, c->err) < 0)
        return ERR_INVALID;
    if (opening && (in->tags_text || in->has_tags)) {
        if ((rc = tags_resolve(c, &cm, in->tags_text, in->tags, in->ntags, in->has_tags, &tags,
                               &ntags, &prop, &nprop, &tags_text)) < 0)
            return rc;
        tags_changed = 1;
    }
    if (in->summary &&
        (strlen(in->summary) > 1000 || !utf8_valid(in->summary, strlen(in->summary)) ||
         utf8_has_controls(in->summary, 0) ||
         utf8_chars(in->summary, strlen(in->summary)) > THREAD_SUMMARY_MAX))
        return error_set(c->err, ERR_INVALID, "summary",
                         "An edit summary is one line of at most %d characters.",
                         THREAD_SUMMARY_MAX);
    if ((rc = render(c, &cm, body, &html, &names, &nnames)) < 0)
        return rc;
    if (!strcmp(body, raw.body_md) && str_eq(title, t.title) && str_eq(tags_text, t.tags_text))
        return 0; /* nothing changed: no revision */
    memset(&r, 0, sizeof(r));
    r.post_id = pid;
    r.rev = raw.edit_count + 2;
    r.author_id = c->uid;
    r.created_at = c->now;
    r.title = opening ? title : NULL;
    r.tags = opening ? tags_text : NULL;
    r.body_md = body;
    r.summary = in->summary ? in->summary : "";
    if (db_begin_write(c->db) < 0)
        return domain_db_fail(c, "begin");
    if (post_db_update_body(c->db, pid, body, html, c->now) < 0 ||
        revision_db_insert(c->db, &r) < 0 || mention_db_replace(c->db, pid, names, nnames) < 0 ||
        (opening && thread_db_set_title_tags(c->db, t.id, title, tags_text) < 0) ||
        (tags_changed && thread_db_tags_replace(c->db, t.id, tags, ntags) < 0) ||
        (c->uid &&
         draft_db_delete(c->db, c->uid, arena_printf(c->arena, "edit:%lld", (long long)pid)) < 0))
        return domain_rollback(c, domain_db_fail(c, "edit"));
    for (i = 0; i < nprop; i++)
        if (tag_proposal_db_add(c->db, cm.id, prop[i], c->uid, c->now) < 0)
            return domain_rollback(c, domain_db_fail(c, "proposal"));
    /* a question in coaching is not public: nobody is told of its edits */
    if (!t.coaching_at && ((rc = notify_post_edited(c, &cm, &t, pid)) < 0 ||
                           (rc = webhook_thread(c, "post.edited", &cm, &t, pid)) < 0 ||
                           (rc = live_thread_event(c, cm.id, t.id, "edit", pid)) < 0))
        return domain_rollback(c, rc);
    if (db_commit(c->db) < 0)
        return domain_db_fail(c, "commit");
    return 0;
}

/* Read check for a post's history: the body must not be withheld from the viewer. */
static int history_check(struct ctx *c, int64_t pid)
{
    struct post p;
    struct thread t;
    struct community cm;
    struct thread_can tc;
    int rc = load_post(c, pid, &p, &t, &cm, &tc);
    if (rc < 0)
        return rc;
    if (!p.body_md)
        return error_set(c->err, ERR_PERM, NULL, "This post is hidden; its history is too.");
    return 0;
}

int post_revisions(struct ctx *c, int64_t pid, struct post_revision **out, size_t *n)
{
    int rc = history_check(c, pid);
    if (rc < 0)
        return rc;
    if (revision_db_list(c->db, c->arena, pid, out, n) < 0)
        return domain_db_fail(c, "revisions");
    return 0;
}

int post_revision_pair(struct ctx *c, int64_t pid, int64_t rev_a, int64_t rev_b,
                       struct post_revision *a, struct post_revision *b)
{
    int rc = history_check(c, pid);
    if (rc < 0)
        return rc;
    rc = revision_db_get(c->db, c->arena, pid, rev_a, a);
    if (rc == 0)
        rc = revision_db_get(c->db, c->arena, pid, rev_b, b);
    if (rc == ERR_NOTFOUND)
        return error_set(c->err, ERR_NOTFOUND, NULL, "There is no such revision.");
    if (rc < 0)
        return domain_db_fail(c, "revision");
    return 0;
}

int post_vote(struct ctx *c, int64_t pid, int value, int64_t *score)
{
    struct post p;
    struct thread t;
    struct community cm;
    struct thread_can tc;
    int64_t s = 0;
    int rc;
    if ((rc = load_post(c, pid, &p, &t, &cm, &tc)) < 0)
        return rc;
    if (value < -1 || value > 1)
        return error_set(c->err, ERR_INVALID, "value", "A vote is 1, -1 or 0 (remove).");
    if ((rc = write_check(c, &cm)) < 0)
        return rc;
    if (p.deleted_at || p.hidden_at)
        return error_set(c->err, ERR_CONFLICT, NULL, "This post is not open for votes.");
    if (c->uid && c->uid == p.author_id)
        return error_set(c->err, ERR_PERM, NULL, "You cannot vote on your own post.");
    if (value < 0 && !p.can.vote_down)
        return error_set(c->err, ERR_PERM, "value", "Down votes are for answers only.");
    if (!c->uid)
        return error_set(c->err, ERR_AUTH, NULL, "Sign in first.");
    if (db_begin_write(c->db) < 0)
        return domain_db_fail(c, "begin");
    if (vote_db_set(c->db, pid, c->uid, value, c->now, &s) < 0 ||
        (p.position == 1 && thread_db_recount(c->db, t.id) < 0))
        return domain_rollback(c, domain_db_fail(c, "vote"));
    if (value == 1 && (rc = notify_upvoted(c, &cm, &t, pid, p.author_id)) < 0)
        return domain_rollback(c, rc);
    if ((rc = live_thread_vote(c, cm.id, t.id, pid, s)) < 0)
        return domain_rollback(c, rc);
    if (db_commit(c->db) < 0)
        return domain_db_fail(c, "commit");
    if (score)
        *score = s;
    return 0;
}

int post_like(struct ctx *c, int64_t pid, int on, int64_t *count)
{
    struct post p;
    struct thread t;
    struct community cm;
    struct thread_can tc;
    int64_t n = 0;
    int rc;
    if ((rc = load_post(c, pid, &p, &t, &cm, &tc)) < 0)
        return rc;
    if ((rc = write_check(c, &cm)) < 0)
        return rc;
    if (!c->uid)
        return error_set(c->err, ERR_AUTH, NULL, "Sign in first.");
    if (t.kind != THREAD_DISCUSSION)
        return error_set(c->err, ERR_PERM, NULL,
                         "Likes are for discussions; vote on questions and answers.");
    if (c->uid == p.author_id)
        return error_set(c->err, ERR_PERM, NULL, "You cannot like your own post.");
    if (p.deleted_at || p.hidden_at)
        return error_set(c->err, ERR_CONFLICT, NULL, "This post is not open for likes.");
    if (db_begin_write(c->db) < 0)
        return domain_db_fail(c, "begin");
    if (like_db_set(c->db, pid, c->uid, on, c->now, &n) < 0)
        return domain_rollback(c, domain_db_fail(c, "like"));
    if (db_commit(c->db) < 0)
        return domain_db_fail(c, "commit");
    if (count)
        *count = n;
    return 0;
}

int thread_accept(struct ctx *c, int64_t tid, int64_t pid)
{
    struct post p;
    struct thread t;
    struct community cm;
    struct thread_can tc;
    int rc;
    if (pid) {
        if ((rc = load_post(c, pid, &p, &t, &cm, &tc)) < 0)
            return rc;
    } else {
        if ((rc = thread_load(c, tid, &t, &cm)) < 0)
            return rc;
        can_fill(c, &cm, &t, &tc);
    }
    if (!c->uid && !c->system)
        return error_set(c->err, ERR_AUTH, NULL, "Sign in first.");
    if (t.kind != THREAD_QUESTION)
        return error_set(c->err, ERR_INVALID, "post_id", "Only questions have accepted answers.");
    if (cm.archived)
        return error_set(c->err, ERR_CONFLICT, NULL, "%s is archived and read-only.", cm.name);
    if (!tc.accept)
        return error_set(c->err, ERR_PERM, NULL,
                         "Only the asker or a coordinator can accept an answer.");
    if (pid && (p.position == 1 || p.deleted_at || p.hidden_at))
        return error_set(c->err, ERR_INVALID, "post_id", "Choose an answer to accept.");
    if (db_begin_write(c->db) < 0)
        return domain_db_fail(c, "begin");
    if (thread_db_set_accepted(c->db, t.id, pid) < 0 ||
        expertise_note_accept(c, t.id, pid != 0) < 0 ||
        audit_db_add(c->db, cm.id, c->uid, pid ? "accept" : "unaccept", t.id,
                     pid ? pid : t.accepted_post_id, "", c->now) < 0)
        return domain_rollback(c, domain_db_fail(c, "accept"));
    if (pid && (rc = notify_accepted(c, &cm, &t, pid, p.author_id)) < 0)
        return domain_rollback(c, rc);
    if (pid && (rc = webhook_thread(c, "answer.accepted", &cm, &t, pid)) < 0)
        return domain_rollback(c, rc);
    if ((rc = live_thread_event(c, cm.id, t.id, "accepted", pid)) < 0)
        return domain_rollback(c, rc);
    if (db_commit(c->db) < 0)
        return domain_db_fail(c, "commit");
    if (pid)
        trust_recompute(c, p.author_id); /* an accepted answer can promote */
    return 0;
}

int post_delete(struct ctx *c, int64_t pid)
{
    struct post p;
    struct thread t;
    struct community cm;
    struct thread_can tc;
    int rc;
    if ((rc = load_post(c, pid, &p, &t, &cm, &tc)) < 0)
        return rc;
    if (!c->uid && !c->system)
        return error_set(c->err, ERR_AUTH, NULL, "Sign in first.");
    if (p.deleted_at)
        return 0;
    if (cm.archived)
        return error_set(c->err, ERR_CONFLICT, NULL, "%s is archived and read-only.", cm.name);
    if (!p.can.del)
        return error_set(c->err, ERR_PERM, NULL, "Only the author or a moderator can delete this.");
    if (db_begin_write(c->db) < 0)
        return domain_db_fail(c, "begin");
    if (post_db_set_deleted(c->db, pid, c->now) < 0 ||
        (p.position == 1 && thread_db_set_deleted(c->db, t.id, c->now) < 0) ||
        (t.accepted_post_id == pid && thread_db_set_accepted(c->db, t.id, 0) < 0) ||
        thread_db_recount(c->db, t.id) < 0 ||
        audit_db_add(c->db, cm.id, c->uid, "delete", t.id, pid, p.position == 1 ? "thread" : "post",
                     c->now) < 0)
        return domain_rollback(c, domain_db_fail(c, "delete"));
    if ((rc = webhook_thread(c, "post.deleted", &cm, &t, pid)) < 0)
        return domain_rollback(c, rc);
    if (db_commit(c->db) < 0)
        return domain_db_fail(c, "commit");
    return 0;
}

/* A reason: valid UTF-8, one paragraph, 1..max code points (required) or empty. */
static int reason_check(struct ctx *c, const char *reason, int required, size_t max)
{
    const char *s = reason ? reason : "";
    size_t n = strlen(s);
    if (n > max * 4 || !utf8_valid(s, n) || utf8_has_controls(s, 1) || utf8_chars(s, n) > max)
        return error_set(c->err, ERR_INVALID, "reason", "A reason is at most %zu characters.", max);
    while (*s && is_space((unsigned char)*s))
        s++;
    if (required && !*s)
        return error_set(c->err, ERR_INVALID, "reason", "Give a reason.");
    return 0;
}

int post_hide(struct ctx *c, int64_t pid, int hide, const char *reason)
{
    struct post p;
    struct thread t;
    struct community cm;
    struct thread_can tc;
    int rc;
    if ((rc = load_post(c, pid, &p, &t, &cm, &tc)) < 0)
        return rc;
    if (!c->uid && !c->system)
        return error_set(c->err, ERR_AUTH, NULL, "Sign in first.");
    if (!thread_is_staff(c, &cm))
        return error_set(c->err, ERR_PERM, NULL, "Only moderators and coordinators can do this.");
    if (cm.archived)
        return error_set(c->err, ERR_CONFLICT, NULL, "%s is archived and read-only.", cm.name);
    if (hide && (rc = reason_check(c, reason, 1, THREAD_HIDE_REASON_MAX)) < 0)
        return rc;
    if (!hide && p.held_at)
        return error_set(c->err, ERR_CONFLICT, NULL,
                         "This post is held for review: approve it from the review queue.");
    if (db_begin_write(c->db) < 0)
        return domain_db_fail(c, "begin");
    if (post_db_set_hidden(c->db, pid, hide ? c->now : 0, hide ? c->uid : 0, hide ? reason : "") <
            0 ||
        thread_db_recount(c->db, t.id) < 0 ||
        audit_db_add(c->db, cm.id, c->uid, hide ? "hide" : "unhide", t.id, pid, hide ? reason : "",
                     c->now) < 0)
        return domain_rollback(c, domain_db_fail(c, "hide"));
    if (hide && (rc = notify_moderated(c, &cm, &t, pid, p.author_id,
                                       arena_printf(c->arena,
                                                    "Your post in “%s” was hidden by a "
                                                    "moderator: %s",
                                                    t.title, reason))) < 0)
        return domain_rollback(c, rc);
    if (db_commit(c->db) < 0)
        return domain_db_fail(c, "commit");
    return 0;
}

static const char *const mod_names[MOD__MAX] = {"lock",  "unlock", "pin", "unpin",
                                                "close", "reopen", "move"};

const char *thread_mod_name(enum thread_mod_action a)
{
    return (unsigned)a < MOD__MAX ? mod_names[a] : "";
}

int thread_mod_parse(const char *s, enum thread_mod_action *out)
{
    int i;
    for (i = 0; s && i < MOD__MAX; i++)
        if (!strcmp(s, mod_names[i])) {
            *out = (enum thread_mod_action)i;
            return 0;
        }
    return -1;
}

int thread_moderate(struct ctx *c, int64_t tid, enum thread_mod_action a, const char *reason,
                    const char *to_slug)
{
    struct thread t;
    struct community cm, to;
    const char *detail = "";
    int rc;
    if ((rc = thread_load(c, tid, &t, &cm)) < 0)
        return rc;
    if (!c->uid && !c->system)
        return error_set(c->err, ERR_AUTH, NULL, "Sign in first.");
    if (!thread_is_staff(c, &cm))
        return error_set(c->err, ERR_PERM, NULL, "Only moderators and coordinators can do this.");
    if (cm.archived)
        return error_set(c->err, ERR_CONFLICT, NULL, "%s is archived and read-only.", cm.name);
    if ((unsigned)a >= MOD__MAX)
        return error_set(c->err, ERR_INVALID, "action", "Unknown moderation action.");
    if (a == MOD_CLOSE) {
        if ((rc = reason_check(c, reason, 1, THREAD_CLOSE_REASON_MAX)) < 0)
            return rc;
        detail = reason;
    }
    if (a == MOD_MOVE) {
        if (!to_slug || !*to_slug || strlen(to_slug) > COMMUNITY_SLUG_MAX)
            return error_set(c->err, ERR_INVALID, "to", "Choose the community to move to.");
        rc = community_db_get_slug(c->db, c->arena, to_slug, c->uid, &to);
        if (rc == ERR_NOTFOUND || (rc == 0 && !community_can_read(c, &to)))
            return error_set(c->err, ERR_INVALID, "to", "There is no community at /c/%.60s.",
                             to_slug);
        if (rc < 0)
            return domain_db_fail(c, "community_get");
        if (to.id == cm.id)
            return error_set(c->err, ERR_INVALID, "to", "The thread is already there.");
        if (!thread_is_staff(c, &to))
            return error_set(c->err, ERR_PERM, "to",
                             "You can only move threads to communities you moderate.");
        if (to.archived)
            return error_set(c->err, ERR_CONFLICT, "to", "%s is archived.", to.name);
        detail = arena_printf(c->arena, "%s -> %s", cm.slug, to.slug);
    }
    if (db_begin_write(c->db) < 0)
        return domain_db_fail(c, "begin");
    switch (a) {
    case MOD_LOCK:
    case MOD_UNLOCK:
        rc = thread_db_set_flag(c->db, tid, 1, a == MOD_LOCK);
        break;
    case MOD_PIN:
    case MOD_UNPIN:
        rc = thread_db_set_flag(c->db, tid, 0, a == MOD_PIN);
        break;
    case MOD_CLOSE:
    case MOD_REOPEN: /* a moderator's decision ends any round of close or reopen votes
                        (domain/closevote.h): they did not decide it */
        rc = thread_db_set_closed(c->db, tid, a == MOD_CLOSE ? c->now : 0,
                                  a == MOD_CLOSE ? reason : "");
        if (rc == 0)
            rc = closevote_db_clear(c->db, tid, "close");
        if (rc == 0)
            rc = closevote_db_clear(c->db, tid, "reopen");
        break;
    case MOD_MOVE:
        rc = thread_db_move(c->db, tid, to.id, cm.id);
        if (rc == 0)
            rc = audit_db_add(c->db, to.id, c->uid, "move", tid, 0, detail, c->now);
        break;
    default:
        rc = ERR_INVALID;
    }
    if (rc < 0 ||
        audit_db_add(c->db, cm.id, c->uid, thread_mod_name(a), tid, 0, detail, c->now) < 0)
        return domain_rollback(c, domain_db_fail(c, "moderate"));
    if (a == MOD_CLOSE &&
        (rc = notify_moderated(
             c, &cm, &t, 0, t.author_id,
             arena_printf(c->arena, "Your thread “%s” was closed: %s", t.title, reason))) < 0)
        return domain_rollback(c, rc);
    if (a == MOD_MOVE &&
        (rc = notify_moderated(
             c, &to, &t, 0, t.author_id,
             arena_printf(c->arena, "Your thread “%s” was moved to %s", t.title, to.name))) < 0)
        return domain_rollback(c, rc);
    if (db_commit(c->db) < 0)
        return domain_db_fail(c, "commit");
    return 0;
}

int post_locate(struct ctx *c, int64_t pid, struct post_location *out)
{
    struct post p;
    struct thread t;
    struct community cm;
    struct thread_can tc;
    int64_t rank = 0;
    int rc;
    if ((rc = load_post(c, pid, &p, &t, &cm, &tc)) < 0)
        return rc;
    if (post_db_rank(c->db, &p, t.kind == THREAD_QUESTION, t.accepted_post_id, &rank) < 0)
        return domain_db_fail(c, "rank");
    out->thread_id = t.id;
    out->post_id = pid;
    out->community_slug = cm.slug;
    out->page = rank / THREAD_PAGE_POSTS + 1;
    return 0;
}

/* ------------------------------------------------------------------------------------------ */
/* Audit log, drafts, tag proposals */

int thread_audit(struct ctx *c, const struct community *cm, int64_t before, int limit,
                 struct audit_entry **out, size_t *n)
{
    if (!community_can_read(c, cm))
        return error_set(c->err, ERR_NOTFOUND, NULL, "There is no community at /c/%.60s.",
                         cm->slug ? cm->slug : "");
    if (!c->uid && !c->system)
        return error_set(c->err, ERR_AUTH, NULL, "Sign in first.");
    if (!thread_is_staff(c, cm))
        return error_set(c->err, ERR_PERM, NULL,
                         "Only moderators and coordinators can read the audit log.");
    if (limit <= 0)
        limit = 50;
    if (limit > 200)
        limit = 200;
    if (audit_db_list(c->db, c->arena, cm->id, before, limit, out, n) < 0)
        return domain_db_fail(c, "audit");
    return 0;
}

/* Check a draft key and that its object is readable by the viewer. */
static int draft_key_check(struct ctx *c, const char *key)
{
    static const char *const prefixes[] = {"new:", "reply:", "edit:"};
    size_t i;
    int64_t id = 0;
    int rc;
    if (!c->uid)
        return error_set(c->err, ERR_AUTH, NULL, "Sign in first.");
    for (i = 0; key && i < ARRAY_SIZE(prefixes); i++)
        if (str_starts(key, prefixes[i]))
            break;
    if (!key || i == ARRAY_SIZE(prefixes) || strlen(key) > 40 ||
        str_to_i64(key + strlen(prefixes[i]), &id) < 0 || id <= 0 ||
        key[strlen(prefixes[i])] == '+' || key[strlen(prefixes[i])] == '0')
        return error_set(c->err, ERR_INVALID, "key",
                         "A draft key is new:COMMUNITY, reply:THREAD or edit:POST.");
    if (i == 0) {
        struct community cm;
        rc = community_db_get_id(c->db, c->arena, id, c->uid, &cm);
        if (rc == ERR_NOTFOUND || (rc == 0 && !community_can_read(c, &cm)))
            return thread_not_found(c);
        return rc < 0 ? domain_db_fail(c, "community_get") : 0;
    }
    if (i == 1) {
        struct thread t;
        struct community cm;
        return thread_load(c, id, &t, &cm);
    } else {
        struct post p;
        struct thread t;
        struct community cm;
        struct thread_can tc;
        return load_post(c, id, &p, &t, &cm, &tc);
    }
}

int draft_save(struct ctx *c, const struct draft *d)
{
    size_t total;
    const char *f[4];
    size_t i;
    int rc;
    if ((rc = draft_key_check(c, d->key)) < 0)
        return rc;
    f[0] = d->title ? d->title : "";
    f[1] = d->body ? d->body : "";
    f[2] = d->tags ? d->tags : "";
    f[3] = d->kind ? d->kind : "";
    total = strlen(f[0]) + strlen(f[1]) + strlen(f[2]) + strlen(f[3]);
    if (total > THREAD_DRAFT_MAX)
        return error_set(c->err, ERR_TOOBIG, "body", "A draft is limited to %d KiB.",
                         THREAD_DRAFT_MAX / 1024);
    for (i = 0; i < 4; i++)
        if (!utf8_valid(f[i], strlen(f[i])) || utf8_has_controls(f[i], 1))
            return error_set(c->err, ERR_INVALID, "body", "A draft must be valid UTF-8 text.");
    if (*f[3] && !str_eq(f[3], "question") && !str_eq(f[3], "discussion"))
        return error_set(c->err, ERR_INVALID, "kind", "A thread is a question or a discussion.");
    if (draft_db_save(c->db, c->uid, d, c->now) < 0)
        return domain_db_fail(c, "draft_save");
    return 0;
}

int draft_load(struct ctx *c, const char *key, struct draft *out)
{
    int rc;
    if ((rc = draft_key_check(c, key)) < 0)
        return rc;
    rc = draft_db_get(c->db, c->arena, c->uid, key, out);
    if (rc == ERR_NOTFOUND)
        return error_set(c->err, ERR_NOTFOUND, NULL, "There is no draft.");
    return rc < 0 ? domain_db_fail(c, "draft_get") : 0;
}

int draft_delete(struct ctx *c, const char *key)
{
    int rc;
    if ((rc = draft_key_check(c, key)) < 0)
        return rc;
    return draft_db_delete(c->db, c->uid, key) < 0 ? domain_db_fail(c, "draft_delete") : 0;
}

int thread_tag_proposals(struct ctx *c, const struct community *cm, struct tag_proposal **out,
                         size_t *n)
{
    if (!community_can_read(c, cm))
        return thread_not_found(c);
    if (!thread_is_staff(c, cm))
        return error_set(c->err, ERR_PERM, NULL, "Only moderators and coordinators see proposals.");
    return tag_proposal_db_list(c->db, c->arena, cm->id, out, n) < 0
               ? domain_db_fail(c, "proposals")
               : 0;
}

int thread_tag_proposals_enabled(struct ctx *c, const struct community *cm, int *on)
{
    if (!community_can_read(c, cm))
        return thread_not_found(c);
    return tag_proposal_db_enabled(c->db, cm->id, on) < 0 ? domain_db_fail(c, "proposals") : 0;
}

int thread_set_tag_proposals(struct ctx *c, const struct community *cm, int on)
{
    if (!community_can_read(c, cm))
        return thread_not_found(c);
    if (!community_can_edit(c, cm))
        return error_set(c->err, ERR_PERM, NULL, "Only coordinators can change this.");
    return tag_proposal_db_set_enabled(c->db, cm->id, on) < 0 ? domain_db_fail(c, "proposals") : 0;
}
