/* Tests for the pure rules of src/domain/account.c: user names (length, alphabet, first
 * character, reserved words in any case), name keys, display names (length in characters,
 * control characters, invalid UTF-8), the password policy (length bounds, name, repeated
 * character, blocklist in any case), skills parsing and normalisation, the redirect-target
 * check used after signing in, and generated passwords. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "core/arena.h"
#include "core/rand.h"
#include "domain/account.h"
#include "core/util.h"

static void test_names(void **state)
{
    static const char *const good[] = {
        "al", "alice", "Bob_1", "a.b-c", "x1", "9lives", "ABCDEFGHIJabcdefghij0123456789",
        "a_", "a.",    "a-"};
    static const char *const bad[] = {"",
                                      "a",
                                      "_alice",
                                      ".x",
                                      "-x",
                                      "al ice",
                                      "al/ice",
                                      "al\303\255ce" /* alíce */,
                                      "a\n",
                                      "alice!",
                                      "ali<ce",
                                      "a@b",
                                      "ABCDEFGHIJabcdefghij0123456789z",
                                      "a\tb",
                                      "%61b"};
    size_t i;
    struct errinfo e;
    (void)state;
    for (i = 0; i < ARRAY_SIZE(good); i++) {
        error_clear(&e);
        if (account_check_name(good[i], &e) != 0)
            fail_msg("'%s' should be a valid name: %s", good[i], e.msg);
    }
    for (i = 0; i < ARRAY_SIZE(bad); i++) {
        error_clear(&e);
        if (account_check_name(bad[i], &e) != ERR_INVALID)
            fail_msg("'%s' should be refused", bad[i]);
        assert_string_equal(e.field, "name");
        assert_true(e.msg[0] != '\0');
    }
    assert_int_equal(account_check_name(NULL, &e), ERR_INVALID);
}

static void test_reserved_names(void **state)
{
    static const char *const reserved[] = {"admin",  "ADMIN",  "Api",        "static",
                                           "signin", "SignUp", "settings",   "new",
                                           "root",   "me",     "favicon.ico"};
    size_t i;
    struct errinfo e;
    (void)state;
    for (i = 0; i < ARRAY_SIZE(reserved); i++) {
        error_clear(&e);
        assert_true(account_name_reserved(reserved[i]));
        if (account_check_name(reserved[i], &e) != ERR_INVALID)
            fail_msg("'%s' is reserved", reserved[i]);
        assert_non_null(strstr(e.msg, "reserved"));
    }
    /* one-letter path prefixes are reserved too (the length rule refuses them first) */
    assert_true(account_name_reserved("u"));
    assert_true(account_name_reserved("C"));
    assert_false(account_name_reserved("administrators2"));
    assert_false(account_name_reserved("admi"));
    assert_false(account_name_reserved("alice"));
}

static void test_name_key(void **state)
{
    char key[8];
    (void)state;
    account_name_key("AlIcE_.-9", key, sizeof(key));
    assert_string_equal(key, "alice_."); /* truncated to the buffer */
    account_name_key("Bob", key, sizeof(key));
    assert_string_equal(key, "bob");
    account_name_key("", key, sizeof(key));
    assert_string_equal(key, "");
}

static void test_display_names(void **state)
{
    struct errinfo e;
    char sixty[61], sixtyone[62], accents[60 * 2 + 1];
    int i;
    (void)state;
    memset(sixty, 'x', 60);
    sixty[60] = '\0';
    memset(sixtyone, 'x', 61);
    sixtyone[61] = '\0';
    for (i = 0; i < 60; i++)
        memcpy(accents + 2 * i, "\xC3\xA9", 2); /* é: 60 characters, 120 bytes */
    accents[120] = '\0';
    assert_int_equal(account_check_display_name("Ada Lovelace", &e), 0);
    assert_int_equal(account_check_display_name("\xE6\x9D\x8E\xE5\xB0\x8F\xE9\xBE\x99", &e), 0);
    assert_int_equal(account_check_display_name("x", &e), 0);
    assert_int_equal(account_check_display_name(sixty, &e), 0);
    assert_int_equal(account_check_display_name(accents, &e), 0);
    assert_int_equal(account_check_display_name("<script>alert(1)</script>", &e),
                     0); /* escaped on output */
    error_clear(&e);
    assert_int_equal(account_check_display_name(sixtyone, &e), ERR_INVALID);
    assert_string_equal(e.field, "display_name");
    assert_int_equal(account_check_display_name("", &e), ERR_INVALID);
    assert_int_equal(account_check_display_name("   ", &e), ERR_INVALID);
    assert_int_equal(account_check_display_name(NULL, &e), ERR_INVALID);
    assert_int_equal(account_check_display_name("a\x01"
                                                "b",
                                                &e),
                     ERR_INVALID);
    assert_int_equal(account_check_display_name("a\nb", &e), ERR_INVALID);
    assert_int_equal(account_check_display_name("a\x7f", &e), ERR_INVALID);
    assert_int_equal(account_check_display_name("bad \xff utf8", &e), ERR_INVALID);
    assert_int_equal(account_check_display_name("\xC0\xAF", &e), ERR_INVALID);
}

