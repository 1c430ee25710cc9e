/* Tests for the pure expertise model (src/domain/expertise_model.c): the decay curve, the
 * tokenizer (case, stop words, plurals, UTF-8, hostile input), ranking with as_of (future
 * evidence ignored, decay to as_of, exclusion of the asker, accepted beats an up vote,
 * half-life changes the order, tag vs text relevance, the activity fallback), profile tags,
 * evidence sentences, and parameter parsing for the evaluation. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "core/arena.h"
#include "domain/expertise.h"
#include "core/util.h"

#define DAY 86400
#define T0  1600000000LL

static void test_decay(void **state)
{
    (void)state;
    assert_true(expertise_decay(0, 365) == 1.0);
    assert_true(expertise_decay(-5, 365) == 1.0);
    assert_true(fabs(expertise_decay(365LL * DAY, 365) - 0.5) < 1e-9);
    assert_true(fabs(expertise_decay(730LL * DAY, 365) - 0.25) < 1e-9);
    assert_true(expertise_decay(DAY, 0) == 0.0);
    assert_true(expertise_decay(INT64_MAX / 2, 1) >= 0.0);
}

static void test_tokens(void **state)
{
    struct arena a;
    const char *w[64];
    size_t n, i;
    char big[5000];
    (void)state;
    arena_init(&a);
    n = expertise_tokens(&a, "How do I use the IPAs' hops? Class, glass!", w, 64);
    assert_int_equal(n, 4);
    assert_string_equal(w[0], "ipa");
    assert_string_equal(w[1], "hop");
    assert_string_equal(w[2], "class");
    assert_string_equal(w[3], "glass");
    n = expertise_tokens(&a, "Wie schmeckt Kölsch? ĉu vi", w, 64);
    assert_int_equal(n, 5);
    assert_string_equal(w[2], "k\xC3\xB6lsch");
    assert_string_equal(w[3], "\xC4\x89u");
    assert_int_equal(expertise_tokens(&a, NULL, w, 64), 0);
    assert_int_equal(expertise_tokens(&a, "", w, 64), 0);
    assert_int_equal(expertise_tokens(&a, "a I . , ;; the", w, 64), 0);
    /* long words are cut, never beyond the bound; many words stop at max */
    memset(big, 'x', sizeof(big) - 1);
    big[sizeof(big) - 1] = '\0';
    n = expertise_tokens(&a, big, w, 64);
    assert_int_equal(n, 1);
    assert_true(strlen(w[0]) <= 40);
    for (i = 0; i + 3 < sizeof(big); i += 3)
        memcpy(big + i, "ab ", 3);
    n = expertise_tokens(&a, big, w, 10);
    assert_int_equal(n, 10);
    /* a multi-byte character cut at the bound does not leave half a sequence */
    for (i = 0; i + 2 < sizeof(big); i += 2)
        memcpy(big + i, "\xC3\xB6", 2);
    big[i] = '\0';
    n = expertise_tokens(&a, big, w, 4);
    assert_int_equal(n, 1);
    assert_int_equal(strlen(w[0]) % 2, 0);
    big[0] = 'a'; /* "a" then ö...: the 40-byte cut falls inside a sequence */
    for (i = 1; i + 2 < sizeof(big); i += 2)
        memcpy(big + i, "\xC3\xB6", 2);
    big[i] = '\0';
    n = expertise_tokens(&a, big, w, 4);
    assert_int_equal(n, 1);
    assert_int_equal(strlen(w[0]), 39);
    arena_release(&a);
}

/* A small corpus builder. */
struct fix {
    struct arena a;
    struct expertise_corpus cp;
    struct expertise_doc docs[16];
    struct expertise_item items[64];
    const char *tagv[16][4];
};

static int add_doc(struct fix *f, const char *text, const char *tag1, const char *tag2,
                   int64_t created, int64_t author)
{
    int d = (int)f->cp.ndocs++;
    struct expertise_doc *doc = &f->docs[d];
    memset(doc, 0, sizeof(*doc));
    doc->id = d + 100;
    doc->community_id = 1;
    doc->author_id = author;
    doc->created_at = created;
    doc->text = text;
    f->tagv[d][0] = tag1;
    f->tagv[d][1] = tag2;
    doc->tags = f->tagv[d];
    doc->ntags = tag2 ? 2 : tag1 ? 1 : 0;
    return d;
}

