/* Unit tests for src/domain/comment.c: the comment text check (comment_body_check) with
 * adversarial input: lengths counted in code points after trimming, invalid UTF-8, only
 * white space, huge input refused before counting. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "domain/comment.h"
#include "core/util.h"

static void test_body_ok(void **state)
{
    static const char *ok[] = {"ok",
                               "Which flour?",
                               "  padded  ",
                               "\xc3\xa9\xc3\xa9",
                               "line one\nline two",
                               "**bold** and @name",
                               "<script>x</script>"};
    struct errinfo e;
    size_t i;
    (void)state;
    for (i = 0; i < ARRAY_SIZE(ok); i++) {
        error_clear(&e);
        assert_int_equal(comment_body_check(ok[i], &e), 0);
    }
}

static void test_body_bad(void **state)
{
    static const char *bad[] = {"",
                                " ",
                                "x",
                                "  x  ",
                                "\n\t\r ",
                                "\xff\xfe",
                                "ab\xc3",      /* truncated sequence */
                                "\xc0\xaf ok", /* overlong '/' */
                                "\xed\xa0\x80 surrogate"};
    struct errinfo e;
    size_t i;
    (void)state;
    for (i = 0; i < ARRAY_SIZE(bad); i++) {
        error_clear(&e);
        assert_int_equal(comment_body_check(bad[i], &e), ERR_INVALID);
        assert_string_equal(e.field, "body");
    }
    error_clear(&e);
    assert_int_equal(comment_body_check(NULL, &e), ERR_INVALID);
}

/* COMMENT_MAX code points (not bytes): 600 two-byte letters pass, 601 do not; padding does
   not count; a multi-megabyte body is refused without being scanned in full. */
static void test_body_limits(void **state)
{
    char *s = malloc(COMMENT_MAX * 4 + 64);
    size_t i, n = 0;
    struct errinfo e;
    (void)state;
    s[n++] = ' ';
    for (i = 0; i < COMMENT_MAX; i++) {
        s[n++] = (char)0xc3;
        s[n++] = (char)0xa9;
    }
    s[n++] = '\n';
    s[n] = 0;
    error_clear(&e);
    assert_int_equal(comment_body_check(s, &e), 0);
    s[n - 1] = 'x';
    error_clear(&e);
    assert_int_equal(comment_body_check(s, &e), ERR_INVALID);
    assert_non_null(strstr(e.msg, "600"));
    free(s);
    s = malloc(8u << 20);
    memset(s, 'a', (8u << 20) - 1);
    s[(8u << 20) - 1] = 0;
    error_clear(&e);
    assert_int_equal(comment_body_check(s, &e), ERR_INVALID);
    free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_body_ok),
        cmocka_unit_test(test_body_bad),
        cmocka_unit_test(test_body_limits),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
