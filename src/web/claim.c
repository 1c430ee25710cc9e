/* Import feature: claiming an imported account. /claim?token=T shows whose account the link
 * is for and asks for a password; posting it (with the token) activates the account and
 * sends the person to sign in. Administrators make the links on /admin/users ("Claim
 * link" beside unclaimed accounts) or with `praxis user claim-link NAME`. */
#include <string.h>

#include "core/html.h"
#include "domain/account.h"
#include "domain/import.h"
#include "web/claim.h"
#include "web/parts.h"
#include "core/util.h"

static int claim_form(struct req *r, const char *token, const char *name, const char *display)
{
    struct buf *b = &r->out;
    page_begin(r, "Claim your account");
    buf_puts(b, "<div class=\"auth\">\n<h1>Claim your account</h1>\n");
    html_printf(b,
                "<p class=\"lead\">This link is for the account <strong>%s</strong> (%s), "
                "imported with the posts it wrote elsewhere. Choose a password to sign in "
                "with it from now on.</p>\n",
                name, display);
    form_error_summary(r);
    buf_puts(b, "<form class=\"form\" method=\"post\" novalidate action=\"/claim\">\n");
    form_csrf(r);
    html_printf(b, "<input type=\"hidden\" name=\"token\" value=\"%s\">\n", token);
    form_field(r, "password", "password", "Password", NULL,
               "At least 10 characters. A few unrelated words make a strong one.",
               "required minlength=\"10\" maxlength=\"256\" autocomplete=\"new-password\"");
    form_field(r, "password", "password2", "Password again", NULL, NULL,
               "required minlength=\"10\" maxlength=\"256\" autocomplete=\"new-password\"");
    buf_puts(b, "<div class=\"form-actions\"><button type=\"submit\" class=\"button\">Claim "
                "account</button></div>\n</form>\n</div>\n");
    page_end(r);
    return 0;
}

/* The page for a link that cannot be used (404). */
static int claim_gone(struct req *r)
{
    r->status = 404;
    page_begin(r, "Claim link not valid");
    html_printf(&r->out,
                "<div class=\"auth\">\n<h1>This claim link is not valid</h1>\n"
                "<p>%s</p>\n</div>\n",
                r->err.msg[0] ? r->err.msg : "It was used, it expired or it was mistyped.");
    page_end(r);
    return 0;
}

int page_claim(struct req *r)
{
    struct ctx *c = app_ctx(r);
    const char *token = req_query(r, "token"), *name, *display;
    int rc = account_claim_check(c, token, &name, &display);
    resp_header(r, "Cache-Control", "no-store");
    resp_header(r, "Referrer-Policy", "no-referrer");
    if (rc == ERR_NOTFOUND)
        return claim_gone(r);
    if (rc < 0)
        return rc;
    return claim_form(r, token, name, display);
}

int page_claim_post(struct req *r)
{
    struct ctx *c = app_ctx(r);
    const char *token = form_value(r, "token"), *name, *display;
    const char *pw = form_value(r, "password"), *pw2 = form_value(r, "password2");
    int rc = account_claim_check(c, token, &name, &display);
    resp_header(r, "Cache-Control", "no-store");
    if (rc == ERR_NOTFOUND)
        return claim_gone(r);
    if (rc < 0)
        return rc;
    {
        struct errinfo e = {0};
        form_error_note(r, account_check_password(pw, name, &e), &e);
        if (strcmp(pw, pw2) != 0)
            form_error_note(
                r, error_set(&e, ERR_INVALID, "password2", "The two passwords do not match."), &e);
    }
    rc = form_error_count(r) ? r->err.code : account_claim_use(c, token, pw);
    if (rc == ERR_NOTFOUND)
        return claim_gone(r);
    if (rc < 0) {
        r->status = web_form_status(rc);
        return claim_form(r, token, name, display);
    }
    return resp_redirect(r, arena_printf(r->arena, "/signin?claimed=%s", name));
}
