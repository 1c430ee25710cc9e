/* JSON API for accounts: sign up, sign in and out (cookie sessions), the signed-in user
 * (/api/v1/me), public profiles, personal API tokens, and the administrators' settings,
 * users and invites. Documented in docs/api.md. Times are ISO 8601 UTC strings.
 *
 * Sign-up and sign-in accept anonymous requests without a CSRF token only when the body is
 * JSON (Content-Type: application/json): a browser cannot send that cross-site without a
 * CORS preflight, which Praxis never grants. A urlencoded body must carry the anonymous
 * CSRF token (X-CSRF-Token or _csrf) like any form. */
#include <string.h>
#include <strings.h>

#include "api/api.h"
#include "core/rand.h"
#include "core/timeutil.h"
#include "domain/account.h"
#include "domain/search.h"
#include "domain/trust.h"
#include "domain/expertise.h"
#include "core/util.h"

/* A user as JSON. private_fields adds status and the Markdown source of the bio (for the
   user themself and administrators). */
static json_t *user_json(const struct user *u, int private_fields)
{
    json_t *o = json_object(), *skills = json_array();
    size_t i;
    for (i = 0; i < u->nskills; i++)
        json_array_append_new(skills, json_string(u->skills[i]));
    json_object_set_new(o, "id", json_integer(u->id));
    json_object_set_new(o, "name", json_string(u->name));
    json_object_set_new(o, "display_name", json_string(u->display_name));
    json_object_set_new(o, "is_admin", json_boolean(u->is_admin));
    json_object_set_new(o, "bio_html", json_string(u->bio_html));
    if (private_fields) {
        json_object_set_new(o, "bio", json_string(u->bio_md));
        json_object_set_new(o, "status", json_string(u->status));
    }
    json_object_set_new(o, "skills", skills);
    json_object_set_new(o, "timezone", u->timezone[0] ? json_string(u->timezone) : json_null());
    json_object_set_new(o, "created_at", api_time(u->created_at));
    return o;
}

static json_t *token_json(const struct token_row *t)
{
    json_t *o = json_object();
    json_object_set_new(o, "id", json_integer(t->id));
    json_object_set_new(o, "name", json_string(t->name));
    json_object_set_new(o, "prefix", json_string(t->prefix));
    json_object_set_new(o, "created_at", api_time(t->created_at));
    json_object_set_new(o, "last_used_at", api_time(t->last_used_at));
    json_object_set_new(o, "revoked_at", api_time(t->revoked_at));
    return o;
}

/* 1 if the request's media type is exactly application/json (parameters allowed). */
static int is_json_request(struct req *r)
{
    static const char t[] = "application/json";
    const char *ct = r->content_type ? r->content_type : "";
    if (strncasecmp(ct, t, sizeof(t) - 1) != 0)
        return 0;
    ct += sizeof(t) - 1;
    return *ct == '\0' || *ct == ';' || *ct == ' ';
}

/* CSRF for the anonymous endpoints (see the file comment). Returns 0 or ERR_CSRF. */
static int anon_csrf(struct req *r)
{
    const char *tok;
    if (r->via_token || is_json_request(r))
        return 0;
    tok = req_header(r, "X-CSRF-Token");
    if (!tok)
        tok = req_form(r, "_csrf");
    if (!tok || !r->csrf_token || !const_time_eq(tok, r->csrf_token))
        return error_set(&r->err, ERR_CSRF, NULL, NULL);
    return 0;
}

/* Make the body's JSON errors visible before reading fields. */
static int body_ok(struct req *r)
{
    json_t *body;
    return api_body(r, &body);
}

/* {"user": ..., "csrf_token": ...} for a new cookie session. */
static int send_session(struct req *r, int status, const struct user *u)
{
    json_t *o = json_object();
    json_object_set_new(o, "user", user_json(u, 1));
    json_object_set_new(o, "csrf_token", json_string(r->csrf_token ? r->csrf_token : ""));
    return api_send(r, status, o);
}

