/* Tests for core/ical.c (the iCalendar writer) and core/tz.c (the TZif reader): folding at
 * 75 octets without splitting UTF-8, TEXT escaping, UTC DATE-TIME; offsets, DST gaps and
 * overlaps, the footer rule far in the future, malformed TZif input. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "core/arena.h"
#include "core/ical.h"
#include "core/tz.h"
#include "core/util.h"

static void test_escape(void **state)
{
    struct buf b = BUF_INIT;
    (void)state;
    ical_text(&b, "SUMMARY", "a,b;c\\d\ne\r\nf\x01g");
    assert_string_equal(b.data, "SUMMARY:a\\,b\\;c\\\\d\\ne\\nfg\r\n");
    buf_release(&b);
}

static void test_fold(void **state)
{
    struct buf b = BUF_INIT;
    char s[400];
    const char *p, *line;
    size_t i;
    (void)state;
    for (i = 0; i < 100; i++) { /* 100 x "é" (2 octets each) */
        s[2 * i] = (char)0xC3;
        s[2 * i + 1] = (char)0xA9;
    }
    s[200] = '\0';
    ical_text(&b, "DESCRIPTION", s);
    line = b.data;
    while ((p = strstr(line, "\r\n"))) {
        assert_true(p - line <= 75);
        /* never cut inside a UTF-8 sequence: the next line's first content byte is a lead */
        if (p[2] == ' ')
            assert_true(((unsigned char)p[3] & 0xC0) != 0x80);
        line = p + 2;
    }
    assert_int_equal(*line, '\0');
    buf_release(&b);
}

static void test_utc(void **state)
{
    struct buf b = BUF_INIT;
    (void)state;
    ical_utc(&b, "DTSTART", 1900000000);
    assert_string_equal(b.data, "DTSTART:20300317T174640Z\r\n");
    buf_release(&b);
}

/* The picker's list: sorted, no duplicates, UTC in it, every name loadable. */
static void test_tz_names(void **state)
{
    struct arena a;
    const char **v;
    size_t n, i, berlin = 0, utc = 0;
    (void)state;
    arena_init(&a);
    tz_names(&a, &v, &n);
    assert_true(n > 100); /* Debian's zone1970.tab has about 300 */
    for (i = 0; i < n; i++) {
        if (i)
            assert_true(strcmp(v[i - 1], v[i]) < 0);
        assert_non_null(tz_get(v[i]));
        berlin += strcmp(v[i], "Europe/Berlin") == 0;
        utc += strcmp(v[i], "UTC") == 0;
    }
    assert_int_equal(berlin, 1);
    assert_int_equal(utc, 1);
    arena_release(&a);
}

static void test_tz_berlin(void **state)
{
    const struct tz *z = tz_get("Europe/Berlin");
    const char *ab;
    int64_t u;
    (void)state;
    assert_non_null(z);
    assert_int_equal(tz_offset(z, civil_days(2030, 1, 15) * 86400, &ab), 3600);
    assert_string_equal(ab, "CET");
    assert_int_equal(tz_offset(z, civil_days(2030, 7, 15) * 86400, &ab), 7200);
    assert_string_equal(ab, "CEST");
    /* 31 Mar 2030 02:30 does not exist: shifted to 03:30 CEST = 01:30 UTC */
    assert_int_equal(tz_local_to_utc(z, civil_days(2030, 3, 31) * 86400 + 9000, &u), TZ_LOCAL_GAP);
    assert_int_equal(u, civil_days(2030, 3, 31) * 86400 + 5400);
    /* 27 Oct 2030 02:30 happens twice: the earlier (CEST) = 00:30 UTC */
    assert_int_equal(tz_local_to_utc(z, civil_days(2030, 10, 27) * 86400 + 9000, &u),
                     TZ_LOCAL_AMBIGUOUS);
    assert_int_equal(u, civil_days(2030, 10, 27) * 86400 + 1800);
    /* far future: from the footer rule */
    assert_int_equal(tz_offset(z, civil_days(2090, 7, 1) * 86400, NULL), 7200);
    assert_int_equal(tz_local_to_utc(z, civil_days(2030, 6, 1) * 86400, &u), TZ_LOCAL_OK);
}

static void test_tz_bad(void **state)
{
    static const unsigned char junk[] = "TZif2\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\xff\xff\xff\xff";
    (void)state;
    assert_null(tz_get("Mars/Olympus"));
    assert_null(tz_get("../../etc/passwd"));
    assert_null(tz_get(""));
    assert_null(tz_parse(junk, sizeof(junk), "x"));
    assert_null(tz_parse((const unsigned char *)"", 0, "x"));
    assert_non_null(tz_get("UTC"));
    assert_int_equal(tz_offset(tz_get("UTC"), 1900000000, NULL), 0);
}

static void test_civil(void **state)
{
    int y, m, d;
    (void)state;
    assert_int_equal(civil_days(1970, 1, 1), 0);
    civil_from_days(civil_days(2028, 2, 29), &y, &m, &d);
    assert_int_equal(y * 10000 + m * 100 + d, 20280229);
    assert_int_equal(civil_weekday(civil_days(2030, 1, 8)), 2); /* Tuesday */
    assert_int_equal(civil_month_days(2100, 2), 28);
    assert_int_equal(civil_month_days(2000, 2), 29);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_escape),   cmocka_unit_test(test_fold),
        cmocka_unit_test(test_utc),      cmocka_unit_test(test_tz_berlin),
        cmocka_unit_test(test_tz_names), cmocka_unit_test(test_tz_bad),
        cmocka_unit_test(test_civil),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
