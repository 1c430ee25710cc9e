/* Unit tests for the pure pieces of src/domain/article.c: titles (brackets refused), slugs
 * (case, punctuation, UTF-8, length cut at a character boundary), newline normalisation,
 * [[wiki link]] parsing against adversarial input (unclosed, nested, newlines, empty, pipes,
 * the cap), safe rendering of links (hostile labels and targets escaped, links inside code,
 * inside other links and inside URLs kept as text, no mark left over, markup in titles never
 * raw, a resolver's error returned), heading anchors and the table of contents, dates, and the name
 * tables. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/arena.h"
#include "core/buf.h"
#include "domain/article.h"
#include "core/util.h"

static void test_title(void **state)
{
    struct arena a;
    const char *t;
    (void)state;
    arena_init(&a);
    assert_int_equal(article_title_check(&a, "  Brewing  ", &t, NULL), 0);
    assert_string_equal(t, "Brewing");
    assert_int_equal(article_title_check(&a, "ab", &t, NULL), ERR_INVALID);
    assert_int_equal(article_title_check(&a, "a [b]", &t, NULL), ERR_INVALID);
    assert_int_equal(article_title_check(&a, "a|b|c", &t, NULL), ERR_INVALID);
    assert_int_equal(article_title_check(&a, "two\nlines", &t, NULL), ERR_INVALID);
    assert_int_equal(article_title_check(&a, "bad \xff utf8", &t, NULL), ERR_INVALID);
    assert_int_equal(article_title_check(&a, NULL, &t, NULL), ERR_INVALID);
    assert_int_equal(article_title_check(&a, "<script>alert(1)</script>", &t, NULL), 0);
    arena_release(&a);
}

static void test_slug(void **state)
{
    struct arena a;
    char longt[400];
    const char *s;
    (void)state;
    arena_init(&a);
    assert_string_equal(article_slug_of(&a, "Cold Brew: the Basics!"), "cold-brew-the-basics");
    assert_string_equal(article_slug_of(&a, "  --Hello--  "), "hello");
    assert_string_equal(article_slug_of(&a, "Café au lait"), "café-au-lait");
    assert_string_equal(article_slug_of(&a, "!!!"), "");
    assert_string_equal(article_slug_of(&a, "<b>x</b>"), "b-x-b");
    memset(longt, 0, sizeof(longt));
    for (int i = 0; i < 100; i++)
        memcpy(longt + i * 3, "\xE6\x97\xA5", 3); /* 日 x 100 */
    s = article_slug_of(&a, longt);
    assert_true(strlen(s) <= ARTICLE_SLUG_MAX);
    assert_int_equal(strlen(s) % 3, 0);
    arena_release(&a);
}

static void test_normalise(void **state)
{
    struct arena a;
    (void)state;
    arena_init(&a);
    assert_string_equal(article_text_normalise(&a, "a\r\nb\rc\n"), "a\nb\nc\n");
    assert_string_equal(article_text_normalise(&a, NULL), "");
    arena_release(&a);
}