static void add_item(struct fix *f, int64_t uid, int doc, int kind, int value, int64_t at)
{
    struct expertise_item *it = &f->items[f->cp.nitems++];
    it->user_id = uid;
    it->doc = doc;
    it->kind = (int16_t)kind;
    it->value = (int16_t)value;
    it->at = at;
}

static void fix_init(struct fix *f)
{
    memset(f, 0, sizeof(*f));
    arena_init(&f->a);
    f->cp.docs = f->docs;
    f->cp.items = f->items;
}

static void query(struct expertise_query *q, const char *const *tags, size_t ntags,
                  const char *text, int64_t as_of)
{
    memset(q, 0, sizeof(*q));
    q->tags = tags;
    q->ntags = ntags;
    q->text = text;
    q->as_of = as_of;
}

static void test_rank_basics(void **state)
{
    struct fix f;
    struct expertise_params p;
    struct expertise_query q;
    struct expertise_rank *r;
    size_t n;
    static const char *const ipa[] = {"ipa"};
    int d0, d1;
    (void)state;
    fix_init(&f);
    d0 = add_doc(&f, "How bitter is a west coast IPA", "ipa", NULL, T0, 9);
    d1 = add_doc(&f, "Stout roast barley", "stout", NULL, T0, 9);
    add_item(&f, 1, d0, EXP_ANSWER, 1, T0 + DAY); /* user 1: accepted answer */
    add_item(&f, 1, d0, EXP_ACCEPTED, 1, T0 + 2 * DAY);
    add_item(&f, 2, d0, EXP_ANSWER, 1, T0 + DAY); /* user 2: answer + one up vote */
    add_item(&f, 2, d0, EXP_VOTE, 1, T0 + 2 * DAY);
    add_item(&f, 3, d1, EXP_ANSWER, 1, T0 + DAY);       /* user 3: other tag only */
    add_item(&f, 9, d0, EXP_ANSWER, 1, T0 + DAY);       /* the asker */
    add_item(&f, 4, d0, EXP_ANSWER, 1, T0 + 400 * DAY); /* after as_of */
    add_item(&f, 5, 99, EXP_ANSWER, 1, T0);             /* bad doc: dropped by prepare */
    expertise_corpus_prepare(&f.a, &f.cp);
    assert_int_equal(f.cp.nitems, 7);
    expertise_params_default(&p, EXPERTISE_WHO_KNOWS);
    query(&q, ipa, 1, NULL, T0 + 10 * DAY);
    q.exclude_uid = 9;
    expertise_rank(&f.a, &f.cp, &q, &p, 0, &r, &n);
    assert_int_equal(n, 2);
    assert_int_equal(r[0].user_id, 1);
    assert_int_equal(r[0].accepted, 1);
    assert_int_equal(r[0].answers, 1);
    assert_int_equal(r[1].user_id, 2);
    assert_int_equal(r[1].votes, 1);
    assert_true(r[0].score > r[1].score);
    assert_string_equal(expertise_evidence_text(&f.a, &r[0], "in #ipa"),
                        "1 accepted answer in #ipa, last 2020");
    assert_string_equal(expertise_evidence_text(&f.a, &r[1], "in #ipa"),
                        "1 answer in #ipa, 1 vote, last 2020");
    /* limit */
    expertise_rank(&f.a, &f.cp, &q, &p, 1, &r, &n);
    assert_int_equal(n, 1);
    /* as_of before the accept: both have one answer, user 2's vote not yet cast either */
    query(&q, ipa, 1, NULL, T0 + DAY + 1);
    q.exclude_uid = 9;
    expertise_rank(&f.a, &f.cp, &q, &p, 0, &r, &n);
    assert_int_equal(n, 2);
    assert_int_equal(r[0].accepted, 0);
    assert_true(r[0].score == r[1].score);
    assert_int_equal(r[0].user_id, 1); /* tie: smaller id */
    /* before the question existed: nothing */
    query(&q, ipa, 1, NULL, T0);
    expertise_rank(&f.a, &f.cp, &q, &p, 0, &r, &n);
    assert_int_equal(n, 0);
    /* only_uid */
    query(&q, ipa, 1, NULL, T0 + 10 * DAY);
    q.only_uid = 2;
    expertise_rank(&f.a, &f.cp, &q, &p, 0, &r, &n);
    assert_int_equal(n, 1);
    assert_int_equal(r[0].user_id, 2);
    /* the activity fallback ranks user 3 (no ipa evidence) last */
    query(&q, ipa, 1, NULL, T0 + 10 * DAY);
    p.fallback_active = 1;
    expertise_rank(&f.a, &f.cp, &q, &p, 0, &r, &n);
    assert_int_equal(n, 4);
    assert_int_equal(r[3].user_id, 3);
    assert_string_equal(expertise_evidence_text(&f.a, &r[3], "in #ipa"), "recently active");
    arena_release(&f.a);
}

