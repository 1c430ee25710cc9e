/* The notification email pages: /settings/notifications (how each kind of notification
 * reaches the member: in the app, by email soon after, or in the digest; plus the switches
 * for all notification email and the digest) and /mail/unsubscribe, reached from a link in
 * a message without signing in: GET shows what will stop and a button, POST applies it (the
 * signed token is the secret, so no CSRF token; RFC 8058 one-click POSTs come without
 * cookies). */
#include <string.h>

#include "core/html.h"
#include "core/util.h"
#include "domain/notify_mail.h"
#include "domain/report_mail.h"
#include "web/notify_mail.h"
#include "web/parts.h"
#include "web/web.h"

/* Human names of the kinds on the settings page. */
static const char *kind_label(const char *kind)
{
    static const struct {
        const char *kind, *label;
    } labels[] = {
        {"mention", "Someone mentions you"},
        {"reply_to", "A reply to your post"},
        {"quote", "Someone quotes you"},
        {"reply", "A reply in your discussion"},
        {"answer", "An answer to your question"},
        {"accepted", "Your answer is accepted"},
        {"moderation", "A moderator acts on your post"},
        {"event_changed", "An event you answered changes"},
        {"event_cancelled", "An event you answered is cancelled"},
        {"waitlist", "You get a place off a waitlist"},
        {"event_soon", "An event you go to starts in 24 hours"},
        {"watching", "New posts in threads you watch"},
        {"new_thread", "New threads where you watch"},
        {"upvote", "Up-vote milestones on your posts"},
        {"comment", "A comment on your post"},
        {"coaching", "Coaching: questions to coach, coaches' notes on yours"},
        {"flag_outcome", "A moderator decides on your flag"},
    };
    size_t i;
    for (i = 0; i < ARRAY_SIZE(labels); i++)
        if (str_eq(labels[i].kind, kind))
            return labels[i].label;
    return kind;
}

static void option(struct buf *b, const char *value, const char *label, const char *current)
{
    html_printf(b, "<option value=\"%s\"%s>%s</option>", value,
                str_eq(value, current) ? " selected" : "", label);
}

int page_settings_notifications(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct buf *b = &r->out;
    struct notify_pref_view *v;
    size_t n, i;
    int all_off, digest_off, health_on = 1;
    struct errinfo saved = r->err;
    if (notify_prefs_get(c, &v, &n, &all_off, &digest_off) < 0 ||
        report_mail_pref_get(c, &health_on) < 0)
        return r->err.code;
    r->err = saved;
    page_begin(r, "Notification email");
    buf_puts(b, "<h1>Settings</h1>\n");
    web_settings_nav(r, "/settings/notifications");
    if (req_query(r, "saved"))
        form_notice_ok(r, "Saved.");
    form_error_summary(r);
    buf_puts(b, "<p>Email goes only to a verified address (see Email). \"Email\" sends a "
                "message a few minutes after the notification, unless you have read it in the "
                "app by then; several at once come as one message.</p>\n");
    buf_puts(b, "<form class=\"form\" method=\"post\" action=\"/settings/notifications\">\n");
    form_csrf(r);
    buf_puts(b, "<fieldset><legend>All notification email</legend>\n<select name=\"all\" "
                "id=\"pref-all\" aria-label=\"All notification email\">");
    option(b, "on", "On (as chosen below)", all_off ? "off" : "on");
    option(b, "off", "Off: no notification email at all", all_off ? "off" : "on");
    buf_puts(b, "</select></fieldset>\n<table class=\"prefs\">\n<thead><tr><th scope=\"col\">"
                "When</th><th scope=\"col\">Deliver</th></tr></thead>\n<tbody>\n");
    for (i = 0; i < n; i++) {
        html_printf(b,
                    "<tr><td><label for=\"pref-%s\">%s</label></td><td><select name=\"%s\" "
                    "id=\"pref-%s\">",
                    v[i].kind, kind_label(v[i].kind), v[i].kind, v[i].kind);
        option(b, "app", "In the app only", v[i].mode);
        option(b, "email", "Email soon after", v[i].mode);
        option(b, "digest", "In the digest", v[i].mode);
        buf_puts(b, "</select></td></tr>\n");
    }
    buf_puts(b, "</tbody></table>\n<fieldset><legend>Digest</legend>\n<select name=\"digest\" "
                "id=\"pref-digest\" aria-label=\"Digest email\">");
    option(b, "on", "Send me the digest", digest_off ? "off" : "on");
    option(b, "off", "No digest", digest_off ? "off" : "on");
    buf_puts(b, "</select></fieldset>\n<fieldset><legend>Monthly community health</legend>\n"
                "<p class=\"hint\" id=\"pref-health-hint\">Coordinators get the headline numbers "
                "of their communities at the start of each month.</p><select name=\"health\" "
                "id=\"pref-health\" aria-label=\"Monthly community health summary\" "
                "aria-describedby=\"pref-health-hint\">");
    option(b, "on", "Send me the monthly summary", health_on ? "on" : "off");
    option(b, "off", "No monthly summary", health_on ? "on" : "off");
    buf_puts(b, "</select></fieldset>\n<div class=\"form-actions\"><button type=\"submit\" "
                "class=\"button\">Save</button></div>\n</form>\n");
    page_end(r);
    return 0;
}

