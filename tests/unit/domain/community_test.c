/* Unit tests for src/domain/community.c: the validators (slugs, names, tag vocabularies) with
 * adversarial input, the permission table for every role x visibility, and the rules that
 * need rows (create, join, leave as last coordinator, roles, invitations) against a fresh
 * SQLite database in a temp directory. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/buf.h"
#include "core/rand.h"
#include "domain/account.h"
#include "domain/community.h"
#include "core/util.h"
#include "../support/testdb.h"

/* ---------------------------------------------------------------------------------------- */
/* Validators */

static void test_slug_valid(void **state)
{
    static const char *ok[] = {"ab",
                               "go",
                               "sre",
                               "clinical-informatics",
                               "a1",
                               "9-lives",
                               "a-b-c",
                               "x--y",
                               "0123456789012345678901234567890123456789"};
    size_t i;
    (void)state;
    for (i = 0; i < ARRAY_SIZE(ok); i++)
        assert_int_equal(community_slug_check(ok[i], NULL), 0);
}

static void test_slug_invalid(void **state)
{
    static const char *bad[] = {
        "",         "a",           "-ab",
        "ab-",      "-",           "--",
        "AB",       "Ab",          "a b",
        "a_b",      "a.b",         "a/b",
        "a%2fb",    "caf\xc3\xa9", "ab\n",
        "ab\t",     "a\x01",       "01234567890123456789012345678901234567890",
        "<script>", "a'b",         "a\"b",
        "..",       "a..b"};
    struct errinfo e;
    size_t i;
    (void)state;
    for (i = 0; i < ARRAY_SIZE(bad); i++) {
        error_clear(&e);
        assert_int_equal(community_slug_check(bad[i], &e), ERR_INVALID);
        assert_string_equal(e.field, "slug");
    }
    assert_int_equal(community_slug_check(NULL, NULL), ERR_INVALID);
}

static void test_slug_reserved(void **state)
{
    static const char *words[] = {"new",     "edit",        "api",     "admin",
                                  "join",    "static",      "signin",  "members",
                                  "invites", "communities", "settings"};
    struct errinfo e;
    size_t i;
    (void)state;
    for (i = 0; i < ARRAY_SIZE(words); i++) {
        error_clear(&e);
        assert_true(community_slug_reserved(words[i]));
        assert_int_equal(community_slug_check(words[i], &e), ERR_CONFLICT);
        assert_non_null(strstr(e.msg, "is not available"));
    }
    assert_false(community_slug_reserved("newcomers"));
    assert_int_equal(community_slug_check("newcomers", NULL), 0);
}

static void test_charter_sentence(void **state)
{
    struct arena a;
    char long_md[600];
    const char *s;
    size_t i;
    (void)state;
    arena_init(&a);
    assert_string_equal(community_charter_sentence(&a, "We bake. Bring **starter**."), "We bake.");
    assert_string_equal(community_charter_sentence(
                            &a, "# Welcome\n\nRead [the guide](https://x.y/z) first! Then ask."),
                        "Welcome Read the guide first!");
    assert_string_equal(community_charter_sentence(&a, "No full stop"), "No full stop");
    assert_string_equal(community_charter_sentence(&a, "Version 2.5 is out. Yes."),
                        "Version 2.5 is out.");
    assert_string_equal(community_charter_sentence(&a, ""), "");
    assert_string_equal(community_charter_sentence(&a, NULL), "");
    for (i = 0; i + 1 < sizeof(long_md); i++)
        long_md[i] = i % 7 == 6 ? ' ' : 'a';
    long_md[sizeof(long_md) - 1] = '\0';
    s = community_charter_sentence(&a, long_md);
    assert_true(strlen(s) <= COMMUNITY_SENTENCE_MAX + 3);
    assert_string_equal(s + strlen(s) - 3, "\xE2\x80\xA6");
    assert_true(s[strlen(s) - 4] == 'a'); /* cut at a word's end */
    arena_release(&a);
}

