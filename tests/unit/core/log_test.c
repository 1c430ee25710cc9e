/* Tests for src/core/log.c: line format (ts=, level=), level filtering, one line per call
 * with control characters escaped, truncation of huge messages, errno preserved. Stderr is
 * redirected to a temporary file for the duration of each test. */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "core/log.h"
#include "core/util.h"

struct capture {
    int saved;  /* the real stderr */
    FILE *file; /* where stderr goes meanwhile */
    char text[65536];
};

static void capture_start(struct capture *c)
{
    c->file = tmpfile();
    assert_non_null(c->file);
    c->saved = dup(STDERR_FILENO);
    dup2(fileno(c->file), STDERR_FILENO);
}

/* Restore stderr and load what was written into c->text. */
static void capture_end(struct capture *c)
{
    size_t n;
    dup2(c->saved, STDERR_FILENO);
    close(c->saved);
    rewind(c->file);
    n = fread(c->text, 1, sizeof(c->text) - 1, c->file);
    c->text[n] = '\0';
    fclose(c->file);
}

static size_t count_lines(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += *s == '\n';
    return n;
}

static void test_format(void **state)
{
    static struct capture c;
    (void)state;
    log_set_level(LOG_INFO);
    capture_start(&c);
    log_info("msg=\"listening\" addr=%s", "127.0.0.1:8080");
    capture_end(&c);
    /* ts=YYYY-MM-DDTHH:MM:SSZ level=info msg=... */
    assert_int_equal(strncmp(c.text, "ts=", 3), 0);
    assert_int_equal(c.text[7], '-');
    assert_int_equal(c.text[13], 'T');
    assert_int_equal(c.text[22], 'Z');
    assert_non_null(strstr(c.text, " level=info msg=\"listening\" addr=127.0.0.1:8080\n"));
    assert_int_equal(count_lines(c.text), 1);
}

static void test_levels(void **state)
{
    static struct capture c;
    (void)state;
    log_set_level(LOG_WARN);
    capture_start(&c);
    log_debug("msg=d");
    log_info("msg=i");
    log_warn("msg=w");
    log_error("msg=e");
    capture_end(&c);
    assert_null(strstr(c.text, "msg=d"));
    assert_null(strstr(c.text, "msg=i"));
    assert_non_null(strstr(c.text, "level=warn msg=w"));
    assert_non_null(strstr(c.text, "level=error msg=e"));
    assert_int_equal(count_lines(c.text), 2);

    log_set_level(LOG_DEBUG);
    capture_start(&c);
    log_debug("msg=d");
    log_msg((enum log_level)99, "msg=odd"); /* out of range: logged as error */
    capture_end(&c);
    assert_non_null(strstr(c.text, "level=debug msg=d"));
    assert_non_null(strstr(c.text, "level=error msg=odd"));
    log_set_level((enum log_level)99); /* ignored */
    log_set_level(LOG_INFO);
}

static void test_injection(void **state)
{
    static struct capture c;
    (void)state;
    log_set_level(LOG_INFO);
    capture_start(&c);
    log_info("msg=\"%s\"", "evil\nts=2000-01-01T00:00:00Z level=error msg=\"forged\"\r\t\x1b[31m");
    capture_end(&c);
    assert_int_equal(count_lines(c.text), 1);
    assert_non_null(strstr(c.text, "evil\\nts=2000"));
    assert_non_null(strstr(c.text, "\\r\\t\\x1b[31m"));
}

static void test_truncation_and_errno(void **state)
{
    static struct capture c;
    static char big[20000];
    int e;
    (void)state;
    memset(big, 'x', sizeof(big) - 1);
    log_set_level(LOG_INFO);
    capture_start(&c);
    errno = ENOENT;
    log_info("msg=\"%s\"", big);
    e = errno;
    capture_end(&c);
    assert_int_equal(e, ENOENT);
    assert_int_equal(count_lines(c.text), 1);
    assert_non_null(strstr(c.text, " log_truncated=true\n"));
    assert_true(strlen(c.text) < 4096 + 128);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_format),
        cmocka_unit_test(test_levels),
        cmocka_unit_test(test_injection),
        cmocka_unit_test(test_truncation_and_errno),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
