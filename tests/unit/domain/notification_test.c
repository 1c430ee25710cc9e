/* Tests for the pure rules of src/domain/notification.c: the up-vote milestones (first vote,
 * then 5, 10, 25 ... 1000, then every thousand; never zero or negatives, never in between),
 * the quoted posts found in a reply's Markdown (the reply form's "[name wrote](/p/ID):",
 * repeats once, malformed and hostile forms ignored, the cap respected), the text and link
 * composed for each kind (singular and grouped), and the follow-level names. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "core/arena.h"
#include "domain/notification.h"
#include "core/util.h"

static void test_milestones(void **state)
{
    static const int64_t yes[] = {1, 5, 10, 25, 50, 100, 250, 500, 1000, 2000, 7000};
    static const int64_t no[] = {-5, -1, 0,  2,   3,   4,    6,    9,    11,
                                 24, 26, 99, 101, 999, 1001, 1500, 2500, INT64_MAX};
    size_t i;
    (void)state;
    for (i = 0; i < ARRAY_SIZE(yes); i++)
        assert_int_equal(notification_milestone(yes[i]), yes[i]);
    for (i = 0; i < ARRAY_SIZE(no); i++)
        if (notification_milestone(no[i]) != 0)
            fail_msg("%lld is not a milestone", (long long)no[i]);
}

static void test_quoted_posts(void **state)
{
    int64_t ids[4];
    size_t n;
    (void)state;
    n = notification_quoted_posts("[ann wrote](/p/12):\n> hi\n\nand [bob wrote](/p/7):\n> yo", ids,
                                  4);
    assert_int_equal(n, 2);
    assert_int_equal(ids[0], 12);
    assert_int_equal(ids[1], 7);
    n = notification_quoted_posts("[ann wrote](/p/12): again [ann wrote](/p/12):", ids, 4);
    assert_int_equal(n, 1);
    /* Not quotes: no digits, junk after the digits, zero, a link without "wrote". */
    n = notification_quoted_posts("[x wrote](/p/): [x wrote](/p/12abc) [x wrote](/p/0) "
                                  "[see](/p/5) wrote](/p/-3)",
                                  ids, 4);
    assert_int_equal(n, 0);
    /* Overlong numbers are cut, not overflowed; the cap holds. */
    n = notification_quoted_posts("[x wrote](/p/99999999999999999999999)", ids, 4);
    assert_int_equal(n, 0);
    n = notification_quoted_posts("[a wrote](/p/1) [b wrote](/p/2) [c wrote](/p/3)", ids, 2);
    assert_int_equal(n, 2);
    assert_int_equal(notification_quoted_posts("", ids, 4), 0);
    assert_int_equal(notification_quoted_posts(NULL, ids, 4), 0);
}

static struct notification note(const char *kind, int64_t count, int64_t post)
{
    struct notification x;
    memset(&x, 0, sizeof(x));
    x.kind = kind;
    x.text = "stored";
    x.link = "";
    x.actor_name = "ann";
    x.community_slug = "geo";
    x.thread_title = "Rocks <b>";
    x.thread_id = 9;
    x.post_id = post;
    x.count = count;
    return x;
}

static void test_compose(void **state)
{
    struct arena a;
    struct notification x;
    (void)state;
    arena_init(&a);
    x = note(NOTIFY_ANSWER, 1, 40);
    notification_compose(&a, &x);
    assert_string_equal(x.text, "ann answered your question “Rocks <b>”");
    assert_string_equal(x.link, "/p/40");
    x = note(NOTIFY_ANSWER, 3, 40);
    notification_compose(&a, &x);
    assert_string_equal(x.text, "3 new answers on “Rocks <b>”");
    x = note(NOTIFY_REPLY, 2, 40);
    notification_compose(&a, &x);
    assert_string_equal(x.text, "2 new replies on “Rocks <b>”");
    x = note(NOTIFY_WATCHING, 1, 40);
    x.actor_name = "";
    notification_compose(&a, &x);
    assert_string_equal(x.text, "Someone posted in “Rocks <b>”");
    x = note(NOTIFY_UPVOTE, 1, 40);
    notification_compose(&a, &x);
    assert_string_equal(x.text, "Your post in “Rocks <b>” got its first upvote");
    x = note(NOTIFY_UPVOTE, 25, 40);
    notification_compose(&a, &x);
    assert_string_equal(x.text, "Your post in “Rocks <b>” reached 25 up votes");
    x = note(NOTIFY_MENTION, 1, 40);
    notification_compose(&a, &x);
    assert_string_equal(x.text, "ann mentioned you in “Rocks <b>”");
    /* Moderation keeps its stored text (it carries the reason); a thread-level one links to
       the thread. */
    x = note(NOTIFY_MODERATION, 1, 0);
    notification_compose(&a, &x);
    assert_string_equal(x.text, "stored");
    assert_string_equal(x.link, "/c/geo/t/9");
    /* Kinds without a thread (article reminders) keep text and link. */
    x = note("article_review", 1, 0);
    x.thread_id = 0;
    x.thread_title = "";
    x.link = "/c/geo/a/x";
    notification_compose(&a, &x);
    assert_string_equal(x.text, "stored");
    assert_string_equal(x.link, "/c/geo/a/x");
    arena_release(&a);
}

static void test_levels(void **state)
{
    int l = -1, i;
    (void)state;
    for (i = 0; i < FOLLOW__MAX; i++) {
        assert_int_equal(follow_level_parse(follow_level_name(i), &l), 0);
        assert_int_equal(l, i);
    }
    assert_string_equal(follow_level_name(FOLLOW_WATCHING), "watching");
    assert_string_equal(follow_level_name(99), "normal");
    assert_int_equal(follow_level_parse("Watching", &l), -1);
    assert_int_equal(follow_level_parse("", &l), -1);
    assert_int_equal(follow_level_parse(NULL, &l), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_milestones),
        cmocka_unit_test(test_quoted_posts),
        cmocka_unit_test(test_compose),
        cmocka_unit_test(test_levels),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