static void test_slug_suggest(void **state)
{
    struct arena a;
    (void)state;
    arena_init(&a);
    assert_string_equal(community_slug_suggest(&a, "Clinical Informatics"), "clinical-informatics");
    assert_string_equal(community_slug_suggest(&a, "  --SRE & On-call!!  "), "sre-on-call");
    assert_string_equal(community_slug_suggest(&a, "Caf\xc3\xa9 cr\xc3\xa8me"), "caf-cr-me");
    assert_string_equal(community_slug_suggest(&a, "C"), "");
    assert_string_equal(community_slug_suggest(&a, "\xe6\x97\xa5\xe6\x9c\xac"), "");
    assert_string_equal(community_slug_suggest(&a, ""), "");
    assert_string_equal(community_slug_suggest(&a, NULL), "");
    assert_string_equal(community_slug_suggest(&a, "<script>alert(1)</script>"),
                        "script-alert-1-script");
    {
        /* long names are cut to 40 without a trailing dash, and stay valid */
        const char *s =
            community_slug_suggest(&a, "abcdefghij abcdefghij abcdefghij abcdefghij abcdefghij");
        assert_true(strlen(s) <= COMMUNITY_SLUG_MAX);
        assert_int_equal(community_slug_check(s, NULL), 0);
        s = community_slug_suggest(&a, "abcdefghijklmnopqrstuvwxyzabcdefghijklm nop");
        assert_true(strlen(s) <= COMMUNITY_SLUG_MAX);
        assert_true(s[strlen(s) - 1] != '-');
    }
    arena_release(&a);
}

static void test_name_check(void **state)
{
    struct arena a;
    const char *out = NULL;
    struct errinfo e;
    char long81[82];
    (void)state;
    arena_init(&a);
    assert_int_equal(community_name_check(&a, "  Go  ", &out, NULL), 0);
    assert_string_equal(out, "Go");
    assert_int_equal(community_name_check(&a, "\xe6\x97\xa5\xe6\x9c\xac", &out, NULL), 0);
    assert_int_equal(community_name_check(&a, "<b>&amp;</b>", &out, NULL), 0); /* escaped later */
    error_clear(&e);
    assert_int_equal(community_name_check(&a, "x", &out, &e), ERR_INVALID);
    assert_string_equal(e.field, "name");
    assert_int_equal(community_name_check(&a, "   x   ", &out, NULL), ERR_INVALID);
    assert_int_equal(community_name_check(&a, "", &out, NULL), ERR_INVALID);
    assert_int_equal(community_name_check(&a, NULL, &out, NULL), ERR_INVALID);
    assert_int_equal(community_name_check(&a, "two\nlines", &out, NULL), ERR_INVALID);
    assert_int_equal(community_name_check(&a, "bell\a", &out, NULL), ERR_INVALID);
    assert_int_equal(community_name_check(&a, "bad \xff utf8", &out, NULL), ERR_INVALID);
    assert_int_equal(community_name_check(&a, "over\xc0\xaflong", &out, NULL), ERR_INVALID);
    memset(long81, 'x', 81);
    long81[81] = '\0';
    assert_int_equal(community_name_check(&a, long81, &out, NULL), ERR_INVALID);
    long81[80] = '\0';
    assert_int_equal(community_name_check(&a, long81, &out, NULL), 0);
    arena_release(&a);
}

