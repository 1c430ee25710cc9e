/* Tests for src/core/html.c: every special character in each context, invalid UTF-8 and NUL
 * handling, an adversarial url_is_safe table, url_encode, json_str, and html_printf with
 * every supported conversion (and the ones it refuses). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "core/buf.h"
#include "core/html.h"
#include "core/util.h"

#define FFFD "\xEF\xBF\xBD"

/* Run one appender on a fresh buffer and compare. */
#define CHECK(call, expected)                                                                      \
    do {                                                                                           \
        struct buf b_;                                                                             \
        buf_init(&b_, 0);                                                                          \
        call;                                                                                      \
        assert_string_equal(b_.data, expected);                                                    \
        assert_int_equal(b_.err, 0);                                                               \
        buf_release(&b_);                                                                          \
    } while (0)

static void test_text(void **state)
{
    (void)state;
    CHECK(html_text(&b_, "plain text"), "plain text");
    CHECK(html_text(&b_, "<script>alert('x')</script>"),
          "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
    CHECK(html_text(&b_, "a & b \"c\" 'd' <e> `f`"),
          "a &amp; b &quot;c&quot; &#39;d&#39; &lt;e&gt; `f`");
    CHECK(html_text(&b_, "&amp;"), "&amp;amp;");
    CHECK(html_text(&b_, ""), "");
    CHECK(html_text(&b_, NULL), "");
    CHECK(html_text(&b_, "caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80"),
          "caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80"); /* valid UTF-8 passes */
}

static void test_text_invalid_utf8(void **state)
{
    (void)state;
    CHECK(html_text(&b_, "a\xFFz"), "a" FFFD "z");
    CHECK(html_text(&b_, "\xC0\xBC"), FFFD FFFD);                   /* overlong '<' */
    CHECK(html_text(&b_, "\xE0\x80\xBC"), FFFD FFFD FFFD);          /* overlong 3-byte '<' */
    CHECK(html_text(&b_, "\xED\xA0\x80"), FFFD FFFD FFFD);          /* surrogate */
    CHECK(html_text(&b_, "\xF4\x90\x80\x80"), FFFD FFFD FFFD FFFD); /* > U+10FFFF */
    CHECK(html_text(&b_, "ab\xE2\x82"), "ab" FFFD FFFD);            /* truncated at the end */
    CHECK(html_text(&b_, "\x80<"), FFFD "&lt;");                    /* stray continuation */
    CHECK(html_textn(&b_, "a\0<b\0", 5), "a&lt;b");                 /* NUL dropped */
    CHECK(html_textn(&b_, "abc", 2), "ab");
    CHECK(html_textn(&b_, "\xC3\xA9", 1), FFFD); /* cut in the middle of a sequence */
}

static void test_attr(void **state)
{
    (void)state;
    CHECK(html_attr(&b_, "\" onmouseover=\"alert(1)"), "&quot; onmouseover=&quot;alert(1)");
    CHECK(html_attr(&b_, "' onfocus='x' `y`"), "&#39; onfocus=&#39;x&#39; &#96;y&#96;");
    CHECK(html_attr(&b_, "<>&"), "&lt;&gt;&amp;");
    CHECK(html_attr(&b_, "bad\xFE"), "bad" FFFD);
    CHECK(html_attr(&b_, NULL), "");
}

struct url_case {
    const char *url;
    int safe;
};

static void test_url_is_safe(void **state)
{
    static const struct url_case cases[] = {
        {"http://example.com/", 1},
        {"https://example.com/a?b=c#d", 1},
        {"HTTPS://EXAMPLE.COM", 1},
        {"HtTp://x", 1},
        {"mailto:someone@example.com", 1},
        {"MAILTO:x@y", 1},
        {"/relative/path", 1},
        {"relative/path", 1},
        {"path/with:colon", 1}, /* ':' after '/' is not a scheme */
        {"?q=1", 1},
        {"#frag", 1},
        {"", 1},
        {"//evil.com/x", 1}, /* protocol-relative: external, but an http(s) link */
        {"  https://ok", 1},
        {"a?b:c", 1},
        {"a#b:c", 1},
        {"javascript:alert(1)", 0},
        {"JaVaScRiPt:alert(1)", 0},
        {"  JaVaScRiPt:alert(1)", 0},
        {"\x01\x02javascript:alert(1)", 0},
        {"\x1f javascript:alert(1)", 0},
        {"java\tscript:alert(1)", 0},
        {"java\nscript:alert(1)", 0},
        {"java\rscript:alert(1)", 0},
        {"javascript\t:alert(1)", 0},
        {"java\x00script:alert(1)", 1}, /* C string ends at "java": harmless relative */
        {"https://ok\x01", 0},          /* control byte anywhere */
        {"http://x\x7f", 0},
        {"vbscript:msgbox(1)", 0},
        {"VBScript:msgbox(1)", 0},
        {"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==", 0},
        {"DATA:image/png;base64,AAAA", 0},
        {"file:///etc/passwd", 0},
        {"ftp://example.com", 0},
        {"blob:https://x/y", 0},
        {"about:blank", 0},
        {"jav&#x09;ascript:alert(1)", 1}, /* not decoded here, and '#' precedes ':': relative */
        {"javascript&colon;alert(1)", 1}, /* no ':' at all: relative (what browsers do too) */
        {"java\\script:alert(1)", 0},
        {"\\\\evil.com", 1},
        {"1http:x", 0},
        {"http:", 1},
        {"x:", 0},
        {":nothing", 0},
        {"\xEF\xBC\x9Ajavascript:alert(1)", 0}, /* non-ASCII in the scheme position */
        {NULL, 0},
    };
    size_t i;
    (void)state;
    for (i = 0; i < ARRAY_SIZE(cases); i++) {
        if (url_is_safe(cases[i].url) != cases[i].safe)
            fail_msg("url_is_safe case %zu (%s): expected %d", i,
                     cases[i].url ? cases[i].url : "NULL", cases[i].safe);
    }
}

static void test_html_url(void **state)
{
    (void)state;
    CHECK(html_url(&b_, "https://x.y/?a=1&b=\"2\""), "https://x.y/?a=1&amp;b=&quot;2&quot;");
    CHECK(html_url(&b_, "javascript:alert(1)"), "#");
    CHECK(html_url(&b_, " javascript:alert(1)"), "#");
    CHECK(html_url(&b_, NULL), "#");
    CHECK(html_url(&b_, "/t/1#a"), "/t/1#a");
    /* stored URLs printed in href (event links, attributions): whatever a writer let through,
       the attribute cannot be left and no script scheme survives */
    CHECK(html_url(&b_, "https://x/\"><script>alert(1)</script>"),
          "https://x/&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;");
    CHECK(html_url(&b_, "https://x/' onmouseover='alert(1)"),
          "https://x/&#39; onmouseover=&#39;alert(1)");
    CHECK(html_url(&b_, "https://x/`y`"), "https://x/&#96;y&#96;");
    CHECK(html_url(&b_, "\" onerror=\"alert(1)"), "&quot; onerror=&quot;alert(1)");
    CHECK(html_url(&b_, "JAVASCRIPT:alert(1)"), "#");
    CHECK(html_url(&b_, "\x0Ejavascript:alert(1)"), "#");
    CHECK(html_url(&b_, "java\tscript:alert(1)"), "#");
    CHECK(html_url(&b_, "data:text/html,<script>alert(1)</script>"), "#");
    CHECK(html_url(&b_, "vbscript:msgbox(1)"), "#");
    CHECK(html_url(&b_, "file:///etc/passwd"), "#");
    CHECK(html_url(&b_, "https://ok\n"), "#");
    CHECK(html_url(&b_, "jav&#x09;ascript:alert(1)"), "jav&amp;#x09;ascript:alert(1)");
    CHECK(html_url(&b_, "mailto:a@b.c?subject=<x>"), "mailto:a@b.c?subject=&lt;x&gt;");
    CHECK(html_url(&b_, "https://beer.stackexchange.com/q/1"),
          "https://beer.stackexchange.com/q/1");
    CHECK(html_url(&b_, "caf\xC3\xA9/\xFF"), "caf\xC3\xA9/\xEF\xBF\xBD");
}

static void test_url_encode(void **state)
{
    (void)state;
    CHECK(url_encode(&b_, "AZaz09-._~"), "AZaz09-._~");
    CHECK(url_encode(&b_, "a b&c=d/e?f#g+h%"), "a%20b%26c%3Dd%2Fe%3Ff%23g%2Bh%25");
    CHECK(url_encode(&b_, "\"<'>"), "%22%3C%27%3E");
    CHECK(url_encode(&b_, "caf\xC3\xA9"), "caf%C3%A9");
    CHECK(url_encode(&b_, "\xFF"), "%EF%BF%BD");
    CHECK(url_encode(&b_, "\n\t"), "%0A%09");
    CHECK(url_encode(&b_, NULL), "");
}

static void test_json_str(void **state)
{
    (void)state;
    CHECK(json_str(&b_, NULL), "null");
    CHECK(json_str(&b_, ""), "\"\"");
    CHECK(json_str(&b_, "plain"), "\"plain\"");
    CHECK(json_str(&b_, "q\"b\\s"), "\"q\\\"b\\\\s\"");
    CHECK(json_str(&b_, "\n\r\t\b\f"), "\"\\n\\r\\t\\b\\f\"");
    CHECK(json_str(&b_, "\x01\x1f\x7f"), "\"\\u0001\\u001f\\u007f\"");
    CHECK(json_str(&b_, "</script><!--&'"),
          "\"\\u003c\\u002fscript\\u003e\\u003c!--\\u0026\\u0027\"");
    CHECK(json_str(&b_, "caf\xC3\xA9 \xF0\x9F\x98\x80"), "\"caf\xC3\xA9 \xF0\x9F\x98\x80\"");
    CHECK(json_str(&b_, "a\xE2\x80\xA8"
                        "b\xE2\x80\xA9"),
          "\"a\\u2028b\\u2029\"");
    CHECK(json_str(&b_, "x\xC0\xAFy"), "\"x\\ufffd\\ufffdy\"");
    CHECK(json_str(&b_, "\xED\xB0\x80"), "\"\\ufffd\\ufffd\\ufffd\"");
}

/* Wrapper without the format attribute so unsupported conversions can be tested. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
static void unchecked(struct buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    html_vprintf(b, fmt, ap);
    va_end(ap);
}
#pragma GCC diagnostic pop

static void test_printf_conversions(void **state)
{
    (void)state;
    CHECK(html_printf(&b_, "<p class=\"x\">%s</p>", "<b>&"), "<p class=\"x\">&lt;b&gt;&amp;</p>");
    CHECK(unchecked(&b_, "%s|%s", (const char *)NULL, "'"), "|&#39;"); /* NULL prints nothing */
    CHECK(html_printf(&b_, "%d %i %d", 42, -7, INT32_MIN), "42 -7 -2147483648");
    CHECK(html_printf(&b_, "%u %x %X %o", 4000000000u, 255u, 255u, 8u), "4000000000 ff FF 10");
    CHECK(html_printf(&b_, "%ld %lu", -5L, 5UL), "-5 5");
    CHECK(html_printf(&b_, "%lld %llu", (long long)INT64_MIN, (unsigned long long)UINT64_MAX),
          "-9223372036854775808 18446744073709551615");
    CHECK(html_printf(&b_, "%zu %zd", (size_t)123, (ptrdiff_t)-3), "123 -3");
    CHECK(html_printf(&b_, "%c%c%c", 'a', '<', '"'), "a&lt;&quot;");
    CHECK(html_printf(&b_, "100%%"), "100%");
    CHECK(html_printf(&b_, "[%.*s]", 3, "<<<<<"), "[&lt;&lt;&lt;]");
    CHECK(html_printf(&b_, "[%.*s]", 10, "ab"), "[ab]");
    CHECK(html_printf(&b_, "[%.2s]", "abc"), "[ab]");
    CHECK(html_printf(&b_, "%s", "bad\xFF"), "bad" FFFD);
    CHECK(html_printf(&b_, "no conversions"), "no conversions");
    CHECK(html_printf(&b_, "%s", ""), "");
}

