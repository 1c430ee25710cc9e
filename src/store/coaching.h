/* The SQL catalogue for newcomer coaching (migration 0025_coaching.sql): a community's
 * coaching settings, questions entering and leaving coaching, the coaching queue, the
 * private notes of a coached question (comments, suggested edits, "ready" marks), the
 * credited coaches, and the members who may coach.
 *
 * These functions read and write rows; they decide nothing (domain/coaching.c does).
 * Strings in results are copied into the arena passed in. Functions return 0,
 * ERR_NOTFOUND, ERR_CONFLICT or ERR_DB. */
#ifndef PRAXIS_STORE_COACHING_H
#define PRAXIS_STORE_COACHING_H
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "store/db.h"

/* A community's coaching settings (communities.coaching*). */
struct coaching_settings {
    int on;         /* coaching is on */
    int64_t level;  /* minimum trust level of a coach, 0..4 */
    int64_t hours;  /* hours until a coached question publishes itself, 0 = never */
    int first_only; /* only a member's first question here (else every level-0 question) */
};

/* One note on a coached question. */
struct coaching_note {
    int64_t id;
    int64_t thread_id;
    int64_t author_id;              /* 0 if the account is gone */
    const char *author_name;        /* "" if gone (listings) */
    const char *author_display;     /* "" (listings) */
    const char *kind;               /* "comment" | "suggestion" | "ready" */
    const char *title;              /* suggestion: the proposed title ("" = unchanged) */
    const char *body_md;            /* comment text, or the suggestion's proposed body */
    const char *body_html;          /* rendered body_md ("" for ready) */
    const char *status;             /* suggestion: pending | accepted | rejected; else "" */
    int64_t created_at, decided_at; /* decided_at 0 = pending / not a suggestion */
};

/* One question in a community's coaching queue. */
struct coaching_item {
    int64_t thread_id, post_id;
    const char *title;
    int64_t author_id;
    const char *author_name, *author_display;
    int64_t coaching_at;        /* entered coaching */
    int64_t notes, suggestions; /* notes in all; pending suggestions */
};

/* A credited coach of a question. */
struct coaching_coach {
    int64_t id;
    const char *name, *display;
};

int coaching_db_settings(struct db *db, int64_t cid, struct coaching_settings *out);
int coaching_db_set_settings(struct db *db, int64_t cid, const struct coaching_settings *s);
/* Questions uid started in community cid that are published or in coaching (not deleted
   otherwise, not held for review). */
int coaching_db_questions_in(struct db *db, int64_t uid, int64_t cid, int64_t *n);
/* Mark thread tid as in coaching since now. */
int coaching_db_start(struct db *db, int64_t tid, int64_t now);
/* Thread tid leaves coaching, published at now: coaching_at cleared, coached_at, created_at
   and last_activity_at = now, and its opening post pid's created_at = now (so it is fresh in
   "latest"). The caller also calls hold_db_publish (store/flag.h). 0 or ERR_CONFLICT when
   tid is not in coaching. */
int coaching_db_publish(struct db *db, int64_t tid, int64_t pid, int64_t now);
/* The id of thread tid's opening post (ERR_NOTFOUND when none). */
int coaching_db_opening_post(struct db *db, int64_t tid, int64_t *pid);
/* Thread tid leaves coaching without being published (deleted): coaching_at cleared. */
int coaching_db_clear(struct db *db, int64_t tid);
/* Questions in coaching in community cid, oldest first, at most limit. */
int coaching_db_queue(struct db *db, struct arena *a, int64_t cid, int limit,
                      struct coaching_item **out, size_t *n);
/* Insert note x (thread_id .. created_at); sets x->id. */
int coaching_db_note_add(struct db *db, struct coaching_note *x);
/* The notes of thread tid, oldest first (at most limit), with their authors' names. */
int coaching_db_notes(struct db *db, struct arena *a, int64_t tid, int limit,
                      struct coaching_note **out, size_t *n);
int coaching_db_note_get(struct db *db, struct arena *a, int64_t id, struct coaching_note *out);
/* Decide pending suggestion id: status "accepted" or "rejected" at now. ERR_CONFLICT when
   it is not pending. */
int coaching_db_note_decide(struct db *db, int64_t id, const char *status, int64_t now);
/* The credited coaches of thread tid: the distinct authors of its notes other than
   author_id, in order of their first note, at most limit. */
int coaching_db_coaches(struct db *db, struct arena *a, int64_t tid, int64_t author_id, int limit,
                        struct coaching_coach **out, size_t *n);
/* Members of community cid who may coach (stored trust level >= level, or moderator or
   coordinator there), not suspended, other than except_uid, at most limit ids. */
int coaching_db_coach_ids(struct db *db, struct arena *a, int64_t cid, int64_t level,
                          int64_t except_uid, int64_t now, int limit, int64_t **out, size_t *n);
#endif
