/* Tests for the coaching rules of src/domain/moderation.c (moderation_can_coach,
 * moderation_coaching_check) and the "coaching_publish" job's payload handling in
 * src/domain/coaching.c, on a real (SQLite) database: who may coach (members at the
 * community's trust level, staff, administrators; not outsiders, visitors or the system),
 * which new threads go to coaching (questions only, coaching on, askers who cannot coach, the
 * first question only unless told otherwise), and payloads the job must refuse or ignore. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "core/arena.h"
#include "domain/coaching.h"
#include "domain/domain.h"
#include "domain/moderation.h"
#include "../support/testdb.h"

struct fixture {
    struct testdb t;
    struct arena a;
    struct errinfo e;
    struct ctx c;
    struct community cm;
};

static void sql_ok(struct db *db, const char *sql)
{
    assert_true(db_exec(db, sql, NOPARAMS) >= 0);
}

static int setup(void **state)
{
    static struct fixture f;
    memset(&f, 0, sizeof(f));
    if (testdb_open(&f.t, "coach") < 0)
        return -1;
    arena_init(&f.a);
    /* ann: new (level 0); cleo: locked at level 2; bob: locked at level 1 */
    sql_ok(f.t.db, "INSERT INTO users (id, name, name_key, display_name, created_at, updated_at) "
                   "VALUES (1, 'ann', 'ann', 'Ann', 1700000000, 0), "
                   "(2, 'cleo', 'cleo', 'Cleo', 0, 0), (3, 'bob', 'bob', 'Bob', 0, 0)");
    sql_ok(f.t.db, "UPDATE users SET trust_level = 2, trust_locked = 1 WHERE id = 2");
    sql_ok(f.t.db, "UPDATE users SET trust_level = 1, trust_locked = 1 WHERE id = 3");
    sql_ok(f.t.db, "INSERT INTO communities (id, slug, name, created_at, updated_at) "
                   "VALUES (5, 'brew', 'Brew', 0, 0)");
    f.c.db = f.t.db;
    f.c.arena = &f.a;
    f.c.err = &f.e;
    f.c.now = 1700000100;
    f.cm.id = 5;
    f.cm.name = "Brew";
    f.cm.slug = "brew";
    *state = &f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    arena_release(&f->a);
    testdb_close(&f->t);
    return 0;
}

/* Act as uid with role in the community. */
static void as(struct fixture *f, int64_t uid, enum role role)
{
    f->c.uid = uid;
    f->c.system = 0;
    f->c.is_admin = 0;
    f->cm.viewer_role = role;
    error_clear(&f->e);
}

static void test_can_coach(void **state)
{
    struct fixture *f = *state;
    struct coaching_settings s;
    int can;
    as(f, 2, ROLE_MEMBER); /* level 2, the default coaching level */
    assert_int_equal(moderation_can_coach(&f->c, &f->cm, &s, &can), 0);
    assert_int_equal(can, 1);
    assert_int_equal(s.level, 2);
    assert_int_equal(s.on, 0);
    as(f, 2, ROLE_NONE); /* the same member, not in the community */
    assert_int_equal(moderation_can_coach(&f->c, &f->cm, NULL, &can), 0);
    assert_int_equal(can, 0);
    as(f, 3, ROLE_MEMBER); /* level 1 */
    assert_int_equal(moderation_can_coach(&f->c, &f->cm, NULL, &can), 0);
    assert_int_equal(can, 0);
    as(f, 3, ROLE_MODERATOR); /* staff always */
    assert_int_equal(moderation_can_coach(&f->c, &f->cm, NULL, &can), 0);
    assert_int_equal(can, 1);
    as(f, 0, ROLE_NONE); /* a visitor */
    assert_int_equal(moderation_can_coach(&f->c, &f->cm, NULL, &can), 0);
    assert_int_equal(can, 0);
    as(f, 0, ROLE_NONE);
    f->c.system = 1; /* the system publishes, it does not coach */
    assert_int_equal(moderation_can_coach(&f->c, &f->cm, NULL, &can), 0);
    assert_int_equal(can, 0);
    as(f, 3, ROLE_NONE);
    f->c.is_admin = 1;
    assert_int_equal(moderation_can_coach(&f->c, &f->cm, NULL, &can), 0);
    assert_int_equal(can, 1);
    /* a lower coaching level makes bob a coach */
    sql_ok(f->t.db, "UPDATE communities SET coaching_level = 1 WHERE id = 5");
    as(f, 3, ROLE_MEMBER);
    assert_int_equal(moderation_can_coach(&f->c, &f->cm, NULL, &can), 0);
    assert_int_equal(can, 1);
    sql_ok(f->t.db, "UPDATE communities SET coaching_level = 2 WHERE id = 5");
}

