/* Atom feeds (RFC 4287): a community's newest threads (/c/:slug/latest.atom), its threads
 * with a tag (/c/:slug/tags/:tag/latest.atom), a thread's posts (/c/:slug/t/:id/posts.atom),
 * a community's articles (/c/:slug/articles.atom), a member's posts (/u/:name/posts.atom), and
 * the posts in the threads a member watches (/feeds/:token/watched.atom); and the member's
 * feed links in their settings (/settings/feeds), where the feed token is made, replaced or
 * revoked. domain/feed.c decides the entries and who may read them; this file writes them
 * with core/atom.h, with absolute links from app_base_url, and answers conditional GETs
 * (ETag from the document's hash, Last-Modified from its newest entry). A feed request
 * never acts as the session's user: anonymous, or the owner of ?token= (or :token). */
#include <string.h>

#include "core/atom.h"
#include "core/html.h"
#include "core/rand.h"
#include "domain/event.h"
#include "domain/feed.h"
#include "web/feed.h"
#include "web/parts.h"
#include "core/util.h"

#define NO_SUCH_FEED "There is no such feed."
#define TAG_DATE     "2026" /* the date part of entry ids (tag: URIs, RFC 4151) */

/* The public address ("https://host" or "https://host/prefix"), without a trailing '/'. */
static const char *base_url(struct req *r)
{
    const char *b = app_base_url(r);
    size_t n = strlen(b);
    while (n && b[n - 1] == '/')
        n--;
    return arena_strndup(r->arena, b, n);
}

/* The ctx a feed request acts as: the owner of token, without administrator powers, or
   nobody (token NULL), whatever the session. ERR_NOTFOUND for a token that opens nothing. */
static int feed_ctx(struct req *r, const char *token, struct ctx **out)
{
    struct ctx *c = app_ctx(r);
    int64_t uid = 0;
    c->uid = 0;
    c->is_admin = 0;
    if (token && feed_token_user(c, token, &uid) < 0)
        return r->err.code;
    c->uid = uid;
    *out = c;
    return 0;
}

/* The tags of "a b c" as an arena array. */
static const char **split_tags(struct req *r, const char *text, size_t *n)
{
    const char **out;
    size_t k = 0, cap = 1;
    const char *p;
    for (p = text; *p; p++)
        cap += *p == ' ';
    out = arena_zalloc(r->arena, cap * sizeof(*out));
    p = text;
    while (*p && k < cap) {
        size_t len = strcspn(p, " ");
        if (len)
            out[k++] = arena_strndup(r->arena, p, len);
        p += len;
        while (*p == ' ')
            p++;
    }
    *n = k;
    return out;
}

/* One entry of feed f. */
static void write_entry(struct req *r, struct buf *b, const char *base, const char *idp,
                        const struct feed *f, const struct feed_item *x)
{
    struct atom_entry e;
    struct buf uri = BUF_INIT;
    memset(&e, 0, sizeof(e));
    if (f->kind == FEED_ARTICLES) {
        e.id = arena_printf(r->arena, "%sarticle-%lld", idp, (long long)x->id);
        e.title = x->title;
        e.link = arena_printf(r->arena, "%s/c/%s/a/%s", base, x->community_slug, x->slug);
    } else if (f->kind == FEED_LATEST || f->kind == FEED_TAG) {
        e.id = arena_printf(r->arena, "%sthread-%lld", idp, (long long)x->thread_id);
        e.title = x->title;
        e.link = arena_printf(r->arena, "%s/c/%s/t/%lld", base, x->community_slug,
                              (long long)x->thread_id);
    } else {
        e.id = arena_printf(r->arena, "%spost-%lld", idp, (long long)x->id);
        e.title = x->position == 1 ? x->title : arena_printf(r->arena, "Re: %s", x->title);
        e.link = arena_printf(r->arena, "%s/p/%lld", base, (long long)x->id);
    }
    e.updated = x->updated_at;
    e.published = x->created_at;
    if (*x->author_name) {
        e.author = *x->author_display ? x->author_display : x->author_name;
        buf_printf(&uri, "%s/u/", base);
        url_encode(&uri, x->author_name);
        e.author_uri = arena_strdup(r->arena, uri.data);
        buf_release(&uri);
    } else {
        e.author = "a deleted account";
    }
    if (f->kind == FEED_LATEST || f->kind == FEED_TAG || (x->position == 1 && x->thread_id) ||
        f->kind == FEED_ARTICLES)
        e.categories = split_tags(r, x->tags_text, &e.ncategories);
    e.html = x->body_html;
    atom_entry(b, &e);
}

