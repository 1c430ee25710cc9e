/* Tests for src/core/util.c: str_copy truncation, str_eq with NULLs, str_starts,
 * str_to_i64 edge cases, and the x_ allocators. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/util.h"

static void test_str_copy(void **state)
{
    char d[4];
    (void)state;
    assert_int_equal(str_copy(d, "ab", sizeof(d)), 2);
    assert_string_equal(d, "ab");
    assert_int_equal(str_copy(d, "abcdef", sizeof(d)), 6); /* returns strlen(src) */
    assert_string_equal(d, "abc");
    assert_int_equal(str_copy(d, "", sizeof(d)), 0);
    assert_string_equal(d, "");
    d[0] = 'z';
    assert_int_equal(str_copy(d, "abc", 0), 3); /* size 0 writes nothing */
    assert_int_equal(d[0], 'z');
}

static void test_str_eq_starts(void **state)
{
    (void)state;
    assert_true(str_eq(NULL, NULL));
    assert_false(str_eq("a", NULL));
    assert_false(str_eq(NULL, "a"));
    assert_true(str_eq("abc", "abc"));
    assert_false(str_eq("abc", "abd"));
    assert_true(str_starts("abcdef", "abc"));
    assert_true(str_starts("abc", ""));
    assert_false(str_starts("ab", "abc"));
}

static void test_str_to_i64(void **state)
{
    int64_t v = 0;
    (void)state;
    assert_int_equal(str_to_i64("0", &v), 0);
    assert_int_equal(v, 0);
    assert_int_equal(str_to_i64("-42", &v), 0);
    assert_int_equal(v, -42);
    assert_int_equal(str_to_i64("9223372036854775807", &v), 0);
    assert_true(v == INT64_MAX);
    assert_int_equal(str_to_i64("-9223372036854775808", &v), 0);
    assert_true(v == INT64_MIN);
    assert_int_equal(str_to_i64("9223372036854775808", &v), -1); /* overflow */
    assert_int_equal(str_to_i64("", &v), -1);
    assert_int_equal(str_to_i64(NULL, &v), -1);
    assert_int_equal(str_to_i64(" 1", &v), -1);
    assert_int_equal(str_to_i64("1 ", &v), -1);
    assert_int_equal(str_to_i64("+1", &v), -1);
    assert_int_equal(str_to_i64("-", &v), -1);
    assert_int_equal(str_to_i64("0x10", &v), -1);
    assert_int_equal(str_to_i64("12a", &v), -1);
}

static void test_alloc(void **state)
{
    char *p;
    int *z;
    (void)state;
    p = x_strdup("hello");
    assert_string_equal(p, "hello");
    free(p);
    p = x_strndup("hello", 2);
    assert_string_equal(p, "he");
    free(p);
    z = x_calloc(10, sizeof(int));
    assert_int_equal(z[9], 0);
    z = x_realloc(z, 100 * sizeof(int));
    assert_int_equal(z[9], 0);
    free(z);
    free(x_malloc(0)); /* zero-size allocations return a freeable pointer */
}

static void test_natcmp(void **state)
{
    (void)state;
    assert_true(str_natcmp("beer-2", "beer-10") < 0);
    assert_true(str_natcmp("beer-10", "beer-2") > 0);
    assert_true(str_natcmp("Beer", "beer") == 0);
    assert_true(str_natcmp("a", "B") < 0);
    assert_true(str_natcmp("x7", "x007") < 0);
    assert_true(str_natcmp("x7y", "x7") > 0);
    assert_true(str_natcmp("", "a") < 0);
    assert_true(str_natcmp("99999999999999999999999", "100000000000000000000000") < 0);
    assert_true(str_natcmp("a2b10", "a2b9") > 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_natcmp),        cmocka_unit_test(test_str_copy),
        cmocka_unit_test(test_str_eq_starts), cmocka_unit_test(test_str_to_i64),
        cmocka_unit_test(test_alloc),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
