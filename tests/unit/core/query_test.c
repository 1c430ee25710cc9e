/* Tests for src/core/query.c: each part of the language (words, phrases, exclusions,
 * prefixes, every filter), normalisation (case, punctuation, UTF-8 words, the length cap
 * inside a UTF-8 sequence), every error message path with adversarial inputs (unclosed
 * quotes, empty and overlong values, bad dates, too many terms, invalid UTF-8, NUL-free
 * control bytes), the normalised form used for zero-result counting, query_words, and the
 * snippet renderer's escaping (markup in text, stray and nested markers). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/err.h"
#include "core/query.h"
#include "core/util.h"

static struct arena A;

static int parse(const char *s, struct query *q, struct errinfo *e)
{
    error_clear(e);
    return query_parse(s, &A, q, e);
}

static const char *norm(const char *s)
{
    struct query q;
    struct errinfo e;
    struct buf b = BUF_INIT;
    const char *r;
    assert_int_equal(parse(s, &q, &e), 0);
    query_normalize(&q, &b);
    r = arena_strdup(&A, b.data);
    buf_release(&b);
    return r;
}

static void test_words_phrases(void **state)
{
    struct query q;
    struct errinfo e;
    (void)state;
    assert_int_equal(parse("  Brewing   YEAST\t", &q, &e), 0);
    assert_int_equal(q.nterms, 2);
    assert_string_equal(q.terms[0].text, "brewing");
    assert_string_equal(q.terms[1].text, "yeast");
    assert_false(q.terms[0].phrase);
    assert_int_equal(parse("\"Wild  yeast!\" -lager -\"dry hop\" ferm*", &q, &e), 0);
    assert_int_equal(q.nterms, 4);
    assert_int_equal(q.npos, 2);
    assert_string_equal(q.terms[0].text, "wild yeast");
    assert_true(q.terms[0].phrase);
    assert_true(q.terms[1].neg);
    assert_string_equal(q.terms[2].text, "dry hop");
    assert_true(q.terms[2].neg && q.terms[2].phrase);
    assert_true(q.terms[3].prefix);
    assert_string_equal(q.terms[3].text, "ferm");
    /* punctuation splits into a phrase; quotes and operators never survive into text */
    assert_int_equal(parse("don't \"a\\\"", &q, &e), 0);
    assert_string_equal(q.terms[0].text, "don t");
    assert_true(q.terms[0].phrase);
    assert_string_equal(q.terms[1].text, "a");
    assert_int_equal(parse("x AND y OR NOT z NEAR(a b) col:x ^start", &q, &e), 0);
    for (size_t i = 0; i < q.nterms; i++)
        for (const char *p = q.terms[i].text; *p; p++)
            assert_true((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == ' ' ||
                        (unsigned char)*p >= 0x80);
    /* UTF-8 letters are word bytes, not lower-cased by us (the index folds them) */
    assert_int_equal(parse("Café crème", &q, &e), 0);
    assert_string_equal(q.terms[0].text, "café");
    assert_string_equal(q.terms[1].text, "crème");
    /* punctuation-only tokens vanish; a lone - or * too */
    assert_int_equal(parse("yeast !!! - * --", &q, &e), 0);
    assert_int_equal(q.nterms, 1);
}

static void test_filters(void **state)
{
    struct query q;
    struct errinfo e;
    (void)state;
    assert_int_equal(parse("yeast tag:Beer tag:ale in:HomeBrewing author:@Ada is:question "
                           "is:solved after:2024-01-31 before:2024-03-01",
                           &q, &e),
                     0);
    assert_int_equal(q.nterms, 1);
    assert_int_equal(q.ntags, 2);
    assert_string_equal(q.tags[0], "beer");
    assert_string_equal(q.in, "homebrewing");
    assert_string_equal(q.author, "ada");
    assert_int_equal(q.is, QUERY_IS_QUESTION);
    assert_true(q.solved);
    assert_int_equal(q.after, 1706659200);
    assert_int_equal(q.before, 1709251200);
    /* filters alone are a query */
    assert_int_equal(parse("is:unanswered tag:x", &q, &e), 0);
    assert_int_equal(q.nterms, 0);
    assert_true(q.unanswered);
    assert_true(query_has_filters(&q));
    /* an unknown name: is a word */
    assert_int_equal(parse("http://x.org c++:", &q, &e), 0);
    assert_string_equal(q.terms[0].text, "http x org");
    assert_string_equal(q.terms[1].text, "c");
    /* -tag:x is an exclusion of the words */
    assert_int_equal(parse("a -tag:x", &q, &e), 0);
    assert_int_equal(q.ntags, 0);
    assert_true(q.terms[1].neg);
    assert_int_equal(parse("is:article a", &q, &e), 0);
    assert_int_equal(q.is, QUERY_IS_ARTICLE);
    assert_int_equal(parse("after:2024-02-29 a", &q, &e), 0);
}

