/* Tests for src/core/diff.c: exact word-diff output for the basic cases (identical, empty on
 * either side, one word changed, insertions at either end, unicode words, CRLF against LF,
 * escaping of markup in kept and changed text), moved paragraphs, the line table (folding,
 * context, word marks inside changed lines, line numbers), every fallback level (with small
 * limits and with the default ones on big inputs), invalid input, output overflow, and a
 * seeded random property test: removing the <ins> parts of the word diff and unescaping
 * gives back the old text, removing the <del> parts gives the new one, and every row of the
 * line table carries the right line of the right text. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/buf.h"
#include "core/diff.h"
#include "core/err.h"
#include "core/util.h"

/* ---- checking helpers ---- */

/* Unescape s[0..n) (the entities html_textn and diff.c produce) onto out. */
static void unescape(struct buf *out, const char *s, size_t n)
{
    static const struct {
        const char *ent;
        char c;
    } ents[] = {{"&amp;", '&'},  {"&lt;", '<'},   {"&gt;", '>'},
                {"&quot;", '"'}, {"&#39;", '\''}, {"&#13;", '\r'}};
    size_t i = 0, k;
    while (i < n) {
        for (k = 0; k < ARRAY_SIZE(ents); k++) {
            size_t el = strlen(ents[k].ent);
            if (n - i >= el && memcmp(s + i, ents[k].ent, el) == 0) {
                buf_putc(out, ents[k].c);
                i += el;
                break;
            }
        }
        if (k == ARRAY_SIZE(ents)) {
            assert_true(s[i] != '>' && s[i] != '"' && s[i] != '\'' && s[i] != '\r');
            assert_true(s[i] != '&'); /* every '&' starts a known entity */
            buf_putc(out, s[i++]);
        }
    }
}

/* From an inline diff, the text of one side: drop is "ins" to rebuild the old text, "del"
 * for the new one. Also asserts the markup: only <del>/<ins>, never nested, never empty,
 * always closed. Returns a heap string. */
static char *side_of(const char *html, const char *drop)
{
    struct buf out;
    const char *p = html;
    int in = 0, dropping = 0;
    buf_init(&out, 0);
    while (*p) {
        const char *lt = strchr(p, '<');
        size_t n = lt ? (size_t)(lt - p) : strlen(p);
        if (!dropping)
            unescape(&out, p, n);
        p += n;
        if (!lt)
            break;
        if (!in && (!strncmp(p, "<del>", 5) || !strncmp(p, "<ins>", 5))) {
            in = 1;
            dropping = !strncmp(p + 1, drop, 3);
            p += 5;
            assert_true(*p != '<' || p[1] != '/'); /* not empty */
        } else if (in && (!strncmp(p, "</del>", 6) || !strncmp(p, "</ins>", 6))) {
            in = 0;
            dropping = 0;
            p += 6;
        } else {
            fail_msg("unexpected markup at: %.40s", p);
        }
    }
    assert_false(in);
    return buf_detach(&out, NULL);
}

#define ANY_OK 100 /* expect_rc: 0 or DIFF_SIMPLIFIED */

/* Word diff of a and b, checked to rebuild both; returns the HTML (heap). */
static char *words(const char *a, const char *b, const struct diff_opts *o, int expect_rc,
                   struct diff_stats *st)
{
    struct buf out;
    struct diff_stats s;
    char *html, *ra, *rb;
    int rc;
    buf_init(&out, 0);
    rc = diff_words_html_opts(&out, a, b, o, &s);
    if (expect_rc == ANY_OK)
        assert_true(rc == 0 || rc == DIFF_SIMPLIFIED);
    else
        assert_int_equal(rc, expect_rc);
    html = buf_detach(&out, NULL);
    ra = side_of(html, "ins");
    rb = side_of(html, "del");
    assert_string_equal(ra, a);
    assert_string_equal(rb, b);
    free(ra);
    free(rb);
    if (st)
        *st = s;
    return html;
}

