/* Tests for the praxis-export catalogue, reader and writer (src/store/export.c) on a fresh
 * SQLite database: the catalogue is well formed, the schema check passes on the current
 * migrations and names an undeclared table, the record parser accepts every documented shape
 * and refuses wrong ones with a message naming the member, and records imported then written
 * come back byte for byte. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "core/buf.h"
#include "store/db.h"
#include "store/export.h"
#include "core/util.h"
#include "../support/testdb.h"

struct fix {
    struct testdb t;
    const char *url; /* t.url */
    struct db *db;   /* t.db */
};

static int setup(void **state)
{
    struct fix *f = calloc(1, sizeof(*f));
    assert_int_equal(testdb_open(&f->t, "export"), 0);
    f->url = f->t.url;
    f->db = f->t.db;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fix *f = *state;
    testdb_close(&f->t);
    free(f);
    return 0;
}

static void test_catalogue(void **state)
{
    size_t n, i, k;
    const struct export_spec *s = export_specs(&n);
    (void)state;
    assert_true(n > 10);
    for (i = 0; i < n; i++) {
        assert_true(s[i].ncols > 0 && s[i].ncols <= EXPORT_COLS_MAX);
        assert_ptr_equal(export_spec_find(s[i].type), &s[i]);
        assert_false(export_table_excluded(s[i].table));
        assert_non_null(s[i].order);
        /* a table feeds one record type, plus update records completing its rows */
        for (k = 0; k < i && !s[i].update; k++)
            assert_string_not_equal(s[k].table, s[i].table);
        if (s[i].update)
            assert_true(s[i].ncols >= 2 && s[i].cols[1].flags == 0);
        /* HTML is rendered again on import from a text column of the same record, by id */
        for (k = 0; k < (size_t)s[i].ncols; k++) {
            const struct export_col *c = &s[i].cols[k], *src = NULL;
            size_t len = strlen(c->name), j;
            if (len < 5 || strcmp(c->name + len - 5, "_html") != 0) {
                assert_false(c->flags & XF_RENDERED);
                continue;
            }
            assert_int_equal(c->flags, XF_RENDERED);
            assert_non_null(c->src);
            for (j = 0; j < (size_t)s[i].ncols; j++)
                if (!strcmp(s[i].cols[j].name, c->src))
                    src = &s[i].cols[j];
            assert_non_null(src);
            assert_int_equal(src->type, XT_TEXT);
            assert_string_equal(s[i].order, "id");
        }
    }
    assert_null(export_spec_find("end"));
    assert_true(export_spec_find("article_replacement")->update);
    assert_true(export_table_excluded("search_docs"));
    assert_true(export_table_excluded("search_fts_data"));
    assert_true(export_table_excluded("expertise_suggestions"));
    assert_false(export_table_excluded("search_misses"));
    assert_true(export_table_excluded("sessions"));
}

static void test_schema_check(void **state)
{
    struct fix *f = *state;
    struct errinfo e = {0};
    assert_int_equal(export_check_schema(f->db, &e), 0);
    assert_int_equal(db_exec(f->db, "CREATE TABLE mystery (id INTEGER PRIMARY KEY)", NOPARAMS), 0);
    assert_int_equal(export_check_schema(f->db, &e), ERR_INVALID);
    assert_non_null(strstr(e.msg, "table mystery"));
    assert_int_equal(db_exec(f->db, "DROP TABLE mystery", NOPARAMS), 0);
    assert_int_equal(db_exec(f->db, "ALTER TABLE events ADD COLUMN colour TEXT", NOPARAMS), 0);
    assert_int_equal(export_check_schema(f->db, &e), ERR_INVALID);
    assert_non_null(strstr(e.msg, "column events.colour"));
}

static int parse(const char *line, struct export_record *r, struct errinfo *e)
{
    error_clear(e);
    return export_record_parse(line, strlen(line), r, e);
}

#define USER_OK                                                                                    \
    "{\"type\":\"user\",\"id\":7,\"name\":\"Ann\",\"name_key\":\"ann\",\"display_name\":"          \
    "\"Ann \\u00e9\",\"status\":\"active\",\"bio_md\":\"\",\"bio_html\":\"\",\"timezone\":"        \
    "\"\",\"created_at\":1,\"updated_at\":2}"

