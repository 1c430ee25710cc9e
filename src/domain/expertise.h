/* Expertise: who knows what, computed from evidence rather than claims.
 *
 * The model (pure, expertise_model.c) ranks members for a query (tags and/or free text) "as
 * of" a time: only evidence created before as_of counts, and each piece of evidence decays
 * with its age at as_of (weight * 2^(-age / half_life)). The product's pages and API call it
 * with as_of = now; the evaluation (praxis expertise evaluate) calls the same code with
 * as_of = the moment each past question was asked. See docs/internals/expertise.md.
 *
 * Evidence is a flat list of items (struct expertise_item), each about one document (a
 * question thread for answers, accepts and votes; a published article for articles written
 * and reviewed): a kind, a member, a value (1, a vote's +1/-1, 2 for a best-practice
 * article written) and a time. New kinds of evidence plug in by adding an enum value, its
 * default weight in expertise_params_default, a SELECT in store/expertise.c, and nothing
 * else.
 *
 * The ctx-level functions (expertise.c) load evidence the viewer may read, drop members who
 * hid their expertise, and never rank the excluded member (the asker). */
#ifndef PRAXIS_DOMAIN_EXPERTISE_H
#define PRAXIS_DOMAIN_EXPERTISE_H
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "domain/domain.h"
#include "store/expertise.h"
#include "store/thread.h"

#define EXPERTISE_HALF_LIFE_DEFAULT 365    /* days */
#define EXPERTISE_HALF_LIFE_MAX     36500  /* days */
#define EXPERTISE_QUERY_MAX         1000   /* bytes of free text kept from a query */
#define EXPERTISE_TAGS_MAX          8      /* tags per query */
#define EXPERTISE_LIMIT_MAX         50     /* members per ranking page */
#define EXPERTISE_ITEMS_MAX         200000 /* evidence items loaded per request */
#define EXPERTISE_DOCS_MAX          100000 /* documents loaded per request */
#define EXPERTISE_SUGGEST_STORED    10     /* suggestions kept per unanswered question */
#define EXPERTISE_SUGGEST_TTL       3600   /* seconds before they are computed again */

/* Kinds of evidence. Keep EXP__MAX last: it sizes the weight table. */
enum expertise_kind {
    EXP_ANSWER = 0,           /* wrote an answer to a question */
    EXP_ACCEPTED = 1,         /* that answer was accepted (time: when accepted) */
    EXP_VOTE = 2,             /* a vote on one of their answers (value +1/-1, time of vote) */
    EXP_ARTICLE_WRITTEN = 3,  /* wrote revisions of a published article (time: their latest
                                 revision; value 2 when it is best practice) */
    EXP_ARTICLE_REVIEWED = 4, /* reviewed a published article they did not write (time: the
                                 review; article_reviews) */
    EXP_IMPORTED_VOTES = 5,   /* net votes carried in by an import (posts.base_score): undated,
                                 counted at the answer's time; the evaluation leaves them out,
                                 since they are the votes of the whole future */
    EXP__MAX
};

/* One piece of evidence. */
struct expertise_item {
    int64_t user_id; /* whose evidence */
    int64_t at;      /* when it happened, UTC seconds */
    int32_t doc;     /* index into the corpus' docs */
    int16_t kind;    /* enum expertise_kind */
    int16_t value;   /* 1, -1 for a down vote, 2 for a best-practice article written */
};

/* A document evidence is about: a question thread (title and tags) or an article (title,
   its first words, and tags). */
struct expertise_doc {
    int64_t id;           /* threads.id, or articles.id when kind is EXP_DOC_ARTICLE */
    int kind;             /* enum expertise_doc_kind (store/expertise.h) */
    int64_t community_id; /* communities.id */
    int64_t author_id;    /* asker (an article's creator), 0 if deleted */
    int64_t created_at;   /* UTC seconds */
    const char *text;     /* title (an article's with its opening), for text similarity */
    const char **tags;    /* normalised tags */
    size_t ntags;
    /* filled by expertise_corpus_prepare: */
    int32_t *tok; /* distinct token ids of text */
    int32_t ntok;
    int32_t *tagid; /* tag ids (token ids of "#tag") */
    int32_t ntagid;
};

/* Items and docs, plus an index built by expertise_corpus_prepare. Everything lives in the
   arena given to prepare (the caller's arena; nothing to free separately). */
struct expertise_corpus {
    struct expertise_item *items; /* in any order */
    size_t nitems;
    struct expertise_doc *docs;
    size_t ndocs;
    void *index; /* private: vocabulary and postings */
};

/* The knobs of the model. */
struct expertise_params {
    double half_life_days;          /* decay of evidence (instance setting) */
    double weight[EXP__MAX];        /* per kind */
    double w_tag;                   /* weight of tag evidence */
    double w_text;                  /* weight of text similarity evidence */
    double w_activity;              /* weight of recent answering activity */
    double activity_half_life_days; /* decay of the activity signal */
    double text_min;                /* similarity below which a doc does not count */
    double text_shown;              /* similarity from which it is shown as "similar" and
                                       makes a member relevant */
    int fallback_active;            /* 1: also rank members with activity only (no relevance) */
};

