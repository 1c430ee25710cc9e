/* Comments under posts: Stack Overflow's short remarks for clarifying questions, under a
 * question, an answer or a discussion post. The rules:
 *
 * - Reading follows the post: a comment exists for a viewer exactly when its post's text is
 *   shown to them (community readable, thread not deleted, post neither deleted nor hidden
 *   from them); otherwise ERR_NOTFOUND with the message used for unknown ids.
 * - Writing follows replies: signed in, a member of the community (or an administrator),
 *   community not archived, and on a locked or closed thread only staff (moderators,
 *   coordinators, administrators). A comment needs a live post that is not hidden.
 * - Text: COMMENT_MIN..COMMENT_MAX code points after trimming, valid UTF-8, rendered once on
 *   write by the posts' renderer (Markdown, @mention links, safe links).
 * - Editing and deleting: the author, or staff; a delete by someone other than the author is
 *   written to the community's audit log ("delete_comment"). Deletion is soft.
 * - Rate: comments_per_hour [COMMENT_PER_HOUR] new comments per member in any hour (staff
 *   and administrators excepted); more is ERR_RATE (429) saying when to try again.
 * - A comment does not bump its thread (no last-activity change, no counters); the write
 *   changes the database, so the anonymous page cache is invalid afterwards anyway.
 * - Notifications: the post's author ("comment") and members @mentioned in the text
 *   ("mention"), through domain/notification.c, in the same transaction; an edit tells
 *   members it newly mentions (once per post).
 *
 * Functions return 0 or a negative enum err with ctx->err set (field "body" for the text);
 * results are allocated in ctx->arena. */
#ifndef PRAXIS_DOMAIN_COMMENT_H
#define PRAXIS_DOMAIN_COMMENT_H
#include <stddef.h>
#include <stdint.h>

#include "domain/domain.h"
#include "store/comment.h"

struct community;

#define COMMENT_MIN      2   /* code points after trimming */
#define COMMENT_MAX      600 /* code points, as Stack Overflow */
#define COMMENT_POST_MAX 500 /* comments listed per post */
#define COMMENT_PER_HOUR 30  /* comments_per_hour default: new comments per member per hour */

/* What the viewer may do with one comment. */
struct comment_can {
    int edit;
    int del;
};

/* Text check: valid UTF-8 without NUL, COMMENT_MIN..COMMENT_MAX code points after trimming
   spaces. ERR_INVALID (field "body"). Pure (e may not be NULL). */
int comment_body_check(const char *body, struct errinfo *e);

/* The rate limit: ERR_RATE (field "body", a message saying when they can comment again) when
   the acting member wrote comments_per_hour [COMMENT_PER_HOUR] comments (deleted ones count)
   in the last hour; *retry_after gets the seconds until the oldest of them leaves the hour.
   Administrators, the community's moderators and coordinators, and the system pass; 0 = no
   limit. ERR_DB. */
int comment_rate_check(struct ctx *c, const struct community *cm, int64_t *retry_after);
/* Seconds until the acting member may comment again (the Retry-After of an ERR_RATE from
   comment_create), 1..3600. */
int64_t comment_rate_retry(struct ctx *c);
/* Add a comment under post pid; out gets it (rendered). ERR_AUTH, ERR_NOTFOUND, ERR_PERM
   (not a member; locked/closed thread), ERR_CONFLICT (archived; post deleted or hidden),
   ERR_INVALID / ERR_TOOBIG (body), ERR_RATE (comment_rate_check). */
int comment_create(struct ctx *c, int64_t pid, const char *body, struct comment *out);
/* Replace the text of comment id (author or staff). out (may be NULL) gets it. */
int comment_edit(struct ctx *c, int64_t id, const char *body, struct comment *out);
/* Soft-delete comment id (author or staff; staff deleting another's comment is audited). */
int comment_delete(struct ctx *c, int64_t id);
/* Comment id for the viewer, with what they may do (can may be NULL). */
int comment_get(struct ctx *c, int64_t id, struct comment *out, struct comment_can *can);
/* The live comments of post pid, oldest first (at most COMMENT_POST_MAX), and what the
   viewer may do with each (*cans parallel to *out; may be NULL). */
int comment_list(struct ctx *c, int64_t pid, struct comment **out, struct comment_can **cans,
                 size_t *n);

#endif
