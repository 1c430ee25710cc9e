/* Tests for src/core/utf8.c: valid sequences at every length boundary, overlongs, surrogates,
 * values past U+10FFFF, truncation, stray continuation bytes, counting, and control checks. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "core/utf8.h"
#include "core/util.h"

struct vcase {
    const char *s;
    int valid;
};

static void test_valid_table(void **state)
{
    static const struct vcase cases[] = {
        {"", 1},
        {"ascii only", 1},
        {"\x7F", 1},
        {"\xC2\x80", 1},                 /* U+0080, smallest 2-byte */
        {"\xDF\xBF", 1},                 /* U+07FF */
        {"\xE0\xA0\x80", 1},             /* U+0800, smallest 3-byte */
        {"\xED\x9F\xBF", 1},             /* U+D7FF, just below the surrogates */
        {"\xEE\x80\x80", 1},             /* U+E000, just above */
        {"\xEF\xBF\xBF", 1},             /* U+FFFF */
        {"\xF0\x90\x80\x80", 1},         /* U+10000, smallest 4-byte */
        {"\xF4\x8F\xBF\xBF", 1},         /* U+10FFFF, the largest */
        {"\xC0\x80", 0},                 /* overlong NUL */
        {"\xC1\xBF", 0},                 /* overlong */
        {"\xC0\xAF", 0},                 /* overlong '/' */
        {"\xE0\x80\xAF", 0},             /* overlong '/' in 3 bytes */
        {"\xE0\x9F\xBF", 0},             /* overlong U+07FF */
        {"\xF0\x80\x80\xAF", 0},         /* overlong '/' in 4 bytes */
        {"\xF0\x8F\xBF\xBF", 0},         /* overlong U+FFFF */
        {"\xED\xA0\x80", 0},             /* U+D800 */
        {"\xED\xBF\xBF", 0},             /* U+DFFF */
        {"\xED\xA0\x80\xED\xB0\x80", 0}, /* CESU-8 surrogate pair */
        {"\xF4\x90\x80\x80", 0},         /* U+110000 */
        {"\xF5\x80\x80\x80", 0},
        {"\xF8\x88\x80\x80\x80", 0}, /* 5-byte form */
        {"\xFE", 0},
        {"\xFF", 0},
        {"\x80", 0}, /* lone continuation */
        {"a\xBFz", 0},
        {"\xC3", 0}, /* truncated */
        {"\xE2\x82", 0},
        {"\xF0\x9F\x98", 0},
        {"\xC3(", 0}, /* bad continuation */
        {"\xE2(\xA1", 0},
        {"caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80", 1},
    };
    size_t i;
    (void)state;
    for (i = 0; i < ARRAY_SIZE(cases); i++)
        if (utf8_valid(cases[i].s, strlen(cases[i].s)) != cases[i].valid)
            fail_msg("utf8_valid case %zu: expected %d", i, cases[i].valid);
    assert_true(utf8_valid("a\0b", 3));      /* NUL is a valid code point */
    assert_false(utf8_valid("\xC3\xA9", 1)); /* n cuts the sequence */
}

static void test_decode(void **state)
{
    unsigned cp = 0;
    (void)state;
    assert_int_equal(utf8_decode("A", 1, &cp), 1);
    assert_int_equal(cp, 'A');
    assert_int_equal(utf8_decode("\xC3\xA9", 2, &cp), 2);
    assert_int_equal(cp, 0xE9);
    assert_int_equal(utf8_decode("\xE2\x82\xAC", 3, &cp), 3);
    assert_int_equal(cp, 0x20AC);
    assert_int_equal(utf8_decode("\xF0\x9F\x98\x80", 4, &cp), 4);
    assert_int_equal(cp, 0x1F600);
    assert_int_equal(utf8_decode("\xF0\x9F\x98\x80", 3, &cp), 0);
    assert_int_equal(utf8_decode("", 0, &cp), 0);
    assert_int_equal(utf8_decode("\xED\xA0\x80", 3, &cp), 0);
    assert_int_equal(utf8_decode("\xC0\x80", 2, &cp), 0);
}

static void test_chars(void **state)
{
    (void)state;
    assert_int_equal(utf8_chars("", 0), 0);
    assert_int_equal(utf8_chars("abc", 3), 3);
    assert_int_equal(utf8_chars("caf\xC3\xA9", 5), 4);
    assert_int_equal(utf8_chars("\xF0\x9F\x98\x80\xE2\x82\xAC", 7), 2);
}

static void test_controls(void **state)
{
    (void)state;
    assert_false(utf8_has_controls("plain text", 0));
    assert_false(utf8_has_controls("tab\tok", 0));
    assert_true(utf8_has_controls("line\nbreak", 0));
    assert_true(utf8_has_controls("cr\r", 0));
    assert_false(utf8_has_controls("line\nbreak\r\n", 1));
    assert_true(utf8_has_controls("bell\a", 1));
    assert_true(utf8_has_controls("esc\x1b[31m", 1));
    assert_true(utf8_has_controls("del\x7f", 1));
    assert_true(utf8_has_controls("c1 \xC2\x85", 1));   /* U+0085 NEL */
    assert_true(utf8_has_controls("c1 \xC2\x9B", 1));   /* U+009B CSI */
    assert_false(utf8_has_controls("\xC2\xA0nbsp", 0)); /* U+00A0 is not a control */
    assert_false(utf8_has_controls("caf\xC3\xA9", 0));
    assert_false(utf8_has_controls("", 0));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_valid_table),
        cmocka_unit_test(test_decode),
        cmocka_unit_test(test_chars),
        cmocka_unit_test(test_controls),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
