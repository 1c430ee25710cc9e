/* Tests for the some-words ranking of src/store/search.c and store/sqlite_rank.c on a real
 * SQLite database (FTS5): documents holding more of the words rank above one repeating a
 * single word, a title hit above the same words in a body, a document holding only one of
 * the words is still found, and with no bonus the plain BM25 order can differ (so the bonus
 * is what moves it). Also the vocabulary read behind "did you mean". */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "core/arena.h"
#include "core/query.h"
#include "store/search.h"
#include "../support/testdb.h"

static struct testdb T;
static struct arena A;

static void doc(int64_t id, const char *title, const char *body)
{
    assert_true(db_exec(T.db,
                        "INSERT INTO search_docs (kind, ref_id, title, body, created_at) "
                        "VALUES ('member', $1, $2, $3, 0)",
                        PARAMS(P_INT(id), P_TEXT(title), P_TEXT(body))) >= 0);
}

/* The ref_ids of a some-words search for words, in rank order, as "1 2 3". */
static const char *ranked(const char *const *words, size_t n, int bonus_milli)
{
    struct query q;
    struct errinfo e = {0};
    struct search_params p;
    struct search_hit *h;
    size_t nh, i;
    struct buf b = BUF_INIT;
    const char *r;
    assert_int_equal(query_parse(words[0], &A, &q, &e), 0);
    memset(&p, 0, sizeof(p));
    p.q = &q;
    p.kind = -1;
    p.see_all = 1;
    p.limit = 20;
    p.some = words;
    p.nsome = n;
    p.bonus_milli = bonus_milli;
    assert_int_equal(search_db_run(T.db, &A, &p, &h, &nh), 0);
    for (i = 0; i < nh; i++)
        buf_printf(&b, "%s%lld", i ? " " : "", (long long)h[i].ref_id);
    r = arena_strdup(&A, b.len ? b.data : "");
    buf_release(&b);
    return r;
}

static int setup(void **state)
{
    (void)state;
    arena_init(&A);
    if (testdb_open(&T, "search") < 0)
        return -1;
    /* filler so that idf is meaningful */
    doc(100, "Kegging", "pressure and lines for a keg");
    doc(101, "Bottling day", "caps bottles and priming");
    doc(102, "Mash", "temperature of the mash tun");
    doc(103, "Water", "chloride and sulfate");
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    testdb_close(&T);
    arena_release(&A);
    return 0;
}

static void test_more_words_beat_one_repeated(void **state)
{
    static const char *const w[] = {"zebrawood", "apples", "weeks"};
    (void)state;
    doc(110, "Fruit", "apples in a week or two weeks");
    doc(111, "Fruit", "apples for cider");
    doc(1, "Notes", "zebrawood zebrawood zebrawood barrel");
    doc(2, "Notes", "it tastes of green apples after two weeks");
    /* plain BM25: the one rare word wins; with the bonus, both documents holding two of the
       words come first */
    assert_string_equal(ranked(w, 3, 0), "1 110 2 111");
    assert_string_equal(ranked(w, 3, 2000), "110 2 1 111"); /* 110: week, weeks */
}

static void test_title_weighted(void **state)
{
    static const char *const w[] = {"kveik", "lager"};
    (void)state;
    doc(3, "", "is kveik good for a lager style beer");
    doc(4, "Kveik lager", "is it any good for this style of beer");
    assert_string_equal(ranked(w, 2, 2000), "4 3");
}

static void test_rare_word_weighs_more(void **state)
{
    static const char *const w[] = {"temperature", "zymurgy"};
    (void)state;
    doc(5, "Notes", "temperature readings again");
    doc(6, "Notes", "zymurgy readings again");
    /* one word each: the rarer word (zymurgy: one document) ranks first */
    assert_string_equal(ranked(w, 2, 2000), "6 5 102");
}

static void test_vocabulary(void **state)
{
    struct search_term *t;
    size_t n, i;
    int saw = 0;
    (void)state;
    assert_int_equal(search_db_vocab(T.db, &A, "z", "{", 1, &t, &n), 0);
    for (i = 0; i < n; i++) {
        assert_true(t[i].term[0] == 'z');
        saw |= strcmp(t[i].term, "zymurgi") == 0; /* stemmed, as indexed */
    }
    assert_true(saw);
    /* min_docs leaves out words held by fewer documents */
    assert_int_equal(search_db_vocab(T.db, &A, "z", "{", 2, &t, &n), 0);
    assert_int_equal(n, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_more_words_beat_one_repeated),
        cmocka_unit_test(test_title_weighted),
        cmocka_unit_test(test_rare_word_weighs_more),
        cmocka_unit_test(test_vocabulary),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
