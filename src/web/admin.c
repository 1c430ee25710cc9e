/* Administration pages (routes carry R_ADMIN, so only instance administrators get here):
 * site settings (registration mode, who may create communities, instance name) and
 * registration invite links on /admin; the user list with administrator and suspension
 * controls, and creating accounts, on /admin/users. The domain checks permissions again. */
#include <stdlib.h>
#include <string.h>

#include "core/html.h"
#include "core/timeutil.h"
#include "domain/account.h"
#include "domain/import.h"
#include "domain/trust.h"
#include "web/admin.h"
#include "web/parts.h"
#include "core/util.h"

#define USERS_PER_PAGE 100

static void admin_nav(struct req *r, const char *current)
{
    web_admin_nav(r, current);
}

struct choice {
    const char *value, *label, *hint;
};

/* A fieldset of radio buttons for setting name; current is the checked value. */
static void radio_group(struct req *r, const char *name, const char *legend,
                        const struct choice *ch, size_t n, const char *current)
{
    struct buf *b = &r->out;
    size_t i;
    int bad = r->err.code && str_eq(r->err.field, name);
    html_printf(b, "<fieldset class=\"field%s\" id=\"%s\"", bad ? " field-invalid" : "", name);
    if (bad)
        html_printf(b, " aria-describedby=\"%s-error\"", name);
    html_printf(b, ">\n<legend>%s</legend>\n", legend);
    form_field_error(r, name);
    for (i = 0; i < n; i++) {
        html_printf(b,
                    "<div class=\"choice\"><input type=\"radio\" id=\"%s-%s\" name=\"%s\" "
                    "value=\"%s\"%s><label for=\"%s-%s\">%s<span class=\"hint\">%s</span>"
                    "</label></div>\n",
                    name, ch[i].value, name, ch[i].value,
                    str_eq(ch[i].value, current) ? " checked" : "", name, ch[i].value, ch[i].label,
                    ch[i].hint);
    }
    buf_puts(b, "</fieldset>\n");
}

/* The full invite URL for token, from the Host this admin used. */
static const char *invite_url(struct req *r, const char *token)
{
    const char *host = req_header(r, "Host");
    return arena_printf(r->arena, "%s://%s/signup?invite=%s", r->secure ? "https" : "http",
                        host && *host ? host : "localhost", token);
}

/* /admin: settings form and invites. posted: show the posted settings (after an error);
   new_token: an invite just created. */
