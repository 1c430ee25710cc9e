/* `praxis demo`: demo content for a first look (an administrator, a few communities with
 * charters, a second member) and, with --generate, a large synthetic instance for the
 * benchmarks (bench/run.sh). Everything goes through the domain layer, so demo content obeys
 * the same rules as content made in the browser. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/timeutil.h"
#include "domain/account.h"
#include "domain/community.h"
#include "domain/event.h"
#include "domain/import.h"
#include "domain/thread.h"
#include "core/util.h"

static const char demo_help[] =
    "usage: praxis demo [--db URL] [--password-file FILE] [--se-dump DIR | --no-import]\n"
    "       praxis demo --generate [--communities N] [--members N] [--threads N] [--db URL]\n"
    "       praxis demo --posts FILE.jsonl --community SLUG [--db URL]\n"
    "\n"
    "Load demo content: an administrator 'ada' with a generated password (written to FILE\n"
    "with --password-file, else printed), a member 'sam', three communities (public,\n"
    "members-only and private) with charters, and a real community imported from a Stack\n"
    "Exchange dump (`praxis import stackexchange`): --se-dump DIR, else $PRAXIS_SE_DUMP,\n"
    "else the small conlang dump kept in the repository, tests/data/stackexchange/conlang\n"
    "(community 'conlang-se', read relative to the current directory); --no-import skips\n"
    "it. scripts/run.sh passes the beer.stackexchange.com dump kept in the repository\n"
    "(data/demo/beer.stackexchange.tar.xz, unpacked into var/demo/beer; community 'beer').\n"
    "Running it again resets admin's password and keeps (or updates) what exists.\n"
    "\n"
    "--generate makes a synthetic instance for benchmarks instead: N communities (default 50)\n"
    "and N members (default 10000, without passwords), each member in a few communities.\n"
    "--threads N adds N threads (default 0) over those communities: questions and\n"
    "discussions with 0-3 replies, accepted answers, votes and tags, over the last two years.\n"
    "\n"
    "--posts loads real forum posts instead (bench/thread.sh): the posts.jsonl written by\n"
    "../shared/bench/fossil_forum_from_se.py, one JSON object per line (id, root, in_reply_to,\n"
    "title, author, date, markdown), into community SLUG (created public if missing; it must\n"
    "have no threads yet). Opening posts become discussion threads, replies keep their\n"
    "reply-to link, each author becomes a member without a password (name made valid), and\n"
    "times are the posts' dates. Stops at the first bad line, naming it.\n";

struct demo_community {
    const char *slug, *name, *visibility, *tags, *charter;
};

static const struct demo_community demo_communities[] = {
    {"homebrewing", "Homebrewing", "public",
     "brewing, yeast, hops, fermentation, recipes, equipment, sanitation, kegging",
     "A community of practice for people who brew beer at home, from the first extract kit to "
     "all-grain brewing on a three-vessel system.\n\n"
     "## What we do here\n\n"
     "- **Ask and answer**: stuck fermentation, off-flavours, water chemistry, scaling a recipe.\n"
     "- **Write down what works**: the sanitation checklist, the yeast-pitching calculator, "
     "our best recipes.\n"
     "- **Meet**: a monthly tasting where members bring a bottle and get honest feedback.\n\n"
     "## How we work\n\n"
     "1. Search before you ask; link what you found.\n"
     "2. Give measurements: gravity, temperature, volumes, times.\n"
     "3. Critique the beer, never the brewer.\n\n"
     "| Role | Who |\n|---|---|\n| Coordinators | keep the knowledge base current |\n"
     "| Moderators | keep threads on topic |\n\n"
     "New here? Read [the BJCP style guidelines](https://www.bjcp.org/) and say hello."},
    {"conlang", "Constructed languages", "members",
     "phonology, morphology, syntax, orthography, worldbuilding",
     "For everyone who designs languages: for fiction, for games, for teaching linguistics, "
     "or for the joy of it.\n\n"
     "Share your phonology, ask how natural languages solve a problem, and review each "
     "other's grammars. Readable by every signed-in member of this Praxis.\n\n"
     "- [x] Post your sketches early\n- [ ] Finish the shared glossary of terms\n"},
    {"coordinators", "Coordinators' circle", "private", "facilitation, onboarding, health",
     "A private room for the people who tend this instance's communities: how to welcome "
     "newcomers, keep questions from going unanswered, and spot experts who are burning "
     "out. *Invitation only.*"},
};

/* Create (or find) a user; a NULL password makes an account that cannot sign in. */
static int demo_user(struct ctx *c, const char *name, const char *display, const char *pw,
                     int admin, struct user *u)
{
    struct account_new in = {name, display, pw, NULL, admin};
    int rc = account_create(c, &in, u);
    if (rc == ERR_CONFLICT) {
        rc = account_get(c, name, u);
        if (rc == 0 && pw)
            rc = account_set_password(c, name, pw);
    }
    return rc;
}