static void test_record_parse(void **state)
{
    struct export_record r;
    struct errinfo e = {0};
    (void)state;
    /* community-scope user: no password_hash (null), no is_admin (0) */
    assert_int_equal(parse(USER_OK, &r, &e), 0);
    assert_string_equal(r.spec->type, "user");
    assert_int_equal(r.vals[0].i, 7);
    assert_int_equal(r.vals[4].type, DBP_NULL);
    assert_int_equal(r.vals[5].type, DBP_INT);
    assert_int_equal(r.vals[5].i, 0);
    assert_string_equal(r.vals[3].s, "Ann \xc3\xa9");
    /* a file from schema 5 has no expertise_hidden: it reads as 0 */
    assert_int_equal(r.vals[12].type, DBP_INT);
    assert_int_equal(r.vals[12].i, 0);
    export_record_free(&r);
    assert_int_equal(parse("{\"type\":\"community\",\"id\":9,\"slug\":\"ab\",\"name\":\"AB\","
                           "\"charter_md\":\"\",\"charter_html\":\"\",\"visibility\":\"public\","
                           "\"archived\":false,\"tag_proposals\":0,\"created_by\":null,"
                           "\"created_at\":1,\"updated_at\":2}",
                           &r, &e),
                     0);
    assert_string_equal(r.vals[11].s, "trusted"); /* article_editors, added in schema 7 */
    export_record_free(&r);

    assert_int_equal(parse("{\"type\":\"end\",\"records\":3}", &r, &e), 0);
    assert_null(r.spec);
    assert_int_equal(r.end_count, 3);
    export_record_free(&r);

    static const struct {
        const char *line, *msg;
    } bad[] = {
        {"", "not valid JSON"},
        {"{\"type\":\"user\"", "not valid JSON"},
        {"[]", "JSON object"},
        {"{\"id\":1}", "no \"type\""},
        {"{\"type\":\"user\",\"type\":\"user\"}", "duplicate"},
        {"{\"type\":\"wat\"}", "unknown record type"},
        {"{\"type\":\"end\"}", "records"},
        {"{\"type\":\"end\",\"records\":-1}", "records"},
        {"{\"type\":\"end\",\"records\":1,\"x\":1}", "unknown member"},
        {"{\"type\":\"like\",\"post_id\":1,\"user_id\":2}", "like.created_at is missing"},
        {"{\"type\":\"like\",\"post_id\":\"1\",\"user_id\":2,\"created_at\":3}",
         "must be an integer"},
        {"{\"type\":\"like\",\"post_id\":1.0,\"user_id\":2,\"created_at\":3}",
         "must be an integer"},
        {"{\"type\":\"like\",\"post_id\":1,\"user_id\":null,\"created_at\":3}",
         "like.user_id is null"},
        {"{\"type\":\"like\",\"post_id\":1,\"user_id\":2,\"created_at\":3,\"x\":0}",
         "unknown member"},
        {"{\"type\":\"mention\",\"post_id\":1,\"user_id\":99999999999999999999}", "not valid JSON"},
        {"{\"type\":\"thread_tag\",\"thread_id\":1,\"tag\":5}", "must be a string"},
        {"{\"type\":\"thread_tag\",\"thread_id\":1,\"tag\":\"a\\u0000b\"}", "not valid JSON"},
        {"{\"type\":\"event_override\",\"event_id\":1,\"occ_key\":1,\"cancelled\":1,"
         "\"sequence\":0,\"updated_at\":0}",
         "true or false"},
    };
    size_t i;
    for (i = 0; i < ARRAY_SIZE(bad); i++) {
        int rc = parse(bad[i].line, &r, &e);
        if (rc != ERR_INVALID || !strstr(e.msg, bad[i].msg))
            fail_msg("case %zu (%s): rc %d, message \"%s\"", i, bad[i].line, rc, e.msg);
        export_record_free(&r);
    }
}

static void test_header_parse(void **state)
{
    struct export_header h;
    struct errinfo e = {0};
    const char *ok = "{\"format\":\"praxis-export\",\"format_version\":1,\"schema_version\":5,"
                     "\"scope\":\"community\",\"community\":\"abc\"}";
    (void)state;
    assert_int_equal(export_header_parse(ok, strlen(ok), 5, &h, &e), 0);
    assert_string_equal(h.scope, "community");
    assert_string_equal(h.community, "abc");
    assert_int_equal(export_header_parse(ok, strlen(ok), 4, &h, &e), ERR_INVALID);
    assert_non_null(strstr(e.msg, "newer praxis"));
    const char *v2 = "{\"format\":\"praxis-export\",\"format_version\":2,\"schema_version\":5,"
                     "\"scope\":\"instance\"}";
    assert_int_equal(export_header_parse(v2, strlen(v2), 5, &h, &e), ERR_INVALID);
    const char *other = "{\"format\":\"other\",\"format_version\":1}";
    assert_int_equal(export_header_parse(other, strlen(other), 5, &h, &e), ERR_INVALID);
    assert_int_equal(export_header_parse("nope", 4, 5, &h, &e), ERR_INVALID);
}