static int admin_page(struct req *r, int posted, const char *new_token)
{
    static const struct choice reg[] = {
        {"open", "Open", "Anyone can create an account."},
        {"invite", "By invitation", "Only people with an invite link from an administrator."},
        {"closed", "Closed", "Only administrators create accounts (here or with the CLI)."},
    };
    static const struct choice creation[] = {
        {"admins", "Administrators", "Only administrators create communities."},
        {"members", "Any member", "Every signed-in member can start a community."},
    };
    static const struct choice ext_images[] = {
        {"off", "Links", "Images from other sites stay links (nothing loads from elsewhere)."},
        {"on", "Images", "Images from other https sites are shown in posts and articles."},
    };
    struct ctx *c = app_ctx(r);
    struct buf *b = &r->out;
    struct invite_row *inv;
    size_t n = 0, i;
    struct errinfo saved = r->err;
    const char *mode =
        posted ? form_value(r, "registration") : settings_get(c, "registration", "open");
    const char *who = posted ? form_value(r, "community_creation")
                             : settings_get(c, "community_creation", "admins");
    const char *site = posted ? form_value(r, "instance_name") : page_instance_name(r);
    const char *signups =
        posted ? form_value(r, "signup_limit") : settings_get(c, "signup_limit", "10");

    if (account_invite_list(c, &inv, &n) < 0)
        return r->err.code;
    r->err = saved;
    page_begin(r, "Administration");
    buf_puts(b, "<h1>Administration</h1>\n");
    admin_nav(r, "/admin");
    if (req_query(r, "saved"))
        form_notice_ok(r, "The settings were saved.");
    if (new_token) {
        const char *url = invite_url(r, new_token);
        buf_puts(b,
                 "<div class=\"notice notice-ok\" role=\"status\">\n<p><strong>Invite link "
                 "created.</strong> Send it to the person you are inviting. It works once.</p>\n");
        html_printf(b,
                    "<p><code class=\"secret\" id=\"new-invite\">%s</code> <button type=\"button\" "
                    "class=\"button button-small button-secondary\" data-copy=\"new-invite\" "
                    "hidden>Copy</button></p>\n</div>\n",
                    url);
    }
    form_error_summary(r);

    buf_puts(b, "<section aria-labelledby=\"site-h\">\n<h2 id=\"site-h\">Site settings</h2>\n"
                "<form class=\"form\" method=\"post\" novalidate action=\"/admin\">\n");
    form_csrf(r);
    form_field(r, "text", "instance_name", "Site name", site,
               "Shown in the header and in page titles.", "required maxlength=\"60\"");
    radio_group(r, "registration", "Who can sign up", reg, ARRAY_SIZE(reg), mode);
    radio_group(r, "community_creation", "Who can create communities", creation,
                ARRAY_SIZE(creation), who);
    form_field(r, "number", "signup_limit", "Sign-ups per network address per hour", signups,
               "Slows down mass sign-ups from one address. 0 means no limit.",
               "min=\"0\" max=\"100000\"");
    form_field(r, "number", "expertise_half_life_days", "Expertise half-life (days)",
               posted ? form_value(r, "expertise_half_life_days")
                      : settings_get(c, "expertise_half_life_days", "365"),
               "How fast evidence of expertise fades: an answer this many days old counts "
               "half as much as a new one.",
               "min=\"1\" max=\"36500\" step=\"1\" required");
    /* uploads (domain/upload.h) */
    form_field(r, "number", "upload_max_bytes", "Largest upload (bytes)",
               posted ? form_value(r, "upload_max_bytes")
                      : settings_get(c, "upload_max_bytes", "10485760"),
               "Per file; at most 33554432 (32 MiB).", "min=\"1\" max=\"33554432\" required");
    form_field(r, "number", "upload_daily_limit", "Uploads per member per day",
               posted ? form_value(r, "upload_daily_limit")
                      : settings_get(c, "upload_daily_limit", "100"),
               "In any 24 hours. 0 means no limit.", "min=\"0\" max=\"100000\" required");
    radio_group(r, "external_images", "Images from other sites in Markdown", ext_images,
                ARRAY_SIZE(ext_images),
                posted ? form_value(r, "external_images")
                       : settings_get(c, "external_images", "off"));
    buf_puts(b, "<div class=\"form-actions\"><button type=\"submit\" class=\"button\">Save "
                "settings</button></div>\n</form>\n</section>\n");

    buf_puts(b, "<section aria-labelledby=\"inv-h\">\n<h2 id=\"inv-h\">Invite links</h2>\n"
                "<p>An invite link lets one person create an account while sign-up is by "
                "invitation.</p>\n<form class=\"form form-inline\" method=\"post\" novalidate "
                "action=\"/admin/invites\">\n");
    form_csrf(r);
    form_field(r, "text", "note", "Who it is for (optional, only admins see it)",
               new_token ? "" : form_value(r, "note"), NULL, "maxlength=\"200\"");
    buf_puts(b, "<div class=\"field\"><label for=\"days\">Valid for</label>"
                "<select id=\"days\" name=\"days\"><option value=\"1\">1 day</option>"
                "<option value=\"7\" selected>7 days</option><option value=\"30\">30 days</option>"
                "</select></div>\n<div class=\"form-actions\"><button type=\"submit\" "
                "class=\"button\">Create invite link</button></div>\n</form>\n");
    if (n) {
        buf_puts(b, "<div class=\"table-scroll\"><table>\n<thead><tr><th scope=\"col\">Note</th>"
                    "<th scope=\"col\">Created</th><th scope=\"col\">By</th><th scope=\"col\">"
                    "Status</th></tr></thead>\n<tbody>\n");
        for (i = 0; i < n; i++) {
            html_printf(b, "<tr><td>%s</td><td>", inv[i].note[0] ? inv[i].note : "\xE2\x80\x94");
            page_time(r, inv[i].created_at);
            html_printf(b, "</td><td>%s</td><td>",
                        inv[i].created_by_name ? inv[i].created_by_name : "CLI");
            if (inv[i].used_at)
                html_printf(b, "Used by <a href=\"/u/%s\">%s</a>",
                            inv[i].used_by_name ? inv[i].used_by_name : "",
                            inv[i].used_by_name ? inv[i].used_by_name : "a deleted user");
            else if (inv[i].expires_at <= time_now())
                buf_puts(b, "<span class=\"muted\">Expired</span>");
            else {
                buf_puts(b, "Open until ");
                {
                    char iso[32];
                    time_iso(inv[i].expires_at, iso);
                    iso[10] = '\0';
                    html_printf(b, "<time datetime=\"%s\">%s</time>", iso, iso);
                }
            }
            buf_puts(b, "</td></tr>\n");
        }
        buf_puts(b, "</tbody></table></div>\n");
    }
    buf_puts(b, "</section>\n");
    page_end(r);
    return 0;
}