/* A solved question, a discussion and a monthly meetup in the homebrewing community, so a
 * first look at the demo shows the everyday practice, not empty lists. Written by ada (a
 * coordinator there) and sam (a member). Skipped when the community already has threads. */
static int demo_practice(struct ctx *c, const struct user *ada, const struct user *sam)
{
    struct community cm;
    struct thread_input q = {0}, d = {0};
    struct thread tq, td;
    struct post answer, reply;
    struct event_input ev = {0};
    struct event evout;
    char day[32];
    int skipped = 0;

    struct thread_filter f = {0};
    struct thread_list existing;

    c->uid = sam->id;
    if (community_get(c, "homebrewing", &cm) < 0)
        return -1;
    f.kind = -1;
    f.limit = 1;
    if (thread_list(c, &cm, &f, &existing) < 0)
        return -1;
    if (existing.n) /* loaded before: running demo again only resets the password */
        return 0;
    q.kind = "question";
    q.title = "How long should bottle-conditioned beer sit before I open it?";
    q.body_md = "I bottled my first pale ale with 110 g of dextrose for 19 litres. The guide "
                "says *two weeks*, a friend says **four**. What decides it?\n\n"
                "- storage: about 20 \u00b0C\n- yeast: US-05\n";
    q.tags_text = "kegging, yeast, fermentation";
    if (thread_create(c, &cm, &q, &tq) < 0)
        return -1;
    c->uid = ada->id;
    if (thread_reply(c, tq.id,
                     "Temperature and yeast decide it, not the calendar. At 20 \u00b0C US-05 "
                     "carbonates in about **two weeks**; give hoppy beers no longer, since hop "
                     "aroma fades. Chill one bottle at day 10 and open it: if it is flat, wait "
                     "another week.\n\n| Temperature | Typical time |\n|---|---|\n"
                     "| 18 \u00b0C | 3 weeks |\n| 21 \u00b0C | 2 weeks |\n",
                     0, &answer) < 0)
        return -1;
    c->uid = sam->id;
    if (post_vote(c, answer.id, 1, NULL) < 0 || thread_accept(c, 0, answer.id) < 0)
        return -1;

    c->uid = ada->id;
    d.kind = "discussion";
    d.title = "Which yeast do you trust for a saison in summer?";
    d.body_md = "Our tasting next month is saisons. Post the strain you use and the "
                "fermentation temperature that worked for you.";
    d.tags_text = "yeast, recipes";
    if (thread_create(c, &cm, &d, &td) < 0)
        return -1;
    c->uid = sam->id;
    if (thread_reply(c, td.id,
                     "Belle Saison, pitched at 20 \u00b0C and left to rise to 26. "
                     "Dry and peppery every time.",
                     0, &reply) < 0)
        return -1;

    /* the monthly tasting: 12 meetings on the same weekday of the month, from next week */
    time_iso(c->now + 10 * 86400, day);
    memcpy(day + 10, "T19:00", 7);
    ev.title = "Monthly tasting";
    ev.description_md = "Bring a bottle of what you brewed last and get honest feedback. "
                        "What we learn goes into the knowledge base.";
    ev.start = day;
    ev.end = arena_printf(c->arena, "%.10sT21:00", day);
    ev.timezone = "Europe/London";
    ev.location = "The Crown, back room";
    ev.capacity = "20";
    ev.freq = "monthly";
    ev.monthly = "weekday";
    ev.count = "12";
    c->uid = ada->id;
    if (event_create(c, &cm, &ev, &evout, &skipped) < 0)
        return -1;
    return 0;
}

/* The real community of the demo: a Stack Exchange dump imported with its attribution (the
   charter credits the site and licence). dir NULL = $PRAXIS_SE_DUMP, else the conlang dump of
   the repository (see demo_help): never a folder outside the repository. */