#define WORDS(a, b, expected)                                                                      \
    do {                                                                                           \
        char *h_ = words((a), (b), NULL, 0, NULL);                                                 \
        assert_string_equal(h_, expected);                                                         \
        free(h_);                                                                                  \
    } while (0)

/* A forward-only reader of the lines of a text (rows come in increasing line order). */
struct cursor {
    const char *t; /* start of line no */
    size_t no;     /* 1-based */
};

/* Line number no (>= the cursor's) without terminator, as a heap string. */
static char *line_of(struct cursor *c, size_t no)
{
    size_t len;
    assert_true(no >= c->no);
    while (c->no < no) {
        const char *nl = strchr(c->t, '\n');
        assert_non_null(nl);
        c->t = nl + 1;
        c->no++;
    }
    len = strcspn(c->t, "\n");
    assert_true(*c->t); /* the line exists */
    if (c->t[len] == '\n' && len && c->t[len - 1] == '\r')
        len--;
    return x_strndup(c->t, len);
}

/* Lines in t: "\n"-terminated ones plus an unterminated last one. */
static size_t lines_in(const char *t)
{
    size_t n = 0, len = strlen(t), i;
    for (i = 0; i < len; i++)
        n += t[i] == '\n';
    return n + (len && t[len - 1] != '\n');
}

/* Check a line table against both texts: every ctx/del row shows the right line of a,
 * every ctx/add row the right line of b, skip rows account for the lines in between, and
 * all lines of both texts are covered. Marks only <del> in del rows, <ins> in add rows. */
static void check_table(const char *html, const char *a, const char *b, const struct diff_stats *st)
{
    const char *p = html;
    size_t ea = 1, eb = 1, adds = 0, dels = 0, la, lb;
    struct cursor ca = {a, 1}, cb = {b, 1};
    assert_true(str_starts(p, "<table class=\"diff\">\n"));
    p += strlen("<table class=\"diff\">\n");
    while (str_starts(p, "<tr class=\"")) {
        const char *eol = strchr(p, '\n');
        char *row;
        assert_non_null(eol);
        row = x_strndup(p, (size_t)(eol - p));
        if (str_starts(row, "<tr class=\"diff-skip\">")) {
            unsigned long n;
            char tail[64];
            assert_int_equal(sscanf(row,
                                    "<tr class=\"diff-skip\"><td colspan=\"4\">\xE2\x80\xA6 "
                                    "%lu unchanged %63[^<]",
                                    &n, tail),
                             2);
            assert_string_equal(tail, n == 1 ? "line \xE2\x80\xA6" : "lines \xE2\x80\xA6");
            assert_true(str_starts(strstr(row, "</td></tr>"), "</td></tr>"));
            ea += n;
            eb += n;
        } else {
            const char *text, *end;
            char *side, *want;
            int kind = 0;
            if (str_starts(row, "<tr class=\"diff-ctx\">"))
                kind = 0;
            else if (str_starts(row, "<tr class=\"diff-del\">"))
                kind = 1;
            else if (str_starts(row, "<tr class=\"diff-add\">"))
                kind = 2;
            else
                fail_msg("bad row: %.60s", row);
            /* parse the fixed prefix by hand */
            {
                const char *q = strstr(row, "<td class=\"diff-ln\">");
                char *endp;
                unsigned long na = 0, nb = 0;
                assert_non_null(q);
                q += strlen("<td class=\"diff-ln\">");
                if (kind != 2) {
                    na = strtoul(q, &endp, 10);
                    q = endp;
                }
                assert_true(str_starts(q, "</td><td class=\"diff-ln\">"));
                q += strlen("</td><td class=\"diff-ln\">");
                if (kind != 1) {
                    nb = strtoul(q, &endp, 10);
                    q = endp;
                }
                assert_true(str_starts(q, "</td><td class=\"diff-mark\">"));
                q += strlen("</td><td class=\"diff-mark\">");
                assert_true(str_starts(q, kind == 0 ? "<" : kind == 1 ? "-<" : "+<"));
                q += kind != 0;
                assert_true(str_starts(q, "</td><td class=\"diff-text\">"));
                text = q + strlen("</td><td class=\"diff-text\">");
                end = row + strlen(row) - strlen("</td></tr>");
                assert_true(end >= text && !strcmp(end, "</td></tr>"));
                if (kind != 2) {
                    assert_int_equal(na, ea);
                    ea++;
                }
                if (kind != 1) {
                    assert_int_equal(nb, eb);
                    eb++;
                }
                {
                    char *inner = x_strndup(text, (size_t)(end - text));
                    if (kind == 0)
                        assert_null(strchr(inner, '<'));
                    if (kind == 1)
                        assert_null(strstr(inner, "<ins>"));
                    if (kind == 2)
                        assert_null(strstr(inner, "<del>"));
                    side = side_of(inner, "xxx"); /* keep both kinds: only one can occur */
                    free(inner);
                }
                want = kind == 2 ? line_of(&cb, nb) : line_of(&ca, na);
                assert_string_equal(side, want);
                free(want);
                if (kind == 0) {
                    want = line_of(&cb, nb);
                    assert_string_equal(side, want);
                    free(want);
                }
                free(side);
                dels += kind == 1;
                adds += kind == 2;
            }
        }
        free(row);
        p = eol + 1;
    }
    assert_string_equal(p, "</table>\n");
    la = lines_in(a);
    lb = lines_in(b);
    assert_int_equal(ea - 1, la);
    assert_int_equal(eb - 1, lb);
    if (st) {
        assert_int_equal(st->added, adds);
        assert_int_equal(st->removed, dels);
    }
}

