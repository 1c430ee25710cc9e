/* Shared page pieces about articles: an article reference's path, the "This became an
 * article" notice of a thread page and short article lists (home, tag pages). Declared in
 * web/parts.h. */
#include <string.h>

#include "core/html.h"
#include "domain/article.h"
#include "domain/thread.h"
#include "web/parts.h"
#include "core/util.h"

const char *web_article_ref_path(struct req *r, const struct article_ref *x)
{
    struct buf b = BUF_INIT;
    const char *s;
    buf_printf(&b, "/c/%s/a/", x->community_slug);
    url_encode(&b, x->slug);
    s = arena_strdup(r->arena, b.data);
    buf_release(&b);
    return s;
}

void web_thread_article_notice(struct req *r, const struct thread *t, const struct community *cm)
{
    struct ctx *c = app_ctx(r);
    struct errinfo saved = r->err;
    struct article_ref *refs;
    size_t n = 0, i;
    if (article_of_thread(c, t->id, cm, &refs, &n) == 0 && n) {
        buf_puts(&r->out, "<p class=\"notice notice-ok thread-article\">This became an article: ");
        for (i = 0; i < n; i++)
            html_printf(&r->out, "%s<a href=\"%s\">%s</a>", i ? ", " : "",
                        web_article_ref_path(r, &refs[i]), refs[i].title);
        buf_puts(&r->out, "</p>\n");
    }
    struct article_ref src;
    if (article_source_of_thread(c, t->id, cm, &src) == 0) {
        html_printf(&r->out,
                    "<p class=\"thread-to-article\"><a class=\"button button-secondary "
                    "button-small\" href=\"%s\">Open the article</a></p>\n",
                    web_article_ref_path(r, &src));
    } else if (article_can_approve(c, cm) && !cm->archived && !t->deleted_at) {
        html_printf(&r->out,
                    "<form class=\"inline-form thread-to-article\" method=\"post\" "
                    "action=\"/c/%s/t/%lld/article\">",
                    cm->slug, (long long)t->id);
        form_csrf(r);
        buf_puts(&r->out, "<button type=\"submit\" class=\"button button-secondary button-small\">"
                          "Turn into article</button></form>\n");
    }
    r->err = saved;
}

void web_article_rows(struct req *r, const struct article *list, size_t n, int with_community)
{
    size_t i;
    buf_puts(&r->out, "<ol class=\"article-list\">\n");
    for (i = 0; i < n; i++) {
        const struct article *a = &list[i];
        struct buf href = BUF_INIT;
        enum article_status st = ARTICLE_DRAFT;
        buf_printf(&href, "/c/%s/a/", a->community_slug);
        url_encode(&href, a->slug);
        article_status_parse(a->status, &st);
        html_printf(&r->out,
                    "<li class=\"article-row\"><a class=\"article-title\" href=\"%s\">%s</a> "
                    "<span class=\"badge badge-article badge-%s\">%s</span>",
                    href.data, a->title, article_status_name(st), article_status_label(st));
        buf_release(&href);
        buf_puts(&r->out, "<p class=\"thread-meta\">");
        if (with_community)
            html_printf(&r->out, "in <a href=\"/c/%s\">%s</a> \xC2\xB7 ", a->community_slug,
                        a->community_name ? a->community_name : a->community_slug);
        buf_puts(&r->out, "updated ");
        page_time(r, a->updated_at);
        if (a->helped_count)
            html_printf(&r->out, " \xC2\xB7 %lld found it helpful", (long long)a->helped_count);
        buf_puts(&r->out, "</p></li>\n");
    }
    buf_puts(&r->out, "</ol>\n");
}
