/* Tests for src/domain/webhook.c: the signature against known HMAC-SHA256 vectors (computed
 * independently with Python's hmac module), the event list and the splitting of an events
 * text. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include <sodium.h>

#include "domain/webhook.h"

static void test_sign_vectors(void **state)
{
    char out[WEBHOOK_SIG_HEX + 1];
    const char *body = "{\"v\":1,\"type\":\"post.created\"}";
    (void)state;
    /* python3: hmac.new(secret, b"1700000000." + body, hashlib.sha256).hexdigest() */
    webhook_sign("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", 1700000000,
                 body, strlen(body), out);
    assert_string_equal(out, "3b1209842b00f35806ec292efa76d7f7a894cd3870bbe51e119762a8d576edbf");
    webhook_sign("key", 0, "", 0, out);
    assert_string_equal(out, "85841b4efc3cd7776c3c8f9b7cca9e281c550e5d19889d78e9e669c6337f000d");
    webhook_sign("Jefe", 12, "what do ya want for nothing?", 28, out);
    assert_string_equal(out, "884f387af4fab053210fff358c2ae1ceb946a70c677f05c2b731ca65c7769498");
}

static void test_sign_depends_on_everything(void **state)
{
    char a[WEBHOOK_SIG_HEX + 1], b[WEBHOOK_SIG_HEX + 1];
    (void)state;
    webhook_sign("s1", 100, "body", 4, a);
    webhook_sign("s2", 100, "body", 4, b);
    assert_string_not_equal(a, b);
    webhook_sign("s1", 101, "body", 4, b);
    assert_string_not_equal(a, b);
    webhook_sign("s1", 100, "bodY", 4, b);
    assert_string_not_equal(a, b);
    webhook_sign("s1", 100, "body!", 4, b); /* len counts, not the NUL */
    assert_string_equal(a, b);
    assert_int_equal(strlen(a), WEBHOOK_SIG_HEX);
}

static void test_events(void **state)
{
    const char *const *types;
    size_t n = webhook_event_types(&types), i;
    (void)state;
    assert_int_equal(n, 12);
    for (i = 0; i < n; i++)
        assert_true(webhook_event_known(types[i]));
    assert_true(webhook_event_known("flag.raised"));
    assert_false(webhook_event_known("thread"));
    assert_false(webhook_event_known("thread.created "));
    assert_false(webhook_event_known(""));
    assert_false(webhook_event_known(NULL));
}

static void test_split(void **state)
{
    struct arena a;
    const char **out;
    size_t n;
    (void)state;
    arena_init(&a);
    webhook_events_split(&a, " thread.created,post.created\n post.edited ,, ", &out, &n);
    assert_int_equal(n, 3);
    assert_string_equal(out[0], "thread.created");
    assert_string_equal(out[1], "post.created");
    assert_string_equal(out[2], "post.edited");
    webhook_events_split(&a, "", &out, &n);
    assert_int_equal(n, 0);
    webhook_events_split(&a, NULL, &out, &n);
    assert_int_equal(n, 0);
    webhook_events_split(&a, "a", &out, &n);
    assert_int_equal(n, 1);
    arena_release(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sign_vectors),
        cmocka_unit_test(test_sign_depends_on_everything),
        cmocka_unit_test(test_events),
        cmocka_unit_test(test_split),
    };
    if (sodium_init() < 0)
        return 1;
    return cmocka_run_group_tests(tests, NULL, NULL);
}
