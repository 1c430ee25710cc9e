/* Search pages: /search (the query box, a filter form composing the same query language,
 * kind tabs with counts, ranked results with highlighted snippets, pagination) and
 * /search/misses (searches that found nothing, for administrators and coordinators). The
 * query itself, its visibility rules and the zero-result recording live in domain/search.c;
 * snippets arrive with sentinel bytes around matches and become <mark> only after escaping
 * (query_snippet_html). */
#include <string.h>

#include "core/html.h"
#include "core/query.h"
#include "domain/search.h"
#include "web/search.h"
#include "web/parts.h"
#include "core/util.h"

/* The form's filter fields, each added to the typed query as name:value. */
static const struct {
    const char *param, *prefix;
} form_filters[] = {{"tag", "tag:"},  {"in", "in:"},       {"author", "author:"}, {"is", "is:"},
                    {"state", "is:"}, {"after", "after:"}, {"before", "before:"}};

static const char *const kind_labels[SEARCH_KIND__MAX] = {"Threads", "Replies",  "Members",
                                                          "Events",  "Articles", "Comments"};
static const char *const kind_badges[SEARCH_KIND__MAX] = {"Thread", "Reply",   "Member",
                                                          "Event",  "Article", "Comment"};

/* A query parameter or "" (never NULL), capped at QUERY_MAX_LEN bytes by the parser. */
static const char *param(struct req *r, const char *key)
{
    const char *v = req_query(r, key);
    return v ? v : "";
}

/* The text to search: q plus every filled filter field as name:value (spaces in a value
   become '-', so a value stays one token). */
static const char *compose(struct req *r)
{
    struct buf b = BUF_INIT;
    const char *out;
    size_t i;
    buf_puts(&b, param(r, "q"));
    for (i = 0; i < ARRAY_SIZE(form_filters); i++) {
        const char *v = param(r, form_filters[i].param);
        const char *p;
        while (*v == ' ')
            v++;
        if (!*v)
            continue;
        buf_printf(&b, " %s", form_filters[i].prefix);
        for (p = v; *p; p++)
            buf_putc(&b, *p == ' ' || *p == '\t' || *p == '"' ? '-' : *p);
    }
    out = arena_strdup(r->arena, b.err ? "" : b.data);
    buf_release(&b);
    return out;
}

/* "q=..&tag=..&.." (escaped for an attribute) of the current search, for links that change
   only kind or page. */
static void search_tail(struct req *r, struct buf *b)
{
    size_t i;
    buf_puts(b, "q=");
    url_encode(b, param(r, "q"));
    for (i = 0; i < ARRAY_SIZE(form_filters); i++) {
        const char *v = param(r, form_filters[i].param);
        if (!*v)
            continue;
        html_printf(b, "&amp;%s=", form_filters[i].param);
        url_encode(b, v);
    }
}

static void select_field(struct req *r, const char *name, const char *label,
                         const char *const (*opts)[2], size_t n)
{
    const char *cur = param(r, name);
    size_t i;
    html_printf(&r->out,
                "<div class=\"field\"><label for=\"s-%s\">%s</label><select id=\"s-%s\" "
                "name=\"%s\">",
                name, label, name, name);
    for (i = 0; i < n; i++)
        html_printf(&r->out, "<option value=\"%s\"%s>%s</option>", opts[i][0],
                    str_eq(cur, opts[i][0]) ? " selected" : "", opts[i][1]);
    buf_puts(&r->out, "</select></div>");
}