int page_admin(struct req *r)
{
    return admin_page(r, 0, NULL);
}

int page_admin_post(struct req *r)
{
    struct ctx *c = app_ctx(r);
    static const char *const keys[] = {"instance_name", "registration", "community_creation",
                                       "signup_limit", "expertise_half_life_days",
                                       /* uploads (domain/upload.h) */
                                       "upload_max_bytes", "upload_daily_limit", "external_images"};
    size_t i;
    struct errinfo e = {0}, *saved = c->err;
    /* Every field checked first: all problems are reported at once and nothing is saved. */
    c->err = &e;
    for (i = 0; i < ARRAY_SIZE(keys); i++) {
        const char *v = req_form(r, keys[i]);
        if (v)
            form_error_note(r, settings_check(c, keys[i], account_trim(r->arena, v)), &e);
    }
    c->err = saved;
    if (form_error_count(r)) {
        r->status = web_form_status(r->err.code);
        return admin_page(r, 1, NULL);
    }
    for (i = 0; i < ARRAY_SIZE(keys); i++) {
        const char *v = req_form(r, keys[i]);
        int rc;
        if (!v)
            continue; /* a field left out keeps its value */
        rc = settings_set(c, keys[i], account_trim(r->arena, v));
        if (rc < 0) {
            r->status = web_form_status(rc);
            return admin_page(r, 1, NULL);
        }
    }
    return resp_redirect(r, "/admin?saved=1");
}

int page_admin_invites_post(struct req *r)
{
    struct ctx *c = app_ctx(r);
    const char *token = NULL;
    int64_t days = 7;
    int rc;
    if (req_form(r, "days") &&
        (str_to_i64(req_form(r, "days"), &days) < 0 || days < 1 || days > 365))
        rc = error_set(&r->err, ERR_INVALID, "days", "An invite is valid for 1 to 365 days.");
    else
        rc = account_invite_create(c, form_value(r, "note"), days * 24 * 3600, &token, NULL);
    if (rc < 0) {
        r->status = web_form_status(rc);
        return admin_page(r, 0, NULL);
    }
    resp_header(r, "Cache-Control", "no-store");
    r->status = 201;
    return admin_page(r, 0, token);
}

/* ------------------------------------------------------------------------------------
 * Moderation and trust settings (domain/trust.h's trust_settings(), docs/moderation.md)
 * ---------------------------------------------------------------------------------- */

/* /admin/moderation: every moderation and trust setting as a number field, in groups, each
   with what it does and its default. posted: show the posted values (after errors). */
