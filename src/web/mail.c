/* Mail pages: the email address on /settings/email and its verification link
 * (/verify-email), password reset by email (/password-reset and /password-reset/confirm),
 * and the admin page's Mail section (/admin/mail: on/off, relay, job counts, failed and dead
 * jobs with a retry button, a test message). The rules are in domain/mail.c. */
#include <stdlib.h>
#include <string.h>

#include "core/html.h"
#include "domain/account.h"
#include "domain/mail.h"
#include "web/mail.h"
#include "web/parts.h"
#include "web/web.h"
#include "core/util.h"

/* ------------------------------------------------------------------------------------
 * /settings/email
 * ---------------------------------------------------------------------------------- */

static int email_form(struct req *r, const char *value)
{
    struct ctx *c = app_ctx(r);
    struct buf *b = &r->out;
    struct mail_status st;
    struct errinfo saved = r->err;
    if (mail_status_get(c, r->user_id, &st) < 0)
        return r->err.code;
    r->err = saved;
    page_begin(r, "Email address");
    buf_puts(b, "<h1>Settings</h1>\n");
    web_settings_nav(r, "/settings/email");
    if (req_query(r, "saved"))
        form_notice_ok(r, "Saved. If you gave a new address, we sent a link to it: open it to "
                          "confirm the address.");
    form_error_summary(r);
    if (st.email)
        html_printf(b, "<p id=\"email-status\">Your address is <strong>%s</strong>: %s.</p>\n",
                    st.email, st.verified ? "verified" : "not verified yet (see your mail)");
    else
        buf_puts(b, "<p id=\"email-status\">You have not given an email address. With one you "
                    "can reset a forgotten password.</p>\n");
    buf_puts(b, "<form class=\"form\" method=\"post\" novalidate action=\"/settings/email\">\n");
    form_csrf(r);
    form_field(r, "email", "email", "Email address",
               value      ? value
               : st.email ? st.email
                          : "",
               "We send a confirmation link to a new address. Leave empty to remove it.",
               "autocomplete=\"email\" maxlength=\"254\" spellcheck=\"false\"");
    buf_puts(b, "<div class=\"form-actions\"><button type=\"submit\" class=\"button\">Save"
                "</button></div>\n</form>\n");
    page_end(r);
    return 0;
}

int page_settings_email(struct req *r)
{
    return email_form(r, NULL);
}

int page_settings_email_post(struct req *r)
{
    struct ctx *c = app_ctx(r);
    const char *email = account_trim(r->arena, form_value(r, "email"));
    int rc = mail_set_address(c, email, app_base_url(r));
    if (rc == 0)
        return resp_redirect(r, "/settings/email?saved=1");
    r->status = web_form_status(rc);
    return email_form(r, email);
}

int page_verify_email(struct req *r)
{
    struct ctx *c = app_ctx(r);
    const char *tok = req_query(r, "token");
    int rc = mail_verify(c, tok ? tok : "");
    resp_header(r, "Cache-Control", "no-store");
    resp_header(r, "Referrer-Policy", "no-referrer");
    if (rc < 0 && rc != ERR_NOTFOUND)
        return rc;
    r->status = rc == 0 ? 200 : 404;
    page_begin(r, rc == 0 ? "Address confirmed" : "Link not valid");
    if (rc == 0)
        buf_puts(&r->out, "<h1>Address confirmed</h1>\n<p>Thank you: your email address is "
                          "verified.</p>\n");
    else
        html_printf(&r->out, "<h1>Link not valid</h1>\n<p>%s</p>\n", r->err.msg);
    page_end(r);
    return 0;
}

/* ------------------------------------------------------------------------------------
 * password reset
 * ---------------------------------------------------------------------------------- */

