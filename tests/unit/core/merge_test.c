/* Tests for src/core/merge.c: clean merges of changes in different places (with and without
 * final newlines), identical changes on both sides, insertions at either end, deletions,
 * conflicts with their exact markers, a side without a final newline inside a conflict,
 * empty texts, the size caps, and a seeded random property test: merge(o, x, x), merge(o, o,
 * x) and merge(o, x, o) all give x cleanly, and markers are balanced in every result. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/merge.h"
#include "core/util.h"

/* Merge and return the text (static-free: caller frees) with the return code in *rc. */
static char *m3(const char *o, const char *a, const char *b, int *rc, size_t *nc)
{
    struct buf out;
    buf_init(&out, 0);
    *rc = merge3(&out, o, a, b, "mine", "saved", nc);
    return buf_detach(&out, NULL);
}

static void expect(const char *o, const char *a, const char *b, int want_rc, const char *want)
{
    int rc;
    size_t nc;
    char *s = m3(o, a, b, &rc, &nc);
    assert_int_equal(rc, want_rc);
    assert_string_equal(s, want);
    free(s);
}

static void test_clean_different_places(void **state)
{
    (void)state;
    expect("a\nb\nc\nd\ne\n", "A\nb\nc\nd\ne\n", "a\nb\nc\nd\nE\n", 0, "A\nb\nc\nd\nE\n");
    expect("a\nb\nc\nd", "a\nB\nc\nd", "a\nb\nc\nD", 0, "a\nB\nc\nD");
    /* adjacent changes conflict, as in diff3 and git */
    expect("a\nb\nc", "a\nB\nc", "a\nb\nC", MERGE_CONFLICT,
           "a\n<<<<<<< mine\nB\nc\n=======\nb\nC\n>>>>>>> saved\n");
    expect("one\n\ntwo\n\nthree\n", "one!\n\ntwo\n\nthree\n", "one\n\ntwo\n\nthree!\n", 0,
           "one!\n\ntwo\n\nthree!\n");
}

static void test_same_change(void **state)
{
    (void)state;
    expect("a\nb\nc\n", "a\nX\nc\n", "a\nX\nc\n", 0, "a\nX\nc\n");
}

static void test_insert_delete(void **state)
{
    (void)state;
    expect("b\n", "a\nb\n", "b\nc\n", 0, "a\nb\nc\n");
    expect("a\nb\nc\n", "a\nc\n", "a\nb\nc\nd\n", 0, "a\nc\nd\n");
    expect("", "", "new\n", 0, "new\n");
    expect("", "x\n", "", 0, "x\n");
    expect("a\n", "", "a\n", 0, "");
    expect(NULL, NULL, NULL, 0, "");
}

static void test_conflict(void **state)
{
    size_t nc = 0;
    int rc;
    char *s;
    (void)state;
    expect("a\nb\nc\n", "a\nB1\nc\n", "a\nB2\nc\n", MERGE_CONFLICT,
           "a\n<<<<<<< mine\nB1\n=======\nB2\n>>>>>>> saved\nc\n");
    /* no final newline on either side */
    expect("x", "y", "z", MERGE_CONFLICT, "<<<<<<< mine\ny\n=======\nz\n>>>>>>> saved\n");
    /* both appended different lines */
    expect("a\n", "a\nb\n", "a\nc\n", MERGE_CONFLICT,
           "a\n<<<<<<< mine\nb\n=======\nc\n>>>>>>> saved\n");
    /* one deleted, the other changed */
    expect("a\nb\nc\n", "a\nc\n", "a\nB\nc\n", MERGE_CONFLICT,
           "a\n<<<<<<< mine\n=======\nB\n>>>>>>> saved\nc\n");
    s = m3("1\n2\n3\n4\n5\n6\n7\n", "1\nX\n3\n4\n5\nY\n7\n", "1\nx\n3\n4\n5\ny\n7\n", &rc, &nc);
    assert_int_equal(rc, MERGE_CONFLICT);
    assert_int_equal(nc, 2);
    free(s);
}

static void test_final_newline(void **state)
{
    (void)state;
    /* adding a line after a last line without newline changes that line */
    expect("a\nm\nb", "a\nm\nb\nc", "A\nm\nb", 0, "A\nm\nb\nc");
}

