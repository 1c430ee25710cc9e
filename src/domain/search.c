/* Search rules (see domain/search.h): query parsing and limits, in: community visibility,
 * zero-result recording, who may read the zero-result report, and reindexing. */
#include <string.h>

#include "core/log.h"
#include "domain/community.h"
#include "domain/search.h"
#include "domain/domain_int.h"
#include "store/community.h"
#include "core/util.h"

/* Group h[0..n) in place by thread, keeping rank order of each thread's best hit: a thread
   whose opening post and replies match becomes one result (the thread, with the best
   snippet) counting its matching replies; replies alone stay the best reply's result.
   Snippets become plain text (no Markdown syntax). Returns the number of results. */
static size_t group_hits(struct arena *a, struct search_hit *h, size_t n)
{
    size_t i, j, k = 0;
    for (i = 0; i < n; i++) {
        struct search_hit cur = h[i];
        cur.snippet = query_snippet_plain(a, cur.snippet);
        cur.matching_replies = cur.kind == SEARCH_POST;
        for (j = 0; cur.thread_id && j < k; j++)
            if (h[j].thread_id == cur.thread_id)
                break;
        if (!cur.thread_id || j == k) {
            h[k++] = cur;
            continue;
        }
        h[j].matching_replies += cur.kind == SEARCH_POST;
        if (cur.kind == SEARCH_THREAD && h[j].kind == SEARCH_POST) {
            /* the question matched too: the result is the thread, with the reply's snippet
               when it ranked higher */
            cur.snippet = h[j].snippet;
            cur.matching_replies = h[j].matching_replies;
            h[j] = cur;
        }
    }
    return k;
}

int search_run(struct ctx *c, const char *text, const char *kind, int64_t page,
               struct search_result *out)
{
    struct search_params p;
    struct buf nb = BUF_INIT;
    enum search_kind k;
    int rc, i;
    memset(out, 0, sizeof(*out));
    out->kind = -1;
    if ((rc = query_parse(text, c->arena, &out->q, c->err)) < 0)
        return rc;
    if (kind && *kind) {
        if (search_kind_parse(kind, &k) < 0)
            return error_set(c->err, ERR_INVALID, "kind",
                             "kind is one of thread, post, member, event, article or comment.");
        out->kind = (int)k;
    }
    if (page <= 0)
        page = 1;
    if (page > SEARCH_MAX_PAGE)
        return error_set(c->err, ERR_INVALID, "page",
                         "Only the first %d pages of results are shown; narrow the search.",
                         SEARCH_MAX_PAGE);
    out->page = page;
    query_normalize(&out->q, &nb);
    out->normalized = arena_strdup(c->arena, nb.data);
    buf_release(&nb);
    if (out->q.in) {
        struct community cm;
        rc = community_get(c, out->q.in, &cm);
        if (rc == ERR_NOTFOUND || rc == ERR_AUTH) {
            error_clear(c->err);
            return error_set(c->err, ERR_INVALID, "q",
                             "There is no community called \"%s\" (in: takes the name in its "
                             "address, as in in:homebrewing).",
                             out->q.in);
        }
        if (rc < 0)
            return rc;
        out->community_id = cm.id;
        out->community_name = cm.name;
    }
    memset(&p, 0, sizeof(p));
    p.q = &out->q;
    p.kind = out->kind;
    p.in_slug = out->q.in;
    p.viewer = c->uid;
    p.see_all = c->system || c->is_admin;
    /* Results are grouped by thread, so a page is cut from the first page * GROUP_SPAN
       hits after grouping (a thread's hits are counted where its best one ranks). */
    p.offset = 0;
    p.limit = (int)(page * SEARCH_PAGE * SEARCH_GROUP_SPAN + 1);
    if (search_db_counts(c->db, &p, out->counts) < 0)
        return domain_db_fail(c, "counts");
    for (i = 0; i < SEARCH_KIND__MAX; i++)
        out->total += out->counts[i];
    out->total_kind = out->kind >= 0 ? out->counts[out->kind] : out->total;
    if (out->total_kind > 0 || page > 1) {
        size_t got, ng, from = (size_t)(page - 1) * SEARCH_PAGE;
        if (search_db_run(c->db, c->arena, &p, &out->hits, &got) < 0)
            return domain_db_fail(c, "run");
        ng = group_hits(c->arena, out->hits, got);
        out->hits += from < ng ? from : ng;
        out->n = from < ng ? ng - from : 0;
        if (out->n > SEARCH_PAGE || (out->n == SEARCH_PAGE && got == (size_t)p.limit)) {
            out->n = SEARCH_PAGE;
            out->more = 1;
        }
    }
    if (!out->total && page == 1 && out->q.npos &&
        search_db_miss(c->db, out->community_id, out->normalized, c->now) < 0)
        log_warn("msg=\"search miss not recorded\" error=\"%s\"", db_last_error(c->db));
    return 0;
}

int search_member_recent(struct ctx *c, const char *name, enum search_recent what, size_t limit,
                         struct search_hit **out, size_t *n)
{
    static const struct {
        const char *filter, *kind;
    } spec[SEARCH_RECENT__MAX] = {
        {"is:question", "thread"}, {"is:question", "post"}, {"", "article"}, {"", "event"}};
    struct search_result res;
    int rc;
    *out = NULL;
    *n = 0;
    if ((unsigned)what >= SEARCH_RECENT__MAX || !name || !*name)
        return 0;
    rc = search_run(c, arena_printf(c->arena, "author:%s %s", name, spec[what].filter),
                    spec[what].kind, 1, &res);
    if (rc < 0)
        return rc;
    *out = res.hits;
    *n = res.n < limit ? res.n : limit;
    return 0;
}

int search_misses(struct ctx *c, const char *slug, struct search_miss **out, size_t *n)
{
    int64_t cid = -1;
    *out = NULL;
    *n = 0;
    if (!c->uid && !c->system)
        return error_set(c->err, ERR_AUTH, NULL, "Sign in to see searches that found nothing.");
    if (slug) {
        struct community cm;
        int rc = community_get(c, slug, &cm);
        if (rc < 0)
            return rc;
        if (!community_can_edit(c, &cm))
            return error_set(c->err, ERR_PERM, NULL,
                             "Only the community's coordinators can see its searches.");
        cid = cm.id;
    } else if (!c->is_admin && !c->system) {
        return error_set(c->err, ERR_PERM, NULL,
                         "Only administrators can see searches across the instance.");
    }
    if (search_db_misses(c->db, c->arena, cid, 200, out, n) < 0)
        return domain_db_fail(c, "misses");
    return 0;
}

int search_reindex(struct ctx *c, int64_t counts[SEARCH_KIND__MAX])
{
    if (!c->system)
        return error_set(c->err, ERR_PERM, NULL, "Only the command line can rebuild the index.");
    if (search_db_reindex(c->db, counts) < 0)
        return domain_db_fail(c, "reindex");
    return 0;
}