static void expect_error(const char *s, const char *needle)
{
    struct query q;
    struct errinfo e;
    assert_int_equal(parse(s, &q, &e), ERR_INVALID);
    assert_string_equal(e.field, "q");
    if (!strstr(e.msg, needle))
        fail_msg("query %s: message \"%s\" lacks \"%s\"", s, e.msg, needle);
}

static void test_errors(void **state)
{
    char big[QUERY_MAX_LEN + 2];
    char many[400];
    size_t i;
    (void)state;
    expect_error("", "Type some words");
    expect_error("   \t ", "Type some words");
    expect_error("!!! ???", "Type some words");
    expect_error("\"unclosed phrase", "closing quote");
    expect_error("a \"", "closing quote");
    expect_error("-a -b", "Add a word");
    expect_error("tag: yeast", "tag: needs a value");
    expect_error("is:bogus a", "is: takes");
    expect_error("before:2024-13-01 a", "YYYY-MM-DD");
    expect_error("before:2023-02-29 a", "YYYY-MM-DD");
    expect_error("after:24-01-01 a", "YYYY-MM-DD");
    expect_error("after:1969-12-31 a", "YYYY-MM-DD");
    expect_error("after:2024-03-01 before:2024-02-01 a", "earlier");
    expect_error("author:@ a", "author: needs");
    expect_error("a*b x*", "at least 2");
    expect_error("tag:a tag:b tag:c tag:d", "at most 3");
    expect_error("bad \xC3\x28 utf8", "UTF-8");
    expect_error("bad \xED\xA0\x80 surrogate", "UTF-8");
    memset(big, 'a', sizeof(big) - 1);
    big[sizeof(big) - 1] = '\0';
    expect_error(big, "too long");
    for (i = 0; i < QUERY_MAX_TERMS + 1; i++) {
        many[2 * i] = 'w';
        many[2 * i + 1] = ' ';
    }
    many[2 * i] = '\0';
    expect_error(many, "too many words");
    {
        char v[80];
        memset(v, 'x', sizeof(v) - 1);
        v[sizeof(v) - 1] = '\0';
        memcpy(v, "in:", 3);
        expect_error(v, "too long");
    }
}

static void test_long_words(void **state)
{
    struct query q;
    struct errinfo e;
    char s[300];
    size_t i;
    (void)state;
    /* a 2-byte letter straddling the 64-byte cap is dropped whole */
    s[0] = 'a';
    for (i = 1; i + 1 < 200; i += 2) {
        s[i] = '\xC3';
        s[i + 1] = '\xA9';
    }
    s[i] = '\0';
    assert_int_equal(parse(s, &q, &e), 0);
    assert_true(strlen(q.terms[0].text) <= QUERY_MAX_WORD);
    assert_int_equal(strlen(q.terms[0].text) % 2, 1);
}

static void test_normalize(void **state)
{
    (void)state;
    assert_string_equal(norm("  Yeast   \"WILD  one\" -Lager ferm* Tag:Ale is:solved"),
                        "yeast \"wild one\" -lager ferm* tag:ale is:solved");
    assert_string_equal(norm("is:question after:2024-01-31 in:X author:Y before:2025-01-01"),
                        "in:x author:y is:question after:2024-01-31 before:2025-01-01");
    assert_string_equal(norm("YEAST"), norm("yeast"));
}

/* The input a fuzz run found (fuzz/corpus/query/regress-normalised-too-long): 499 bytes whose
   normalised form is 512 (each a-b:c token becomes "a b c"). It used to parse while its
   normalised form did not ("too long"), so a link to it from the zero-result list failed. */
