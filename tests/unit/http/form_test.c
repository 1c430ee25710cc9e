/* Tests for src/http/form.c: form_parse (percent-decoding, '+' as space, bad escapes, invalid
 * UTF-8, NUL bytes, empty names and pairs, the field-count and field-size caps) and
 * cookie_parse (spaces, quoted values, duplicates where the first wins, malformed pairs, the
 * pair cap). */
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

static int parse(const char *s, struct kv **kv, size_t *n)
{
    return form_parse(&A, s, strlen(s), NULL, kv, n);
}

static void test_basic(void **state)
{
    struct kv *kv;
    size_t n;
    (void)state;
    assert_int_equal(parse("a=1&b=%20x&c=caf%C3%A9&d=a+b%2Bc", &kv, &n), 0);
    assert_int_equal(n, 4);
    assert_string_equal(kv[0].key, "a");
    assert_string_equal(kv[0].value, "1");
    assert_string_equal(kv[1].value, " x");
    assert_string_equal(kv[2].value, "café");
    assert_string_equal(kv[3].value, "a b+c");
    /* keys are decoded too, and order and duplicates are kept */
    assert_int_equal(parse("first+name=Ann&x%5B%5D=1&x%5B%5D=2", &kv, &n), 0);
    assert_int_equal(n, 3);
    assert_string_equal(kv[0].key, "first name");
    assert_string_equal(kv[1].key, "x[]");
    assert_string_equal(kv[2].value, "2");
    /* lowercase hex, '=' inside a value, a key without '=' */
    assert_int_equal(parse("k=%e2%82%ac&eq=a=b&flag", &kv, &n), 0);
    assert_int_equal(n, 3);
    assert_string_equal(kv[0].value, "€");
    assert_string_equal(kv[1].value, "a=b");
    assert_string_equal(kv[2].key, "flag");
    assert_string_equal(kv[2].value, "");
}

static void test_empty(void **state)
{
    struct kv *kv = (struct kv *)1;
    size_t n = 7;
    (void)state;
    assert_int_equal(parse("", &kv, &n), 0);
    assert_int_equal(n, 0);
    assert_null(kv);
    assert_int_equal(form_parse(&A, NULL, 0, NULL, &kv, &n), 0);
    assert_int_equal(n, 0);
    /* empty pairs and pairs with an empty name are dropped */
    assert_int_equal(parse("&&a=1&&=orphan&=&b=&", &kv, &n), 0);
    assert_int_equal(n, 2);
    assert_string_equal(kv[0].key, "a");
    assert_string_equal(kv[1].key, "b");
    assert_string_equal(kv[1].value, "");
    assert_int_equal(parse("&&&", &kv, &n), 0);
    assert_int_equal(n, 0);
    /* only the given length is parsed */
    assert_int_equal(form_parse(&A, "a=1&b=2", 3, NULL, &kv, &n), 0);
    assert_int_equal(n, 1);
    assert_string_equal(kv[0].value, "1");
}

static void test_bad_escapes(void **state)
{
    struct kv *kv;
    size_t n;
    (void)state;
    assert_int_equal(parse("a=%zz", &kv, &n), ERR_INVALID);
    assert_int_equal(parse("a=%4", &kv, &n), ERR_INVALID);
    assert_int_equal(parse("a=%", &kv, &n), ERR_INVALID);
    assert_int_equal(parse("a=%%41", &kv, &n), ERR_INVALID);
    assert_int_equal(parse("%g1=x", &kv, &n), ERR_INVALID);
    assert_int_equal(parse("a=1&b=%-1", &kv, &n), ERR_INVALID);
    assert_int_equal(n, 0); /* nothing half-parsed is returned */
    assert_int_equal(parse("a=%41%", &kv, &n), ERR_INVALID);
}