static void test_decay_and_half_life(void **state)
{
    struct fix f;
    struct expertise_params p;
    struct expertise_query q;
    struct expertise_rank *r;
    size_t n;
    static const char *const yeast[] = {"yeast"};
    int64_t now = T0 + 2000LL * DAY;
    int d0, d1, d2;
    (void)state;
    fix_init(&f);
    d0 = add_doc(&f, "Harvest yeast", "yeast", NULL, T0, 9);
    d1 = add_doc(&f, "Starter size", "yeast", NULL, now - 20 * DAY, 9);
    d2 = add_doc(&f, "Pitch temperature", "yeast", NULL, now - 20 * DAY, 9);
    /* user 1: an accepted answer three years old; user 2: two recent answers */
    add_item(&f, 1, d0, EXP_ANSWER, 1, now - 3 * 365 * DAY);
    add_item(&f, 1, d0, EXP_ACCEPTED, 1, now - 3 * 365 * DAY);
    add_item(&f, 2, d1, EXP_ANSWER, 1, now - 10 * DAY);
    add_item(&f, 2, d2, EXP_ANSWER, 1, now - 10 * DAY);
    expertise_corpus_prepare(&f.a, &f.cp);
    expertise_params_default(&p, EXPERTISE_WHO_KNOWS);
    query(&q, yeast, 1, NULL, now);
    expertise_rank(&f.a, &f.cp, &q, &p, 0, &r, &n);
    assert_int_equal(n, 2);
    assert_int_equal(r[0].user_id, 2);
    assert_true(fabs(r[1].tag_score - 4 * 0.125) < 1e-6);
    p.half_life_days = 36500;
    expertise_rank(&f.a, &f.cp, &q, &p, 0, &r, &n);
    assert_int_equal(r[0].user_id, 1);
    /* an up vote later lifts user 2 back */
    arena_release(&f.a);
}

static void test_text(void **state)
{
    struct fix f;
    struct expertise_params p;
    struct expertise_query q;
    struct expertise_rank *r;
    size_t n;
    int d0, d1, d2;
    (void)state;
    fix_init(&f);
    d0 = add_doc(&f, "Conjugating verbs in an agglutinative conlang", "morphology", NULL, T0, 9);
    d1 = add_doc(&f, "Choosing a phoneme inventory", "phonology", NULL, T0, 9);
    d2 = add_doc(&f, "Writing system for a tonal language", "orthography", NULL, T0, 9);
    add_item(&f, 1, d0, EXP_ANSWER, 1, T0 + DAY);
    add_item(&f, 2, d1, EXP_ANSWER, 1, T0 + DAY);
    add_item(&f, 3, d2, EXP_ANSWER, 1, T0 + DAY);
    expertise_corpus_prepare(&f.a, &f.cp);
    expertise_params_default(&p, EXPERTISE_WHO_KNOWS);
    query(&q, NULL, 0, "How should verbs agglutinate in my conlang?", T0 + 5 * DAY);
    expertise_rank(&f.a, &f.cp, &q, &p, 0, &r, &n);
    assert_int_equal(n, 1);
    assert_int_equal(r[0].user_id, 1);
    assert_int_equal(r[0].similar, 1);
    assert_string_equal(expertise_evidence_text(&f.a, &r[0], expertise_where(&f.a, NULL, 0, 1)),
                        "1 answer on similar questions, last 2020");
    {
        static const char *const two[] = {"a", "b"};
        assert_string_equal(expertise_where(&f.a, two, 2, 1),
                            "in #a or #b or on similar questions");
        assert_string_equal(expertise_where(&f.a, two, 1, 0), "in #a");
        assert_null(expertise_where(&f.a, two, 0, 0));
    }
    /* a faint match (one shared word among many) adds to the score but is not shown and
       does not make the member relevant; with the floor raised it does not count at all */
    query(&q, NULL, 0,
          "conlang grammar lexicon syntax semantics pragmatics evolution borrowing dialects",
          T0 + 5 * DAY);
    expertise_rank(&f.a, &f.cp, &q, &p, 0, &r, &n);
    assert_int_equal(n, 0);
    p.fallback_active = 1;
    expertise_rank(&f.a, &f.cp, &q, &p, 0, &r, &n);
    assert_int_equal(n, 3);
    assert_int_equal(r[0].user_id, 1);
    assert_true(r[0].text_score > 0);
    assert_int_equal(r[0].similar, 0);
    assert_int_equal(r[0].answers, 0);
    p.text_min = 0.5;
    expertise_rank(&f.a, &f.cp, &q, &p, 0, &r, &n);
    assert_true(r[0].text_score == 0);
    expertise_params_default(&p, EXPERTISE_WHO_KNOWS);
    /* unknown words only: nobody */
    query(&q, NULL, 0, "zzyzx qwfp", T0 + 5 * DAY);
    expertise_rank(&f.a, &f.cp, &q, &p, 0, &r, &n);
    assert_int_equal(n, 0);
    /* a tag nobody has */
    {
        static const char *const none[] = {"nothing-here"};
        query(&q, none, 1, NULL, T0 + 5 * DAY);
        expertise_rank(&f.a, &f.cp, &q, &p, 0, &r, &n);
        assert_int_equal(n, 0);
    }
    arena_release(&f.a);
}

