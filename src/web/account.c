/* Account pages: sign up, sign in, sign out, a member's profile (/u/NAME), and the
 * member's own settings (profile, password, personal API tokens). Forms that fail
 * validation are shown again with what the person typed (never passwords) and the error
 * next to the field, with status 422 (other failures keep their own status: 401 wrong
 * password, 409 name taken, 429 too many attempts, 403 sign-up closed). Successful posts
 * redirect (303) so that reloading does not post again. */
#include <string.h>

#include "core/html.h"
#include "core/timeutil.h"
#include "core/utf8.h"
#include "domain/trust.h"
#include "domain/account.h"
#include "domain/search.h"
#include "web/account.h"
#include "web/parts.h"
#include "core/util.h"

/* The page to go to after signing in: next when it is a same-site path, else "/". */
static const char *next_or_home(const char *next)
{
    return account_safe_next(next) ? next : "/";
}

/* The address of the other sign-in/sign-up page (page is "/signin" or "/signup"), carrying
 * next along when it is safe, so that switching between the two keeps where the person was
 * going (an invitation link, say). Arena string. */
static const char *auth_link(struct req *r, const char *page, const char *next)
{
    struct buf b = BUF_INIT;
    const char *s;
    buf_puts(&b, page);
    if (account_safe_next(next)) {
        buf_puts(&b, "?next=");
        url_encode(&b, next);
    }
    s = arena_strdup(r->arena, b.data);
    buf_release(&b);
    return s;
}

/* ------------------------------------------------------------------------------------
 * Sign up
 * ---------------------------------------------------------------------------------- */

/* Render the sign-up form; values come from the posted form when re-displaying. */
static int signup_form(struct req *r, const char *mode, const char *invite)
{
    struct buf *b = &r->out;
    page_begin(r, "Sign up");
    buf_puts(b, "<div class=\"auth\">\n<h1>Create your account</h1>\n");
    if (str_eq(mode, "invite"))
        buf_puts(b, "<p class=\"lead\">Joining this site is by invitation: you need the invite "
                    "link an administrator gave you.</p>\n");
    else
        buf_puts(b, "<p class=\"lead\">Join the communities here to ask, answer, and share what "
                    "works.</p>\n");
    form_error_summary(r);
    buf_puts(b, "<form class=\"form\" method=\"post\" novalidate action=\"/signup\">\n");
    form_csrf(r);
    form_field(r, "text", "name", "User name", form_value(r, "name"),
               "2 to 30 letters, digits, _ . or -. It appears in your profile's address.",
               "required minlength=\"2\" maxlength=\"30\" autocomplete=\"username\" "
               "autocapitalize=\"none\" spellcheck=\"false\"");
    form_field(r, "text", "display_name", "Display name (optional)", form_value(r, "display_name"),
               "How your name is shown, e.g. Ada Lovelace. You can change it later.",
               "maxlength=\"60\" autocomplete=\"name\"");
    form_field(r, "password", "password", "Password", NULL,
               "At least 10 characters. A few unrelated words make a strong one.",
               "required minlength=\"10\" maxlength=\"256\" autocomplete=\"new-password\"");
    form_field(r, "password", "password2", "Password again", NULL, NULL,
               "required minlength=\"10\" maxlength=\"256\" autocomplete=\"new-password\"");
    if (str_eq(mode, "invite"))
        form_field(r, "text", "invite", "Invite code", invite,
                   "Filled in for you when you follow an invite link.",
                   "required autocomplete=\"off\" spellcheck=\"false\"");
    html_printf(b, "<input type=\"hidden\" name=\"next\" value=\"%s\">\n",
                account_safe_next(req_param(r, "next")) ? req_param(r, "next") : "");
    buf_puts(b, "<div class=\"form-actions\"><button type=\"submit\" class=\"button\">Create "
                "account</button></div>\n</form>\n");
    html_printf(b,
                "<p class=\"aside\">Already have an account? <a href=\"%s\">Sign in</a>.</p>\n"
                "</div>\n",
                auth_link(r, "/signin", req_param(r, "next")));
    page_end(r);
    return 0;
}

