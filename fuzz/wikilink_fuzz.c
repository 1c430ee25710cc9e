/* libFuzzer target for the [[wiki link]] parser and the article renderer
 * (article_wikilinks_parse, article_render_html, article_toc in src/domain/article.c, which
 * use the hooks of markdown_render_opts in src/core/markdown.c).
 * The input is Markdown; each link is resolved by a resolver that answers with hostile hrefs
 * too (javascript:, quotes, angle brackets) and marks targets of odd length missing. Checks: link
 * ranges are in order, inside the input, start with "[[" and end with "]]"; labels and
 * targets hold no "[", "]" or newline; the HTML is valid UTF-8 and shows no wiki link mark
 * (its 0xFF bytes would appear as U+FFFD or %FF after "wl"), has no "<script", "<img", "<iframe" or
 * "<style" tag, its anchors open and close in turn (never nested, none left open), every attribute
 * value is quoted with no raw
 * '<' or '>' inside, every href passes url_is_safe, there are no more wikilink anchors than
 * parsed links, and article_toc's entries are exactly the h2/h3 headings of the HTML with
 * the same ids, in order. A violation aborts. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/html.h"
#include "core/utf8.h"
#include "domain/article.h"
#include "core/util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void fail(const char *what, const char *html)
{
    fprintf(stderr, "wikilink_fuzz: %s: %.300s\n", what, html);
    abort();
}

/* Hostile and ordinary hrefs, chosen by the target's first byte. */
static int resolve(void *arg, const char *target, struct wikilink_target *out)
{
    struct arena *a = arg;
    switch ((unsigned char)target[0] % 4) {
    case 0:
        out->href = "javascript:alert(1)";
        break;
    case 1:
        out->href = arena_printf(a, "/c/x/a/\"><script>%s", target);
        break;
    default:
        out->href = arena_printf(a, "/c/x/a/%s", target);
        break;
    }
    out->missing = (int)(strlen(target) % 2); /* deterministic: no state between inputs */
    return 0;
}

/* Decode the entities html_attr emits, for checking an attribute value. */
static void unescape(const char *s, size_t n, struct buf *out)
{
    static const char *const ents[] = {"&amp;", "&lt;", "&gt;", "&quot;", "&#39;", "&#96;"};
    static const char chars[] = "&<>\"'`";
    size_t i = 0, k;
    buf_reset(out);
    while (i < n) {
        for (k = 0; k < ARRAY_SIZE(ents); k++) {
            size_t el = strlen(ents[k]);
            if (n - i >= el && memcmp(s + i, ents[k], el) == 0) {
                buf_putc(out, chars[k]);
                i += el;
                break;
            }
        }
        if (k == ARRAY_SIZE(ents))
            buf_putc(out, s[i++]);
    }
}

/* Tags well formed, attribute values quoted and safe, anchors in turn. Returns the number
   of wikilink anchors. */
static size_t check_html(const char *html)
{
    struct buf val = BUF_INIT;
    const char *p = html;
    size_t wikilinks = 0;
    int open = 0;
    while ((p = strchr(p, '<')) != NULL) {
        const char *tag = p++;
        int closing = *p == '/', anchor;
        if (closing)
            p++;
        anchor = p[0] == 'a' && (p[1] == ' ' || p[1] == '>');
        if (anchor && closing) {
            if (!open)
                fail("anchor closed twice", tag);
            open = 0;
        } else if (anchor) {
            if (open)
                fail("nested anchor", tag);
            open = 1;
            if (!strncmp(tag, "<a class=\"wikilink", 18))
                wikilinks++;
        }
        while (*p && *p != '>') {
            if (*p == '<')
                fail("'<' inside a tag", tag);
            if (*p == '=') {
                const char *an = p, *v;
                while (an > tag && an[-1] != ' ')
                    an--;
                if (p[1] != '"')
                    fail("unquoted attribute", tag);
                v = p += 2;
                while (*p && *p != '"' && *p != '<' && *p != '>')
                    p++;
                if (*p != '"')
                    fail("attribute value not closed", tag);
                unescape(v, (size_t)(p - v), &val);
                if (!strncmp(an, "href=", 5) && !url_is_safe(val.data))
                    fail("unsafe href", tag);
            }
            p++;
        }
        if (!*p)
            fail("tag not closed", tag);
    }
    if (open)
        fail("anchor left open", html);
    buf_release(&val);
    return wikilinks;
}

/* The TOC must be the h2/h3 headings of html, with their ids, in order. */
static void check_toc(const char *html, const struct toc_entry *toc, size_t ntoc)
{
    const char *p = html;
    size_t k = 0;
    while ((p = strstr(p, "<h")) != NULL) {
        const char *id, *e;
        int level = p[2] - '0';
        p += 2;
        if ((level != 2 && level != 3) || strncmp(p + 1, " id=\"", 5))
            continue;
        id = p + 6;
        e = strchr(id, '"');
        if (!e)
            fail("heading id not closed", html);
        if (k >= ARTICLE_TOC_MAX)
            break;
        if (k >= ntoc || toc[k].level != level || strlen(toc[k].id) != (size_t)(e - id) ||
            memcmp(toc[k].id, id, (size_t)(e - id)) != 0)
            fail("TOC differs from the headings", html);
        if (!utf8_valid(toc[k].text, strlen(toc[k].text)))
            fail("TOC text not UTF-8", toc[k].text);
        k++;
    }
    if (k != ntoc)
        fail("TOC has extra entries", html);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct arena a;
    struct wikilink *l;
    struct toc_entry *toc;
    struct buf out = BUF_INIT;
    size_t n, i, prev = 0, ntoc;
    char *md;

    if (size > 64 * 1024)
        return 0;
    md = x_malloc(size + 1);
    memcpy(md, data, size);
    md[size] = 0;
    if (strlen(md) != size || !utf8_valid(md, size)) {
        free(md);
        return 0;
    }
    arena_init(&a);
    article_wikilinks_parse(&a, md, &l, &n);
    for (i = 0; i < n; i++) {
        if (l[i].start < prev || l[i].end > size || l[i].end < l[i].start + 5 ||
            strncmp(md + l[i].start, "[[", 2) || strncmp(md + l[i].end - 2, "]]", 2))
            fail("bad range", md);
        if (strpbrk(l[i].target, "[]\n") || strpbrk(l[i].label, "[]\n"))
            fail("bad target or label", l[i].target);
        prev = l[i].end;
    }
    if (article_render_html(&out, md, resolve, &a) == 0) {
        if (!utf8_valid(out.data, out.len) || strlen(out.data) != out.len)
            fail("output not UTF-8 (a mark left over?)", out.data);
        /* a mark's 0xFF that reached an escaper would show as U+FFFD in text or %FF in a URL */
        if ((strstr(out.data, "wl\xEF\xBF\xBD") && !strstr(md, "\xEF\xBF\xBD")) ||
            (strstr(out.data, "wl%FF") && !strstr(md, "wl%FF")))
            fail("a wiki link mark left over", out.data);
        if (strstr(out.data, "<script") || strstr(out.data, "<img") ||
            strstr(out.data, "<iframe") || strstr(out.data, "<style"))
            fail("dangerous tag", out.data);
        if (check_html(out.data) > n)
            fail("more wikilink anchors than links", out.data);
        article_toc(&a, md, &toc, &ntoc);
        check_toc(out.data, toc, ntoc);
    }
    buf_release(&out);
    arena_release(&a);
    free(md);
    return 0;
}