/* Line diff of a and b, checked with check_table; returns the HTML (heap). */
static char *lines(const char *a, const char *b, const struct diff_opts *o, int expect_rc,
                   struct diff_stats *st)
{
    struct buf out;
    struct diff_stats s;
    char *html;
    int rc;
    buf_init(&out, 0);
    rc = diff_lines_html_opts(&out, a, b, o, &s);
    if (expect_rc == ANY_OK)
        assert_true(rc == 0 || rc == DIFF_SIMPLIFIED);
    else
        assert_int_equal(rc, expect_rc);
    html = buf_detach(&out, NULL);
    check_table(html, a, b, &s);
    if (st)
        *st = s;
    return html;
}

/* ---- word diff ---- */

static void test_words_basic(void **state)
{
    struct diff_stats st;
    char *h;
    (void)state;
    WORDS("", "", "");
    WORDS("same text\nhere", "same text\nhere", "same text\nhere");
    WORDS("", "hello world", "<ins>hello world</ins>");
    WORDS("hello world", "", "<del>hello world</del>");
    WORDS("the quick brown fox", "the quick red fox",
          "the quick <del>brown</del><ins>red</ins> fox");
    WORDS("world", "hello world", "<ins>hello </ins>world");
    WORDS("hello", "hello world", "hello<ins> world</ins>");
    WORDS("a b c", "a b c d", "a b c<ins> d</ins>");
    WORDS("one two", "zero one two", "<ins>zero </ins>one two");
    /* the blank between two changes is folded into one replacement */
    WORDS("x the cat y", "x a dog y", "x <del>the cat</del><ins>a dog</ins> y");
    /* punctuation is its own token */
    WORDS("Hello, world.", "Hello; world!",
          "Hello<del>,</del><ins>;</ins> world<del>.</del><ins>!</ins>");
    WORDS("well-known", "well known", "well<del>-</del><ins> </ins>known");

    h = words("the quick brown fox", "the slow red fox jumps", NULL, 0, &st);
    assert_int_equal(st.removed, 2);
    assert_int_equal(st.added, 3);
    assert_int_equal(st.level, DIFF_LEVEL_WORDS);
    free(h);
    h = words("same", "same", NULL, 0, &st);
    assert_int_equal(st.added + st.removed, 0);
    free(h);
}