/* APIPAGE: POST /api/v1/signup  {name, display_name?, password, invite?} -> 201 {user} */
int api_signup(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct account_new in;
    struct user u;
    char token[TOKEN_HEX_LEN + 1];
    int rc;
    if ((rc = anon_csrf(r)) < 0 || (rc = body_ok(r)) < 0)
        return rc;
    memset(&in, 0, sizeof(in));
    in.name = account_trim(r->arena, api_input(r, "name"));
    in.display_name = api_input(r, "display_name");
    in.password = api_input(r, "password");
    in.invite = account_trim(r->arena, api_input(r, "invite"));
    if ((rc = account_register(c, &in, &u)) < 0)
        return rc;
    if ((rc = account_session_start(c, u.id, req_header(r, "User-Agent"),
                                    ((struct app *)r->app)->session_ttl, token)) < 0)
        return rc;
    if (app_session_token(r))
        account_session_end(c, app_session_token(r));
    app_session_begin(r, token);
    return send_session(r, 201, &u);
}

/* APIPAGE: POST /api/v1/session  {name, password} -> 200 {user, csrf_token} + cookie */
int api_session_create(struct req *r)
{
    struct ctx *c = app_ctx(r);
    const char *old = app_session_token(r);
    char token[TOKEN_HEX_LEN + 1];
    struct user u;
    int rc;
    if ((rc = anon_csrf(r)) < 0 || (rc = body_ok(r)) < 0)
        return rc;
    rc = account_signin(c, account_trim(r->arena, api_input(r, "name")), api_input(r, "password"),
                        req_header(r, "User-Agent"), ((struct app *)r->app)->session_ttl,
                        app_device(r), token, &u);
    if (rc == ERR_RATE)
        resp_header(r, "Retry-After", "900");
    if (rc < 0)
        return rc;
    if (old)
        account_session_end(c, old);
    app_session_begin(r, token);
    app_device_remember(r, u.id);
    return send_session(r, 200, &u);
}

/* APIPAGE: DELETE /api/v1/session -> 204 (cookie session ends) */
int api_session_delete(struct req *r)
{
    struct ctx *c = app_ctx(r);
    const char *token = app_session_token(r);
    if (r->via_token)
        return error_set(&r->err, ERR_INVALID, NULL,
                         "This request uses an API token, not a session: revoke the token "
                         "instead (DELETE /api/v1/tokens/ID).");
    if (token && account_session_end(c, token) < 0)
        return r->err.code;
    app_session_clear(r);
    r->status = 204;
    return 0;
}

/* Add trust_level, trust_name and trust_locked of uid to uj (domain/trust.h). */
static int trust_fields(struct ctx *c, int64_t uid, json_t *uj)
{
    int64_t level;
    int locked, rc = trust_level(c, uid, &level, &locked);
    if (rc < 0)
        return rc;
    json_object_set_new(uj, "trust_level", json_integer(level));
    json_object_set_new(uj, "trust_name", json_string(trust_level_name(level)));
    json_object_set_new(uj, "trust_locked", json_boolean(locked));
    return 0;
}

/* APIPAGE: GET /api/v1/me -> {user} */
int api_me(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct user u;
    json_t *o;
    json_t *uj;
    int hidden = 0;
    int rc = account_get_by_id(c, r->user_id, &u);
    if (rc < 0 || (rc = expertise_hidden_get(c, u.id, &hidden)) < 0)
        return rc;
    o = json_object();
    uj = user_json(&u, 1);
    json_object_set_new(uj, "expertise_hidden", json_boolean(hidden));
    {
        const char *theme = "system";
        if ((rc = account_theme_get(c, &theme)) < 0)
            return rc;
        json_object_set_new(uj, "theme", json_string(theme));
    }
    api_mail_me_fields(r, uj);
    if ((rc = trust_fields(c, u.id, uj)) < 0) {
        json_decref(o);
        json_decref(uj);
        return rc;
    }
    json_object_set_new(o, "user", uj);
    return api_send(r, 200, o);
}

/* The skills member: a JSON array of strings or a comma-separated string. NULL if absent. */
static const char *skills_input(struct req *r)
{
    json_t *body = NULL, *v;
    size_t i;
    struct buf s = BUF_INIT;
    const char *out;
    if (api_body(r, &body) < 0 || !body)
        return req_form(r, "skills");
    v = json_object_get(body, "skills");
    if (!json_is_array(v))
        return api_input(r, "skills");
    for (i = 0; i < json_array_size(v); i++) {
        json_t *e = json_array_get(v, i);
        if (json_is_string(e))
            buf_printf(&s, "%s%s", i ? "," : "", json_string_value(e));
    }
    out = arena_strdup(r->arena, s.data);
    buf_release(&s);
    return out;
}