/* The page shown when sign-up is closed (GET and POST). */
static int signup_closed(struct req *r)
{
    r->status = 403;
    page_begin(r, "Sign-up is closed");
    buf_puts(&r->out, "<div class=\"auth\">\n<h1>Sign-up is closed</h1>\n<p class=\"lead\">New "
                      "accounts on this site are created by its administrators. Ask one of them "
                      "for an account.</p>\n<p>Already have one? <a href=\"/signin\">Sign "
                      "in</a>.</p>\n</div>\n");
    page_end(r);
    return 0;
}

int page_signup(struct req *r)
{
    struct ctx *c = app_ctx(r);
    const char *mode = settings_get(c, "registration", "open");
    if (r->user_id)
        return resp_redirect(r, "/");
    if (str_eq(mode, "closed"))
        return signup_closed(r);
    return signup_form(r, mode, req_query(r, "invite"));
}

int page_signup_post(struct req *r)
{
    struct ctx *c = app_ctx(r);
    const char *mode = settings_get(c, "registration", "open");
    const char *pw = form_value(r, "password"), *pw2 = form_value(r, "password2");
    struct account_new in;
    struct user u;
    char token[TOKEN_HEX_LEN + 1];
    int rc;

    if (str_eq(mode, "closed"))
        return signup_closed(r);
    memset(&in, 0, sizeof(in));
    in.name = account_trim(r->arena, form_value(r, "name"));
    in.display_name = form_value(r, "display_name");
    in.password = pw;
    in.invite = account_trim(r->arena, req_param(r, "invite"));
    {
        /* Every field's check, in the order of the form: all problems are reported at once
           (the first is r->err). */
        struct errinfo e = {0};
        form_error_note(r, account_check_name(in.name, &e), &e);
        if (*in.display_name)
            form_error_note(r, account_check_display_name(in.display_name, &e), &e);
        form_error_note(r, account_check_password(pw, in.name, &e), &e);
        if (strcmp(pw, pw2) != 0)
            form_error_note(
                r, error_set(&e, ERR_INVALID, "password2", "The two passwords do not match."), &e);
    }
    rc = form_error_count(r) ? r->err.code : account_register(c, &in, &u);
    if (rc == ERR_PERM)
        return signup_closed(r);
    if (rc < 0) {
        r->status = web_form_status(rc);
        return signup_form(r, mode, in.invite);
    }
    if (account_session_start(c, u.id, req_header(r, "User-Agent"),
                              ((struct app *)r->app)->session_ttl, token) < 0)
        return resp_redirect(r, "/signin"); /* the account exists: let them sign in */
    if (app_session_token(r))               /* whoever was signed in here before is signed out */
        account_session_end(c, app_session_token(r));
    app_session_begin(r, token);
    if (account_safe_next(req_form(r, "next")))
        return resp_redirect(r, req_form(r, "next"));
    return resp_redirect(r, "/settings/profile?welcome=1");
}

/* ------------------------------------------------------------------------------------
 * Sign in, sign out
 * ---------------------------------------------------------------------------------- */

