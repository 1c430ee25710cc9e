/* Threads, questions and answers: the rules. Threads of two kinds (question, discussion) in a
 * community, their posts (position 1 = the opening post), revisions, votes, likes, the
 * accepted answer, moderation (lock, pin, close, move, hide) with its audit log, soft delete,
 * @mentions, tags, the lists (latest, unanswered, unsolved, top, by tag, mine) with keyset
 * pagination, permalinks, drafts and similar threads.
 *
 * Read access is community_can_read on the thread's community: a thread or post of a
 * community the viewer may not read does not exist (ERR_NOTFOUND, same message as an unused
 * id), and lists never include it. Writing (threads, replies, votes, likes) needs membership
 * (instance administrators and the CLI's system ctx may do everything); archived communities
 * are read-only; locked or closed threads take replies only from moderators/coordinators.
 * "Staff" below = the community's moderators and coordinators, and instance administrators.
 *
 * Every write runs in one db_begin_write transaction (counters, mentions, revisions and the
 * audit entry included). Results are allocated in ctx->arena. Functions return 0 or a
 * negative enum err with ctx->err set (field names match the API's JSON members). */
#ifndef PRAXIS_DOMAIN_THREAD_H
#define PRAXIS_DOMAIN_THREAD_H
#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "domain/community.h"
#include "domain/domain.h"
#include "store/thread.h"

#define THREAD_TITLE_MIN        10 /* code points, after trimming */
#define THREAD_TITLE_MAX        200
#define THREAD_BODY_MAX         (64 * 1024) /* bytes of Markdown */
#define THREAD_TAGS_MAX         5
#define THREAD_CLOSE_REASON_MAX 500 /* code points */
#define THREAD_HIDE_REASON_MAX  500
#define THREAD_SUMMARY_MAX      200         /* edit summary, code points */
#define THREAD_PAGE_POSTS       50          /* posts per thread page */
#define THREAD_LIST_PAGE        30          /* threads per list page */
#define THREAD_LIST_MAX         100         /* largest list limit accepted */
#define THREAD_CURSOR_MAX       128         /* bytes of an encoded cursor */
#define THREAD_DRAFT_MAX        (72 * 1024) /* bytes of title + body + tags in a draft */
#define THREAD_SIMILAR_MAX      10
#define THREAD_MENTIONS_MAX     20 /* distinct @names recorded per post */

/* What the viewer may do with a thread (filled by thread_get / thread_view). */
struct thread_can {
    int reply;    /* post a reply now (member, not archived, not locked/closed unless staff) */
    int moderate; /* lock, pin, close, move, hide, read the audit log (staff) */
    int accept;   /* accept/unaccept an answer (question's asker or staff) */
    int edit;     /* edit the opening post (title, tags, body) */
    int vote;     /* vote/like at all (member, not archived) */
    /* level-based privileges of members (domain/trust.h), not of staff or the author: */
    int edit_others; /* edit others' live posts (trust_edit_level) */
    int retag;       /* change the opening post's tags only (trust_retag_level) */
    int close_vote;  /* vote to close or reopen (trust_close_level) */
};

/* A thread with one page of its posts: questions show the opening post, then the accepted
   answer, then answers by score desc then position; discussions show posts in position
   order. Hidden posts keep their place; their body is withheld except from staff and the
   author. Deleted posts keep their place with body withheld (from everyone but staff). */
struct thread_view {
    struct community cm; /* with viewer_role (tags loaded) */
    struct thread t;
    struct thread_can can;
    struct post *posts;
    size_t nposts;
    int64_t page, npages; /* 1-based; npages >= 1 */
    int64_t total_posts;  /* posts in the thread (all of them, for paging) */
};

/* Inputs. */
struct thread_input {
    const char *kind; /* "question" | "discussion" (default "discussion") */
    const char *title;
    const char *body_md;
    const char *tags_text;   /* "a, b c" (forms) or NULL */
    const char *const *tags; /* list (API), used when has_tags */
    size_t ntags;
    int has_tags;
};

struct post_edit {
    const char *body_md;   /* NULL = unchanged */
    const char *title;     /* opening post only; NULL = unchanged */
    const char *tags_text; /* opening post only; NULL = unchanged (see thread_input) */
    const char *const *tags;
    size_t ntags;
    int has_tags;
    const char *summary; /* optional edit summary */
};

/* --- pure helpers (unit-tested; e may be NULL) --- */

/* Title: valid UTF-8, one line, 10-200 code points after trimming spaces. *out = trimmed
   arena copy. ERR_INVALID (field "title"). */
int thread_title_check(struct arena *a, const char *title, const char **out, struct errinfo *e);
/* Body: non-empty after white space, valid UTF-8, no NUL, <= 64 KiB. ERR_INVALID or
   ERR_TOOBIG (field "body"). */
int thread_body_check(const char *body, struct errinfo *e);
/* A post's body md (checked as thread_body_check) rendered as a post is on every write:
   Markdown with @mention links for the names that exist. *html in c->arena. 0, ERR_INVALID,
   ERR_TOOBIG or ERR_DB (message in c->err). Used to render imported posts again. */
