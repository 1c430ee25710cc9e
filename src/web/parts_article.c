/* Shared page pieces about articles: an article reference's path and the "This became an
 * article" notice of a thread page. Declared in web/parts.h. */
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