static void test_utf8_and_nul(void **state)
{
    struct kv *kv;
    size_t n;
    (void)state;
    assert_int_equal(parse("a=%ff", &kv, &n), ERR_INVALID);          /* not UTF-8 */
    assert_int_equal(parse("a=%C3", &kv, &n), ERR_INVALID);          /* truncated */
    assert_int_equal(parse("a=%C0%AF", &kv, &n), ERR_INVALID);       /* overlong '/' */
    assert_int_equal(parse("a=%ED%A0%80", &kv, &n), ERR_INVALID);    /* surrogate */
    assert_int_equal(parse("a=%F4%90%80%80", &kv, &n), ERR_INVALID); /* > U+10FFFF */
    assert_int_equal(parse("%ff=1", &kv, &n), ERR_INVALID);          /* in a key */
    assert_int_equal(parse("a=\xff", &kv, &n), ERR_INVALID);         /* raw byte */
    assert_int_equal(parse("a=%00", &kv, &n), ERR_INVALID);          /* NUL */
    assert_int_equal(parse("a%00b=1", &kv, &n), ERR_INVALID);
    assert_int_equal(form_parse(&A, "a=1\0b", 5, NULL, &kv, &n), ERR_INVALID); /* raw NUL */
    /* valid multi-byte sequences pass, raw or escaped */
    assert_int_equal(parse("a=\xf0\x9f\x98\x80&b=%F0%9F%98%80", &kv, &n), 0);
    assert_string_equal(kv[0].value, kv[1].value);
}

static void test_limits(void **state)
{
    struct http_limits lim = {0, 0, 0, 3, 5, 0};
    struct kv *kv;
    size_t n;
    char *big;
    (void)state;
    assert_int_equal(form_parse(&A, "a=1&b=2&c=3", 11, &lim, &kv, &n), 0);
    assert_int_equal(n, 3);
    assert_int_equal(form_parse(&A, "a=1&b=2&c=3&d=4", 15, &lim, &kv, &n), ERR_TOOBIG);
    assert_int_equal(n, 0);
    /* empty pairs do not count, empty names do */
    assert_int_equal(form_parse(&A, "&&a=1&&b=2&&c=3&&", 17, &lim, &kv, &n), 0);
    assert_int_equal(form_parse(&A, "=1&=2&=3&=4", 11, &lim, &kv, &n), ERR_TOOBIG);
    /* a value (or key) of 5 decoded bytes fits, 6 does not */
    assert_int_equal(form_parse(&A, "a=12345", 7, &lim, &kv, &n), 0);
    assert_int_equal(form_parse(&A, "a=123456", 8, &lim, &kv, &n), ERR_TOOBIG);
    assert_int_equal(form_parse(&A, "abcdef=1", 8, &lim, &kv, &n), ERR_TOOBIG);
    /* the cap applies to the decoded size: "%41" x 5 is 5 bytes */
    assert_int_equal(form_parse(&A, "a=%41%41%41%41%41", 17, &lim, &kv, &n), 0);
    assert_string_equal(kv[0].value, "AAAAA");
    /* defaults: 200 fields */
    big = malloc(201 * 4 + 1);
    big[0] = '\0';
    for (int i = 0; i < 201; i++)
        memcpy(big + i * 4, i ? "&a=1" : "a=1&", 4);
    big[201 * 4] = '\0';
    assert_int_equal(form_parse(&A, big, strlen(big), NULL, &kv, &n), ERR_TOOBIG);
    assert_int_equal(form_parse(&A, big, 200 * 4 - 1, NULL, &kv, &n), 0);
    assert_int_equal(n, 200);
    free(big);
    /* default field cap: 256 KiB */
    big = malloc(2 + 256 * 1024 + 2);
    memcpy(big, "a=", 2);
    memset(big + 2, 'x', 256 * 1024 + 1);
    big[2 + 256 * 1024 + 1] = '\0';
    assert_int_equal(form_parse(&A, big, strlen(big), NULL, &kv, &n), ERR_TOOBIG);
    assert_int_equal(form_parse(&A, big, strlen(big) - 1, NULL, &kv, &n), 0);
    free(big);
}

