/* Tests for src/domain/mailkey.c: reply keys and unsubscribe tokens round-trip; a key made
 * under another secret, with any field changed, truncated, re-cased MAC aside, or of the
 * other purpose does not verify; reply keys expire after their last day; keys are found in
 * recipient addresses; the Reply-To address keeps the From's domain (mail_from read from
 * the settings of a real SQLite file). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "core/arena.h"
#include "core/rand.h"
#include "domain/mailkey.h"
#include "store/db.h"
#include "core/util.h"
#include "../support/testdb.h"

#define SECRET_A "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
#define SECRET_B "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
#define NOW      1765000000 /* 2025-12-06 */

struct fixture {
    struct testdb t;
    struct arena arena;
    struct errinfo err;
    struct ctx c;
};

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof(*f));
    if (testdb_open(&f->t, "mailkey") < 0)
        return -1;
    arena_init(&f->arena);
    f->c.db = f->t.db;
    f->c.arena = &f->arena;
    f->c.err = &f->err;
    f->c.secret = SECRET_A;
    f->c.now = NOW;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    testdb_close(&f->t);
    arena_release(&f->arena);
    free(f);
    return 0;
}

static void test_reply_roundtrip(void **state)
{
    struct fixture *f = *state;
    const char *key;
    int64_t uid = 0, tid = 0;
    char up[MAILKEY_MAX];
    size_t i;
    assert_int_equal(mailkey_reply_make(&f->c, 12, 345, &key), 0);
    assert_true(strlen(key) < MAILKEY_MAX);
    assert_true(strncmp(key, "r-12-345-", 9) == 0);
    for (i = 0; key[i]; i++)
        assert_true((key[i] >= 'a' && key[i] <= 'z') || (key[i] >= '0' && key[i] <= '9') ||
                    key[i] == '-');
    assert_int_equal(mailkey_reply_check(&f->c, key, &uid, &tid), 0);
    assert_int_equal(uid, 12);
    assert_int_equal(tid, 345);
    /* mail systems may upper-case a local part */
    for (i = 0; key[i]; i++)
        up[i] = (key[i] >= 'a' && key[i] <= 'z') ? (char)(key[i] - 32) : key[i];
    up[i] = '\0';
    assert_int_equal(mailkey_reply_check(&f->c, up, &uid, &tid), 0);
}

static void test_reply_forged(void **state)
{
    struct fixture *f = *state;
    const char *key;
    char k[MAILKEY_MAX];
    int64_t uid, tid;
    static const char *const bad[] = {"",
                                      "r-",
                                      "r-1-2-3-",
                                      "x-12-345-20000-0123456789abcdef0123",
                                      "r-012-345-20000-0123456789abcdef0123",
                                      "r-12-345-20000-0123456789abcdef012",
                                      "r-0-345-99999-0123456789abcdef0123",
                                      "r-12-345-99999999999999999999-0123456789abcdef0123"};
    size_t i;
    assert_int_equal(mailkey_reply_make(&f->c, 12, 345, &key), 0);
    /* another thread, another member: the MAC no longer matches */
    str_copy(k, key, sizeof(k));
    k[5] = '6'; /* r-12-3(4->6)5 */
    assert_int_equal(mailkey_reply_check(&f->c, k, &uid, &tid), ERR_NOTFOUND);
    str_copy(k, key, sizeof(k));
    k[2] = '3';
    assert_int_equal(mailkey_reply_check(&f->c, k, &uid, &tid), ERR_NOTFOUND);
    /* a later expiry day with the same MAC */
    str_copy(k, key, sizeof(k));
    k[strlen("r-12-345-") + 1] = k[strlen("r-12-345-") + 1] == '9' ? '8' : '9';
    assert_int_equal(mailkey_reply_check(&f->c, k, &uid, &tid), ERR_NOTFOUND);
    /* one MAC digit changed */
    str_copy(k, key, sizeof(k));
    k[strlen(k) - 1] = k[strlen(k) - 1] == '0' ? '1' : '0';
    assert_int_equal(mailkey_reply_check(&f->c, k, &uid, &tid), ERR_NOTFOUND);
    /* another instance's secret */
    f->c.secret = SECRET_B;
    assert_int_equal(mailkey_reply_check(&f->c, key, &uid, &tid), ERR_NOTFOUND);
    f->c.secret = SECRET_A;
    for (i = 0; i < ARRAY_SIZE(bad); i++)
        assert_int_equal(mailkey_reply_check(&f->c, bad[i], &uid, &tid), ERR_NOTFOUND);
    assert_int_equal(mailkey_reply_check(&f->c, NULL, &uid, &tid), ERR_NOTFOUND);
    assert_string_equal(f->err.msg, "This reply address is not valid.");
}

