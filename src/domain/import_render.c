/* The rendered HTML of a praxis-export import, made again from its Markdown: the importer
 * (store/export.c) stores "" in every *_html column whatever the file says, and
 * import_render_all fills each one in through the same domain function the column is
 * written with everywhere else (posts with @mention links, articles with wiki links
 * resolved in their community, charters, event texts, bios, imported comments), so a
 * crafted file cannot put its own HTML on a page. Text that today's checks refuse (a body
 * over the size cap, control characters) is rendered by the plain Markdown renderer instead
 * and counted. */
#include <string.h>

#include "core/markdown.h"
#include "core/utf8.h"
#include "store/comment.h"
#include "domain/article.h"
#include "domain/community.h"
#include "domain/event.h"
#include "domain/import.h"
#include "domain/thread.h"
#include "store/article.h"

struct rerender {
    struct ctx *c;      /* the importer's context: its connection holds the transaction */
    struct arena arena; /* one row's strings; reset before each row */
    struct errinfo err; /* one row's error */
    size_t fallbacks;   /* rows rendered by plain() because the domain refused them */
};

/* md through the Markdown renderer alone, cut at MARKDOWN_MAX (on a character boundary) as
   the Stack Exchange importer does; "" when even that fails. */
static const char *plain(struct arena *a, const char *md)
{
    struct buf b = BUF_INIT;
    size_t n = strlen(md);
    const char *html;
    if (n > MARKDOWN_MAX)
        n = MARKDOWN_MAX;
    while (n > 0 && !utf8_valid(md, n))
        n--;
    html = markdown_render(&b, md, n) < 0 || b.err ? "" : arena_strdup(a, b.data);
    buf_release(&b);
    return html;
}

static int article_html(struct ctx *c, int64_t id, const char *md, const char **html)
{
    struct article x;
    struct community cm;
    int rc = article_db_get_id(c->db, c->arena, id, &x);
    if (rc < 0)
        return error_set(c->err, rc == ERR_NOTFOUND ? ERR_INTERNAL : ERR_DB, NULL,
                         "cannot read the article back");
    memset(&cm, 0, sizeof(cm));
    cm.id = x.community_id;
    cm.slug = x.community_slug;
    return article_body_render(c, &cm, md, html);
}

/* export_render_fn: dispatch on the record type and column. */
static int render_row(void *ud, const char *type, const char *column, int64_t id, const char *md,
                      const char **html, struct errinfo *e)
{
    struct rerender *r = ud;
    struct ctx c = *r->c;
    int rc;
    arena_reset(&r->arena);
    error_clear(&r->err);
    c.arena = &r->arena;
    c.err = &r->err;
    *html = NULL;
    if (!strcmp(type, "post") && !strcmp(column, "body_html"))
        rc = thread_post_render(&c, md, html);
    else if (!strcmp(type, "coaching_note") && !strcmp(column, "body_html"))
        rc = *md ? thread_post_render(&c, md, html) : 0; /* as domain/coaching.c renders them */
    else if (!strcmp(type, "article") && !strcmp(column, "body_html"))
        rc = article_html(&c, id, md, html);
    else if (!strcmp(type, "community") && !strcmp(column, "charter_html"))
        rc = community_charter_render(&c, md, html);
    else if (!strcmp(type, "event") && !strcmp(column, "description_html"))
        rc = event_text_render(&c, "description_md", md, html);
    else if (!strcmp(type, "event") && !strcmp(column, "notes_html"))
        rc = event_text_render(&c, "notes_md", md, html);
    else if (!strcmp(type, "comment") && !strcmp(column, "body_html")) {
        /* as they were written: local comments as domain/comment.c renders them (the inline
           subset), comments imported from elsewhere (a source URL) as import.c did */
        struct comment x;
        *html = "";
        if (comment_db_get(c.db, c.arena, id, &x) == 0 && *x.source_url)
            *html = *md ? plain(c.arena, md) : "";
        rc = *md && !**html ? thread_comment_render(&c, md, html) : 0;
    } else if (!strcmp(type, "user") && !strcmp(column, "bio_html")) {
        *html = *md ? plain(c.arena, md) : ""; /* as account.c and import.c render them */
        rc = 0;
    } else
        return error_set(e, ERR_INTERNAL, NULL, "no renderer for %s.%s (domain/import_render.c)",
                         type, column);
    if (rc == ERR_INVALID || rc == ERR_TOOBIG) {
        *html = *md ? plain(c.arena, md) : "";
        r->fallbacks++;
        rc = 0;
    }
    if (rc < 0)
        return error_set(e, (enum err)rc, NULL, "%s",
                         r->err.msg[0] ? r->err.msg : "cannot be rendered");
    if (!*html)
        *html = "";
    return 0;
}

int import_render_all(struct ctx *c, struct export_import *im, size_t *fallbacks)
{
    struct rerender r;
    int rc;
    memset(&r, 0, sizeof(r));
    r.c = c;
    arena_init(&r.arena);
    rc = export_import_render(im, render_row, &r, c->err);
    arena_release(&r.arena);
    if (fallbacks)
        *fallbacks = r.fallbacks;
    return rc;
}
