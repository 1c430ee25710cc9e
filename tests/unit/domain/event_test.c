/* Tests for domain/recur.c and the pure parts of domain/event.c: expansion of daily, weekly,
 * monthly-by-date (skipping months without the day) and by-weekday rules, the caps, DST
 * shifts, local date parsing (impossible dates refused). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "domain/event.h"
#include "domain/recur.h"
#include "core/util.h"

static int64_t L(int y, int m, int d, int h, int mi)
{
    return civil_days(y, m, d) * 86400 + h * 3600 + mi * 60;
}

static void test_weekly_dst(void **state)
{
    struct arena a;
    struct recur rc = {RECUR_WEEKLY, 1, 1u << 0, RECUR_BY_DATE, 3, 0, 0, 0};
    struct occurrence *o;
    size_t n;
    struct errinfo e = {0};
    (void)state;
    arena_init(&a);
    assert_int_equal(recur_expand(&a, &rc, tz_get("Europe/Berlin"), L(2030, 3, 17, 2, 30), 1800, &o,
                                  &n, NULL, &e),
                     0);
    assert_int_equal(n, 3);
    assert_int_equal(o[0].start, L(2030, 3, 17, 1, 30));
    assert_int_equal(o[2].key, 20300331);
    assert_true(o[2].shifted);
    assert_int_equal(o[2].start, L(2030, 3, 31, 1, 30)); /* 03:30 CEST */
    arena_release(&a);
}

static void test_monthly(void **state)
{
    struct arena a;
    struct recur rc = {RECUR_MONTHLY, 1, 0, RECUR_BY_DATE, 0, 2030, 12, 31};
    struct occurrence *o;
    size_t n;
    int skipped;
    struct errinfo e = {0};
    (void)state;
    arena_init(&a);
    assert_int_equal(
        recur_expand(&a, &rc, tz_get("UTC"), L(2030, 1, 31, 10, 0), 3600, &o, &n, &skipped, &e), 0);
    assert_int_equal(n, 7); /* Jan Mar May Jul Aug Oct Dec */
    assert_int_equal(skipped, 5);
    rc.monthly = RECUR_BY_LAST;
    rc.until_m = 3;
    assert_int_equal(
        recur_expand(&a, &rc, tz_get("UTC"), L(2030, 1, 25, 10, 0), 3600, &o, &n, NULL, &e), 0);
    assert_int_equal(n, 3);
    assert_int_equal(o[1].key, 20300222); /* last Friday of Feb 2030 */
    assert_non_null(strstr(recur_describe(&a, &rc, L(2030, 1, 25, 10, 0)), "last Friday"));
    arena_release(&a);
}

static void test_caps(void **state)
{
    struct arena a;
    struct recur rc = {RECUR_DAILY, 1, 0, RECUR_BY_DATE, 501, 0, 0, 0};
    struct occurrence *o;
    size_t n;
    struct errinfo e = {0};
    (void)state;
    arena_init(&a);
    assert_int_equal(
        recur_expand(&a, &rc, tz_get("UTC"), L(2030, 1, 1, 9, 0), 60, &o, &n, NULL, &e),
        ERR_TOOBIG);
    rc.count = 0;
    rc.until_y = 2031;
    rc.until_m = 12;
    rc.until_d = 31; /* 730 days > 500 */
    assert_int_equal(
        recur_expand(&a, &rc, tz_get("UTC"), L(2030, 1, 1, 9, 0), 60, &o, &n, NULL, &e),
        ERR_TOOBIG);
    rc.freq = RECUR_MONTHLY;
    rc.until_y = 2040; /* > 5 years */
    assert_int_equal(
        recur_expand(&a, &rc, tz_get("UTC"), L(2030, 1, 1, 9, 0), 60, &o, &n, NULL, &e),
        ERR_TOOBIG);
    rc.until_y = 2029; /* before the start */
    assert_int_equal(
        recur_expand(&a, &rc, tz_get("UTC"), L(2030, 1, 1, 9, 0), 60, &o, &n, NULL, &e),
        ERR_INVALID);
    arena_release(&a);
}

static void test_parse(void **state)
{
    int64_t t;
    unsigned m;
    (void)state;
    assert_int_equal(event_parse_local("2030-02-28T18:00", &t), 0);
    assert_int_equal(t, L(2030, 2, 28, 18, 0));
    assert_int_equal(event_parse_local("2030-02-30T18:00", &t), -1);
    assert_int_equal(event_parse_local("2030-04-31T18:00", &t), -1);
    assert_int_equal(event_parse_local("2030-01-01T24:00", &t), -1);
    assert_int_equal(event_parse_local("2030-01-01T10:00x", &t), -1);
    assert_int_equal(event_parse_local("", &t), -1);
    assert_int_equal(recur_byday_parse("MO,tu, Sunday", &m), 0);
    assert_int_equal(m, (1u << 1) | (1u << 2) | 1u);
    assert_int_equal(recur_byday_parse("XX", &m), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_weekly_dst),
        cmocka_unit_test(test_monthly),
        cmocka_unit_test(test_caps),
        cmocka_unit_test(test_parse),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
