/* Mail in the JSON API: password reset by email (request and confirm), email verification
 * by token, and the email members of GET/PATCH /api/v1/me (called from api/account.c).
 * The anonymous endpoints need no session; like /api/v1/signup they accept a JSON body (a
 * cross-site form cannot send one without CORS) or a form body with the CSRF token. */
#include <string.h>
#include <strings.h>

#include "api/api.h"
#include "domain/account.h"
#include "domain/mail.h"
#include "core/util.h"

static int anon_ok(struct req *r)
{
    static const char t[] = "application/json";
    const char *ct = r->content_type ? r->content_type : "", *tok;
    json_t *body;
    if (!r->via_token && strncasecmp(ct, t, sizeof(t) - 1) != 0) {
        tok = req_header(r, "X-CSRF-Token");
        if (!tok)
            tok = req_form(r, "_csrf");
        if (!tok || !r->csrf_token || !const_time_eq(tok, r->csrf_token))
            return error_set(&r->err, ERR_CSRF, NULL, NULL);
    }
    return api_body(r, &body);
}

void api_mail_me_fields(struct req *r, json_t *user)
{
    struct mail_status st;
    if (mail_status_get(app_ctx(r), r->user_id, &st) < 0)
        return;
    json_object_set_new(user, "email", st.email ? json_string(st.email) : json_null());
    json_object_set_new(user, "email_verified", json_boolean(st.verified));
}

int api_mail_me_check(struct req *r)
{
    const char *email = api_input(r, "email");
    if (!email)
        return 0;
    email = account_trim(r->arena, email);
    return *email ? mail_check_address(email, &r->err) : 0;
}

int api_mail_me_update(struct req *r)
{
    const char *email = api_input(r, "email");
    if (!email)
        return 0;
    return mail_set_address(app_ctx(r), account_trim(r->arena, email), app_base_url(r));
}

/* APIPAGE: POST /api/v1/password-reset {email} -> 202 {status:"sent"} whether or not an
   account matches (email may also be a user name); 429 when this address asked too often. */
int api_password_reset(struct req *r)
{
    const char *who;
    json_t *o;
    int rc;
    if ((rc = anon_ok(r)) < 0)
        return rc;
    who = api_input(r, "email");
    if (!who)
        who = api_input(r, "name");
    rc = mail_reset_request(app_ctx(r), account_trim(r->arena, who ? who : ""), app_base_url(r));
    if (rc == ERR_RATE)
        resp_header(r, "Retry-After", "3600");
    if (rc < 0)
        return rc;
    o = json_object();
    json_object_set_new(o, "status", json_string("sent"));
    return api_send(r, 202, o);
}

/* APIPAGE: POST /api/v1/password-reset/confirm {token, password} -> 200 {status:"changed"};
   404 for an unknown, used or expired token, 400 for a weak password. */
int api_password_reset_confirm(struct req *r)
{
    const char *tok, *pw;
    json_t *o;
    int rc;
    if ((rc = anon_ok(r)) < 0)
        return rc;
    tok = api_input(r, "token");
    pw = api_input(r, "password");
    rc = mail_reset_confirm(app_ctx(r), tok ? tok : "", pw ? pw : "");
    if (rc < 0)
        return rc;
    o = json_object();
    json_object_set_new(o, "status", json_string("changed"));
    return api_send(r, 200, o);
}

/* APIPAGE: POST /api/v1/verify-email {token} -> 200 {status:"verified"}; 404 otherwise. */
int api_verify_email(struct req *r)
{
    const char *tok;
    json_t *o;
    int rc;
    if ((rc = anon_ok(r)) < 0)
        return rc;
    tok = api_input(r, "token");
    if ((rc = mail_verify(app_ctx(r), tok ? tok : "")) < 0)
        return rc;
    o = json_object();
    json_object_set_new(o, "status", json_string("verified"));
    return api_send(r, 200, o);
}