/* The expertise_hidden member: JSON true/false, or "1"/"0"/"true"/"false" as text. -1 when
   absent, ERR_INVALID when malformed, else 0/1 in *out. */
static int hidden_input(struct req *r, int *out)
{
    json_t *body = NULL, *v = NULL;
    const char *s;
    *out = -1;
    if (api_body(r, &body) == 0 && body && (v = json_object_get(body, "expertise_hidden"))) {
        if (!json_is_boolean(v))
            return error_set(&r->err, ERR_INVALID, "expertise_hidden",
                             "expertise_hidden is true or false.");
        *out = json_is_true(v);
        return 0;
    }
    if (!(s = api_input(r, "expertise_hidden")))
        return 0;
    if (!strcmp(s, "1") || !strcmp(s, "true"))
        *out = 1;
    else if (!strcmp(s, "0") || !strcmp(s, "false"))
        *out = 0;
    else
        return error_set(&r->err, ERR_INVALID, "expertise_hidden",
                         "expertise_hidden is true or false.");
    return 0;
}

/* APIPAGE: PATCH /api/v1/me  {display_name?, bio?, skills?, timezone?, expertise_hidden?, theme?,
   email?} (a new email is unverified; a link is mailed to it)
   -> {user} */
int api_me_update(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct profile_update p;
    int rc, hidden;
    if ((rc = body_ok(r)) < 0 || (rc = hidden_input(r, &hidden)) < 0 ||
        (rc = api_mail_me_check(r)) < 0)
        return rc;
    if (api_input(r, "theme") && !account_theme_valid(api_input(r, "theme")))
        return account_theme_set(c, api_input(r, "theme")); /* the 422, before any change */
    memset(&p, 0, sizeof(p));
    p.display_name = api_input(r, "display_name");
    p.bio = api_input(r, "bio");
    p.skills = skills_input(r);
    p.timezone = api_input(r, "timezone");
    if ((rc = account_update_profile(c, r->user_id, &p)) < 0)
        return rc;
    if (hidden >= 0 && (rc = expertise_hidden_set(c, r->user_id, hidden)) < 0)
        return rc;
    if (api_input(r, "theme") && (rc = account_theme_set(c, api_input(r, "theme"))) < 0)
        return rc;
    if ((rc = api_mail_me_update(r)) < 0)
        return rc;
    return api_me(r);
}

/* APIPAGE: GET /api/v1/users/:name -> {user} */
/* {"questions": [...], "answers": [...], "articles": [...], "events": [...]}: the member's
   recent contributions the viewer may read (finding; domain/search.h). */
static json_t *recent_json(struct req *r, struct ctx *c, const struct user *u)
{
    static const char *const keys[SEARCH_RECENT__MAX] = {"questions", "answers", "articles",
                                                         "events"};
    json_t *o = json_object();
    int k;
    for (k = 0; k < SEARCH_RECENT__MAX; k++) {
        struct search_hit *h;
        size_t n = 0, i;
        json_t *arr = json_array();
        if (search_member_recent(c, u->name, (enum search_recent)k, 10, &h, &n) < 0) {
            error_clear(&r->err);
            n = 0;
        }
        for (i = 0; i < n; i++) {
            json_t *x = json_object();
            json_object_set_new(x, "id", json_integer(h[i].ref_id));
            json_object_set_new(x, "title", json_string(h[i].title));
            json_object_set_new(x, "community", json_string(h[i].community_slug));
            if (h[i].thread_id) {
                json_object_set_new(x, "thread_id", json_integer(h[i].thread_id));
                json_object_set_new(x, "solved", json_boolean(h[i].solved));
            }
            if (*h[i].article_slug)
                json_object_set_new(x, "slug", json_string(h[i].article_slug));
            json_object_set_new(x, k == SEARCH_RECENT_EVENTS ? "start" : "created_at",
                                api_time(h[i].created_at));
            json_array_append_new(arr, x);
        }
        json_object_set_new(o, keys[k], arr);
    }
    return o;
}