static int collect(void *ud, const char *line, size_t len)
{
    struct buf *b = ud;
    buf_append(b, line, len);
    buf_putc(b, '\n');
    return 0;
}

/* A stand-in renderer for export_import_render: "<p>MD</p>\n" ("" for ""), so the records
   below come back as written; it notes each call ("type.column:id:md;"). "boom" fails. */
static int fake_render(void *ud, const char *type, const char *column, int64_t id, const char *md,
                       const char **html, struct errinfo *e)
{
    static char out[256];
    struct buf *calls = ud;
    buf_printf(calls, "%s.%s:%lld:%s;", type, column, (long long)id, md);
    if (!strcmp(md, "boom"))
        return error_set(e, ERR_INVALID, NULL, "cannot render boom");
    snprintf(out, sizeof(out), *md ? "<p>%s</p>\n" : "%s", md);
    *html = out;
    return 0;
}

#define ART(id, slug, status)                                                                      \
    "{\"type\":\"article\",\"id\":" #id ",\"community_id\":9,\"slug\":\"" slug                     \
    "\",\"title\":\"T\",\"tags\":\"\",\"body_md\":\"b\",\"body_html\":\"<p>b</p>\\n\","            \
    "\"status\":\"" status "\",\"current_rev\":1,\"owner_id\":3,\"review_by\":0,"                  \
    "\"review_notified\":0,\"helped_count\":0,\"outdated_count\":0,\"created_by\":3,"              \
    "\"created_at\":1,\"updated_at\":2}"

/* Records imported into the empty database are written back identically; a second begin
   finds the database no longer empty. */
static void test_roundtrip(void **state)
{
    struct fix *f = *state;
    struct errinfo e = {0};
    static const char *in[] = {
        ("{\"type\":\"user\",\"id\":3,\"name\":\"bo\",\"name_key\":\"bo\",\"display_name\":\"Bo\","
         "\"password_hash\":null,\"is_admin\":1,\"status\":\"active\",\"bio_md\":\"hi\",\"bio_"
         "html\":"
         "\"<p>hi</p>\\n\",\"timezone\":\"Europe/Paris\",\"created_at\":10,\"updated_at\":11,"
         "\"expertise_hidden\":1,\"auto_watch\":1,\"email\":\"Bo@example.org\","
         "\"email_key\":\"bo@example.org\",\"email_verified_at\":12,\"digest_frequency\":"
         "\"weekly\",\"digest_last_at\":0,\"suspended_until\":null,\"silenced_until\":null,"
         "\"restrict_reason\":\"\",\"theme\":\"dark\",\"trust_level\":0,\"trust_locked\":0}"),
        "{\"type\":\"setting\",\"key\":\"site_name\",\"value\":\"Caf\u00e9 \\\"q\\\"\"}",
        ("{\"type\":\"community\",\"id\":9,\"slug\":\"ab\",\"name\":\"AB\",\"charter_md\":\"\","
         "\"charter_html\":\"\",\"visibility\":\"private\",\"archived\":true,\"tag_proposals\":0,"
         "\"created_by\":3,\"created_at\":1,\"updated_at\":2,\"article_editors\":\"members\","
         "\"review_first_posts\":0,\"coaching\":1,\"coaching_level\":3,\"coaching_hours\":0,"
         "\"coaching_first_only\":0}"),
        ("{\"type\":\"membership\",\"community_id\":9,\"user_id\":3,\"role\":\"coordinator\","
         "\"joined_at\":5}"),
        /* article 4 is outdated, replaced by article 6, written after it */
        ART(4, "old-way", "outdated"),
        ART(6, "new-way", "published"),
        "{\"type\":\"article_replacement\",\"id\":4,\"replaced_by\":6}",
    };
    struct buf want, got, calls = BUF_INIT;
    struct export_record r;
    struct export_import *im = NULL;
    int64_t n = 0, mc = -1;
    size_t i;

    buf_init(&want, 0);
    buf_init(&got, 0);
    assert_int_equal(export_import_begin(f->db, &im, &e), 0);
    for (i = 0; i < ARRAY_SIZE(in); i++) {
        assert_int_equal(parse(in[i], &r, &e), 0);
        assert_int_equal(export_import_insert(im, &r, &e), 0);
        export_record_free(&r);
        buf_puts(&want, in[i]);
        buf_putc(&want, '\n');
    }
    /* a second replacement of the same article finds nothing left to complete */
    assert_int_equal(parse(in[6], &r, &e), 0);
    assert_int_equal(export_import_insert(im, &r, &e), ERR_INVALID);
    assert_non_null(strstr(e.msg, "article_replacement"));
    export_record_free(&r);
    /* a duplicate key is a conflict, named */
    assert_int_equal(parse(in[3], &r, &e), 0);
    assert_int_equal(export_import_insert(im, &r, &e), ERR_CONFLICT);
    assert_non_null(strstr(e.msg, "duplicate membership"));
    export_record_free(&r);
    export_import_abort(im);

    /* again, cleanly: the file's HTML is not stored, the renderer's is */
    assert_int_equal(export_import_begin(f->db, &im, &e), 0);
    for (i = 0; i < ARRAY_SIZE(in); i++) {
        assert_int_equal(parse(in[i], &r, &e), 0);
        assert_int_equal(export_import_insert(im, &r, &e), 0);
        export_record_free(&r);
    }
    {
        char *html = NULL;
        assert_int_equal(
            db_get_text(f->db, "SELECT body_html FROM articles WHERE id = 4", NOPARAMS, &html), 0);
        assert_string_equal(html, "");
        free(html);
    }
    assert_int_equal(export_import_render(im, fake_render, &calls, &e), 0);
    assert_string_equal(calls.data, "user.bio_html:3:hi;community.charter_html:9:;"
                                    "article.body_html:4:b;article.body_html:6:b;");
    assert_int_equal(export_import_finish(im, &e), 0);
    assert_int_equal(
        db_get_int(f->db, "SELECT member_count FROM communities WHERE id = 9", NOPARAMS, &mc), 0);
    assert_int_equal(mc, 1);
    assert_int_equal(
        db_get_int(f->db, "SELECT replaced_by FROM articles WHERE id = 4", NOPARAMS, &mc), 0);
    assert_int_equal(mc, 6);
    assert_int_equal(export_write(f->db, 0, collect, &got, &n, &e), 0);
    assert_int_equal(n, (int64_t)ARRAY_SIZE(in));
    assert_string_equal(got.data, want.data);
    assert_int_equal(export_import_begin(f->db, &im, &e), ERR_CONFLICT);
    assert_null(im);
    assert_non_null(strstr(e.msg, "not empty"));
    buf_release(&want);
    buf_release(&got);
    buf_release(&calls);
}

