/* Tests for src/core/arena.c: alignment, zeroing, big one-off blocks, reset keeping a block,
 * strdup/strndup/printf, and many allocations (run under ASan to catch overlap). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "core/arena.h"
#include "core/util.h"

static void test_alignment(void **state)
{
    struct arena a;
    size_t sizes[] = {1, 3, 16, 17, 100, 5000, 16384, 20000, 0, 7};
    size_t i;
    (void)state;
    arena_init(&a);
    for (i = 0; i < ARRAY_SIZE(sizes); i++) {
        unsigned char *p = arena_alloc(&a, sizes[i]);
        assert_non_null(p);
        assert_int_equal((uintptr_t)p % 16, 0);
        memset(p, 0xAB, sizes[i]);
    }
    arena_release(&a);
    assert_null(a.head);
}

static void test_zalloc_distinct(void **state)
{
    struct arena a;
    unsigned char *ptrs[2000];
    size_t i, j;
    (void)state;
    arena_init(&a);
    for (i = 0; i < ARRAY_SIZE(ptrs); i++) {
        size_t n = 1 + (i * 37) % 300;
        ptrs[i] = arena_zalloc(&a, n);
        for (j = 0; j < n; j++)
            assert_int_equal(ptrs[i][j], 0);
        memset(ptrs[i], (int)(i & 0xFF), n);
    }
    /* nothing overlapped: every block still holds its own byte */
    for (i = 0; i < ARRAY_SIZE(ptrs); i++) {
        size_t n = 1 + (i * 37) % 300;
        for (j = 0; j < n; j++)
            assert_int_equal(ptrs[i][j], i & 0xFF);
    }
    assert_true(a.total >= 2000);
    arena_release(&a);
}

static void test_big_oneoff_keeps_head(void **state)
{
    struct arena a;
    char *small1, *big, *small2;
    (void)state;
    arena_init(&a);
    small1 = arena_alloc(&a, 32);
    big = arena_alloc(&a, 100000);
    memset(big, 'x', 100000);
    small2 = arena_alloc(&a, 32);
    /* the small allocation continues in the same block as the first */
    assert_ptr_equal(small2, small1 + 32);
    assert_int_equal(a.total, 32 + 100000 + 32);
    arena_release(&a);
}

static void test_reset(void **state)
{
    struct arena a;
    char *p, *q;
    int i;
    (void)state;
    arena_init(&a);
    p = arena_alloc(&a, 10);
    for (i = 0; i < 50; i++)
        arena_alloc(&a, 1000); /* several standard blocks */
    arena_alloc(&a, 50000);    /* and a one-off */
    arena_reset(&a);
    assert_int_equal(a.total, 0);
    assert_int_equal(a.used, 0);
    assert_non_null(a.head); /* one block kept for reuse */
    q = arena_alloc(&a, 10);
    assert_non_null(q);
    str_copy(q, "ok", 10);
    assert_string_equal(q, "ok");
    (void)p;
    arena_release(&a);

    /* reset when the only other block is a one-off still keeps the standard block */
    arena_init(&a);
    arena_alloc(&a, 10);
    arena_alloc(&a, 10000);
    arena_reset(&a);
    assert_non_null(a.head);
    assert_non_null(arena_alloc(&a, 10));
    arena_release(&a);

    /* reset of an empty arena */
    arena_init(&a);
    arena_reset(&a);
    assert_null(a.head);
    assert_non_null(arena_alloc(&a, 1));
    arena_release(&a);
}

static void test_strings(void **state)
{
    struct arena a;
    char *s;
    char big[3000];
    (void)state;
    arena_init(&a);
    assert_null(arena_strdup(&a, NULL));
    assert_null(arena_strndup(&a, NULL, 3));
    assert_string_equal(arena_strdup(&a, "hello"), "hello");
    assert_string_equal(arena_strdup(&a, ""), "");
    assert_string_equal(arena_strndup(&a, "hello", 3), "hel");
    assert_string_equal(arena_strndup(&a, "hi", 10), "hi");
    s = arena_printf(&a, "%s=%d", "n", 42);
    assert_string_equal(s, "n=42");
    memset(big, 'b', sizeof(big) - 1);
    big[sizeof(big) - 1] = '\0';
    s = arena_printf(&a, "<%s>", big);
    assert_int_equal(strlen(s), sizeof(big) + 1);
    assert_int_equal(s[0], '<');
    assert_int_equal(s[sizeof(big)], '>');
    arena_release(&a);
}

struct pair {
    int a;
    long b;
};

static void test_macros(void **state)
{
    struct arena a;
    struct pair *p, *arr;
    (void)state;
    arena_init(&a);
    p = ARENA_NEW(&a, struct pair);
    assert_int_equal(p->a, 0);
    assert_int_equal(p->b, 0);
    arr = ARENA_ARRAY(&a, struct pair, 100);
    assert_int_equal(arr[99].b, 0);
    arr[99].b = 5;
    arena_release(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_alignment),
        cmocka_unit_test(test_zalloc_distinct),
        cmocka_unit_test(test_big_oneoff_keeps_head),
        cmocka_unit_test(test_reset),
        cmocka_unit_test(test_strings),
        cmocka_unit_test(test_macros),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