static const char fuzz_long_norm[] =
    "egerle i:S author:Jave a-fre:2r:J-01-1:2r:-3:r:J-01-1:2r:J-0J-01-3r:1:2 Siattho-01-1"
    ":2r:J-0J-01-3r:1:2 Siauthor:Jave a-fre:2r:J-01-s:2r:J-01-3:J-1-311:2r:J-1:2r:J-+2-r:"
    "Jave a-fre:2r:J-01-s:2r:J-01-3:J-1-311:21-311:2r:J-+1-3:J-+1-J-01-3:r:J-01-1:2r:J-0J"
    "-01-3r:1:2 Siauthor:Jave a-fre:2r:r:J-01-3:J-1-312r:-3:r:J-01-1:2r:J-0J-01-3r:1:2 Si"
    "author:Jae:2sede a-fr:J-01-s:2rr:Jave a-fre:2r:J-01-s:2r:J-01-3:J-1-311:21-311:2r:J-"
    "+1-3:J-+1-J-01-3:r:J-01-1:2r:J-0J-01-3r:J-01-3:J-1-311:2r:J-1:2r:J-+1-3:J-+1-31";

/* Whatever parses has a normalised form that parses again to itself. */
static void check_norm_roundtrip(const char *s)
{
    struct query q, q2;
    struct errinfo e;
    struct buf n1 = BUF_INIT, n2 = BUF_INIT;
    if (parse(s, &q, &e) < 0)
        return;
    query_normalize(&q, &n1);
    assert_true(n1.len <= QUERY_MAX_LEN);
    if (parse(n1.data, &q2, &e) < 0)
        fail_msg("normalised form of %s does not parse: %s", s, e.msg);
    query_normalize(&q2, &n2);
    assert_string_equal(n1.data, n2.data);
    buf_release(&n1);
    buf_release(&n2);
}

static void test_normalized_length(void **state)
{
    char s[QUERY_MAX_LEN + 1];
    size_t i, o = 0;
    (void)state;
    assert_int_equal(strlen(fuzz_long_norm), 499);
    expect_error(fuzz_long_norm, "too long");
    check_norm_roundtrip(fuzz_long_norm);
    /* 16 tokens of 30 bytes with punctuation: 495 bytes in, 527 normalised */
    for (i = 0; i < 16; i++) {
        if (i)
            s[o++] = ' ';
        memcpy(s + o, "abcdefghi-abcdefghi-abcdefghi.", 30);
        o += 30;
    }
    s[o] = '\0';
    assert_int_equal(strlen(s), 495);
    expect_error(s, "too long");
    check_norm_roundtrip(s);
    /* short inputs still grow and are accepted */
    assert_string_equal(norm("a-b x\"y\""), "\"a b\" x \"y\"");
    check_norm_roundtrip("a-b x\"y\"");
    check_norm_roundtrip("i:S author:Jave a-fre:2r:J-01-1:2r tag:A\"b\"");
}

static void test_words(void **state)
{
    const char *w[5];
    size_t n;
    (void)state;
    n = query_words("How do I stop my Yeast, yeast from stalling?", &A, 4, w, 5);
    assert_int_equal(n, 4);
    assert_string_equal(w[3], "stalling");
    assert_string_equal(w[0], "stop");
    assert_string_equal(w[1], "yeast");
    assert_string_equal(w[2], "from");
    assert_int_equal(query_words(NULL, &A, 1, w, 5), 0);
    assert_int_equal(query_words("\xff", &A, 1, w, 5), 0);
}

static void snippet(const char *in, const char *want)
{
    struct buf b = BUF_INIT;
    query_snippet_html(&b, in);
    assert_string_equal(b.data, want);
    buf_release(&b);
}

static void test_snippet(void **state)
{
    (void)state;
    snippet("plain", "plain");
    snippet("a \x02match\x03 b", "a <mark>match</mark> b");
    snippet("<script>\x02x\x03</script>", "&lt;script&gt;<mark>x</mark>&lt;/script&gt;");
    snippet("\x02<b>\"q\"&amp;", "<mark>&lt;b&gt;&quot;q&quot;&amp;amp;</mark>");
    snippet("stray\x03 \x02\x02nested\x03\x03", "stray <mark>nested</mark>");
    snippet("line\none\x01\x7f", "line one\x7f");
    snippet("", "");
}

static void plain(const char *in, const char *want)
{
    assert_string_equal(query_snippet_plain(&A, in), want);
}