/* Write feed f as Atom and answer: 200 with the document, or 304 when the reader's copy is
   current. pf: its title and path; alt: the page it mirrors (path); id: the feed's part of
   its tag: URI; token: the token given in the query (kept in the self link), or NULL. */
static int send_feed(struct req *r, struct ctx *c, const struct feed *f, const struct page_feed *pf,
                     const char *alt, const char *id, const char *token)
{
    const char *base = base_url(r);
    const char *idp = arena_printf(r->arena, "tag:%s," TAG_DATE ":", feed_tag_authority(c));
    struct atom_feed af;
    struct buf b;
    char h[TOKEN_HASH_LEN + 1];
    size_t i;
    memset(&af, 0, sizeof(af));
    af.id = arena_printf(r->arena, "%s%s", idp, id);
    af.title = arena_printf(r->arena, "%s \xC2\xB7 %s", pf->title, page_instance_name(r));
    af.updated = f->updated;
    af.self = arena_printf(r->arena, "%s%s%s%s", base, pf->href, token ? "?token=" : "",
                           token ? token : "");
    af.alternate = arena_printf(r->arena, "%s%s", base, alt);
    af.base = arena_printf(r->arena, "%s/", base);
    af.generator = "Praxis";
    buf_init(&b, 0);
    atom_begin(&b, &af);
    for (i = 0; i < f->n; i++)
        write_entry(r, &b, base, idp, f, &f->items[i]);
    atom_end(&b);
    if (b.err) {
        buf_release(&b);
        return error_set(&r->err, ERR_TOOBIG, NULL, "This feed is too large.");
    }
    token_hash(b.data, h);
    r->content_type_out = ATOM_MEDIA_TYPE;
    resp_header(r, "Cache-Control", c->uid ? "private, max-age=300" : "public, max-age=300");
    if (!resp_not_modified(r, arena_printf(r->arena, "\"%.32s\"", h), f->updated))
        buf_append(&r->out, b.data, b.len);
    buf_release(&b);
    return 0;
}

/* Load and send the feed of kind for this request's route captures. */
static int serve(struct req *r, enum feed_kind kind)
{
    struct ctx *c = NULL;
    struct feed f;
    struct page_feed pf;
    const char *token = kind == FEED_WATCHED ? r->params[0] : req_query(r, "token");
    const char *alt, *id, *qtoken = kind == FEED_WATCHED ? NULL : token;
    int64_t tid = 0;
    if (feed_ctx(r, token, &c) < 0)
        return r->err.code;
    if (kind == FEED_THREAD && req_param_id(r, 1, NO_SUCH_FEED, &tid) < 0)
        return r->err.code;
    if (feed_load(c, kind, r->params[0], kind == FEED_TAG ? r->params[1] : NULL, tid, r->params[0],
                  &f) < 0) {
        /* a members-only community asks a visitor to sign in, but a feed ignores sessions:
           without a token that opens it, it does not exist */
        if (r->err.code == ERR_AUTH)
            error_set(&r->err, ERR_NOTFOUND, NULL, NO_SUCH_FEED);
        return r->err.code;
    }
    switch (kind) {
    case FEED_LATEST:
    case FEED_TAG:
        web_feed_threads(r, &f.cm, f.tag, &pf);
        alt = f.tag ? arena_printf(r->arena, "/c/%s/tags/%s", f.cm.slug, f.tag)
                    : arena_printf(r->arena, "/c/%s/latest", f.cm.slug);
        id = f.tag ? arena_printf(r->arena, "community-%lld/tag/%s", (long long)f.cm.id, f.tag)
                   : arena_printf(r->arena, "community-%lld/latest", (long long)f.cm.id);
        break;
    case FEED_ARTICLES:
        web_feed_articles(r, &f.cm, &pf);
        alt = arena_printf(r->arena, "/c/%s/a", f.cm.slug);
        id = arena_printf(r->arena, "community-%lld/articles", (long long)f.cm.id);
        break;
    case FEED_THREAD:
        web_feed_thread(r, &f.t, f.cm.visibility, &pf);
        alt = arena_printf(r->arena, "/c/%s/t/%lld", f.t.community_slug, (long long)f.t.id);
        id = arena_printf(r->arena, "thread-%lld/posts", (long long)f.t.id);
        break;
    case FEED_USER:
        web_feed_user(r, &f.u, &pf);
        alt = arena_printf(r->arena, "/u/%s", f.u.name);
        id = arena_printf(r->arena, "user-%lld/posts", (long long)f.u.id);
        break;
    default: /* FEED_WATCHED */
        pf.title = arena_printf(r->arena, "Threads %s watches", f.u.display_name);
        pf.href = arena_printf(r->arena, "/feeds/%s/watched.atom", token);
        pf.open = 0;
        alt = "/notifications";
        id = arena_printf(r->arena, "user-%lld/watched", (long long)f.u.id);
        break;
    }
    return send_feed(r, c, &f, &pf, alt, id, qtoken);
}