static void test_tags_parse(void **state)
{
    struct arena a;
    struct community_tag *t;
    size_t n;
    struct errinfo e;
    (void)state;
    arena_init(&a);
    assert_int_equal(
        community_tags_parse(&a, "triage, Sepsis  ward-rounds,,sepsis\n\tx", &t, &n, NULL), 0);
    assert_int_equal(n, 4);
    assert_string_equal(t[0].tag, "triage");
    assert_string_equal(t[1].tag, "sepsis");
    assert_string_equal(t[2].tag, "ward-rounds");
    assert_string_equal(t[3].tag, "x");
    assert_string_equal(community_tags_format(&a, t, n), "triage, sepsis, ward-rounds, x");
    assert_int_equal(community_tags_parse(&a, "", &t, &n, NULL), 0);
    assert_int_equal(n, 0);
    assert_int_equal(community_tags_parse(&a, " , ,, ", &t, &n, NULL), 0);
    assert_int_equal(n, 0);
    assert_int_equal(community_tags_parse(&a, NULL, &t, &n, NULL), 0);
    assert_int_equal(n, 0);

    error_clear(&e);
    assert_int_equal(community_tags_parse(&a, "ok, <script>", &t, &n, &e), ERR_INVALID);
    assert_string_equal(e.field, "tags");
    assert_int_equal(community_tags_parse(&a, "c++", &t, &n, NULL), ERR_INVALID);
    assert_int_equal(community_tags_parse(&a, "a_b", &t, &n, NULL), ERR_INVALID);
    assert_int_equal(community_tags_parse(&a, "caf\xc3\xa9", &t, &n, NULL), ERR_INVALID);
    assert_int_equal(community_tags_parse(&a, "abcdefghijabcdefghijabcdefghij", &t, &n, NULL), 0);
    assert_int_equal(community_tags_parse(&a, "abcdefghijabcdefghijabcdefghijk", &t, &n, NULL),
                     ERR_INVALID);
    {
        /* 200 distinct tags are fine, 201 are too many; repeats do not count */
        struct buf b;
        int i;
        buf_init(&b, 0);
        for (i = 0; i < 200; i++)
            buf_printf(&b, "t%d,t%d ", i, i);
        assert_int_equal(community_tags_parse(&a, b.data, &t, &n, NULL), 0);
        assert_int_equal(n, 200);
        buf_puts(&b, "one-more");
        error_clear(&e);
        assert_int_equal(community_tags_parse(&a, b.data, &t, &n, &e), ERR_TOOBIG);
        assert_string_equal(e.field, "tags");
        buf_release(&b);
    }
    arena_release(&a);
}

static void test_tags_check(void **state)
{
    struct community_tag ok[] = {{"a", "", 0}, {"b-2", "Second", 0}};
    struct community_tag dupl[] = {{"a", "", 0}, {"a", "", 0}};
    struct community_tag bad[] = {{"A", "", 0}};
    struct community_tag badesc[] = {{"a", "line\nbreak", 0}};
    struct community_tag nulltag[] = {{NULL, "", 0}};
    (void)state;
    assert_int_equal(community_tags_check(ok, 2, NULL), 0);
    assert_int_equal(community_tags_check(dupl, 2, NULL), ERR_INVALID);
    assert_int_equal(community_tags_check(bad, 1, NULL), ERR_INVALID);
    assert_int_equal(community_tags_check(badesc, 1, NULL), ERR_INVALID);
    assert_int_equal(community_tags_check(nulltag, 1, NULL), ERR_INVALID);
    assert_int_equal(community_tags_check(ok, 201, NULL), ERR_TOOBIG);
}

/* ---------------------------------------------------------------------------------------- */
/* Permission table */

static void test_permissions(void **state)
{
    /* viewer kinds: anonymous, non-member, member, moderator, coordinator, admin */
    static const struct {
        int64_t uid;
        int admin;
        enum role role;
    } who[] = {{0, 0, ROLE_NONE},      {7, 0, ROLE_NONE},        {7, 0, ROLE_MEMBER},
               {7, 0, ROLE_MODERATOR}, {7, 0, ROLE_COORDINATOR}, {7, 1, ROLE_NONE}};
    /* expected read per visibility (public, members, private) for each viewer */
    static const int read[6][3] = {{1, 0, 0}, {1, 1, 0}, {1, 1, 1},
                                   {1, 1, 1}, {1, 1, 1}, {1, 1, 1}};
    static const int edit[6] = {0, 0, 0, 0, 1, 1};
    static const int invite[6] = {0, 0, 0, 1, 1, 1};
    static const int join_open[6] = {0, 1, 0, 0, 0, 1}; /* public/members, not archived */
    static const int leave[6] = {0, 0, 1, 1, 1, 0};
    size_t i;
    int v;
    (void)state;
    for (i = 0; i < ARRAY_SIZE(who); i++) {
        for (v = 0; v < COMMUNITY__MAX; v++) {
            struct ctx c = {0};
            struct community cm = {0};
            c.uid = who[i].uid;
            c.is_admin = who[i].admin;
            cm.visibility = (enum community_vis)v;
            cm.viewer_role = who[i].role;
            assert_int_equal(community_can_read(&c, &cm), read[i][v]);
            assert_int_equal(community_can_edit(&c, &cm), edit[i]);
            assert_int_equal(community_can_manage_members(&c, &cm), edit[i]);
            assert_int_equal(community_can_invite(&c, &cm), invite[i]);
            assert_int_equal(community_can_leave(&c, &cm), leave[i]);
            assert_int_equal(community_can_join(&c, &cm),
                             v == COMMUNITY_PRIVATE ? 0 : join_open[i]);
            cm.archived = 1;
            assert_int_equal(community_can_join(&c, &cm), 0);
            assert_int_equal(community_can_invite(&c, &cm), 0);
            assert_int_equal(community_can_read(&c, &cm), read[i][v]); /* still readable */
        }
    }
}

