/* Tests for src/core/mime.c: RFC 2047 subjects (ASCII verbatim, UTF-8 as B words of at most
 * 75 characters that never split a character and decode back to the input), quoted-printable
 * bodies (76-column lines, '=', trailing blanks, leading dots and "From ", CRLF line ends,
 * UTF-8 bytes), address extraction, header injection refused, and the whole message's
 * shape (multipart/alternative, every line CRLF and at most 78 characters), the optional
 * headers (Reply-To, In-Reply-To, References folded, List-*) and injection through them; the HTML
 * part made from plain text (escaped, paragraphs, only http(s) links). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include <sodium.h>

#include "core/err.h"
#include "core/mime.h"
#include "core/rand.h"
#include "core/util.h"

/* Each CRLF-terminated line of s is at most max characters; no bare CR or LF. */
static void assert_lines(const char *s, size_t max)
{
    const char *p = s;
    while (*p) {
        const char *e = strstr(p, "\r\n");
        assert_non_null(e);
        if ((size_t)(e - p) > max)
            fail_msg("line of %d > %d: %.*s", (int)(e - p), (int)max, (int)(e - p), p);
        assert_null(memchr(p, '\n', (size_t)(e - p)));
        assert_null(memchr(p, '\r', (size_t)(e - p)));
        p = e + 2;
    }
}

/* Decode the encoded words of a Subject header produced by mime_header_unstructured. */
static void decode_words(const char *h, char *out, size_t size)
{
    const char *p = h;
    size_t n = 0;
    out[0] = '\0';
    while ((p = strstr(p, "=?UTF-8?B?")) != NULL) {
        const char *end = strstr(p + 10, "?=");
        unsigned char bin[128];
        size_t bl = 0;
        char piece[128];
        assert_non_null(end);
        assert_true(end + 2 - p <= 75); /* RFC 2047: an encoded word is at most 75 */
        memcpy(piece, p + 10, (size_t)(end - p - 10));
        piece[end - p - 10] = '\0';
        assert_int_equal(sodium_base642bin(bin, sizeof(bin), piece, strlen(piece), NULL, &bl, NULL,
                                           sodium_base64_VARIANT_ORIGINAL),
                         0);
        /* every word holds whole UTF-8 characters: its first byte is not a continuation */
        assert_true(bl == 0 || (bin[0] & 0xc0) != 0x80);
        assert_true(n + bl < size);
        memcpy(out + n, bin, bl);
        n += bl;
        out[n] = '\0';
        p = end + 2;
    }
}

static void test_subject_ascii(void **state)
{
    struct buf b = BUF_INIT;
    (void)state;
    mime_header_unstructured(&b, "Subject", "Reset your password on Praxis");
    assert_string_equal(b.data, "Subject: Reset your password on Praxis\r\n");
    buf_release(&b);
}

static void test_subject_utf8(void **state)
{
    static const char *const subjects[] = {
        "Caf\xc3\xa9 au lait",
        "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e\xe3\x81\xae\xe4\xbb\xb6\xe5\x90\x8d\xe3\x81\xa7"
        "\xe3\x81\x99\xe3\x80\x82\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e\xe3\x81\xae\xe4\xbb\xb6"
        "\xe5\x90\x8d\xe3\x81\xa7\xe3\x81\x99\xe3\x80\x82\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e",
        "\xf0\x9f\x98\x80\xf0\x9f\x98\x80\xf0\x9f\x98\x80\xf0\x9f\x98\x80\xf0\x9f\x98\x80\xf0\x9f"
        "\x98\x80\xf0\x9f\x98\x80\xf0\x9f\x98\x80\xf0\x9f\x98\x80\xf0\x9f\x98\x80\xf0\x9f\x98\x80",
        /* plain ASCII too long for one line is encoded (and folded) rather than overflowing */
        "A very long subject line that goes on and on well past the seventy-eight columns",
    };
    size_t i;
    (void)state;
    for (i = 0; i < ARRAY_SIZE(subjects); i++) {
        struct buf b = BUF_INIT;
        char back[512];
        mime_header_unstructured(&b, "Subject", subjects[i]);
        assert_lines(b.data, 78);
        assert_true(!strncmp(b.data, "Subject: =?UTF-8?B?", 19));
        decode_words(b.data, back, sizeof(back));
        assert_string_equal(back, subjects[i]);
        buf_release(&b);
    }
}

