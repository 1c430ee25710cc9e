/* `praxis demo --generate --threads N`: N synthetic threads for the list benchmarks
 * (bench/lists.sh), spread over the generated communities (public, members-only and private
 * ones alike). A mix of questions (60%) and discussions, each with 0-3 replies by other members
 * of the community, some accepted answers, up-votes on opening posts (so "top" has an order),
 * up to two tags from the generated vocabulary, and created_at spread over the two years
 * before the run (ctx->now is set per item, replies come minutes to days later). Everything
 * goes through domain/thread.h, one transaction per write as in real use (the domain offers
 * no batching), so counters, revisions and indexes are those of a real instance. The
 * pseudo-random choices come from a fixed seed: two runs make the same instance. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"
#include "domain/account.h"
#include "domain/community.h"
#include "domain/thread.h"
#include "core/util.h"

#define TWO_YEARS (2 * 365 * 86400LL)

/* xorshift64*: deterministic, local state (no globals). */
static uint64_t gen_next(uint64_t *s)
{
    *s ^= *s >> 12;
    *s ^= *s << 25;
    *s ^= *s >> 27;
    return *s * 2685821657736338717ULL;
}

static int64_t gen_below(uint64_t *s, int64_t n)
{
    return n > 0 ? (int64_t)(gen_next(s) % (uint64_t)n) : 0;
}

static const char *const gen_verbs[] = {
    "tune",    "measure", "document", "review",  "plan",    "organise", "teach", "explain",
    "compare", "repair",  "schedule", "onboard", "improve", "record",   "share", "test",
};
static const char *const gen_things[] = {
    "fermentation temperature",
    "the onboarding checklist",
    "a monthly meetup",
    "water chemistry",
    "the shared glossary",
    "newcomer questions",
    "a recipe for beginners",
    "the reading list",
    "mentoring sessions",
    "our style guide",
    "the equipment inventory",
    "a field trip",
    "peer reviews",
    "the knowledge base",
    "a small workshop",
    "sanitation",
};
static const char *const gen_tags[] = {"practice", "questions", "articles", "events"};

/* The user id of generated member idx ("member<idx>"), looked up once and cached in ids[]. */
static int member_id(struct ctx *c, int64_t *ids, int64_t idx, int64_t *uid)
{
    struct user u;
    if (!ids[idx]) {
        const char *name = arena_printf(c->arena, "member%lld", (long long)idx);
        if (account_get(c, name, &u) < 0)
            return -1;
        ids[idx] = u.id;
    }
    *uid = ids[idx];
    return 0;
}

/* A member of community k other than `not` (comms made by demo_generate: member i joined
   i % ncomm, among others), or the owner for private communities and small instances. */
static int pick_author(struct ctx *c, uint64_t *rs, const struct community *cm, int64_t k,
                       int64_t ncomm, int64_t nmem, int64_t *ids, int64_t owner, int64_t not,
                       int64_t *uid)
{
    int64_t per = nmem / ncomm, tries;
    if (cm->visibility == COMMUNITY_PRIVATE || per < 2) {
        *uid = owner;
        return 0;
    }
    for (tries = 0; tries < 8; tries++) {
        if (member_id(c, ids, k + ncomm * gen_below(rs, per), uid) < 0)
            return -1;
        if (*uid != not )
            return 0;
    }
    *uid = owner;
    return 0;
}