int page_settings_notifications_post(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct notify_pref_view *v;
    size_t n, i, k = 0;
    int all_off, digest_off, rc;
    const char **kinds, **modes;
    if (notify_prefs_get(c, &v, &n, &all_off, &digest_off) < 0)
        return r->err.code;
    kinds = ARENA_ARRAY(r->arena, const char *, n + 3);
    modes = ARENA_ARRAY(r->arena, const char *, n + 3);
    for (i = 0; i < n; i++) {
        const char *m = form_value(r, v[i].kind);
        if (m && *m) {
            kinds[k] = v[i].kind;
            modes[k++] = m;
        }
    }
    if (form_value(r, "all") && *form_value(r, "all")) {
        kinds[k] = "all";
        modes[k++] = form_value(r, "all");
    }
    if (form_value(r, "digest") && *form_value(r, "digest")) {
        kinds[k] = "digest";
        modes[k++] = form_value(r, "digest");
    }
    if (form_value(r, "health") && *form_value(r, "health")) {
        kinds[k] = "health";
        modes[k++] = form_value(r, "health");
    }
    rc = notify_prefs_set(c, kinds, modes, k);
    if (rc == 0)
        return resp_redirect(r, "/settings/notifications?saved=1");
    if (rc != ERR_INVALID)
        return rc;
    r->status = web_form_status(rc);
    return page_settings_notifications(r);
}

/* The token of an unsubscribe request: the query's t, else the form's. */
static const char *unsub_token(struct req *r)
{
    const char *t = req_query(r, "t");
    if (!t || !*t)
        t = form_value(r, "t");
    return t;
}

static void unsub_headers(struct req *r)
{
    resp_header(r, "Cache-Control", "no-store");
    resp_header(r, "Referrer-Policy", "no-referrer");
}

int page_mail_unsubscribe(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct buf *b = &r->out;
    const char *t = unsub_token(r), *scope, *what;
    int64_t uid;
    int rc = notify_unsub_describe(c, t, &uid, &scope, &what);
    unsub_headers(r);
    if (rc < 0 && rc != ERR_NOTFOUND)
        return rc;
    r->status = rc == 0 ? 200 : 404;
    page_begin(r, rc == 0 ? "Unsubscribe" : "Link not valid");
    if (rc < 0) {
        html_printf(b, "<h1>Link not valid</h1>\n<p>%s</p>\n", r->err.msg);
        page_end(r);
        return 0;
    }
    html_printf(b, "<h1>Unsubscribe</h1>\n<p id=\"unsub-what\">%s</p>\n", what);
    html_printf(b,
                "<form method=\"post\" action=\"/mail/unsubscribe?t=%s\">\n"
                "<input type=\"hidden\" name=\"t\" value=\"%s\">\n"
                "<button type=\"submit\" class=\"button\">Unsubscribe</button>\n</form>\n"
                "<p class=\"aside\">You can change every choice later in <a "
                "href=\"/settings/notifications\">your notification settings</a>.</p>\n",
                t, t);
    page_end(r);
    return 0;
}

int page_mail_unsubscribe_post(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct buf *b = &r->out;
    int rc = notify_unsub_apply(c, unsub_token(r));
    unsub_headers(r);
    if (rc < 0 && rc != ERR_NOTFOUND)
        return rc;
    r->status = rc == 0 ? 200 : 404;
    page_begin(r, rc == 0 ? "Unsubscribed" : "Link not valid");
    if (rc < 0)
        html_printf(b, "<h1>Link not valid</h1>\n<p>%s</p>\n", r->err.msg);
    else
        buf_puts(b, "<h1>Unsubscribed</h1>\n<p id=\"unsub-done\">Done: you will not get this "
                    "email any more.</p>\n");
    page_end(r);
    return 0;
}
