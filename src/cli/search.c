/* `praxis search evaluate --community SLUG --queries FILE`: run a file of questions typed as
 * people type them (one "question-id<TAB>query" per line, core/query.h) through the
 * community's search box (domain/search.c, the product's own code) and print how often the
 * question's thread is the first result, in the top 3 and on the first page, and the mean
 * reciprocal rank: once with all words required (the search before natural questions) and
 * once as the search box runs today. See docs/evaluation.md. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/query.h"
#include "core/timeutil.h"
#include "domain/search.h"
#include "core/util.h"

static const char search_help[] =
    "usage: praxis search evaluate --community SLUG --queries FILE [--db URL]\n"
    "                              [--since YYYY-MM-DD] [--until YYYY-MM-DD]\n"
    "                              [--bonus THOUSANDTHS] [--some-min N] [--sentence N]\n"
    "                              [--verbose]\n\n"
    "FILE holds one question per line: the id of a question imported into the community\n"
    "(its id on the source site), a tab, and a query as a person would type it. Each query\n"
    "is run as the community's search box runs it (the words plus in:SLUG); the question's\n"
    "thread is looked for on the first page of results. Printed: top 1, top 3 and top 10\n"
    "rates and the MRR (1/rank over the first page, 0 when not there), with all words\n"
    "required and with the natural-question fallback. --since/--until keep the questions\n"
    "asked in [since, until); --bonus (per extra word matched, in thousandths) and\n"
    "--some-min (fall back below this many all-words results) and --sentence (always\n"
    "from this many words that are not stop words; 0 = never) change the fallback;\n"
    "--verbose prints each query's ranks.\n";

#define QUERY_FILE_MAX (1 << 20)

/* Parse YYYY-MM-DD into UTC seconds at midnight; -1 on error. */
static int64_t parse_day(const char *s)
{
    struct query q;
    struct arena a;
    struct errinfo e = {0};
    int64_t r = -1;
    arena_init(&a);
    if (strlen(s) == 10 && query_parse(arena_printf(&a, "after:%s", s), &a, &q, &e) == 0)
        r = q.after;
    arena_release(&a);
    return r;
}

/* The whole file (at most QUERY_FILE_MAX bytes), NUL-terminated, heap; NULL with a message. */
static char *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf;
    size_t n;
    if (!f) {
        fprintf(stderr, "praxis search: cannot open %s\n", path);
        return NULL;
    }
    buf = malloc(QUERY_FILE_MAX + 1);
    n = buf ? fread(buf, 1, QUERY_FILE_MAX + 1, f) : 0;
    fclose(f);
    if (buf && n > QUERY_FILE_MAX) {
        fprintf(stderr, "praxis search: %s is larger than %d bytes\n", path, QUERY_FILE_MAX);
        free(buf);
        return NULL;
    }
    if (buf)
        buf[n] = '\0';
    *len = n;
    return buf;
}

struct tally {
    int n, top1, top3, top10;
    double rr;
};

static void tally_add(struct tally *t, int rank)
{
    t->n++;
    t->top1 += rank == 1;
    t->top3 += rank >= 1 && rank <= 3;
    t->top10 += rank >= 1 && rank <= 10;
    t->rr += rank > 0 ? 1.0 / rank : 0;
}

static void tally_row(const char *name, const struct tally *t)
{
    double n = t->n ? t->n : 1;
    printf("| %s | %d | %.2f | %.2f | %.2f | %.3f |\n", name, t->n, t->top1 / n, t->top3 / n,
           t->top10 / n, t->rr / n);
}

static int int_opt(const char *v, int lo, int hi, int *out)
{
    char *end;
    long x;
    if (!v || !*v)
        return -1;
    x = strtol(v, &end, 10);
    if (*end || x < lo || x > hi)
        return -1;
    *out = (int)x;
    return 0;
}