int api_user_get(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct user u;
    json_t *o;
    int rc = account_get(c, r->params[0], &u);
    if (rc < 0)
        return rc;
    o = json_object();
    json_object_set_new(o, "user", user_json(&u, r->is_admin || r->user_id == u.id));
    if ((r->is_admin || r->user_id == u.id) && /* the level: to themselves and staff */
        (rc = trust_fields(c, u.id, json_object_get(o, "user"))) < 0) {
        json_decref(o);
        return rc;
    }
    json_object_set_new(o, "recent", recent_json(r, c, &u));
    return api_send(r, 200, o);
}

/* APIPAGE: GET /api/v1/tokens -> {tokens: [...]} */
int api_tokens_list(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct token_row *t;
    size_t n = 0, i;
    json_t *arr, *o;
    int rc = account_token_list(c, &t, &n);
    if (rc < 0)
        return rc;
    arr = json_array();
    for (i = 0; i < n; i++)
        json_array_append_new(arr, token_json(&t[i]));
    o = json_object();
    json_object_set_new(o, "tokens", arr);
    return api_send(r, 200, o);
}

/* APIPAGE: POST /api/v1/tokens  {name} -> 201 {token, secret} (the secret only now) */
int api_tokens_create(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct token_row t;
    const char *secret = NULL;
    json_t *o;
    int rc;
    if ((rc = body_ok(r)) < 0)
        return rc;
    if ((rc = account_token_create(c, api_input(r, "name"), &secret, &t)) < 0)
        return rc;
    o = json_object();
    json_object_set_new(o, "token", token_json(&t));
    json_object_set_new(o, "secret", json_string(secret));
    resp_header(r, "Cache-Control", "no-store");
    return api_send(r, 201, o);
}

/* APIPAGE: DELETE /api/v1/tokens/:id -> 204 */
int api_tokens_delete(struct req *r)
{
    struct ctx *c = app_ctx(r);
    int64_t id;
    int rc;
    if (str_to_i64(r->params[0], &id) < 0)
        return error_set(&r->err, ERR_NOTFOUND, NULL, "There is no such token.");
    if ((rc = account_token_revoke(c, id)) < 0)
        return rc;
    r->status = 204;
    return 0;
}

/* ------------------------------------------------------------------------------------
 * Administration
 * ---------------------------------------------------------------------------------- */

static const char *const admin_setting_keys[] = {
    "registration", "community_creation", "instance_name", "signup_limit",
    "expertise_half_life_days",
    /* uploads (domain/upload.h) */
    "upload_max_bytes", "upload_daily_limit", "external_images",
    /* live updates (api/live.c) */
    "live_per_address",
    /* comments (domain/comment.h) */
    "comments_per_hour"};
static const char *const admin_setting_defaults[] = {"open",     "admins", "Praxis", "10", "365",
                                                     "10485760", "100",    "off",    "20", "30"};
/* ... and the moderation and trust settings, with their defaults, from domain/trust.h's
   trust_settings(). */
_Static_assert(ARRAY_SIZE(admin_setting_keys) == ARRAY_SIZE(admin_setting_defaults),
               "one default per admin setting");

/* APIPAGE: GET /api/v1/admin/settings -> {settings} */
int api_admin_settings(struct req *r)
{
    struct ctx *c = app_ctx(r);
    json_t *s = json_object(), *o = json_object();
    size_t i, nt;
    const struct trust_setting *ts = trust_settings(&nt);
    for (i = 0; i < ARRAY_SIZE(admin_setting_keys); i++)
        json_object_set_new(
            s, admin_setting_keys[i],
            json_string(settings_get(c, admin_setting_keys[i], admin_setting_defaults[i])));
    for (i = 0; i < nt; i++)
        json_object_set_new(s, ts[i].key, json_string(settings_get(c, ts[i].key, ts[i].def)));
    json_object_set_new(o, "settings", s);
    return api_send(r, 200, o);
}

/* APIPAGE: PATCH /api/v1/admin/settings {registration?, community_creation?, instance_name?,
   signup_limit?, expertise_half_life_days?, the moderation thresholds?} */
