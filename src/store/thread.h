/* The SQL catalogue for threads (migration 0003_threads.sql): threads, posts, revisions,
 * tags, votes, likes, mentions, drafts, tag proposals and the audit log.
 *
 * These functions read and write rows; they decide nothing (domain/thread.c does), with one
 * deliberate exception as in store/community.h: the lists across the instance and the
 * similar-threads query filter community visibility in SQL (viewer, see_all), so a private
 * community's threads can never leak from a list.
 *
 * Strings in results are copied into the arena passed in. Functions return 0, ERR_NOTFOUND,
 * ERR_CONFLICT or ERR_DB. */
#ifndef PRAXIS_STORE_THREAD_H
#define PRAXIS_STORE_THREAD_H
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "store/db.h"

enum thread_kind { THREAD_QUESTION, THREAD_DISCUSSION, THREAD_KIND__MAX };
const char *thread_kind_name(enum thread_kind k);            /* "question" | "discussion" */
int thread_kind_parse(const char *s, enum thread_kind *out); /* 0 or -1 */

struct thread {
    int64_t id;
    int64_t community_id;
    const char *community_slug; /* of the community it is in now */
    const char *community_name;
    enum thread_kind kind;
    const char *title;       /* plain text */
    int64_t author_id;       /* 0 if the account is gone */
    const char *author_name; /* "" if gone */
    const char *author_display;
    int64_t created_at, last_activity_at;
    int64_t last_post_id;
    int64_t post_count;       /* all posts ever made (positions used) */
    int64_t reply_count;      /* posts after the first, not deleted or hidden */
    int64_t answer_count;     /* same for questions; 0 for discussions */
    int64_t score;            /* the opening post's score */
    int64_t accepted_post_id; /* 0 = none */
    int solved;               /* accepted_post_id != 0 */
    int locked, pinned;
    int64_t closed_at;               /* 0 = open */
    const char *close_reason;        /* "" when open */
    int64_t deleted_at;              /* 0 = live */
    int64_t moved_from_community_id; /* 0 = never moved */
    int64_t held_at;       /* opening post held for review (deleted_at is set too), 0 = not */
    int64_t coaching_at;   /* question in coaching since (held_at, deleted_at set), 0 = not */
    int64_t coached_at;    /* published from coaching at, 0 = never coached */
    int viewer_coach;      /* set by domain thread_load: the viewer may coach it (in coaching) */
    const char *tags_text; /* "a b c" */
    const char **tags;     /* split tags_text */
    size_t ntags;
};

/* What the viewer may do with one post. */
struct post_can {
    int edit;      /* author (post not hidden/deleted) or staff */
    int vote_up;   /* members, not on own posts */
    int vote_down; /* same, answers only (question threads, position > 1) */
    int like;      /* members, discussion posts, not own */
    int accept;    /* answer in a question, viewer can accept */
    int del;       /* author or staff, not yet deleted */
    int hide;      /* staff (hide or unhide) */
    int flag;      /* members, not own, live (domain/flag.c decides the rest) */
    int retag;     /* opening post: change its thread's tags only (trust_retag_level) */
};

struct post {
    int64_t id;
    int64_t thread_id;
    int64_t position; /* 1 = opening post */
    int64_t author_id;
    const char *author_name; /* "" if gone */
    const char *author_display;
    int64_t reply_to_post_id;      /* 0 = none */
    int64_t reply_to_position;     /* 0 = none */
    const char *body_md;           /* NULL when withheld from the viewer (hidden/deleted) */
    const char *body_html;         /* NULL when withheld */
    int64_t created_at, edited_at; /* edited_at 0 = never */
    int64_t edit_count;
    int64_t score, like_count;
    int64_t hidden_at;          /* 0 = visible */
    const char *hidden_by_name; /* "" */
    const char *hide_reason;    /* "" */
    int64_t deleted_at;         /* 0 = live */
    int64_t held_at;            /* held for review (hidden_at is set too), 0 = not */
    int accepted;               /* this is the thread's accepted answer */
    int viewer_vote;            /* -1, 0, +1 */
    int viewer_liked;           /* 0/1 */
    struct post_can can;
};

