/* The knowledge base's pure text helpers (see domain/article.h and
 * docs/internals/articles.md): titles, slugs (the rule of markdown_slug), newline
 * normalisation, [[wiki link]] parsing with the article rules on top of the Markdown
 * renderer's scanner, rendering through the renderer's hooks (wiki links resolved by the
 * caller, heading ids), tables of contents as data, and review dates. No storage here and
 * no HTML: the renderer in src/core/markdown.c writes every tag. */
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/markdown.h"
#include "core/utf8.h"
#include "domain/article.h"
#include "domain/upload.h"
#include "domain/domain_int.h"
#include "domain/article_int.h"
#include "core/util.h"

static int is_space(char ch)
{
    return ch == ' ' || ch == '\t';
}

const char *article_trim(struct arena *a, const char *s, size_t n)
{
    while (n && is_space(*s)) {
        s++;
        n--;
    }
    while (n && is_space(s[n - 1]))
        n--;
    return arena_strndup(a, s, n);
}

int article_title_check(struct arena *a, const char *title, const char **out, struct errinfo *e)
{
    const char *t;
    size_t cps;
    if (!title)
        title = "";
    t = article_trim(a, title, strlen(title));
    if (!utf8_valid(t, strlen(t)) || utf8_has_controls(t, 0))
        return error_set(e, ERR_INVALID, "title", "The title must be one line of text.");
    if (strpbrk(t, "[]|"))
        return error_set(e, ERR_INVALID, "title",
                         "A title cannot contain [, ] or | (they would break wiki links).");
    cps = utf8_chars(t, strlen(t));
    if (cps < ARTICLE_TITLE_MIN || cps > ARTICLE_TITLE_MAX)
        return error_set(e, ERR_INVALID, "title", "The title is %d to %d characters.",
                         ARTICLE_TITLE_MIN, ARTICLE_TITLE_MAX);
    if (out)
        *out = t;
    return 0;
}

const char *article_slug_of(struct arena *a, const char *title)
{
    struct buf b = BUF_INIT;
    const char *s;
    markdown_slug(&b, title ? title : "", title ? strlen(title) : 0, ARTICLE_SLUG_MAX);
    s = arena_strndup(a, b.data, b.len);
    buf_release(&b);
    return s;
}

const char *article_text_normalise(struct arena *a, const char *s)
{
    size_t n = s ? strlen(s) : 0, i, k = 0;
    char *o = arena_alloc(a, n + 1);
    for (i = 0; i < n; i++) {
        if (s[i] == '\r') {
            o[k++] = '\n';
            if (i + 1 < n && s[i + 1] == '\n')
                i++;
        } else {
            o[k++] = s[i];
        }
    }
    o[k] = 0;
    return o;
}

/* 1 if target and label (trimmed, from markdown_wikilink_next) make a valid wiki link: the
   target 1-200 code points with a non-empty slug, the label at most 200, no controls. */
static int wikilink_valid(struct arena *a, const char *target, const char *label)
{
    size_t tc = utf8_chars(target, strlen(target));
    return tc >= 1 && tc <= ARTICLE_TITLE_MAX &&
           utf8_chars(label, strlen(label)) <= ARTICLE_TITLE_MAX && !utf8_has_controls(target, 0) &&
           !utf8_has_controls(label, 0) && *article_slug_of(a, target);
}

int article_wikilinks_parse(struct arena *a, const char *md, struct wikilink **out, size_t *n)
{
    size_t len = md ? strlen(md) : 0, pos = 0, k = 0;
    struct markdown_wikilink w;
    *out = ARENA_ARRAY(a, struct wikilink, ARTICLE_LINKS_MAX);
    *n = 0;
    while (k < ARTICLE_LINKS_MAX && markdown_wikilink_next(md, len, &pos, &w)) {
        const char *target = arena_strndup(a, md + w.target_off, w.target_len);
        const char *label = arena_strndup(a, md + w.label_off, w.label_len);
        if (!wikilink_valid(a, target, label)) {
            pos = w.start + 2;
            continue;
        }
        (*out)[k].start = w.start;
        (*out)[k].end = w.end;
        (*out)[k].target = target;
        (*out)[k].label = label;
        k++;
        pos = w.end;
    }
    *n = k;
    return 0;
}