static int demo_import(struct ctx *c, const char *dir)
{
    const char *env = getenv("PRAXIS_SE_DUMP");
    struct import_opts o = {0};
    struct import_stats st;
    if (!dir && env && *env)
        dir = env;
    if (!dir)
        dir = "tests/data/stackexchange/conlang";
    o.dir = dir;
    o.site_url = import_site_from_dir(c->arena, dir);
    if (!o.site_url) {
        fprintf(stderr, "praxis demo: cannot tell the site of %s\n", dir);
        return -1;
    }
    /* "conlang" is a hand-made demo community already: the import gets its own */
    o.slug =
        strstr(o.site_url, "://conlang.")
            ? "conlang-se"
            : arena_printf(c->arena, "%.*s", (int)strcspn(o.site_url + 8, "."), o.site_url + 8);
    c->uid = 0;
    printf("Importing %s into /c/%s ...\n", dir, o.slug);
    fflush(stdout);
    if (import_stackexchange(c, &o, &st) < 0) {
        fprintf(stderr, "praxis demo: import of %s: %s\n", dir, c->err->msg);
        return -1;
    }
    printf("Imported %lld questions, %lld answers and %lld comments by %lld people into "
           "/c/%s.\n",
           (long long)st.questions, (long long)st.answers, (long long)st.comments,
           (long long)st.users, o.slug);
    return 0;
}

static int demo_basic(struct ctx *c, const char *pwfile, const char *dump, int import)
{
    char pw[ACCOUNT_GENPW_LEN + 1], pw2[ACCOUNT_GENPW_LEN + 1];
    struct user admin, sam;
    size_t i;

    account_generate_password(pw);
    account_generate_password(pw2);
    if (demo_user(c, "ada", "Ada Admin", pw, 1, &admin) < 0 ||
        demo_user(c, "sam", "Sam Brewer", pw2, 0, &sam) < 0) {
        fprintf(stderr, "praxis demo: %s\n", c->err->msg);
        return 1;
    }
    for (i = 0; i < ARRAY_SIZE(demo_communities); i++) {
        const struct demo_community *d = &demo_communities[i];
        struct community_input in = {0};
        struct community cm;
        int rc;
        in.slug = d->slug;
        in.name = d->name;
        in.visibility = d->visibility;
        in.tags_text = d->tags;
        in.charter_md = d->charter;
        c->uid = admin.id;
        rc = community_create(c, &in, &cm);
        if (rc == ERR_CONFLICT)
            continue;
        if (rc < 0) {
            fprintf(stderr, "praxis demo: community %s: %s\n", d->slug, c->err->msg);
            return 1;
        }
        if (strcmp(d->visibility, "private")) {
            c->uid = sam.id; /* load it again: cm.viewer_role is the creator's */
            if (community_get(c, d->slug, &cm) < 0 || community_join(c, &cm) < 0) {
                fprintf(stderr, "praxis demo: %s\n", c->err->msg);
                return 1;
            }
        }
    }
    if (demo_practice(c, &admin, &sam) < 0) {
        fprintf(stderr, "praxis demo: threads and events: %s\n", c->err->msg);
        return 1;
    }
    if (import && demo_import(c, dump) < 0)
        return 1;
    c->uid = 0;
    if (pwfile) {
        FILE *f = fopen(pwfile, "w");
        if (!f || fprintf(f, "%s\n", pw) < 0 || fclose(f) != 0) {
            fprintf(stderr, "praxis demo: cannot write %s\n", pwfile);
            return 1;
        }
        printf("Demo content loaded. The password of ada (administrator) is in %s; sam's is %s.\n",
               pwfile, pw2);
    } else {
        printf("Demo content loaded.\n  ada    %s\n  sam    %s\n", pw, pw2);
    }
    return 0;
}

/* The benchmark instance: ncomm communities and nmem members without passwords; member i
 * joins communities i % ncomm, (i * 7) % ncomm and (i * 13) % ncomm. Every 10th community is
 * members-only and every 25th private, so the lists exercise the visibility filters. */
