/* The SQL catalogue for digests (migration 0016): each member's digest frequency and the time
 * of their last digest, the sweep's "who is due" query read in id-ordered batches, and the
 * queries that fill one member's digest. Every content query carries the visibility rule
 * for member $1 at the moment it runs: a thread of a private community only while $1 is a
 * member, members-only and public communities always (a digest goes to a signed-in member).
 * Returns follow store/account.h: 0, ERR_NOTFOUND or ERR_DB. See docs/internals/digests.md. */
#ifndef PRAXIS_STORE_DIGEST_H
#define PRAXIS_STORE_DIGEST_H
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "store/db.h"

/* A member's digest setting. */
struct digest_pref_row {
    const char *frequency; /* "off" | "daily" | "weekly" */
    int64_t last_at;       /* last digest built, 0 = never */
    int64_t last_seen;     /* latest session or API token use, 0 = never */
};
int store_digest_pref_get(struct db *db, struct arena *a, int64_t uid, struct digest_pref_row *out);
/* Set the frequency (a literal checked by the caller). ERR_NOTFOUND for no such user. */
int store_digest_pref_set(struct db *db, int64_t uid, const char *frequency);
/* Record that uid's digest for the period up to `at` was built. */
int store_digest_mark(struct db *db, int64_t uid, int64_t at);

/* One member due for a digest at the sweep's time. */
struct digest_due_row {
    int64_t uid;       /* users.id */
    int64_t last_at;   /* digest_last_at */
    int64_t last_seen; /* latest visit, 0 = never */
    int64_t period;    /* seconds: 86400 daily, 604800 weekly */
};
/* Up to limit members with id > after, in id order, due at now: active, a verified address,
   frequency not off, no digest within their period, and no visit (session or API token)
   within their period. *out is an arena array. */
int store_digest_due(struct db *db, struct arena *a, int64_t now, int64_t after, int64_t limit,
                     struct digest_due_row **out, size_t *n);

/* A thread listed in a digest. */
struct digest_thread_row {
    int64_t id;             /* threads.id */
    const char *kind;       /* "question" | "discussion" */
    const char *title;      /* as stored */
    const char *cslug;      /* community slug */
    const char *cname;      /* community name */
    int64_t score, answers; /* threads.score, threads.answer_count */
};
enum digest_list {
    DIGEST_NEW,    /* created in [since, until) in uid's communities or watched tags */
    DIGEST_TOP,    /* active in [since, until) there, by score then answers */
    DIGEST_ANSWER, /* unanswered questions created in [since, until), anywhere uid may
                      read, tagged with a tag of uid's accepted or upvoted answers */
    DIGEST_LIST__MAX
};
/* Up to limit threads of one list for member uid, never uid's own, readable by uid now. */
int store_digest_threads(struct db *db, struct arena *a, enum digest_list which, int64_t uid,
                         int64_t since, int64_t until, int64_t limit,
                         struct digest_thread_row **out, size_t *n);
/* Ids of events of uid's communities, not cancelled, that may have an occurrence in
   [from, to) (the caller computes the occurrence). Arena array. */
int store_digest_events(struct db *db, struct arena *a, int64_t uid, int64_t from, int64_t to,
                        int64_t limit, int64_t **ids, size_t *n);

/* An article owned by uid whose review date has passed. */
struct digest_article_row {
    int64_t id;        /* articles.id */
    const char *slug;  /* articles.slug */
    const char *title; /* articles.title */
    const char *cslug; /* community slug */
    int64_t review_by; /* UTC seconds */
};
/* Up to limit articles owned by uid, not drafts, with review_by in (0, now], in
   communities uid may read now; oldest review date first. */
int store_digest_articles(struct db *db, struct arena *a, int64_t uid, int64_t now, int64_t limit,
                          struct digest_article_row **out, size_t *n);

#endif