static void test_invite_state(void **state)
{
    struct invite inv = {0};
    (void)state;
    inv.expires_at = 1000;
    assert_int_equal(invite_state(&inv, 999), INVITE_OK);
    assert_int_equal(invite_state(&inv, 1000), INVITE_EXPIRED);
    inv.max_uses = 2;
    inv.uses = 1;
    assert_int_equal(invite_state(&inv, 10), INVITE_OK);
    inv.uses = 2;
    assert_int_equal(invite_state(&inv, 10), INVITE_USED_UP);
    inv.max_uses = 0;
    inv.uses = 1000;
    assert_int_equal(invite_state(&inv, 10), INVITE_OK);
    inv.revoked_at = 5;
    assert_int_equal(invite_state(&inv, 10), INVITE_REVOKED);
    assert_string_equal(invite_state_name(INVITE_OK), "active");
}

/* ---------------------------------------------------------------------------------------- */
/* Rules that need rows: a fresh SQLite database per test */

struct fixture {
    struct testdb t;
    struct db *db; /* t.db */
    struct arena arena;
    struct errinfo err;
    int64_t alice, bob, carol, admin; /* user ids */
};

static int64_t add_user(struct fixture *f, const char *name, int admin)
{
    struct ctx c = {0};
    struct account_new in = {0};
    struct user u;
    c.db = f->db;
    c.arena = &f->arena;
    c.err = &f->err;
    c.system = 1;
    c.is_admin = 1;
    c.now = 1700000000;
    in.name = name;
    in.is_admin = admin;
    assert_int_equal(account_create(&c, &in, &u), 0);
    return u.id;
}

static int setup_db(void **state)
{
    struct fixture *f = calloc(1, sizeof(*f));
    if (testdb_open(&f->t, "comm") < 0)
        return -1;
    f->db = f->t.db;
    arena_init(&f->arena);
    f->alice = add_user(f, "alice", 0);
    f->bob = add_user(f, "Bob", 0);
    f->carol = add_user(f, "carol", 0);
    f->admin = add_user(f, "root-admin", 1);
    *state = f;
    return 0;
}

static int teardown_db(void **state)
{
    struct fixture *f = *state;
    testdb_close(&f->t);
    arena_release(&f->arena);
    free(f);
    return 0;
}

/* A ctx acting as uid (admin flag as given), errors cleared. */
static struct ctx as(struct fixture *f, int64_t uid, int admin)
{
    struct ctx c = {0};
    error_clear(&f->err);
    c.db = f->db;
    c.arena = &f->arena;
    c.err = &f->err;
    c.uid = uid;
    c.is_admin = admin;
    c.now = 1700000000;
    return c;
}

static void make(struct fixture *f, int64_t uid, int admin, const char *slug, const char *vis,
                 struct community *out)
{
    struct ctx c = as(f, uid, admin);
    struct community_input in = {0};
    in.name = arena_printf(&f->arena, "Community %s", slug);
    in.slug = slug;
    in.visibility = vis;
    in.charter_md = "# Hello\n\n<script>alert(1)</script> [x](javascript:alert(1))";
    in.tags_text = "alpha, beta";
    assert_int_equal(community_create(&c, &in, out), 0);
}

