/* Tests for src/core/buf.c: invariants (never NULL, NUL-terminated), growth, the size cap
 * and its sticky error, printf growth past the small stack buffer, detach/release/reset,
 * and appending from the buffer's own bytes. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/util.h"

static void test_init_empty(void **state)
{
    struct buf b = BUF_INIT;
    struct buf c;
    (void)state;
    assert_non_null(b.data);
    assert_string_equal(b.data, "");
    assert_int_equal(b.len, 0);
    buf_init(&c, 0);
    assert_int_equal(c.max, BUF_MAX);
    assert_string_equal(c.data, "");
    buf_release(&c);
    buf_release(&b); /* releasing a never-used buffer is fine */
    assert_string_equal(b.data, "");
}

static void test_append_and_nul(void **state)
{
    struct buf b;
    (void)state;
    buf_init(&b, 0);
    buf_puts(&b, "hello");
    buf_putc(&b, ' ');
    buf_append(&b, "world!!", 5);
    assert_string_equal(b.data, "hello world");
    assert_int_equal(b.len, 11);
    assert_true(b.len < b.cap);
    buf_append(&b, "x\0y", 3); /* embedded NUL is kept, data still terminated */
    assert_int_equal(b.len, 14);
    assert_memory_equal(b.data + 11, "x\0y", 4);
    buf_append(&b, NULL, 0);
    assert_int_equal(b.len, 14);
    buf_release(&b);
}

static void test_growth(void **state)
{
    struct buf b;
    size_t i;
    (void)state;
    buf_init(&b, 0);
    for (i = 0; i < 100000; i++)
        buf_putc(&b, (char)('a' + i % 26));
    assert_int_equal(b.len, 100000);
    assert_int_equal(strlen(b.data), 100000);
    assert_int_equal(b.data[26], 'a');
    assert_int_equal(b.err, 0);
    buf_release(&b);
}

static void test_cap_sticky(void **state)
{
    struct buf b;
    (void)state;
    buf_init(&b, 10);
    buf_puts(&b, "0123456789"); /* exactly max fits */
    assert_int_equal(b.err, 0);
    assert_int_equal(b.len, 10);
    buf_putc(&b, 'x'); /* one past max */
    assert_int_equal(b.err, ERR_TOOBIG);
    assert_int_equal(b.len, 10);
    assert_string_equal(b.data, "0123456789");
    buf_truncate(&b, 2);
    buf_putc(&b, 'y'); /* sticky: nothing is appended after an overflow */
    assert_string_equal(b.data, "01");
    assert_int_equal(b.err, ERR_TOOBIG);
    buf_reset(&b); /* reset clears the error */
    assert_int_equal(b.err, 0);
    assert_int_equal(b.len, 0);
    assert_string_equal(b.data, "");
    buf_puts(&b, "abc");
    assert_string_equal(b.data, "abc");
    buf_release(&b);
    assert_int_equal(b.max, 10); /* release keeps the cap */
}

static void test_cap_big_append(void **state)
{
    struct buf b;
    char big[100];
    (void)state;
    memset(big, 'z', sizeof(big));
    buf_init(&b, 50);
    buf_puts(&b, "ab");
    buf_append(&b, big, sizeof(big)); /* too big: nothing appended, not even part */
    assert_int_equal(b.len, 2);
    assert_int_equal(b.err, ERR_TOOBIG);
    buf_release(&b);
    buf_init(&b, 50);
    buf_append(&b, big, SIZE_MAX); /* absurd size must not overflow the check */
    assert_int_equal(b.err, ERR_TOOBIG);
    assert_int_equal(b.len, 0);
    buf_release(&b);
}

static void test_printf(void **state)
{
    struct buf b;
    char big[1000];
    (void)state;
    buf_init(&b, 0);
    buf_printf(&b, "%d-%s-%zu", 42, "x", (size_t)7);
    assert_string_equal(b.data, "42-x-7");
    memset(big, 'q', sizeof(big) - 1);
    big[sizeof(big) - 1] = '\0';
    buf_printf(&b, "[%s]", big); /* longer than the internal 256-byte scratch */
    assert_int_equal(b.len, 6 + 1001);
    assert_int_equal(b.data[6], '[');
    assert_int_equal(b.data[b.len - 1], ']');
    assert_int_equal(strlen(b.data), b.len);
    buf_release(&b);

    buf_init(&b, 300);
    buf_printf(&b, "%s", big); /* over the cap: nothing, sticky error */
    assert_int_equal(b.len, 0);
    assert_int_equal(b.err, ERR_TOOBIG);
    buf_release(&b);
}

static void test_printf_self(void **state)
{
    struct buf b;
    size_t i;
    (void)state;
    buf_init(&b, 0);
    for (i = 0; i < 300; i++)
        buf_putc(&b, 'a');
    /* formatting the buffer's own contents while it has to grow */
    buf_printf(&b, "%s|%s", b.data, b.data);
    assert_int_equal(b.len, 300 + 601);
    assert_int_equal(b.data[600], '|');
    assert_int_equal(b.data[300], 'a');
    buf_release(&b);
}

static void test_append_self(void **state)
{
    struct buf b;
    int i;
    (void)state;
    buf_init(&b, 0);
    buf_puts(&b, "abc");
    for (i = 0; i < 12; i++) /* doubles each time: forces reallocation */
        buf_append(&b, b.data, b.len);
    assert_int_equal(b.len, 3u << 12);
    assert_memory_equal(b.data + b.len - 3, "abc", 3);
    assert_int_equal(strlen(b.data), b.len);
    buf_release(&b);
}

static void test_detach(void **state)
{
    struct buf b;
    size_t len = 99;
    char *p;
    (void)state;
    buf_init(&b, 0);
    p = buf_detach(&b, &len); /* empty buffer: still a heap string */
    assert_string_equal(p, "");
    assert_int_equal(len, 0);
    free(p);
    buf_puts(&b, "text");
    p = buf_detach(&b, &len);
    assert_string_equal(p, "text");
    assert_int_equal(len, 4);
    assert_string_equal(b.data, ""); /* b is reusable */
    assert_int_equal(b.len, 0);
    free(p);
    buf_puts(&b, "again");
    assert_string_equal(b.data, "again");
    buf_release(&b);
}

static void test_truncate_grow(void **state)
{
    struct buf b;
    (void)state;
    buf_init(&b, 0);
    buf_truncate(&b, 5); /* on an empty buffer: no-op, no write to the static "" */
    assert_string_equal(b.data, "");
    buf_puts(&b, "abcdef");
    buf_truncate(&b, 10);
    assert_string_equal(b.data, "abcdef");
    buf_truncate(&b, 3);
    assert_string_equal(b.data, "abc");
    buf_grow(&b, 1000);
    assert_true(b.cap >= 1004);
    assert_string_equal(b.data, "abc");
    buf_reset(&b);
    assert_string_equal(b.data, "");
    buf_release(&b);
    buf_reset(&b); /* reset of an unallocated buffer */
    assert_string_equal(b.data, "");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_init_empty),     cmocka_unit_test(test_append_and_nul),
        cmocka_unit_test(test_growth),         cmocka_unit_test(test_cap_sticky),
        cmocka_unit_test(test_cap_big_append), cmocka_unit_test(test_printf),
        cmocka_unit_test(test_printf_self),    cmocka_unit_test(test_append_self),
        cmocka_unit_test(test_detach),         cmocka_unit_test(test_truncate_grow),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
