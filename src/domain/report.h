/* Community health reports (docs/health.md, issue 17): are questions answered, and how fast;
 * who carries each tag (bus factor); do newcomers stay; do askers also answer; which
 * experts went quiet; what people ask that nobody here answers (gaps). Data only: the
 * charts and pages are in web/, the JSON and CSV in api/.
 *
 * Definitions (exact; docs/health.md is the reference):
 * - A question is a live (not deleted) thread of kind question; its month is the calendar
 *   month (UTC) of its creation. Only questions created inside the range count.
 * - answered: the question has at least one live (not deleted) answer (a later post of the
 *   thread) by someone other than the asker; answers by deleted or unknown accounts count
 *   (an unknown author is never "the asker").
 * - solved: the question has an accepted answer (live).
 * - first answer time: seconds from the question's creation to its first answer by someone
 *   other than the asker, as fractional hours (seconds / 3600), over the answered questions.
 *   Percentiles are nearest-rank: the p-th percentile of n sorted values is value number
 *   ceil(p/100 * n) (1-based); median = p50. Undefined (has_* = 0, JSON null) when n = 0.
 * - bus factor of a tag: the smallest number of people who wrote at least half of the
 *   accepted answers of the tag's questions in the range (each accepted answer by a deleted
 *   or unknown account counts as a different person); 0 when the tag has none.
 * - Ranges: from_day and to_day are dates as YYYYMMDD (UTC), both inclusive; 0 for from_day
 *   means "since the community's first post", 0 for to_day "until today". */
#ifndef PRAXIS_DOMAIN_REPORT_H
#define PRAXIS_DOMAIN_REPORT_H
#include <stddef.h>
#include <stdint.h>

#include "domain/domain.h"
#include "domain/participation.h"
#include "store/community.h"

#define REPORT_DAYS_MAX     (20 * 366) /* longest range, in days */
#define REPORT_GAP_MIN_Q    5          /* a gap tag has at least this many questions ... */
#define REPORT_GAP_MAX_RATE 0.5        /* ... and an answer rate below this */
#define REPORT_DORMANT_DAYS 90         /* an expert with no activity this long is dormant */
#define REPORT_DORMANT_TOP  5          /* experts = the top 5 of who-knows for a tag */
#define REPORT_WRITE_MIN                                                                           \
    3                            /* "write this down": tags with this many solved                  \
                                    threads no article covers */
#define REPORT_LIST_MAX    50    /* longest list of gaps, suggestions, experts */
#define REPORT_DORMANT_TTL 86400 /* seconds the stored who-knows tops are reused */

/* Whether the viewer may see cm's report: coordinators and moderators of cm and
   administrators (for private communities too: nobody else, ever). Pure. */
int report_can_view(const struct ctx *c, const struct community *cm);

/* Questions created in one calendar month (UTC), restricted to the range. */
struct report_month {
    int64_t month; /* YYYYMM */
    int64_t questions, answered, solved;
    double first_answer_median_h, first_answer_p90_h; /* valid when has_first_answer */
    int has_first_answer;                             /* answered > 0 */
};

/* One tag over the whole range (questions carrying it). */
struct report_tag {
    const char *tag;
    int64_t questions, answered, solved;
    int64_t open_unanswered;         /* not answered as defined above (and not solved) */
    double answer_rate, solved_rate; /* answered / questions, solved / questions (0..1) */
    double first_answer_median_h;    /* valid when has_median */
    int has_median;
    int bus_factor;   /* 0 when no accepted answers */
    int64_t accepted; /* the accepted answers the bus factor is about */
};

/* Newcomers of one month: members whose first post (question, answer, any thread's opening
   post or reply) in the community falls in the month (and in the range), and how many of
   them posted again within 30 and within 90 days of that first post (a later post with a
   time t, first < t <= first + N days; two posts in the same second count as again). */
struct report_retention {
    int64_t month; /* YYYYMM */
    int64_t newcomers;
    int64_t again_30, again_90;
    double share_30, share_90;    /* again / newcomers, 0 when no newcomers */
    int complete_30, complete_90; /* 1 when every newcomer's window has ended (as of now) */
};

/* Askers in the range (authors of questions created in it) and how many of them also
   wrote an answer in the range to a question of someone else. */
struct report_reciprocity {
    int64_t askers, also_answered;
    double share; /* also_answered / askers, 0 when no askers */
};

/* A member in the top REPORT_DORMANT_TOP of who-knows for one of the community's 10 busiest
   tags (over all time), with no post, comment or article revision in the community for
   REPORT_DORMANT_DAYS days (as of now). The rankings are stored and reused for
   REPORT_DORMANT_TTL seconds (a report older than that recomputes them: that GET writes). */
struct report_dormant {
    int64_t user_id;
    const char *name, *display_name;
    const char *tag;
    int rank;              /* 1-based rank in who-knows for the tag */
    int64_t last_activity; /* UTC seconds, 0 if none */
};