struct post_revision {
    int64_t id, post_id;
    int64_t rev; /* 1 = original */
    int64_t author_id;
    const char *author_name; /* "" if gone */
    int64_t created_at;
    const char *title; /* opening post only, else NULL */
    const char *tags;  /* opening post only ("a b"), else NULL */
    const char *body_md;
    const char *summary; /* edit summary, may be "" */
};

struct audit_entry {
    int64_t id;
    int64_t community_id;
    const char *actor_name;     /* "" if gone */
    const char *action;         /* "lock", "hide", ... */
    int64_t thread_id, post_id; /* 0 = none */
    const char *thread_title;   /* "" if none */
    const char *detail;         /* reason, target community, ... */
    int64_t created_at;
};
struct draft {
    const char *key;
    const char *title; /* "" */
    const char *body;  /* "" */
    const char *tags;  /* "" */
    const char *kind;  /* "" */
    int64_t updated_at;
};
struct tag_proposal {
    const char *tag;
    const char *proposed_by; /* name, "" if gone */
    int64_t created_at;
};

/* Threads */
int thread_db_get(struct db *db, struct arena *a, int64_t tid, struct thread *out);
/* Insert t (community_id, kind, title, tags_text, author_id, created_at, and deleted_at and
   held_at for a thread held for review); sets t->id. */
int thread_db_insert(struct db *db, struct thread *t);
/* Take the next position in tid (post_count + 1), touching last activity at now. */
int thread_db_next_position(struct db *db, int64_t tid, int64_t *pos);
int thread_db_touch(struct db *db, int64_t tid, int64_t now);
/* Recompute reply/answer counts, score and last_post_id from the posts. */
int thread_db_recount(struct db *db, int64_t tid);
int thread_db_set_title_tags(struct db *db, int64_t tid, const char *title, const char *tags);
int thread_db_tags_replace(struct db *db, int64_t tid, const char *const *tags, size_t n);
int thread_db_set_accepted(struct db *db, int64_t tid, int64_t pid); /* 0 = none */
int thread_db_set_flag(struct db *db, int64_t tid, int lock_flag,
                       int value); /* lock_flag 1 = locked, 0 = pinned */
int thread_db_set_closed(struct db *db, int64_t tid, int64_t closed_at, const char *reason);
int thread_db_move(struct db *db, int64_t tid, int64_t to_cid, int64_t from_cid);
int thread_db_set_deleted(struct db *db, int64_t tid, int64_t at);

/* Posts */
/* Insert p; sets p->id. p->hidden_at, hide_reason and held_at are stored (a post held for
   review is inserted hidden, so the search index never sees it). */
int post_db_insert(struct db *db, struct post *p);
/* One post with the viewer's vote and like. */
int post_db_get(struct db *db, struct arena *a, int64_t pid, int64_t viewer, struct post *out);
/* A page of posts of tid: ordered by position (discussion) or opening post, accepted,
   score desc, position (question: by_score = 1). */
int post_db_page(struct db *db, struct arena *a, int64_t tid, int by_score, int64_t accepted,
                 int64_t offset, int64_t limit, int64_t viewer, struct post **out, size_t *n);
/* As post_db_page, for a rendered page: body_md is "" (not loaded), and for viewer 0 the
   vote/like lookups are skipped (viewer_vote and viewer_liked are 0). */
int post_db_page_view(struct db *db, struct arena *a, int64_t tid, int by_score, int64_t accepted,
                      int64_t offset, int64_t limit, int64_t viewer, struct post **out, size_t *n);
/* Number of posts shown before p in its thread's order. */
int post_db_rank(struct db *db, const struct post *p, int by_score, int64_t accepted,
                 int64_t *rank);
int post_db_update_body(struct db *db, int64_t pid, const char *md, const char *html, int64_t now);
int post_db_set_hidden(struct db *db, int64_t pid, int64_t at, int64_t by, const char *reason);
int post_db_set_deleted(struct db *db, int64_t pid, int64_t at);