/* The search form: the words, then the filters in a <details> (open when one is set). */
static void render_form(struct req *r)
{
    static const char *const is_opts[][2] = {{"", "Anything"},
                                             {"question", "Questions"},
                                             {"discussion", "Discussions"},
                                             {"article", "Articles"}};
    static const char *const state_opts[][2] = {
        {"", "Any"}, {"solved", "Solved"}, {"unanswered", "Unanswered"}};
    int open = 0;
    size_t i;
    for (i = 0; i < ARRAY_SIZE(form_filters); i++)
        if (*param(r, form_filters[i].param))
            open = 1;
    buf_puts(&r->out, "<form class=\"search-form\" method=\"get\" action=\"/search\" "
                      "role=\"search\" aria-label=\"Search and filters\">");
    if (*param(r, "kind"))
        html_printf(&r->out, "<input type=\"hidden\" name=\"kind\" value=\"%s\">",
                    param(r, "kind"));
    html_printf(&r->out,
                "<div class=\"search-main\"><label class=\"visually-hidden\" for=\"s-q\">Search"
                "</label><input type=\"search\" id=\"s-q\" name=\"q\" value=\"%s\" "
                "maxlength=\"%d\" placeholder=\"Words, &quot;a phrase&quot;, -exclude, prefix*\""
                " aria-describedby=\"s-help\"> <button type=\"submit\" class=\"button\">Search"
                "</button></div>",
                param(r, "q"), QUERY_MAX_LEN);
    form_field_error(r, "q");
    buf_puts(&r->out, "<p id=\"s-help\" class=\"hint\">Also in the box: <code>tag:x</code> "
                      "<code>in:community</code> <code>author:name</code> "
                      "<code>is:question</code> <code>is:article</code> <code>is:solved</code> "
                      "<code>before:2024-12-31</code> <code>after:2024-01-01</code></p>");
    html_printf(&r->out,
                "<details class=\"search-filters\"%s><summary>Filters</summary>"
                "<div class=\"filter-grid\">",
                open ? " open" : "");
    form_field(r, "text", "tag", "Tag", param(r, "tag"), NULL, NULL);
    form_field(r, "text", "in", "Community (address name)", param(r, "in"), NULL, NULL);
    form_field(r, "text", "author", "Author (@name)", param(r, "author"), NULL, NULL);
    select_field(r, "is", "Kind of thread", is_opts, ARRAY_SIZE(is_opts));
    select_field(r, "state", "State", state_opts, ARRAY_SIZE(state_opts));
    form_field(r, "date", "after", "On or after", param(r, "after"), NULL, NULL);
    form_field(r, "date", "before", "Before", param(r, "before"), NULL, NULL);
    buf_puts(&r->out, "</div><button type=\"submit\" class=\"button button-secondary "
                      "button-small\">Apply filters</button></details></form>\n");
}

/* The tabs: All and one per kind, with counts. */
static void render_tabs(struct req *r, const struct search_result *res, const char *tail)
{
    int k;
    int capped = res->total > SEARCH_COUNT_MAX;
    buf_puts(&r->out, "<nav class=\"subnav search-tabs\" aria-label=\"Kinds of result\"><ul>");
    buf_puts(&r->out, "<li><a href=\"/search?");
    buf_puts(&r->out, tail);
    buf_puts(&r->out, res->kind < 0 ? "\" aria-current=\"page\">" : "\">");
    html_printf(&r->out, "All <span class=\"count\">%lld%s</span></a></li>",
                (long long)(capped ? SEARCH_COUNT_MAX : res->total), capped ? "+" : "");
    for (k = 0; k < SEARCH_KIND__MAX; k++) {
        if ((k == SEARCH_ARTICLE || k == SEARCH_COMMENT) && !res->counts[k] && res->kind != k)
            continue; /* articles appear once there are some */
        html_printf(&r->out, "<li><a href=\"/search?kind=%s&amp;",
                    search_kind_name((enum search_kind)k));
        buf_puts(&r->out, tail);
        buf_puts(&r->out, res->kind == k ? "\" aria-current=\"page\">" : "\">");
        html_printf(&r->out, "%s <span class=\"count\">%lld</span></a></li>", kind_labels[k],
                    (long long)res->counts[k]);
    }
    buf_puts(&r->out, "</ul></nav>\n");
}

/* "3 votes · 2 answers · 4 matching replies" of a thread or reply hit. */
static void hit_stats(struct req *r, const struct search_hit *h)
{
    struct buf *b = &r->out;
    html_printf(b, "<p class=\"hit-stats\"><span>%lld %s</span> \xC2\xB7 <span>%lld %s</span>",
                (long long)h->score, h->score == 1 || h->score == -1 ? "vote" : "votes",
                (long long)h->answer_count,
                str_eq(h->thread_kind, "question") ? (h->answer_count == 1 ? "answer" : "answers")
                                                   : (h->answer_count == 1 ? "reply" : "replies"));
    if (h->matching_replies > (h->kind == SEARCH_POST))
        html_printf(b, " \xC2\xB7 <span class=\"hit-matching\">%lld matching %s</span>",
                    (long long)h->matching_replies, h->matching_replies == 1 ? "reply" : "replies");
    buf_puts(b, "</p>");
}

/* The hit's tags as links to their tag pages, with their thread counts (each community
   loaded once per page, in seen). */
static void hit_tags(struct req *r, const struct search_hit *h, struct web_tag_communities *seen)
{
    web_tags_text(r, h->community_slug, h->tags, web_tags_community(r, seen, h->community_slug),
                  "hit-tags");
}

