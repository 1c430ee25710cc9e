/* The SQL catalogue for in-app notifications (table notifications, migration 0007): insert,
 * list newest first, count unread, mark read. Who is told what is decided in
 * domain/notification.c. Strings in results are copied into the arena passed in. Functions
 * return 0 or ERR_DB. */
#ifndef PRAXIS_STORE_NOTIFICATION_H
#define PRAXIS_STORE_NOTIFICATION_H
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "store/db.h"

struct notification {
    int64_t id;
    const char *kind, *text, *link;
    int64_t created_at;
    int64_t read_at; /* 0 = unread */
};

int notification_db_insert(struct db *db, int64_t uid, const char *kind, const char *text,
                           const char *link, int64_t now);
int notification_db_list(struct db *db, struct arena *a, int64_t uid, int limit,
                         struct notification **out, size_t *n); /* newest first */
int notification_db_unread(struct db *db, int64_t uid, int64_t *count);
int notification_db_mark_read(struct db *db, int64_t uid, int64_t id, int64_t now); /* 0 = all */

#endif
