/* Tests for the pure rules of src/domain/participation.c: the level of a window's activity
 * (inactive, peripheral, active, core at the documented thresholds of
 * docs/participation.md), level names, and the month arithmetic behind monthly snapshots
 * (month of a time, the first second after a month, the month before); and, on a real
 * database, that what was done in the very second of "now" counts in the current month. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "core/arena.h"
#include "domain/domain.h"
#include "domain/participation.h"
#include "../support/testdb.h"

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

/* A question asked in the same second as the request makes its author peripheral now: the
   window of "now" ends after the current second, not at its start. */
static void test_now_counts_this_second(void **state)
{
    struct testdb t;
    struct arena a;
    struct errinfo e = {0};
    struct ctx c = {0};
    struct participation_row *rows;
    size_t n = 0;
    const int64_t now = 1700000000;
    (void)state;
    assert_int_equal(testdb_open(&t, "part"), 0);
    arena_init(&a);
    assert_true(db_exec(t.db,
                        "INSERT INTO users (id, name, name_key, display_name, created_at, "
                        "updated_at) VALUES (7, 'ann', 'ann', 'Ann', 0, 0)",
                        NOPARAMS) >= 0);
    assert_true(db_exec(t.db,
                        "INSERT INTO communities (id, slug, name, created_at, updated_at) "
                        "VALUES (3, 'brew', 'Brew', 0, 0)",
                        NOPARAMS) >= 0);
    assert_true(db_exec(t.db,
                        "INSERT INTO threads (id, community_id, kind, title, author_id, "
                        "created_at, last_activity_at) VALUES (11, 3, 'question', 'Hops?', 7, "
                        "$1, $1)",
                        PARAMS(P_INT(now))) >= 0);
    assert_true(db_exec(t.db,
                        "INSERT INTO posts (thread_id, position, author_id, body_md, body_html, "
                        "created_at) VALUES (11, 1, 7, 'b', '<p>b</p>', $1)",
                        PARAMS(P_INT(now))) >= 0);
    c.db = t.db;
    c.arena = &a;
    c.err = &e;
    c.system = 1;
    c.now = now;
    assert_int_equal(participation_levels_month(&c, 3, participation_month_of(now), &rows, &n), 0);
    assert_int_equal(n, 1);
    assert_int_equal(rows[0].user_id, 7);
    assert_int_equal(rows[0].level, PART_PERIPHERAL);
    arena_release(&a);
    testdb_close(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_inactive_and_peripheral),
        cmocka_unit_test(test_active),
        cmocka_unit_test(test_core),
        cmocka_unit_test(test_names),
        cmocka_unit_test(test_months),
        cmocka_unit_test(test_now_counts_this_second),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