static int demo_generate(struct ctx *c, int64_t ncomm, int64_t nmem, int64_t nthr)
{
    struct community *comms = x_calloc((size_t)ncomm, sizeof(*comms));
    struct arena *keep = c->arena, scratch;
    struct user owner;
    int64_t i;
    int rc = 1;

    arena_init(&scratch);

    if (demo_user(c, "bench-owner", "Bench Owner", NULL, 1, &owner) < 0)
        goto fail;
    for (i = 0; i < ncomm; i++) {
        struct community_input in = {0};
        in.slug = arena_printf(c->arena, "community-%lld", (long long)i);
        in.name = arena_printf(c->arena, "Community %lld", (long long)i);
        in.visibility = i % 25 == 24 ? "private" : i % 10 == 9 ? "members" : "public";
        in.tags_text = "practice, questions, articles, events";
        in.charter_md = demo_communities[0].charter;
        c->uid = owner.id;
        if (community_create(c, &in, &comms[i]) == ERR_CONFLICT &&
            community_get(c, in.slug, &comms[i]) < 0)
            goto fail;
        if (c->err->code && comms[i].id == 0)
            goto fail;
    }
    c->arena = &scratch; /* member rows are not needed after they are written */
    for (i = 0; i < nmem; i++) {
        struct user u;
        const char *name = arena_printf(c->arena, "member%lld", (long long)i);
        int64_t k[3] = {i % ncomm, (i * 7) % ncomm, (i * 13) % ncomm};
        int j;
        if (demo_user(c, name, name, NULL, 0, &u) < 0)
            goto fail;
        c->uid = u.id;
        for (j = 0; j < 3; j++) {
            struct community cm = comms[k[j]];
            cm.viewer_role = ROLE_NONE; /* a new member; comms[] was loaded by the owner */
            if (cm.visibility != COMMUNITY_PRIVATE && community_join(c, &cm) < 0)
                goto fail;
        }
        if (i % 1000 == 999) {
            fprintf(stderr, "\r%lld members", (long long)i + 1);
            arena_reset(&scratch);
        }
    }
    fprintf(stderr, "\rGenerated %lld communities and %lld members.\n", (long long)ncomm,
            (long long)nmem);
    c->arena = keep;
    if (nthr && demo_threads_generate(c, comms, ncomm, nmem, owner.id, nthr) < 0)
        goto fail;
    rc = 0;
fail:
    if (rc)
        fprintf(stderr, "praxis demo: %s\n", c->err->msg);
    c->arena = keep;
    arena_release(&scratch);
    free(comms);
    return rc;
}

int cmd_demo(int argc, char **argv)
{
    static const char *const valued[] = {"db",      "password-file", "se-dump",
                                         "posts",   "community",     "communities",
                                         "members", "threads",       NULL};
    static const char *const flags[] = {"no-import", "generate", NULL};
    struct ctx c;
    struct arena a;
    struct errinfo e = {0};
    int rc;

    if (cli_wants_help(argc, argv)) {
        fputs(demo_help, stdout);
        return 0;
    }
    if (cli_check_opts(argc, argv, valued, flags, 0, demo_help))
        return 2;
    if (cli_open(cli_db_url(cli_opt(argc, argv, "db")), &c, &a, &e))
        return 1;
    if (cli_opt(argc, argv, "posts")) {
        const char *slug = cli_opt(argc, argv, "community");
        if (!slug) {
            fprintf(stderr, "praxis demo: --posts needs --community SLUG\n");
            cli_close(&c);
            return 2;
        }
        rc = demo_posts_load(&c, cli_opt(argc, argv, "posts"), slug);
    } else if (cli_flag(argc, argv, "generate")) {
        const char *cs = cli_opt(argc, argv, "communities"), *ms = cli_opt(argc, argv, "members");
        const char *ts = cli_opt(argc, argv, "threads");
        int64_t ncomm = 50, nmem = 10000, nthr = 0;
        if ((cs && (str_to_i64(cs, &ncomm) < 0 || ncomm < 1 || ncomm > 100000)) ||
            (ms && (str_to_i64(ms, &nmem) < 0 || nmem < 0 || nmem > 10000000)) ||
            (ts && (str_to_i64(ts, &nthr) < 0 || nthr < 0 || nthr > 10000000))) {
            fprintf(stderr, "praxis demo: --communities takes 1..100000, --members 0..10000000, "
                            "--threads 0..10000000\n");
            cli_close(&c);
            return 2;
        }
        rc = demo_generate(&c, ncomm, nmem, nthr);
    } else {
        rc = demo_basic(&c, cli_opt(argc, argv, "password-file"), cli_opt(argc, argv, "se-dump"),
                        !cli_flag(argc, argv, "no-import"));
    }
    cli_close(&c);
    return rc;
}