int page_feed_latest(struct req *r)
{
    return serve(r, FEED_LATEST);
}

int page_feed_tag(struct req *r)
{
    return serve(r, FEED_TAG);
}

int page_feed_thread(struct req *r)
{
    return serve(r, FEED_THREAD);
}

int page_feed_articles(struct req *r)
{
    return serve(r, FEED_ARTICLES);
}

int page_feed_user(struct req *r)
{
    return serve(r, FEED_USER);
}

int page_feed_watched(struct req *r)
{
    return serve(r, FEED_WATCHED);
}

/* ------------------------------------------------------------------------------------------ */
/* The member's feed links */

/* The settings page; token: the token just made (shown once), or NULL; revoked: say so. */
static void render_settings(struct req *r, const char *token, int revoked)
{
    struct ctx *c = app_ctx(r);
    const char *base = base_url(r);
    int exists;
    page_begin(r, "Feed links");
    buf_puts(&r->out, "<h1>Settings</h1>\n");
    web_settings_nav(r, "/settings/feeds");
    buf_puts(&r->out,
             "<p>Feed readers cannot sign in. Public communities' feeds work for anyone; for "
             "the rest, and for the threads you watch, your feed links carry a secret that lets "
             "a reader see what you may see. The same secret opens your <a "
             "href=\"/calendar\">calendar links</a>: making new links or revoking them changes "
             "both.</p>\n");
    if (token) {
        html_printf(&r->out,
                    "<div class=\"notice notice-ok\" role=\"status\"><p><strong>Your new feed "
                    "links</strong> (shown once; the old ones no longer work):</p>"
                    "<dl class=\"feed-links\"><dt>New posts in the threads you watch</dt>"
                    "<dd><code class=\"feed-url\" id=\"feed-watched\">%s/feeds/%s/watched.atom"
                    "</code></dd><dt>Any other feed of a community you belong to</dt><dd>add "
                    "<code id=\"feed-token\">?token=%s</code> to its address, for example "
                    "<code>%s/c/SLUG/latest.atom?token=%s</code></dd>"
                    "<dt>Your calendars</dt><dd><code class=\"feed-url\">%s/calendar/%s/all.ics"
                    "</code></dd></dl></div>\n",
                    base, token, token, base, token, base, token);
    } else if (revoked) {
        form_notice_ok(r, "Your feed links were revoked: readers using them get nothing more.");
    }
    exists = event_feed_token_exists(c);
    if (!token && exists)
        buf_puts(&r->out, "<p>You have feed links. They are shown only when made; make new "
                          "ones if you lost them (the old ones stop working).</p>\n");
    else if (!token)
        buf_puts(&r->out, "<p>You have no feed links yet.</p>\n");
    buf_puts(&r->out, "<div class=\"form-actions\"><form class=\"inline-form\" method=\"post\" "
                      "action=\"/settings/feeds/reset\">");
    form_csrf(r);
    buf_puts(&r->out, "<button type=\"submit\" class=\"button\">Make new feed links</button>"
                      "</form>");
    if (exists || token) {
        buf_puts(&r->out,
                 "<form class=\"inline-form\" method=\"post\" action=\"/settings/feeds/revoke\">");
        form_csrf(r);
        buf_puts(&r->out, "<button type=\"submit\" class=\"button button-secondary\">Revoke "
                          "my feed links</button></form>");
    }
    buf_puts(&r->out, "</div>\n");
    page_end(r);
}

int page_settings_feeds(struct req *r)
{
    render_settings(r, NULL, req_query(r, "revoked") != NULL);
    return 0;
}

int page_settings_feeds_reset(struct req *r)
{
    const char *token;
    if (event_feed_token_reset(app_ctx(r), &token) < 0)
        return r->err.code;
    render_settings(r, token, 0);
    return 0;
}

int page_settings_feeds_revoke(struct req *r)
{
    if (feed_token_revoke(app_ctx(r)) < 0)
        return r->err.code;
    return resp_redirect(r, "/settings/feeds?revoked=1");
}
