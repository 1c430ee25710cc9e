/* The SQL catalogue for expertise: the evidence rows (answers, accepts, votes on answers,
 * articles written and reviewed) and the documents they are about (question threads and
 * articles), filtered by what a viewer may read; a member's "hide my expertise" flag; the
 * time an answer was accepted; who reviewed an article. The model is in
 * domain/expertise*.c; rows here are plain data. */
#ifndef PRAXIS_STORE_EXPERTISE_H
#define PRAXIS_STORE_EXPERTISE_H
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "store/db.h"

/* Which evidence to load. */
struct expertise_scope {
    int64_t community_id; /* 0 = every community the viewer may read */
    int64_t viewer;       /* users.id of the viewer, 0 = anonymous */
    int see_all;          /* administrators and the system: every community */
    const char *tag;      /* only threads and articles with this tag, "" or NULL = any */
    int64_t user_id;      /* only this member's evidence, 0 = everyone */
    int include_hidden;   /* 1: members who hid their expertise and suspended ones count */
    int64_t as_of;        /* only rows created before this time */
    int64_t limit;        /* at most this many rows of each kind, newest first */
};

/* What a document (and the evidence about it) is: ids of the two kinds may collide. */
enum expertise_doc_kind { EXP_DOC_THREAD = 0, EXP_DOC_ARTICLE = 1 };

/* An evidence row. kind: 0 answer, 1 accepted, 2 vote, 3 article written, 4 article
   reviewed, 5 imported votes (the domain's enum expertise_kind). doc_id is a thread's id
   (doc_kind EXP_DOC_THREAD) or an article's (EXP_DOC_ARTICLE). */
struct expertise_item_row {
    int64_t user_id, at, doc_id;
    int kind, value, doc_kind;
};

/* A document evidence is about: a question thread or a published article. */
struct expertise_doc_row {
    int64_t id, community_id, author_id, created_at;
    int kind;          /* enum expertise_doc_kind */
    const char *title; /* arena: a thread's title; an article's title and first words */
    const char *tags;  /* "a b c" (arena) */
};

/* Evidence rows and documents in scope (arena arrays): question threads, then published
   and best-practice articles (limit applies to each). Evidence from a private community
   counts only while its author is a member there. ERR_DB. */
int expertise_db_items(struct db *db, struct arena *a, const struct expertise_scope *s,
                       struct expertise_item_row **out, size_t *n);
int expertise_db_docs(struct db *db, struct arena *a, const struct expertise_scope *s,
                      struct expertise_doc_row **out, size_t *n);
/* users.expertise_hidden. ERR_NOTFOUND, ERR_DB. */
int expertise_db_hidden_get(struct db *db, int64_t uid, int *hidden);
int expertise_db_hidden_set(struct db *db, int64_t uid, int hidden);
/* threads.accepted_at = at (0 = NULL). */
int expertise_db_accepted_at(struct db *db, int64_t tid, int64_t at);
/* Name and display name of user uid (arena). ERR_NOTFOUND, ERR_DB. */
int expertise_db_user(struct db *db, struct arena *a, int64_t uid, const char **name,
                      const char **display);
/* A stored suggestion for an unanswered question (expertise_suggestions). */
struct expertise_suggest_row {
    int64_t user_id, last_at;
    const char *name, *display_name; /* arena; filled by reads */
    int answers, accepted, votes, articles, similar;
};
/* When thread tid's suggestions were computed, 0 if never. ERR_DB. */
int expertise_db_suggest_computed(struct db *db, int64_t tid, int64_t *at);
/* The stored suggestions of tid, best first, at most limit, without the members who are
   now hidden, suspended, the asker, or (private community) not members. ERR_DB. */
int expertise_db_suggest_read(struct db *db, struct arena *a, int64_t tid, int64_t limit,
                              struct expertise_suggest_row **out, size_t *n);
/* Replace tid's suggestions with rows[0..n) computed at `at` (inside the caller's write
   transaction). ERR_DB. */
int expertise_db_suggest_write(struct db *db, int64_t tid, int64_t at,
                               const struct expertise_suggest_row *rows, size_t n);
/* Record that member uid reviewed article aid at `at` (kind "approved" or "renewed"),
   replacing their earlier review of it, inside the caller's transaction. ERR_DB. */
int expertise_db_article_reviewed(struct db *db, int64_t aid, int64_t uid, const char *kind,
                                  int64_t at);
/* A member who claims a skill (their profile's user_skills). */
struct expertise_claimant {
    int64_t user_id;
    const char *name, *display_name;
};
/* Active members who claim skill tag and do not hide their expertise; with cid != 0 only
   members of community cid; by name, at most limit (arena). ERR_DB. */
int expertise_db_claimants(struct db *db, struct arena *a, const char *tag, int64_t cid, int limit,
                           struct expertise_claimant **out, size_t *n);
/* Community id of slug (no visibility check: the CLI). ERR_NOTFOUND. */
int expertise_db_community_id(struct db *db, const char *slug, int64_t *id);

#endif
