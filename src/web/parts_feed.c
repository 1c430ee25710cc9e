/* Shared page pieces for Atom feeds: the address and title of the feed a page offers (for
 * page_begin_feeds to announce in the head) and the small visible link to it, drawn by the
 * community, thread list, thread, article list and profile pages. The feeds are served by
 * web/feed.c; the addresses here must match its routes (cli/routes.c, "feeds"). Declared in
 * web/parts.h. */
#include "core/html.h"
#include "domain/account.h"
#include "domain/thread.h"
#include "web/parts.h"
#include "core/util.h"

void web_feed_threads(struct req *r, const struct community *cm, const char *tag,
                      struct page_feed *f)
{
    if (tag) {
        f->title = arena_printf(r->arena, "Threads tagged %s in %s", tag, cm->name);
        f->href = arena_printf(r->arena, "/c/%s/tags/%s/latest.atom", cm->slug, tag);
    } else {
        f->title = arena_printf(r->arena, "Latest threads in %s", cm->name);
        f->href = arena_printf(r->arena, "/c/%s/latest.atom", cm->slug);
    }
    f->open = cm->visibility == COMMUNITY_PUBLIC;
}

void web_feed_articles(struct req *r, const struct community *cm, struct page_feed *f)
{
    f->title = arena_printf(r->arena, "Articles of %s", cm->name);
    f->href = arena_printf(r->arena, "/c/%s/articles.atom", cm->slug);
    f->open = cm->visibility == COMMUNITY_PUBLIC;
}

void web_feed_thread(struct req *r, const struct thread *t, enum community_vis vis,
                     struct page_feed *f)
{
    f->title = arena_printf(r->arena, "Posts in \xE2\x80\x9C%s\xE2\x80\x9D", t->title);
    f->href =
        arena_printf(r->arena, "/c/%s/t/%lld/posts.atom", t->community_slug, (long long)t->id);
    f->open = vis == COMMUNITY_PUBLIC;
}

void web_feed_user(struct req *r, const struct user *u, struct page_feed *f)
{
    struct buf b = BUF_INIT;
    buf_puts(&b, "/u/");
    url_encode(&b, u->name);
    buf_puts(&b, "/posts.atom");
    f->title = arena_printf(r->arena, "Posts by %s", u->display_name);
    f->href = arena_strdup(r->arena, b.data);
    f->open = 1;
    buf_release(&b);
}

void web_feed_link(struct req *r, const struct page_feed *f)
{
    html_printf(&r->out,
                "<p class=\"feed-link\"><a href=\"%s\" type=\"application/atom+xml\" "
                "title=\"%s\">Atom feed</a>",
                f->href, f->title);
    if (!f->open)
        buf_puts(&r->out, " <span class=\"muted\">(add your feed token: see <a "
                          "href=\"/settings/feeds\">your feed links</a>)</span>");
    buf_puts(&r->out, "</p>\n");
}