static void test_wikilinks_parse(void **state)
{
    struct arena a;
    struct wikilink *l;
    size_t n;
    struct buf big = BUF_INIT;
    (void)state;
    arena_init(&a);
    article_wikilinks_parse(&a, "See [[Cold brew]] and [[ Grind size | the grind ]].", &l, &n);
    assert_int_equal(n, 2);
    assert_string_equal(l[0].target, "Cold brew");
    assert_string_equal(l[0].label, "Cold brew");
    assert_int_equal(l[0].start, 4);
    assert_int_equal(l[0].end, 17);
    assert_string_equal(l[1].target, "Grind size");
    assert_string_equal(l[1].label, "the grind");
    /* adversarial: unclosed, nested, newline, empty, extra pipes, lone brackets */
    article_wikilinks_parse(&a, "[[unclosed", &l, &n);
    assert_int_equal(n, 0);
    article_wikilinks_parse(&a, "[[a [[b]] c]]", &l, &n);
    assert_int_equal(n, 1);
    assert_string_equal(l[0].target, "b");
    article_wikilinks_parse(&a, "[[two\nlines]]", &l, &n);
    assert_int_equal(n, 0);
    article_wikilinks_parse(&a, "[[]] [[ ]] [[|x]] [[!!!]]", &l, &n);
    assert_int_equal(n, 0);
    article_wikilinks_parse(&a, "[[a|b|c]]", &l, &n);
    assert_int_equal(n, 0);
    article_wikilinks_parse(&a, "[[a|]]", &l, &n);
    assert_int_equal(n, 1);
    assert_string_equal(l[0].label, "a");
    article_wikilinks_parse(&a, "[[[x]]]", &l, &n);
    assert_int_equal(n, 1);
    assert_string_equal(l[0].target, "x");
    article_wikilinks_parse(&a, "[", &l, &n);
    assert_int_equal(n, 0);
    article_wikilinks_parse(&a, NULL, &l, &n);
    assert_int_equal(n, 0);
    for (int i = 0; i < ARTICLE_LINKS_MAX + 20; i++)
        buf_puts(&big, "[[x]] ");
    article_wikilinks_parse(&a, big.data, &l, &n);
    assert_int_equal(n, ARTICLE_LINKS_MAX);
    buf_release(&big);
    arena_release(&a);
}

/* Resolver for render(): href /c/x/a/TARGET, missing when the target starts "Missing". */
static int resolve_test(void *arg, const char *target, struct wikilink_target *out)
{
    struct arena *a = arg;
    out->href = arena_printf(a, "/c/x/a/%s", target);
    out->missing = !strncmp(target, "Missing", 7);
    return 0;
}

static int resolve_fail(void *arg, const char *target, struct wikilink_target *out)
{
    (void)arg;
    (void)target;
    (void)out;
    return ERR_DB;
}

/* Render md with every link resolved by resolve_test; returns a heap string. */
static char *render(const char *md)
{
    struct arena a;
    struct buf out = BUF_INIT;
    arena_init(&a);
    assert_int_equal(article_render_html(&out, md, resolve_test, &a), 0);
    arena_release(&a);
    return buf_detach(&out, NULL);
}

static void test_render_links(void **state)
{
    char *h;
    (void)state;
    h = render("See [[Cold brew|the *guide*]] and [[Missing one]].");
    assert_non_null(
        strstr(h, "<a class=\"wikilink\" href=\"/c/x/a/Cold%20brew\">the *guide*</a>") ||
        strstr(h, "<a class=\"wikilink\" href=\"/c/x/a/Cold brew\">the *guide*</a>"));
    assert_non_null(strstr(h, "class=\"wikilink missing\""));
    assert_null(strstr(h, "wl"));
    free(h);
    /* a resolver's error stops the render and is returned */
    {
        struct buf out = BUF_INIT;
        assert_int_equal(article_render_html(&out, "[[A b c]]", resolve_fail, NULL), ERR_DB);
        buf_release(&out);
    }
    /* hostile labels and targets */
    h = render("[[<script>alert(1)</script>|<img src=x onerror=alert(1)>]] "
               "[[\"onmouseover=alert(1) x=\"]]");
    assert_null(strstr(h, "<script"));
    assert_null(strstr(h, "<img"));
    assert_null(strstr(h, "\"onmouseover"));
    assert_non_null(strstr(h, "&lt;img src=x onerror=alert(1)&gt;"));
    free(h);
    /* javascript: targets stay inert (href is built by the caller; html_url filters) */
    h = render("[[javascript:alert(1)]]");
    assert_null(strstr(h, "href=\"javascript:"));
    free(h);
    /* inside code: the original text */
    h = render("`[[Not a link]]` and\n\n    [[Nor this]]\n");
    assert_null(strstr(h, "wikilink"));
    assert_non_null(strstr(h, "<code>[[Not a link]]</code>"));
    assert_non_null(strstr(h, "[[Nor this]]"));
    free(h);
    /* inside another link's text and URL */
    h = render("[see [[Foo]]](http://example.com/[[Bar]])");
    assert_null(strstr(h, "wikilink"));
    assert_null(strstr(h, "wl"));
    free(h);
    /* a placeholder-looking text typed by the user is left alone */
    h = render("wl0123456789abcdefx0z [[A]]");
    assert_non_null(strstr(h, "wl0123456789abcdefx0z"));
    free(h);
}

