/* Unit tests for the pure pieces of src/domain/thread.c and thread_list.c: list cursors
 * (round trip, tampering, hostile strings, keys and orders), tag parsing (limit of 5, case folding,
 * bad characters), title and body validation, and the name/parse tables. @mentions are found by the
 * Markdown renderer (tests/unit/core/markdown_test.c tests the hook). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <cmocka.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/markdown.h"
#include "core/rand.h"
#include "domain/thread.h"
#include "core/util.h"

static void test_cursor_roundtrip(void **state)
{
    struct arena a;
    struct thread_cursor c = {1, 1700000000, 42}, d, neg = {0, -17, 9};
    const char *s;
    (void)state;
    arena_init(&a);
    s = thread_cursor_encode(&a, "k", "pinned", &c);
    assert_int_equal(thread_cursor_decode("k", "pinned", s, &d), 0);
    assert_true(d.a == 1 && d.b == 1700000000 && d.id == 42);
    /* another key or another order: refused */
    assert_int_equal(thread_cursor_decode("other", "pinned", s, &d), -1);
    assert_int_equal(thread_cursor_decode("k", "score", s, &d), -1);
    assert_int_equal(thread_cursor_decode(NULL, "pinned", s, &d), -1);
    /* negative scores survive */
    s = thread_cursor_encode(&a, NULL, "score", &neg);
    assert_int_equal(thread_cursor_decode(NULL, "score", s, &d), 0);
    assert_true(d.b == -17 && d.id == 9 && d.a == 0);
    arena_release(&a);
}

static void test_cursor_hostile(void **state)
{
    struct arena a;
    struct thread_cursor c = {0, 1700000000, 42}, d;
    const char *s;
    char buf[256], big[600];
    size_t i;
    static const char *const bad[] = {
        "",
        ".",
        "...",
        "1.2.3",
        "1.2.3.",
        "1.2.3.0123456789abcdef0",
        "x.2.3.0123456789abcdef",
        "0.1700000000.42.zzzzzzzzzzzzzzzz",
        "0.1700000000.0.0123456789abcdef",
        "2.1700000000.42.0123456789abcdef",
        "-1.1.1.0123456789abcdef",
        "0.99999999999999999999999.1.0123456789abcdef",
        "0.+5.1.0123456789abcdef",
        "0.1 .1.0123456789abcdef",
        "0.1.1.0123456789ABCDEF",
        "0.1.1.01234567\n9abcdef",
        "' OR 1=1 --",
        "%00",
        "0..1.0123456789abcdef",
    };
    (void)state;
    arena_init(&a);
    s = thread_cursor_encode(&a, "k", "activity", &c);
    for (i = 0; i < ARRAY_SIZE(bad); i++)
        if (thread_cursor_decode("k", "activity", bad[i], &d) != -1)
            fail_msg("cursor '%s' accepted", bad[i]);
    assert_int_equal(thread_cursor_decode("k", "activity", NULL, &d), -1);
    /* every single-character change of a valid cursor is refused */
    for (i = 0; s[i]; i++) {
        const char *alts = "0123456789abcdef.-";
        size_t j;
        for (j = 0; alts[j]; j++) {
            if (alts[j] == s[i])
                continue;
            str_copy(buf, s, sizeof(buf));
            buf[i] = alts[j];
            if (thread_cursor_decode("k", "activity", buf, &d) == 0)
                fail_msg("tampered cursor '%s' (from '%s') accepted", buf, s);
        }
    }
    memset(big, '1', sizeof(big) - 1);
    big[sizeof(big) - 1] = '\0';
    assert_int_equal(thread_cursor_decode("k", "activity", big, &d), -1);
    arena_release(&a);
}

static void test_tags_parse(void **state)
{
    struct arena a;
    struct errinfo e;
    const char **t;
    size_t n;
    (void)state;
    arena_init(&a);
    assert_int_equal(thread_tags_parse(&a, "Alpha, beta  gamma,alpha", &t, &n, &e), 0);
    assert_int_equal(n, 3);
    assert_string_equal(t[0], "alpha");
    assert_string_equal(t[2], "gamma");
    assert_int_equal(thread_tags_parse(&a, "", &t, &n, &e), 0);
    assert_int_equal(n, 0);
    assert_int_equal(thread_tags_parse(&a, NULL, &t, &n, &e), 0);
    assert_int_equal(thread_tags_parse(&a, "a b c d e", &t, &n, &e), 0);
    assert_int_equal(n, 5);
    error_clear(&e);
    assert_int_equal(thread_tags_parse(&a, "a b c d e f", &t, &n, &e), ERR_INVALID);
    assert_string_equal(e.field, "tags");
    assert_int_equal(thread_tags_parse(&a, "<b>x</b>", &t, &n, &e), ERR_INVALID);
    assert_int_equal(thread_tags_parse(&a, "caf\xC3\xA9", &t, &n, &e), ERR_INVALID);
    assert_int_equal(thread_tags_parse(&a, "abcdefghijabcdefghijabcdefghijabcdefghij", &t, &n, &e),
                     ERR_INVALID);
    arena_release(&a);
}

