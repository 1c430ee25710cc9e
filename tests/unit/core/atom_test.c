/* Tests for core/atom.c: XML escaping of hostile text (markup, "]]>", quotes, every control
 * character, DEL and C1, U+FFFE/U+FFFF, invalid and truncated UTF-8, NUL), and the Atom
 * document written around it (elements present, optional ones left out, content escaped). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "core/atom.h"
#include "core/utf8.h"
#include "core/util.h"

static void check_text(const char *in, const char *want)
{
    struct buf b = BUF_INIT;
    xml_text(&b, in);
    assert_string_equal(b.data, want);
    buf_release(&b);
}

static void test_markup(void **state)
{
    (void)state;
    check_text("", "");
    check_text("plain text", "plain text");
    check_text("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;");
    check_text("a & b", "a &amp; b");
    check_text("&amp;", "&amp;amp;");
    check_text("]]>", "]]&gt;");
    check_text("<![CDATA[x]]>", "&lt;![CDATA[x]]&gt;");
    check_text("\"double\" 'single'", "&quot;double&quot; &#39;single&#39;");
    check_text("caf\xC3\xA9 \xF0\x9F\x8D\xB5", "caf\xC3\xA9 \xF0\x9F\x8D\xB5");
}

static void test_controls(void **state)
{
    char in[40], want[8];
    unsigned c;
    (void)state;
    /* every C0 control but tab, LF and CR is dropped */
    for (c = 1; c < 0x20; c++) {
        struct buf b = BUF_INIT;
        in[0] = 'a';
        in[1] = (char)c;
        in[2] = 'b';
        in[3] = '\0';
        xml_text(&b, in);
        if (c == '\t' || c == '\n' || c == '\r') {
            want[0] = 'a';
            want[1] = (char)c;
            want[2] = 'b';
            want[3] = '\0';
            assert_string_equal(b.data, want);
        } else {
            assert_string_equal(b.data, "ab");
        }
        buf_release(&b);
    }
    check_text("a\x7F"
               "b",
               "ab"); /* DEL */
    check_text("a\xC2\x80"
               "b\xC2\x9F"
               "c",
               "abc"); /* C1 */
    check_text("a\xC2\xA0"
               "b",
               "a\xC2\xA0"
               "b"); /* U+00A0 is fine */
    check_text("a\xEF\xBF\xBE"
               "b\xEF\xBF\xBF"
               "c",
               "abc"); /* U+FFFE, U+FFFF */
    check_text("a\xEF\xBF\xBD"
               "b",
               "a\xEF\xBF\xBD"
               "b"); /* U+FFFD stays */
}