static void test_coaching_check(void **state)
{
    struct fixture *f = *state;
    struct coaching_settings s;
    int coach;
    as(f, 1, ROLE_MEMBER);
    assert_int_equal(moderation_coaching_check(&f->c, &f->cm, 1, &s, &coach), 0);
    assert_int_equal(coach, 0); /* coaching is off */
    sql_ok(f->t.db, "UPDATE communities SET coaching = 1 WHERE id = 5");
    assert_int_equal(moderation_coaching_check(&f->c, &f->cm, 1, &s, &coach), 0);
    assert_int_equal(coach, 1); /* ann's first question */
    assert_int_equal(s.hours, 72);
    assert_int_equal(moderation_coaching_check(&f->c, &f->cm, 0, &s, &coach), 0);
    assert_int_equal(coach, 0); /* a discussion */
    as(f, 2, ROLE_MEMBER);
    assert_int_equal(moderation_coaching_check(&f->c, &f->cm, 1, &s, &coach), 0);
    assert_int_equal(coach, 0); /* a coach is not coached */
    as(f, 3, ROLE_MODERATOR);
    assert_int_equal(moderation_coaching_check(&f->c, &f->cm, 1, &s, &coach), 0);
    assert_int_equal(coach, 0); /* nor is staff */
    /* ann asked before: a deleted question does not count, a live one does */
    sql_ok(f->t.db, "INSERT INTO threads (id, community_id, kind, title, author_id, created_at, "
                    "last_activity_at, deleted_at) VALUES (20, 5, 'question', 'Old', 1, 0, 0, 1)");
    as(f, 1, ROLE_MEMBER);
    assert_int_equal(moderation_coaching_check(&f->c, &f->cm, 1, &s, &coach), 0);
    assert_int_equal(coach, 1);
    sql_ok(f->t.db, "INSERT INTO threads (id, community_id, kind, title, author_id, created_at, "
                    "last_activity_at) VALUES (21, 5, 'question', 'Live', 1, 0, 0)");
    assert_int_equal(moderation_coaching_check(&f->c, &f->cm, 1, &s, &coach), 0);
    assert_int_equal(coach, 0);
    /* ... unless every question of a member who cannot coach is coached */
    sql_ok(f->t.db, "UPDATE communities SET coaching_first_only = 0 WHERE id = 5");
    assert_int_equal(moderation_coaching_check(&f->c, &f->cm, 1, &s, &coach), 0);
    assert_int_equal(coach, 1);
    sql_ok(f->t.db, "UPDATE communities SET coaching_first_only = 1, coaching = 0 WHERE id = 5");
}

static void test_job_payloads(void **state)
{
    struct fixture *f = *state;
    char err[200];
    static const char *const bad[] = {"",
                                      "{",
                                      "[]",
                                      "{}",
                                      "{\"thread\":\"12\"}",
                                      "{\"thread\":0}",
                                      "{\"thread\":-3}",
                                      "{\"thread\":1.5}",
                                      "null"};
    size_t i;
    as(f, 0, ROLE_NONE);
    for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        err[0] = 0;
        assert_int_equal(coaching_job(&f->c, bad[i], err, sizeof(err)), -1);
        assert_non_null(strstr(err, "bad payload"));
    }
    assert_int_equal(coaching_job(&f->c, NULL, err, sizeof(err)), -1);
    /* a thread that is gone, or not in coaching: nothing to do */
    assert_int_equal(coaching_job(&f->c, "{\"thread\":999}", err, sizeof(err)), 0);
    assert_int_equal(coaching_job(&f->c, "{\"thread\":21}", err, sizeof(err)), 0);
    assert_int_equal(f->c.system, 0); /* the runner's ctx is left as it was */
    assert_int_equal(f->c.uid, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_can_coach),
        cmocka_unit_test(test_coaching_check),
        cmocka_unit_test(test_job_payloads),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