static int moderation_page(struct req *r, int posted)
{
    struct ctx *c = app_ctx(r);
    struct buf *b = &r->out;
    size_t n, i;
    const struct trust_setting *ts = trust_settings(&n);
    const char *group = NULL;
    page_begin(r, "Moderation settings");
    buf_puts(b, "<h1>Administration</h1>\n");
    admin_nav(r, "/admin/moderation");
    if (req_query(r, "saved"))
        form_notice_ok(r, "The moderation settings were saved.");
    form_error_summary(r);
    buf_puts(b, "<section aria-labelledby=\"mod-h\">\n<h2 id=\"mod-h\">Moderation and trust "
                "levels</h2>\n<p class=\"hint\">How new accounts are limited, when posts wait "
                "for review, what flags do, and what each trust level needs and allows. Levels "
                "are 0 (new), 1 (basic), 2 (member), 3 (regular) and 4 (leader); a threshold of "
                "0 is not required. Every change applies at once; levels are stored again by "
                "the daily recompute.</p>\n"
                "<form class=\"form settings-form\" method=\"post\" novalidate "
                "action=\"/admin/moderation\">\n");
    form_csrf(r);
    for (i = 0; i < n; i++) {
        const char *v = posted ? form_value(r, ts[i].key) : settings_get(c, ts[i].key, ts[i].def);
        if (!group || !str_eq(group, ts[i].group)) {
            if (group)
                buf_puts(b, "</fieldset>\n");
            group = ts[i].group;
            html_printf(b, "<fieldset class=\"settings-group\"><legend>%s</legend>\n", group);
        }
        form_field(r, "number", ts[i].key, ts[i].label, v,
                   arena_printf(r->arena, "%s Default: %s.", ts[i].help, ts[i].def),
                   "min=\"0\" max=\"100000\" step=\"1\" inputmode=\"numeric\" required");
    }
    if (group)
        buf_puts(b, "</fieldset>\n");
    buf_puts(b, "<div class=\"form-actions\"><button type=\"submit\" class=\"button\">Save "
                "moderation settings</button></div>\n</form>\n</section>\n");
    page_end(r);
    return 0;
}

int page_admin_moderation(struct req *r)
{
    return moderation_page(r, 0);
}

int page_admin_moderation_post(struct req *r)
{
    struct ctx *c = app_ctx(r);
    size_t n, i;
    const struct trust_setting *ts = trust_settings(&n);
    struct errinfo e = {0}, *saved = c->err;
    /* Every field checked first: all problems are reported at once and nothing is saved. */
    c->err = &e;
    for (i = 0; i < n; i++) {
        const char *v = req_form(r, ts[i].key);
        int rc = v ? settings_check(c, ts[i].key, account_trim(r->arena, v)) : 0;
        if (rc < 0) /* said with the field's label: the summary lists several */
            error_set(&e, rc, ts[i].key, "%s: %s", ts[i].label,
                      str_eq(ts[i].key, "close_votes_needed") ? "give a number from 1 to 100."
                      : strstr(ts[i].key, "_level")
                          ? "give a trust level from 0 (new) to 4 (leader)."
                          : "give a whole number from 0 to 100000.");
        form_error_note(r, rc, &e);
    }
    c->err = saved;
    if (form_error_count(r)) {
        r->status = web_form_status(r->err.code);
        return moderation_page(r, 1);
    }
    for (i = 0; i < n; i++) {
        const char *v = req_form(r, ts[i].key);
        int rc;
        if (!v)
            continue; /* a field left out keeps its value */
        v = account_trim(r->arena, v);
        if (str_eq(v, settings_get(c, ts[i].key, ts[i].def)))
            continue; /* unchanged: not stored, so a default stays a default */
        rc = settings_set(c, ts[i].key, v);
        if (rc < 0) {
            r->status = web_form_status(rc);
            return moderation_page(r, 1);
        }
    }
    return resp_redirect(r, "/admin/moderation?saved=1");
}