static void test_passwords(void **state)
{
    struct errinfo e;
    char max[257], over[258];
    (void)state;
    for (size_t k = 0; k < 256; k++) /* a strong 256-byte password: no repeats, no pattern */
        max[k] = (char)('a' + (k * 7) % 26);
    max[255] = 'Q';
    max[256] = '\0';
    memset(over, 'a', 257);
    over[0] = 'b';
    over[257] = '\0';

    assert_int_equal(account_check_password("correct horse battery", "alice", &e), 0);
    assert_int_equal(account_check_password("k3v#q9Lm2x", "alice", &e), 0); /* exactly 10 */
    /* length in characters, not bytes: ten two-byte letters pass, nine do not */
    assert_int_equal(account_check_password("\xC3\xA9\xC3\xA0\xC3\xBC\xC3\xB6\xC3\x9F\xC3\xA7"
                                            "\xC3\xB1\xC3\xB8\xC3\xA5\xC3\xA9",
                                            "alice", &e),
                     0);
    error_clear(&e);
    assert_int_equal(account_check_password("\xC3\xA9\xC3\xA0\xC3\xBC\xC3\xB6\xC3\x9F\xC3\xA7"
                                            "\xC3\xB1\xC3\xB8\xC3\xA5",
                                            "alice", &e),
                     ERR_INVALID);
    assert_non_null(strstr(e.msg, "10 characters"));
    assert_int_equal(account_check_password(max, "alice", &e), 0);
    assert_int_equal(account_check_password("\xC3\xA9t\xC3\xA9 \xC3\xA0 Paris", NULL, &e), 0);

    error_clear(&e);
    assert_int_equal(account_check_password("ninechars", "alice", &e), ERR_INVALID);
    assert_string_equal(e.field, "password");
    assert_non_null(strstr(e.msg, "10"));
    assert_int_equal(account_check_password(over, "alice", &e), ERR_INVALID);
    assert_non_null(strstr(e.msg, "256"));
    assert_int_equal(account_check_password("", "alice", &e), ERR_INVALID);
    assert_int_equal(account_check_password(NULL, "alice", &e), ERR_INVALID);
    /* the user name, in any case */
    assert_int_equal(account_check_password("LongUserName", "longusername", &e), ERR_INVALID);
    assert_non_null(strstr(e.msg, "name"));
    /* the user name inside it */
    error_clear(&e);
    assert_int_equal(account_check_password("alice-in-wonderland-42", "Alice", &e), ERR_INVALID);
    assert_non_null(strstr(e.msg, "contain your user name"));
    assert_int_equal(account_check_password("al-in-wonderland-42", "al", &e), 0); /* < 3 */
    /* easy to guess by zxcvbn's estimate, though not on the short list */
    error_clear(&e);
    assert_int_equal(account_check_password("iloveyou2026", "alice", &e), ERR_INVALID);
    assert_non_null(strstr(e.msg, "easy to guess"));
    assert_int_equal(account_check_password("qwertyuiop12", "alice", &e), ERR_INVALID);
    /* one character repeated */
    assert_int_equal(account_check_password("zzzzzzzzzzzz", "alice", &e), ERR_INVALID);
    /* the blocklist, in any case */
    assert_int_equal(account_check_password("password123", "alice", &e), ERR_INVALID);
    assert_non_null(strstr(e.msg, "common"));
    assert_int_equal(account_check_password("PASSWORD123", "alice", &e), ERR_INVALID);
    assert_int_equal(account_check_password("1234567890", "alice", &e), ERR_INVALID);
    assert_int_equal(account_check_password("QwErTyUiOp", "alice", &e), ERR_INVALID);
    assert_int_equal(account_check_password("iloveyou123", "alice", &e), ERR_INVALID);
    /* not on the list: near misses pass */
    assert_int_equal(account_check_password("password123 but longer", "alice", &e), 0);
    /* invalid UTF-8 */
    assert_int_equal(account_check_password("abc\xff\xfe"
                                            "defghij",
                                            "alice", &e),
                     ERR_INVALID);
}