static void test_qp(void **state)
{
    struct buf b = BUF_INIT;
    char longline[300];
    (void)state;
    mime_qp(&b, "a=b\ncaf\xc3\xa9 \n.dot\nFrom me\nend\t");
    assert_string_equal(b.data, "a=3Db\r\ncaf=C3=A9=20\r\n=2Edot\r\n=46rom me\r\nend=09");
    buf_reset(&b);
    mime_qp(&b, "crlf\r\nstays\r\n");
    assert_string_equal(b.data, "crlf\r\nstays\r\n");
    buf_reset(&b);
    memset(longline, 'x', sizeof(longline) - 1);
    longline[sizeof(longline) - 1] = '\0';
    longline[150] = '=';
    mime_qp(&b, longline);
    buf_puts(&b, "\r\n");
    assert_lines(b.data, 76);
    /* soft breaks only: removing "=\r\n" gives back the text with '=' encoded once */
    {
        struct buf u = BUF_INIT;
        const char *p = b.data;
        while (*p) {
            if (!strncmp(p, "=\r\n", 3))
                p += 3;
            else
                buf_putc(&u, *p++);
        }
        assert_int_equal(u.len, sizeof(longline) - 1 + 2 /* =3D */ + 2 /* CRLF */);
        buf_release(&u);
    }
    /* an encoded triplet is never split by a soft break */
    buf_reset(&b);
    {
        char s[400] = "";
        size_t i;
        for (i = 0; i < 100; i++)
            strncat(s, "\xc3\xa9", sizeof(s) - strlen(s) - 1);
        mime_qp(&b, s);
        buf_puts(&b, "\r\n");
        assert_lines(b.data, 76);
        assert_null(strstr(b.data, "=C=\r\n"));
        assert_null(strstr(b.data, "==\r\n3"));
    }
    buf_release(&b);
}

static void test_addr_spec(void **state)
{
    char a[64];
    (void)state;
    assert_int_equal(mime_addr_spec("Praxis <praxis@example.org>", a, sizeof(a)), 0);
    assert_string_equal(a, "praxis@example.org");
    assert_int_equal(mime_addr_spec("bob@example.org", a, sizeof(a)), 0);
    assert_string_equal(a, "bob@example.org");
    assert_int_equal(mime_addr_spec("no address", a, sizeof(a)), ERR_INVALID);
    assert_int_equal(mime_addr_spec("Name <broken", a, sizeof(a)), ERR_INVALID);
    assert_int_equal(mime_addr_spec("<a b@c>", a, sizeof(a)), ERR_INVALID);
    assert_int_equal(mime_addr_spec("x@y", a, 3), ERR_INVALID);
}

static void test_build(void **state)
{
    struct mime_msg m;
    struct buf b = BUF_INIT;
    (void)state;
    memset(&m, 0, sizeof(m));
    m.from = "Praxis <praxis@example.org>";
    m.to = "ann@example.org";
    m.subject = "Bienvenue \xc3\xa0 Praxis";
    m.text =
        "Hello,\n\nclick https://example.org/verify-email?token=0123456789abcdef0123456789abcdef"
        "\n";
    m.html = "<p>Hello</p>";
    m.message_id = "<abc@example.org>";
    m.date = 0;
    assert_int_equal(mime_build(&b, &m), 0);
    assert_lines(b.data, 78);
    assert_non_null(strstr(b.data, "Date: Thu, 01 Jan 1970 00:00:00 +0000\r\n"));
    assert_non_null(strstr(b.data, "From: Praxis <praxis@example.org>\r\nTo: ann@example.org\r\n"));
    assert_non_null(strstr(b.data, "Subject: =?UTF-8?B?"));
    assert_non_null(strstr(b.data, "Message-ID: <abc@example.org>\r\nMIME-Version: 1.0\r\n"));
    assert_non_null(strstr(b.data, "Content-Type: multipart/alternative;\r\n boundary=\"=_px_"));
    assert_non_null(strstr(b.data, "Content-Type: text/plain; charset=UTF-8\r\n"
                                   "Content-Transfer-Encoding: quoted-printable\r\n"));
    assert_non_null(strstr(b.data, "Content-Type: text/html; charset=UTF-8\r\n"));
    assert_non_null(strstr(b.data, "--\r\n")); /* closing boundary */
    /* the long URL is soft-broken, never cut without '=' */
    assert_non_null(strstr(b.data, "=\r\n"));
    buf_release(&b);

    /* header injection and bad input are refused */
    m.subject = "Hi\r\nBcc: victim@example.org";
    assert_int_equal(mime_build(&b, &m), ERR_INVALID);
    m.subject = "ok";
    m.to = "ann@example.org\r\nBcc: x@y";
    assert_int_equal(mime_build(&b, &m), ERR_INVALID);
    m.to = "ann@example.org";
    m.text = "bad \xff utf-8";
    assert_int_equal(mime_build(&b, &m), ERR_INVALID);
    m.text = "text only";
    m.html = NULL;
    buf_reset(&b);
    assert_int_equal(mime_build(&b, &m), 0);
    assert_null(strstr(b.data, "multipart"));
    buf_release(&b);
}