static void test_headings_toc(void **state)
{
    struct arena a;
    struct toc_entry *toc;
    size_t n;
    char *h;
    (void)state;
    arena_init(&a);
    h = render(
        "# Top\n\n## Getting started\n\ntext\n\n### Water & <beans>\n\n## Getting started\n\n"
        "## See [[Other|other]]\n");
    assert_non_null(strstr(h, "<h2 id=\"h-getting-started\">Getting started</h2>"));
    assert_non_null(strstr(h, "<h2 id=\"h-getting-started-2\">"));
    assert_non_null(strstr(h, "<h3 id=\"h-water-amp-lt-beans-gt\">"));
    assert_non_null(strstr(h, "<h2 id=\"h-see-other\">"));
    free(h);
    /* numbering counts exact repeats only ("a" after "a-b" is not a repeat) */
    h = render("## A b\n\n## A\n\n## A\n");
    assert_non_null(strstr(h, "<h2 id=\"h-a-b\">"));
    assert_non_null(strstr(h, "<h2 id=\"h-a\">"));
    assert_non_null(strstr(h, "<h2 id=\"h-a-2\">"));
    free(h);
    article_toc(
        &a,
        "# Top\n\n## Getting started\n\ntext\n\n### Water & <beans>\n\n## Getting started\n\n"
        "## See [[Other|other]]\n",
        &toc, &n);
    assert_int_equal(n, 4);
    assert_int_equal(toc[0].level, 2);
    assert_string_equal(toc[0].id, "h-getting-started");
    assert_string_equal(toc[0].text, "Getting started");
    assert_int_equal(toc[1].level, 3);
    assert_string_equal(toc[1].id, "h-water-amp-lt-beans-gt");
    assert_string_equal(toc[1].text, "Water & <beans>"); /* plain: web escapes it */
    assert_string_equal(toc[2].id, "h-getting-started-2");
    assert_string_equal(toc[3].text, "See other");
    /* ids stay unique when a heading's text looks like a numbered one */
    h = render("## A\n\n## A\n\n## A-2\n\n## A\n");
    assert_non_null(strstr(h, "<h2 id=\"h-a\">"));
    assert_non_null(strstr(h, "<h2 id=\"h-a-2\">A</h2>"));
    assert_non_null(strstr(h, "<h2 id=\"h-a-2-2\">A-2</h2>"));
    assert_non_null(strstr(h, "<h2 id=\"h-a-3\">A</h2>"));
    free(h);
    article_toc(&a, NULL, &toc, &n);
    assert_int_equal(n, 0);
    arena_release(&a);
}

static void test_dates_and_names(void **state)
{
    enum article_status s;
    enum article_editors e;
    (void)state;
    assert_int_equal(article_date_parse("1970-01-02"), 86400);
    assert_int_equal(article_date_parse("2024-02-29"), 1709164800);
    assert_int_equal(article_date_parse("2023-02-29"), -1);
    assert_int_equal(article_date_parse("2024-13-01"), -1);
    assert_int_equal(article_date_parse("2024-1-01"), -1);
    assert_int_equal(article_date_parse(""), 0);
    assert_int_equal(article_status_parse("best_practice", &s), 0);
    assert_int_equal(s, ARTICLE_BEST);
    assert_int_equal(article_status_parse("best", &s), -1);
    assert_string_equal(article_status_label(ARTICLE_OUTDATED), "Outdated");
    assert_int_equal(article_editors_parse("members", &e), 0);
    assert_int_equal(e, EDITORS_MEMBERS);
    assert_int_equal(article_editors_parse("everyone", &e), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_title),           cmocka_unit_test(test_slug),
        cmocka_unit_test(test_normalise),       cmocka_unit_test(test_wikilinks_parse),
        cmocka_unit_test(test_render_links),    cmocka_unit_test(test_headings_toc),
        cmocka_unit_test(test_dates_and_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