int thread_post_render(struct ctx *c, const char *md, const char **html);
/* A comment's md rendered as comments are on every write (the inline subset, with @mention
   links; see thread_int.h). Previews and imports use it. Same returns as thread_post_render. */
int thread_comment_render(struct ctx *c, const char *md, const char **html);
/* Parse tags typed as text ("a, b c"; case folded, duplicates dropped, order kept) into an
   arena array. Each tag [a-z0-9-]{1,30}; at most THREAD_TAGS_MAX. ERR_INVALID (field "tags"). */
int thread_tags_parse(struct arena *a, const char *text, const char ***out, size_t *n,
                      struct errinfo *e);
/* A list cursor: the keyset of the last row shown. */
struct thread_cursor {
    int64_t a;  /* pinned (latest in a community), else 0 */
    int64_t b;  /* last_activity_at or score */
    int64_t id; /* thread id */
};
/* Encode c as an opaque token for list order `order` (a short name such as "latest"), keyed
   with key (the instance secret; NULL = a fixed key). */
const char *thread_cursor_encode(struct arena *a, const char *key, const char *order,
                                 const struct thread_cursor *c);
/* Decode; -1 on anything malformed, over-long or not signed for this order. */
int thread_cursor_decode(const char *key, const char *order, const char *s,
                         struct thread_cursor *out);

/* --- threads and posts --- */

/* Start a thread in cm (loaded with community_get). out gets the new thread.
   ERR_AUTH, ERR_NOTFOUND, ERR_PERM (not a member), ERR_CONFLICT (archived), ERR_INVALID
   (fields kind/title/body/tags), ERR_TOOBIG (body). Tags outside the vocabulary are refused,
   or recorded as proposals (and left off the thread) when cm->tag_proposals. The draft
   'new:<cid>' is deleted. */
/* 1 if the acting user may start a thread (and reply) in cm: signed in, a member (or an
   administrator), community not archived. thread_create and thread_reply refuse with a
   message exactly when this is 0 for the community; pages use it to show or hide buttons. */
int thread_can_start(const struct ctx *c, const struct community *cm);
int thread_create(struct ctx *c, struct community *cm, const struct thread_input *in,
                  struct thread *out);
/* Reply to thread tid (reply_to = a post of that thread, or 0). out gets the new post
   (body_html rendered). The draft 'reply:<tid>' is deleted. */
int thread_reply(struct ctx *c, int64_t tid, const char *body_md, int64_t reply_to,
                 struct post *out);
/* Thread tid with page `page` (1-based; clamped to the last page) of posts for the viewer. */
int thread_view(struct ctx *c, int64_t tid, int64_t page, struct thread_view *out);
/* As thread_view, for the HTML thread page: the posts' body_md is not loaded; it is "" where
   the viewer may see the post's text and NULL where it is withheld, as in thread_view. */
int thread_view_page(struct ctx *c, int64_t tid, int64_t page, struct thread_view *out);
/* Just the thread and its community (no posts). */
int thread_get(struct ctx *c, int64_t tid, struct thread *t, struct community *cm,
               struct thread_can *can);
/* One post with its thread and community (for /p/:id pages and the API). */
int post_get(struct ctx *c, int64_t pid, struct post *p, struct thread *t, struct community *cm);

/* Edit post pid: writes revision (edit_count + 1), re-renders, re-records mentions; for the
   opening post also title and tags. ERR_PERM, ERR_CONFLICT (deleted), ERR_INVALID. */
int post_edit(struct ctx *c, int64_t pid, const struct post_edit *in);
/* Revisions of pid, newest first. */
int post_revisions(struct ctx *c, int64_t pid, struct post_revision **out, size_t *n);
/* Two revisions of pid by number (for a diff). ERR_NOTFOUND when either is missing. */
int post_revision_pair(struct ctx *c, int64_t pid, int64_t rev_a, int64_t rev_b,
                       struct post_revision *a, struct post_revision *b);

/* Vote value +1, -1 or 0 (remove) on pid. *score (may be NULL) gets the new score.
   ERR_PERM (own post, down on a non-answer, not a member), ERR_INVALID (value). */
int post_vote(struct ctx *c, int64_t pid, int value, int64_t *score);
/* Like (on = 1) or unlike (0) pid. *count (may be NULL) gets the new like count. */
int post_like(struct ctx *c, int64_t pid, int on, int64_t *count);
/* Accept answer pid of its question (replacing any other), or with pid = 0 remove the
   accepted answer of thread tid (tid is ignored when pid != 0). */
int thread_accept(struct ctx *c, int64_t tid, int64_t pid);
/* Soft-delete pid (author or staff); the opening post deletes the thread. */
int post_delete(struct ctx *c, int64_t pid);
/* Hide (hide = 1, reason required) or unhide (0) pid. Staff. */
int post_hide(struct ctx *c, int64_t pid, int hide, const char *reason);

