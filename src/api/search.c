/* The search API: GET /api/v1/search?q=&kind=&page= (docs/api.md, SEARCH-API). The same
 * query language, visibility rules and zero-result recording as the /search page
 * (domain/search.c); snippets come as HTML with <mark> around matches, escaped first. */
#include <jansson.h>
#include <string.h>

#include "api/api.h"
#include "core/html.h"
#include "core/timeutil.h"
#include "domain/search.h"
#include "core/util.h"

/* Text with QUERY_MARK_* sentinels as safe HTML (a JSON string). */
static json_t *marked(const char *s)
{
    struct buf b = BUF_INIT;
    json_t *j;
    query_snippet_html(&b, s);
    j = json_string(b.err ? "" : b.data);
    buf_release(&b);
    return j;
}

/* Snippet s without its match markers, as a JSON string (plain text). */
static json_t *plain(const char *s)
{
    struct buf b = BUF_INIT;
    json_t *j;
    for (; *s; s++)
        if (*s != QUERY_MARK_OPEN && *s != QUERY_MARK_CLOSE)
            buf_putc(&b, *s);
    j = json_string(b.err ? "" : b.data);
    buf_release(&b);
    return j;
}

static json_t *hit_json(struct req *r, const struct search_hit *h)
{
    json_t *o = json_object();
    const char *url;
    switch (h->kind) {
    case SEARCH_THREAD:
        url = arena_printf(r->arena, "/c/%s/t/%lld", h->community_slug, (long long)h->thread_id);
        break;
    case SEARCH_POST:
        url = arena_printf(r->arena, "/p/%lld", (long long)h->ref_id);
        break;
    case SEARCH_MEMBER:
        url = arena_printf(r->arena, "/u/%s", h->author_name);
        break;
    case SEARCH_EVENT:
        url = arena_printf(r->arena, "/events/%lld", (long long)h->ref_id);
        break;
    case SEARCH_COMMENT:
        url = arena_printf(r->arena, "/comments/%lld", (long long)h->ref_id);
        break;
    case SEARCH_ARTICLE:
        url = arena_printf(r->arena, "/c/%s/a/%s", h->community_slug, h->article_slug);
        break;
    default:
        url = arena_printf(r->arena, "/c/%s", h->community_slug);
        break;
    }
    json_object_set_new(o, "kind", json_string(search_kind_name(h->kind)));
    json_object_set_new(o, "id", json_integer(h->ref_id));
    json_object_set_new(o, "url", json_string(url));
    json_object_set_new(o, "title", json_string(h->title));
    if (*h->title_marked)
        json_object_set_new(o, "title_html", marked(h->title_marked));
    else {
        struct buf b = BUF_INIT;
        html_text(&b, h->title);
        json_object_set_new(o, "title_html", json_string(b.err ? "" : b.data));
        buf_release(&b);
    }
    json_object_set_new(o, "snippet_html", marked(h->snippet));
    json_object_set_new(o, "snippet", plain(h->snippet));
    {
        json_t *tags = json_array();
        const char *p = h->tags;
        while (*p) {
            size_t len = strcspn(p, " ");
            if (len)
                json_array_append_new(tags, json_stringn(p, len));
            p += len;
            while (*p == ' ')
                p++;
        }
        json_object_set_new(o, "tags", tags);
    }
    if (h->community_id) {
        json_t *cm = json_object();
        json_object_set_new(cm, "slug", json_string(h->community_slug));
        json_object_set_new(cm, "name", json_string(h->community_name));
        json_object_set_new(o, "community", cm);
    } else {
        json_object_set_new(o, "community", json_null());
    }
    if (h->author_id && *h->author_name) {
        json_t *au = json_object();
        json_object_set_new(au, "name", json_string(h->author_name));
        json_object_set_new(au, "display_name", json_string(h->author_display));
        json_object_set_new(o, "author", au);
    } else {
        json_object_set_new(o, "author", json_null());
    }
    json_object_set_new(o, "created_at", api_time(h->created_at));
    if (h->thread_id) {
        json_t *t = json_object();
        json_object_set_new(t, "id", json_integer(h->thread_id));
        json_object_set_new(t, "kind", json_string(h->thread_kind));
        json_object_set_new(t, "solved", json_boolean(h->solved));
        json_object_set_new(t, "answer_count", json_integer(h->answer_count));
        json_object_set_new(t, "score", json_integer(h->score));
        json_object_set_new(t, "matching_replies", json_integer(h->matching_replies));
        json_object_set_new(o, "thread", t);
    } else {
        json_object_set_new(o, "thread", json_null());
    }
    if (h->kind == SEARCH_ARTICLE) {
        json_t *ar = json_object();
        json_object_set_new(ar, "slug", json_string(h->article_slug));
        json_object_set_new(ar, "status", json_string(h->article_status));
        json_object_set_new(o, "article", ar);
    } else {
        json_object_set_new(o, "article", json_null());
    }
    return o;
}

int api_search(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct search_result res;
    json_t *o, *arr, *counts;
    int64_t page;
    size_t i;
    int k, rc;
    if (req_query_int(r, "page", 1, 1, SEARCH_MAX_PAGE, &page) < 0)
        return r->err.code;
    if ((rc = search_run(c, req_query(r, "q"), req_query(r, "kind"), page, &res)) < 0)
        return rc;
    o = json_object();
    json_object_set_new(o, "query", json_string(res.normalized));
    json_object_set_new(o, "kind",
                        res.kind >= 0 ? json_string(search_kind_name((enum search_kind)res.kind))
                                      : json_null());
    json_object_set_new(o, "page", json_integer(page));
    counts = json_object();
    for (k = 0; k < SEARCH_KIND__MAX; k++)
        json_object_set_new(counts, search_kind_name((enum search_kind)k),
                            json_integer(res.counts[k]));
    json_object_set_new(o, "counts", counts);
    json_object_set_new(o, "total", json_integer(res.total));
    json_object_set_new(o, "total_capped", json_boolean(res.total > SEARCH_COUNT_MAX));
    json_object_set_new(o, "some_words", json_boolean(res.some_words));
    json_object_set_new(o, "all_words_total", json_integer(res.all_words));
    json_object_set_new(o, "suggestion",
                        res.suggestion ? json_string(res.suggestion) : json_null());
    arr = json_array();
    for (i = 0; i < res.n; i++)
        json_array_append_new(arr, hit_json(r, &res.hits[i]));
    json_object_set_new(o, "results", arr);
    json_object_set_new(o, "next_page", res.more ? json_integer(page + 1) : json_null());
    return api_send(r, 200, o);
}