static void test_reply_expiry(void **state)
{
    struct fixture *f = *state;
    const char *key;
    int64_t uid, tid;
    assert_int_equal(mailkey_reply_make(&f->c, 7, 8, &key), 0);
    f->c.now = NOW + MAILKEY_REPLY_TTL; /* still within the last day */
    assert_int_equal(mailkey_reply_check(&f->c, key, &uid, &tid), 0);
    f->c.now = NOW + MAILKEY_REPLY_TTL + 86400;
    assert_int_equal(mailkey_reply_check(&f->c, key, &uid, &tid), ERR_PERM);
    assert_string_equal(f->err.msg, "This reply address has expired.");
    f->c.now = NOW;
}

static void test_unsub(void **state)
{
    struct fixture *f = *state;
    const char *tok, *scope, *rkey;
    char k[MAILKEY_MAX];
    int64_t uid, tid;
    assert_int_equal(mailkey_unsub_make(&f->c, 42, "digest", &tok), 0);
    assert_int_equal(mailkey_unsub_check(&f->c, tok, &uid, &scope), 0);
    assert_int_equal(uid, 42);
    assert_string_equal(scope, "digest");
    /* the scope is covered by the MAC */
    str_copy(k, tok, sizeof(k));
    memcpy(strstr(k, "digest"), "dagest", 6);
    assert_int_equal(mailkey_unsub_check(&f->c, k, &uid, &scope), ERR_NOTFOUND);
    assert_int_equal(mailkey_unsub_make(&f->c, 42, "Bad scope", &tok), ERR_INVALID);
    assert_int_equal(mailkey_unsub_make(&f->c, 42, "", &tok), ERR_INVALID);
    assert_int_equal(mailkey_unsub_make(&f->c, 42, "t123", &tok), 0);
    assert_int_equal(mailkey_unsub_check(&f->c, tok, &uid, &scope), 0);
    assert_string_equal(scope, "t123");
    /* a reply key is no unsubscribe token and the other way round */
    assert_int_equal(mailkey_reply_make(&f->c, 42, 1, &rkey), 0);
    assert_int_equal(mailkey_unsub_check(&f->c, rkey, &uid, &scope), ERR_NOTFOUND);
    assert_int_equal(mailkey_reply_check(&f->c, tok, &uid, &tid), ERR_NOTFOUND);
}

static void test_addresses(void **state)
{
    struct fixture *f = *state;
    const char *addr, *key;
    char out[MAILKEY_MAX];
    int64_t uid, tid;
    (void)f;
    assert_int_equal(mailkey_from_address("praxis+r-1-2-3-abc@example.org", out, sizeof(out)), 0);
    assert_string_equal(out, "r-1-2-3-abc");
    assert_int_equal(mailkey_from_address("Praxis+R-1-2@x", out, sizeof(out)), 0);
    assert_string_equal(out, "r-1-2");
    assert_int_equal(mailkey_from_address("praxis@example.org", out, sizeof(out)), -1);
    assert_int_equal(mailkey_from_address("praxis+@example.org", out, sizeof(out)), -1);
    assert_int_equal(mailkey_from_address("no-at-sign+x", out, sizeof(out)), -1);
    assert_int_equal(mailkey_from_address("a+xxxxxxxxxx@b", out, 4), -1);
    /* Reply-To from the default From, then from a From with a name and a +tag */
    assert_int_equal(mailkey_reply_address(&f->c, 5, 6, &addr), 0);
    assert_true(strncmp(addr, "praxis+r-5-6-", 13) == 0);
    assert_non_null(strstr(addr, "@localhost"));
    assert_int_equal(mailkey_from_address(addr, out, sizeof(out)), 0);
    key = out;
    assert_int_equal(mailkey_reply_check(&f->c, key, &uid, &tid), 0);
    assert_int_equal(uid, 5);
    assert_int_equal(tid, 6);
    f->c.system = 1;
    assert_int_equal(settings_set(&f->c, "mail_from", "Beer Club <club+list@example.org>"), 0);
    assert_int_equal(mailkey_reply_address(&f->c, 5, 6, &addr), 0);
    assert_true(strncmp(addr, "club+r-5-6-", 11) == 0);
    assert_non_null(strstr(addr, "@example.org"));
    assert_null(strchr(addr, ' '));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_reply_roundtrip, setup, teardown),
        cmocka_unit_test_setup_teardown(test_reply_forged, setup, teardown),
        cmocka_unit_test_setup_teardown(test_reply_expiry, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unsub, setup, teardown),
        cmocka_unit_test_setup_teardown(test_addresses, setup, teardown),
    };
    rand_init();
    return cmocka_run_group_tests(tests, NULL, NULL);
}