static void test_create_rules(void **state)
{
    struct fixture *f = *state;
    struct community cm, again;
    struct community_input in = {0};
    struct ctx c;

    /* community_creation defaults to admins */
    c = as(f, f->alice, 0);
    in.name = "Alice's";
    assert_int_equal(community_create(&c, &in, &cm), ERR_PERM);
    c = as(f, 0, 0);
    assert_int_equal(community_create(&c, &in, &cm), ERR_AUTH);

    make(f, f->admin, 1, "ops", "public", &cm);
    assert_string_equal(cm.slug, "ops");
    assert_int_equal(cm.viewer_role, ROLE_COORDINATOR);
    assert_int_equal(cm.member_count, 1);
    assert_int_equal(cm.ntags, 2);
    assert_null(strstr(cm.charter_html, "<script"));
    assert_null(strstr(cm.charter_html, "href=\"javascript"));
    assert_non_null(strstr(cm.charter_html, "<h1>"));

    /* duplicate slug */
    c = as(f, f->admin, 1);
    in.name = "Another";
    in.slug = "ops";
    assert_int_equal(community_create(&c, &in, &again), ERR_CONFLICT);
    assert_string_equal(f->err.field, "slug");
    /* bad slug, reserved slug, bad visibility, too-long charter */
    in.slug = "Bad Slug";
    assert_int_equal(community_create(&c, &in, &again), ERR_INVALID);
    in.slug = "admin"; /* answered like a slug in use */
    assert_int_equal(community_create(&c, &in, &again), ERR_CONFLICT);
    in.slug = "fine";
    in.visibility = "secret";
    assert_int_equal(community_create(&c, &in, &again), ERR_INVALID);
    assert_string_equal(f->err.field, "visibility");
    in.visibility = NULL;
    in.charter_md = arena_alloc(&f->arena, COMMUNITY_CHARTER_MAX + 2);
    memset((char *)in.charter_md, 'a', COMMUNITY_CHARTER_MAX + 1);
    ((char *)in.charter_md)[COMMUNITY_CHARTER_MAX + 1] = '\0';
    assert_int_equal(community_create(&c, &in, &again), ERR_TOOBIG);
    in.charter_md = NULL;

    /* suggested slugs: from the name, deduplicated, reserved words avoided */
    in.slug = "";
    in.name = "Ops";
    c = as(f, f->admin, 1);
    assert_int_equal(community_create(&c, &in, &again), 0);
    assert_string_equal(again.slug, "ops-2");
    in.name = "New";
    c = as(f, f->admin, 1);
    assert_int_equal(community_create(&c, &in, &again), 0);
    assert_string_equal(again.slug, "new-community");
    in.name = "!!";
    c = as(f, f->admin, 1);
    assert_int_equal(community_create(&c, &in, &again), ERR_INVALID);

    /* members may create once the setting says so */
    c = as(f, 0, 0);
    c.system = 1;
    assert_int_equal(settings_set(&c, "community_creation", "members"), 0);
    make(f, f->alice, 0, "alices", "private", &cm);
    assert_int_equal(cm.viewer_role, ROLE_COORDINATOR);
}

