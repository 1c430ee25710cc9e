/* The SQL catalogue for the knowledge base (tables from migration 0007_articles.sql):
 * articles, their revisions and old slugs, wiki links between articles, links between
 * articles and threads, readers' feedback, trusted editors, the per-community editing
 * setting. (The in-app notifications table is store/notification.h's.)
 *
 * These functions only read and write rows; who may see or change what is decided in
 * domain/article.c. Strings in results are copied into the arena passed in. Functions
 * return 0, ERR_NOTFOUND (no such row), ERR_CONFLICT (unique key) or ERR_DB. */
#ifndef PRAXIS_STORE_ARTICLE_H
#define PRAXIS_STORE_ARTICLE_H
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "store/db.h"

struct article {
    int64_t id;
    int64_t community_id;
    const char *community_slug;
    const char *slug;      /* unique in the community */
    const char *title;     /* plain text */
    const char *tags_text; /* "a b c" (from the community vocabulary) */
    const char *body_md;   /* Markdown source (with [[wiki links]]); "" in lists */
    const char *body_html; /* rendered at save time with links resolved; "" in lists */
    const char *status;    /* "draft" | "published" | "best_practice" | "outdated" */
    int64_t replaced_by;   /* outdated: the replacing article, or 0 */
    const char *replaced_by_slug, *replaced_by_title; /* "" when none */
    int64_t current_rev;                              /* number of the newest revision (1-based) */
    int64_t owner_id;                                 /* 0 = nobody */
    const char *owner_name;                           /* "" when none */
    int64_t review_by;                                /* UTC seconds, 0 = no review date */
    int64_t helped_count, outdated_count;
    int64_t created_by;
    const char *created_by_name; /* "" if gone */
    int64_t created_at, updated_at;
    const char *community_name;     /* the community's name */
    const char *created_by_display; /* the creator's display name, "" if none or gone */
    const char *owner_display;      /* the owner's display name, "" if none */
};

struct article_rev {
    int64_t rev;
    int64_t author_id;
    const char *author_name; /* "" if gone */
    int64_t created_at;
    const char *title, *tags, *body_md, *summary;
};

struct article_ref { /* a linked article or thread, for backlinks and source lists */
    int64_t id;
    const char *slug; /* articles; "" for threads */
    const char *community_slug;
    const char *title;
    const char *status; /* articles: status; threads: "source" or "link" */
};

struct article_feedback_note {
    const char *user_name;
    const char *note;
    int64_t created_at;
};

/* Articles. The *_get calls fill replaced_by_* and owner/creator names. */
int article_db_get_slug(struct db *db, struct arena *a, int64_t cid, const char *slug,
                        struct article *out);
int article_db_get_id(struct db *db, struct arena *a, int64_t id, struct article *out);
/* The article an old slug of community cid now belongs to. */
int article_db_old_slug(struct db *db, int64_t cid, const char *slug, int64_t *id);
/* 1 in *taken if slug is in use in cid by an article other than except_id (now or formerly). */
int article_db_slug_taken(struct db *db, int64_t cid, const char *slug, int64_t except_id,
                          int *taken);
/* Insert (community_id, slug, title, tags_text, body_md, body_html, status, created_by,
   owner_id, created_at) with current_rev 1; sets a->id. */
int article_db_insert(struct db *db, struct article *a);
/* Write slug, title, tags, body_md/html, updated_at and current_rev + 1 only when the row's
   current_rev is still base_rev (the atomic edit check). *new_rev gets the new number.
   ERR_NOTFOUND when the row moved on (someone else saved) or is gone. */
int article_db_update_if(struct db *db, const struct article *a, int64_t base_rev,
                         int64_t *new_rev);
/* Re-render: set body_html only. */
int article_db_set_html(struct db *db, int64_t id, const char *html);
int article_db_set_status(struct db *db, int64_t id, const char *status, int64_t replaced_by,
                          int64_t now);
/* Owner (0 = none) and review date (0 = none); clears the "owner was told" flag. */
int article_db_set_review(struct db *db, int64_t id, int64_t owner_id, int64_t review_by);
/* Record slug as an old slug of article id (taking it over if another article had it). */
int article_db_slug_keep(struct db *db, int64_t cid, const char *slug, int64_t id);

