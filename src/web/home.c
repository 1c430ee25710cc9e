/* The front page, /healthz and /readyz. To a visitor the front page explains Praxis in a few lines
 * and shows what is worth reading: the public communities (most members first, each with
 * its charter's first sentence), recently solved questions, best-practice articles and
 * upcoming events, all of public communities only. Signed in, it lists the viewer's
 * communities and their latest threads, upcoming events, the same solved questions and
 * articles (of every community they may read) and communities they might join. /healthz
 * answers "ok" while the process serves requests (liveness: restart it when this fails);
 * /readyz answers "ok" only when this worker's database connection answers a query
 * (readiness: send it traffic), 503 with the reason otherwise. */
#include <string.h>

#include "core/html.h"
#include "domain/article.h"
#include "domain/community.h"
#include "domain/health.h"
#include "domain/thread.h"
#include "web/home.h"
#include "web/parts.h"
#include "core/util.h"

#define HOME_MINE    100 /* "Your communities" shown */
#define HOME_SUGGEST 12  /* "Communities you might join" shown */
#define HOME_THREADS 10  /* "Latest in your communities" shown */
#define HOME_SCAN    60  /* latest readable threads scanned for those */
#define HOME_SOLVED  6   /* "Recently solved" shown */
#define HOME_BEST    6   /* "Best practice" articles shown */

/* List kind into r->out as cards under a heading; empty_html is raw markup shown when the
   list is empty (NULL: the whole section is skipped). */
static int home_section(struct req *r, struct ctx *c, enum community_list_kind kind, int limit,
                        const char *heading, const char *empty_html)
{
    struct community_filter f;
    struct community *list;
    size_t n;
    int rc;
    memset(&f, 0, sizeof(f));
    f.kind = kind;
    f.limit = limit;
    rc = community_list(c, &f, &list, &n);
    if (rc < 0)
        return rc;
    if (!n && !empty_html)
        return 0;
    html_printf(&r->out, "<section class=\"home-section\"><h2>%s</h2>\n", heading);
    if (n)
        web_community_cards(r, list, n);
    else
        buf_puts(&r->out, empty_html);
    buf_puts(&r->out, "</section>\n");
    return 0;
}

/* The latest threads of the communities in mine[0..n) (the viewer's), under a heading.
   The instance-wide latest list is filtered here by membership (a presentation choice:
   every thread in it is readable already). */
static int home_threads(struct req *r, struct ctx *c, const struct community *mine, size_t n)
{
    struct thread_filter f;
    struct thread_list l;
    struct thread *keep;
    size_t i, j, k = 0;
    int rc;
    if (!n)
        return 0;
    memset(&f, 0, sizeof(f));
    f.list = TL_LATEST;
    f.kind = -1;
    f.limit = HOME_SCAN;
    rc = thread_list(c, NULL, &f, &l);
    if (rc < 0)
        return rc;
    keep = arena_alloc(r->arena, (l.n ? l.n : 1) * sizeof(*keep));
    for (i = 0; i < l.n && k < HOME_THREADS; i++)
        for (j = 0; j < n; j++)
            if (mine[j].id == l.items[i].community_id) {
                keep[k++] = l.items[i];
                break;
            }
    buf_puts(&r->out, "<section class=\"home-section home-threads\"><h2>Latest in your "
                      "communities</h2>\n");
    if (k)
        web_thread_rows(r, keep, k, 1);
    else
        buf_puts(&r->out, "<p class=\"empty\">No threads yet in your communities.</p>\n");
    buf_puts(&r->out, "<p class=\"more\"><a href=\"/latest\">Latest in all communities</a> "
                      "\xC2\xB7 <a href=\"/unanswered\">Unanswered</a> \xC2\xB7 <a "
                      "href=\"/mine\">Your threads</a></p></section>\n");
    return 0;
}

/* "Recently solved": the latest questions with an accepted answer the viewer may read
   (skipped when there are none). */
static int home_solved(struct req *r, struct ctx *c)
{
    struct thread_filter f;
    struct thread_list l;
    int rc;
    memset(&f, 0, sizeof(f));
    f.list = TL_LATEST;
    f.kind = THREAD_QUESTION;
    f.solved = 1;
    f.limit = HOME_SOLVED;
    rc = thread_list(c, NULL, &f, &l);
    if (rc < 0)
        return rc;
    if (!l.n)
        return 0;
    buf_puts(&r->out, "<section class=\"home-section home-solved\"><h2>Recently solved</h2>\n");
    web_thread_rows(r, l.items, l.n, 1);
    buf_puts(&r->out, "<p class=\"more\"><a href=\"/search?q=is%3Asolved\">More solved "
                      "questions</a></p></section>\n");
    return 0;
}

