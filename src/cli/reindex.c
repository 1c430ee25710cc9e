/* `praxis reindex`: rebuild the full-text search index from the tables in one write
 * transaction (domain/search.c, store/search.c) and print how many documents of each kind
 * it holds. The index is normally kept in sync by triggers; this is for repairs, after a
 * bulk load with triggers disabled, or to check the triggers (a test compares results
 * before and after). */
#include <stdio.h>

#include "cli/cli.h"
#include "core/timeutil.h"
#include "domain/search.h"
#include "core/util.h"

static const char reindex_help[] =
    "usage: praxis reindex [--db URL]\n\n"
    "Rebuild the search index (threads, replies, members, events) in one transaction and\n"
    "print the number of documents of each kind and the time taken.\n";

int cmd_reindex(int argc, char **argv)
{
    static const char *const valued[] = {"db", NULL};
    struct ctx c;
    struct arena a;
    struct errinfo e = {0};
    int64_t counts[SEARCH_KIND__MAX], t0;
    int i;
    if (cli_wants_help(argc, argv)) {
        fputs(reindex_help, stdout);
        return 0;
    }
    if (cli_check_opts(argc, argv, valued, NULL, 0, reindex_help))
        return 2;
    if (cli_open(cli_db_url(cli_opt(argc, argv, "db")), &c, &a, &e))
        return 1;
    t0 = time_now_ms();
    if (search_reindex(&c, counts) < 0) {
        fprintf(stderr, "praxis reindex: %s\n", e.msg);
        cli_close(&c);
        return 1;
    }
    printf("reindexed in %lld ms:", (long long)(time_now_ms() - t0));
    for (i = 0; i < SEARCH_KIND__MAX; i++)
        printf(" %s %lld%s", search_kind_name((enum search_kind)i), (long long)counts[i],
               i + 1 < SEARCH_KIND__MAX ? "," : "\n");
    cli_close(&c);
    return 0;
}