static void test_visibility_and_lists(void **state)
{
    struct fixture *f = *state;
    struct community pub, mem, priv, got, *list;
    struct community_filter fl;
    struct ctx c;
    size_t n, i;
    int seen;

    make(f, f->alice, 1, "pub", "public", &pub);
    make(f, f->alice, 1, "mem", "members", &mem);
    make(f, f->alice, 1, "priv", "private", &priv);

    c = as(f, 0, 0);
    assert_int_equal(community_get(&c, "pub", &got), 0);
    assert_int_equal(community_get(&c, "mem", &got), ERR_AUTH); /* "sign in to read it" */
    assert_int_equal(community_get(&c, "priv", &got), ERR_NOTFOUND);
    {
        /* the message for a hidden community is the one for a slug never used */
        char hidden[256];
        str_copy(hidden, f->err.msg, sizeof(hidden));
        c = as(f, 0, 0);
        assert_int_equal(community_get(&c, "nope", &got), ERR_NOTFOUND);
        assert_string_equal(strchr(hidden, '/'), "/c/priv.");
        assert_string_equal(strchr(f->err.msg, '/'), "/c/nope.");
    }
    c = as(f, f->bob, 0);
    assert_int_equal(community_get(&c, "mem", &got), 0);
    assert_int_equal(community_get(&c, "priv", &got), ERR_NOTFOUND);
    c = as(f, f->admin, 1);
    assert_int_equal(community_get(&c, "priv", &got), 0);
    c = as(f, f->alice, 0);
    assert_int_equal(community_get(&c, "priv", &got), 0);

    /* directory: bob sees pub and mem, never priv; anonymous sees pub only */
    memset(&fl, 0, sizeof(fl));
    fl.kind = COMMUNITY_LIST_DIRECTORY;
    fl.include_archived = 1;
    fl.limit = 100;
    c = as(f, f->bob, 0);
    assert_int_equal(community_list(&c, &fl, &list, &n), 0);
    seen = 0;
    for (i = 0; i < n; i++) {
        assert_string_not_equal(list[i].slug, "priv");
        seen += str_eq(list[i].slug, "pub") || str_eq(list[i].slug, "mem");
    }
    assert_int_equal(seen, 2);
    c = as(f, 0, 0);
    assert_int_equal(community_list(&c, &fl, &list, &n), 0);
    for (i = 0; i < n; i++)
        assert_int_equal(list[i].visibility, COMMUNITY_PUBLIC);
    c = as(f, f->alice, 0);
    assert_int_equal(community_list(&c, &fl, &list, &n), 0);
    seen = 0;
    for (i = 0; i < n; i++)
        seen += str_eq(list[i].slug, "priv");
    assert_int_equal(seen, 1);

    /* name filter, with LIKE metacharacters taken literally */
    fl.q = "PUB";
    c = as(f, f->bob, 0);
    assert_int_equal(community_list(&c, &fl, &list, &n), 0);
    assert_int_equal(n, 1);
    assert_string_equal(list[0].slug, "pub");
    fl.q = "%";
    assert_int_equal(community_list(&c, &fl, &list, &n), 0);
    assert_int_equal(n, 0);
    fl.q = NULL;

    /* suggestions for bob: pub and mem (not private), none he is in */
    fl.kind = COMMUNITY_LIST_SUGGEST;
    assert_int_equal(community_list(&c, &fl, &list, &n), 0);
    for (i = 0; i < n; i++) {
        assert_true(list[i].visibility != COMMUNITY_PRIVATE);
        assert_int_equal(list[i].viewer_role, ROLE_NONE);
    }
    assert_int_equal(community_get(&c, "pub", &got), 0); /* loaded for bob */
    assert_int_equal(community_join(&c, &got), 0);
    assert_int_equal(community_list(&c, &fl, &list, &n), 0);
    for (i = 0; i < n; i++)
        assert_string_not_equal(list[i].slug, "pub");
    fl.kind = COMMUNITY_LIST_MINE;
    assert_int_equal(community_list(&c, &fl, &list, &n), 0);
    assert_int_equal(n, 1);
    assert_string_equal(list[0].slug, "pub");
    assert_int_equal(list[0].viewer_role, ROLE_MEMBER);
}