static void test_skills(void **state)
{
    struct arena a;
    struct errinfo e;
    const char **v;
    size_t n;
    char many[512], longtag[64];
    int i;
    (void)state;
    arena_init(&a);

    assert_int_equal(account_parse_skills(&a, "Go, PostgreSQL, machine learning", &v, &n, &e), 0);
    assert_int_equal(n, 3);
    assert_string_equal(v[0], "go");
    assert_string_equal(v[1], "postgresql");
    assert_string_equal(v[2], "machine-learning");
    assert_null(v[3]);

    assert_int_equal(account_parse_skills(&a, "go, Go ,GO", &v, &n, &e), 0);
    assert_int_equal(n, 1);
    assert_int_equal(account_parse_skills(&a, "", &v, &n, &e), 0);
    assert_int_equal(n, 0);
    assert_null(v[0]);
    assert_int_equal(account_parse_skills(&a, NULL, &v, &n, &e), 0);
    assert_int_equal(n, 0);
    assert_int_equal(account_parse_skills(&a, " , ,,", &v, &n, &e), 0);
    assert_int_equal(n, 0);
    assert_int_equal(account_parse_skills(&a, "a__b  c, -x-, web_dev", &v, &n, &e), 0);
    assert_int_equal(n, 3);
    assert_string_equal(v[0], "a-b-c");
    assert_string_equal(v[1], "x");
    assert_string_equal(v[2], "web-dev");

    error_clear(&e);
    assert_int_equal(account_parse_skills(&a, "c++", &v, &n, &e), ERR_INVALID);
    assert_string_equal(e.field, "skills");
    assert_non_null(strstr(e.msg, "c++"));
    assert_int_equal(account_parse_skills(&a, "ok, <b>x</b>", &v, &n, &e), ERR_INVALID);
    assert_int_equal(account_parse_skills(&a, "caf\xC3\xA9", &v, &n, &e), ERR_INVALID);

    /* 20 are fine, 21 are too many (duplicates do not count) */
    many[0] = '\0';
    for (i = 0; i < 20; i++)
        snprintf(many + strlen(many), sizeof(many) - strlen(many), "s%d,s%d,", i, i);
    assert_int_equal(account_parse_skills(&a, many, &v, &n, &e), 0);
    assert_int_equal(n, 20);
    snprintf(many + strlen(many), sizeof(many) - strlen(many), "one-more");
    assert_int_equal(account_parse_skills(&a, many, &v, &n, &e), ERR_INVALID);
    assert_non_null(strstr(e.msg, "20"));

    /* 30 characters are fine, 31 are not */
    memset(longtag, 'k', 30);
    longtag[30] = '\0';
    assert_int_equal(account_parse_skills(&a, longtag, &v, &n, &e), 0);
    memset(longtag, 'k', 31);
    longtag[31] = '\0';
    assert_int_equal(account_parse_skills(&a, longtag, &v, &n, &e), ERR_INVALID);
    arena_release(&a);
}

static void test_safe_next(void **state)
{
    (void)state;
    assert_true(account_safe_next("/"));
    assert_true(account_safe_next("/c/rust?tab=questions#top"));
    assert_true(account_safe_next("/settings/profile"));
    assert_false(account_safe_next(NULL));
    assert_false(account_safe_next(""));
    assert_false(account_safe_next("//evil.example/"));
    assert_false(account_safe_next("/\\evil.example"));
    assert_false(account_safe_next("/a\\b"));
    assert_false(account_safe_next("https://evil.example/"));
    assert_false(account_safe_next("javascript:alert(1)"));
    assert_false(account_safe_next("evil.example"));
    assert_false(account_safe_next("/a\nLocation: x"));
    assert_false(account_safe_next("/a\rb"));
    assert_false(account_safe_next("/\x01"));
}

static void test_generated_password(void **state)
{
    char a[ACCOUNT_GENPW_LEN + 1], b[ACCOUNT_GENPW_LEN + 1];
    struct errinfo e;
    size_t i;
    (void)state;
    account_generate_password(a);
    account_generate_password(b);
    assert_int_equal(strlen(a), ACCOUNT_GENPW_LEN);
    assert_string_not_equal(a, b);
    for (i = 0; i < ACCOUNT_GENPW_LEN; i++)
        assert_non_null(strchr("abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789", a[i]));
    assert_int_equal(account_check_password(a, "alice", &e), 0);
}

static void test_trim(void **state)
{
    struct arena a;
    (void)state;
    arena_init(&a);
    assert_string_equal(account_trim(&a, "  alice \t\n"), "alice");
    assert_string_equal(account_trim(&a, "a b"), "a b");
    assert_string_equal(account_trim(&a, "   "), "");
    assert_null(account_trim(&a, NULL));
    arena_release(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_names),     cmocka_unit_test(test_reserved_names),
        cmocka_unit_test(test_name_key),  cmocka_unit_test(test_display_names),
        cmocka_unit_test(test_passwords), cmocka_unit_test(test_skills),
        cmocka_unit_test(test_safe_next), cmocka_unit_test(test_generated_password),
        cmocka_unit_test(test_trim),
    };
    if (rand_init() < 0)
        return 1;
    return cmocka_run_group_tests(tests, NULL, NULL);
}