static int signin_form(struct req *r, const char *next)
{
    struct buf *b = &r->out;
    page_begin(r, "Sign in");
    buf_puts(b, "<div class=\"auth\">\n<h1>Sign in</h1>\n");
    form_error_summary(r);
    buf_puts(b, "<form class=\"form\" method=\"post\" novalidate action=\"/signin\">\n");
    form_csrf(r);
    form_field(r, "text", "name", "User name", form_value(r, "name"), NULL,
               "required autocomplete=\"username\" autocapitalize=\"none\" spellcheck=\"false\"");
    form_field(r, "password", "password", "Password", NULL, NULL,
               "required autocomplete=\"current-password\"");
    html_printf(b, "<input type=\"hidden\" name=\"next\" value=\"%s\">\n",
                account_safe_next(next) ? next : "");
    buf_puts(b, "<div class=\"form-actions\"><button type=\"submit\" class=\"button\">Sign in"
                "</button></div>\n</form>\n");
    buf_puts(b, "<p class=\"aside\"><a href=\"/password-reset\">Forgot password?</a></p>\n");
    {
        struct ctx *c = app_ctx(r);
        const char *mode = settings_get(c, "registration", "open");
        if (str_eq(mode, "open"))
            html_printf(b,
                        "<p class=\"aside\">New here? <a href=\"%s\">Create an account</a>."
                        "</p>\n",
                        auth_link(r, "/signup", next));
        else if (str_eq(mode, "invite"))
            buf_puts(b, "<p class=\"aside\">New here? Joining is by invitation: follow the link "
                        "an administrator sent you.</p>\n");
    }
    buf_puts(b, "</div>\n");
    page_end(r);
    return 0;
}

int page_signin(struct req *r)
{
    const char *next = req_query(r, "next");
    if (r->user_id)
        return resp_redirect(r, next_or_home(next));
    return signin_form(r, next);
}

int page_signin_post(struct req *r)
{
    struct ctx *c = app_ctx(r);
    const char *next = req_form(r, "next");
    const char *old = app_session_token(r);
    char token[TOKEN_HEX_LEN + 1];
    const char *name = account_trim(r->arena, form_value(r, "name"));
    struct errinfo e = {0};
    struct user u;
    int rc;
    /* Both fields empty: say so for both at once. */
    if (!*name)
        form_error_note(r, error_set(&e, ERR_INVALID, "name", "Enter your user name."), &e);
    if (!*form_value(r, "password"))
        form_error_note(r, error_set(&e, ERR_INVALID, "password", "Enter your password."), &e);
    rc = form_error_count(r)
             ? r->err.code
             : account_signin(c, name, form_value(r, "password"), req_header(r, "User-Agent"),
                              ((struct app *)r->app)->session_ttl, app_device(r), token, &u);
    if (rc < 0) {
        r->status = web_form_status(rc);
        if (rc == ERR_RATE)
            resp_header(r, "Retry-After", "900");
        return signin_form(r, next);
    }
    if (old) /* rotate: the session from before signing in ends */
        account_session_end(c, old);
    app_session_begin(r, token);
    app_device_remember(r, u.id);
    return resp_redirect(r, next_or_home(next));
}

int page_signout(struct req *r)
{
    struct ctx *c = app_ctx(r);
    const char *token = app_session_token(r);
    if (token)
        account_session_end(c, token);
    app_session_clear(r);
    return resp_redirect(r, "/");
}

/* ------------------------------------------------------------------------------------
 * Profile
 * ---------------------------------------------------------------------------------- */

/* The skills of u as a tag list. */
static void skills_list(struct req *r, const struct user *u)
{
    size_t i;
    if (!u->nskills)
        return;
    buf_puts(&r->out, "<ul class=\"tags\" aria-label=\"Skills\">");
    for (i = 0; i < u->nskills; i++)
        html_printf(&r->out, "<li class=\"tag\">%s</li>", u->skills[i]);
    buf_puts(&r->out, "</ul>\n");
}

#define PROFILE_RECENT 5 /* items per "recent" list of a profile */

/* The member's recent questions, answers, articles and events the viewer may read, each
   list skipped when empty. */