/* ------------------------------------------------------------------------------------
 * Users
 * ---------------------------------------------------------------------------------- */

/* One small form posting action to /admin/users/NAME. */
/* The trust level of one account and the form that sets (and locks) it or hands it back to
   the computation ("auto"). */
static void trust_cell(struct req *r, const struct user *u)
{
    struct ctx *c = app_ctx(r);
    struct buf href = BUF_INIT;
    int64_t level = 0, i;
    int locked = 0;
    trust_level(c, u->id, &level, &locked);
    buf_puts(&href, "/admin/users/");
    url_encode(&href, u->name);
    html_printf(&r->out, "<form method=\"post\" action=\"%s\" class=\"inline\">", href.data);
    buf_release(&href);
    form_csrf(r);
    html_printf(&r->out,
                "<input type=\"hidden\" name=\"action\" value=\"trust\"><select "
                "name=\"level\" aria-label=\"Trust level of %s\"><option value=\"auto\"%s>"
                "%lld %s (computed)</option>",
                u->name, locked ? "" : " selected", (long long)level, trust_level_name(level));
    for (i = 0; i <= 4; i++)
        html_printf(&r->out, "<option value=\"%lld\"%s>%lld %s (locked)</option>", (long long)i,
                    locked && i == level ? " selected" : "", (long long)i, trust_level_name(i));
    html_printf(&r->out,
                "</select> <button type=\"submit\" class=\"button button-small "
                "button-secondary\" aria-label=\"Set the trust level of %s\">Set</button></form>",
                u->name);
}

static void user_action(struct req *r, const char *name, const char *action, const char *label,
                        const char *cls)
{
    struct buf href = BUF_INIT;
    buf_puts(&href, "/admin/users/");
    url_encode(&href, name);
    html_printf(&r->out, "<form method=\"post\" action=\"%s\">", href.data);
    buf_release(&href);
    form_csrf(r);
    html_printf(&r->out,
                "<input type=\"hidden\" name=\"action\" value=\"%s\"><button "
                "type=\"submit\" class=\"button button-small %s\" aria-label=\"%s %s\">"
                "%s</button></form>",
                action, cls, label, name, label);
}

/* /admin/users: list and create form. created/created_pw: an account just made (and its
   generated password, shown once), or NULL. */
