/* Thread lists: per community (/c/:slug/latest, /unanswered, /top?period=, /tags/:tag) and
 * across the communities the viewer may read (/latest, /unanswered, /top, /mine), each with
 * its total count, a kind filter (questions, discussions) and keyset "Next page" links
 * carrying the domain's opaque cursor. The row renderer web_thread_rows is shared with the
 * community page and the home page. Which threads appear is decided by domain/thread.c
 * (thread_list): private communities' threads never reach this file for outsiders. */
#include <string.h>

#include "core/html.h"
#include "domain/article.h"
#include "domain/community.h"
#include "domain/thread.h"
#include "web/thread_list.h"
#include "web/parts.h"
#include "core/util.h"

/* ------------------------------------------------------------------------------------------ */
/* List pages */

/* The query of a list page, as read and as re-emitted in links. */
struct list_query {
    enum thread_list_kind list;
    const char *kind;   /* "question", "discussion" or NULL */
    const char *period; /* top: "day" ... "all" */
    const char *tag;
    const char *after;
};

/* "&kind=..&period=.." (escaped for an attribute) for links, without `after`; skip names
   the parameter a link sets itself. */
static void query_tail(struct buf *b, const struct list_query *q, const char *skip)
{
    if (q->kind && !str_eq(skip, "kind")) {
        buf_puts(b, "&amp;kind=");
        url_encode(b, q->kind);
    }
    if (q->list == TL_TOP && q->period && !str_eq(skip, "period")) {
        buf_puts(b, "&amp;period=");
        url_encode(b, q->period);
    }
    if (q->list == TL_UNSOLVED && !str_eq(skip, "filter"))
        buf_puts(b, "&amp;filter=unsolved");
}

/* A link "base?x=1&..." with aria-current when current. */
static void filter_link(struct req *r, const char *base, const char *first, const char *tail,
                        const char *label, int current)
{
    html_printf(&r->out, "<a href=\"%s?%s", base, first);
    buf_puts(&r->out, tail); /* already escaped */
    buf_puts(&r->out, "\"");
    if (current)
        buf_puts(&r->out, " aria-current=\"true\"");
    html_printf(&r->out, ">%s</a>", label);
}

/* The filter row: kind (all / questions / discussions), and the period for top or the
   unanswered variant. */
static void render_filters(struct req *r, const char *base, const struct list_query *q)
{
    static const char *const periods[][2] = {{"day", "Day"},
                                             {"week", "Week"},
                                             {"month", "Month"},
                                             {"year", "Year"},
                                             {"all", "All time"}};
    struct buf tail = BUF_INIT;
    size_t i;
    buf_puts(&r->out, "<div class=\"list-filters\">");
    if (q->list == TL_TOP) {
        buf_puts(&r->out, "<nav class=\"filter-group\" aria-label=\"Period\">");
        buf_reset(&tail);
        query_tail(&tail, q, "period");
        for (i = 0; i < ARRAY_SIZE(periods); i++)
            filter_link(r, base, arena_printf(r->arena, "period=%s", periods[i][0]), tail.data,
                        periods[i][1], str_eq(q->period, periods[i][0]));
        buf_puts(&r->out, "</nav>");
    }
    if (q->list == TL_UNANSWERED || q->list == TL_UNSOLVED) {
        buf_puts(&r->out, "<nav class=\"filter-group\" aria-label=\"Which questions\">");
        buf_reset(&tail);
        query_tail(&tail, q, "filter");
        filter_link(r, base, "filter=none", tail.data, "No answers", q->list == TL_UNANSWERED);
        filter_link(r, base, "filter=unsolved", tail.data, "No accepted answer",
                    q->list == TL_UNSOLVED);
        buf_puts(&r->out, "</nav>");
    }
    if (q->list != TL_UNANSWERED && q->list != TL_UNSOLVED) {
        buf_puts(&r->out, "<nav class=\"filter-group\" aria-label=\"Kind\">");
        buf_reset(&tail);
        query_tail(&tail, q, "kind");
        filter_link(r, base, "kind=", tail.data, "All", !q->kind);
        filter_link(r, base, "kind=question", tail.data, "Questions", str_eq(q->kind, "question"));
        filter_link(r, base, "kind=discussion", tail.data, "Discussions",
                    str_eq(q->kind, "discussion"));
        buf_puts(&r->out, "</nav>");
    }
    buf_puts(&r->out, "</div>\n");
    buf_release(&tail);
}

