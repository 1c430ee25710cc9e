/* Tests for the pure parts of src/domain/report_mail.c: the month of a time (UTC, around
 * month, year and epoch edges), the month before, and the "YYYY-MM" parser with adversarial
 * inputs. The sweep and the message are tested over HTTP with a real SMTP sink
 * (tests/http/health_web.test.mjs). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "domain/report_mail.h"
#include "core/util.h"

static void test_month_of(void **state)
{
    (void)state;
    assert_int_equal(report_mail_month_of(0), 197001);
    assert_int_equal(report_mail_month_of(2678399), 197001); /* 1970-01-31 23:59:59 */
    assert_int_equal(report_mail_month_of(2678400), 197002);
    assert_int_equal(report_mail_month_of(1798761599), 202612); /* 2026-12-31 23:59:59 */
    assert_int_equal(report_mail_month_of(1798761600), 202701);
    assert_int_equal(report_mail_month_of(951782400), 200002); /* 2000-02-29 00:00 */
}

static void test_month_prev(void **state)
{
    (void)state;
    assert_int_equal(report_mail_month_prev(202701), 202612);
    assert_int_equal(report_mail_month_prev(202612), 202611);
    assert_int_equal(report_mail_month_prev(197002), 197001);
}

static void test_month_parse(void **state)
{
    static const char *const bad[] = {
        "",         "2026",       "2026-1",  "2026-13", "2026-00",     "1969-12",
        "2026/12",  "2026-12-01", "20261-2", "+026-12", "2026-1a",     " 2026-12",
        "2026-12 ", "-026-12",    "0000-01", "2026--1", "２０２６-12",
    };
    int64_t m = 7;
    size_t i;
    (void)state;
    assert_int_equal(report_mail_month_parse("2026-12", &m), 0);
    assert_int_equal(m, 202612);
    assert_int_equal(report_mail_month_parse("1970-01", &m), 0);
    assert_int_equal(m, 197001);
    assert_int_equal(report_mail_month_parse("9999-12", &m), 0);
    assert_int_equal(m, 999912);
    assert_int_equal(report_mail_month_parse(NULL, &m), -1);
    for (i = 0; i < ARRAY_SIZE(bad); i++) {
        m = 7;
        assert_int_equal(report_mail_month_parse(bad[i], &m), -1);
        assert_int_equal(m, 7); /* untouched */
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_month_of),
        cmocka_unit_test(test_month_prev),
        cmocka_unit_test(test_month_parse),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