static void test_join_leave_roles(void **state)
{
    struct fixture *f = *state;
    struct community cm, got;
    struct ctx c;

    make(f, f->alice, 1, "team", "public", &cm);
    /* bob joins (twice is a no-op) */
    c = as(f, f->bob, 0);
    assert_int_equal(community_get(&c, "team", &got), 0);
    assert_int_equal(community_join(&c, &got), 0);
    assert_int_equal(got.member_count, 2);
    assert_int_equal(community_get(&c, "team", &got), 0);
    assert_int_equal(community_join(&c, &got), 0);
    assert_int_equal(got.member_count, 2);
    assert_int_equal(got.viewer_role, ROLE_MEMBER);
    /* bob cannot change roles or edit */
    assert_int_equal(community_set_role(&c, &got, "alice", ROLE_MEMBER), ERR_PERM);
    assert_int_equal(community_remove_member(&c, &got, "alice"), ERR_PERM);
    {
        struct community_input in = {0};
        in.name = "Hijacked";
        assert_int_equal(community_update(&c, &got, &in), ERR_PERM);
        assert_int_equal(community_set_archived(&c, &got, 1), ERR_PERM);
    }

    /* alice is the last coordinator: cannot leave, cannot demote or remove herself */
    c = as(f, f->alice, 0);
    assert_int_equal(community_get(&c, "team", &got), 0);
    assert_int_equal(community_leave(&c, &got), ERR_CONFLICT);
    assert_non_null(strstr(f->err.msg, "appoint another coordinator"));
    c = as(f, f->alice, 0);
    assert_int_equal(community_set_role(&c, &got, "alice", ROLE_MEMBER), ERR_CONFLICT);
    c = as(f, f->alice, 0);
    assert_int_equal(community_remove_member(&c, &got, "alice"), ERR_CONFLICT);
    /* unknown and non-member names */
    c = as(f, f->alice, 0);
    assert_int_equal(community_set_role(&c, &got, "nobody", ROLE_MEMBER), ERR_NOTFOUND);
    c = as(f, f->alice, 0);
    assert_int_equal(community_set_role(&c, &got, "carol", ROLE_MEMBER), ERR_NOTFOUND);
    c = as(f, f->alice, 0);
    assert_int_equal(community_set_role(&c, &got, "bob", ROLE_NONE), ERR_INVALID);

    /* promote bob (name in any case); now alice may leave */
    c = as(f, f->alice, 0);
    assert_int_equal(community_set_role(&c, &got, "BOB", ROLE_COORDINATOR), 0);
    assert_int_equal(community_leave(&c, &got), 0);
    assert_int_equal(got.viewer_role, ROLE_NONE);
    c = as(f, f->bob, 0);
    assert_int_equal(community_get(&c, "team", &got), 0);
    assert_int_equal(got.viewer_role, ROLE_COORDINATOR);
    assert_int_equal(got.member_count, 1);

    /* archived: read-only */
    assert_int_equal(community_set_archived(&c, &got, 1), 0);
    c = as(f, f->carol, 0);
    assert_int_equal(community_get(&c, "team", &got), 0);
    assert_true(got.archived);
    assert_int_equal(community_join(&c, &got), ERR_CONFLICT);
    c = as(f, f->bob, 0);
    assert_int_equal(community_get(&c, "team", &got), 0);
    {
        struct community_input in = {0};
        in.name = "Renamed";
        assert_int_equal(community_update(&c, &got, &in), ERR_CONFLICT);
    }
    c = as(f, f->bob, 0);
    assert_int_equal(community_set_archived(&c, &got, 0), 0);
    {
        struct community_input in = {0};
        in.name = "Renamed";
        in.tags_text = "gamma alpha";
        c = as(f, f->bob, 0);
        assert_int_equal(community_update(&c, &got, &in), 0);
        assert_string_equal(got.name, "Renamed");
        assert_int_equal(got.ntags, 2);
        assert_string_equal(got.tags[0].tag, "alpha");
        assert_string_equal(got.tags[1].tag, "gamma");
    }
    /* an admin who is not a member can manage it */
    c = as(f, f->admin, 1);
    assert_int_equal(community_get(&c, "team", &got), 0);
    assert_int_equal(community_remove_member(&c, &got, "bob"), ERR_CONFLICT);
}