/* One result. */
static void render_hit(struct req *r, const struct search_hit *h, struct web_tag_communities *seen)
{
    struct buf *b = &r->out;
    html_printf(b,
                "<li class=\"search-hit hit-%s\"><div class=\"hit-head\">"
                "<span class=\"badge badge-kind\">%s</span> ",
                search_kind_name(h->kind), kind_badges[h->kind]);
    switch (h->kind) {
    case SEARCH_THREAD:
        html_printf(b, "<a class=\"hit-title\" href=\"/c/%s/t/%lld\">", h->community_slug,
                    (long long)h->thread_id);
        break;
    case SEARCH_POST:
        html_printf(b, "<a class=\"hit-title\" href=\"/p/%lld\">", (long long)h->ref_id);
        break;
    case SEARCH_MEMBER:
        html_printf(b, "<a class=\"hit-title\" href=\"/u/%s\">", h->author_name);
        break;
    case SEARCH_EVENT:
        html_printf(b, "<a class=\"hit-title\" href=\"/events/%lld\">", (long long)h->ref_id);
        break;
    case SEARCH_ARTICLE:
        html_printf(b, "<a class=\"hit-title\" href=\"/c/%s/a/%s\">", h->community_slug,
                    h->article_slug);
        break;
    case SEARCH_COMMENT:
        html_printf(b, "<a class=\"hit-title\" href=\"/comments/%lld\">", (long long)h->ref_id);
        break;
    default:
        html_printf(b, "<a class=\"hit-title\" href=\"/c/%s\">", h->community_slug);
        break;
    }
    if (h->kind == SEARCH_POST)
        html_printf(b, "Re: %s", h->title);
    else if (h->kind == SEARCH_COMMENT)
        html_printf(b, "Comment on: %s", h->title);
    else if (*h->title_marked)
        query_snippet_html(b, h->title_marked);
    else
        html_text(b, h->title);
    buf_puts(b, "</a>");
    if (*h->thread_kind && h->kind != SEARCH_MEMBER)
        html_printf(b, " <span class=\"badge\">%s</span>",
                    str_eq(h->thread_kind, "question") ? "Question" : "Discussion");
    if (h->solved)
        buf_puts(b, " <span class=\"badge badge-solved\">\xE2\x9C\x93 Solved</span>");
    if (h->kind == SEARCH_ARTICLE && str_eq(h->article_status, "best_practice"))
        buf_puts(b, " <span class=\"badge badge-article badge-best_practice\">Best practice"
                    "</span>");
    else if (h->kind == SEARCH_ARTICLE && str_eq(h->article_status, "outdated"))
        buf_puts(b, " <span class=\"badge badge-article badge-outdated\">Outdated</span>");
    buf_puts(b, "</div>");
    if (*h->snippet) {
        buf_puts(b, "<p class=\"hit-snippet\">");
        query_snippet_html(b, h->snippet);
        buf_puts(b, "</p>");
    }
    if (h->thread_id) /* score, answers and the replies that matched too */
        hit_stats(r, h);
    if (*h->tags && *h->community_slug)
        hit_tags(r, h, seen);
    buf_puts(b, "<p class=\"hit-meta\">");
    if (*h->community_slug)
        html_printf(b, "in <a href=\"/c/%s\">%s</a> \xC2\xB7 ", h->community_slug,
                    h->community_name);
    if (h->kind != SEARCH_MEMBER && *h->author_name)
        html_printf(b, "by <a href=\"/u/%s\">%s</a> \xC2\xB7 ", h->author_name,
                    *h->author_display ? h->author_display : h->author_name);
    buf_puts(b, h->kind == SEARCH_EVENT     ? "starts "
                : h->kind == SEARCH_MEMBER  ? "joined "
                : h->kind == SEARCH_ARTICLE ? "updated "
                                            : "");
    page_time(r, h->created_at);
    buf_puts(b, "</p></li>\n");
}

