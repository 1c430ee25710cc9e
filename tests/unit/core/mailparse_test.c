/* Tests for src/core/mailparse.c: recipients from every address header, From, Message-ID,
 * RFC 2047 subjects, auto-reply and bounce markers, and the body chosen and decoded:
 * multipart/alternative, nested multipart/mixed with attachments, quoted-printable, base64,
 * ISO-8859-1 and windows-1252 converted to UTF-8, HTML-only mail as text; missing headers,
 * malformed MIME (unterminated boundaries, garbage, NUL bytes) and the size cap. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/arena.h"
#include "core/err.h"
#include "core/mailparse.h"
#include "core/mailstrip.h"
#include "core/buf.h"

static struct arena A;

static int parse(const char *msg, struct mail_in *m)
{
    arena_reset(&A);
    return mailparse(&A, msg, strlen(msg), m);
}

static int has_rcpt(const struct mail_in *m, const char *addr)
{
    size_t i;
    for (i = 0; i < m->nrcpt; i++)
        if (!strcmp(m->rcpt[i], addr))
            return 1;
    return 0;
}

static void test_plain_headers(void **state)
{
    struct mail_in m;
    const char *msg = "Return-Path: <ann@example.com>\r\n"
                      "Delivered-To: praxis+r-2-5-20790-abc@forum.example.org\r\n"
                      "X-Original-To: praxis+r-2-5-20790-abc@forum.example.org\r\n"
                      "Envelope-To: env@example.org\r\n"
                      "From: Ann Example <Ann@Example.com>\r\n"
                      "To: \"Praxis\" <praxis+r-2-5-20790-abc@forum.example.org>, bob@x.org\r\n"
                      "Cc: team: carol@x.org, dave@x.org;\r\n"
                      "Subject: Re: How do I calibrate?\r\n"
                      "Message-ID: <CAF123@mail.gmail.com>\r\n"
                      "\r\n"
                      "Thanks, that worked.\r\n";
    (void)state;
    assert_int_equal(parse(msg, &m), 0);
    assert_string_equal(m.from, "Ann@Example.com");
    assert_string_equal(m.message_id, "CAF123@mail.gmail.com");
    assert_string_equal(m.subject, "Re: How do I calibrate?");
    assert_true(has_rcpt(&m, "praxis+r-2-5-20790-abc@forum.example.org"));
    assert_true(has_rcpt(&m, "bob@x.org"));
    assert_true(has_rcpt(&m, "carol@x.org"));
    assert_true(has_rcpt(&m, "dave@x.org"));
    assert_true(has_rcpt(&m, "env@example.org"));
    assert_false(m.automatic);
    assert_string_equal(m.body, "Thanks, that worked.\n");
    assert_false(m.body_from_html);
}

static void test_alternative_prefers_plain(void **state)
{
    struct mail_in m;
    const char *msg = "From: a@x.org\r\nTo: b@y.org\r\nMIME-Version: 1.0\r\n"
                      "Content-Type: multipart/alternative; boundary=\"b1\"\r\n\r\n"
                      "--b1\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
                      "<p>HTML <b>version</b></p>\r\n"
                      "--b1\r\nContent-Type: text/plain; charset=utf-8\r\n"
                      "Content-Transfer-Encoding: quoted-printable\r\n\r\n"
                      "Caf=C3=A9 is =\r\nfine.\r\n"
                      "--b1--\r\n";
    (void)state;
    assert_int_equal(parse(msg, &m), 0);
    assert_string_equal(m.body, "Café is fine.");
    assert_false(m.body_from_html);
}

static void test_nested_mixed_attachments(void **state)
{
    struct mail_in m;
    const char *msg =
        "From: a@x.org\r\nTo: b@y.org\r\nMIME-Version: 1.0\r\n"
        "Content-Type: multipart/mixed; boundary=outer\r\n\r\n"
        "preamble\r\n"
        "--outer\r\nContent-Type: text/plain; name=notes.txt\r\n"
        "Content-Disposition: attachment; filename=notes.txt\r\n\r\nATTACHED TEXT\r\n"
        "--outer\r\nContent-Type: multipart/alternative; boundary=inner\r\n\r\n"
        "--inner\r\nContent-Type: text/plain; charset=us-ascii\r\n"
        "Content-Transfer-Encoding: base64\r\n\r\n"
        "VGhlIHJlYWwgcmVwbHku\r\n"
        "--inner\r\nContent-Type: text/html\r\n\r\n<p>The real reply.</p>\r\n"
        "--inner--\r\n"
        "--outer\r\nContent-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n\r\n"
        "iVBORw0KGgo=\r\n"
        "--outer\r\nContent-Type: message/rfc822\r\n\r\n"
        "From: z@z.org\r\nSubject: inner\r\n\r\nFORWARDED BODY\r\n"
        "--outer--\r\n";
    (void)state;
    assert_int_equal(parse(msg, &m), 0);
    assert_string_equal(m.body, "The real reply.");
}

static void test_charsets(void **state)
{
    struct mail_in m;
    const char *latin1 = "From: a@x.org\r\nContent-Type: text/plain; charset=ISO-8859-1\r\n"
                         "Content-Transfer-Encoding: 8bit\r\n\r\n"
                         "Gr\xfc\xdf"
                         "e, ma\xf1"
                         "ana\r\n";
    const char *cp1252 = "From: a@x.org\r\nContent-Type: text/plain; charset=windows-1252\r\n"
                         "Content-Transfer-Encoding: quoted-printable\r\n\r\n"
                         "=93Quoted=94 =96 =80 5\r\n";
    (void)state;
    assert_int_equal(parse(latin1, &m), 0);
    assert_string_equal(m.body, "Grüße, mañana\n");
    assert_int_equal(parse(cp1252, &m), 0);
    assert_string_equal(m.body, "“Quoted” – € 5\n");
}

static void test_encoded_subject(void **state)
{
    struct mail_in m;
    const char *msg = "From: =?UTF-8?Q?Andr=C3=A9?= <andre@x.org>\r\n"
                      "Subject: =?UTF-8?B?UmU6IMOcYmVy?= =?ISO-8859-1?Q?_f=FCr?=\r\n\r\nhi\r\n";
    (void)state;
    assert_int_equal(parse(msg, &m), 0);
    assert_string_equal(m.subject, "Re: Über für");
    assert_string_equal(m.from, "andre@x.org");
}

static void test_html_only(void **state)
{
    struct mail_in m;
    const char *msg = "From: a@x.org\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
                      "<html><body><p>First &amp; second</p><p>Third</p></body></html>\r\n";
    (void)state;
    assert_int_equal(parse(msg, &m), 0);
    assert_true(m.body_from_html);
    assert_non_null(strstr(m.body, "First & second"));
    assert_non_null(strstr(m.body, "Third"));
    assert_null(strstr(m.body, "<p>"));
}

static void test_automatic(void **state)
{
    struct mail_in m;
    (void)state;
    assert_int_equal(parse("From: a@x.org\r\nAuto-Submitted: auto-replied\r\n\r\nAway\r\n", &m), 0);
    assert_true(m.automatic);
    assert_string_equal(m.automatic_why, "Auto-Submitted");
    assert_int_equal(parse("From: a@x.org\r\nAuto-Submitted: no\r\n\r\nHi\r\n", &m), 0);
    assert_false(m.automatic);
    assert_int_equal(parse("From: a@x.org\r\nPrecedence: bulk\r\n\r\nHi\r\n", &m), 0);
    assert_true(m.automatic);
    assert_int_equal(parse("From: a@x.org\r\nX-Autoreply: yes\r\n\r\nHi\r\n", &m), 0);
    assert_true(m.automatic);
    assert_int_equal(parse("Return-Path: <>\r\nFrom: MAILER-DAEMON@x.org\r\n\r\nfail\r\n", &m), 0);
    assert_true(m.automatic);
    assert_int_equal(parse("From: postmaster@x.org\r\nContent-Type: multipart/report; "
                           "report-type=delivery-status; boundary=r\r\n\r\n--r\r\n"
                           "Content-Type: text/plain\r\n\r\nUndeliverable\r\n--r--\r\n",
                           &m),
                     0);
    assert_true(m.automatic);
}

static void test_missing_headers(void **state)
{
    struct mail_in m;
    (void)state;
    assert_int_equal(parse("Subject: only\r\n\r\nbody\r\n", &m), 0);
    assert_null(m.from);
    assert_null(m.message_id);
    assert_int_equal(m.nrcpt, 0);
    assert_string_equal(m.body, "body\n");
    assert_int_equal(parse("X: y\r\n\r\n", &m), 0);
    assert_string_equal(m.body, "");
}

static void test_malformed(void **state)
{
    struct mail_in m;
    static const char *const inputs[] = {
        "From: a@x.org\r\nContent-Type: multipart/mixed; boundary=zz\r\n\r\n--zz\r\n"
        "Content-Type: text/plain\r\n\r\nunterminated part\r\n",
        "From: a@x.org\r\nContent-Type: multipart/mixed\r\n\r\nno boundary at all\r\n",
        "From: a@x.org\r\nContent-Type: text/plain; charset=x-no-such-charset\r\n\r\n\xff\xfe "
        "ok\r\n",
        "From: <<<@@@>>>\r\nTo: ,,,;;;\r\nContent-Transfer-Encoding: base64\r\n\r\n!!!!\r\n",
        "\x01\x02\x03 garbage \xff\r\n\r\n\r\n",
        "",
        "\r\n\r\n",
        "Content-Type: multipart/alternative; boundary=a\r\n\r\n--a\r\nContent-Type: "
        "multipart/alternative; boundary=a\r\n\r\n--a\r\n--a--\r\n",
    };
    size_t i;
    (void)state;
    for (i = 0; i < sizeof(inputs) / sizeof(inputs[0]); i++) {
        int rc = parse(inputs[i], &m);
        assert_true(rc == 0 || rc == ERR_INVALID);
        assert_non_null(m.body);
    }
    assert_int_equal(parse(inputs[0], &m), 0);
    assert_string_equal(m.body, "unterminated part\n");
}

static void test_nul_and_size(void **state)
{
    struct mail_in m;
    static const char msg[] = "From: a@x.org\r\n\r\nbefore\0after\r\n";
    char *big;
    (void)state;
    arena_reset(&A);
    assert_int_equal(mailparse(&A, msg, sizeof(msg) - 1, &m), 0);
    assert_null(memchr(m.body, '\0', strlen(m.body)));
    big = calloc(MAILPARSE_MAX + 2, 1);
    memset(big, 'a', MAILPARSE_MAX + 1);
    assert_int_equal(mailparse(&A, big, MAILPARSE_MAX + 1, &m), ERR_TOOBIG);
    free(big);
}

/* Parsed, then stripped, as mail-in does: HTML-only replies from Gmail and Outlook on the
   web, and Thunderbird's format=flowed plain text. */
