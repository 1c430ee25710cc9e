/* `praxis expertise evaluate --community SLUG [--half-life DAYS] [--set NAME=VALUE ...]
 * [--since YYYY-MM-DD] [--until YYYY-MM-DD]`: replay a community's questions and print how often
 * the expertise ranking puts the real answerer in its top 1/5/10, and its mean reciprocal rank,
 * beside the baselines computed in the same run (domain/expertise_eval.c; docs/evaluation.md). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/timeutil.h"
#include "domain/expertise.h"
#include "core/util.h"

static void usage(FILE *f)
{
    fputs("usage: praxis expertise evaluate --community SLUG [--db URL] [--half-life DAYS]\n"
          "                                 [--set NAME=VALUE]... [--since YYYY-MM-DD]\n"
          "                                 [--until YYYY-MM-DD]\n\n"
          "For every question in the community with an accepted answer by someone other than\n"
          "the asker, rank members using only what happened before the question was asked,\n"
          "and report how often the real answerer is in the top 1, 5 and 10, and the MRR,\n"
          "beside baselines from the same past data. --half-life defaults to the instance\n"
          "setting; --set changes one model parameter (half_life, activity_half_life, tag,\n"
          "text, activity, text_min, text_shown, answer, accepted, vote, article_written,\n"
          "article_reviewed, fallback). --since and --until keep the questions asked in\n"
          "[since, until); the evidence is always the whole past, articles included (as\n"
          "they are now: their current status, authors and reviews up to that time).\n",
          f);
}

/* Parse YYYY-MM-DD into UTC seconds at midnight; -1 on error. */
static int64_t parse_date(const char *s)
{
    int y, m, d;
    int64_t days;
    if (!s || sscanf(s, "%4d-%2d-%2d", &y, &m, &d) != 3 || m < 1 || m > 12 || d < 1 || d > 31)
        return -1;
    /* days from civil (Howard Hinnant) */
    y -= m <= 2;
    {
        int64_t era = (y >= 0 ? y : y - 399) / 400;
        int64_t yoe = y - era * 400;
        int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
        int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        days = era * 146097 + doe - 719468;
    }
    return days * 86400;
}

int cmd_expertise(int argc, char **argv)
{
    struct ctx c;
    struct arena a;
    struct errinfo e;
    struct expertise_params p;
    struct expertise_eval_opts o;
    struct expertise_eval_row *rows;
    size_t nrows, i;
    int answerable = 0, rc, k;
    const char *slug = cli_opt(argc, argv, "community");
    const char *hl = cli_opt(argc, argv, "half-life");
    const char *since = cli_opt(argc, argv, "since");
    const char *until = cli_opt(argc, argv, "until");
    if (cli_wants_help(argc, argv)) {
        usage(stdout);
        return 0;
    }
    if (argc < 2 || strcmp(argv[1], "evaluate") != 0 || !slug) {
        usage(stderr);
        return 2;
    }
    if (cli_open(cli_db_url(cli_opt(argc, argv, "db")), &c, &a, &e) != 0)
        return 1;
    expertise_params_for(&c, &p, EXPERTISE_SUGGEST);
    if (hl && (expertise_params_set(&p, "half_life", hl) < 0 || p.half_life_days <= 0)) {
        fprintf(stderr, "praxis expertise: --half-life is a number of days\n");
        cli_close(&c);
        return 2;
    }
    for (k = 1; k < argc; k++) {
        char name[64];
        const char *v = NULL, *eq;
        if (!strcmp(argv[k], "--set") && k + 1 < argc)
            v = argv[++k];
        else if (!strncmp(argv[k], "--set=", 6))
            v = argv[k] + 6;
        if (!v)
            continue;
        eq = strchr(v, '=');
        if (!eq || (size_t)(eq - v) >= sizeof(name)) {
            fprintf(stderr, "praxis expertise: --set NAME=VALUE\n");
            cli_close(&c);
            return 2;
        }
        memcpy(name, v, (size_t)(eq - v));
        name[eq - v] = '\0';
        if (expertise_params_set(&p, name, eq + 1) < 0) {
            fprintf(stderr, "praxis expertise: unknown parameter or bad value: %s\n", v);
            cli_close(&c);
            return 2;
        }
    }
    memset(&o, 0, sizeof(o));
    o.slug = slug;
    o.params = &p;
    if (since && (o.since = parse_date(since)) < 0) {
        fprintf(stderr, "praxis expertise: --since YYYY-MM-DD\n");
        cli_close(&c);
        return 2;
    }
    if (until && (o.until = parse_date(until)) < 0) {
        fprintf(stderr, "praxis expertise: --until YYYY-MM-DD\n");
        cli_close(&c);
        return 2;
    }
    rc = expertise_evaluate(&c, &o, &rows, &nrows, &answerable);
    if (rc < 0) {
        fprintf(stderr, "praxis expertise: %s\n", e.msg[0] ? e.msg : "evaluation failed");
        cli_close(&c);
        return 1;
    }
    printf("community %s: %d questions with an accepted answer by someone other than the "
           "asker;\n%d of them answered by a member who had answered before (the ceiling)\n"
           "half-life %.0f days, tag %.2f, text %.2f, activity %.2f (%.0f days), accepted %.1f, "
           "vote %.1f\n\n",
           slug, nrows ? rows[0].questions : 0, answerable, p.half_life_days, p.w_tag, p.w_text,
           p.w_activity, p.activity_half_life_days, p.weight[EXP_ACCEPTED], p.weight[EXP_VOTE]);
    printf("| method | questions | top 1 | top 5 | top 10 | MRR |\n|---|---|---|---|---|---|\n");
    for (i = 0; i < nrows; i++) {
        double qn = rows[i].questions ? rows[i].questions : 1;
        printf("| %s | %d | %.1f%% | %.1f%% | %.1f%% | %.3f |\n", rows[i].name, rows[i].questions,
               100.0 * rows[i].top1 / qn, 100.0 * rows[i].top5 / qn, 100.0 * rows[i].top10 / qn,
               rows[i].mrr);
    }
    cli_close(&c);
    return 0;
}