static void test_invites(void **state)
{
    struct fixture *f = *state;
    struct community cm, got;
    struct invite inv, inv2, *list;
    struct ctx c;
    size_t n;
    char token[TOKEN_HEX_LEN + 1];

    make(f, f->alice, 1, "secret", "private", &cm);
    c = as(f, f->bob, 0);
    assert_int_equal(community_get(&c, "secret", &got), ERR_NOTFOUND);

    /* only moderators and up make links */
    c = as(f, f->alice, 0);
    assert_int_equal(community_get(&c, "secret", &got), 0);
    assert_int_equal(community_invite_create(&c, &got, 0, 1, &inv), ERR_INVALID);
    assert_int_equal(community_invite_create(&c, &got, 7, -1, &inv), ERR_INVALID);
    assert_int_equal(community_invite_create(&c, &got, 7, 1, &inv), 0);
    assert_int_equal(strlen(inv.token), TOKEN_HEX_LEN);
    str_copy(token, inv.token, sizeof(token));

    /* a bad token, then the real one (max 1 use) */
    c = as(f, f->bob, 0);
    assert_int_equal(community_join_token(&c, "00000000000000000000000000000000", &got),
                     ERR_NOTFOUND);
    assert_int_equal(community_join_token(&c, "not-hex", &got), ERR_NOTFOUND);
    assert_int_equal(community_join_token(&c, NULL, &got), ERR_NOTFOUND);
    c = as(f, f->bob, 0);
    assert_int_equal(community_join_token(&c, token, &got), 0);
    assert_string_equal(got.slug, "secret");
    assert_int_equal(got.viewer_role, ROLE_MEMBER);
    assert_int_equal(community_get(&c, "secret", &got), 0);
    /* bob is a member, not a moderator: cannot invite */
    assert_int_equal(community_invite_create(&c, &got, 7, 1, &inv2), ERR_PERM);
    /* the link is used up for carol */
    c = as(f, f->carol, 0);
    assert_int_equal(community_join_token(&c, token, &got), ERR_INVALID);
    assert_non_null(strstr(f->err.msg, "used"));
    /* carol cannot join a private community without a link */
    c = as(f, f->carol, 0);
    assert_int_equal(community_get(&c, "secret", &got), ERR_NOTFOUND);

    /* a revoked link */
    c = as(f, f->alice, 0);
    assert_int_equal(community_get(&c, "secret", &got), 0);
    assert_int_equal(community_invite_create(&c, &got, 7, 0, &inv2), 0);
    str_copy(token, inv2.token, sizeof(token));
    assert_int_equal(community_invite_revoke(&c, &got, inv2.id), 0);
    assert_int_equal(community_invite_revoke(&c, &got, 999999), ERR_NOTFOUND);
    c = as(f, f->carol, 0);
    assert_int_equal(community_join_token(&c, token, &got), ERR_INVALID);
    assert_non_null(strstr(f->err.msg, "revoked"));

    /* an expired link: made "now", used 8 days later */
    c = as(f, f->alice, 0);
    assert_int_equal(community_get(&c, "secret", &got), 0);
    assert_int_equal(community_invite_create(&c, &got, 7, 0, &inv2), 0);
    str_copy(token, inv2.token, sizeof(token));
    c = as(f, f->carol, 0);
    c.now += 8 * 86400;
    assert_int_equal(community_join_token(&c, token, &got), ERR_INVALID);
    assert_non_null(strstr(f->err.msg, "expired"));
    c = as(f, f->carol, 0);
    assert_int_equal(community_join_token(&c, token, &got), 0);

    c = as(f, f->alice, 0);
    assert_int_equal(community_get(&c, "secret", &got), 0);
    assert_int_equal(community_invites(&c, &got, &list, &n), 0);
    assert_int_equal(n, 3);
    c = as(f, f->bob, 0);
    assert_int_equal(community_get(&c, "secret", &got), 0);
    assert_int_equal(community_invites(&c, &got, &list, &n), ERR_PERM);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_slug_valid),
        cmocka_unit_test(test_slug_invalid),
        cmocka_unit_test(test_slug_reserved),
        cmocka_unit_test(test_slug_suggest),
        cmocka_unit_test(test_name_check),
        cmocka_unit_test(test_tags_parse),
        cmocka_unit_test(test_tags_check),
        cmocka_unit_test(test_charter_sentence),
        cmocka_unit_test(test_permissions),
        cmocka_unit_test(test_invite_state),
        cmocka_unit_test_setup_teardown(test_create_rules, setup_db, teardown_db),
        cmocka_unit_test_setup_teardown(test_visibility_and_lists, setup_db, teardown_db),
        cmocka_unit_test_setup_teardown(test_join_leave_roles, setup_db, teardown_db),
        cmocka_unit_test_setup_teardown(test_invites, setup_db, teardown_db),
    };
    if (rand_init() < 0)
        return 1;
    return cmocka_run_group_tests(tests, NULL, NULL);
}
