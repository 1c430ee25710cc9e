/* Storage for trust levels (domain/trust.h): the record a member's level is computed from,
 * the stored level and its admin lock, the per-member-per-day visit record, and the counts
 * the per-hour posting limits need. Tables: users.trust_level, users.trust_locked, user_days
 * (migration 0023; reading columns 0027). */
#ifndef PRAXIS_STORE_TRUST_H
#define PRAXIS_STORE_TRUST_H

#include <stdint.h>

#include "core/arena.h"
#include "store/db.h"

/* What a member has done, instance-wide. */
struct trust_record {
    int64_t created_at; /* account created */
    int is_admin;
    int64_t level;           /* stored users.trust_level */
    int locked;              /* users.trust_locked */
    int64_t suspended_until; /* 0 = not suspended (any time, past or future) */
    int suspended;           /* users.status = 'suspended' (by an administrator) */
    int64_t days_visited;    /* rows in user_days */
    int64_t topics_entered;  /* sum of user_days.topics: thread pages opened */
    int64_t posts_read;      /* sum of user_days.posts_read: posts shown on them */
    int64_t minutes_reading; /* sum of user_days.minutes */
    int64_t posts;           /* live, visible posts in live threads */
    int64_t votes_given;     /* up-votes cast */
    int64_t votes_received;  /* up-votes on their live posts */
    int64_t accepted;        /* their posts that are a thread's accepted answer */
    int64_t flags_agreed;    /* their flags a moderator agreed with */
};

/* Read uid's record; ERR_NOTFOUND when there is no such user, ERR_DB on failure. */
int store_trust_record(struct db *db, int64_t uid, struct trust_record *out);
/* uid's stored level as it stands (no counting): level, lock, admin flag, timed suspension
   end and whether an administrator suspended the account. ERR_NOTFOUND, ERR_DB. */
int store_trust_stored(struct db *db, int64_t uid, struct trust_record *out);
/* Store uid's level; when locked >= 0 also set the lock (0 or 1). With only_unlocked, an
   account whose level an administrator locked is left alone. */
int store_trust_set(struct db *db, int64_t uid, int64_t level, int locked, int only_unlocked);
/* Record that uid was active on day (days since the epoch, UTC); at most one row a day. */
int store_trust_visit(struct db *db, int64_t uid, int64_t day);
/* Add reading to uid's row of day (created when missing): thread pages opened, posts shown
   on them and minutes reading, each day's totals capped at the max_ values. */
int store_trust_reading(struct db *db, int64_t uid, int64_t day, int64_t topics, int64_t posts_read,
                        int64_t minutes, int64_t max_topics, int64_t max_posts,
                        int64_t max_minutes);
/* Up to limit active, unlocked user ids greater than after, in id order (for batches). */
int store_trust_users(struct db *db, struct arena *a, int64_t after, int limit, int64_t **ids,
                      size_t *n);
/* Threads uid opened and replies uid wrote since `since` (not deleted). */
int store_trust_recent(struct db *db, int64_t uid, int64_t since, int64_t *threads,
                       int64_t *replies, int64_t *oldest_thread, int64_t *oldest_reply);

#endif