/* Read the query of a list page into q and the domain filter f. */
static int read_query(struct req *r, enum thread_list_kind list, struct list_query *q,
                      struct thread_filter *f)
{
    enum thread_period per = PERIOD_ALL;
    const char *kind = req_query(r, "kind");
    memset(q, 0, sizeof(*q));
    memset(f, 0, sizeof(*f));
    if (list == TL_UNANSWERED && str_eq(req_query(r, "filter"), "unsolved"))
        list = TL_UNSOLVED;
    q->list = list;
    f->list = list;
    f->kind = -1;
    if (str_eq(kind, "question") || str_eq(kind, "discussion")) {
        enum thread_kind k;
        thread_kind_parse(kind, &k);
        f->kind = (int)k;
        q->kind = kind;
    }
    if (list == TL_TOP) {
        const char *p = req_query(r, "period");
        if (!p || thread_period_parse(p, &per) < 0) {
            per = PERIOD_ALL;
            p = "all";
        }
        f->period = per;
        q->period = p;
    }
    q->after = req_query(r, "after");
    if (q->after && !*q->after)
        q->after = NULL;
    f->after = q->after;
    f->limit = THREAD_LIST_PAGE;
    return 0;
}

/* Title of a list. */
static const char *list_title(enum thread_list_kind k)
{
    switch (k) {
    case TL_UNANSWERED:
    case TL_UNSOLVED:
        return "Unanswered questions";
    case TL_TOP:
        return "Top threads";
    case TL_MINE:
        return "Your threads";
    case TL_TAG:
        return "Tagged";
    default:
        return "Latest threads";
    }
}

/* Rows, count and pager of a list already loaded. */
static void render_list_body(struct req *r, const char *base, const struct list_query *q,
                             const struct thread_list *l, int with_community)
{
    struct buf tail = BUF_INIT;
    /* the rows' titles are h3: a heading level between them and the page's h1 */
    buf_puts(&r->out, "<h2 class=\"visually-hidden\">Threads</h2>\n");
    if (l->total_capped) /* counting stops at THREAD_DB_COUNT_MAX rows */
        html_printf(&r->out, "<p class=\"list-count\">More than %lld threads</p>\n",
                    (long long)l->total);
    else
        html_printf(&r->out, "<p class=\"list-count\">%lld %s</p>\n", (long long)l->total,
                    l->total == 1 ? "thread" : "threads");
    if (!l->n)
        buf_puts(&r->out, q->after ? "<p class=\"empty\">No more threads.</p>\n"
                                   : "<p class=\"empty\">Nothing here yet.</p>\n");
    else
        web_thread_rows(r, l->items, l->n, with_community);
    query_tail(&tail, q, NULL);
    if (q->after || l->next) {
        buf_puts(&r->out, "<nav class=\"pager\" aria-label=\"Pages\">");
        if (q->after) {
            html_printf(&r->out, "<a href=\"%s?", base);
            buf_puts(&r->out, tail.len > 5 ? tail.data + 5 : ""); /* drop the leading &amp; */
            buf_puts(&r->out, "\">First page</a>");
        }
        if (l->next) {
            html_printf(&r->out, "<a rel=\"next\" href=\"%s?after=", base);
            url_encode(&r->out, l->next);
            buf_puts(&r->out, tail.data);
            buf_puts(&r->out, "\">Next page</a>");
        }
        buf_puts(&r->out, "</nav>\n");
    }
    buf_release(&tail);
}

#define TAG_ARTICLES 10 /* articles listed on a tag page */
#define TAG_EXPERTS  5  /* "Who knows" members on a tag page */

/* Under a tag page's title: its description (or a note that it has none), its thread count,
   and the coordinators' form to describe it. */