/* HTML in a file is never stored: a crafted body_html is replaced by the renderer's; a
   renderer's error stops the import, naming the record. */
static void test_import_renders(void **state)
{
    struct fix *f = *state;
    struct errinfo e = {0};
    static const char user[] =
        "{\"type\":\"user\",\"id\":3,\"name\":\"bo\",\"name_key\":\"bo\",\"display_name\":"
        "\"Bo\",\"password_hash\":null,\"is_admin\":0,\"status\":\"active\",\"bio_md\":"
        "\"*hi*\",\"bio_html\":\"<script>alert(1)</script>\",\"timezone\":\"\","
        "\"created_at\":10,\"updated_at\":11}";
    static const char boom[] =
        "{\"type\":\"user\",\"id\":4,\"name\":\"cy\",\"name_key\":\"cy\",\"display_name\":"
        "\"Cy\",\"password_hash\":null,\"is_admin\":0,\"status\":\"active\",\"bio_md\":"
        "\"boom\",\"bio_html\":\"\",\"timezone\":\"\",\"created_at\":10,\"updated_at\":11}";
    struct export_record r;
    struct export_import *im = NULL;
    struct buf calls = BUF_INIT;
    char *html = NULL;

    assert_int_equal(export_import_begin(f->db, &im, &e), 0);
    assert_int_equal(parse(user, &r, &e), 0);
    assert_int_equal(export_import_insert(im, &r, &e), 0);
    export_record_free(&r);
    assert_int_equal(export_import_render(im, fake_render, &calls, &e), 0);
    assert_int_equal(export_import_finish(im, &e), 0);
    assert_int_equal(db_get_text(f->db, "SELECT bio_html FROM users WHERE id = 3", NOPARAMS, &html),
                     0);
    assert_string_equal(html, "<p>*hi*</p>\n");
    free(html);

    assert_int_equal(db_exec(f->db, "DELETE FROM users", NOPARAMS), 1);
    assert_int_equal(export_import_begin(f->db, &im, &e), 0);
    assert_int_equal(parse(boom, &r, &e), 0);
    assert_int_equal(export_import_insert(im, &r, &e), 0);
    export_record_free(&r);
    assert_int_equal(export_import_render(im, fake_render, &calls, &e), ERR_INVALID);
    assert_non_null(strstr(e.msg, "user 4: cannot render boom"));
    export_import_abort(im);
    buf_release(&calls);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_catalogue),
        cmocka_unit_test_setup_teardown(test_schema_check, setup, teardown),
        cmocka_unit_test(test_record_parse),
        cmocka_unit_test(test_header_parse),
        cmocka_unit_test_setup_teardown(test_roundtrip, setup, teardown),
        cmocka_unit_test_setup_teardown(test_import_renders, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