static void test_parse_then_strip(void **state)
{
    static const struct {
        const char *msg, *want;
    } cases[] = {
        {"From: a@x.org\r\nContent-Type: text/html; charset=UTF-8\r\n\r\n"
         "<div dir=\"ltr\">Use the <b>blue</b> cable.</div><br><div class=\"gmail_quote\">"
         "<div dir=\"ltr\" class=\"gmail_attr\">On Mon, Dec 7, 2026 at 5:02 PM Praxis &lt;"
         "p@x.org&gt; wrote:<br></div><blockquote class=\"gmail_quote\">Which cable?"
         "</blockquote></div>\r\n",
         "Use the blue cable."},
        {"From: a@x.org\r\nContent-Type: text/html; charset=iso-8859-1\r\n"
         "Content-Transfer-Encoding: quoted-printable\r\n\r\n"
         "<html><body><p>Gr=FC=DFe, it works.</p><hr><div id=3D\"divRplyFwdMsg\">"
         "<b>From:</b> Praxis &lt;p@x.org&gt;<br><b>Sent:</b> Monday<br><b>To:</b> Ann<br>"
         "<b>Subject:</b> Re: x</div><p>old</p></body></html>\r\n",
         "Grüße, it works."},
        {"From: a@x.org\r\nContent-Type: text/plain; charset=UTF-8; format=flowed\r\n\r\n"
         "Thanks for the pointer.\r\n\r\nOn 07/12/2026 17:02, Praxis wrote:\r\n> Try this\r\n",
         "Thanks for the pointer."},
    };
    size_t i;
    (void)state;
    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct mail_in m;
        struct buf b = BUF_INIT;
        assert_int_equal(parse(cases[i].msg, &m), 0);
        mailstrip_reply(&b, m.body);
        if (strcmp(b.data, cases[i].want))
            fail_msg("case %d: body\n%s\n--- got\n%s", (int)i, m.body, b.data);
        buf_release(&b);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plain_headers),
        cmocka_unit_test(test_alternative_prefers_plain),
        cmocka_unit_test(test_nested_mixed_attachments),
        cmocka_unit_test(test_charsets),
        cmocka_unit_test(test_encoded_subject),
        cmocka_unit_test(test_html_only),
        cmocka_unit_test(test_automatic),
        cmocka_unit_test(test_missing_headers),
        cmocka_unit_test(test_malformed),
        cmocka_unit_test(test_nul_and_size),
        cmocka_unit_test(test_parse_then_strip),
    };
    int rc;
    arena_init(&A);
    rc = cmocka_run_group_tests(tests, NULL, NULL);
    arena_release(&A);
    return rc;
}