/* An unanswered question (open, not answered as defined above). */
struct report_question {
    int64_t thread_id;
    const char *title;
    int64_t created_at;
};
/* Unanswered questions in the range (the latest 200) grouped by similarity of their titles
   (the word tokens expertise and similar questions use, Jaccard >= 0.25 with the group's
   first question). Largest groups first. */
struct report_cluster {
    struct report_question *items;
    size_t n;
};

/* A zero-result search of the community (table search_misses), grouped by the normalised
   query the search logged. */
struct report_miss {
    const char *query;
    int64_t count;
    int64_t last_at;
};

enum report_article_state {
    REPORT_ART_DUE,      /* review date within the next 30 days */
    REPORT_ART_OVERDUE,  /* review date passed */
    REPORT_ART_OUTDATED, /* status outdated, or readers flagged it outdated */
};
struct report_article {
    int64_t id;
    const char *slug, *title;
    int64_t review_by;      /* UTC seconds, 0 if none */
    int64_t outdated_count; /* readers who said it is outdated */
    enum report_article_state state;
};

/* "Write this down": a tag with at least REPORT_WRITE_MIN solved threads (in the range)
   that no article links or shares the tag with, with its best such threads. */
struct report_suggestion {
    const char *tag;
    int64_t solved_uncovered;        /* solved threads of the tag no article covers */
    struct report_question *threads; /* the highest-scored ones, at most 5 */
    size_t nthreads;
};

/* Knowledge gaps. */
struct report_gaps {
    struct report_tag *tags; /* tags with >= REPORT_GAP_MIN_Q questions and answer rate <
                                REPORT_GAP_MAX_RATE, lowest rate first (copies) */
    size_t ntags;
    struct report_cluster *unanswered;
    size_t nunanswered;
    struct report_miss *misses; /* most frequent first */
    size_t nmisses;
    struct report_article *articles; /* overdue, outdated, then due */
    size_t narticles;
    struct report_suggestion *write;
    size_t nwrite;
};

/* A whole report (everything in ctx->arena). */
struct report {
    struct community cm;
    int64_t from_day, to_day;    /* the range actually used, YYYYMMDD, inclusive */
    struct report_month total;   /* the whole range as one row (month = 0) */
    struct report_month *months; /* every month of the range, oldest first (empty ones too) */
    size_t nmonths;
    struct report_tag *tags; /* by questions (most first), then tag */
    size_t ntags;
    struct report_retention *retention; /* one per month of months */
    size_t nretention;
    struct report_reciprocity reciprocity;
    struct report_dormant *dormant;
    size_t ndormant;
    struct report_gaps gaps;
    /* Members per participation level at each month's end (domain/participation.h), for
       the months of the range that are over (not the current one; the latest
       PART_MONTHS_MAX); NULL/0 when none. */
    struct participation_month *participation;
    size_t nparticipation;
};

/* Check and convert a date "YYYY-MM-DD" (a real calendar date, years 1970..9999) to
   YYYYMMDD; "" or NULL gives 0 (open end). ERR_INVALID (field = field) otherwise. */
int report_parse_day(struct ctx *c, const char *text, const char *field, int64_t *out);

/* The report of cm for [from_day, to_day] (YYYYMMDD, inclusive; 0 = open end). ERR_PERM
   when the viewer can read cm but may not see its report, ERR_NOTFOUND when they cannot
   read it (private), ERR_AUTH when anonymous on a community they may not read;
   ERR_INVALID (field "from"/"to") for from after to or a range over REPORT_DAYS_MAX. */
int report_community(struct ctx *c, const struct community *cm, int64_t from_day, int64_t to_day,
                     struct report *out);

/* Only the monthly rows and totals (cheaper: for the instance page and the monthly mail):
   same checks and range as report_community; out->months, out->total, out->retention and
   out->reciprocity filled, the rest empty. */
int report_community_months(struct ctx *c, const struct community *cm, int64_t from_day,
                            int64_t to_day, struct report *out);

/* One community in the instance report. */
struct report_instance_row {
    struct community cm;
    struct report_month total; /* questions in the range */
    int64_t members;           /* member_count now */
    int64_t active_members;    /* distinct authors of posts in the range */
};
/* The instance report: administrators get every community (private ones included);
   anyone else signed in gets the non-private communities whose report they may view
   (never a private one); ERR_AUTH when anonymous. Rows by questions, most first; *sum
   adds them up (month = 0). */
int report_instance(struct ctx *c, int64_t from_day, int64_t to_day,
                    struct report_instance_row **out, size_t *n, struct report_month *sum);

/* Recompute cm's stored summaries (table report_questions, migration 0027) from scratch
   (system ctx or administrators); the incremental ones must already be equal: this is the
   check and the repair. *changed gets the number of rows that differed. */
int report_rebuild(struct ctx *c, int64_t community_id, int64_t *changed);

#endif