enum thread_mod_action {
    MOD_LOCK,
    MOD_UNLOCK,
    MOD_PIN,
    MOD_UNPIN,
    MOD_CLOSE,
    MOD_REOPEN,
    MOD_MOVE,
    MOD__MAX
};
const char *thread_mod_name(enum thread_mod_action a);
int thread_mod_parse(const char *s, enum thread_mod_action *out); /* 0 or -1 */
/* Moderate thread tid: reason is required for close; to_slug for move (the actor must be
   staff in the target community too; audited in both). */
int thread_moderate(struct ctx *c, int64_t tid, enum thread_mod_action a, const char *reason,
                    const char *to_slug);

/* Where post pid is shown: its thread's page (per the thread's order) and community. */
struct post_location {
    int64_t thread_id, post_id;
    const char *community_slug;
    int64_t page;
};
int post_locate(struct ctx *c, int64_t pid, struct post_location *out);

/* --- lists --- */

enum thread_list_kind {
    TL_LATEST,     /* by last activity (pinned first within a community) */
    TL_UNANSWERED, /* questions with no answer */
    TL_UNSOLVED,   /* questions with no accepted answer */
    TL_TOP,        /* by score, within a period */
    TL_TAG,        /* with tag f->tag, by last activity */
    TL_MINE,       /* threads the viewer started or replied to, by last activity */
    TL__MAX
};
const char *thread_list_name(enum thread_list_kind k);            /* "latest", ... */
int thread_list_parse(const char *s, enum thread_list_kind *out); /* 0 or -1 */

enum thread_period { PERIOD_ALL, PERIOD_DAY, PERIOD_WEEK, PERIOD_MONTH, PERIOD_YEAR, PERIOD__MAX };
const char *thread_period_name(enum thread_period p);            /* "all", "day", ... */
int thread_period_parse(const char *s, enum thread_period *out); /* 0 or -1 */

struct thread_filter {
    enum thread_list_kind list;
    int kind;                  /* -1 = any, else enum thread_kind */
    const char *tag;           /* TL_TAG (any list: additional filter when non-empty) */
    enum thread_period period; /* TL_TOP */
    const char *after;         /* opaque cursor from a previous page, or NULL */
    int limit;                 /* 0 = THREAD_LIST_PAGE; capped at THREAD_LIST_MAX */
    int solved;                /* 1: only questions with an accepted answer (any list) */
};

struct thread_list {
    struct thread *items;
    size_t n;
    int64_t total;    /* rows matching the filter (all pages), exact up to
                         THREAD_DB_COUNT_MAX (10,000), else THREAD_DB_COUNT_MAX */
    int total_capped; /* 1: more than total match (show "10,000+") */
    const char *next; /* cursor for the next page, NULL on the last page */
};

/* A list in community cm (NULL = across the instance: only communities the viewer may
   read). ERR_INVALID (field "after") on a bad cursor, ERR_AUTH for TL_MINE anonymously. */
int thread_list(struct ctx *c, const struct community *cm, const struct thread_filter *f,
                struct thread_list *out);

/* Threads similar to title among readable threads (community_id 0 = anywhere readable;
   exclude_tid skipped): words of 3+ letters (not stop words, at most 8) matched by the
   search index against titles and opening posts, the title weighted ten times the body
   (store/search.c). limit capped at THREAD_SIMILAR_MAX. */
int thread_similar(struct ctx *c, int64_t community_id, const char *title, int64_t exclude_tid,
                   int limit, struct thread **out, size_t *n);
/* As thread_similar for a draft: up to SIMILAR_BODY_WORDS more words from the start of body
   (NULL or "" = title only) join the title's. On Stack Exchange's own duplicate pairs this
   finds the original far more often than the title alone (docs/evaluation.md). */
#define SIMILAR_TITLE_WORDS 8
#define SIMILAR_BODY_WORDS  20
int thread_similar_draft(struct ctx *c, int64_t community_id, const char *title, const char *body,
                         int64_t exclude_tid, int limit, struct thread **out, size_t *n);

/* --- audit log --- */

/* Entries of cm newest first, before id `before` (0 = newest); limit capped at 200. Staff. */
int thread_audit(struct ctx *c, const struct community *cm, int64_t before, int limit,
                 struct audit_entry **out, size_t *n);

/* --- drafts (per signed-in user; key 'new:<community_id>', 'reply:<thread_id>',
       'edit:<post_id>'; the key's object must be readable by the user) --- */

int draft_save(struct ctx *c, const struct draft *d); /* upsert; ERR_TOOBIG, ERR_INVALID (key) */
int draft_load(struct ctx *c, const char *key, struct draft *out); /* ERR_NOTFOUND if none */
int draft_delete(struct ctx *c, const char *key);

/* --- tag proposals --- */

/* Proposals for cm's vocabulary (staff). */
int thread_tag_proposals(struct ctx *c, const struct community *cm, struct tag_proposal **out,
                         size_t *n);
/* Whether cm lets members propose tags, and set it (community_can_edit). */
int thread_tag_proposals_enabled(struct ctx *c, const struct community *cm, int *on);
int thread_set_tag_proposals(struct ctx *c, const struct community *cm, int on);

#endif