int page_search(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct search_result res;
    struct web_tag_communities seen = {NULL, 0, 0};
    struct buf tail = BUF_INIT;
    const char *text = compose(r);
    int64_t page = req_int(r, "page", 1, 1, INT64_MAX);
    size_t i;
    int rc = 0;
    if (*text)
        rc = search_run(c, text, param(r, "kind"), page, &res);
    if (rc == ERR_DB)
        return rc;
    if (rc < 0)
        r->status = rc == ERR_INVALID ? 400 : err_http_status((enum err)rc);
    page_begin(r, *text && rc == 0 ? arena_printf(r->arena, "Search: %s", text) : "Search");
    buf_puts(&r->out, "<h1>Search</h1>\n");
    if (rc < 0)
        form_error_summary(r);
    render_form(r);
    if (!*text || rc < 0) {
        page_end(r);
        return 0;
    }
    search_tail(r, &tail);
    render_tabs(r, &res, tail.data);
    if (res.community_name)
        html_printf(&r->out, "<p class=\"muted\">In %s only.</p>", res.community_name);
    if (res.suggestion) {
        buf_puts(&r->out, "<p class=\"search-suggest\">Did you mean <a href=\"/search?q=");
        url_encode(&r->out, res.suggestion);
        html_printf(&r->out, "\">%s</a>?</p>", res.suggestion);
    }
    if (res.some_words && res.n) {
        if (res.all_words)
            html_printf(&r->out,
                        "<p class=\"search-some\" role=\"status\">Only %lld %s all your words; "
                        "showing results for some of your words.</p>",
                        (long long)res.all_words,
                        res.all_words == 1 ? "result has" : "results have");
        else
            buf_puts(&r->out, "<p class=\"search-some\" role=\"status\">No result has all your "
                              "words; showing results for some of your words.</p>");
    }
    if (!res.n) {
        buf_puts(&r->out, "<div class=\"empty search-empty\"><p>");
        if (page > 1)
            buf_puts(&r->out, "No more results.");
        else
            html_printf(&r->out, "Nothing found for <strong>%s</strong>.", res.normalized);
        buf_puts(&r->out, "</p><p class=\"hint\">Try fewer or other words, a word's start with "
                          "*, or fewer filters.</p></div>\n");
    } else {
        html_printf(&r->out, "<ol class=\"search-results\" start=\"%lld\">\n",
                    (long long)((page - 1) * SEARCH_PAGE + 1));
        for (i = 0; i < res.n; i++)
            render_hit(r, &res.hits[i], &seen);
        buf_puts(&r->out, "</ol>\n");
    }
    if (page > 1 || res.more) {
        const char *kind = param(r, "kind");
        buf_puts(&r->out, "<nav class=\"pager\" aria-label=\"Pages\">");
        if (page > 1) {
            html_printf(&r->out, "<a rel=\"prev\" href=\"/search?page=%lld&amp;kind=%s&amp;",
                        (long long)(page - 1), kind);
            buf_puts(&r->out, tail.data);
            buf_puts(&r->out, "\">Previous page</a> ");
        }
        if (res.more) {
            html_printf(&r->out, "<a rel=\"next\" href=\"/search?page=%lld&amp;kind=%s&amp;",
                        (long long)(page + 1), kind);
            buf_puts(&r->out, tail.data);
            buf_puts(&r->out, "\">Next page</a>");
        }
        buf_puts(&r->out, "</nav>\n");
    }
    buf_release(&tail);
    page_end(r);
    return 0;
}

int page_search_misses(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct search_miss *m;
    size_t n, i;
    const char *slug = req_query(r, "c");
    int rc;
    if (slug && !*slug)
        slug = NULL;
    if ((rc = search_misses(c, slug, &m, &n)) < 0)
        return rc;
    page_begin(r, "Searches that found nothing");
    buf_puts(&r->out, "<h1>Searches that found nothing</h1>\n");
    if (slug)
        html_printf(&r->out, "<p class=\"muted\">Searches with <code>in:%s</code>.</p>", slug);
    buf_puts(&r->out, "<p class=\"hint\">Questions people could not find an answer to: "
                      "good candidates for a new thread or an article.</p>\n");
    if (!n) {
        buf_puts(&r->out, "<p class=\"empty\">None yet.</p>\n");
        page_end(r);
        return 0;
    }
    buf_puts(&r->out, "<div class=\"table-scroll\"><table class=\"search-misses\"><thead><tr>"
                      "<th scope=\"col\">Search</th><th scope=\"col\">Community</th>"
                      "<th scope=\"col\">Times</th><th scope=\"col\">Last</th></tr></thead>"
                      "<tbody>\n");
    for (i = 0; i < n; i++) {
        buf_puts(&r->out, "<tr><td><a href=\"/search?q=");
        url_encode(&r->out, m[i].query);
        html_printf(&r->out, "\">%s</a></td><td>%s</td><td>%lld</td><td>", m[i].query,
                    *m[i].community_slug ? m[i].community_slug : "(all)", (long long)m[i].count);
        page_time(r, m[i].last_at);
        buf_puts(&r->out, "</td></tr>\n");
    }
    buf_puts(&r->out, "</tbody></table></div>\n");
    page_end(r);
    return 0;
}