/* Lists of community cid, newest change first (body left ""), at most limit rows.
   drafts = 1 includes drafts. due_before > 0: only articles whose review date is on or
   before it, soonest first. */
int article_db_list(struct db *db, struct arena *a, int64_t cid, int drafts, int64_t due_before,
                    int limit, struct article **out, size_t *n);
/* Best-practice articles of the communities viewer may read (see_all: every one), newest
   change first, at most limit (body left ""). */
int article_db_best(struct db *db, struct arena *a, int64_t viewer, int see_all, int limit,
                    struct article **out, size_t *n);
/* Articles of community cid tagged tag (drafts = 1 includes drafts), best practice first,
   at most limit (body left ""). */
int article_db_tagged(struct db *db, struct arena *a, int64_t cid, const char *tag, int drafts,
                      int limit, struct article **out, size_t *n);

/* Revisions. */
int article_db_rev_insert(struct db *db, int64_t id, const struct article_rev *r);
int article_db_revs(struct db *db, struct arena *a, int64_t id, struct article_rev **out,
                    size_t *n); /* newest first, body_md left NULL */
int article_db_rev_get(struct db *db, struct arena *a, int64_t id, int64_t rev,
                       struct article_rev *out);

/* Wiki links: replace the targets of article id; the articles linking to article id (by its
   current or old slugs); whether a slug names an article in cid (current or old: *id, and
   its current slug and title when found). */
int article_db_links_replace(struct db *db, int64_t id, int64_t cid, const char *const *slugs,
                             size_t n);
int article_db_backlinks(struct db *db, struct arena *a, int64_t id, struct article_ref **out,
                         size_t *n);
int article_db_resolve(struct db *db, struct arena *a, int64_t cid, const char *slug,
                       struct article_ref *out);

/* Threads: set article id's thread links of kind ("link" replaced wholesale; "source"
   added), the threads of an article, the articles of a thread. */
int article_db_threads_replace(struct db *db, int64_t id, const char *kind, const int64_t *tids,
                               size_t n);
int article_db_thread_add(struct db *db, int64_t id, int64_t tid, const char *kind);
int article_db_threads(struct db *db, struct arena *a, int64_t id, struct article_ref **out,
                       size_t *n);
int article_db_of_thread(struct db *db, struct arena *a, int64_t tid, struct article_ref **out,
                         size_t *n);
/* The first article (any status) with thread tid as its source: 0, ERR_NOTFOUND, ERR_DB. */
int article_db_source_of_thread(struct db *db, struct arena *a, int64_t tid,
                                struct article_ref *out);

/* Threads of community cid with a live, visible post whose text contains path (e.g.
   "/c/x/a/slug"), most recently active first, at most 20 (a scan of the community's posts:
   for the article page only). */
int article_db_mentioned_in(struct db *db, struct arena *a, int64_t cid, const char *path,
                            struct article_ref **out, size_t *n);

/* Feedback: set (upsert) or clear the viewer's mark of kind, recounting the article's
   counters; whether the viewer has marked; the outdated notes, newest first. */
int article_db_feedback_set(struct db *db, int64_t id, int64_t uid, const char *kind,
                            const char *note, int on, int64_t now);
int article_db_feedback_has(struct db *db, int64_t id, int64_t uid, const char *kind, int *has);
int article_db_feedback_notes(struct db *db, struct arena *a, int64_t id,
                              struct article_feedback_note **out, size_t *n);

/* Editing settings: the community's article_editors value; trusted members. */
int article_db_editors(struct db *db, struct arena *a, int64_t cid, const char **out);
int article_db_set_editors(struct db *db, int64_t cid, const char *value);
int article_db_trusted(struct db *db, int64_t cid, int64_t uid, int *trusted);
int article_db_set_trusted(struct db *db, int64_t cid, int64_t uid, int on);
int article_db_trusted_list(struct db *db, struct arena *a, int64_t cid, const char ***names,
                            size_t *n);

/* Review reminders: articles owned by uid whose review date has passed and whose owner was
   not told yet (at most limit), and marking one told. */
int article_db_due_untold(struct db *db, struct arena *a, int64_t uid, int64_t now, int limit,
                          struct article **out, size_t *n);
int article_db_mark_told(struct db *db, int64_t id);

#endif