static void profile_recent(struct req *r, struct ctx *c, const struct user *u)
{
    static const char *const heads[SEARCH_RECENT__MAX] = {"Questions", "Answers", "Articles",
                                                          "Events"};
    struct errinfo saved = r->err;
    struct search_hit *h;
    size_t n, i;
    int k, any = 0;
    for (k = 0; k < SEARCH_RECENT__MAX; k++) {
        if (search_member_recent(c, u->name, (enum search_recent)k, PROFILE_RECENT, &h, &n) < 0) {
            r->err = saved;
            continue;
        }
        if (!n)
            continue;
        if (!any++)
            buf_puts(&r->out, "<section class=\"profile-recent\" aria-labelledby=\"recent-title\">"
                              "<h2 id=\"recent-title\">Recent contributions</h2>\n");
        html_printf(&r->out, "<h3>%s</h3><ul class=\"recent-list\">", heads[k]);
        for (i = 0; i < n; i++) {
            const struct search_hit *x = &h[i];
            switch (x->kind) {
            case SEARCH_THREAD:
                html_printf(&r->out, "<li><a href=\"/c/%s/t/%lld\">%s</a>", x->community_slug,
                            (long long)x->thread_id, x->title);
                break;
            case SEARCH_POST:
                html_printf(&r->out, "<li><a href=\"/p/%lld\">%s</a>", (long long)x->ref_id,
                            x->title);
                break;
            case SEARCH_ARTICLE:
                html_printf(&r->out, "<li><a href=\"/c/%s/a/%s\">%s</a>", x->community_slug,
                            x->article_slug, x->title);
                break;
            default:
                html_printf(&r->out, "<li><a href=\"/events/%lld\">%s</a>", (long long)x->ref_id,
                            x->title);
                break;
            }
            if (x->solved && (x->kind == SEARCH_THREAD || x->kind == SEARCH_POST))
                buf_puts(&r->out, " <span class=\"badge badge-solved\">\xE2\x9C\x93 Solved</span>");
            html_printf(&r->out, " <span class=\"muted\">in %s \xC2\xB7 ", x->community_name);
            page_time(r, x->created_at);
            buf_puts(&r->out, "</span></li>");
        }
        buf_puts(&r->out, "</ul>\n");
    }
    if (any)
        buf_puts(&r->out, "</section>\n");
}

int page_user(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct buf *b = &r->out;
    struct user u;
    struct page_feed feed; /* web/parts_feed.c */
    char iso[32];
    int rc = account_get(c, r->params[0], &u);
    if (rc < 0)
        return rc;
    web_feed_user(r, &u, &feed);
    {
        unsigned cp;
        size_t first = utf8_decode(u.display_name, strlen(u.display_name), &cp);
        page_begin_feeds(r, u.display_name, &feed, 1);
        buf_puts(b, "<article class=\"profile\">\n<header class=\"profile-head\">\n");
        html_printf(b,
                    "<div class=\"avatar\" aria-hidden=\"true\">%.*s</div>\n<div>\n"
                    "<h1>%s</h1>\n<p class=\"muted\">@%s",
                    (int)(first ? first : 1), u.display_name, u.display_name, u.name);
    }
    if (u.is_admin)
        buf_puts(b, " <span class=\"badge\">Administrator</span>");
    if (str_eq(u.status, "suspended"))
        buf_puts(b, " <span class=\"badge badge-warn\">Suspended</span>");
    buf_puts(b, "</p>\n</div>\n</header>\n");
    if (r->user_id == u.id)
        buf_puts(b, "<p><a class=\"button button-secondary button-small\" "
                    "href=\"/settings/profile\">Edit your profile</a></p>\n");
    if (u.bio_html[0]) {
        buf_puts(b, "<section class=\"bio prose\" aria-label=\"About\">\n");
        buf_puts(b, u.bio_html); /* rendered by markdown_render on write: safe HTML */
        buf_puts(b, "</section>\n");
    } else if (r->user_id == u.id) {
        buf_puts(b, "<p class=\"muted\">Your bio is empty. <a href=\"/settings/profile\">Tell "
                    "others what you work on</a>.</p>\n");
    }
    buf_puts(b, "<dl class=\"facts\">\n");
    if (u.nskills) {
        buf_puts(b, "<div><dt>Claimed skills</dt><dd>");
        skills_list(r, &u);
        buf_puts(b, "</dd></div>\n");
    }
    if (u.timezone[0])
        html_printf(b, "<div><dt>Time zone</dt><dd>%s</dd></div>\n", u.timezone);
    time_iso(u.created_at, iso);
    iso[10] = '\0';
    html_printf(b, "<div><dt>Member since</dt><dd><time datetime=\"%s\">%s</time></dd></div>\n",
                iso, iso);
    if (r->user_id == u.id || r->is_admin) { /* the trust level: to themselves and staff */
        int64_t level;
        int locked;
        if (trust_level(c, u.id, &level, &locked) == 0)
            html_printf(b, "<div><dt>Trust level</dt><dd>%lld (%s)%s</dd></div>\n",
                        (long long)level, trust_level_name(level),
                        locked ? ", set by an administrator" : "");
    }
    buf_puts(b, "</dl>\n");
    web_expertise_profile(r, &u);
    web_participation_profile(r, &u);
    profile_recent(r, c, &u);
    web_feed_link(r, &feed);
    buf_puts(b, "</article>\n");
    page_end(r);
    return 0;
}

