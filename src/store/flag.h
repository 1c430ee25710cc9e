/* The SQL catalogue for moderation (migration 0024_flags.sql): flags on posts and comments,
 * the review queue's rows, posts held for review and their publication, the evidence the
 * hold heuristics need (account age, published posts, duplicate text, recent posts),
 * members' timed restrictions (suspended / silenced until) and a community's "review first
 * posts" switch.
 *
 * These functions read and write rows; they decide nothing (domain/flag.c and domain/hold.c
 * do). Strings in results are copied into the arena passed in. Functions return 0,
 * ERR_NOTFOUND, ERR_CONFLICT or ERR_DB. */
#ifndef PRAXIS_STORE_FLAG_H
#define PRAXIS_STORE_FLAG_H
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "store/db.h"

/* One flag. The thread and community members are filled by the listings that join them. */
struct flag {
    int64_t id;
    const char *item_kind;      /* "post" | "comment" */
    int64_t item_id;            /* the post or comment */
    int64_t post_id;            /* the post, or the comment's post */
    int64_t author_id;          /* of the item, 0 if gone */
    int64_t flagger_id;         /* who raised it */
    const char *flagger_name;   /* "" when not joined */
    const char *reason;         /* spam, rude, off_topic, needs_improvement, duplicate, other */
    int64_t original_thread_id; /* duplicate: the original, else 0 */
    const char *note;           /* "" */
    int64_t weight;             /* hundredths (100 = one ordinary flag) */
    const char *status;         /* pending, agreed, disagreed, deferred */
    const char *outcome;        /* what the moderator did, "" while pending */
    int64_t created_at, resolved_at;           /* resolved_at 0 = pending */
    int64_t thread_id;                         /* listings: the item's thread */
    const char *thread_title;                  /* listings: "" */
    const char *community_slug;                /* listings: "" */
    int64_t flagger_agreed, flagger_disagreed; /* queue listings: the flagger's record */
};

/* An item with pending flags in a community's queue. */
struct flag_item {
    const char *item_kind;
    int64_t item_id, post_id;
    int64_t nflags, weight; /* pending flags and the sum of their weights */
    int64_t first_at;       /* when the first pending flag was raised */
};

/* A post of an author, for the review queue's history. */
struct flag_history {
    int64_t post_id, thread_id;
    const char *thread_title;
    int64_t created_at;
    int hidden, deleted; /* 0/1 */
};

/* Flags. Insert f (item_kind .. weight, created_at); sets f->id; ERR_CONFLICT when the
   flagger already flagged the item. */
int flag_db_insert(struct db *db, struct flag *f);
/* Flags raised by uid, newest first (limit), with their thread and community. */
int flag_db_by_flagger(struct db *db, struct arena *a, int64_t uid, int limit, struct flag **out,
                       size_t *n);
/* The flags of one item (all statuses, oldest first) with flagger names and records. */
int flag_db_of_item(struct db *db, struct arena *a, const char *kind, int64_t id, struct flag **out,
                    size_t *n);
/* Agreed and disagreed flags raised by uid (the flagger's accuracy). */
int flag_db_accuracy(struct db *db, int64_t uid, int64_t *agreed, int64_t *disagreed);
/* Sum of the weights of the pending flags with reason on an item. */
int flag_db_pending_weight(struct db *db, const char *kind, int64_t id, const char *reason,
                           int64_t *sum);
/* Items with pending flags in community cid, oldest first (limit). */
int flag_db_queue(struct db *db, struct arena *a, int64_t cid, int limit, struct flag_item **out,
                  size_t *n);
/* Resolve every pending (and deferred, when status is not "deferred") flag of an item. */
int flag_db_resolve(struct db *db, const char *kind, int64_t id, const char *status,
                    const char *outcome, int64_t by, int64_t now);
/* Flags agreed against author uid's items in community cid. */
int flag_db_agreed_against(struct db *db, int64_t uid, int64_t cid, int64_t *n);

/* Held posts of community cid (not deleted), oldest first (limit). */
int hold_db_queue(struct db *db, struct arena *a, int64_t cid, int limit, int64_t **pids,
                  size_t *n);
/* Publish held post pid: clear its held_at, hidden_at, hidden_by and hide_reason; when
   opening, clear its thread tid's deleted_at and held_at too. */
int hold_db_publish(struct db *db, int64_t pid, int64_t tid, int opening);
/* Clear held_at of post pid (and of thread tid when opening), leaving it hidden/deleted. */
int hold_db_clear(struct db *db, int64_t pid, int64_t tid, int opening);

/* Evidence for the hold heuristics and the newcomer rule, about author uid. */
struct hold_author {
    int64_t created_at;      /* account created */
    int64_t published_posts; /* live, visible posts */
    int is_admin;
};
int hold_db_author(struct db *db, int64_t uid, struct hold_author *out);
/* Posts by uid since `since` (any state but deleted). */
int hold_db_recent_posts(struct db *db, int64_t uid, int64_t since, int64_t *n);
/* Distinct other threads (not tid) where uid posted exactly body since `since`. */
int hold_db_same_text(struct db *db, int64_t uid, const char *body, int64_t since, int64_t tid,
                      int64_t *n);
/* Posts uid ever published in community cid (live, visible, not held). */
int hold_db_posts_in(struct db *db, int64_t uid, int64_t cid, int64_t *n);
/* The author's latest posts in community cid (limit). */
int hold_db_history(struct db *db, struct arena *a, int64_t uid, int64_t cid, int limit,
                    struct flag_history **out, size_t *n);

/* Restrictions of uid: until times (0 = none) and the reason told to them. */
int restrict_db_get(struct db *db, struct arena *a, int64_t uid, int64_t *suspended_until,
                    int64_t *silenced_until, const char **reason);
/* Set suspended_until / silenced_until (-1 = leave as is, 0 = clear) and the reason. */
int restrict_db_set(struct db *db, int64_t uid, int64_t suspended_until, int64_t silenced_until,
                    const char *reason);

/* The community's "first posts of new accounts go to review" switch. */
int hold_db_first_posts(struct db *db, int64_t cid, int *on);
int hold_db_set_first_posts(struct db *db, int64_t cid, int on);

/* A comment's post, author and text (for flags on comments); delete one. */
int flag_db_comment(struct db *db, struct arena *a, int64_t id, int64_t *post_id,
                    int64_t *author_id, const char **body_html);
/* Delete one comment softly at now, by moderator by (its search document goes with it). */
int flag_db_comment_delete(struct db *db, int64_t id, int64_t now, int64_t by);

#endif