static void test_bad_utf8(void **state)
{
    struct buf b = BUF_INIT;
    (void)state;
    check_text("a\xFF"
               "b",
               "a\xEF\xBF\xBD"
               "b");
    check_text("\xC3", "\xEF\xBF\xBD");                                 /* truncated */
    check_text("\xC0\xAF", "\xEF\xBF\xBD\xEF\xBF\xBD");                 /* overlong '/' */
    check_text("\xED\xA0\x80", "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"); /* surrogate */
    check_text("\xF4\x90\x80\x80", "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
    /* NUL inside a counted string is dropped */
    xml_textn(&b, "a\0<b", 4);
    assert_int_equal(b.len, 6);
    assert_memory_equal(b.data, "a&lt;b", 6);
    buf_release(&b);
    b = (struct buf)BUF_INIT;
    xml_text(&b, NULL);
    assert_int_equal(b.len, 0);
    buf_release(&b);
}

/* Whatever bytes go in, what comes out is valid UTF-8 with no '<', no '&' that does not start
   an entity, and no forbidden character. */
static void test_every_byte(void **state)
{
    char in[3 * 256 + 1];
    struct buf b = BUF_INIT;
    size_t i, k = 0;
    (void)state;
    for (i = 1; i < 256; i++) {
        in[k++] = (char)i;
        in[k++] = (char)(0x80 | (i & 0x3F));
        in[k++] = 'x';
    }
    in[k] = '\0';
    xml_text(&b, in);
    assert_true(utf8_valid(b.data, b.len));
    assert_null(strchr(b.data, '<'));
    assert_null(strchr(b.data, '>'));
    for (i = 0; i < b.len; i++) {
        unsigned char c = (unsigned char)b.data[i];
        assert_true(c >= 0x20 || c == '\t' || c == '\n' || c == '\r');
        assert_true(c != 0x7F);
        if (c == '&')
            assert_true(str_starts(b.data + i, "&amp;") || str_starts(b.data + i, "&lt;") ||
                        str_starts(b.data + i, "&gt;") || str_starts(b.data + i, "&quot;") ||
                        str_starts(b.data + i, "&#39;"));
    }
    buf_release(&b);
}

static void test_document(void **state)
{
    struct buf b = BUF_INIT;
    const char *tags[] = {"alpha", "b\"eta"};
    struct atom_feed f = {
        .id = "tag:x.praxis,2026:community-1/latest",
        .title = "Latest <threads> & more",
        .updated = 1900000000,
        .self = "https://h.example/c/x/latest.atom?token=ab&c=1",
        .alternate = "https://h.example/c/x/latest",
        .base = "https://h.example/",
        .generator = "Praxis",
    };
    struct atom_entry e = {
        .id = "tag:x.praxis,2026:post-7",
        .title = "Re: <b>bold</b> ]]>",
        .updated = 1900000100,
        .published = 1900000000,
        .author = "Ann \"The\" Author",
        .author_uri = "https://h.example/u/ann",
        .link = "https://h.example/p/7",
        .html = "<p>Hello &amp; <a href=\"/u/bob\">@bob</a></p>",
        .categories = tags,
        .ncategories = 2,
    };
    struct atom_entry bare = {.id = "urn:x", .title = "T", .updated = 0, .author = ""};
    (void)state;
    atom_begin(&b, &f);
    atom_entry(&b, &e);
    atom_entry(&b, &bare);
    atom_end(&b);
    assert_int_equal(b.err, 0);
    assert_true(str_starts(b.data, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed "
                                   "xmlns=\"http://www.w3.org/2005/Atom\" "
                                   "xml:base=\"https://h.example/\">\n"));
    assert_non_null(strstr(b.data, "<title>Latest &lt;threads&gt; &amp; more</title>"));
    assert_non_null(strstr(b.data, "<updated>2030-03-17T17:46:40Z</updated>"));
    assert_non_null(strstr(b.data,
                           "<link rel=\"self\" type=\"application/atom+xml\" "
                           "href=\"https://h.example/c/x/latest.atom?token=ab&amp;c=1\"/>"));
    assert_non_null(strstr(b.data, "<link rel=\"alternate\" type=\"text/html\" "
                                   "href=\"https://h.example/c/x/latest\"/>"));
    assert_non_null(
        strstr(b.data, "<title type=\"text\">Re: &lt;b&gt;bold&lt;/b&gt; ]]&gt;</title>"));
    assert_non_null(strstr(b.data, "<published>2030-03-17T17:46:40Z</published>"));
    assert_non_null(strstr(b.data, "<updated>2030-03-17T17:48:20Z</updated>"));
    assert_non_null(strstr(b.data, "<name>Ann &quot;The&quot; Author</name>"));
    assert_non_null(strstr(b.data, "<uri>https://h.example/u/ann</uri>"));
    assert_non_null(strstr(b.data, "<category term=\"b&quot;eta\"/>"));
    assert_non_null(strstr(b.data,
                           "<content type=\"html\">&lt;p&gt;Hello &amp;amp; &lt;a "
                           "href=&quot;/u/bob&quot;&gt;@bob&lt;/a&gt;&lt;/p&gt;</content>"));
    assert_null(strstr(b.data, "]]>"));
    assert_null(strstr(b.data, "<b>"));
    /* the bare entry: no published, no uri, no link, no content; still an author name */
    assert_non_null(strstr(b.data,
                           "<entry>\n<id>urn:x</id>\n<title type=\"text\">T</title>\n"
                           "<updated>1970-01-01T00:00:00Z</updated>\n<author><name></name>\n"
                           "</author>\n</entry>\n</feed>\n"));
    buf_release(&b);
}

/* A buffer limit turns into the sticky error, never a partial write past it. */
static void test_limit(void **state)
{
    struct buf b;
    char big[4096];
    (void)state;
    memset(big, '<', sizeof(big) - 1);
    big[sizeof(big) - 1] = '\0';
    buf_init(&b, 1000);
    xml_text(&b, big);
    assert_int_not_equal(b.err, 0);
    assert_true(b.len <= 1000);
    buf_release(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_markup),   cmocka_unit_test(test_controls),
        cmocka_unit_test(test_bad_utf8), cmocka_unit_test(test_every_byte),
        cmocka_unit_test(test_document), cmocka_unit_test(test_limit),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
