/* Tests for src/core/rand.c: token length, alphabet and distinctness; hash lengths and
 * known-answer BLAKE2b values; keyed hash depends on key and message; const_time_eq. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "core/rand.h"
#include "core/util.h"

static int is_lower_hex(const char *s)
{
    for (; *s; s++)
        if (!((*s >= '0' && *s <= '9') || (*s >= 'a' && *s <= 'f')))
            return 0;
    return 1;
}

static void test_tokens(void **state)
{
    enum { N = 1000 };
    static char toks[N][TOKEN_HEX_LEN + 1];
    size_t i, j;
    (void)state;
    for (i = 0; i < N; i++) {
        memset(toks[i], 'Z', sizeof(toks[i]));
        rand_token(toks[i]);
        assert_int_equal(strlen(toks[i]), TOKEN_HEX_LEN);
        assert_true(is_lower_hex(toks[i]));
    }
    for (i = 0; i < N; i++)
        for (j = i + 1; j < N; j++)
            assert_string_not_equal(toks[i], toks[j]);
}

static void test_bytes(void **state)
{
    unsigned char a[64], b[64];
    (void)state;
    memset(a, 0, sizeof(a));
    memset(b, 0, sizeof(b));
    rand_bytes(a, sizeof(a));
    rand_bytes(b, sizeof(b));
    assert_memory_not_equal(a, b, sizeof(a));
    rand_bytes(a, 0);
}

static void test_token_hash(void **state)
{
    char h1[TOKEN_HASH_LEN + 1], h2[TOKEN_HASH_LEN + 1];
    (void)state;
    token_hash("", h1);
    /* BLAKE2b-256 of the empty string */
    assert_string_equal(h1, "0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8");
    token_hash("abc", h1);
    assert_string_equal(h1, "bddd813c634239723171ef3fee98579b94964e3bb1cb3e427262c8c068d52319");
    token_hash("abd", h2);
    assert_int_equal(strlen(h2), TOKEN_HASH_LEN);
    assert_true(is_lower_hex(h2));
    assert_string_not_equal(h1, h2);
}

static void test_keyed_hash(void **state)
{
    char a[TOKEN_HASH_LEN + 1], b[TOKEN_HASH_LEN + 1], c[TOKEN_HASH_LEN + 1], d[TOKEN_HASH_LEN + 1];
    (void)state;
    keyed_hash("secret-key", "session-1", a);
    keyed_hash("secret-key", "session-1", b);
    keyed_hash("other-key", "session-1", c);
    keyed_hash("secret-key", "session-2", d);
    assert_string_equal(a, b);
    /* documented construction: BLAKE2b-256(msg, key = BLAKE2b-256(key string)) */
    assert_string_equal(a, "0e01027797f1cf4ef5c54f481ed21f7c193a04714ea6fea9de78538e51ba7be5");
    assert_string_not_equal(a, c);
    assert_string_not_equal(a, d);
    assert_int_equal(strlen(a), TOKEN_HASH_LEN);
    assert_true(is_lower_hex(a));
    /* a keyed hash is not the plain hash of the message */
    token_hash("session-1", b);
    assert_string_not_equal(a, b);
    /* keys of any length work, including very short and very long ones */
    keyed_hash("", "m", a);
    keyed_hash("k", "m", b);
    keyed_hash("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789", "m",
               c);
    assert_string_not_equal(a, b);
    assert_string_not_equal(b, c);
}

static void test_const_time_eq(void **state)
{
    (void)state;
    assert_true(const_time_eq("abc", "abc"));
    assert_true(const_time_eq("", ""));
    assert_false(const_time_eq("abc", "abd"));
    assert_false(const_time_eq("abc", "ab"));
    assert_false(const_time_eq("ab", "abc"));
    assert_false(const_time_eq("abc", ""));
    assert_false(const_time_eq(NULL, "abc"));
    assert_false(const_time_eq("abc", NULL));
    assert_false(const_time_eq(NULL, NULL));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tokens),        cmocka_unit_test(test_bytes),
        cmocka_unit_test(test_token_hash),    cmocka_unit_test(test_keyed_hash),
        cmocka_unit_test(test_const_time_eq),
    };
    if (rand_init() != 0)
        return 1;
    assert_int_equal(rand_init(), 0); /* idempotent */
    return cmocka_run_group_tests(tests, NULL, NULL);
}
