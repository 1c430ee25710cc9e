/* `praxis participation --community SLUG [--db URL] [--by month|year] [--months N]`: print a
 * community's members per participation level (docs/participation.md) over its history,
 * from the month of its first post to the month of its last (or the last N months): per
 * month, the levels as of each month's end; per year, each member counted once at the
 * highest level they reached at a month's end that year. Past months are stored as they
 * are computed (the same snapshots the API and pages read). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "domain/community.h"
#include "domain/participation.h"
#include "core/util.h"

static const char USAGE[] =
    "usage: praxis participation --community SLUG [--db URL] [--by month|year] [--months N]\n";

static void usage(FILE *f)
{
    fputs(USAGE, f);
    fputs("\nPrint the members per participation level (core, active, peripheral; levels\n"
          "over the 90 days before each month's end) from the community's first post to its\n"
          "last, per month (default) or per year (each member once, at the highest level\n"
          "reached at a month's end in that year). --months N keeps the last N months.\n",
          f);
}

/* Highest level per user over a year: a small open list, grown as needed. */
struct best {
    int64_t uid;
    int level;
};

int cmd_participation(int argc, char **argv)
{
    static const char *const valued[] = {"community", "db", "by", "months", NULL};
    struct ctx c;
    struct arena a;
    struct errinfo e;
    struct community cm;
    const char *slug = cli_opt(argc, argv, "community");
    const char *by = cli_opt(argc, argv, "by");
    const char *months_s = cli_opt(argc, argv, "months");
    int64_t first, last, month, year = 0;
    struct best *best = NULL;
    size_t nbest = 0, capbest = 0;
    int per_year, rc = 0;
    if (cli_wants_help(argc, argv)) {
        usage(stdout);
        return 0;
    }
    if ((rc = cli_check_opts(argc, argv, valued, NULL, 0, USAGE)) != 0)
        return rc;
    if (!slug || (by && strcmp(by, "month") && strcmp(by, "year"))) {
        usage(stderr);
        return 2;
    }
    per_year = by && !strcmp(by, "year");
    if (cli_open(cli_db_url(cli_opt(argc, argv, "db")), &c, &a, &e) != 0)
        return 1;
    if (community_get(&c, slug, &cm) < 0 || participation_span(&c, &cm, &first, &last) < 0) {
        fprintf(stderr, "praxis participation: %s\n", e.msg[0] ? e.msg : "failed");
        cli_close(&c);
        return 1;
    }
    if (months_s) {
        long n = strtol(months_s, NULL, 10);
        if (n < 1 || n > 1200) {
            fprintf(stderr, "praxis participation: --months is 1..1200\n");
            cli_close(&c);
            return 2;
        }
        first = participation_month_of(c.now);
        while (--n > 0)
            first = participation_month_prev(first);
        last = participation_month_of(c.now);
    }
    if (!first) {
        printf("%s has no posts.\n", cm.slug);
        cli_close(&c);
        return 0;
    }
    printf("%-8s %8s %8s %10s\n", per_year ? "year" : "month", "core", "active", "peripheral");
    for (month = first; month <= last && rc == 0;
         month = participation_month_of(participation_month_end(month))) {
        struct participation_row *rows;
        size_t n, i;
        if ((rc = participation_levels_month(&c, cm.id, month, &rows, &n)) < 0)
            break;
        if (!per_year) {
            int64_t count[PART__MAX] = {0};
            for (i = 0; i < n; i++)
                count[rows[i].level]++;
            printf("%04d-%02d  %8lld %8lld %10lld\n", (int)(month / 100), (int)(month % 100),
                   (long long)count[PART_CORE], (long long)count[PART_ACTIVE],
                   (long long)count[PART_PERIPHERAL]);
            continue;
        }
        if (month / 100 != year) {
            nbest = 0;
            year = month / 100;
        }
        for (i = 0; i < n; i++) {
            size_t k;
            for (k = 0; k < nbest && best[k].uid != rows[i].user_id; k++)
                ;
            if (k == nbest) {
                if (nbest == capbest) {
                    capbest = capbest ? 2 * capbest : 256;
                    best = x_realloc(best, capbest * sizeof(*best));
                }
                best[nbest].uid = rows[i].user_id;
                best[nbest++].level = 0;
            }
            if (rows[i].level > best[k].level)
                best[k].level = rows[i].level;
        }
        if (month % 100 == 12 || month == last) {
            int64_t count[PART__MAX] = {0};
            for (i = 0; i < nbest; i++)
                count[best[i].level]++;
            printf("%04d     %8lld %8lld %10lld\n", (int)year, (long long)count[PART_CORE],
                   (long long)count[PART_ACTIVE], (long long)count[PART_PERIPHERAL]);
        }
    }
    free(best);
    if (rc < 0)
        fprintf(stderr, "praxis participation: %s\n", e.msg[0] ? e.msg : "failed");
    cli_close(&c);
    return rc < 0 ? 1 : 0;
}
