/* libFuzzer target for incoming mail: the GMime adapter (src/core/mailparse.c) and the
 * reply stripper (src/core/mailstrip.c), as `praxis mail-in` runs them. The input is a
 * message. Parsing returns 0 or ERR_INVALID; on 0 every string is valid UTF-8 without NUL
 * (body with no \r), at most MAILPARSE_RCPT_MAX recipients, automatic_why set exactly when
 * automatic. The reply cut from the body is valid UTF-8, not longer than the body, has no
 * line starting with '>' and no leading or trailing blank line; cutting it again changes
 * nothing. A violation aborts (libFuzzer saves the input). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/err.h"
#include "core/mailparse.h"
#include "core/mailstrip.h"
#include "core/utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void violation(const char *what, const char *s)
{
    fprintf(stderr, "mailin_fuzz: %s: %.200s\n", what, s ? s : "(null)");
    abort();
}

static void check_text(const char *what, const char *s)
{
    if (s && !utf8_valid(s, strlen(s)))
        violation(what, s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct arena a;
    struct mail_in m;
    struct buf r = BUF_INIT, r2 = BUF_INIT;
    size_t i;
    int rc;

    arena_init(&a);
    rc = mailparse(&a, (const char *)data, size, &m);
    if (rc != 0 && rc != ERR_INVALID && !(rc == ERR_TOOBIG && size > MAILPARSE_MAX))
        violation("unexpected return code", "");
    if (!m.body)
        violation("body is NULL", "");
    if (rc == 0) {
        check_text("body not UTF-8", m.body);
        check_text("subject not UTF-8", m.subject);
        check_text("message_id not UTF-8", m.message_id);
        if (strchr(m.body, '\r'))
            violation("CR in body", m.body);
        if (m.nrcpt > MAILPARSE_RCPT_MAX)
            violation("too many recipients", "");
        for (i = 0; i < m.nrcpt; i++)
            if (!m.rcpt[i])
                violation("NULL recipient", "");
        if (!m.automatic != !m.automatic_why)
            violation("automatic without a reason", "");
    }
    mailstrip_reply(&r, m.body);
    check_text("reply not UTF-8", r.data);
    if (r.len > strlen(m.body))
        violation("reply longer than the body", r.data);
    if (r.data[0] == '>' || strstr(r.data, "\n>"))
        violation("quoted line kept", r.data);
    if (r.len && (r.data[0] == '\n' || r.data[r.len - 1] == '\n'))
        violation("blank line at an end", r.data);
    mailstrip_reply(&r2, r.data);
    if (strcmp(r.data, r2.data))
        violation("stripping twice changed the reply", r.data);
    buf_release(&r);
    buf_release(&r2);
    arena_release(&a);
    return 0;
}