/* State of the renderer's hooks for article_render_html and article_toc. */
struct render_hooks {
    struct arena *a;
    article_resolve_fn resolve; /* NULL: article_toc (links accepted, hrefs unused) */
    void *arg;
    size_t nlinks;         /* links accepted so far */
    int rc;                /* first negative code from resolve */
    struct toc_entry *toc; /* article_toc: the entries so far */
    size_t ntoc;
};

/* The wiki link hook: valid links (at most ARTICLE_LINKS_MAX) are resolved. */
static int hook_wikilink(void *ud, const char *target, const char *label,
                         struct markdown_link *link)
{
    struct render_hooks *h = ud;
    struct wikilink_target t = {0};
    int rc;
    if (h->rc < 0 || h->nlinks >= ARTICLE_LINKS_MAX || !wikilink_valid(h->a, target, label))
        return 0;
    h->nlinks++;
    if (!h->resolve) {
        link->href = "#";
        return 1;
    }
    rc = h->resolve(h->arg, target, &t);
    if (rc < 0 || !t.href) {
        h->rc = rc < 0 ? rc : ERR_INTERNAL;
        return 0;
    }
    link->href = t.href;
    link->missing = t.missing;
    link->title = t.missing ? "No such article yet: create it" : NULL;
    return 1;
}

/* The heading hook of article_toc: h2 and h3 (at most ARTICLE_TOC_MAX). */
static void hook_heading(void *ud, int level, const char *id, const char *text)
{
    struct render_hooks *h = ud;
    if ((level != 2 && level != 3) || h->ntoc >= ARTICLE_TOC_MAX)
        return;
    h->toc[h->ntoc].level = level;
    h->toc[h->ntoc].id = arena_strdup(h->a, id ? id : "");
    h->toc[h->ntoc].text = arena_strdup(h->a, text);
    h->ntoc++;
}

int article_render_html(struct buf *out, const char *md, article_resolve_fn resolve, void *arg)
{
    return article_render_html_ctx(NULL, NULL, out, md, resolve, arg);
}

int article_render_html_ctx(struct ctx *c, const struct community *cm, struct buf *out,
                            const char *md, article_resolve_fn resolve, void *arg)
{
    struct arena a;
    struct render_hooks h = {0};
    struct markdown_opts o = {0};
    struct upload_embed embed = {0};
    int rc;

    if (c && cm)
        upload_markdown_hook_in(c, &o, &embed, cm); /* images all of cm's readers can load */
    else if (c)
        upload_markdown_hook(c, &o); /* this instance's uploaded images are shown */
    if (!md)
        md = "";
    arena_init(&a);
    h.a = &a;
    h.resolve = resolve;
    h.arg = arg;
    o.ud = &h;
    o.wikilink = hook_wikilink;
    o.heading_ids = 1;
    rc = markdown_render_opts(out, md, strlen(md), &o);
    arena_release(&a);
    if (rc == 0 && h.rc == 0 && c && upload_embed_check(c, &embed, "body") < 0)
        return ERR_INVALID;
    return rc < 0 ? rc : h.rc;
}

int article_toc(struct arena *a, const char *md, struct toc_entry **out, size_t *n)
{
    struct render_hooks h = {0};
    struct markdown_opts o = {0};
    struct buf html = BUF_INIT;
    h.a = a;
    h.toc = ARENA_ARRAY(a, struct toc_entry, ARTICLE_TOC_MAX);
    o.ud = &h;
    o.wikilink = hook_wikilink;
    o.heading_ids = 1;
    o.heading = hook_heading;
    if (!md)
        md = "";
    if (markdown_render_opts(&html, md, strlen(md), &o) < 0)
        h.ntoc = 0;
    buf_release(&html);
    *out = h.toc;
    *n = h.ntoc;
    return 0;
}

/* Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm). */
static int64_t days_from_civil(int64_t y, unsigned m, unsigned d)
{
    int64_t era;
    unsigned yoe, doy, doe;
    y -= m <= 2;
    era = (y >= 0 ? y : y - 399) / 400;
    yoe = (unsigned)(y - era * 400);
    doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (int64_t)doe - 719468;
}

int64_t article_date_parse(const char *s)
{
    unsigned y, m, d;
    static const unsigned mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    size_t i;
    if (!s || !*s)
        return 0;
    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return -1;
    for (i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
            return -1;
    y = (unsigned)atoi(s);
    m = (unsigned)atoi(s + 5);
    d = (unsigned)atoi(s + 8);
    if (y < 1970 || y > 9999 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
        return -1;
    if (m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return -1;
    return days_from_civil(y, m, d) * 86400;
}
