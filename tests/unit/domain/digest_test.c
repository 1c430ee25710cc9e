/* Tests for src/domain/digest.c and the digest catalogue (src/store/digest.c) on a real SQLite
 * file: the frequency names and periods; who the sweep finds due at the edges of the rule
 * (a period since the last digest, no session or API token use within the period, a
 * verified address, active, not off); the job keys "digest:UID:SINCE" (a second sweep in the
 * period queues nothing, a built digest moves the member on); the hourly sweep is queued
 * once per hour. */
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
#include "domain/digest.h"
#include "store/db.h"
#include "store/job.h"

#define NOW 2000000000LL
#define DAY 86400LL

static void test_freq(void **state)
{
    enum digest_freq f;
    (void)state;
    assert_int_equal(digest_freq_parse("weekly", &f), 0);
    assert_int_equal(f, DIGEST_WEEKLY);
    assert_int_equal(digest_freq_parse("daily", &f), 0);
    assert_int_equal(f, DIGEST_DAILY);
    assert_int_equal(digest_freq_parse("off", &f), 0);
    assert_int_equal(f, DIGEST_OFF);
    assert_int_equal(digest_freq_parse("Weekly", &f), -1);
    assert_int_equal(digest_freq_parse("", &f), -1);
    assert_int_equal(digest_freq_parse(NULL, &f), -1);
    assert_string_equal(digest_freq_name(DIGEST_DAILY), "daily");
    assert_string_equal(digest_freq_name(DIGEST__MAX), "off");
    assert_int_equal(digest_freq_period(DIGEST_WEEKLY), 7 * DAY);
    assert_int_equal(digest_freq_period(DIGEST_DAILY), DAY);
    assert_int_equal(digest_freq_period(DIGEST_OFF), 0);
}

struct fixture {
    char dir[64];
    struct db *db;
    struct arena a;
    struct errinfo e;
    struct ctx c;
};

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof(*f));
    char url[128];
    snprintf(f->dir, sizeof(f->dir), "/tmp/praxis-digest-XXXXXX");
    if (!mkdtemp(f->dir))
        return -1;
    snprintf(url, sizeof(url), "sqlite:%s/t.db", f->dir);
    if (db_open(url, &f->db, &f->e) < 0 || db_migrate(f->db, &f->e) < 0) {
        fprintf(stderr, "setup: %s\n", f->e.msg);
        return -1;
    }
    arena_init(&f->a);
    f->c.db = f->db;
    f->c.arena = &f->a;
    f->c.err = &f->e;
    f->c.system = 1;
    f->c.now = NOW;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    char path[128];
    static const char *const sfx[] = {"", "-wal", "-shm"};
    size_t i;
    db_close(f->db);
    arena_release(&f->a);
    for (i = 0; i < 3; i++) {
        snprintf(path, sizeof(path), "%s/t.db%s", f->dir, sfx[i]);
        unlink(path);
    }
    rmdir(f->dir);
    free(f);
    return 0;
}

/* A member: id, frequency, last digest, last session use (0 = no session), verified. */
static void member(struct fixture *f, int64_t id, const char *freq, int64_t last_at, int64_t seen,
                   int verified)
{
    char nbuf[32], ebuf[64];
    const char *name = nbuf, *email = ebuf; /* pointers: P_TEXT tests them for NULL */
    snprintf(nbuf, sizeof(nbuf), "m%lld", (long long)id);
    snprintf(ebuf, sizeof(ebuf), "m%lld@example.org", (long long)id);
    assert_true(db_exec(f->db,
                        "INSERT INTO users (id, name, name_key, display_name, created_at, "
                        "updated_at, email, email_key, email_verified_at, digest_frequency, "
                        "digest_last_at) VALUES ($1, $2, $2, $2, 0, 0, $3, $3, $4, $5, $6)",
                        PARAMS(P_INT(id), P_TEXT(name), P_TEXT(email), verified ? P_INT(1) : P_NULL,
                               P_TEXT(freq), P_INT(last_at))) >= 0);
    if (seen)
        assert_true(db_exec(f->db,
                            "INSERT INTO sessions (token_hash, user_id, created_at, "
                            "last_seen_at, expires_at) VALUES ($2, $1, 0, $3, $4)",
                            PARAMS(P_INT(id), P_TEXT(name), P_INT(seen), P_INT(NOW + DAY))) >= 0);
}

static int has_job(struct fixture *f, const char *key)
{
    struct job_row j;
    return store_job_by_key(f->db, &f->a, key, &j) == 0;
}