/* "Best practice": the newest best-practice articles the viewer may read (skipped when
   there are none). */
static int home_best(struct req *r, struct ctx *c)
{
    struct article *list;
    size_t n;
    int rc = article_best_practice(c, HOME_BEST, &list, &n);
    if (rc < 0)
        return rc;
    if (!n)
        return 0;
    buf_puts(&r->out, "<section class=\"home-section home-best\"><h2>Best practice</h2>\n");
    web_article_rows(r, list, n, 1);
    buf_puts(&r->out, "</section>\n");
    return 0;
}

static int render_home(struct req *r)
{
    struct ctx *c = app_ctx(r);
    const char *site = settings_get(c, "instance_name", "Praxis");
    int can_create = community_can_create(c);
    int rc;

    if (!c->uid) {
        page_begin(r, NULL); /* the title is the site name alone */
        html_printf(&r->out,
                    "<section class=\"hero\"><h1>%s</h1>"
                    "<p class=\"lead\">A home for communities of practice: people who share a "
                    "craft and get better at it together.</p>"
                    "<p>Ask and answer questions, keep what works in a knowledge base that "
                    "stays current, find who knows what, and meet regularly.</p>"
                    "<p class=\"actions\"><a class=\"button\" href=\"/signup\">Sign up"
                    "</a> <a class=\"button button-secondary\" href=\"/signin\">Sign "
                    "in</a></p></section>\n",
                    site);
        rc = home_section(r, c, COMMUNITY_LIST_SUGGEST, HOME_SUGGEST, "Communities",
                          "<p class=\"empty\">There are no public communities yet. Sign in to "
                          "see the others.</p>\n");
        if (rc < 0)
            return rc;
        buf_puts(&r->out, "<p class=\"more\"><a href=\"/communities\">All communities"
                          "</a></p>\n");
        if ((rc = home_solved(r, c)) < 0 || (rc = home_best(r, c)) < 0)
            return rc;
        web_events_upcoming_home(r); /* public communities' for a visitor */
        page_end(r);
        return 0;
    }

    page_begin(r, NULL); /* the title is the site name alone */
    buf_puts(&r->out, "<div class=\"page-head\"><h1>Your communities</h1>");
    if (can_create)
        buf_puts(&r->out, "<a class=\"button\" href=\"/c/new\">New community</a>");
    buf_puts(&r->out, "</div>\n");
    {
        struct community_filter f;
        struct community *list;
        size_t n;
        memset(&f, 0, sizeof(f));
        f.kind = COMMUNITY_LIST_MINE;
        f.limit = HOME_MINE;
        rc = community_list(c, &f, &list, &n);
        if (rc < 0)
            return rc;
        if (n) { /* the cards are h3: a list heading keeps the outline in order */
            buf_puts(&r->out, "<h2 class=\"visually-hidden\">Communities you belong to</h2>\n");
            web_community_cards(r, list, n);
        } else
            buf_puts(&r->out, "<p class=\"empty\">You have not joined a community yet. Pick "
                              "one below, or browse <a href=\"/communities\">all "
                              "communities</a>.</p>\n");
        rc = home_threads(r, c, list, n);
        if (rc < 0)
            return rc;
    }
    web_events_upcoming_home(r);
    if ((rc = home_solved(r, c)) < 0 || (rc = home_best(r, c)) < 0)
        return rc;
    rc = home_section(r, c, COMMUNITY_LIST_SUGGEST, HOME_SUGGEST, "Communities you might join",
                      NULL);
    if (rc < 0)
        return rc;
    buf_puts(&r->out, "<p class=\"more\"><a href=\"/communities\">All communities</a></p>\n");
    page_end(r);
    return 0;
}

int page_home(struct req *r)
{
    return web_cache_page(r, render_home);
}

int page_healthz(struct req *r)
{
    r->content_type_out = "text/plain; charset=utf-8";
    resp_header(r, "Cache-Control", "no-store");
    buf_puts(&r->out, "ok\n");
    return 0;
}

int page_readyz(struct req *r)
{
    struct ctx *c = app_ctx(r);
    r->content_type_out = "text/plain; charset=utf-8";
    resp_header(r, "Cache-Control", "no-store");
    if (health_check(c) < 0) {
        r->status = 503;
        buf_printf(&r->out, "unavailable: %s\n", r->err.msg);
        error_clear(&r->err);
        return 0;
    }
    buf_puts(&r->out, "ok\n");
    return 0;
}
