/* The SQL catalogue for comments under posts (table comments: 0006 for imported ones, 0020
 * for local ones: edited_at, deleted_at, deleted_by): insert, edit, soft delete, one comment,
 * the live comments of one post (a thread's, for its page: import_db_thread_comments), counting a
 * member's recent comments. Search documents of kind 'comment' are kept by triggers (0020), so
 * nothing here touches search_docs. Permissions are decided in domain/comment.c. Strings in results
 * are copied into the arena passed in. Functions return 0 or ERR_NOTFOUND / ERR_DB. */
#ifndef PRAXIS_STORE_COMMENT_H
#define PRAXIS_STORE_COMMENT_H
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "store/db.h"

/* One comment as the API and the pages show it. */
struct comment {
    int64_t id;
    int64_t post_id;
    int64_t thread_id;
    int64_t author_id;          /* 0 = gone or imported without an account */
    const char *author_name;    /* users.name, or "" */
    const char *author_display; /* display name, or the source's name for imported ones */
    const char *body_md;
    const char *body_html;
    int64_t created_at;
    int64_t edited_at;      /* 0 = never */
    int64_t deleted_at;     /* 0 = live */
    const char *source_url; /* "" unless imported */
};

/* Insert a live comment; *id gets its id. */
int comment_db_insert(struct db *db, int64_t pid, int64_t author, const char *md, const char *html,
                      int64_t now, int64_t *id);
/* Replace the text of comment id (edited_at = now). */
int comment_db_update(struct db *db, int64_t id, const char *md, const char *html, int64_t now);
/* Soft-delete comment id by member by (0 = system). */
int comment_db_delete(struct db *db, int64_t id, int64_t by, int64_t now);
/* Comment id (deleted ones too; the caller decides). ERR_NOTFOUND. */
int comment_db_get(struct db *db, struct arena *a, int64_t id, struct comment *out);
/* Live comments of post pid, oldest first, at most cap (arena array). */
int comment_db_list_post(struct db *db, struct arena *a, int64_t pid, size_t cap,
                         struct comment **out, size_t *n);
/* Comments written by uid at or after since (deleted ones too, so deleting does not give the
   allowance back) into *count, and the oldest one's created_at into *oldest (0 when none): the
   rate limit of domain/comment.c. Only the newest COMMENT_DB_RATE_SCAN comments are looked at
   (a primary-key range, so the cost does not grow with the table; comments has no index on
   its author): an instance writing more comments than that in an hour counts low. */
#define COMMENT_DB_RATE_SCAN 20000
int comment_db_recent(struct db *db, int64_t uid, int64_t since, int64_t *count, int64_t *oldest);
/* The id of the account called name (case-insensitive), 0 if none. */
int comment_db_user_id(struct db *db, const char *name, int64_t *uid);

#endif
