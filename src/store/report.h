/* The SQL catalogue for community health reports (docs/health.md): reads of the summary
 * tables report_questions and report_posters (migration 0027, kept by triggers), of tags,
 * zero-result searches, articles and article links, and the from-scratch recount that
 * checks and repairs the summaries. Rows are plain data; the definitions and the
 * arithmetic are in domain/report.c. Times are UTC seconds; ranges are [from, to). */
#ifndef PRAXIS_STORE_REPORT_H
#define PRAXIS_STORE_REPORT_H
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "store/db.h"

/* One live question (a row of report_questions). */
struct report_qrow {
    int64_t thread_id, created_at;
    int64_t asker_id;           /* 0 = unknown */
    int64_t first_answer_at;    /* -1 = not answered */
    int solved;                 /* 0/1 */
    int64_t accepted_author_id; /* 0 = none or unknown */
};
/* The questions of community cid created in [from, to), by creation time, then id. ERR_DB. */
int report_db_questions(struct db *db, struct arena *a, int64_t cid, int64_t from, int64_t to,
                        struct report_qrow **out, size_t *n);

/* A question with one of its tags: the same rows as above, once per tag, by tag. */
struct report_tagrow {
    const char *tag;
    struct report_qrow q;
};
int report_db_question_tags(struct db *db, struct arena *a, int64_t cid, int64_t from, int64_t to,
                            struct report_tagrow **out, size_t *n);

/* Members whose first live post in cid falls in [from, to): first and second post times
   (second -1 when none). By first. ERR_DB. */
struct report_poster {
    int64_t user_id, first_at, second_at;
};
int report_db_posters(struct db *db, struct arena *a, int64_t cid, int64_t from, int64_t to,
                      struct report_poster **out, size_t *n);

/* Distinct askers of questions created in [from, to) and how many of them wrote a live
   answer in [from, to) to a live question of someone else (or of an unknown asker). */
int report_db_reciprocity(struct db *db, int64_t cid, int64_t from, int64_t to, int64_t *askers,
                          int64_t *also);

/* Unanswered questions (no answer by someone else, not solved) created in [from, to), newest
   first, at most limit, with titles. */
struct report_open {
    int64_t thread_id, created_at;
    const char *title;
};
int report_db_unanswered(struct db *db, struct arena *a, int64_t cid, int64_t from, int64_t to,
                         size_t limit, struct report_open **out, size_t *n);

/* Zero-result searches logged for cid, most frequent first (then latest), at most limit. */
struct report_missrow {
    const char *query;
    int64_t count, last_at;
};
int report_db_misses(struct db *db, struct arena *a, int64_t cid, size_t limit,
                     struct report_missrow **out, size_t *n);

/* Published articles of cid that need attention: review date before due_before (due and
   overdue), status outdated, or any reader's "outdated" feedback. By review date. */
struct report_artrow {
    int64_t id;
    const char *slug, *title, *status;
    int64_t review_by, outdated_count;
};
int report_db_articles(struct db *db, struct arena *a, int64_t cid, int64_t due_before,
                       size_t limit, struct report_artrow **out, size_t *n);

/* "Write this down": solved questions created in [from, to) that no article other than a
   draft links to or was written from (article_threads). Tags with at least min such
   questions, most first (then tag), at most limit; and one tag's such questions, best
   score first, at most limit. */
struct report_uncovered_tag {
    const char *tag;
    int64_t count;
};
int report_db_uncovered_tags(struct db *db, struct arena *a, int64_t cid, int64_t from, int64_t to,
                             int64_t min, size_t limit, struct report_uncovered_tag **out,
                             size_t *n);
int report_db_uncovered_threads(struct db *db, struct arena *a, int64_t cid, int64_t from,
                                int64_t to, const char *tag, size_t limit, struct report_open **out,
                                size_t *n);

/* The busiest tags of cid over all time (questions carrying them), most first, at most limit
   (arena strings). */
int report_db_top_tags(struct db *db, struct arena *a, int64_t cid, size_t limit, const char ***out,
                       size_t *n);

/* Stored who-knows tops for dormant experts (migration 0027): when they were computed
   (*at = 0 when never), the rows with names (by tag, rank), and replacing them (inside the
   caller's write transaction). */
struct report_expert {
    const char *tag;
    int rank;
    int64_t user_id, last_activity;
    const char *name, *display_name;
};
int report_db_dormant_at(struct db *db, int64_t cid, int64_t *at);
int report_db_dormant_read(struct db *db, struct arena *a, int64_t cid, struct report_expert **out,
                           size_t *n);
int report_db_dormant_store(struct db *db, int64_t cid, int64_t at,
                            const struct report_expert *rows, size_t n);

/* The time of member uid's latest post, comment or article revision in cid (0 if none). */
int report_db_last_activity(struct db *db, int64_t cid, int64_t uid, int64_t *out);

/* Per community: questions created in [from, to), answered, solved, and distinct authors of
   live posts in [from, to). */
struct report_commrow {
    int64_t community_id;
    int64_t questions, answered, solved, active;
};
int report_db_instance(struct db *db, struct arena *a, int64_t from, int64_t to,
                       struct report_commrow **out, size_t *n);

/* Recount cid's summary rows from scratch, inside the caller's write transaction: rows
   that differ from the stored ones are replaced, missing ones added, stale ones removed.
   *changed = how many rows were wrong. ERR_DB. */
int report_db_rebuild(struct db *db, struct arena *a, int64_t cid, int64_t *changed);

#endif
