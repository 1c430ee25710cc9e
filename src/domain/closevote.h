/* Closing and reopening threads by members' votes (issue 16, docs/moderation.md "Closing by
 * vote"), like Stack Overflow's close votes:
 *
 *   - members at trust level trust_close_level [3] of the thread's community vote to close an
 *     open thread, with a reason: duplicate (of another thread of the same community),
 *     off_topic or needs_details; or vote to reopen a closed one;
 *   - close_votes_needed [3] votes close (or reopen) it: the thread is closed with a reason
 *     made from the votes ("Closed by members' vote as a duplicate of “…”."), audited, and
 *     its author told; a reopen clears the votes of both kinds;
 *   - moderators, coordinators and administrators close and reopen at once through the same
 *     call (thread_moderate);
 *   - one vote per member per thread and kind; a member can retract theirs until it decides;
 *   - the votes are visible to everyone who can read the thread (names and reasons);
 *   - every refusal says why: 403 with the level that unlocks voting, 409 for a second vote.
 *
 * Tables: close_votes (migration 0027), threads.closed_at / close_reason. */
#ifndef PRAXIS_DOMAIN_CLOSEVOTE_H
#define PRAXIS_DOMAIN_CLOSEVOTE_H

#include "domain/domain.h"
#include "store/closevote.h"

enum close_reason { CLOSE_DUPLICATE, CLOSE_OFF_TOPIC, CLOSE_NEEDS_DETAILS, CLOSE__MAX };
/* "duplicate", "off_topic", "needs_details" / "Duplicate", "Off-topic", "Needs details". */
const char *close_reason_name(enum close_reason r);
const char *close_reason_label(enum close_reason r);
int close_reason_parse(const char *s, enum close_reason *out); /* 0 or -1 */

/* What the viewer sees and may do about thread tid's close or reopen votes. */
struct close_state {
    const char *kind;         /* what a vote does now: "close" (open thread) or "reopen" */
    int64_t needed;           /* votes that decide (close_votes_needed) */
    int64_t level;            /* the trust level that may vote (trust_close_level) */
    struct close_vote *votes; /* the votes of kind, oldest first */
    size_t n;
    struct close_vote *closed; /* closed thread: the close votes that closed it (may be 0) */
    size_t nclosed;
    int can_vote; /* the viewer may vote now (member at the level, or staff) */
    int voted;    /* the viewer's vote of kind is among votes */
    int staff;    /* the viewer closes and reopens at once */
    int member;   /* the viewer is a member of the community */
};
/* Read check as for the thread. ERR_NOTFOUND, ERR_DB. */
int thread_close_state(struct ctx *c, int64_t tid, struct close_state *out);

struct close_vote_input {
    const char *reason; /* close: duplicate | off_topic | needs_details */
    int64_t original;   /* duplicate: the original thread's id */
};
/* Vote to close (open thread) or reopen (closed thread); *decided (may be NULL) is 1 when
   this vote (or the staff member's action) closed or reopened it. ERR_AUTH, ERR_PERM (level,
   membership, restriction), ERR_INVALID (reason, original), ERR_CONFLICT (voted already,
   deleted thread, archived community), ERR_NOTFOUND. */
int thread_close_vote(struct ctx *c, int64_t tid, const struct close_vote_input *in, int *decided);
/* Retract the viewer's vote of the current kind. ERR_NOTFOUND when there is none. */
int thread_close_unvote(struct ctx *c, int64_t tid);

#endif
