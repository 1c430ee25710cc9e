/* Tests for src/core/timeutil.c: ISO and HTTP formatting at known instants, relative times
 * at every boundary, the clocks, and tz_valid against traversal and odd names. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "core/timeutil.h"
#include "core/util.h"

static void test_iso(void **state)
{
    char out[32];
    (void)state;
    time_iso(0, out);
    assert_string_equal(out, "1970-01-01T00:00:00Z");
    time_iso(1795878723, out); /* 2026-11-28T15:12:03Z */
    assert_string_equal(out, "2026-11-28T15:12:03Z");
    time_iso(951782400, out); /* leap day 2000 */
    assert_string_equal(out, "2000-02-29T00:00:00Z");
    time_iso(-1, out);
    assert_string_equal(out, "1969-12-31T23:59:59Z");
    time_iso(253402300799LL, out);
    assert_string_equal(out, "9999-12-31T23:59:59Z");
    time_iso(INT64_MAX, out); /* not representable: clamped, still terminated */
    assert_true(strlen(out) < 32);
}

static void test_http(void **state)
{
    char out[40];
    (void)state;
    time_http(784111777, out);
    assert_string_equal(out, "Sun, 06 Nov 1994 08:49:37 GMT");
    time_http(0, out);
    assert_string_equal(out, "Thu, 01 Jan 1970 00:00:00 GMT");
    time_http(1795878723, out);
    assert_string_equal(out, "Sat, 28 Nov 2026 15:12:03 GMT");
}

static void test_ago(void **state)
{
    char out[48];
    const int64_t now = 1795878723;
    (void)state;
    time_ago(now, now, out);
    assert_string_equal(out, "just now");
    time_ago(now - 59, now, out);
    assert_string_equal(out, "just now");
    time_ago(now + 30, now, out); /* small clock skew */
    assert_string_equal(out, "just now");
    time_ago(now - 60, now, out);
    assert_string_equal(out, "1 minute ago");
    time_ago(now - 180, now, out);
    assert_string_equal(out, "3 minutes ago");
    time_ago(now - 3599, now, out);
    assert_string_equal(out, "59 minutes ago");
    time_ago(now - 3600, now, out);
    assert_string_equal(out, "1 hour ago");
    time_ago(now - 86399, now, out);
    assert_string_equal(out, "23 hours ago");
    time_ago(now - 86400, now, out);
    assert_string_equal(out, "1 day ago");
    time_ago(now - 2 * 86400, now, out);
    assert_string_equal(out, "2 days ago");
    time_ago(now - 29 * 86400, now, out);
    assert_string_equal(out, "29 days ago");
    time_ago(1741046400, now, out); /* 2025-03-04 */
    assert_string_equal(out, "on 4 Mar 2025");
    time_ago(now + 86400, now, out); /* the future gets a date */
    assert_string_equal(out, "on 29 Nov 2026");
    time_ago(INT64_MIN, INT64_MAX, out); /* no overflow */
    assert_true(strlen(out) > 0);
}

static void test_clocks(void **state)
{
    int64_t a, b;
    (void)state;
    assert_true(time_now() > 1700000000);
    a = time_now_ms();
    b = time_now_ms();
    assert_true(b >= a);
}

static void test_tz(void **state)
{
    static const char *const bad[] = {
        "",
        "../etc/passwd",
        "../../../../etc/passwd",
        "Europe/../../../etc/passwd",
        "/etc/passwd",
        "/usr/share/zoneinfo/Europe/Paris",
        "Europe/Paris/",
        "Europe//Paris",
        "Europe/./Paris",
        "Europe", /* a directory */
        "Not/AZone",
        "zone.tab", /* a file there, but not a zone (and '.' is refused) */
        "tzdata.zi",
        "Europe/Paris\n",
        "Europe Paris",
        "-Europe",
        "Europe/Paris%00",
        "Europe\\Paris",
        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        NULL,
    };
    size_t i;
    (void)state;
    assert_true(tz_valid("UTC"));
    assert_true(tz_valid("Europe/Paris"));
    assert_true(tz_valid("America/New_York"));
    assert_true(tz_valid("Etc/GMT+5"));
    assert_true(tz_valid("America/Port-au-Prince"));
    for (i = 0; bad[i]; i++)
        if (tz_valid(bad[i]))
            fail_msg("tz_valid accepted \"%s\"", bad[i]);
    assert_false(tz_valid(NULL));
}

/* time_http_parse: the three forms RFC 9110 names, round trips with time_http, and junk. */
static void test_http_parse(void **state)
{
    static const char *const bad[] = {
        "",
        "Sun, 06 Nov 1994 08:49:37",
        "Sun, 06 Nov 1994 08:49:37 UTC",
        "Sun, 06 Foo 1994 08:49:37 GMT",
        "Sun, 6 Nov 1994 08:49:37 GMT",
        "Sun, 06 Nov 1994 8:49:37 GMT",
        "Sun, 06 Nov 1994 24:00:00 GMT",
        "Sun, 32 Nov 1994 08:49:37 GMT",
        "Sun, 06 Nov 1994 08:49:37 GMT trailing",
        "Sun Nov  6 08:49:37 1994 ",
        "Su, 06 Nov 1994 08:49:37 GMT",
        "1994-11-06T08:49:37Z",
        "Mon, 01 Jan 0001 00:00:00 GMT",
        "Wed, 31 Dec 1969 23:59:59 GMT",
        NULL,
    };
    int64_t t = 0, now = 1900000000;
    char out[40];
    size_t i;
    (void)state;
    assert_int_equal(time_http_parse("Sun, 06 Nov 1994 08:49:37 GMT", &t), 0);
    assert_int_equal(t, 784111777);
    t = 0;
    assert_int_equal(time_http_parse("Sunday, 06-Nov-94 08:49:37 GMT", &t), 0);
    assert_int_equal(t, 784111777);
    t = 0;
    assert_int_equal(time_http_parse("Sun Nov  6 08:49:37 1994", &t), 0);
    assert_int_equal(t, 784111777);
    assert_int_equal(time_http_parse("Thu, 29 Feb 2024 23:59:59 GMT", &t), 0);
    assert_int_equal(t, 1709251199);
    time_http(now, out);
    assert_int_equal(time_http_parse(out, &t), 0);
    assert_int_equal(t, now);
    for (i = 0; bad[i]; i++) {
        t = 42;
        if (time_http_parse(bad[i], &t) == 0)
            fail_msg("time_http_parse accepted \"%s\"", bad[i]);
        assert_int_equal(t, 42);
    }
    assert_int_equal(time_http_parse(NULL, &t), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_iso), cmocka_unit_test(test_http),
        cmocka_unit_test(test_ago), cmocka_unit_test(test_clocks),
        cmocka_unit_test(test_tz),  cmocka_unit_test(test_http_parse),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
