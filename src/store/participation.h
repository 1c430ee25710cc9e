/* The SQL catalogue for participation levels (docs/participation.md): each member's
 * activity counts in one community over a time window, read from the rows the database
 * already has (posts, comments, votes, accepted answers, post and article revisions,
 * article reviews, events organised, RSVPs), and the monthly snapshots of levels (tables
 * participation_months and participation_levels, migration 0024). The rule that turns
 * counts into a level is in domain/participation.c; rows here are plain data. */
#ifndef PRAXIS_STORE_PARTICIPATION_H
#define PRAXIS_STORE_PARTICIPATION_H
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "store/db.h"

/* One member's activity in one community over a window. */
struct participation_activity {
    int64_t user_id;
    int64_t asked;     /* threads opened (questions and discussions) */
    int64_t answered;  /* replies and answers */
    int64_t comments;  /* comments under posts */
    int64_t votes;     /* votes given */
    int64_t accepted;  /* their answers accepted (at the time of acceptance) */
    int64_t edits;     /* post revisions after the first */
    int64_t articles;  /* article revisions written */
    int64_t reviews;   /* articles reviewed (approved or renewed) */
    int64_t organised; /* events they created that ran during the window */
    int64_t rsvps;     /* RSVPs given (any answer but "no") */
    int64_t attended;  /* "going" RSVPs for dates inside the window */
};

/* Activity of every member with any in community cid in [from, to) (arena array, by
   user id). from_ymd and to_ymd are the same bounds as YYYYMMDD (event dates). ERR_DB. */
int participation_db_activity(struct db *db, struct arena *a, int64_t cid, int64_t from, int64_t to,
                              int64_t from_ymd, int64_t to_ymd, struct participation_activity **out,
                              size_t *n);

/* The times of the first and last post in community cid (0 and 0 when none). ERR_DB. */
int participation_db_span(struct db *db, int64_t cid, int64_t *first, int64_t *last);

/* Ids of the communities member uid belongs to (arena array, by id). ERR_DB. */
int participation_db_user_communities(struct db *db, struct arena *a, int64_t uid, int64_t **out,
                                      size_t *n);

/* A stored level of a member for a month. */
struct participation_row {
    int64_t user_id;
    int level;                       /* 1 peripheral, 2 active, 3 core */
    const char *name, *display_name; /* filled by domain participation_members only */
};

/* 1 if month (YYYYMM) of cid was computed and stored, 0 if not. ERR_DB. */
int participation_db_month_done(struct db *db, int64_t cid, int64_t month);
/* The stored levels of month (arena array). ERR_DB. */
int participation_db_month(struct db *db, struct arena *a, int64_t cid, int64_t month,
                           struct participation_row **out, size_t *n);
/* Store month's levels rows[0..n) and mark it computed at `at`, inside the caller's write
   transaction; a month already stored is left as it is. ERR_CONFLICT when another
   process stored it meanwhile, ERR_DB. */
int participation_db_month_store(struct db *db, int64_t cid, int64_t month, int64_t at,
                                 const struct participation_row *rows, size_t n);

#endif