static void test_words_null_and_plain_api(void **state)
{
    struct buf out;
    struct diff_stats st;
    (void)state;
    buf_init(&out, 0);
    assert_int_equal(diff_words_html(&out, NULL, "new", &st), 0);
    assert_string_equal(out.data, "<ins>new</ins>");
    assert_int_equal(st.added, 1);
    buf_reset(&out);
    assert_int_equal(diff_words_html(&out, "old", NULL, NULL), 0);
    assert_string_equal(out.data, "<del>old</del>");
    buf_reset(&out);
    buf_puts(&out, "kept:");
    assert_int_equal(diff_words_html(&out, "a", "b", NULL), 0); /* appends */
    assert_string_equal(out.data, "kept:<del>a</del><ins>b</ins>");
    buf_release(&out);
}

static void test_words_unicode(void **state)
{
    (void)state;
    WORDS("caf\xC3\xA9 au lait", "caf\xC3\xA9 au th\xC3\xA9",
          "caf\xC3\xA9 au <del>lait</del><ins>th\xC3\xA9</ins>");
    /* é vs è share their first byte: the whole word changes, never half a character */
    WORDS("un caf\xC3\xA9", "un caf\xC3\xA8", "un <del>caf\xC3\xA9</del><ins>caf\xC3\xA8</ins>");
    /* 日本語 テキスト -> 日本語 文章 */
    WORDS("\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E \xE3\x83\x86\xE3\x82\xAD\xE3\x82\xB9\xE3\x83\x88",
          "\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E \xE6\x96\x87\xE7\xAB\xA0",
          "\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E <del>\xE3\x83\x86\xE3\x82\xAD\xE3\x82\xB9\xE3\x83"
          "\x88</del><ins>\xE6\x96\x87\xE7\xAB\xA0</ins>");
    /* an emoji (4 bytes) inserted inside a sentence */
    WORDS("I like tea", "I like \xF0\x9F\x8D\xB5 tea", "I like <ins>\xF0\x9F\x8D\xB5 </ins>tea");
}

static void test_words_crlf(void **state)
{
    struct diff_stats st;
    char *h;
    (void)state;
    /* only the carriage returns differ; they are written as &#13; so the HTML parser does not
     * turn them into extra line breaks */
    WORDS("a b\r\nc d\r\n", "a b\nc d\n", "a b<del>&#13;</del>\nc d<del>&#13;</del>\n");
    WORDS("x\ny", "x\r\ny", "x<ins>&#13;</ins>\ny");
    WORDS("keep\r\n", "keep\r\n", "keep&#13;\n");
    h = words("a b\r\nc d\r\n", "a b\nc d\n", NULL, 0, &st);
    assert_int_equal(st.added + st.removed, 0); /* blanks are not counted */
    free(h);
}

static void test_words_escaping(void **state)
{
    (void)state;
    WORDS("<script>alert(\"x\")</script> & 'q'", "<script>alert(\"y\")</script> & 'q'",
          "&lt;script&gt;alert(&quot;<del>x</del><ins>y</ins>&quot;)&lt;/script&gt; &amp; "
          "&#39;q&#39;");
    WORDS("safe", "<script>\"&'</script>",
          "<del>safe</del><ins>&lt;script&gt;&quot;&amp;&#39;&lt;/script&gt;</ins>");
    WORDS("<b>&amp;</b>", "", "<del>&lt;b&gt;&amp;amp;&lt;/b&gt;</del>");
    WORDS("</del><ins>", "</ins><del>",
          "&lt;/<del>del</del><ins>ins</ins>&gt;&lt;<del>ins</del><ins>del</ins>&gt;");
    WORDS("a < b", "a > b", "a <del>&lt;</del><ins>&gt;</ins> b");
}

static void test_words_moved_paragraphs(void **state)
{
    const char *a = "First paragraph about apples.\n\nSecond paragraph about pears.\n\n"
                    "Third one stays.\n";
    const char *b = "Second paragraph about pears.\n\nFirst paragraph about apples.\n\n"
                    "Third one stays.\n";
    char *h = words(a, b, NULL, 0, NULL);
    (void)state;
    /* the last paragraph is untouched; some of the moved text shows on each side */
    assert_non_null(strstr(h, "Third one stays.\n"));
    assert_null(strstr(strstr(h, "Third"), "<"));
    assert_non_null(strstr(h, "<del>"));
    assert_non_null(strstr(h, "<ins>"));
    free(h);
}