/* A query. */
struct expertise_query {
    const char *const *tags; /* normalised tags; all must be <= 30 bytes */
    size_t ntags;
    const char *text;    /* free text or NULL */
    int64_t as_of;       /* only evidence before this time; decay measured to it */
    int64_t exclude_uid; /* never ranked (the asker), 0 = none */
    int64_t only_uid;    /* rank only this member (profiles), 0 = everyone */
};

/* One ranked member with the evidence behind the rank (relevant items only). */
struct expertise_rank {
    int64_t user_id;
    double score;             /* total */
    double tag_score;         /* decayed weighted evidence in the query's tags */
    double text_score;        /* decayed weighted evidence on similar questions */
    double activity;          /* decayed answering activity, any topic */
    int answers;              /* relevant answers */
    int accepted;             /* relevant accepted answers */
    int votes;                /* net votes on relevant answers */
    int articles;             /* relevant articles written or reviewed */
    int similar;              /* answered questions similar to the text */
    int64_t last_at;          /* newest relevant evidence, UTC seconds */
    const char *name;         /* filled by expertise_who_knows: users.name */
    const char *display_name; /* users.display_name */
    int claimed;              /* expertise_who_knows: claims the tag as a skill (profile) */
    int claim_only;           /* ... and that is all: no evidence; ranked after everyone with
                                 evidence (weak evidence, shown apart) */
};

/* One tag of a member's demonstrated expertise (profiles). */
struct expertise_tag {
    const char *tag;
    double score;
    int answers, accepted, votes, articles;
    int64_t last_at;
};

/* --- the model (pure; expertise_model.c) --- */

/* What a ranking is for. Both use the same evidence and code; they weigh recent activity
   differently (docs/evaluation.md has the measurements behind the numbers):
   WHO_KNOWS  "who knows #tag / about this": topical evidence first, activity breaks ties
              (activity 0.3 over 60 days), only members with relevant evidence;
   SUGGEST    "who is likely to answer this question now" (the unanswered-question box and
              the evaluation): recent answering activity weighs 3 over 30 days, and active
              members without topical evidence may fill the list. */
enum expertise_purpose { EXPERTISE_WHO_KNOWS, EXPERTISE_SUGGEST };
/* Defaults for purpose: half-life 365 days, answer 1, accepted 3, vote 1 (per net vote),
   article written 4, reviewed 2, imported votes 1; tag 1, text 2, text_min 0.02, text_shown 0.15;
   activity as above. */
void expertise_params_default(struct expertise_params *p, enum expertise_purpose purpose);
/* 2^(-age_seconds / (half_life_days * 86400)); 1 for age <= 0; 0 for half_life <= 0. */
double expertise_decay(int64_t age_seconds, double half_life_days);
/* Split text into normalised tokens (lower-case ASCII letters and digits, UTF-8 letters
   kept as bytes, stop words and 1-character tokens dropped, a plural -s removed). Returns
   the count, at most max; out[i] are arena strings. */
size_t expertise_tokens(struct arena *a, const char *text, const char **out, size_t max);
/* Tokenise the docs and build the inverted index; call once after filling items and docs.
   Items whose doc index is out of range are dropped. */
void expertise_corpus_prepare(struct arena *a, struct expertise_corpus *cp);
/* Rank members for q. *out (arena) gets *n ranks, best first, at most limit (0 = all).
   Members with no relevant evidence are left out unless p->fallback_active. Ties: newer
   relevant evidence first, then smaller user id. Scratch memory comes from a. */
void expertise_rank(struct arena *a, const struct expertise_corpus *cp,
                    const struct expertise_query *q, const struct expertise_params *p, size_t limit,
                    struct expertise_rank **out, size_t *n);
/* The tags of member uid's evidence as of as_of, best first, at most limit (0 = all). */
void expertise_profile_tags(struct arena *a, const struct expertise_corpus *cp, int64_t uid,
                            int64_t as_of, const struct expertise_params *p, size_t limit,
                            struct expertise_tag **out, size_t *n);
/* "3 accepted answers in #ipa, 41 votes, last 2019" for r (arena). where (may be NULL)
   follows the answers and says what made them relevant (see expertise_where). */
const char *expertise_evidence_text(struct arena *a, const struct expertise_rank *r,
                                    const char *where);
/* "in #a", "in #a or #b", "on similar questions", "in #a or on similar questions" (arena);
   NULL when there are neither tags nor text. */
const char *expertise_where(struct arena *a, const char *const *tags, size_t ntags, int text);

/* --- with a ctx (expertise.c) --- */

/* A tag as typed: spaces and '#' dropped, lower-cased, [a-z0-9-]{1,30}; NULL if malformed. */
const char *expertise_tag_norm(struct arena *a, const char *s);

/* Load the evidence of scope s into *cp and prepare it (everything in ctx->arena).
   Returns 0 or ERR_DB. */
int expertise_corpus_load(struct ctx *c, const struct expertise_scope *s,
                          struct expertise_corpus *cp);