int api_admin_settings_update(struct req *r)
{
    struct ctx *c = app_ctx(r);
    json_t *body = NULL;
    size_t i, nt;
    const struct trust_setting *ts = trust_settings(&nt);
    int rc;
    if ((rc = api_body(r, &body)) < 0)
        return rc;
    if (body) { /* unknown members are refused, so typos do not pass silently */
        const char *key;
        json_t *v;
        json_object_foreach(body, key, v)
        {
            for (i = 0; i < ARRAY_SIZE(admin_setting_keys); i++)
                if (!strcmp(key, admin_setting_keys[i]))
                    break;
            if (i == ARRAY_SIZE(admin_setting_keys) && !trust_setting_default(key))
                return error_set(&r->err, ERR_INVALID, key, "There is no setting called '%s'.",
                                 key);
            if (!json_is_string(v))
                return error_set(&r->err, ERR_INVALID, key, "The %s must be a string.", key);
            /* every value is checked before any is stored: all or nothing */
            if ((rc = settings_check(c, key, account_trim(r->arena, json_string_value(v)))) < 0)
                return rc;
        }
    }
    for (i = 0; i < ARRAY_SIZE(admin_setting_keys); i++) {
        const char *v = api_input(r, admin_setting_keys[i]);
        if (v && (rc = settings_set(c, admin_setting_keys[i], account_trim(r->arena, v))) < 0)
            return rc;
    }
    for (i = 0; i < nt; i++) {
        const char *v = api_input(r, ts[i].key);
        if (v && (rc = settings_set(c, ts[i].key, account_trim(r->arena, v))) < 0)
            return rc;
    }
    return api_admin_settings(r);
}

/* APIPAGE: GET /api/v1/admin/users?limit=&offset= -> {users, total} */
int api_admin_users(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct user *u;
    size_t n = 0, i;
    int64_t limit = 100, offset = 0, total = 0;
    const char *l = req_query(r, "limit"), *off = req_query(r, "offset");
    json_t *arr, *o;
    int rc;
    if ((l && (str_to_i64(l, &limit) < 0 || limit < 1 || limit > 1000)) ||
        (off && (str_to_i64(off, &offset) < 0 || offset < 0)))
        return error_set(&r->err, ERR_INVALID, l ? "limit" : "offset",
                         "limit is 1 to 1000 and offset 0 or more.");
    if ((rc = account_count(c, &total)) < 0 || (rc = account_list(c, limit, offset, &u, &n)) < 0)
        return rc;
    arr = json_array();
    for (i = 0; i < n; i++)
        json_array_append_new(arr, user_json(&u[i], 1));
    o = json_object();
    json_object_set_new(o, "users", arr);
    json_object_set_new(o, "total", json_integer(total));
    return api_send(r, 200, o);
}

/* APIPAGE: POST /api/v1/admin/users {name, display_name?, password?, is_admin?} -> 201 */
int api_admin_users_create(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct account_new in;
    struct user u;
    char gen[ACCOUNT_GENPW_LEN + 1];
    json_t *o;
    int rc, generated = 0;
    if ((rc = body_ok(r)) < 0)
        return rc;
    memset(&in, 0, sizeof(in));
    in.name = account_trim(r->arena, api_input(r, "name"));
    in.display_name = api_input(r, "display_name");
    in.password = api_input(r, "password");
    if (!in.password || !*in.password) {
        account_generate_password(gen);
        in.password = gen;
        generated = 1;
    }
    in.is_admin = str_eq(api_input(r, "is_admin"), "1") || str_eq(api_input(r, "is_admin"), "true");
    if ((rc = account_create(c, &in, NULL)) < 0 || (rc = account_get(c, in.name, &u)) < 0)
        return rc;
    o = json_object();
    json_object_set_new(o, "user", user_json(&u, 1));
    if (generated)
        json_object_set_new(o, "password", json_string(gen));
    resp_header(r, "Cache-Control", "no-store");
    return api_send(r, 201, o);
}