static int users_page(struct req *r, int posted, const char *created, const char *created_pw,
                      const char *claim_name, const char *claim_token)
{
    struct ctx *c = app_ctx(r);
    struct buf *b = &r->out;
    struct user *u;
    size_t n = 0, i;
    int64_t total = 0, page = req_int(r, "page", 1, 1, 1000000), pages;
    struct errinfo saved = r->err;

    if (account_count(c, &total) < 0 ||
        account_list(c, USERS_PER_PAGE, (page - 1) * USERS_PER_PAGE, &u, &n) < 0)
        return r->err.code;
    r->err = saved;
    pages = (total + USERS_PER_PAGE - 1) / USERS_PER_PAGE;

    page_begin(r, "Users");
    buf_puts(b, "<h1>Administration</h1>\n");
    admin_nav(r, "/admin/users");
    if (created && created_pw)
        html_printf(b,
                    "<div class=\"notice notice-ok\" role=\"status\"><p>Created the account "
                    "<a href=\"/u/%s\">%s</a>. Its password is <code class=\"secret\">%s</code>"
                    " \xE2\x80\x94 pass it on safely; it will not be shown again.</p></div>\n",
                    created, created, created_pw);
    else if (created)
        html_printf(b,
                    "<div class=\"notice notice-ok\" role=\"status\"><p>Created the account "
                    "<a href=\"/u/%s\">%s</a>.</p></div>\n",
                    created, created);
    else if (claim_name && claim_token)
        html_printf(b,
                    "<div class=\"notice notice-ok\" role=\"status\"><p>Claim link for "
                    "<a href=\"/u/%s\">%s</a>: <code class=\"secret\" id=\"claim-link\">"
                    "%s://%s/claim?token=%s</code> \xE2\x80\x94 send it to that person only; "
                    "it works once, for 14 days.</p></div>\n",
                    claim_name, claim_name, r->secure ? "https" : "http",
                    req_header(r, "Host") ? req_header(r, "Host") : "localhost", claim_token);
    else if (req_query(r, "done"))
        form_notice_ok(r, "Done.");
    form_error_summary(r);

    html_printf(b,
                "<section aria-labelledby=\"users-h\">\n<h2 id=\"users-h\">Accounts "
                "<span class=\"count\">%lld</span></h2>\n",
                (long long)total);
    buf_puts(b, "<div class=\"table-scroll\"><table class=\"users\">\n<thead><tr>"
                "<th scope=\"col\">Name</th><th scope=\"col\">Role</th><th scope=\"col\">Status"
                "</th><th scope=\"col\">Trust level</th><th scope=\"col\">Joined</th><th "
                "scope=\"col\"><span "
                "class=\"visually-hidden\">Actions</span></th></tr></thead>\n<tbody>\n");
    for (i = 0; i < n; i++) {
        char iso[32];
        struct buf href = BUF_INIT;
        buf_puts(&href, "/u/");
        url_encode(&href, u[i].name);
        html_printf(b,
                    "<tr><td><a href=\"%s\">%s</a><br><span class=\"muted\">%s</span></td>"
                    "<td>%s</td><td>",
                    href.data, u[i].name, u[i].display_name,
                    u[i].is_admin ? "Administrator" : "Member");
        buf_release(&href);
        if (str_eq(u[i].status, "active"))
            buf_puts(b, "Active");
        else
            html_printf(b, "<span class=\"badge%s\">%s</span>",
                        str_eq(u[i].status, "suspended") ? " badge-warn" : "", u[i].status);
        buf_puts(b, "</td><td>");
        trust_cell(r, &u[i]);
        time_iso(u[i].created_at, iso);
        iso[10] = '\0';
        html_printf(b, "</td><td><time datetime=\"%s\">%s</time></td><td class=\"actions\">", iso,
                    iso);
        if (u[i].is_admin)
            user_action(r, u[i].name, "revoke_admin", "Remove admin", "button-secondary");
        else
            user_action(r, u[i].name, "make_admin", "Make admin", "button-secondary");
        if (str_eq(u[i].status, "unclaimed")) /* import feature */
            user_action(r, u[i].name, "claim_link", "Claim link", "button-secondary");
        if (str_eq(u[i].status, "suspended"))
            user_action(r, u[i].name, "unsuspend", "Reinstate", "button-secondary");
        else if (u[i].id != r->user_id)
            user_action(r, u[i].name, "suspend", "Suspend", "button-danger");
        buf_puts(b, "</td></tr>\n");
    }
    buf_puts(b, "</tbody></table></div>\n");
    if (pages > 1) {
        buf_puts(b, "<nav class=\"pager\" aria-label=\"Pages\">");
        if (page > 1)
            html_printf(b, "<a href=\"/admin/users?page=%lld\" rel=\"prev\">Previous</a> ",
                        (long long)(page - 1));
        html_printf(b, "<span>Page %lld of %lld</span>", (long long)page, (long long)pages);
        if (page < pages)
            html_printf(b, " <a href=\"/admin/users?page=%lld\" rel=\"next\">Next</a>",
                        (long long)(page + 1));
        buf_puts(b, "</nav>\n");
    }
    buf_puts(b, "</section>\n");

    buf_puts(b, "<section aria-labelledby=\"new-h\">\n<h2 id=\"new-h\">Create an account</h2>\n"
                "<form class=\"form\" method=\"post\" novalidate action=\"/admin/users\">\n");
    form_csrf(r);
    form_field(r, "text", "name", "User name", posted ? form_value(r, "name") : "", NULL,
               "required minlength=\"2\" maxlength=\"30\" autocomplete=\"off\" "
               "autocapitalize=\"none\" spellcheck=\"false\"");
    form_field(r, "text", "display_name", "Display name (optional)",
               posted ? form_value(r, "display_name") : "", NULL,
               "maxlength=\"60\" autocomplete=\"off\"");
    form_field(r, "password", "password", "Password (optional)", NULL,
               "Leave empty to generate a strong one, shown once.",
               "maxlength=\"256\" autocomplete=\"new-password\"");
    html_printf(b,
                "<div class=\"field choice\"><input type=\"checkbox\" id=\"is_admin\" "
                "name=\"is_admin\" value=\"1\"%s><label for=\"is_admin\">Administrator"
                "</label></div>\n",
                posted && req_form(r, "is_admin") ? " checked" : "");
    buf_puts(b, "<div class=\"form-actions\"><button type=\"submit\" class=\"button\">Create "
                "account</button></div>\n</form>\n</section>\n");
    page_end(r);
    return 0;
}

