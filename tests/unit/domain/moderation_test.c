/* Tests for the pure parts of src/domain/moderation.c and src/domain/flag.c: counting links in
 * Markdown (schemes, case, one URL counted once, www. without a scheme, adversarial input),
 * the flag weight from a flagger's record (neutral, accurate, inaccurate, the newcomer cap,
 * never zero), and the names of flag reasons and review actions round-tripping. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "domain/flag.h"
#include "domain/moderation.h"

static void test_count_links(void **state)
{
    char *big;
    size_t i;
    (void)state;
    assert_int_equal(moderation_count_links(NULL), 0);
    assert_int_equal(moderation_count_links(""), 0);
    assert_int_equal(moderation_count_links("no links at all"), 0);
    assert_int_equal(moderation_count_links("see https://a.example/x"), 1);
    assert_int_equal(moderation_count_links("HTTP://A.EXAMPLE and Https://b.example"), 2);
    assert_int_equal(moderation_count_links("[text](https://www.example.org/page)"), 1);
    assert_int_equal(moderation_count_links("www.example.org, ftp://f.example, mailto:a@b"), 3);
    assert_int_equal(moderation_count_links("<https://a.example>\n<https://b.example>"), 2);
    assert_int_equal(moderation_count_links("https://"), 1);
    assert_int_equal(moderation_count_links("http:/not a link, wwwx"), 0);
    /* 100,000 links in one body: linear, no overflow */
    big = malloc(100000 * 8 + 1);
    assert_non_null(big);
    for (i = 0; i < 100000; i++)
        memcpy(big + i * 8, "www.a.b ", 8);
    big[100000 * 8] = '\0';
    assert_int_equal(moderation_count_links(big), 100000);
    free(big);
}

static void test_flag_weight(void **state)
{
    (void)state;
    assert_int_equal(flag_weight(0, 0, 0), 100);
    assert_int_equal(flag_weight(0, 0, 1), 100);
    assert_int_equal(flag_weight(2, 0, 0), 150);
    assert_int_equal(flag_weight(2, 0, 1), 100); /* new accounts: no extra weight */
    assert_int_equal(flag_weight(0, 2, 0), 50);
    assert_int_equal(flag_weight(98, 0, 0), 198);
    assert_true(flag_weight(0, 1000000, 0) >= 1); /* never zero */
    assert_true(flag_weight(3, 1, 0) > flag_weight(1, 3, 0));
}

static void test_names(void **state)
{
    int i;
    enum flag_reason fr;
    enum review_action ra;
    (void)state;
    for (i = 0; i < FLAG__MAX; i++) {
        assert_int_equal(flag_reason_parse(flag_reason_name((enum flag_reason)i), &fr), 0);
        assert_int_equal(fr, i);
        assert_non_null(flag_reason_label((enum flag_reason)i));
    }
    assert_int_equal(flag_reason_parse("Spam", &fr), -1);
    assert_int_equal(flag_reason_parse("", &fr), -1);
    assert_int_equal(flag_reason_parse(NULL, &fr), -1);
    for (i = 0; i < REVIEW__MAX; i++) {
        assert_int_equal(review_action_parse(review_action_name((enum review_action)i), &ra), 0);
        assert_int_equal(ra, i);
    }
    assert_int_equal(review_action_parse("approve ", &ra), -1);
    assert_int_equal(review_action_parse(NULL, &ra), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_count_links),
        cmocka_unit_test(test_flag_weight),
        cmocka_unit_test(test_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