/* APIPAGE: PUT /api/v1/admin/users/:name/trust {level, locked?} -> {user} */
int api_admin_user_trust(struct req *r)
{
    struct ctx *c = app_ctx(r);
    const char *level = NULL, *locked;
    int64_t lv = -1;
    struct user u;
    json_t *o, *uj;
    int rc;
    if ((rc = body_ok(r)) < 0)
        return rc;
    level = api_input(r, "level");
    locked = api_input(r, "locked");
    if (!level || str_to_i64(level, &lv) < 0 || lv < 0 || lv > 4)
        return error_set(&r->err, ERR_INVALID, "level", "A trust level is 0 (new) to 4 (leader).");
    if ((rc = account_get(c, r->params[0], &u)) < 0)
        return rc;
    if ((rc = trust_admin_set(c, u.id, lv,
                              !locked || str_eq(locked, "1") || str_eq(locked, "true"))) < 0)
        return rc;
    o = json_object();
    uj = user_json(&u, 1);
    json_object_set_new(o, "user", uj);
    if ((rc = trust_fields(c, u.id, uj)) < 0) {
        json_decref(o);
        return rc;
    }
    return api_send(r, 200, o);
}

/* APIPAGE: PATCH /api/v1/admin/users/:name {is_admin?, status?} -> {user} */
int api_admin_user_update(struct req *r)
{
    struct ctx *c = app_ctx(r);
    const char *name = r->params[0];
    const char *admin, *status;
    struct user u;
    json_t *o;
    int rc;
    if ((rc = body_ok(r)) < 0)
        return rc;
    admin = api_input(r, "is_admin");
    status = api_input(r, "status");
    if (admin && !str_eq(admin, "1") && !str_eq(admin, "0") && !str_eq(admin, "true") &&
        !str_eq(admin, "false"))
        return error_set(&r->err, ERR_INVALID, "is_admin", "is_admin is true or false.");
    if (admin && (rc = account_set_admin(c, name, str_eq(admin, "1") || str_eq(admin, "true"))) < 0)
        return rc;
    if (status && (rc = account_set_status(c, name, status)) < 0)
        return rc;
    if ((rc = account_get(c, name, &u)) < 0)
        return rc;
    o = json_object();
    json_object_set_new(o, "user", user_json(&u, 1));
    return api_send(r, 200, o);
}

static json_t *invite_json(const struct invite_row *i)
{
    json_t *o = json_object();
    json_object_set_new(o, "id", json_integer(i->id));
    json_object_set_new(o, "note", json_string(i->note));
    json_object_set_new(o, "created_by",
                        i->created_by_name ? json_string(i->created_by_name) : json_null());
    json_object_set_new(o, "created_at", api_time(i->created_at));
    json_object_set_new(o, "expires_at", api_time(i->expires_at));
    json_object_set_new(o, "used_by", i->used_by_name ? json_string(i->used_by_name) : json_null());
    json_object_set_new(o, "used_at", api_time(i->used_at));
    return o;
}

/* APIPAGE: GET /api/v1/admin/invites -> {invites} */
int api_admin_invites(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct invite_row *inv;
    size_t n = 0, i;
    json_t *arr, *o;
    int rc = account_invite_list(c, &inv, &n);
    if (rc < 0)
        return rc;
    arr = json_array();
    for (i = 0; i < n; i++)
        json_array_append_new(arr, invite_json(&inv[i]));
    o = json_object();
    json_object_set_new(o, "invites", arr);
    return api_send(r, 200, o);
}

/* APIPAGE: POST /api/v1/admin/invites {note?, days?} -> 201 {invite, token, path} */
int api_admin_invites_create(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct invite_row inv;
    const char *token = NULL, *d;
    int64_t days = 7;
    json_t *o;
    int rc;
    if ((rc = body_ok(r)) < 0)
        return rc;
    d = api_input(r, "days");
    if (d && (str_to_i64(d, &days) < 0 || days < 1 || days > 365))
        return error_set(&r->err, ERR_INVALID, "days", "An invite is valid for 1 to 365 days.");
    if ((rc = account_invite_create(c, api_input(r, "note"), days * 24 * 3600, &token, &inv)) < 0)
        return rc;
    inv.created_by_name = r->user_name;
    o = json_object();
    json_object_set_new(o, "invite", invite_json(&inv));
    json_object_set_new(o, "token", json_string(token));
    json_object_set_new(o, "path", json_string(arena_printf(r->arena, "/signup?invite=%s", token)));
    resp_header(r, "Cache-Control", "no-store");
    return api_send(r, 201, o);
}
