/* Tests for the pure rules of src/domain/participation.c: the level of a window's activity
 * (inactive, peripheral, active, core at the documented thresholds of
 * docs/participation.md), level names, and the month arithmetic behind monthly snapshots
 * (month of a time, the first second after a month, the month before). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "domain/participation.h"

static struct participation_activity none(void)
{
    struct participation_activity a;
    memset(&a, 0, sizeof(a));
    return a;
}

static void test_inactive_and_peripheral(void **state)
{
    struct participation_activity a = none();
    (void)state;
    assert_int_equal(participation_level(&a), PART_INACTIVE);
    a.votes = 1;
    assert_int_equal(participation_level(&a), PART_PERIPHERAL);
    a = none();
    a.asked = 5; /* asking, however often, is peripheral */
    assert_int_equal(participation_level(&a), PART_PERIPHERAL);
    a = none();
    a.rsvps = 3;
    assert_int_equal(participation_level(&a), PART_PERIPHERAL);
    a = none();
    a.answered = 1; /* one answer is below the active threshold */
    assert_int_equal(participation_level(&a), PART_PERIPHERAL);
}

static void test_active(void **state)
{
    struct participation_activity a = none();
    (void)state;
    a.answered = 2;
    assert_int_equal(participation_level(&a), PART_ACTIVE);
    a = none();
    a.comments = 1;
    a.edits = 1;
    assert_int_equal(participation_level(&a), PART_ACTIVE);
    a = none();
    a.attended = 2;
    assert_int_equal(participation_level(&a), PART_ACTIVE);
    a = none();
    a.accepted = 1; /* one strong contribution and one answer */
    a.answered = 1;
    assert_int_equal(participation_level(&a), PART_ACTIVE);
    a = none();
    a.accepted = 2; /* two strong contributions: active, not yet core */
    assert_int_equal(participation_level(&a), PART_ACTIVE);
}

static void test_core(void **state)
{
    struct participation_activity a = none();
    (void)state;
    a.accepted = 3;
    assert_int_equal(participation_level(&a), PART_CORE);
    a = none();
    a.articles = 1;
    a.reviews = 1;
    a.organised = 1;
    assert_int_equal(participation_level(&a), PART_CORE);
    a = none();
    a.answered = 50; /* many answers, none accepted, no articles: active */
    a.comments = 50;
    assert_int_equal(participation_level(&a), PART_ACTIVE);
}

static void test_names(void **state)
{
    (void)state;
    assert_string_equal(participation_level_name(PART_INACTIVE), "inactive");
    assert_string_equal(participation_level_name(PART_PERIPHERAL), "peripheral");
    assert_string_equal(participation_level_name(PART_ACTIVE), "active");
    assert_string_equal(participation_level_name(PART_CORE), "core");
    assert_string_equal(participation_level_name(9), "inactive");
    assert_string_equal(participation_level_name(-1), "inactive");
}

static void test_months(void **state)
{
    (void)state;
    /* 2026-03-17T18:00:00Z */
    assert_int_equal(participation_month_of(1773770400), 202603);
    assert_int_equal(participation_month_end(202603), 1775001600); /* 2026-04-01 */
    assert_int_equal(participation_month_of(1775001600 - 1), 202603);
    assert_int_equal(participation_month_of(1775001600), 202604);
    assert_int_equal(participation_month_end(202612), 1798761600); /* 2027-01-01 */
    assert_int_equal(participation_month_prev(202601), 202512);
    assert_int_equal(participation_month_prev(202607), 202606);
    assert_int_equal(participation_month_of(0), 197001);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_inactive_and_peripheral),
        cmocka_unit_test(test_active),
        cmocka_unit_test(test_core),
        cmocka_unit_test(test_names),
        cmocka_unit_test(test_months),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