static void test_words_invalid(void **state)
{
    struct buf out;
    (void)state;
    buf_init(&out, 0);
    buf_puts(&out, "x");
    assert_int_equal(diff_words_html(&out, "ok", "bad\xFF", NULL), ERR_INVALID);
    assert_int_equal(diff_words_html(&out, "\xC0\xAF", "ok", NULL), ERR_INVALID);
    assert_int_equal(diff_words_html(&out, "\xED\xA0\x80", "ok", NULL), ERR_INVALID);
    assert_int_equal(diff_lines_html(&out, "ok", "\xE2\x82", NULL), ERR_INVALID);
    assert_string_equal(out.data, "x"); /* nothing appended */
    buf_release(&out);
}

static void test_output_overflow(void **state)
{
    struct buf out;
    (void)state;
    buf_init(&out, 64);
    buf_puts(&out, "prefix");
    assert_int_equal(diff_words_html(&out, "",
                                     "a much longer text than the buffer can hold, "
                                     "written word by word",
                                     NULL),
                     ERR_TOOBIG);
    assert_string_equal(out.data, "prefix");
    buf_release(&out);
    buf_init(&out, 64);
    assert_int_equal(diff_lines_html(&out, "a\nb\nc\n", "a\nx\nc\n", NULL), ERR_TOOBIG);
    assert_int_equal(out.len, 0);
    buf_release(&out);
}

static void test_input_too_big(void **state)
{
    struct buf out;
    char *big = x_malloc(DIFF_MAX_INPUT + 2);
    (void)state;
    memset(big, 'a', DIFF_MAX_INPUT + 1);
    big[DIFF_MAX_INPUT + 1] = '\0';
    buf_init(&out, 0);
    assert_int_equal(diff_words_html(&out, big, "a", NULL), ERR_TOOBIG);
    assert_int_equal(diff_lines_html(&out, "a", big, NULL), ERR_TOOBIG);
    assert_int_equal(out.len, 0);
    buf_release(&out);
    free(big);
}

/* ---- fallbacks ---- */

/* n lines; line i is "common i" when i % 3 == 0, else tag followed by words. */
static char *make_text(size_t n, const char *tag, size_t words_per_line)
{
    struct buf b;
    size_t i, w;
    buf_init(&b, 0);
    for (i = 0; i < n; i++) {
        if (i % 3 == 0) {
            buf_printf(&b, "common %zu\n", i);
            continue;
        }
        for (w = 0; w < words_per_line; w++)
            buf_printf(&b, "%s%zu_%zu ", tag, i, w);
        buf_putc(&b, '\n');
    }
    return buf_detach(&b, NULL);
}

static void test_fallback_small_limits(void **state)
{
    char *a = make_text(30, "old", 4), *b = make_text(30, "new", 4), *h;
    struct diff_opts o = {0, 45, 0}; /* the line diff needs 40 edits, the word diff 320 */
    struct diff_stats st;
    (void)state;
    /* words: too many edits -> lines; the common lines stay unmarked */
    h = words(a, b, &o, DIFF_SIMPLIFIED, &st);
    assert_int_equal(st.level, DIFF_LEVEL_LINES);
    assert_non_null(strstr(h, "</ins>common 3\n<del>"));
    free(h);
    /* lines: too many line edits as well -> whole text */
    o.max_edits = 5;
    h = words(a, b, &o, DIFF_SIMPLIFIED, &st);
    assert_int_equal(st.level, DIFF_LEVEL_WHOLE);
    assert_true(str_starts(h, "common 0\n<del>old1_0 "));
    assert_non_null(strstr(h, "</del><ins>new1_0 "));
    free(h);
    h = lines(a, b, &o, DIFF_SIMPLIFIED, &st);
    assert_int_equal(st.level, DIFF_LEVEL_WHOLE);
    assert_int_equal(st.removed, 29);
    assert_int_equal(st.added, 29);
    assert_null(strstr(h, "<del>")); /* no word marks at this level */
    free(h);
    /* the token cap and the work cap */
    o.max_edits = 0;
    o.max_tokens = 10;
    h = words(a, b, &o, DIFF_SIMPLIFIED, &st);
    assert_int_equal(st.level, DIFF_LEVEL_WHOLE);
    free(h);
    o.max_tokens = 0;
    o.max_work = 2000;
    h = words(a, b, &o, DIFF_SIMPLIFIED, &st);
    assert_int_equal(st.level, DIFF_LEVEL_LINES);
    free(h);
    /* a pure insertion needs no search, so it is never simplified */
    o.max_edits = 1;
    h = words("", b, &o, 0, &st);
    free(h);
    free(a);
    free(b);
}

