/* Tests for src/http/multipart.c: the boundary parameter (quoted, bad characters, too long,
 * other types), well-formed bodies (file and text parts, binary bytes with NUL and CR LF
 * inside, a boundary-like line inside the data, an empty part, the optional CRLF after the
 * close) and adversarial ones (a preamble, no closing delimiter, a part without
 * Content-Disposition or without a name, folded and over-long head lines, a NUL in a head,
 * text after the close, more parts than allowed), each refused as a whole. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/arena.h"
#include "core/err.h"
#include "http/http.h"
#include "core/util.h"

static struct arena A;

static int setup(void **state)
{
    (void)state;
    arena_init(&A);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    arena_release(&A);
    return 0;
}

static int parse_n(const char *body, size_t n, size_t max, struct multipart_part **p, size_t *np)
{
    return multipart_parse(&A, body, n, "XyZ", max, p, np);
}

static int parse(const char *body, struct multipart_part **p, size_t *np)
{
    return parse_n(body, strlen(body), 8, p, np);
}

static void test_boundary(void **state)
{
    const char *b;
    (void)state;
    assert_int_equal(multipart_boundary(&A, "multipart/form-data; boundary=abc", &b), 0);
    assert_string_equal(b, "abc");
    assert_int_equal(multipart_boundary(&A, "Multipart/Form-Data;boundary=\"a b:c\"", &b), 0);
    assert_string_equal(b, "a b:c");
    assert_int_equal(
        multipart_boundary(&A, "multipart/form-data; charset=x; boundary=----WebKitForm7", &b), 0);
    assert_string_equal(b, "----WebKitForm7");
    assert_int_equal(multipart_boundary(&A, "multipart/form-data", &b), ERR_INVALID);
    assert_null(b);
    assert_int_equal(multipart_boundary(&A, "multipart/mixed; boundary=abc", &b), ERR_INVALID);
    assert_int_equal(multipart_boundary(&A, "application/x-www-form-urlencoded", &b), ERR_INVALID);
    assert_int_equal(multipart_boundary(&A, "multipart/form-data; boundary=", &b), ERR_INVALID);
    assert_int_equal(multipart_boundary(&A, "multipart/form-data; boundary=\"abc", &b),
                     ERR_INVALID);
    assert_int_equal(multipart_boundary(&A, "multipart/form-data; boundary=\"a\r\nb\"", &b),
                     ERR_INVALID);
    assert_int_equal(multipart_boundary(&A, "multipart/form-data; boundary=\"ab \"", &b),
                     ERR_INVALID);
    {
        char ct[200];
        snprintf(ct, sizeof(ct), "multipart/form-data; boundary=%071d", 0);
        assert_int_equal(multipart_boundary(&A, ct, &b), ERR_INVALID); /* 71 characters */
        snprintf(ct, sizeof(ct), "multipart/form-data; boundary=%070d", 0);
        assert_int_equal(multipart_boundary(&A, ct, &b), 0);
    }
    assert_int_equal(multipart_boundary(&A, NULL, &b), ERR_INVALID);
}

static void test_parts(void **state)
{
    static const char body[] = "--XyZ\r\n"
                               "Content-Disposition: form-data; name=\"community\"\r\n"
                               "\r\n"
                               "bench\r\n"
                               "--XyZ\r\n"
                               "content-disposition: form-data; name=\"file\"; "
                               "filename=\"a \\\"q\\\".png\"\r\n"
                               "Content-Type: image/png\r\n"
                               "X-Other: ignored\r\n"
                               "\r\n"
                               "\x89PNG\r\n\0\r\n--XyZno\r\n-XyZ\r\n"
                               "--XyZ\r\n"
                               "Content-Disposition: form-data; name=\"empty\"\r\n"
                               "\r\n"
                               "\r\n"
                               "--XyZ--\r\n";
    struct multipart_part *p;
    size_t n;
    (void)state;
    assert_int_equal(parse_n(body, sizeof(body) - 1, 8, &p, &n), 0);
    assert_int_equal(n, 3);
    assert_string_equal(p[0].name, "community");
    assert_null(p[0].filename);
    assert_string_equal(p[0].type, "");
    assert_int_equal(p[0].len, 5);
    assert_memory_equal(p[0].data, "bench", 5);
    assert_string_equal(p[1].name, "file");
    assert_string_equal(p[1].filename, "a \"q\".png");
    assert_string_equal(p[1].type, "image/png");
    assert_int_equal(p[1].len, 22);
    assert_memory_equal(p[1].data, "\x89PNG\r\n\0\r\n--XyZno\r\n-XyZ", 22);
    assert_string_equal(p[2].name, "empty");
    assert_int_equal(p[2].len, 0);
}

static void test_close_forms(void **state)
{
    struct multipart_part *p;
    size_t n;
    (void)state;
    /* no CRLF after the close, and a body of no parts at all */
    assert_int_equal(
        parse("--XyZ\r\nContent-Disposition: form-data; name=a\r\n\r\nx\r\n--XyZ--", &p, &n), 0);
    assert_int_equal(n, 1);
    assert_string_equal(p[0].name, "a");
    assert_int_equal(parse("--XyZ--", &p, &n), 0);
    assert_int_equal(n, 0);
    assert_null(p);
    /* LF-only head lines are tolerated */
    assert_int_equal(
        parse("--XyZ\r\nContent-Disposition: form-data; name=a\n\nx\r\n--XyZ--", &p, &n), 0);
}