static void tag_head(struct req *r, const struct community *cm, const char *tag, int64_t total)
{
    const struct community_tag *ct = community_tag_find(cm, tag);
    if (ct && *ct->description)
        html_printf(&r->out, "<p class=\"tag-description\">%s</p>", ct->description);
    html_printf(&r->out, "<p class=\"muted tag-total\">%lld %s</p>", (long long)total,
                total == 1 ? "thread" : "threads");
    if (ct && community_can_edit(app_ctx(r), cm) && !cm->archived) {
        html_printf(&r->out,
                    "<details class=\"tag-describe\"><summary>%s</summary>"
                    "<form method=\"post\" action=\"/c/%s/tags/%s/description\">",
                    *ct->description ? "Edit the description" : "Describe this tag", cm->slug, tag);
        form_csrf(r);
        html_printf(&r->out,
                    "<label for=\"tag-description\">Description (one line, up to %d "
                    "characters)</label><input type=\"text\" id=\"tag-description\" "
                    "name=\"description\" maxlength=\"%d\" value=\"%s\"> "
                    "<button type=\"submit\" class=\"button button-small\">Save</button></form>"
                    "</details>",
                    COMMUNITY_TAG_DESC_MAX, COMMUNITY_TAG_DESC_MAX, ct->description);
    }
}

/* The side of a tag page: the articles with the tag and who knows it. */
static int tag_side(struct req *r, struct ctx *c, struct community *cm, const char *tag)
{
    struct article *arts;
    size_t n;
    int rc = article_tagged(c, cm, tag, TAG_ARTICLES, &arts, &n);
    if (rc < 0)
        return rc;
    buf_puts(&r->out, "<section class=\"tag-articles\" aria-labelledby=\"tag-articles-title\">"
                      "<h2 id=\"tag-articles-title\">Articles</h2>");
    if (n)
        web_article_rows(r, arts, n, 0);
    else
        buf_puts(&r->out, "<p class=\"empty\">No articles with this tag yet.</p>");
    buf_puts(&r->out, "</section>\n");
    web_expertise_tag(r, cm, tag, TAG_EXPERTS);
    return 0;
}

/* A community list page: list kind, or by tag when tag != NULL. */
static int community_list_page(struct req *r, enum thread_list_kind list, const char *tag)
{
    struct ctx *c = app_ctx(r);
    struct community cm;
    struct list_query q;
    struct thread_filter f;
    struct thread_list l;
    struct page_feed feed; /* web/parts_feed.c */
    const char *base, *tab;
    int rc = community_get(c, r->params[0], &cm);
    if (rc < 0)
        return rc;
    web_cache_depends(r, PS_COMMUNITY, cm.id); /* the anonymous page cache */
    read_query(r, list, &q, &f);
    if (tag) {
        f.tag = tag;
        q.tag = tag;
    }
    rc = thread_list(c, &cm, &f, &l);
    if (rc < 0)
        return rc;
    base = tag ? arena_printf(r->arena, "/c/%s/tags/%s", cm.slug, tag)
               : arena_printf(r->arena, "/c/%s/%s", cm.slug,
                              list == TL_TOP      ? "top"
                              : list == TL_LATEST ? "latest"
                                                  : "unanswered");
    tab = list == TL_TOP ? "top" : (list == TL_UNANSWERED ? "unanswered" : "latest");
    web_feed_threads(r, &cm, tag, &feed);
    if (tag)
        page_begin_feeds(r, arena_printf(r->arena, "%s: %s", cm.name, tag), &feed, 1);
    else
        page_begin_feeds(r, arena_printf(r->arena, "%s: %s", cm.name, list_title(q.list)), &feed,
                         1);
    web_live(r, arena_printf(r->arena, "community:%lld", (long long)cm.id)); /* parts_live.c */
    html_printf(&r->out,
                "<div class=\"list-page\"><div class=\"page-head\"><div>"
                "<p class=\"breadcrumb\"><a href=\"/c/%s\">%s</a></p>",
                cm.slug, cm.name);
    if (tag)
        html_printf(&r->out, "<h1>Tagged <span class=\"tag tag-big\">%s</span></h1>", tag);
    if (tag)
        tag_head(r, &cm, tag, l.total);
    else
        html_printf(&r->out, "<h1>%s</h1>", list_title(q.list));
    buf_puts(&r->out, "</div>");
    if (web_can_start_thread(r, &cm))
        html_printf(&r->out,
                    "<div class=\"community-actions\"><a class=\"button\" "
                    "href=\"/c/%s/t/new?kind=question\">New question</a> <a "
                    "class=\"button button-secondary\" href=\"/c/%s/t/new?kind="
                    "discussion\">Start a discussion</a></div>",
                    cm.slug, cm.slug);
    buf_puts(&r->out, "</div>\n");
    if (tag)
        web_follow_community(r, &cm, tag); /* web/parts_notification.c */
    web_community_nav(r, &cm, tab);
    if (tag)
        buf_puts(&r->out, "<div class=\"tag-page\"><div class=\"tag-main\">");
    render_filters(r, base, &q);
    render_list_body(r, base, &q, &l, 0);
    web_feed_link(r, &feed);
    if (tag) {
        buf_puts(&r->out, "</div><aside class=\"tag-side\" aria-label=\"About this tag\">");
        rc = tag_side(r, c, &cm, tag);
        buf_puts(&r->out, "</aside></div>\n");
        if (rc < 0)
            return rc;
    }
    buf_puts(&r->out, "</div>\n");
    page_end(r);
    return 0;
}