/* ------------------------------------------------------------------------------------
 * Settings: profile, password, tokens
 * ---------------------------------------------------------------------------------- */

/* Join skills with ", " for the form. */
static const char *skills_csv(struct req *r, const struct user *u)
{
    struct buf s = BUF_INIT;
    const char *out;
    size_t i;
    for (i = 0; i < u->nskills; i++)
        buf_printf(&s, "%s%s", i ? ", " : "", u->skills[i]);
    out = arena_strdup(r->arena, s.data);
    buf_release(&s);
    return out;
}

/* Render the profile form; from_post = show the posted values instead of u's. */
static int profile_form(struct req *r, const struct user *u, int from_post)
{
    struct buf *b = &r->out;
    page_begin(r, "Your profile");
    buf_puts(b, "<h1>Settings</h1>\n");
    web_settings_nav(r, "/settings/profile");
    if (req_query(r, "welcome"))
        form_notice_ok(r,
                       "Welcome! Your account is ready. Tell the others a little about yourself.");
    else if (req_query(r, "saved"))
        form_notice_ok(r, "Your profile was saved.");
    form_error_summary(r);
    html_printf(b, "<p>Your public profile is at <a href=\"/u/%s\">/u/%s</a>.</p>\n", u->name,
                u->name);
    buf_puts(b, "<form class=\"form\" method=\"post\" novalidate action=\"/settings/profile\">\n");
    form_csrf(r);
    form_field(r, "text", "display_name", "Display name",
               from_post ? form_value(r, "display_name") : u->display_name, NULL,
               "required maxlength=\"60\" autocomplete=\"name\"");
    if (from_post && web_is_preview(r))
        web_preview_block(r, form_value(r, "bio"), "post", NULL);
    form_field(r, "textarea", "bio", "Bio", from_post ? form_value(r, "bio") : u->bio_md,
               "What you work on and what you can help with. Markdown works: *emphasis*, "
               "[links](https://example.org), lists.",
               "rows=\"7\" maxlength=\"8000\"");
    web_upload_tools(r, "bio", NULL); /* a profile: uploads of no community */
    form_field(r, "text", "skills", "Skills",
               from_post ? form_value(r, "skills") : skills_csv(r, u),
               "Comma-separated, e.g. postgresql, incident-review, python. Up to 20.",
               "autocomplete=\"off\"");
    form_field(r, "text", "timezone", "Time zone",
               from_post ? form_value(r, "timezone") : u->timezone,
               "An IANA name such as Europe/Paris or America/Chicago, so others know when you "
               "are around.",
               "autocomplete=\"off\" spellcheck=\"false\" data-timezone-input");
    web_expertise_settings_field(r, u->id, from_post);
    buf_puts(b, "<div class=\"form-actions\"><button type=\"submit\" class=\"button\">Save profile"
                "</button> ");
    web_preview_button(r);
    buf_puts(b, "</div>\n</form>\n");
    page_end(r);
    return 0;
}

int page_settings_profile(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct user u;
    int rc = account_get_by_id(c, r->user_id, &u);
    if (rc < 0)
        return rc;
    return profile_form(r, &u, 0);
}

