/* Tests for the pure parts of src/domain/trust.c and src/domain/closevote.c: the catalogue of
 * moderation and trust settings (unique keys, numeric defaults the settings checks accept,
 * lookups of unknown keys, out-of-range values refused with the field named) and the close
 * reasons' names round-tripping, with unknown, differently cased and missing names refused. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/util.h"
#include "domain/closevote.h"
#include "domain/trust.h"

static void test_catalogue(void **state)
{
    size_t n, i, j;
    const struct trust_setting *ts = trust_settings(&n);
    struct errinfo e = {0};
    struct ctx c;
    (void)state;
    memset(&c, 0, sizeof(c));
    c.err = &e;
    c.system = 1;
    assert_true(n >= 40);
    for (i = 0; i < n; i++) {
        int64_t v;
        assert_non_null(ts[i].group);
        assert_true(strlen(ts[i].label) > 0 && strlen(ts[i].help) > 0);
        assert_int_equal(str_to_i64(ts[i].def, &v), 0);
        assert_string_equal(trust_setting_default(ts[i].key), ts[i].def);
        /* the default passes the setting's own check, so the form can always be saved */
        assert_int_equal(settings_check(&c, ts[i].key, ts[i].def), 0);
        assert_int_equal(settings_check(&c, ts[i].key, "-1"), ERR_INVALID);
        assert_string_equal(e.field, ts[i].key);
        assert_int_equal(settings_check(&c, ts[i].key, "1e3"), ERR_INVALID);
        for (j = 0; j < i; j++)
            assert_string_not_equal(ts[i].key, ts[j].key);
    }
    assert_string_equal(trust_setting_default("trust2_posts_read"), "100");
    assert_string_equal(trust_setting_default("close_votes_needed"), "3");
    assert_null(trust_setting_default("trust5_posts"));
    assert_null(trust_setting_default(""));
    assert_int_equal(settings_check(&c, "trust_close_level", "5"), ERR_INVALID);
    assert_int_equal(settings_check(&c, "close_votes_needed", "0"), ERR_INVALID);
    assert_int_equal(settings_check(&c, "close_votes_needed", "101"), ERR_INVALID);
}

static void test_close_reasons(void **state)
{
    int i;
    enum close_reason r;
    (void)state;
    for (i = 0; i < CLOSE__MAX; i++) {
        assert_int_equal(close_reason_parse(close_reason_name((enum close_reason)i), &r), 0);
        assert_int_equal(r, i);
        assert_non_null(close_reason_label((enum close_reason)i));
    }
    assert_int_equal(close_reason_parse("Duplicate", &r), -1);
    assert_int_equal(close_reason_parse("off-topic", &r), -1);
    assert_int_equal(close_reason_parse("duplicate ", &r), -1);
    assert_int_equal(close_reason_parse("", &r), -1);
    assert_int_equal(close_reason_parse(NULL, &r), -1);
    assert_string_equal(close_reason_name(CLOSE__MAX), "off_topic");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_catalogue),
        cmocka_unit_test(test_close_reasons),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