static void test_printf_flags(void **state)
{
    (void)state;
    CHECK(html_printf(&b_, "[%5d][%-5d][%05d]", 42, 42, -42), "[   42][42   ][-0042]");
    CHECK(html_printf(&b_, "[%+d][% d][%.3d]", 5, 5, 7), "[+5][ 5][007]");
    CHECK(unchecked(&b_, "[%#x][%#o][%08.3x]", 255u, 8u, 15u), "[0xff][010][     00f]");
    CHECK(html_printf(&b_, "[%*d][%-*d]", 4, 1, 3, 2), "[   1][2  ]");
    CHECK(html_printf(&b_, "[%5s][%-5s]", "<", "ab"), "[    &lt;][ab   ]");
    CHECK(html_printf(&b_, "[%.0d]", 0), "[]");
    CHECK(unchecked(&b_, "[%hhd][%hu]", 300, 70000), "[44][4464]"); /* truncated like printf */
}

static void test_printf_unsupported(void **state)
{
    int n = 5;
    (void)state;
    /* %n never writes; later arguments stay in step */
    CHECK(unchecked(&b_, "a%nb%s", &n, "<"), "a?b&lt;");
    assert_int_equal(n, 5);
    CHECK(unchecked(&b_, "%q"), "?");
    CHECK(unchecked(&b_, "tail%"), "tail?");
    CHECK(unchecked(&b_, "%ls|%d", (void *)L"x", 3), "?|3");
    /* floats are formatted (digits cannot carry markup) and consume a double */
    CHECK(html_printf(&b_, "%.2f|%d", 3.14159, 9), "3.14|9");
    CHECK(html_printf(&b_, "%g", 0.5), "0.5");
}

static void test_sticky(void **state)
{
    struct buf b;
    (void)state;
    buf_init(&b, 8);
    html_text(&b, "<<<"); /* 12 bytes: over the cap */
    assert_int_equal(b.err != 0, 1);
    buf_release(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_text),         cmocka_unit_test(test_text_invalid_utf8),
        cmocka_unit_test(test_attr),         cmocka_unit_test(test_url_is_safe),
        cmocka_unit_test(test_html_url),     cmocka_unit_test(test_url_encode),
        cmocka_unit_test(test_json_str),     cmocka_unit_test(test_printf_conversions),
        cmocka_unit_test(test_printf_flags), cmocka_unit_test(test_printf_unsupported),
        cmocka_unit_test(test_sticky),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
