/* The SQL catalogue for votes to close and reopen threads (migration 0027, table
 * close_votes): one vote per member per thread and kind ("close" or "reopen"), with the
 * reason and, for duplicates, the original thread. These functions read and write rows; they
 * decide nothing (domain/closevote.c does). Strings are copied into the arena passed in.
 * Functions return 0, ERR_CONFLICT (a second vote of the same kind) or ERR_DB. */
#ifndef PRAXIS_STORE_CLOSEVOTE_H
#define PRAXIS_STORE_CLOSEVOTE_H
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "store/db.h"

struct close_vote {
    int64_t user_id;
    const char *user_name;      /* "" when the account is gone */
    const char *kind;           /* "close" | "reopen" */
    const char *reason;         /* close: duplicate | off_topic | needs_details; reopen: "" */
    int64_t original_id;        /* duplicate: the original thread, else 0 */
    const char *original_title; /* "" when none or deleted */
    const char *original_slug;  /* its community's slug, "" when none */
    int64_t created_at;
};

/* The votes of kind on thread tid, oldest first (at most 100). */
int closevote_db_list(struct db *db, struct arena *a, int64_t tid, const char *kind,
                      struct close_vote **out, size_t *n);
int closevote_db_add(struct db *db, int64_t tid, int64_t uid, const char *kind, const char *reason,
                     int64_t original_id, int64_t now);
/* Remove uid's vote of kind (returns the number of rows removed, 0 or 1) / every vote of
   kind on tid. */
int closevote_db_delete(struct db *db, int64_t tid, int64_t uid, const char *kind);
int closevote_db_clear(struct db *db, int64_t tid, const char *kind);

#endif
