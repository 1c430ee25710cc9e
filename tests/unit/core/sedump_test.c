/* Tests for src/core/sedump.c: rows delivered across split feeds, only <row> children of the
 * root, entities unescaped, malformed and truncated XML reported with a line, DTDs refused,
 * a callback's error stopping the parse, and the value parsers (int, time, tags). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/sedump.h"
#include "core/util.h"

struct got {
    int n;
    char ids[8][16];
    char text[64];
    int stop_at;
};

static int on_row(void *ud, const char **attrs)
{
    struct got *g = ud;
    const char *id = sedump_attr(attrs, "Id"), *t = sedump_attr(attrs, "Text");
    if (g->n < 8)
        str_copy(g->ids[g->n], id ? id : "-", sizeof(g->ids[0]));
    if (t)
        str_copy(g->text, t, sizeof(g->text));
    g->n++;
    if (g->stop_at && g->n == g->stop_at)
        return ERR_CONFLICT;
    return 0;
}

/* Feed s in pieces of k bytes. */
static int feed(const char *s, size_t k, struct got *g, struct errinfo *e, unsigned long *line)
{
    struct sedump *p = sedump_new(on_row, g);
    size_t n = strlen(s), off = 0;
    int rc = 0;
    while (off < n && rc == 0) {
        size_t m = n - off < k ? n - off : k;
        rc = sedump_feed(p, s + off, m, 0, e);
        off += m;
    }
    if (rc == 0)
        rc = sedump_feed(p, NULL, 0, 1, e);
    if (line)
        *line = sedump_line(p);
    assert_int_equal(sedump_rows(p), (uint64_t)g->n);
    sedump_free(p);
    return rc;
}

static const char DOC[] = "\xEF\xBB\xBF<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<posts>\n"
                          "  <row Id=\"1\" Text=\"a &lt;b&gt; &amp; &quot;c&quot;&#xA;d\" />\n"
                          "  <other Id=\"9\" />\n"
                          "  <row Id=\"2\"><row Id=\"nested\" /></row>\n"
                          "  <row Id=\"3\" />\n</posts>\n";

static void test_rows(void **state)
{
    size_t k;
    (void)state;
    for (k = 1; k < sizeof(DOC); k += 7) {
        struct got g = {0};
        struct errinfo e = {0};
        assert_int_equal(feed(DOC, k, &g, &e, NULL), 0);
        assert_int_equal(g.n, 3);
        assert_string_equal(g.ids[0], "1");
        assert_string_equal(g.ids[1], "2");
        assert_string_equal(g.ids[2], "3");
        assert_string_equal(g.text, "a <b> & \"c\"\nd");
    }
}

static void test_errors(void **state)
{
    struct got g = {0};
    struct errinfo e = {0};
    unsigned long line = 0;
    (void)state;
    /* unquoted attribute on line 3 */
    assert_int_equal(
        feed("<?xml version=\"1.0\"?>\n<posts>\n<row Id=1 />\n</posts>", 5, &g, &e, &line),
        ERR_INVALID);
    assert_true(str_starts(e.msg, "line 3: "));
    /* truncated: the root never closes */
    memset(&g, 0, sizeof(g));
    assert_int_equal(feed("<posts>\n<row Id=\"1\" />\n<row Id=\"2\" Te", 4, &g, &e, NULL),
                     ERR_INVALID);
    assert_true(str_starts(e.msg, "line 3: "));
    assert_int_equal(g.n, 1);
    /* document type declarations (entity expansion) are refused */
    memset(&g, 0, sizeof(g));
    assert_int_equal(
        feed("<?xml version=\"1.0\"?>\n<!DOCTYPE p [<!ENTITY a \"b\">]>\n<p/>", 64, &g, &e, NULL),
        ERR_INVALID);
    assert_non_null(strstr(e.msg, "document type declaration"));
    /* a callback error stops the parse and is returned as is */
    memset(&g, 0, sizeof(g));
    g.stop_at = 2;
    assert_int_equal(feed(DOC, 1000, &g, &e, NULL), ERR_CONFLICT);
    assert_int_equal(g.n, 2);
    /* empty input */
    memset(&g, 0, sizeof(g));
    assert_int_equal(feed("", 10, &g, &e, NULL), ERR_INVALID);
}

static void test_values(void **state)
{
    int64_t v = 0;
    (void)state;
    assert_int_equal(sedump_int("42", &v), 0);
    assert_int_equal(v, 42);
    assert_int_equal(sedump_int("-1", &v), 0);
    assert_int_equal(v, -1);
    assert_int_equal(sedump_int("", &v), -1);
    assert_int_equal(sedump_int(NULL, &v), -1);
    assert_int_equal(sedump_int("12a", &v), -1);
    assert_int_equal(sedump_time("2018-02-06T20:19:50.957", &v), 0);
    assert_int_equal(v, 1517948390);
    assert_int_equal(sedump_time("1970-01-01T00:00:00", &v), 0);
    assert_int_equal(v, 0);
    assert_int_equal(sedump_time("2020-02-29T00:00:00Z", &v), 0);
    assert_int_equal(sedump_time("2019-02-29T00:00:00", &v), -1);
    assert_int_equal(sedump_time("2018-13-01T00:00:00", &v), -1);
    assert_int_equal(sedump_time("2018-02-06 20:19:50", &v), -1);
    assert_int_equal(sedump_time("2018-02-06T20:19:50.", &v), -1);
    assert_int_equal(sedump_time("2018-02-06T20:19:50x", &v), -1);
    assert_int_equal(sedump_time("1969-12-31T23:59:59", &v), -1);
    assert_int_equal(sedump_time(NULL, &v), -1);
}

static void test_tags(void **state)
{
    struct arena a;
    const char *t[5];
    char one[32];
    size_t n;
    (void)state;
    arena_init(&a);
    n = sedump_tags(&a, "<discussion><on-topic>", t, 5);
    assert_int_equal(n, 2);
    assert_string_equal(t[0], "discussion");
    assert_string_equal(t[1], "on-topic");
    n = sedump_tags(&a, "|c++|.net|C#|Beer Styles|c++|", t, 5);
    assert_int_equal(n, 4);
    assert_string_equal(t[0], "cpp");
    assert_string_equal(t[1], "dotnet");
    assert_string_equal(t[2], "csharp");
    assert_string_equal(t[3], "beer-styles");
    n = sedump_tags(&a, "<a><b><c><d><e><f><g>", t, 5);
    assert_int_equal(n, 5);
    assert_int_equal(sedump_tags(&a, "<><||>< --- >", t, 5), 0);
    assert_int_equal(sedump_tags(&a, NULL, t, 5), 0);
    assert_int_equal(
        sedump_tag_norm("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", 41, one, sizeof(one)), 30);
    assert_int_equal(sedump_tag_norm("-x--y-", 6, one, sizeof(one)), 3);
    assert_string_equal(one, "x-y");
    assert_int_equal(sedump_tag_norm("\xC3\xA9t\xC3\xA9", 6, one, sizeof(one)), 1);
    assert_string_equal(one, "t");
    arena_release(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rows),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_values),
        cmocka_unit_test(test_tags),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