static void test_snippet_plain(void **state)
{
    (void)state;
    plain("plain text", "plain text");
    plain("see [the \x02guide\x03](https://ex.com/a_(b)) now", "see the \x02guide\x03 now");
    plain("![a \x02"
          "cat\x03](/u/1.png)",
          "a \x02"
          "cat\x03");
    plain("cut [link](https://ex.com/\x02yeast\x03/long", "cut link");
    plain("**bold** and _it_ and snake_case `code` ~~gone~~",
          "bold and it and snake_case code gone");
    plain("# Title\n\n> quoted\n- item\n12. step", "Title quoted item step");
    plain("mail <https://ex.com/x> or <b>", "mail https://ex.com/x or <b>");
    plain("a \\*literal\\* star", "a *literal* star");
    plain("2 < 3 and 4 > 1", "2 < 3 and 4 > 1");
    plain("(see) [x] ok", "(see) x ok");
    plain("", "");
}

static void test_plain(void **state)
{
    struct query q;
    struct errinfo e;
    static const char *const plain[] = {"why does my homebrew taste like cider",
                                        "don't shake it in:beer", "c++ questions"};
    static const char *const strict[] = {"\"green apples\" cider", "cider -apples",
                                         "ferment* cider",         "cider tag:alpha",
                                         "cider is:question",      "cider author:bob",
                                         "cider after:2020-01-01", "cider before:2020-01-01",
                                         "cider is:solved",        "cider is:unanswered"};
    size_t i;
    (void)state;
    for (i = 0; i < ARRAY_SIZE(plain); i++) {
        assert_int_equal(parse(plain[i], &q, &e), 0);
        assert_true(query_is_plain(&q));
    }
    for (i = 0; i < ARRAY_SIZE(strict); i++) {
        assert_int_equal(parse(strict[i], &q, &e), 0);
        if (query_is_plain(&q))
            fail_msg("%s is plain", strict[i]);
    }
    assert_int_equal(parse("in:beer", &q, &e), 0); /* filters only: nothing to match */
    assert_false(query_is_plain(&q));
}

static void test_some_words(void **state)
{
    struct query q;
    struct errinfo e;
    const char *w[QUERY_MAX_TERMS];
    size_t n;
    (void)state;
    assert_true(query_stop_word("the") && query_stop_word("why") && query_stop_word("don"));
    assert_false(query_stop_word("cider") || query_stop_word("") || query_stop_word("zzz"));
    assert_int_equal(
        parse("Why does my homebrew taste like CIDER after two weeks? The cider!", &q, &e), 0);
    n = query_some_words(&q, &A, w, QUERY_MAX_TERMS);
    assert_int_equal(n, 6); /* homebrew taste like cider two weeks: "like" is kept */
    assert_string_equal(w[0], "homebrew");
    assert_string_equal(w[3], "cider");
    assert_string_equal(w[5], "weeks");
    /* contractions and one-letter runs are dropped; max is respected */
    assert_int_equal(parse("don't I x yeast", &q, &e), 0);
    n = query_some_words(&q, &A, w, QUERY_MAX_TERMS);
    assert_int_equal(n, 1);
    assert_string_equal(w[0], "yeast");
    assert_int_equal(parse("alpha beta gamma delta", &q, &e), 0);
    assert_int_equal(query_some_words(&q, &A, w, 2), 2);
    /* UTF-8 words count in code points */
    assert_int_equal(parse("\xC3\xA9 caf\xC3\xA9", &q, &e), 0);
    n = query_some_words(&q, &A, w, QUERY_MAX_TERMS);
    assert_int_equal(n, 1);
    assert_string_equal(w[0], "caf\xC3\xA9");
}

static void test_edit_distance(void **state)
{
    (void)state;
    assert_int_equal(query_edit_distance("yeast", "yeast", 2), 0);
    assert_int_equal(query_edit_distance("yaest", "yeast", 2), 1); /* transposition */
    assert_int_equal(query_edit_distance("yest", "yeast", 2), 1);
    assert_int_equal(query_edit_distance("yeasst", "yeast", 2), 1);
    assert_int_equal(query_edit_distance("yoast", "yeast", 2), 1);
    assert_int_equal(query_edit_distance("hopz", "hops", 2), 1);
    assert_int_equal(query_edit_distance("fermantashun", "fermentation", 2), 3); /* capped */
    assert_int_equal(query_edit_distance("abc", "abcdef", 2), 3); /* length gap alone */
    assert_int_equal(query_edit_distance("", "ab", 2), 2);
    assert_int_equal(query_edit_distance("caf\xC3\xA9", "cafe", 2), 1); /* code points */
    assert_int_equal(query_edit_distance("\xC3\xA9t\xC3\xA9", "\xC3\xA9t\xC3\xA8", 1), 1);
    /* invalid UTF-8 is compared as bytes, without reading past the end */
    assert_int_equal(query_edit_distance("ab\xC3", "ab", 2), 1);
    {
        char a[200], b[200];
        memset(a, 'a', sizeof(a) - 1);
        a[sizeof(a) - 1] = '\0';
        memcpy(b, a, sizeof(b));
        b[10] = 'b';
        /* long words: the first QUERY_MAX_WORD code points */
        assert_int_equal(query_edit_distance(a, b, 2), 1);
        b[150] = 'b';
        assert_int_equal(query_edit_distance(a, b, 2), 1);
    }
}