int page_settings_profile_post(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct profile_update p;
    struct user u;
    int rc;
    memset(&p, 0, sizeof(p));
    p.display_name = form_value(r, "display_name");
    p.bio = form_value(r, "bio");
    p.skills = form_value(r, "skills");
    p.timezone = form_value(r, "timezone");
    if (web_is_preview(r)) {
        if ((rc = account_get_by_id(c, r->user_id, &u)) < 0)
            return rc;
        return profile_form(r, &u, 1);
    }
    {
        struct errinfo e = {0};
        form_error_note(r, account_check_display_name(p.display_name, &e), &e);
        const char *tz = account_trim(r->arena, p.timezone);
        if (*tz && !tz_valid(tz))
            form_error_note(r,
                            error_set(&e, ERR_INVALID, "timezone",
                                      "'%.60s' is not a time zone this server knows. Use a name "
                                      "like Europe/Paris or America/New_York.",
                                      tz),
                            &e);
    }
    rc = form_error_count(r) ? r->err.code : account_update_profile(c, r->user_id, &p);
    if (rc == 0)
        rc = web_expertise_settings_save(r, r->user_id);
    if (rc == 0)
        return resp_redirect(r, "/settings/profile?saved=1");
    {
        struct errinfo saved = r->err;
        if (account_get_by_id(c, r->user_id, &u) < 0)
            return r->err.code;
        r->err = saved;
    }
    r->status = web_form_status(rc);
    return profile_form(r, &u, 1);
}

/* /settings/appearance: the colour theme (light, dark, or the system's), stored per member
   and applied by the layout as <html data-theme>. */
static int appearance_form(struct req *r, const char *current)
{
    static const struct {
        const char *value, *label, *hint;
    } ch[] = {
        {"system", "System", "Follow your device: light by day, dark at night if it switches."},
        {"light", "Light", "Dark text on a light background, always."},
        {"dark", "Dark", "Light text on a dark background, always."},
    };
    struct buf *b = &r->out;
    int bad = r->err.code && str_eq(r->err.field, "theme");
    size_t i;
    page_begin(r, "Appearance");
    buf_puts(b, "<h1>Settings</h1>\n");
    web_settings_nav(r, "/settings/appearance");
    if (req_query(r, "saved"))
        form_notice_ok(r, "Your theme was saved.");
    form_error_summary(r);
    buf_puts(b, "<form class=\"form\" method=\"post\" action=\"/settings/appearance\">\n");
    form_csrf(r);
    html_printf(b, "<fieldset class=\"field%s\" id=\"theme\"%s>\n<legend>Theme</legend>\n",
                bad ? " field-invalid" : "", bad ? " aria-describedby=\"theme-error\"" : "");
    form_field_error(r, "theme");
    for (i = 0; i < ARRAY_SIZE(ch); i++) {
        html_printf(b,
                    "<div class=\"choice\"><input type=\"radio\" id=\"theme-%s\" name=\"theme\" "
                    "value=\"%s\"",
                    ch[i].value, ch[i].value);
        if (str_eq(ch[i].value, current))
            buf_puts(b, " checked");
        html_printf(b, "><label for=\"theme-%s\">%s<span class=\"hint\">%s</span></label></div>\n",
                    ch[i].value, ch[i].label, ch[i].hint);
    }
    buf_puts(b, "</fieldset>\n<div class=\"form-actions\"><button type=\"submit\" "
                "class=\"button\">Save theme</button></div>\n</form>\n");
    page_end(r);
    return 0;
}

int page_settings_appearance(struct req *r)
{
    return appearance_form(r, app_theme(r));
}

int page_settings_appearance_post(struct req *r)
{
    const char *theme = form_value(r, "theme");
    int rc = account_theme_set(app_ctx(r), theme);
    if (rc == 0)
        return resp_redirect(r, "/settings/appearance?saved=1");
    if (!web_form_error(rc))
        return rc;
    r->status = web_form_status(rc);
    return appearance_form(r, app_theme(r));
}

