/* praxis_some(search_fts, w_title, w_body, bonus): an FTS5 ranking function for searches
 * that match some of the query's words (an OR of words; see docs/internals/search.md,
 * "Natural questions"). It is BM25 over the words a document matches, each column's hits
 * weighted (the title worth w_title body hits), multiplied by 1 + bonus * (c - 1) where c is
 * how many of the query's words the document holds: a document with more of the words
 * beats one that repeats a single rare word. Lower is better (FTS5 sorts rank ascending), so
 * the value is negated, as bm25() is.
 *
 * Registered on every SQLite connection (sqlite.c); used through
 * `rank MATCH 'praxis_some(...)'` so that FTS5 still sorts inside the virtual table. */
#include <math.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "store/db_driver.h"

#define BM25_K1 1.2
#define BM25_B  0.75

/* Per-query data, computed on the first row and kept with xSetAuxdata. */
struct some_data {
    int nphrase;
    double avgdl; /* mean tokens per row */
    double *idf;  /* per phrase */
    double *freq; /* per phrase, scratch for the current row */
};

static int count_row(const Fts5ExtensionApi *api, Fts5Context *fts, void *arg)
{
    (void)api;
    (void)fts;
    (*(sqlite3_int64 *)arg)++;
    return SQLITE_OK;
}

static void free_some_data(void *p)
{
    struct some_data *d = p;
    if (d) {
        sqlite3_free(d->idf);
        sqlite3_free(d);
    }
}

static struct some_data *some_data(const Fts5ExtensionApi *api, Fts5Context *fts, int *rc)
{
    struct some_data *d = api->xGetAuxdata(fts, 0);
    sqlite3_int64 rows = 0, tokens = 0;
    int i;
    if (d)
        return d;
    d = sqlite3_malloc64(sizeof(*d));
    if (!d) {
        *rc = SQLITE_NOMEM;
        return NULL;
    }
    memset(d, 0, sizeof(*d));
    d->nphrase = api->xPhraseCount(fts);
    d->idf = sqlite3_malloc64(sizeof(double) * 2 * (size_t)(d->nphrase > 0 ? d->nphrase : 1));
    if (!d->idf) {
        sqlite3_free(d);
        *rc = SQLITE_NOMEM;
        return NULL;
    }
    d->freq = d->idf + d->nphrase;
    if ((*rc = api->xRowCount(fts, &rows)) == SQLITE_OK)
        *rc = api->xColumnTotalSize(fts, -1, &tokens);
    d->avgdl = rows > 0 ? (double)tokens / (double)rows : 1.0;
    if (d->avgdl <= 0)
        d->avgdl = 1.0;
    for (i = 0; *rc == SQLITE_OK && i < d->nphrase; i++) {
        sqlite3_int64 hits = 0;
        double idf;
        *rc = api->xQueryPhrase(fts, i, &hits, count_row);
        idf = log(((double)rows - (double)hits + 0.5) / ((double)hits + 0.5));
        d->idf[i] = idf > 1e-6 ? idf : 1e-6; /* a word in most rows still counts a little */
    }
    if (*rc != SQLITE_OK) {
        sqlite3_free(d->idf);
        sqlite3_free(d);
        return NULL;
    }
    /* on failure FTS5 calls the destructor itself */
    *rc = api->xSetAuxdata(fts, d, free_some_data);
    return *rc == SQLITE_OK ? d : NULL;
}

static void praxis_some(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx,
                        int argc, sqlite3_value **argv)
{
    int rc = SQLITE_OK, ninst = 0, i, covered = 0, ncol = api->xColumnCount(fts);
    double w[2] = {10.0, 1.0}, bonus = argc > 2 ? sqlite3_value_double(argv[2]) : 0.0;
    double score = 0, dl;
    int tokens = 0;
    struct some_data *d;
    if (argc > 0)
        w[0] = sqlite3_value_double(argv[0]);
    if (argc > 1)
        w[1] = sqlite3_value_double(argv[1]);
    if (!(d = some_data(api, fts, &rc))) {
        sqlite3_result_error_code(ctx, rc);
        return;
    }
    for (i = 0; i < d->nphrase; i++)
        d->freq[i] = 0;
    if ((rc = api->xInstCount(fts, &ninst)) != SQLITE_OK) {
        sqlite3_result_error_code(ctx, rc);
        return;
    }
    for (i = 0; i < ninst; i++) {
        int phrase, col, off;
        if (api->xInst(fts, i, &phrase, &col, &off) == SQLITE_OK && phrase >= 0 &&
            phrase < d->nphrase)
            d->freq[phrase] += col >= 0 && col < 2 && col < ncol ? w[col] : 1.0;
    }
    if ((rc = api->xColumnSize(fts, -1, &tokens)) != SQLITE_OK) {
        sqlite3_result_error_code(ctx, rc);
        return;
    }
    dl = (double)tokens;
    for (i = 0; i < d->nphrase; i++) {
        double f = d->freq[i];
        if (f <= 0)
            continue;
        covered++;
        score += d->idf[i] * f * (BM25_K1 + 1.0) /
                 (f + BM25_K1 * (1.0 - BM25_B + BM25_B * dl / d->avgdl));
    }
    if (covered > 1)
        score *= 1.0 + bonus * (covered - 1);
    sqlite3_result_double(ctx, -score);
}

int sqlite_rank_register(void *handle)
{
    sqlite3 *h = handle;
    sqlite3_stmt *st = NULL;
    fts5_api *api = NULL;
    int rc = sqlite3_prepare_v2(h, "SELECT fts5(?1)", -1, &st, NULL);
    if (rc != SQLITE_OK)
        return -1;
    sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
    sqlite3_step(st);
    sqlite3_finalize(st);
    if (!api || api->iVersion < 2)
        return -1;
    return api->xCreateFunction(api, "praxis_some", NULL, praxis_some, NULL) == SQLITE_OK ? 0 : -1;
}
