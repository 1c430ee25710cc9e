/* Tests for src/http/input.c on hand-built requests: route captures as ids (positive only,
 * whole numbers only, out-of-range capture index), lenient link integers (absent, garbage,
 * out of bounds, form before query) and strict integers (ERR_INVALID naming the field). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "core/arena.h"
#include "http/http.h"
#include "core/util.h"

static struct arena A;
static struct req R;

static int setup(void **state)
{
    (void)state;
    arena_init(&A);
    memset(&R, 0, sizeof(R));
    R.arena = &A;
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    arena_release(&A);
    return 0;
}

static void test_param_id(void **state)
{
    const char *cases[] = {"0", "-3", "", "12x", "x", "+5", " 5", "99999999999999999999"};
    int64_t id = 0;
    (void)state;
    R.params[0] = "42";
    R.params[1] = "9223372036854775807";
    R.nparams = 2;
    assert_int_equal(req_param_id(&R, 0, "No such page.", &id), 0);
    assert_int_equal(id, 42);
    assert_int_equal(req_param_id(&R, 1, "No such page.", &id), 0);
    assert_int_equal(id, INT64_MAX);
    assert_int_equal(req_param_id(&R, 2, "No such page.", &id), ERR_NOTFOUND);
    assert_string_equal(R.err.msg, "No such page.");
    for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
        int64_t v;
        error_clear(&R.err);
        R.params[0] = cases[i];
        if (str_to_i64(cases[i], &v) == 0 && v > 0)
            continue; /* whatever str_to_i64 accepts as positive is an id */
        assert_int_equal(req_param_id(&R, 0, "No %s here", &id), ERR_NOTFOUND);
        assert_string_equal(R.err.msg, "No %s here"); /* msg is text, not a format */
    }
}

static void test_int_lenient(void **state)
{
    struct kv q[] = {{"page", "3"}, {"neg", "-1"}, {"big", "100001"}, {"bad", "2x"}, {"b", "7"}};
    struct kv f[] = {{"b", "5"}};
    (void)state;
    R.query = q;
    R.nquery = ARRAY_SIZE(q);
    assert_int_equal(req_int(&R, "page", 1, 1, 10000), 3);
    assert_int_equal(req_int(&R, "absent", 1, 1, 10000), 1);
    assert_int_equal(req_int(&R, "neg", 1, 1, 10000), 1);
    assert_int_equal(req_int(&R, "big", 9, 1, 100000), 9);
    assert_int_equal(req_int(&R, "bad", 0, 1, INT64_MAX), 0);
    assert_int_equal(req_int(&R, "neg", 0, -1, 1), -1);
    R.form = f;
    R.nform = 1;
    assert_int_equal(req_int(&R, "b", 0, 1, 10), 5); /* form before query */
    assert_int_equal(R.err.code, 0);                 /* never an error */
}

static void test_int_strict(void **state)
{
    struct kv q[] = {{"limit", "20"}, {"offset", "-1"}, {"empty", ""}, {"bad", "1.5"}};
    int64_t v = 0;
    (void)state;
    R.query = q;
    R.nquery = ARRAY_SIZE(q);
    assert_int_equal(req_query_int(&R, "limit", 50, 1, 100, &v), 0);
    assert_int_equal(v, 20);
    assert_int_equal(req_query_int(&R, "absent", 50, 1, 100, &v), 0);
    assert_int_equal(v, 50);
    assert_int_equal(req_query_int(&R, "empty", 50, 1, 100, &v), 0); /* "" is absent */
    assert_int_equal(v, 50);
    assert_int_equal(req_query_int(&R, "offset", 0, 0, INT64_MAX, &v), ERR_INVALID);
    assert_string_equal(R.err.field, "offset");
    error_clear(&R.err);
    assert_int_equal(req_query_int(&R, "bad", 0, 0, 10, &v), ERR_INVALID);
    assert_string_equal(R.err.field, "bad");
    assert_non_null(strstr(R.err.msg, "from 0 to 10"));
    error_clear(&R.err);
    assert_int_equal(req_int_value(&R, "count", "7", 1, 1, 500, &v), 0);
    assert_int_equal(v, 7);
    assert_int_equal(req_int_value(&R, "count", "501", 1, 1, 500, &v), ERR_INVALID);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_param_id, setup, teardown),
        cmocka_unit_test_setup_teardown(test_int_lenient, setup, teardown),
        cmocka_unit_test_setup_teardown(test_int_strict, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