static void test_profile_tags(void **state)
{
    struct fix f;
    struct expertise_params p;
    struct expertise_tag *t;
    size_t n;
    int d0, d1;
    (void)state;
    fix_init(&f);
    d0 = add_doc(&f, "a", "ipa", "hops", T0, 9);
    d1 = add_doc(&f, "b", "stout", NULL, T0, 9);
    add_item(&f, 1, d0, EXP_ANSWER, 1, T0 + DAY);
    add_item(&f, 1, d0, EXP_ACCEPTED, 1, T0 + DAY);
    add_item(&f, 1, d1, EXP_ANSWER, 1, T0 + DAY);
    add_item(&f, 1, d1, EXP_VOTE, -1, T0 + DAY); /* net zero in stout: not shown */
    add_item(&f, 2, d1, EXP_ANSWER, 1, T0 + DAY);
    expertise_corpus_prepare(&f.a, &f.cp);
    expertise_params_default(&p, EXPERTISE_WHO_KNOWS);
    expertise_profile_tags(&f.a, &f.cp, 1, T0 + 2 * DAY, &p, 0, &t, &n);
    assert_int_equal(n, 2);
    assert_string_equal(t[0].tag, "hops"); /* equal scores: by name */
    assert_string_equal(t[1].tag, "ipa");
    assert_int_equal(t[1].accepted, 1);
    expertise_profile_tags(&f.a, &f.cp, 1, T0 + 2 * DAY, &p, 1, &t, &n);
    assert_int_equal(n, 1);
    expertise_profile_tags(&f.a, &f.cp, 1, T0, &p, 0, &t, &n);
    assert_int_equal(n, 0);
    arena_release(&f.a);
}

/* Article evidence: written (value 2 = best practice) and reviewed items count once each in
   "articles" whatever their value, weigh by kind, add no answering activity, and show as
   "N articles" in sentences and profile tags. */