static int password_form(struct req *r)
{
    struct buf *b = &r->out;
    page_begin(r, "Change your password");
    buf_puts(b, "<h1>Settings</h1>\n");
    web_settings_nav(r, "/settings/password");
    if (req_query(r, "saved"))
        form_notice_ok(r, req_query(r, "tokens")
                              ? "Your password was changed. Your other sessions were signed out "
                                "and your API tokens revoked."
                              : "Your password was changed. Your other sessions were signed out.");
    form_error_summary(r);
    buf_puts(b, "<form class=\"form\" method=\"post\" novalidate action=\"/settings/password\">\n");
    form_csrf(r);
    form_field(r, "password", "current", "Current password", NULL, NULL,
               "required autocomplete=\"current-password\"");
    form_field(r, "password", "password", "New password", NULL,
               "At least 10 characters. Signing in elsewhere will need the new one.",
               "required minlength=\"10\" maxlength=\"256\" autocomplete=\"new-password\"");
    form_field(r, "password", "password2", "New password again", NULL, NULL,
               "required minlength=\"10\" maxlength=\"256\" autocomplete=\"new-password\"");
    html_printf(b,
                "<div class=\"field choice\"><input type=\"checkbox\" id=\"revoke_tokens\" "
                "name=\"revoke_tokens\" value=\"1\"%s><label for=\"revoke_tokens\">Also revoke "
                "my <a href=\"/settings/tokens\">API tokens</a> (scripts using them stop "
                "working)</label></div>\n",
                req_form(r, "revoke_tokens") ? " checked" : "");
    buf_puts(b, "<div class=\"form-actions\"><button type=\"submit\" class=\"button\">Change "
                "password</button></div>\n</form>\n");
    page_end(r);
    return 0;
}

int page_settings_password(struct req *r)
{
    return password_form(r);
}

int page_settings_password_post(struct req *r)
{
    struct ctx *c = app_ctx(r);
    const char *pw = form_value(r, "password");
    int rc;
    struct errinfo e = {0};
    /* Every problem the form can see by itself, in the form's order; the domain then checks
       the current password (and the new one again). */
    if (!*form_value(r, "current"))
        form_error_note(r, error_set(&e, ERR_INVALID, "current", "Enter your current password."),
                        &e);
    form_error_note(r, account_check_password(pw, r->user_name, &e), &e);
    if (strcmp(pw, form_value(r, "password2")) != 0)
        form_error_note(
            r, error_set(&e, ERR_INVALID, "password2", "The two new passwords do not match."), &e);
    if (form_error_count(r))
        rc = r->err.code;
    else
        rc = account_change_password(c, form_value(r, "current"), pw, app_session_token(r),
                                     req_form(r, "revoke_tokens") != NULL, NULL);
    if (rc == 0)
        return resp_redirect(r, req_form(r, "revoke_tokens") ? "/settings/password?saved=1&tokens=1"
                                                             : "/settings/password?saved=1");
    r->status = web_form_status(rc);
    if (rc == ERR_RATE)
        resp_header(r, "Retry-After", "900");
    return password_form(r);
}

