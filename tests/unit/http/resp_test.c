/* Tests for src/http/resp.c and src/http/static.c on hand-built requests (no connection):
 * field accessors, response headers (control characters refused, the 24-header cap),
 * Set-Cookie attributes (Secure only over https, Max-Age, deletion), redirects, JSON bodies,
 * the asset table (types, strong ETags) and static_url. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "core/arena.h"
#include "core/buf.h"
#include "http/asset.h"
#include "http/http_int.h"
#include "core/util.h"

static struct arena A;
static struct req R;

static int setup(void **state)
{
    (void)state;
    arena_init(&A);
    memset(&R, 0, sizeof(R));
    R.arena = &A;
    R.status = 200;
    buf_init(&R.out, 0);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    buf_release(&R.out);
    arena_release(&A);
    return 0;
}

static const char *header(const char *name, size_t nth)
{
    for (size_t i = 0; i < R.nheaders; i++)
        if (strcmp(R.headers[i].name, name) == 0 && nth-- == 0)
            return R.headers[i].value;
    return NULL;
}

static void test_accessors(void **state)
{
    struct kv q[] = {{"a", "1"}, {"b", "q"}, {"a", "2"}};
    struct kv f[] = {{"b", "form"}, {"c", ""}};
    (void)state;
    R.query = q;
    R.nquery = 3;
    R.form = f;
    R.nform = 2;
    assert_string_equal(req_query(&R, "a"), "1"); /* first wins */
    assert_null(req_query(&R, "c"));
    assert_null(req_query(&R, NULL));
    assert_string_equal(req_form(&R, "c"), "");
    assert_string_equal(req_param(&R, "b"), "form"); /* form before query */
    assert_string_equal(req_param(&R, "a"), "1");
    assert_null(req_param(&R, "zz"));
    /* no connection: no headers, no cookies */
    assert_null(req_header(&R, "Host"));
    assert_null(req_cookie(&R, "sid"));
    assert_int_equal(req_wants_json(&R), 0);
}

static int h_dummy(struct req *r)
{
    (void)r;
    return 0;
}

static void test_wants_json(void **state)
{
    struct route api = {HTTP_GET, "/api/v1/x", R_API, h_dummy};
    struct route page = {HTTP_GET, "/x", 0, h_dummy};
    (void)state;
    R.route = &page;
    assert_int_equal(req_wants_json(&R), 0);
    R.route = &api;
    assert_int_equal(req_wants_json(&R), 1);
}

static void test_headers(void **state)
{
    (void)state;
    resp_header(&R, "X-One", "1");
    resp_header(&R, "X-Bad", "a\r\nSet-Cookie: evil=1");
    resp_header(&R, "X-Bad\n", "v");
    resp_header(&R, "X-Nul", NULL);
    resp_header(&R, "X-Tab", "a\tb");
    assert_int_equal(R.nheaders, 2);
    assert_string_equal(header("X-One", 0), "1");
    assert_string_equal(header("X-Tab", 0), "a\tb");
    for (int i = 0; i < 40; i++)
        resp_header(&R, "X-Many", "v");
    assert_int_equal(R.nheaders, ARRAY_SIZE(R.headers));
}

static void test_cookies(void **state)
{
    (void)state;
    resp_cookie(&R, "sid", "abc123", 3600);
    resp_cookie(&R, "flash", "hi", 0);
    resp_cookie(&R, "old", "ignored", -1);
    assert_string_equal(header("Set-Cookie", 0),
                        "sid=abc123; Path=/; Max-Age=3600; HttpOnly; SameSite=Lax");
    assert_string_equal(header("Set-Cookie", 1), "flash=hi; Path=/; HttpOnly; SameSite=Lax");
    assert_string_equal(header("Set-Cookie", 2),
                        "old=; Path=/; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; "
                        "HttpOnly; SameSite=Lax");
    R.secure = 1;
    resp_cookie(&R, "sid", "x", 60);
    assert_string_equal(header("Set-Cookie", 3),
                        "sid=x; Path=/; Max-Age=60; HttpOnly; SameSite=Lax; Secure");
    /* names and values that would break the header are refused */
    resp_cookie(&R, "a;b", "x", 0);
    resp_cookie(&R, "", "x", 0);
    resp_cookie(&R, "a", "x; Domain=evil", 0);
    resp_cookie(&R, "a", "q\"", 0);
    resp_cookie(&R, "a", "\xc3\xa9", 0);
    assert_int_equal(R.nheaders, 4);
}

static void test_redirect_and_json(void **state)
{
    (void)state;
    buf_puts(&R.out, "partial page");
    assert_int_equal(resp_redirect(&R, "/signin?next=%2F"), 0);
    assert_int_equal(R.status, 303);
    assert_string_equal(header("Location", 0), "/signin?next=%2F");
    assert_int_equal(R.out.len, 0);
    resp_json(&R, 201, "{\"id\":1}");
    assert_int_equal(R.status, 201);
    assert_string_equal(R.content_type_out, "application/json");
    assert_string_equal(R.out.data, "{\"id\":1}");
    resp_json(&R, 200, "[]");
    assert_string_equal(R.out.data, "[]");
}

static void test_assets(void **state)
{
    const struct asset *css = asset_find("praxis.css");
    const struct asset *js = asset_find("praxis.js");
    const struct asset *ico = asset_find("favicon.svg");
    const char *u;
    (void)state;
    assert_non_null(css);
    assert_non_null(js);
    assert_non_null(ico);
    assert_string_equal(css->type, "text/css; charset=utf-8");
    assert_string_equal(js->type, "text/javascript; charset=utf-8");
    assert_string_equal(ico->type, "image/svg+xml");
    /* strong ETag: a quoted 16-digit hex hash, different for different content */
    assert_int_equal(strlen(css->etag), 18);
    assert_int_equal(css->etag[0], '"');
    assert_int_equal(css->etag[17], '"');
    assert_int_equal(strspn(css->etag + 1, "0123456789abcdef"), 16);
    assert_string_not_equal(css->etag, js->etag);
    assert_ptr_equal(asset_find("praxis.css"), css); /* computed once */
    assert_null(asset_find("nope.css"));
    assert_null(asset_find("../praxis.css"));
    assert_null(asset_find(""));
    assert_null(asset_find(NULL));
    u = static_url(&R, "praxis.css");
    assert_int_equal(strncmp(u, "/static/praxis.css?v=", 21), 0);
    assert_int_equal(strncmp(u + 21, css->etag + 1, 12), 0);
    assert_int_equal(strlen(u), 21 + 12);
    assert_string_equal(static_url(&R, "missing.js"), "/static/missing.js");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_accessors, setup, teardown),
        cmocka_unit_test_setup_teardown(test_wants_json, setup, teardown),
        cmocka_unit_test_setup_teardown(test_headers, setup, teardown),
        cmocka_unit_test_setup_teardown(test_cookies, setup, teardown),
        cmocka_unit_test_setup_teardown(test_redirect_and_json, setup, teardown),
        cmocka_unit_test_setup_teardown(test_assets, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
