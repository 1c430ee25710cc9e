/* Tests for src/domain/job.c and the jobs catalogue it drives (src/store/job.c) on a real
 * SQLite file: the backoff arithmetic (doubling from the base, capped, no overflow for huge
 * attempt counts), the idempotency key (a second enqueue is a no-op), claiming (due jobs
 * only, oldest first, attempts counted, mail left alone while mail is off), failing back to
 * queued with a later run_at, dead after max attempts, reclaiming an expired lease (a killed
 * worker) and the admin retry; plus mail_check_address. */
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
#include "domain/job.h"
#include "domain/mail.h"
#include "store/job.h"
#include "core/util.h"
#include "../support/testdb.h"

static void test_backoff(void **state)
{
    (void)state;
    assert_int_equal(job_backoff(1, 30, 21600), 30);
    assert_int_equal(job_backoff(2, 30, 21600), 60);
    assert_int_equal(job_backoff(3, 30, 21600), 120);
    assert_int_equal(job_backoff(8, 30, 21600), 3840);
    assert_int_equal(job_backoff(10, 30, 21600), 15360);
    assert_int_equal(job_backoff(11, 30, 21600), 21600);      /* capped */
    assert_int_equal(job_backoff(1000000, 30, 21600), 21600); /* no overflow */
    assert_int_equal(job_backoff(0, 30, 21600), 30);
    assert_int_equal(job_backoff(1, 0, 0), JOB_RETRY_BASE); /* defaults */
    assert_int_equal(job_backoff(100, 0, 0), JOB_RETRY_CAP);
    assert_int_equal(job_backoff(3, 1, 21600), 4);
}

static void test_address(void **state)
{
    static const char *const good[] = {"a@b", "ann@example.org", "Ann.Lee+x@mail.example.co.uk"};
    static const char *const bad[] = {"",
                                      "a",
                                      "@b",
                                      "a@",
                                      "a@@b",
                                      "a b@c",
                                      "a@b..c",
                                      "a@.b",
                                      "a@b.",
                                      "a<b@c",
                                      "caf\xc3\xa9@x.org",
                                      "a@b\r\nBcc: c@d"};
    struct errinfo e;
    size_t i;
    (void)state;
    for (i = 0; i < ARRAY_SIZE(good); i++)
        assert_int_equal(mail_check_address(good[i], &e), 0);
    for (i = 0; i < ARRAY_SIZE(bad); i++) {
        error_clear(&e);
        if (mail_check_address(bad[i], &e) != ERR_INVALID)
            fail_msg("'%s' should be refused", bad[i]);
        assert_string_equal(e.field, "email");
    }
}

struct fixture {
    struct testdb t;
    struct db *db; /* t.db */
    struct arena a;
};

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof(*f));
    if (testdb_open(&f->t, "job") < 0)
        return -1;
    f->db = f->t.db;
    arena_init(&f->a);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    testdb_close(&f->t);
    arena_release(&f->a);
    free(f);
    return 0;
}

static void test_queue(void **state)
{
    struct fixture *f = *state;
    struct job_row j;
    int64_t id = -1, id2 = -1, n = 0, q, r, d, dead, failing;
    /* enqueue in the caller's transaction; a duplicate key is a no-op */
    assert_int_equal(db_begin_write(f->db), 0);
    assert_int_equal(store_job_enqueue(f->db, "mail", "{}", 100, 2, "<m1@x>", 100, &id), 0);
    assert_true(id > 0);
    assert_int_equal(store_job_enqueue(f->db, "mail", "{}", 100, 2, "<m1@x>", 100, &id2), 0);
    assert_int_equal(id2, 0);
    assert_int_equal(store_job_enqueue(f->db, "other", "{}", 500, 2, "k2", 100, NULL), 0);
    assert_int_equal(db_commit(f->db), 0);
    /* a rolled-back enqueue leaves nothing */
    assert_int_equal(db_begin_write(f->db), 0);
    assert_int_equal(store_job_enqueue(f->db, "mail", "{}", 100, 2, "<gone@x>", 100, NULL), 0);
    assert_int_equal(db_rollback(f->db), 0);
    assert_int_equal(store_job_by_key(f->db, &f->a, "<gone@x>", &j), ERR_NOTFOUND);

    /* mail off: the mail job is not claimed; the other is not due yet */
    assert_int_equal(store_job_claim(f->db, &f->a, "w1", 200, 500, 0, &j), ERR_NOTFOUND);
    /* mail on: claimed, attempts 1, leased */
    assert_int_equal(store_job_claim(f->db, &f->a, "w1", 200, 500, 1, &j), 0);
    assert_int_equal(j.id, id);
    assert_int_equal(j.attempts, 1);
    assert_string_equal(j.state, "running");
    /* nothing else is due at 200 */
    assert_int_equal(store_job_claim(f->db, &f->a, "w2", 200, 500, 1, &j), ERR_NOTFOUND);
    /* it fails: queued again later */
    assert_int_equal(store_job_fail(f->db, id, 0, 200 + job_backoff(1, 30, 0), "refused", 200), 0);
    assert_int_equal(store_job_claim(f->db, &f->a, "w1", 229, 600, 1, &j), ERR_NOTFOUND);
    assert_int_equal(store_job_counts(f->db, &q, &r, &d, &dead, &failing), 0);
    assert_int_equal(q, 2);
    assert_int_equal(failing, 1);
    /* second claim at 230; then the worker dies: after the lease it is reclaimed, and since
       it is out of attempts (2 of 2) it is dead */
    assert_int_equal(store_job_claim(f->db, &f->a, "w1", 230, 300, 1, &j), 0);
    assert_int_equal(j.attempts, 2);
    assert_int_equal(store_job_reclaim(f->db, 299, &n), 0);
    assert_int_equal(n, 0);
    assert_int_equal(store_job_reclaim(f->db, 301, &n), 0);
    assert_int_equal(n, 1);
    assert_int_equal(store_job_by_key(f->db, &f->a, "<m1@x>", &j), 0);
    assert_string_equal(j.state, "dead");
    assert_non_null(strstr(j.last_error, "stopped"));
    /* the admin retries it: queued, due, attempts reset; then it succeeds */
    assert_int_equal(store_job_retry(f->db, id, 400), 0);
    assert_int_equal(store_job_claim(f->db, &f->a, "w1", 400, 700, 1, &j), 0);
    assert_int_equal(j.id, id);
    assert_int_equal(j.attempts, 1);
    assert_int_equal(store_job_finish(f->db, id, 401), 0);
    assert_int_equal(store_job_retry(f->db, id, 402), ERR_NOTFOUND); /* done is done */
    /* a reclaimed job with attempts left is queued again */
    assert_int_equal(store_job_claim(f->db, &f->a, "w1", 500, 510, 1, &j), 0);
    assert_string_equal(j.kind, "other");
    assert_int_equal(store_job_reclaim(f->db, 511, &n), 0);
    assert_int_equal(store_job_by_key(f->db, &f->a, "k2", &j), 0);
    assert_string_equal(j.state, "queued");
    assert_int_equal(store_job_counts(f->db, &q, &r, &d, &dead, &failing), 0);
    assert_int_equal(q, 1);
    assert_int_equal(d, 1);
    assert_int_equal(dead, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_backoff),
        cmocka_unit_test(test_address),
        cmocka_unit_test_setup_teardown(test_queue, setup, teardown),
    };
    if (rand_init() < 0)
        return 1;
    return cmocka_run_group_tests(tests, NULL, NULL);
}
