/* Search: the rules around the full-text index (store/search.h). Parses the query
 * (core/query.h), checks an in: community is readable, asks the store for one page of hits
 * and the counts per kind (both filtered by visibility in SQL), and records searches that
 * found nothing (one row per normalised query per community) for the knowledge-gap page,
 * which administrators (every row) and a community's coordinators (its rows) may read. */
#ifndef PRAXIS_DOMAIN_SEARCH_H
#define PRAXIS_DOMAIN_SEARCH_H
#include <stddef.h>
#include <stdint.h>

#include "core/query.h"
#include "domain/domain.h"
#include "store/search.h"

#define SEARCH_PAGE     20 /* hits per page */
#define SEARCH_MAX_PAGE 50 /* deeper pages are refused */
/* Hits read per result shown, to group a thread's matching posts into one result: page N
   reads N * SEARCH_PAGE * SEARCH_GROUP_SPAN hits (+1) and shows results from there. */
#define SEARCH_GROUP_SPAN 3

/* Natural questions (docs/internals/search.md): a plain query (query_is_plain) whose words
   all match fewer than SEARCH_SOME_MIN documents the viewer may read is run again as a
   some-words search over its words that are not stop words (at least 2 of them), ranked by
   BM25 over the words matched times 1 + SEARCH_SOME_BONUS_MILLI / 1000 per extra word
   matched. */
#define SEARCH_SOME_MIN         5
#define SEARCH_SOME_SENTENCE    0 /* off: tried 3-8 on beer, no change (docs/evaluation.md) */
#define SEARCH_SOME_BONUS_MILLI 2000
#define SEARCH_SOME_MAX_WORDS   QUERY_MAX_TERMS

/* Knobs for evaluation (praxis search evaluate); NULL = the defaults above. */
struct search_opts {
    int bonus_milli;    /* the bonus per extra word matched, in thousandths */
    int some_min;       /* fall back below this many all-words results; 0 = never */
    int sentence_words; /* ... and always from this many words that are not stop words
                           (0 = never) */
    int no_suggest;     /* skip "did you mean" */
    int no_record;      /* do not count zero-result searches (an evaluation is not a person) */
};

struct search_result {
    struct query q;
    const char *normalized;     /* the query's canonical text */
    int64_t community_id;       /* of in:, 0 if none */
    const char *community_name; /* of in:, NULL if none */
    int kind;                   /* the kind asked for, -1 = all */
    int64_t page;               /* 1-based */
    struct search_hit *hits;    /* grouped by thread (matching_replies), plain-text snippets */
    size_t n;
    int64_t counts[SEARCH_KIND__MAX]; /* per kind, all capped together at SEARCH_COUNT_MAX+1 */
    int64_t total;                    /* sum of counts */
    int64_t total_kind;               /* hits of the kind asked for (= total when all) */
    int more;                         /* a next page exists */
    int some_words;                   /* results match some of the words (the fallback above) */
    int64_t all_words;                /* documents matching all the words (capped like counts) */
    const char *suggestion;           /* "did you mean": the query with misspelt words replaced by
                                         words the viewer's readable documents hold, or NULL */
};

/* Run text (the q parameter) for the viewer: kind is "" / NULL (all) or a kind name, page
   1-based (0 = 1). Returns 0 with out filled, or ERR_INVALID with a message for the person
   (malformed query, unknown kind, page out of range, an in: community that does not exist
   or that the viewer may not read: the same message for both), or ERR_DB. A thread's hits
   (its opening post and replies) are one result: the thread (or its best reply when the
   opening post did not match) with the best snippet and matching_replies set; snippets
   are plain text (query_snippet_plain). Records a
   zero-result search (page 1 only). */
int search_run(struct ctx *c, const char *text, const char *kind, int64_t page,
               struct search_result *out);
/* search_run with knobs (o NULL = the defaults). */
int search_run_opts(struct ctx *c, const char *text, const char *kind, int64_t page,
                    const struct search_opts *o, struct search_result *out);

/* Evaluation of the search box on a community's imported questions (praxis search
   evaluate): each query of lines is run as the community's search box runs it (the words
   plus in:SLUG, page 1, as the system: every community readable) and the rank of the
   question's thread among the results (1-based, 0 = not on the first page) stored in
   ranks[i] and when the question was asked in asked[i]; a question id that was not imported
   into the community is ERR_INVALID naming its line. */
int search_evaluate(struct ctx *c, const char *slug, const struct query_file_line *lines, size_t n,
                    const struct search_opts *o, int *ranks, int64_t *asked);

/* A member's recent contributions for their profile, newest first, through the index (so
   only what the viewer may read): questions they asked, answers they wrote (replies in
   questions), articles they created, events they organise. name is the account name. */
enum search_recent {
    SEARCH_RECENT_QUESTIONS,
    SEARCH_RECENT_ANSWERS,
    SEARCH_RECENT_ARTICLES,
    SEARCH_RECENT_EVENTS,
    SEARCH_RECENT__MAX
};
int search_member_recent(struct ctx *c, const char *name, enum search_recent what, size_t limit,
                         struct search_hit **out, size_t *n);

/* Zero-result searches: slug NULL = instance-wide rows for administrators (every
   community's rows with them); else that community's rows for its coordinators and
   administrators. ERR_PERM / ERR_AUTH / ERR_NOTFOUND otherwise. */
int search_misses(struct ctx *c, const char *slug, struct search_miss **out, size_t *n);

/* Rebuild the index (the CLI; system ctx only). */
int search_reindex(struct ctx *c, int64_t counts[SEARCH_KIND__MAX]);

#endif