int demo_threads_generate(struct ctx *c, const struct community *comms, int64_t ncomm, int64_t nmem,
                          int64_t owner, int64_t nthreads)
{
    struct arena *keep = c->arena, scratch;
    int64_t *ids = x_calloc((size_t)(nmem > 0 ? nmem : 1), sizeof(*ids));
    int64_t end = (int64_t)time(NULL), i, nq = 0, nreplies = 0, naccepted = 0, nvotes = 0;
    int64_t saved_uid = c->uid, saved_now = c->now;
    uint64_t rs = 0x9E3779B97F4A7C15ULL;
    struct timespec t0, t1;
    int rc = -1;

    clock_gettime(CLOCK_MONOTONIC, &t0);
    arena_init(&scratch);
    c->arena = &scratch;
    for (i = 0; i < nthreads; i++) {
        int64_t k = gen_below(&rs, ncomm), author, nrep = gen_below(&rs, 4), j, first_reply = 0;
        int64_t created = end - TWO_YEARS + gen_below(&rs, TWO_YEARS - 4 * 86400);
        struct community cm = comms[k];
        struct thread_input in = {0};
        struct thread t;
        int question = gen_below(&rs, 10) < 6;
        const char *verb = gen_verbs[gen_below(&rs, (int64_t)ARRAY_SIZE(gen_verbs))];
        const char *thing = gen_things[gen_below(&rs, (int64_t)ARRAY_SIZE(gen_things))];
        int64_t ntag = gen_below(&rs, 3), tag0 = gen_below(&rs, 4);

        cm.tags = NULL; /* loaded into the scratch arena by the domain when needed */
        cm.ntags = 0;
        if (pick_author(c, &rs, &cm, k, ncomm, nmem, ids, owner, 0, &author) < 0)
            goto fail;
        in.kind = question ? "question" : "discussion";
        in.title = question ? arena_printf(c->arena, "How do we %s %s? (#%lld)", verb, thing,
                                           (long long)i + 1)
                            : arena_printf(c->arena, "Notes: how we %s %s (#%lld)", verb, thing,
                                           (long long)i + 1);
        in.body_md = arena_printf(
            c->arena,
            "We have been trying to %s %s for a while.\n\n"
            "- what we tried first\n- what happened\n\nAny **advice** or links welcome.\n",
            verb, thing);
        in.tags_text = ntag == 0   ? ""
                       : ntag == 1 ? gen_tags[tag0]
                                   : arena_printf(c->arena, "%s, %s", gen_tags[tag0],
                                                  gen_tags[(tag0 + 1) % 4]);
        c->uid = author;
        c->now = created;
        if (thread_create(c, &cm, &in, &t) < 0)
            goto fail;
        nq += question;
        for (j = 0; j < nrep; j++) {
            struct post p;
            int64_t who;
            if (pick_author(c, &rs, &cm, k, ncomm, nmem, ids, owner, author, &who) < 0)
                goto fail;
            c->uid = who;
            c->now = created + 60 * (1 + j) + gen_below(&rs, 3 * 86400);
            if (thread_reply(c, t.id,
                             question ? "Here is what worked for us: measure first, then change "
                                        "one thing at a time, and write it down."
                                      : "Thanks for writing this up. We do something similar.",
                             j && gen_below(&rs, 2) ? first_reply : 0, &p) < 0)
                goto fail;
            if (!first_reply)
                first_reply = p.id;
            nreplies++;
        }
        if (question && first_reply && gen_below(&rs, 10) < 4) {
            c->uid = author;
            if (thread_accept(c, t.id, first_reply) < 0)
                goto fail;
            naccepted++;
        }
        if (gen_below(&rs, 10) < 3) { /* 1-4 up-votes on the opening post */
            int64_t nv = 1 + gen_below(&rs, 4), v, prev = 0;
            for (v = 0; v < nv; v++) {
                int64_t who;
                if (pick_author(c, &rs, &cm, k, ncomm, nmem, ids, owner, author, &who) < 0)
                    goto fail;
                if (who == author || who == prev)
                    continue;
                c->uid = who;
                if (post_vote(c, t.last_post_id ? t.last_post_id : 0, 1, NULL) < 0)
                    goto fail;
                prev = who;
                nvotes++;
            }
        }
        if (i % 5000 == 4999) { /* a few pinned threads */
            c->uid = owner;
            if (thread_moderate(c, t.id, MOD_PIN, NULL, NULL) < 0)
                goto fail;
        }
        if (i % 1000 == 999) {
            fprintf(stderr, "\r%lld threads", (long long)i + 1);
            arena_reset(&scratch);
        }
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    fprintf(stderr,
            "\rGenerated %lld threads (%lld questions, %lld replies, %lld accepted, %lld votes) "
            "in %.1f s.\n",
            (long long)nthreads, (long long)nq, (long long)nreplies, (long long)naccepted,
            (long long)nvotes,
            (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
    rc = 0;
fail:
    if (rc)
        fprintf(stderr, "\npraxis demo: thread %lld: %s\n", (long long)i + 1, c->err->msg);
    c->arena = keep;
    c->uid = saved_uid;
    c->now = saved_now;
    arena_release(&scratch);
    free(ids);
    return rc;
}
