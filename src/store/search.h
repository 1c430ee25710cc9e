/* The SQL catalogue for search (migration NNNN_search.sql): the full-text query over
 * search_docs (FTS5 on SQLite, tsvector on PostgreSQL), its per-kind counts, the zero-result
 * table and the rebuild behind `praxis reindex`. See docs/internals/search.md.
 *
 * Like the thread lists, these statements filter community visibility in SQL (viewer,
 * see_all): a document of a community the viewer may not read is never loaded, so results,
 * snippets and counts cannot leak it. The store turns the parsed query (core/query.h) into
 * an FTS5 MATCH expression or a to_tsquery text in which every term is quoted; terms hold
 * only letters, digits and spaces, so nothing the user typed is read as an operator.
 *
 * Strings in results are copied into the arena passed in. Functions return 0 or ERR_DB. */
#ifndef PRAXIS_STORE_SEARCH_H
#define PRAXIS_STORE_SEARCH_H
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/query.h"
#include "store/db.h"

/* Kinds of document, as stored in search_docs.kind. A new kind (articles) is one more entry
   here plus its triggers in a migration and its statement in search_db_reindex. */
enum search_kind {
    SEARCH_THREAD,  /* a thread: its title and opening post */
    SEARCH_POST,    /* a reply or answer */
    SEARCH_MEMBER,  /* a member: display name, @name, bio */
    SEARCH_EVENT,   /* an event: title, description, place */
    SEARCH_ARTICLE, /* an article (published, best practice or outdated): title, body */
    SEARCH_COMMENT, /* a comment under a live, visible post (0020) */
    SEARCH_KIND__MAX
};
const char *search_kind_name(enum search_kind k);            /* "thread", "post", ... */
int search_kind_parse(const char *s, enum search_kind *out); /* 0 or -1 */

#define SEARCH_COUNT_MAX 10000 /* counts stop here (shown as "10000+") */
/* SQLite: a query matching more documents than this ranks (and counts) only the newest this
   many of them (search_db_window); PostgreSQL ranks every match. */
#define SEARCH_RANK_WINDOW 20000
/* A search of filters only (no words) looks at the newest this many documents. */
#define SEARCH_FILTER_WINDOW 100000

struct search_params {
    const struct query *q;
    int kind;            /* enum search_kind, or -1 for every kind */
    const char *in_slug; /* community slug (already checked readable) or NULL */
    int64_t viewer;      /* user id or 0 */
    int see_all;         /* administrators: every community */
    int64_t offset;
    int limit;
    /* A some-words search (docs/internals/search.md, "Natural questions"): when nsome > 0,
       documents matching any of these words (normalised runs, not stop words) instead of q's
       terms, ranked by BM25 over the words matched, times 1 + bonus * (words matched - 1);
       q's filters still apply. bonus_milli is the bonus in thousandths. */
    const char *const *some;
    size_t nsome;
    int bonus_milli;
};

struct search_hit {
    enum search_kind kind;
    int64_t ref_id;       /* posts.id (thread, post), users.id, events.id, articles.id */
    int64_t thread_id;    /* 0 unless thread/post */
    int64_t community_id; /* 0 for members */
    const char *community_slug, *community_name; /* "" for members */
    const char *title;        /* plain: the thread's title for thread and post hits */
    const char *title_marked; /* the title with QUERY_MARK_* around matches ("" if none) */
    const char *snippet;      /* body excerpt with QUERY_MARK_* around matches */
    int64_t author_id;        /* 0 if gone */
    const char *author_name, *author_display; /* "" if gone */
    int64_t created_at;                       /* events: start; articles: last update */
    const char *thread_kind;                  /* "question" | "discussion" | "" */
    int solved;
    int64_t answer_count;
    const char *article_slug;   /* articles: the slug (link /c/:community/a/:slug), else "" */
    const char *article_status; /* articles: published | best_practice | outdated, else "" */
    int64_t score;              /* thread and post hits: the thread's score */
    const char *tags;           /* the thread's or article's tags, space-separated, or "" */
    int64_t matching_replies;   /* set by domain/search.c when it groups a thread's hits */
};

/* A page of hits in rank order (by recency when q has no positive term). */
int search_db_run(struct db *db, struct arena *a, const struct search_params *p,
                  struct search_hit **out, size_t *n);
/* Hits per kind over every kind (p->kind, offset and limit ignored), all kinds together
   counted up to SEARCH_COUNT_MAX + 1. */
int search_db_counts(struct db *db, const struct search_params *p,
                     int64_t counts[SEARCH_KIND__MAX]);
/* 1 if p matches any document the viewer may read (kind, offset and limit ignored), else 0;
   or ERR_DB. */
int search_db_any(struct db *db, const struct search_params *p);

/* Zero-result searches: count one more for (community_id or 0, normalised query). */
int search_db_miss(struct db *db, int64_t community_id, const char *query, int64_t now);
struct search_miss {
    int64_t community_id;
    const char *community_slug; /* "" for instance-wide */
    const char *query;
    int64_t count, last_at;
};
/* Most recent first; community_id < 0 = every row, else that community's (0 = instance). */
int search_db_misses(struct db *db, struct arena *a, int64_t community_id, int limit,
                     struct search_miss **out, size_t *n);

/* Rebuild search_docs (and the FTS5 index) from the tables, in one write transaction;
   counts[kind] = documents indexed. */
int search_db_reindex(struct db *db, int64_t counts[SEARCH_KIND__MAX]);

/* The id below which documents are left out of ranking for match text m (0 = none); see
   SEARCH_RANK_WINDOW. */
int64_t search_db_window(struct db *db, const char *m);

/* The match text for words (normalised runs, as query_words gives): any of them, as an FTS5
   expression or a to_tsquery text for db's backend. Arena string. */
const char *search_db_any_words(struct db *db, struct arena *a, const char *const *words, size_t n);

/* Spelling suggestions: the index's terms (stemmed, as indexed) in [from, to) held by at
   least min_docs documents, and how many documents hold each, over EVERY community
   (SQLite: FTS5's vocabulary; PostgreSQL: the lexemes of the newest 50,000 documents). Not
   for showing: callers check a suggestion against what the viewer may read. */
struct search_term {
    const char *term;
    int64_t docs;
};
int search_db_vocab(struct db *db, struct arena *a, const char *from, const char *to,
                    int64_t min_docs, struct search_term **out, size_t *n);

/* The local thread imported for question ext_id of the source imported into community_id
   (import_map): its id in *tid (0 when none) and when it was asked in *created_at. */
int search_db_imported_thread(struct db *db, int64_t community_id, int64_t ext_id, int64_t *tid,
                              int64_t *created_at);

#endif