static void test_sweep(void **state)
{
    struct fixture *f = *state;
    int64_t queued = -1;
    char key[64];
    member(f, 1, "weekly", 0, NOW - 8 * DAY, 1);             /* due */
    member(f, 2, "weekly", 0, NOW - 6 * DAY, 1);             /* visited this week */
    member(f, 3, "daily", NOW - DAY, NOW - 2 * DAY, 1);      /* due: exactly a day */
    member(f, 4, "daily", NOW - DAY + 1, NOW - 2 * DAY, 1);  /* a second short */
    member(f, 5, "off", 0, 0, 1);                            /* off */
    member(f, 6, "weekly", 0, 0, 0);                         /* not verified */
    member(f, 7, "weekly", 0, 0, 1);                         /* never visited: due */
    member(f, 8, "weekly", NOW - 7 * DAY, NOW - 7 * DAY, 1); /* edge: seen at now - P: due */
    assert_true(db_exec(f->db, "UPDATE users SET status = 'suspended' WHERE id = 7", NOPARAMS) >=
                0);
    member(f, 9, "weekly", 0, 0, 1); /* due */
    assert_int_equal(digest_sweep(&f->c, NOW, &queued), 0);
    assert_int_equal(queued, 4);
    snprintf(key, sizeof(key), "digest:1:%lld", NOW - 8 * DAY);
    assert_true(has_job(f, key));
    snprintf(key, sizeof(key), "digest:3:%lld", NOW - DAY);
    assert_true(has_job(f, key));
    snprintf(key, sizeof(key), "digest:8:%lld", NOW - 7 * DAY);
    assert_true(has_job(f, key));
    assert_true(has_job(f, "digest:9:0"));
    /* the next hour, the same period: only member 4 is new (their day has passed now) */
    assert_int_equal(digest_sweep(&f->c, NOW + 3600, &queued), 0);
    assert_int_equal(queued, 1);
    snprintf(key, sizeof(key), "digest:4:%lld", NOW - DAY + 1);
    assert_true(has_job(f, key));
    assert_int_equal(digest_sweep(&f->c, NOW + 7200, &queued), 0);
    assert_int_equal(queued, 0);
    /* a built digest (member 9, nothing to say: no mail) moves the member on */
    assert_int_equal(digest_run(&f->c, 9, 0, NOW, "http://x", NULL), 0);
    {
        int64_t last = 0;
        assert_int_equal(
            db_get_int(f->db, "SELECT digest_last_at FROM users WHERE id = 9", NOPARAMS, &last), 0);
        assert_int_equal(last, NOW);
    }
    assert_int_equal(digest_sweep(&f->c, NOW + 6 * DAY, &queued), 0);
    assert_int_equal(queued, 1); /* member 2: a week since their visit now */
    assert_int_equal(digest_sweep(&f->c, NOW + 7 * DAY, &queued), 0);
    assert_true(has_job(f, "digest:9:2000000000"));
    /* the job re-checks: a member who visited after the sweep gets nothing, keeps last_at */
    assert_true(db_exec(f->db, "UPDATE sessions SET last_seen_at = $1 WHERE user_id = 1",
                        PARAMS(P_INT(NOW - DAY))) >= 0);
    assert_int_equal(digest_run(&f->c, 1, NOW - 8 * DAY, NOW, "http://x", NULL), 0);
    {
        int64_t last = -1;
        assert_int_equal(
            db_get_int(f->db, "SELECT digest_last_at FROM users WHERE id = 1", NOPARAMS, &last), 0);
        assert_int_equal(last, 0);
    }
}

static void test_schedule(void **state)
{
    struct fixture *f = *state;
    int64_t n = 0;
    f->c.now = NOW;
    assert_int_equal(digest_schedule(&f->c), 0);
    f->c.now = NOW + 10;
    assert_int_equal(digest_schedule(&f->c), 0);
    assert_int_equal(
        db_get_int(f->db, "SELECT count(*) FROM jobs WHERE kind = 'digest_sweep'", NOPARAMS, &n),
        0);
    assert_int_equal(n, 1);
    f->c.now = NOW - NOW % 3600 + 3600;
    assert_int_equal(digest_schedule(&f->c), 0);
    assert_int_equal(
        db_get_int(f->db, "SELECT count(*) FROM jobs WHERE kind = 'digest_sweep'", NOPARAMS, &n),
        0);
    assert_int_equal(n, 2);
    f->c.now = NOW;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_freq),
        cmocka_unit_test_setup_teardown(test_sweep, setup, teardown),
        cmocka_unit_test_setup_teardown(test_schedule, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
