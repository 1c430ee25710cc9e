/* Tests for src/domain/report.c's input rule: report_parse_day takes only real calendar
 * dates written YYYY-MM-DD from 1970 on (leap years, month lengths), gives 0 for an absent
 * value, and refuses everything else naming the field; and who may see a report. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "core/arena.h"
#include "domain/domain.h"
#include "domain/report.h"

static int parse(const char *s, int64_t *out)
{
    struct errinfo e;
    struct ctx c;
    int rc;
    memset(&c, 0, sizeof(c));
    memset(&e, 0, sizeof(e));
    c.err = &e;
    rc = report_parse_day(&c, s, "from", out);
    if (rc < 0) {
        assert_int_equal(rc, ERR_INVALID);
        assert_string_equal(e.field, "from");
    }
    return rc;
}

static void test_good_dates(void **state)
{
    int64_t v;
    (void)state;
    assert_int_equal(parse("2024-03-01", &v), 0);
    assert_int_equal(v, 20240301);
    assert_int_equal(parse("2024-02-29", &v), 0); /* leap year */
    assert_int_equal(v, 20240229);
    assert_int_equal(parse("2000-02-29", &v), 0); /* divisible by 400 */
    assert_int_equal(parse("1970-01-01", &v), 0);
    assert_int_equal(v, 19700101);
    assert_int_equal(parse("9999-12-31", &v), 0);
    assert_int_equal(parse("", &v), 0);
    assert_int_equal(v, 0);
    assert_int_equal(parse(NULL, &v), 0);
    assert_int_equal(v, 0);
}

static void test_bad_dates(void **state)
{
    static const char *const bad[] = {
        "2023-02-29",       "1900-02-29",  "2024-04-31",   "2024-13-01", "2024-00-10", "2024-01-00",
        "2024-01-32",       "1969-12-31",  "2024-3-01",    "2024-03-1",  "24-03-01",   "2024/03/01",
        "2024-03-01T00:00", " 2024-03-01", "2024-03-01 ",  "2024-0a-01", "+024-03-01", "-024-03-01",
        "2024--3-01",       "abcd-ef-gh",  "2024-03-01\n", "0000-01-01",
    };
    size_t i;
    int64_t v = 7;
    (void)state;
    for (i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
        v = 7;
        if (parse(bad[i], &v) != ERR_INVALID)
            fail_msg("accepted %s", bad[i]);
        assert_int_equal(v, 0);
    }
}

static void test_can_view(void **state)
{
    struct ctx c;
    struct community cm;
    (void)state;
    memset(&c, 0, sizeof(c));
    memset(&cm, 0, sizeof(cm));
    cm.visibility = COMMUNITY_PUBLIC;
    assert_false(report_can_view(&c, &cm)); /* signed out */
    c.uid = 5;
    assert_false(report_can_view(&c, &cm)); /* not a member */
    cm.viewer_role = ROLE_MEMBER;
    assert_false(report_can_view(&c, &cm));
    cm.viewer_role = ROLE_MODERATOR;
    assert_true(report_can_view(&c, &cm));
    cm.viewer_role = ROLE_COORDINATOR;
    cm.visibility = COMMUNITY_PRIVATE;
    assert_true(report_can_view(&c, &cm));
    cm.viewer_role = ROLE_NONE;
    assert_false(report_can_view(&c, &cm));
    c.is_admin = 1;
    assert_true(report_can_view(&c, &cm));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_good_dates),
        cmocka_unit_test(test_bad_dates),
        cmocka_unit_test(test_can_view),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