int cmd_search(int argc, char **argv)
{
    static const char *const valued[] = {"db",    "community", "queries",  "since", "until",
                                         "bonus", "some-min",  "sentence", NULL};
    static const char *const flags[] = {"verbose", NULL};
    const char *slug = cli_opt(argc, argv, "community");
    const char *path = cli_opt(argc, argv, "queries");
    const char *since_s = cli_opt(argc, argv, "since"), *until_s = cli_opt(argc, argv, "until");
    struct search_opts strict = {0, 0, 0, 1, 1},
                       natural = {SEARCH_SOME_BONUS_MILLI, SEARCH_SOME_MIN, SEARCH_SOME_SENTENCE, 1,
                                  1};
    struct query_file_line *lines;
    struct ctx c;
    struct arena a;
    struct errinfo e = {0};
    struct tally ts = {0}, tn = {0};
    int64_t since = 0, until = 0, t0;
    int *r1, *r2, verbose = cli_flag(argc, argv, "verbose");
    int64_t *asked;
    size_t n, len, i;
    char *text;
    if (cli_wants_help(argc, argv)) {
        fputs(search_help, stdout);
        return 0;
    }
    if (cli_check_opts(argc, argv, valued, flags, 1, search_help))
        return 2;
    if (argc < 2 || strcmp(argv[1], "evaluate") != 0 || !slug || !path) {
        fprintf(stderr, "%.*s\n", (int)(strstr(search_help, "\n\n") - search_help), search_help);
        return 2;
    }
    if ((since_s && (since = parse_day(since_s)) < 0) ||
        (until_s && (until = parse_day(until_s)) < 0)) {
        fprintf(stderr, "praxis search: --since and --until take a date, YYYY-MM-DD\n");
        return 2;
    }
    if ((cli_opt(argc, argv, "bonus") &&
         int_opt(cli_opt(argc, argv, "bonus"), 0, 100000, &natural.bonus_milli) < 0) ||
        (cli_opt(argc, argv, "some-min") &&
         int_opt(cli_opt(argc, argv, "some-min"), 0, 1000000, &natural.some_min) < 0) ||
        (cli_opt(argc, argv, "sentence") &&
         int_opt(cli_opt(argc, argv, "sentence"), 0, QUERY_MAX_TERMS, &natural.sentence_words) <
             0)) {
        fprintf(stderr,
                "praxis search: --bonus, --some-min and --sentence take a whole number >= 0\n");
        return 2;
    }
    if (!(text = read_all(path, &len)))
        return 1;
    if (cli_open(cli_db_url(cli_opt(argc, argv, "db")), &c, &a, &e)) {
        free(text);
        return 1;
    }
    if (query_file_parse(text, len, c.arena, &lines, &n, &e) < 0) {
        fprintf(stderr, "praxis search: %s: %s\n", path, e.msg);
        free(text);
        cli_close(&c);
        return 1;
    }
    free(text);
    r1 = ARENA_ARRAY(c.arena, int, n);
    r2 = ARENA_ARRAY(c.arena, int, n);
    asked = ARENA_ARRAY(c.arena, int64_t, n);
    t0 = time_now_ms();
    if (search_evaluate(&c, slug, lines, n, &strict, r1, asked) < 0 ||
        search_evaluate(&c, slug, lines, n, &natural, r2, asked) < 0) {
        fprintf(stderr, "praxis search: %s%s\n", e.code == ERR_INVALID ? "" : "evaluation failed: ",
                e.msg[0] ? e.msg : "database error");
        cli_close(&c);
        return 1;
    }
    for (i = 0; i < n; i++) {
        if ((since && asked[i] < since) || (until && asked[i] >= until))
            continue;
        tally_add(&ts, r1[i]);
        tally_add(&tn, r2[i]);
        if (verbose)
            printf("%lld\t%d\t%d\t%s\n", (long long)lines[i].id, r1[i], r2[i], lines[i].query);
    }
    printf("community %s, %s: %d queries (bonus %.3f per extra word, fallback below %d "
           "all-words results or from %d words; %lld ms)\n\n",
           slug, path, tn.n, natural.bonus_milli / 1000.0, natural.some_min, natural.sentence_words,
           (long long)(time_now_ms() - t0));
    printf("| search | queries | top 1 | top 3 | top 10 | MRR |\n|---|---|---|---|---|---|\n");
    tally_row("all words required", &ts);
    tally_row("natural questions (some words)", &tn);
    cli_close(&c);
    return 0;
}