static void test_caps(void **state)
{
    struct buf out;
    char *big = x_malloc(MERGE_MAX_INPUT + 2);
    (void)state;
    memset(big, 'a', MERGE_MAX_INPUT + 1);
    big[MERGE_MAX_INPUT + 1] = 0;
    buf_init(&out, 0);
    assert_int_equal(merge3(&out, big, "", "", NULL, NULL, NULL), ERR_TOOBIG);
    assert_int_equal(out.len, 0);
    /* too many lines */
    memset(big, '\n', MERGE_MAX_LINES + 1);
    big[MERGE_MAX_LINES + 1] = 0;
    assert_int_equal(merge3(&out, "", "", big, NULL, NULL, NULL), ERR_TOOBIG);
    /* a big middle over the LCS cap still merges (counted as changed) */
    {
        size_t n = 3000, i;
        struct buf o = BUF_INIT, a = BUF_INIT;
        for (i = 0; i < n; i++) {
            buf_printf(&o, "line %zu\n", i);
            buf_printf(&a, "line %zu%s\n", i, i % 2 ? "" : "!");
        }
        assert_int_equal(merge3(&out, o.data, a.data, o.data, NULL, NULL, NULL), 0);
        assert_string_equal(out.data, a.data);
        buf_release(&o);
        buf_release(&a);
    }
    buf_release(&out);
    free(big);
}

/* A random text of up to n lines over a tiny alphabet (so lines repeat). */
static void rand_text(struct buf *b, unsigned *seed, int n)
{
    int i, k = (int)(rand_r(seed) % (unsigned)(n + 1));
    static const char *words[] = {"a", "b", "c", "", "dd", "a b"};
    for (i = 0; i < k; i++) {
        buf_puts(b, words[rand_r(seed) % ARRAY_SIZE(words)]);
        if (i + 1 < k || rand_r(seed) % 4)
            buf_putc(b, '\n');
    }
}

static void balanced(const char *s)
{
    int depth = 0;
    const char *p = s;
    while (*p) {
        if (strncmp(p, "<<<<<<< ", 8) == 0) {
            assert_int_equal(depth, 0);
            depth = 1;
        } else if (strncmp(p, "=======\n", 8) == 0 && depth == 1) {
            depth = 2;
        } else if (strncmp(p, ">>>>>>> ", 8) == 0) {
            assert_int_equal(depth, 2);
            depth = 0;
        }
        p = strchr(p, '\n');
        if (!p)
            break;
        p++;
    }
    assert_int_equal(depth, 0);
}

static void test_random_properties(void **state)
{
    unsigned seed = 12345;
    int iter;
    (void)state;
    for (iter = 0; iter < 3000; iter++) {
        struct buf o = BUF_INIT, x = BUF_INIT, y = BUF_INIT;
        int rc;
        char *s;
        rand_text(&o, &seed, 8);
        rand_text(&x, &seed, 8);
        rand_text(&y, &seed, 8);
        s = m3(o.data, x.data, x.data, &rc, NULL);
        assert_int_equal(rc, 0);
        assert_string_equal(s, x.data);
        free(s);
        s = m3(o.data, o.data, x.data, &rc, NULL);
        assert_int_equal(rc, 0);
        assert_string_equal(s, x.data);
        free(s);
        s = m3(o.data, x.data, o.data, &rc, NULL);
        assert_int_equal(rc, 0);
        assert_string_equal(s, x.data);
        free(s);
        s = m3(o.data, x.data, y.data, &rc, NULL);
        assert_true(rc == 0 || rc == MERGE_CONFLICT);
        if (rc == 0)
            assert_null(strstr(s, "<<<<<<< mine"));
        balanced(s);
        free(s);
        buf_release(&o);
        buf_release(&x);
        buf_release(&y);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_clean_different_places), cmocka_unit_test(test_same_change),
        cmocka_unit_test(test_insert_delete),          cmocka_unit_test(test_conflict),
        cmocka_unit_test(test_final_newline),          cmocka_unit_test(test_caps),
        cmocka_unit_test(test_random_properties),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
