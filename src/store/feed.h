/* The SQL catalogue for Atom feeds: the newest threads of a community (optionally with one
 * tag), the newest posts of a thread, of one member and of the threads a member watches, a
 * community's published articles, and deleting a member's feed token (the calendar_tokens
 * table of migration 0004, shared with the iCalendar feeds; store/event.c sets and reads it).
 *
 * These functions read rows; they decide little (domain/feed.c does). Like the instance lists
 * of store/thread.h, the queries that span communities (a member's posts, watched threads)
 * filter community visibility in SQL for the viewer, so a private community's posts can never
 * leak from them. Every query leaves out deleted threads and deleted or hidden posts.
 *
 * Strings are copied into the arena passed in. Functions return 0 or ERR_DB. */
#ifndef PRAXIS_STORE_FEED_H
#define PRAXIS_STORE_FEED_H
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "store/db.h"

/* One feed entry as read: a thread (its opening post), a post, or an article. */
struct feed_item {
    int64_t id;                 /* post id (threads: the opening post's), or article id */
    int64_t thread_id;          /* 0 for articles */
    int64_t position;           /* post position in its thread (1 = opening); 0 for articles */
    int question;               /* the thread is a question */
    const char *title;          /* the thread's or article's title */
    const char *slug;           /* the article's slug; "" otherwise */
    const char *community_slug; /* where the thread or article is now */
    const char *community_name;
    const char *author_name;    /* "" when the account is gone */
    const char *author_display; /* "" when the account is gone */
    const char *body_html;      /* rendered on write: safe HTML with relative links */
    const char *tags_text;      /* "a b c" */
    int64_t created_at;         /* the post's / article's creation */
    int64_t updated_at;         /* last edit (created_at when never edited) */
};

/* Threads of community cid started most recently (tag "" = any, else only those with that
   tag), at most limit, with their opening post. */
int feed_db_threads(struct db *db, struct arena *a, int64_t cid, const char *tag, int limit,
                    struct feed_item **out, size_t *n);
/* The newest posts of thread tid, at most limit. */
int feed_db_thread_posts(struct db *db, struct arena *a, int64_t tid, int limit,
                         struct feed_item **out, size_t *n);
/* The newest posts by author in live threads of communities viewer may read (viewer 0:
   public communities only), at most limit. */
int feed_db_user_posts(struct db *db, struct arena *a, int64_t author, int64_t viewer, int limit,
                       struct feed_item **out, size_t *n);
/* The newest posts by others than uid in the threads uid watches (explicitly, or through a
   watched community or tag unless uid set a level on the thread) and may read: taken from
   the FEED_DB_WATCHED_THREADS watched threads active most recently, at most limit. */
#define FEED_DB_WATCHED_THREADS 50
int feed_db_watched(struct db *db, struct arena *a, int64_t uid, int limit, struct feed_item **out,
                    size_t *n);
/* Published and best-practice articles of community cid, most recently changed first, at
   most limit (author: who created the article). */
int feed_db_articles(struct db *db, struct arena *a, int64_t cid, int limit, struct feed_item **out,
                     size_t *n);

/* Forget uid's feed token (calendar_tokens row): every feed link with it stops working. */
int feed_db_token_delete(struct db *db, int64_t uid);

#endif