static void test_fallback_default_limits(void **state)
{
    /* 2,000 lines, two in three changed: about 16,000 word edits (too much search work for
     * DIFF_MAX_WORK), 2,666 line edits (fine) */
    char *a = make_text(2000, "old", 3), *b = make_text(2000, "new", 3), *h;
    struct buf big;
    struct diff_stats st;
    size_t i;
    (void)state;
    h = words(a, b, NULL, DIFF_SIMPLIFIED, &st);
    assert_int_equal(st.level, DIFF_LEVEL_LINES);
    free(h);
    free(a);
    free(b);
    /* 30,000 unrelated lines each: even the line diff is too big */
    buf_init(&big, 0);
    for (i = 0; i < 30000; i++)
        buf_printf(&big, "a%zu\n", i);
    a = buf_detach(&big, NULL);
    for (i = 0; i < 30000; i++)
        buf_printf(&big, "b%zu\n", i);
    b = buf_detach(&big, NULL);
    h = words(a, b, NULL, DIFF_SIMPLIFIED, &st);
    assert_int_equal(st.level, DIFF_LEVEL_WHOLE);
    free(h);
    h = lines(a, b, NULL, DIFF_SIMPLIFIED, &st);
    assert_int_equal(st.level, DIFF_LEVEL_WHOLE);
    free(h);
    free(a);
    free(b);
}

/* ---- line diff ---- */

static void test_lines_exact(void **state)
{
    struct diff_stats st;
    char *h;
    (void)state;
    h = lines("one\ntwo\nthree\n", "one\n2\nthree\n", NULL, 0, &st);
    assert_string_equal(
        h, "<table class=\"diff\">\n"
           "<tr class=\"diff-ctx\"><td class=\"diff-ln\">1</td><td class=\"diff-ln\">1</td>"
           "<td class=\"diff-mark\"></td><td class=\"diff-text\">one</td></tr>\n"
           "<tr class=\"diff-del\"><td class=\"diff-ln\">2</td><td class=\"diff-ln\"></td>"
           "<td class=\"diff-mark\">-</td><td class=\"diff-text\">two</td></tr>\n"
           "<tr class=\"diff-add\"><td class=\"diff-ln\"></td><td class=\"diff-ln\">2</td>"
           "<td class=\"diff-mark\">+</td><td class=\"diff-text\">2</td></tr>\n"
           "<tr class=\"diff-ctx\"><td class=\"diff-ln\">3</td><td class=\"diff-ln\">3</td>"
           "<td class=\"diff-mark\"></td><td class=\"diff-text\">three</td></tr>\n"
           "</table>\n");
    assert_int_equal(st.added, 1);
    assert_int_equal(st.removed, 1);
    assert_int_equal(st.level, DIFF_LEVEL_LINES);
    free(h);
    /* a changed line with words in common gets word marks */
    h = lines("the <b> quick fox\n", "the <b> slow fox\n", NULL, 0, NULL);
    assert_non_null(strstr(h, "<td class=\"diff-text\">the &lt;b&gt; <del>quick</del> fox</td>"));
    assert_non_null(strstr(h, "<td class=\"diff-text\">the &lt;b&gt; <ins>slow</ins> fox</td>"));
    free(h);
    /* nothing in common: no marks */
    h = lines("alpha beta\n", "gamma delta\n", NULL, 0, NULL);
    assert_null(strstr(h, "<del>"));
    assert_null(strstr(h, "<ins>"));
    free(h);
    h = lines("", "", NULL, 0, &st);
    assert_string_equal(h, "<table class=\"diff\">\n</table>\n");
    free(h);
    h = lines("", "x\ny", NULL, 0, &st);
    assert_int_equal(st.added, 2);
    free(h);
    h = lines("x\ny\n", "", NULL, 0, &st);
    assert_int_equal(st.removed, 2);
    free(h);
}