static const char *cookie(struct kv *kv, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(kv[i].key, name) == 0)
            return kv[i].value;
    return NULL;
}

static void test_cookies(void **state)
{
    struct kv *kv;
    size_t n;
    (void)state;
    assert_int_equal(cookie_parse(&A, "sid=abc; theme=dark", &kv, &n), 0);
    assert_int_equal(n, 2);
    assert_string_equal(cookie(kv, n, "sid"), "abc");
    assert_string_equal(cookie(kv, n, "theme"), "dark");
    /* spaces and tabs around names and values; no separator space */
    assert_int_equal(cookie_parse(&A, "  a = 1 ;\tb=2;c=3  ;", &kv, &n), 0);
    assert_int_equal(n, 3);
    assert_string_equal(cookie(kv, n, "a"), "1");
    assert_string_equal(cookie(kv, n, "b"), "2");
    assert_string_equal(cookie(kv, n, "c"), "3");
    /* quoted values lose their quotes; a lone quote stays */
    assert_int_equal(cookie_parse(&A, "q=\"hello world\"; e=\"\"; l=\"x", &kv, &n), 0);
    assert_string_equal(cookie(kv, n, "q"), "hello world");
    assert_string_equal(cookie(kv, n, "e"), "");
    assert_string_equal(cookie(kv, n, "l"), "\"x");
    /* duplicates: the first one wins (the most specific path, as browsers order them) */
    assert_int_equal(cookie_parse(&A, "sid=first; other=1; sid=second", &kv, &n), 0);
    assert_int_equal(n, 2);
    assert_string_equal(cookie(kv, n, "sid"), "first");
    /* no decoding: %, + and = stay as they are */
    assert_int_equal(cookie_parse(&A, "t=a%20b+c==", &kv, &n), 0);
    assert_string_equal(cookie(kv, n, "t"), "a%20b+c==");
}

static void test_cookies_malformed(void **state)
{
    struct kv *kv;
    size_t n;
    char many[2000];
    size_t i, len = 0;
    (void)state;
    assert_int_equal(cookie_parse(&A, "", &kv, &n), 0);
    assert_int_equal(n, 0);
    assert_int_equal(cookie_parse(&A, NULL, &kv, &n), 0);
    assert_int_equal(n, 0);
    /* pairs without '=' or without a name are skipped; the rest survive */
    assert_int_equal(cookie_parse(&A, "junk; =v; ;; ok=1", &kv, &n), 0);
    assert_int_equal(n, 1);
    assert_string_equal(cookie(kv, n, "ok"), "1");
    /* invalid UTF-8 or control characters spoil only their own pair */
    assert_int_equal(cookie_parse(&A, "bad=\xff\xfe; ctl=a\x01z; n\x7f=1; good=yes", &kv, &n), 0);
    assert_int_equal(n, 1);
    assert_string_equal(cookie(kv, n, "good"), "yes");
    assert_int_equal(cookie_parse(&A, "u=caf\xc3\xa9", &kv, &n), 0);
    assert_string_equal(cookie(kv, n, "u"), "café");
    /* more than 100 pairs: refused whole */
    for (i = 0; i < 101; i++)
        len += (size_t)snprintf(many + len, sizeof(many) - len, "c%zu=1;", i);
    many[len - 1] = '\0';
    assert_int_equal(cookie_parse(&A, many, &kv, &n), ERR_TOOBIG);
    assert_int_equal(n, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_basic, setup, teardown),
        cmocka_unit_test_setup_teardown(test_empty, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bad_escapes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_utf8_and_nul, setup, teardown),
        cmocka_unit_test_setup_teardown(test_limits, setup, teardown),
        cmocka_unit_test_setup_teardown(test_cookies, setup, teardown),
        cmocka_unit_test_setup_teardown(test_cookies_malformed, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