static void test_articles(void **state)
{
    struct fix f;
    struct expertise_params p;
    struct expertise_query q;
    struct expertise_rank *r;
    struct expertise_tag *t;
    size_t n;
    static const char *const ipa[] = {"ipa"};
    int a0, a1, a2, d0;
    (void)state;
    fix_init(&f);
    a0 = add_doc(&f, "Dry hopping: add hops after fermentation to limit hop creep", "ipa", NULL, T0,
                 1);
    f.docs[a0].kind = EXP_DOC_ARTICLE;
    a1 = add_doc(&f, "Water for hoppy beers", "ipa", "water", T0, 1);
    f.docs[a1].kind = EXP_DOC_ARTICLE;
    a2 = add_doc(&f, "Stout roast", "stout", NULL, T0, 4);
    f.docs[a2].kind = EXP_DOC_ARTICLE;
    d0 = add_doc(&f, "How bitter is a west coast IPA", "ipa", NULL, T0, 9);
    add_item(&f, 1, a0, EXP_ARTICLE_WRITTEN, 2, T0 + DAY);     /* best practice */
    add_item(&f, 1, a1, EXP_ARTICLE_WRITTEN, 1, T0 + 2 * DAY); /* published */
    add_item(&f, 2, a0, EXP_ARTICLE_REVIEWED, 1, T0 + DAY);
    add_item(&f, 3, d0, EXP_ANSWER, 1, T0 + DAY); /* an accepted answer */
    add_item(&f, 3, d0, EXP_ACCEPTED, 1, T0 + DAY);
    add_item(&f, 4, a2, EXP_ARTICLE_WRITTEN, 1, T0 + DAY); /* another tag */
    expertise_corpus_prepare(&f.a, &f.cp);
    expertise_params_default(&p, EXPERTISE_WHO_KNOWS);
    query(&q, ipa, 1, NULL, T0 + 10 * DAY);
    expertise_rank(&f.a, &f.cp, &q, &p, 0, &r, &n);
    assert_int_equal(n, 3);
    assert_int_equal(r[0].user_id, 1); /* 4 x 2 + 4 */
    assert_int_equal(r[0].articles, 2);
    assert_int_equal(r[0].answers, 0);
    assert_true(r[0].activity == 0);
    assert_int_equal(r[1].user_id, 3); /* 1 + 3 (and a little activity) */
    assert_int_equal(r[2].user_id, 2); /* reviewed: 2 */
    assert_int_equal(r[2].articles, 1);
    assert_true(r[0].tag_score > 2.9 * r[2].tag_score);
    assert_string_equal(expertise_evidence_text(&f.a, &r[0], "in #ipa"),
                        "2 articles in #ipa, last 2020");
    assert_string_equal(expertise_evidence_text(&f.a, &r[2], "in #ipa"),
                        "1 article in #ipa, last 2020");
    /* an article's text finds its author */
    query(&q, NULL, 0, "when to add dry hops to avoid hop creep", T0 + 10 * DAY);
    expertise_rank(&f.a, &f.cp, &q, &p, 0, &r, &n);
    assert_true(n >= 1);
    assert_int_equal(r[0].user_id, 1);
    assert_int_equal(r[0].articles, 1);
    assert_int_equal(r[0].similar, 0);
    /* no article evidence before it was written */
    query(&q, ipa, 1, NULL, T0 + DAY);
    expertise_rank(&f.a, &f.cp, &q, &p, 0, &r, &n);
    assert_int_equal(n, 0);
    /* profiles count articles per tag */
    expertise_profile_tags(&f.a, &f.cp, 1, T0 + 10 * DAY, &p, 0, &t, &n);
    assert_int_equal(n, 2);
    assert_string_equal(t[0].tag, "ipa");
    assert_int_equal(t[0].articles, 2);
    assert_string_equal(t[1].tag, "water");
    assert_int_equal(t[1].articles, 1);
    arena_release(&f.a);
}

static void test_params_set(void **state)
{
    struct expertise_params p;
    (void)state;
    expertise_params_default(&p, EXPERTISE_WHO_KNOWS);
    assert_int_equal(expertise_params_set(&p, "half_life", "30"), 0);
    assert_true(p.half_life_days == 30);
    assert_int_equal(expertise_params_set(&p, "accepted", "5.5"), 0);
    assert_true(p.weight[EXP_ACCEPTED] == 5.5);
    assert_int_equal(expertise_params_set(&p, "fallback", "1"), 0);
    assert_int_equal(p.fallback_active, 1);
    assert_int_equal(expertise_params_set(&p, "nope", "1"), -1);
    assert_int_equal(expertise_params_set(&p, "text", "1x"), -1);
    assert_int_equal(expertise_params_set(&p, "text", ""), -1);
    assert_int_equal(expertise_params_set(&p, NULL, "1"), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_decay),       cmocka_unit_test(test_tokens),
        cmocka_unit_test(test_rank_basics), cmocka_unit_test(test_decay_and_half_life),
        cmocka_unit_test(test_text),        cmocka_unit_test(test_profile_tags),
        cmocka_unit_test(test_params_set),  cmocka_unit_test(test_articles),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