/* Set one model parameter by name (half_life, activity_half_life, tag, text, activity,
   text_min, answer, accepted, vote, article_written, article_reviewed, fallback) from text.
   Returns 0 or -1 (unknown name or not a number). For the evaluation's tuning. */
int expertise_params_set(struct expertise_params *p, const char *name, const char *value);

/* The instance half-life (settings expertise_half_life_days), default 365. */
double expertise_half_life(struct ctx *c);
/* Parameters for purpose with the instance half-life. */
void expertise_params_for(struct ctx *c, struct expertise_params *p,
                          enum expertise_purpose purpose);

/* Who knows: rank members for tag and/or text in community_id (0 = every community the
   viewer may read), using only evidence the viewer may read. Members who hid their
   expertise, suspended members and (private communities) non-members never appear.
   ERR_INVALID (field "tag" or "q") when both are empty or a tag is malformed; ERR_NOTFOUND
   when the community is not readable. *out are arena ranks. With a tag (purpose
   EXPERTISE_WHO_KNOWS), claimed skills are weak evidence: ranked members who claim the tag
   get claimed = 1, and members who only claim it (active, not hidden, members of the
   community when one is given) follow everyone with evidence, claim_only = 1, score 0,
   within the limit. */
struct expertise_request {
    int64_t community_id;           /* 0 = all readable */
    const char *tag;                /* one tag or NULL/"" */
    const char *text;               /* free text or NULL/"" */
    int64_t exclude_uid;            /* never ranked, 0 = none */
    size_t limit;                   /* 1..EXPERTISE_LIMIT_MAX */
    enum expertise_purpose purpose; /* which parameters */
    int include_hidden;             /* 1: rank hidden and suspended members too (stored suggestions,
                                       filtered when read) */
    const char *const *extra_tags;  /* more tags (question pages) */
    size_t nextra_tags;
};
int expertise_who_knows(struct ctx *c, const struct expertise_request *rq,
                        struct expertise_rank **out, size_t *n);
/* People who may be able to answer thread t, which the caller loaded for the viewer with
   thread_get or thread_view (so the viewer may read it; taking the struct keeps this module
   from calling back into domain/thread.c). For an unanswered open question: a few members
   of its community by its tags and title, never the asker. *n = 0 for anything else
   (answered, accepted, closed, deleted, a discussion). The ranking is stored for
   EXPERTISE_SUGGEST_TTL seconds (hidden and suspended members included) and filtered on
   every read, so hiding, suspension and leaving a private community apply at once; new
   evidence shows after the TTL. A GET may therefore write (one short transaction). */
int expertise_suggest_for_thread(struct ctx *c, const struct thread *t, size_t limit,
                                 struct expertise_rank **out, size_t *n);
/* Member uid's demonstrated expertise by tag, from evidence the viewer may read. *visible
   = 0 (and *n = 0) when uid hid it and the viewer is someone else. *hidden = the member's
   setting. */
int expertise_user_tags(struct ctx *c, int64_t uid, size_t limit, struct expertise_tag **out,
                        size_t *n, int *visible, int *hidden);
/* The member's own setting. */
int expertise_hidden_get(struct ctx *c, int64_t uid, int *hidden);
/* Change it: the member themself or an administrator. */
int expertise_hidden_set(struct ctx *c, int64_t uid, int hidden);
/* Record when thread tid's answer was accepted (0 = unaccepted) inside the caller's
   transaction. Returns 0 or ERR_DB (no ctx error set: the caller reports). */
int expertise_note_accept(struct ctx *c, int64_t tid, int accepted);
/* Record that member uid reviewed article aid now (the articles code, inside its
   transaction): kind "approved" (a coordinator marked it best practice) or "renewed" (its
   review date moved later, credited to the owner). uid 0 (the CLI's system context)
   records nothing. Returns 0 or ERR_DB (no ctx error set: the caller reports). */
int expertise_note_article_review(struct ctx *c, int64_t aid, int64_t uid, const char *kind);

/* --- evaluation (expertise_eval.c) --- */

/* One method's results over the evaluation questions. */
struct expertise_eval_row {
    const char *name;      /* "model", "baseline: answers", ... */
    int questions;         /* evaluated */
    int top1, top5, top10; /* real answerer within the top k */
    double mrr;            /* mean reciprocal rank (0 when not ranked) */
};
/* Evaluate on community slug (system ctx: every item counts, hidden or not): for each
   question with an accepted answer by someone other than the asker, rank members as of the
   moment it was asked, and compare with the baselines computed from the same past data.
   *rows (arena) gets *nrows rows: the model, its ablations and the baselines; *answerable =
   questions whose answerer had answered anything before (the ceiling for every method).
   ERR_NOTFOUND (no such community), ERR_DB. */
struct expertise_eval_opts {
    const char *slug;                      /* community */
    const struct expertise_params *params; /* the model's parameters */
    int64_t since; /* only questions asked at or after this time (0 = all) */
    int64_t until; /* ... and before this time (0 = no end) */
};
int expertise_evaluate(struct ctx *c, const struct expertise_eval_opts *o,
                       struct expertise_eval_row **rows, size_t *nrows, int *answerable);

#endif