static void test_title_body(void **state)
{
    struct arena a;
    struct errinfo e;
    const char *t;
    char big[THREAD_BODY_MAX + 2];
    (void)state;
    arena_init(&a);
    assert_int_equal(thread_title_check(&a, "  How do I graft?  ", &t, &e), 0);
    assert_string_equal(t, "How do I graft?");
    assert_int_equal(thread_title_check(&a, "short", &t, &e), ERR_INVALID);
    assert_string_equal(e.field, "title");
    assert_int_equal(thread_title_check(&a, "          x         ", &t, &e), ERR_INVALID);
    assert_int_equal(thread_title_check(&a, "A title with\na newline", &t, &e), ERR_INVALID);
    assert_int_equal(thread_title_check(&a, "Invalid \xff UTF-8 here", &t, &e), ERR_INVALID);
    assert_int_equal(thread_title_check(&a, NULL, &t, &e), ERR_INVALID);
    /* 10 code points of 2 bytes each is fine; 201 is not */
    assert_int_equal(thread_title_check(&a,
                                        "\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9"
                                        "\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9",
                                        &t, &e),
                     0);
    memset(big, 'x', 201);
    big[201] = '\0';
    assert_int_equal(thread_title_check(&a, big, &t, &e), ERR_INVALID);
    big[200] = '\0';
    assert_int_equal(thread_title_check(&a, big, &t, &e), 0);

    assert_int_equal(thread_body_check("hello", &e), 0);
    assert_int_equal(thread_body_check("line\nline\ttab", &e), 0);
    assert_int_equal(thread_body_check("  \n\t ", &e), ERR_INVALID);
    assert_int_equal(thread_body_check(NULL, &e), ERR_INVALID);
    assert_int_equal(thread_body_check("bad \x01 control", &e), ERR_INVALID);
    assert_int_equal(thread_body_check("bad \xc0\xaf utf8", &e), ERR_INVALID);
    memset(big, 'x', sizeof(big) - 1);
    big[sizeof(big) - 1] = '\0';
    assert_int_equal(thread_body_check(big, &e), ERR_TOOBIG);
    assert_string_equal(e.field, "body");
    big[THREAD_BODY_MAX] = '\0';
    assert_int_equal(thread_body_check(big, &e), 0);
    arena_release(&a);
}

static void test_names_tables(void **state)
{
    enum thread_kind k;
    enum thread_list_kind l;
    enum thread_period p;
    enum thread_mod_action m;
    int i;
    (void)state;
    for (i = 0; i < THREAD_KIND__MAX; i++) {
        assert_int_equal(thread_kind_parse(thread_kind_name((enum thread_kind)i), &k), 0);
        assert_int_equal((int)k, i);
    }
    for (i = 0; i < TL__MAX; i++) {
        assert_int_equal(thread_list_parse(thread_list_name((enum thread_list_kind)i), &l), 0);
        assert_int_equal((int)l, i);
    }
    for (i = 0; i < PERIOD__MAX; i++) {
        assert_int_equal(thread_period_parse(thread_period_name((enum thread_period)i), &p), 0);
        assert_int_equal((int)p, i);
    }
    for (i = 0; i < MOD__MAX; i++) {
        assert_int_equal(thread_mod_parse(thread_mod_name((enum thread_mod_action)i), &m), 0);
        assert_int_equal((int)m, i);
    }
    assert_int_equal(thread_kind_parse("Question", &k), -1);
    assert_int_equal(thread_kind_parse(NULL, &k), -1);
    assert_int_equal(thread_list_parse("", &l), -1);
    assert_int_equal(thread_period_parse("decade", &p), -1);
    assert_int_equal(thread_mod_parse("delete", &m), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cursor_roundtrip), cmocka_unit_test(test_cursor_hostile),
        cmocka_unit_test(test_tags_parse),       cmocka_unit_test(test_title_body),
        cmocka_unit_test(test_names_tables),
    };
    if (rand_init() < 0)
        return 1;
    return cmocka_run_group_tests(tests, NULL, NULL);
}