static int reset_form(struct req *r, int sent)
{
    struct buf *b = &r->out;
    page_begin(r, "Reset your password");
    buf_puts(b, "<div class=\"auth\">\n<h1>Reset your password</h1>\n");
    if (sent)
        form_notice_ok(r, "If an account with a verified email address matches, we sent a link "
                          "to it. It works once, for an hour.");
    form_error_summary(r);
    buf_puts(b, "<form class=\"form\" method=\"post\" novalidate action=\"/password-reset\">\n");
    form_csrf(r);
    form_field(r, "text", "email", "User name or email address", sent ? "" : form_value(r, "email"),
               "We send a reset link to the account's verified email address.",
               "required autocomplete=\"username\" autocapitalize=\"none\" spellcheck=\"false\"");
    buf_puts(b, "<div class=\"form-actions\"><button type=\"submit\" class=\"button\">Send the "
                "link</button></div>\n</form>\n<p class=\"aside\"><a href=\"/signin\">Back to "
                "sign in</a></p>\n</div>\n");
    page_end(r);
    return 0;
}

int page_password_reset(struct req *r)
{
    return reset_form(r, 0);
}

int page_password_reset_post(struct req *r)
{
    struct ctx *c = app_ctx(r);
    int rc = mail_reset_request(c, account_trim(r->arena, form_value(r, "email")), app_base_url(r));
    if (rc == 0)
        return reset_form(r, 1);
    r->status = web_form_status(rc);
    if (rc == ERR_RATE)
        resp_header(r, "Retry-After", "3600");
    return reset_form(r, 0);
}

static int confirm_form(struct req *r, const char *token, int ok)
{
    struct buf *b = &r->out;
    resp_header(r, "Cache-Control", "no-store");
    resp_header(r, "Referrer-Policy", "no-referrer");
    page_begin(r, "Choose a new password");
    buf_puts(b, "<div class=\"auth\">\n<h1>Choose a new password</h1>\n");
    if (!ok) {
        html_printf(b,
                    "<p class=\"notice notice-error\" role=\"alert\">%s</p>\n<p><a "
                    "href=\"/password-reset\">Ask for a new link</a></p>\n</div>\n",
                    r->err.msg);
        page_end(r);
        return 0;
    }
    form_error_summary(r);
    buf_puts(b, "<form class=\"form\" method=\"post\" novalidate "
                "action=\"/password-reset/confirm\">\n");
    form_csrf(r);
    html_printf(b, "<input type=\"hidden\" name=\"token\" value=\"%s\">\n", token);
    form_field(r, "password", "password", "New password", NULL,
               "At least 10 characters. Every session of your account is signed out.",
               "required minlength=\"10\" maxlength=\"256\" autocomplete=\"new-password\"");
    form_field(r, "password", "password2", "New password again", NULL, NULL,
               "required minlength=\"10\" maxlength=\"256\" autocomplete=\"new-password\"");
    buf_puts(b, "<div class=\"form-actions\"><button type=\"submit\" class=\"button\">Set the "
                "password</button></div>\n</form>\n</div>\n");
    page_end(r);
    return 0;
}

int page_password_reset_confirm(struct req *r)
{
    struct ctx *c = app_ctx(r);
    const char *tok = req_query(r, "token");
    int rc = mail_reset_check(c, tok ? tok : "");
    if (rc < 0 && rc != ERR_NOTFOUND)
        return rc;
    if (rc < 0)
        r->status = 404;
    return confirm_form(r, tok, rc == 0);
}

int page_password_reset_confirm_post(struct req *r)
{
    struct ctx *c = app_ctx(r);
    const char *tok = form_value(r, "token"), *pw = form_value(r, "password");
    int rc;
    if (strcmp(pw, form_value(r, "password2")) != 0) {
        rc = mail_reset_check(c, tok);
        if (rc == 0) {
            /* Both problems at once when the new password is also too weak. */
            struct errinfo e = {0};
            form_error_note(r, account_check_password(pw, NULL, &e), &e);
            form_error_note(
                r, error_set(&e, ERR_INVALID, "password2", "The two passwords do not match."), &e);
            rc = r->err.code;
        }
    } else {
        rc = mail_reset_confirm(c, tok, pw);
    }
    if (rc == 0) {
        app_session_clear(r);
        page_begin(r, "Password changed");
        buf_puts(&r->out, "<div class=\"auth\">\n<h1>Password changed</h1>\n<p>Your new password "
                          "works now; every session of your account was signed out.</p>\n<p><a "
                          "href=\"/signin\">Sign in</a></p>\n</div>\n");
        page_end(r);
        return 0;
    }
    if (rc != ERR_NOTFOUND && rc != ERR_INVALID)
        return rc;
    r->status = rc == ERR_NOTFOUND ? 404 : web_form_status(rc);
    return confirm_form(r, tok, rc != ERR_NOTFOUND);
}