/* Revisions */
int revision_db_insert(struct db *db, const struct post_revision *r); /* rev given */
int revision_db_list(struct db *db, struct arena *a, int64_t pid, struct post_revision **out,
                     size_t *n);
int revision_db_get(struct db *db, struct arena *a, int64_t pid, int64_t rev,
                    struct post_revision *out);

/* Votes and likes: set (value 0 = remove) and recompute the post's score / like count. */
int vote_db_set(struct db *db, int64_t pid, int64_t uid, int value, int64_t now, int64_t *score);
int like_db_set(struct db *db, int64_t pid, int64_t uid, int on, int64_t now, int64_t *count);

/* Mentions: replace the post's mentions by the users called names (unknown names skipped). */
int mention_db_replace(struct db *db, int64_t pid, const char *const *names, size_t n);
/* 1 in *exists if an account called name (any case) exists. */
int mention_db_user_exists(struct db *db, const char *name, int *exists);

/* Tag proposals; community setting. */
int tag_proposal_db_add(struct db *db, int64_t cid, const char *tag, int64_t uid, int64_t now);
int tag_proposal_db_list(struct db *db, struct arena *a, int64_t cid, struct tag_proposal **out,
                         size_t *n);
int tag_proposal_db_enabled(struct db *db, int64_t cid, int *on);
int tag_proposal_db_set_enabled(struct db *db, int64_t cid, int on);

/* Audit log */
int audit_db_add(struct db *db, int64_t cid, int64_t actor, const char *action, int64_t tid,
                 int64_t pid, const char *detail, int64_t now);
int audit_db_list(struct db *db, struct arena *a, int64_t cid, int64_t before, int limit,
                  struct audit_entry **out, size_t *n);

/* Drafts */
int draft_db_save(struct db *db, int64_t uid, const struct draft *d, int64_t now);
int draft_db_get(struct db *db, struct arena *a, int64_t uid, const char *key, struct draft *out);
int draft_db_delete(struct db *db, int64_t uid, const char *key);

/* Lists. */
enum thread_db_order {
    TDB_PINNED,   /* pinned desc, last activity desc, id desc (community only) */
    TDB_ACTIVITY, /* last activity desc, id desc */
    TDB_SCORE,    /* score desc, id desc */
    TDB__MAX
};
struct thread_db_filter {
    int64_t community_id; /* 0 = across the instance (visibility filtered by viewer/see_all) */
    int64_t viewer;       /* user id or 0 */
    int see_all;          /* admins: every community */
    enum thread_db_order order;
    const char *kind;    /* "" = any, else "question"/"discussion" */
    int unanswered;      /* answer_count = 0 (questions) */
    int unsolved;        /* accepted_post_id IS NULL (questions) */
    int solved;          /* accepted_post_id IS NOT NULL (questions; unsolved wins) */
    const char *tag;     /* "" = any */
    int64_t mine;        /* user id: started or replied to; 0 = anyone */
    int64_t since;       /* created_at >= since (0 = all time) */
    int64_t ka, kb, kid; /* keyset: rows after (ka, kb, kid) in the order; first page: INT64_MAX */
    int limit;
};
int thread_db_list(struct db *db, struct arena *a, const struct thread_db_filter *f,
                   struct thread **out, size_t *n);
/* Rows matching f, counted up to THREAD_DB_COUNT_MAX + 1 (more are not counted). */
#define THREAD_DB_COUNT_MAX 10000
int thread_db_count(struct db *db, const struct thread_db_filter *f, int64_t *total);
/* Up to limit threads whose title or opening post matches any of words[0..nw) (normalised
   runs as query_words gives them), ranked by the search index with the title weighted over
   the body, among live threads the viewer may read (cid 0 = any community). */
int thread_db_similar(struct db *db, struct arena *a, int64_t cid, int64_t viewer, int see_all,
                      const char *const *words, size_t nw, int64_t exclude, int limit,
                      struct thread **out, size_t *n);

#endif
