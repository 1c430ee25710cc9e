/* The SQL catalogue for imports (migration 0006_import.sql): the (source, kind, external id)
 * -> local id map that makes imports idempotent, attribution of imported items, comments
 * under posts, links between threads, the imported rows themselves (users, threads, posts,
 * revisions) and one-time account claim links.
 *
 * These functions read and write rows; they decide nothing (domain/import.c maps a dump's
 * rows and domain/account_claim.c holds the claim rules). Functions return 0, ERR_NOTFOUND,
 * ERR_CONFLICT or ERR_DB; strings in results are arena copies. */
#ifndef PRAXIS_STORE_IMPORT_H
#define PRAXIS_STORE_IMPORT_H
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "store/db.h"

/* --- mapping --- */
int import_db_map_get(struct db *db, const char *src, const char *kind, int64_t ext,
                      int64_t *local);
/* Upsert; aux 0 is stored as NULL. */
int import_db_map_set(struct db *db, const char *src, const char *kind, int64_t ext, int64_t local,
                      int64_t aux);
/* Upsert the attribution of (kind, local). */
int import_db_attrib_set(struct db *db, const char *kind, int64_t local, const char *url,
                         const char *author, const char *author_url, const char *license);

/* --- rows --- */
/* An unclaimed account (no password). ERR_CONFLICT when name_key is taken. */
int import_db_user_insert(struct db *db, const char *name, const char *name_key,
                          const char *display_name, int64_t created_at, int64_t *id);
int import_db_user_update(struct db *db, int64_t id, const char *display_name);
int import_db_member_add(struct db *db, int64_t cid, int64_t uid, int64_t now); /* if missing */
int import_db_tag_add(struct db *db, int64_t cid, const char *tag);             /* if missing */

struct import_thread {
    int64_t id, community_id, author_id; /* author 0 = unknown */
    int64_t created_at, last_activity_at;
    const char *title, *tags; /* tags "a b c" */
};
int import_db_thread_insert(struct db *db, struct import_thread *t); /* sets t->id */
int import_db_thread_update(struct db *db, const struct import_thread *t);
int import_db_thread_title(struct db *db, int64_t tid, const char *title);
int import_db_thread_closed(struct db *db, int64_t tid, int64_t at, const char *reason);

struct import_post {
    int64_t id, thread_id, author_id; /* author 0 = unknown */
    int64_t created_at, base_score;
    const char *body_md, *body_html;
};
/* Insert at the thread's next position (opening post = 1); sets p->id. */
int import_db_post_insert(struct db *db, struct import_post *p);
/* Author, date and base score (score = base + local votes); the body is left alone. */
int import_db_post_update(struct db *db, const struct import_post *p);
int import_db_post_thread(struct db *db, int64_t pid, int64_t *tid, int64_t *position);
/* Body of pid from its latest revision; edit_count = revisions - 1. */
int import_db_post_body(struct db *db, int64_t pid, const char *md, const char *html,
                        int64_t edited_at);
/* Revision: insert as the next rev of pid (*id set), or update one by id. */
int import_db_rev_insert(struct db *db, int64_t pid, int64_t author, int64_t at, const char *md,
                         int64_t *id);
int import_db_rev_update(struct db *db, int64_t id, int64_t author, int64_t at, const char *md);

int import_db_comment_insert(struct db *db, int64_t pid, int64_t author, const char *md,
                             const char *html, int64_t at, int64_t *id);
int import_db_comment_update(struct db *db, int64_t id, int64_t author, const char *md,
                             const char *html, int64_t at);
int import_db_link_add(struct db *db, int64_t tid, int64_t target, const char *kind,
                       int64_t at); /* if missing */
/* After a run: accepted answers from the map's aux, then every imported thread's counters,
   score and last post. */
int import_db_finish(struct db *db, const char *src);
/* Imported threads of src with an accepted answer. */
int import_db_accepted_count(struct db *db, const char *src, int64_t *n);
/* Counts of the source's mapped rows of kind. */
int import_db_map_count(struct db *db, const char *src, const char *kind, int64_t *n);

/* --- what a thread page shows --- */
struct import_attrib {
    int64_t local_id;
    const char *source_url, *author_name, *author_url, *license;
};
/* Attribution of thread tid's posts (by post id ascending). */
int import_db_thread_attribs(struct db *db, struct arena *a, int64_t tid,
                             struct import_attrib **out, size_t *n);
struct comment_row {
    int64_t id, post_id, author_id, created_at;
    int64_t edited_at;        /* 0 = never */
    const char *author_name;  /* the account's display name, or the source's */
    const char *author_login; /* users.name, or NULL */
    const char *body_html;
    const char *body_md;
    const char *source_url; /* NULL unless imported */
};
/* Live (not deleted) comments on thread tid's posts, by post then time; at most cap. */
int import_db_thread_comments(struct db *db, struct arena *a, int64_t tid, size_t cap,
                              struct comment_row **out, size_t *n);
struct thread_link_row {
    int64_t thread_id, target_id;
    const char *kind;  /* duplicate | linked */
    const char *title; /* the other thread's title */
    int outgoing;      /* 1: tid links to it; 0: it links to tid */
};
/* Live links from and to thread tid within community cid, at most cap, duplicates first;
   each other thread appears once among the "linked" ones (not again when it is linked both
   ways or is also a duplicate link). */
int import_db_thread_links(struct db *db, struct arena *a, int64_t tid, int64_t cid, size_t cap,
                           struct thread_link_row **out, size_t *n);

/* --- account claims --- */
int claim_db_insert(struct db *db, const char *hash, int64_t uid, int64_t by, int64_t now,
                    int64_t expires);
/* The claim's user if hash is unused and unexpired at now: ERR_NOTFOUND otherwise. */
int claim_db_lookup(struct db *db, const char *hash, int64_t now, int64_t *uid);
/* Mark used (only if still unused): ERR_NOTFOUND when it was used meanwhile. */
int claim_db_use(struct db *db, const char *hash, int64_t now);

#endif
