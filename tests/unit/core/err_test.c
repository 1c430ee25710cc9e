/* Tests for src/core/err.c: the code table (statuses, names), out-of-range codes, and
 * error_set with and without an errinfo. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "core/err.h"
#include "core/util.h"

static void test_table(void **state)
{
    int code;
    (void)state;
    assert_int_equal(err_http_status(ERR_OK), 200);
    assert_int_equal(err_http_status(ERR_INVALID), 400);
    assert_int_equal(err_http_status(ERR_NOTFOUND), 404);
    assert_int_equal(err_http_status(ERR_PERM), 403);
    assert_int_equal(err_http_status(ERR_CONFLICT), 409);
    assert_int_equal(err_http_status(ERR_TOOBIG), 413);
    assert_int_equal(err_http_status(ERR_DB), 500);
    assert_int_equal(err_http_status(ERR_AUTH), 401);
    assert_int_equal(err_http_status(ERR_RATE), 429);
    assert_int_equal(err_http_status(ERR_METHOD), 405);
    assert_int_equal(err_http_status(ERR_CSRF), 403);
    assert_int_equal(err_http_status(ERR_INTERNAL), 500);
    assert_int_equal(err_http_status(ERR_UNAVAILABLE), 503);
    assert_string_equal(err_name(ERR_NOTFOUND), "not_found");
    assert_string_equal(err_name(ERR_CSRF), "csrf");
    for (code = 0; code > ERR__MIN; code--) { /* every code has a name and a message */
        assert_true(strlen(err_name((enum err)code)) > 0);
        assert_true(strlen(err_default_message((enum err)code)) > 0);
    }
    /* out of range maps to internal */
    assert_int_equal(err_http_status(ERR__MIN), 500);
    assert_string_equal(err_name((enum err)5), "internal");
    assert_string_equal(err_name((enum err) - 1000), "internal");
}

static void test_error_set(void **state)
{
    struct errinfo e;
    char longfield[200];
    (void)state;
    error_clear(&e);
    assert_int_equal(e.code, ERR_OK);
    assert_int_equal(error_set(&e, ERR_INVALID, "slug", "A slug is %d to %d characters.", 2, 40),
                     ERR_INVALID);
    assert_int_equal(e.code, ERR_INVALID);
    assert_string_equal(e.msg, "A slug is 2 to 40 characters.");
    assert_string_equal(e.field, "slug");
    assert_int_equal(error_set(NULL, ERR_PERM, NULL, "x"), ERR_PERM);
    memset(longfield, 'f', sizeof(longfield) - 1);
    longfield[sizeof(longfield) - 1] = '\0';
    error_set(&e, ERR_CONFLICT, longfield, "%s", longfield); /* truncated, terminated */
    assert_int_equal(strlen(e.field), sizeof(e.field) - 1);
    assert_int_equal(strlen(e.msg), 199);
    error_set(&e, ERR_DB, NULL, NULL);
    assert_string_equal(e.field, "");
    assert_string_equal(e.msg, "");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_table),
        cmocka_unit_test(test_error_set),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