static void test_refused(void **state)
{
    static const char *const bad[] = {
        "",
        "preamble\r\n--XyZ\r\nContent-Disposition: form-data; name=a\r\n\r\nx\r\n--XyZ--",
        "--XyZ\r\nContent-Disposition: form-data; name=a\r\n\r\nno close",
        "--XyZ\r\nContent-Disposition: form-data; name=a\r\n\r\nx\r\n--XyZ",
        "--XyZ\r\nContent-Type: text/plain\r\n\r\nx\r\n--XyZ--",
        "--XyZ\r\nContent-Disposition: form-data\r\n\r\nx\r\n--XyZ--",
        "--XyZ\r\nContent-Disposition: form-data; name=\"\"\r\n\r\nx\r\n--XyZ--",
        "--XyZ\r\nContent-Disposition: attachment; name=a\r\n\r\nx\r\n--XyZ--",
        "--XyZ\r\nContent-Disposition: form-data;\r\n name=a\r\n\r\nx\r\n--XyZ--",
        "--XyZ\r\nContent-Disposition: form-data; name=a\r\nno colon here\r\n\r\nx\r\n--XyZ--",
        "--XyZ\r\nContent-Disposition: form-data; name=a\r\nContent-Disposition: form-data; "
        "name=b\r\n\r\nx\r\n--XyZ--",
        "--XyZ\r\nContent-Disposition: form-data; name=a\r\n\r\nx\r\n--XyZ--\r\nepilogue",
        "--XyZ junk\r\nContent-Disposition: form-data; name=a\r\n\r\nx\r\n--XyZ--",
        "--XyZ\r\nContent-Disposition: form-data; name=a",
        "--XyZ\r\nContent-Disposition: form-data; name=\"a\r\n\r\nx\r\n--XyZ--",
        "--Xy",
    };
    struct multipart_part *p = (void *)1;
    size_t n = 9, i;
    (void)state;
    for (i = 0; i < ARRAY_SIZE(bad); i++) {
        p = (void *)1;
        n = 9;
        if (parse(bad[i], &p, &n) != ERR_INVALID)
            fail_msg("accepted bad body %zu: %s", i, bad[i]);
        assert_null(p);
        assert_int_equal(n, 0);
    }
    /* a NUL or a stray CR inside a head line */
    {
        static const char nul[] = "--XyZ\r\nContent-Disposition: form-data; name=a\0b\r\n\r\nx\r\n"
                                  "--XyZ--";
        static const char cr[] = "--XyZ\r\nContent-Disposition: form-data; name=a\rb\r\n\r\nx\r\n"
                                 "--XyZ--";
        assert_int_equal(parse_n(nul, sizeof(nul) - 1, 8, &p, &n), ERR_INVALID);
        assert_int_equal(parse_n(cr, sizeof(cr) - 1, 8, &p, &n), ERR_INVALID);
    }
    /* invalid UTF-8 in a name */
    assert_int_equal(
        parse("--XyZ\r\nContent-Disposition: form-data; name=\"\xff\"\r\n\r\nx\r\n--XyZ--", &p, &n),
        ERR_INVALID);
}

static void test_limits(void **state)
{
    struct buf b = BUF_INIT;
    struct multipart_part *p;
    size_t n, i;
    (void)state;
    for (i = 0; i < 3; i++)
        buf_printf(&b, "--XyZ\r\nContent-Disposition: form-data; name=f%zu\r\n\r\nv\r\n", i);
    buf_puts(&b, "--XyZ--\r\n");
    assert_int_equal(parse_n(b.data, b.len, 3, &p, &n), 0);
    assert_int_equal(n, 3);
    assert_int_equal(parse_n(b.data, b.len, 2, &p, &n), ERR_TOOBIG);
    assert_null(p);
    assert_int_equal(parse_n(b.data, b.len, 0, &p, &n), ERR_INVALID);
    buf_reset(&b);
    /* a head line over 1024 bytes, and more than 16 head lines */
    buf_puts(&b, "--XyZ\r\nContent-Disposition: form-data; name=a\r\nX-Long: ");
    for (i = 0; i < 1100; i++)
        buf_putc(&b, 'x');
    buf_puts(&b, "\r\n\r\nv\r\n--XyZ--\r\n");
    assert_int_equal(parse_n(b.data, b.len, 8, &p, &n), ERR_INVALID);
    buf_reset(&b);
    buf_puts(&b, "--XyZ\r\nContent-Disposition: form-data; name=a\r\n");
    for (i = 0; i < 16; i++)
        buf_puts(&b, "X-H: 1\r\n");
    buf_puts(&b, "\r\nv\r\n--XyZ--\r\n");
    assert_int_equal(parse_n(b.data, b.len, 8, &p, &n), ERR_INVALID);
    buf_release(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_boundary, setup, teardown),
        cmocka_unit_test_setup_teardown(test_parts, setup, teardown),
        cmocka_unit_test_setup_teardown(test_close_forms, setup, teardown),
        cmocka_unit_test_setup_teardown(test_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(test_limits, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
