/* Tests for the pure helpers of src/domain/import.c: the site URL from a dump directory's
 * name and from --site-url, imported account names, close reasons and the HTML-to-text
 * fallback for bodies without Markdown source. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "domain/import.h"
#include "core/util.h"

static void test_site(void **state)
{
    struct arena a;
    const char *s = NULL;
    (void)state;
    arena_init(&a);
    assert_string_equal(import_site_from_dir(&a, "/x/beer"), "https://beer.stackexchange.com");
    assert_string_equal(import_site_from_dir(&a, "data/conlang/"),
                        "https://conlang.stackexchange.com");
    assert_string_equal(import_site_from_dir(&a, "dumps/beer.stackexchange.com"),
                        "https://beer.stackexchange.com");
    assert_string_equal(import_site_from_dir(&a, "dumps/bicycles.meta"),
                        "https://bicycles.meta.stackexchange.com");
    assert_string_equal(import_site_from_dir(&a, "bicycles.meta.stackexchange.com"),
                        "https://bicycles.meta.stackexchange.com");
    assert_string_equal(import_site_from_dir(&a, "/d/stackoverflow.com/"),
                        "https://stackoverflow.com");
    assert_string_equal(import_site_from_dir(&a, "meta.serverfault.com"),
                        "https://meta.serverfault.com");
    assert_string_equal(import_site_from_dir(&a, "mathoverflow.net"), "https://mathoverflow.net");
    assert_null(import_site_from_dir(&a, "/tmp/beer.backup"));
    assert_null(import_site_from_dir(&a, "/tmp/a.b.meta"));
    assert_null(import_site_from_dir(&a, "/tmp/My Dump"));
    assert_null(import_site_from_dir(&a, "/tmp/.hidden"));
    assert_null(import_site_from_dir(&a, ""));
    assert_int_equal(import_site_check(&a, "https://beer.stackexchange.com/", &s), 0);
    assert_string_equal(s, "https://beer.stackexchange.com");
    assert_int_equal(import_site_check(&a, "http://127.0.0.1:8080", &s), 0);
    assert_int_equal(import_site_check(&a, "https://x.org/path", &s), -1);
    assert_int_equal(import_site_check(&a, "javascript:alert(1)", &s), -1);
    assert_int_equal(import_site_check(&a, "https://a\"b", &s), -1);
    assert_int_equal(import_site_check(&a, "https://", &s), -1);
    arena_release(&a);
}

static void test_names(void **state)
{
    char n[64];
    (void)state;
    import_user_name("beer", 38, n, sizeof(n));
    assert_string_equal(n, "beer-38");
    import_user_name("beer", -1, n, sizeof(n));
    assert_string_equal(n, "beer-m1");
    import_user_name("a-very-long-community-slug-indeed", 1234567, n, sizeof(n));
    assert_true(strlen(n) <= 30);
    assert_string_equal(import_close_reason("101"), "duplicate");
    assert_string_equal(import_close_reason("105"), "opinion-based");
    assert_string_equal(import_close_reason("zzz"), "closed");
    assert_string_equal(import_close_reason(NULL), "closed");
}

static void test_html_text(void **state)
{
    struct buf b;
    (void)state;
    buf_init(&b, 0);
    import_html_text(&b, "<p>One &amp; &lt;two&gt;</p><p>Three<br/>four</p>");
    assert_string_equal(b.data, "One & <two>\n\nThree\n\nfour\n\n");
    buf_reset(&b);
    import_html_text(&b, "a <unclosed");
    assert_string_equal(b.data, "a ");
    buf_reset(&b);
    import_html_text(&b, "&bogus; &#39;");
    assert_string_equal(b.data, "&bogus; '");
    buf_release(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_site),
        cmocka_unit_test(test_names),
        cmocka_unit_test(test_html_text),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