/* ------------------------------------------------------------------------------------
 * /admin/mail
 * ---------------------------------------------------------------------------------- */

int page_admin_mail(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct app *app = r->app;
    struct buf *b = &r->out;
    struct mail_jobs_summary s;
    struct job_row *jobs;
    size_t n = 0, i;
    const char *url = mail_smtp_url(c, app->smtp_url);
    struct errinfo saved = r->err;
    if (mail_jobs_summary(c, &s) < 0)
        return r->err.code;
    if (mail_jobs_problems(c, 50, &jobs, &n) < 0)
        return r->err.code;
    r->err = saved;
    page_begin(r, "Mail");
    buf_puts(b, "<h1>Administration</h1>\n");
    web_admin_nav(r, "/admin/mail");
    if (req_query(r, "queued"))
        form_notice_ok(r, "The test message is queued.");
    if (req_query(r, "saved"))
        form_notice_ok(r, "Saved.");
    if (req_query(r, "retried"))
        form_notice_ok(r, "The job is queued again.");
    form_error_summary(r);
    buf_puts(b, "<section id=\"mail-status\">\n<h2>Outgoing mail</h2>\n");
    if (url)
        html_printf(b,
                    "<p>Mail is on: messages go through <code>%s</code>%s, from <code>%s"
                    "</code>. Links in mail point at <code>%s</code>.</p>\n",
                    mail_smtp_display(c, url),
                    app->smtp_url && *app->smtp_url ? " (set by serve --smtp)" : "", mail_from(c),
                    app_base_url(r));
    else
        buf_puts(b, "<p><strong>Mail is off</strong>: no SMTP relay is set (serve --smtp or "
                    "the smtp_url setting). Messages stay queued until one is.</p>\n");
    html_printf(b,
                "<p id=\"job-counts\">Jobs: %lld queued (%lld after a failure), %lld running, "
                "%lld done, %lld dead.</p>\n</section>\n",
                (long long)s.queued, (long long)s.failing, (long long)s.running, (long long)s.done,
                (long long)s.dead);

    buf_puts(b, "<section id=\"mail-settings\">\n<h2>Relay and sender</h2>\n<form class=\"form\" "
                "method=\"post\" action=\"/admin/mail/settings\">\n");
    form_csrf(r);
    {
        const char *stored = settings_get(c, "smtp_url", "");
        form_field(r, "text", "smtp_url", "SMTP URL",
                   r->err.code ? form_value(r, "smtp_url") : mail_smtp_display(c, stored),
                   "smtp://host:25 (a local relay), smtp://user:password@host:587?starttls or "
                   "smtps://user:password@host:465. The password is never shown again; leave "
                   "the field as it is to keep it. Empty: mail off. serve --smtp wins over it.",
                   "spellcheck=\"false\" autocomplete=\"off\" maxlength=\"500\"");
    }
    form_field(r, "text", "mail_from", "Sender (From)", settings_get(c, "mail_from", ""),
               "Like Praxis <praxis@example.org>; empty: the instance name at "
               "praxis@localhost.",
               "spellcheck=\"false\" maxlength=\"300\"");
    form_field(r, "url", "base_url", "Public address", settings_get(c, "base_url", ""),
               "Links in mail start with it, like https://praxis.example.org (no slash at the "
               "end); empty: the --listen address.",
               "spellcheck=\"false\" maxlength=\"300\"");
    buf_puts(b, "<div class=\"form-actions\"><button type=\"submit\" class=\"button\">Save"
                "</button></div>\n</form>\n</section>\n");

    buf_puts(b, "<section id=\"mail-test\">\n<h2>Send a test email</h2>\n<form class=\"form\" "
                "method=\"post\" action=\"/admin/mail/test\">\n");
    form_csrf(r);
    form_field(r, "email", "to", "Address", form_value(r, "to"), NULL,
               "required maxlength=\"254\"");
    buf_puts(b, "<div class=\"form-actions\"><button type=\"submit\" class=\"button\">Send a "
                "test email</button></div>\n</form>\n</section>\n");

    buf_puts(b, "<section id=\"mail-jobs\">\n<h2>Failed and dead jobs</h2>\n");
    if (!n)
        buf_puts(b, "<p>None.</p>\n");
    else
        buf_puts(b, "<table><thead><tr><th>Job</th><th>Kind</th><th>State</th><th>Tries</th>"
                    "<th>Last error</th><th></th></tr></thead><tbody>\n");
    for (i = 0; i < n; i++) {
        html_printf(b,
                    "<tr><td>%lld</td><td>%s</td><td>%s</td><td>%lld of %lld</td>"
                    "<td>%s</td><td><form method=\"post\" action=\"/admin/mail/jobs/%lld/"
                    "retry\">",
                    (long long)jobs[i].id, jobs[i].kind, jobs[i].state, (long long)jobs[i].attempts,
                    (long long)jobs[i].max_attempts, jobs[i].last_error, (long long)jobs[i].id);
        form_csrf(r);
        buf_puts(b, "<button type=\"submit\" class=\"button button-small\">Retry</button>"
                    "</form></td></tr>\n");
    }
    if (n)
        buf_puts(b, "</tbody></table>\n");
    buf_puts(b, "</section>\n");
    page_end(r);
    return 0;
}