static void test_lines_folding(void **state)
{
    struct buf a, b;
    struct diff_stats st;
    char *h;
    size_t i;
    (void)state;
    buf_init(&a, 0);
    buf_init(&b, 0);
    for (i = 1; i <= 30; i++) {
        buf_printf(&a, "line %zu of the file\n", i);
        buf_printf(&b, i == 15 ? "changed %zu of the file\n" : "line %zu of the file\n", i);
    }
    h = lines(a.data, b.data, NULL, 0, &st);
    /* 14 lines before: 11 folded, 3 shown; 15 after: 3 shown, 12 folded */
    assert_non_null(strstr(h, "<tr class=\"diff-skip\"><td colspan=\"4\">\xE2\x80\xA6 11 unchanged "
                              "lines \xE2\x80\xA6</td></tr>\n"));
    assert_non_null(strstr(h, "\xE2\x80\xA6 12 unchanged lines \xE2\x80\xA6"));
    assert_non_null(strstr(h, ">12</td><td class=\"diff-ln\">12</td>"));
    assert_null(strstr(h, ">11</td><td class=\"diff-ln\">11</td>"));
    assert_non_null(strstr(h, ">18</td><td class=\"diff-ln\">18</td>"));
    assert_null(strstr(h, ">19</td><td class=\"diff-ln\">19</td>"));
    assert_non_null(strstr(h, "<del>line</del> 15"));
    assert_non_null(strstr(h, "<ins>changed</ins> 15"));
    free(h);
    /* identical: one skip row for a long text, all rows for a short one */
    h = lines(a.data, a.data, NULL, 0, &st);
    assert_string_equal(h, "<table class=\"diff\">\n<tr class=\"diff-skip\"><td colspan=\"4\">"
                           "\xE2\x80\xA6 30 unchanged lines \xE2\x80\xA6</td></tr>\n</table>\n");
    assert_int_equal(st.added + st.removed, 0);
    free(h);
    h = lines("a\nb\nc\n", "a\nb\nc\n", NULL, 0, NULL);
    assert_null(strstr(h, "diff-skip"));
    free(h);
    /* a run of 7 between two changes folds to "1 unchanged line" */
    h = lines("x\n1\n2\n3\n4\n5\n6\n7\ny\n", "X\n1\n2\n3\n4\n5\n6\n7\nY\n", NULL, 0, NULL);
    assert_non_null(strstr(h, "\xE2\x80\xA6 1 unchanged line \xE2\x80\xA6"));
    free(h);
    buf_release(&a);
    buf_release(&b);
}