/* Render the tokens page; new_token is the secret just created (shown once) or NULL. */
static int tokens_page(struct req *r, const char *new_token)
{
    struct ctx *c = app_ctx(r);
    struct buf *b = &r->out;
    struct token_row *t;
    size_t n = 0, i;
    struct errinfo saved = r->err;
    if (account_token_list(c, &t, &n) < 0)
        return r->err.code;
    r->err = saved;
    page_begin(r, "API tokens");
    buf_puts(b, "<h1>Settings</h1>\n");
    web_settings_nav(r, "/settings/tokens");
    if (new_token) {
        buf_puts(b, "<div class=\"notice notice-ok new-token\" role=\"status\">\n<p><strong>Your "
                    "new token</strong>. Copy it now: it will not be shown again.</p>\n");
        html_printf(b,
                    "<p><code class=\"secret\" id=\"new-token\">%s</code> <button "
                    "type=\"button\" class=\"button button-small button-secondary\" "
                    "data-copy=\"new-token\" hidden>Copy</button></p>\n",
                    new_token);
        buf_puts(b, "<p class=\"hint\">Send it as <code>Authorization: Bearer TOKEN</code> to "
                    "<code>/api/v1/</code>.</p>\n</div>\n");
    } else if (req_query(r, "revoked")) {
        form_notice_ok(r, "The token was revoked. Programs using it can no longer sign in.");
    }
    buf_puts(b, "<p>Personal API tokens let scripts and other programs use the Praxis API as "
                "you. Treat them like passwords.</p>\n");
    form_error_summary(r);
    buf_puts(b, "<form class=\"form form-inline\" method=\"post\" novalidate "
                "action=\"/settings/tokens\">\n");
    form_csrf(r);
    form_field(r, "text", "name", "Token name", new_token ? "" : form_value(r, "name"),
               "What will use it, e.g. \"backup script\".", "required maxlength=\"60\"");
    buf_puts(b, "<div class=\"form-actions\"><button type=\"submit\" class=\"button\">Create "
                "token</button></div>\n</form>\n");
    buf_puts(b, "<h2>Your tokens</h2>\n");
    if (!n) {
        buf_puts(b, "<p class=\"muted\">You have no tokens yet.</p>\n");
    } else {
        buf_puts(b, "<div class=\"table-scroll\"><table>\n<thead><tr><th scope=\"col\">Name</th>"
                    "<th scope=\"col\">Token</th><th scope=\"col\">Created</th><th scope=\"col\">"
                    "Last used</th><th scope=\"col\"><span class=\"visually-hidden\">Actions"
                    "</span></th></tr></thead>\n<tbody>\n");
        for (i = 0; i < n; i++) {
            buf_puts(b, t[i].revoked_at ? "<tr class=\"revoked\">" : "<tr>");
            html_printf(b, "<td>%s</td><td><code>%s\xE2\x80\xA6</code></td><td>", t[i].name,
                        t[i].prefix);
            page_time(r, t[i].created_at);
            buf_puts(b, "</td><td>");
            if (t[i].last_used_at)
                page_time(r, t[i].last_used_at);
            else
                buf_puts(b, "<span class=\"muted\">never</span>");
            buf_puts(b, "</td><td>");
            if (t[i].revoked_at) {
                buf_puts(b, "<span class=\"badge\">Revoked</span>");
            } else {
                html_printf(b, "<form method=\"post\" action=\"/settings/tokens/%lld/revoke\">",
                            (long long)t[i].id);
                form_csrf(r);
                html_printf(b,
                            "<button type=\"submit\" class=\"button button-small button-danger\""
                            " aria-label=\"Revoke %s\">Revoke</button></form>",
                            t[i].name);
            }
            buf_puts(b, "</td></tr>\n");
        }
        buf_puts(b, "</tbody></table></div>\n");
    }
    page_end(r);
    return 0;
}

int page_settings_tokens(struct req *r)
{
    return tokens_page(r, NULL);
}

int page_settings_tokens_post(struct req *r)
{
    struct ctx *c = app_ctx(r);
    const char *token = NULL;
    int rc = account_token_create(c, form_value(r, "name"), &token, NULL);
    if (rc < 0) {
        r->status = web_form_status(rc);
        return tokens_page(r, NULL);
    }
    resp_header(r, "Cache-Control", "no-store");
    r->status = 201;
    return tokens_page(r, token);
}

int page_settings_token_revoke(struct req *r)
{
    struct ctx *c = app_ctx(r);
    int64_t id;
    int rc;
    if (str_to_i64(r->params[0], &id) < 0)
        return error_set(&r->err, ERR_NOTFOUND, NULL, "There is no such token.");
    rc = account_token_revoke(c, id);
    if (rc < 0)
        return rc;
    return resp_redirect(r, "/settings/tokens?revoked=1");
}