static int render_threads_community(struct req *r)
{
    const char *p = r->path ? strrchr(r->path, '/') : NULL;
    enum thread_list_kind k = TL_LATEST;
    if (p && str_eq(p, "/top"))
        k = TL_TOP;
    else if (p && str_eq(p, "/unanswered"))
        k = TL_UNANSWERED;
    return community_list_page(r, k, NULL);
}

int page_threads_community(struct req *r)
{
    return web_cache_page(r, render_threads_community);
}

static int render_threads_tag(struct req *r)
{
    return community_list_page(r, TL_TAG, r->params[1]);
}

int page_threads_tag(struct req *r)
{
    return web_cache_page(r, render_threads_tag);
}

static int render_threads_instance(struct req *r)
{
    static const struct {
        const char *path, *label;
        enum thread_list_kind k;
    } tabs[] = {{"/latest", "Latest", TL_LATEST},
                {"/unanswered", "Unanswered", TL_UNANSWERED},
                {"/top", "Top", TL_TOP},
                {"/mine", "Mine", TL_MINE}};
    struct ctx *c = app_ctx(r);
    struct list_query q;
    struct thread_filter f;
    struct thread_list l;
    enum thread_list_kind k = TL_LATEST;
    const char *base = "/latest";
    size_t i;
    int rc;
    for (i = 0; i < ARRAY_SIZE(tabs); i++)
        if (str_eq(r->path, tabs[i].path)) {
            k = tabs[i].k;
            base = tabs[i].path;
        }
    read_query(r, k, &q, &f);
    rc = thread_list(c, NULL, &f, &l);
    if (rc < 0)
        return rc;
    page_begin(r, list_title(q.list));
    html_printf(&r->out, "<div class=\"list-page\"><div class=\"page-head\"><h1>%s</h1></div>\n",
                k == TL_MINE
                    ? "Your threads"
                    : arena_printf(r->arena, "%s in all communities",
                                   k == TL_LATEST ? "Latest threads" : list_title(q.list)));
    buf_puts(&r->out, "<nav class=\"subnav\" aria-label=\"Lists\"><ul>");
    for (i = 0; i < ARRAY_SIZE(tabs); i++) {
        if (tabs[i].k == TL_MINE && !r->user_id)
            continue;
        html_printf(&r->out, "<li><a href=\"%s\"%s>%s</a></li>", tabs[i].path,
                    str_eq(base, tabs[i].path) ? " aria-current=\"page\"" : "", tabs[i].label);
    }
    buf_puts(&r->out, "</ul></nav>\n");
    render_filters(r, base, &q);
    render_list_body(r, base, &q, &l, 1);
    buf_puts(&r->out, "</div>\n");
    page_end(r);
    return 0;
}

int page_threads_instance(struct req *r)
{
    return web_cache_page(r, render_threads_instance);
}