static void test_lines_crlf_and_multiline(void **state)
{
    struct diff_stats st;
    char *h;
    (void)state;
    /* line endings do not count as changes */
    h = lines("a\r\nb\r\nc\r\n", "a\nb\nc", NULL, 0, &st);
    assert_int_equal(st.added + st.removed, 0);
    assert_null(strstr(h, "&#13;"));
    free(h);
    /* a block of two lines replaced by three: marks are cut at line ends */
    h = lines("keep\nthe red fish\nswims here\nend\n",
              "keep\nthe blue fish\nswims\nthere now\nend\n", NULL, 0, &st);
    assert_int_equal(st.removed, 2);
    assert_int_equal(st.added, 3);
    assert_non_null(strstr(h, "the <del>red</del> fish</td>"));
    assert_non_null(strstr(h, "the <ins>blue</ins> fish</td>"));
    free(h);
    /* a line split in two: the newline itself is the insertion */
    h = lines("alpha beta gamma delta\n", "alpha beta\ngamma delta\n", NULL, 0, &st);
    assert_int_equal(st.removed, 1);
    assert_int_equal(st.added, 2);
    free(h);
    h = lines("a\r\nold words here\r\nz\r\n", "a\r\nnew words here\r\nz\r\n", NULL, 0, &st);
    assert_null(strstr(h, "&#13;"));
    free(h);
    /* escaping in context, removed and added lines */
    h = lines("<script>\n\"q\" & 'r'\n", "<script>\n\"q\" & 's'\n", NULL, 0, NULL);
    assert_null(strstr(h, "<script"));
    assert_non_null(strstr(h, "&lt;script&gt;"));
    assert_non_null(strstr(h, "&quot;q&quot; &amp; &#39;<del>r</del>&#39;"));
    free(h);
}

/* ---- random property test ---- */

static uint64_t rnd(uint64_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}

static const char *const vocab[] = {
    "the",  "cat", "dog", " ",        "  ", "\t", "\n", "\r\n",        "\n\n",
    ",",    ".",   "<",   ">",        "&",  "\"", "'",  "caf\xC3\xA9", "\xE6\x97\xA5\xE6\x9C\xAC",
    "x1",   "42",  "-",   "\xC3\xA9", "\r", "a",  "b",  "&amp;",       "</del>",
    "<ins>"};

static void test_random_property(void **state)
{
    uint64_t s = 0x9E3779B97F4A7C15ULL;
    struct diff_opts tiny = {40, 6, 400};
    int round;
    (void)state;
    for (round = 0; round < 1000; round++) {
        struct buf a, b;
        size_t n = rnd(&s) % 80, i, edits = rnd(&s) % 8;
        char *h;
        buf_init(&a, 0);
        buf_init(&b, 0);
        /* a: n random pieces; b: the same pieces with some dropped, some inserted, or (one
         * round in five) unrelated pieces */
        for (i = 0; i < n; i++) {
            const char *piece = vocab[rnd(&s) % ARRAY_SIZE(vocab)];
            unsigned what = edits ? (unsigned)(rnd(&s) % 5) : 0;
            buf_puts(&a, piece);
            if (what == 1)
                continue;
            if (what == 2)
                buf_puts(&b, vocab[rnd(&s) % ARRAY_SIZE(vocab)]);
            buf_puts(&b, piece);
        }
        if (round % 5 == 0) {
            buf_reset(&b);
            for (i = rnd(&s) % 80; i > 0; i--)
                buf_puts(&b, vocab[rnd(&s) % ARRAY_SIZE(vocab)]);
        }
        h = words(a.data, b.data, NULL, 0, NULL);
        free(h);
        h = words(a.data, b.data, &tiny, ANY_OK, NULL);
        free(h);
        h = lines(a.data, b.data, NULL, 0, NULL);
        free(h);
        h = lines(a.data, b.data, &tiny, ANY_OK, NULL);
        free(h);
        buf_release(&a);
        buf_release(&b);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_words_basic),
        cmocka_unit_test(test_words_null_and_plain_api),
        cmocka_unit_test(test_words_unicode),
        cmocka_unit_test(test_words_crlf),
        cmocka_unit_test(test_words_escaping),
        cmocka_unit_test(test_words_moved_paragraphs),
        cmocka_unit_test(test_words_invalid),
        cmocka_unit_test(test_output_overflow),
        cmocka_unit_test(test_input_too_big),
        cmocka_unit_test(test_fallback_small_limits),
        cmocka_unit_test(test_fallback_default_limits),
        cmocka_unit_test(test_lines_exact),
        cmocka_unit_test(test_lines_folding),
        cmocka_unit_test(test_lines_crlf_and_multiline),
        cmocka_unit_test(test_random_property),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
