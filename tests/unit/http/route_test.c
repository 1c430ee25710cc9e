/* Tests for src/http/route.c: literal and captured segments, the trailing-slash policy
 * ("/c/x/" does not match "/c/:slug"), empty segments, HEAD answered by GET routes, the
 * method-mismatch flag that turns a 404 into a 405, first-match order and the capture cap. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "http/http.h"
#include "core/util.h"

static int h_dummy(struct req *r)
{
    (void)r;
    return 0;
}

static const struct route routes[] = {
    {HTTP_GET, "/", 0, h_dummy},
    {HTTP_GET, "/c", 0, h_dummy},
    {HTTP_GET, "/c/new", 0, h_dummy}, /* before /c/:slug: literal wins by order */
    {HTTP_GET, "/c/:slug", 0, h_dummy},
    {HTTP_POST, "/c/:slug", R_CSRF, h_dummy},
    {HTTP_GET, "/c/:slug/t/:id", 0, h_dummy},
    {HTTP_DELETE, "/api/v1/t/:id", R_API, h_dummy},
    {HTTP_GET, "/a/:1/:2/:3/:4/:5/:6/:7/:8/:9", 0, h_dummy}, /* more captures than fit */
};
#define NR ARRAY_SIZE(routes)

/* 1 if the capture p (which runs to the next '/' or the end) equals s. */
static int cap_eq(const char *p, const char *s)
{
    size_t n = strlen(s);
    return strncmp(p, s, n) == 0 && (p[n] == '\0' || p[n] == '/');
}

static void test_literal(void **state)
{
    const char *params[8];
    size_t np = 99;
    int mm = 99;
    (void)state;
    assert_ptr_equal(route_match(routes, NR, HTTP_GET, "/", params, &np, &mm), &routes[0]);
    assert_int_equal(np, 0);
    assert_int_equal(mm, 0);
    assert_ptr_equal(route_match(routes, NR, HTTP_GET, "/c", params, &np, &mm), &routes[1]);
    assert_ptr_equal(route_match(routes, NR, HTTP_GET, "/c/new", params, &np, &mm), &routes[2]);
    assert_null(route_match(routes, NR, HTTP_GET, "/nope", params, &np, &mm));
    assert_int_equal(mm, 0);
    assert_null(route_match(routes, NR, HTTP_GET, "", params, &np, &mm));
    assert_null(route_match(routes, NR, HTTP_GET, "c", params, &np, &mm));
    assert_null(route_match(routes, NR, HTTP_GET, "/C", params, &np, &mm)); /* case matters */
}

static void test_params(void **state)
{
    const char *params[8];
    size_t np = 0;
    int mm = 0;
    (void)state;
    assert_ptr_equal(route_match(routes, NR, HTTP_GET, "/c/knit", params, &np, &mm), &routes[3]);
    assert_int_equal(np, 1);
    assert_string_equal(params[0], "knit");
    assert_ptr_equal(route_match(routes, NR, HTTP_GET, "/c/knit/t/42", params, &np, &mm),
                     &routes[5]);
    assert_int_equal(np, 2);
    assert_true(cap_eq(params[0], "knit"));
    assert_string_equal(params[1], "42");
    /* a capture is one whole segment of any bytes but '/' */
    assert_ptr_equal(route_match(routes, NR, HTTP_GET, "/c/a b%é", params, &np, &mm), &routes[3]);
    assert_string_equal(params[0], "a b%é");
}

static void test_trailing_slash_and_empty_segments(void **state)
{
    const char *params[8];
    size_t np = 0;
    int mm = 0;
    (void)state;
    /* policy: exact segment count, so a trailing slash is a different path (404) */
    assert_null(route_match(routes, NR, HTTP_GET, "/c/x/", params, &np, &mm));
    assert_int_equal(mm, 0);
    assert_null(route_match(routes, NR, HTTP_GET, "/c/", params, &np, &mm));
    assert_null(route_match(routes, NR, HTTP_GET, "//", params, &np, &mm));
    /* captures never match an empty segment */
    assert_null(route_match(routes, NR, HTTP_GET, "/c//t/1", params, &np, &mm));
    assert_null(route_match(routes, NR, HTTP_GET, "/c/x/t/", params, &np, &mm));
    assert_null(route_match(routes, NR, HTTP_GET, "/c/x/t/1/", params, &np, &mm));
    assert_null(route_match(routes, NR, HTTP_GET, "/c/x/t/1/more", params, &np, &mm));
}

static void test_methods(void **state)
{
    const char *params[8];
    size_t np = 0;
    int mm = 0;
    (void)state;
    /* GET routes answer HEAD */
    assert_ptr_equal(route_match(routes, NR, HTTP_HEAD, "/c/x", params, &np, &mm), &routes[3]);
    assert_ptr_equal(route_match(routes, NR, HTTP_POST, "/c/x", params, &np, &mm), &routes[4]);
    assert_string_equal(params[0], "x");
    /* the path exists for other methods: mismatch, so the caller answers 405 */
    assert_null(route_match(routes, NR, HTTP_PUT, "/c/x", params, &np, &mm));
    assert_int_equal(mm, 1);
    assert_int_equal(np, 0);
    assert_null(route_match(routes, NR, HTTP_GET, "/api/v1/t/3", params, &np, &mm));
    assert_int_equal(mm, 1);
    assert_null(route_match(routes, NR, HTTP_OTHER, "/", params, &np, &mm));
    assert_int_equal(mm, 1);
    /* HEAD does not match POST-only paths */
    assert_null(route_match(routes, NR, HTTP_HEAD, "/api/v1/t/3", params, &np, &mm));
    assert_int_equal(mm, 1);
    assert_ptr_equal(route_match(routes, NR, HTTP_DELETE, "/api/v1/t/3", params, &np, &mm),
                     &routes[6]);
    /* mismatch is reset on every call */
    assert_null(route_match(routes, NR, HTTP_GET, "/zzz", params, &np, &mm));
    assert_int_equal(mm, 0);
}

static void test_capture_cap_and_nulls(void **state)
{
    const char *params[8];
    size_t np = 0;
    int mm = 0;
    (void)state;
    /* 9 captures do not fit in 8: the route never matches rather than overflow */
    assert_null(route_match(routes, NR, HTTP_GET, "/a/1/2/3/4/5/6/7/8/9", params, &np, &mm));
    /* optional outputs may be NULL */
    assert_ptr_equal(route_match(routes, NR, HTTP_GET, "/c/x", NULL, NULL, NULL), &routes[3]);
    assert_null(route_match(NULL, 0, HTTP_GET, "/", params, &np, &mm));
    assert_null(route_match(routes, NR, HTTP_GET, NULL, params, &np, &mm));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_literal),
        cmocka_unit_test(test_params),
        cmocka_unit_test(test_trailing_slash_and_empty_segments),
        cmocka_unit_test(test_methods),
        cmocka_unit_test(test_capture_cap_and_nulls),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