static int file_error(const char *s, const char *want)
{
    struct query_file_line *l;
    size_t n;
    struct errinfo e = {0};
    int rc = query_file_parse(s, strlen(s), &A, &l, &n, &e);
    if (rc != ERR_INVALID || !strstr(e.msg, want))
        fail_msg("%s: rc %d, message \"%s\", wanted \"%s\"", s, rc, e.msg, want);
    return 0;
}

static void test_query_file(void **state)
{
    struct query_file_line *l;
    size_t n;
    struct errinfo e = {0};
    static const char good[] = "38\twhy do people say you shouldn't drink beer after wine\n"
                               "# a comment\n"
                               "7151\tdoes drinking vodka with a straw get you drunk faster\n";
    (void)state;
    assert_int_equal(query_file_parse(good, strlen(good), &A, &l, &n, &e), 0);
    assert_int_equal(n, 2);
    assert_int_equal(l[0].id, 38);
    assert_int_equal(l[1].id, 7151);
    assert_int_equal(l[1].line, 3);
    assert_string_equal(l[1].query, "does drinking vodka with a straw get you drunk faster");
    file_error("", "no queries");
    file_error("# only a comment\n", "no queries");
    file_error("1\tcider", "line 1: the last line has no newline");
    file_error("1\tcider\n\n2\tperry\n", "line 2: empty line");
    file_error("1\tcider\r\n", "line 1: carriage return");
    file_error("1 cider\n", "line 1: expected question-id<TAB>query");
    file_error("\tcider\n", "line 1: the question id is missing");
    file_error("01\tcider\n", "leading zeros");
    file_error("0\tcider\n", "leading zeros");
    file_error("-1\tcider\n", "not a number");
    file_error("1x\tcider\n", "not a number");
    file_error("99999999999999999999\tcider\n", "too large");
    file_error("1\tcider\textra\n", "more than one tab");
    file_error("1\t\n", "the query is empty");
    file_error("1\tcider\n2\tperry\n1\tmead\n", "line 3: question 1 is already on line 1");
    file_error("1\tcider \x01\n", "control character");
    file_error("1\tcider\n2\t\"unclosed\n", "line 2: A phrase is missing its closing quote");
    file_error("1\t-cider\n", "line 1: Add a word");
    file_error("1\tcid\xC3\n", "not valid UTF-8");
    {
        static const char nul[] = "1\tci\0der\n";
        int rc = query_file_parse(nul, sizeof(nul) - 1, &A, &l, &n, &e);
        assert_int_equal(rc, ERR_INVALID);
        assert_non_null(strstr(e.msg, "NUL"));
    }
    {
        /* many lines: the array grows */
        struct buf b = BUF_INIT;
        int i;
        for (i = 1; i <= 100; i++)
            buf_printf(&b, "%d\tquestion number %d\n", i, i);
        assert_int_equal(query_file_parse(b.data, b.len, &A, &l, &n, &e), 0);
        assert_int_equal(n, 100);
        assert_int_equal(l[99].id, 100);
        buf_release(&b);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_words_phrases), cmocka_unit_test(test_filters),
        cmocka_unit_test(test_errors),        cmocka_unit_test(test_long_words),
        cmocka_unit_test(test_normalize),     cmocka_unit_test(test_words),
        cmocka_unit_test(test_snippet),       cmocka_unit_test(test_normalized_length),
        cmocka_unit_test(test_snippet_plain), cmocka_unit_test(test_plain),
        cmocka_unit_test(test_some_words),    cmocka_unit_test(test_edit_distance),
        cmocka_unit_test(test_query_file),
    };
    int rc;
    arena_init(&A);
    rc = cmocka_run_group_tests(tests, NULL, NULL);
    arena_release(&A);
    return rc;
}