static void test_extra_headers(void **state)
{
    struct mime_msg m;
    struct buf b = BUF_INIT;
    char refs[400];
    (void)state;
    memset(&m, 0, sizeof(m));
    m.from = "Praxis <praxis@example.org>";
    m.to = "ann@example.org";
    m.subject = "New answer";
    m.text = "Hello\n";
    m.html = "<p>Hello</p>";
    m.message_id = "<abc@example.org>";
    m.reply_to = "r-1-2-3-abcdef@example.org";
    m.in_reply_to = "<thread-7@example.org>";
    /* a references list long enough to need folding */
    snprintf(refs, sizeof(refs), "%s %s %s %s", "<thread-7@example.org>",
             "<0123456789abcdef0123456789abcdef@example.org>",
             "<fedcba9876543210fedcba9876543210@example.org>", "<x@example.org>");
    m.references = refs;
    m.list_id = "<ops.example.org>";
    m.list_unsubscribe = "<https://example.org/mail/unsubscribe?t=u-1-all-0123456789abcdef0123>";
    m.list_unsubscribe_post = "List-Unsubscribe=One-Click";
    assert_int_equal(mime_build(&b, &m), 0);
    assert_lines(b.data, 998); /* the one-click URL is one word longer than 78 */
    assert_non_null(strstr(b.data, "Reply-To: r-1-2-3-abcdef@example.org\r\n"));
    assert_non_null(strstr(b.data, "In-Reply-To: <thread-7@example.org>\r\n"));
    assert_non_null(strstr(b.data, "References: <thread-7@example.org>\r\n <0123"));
    assert_non_null(strstr(b.data, "List-Id: <ops.example.org>\r\n"));
    assert_non_null(strstr(b.data, "List-Unsubscribe: <https://example.org/mail/"));
    assert_non_null(strstr(b.data, "List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n"));
    /* headers come before the body */
    assert_true(strstr(b.data, "List-Id:") < strstr(b.data, "\r\n\r\n"));
    buf_release(&b);

    /* injection through any optional header is refused */
    m.list_id = "<ops.example.org>\r\nBcc: victim@example.org";
    assert_int_equal(mime_build(&b, &m), ERR_INVALID);
    buf_release(&b);
    m.list_id = "<ops.example.org>\nX: y";
    assert_int_equal(mime_build(&b, &m), ERR_INVALID);
    buf_release(&b);
    m.list_id = NULL;
    m.in_reply_to = "<caf\xc3\xa9@example.org>"; /* non-ASCII */
    assert_int_equal(mime_build(&b, &m), ERR_INVALID);
    buf_release(&b);
    m.in_reply_to = NULL;
    m.reply_to = "no-at-sign";
    assert_int_equal(mime_build(&b, &m), ERR_INVALID);
    buf_release(&b);
    m.reply_to = "";
    buf_reset(&b);
    assert_int_equal(mime_build(&b, &m), 0);
    assert_null(strstr(b.data, "Reply-To"));
    assert_null(strstr(b.data, "List-Id"));
    buf_release(&b);

    /* folding alone */
    buf_reset(&b);
    mime_header_structured(&b, "References", "<a@b>   <c@d>");
    assert_string_equal(b.data, "References: <a@b> <c@d>\r\n");
    buf_release(&b);
}

static void test_text_html(void **state)
{
    struct buf b = BUF_INIT;
    (void)state;
    mime_text_html(&b, "Hello <Bo> & co,\n\nopen https://x.example/a?t=1&u=\"2\" now\nthen "
                       "hope.\n\n\nhttp://y.example\n");
    assert_string_equal(b.data,
                        "<!DOCTYPE html>\n<html><body>\n"
                        "<p>Hello &lt;Bo&gt; &amp; co,</p>\n"
                        "<p>open <a href=\"https://x.example/a?t=1&amp;u=\">https://x.example/a?t=1"
                        "&amp;u=</a>&quot;2&quot; now<br>\nthen hope.</p>\n"
                        "<p><a href=\"http://y.example\">http://y.example</a></p>\n"
                        "</body></html>\n");
    buf_reset(&b);
    mime_text_html(&b, "javascript:alert(1) hhttp://no");
    assert_null(strstr(b.data, "<a "));
    buf_release(&b);
}

static void test_message_id(void **state)
{
    char a[128], b[128];
    (void)state;
    mime_message_id("example.org", a, sizeof(a));
    mime_message_id("example.org", b, sizeof(b));
    assert_int_equal(strlen(a), 1 + 32 + 1 + 11 + 1);
    assert_true(a[0] == '<' && !strcmp(a + 33, "@example.org>"));
    assert_string_not_equal(a, b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_subject_ascii),
        cmocka_unit_test(test_subject_utf8),
        cmocka_unit_test(test_qp),
        cmocka_unit_test(test_addr_spec),
        cmocka_unit_test(test_build),
        cmocka_unit_test(test_extra_headers),
        cmocka_unit_test(test_message_id),
        cmocka_unit_test(test_text_html),
    };
    if (rand_init() < 0)
        return 1;
    return cmocka_run_group_tests(tests, NULL, NULL);
}