int page_admin_users(struct req *r)
{
    return users_page(r, 0, NULL, NULL, NULL, NULL);
}

int page_admin_users_post(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct account_new in;
    char gen[ACCOUNT_GENPW_LEN + 1];
    int generated = 0, rc;
    memset(&in, 0, sizeof(in));
    in.name = account_trim(r->arena, form_value(r, "name"));
    in.display_name = form_value(r, "display_name");
    in.password = form_value(r, "password");
    if (!*in.password) {
        account_generate_password(gen);
        in.password = gen;
        generated = 1;
    }
    in.is_admin = req_form(r, "is_admin") != NULL;
    rc = account_create(c, &in, NULL);
    if (rc < 0) {
        r->status = web_form_status(rc);
        return users_page(r, 1, NULL, NULL, NULL, NULL);
    }
    resp_header(r, "Cache-Control", "no-store");
    r->status = 201;
    return users_page(r, 0, in.name, generated ? arena_strdup(r->arena, gen) : NULL, NULL, NULL);
}

int page_admin_user_post(struct req *r)
{
    struct ctx *c = app_ctx(r);
    const char *name = r->params[0];
    const char *action = form_value(r, "action");
    int rc;
    if (str_eq(action, "make_admin"))
        rc = account_set_admin(c, name, 1);
    else if (str_eq(action, "revoke_admin"))
        rc = account_set_admin(c, name, 0);
    else if (str_eq(action, "suspend"))
        rc = account_set_status(c, name, "suspended");
    else if (str_eq(action, "unsuspend"))
        rc = account_set_status(c, name, "active");
    else if (str_eq(action, "trust")) { /* trust levels (domain/trust.h) */
        const char *lv = form_value(r, "level");
        struct user u;
        int64_t level = 0;
        rc = account_get(c, name, &u);
        if (rc == 0 && !str_eq(lv, "auto") &&
            (str_to_i64(lv, &level) < 0 || level < 0 || level > 4))
            rc =
                error_set(&r->err, ERR_INVALID, "level", "A trust level is 0 (new) to 4 (leader).");
        if (rc == 0)
            rc = trust_admin_set(c, u.id, level, !str_eq(lv, "auto"));
    } else if (str_eq(action, "claim_link")) { /* import feature */
        const char *token = NULL;
        rc = account_claim_create(c, name, &token);
        if (rc == 0) {
            resp_header(r, "Cache-Control", "no-store");
            return users_page(r, 0, NULL, NULL, name, token);
        }
    } else
        rc = error_set(&r->err, ERR_INVALID, "action",
                       "The action is one of make_admin, revoke_admin, suspend, unsuspend, "
                       "trust, claim_link.");
    if (rc == ERR_NOTFOUND)
        return rc;
    if (rc < 0) {
        r->status = web_form_status(rc);
        return users_page(r, 0, NULL, NULL, NULL, NULL);
    }
    return resp_redirect(r, "/admin/users?done=1");
}
