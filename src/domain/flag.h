/* Flags and the review queue: members flag a post or a comment (spam, rude, off_topic,
 * needs_improvement, duplicate with the original thread, other with a note), once per item;
 * each flag weighs what its flagger's record says; enough spam weight hides a post at once
 * pending review. A community's moderators and coordinators (and administrators) work the
 * queue: flagged items with all their flags, held posts, the author's history, and the
 * actions agree (hide, delete or edit), disagree, defer, approve (held posts), suspend,
 * silence or lift the author's restriction. Every action is audited; the author is told
 * (notification, kind "moderation") and sees on the post why it is hidden.
 *
 * A flag's weight, in hundredths of an ordinary flag: 200 * (agreed + 1) / (agreed +
 * disagreed + 2) from the flagger's earlier flags (100 with no record, towards 200 for an
 * accurate flagger, towards 0 for an inaccurate one); capped at 100 for a new account
 * (domain/moderation.h); staff flags weigh flag_hide_weight (they hide spam at once).
 *
 * Reading follows the community's rules: an item the viewer may not read does not exist
 * (ERR_NOTFOUND), and only that community's staff see its flags. Functions return 0 or a
 * negative enum err with ctx->err set; results live in ctx->arena. */
#ifndef PRAXIS_DOMAIN_FLAG_H
#define PRAXIS_DOMAIN_FLAG_H
#include <stddef.h>
#include <stdint.h>

#include "domain/community.h"
#include "domain/domain.h"
#include "store/flag.h"
#include "store/thread.h"

#define FLAG_NOTE_MAX   500 /* code points */
#define FLAG_MINE_MAX   100 /* flags listed on "your flags" */
#define REVIEW_ITEMS    50  /* queue entries per kind (flagged, held) */
#define REVIEW_DAYS_MAX 3650

enum flag_reason {
    FLAG_SPAM,
    FLAG_RUDE,
    FLAG_OFF_TOPIC,
    FLAG_NEEDS_IMPROVEMENT,
    FLAG_DUPLICATE,
    FLAG_OTHER,
    FLAG__MAX
};
const char *flag_reason_name(enum flag_reason r);            /* "spam", ... */
const char *flag_reason_label(enum flag_reason r);           /* "Spam", "Rude or abusive", ... */
int flag_reason_parse(const char *s, enum flag_reason *out); /* 0 or -1 */
/* The weight of a flag from a flagger with this record (see above). Pure. */
int64_t flag_weight(int64_t agreed, int64_t disagreed, int newcomer);

struct flag_input {
    const char *reason; /* a flag_reason name */
    const char *note;   /* required for "other", optional otherwise */
    int64_t original;   /* "duplicate": the original thread's id */
};

/* Flag post pid / comment id as the acting member (signed in, may read it, a member of its
   community, not its author, not silenced). ERR_INVALID (fields reason, note, original),
   ERR_CONFLICT (already flagged by this member), ERR_PERM, ERR_NOTFOUND. out (may be NULL)
   gets the flag. *hidden (may be NULL) = 1 when this flag hid the post. */
int flag_post(struct ctx *c, int64_t pid, const struct flag_input *in, struct flag *out,
              int *hidden);
int flag_comment(struct ctx *c, int64_t id, const struct flag_input *in, struct flag *out);
/* The acting member's flags, newest first, with their status and outcome. ERR_AUTH. */
int flag_mine(struct ctx *c, struct flag **out, size_t *n);

/* The author of a queue item and what the moderator should know about them. */
struct review_author {
    int64_t id; /* 0 if the account is gone */
    const char *name, *display;
    int64_t created_at;
    int64_t posts_here;                      /* posts in this community (live) */
    int64_t flags_agreed;                    /* flags agreed against them in this community */
    int64_t suspended_until, silenced_until; /* 0 = not */
    const char *restrict_reason;
    int newcomer;
    struct flag_history *recent; /* latest posts in this community */
    size_t nrecent;
};

struct review_item {
    const char *queue;     /* "flagged" | "held" */
    const char *item_kind; /* "post" | "comment" */
    int64_t item_id;
    struct post post;         /* the post (a comment's post for comments) */
    struct thread thread;     /* its thread */
    const char *comment_html; /* comments: the comment's text, else NULL */
    struct flag *flags;       /* every flag of the item, oldest first */
    size_t nflags;
    int64_t weight; /* pending flags' weight */
    struct review_author author;
};

struct review_queue {
    struct review_item *items; /* held posts first, then flagged items, oldest first */
    size_t n;
    int first_posts; /* the community's "first posts go to review" switch */
    int can_edit;    /* the viewer may change that switch (coordinator) */
};

/* The queue of cm for its staff (ERR_PERM for others). */
int review_queue(struct ctx *c, const struct community *cm, struct review_queue *out);
/* 1 if the viewer works cm's queue. */
int review_can(const struct ctx *c, const struct community *cm);

enum review_action {
    REVIEW_AGREE,
    REVIEW_DISAGREE,
    REVIEW_DEFER,
    REVIEW_APPROVE,
    REVIEW_REJECT,
    REVIEW_SUSPEND,
    REVIEW_SILENCE,
    REVIEW_LIFT,
    REVIEW__MAX
};
const char *review_action_name(enum review_action a);
int review_action_parse(const char *s, enum review_action *out); /* 0 or -1 */

struct review_input {
    enum review_action action;
    const char *outcome; /* agree: "hide" (default), "delete" or "edit" */
    const char *reason;  /* told to the author; required for suspend and silence */
    const char *body_md; /* agree + edit: the new text */
    int64_t days;        /* suspend, silence: 1..REVIEW_DAYS_MAX */
};

/* Act on an item ("post" or "comment", id) of a community the acting user moderates.
   agree/disagree/defer resolve its pending flags (ERR_CONFLICT when there are none);
   approve publishes a held post (notifications and search then) and reject deletes it;
   suspend/silence/lift act on the item's author (not on staff, administrators or
   oneself). ERR_INVALID (fields action, outcome, reason, body, days), ERR_PERM. *slug (may
   be NULL) gets the item's community slug once the item is loaded, for going back to the
   queue. */
int review_act(struct ctx *c, const char *item_kind, int64_t item_id, const struct review_input *in,
               const char **slug);

#endif