int page_admin_mail_test(struct req *r)
{
    struct ctx *c = app_ctx(r);
    const char *to = account_trim(r->arena, form_value(r, "to"));
    int rc;
    if (db_begin_write(c->db) < 0)
        return error_set(&r->err, ERR_DB, NULL, "The database is busy. Please try again.");
    rc = mail_enqueue(c, to, "Praxis test message",
                      "This is a test message from Praxis: mail works.\n", NULL, NULL);
    if (rc == 0 && db_commit(c->db) < 0)
        rc = error_set(&r->err, ERR_DB, NULL, "The message could not be queued.");
    if (rc < 0) {
        db_rollback(c->db);
        r->status = web_form_status(rc);
        return page_admin_mail(r);
    }
    return resp_redirect(r, "/admin/mail?queued=1");
}

int page_admin_mail_settings(struct req *r)
{
    struct ctx *c = app_ctx(r);
    static const char *const keys[] = {"smtp_url", "mail_from", "base_url"};
    size_t i;
    for (i = 0; i < ARRAY_SIZE(keys); i++) {
        const char *v = req_form(r, keys[i]);
        int rc;
        if (!v)
            continue;
        v = account_trim(r->arena, v);
        /* the URL comes back with its password masked: unchanged means keep the stored one */
        if (!strcmp(keys[i], "smtp_url") &&
            !strcmp(v, mail_smtp_display(c, settings_get(c, "smtp_url", ""))))
            continue;
        rc = settings_set(c, keys[i], v);
        if (rc < 0) {
            r->status = web_form_status(rc);
            return page_admin_mail(r);
        }
    }
    return resp_redirect(r, "/admin/mail?saved=1");
}

int page_admin_mail_retry(struct req *r)
{
    struct ctx *c = app_ctx(r);
    int64_t id;
    int rc;
    if (str_to_i64(r->params[0], &id) < 0)
        return error_set(&r->err, ERR_NOTFOUND, NULL, "No such job.");
    rc = mail_job_retry(c, id);
    if (rc < 0)
        return rc;
    return resp_redirect(r, "/admin/mail?retried=1");
}
