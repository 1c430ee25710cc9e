/* The Digest section of the settings pages (/settings/digest): how often a member who has
 * not visited gets a summary by email (off, daily, weekly). The rules are in
 * domain/digest.c. */
#include "core/html.h"
#include "domain/digest.h"
#include "web/digest.h"
#include "web/parts.h"
#include "web/web.h"
#include "core/util.h"

static int digest_form(struct req *r, const char *value)
{
    static const struct {
        const char *value, *label, *hint;
    } ch[] = {
        {"weekly", "Weekly", "At most once a week, when you have not visited that week."},
        {"daily", "Daily", "At most once a day, when you have not visited that day."},
        {"off", "Off", "No digests."},
    };
    struct ctx *c = app_ctx(r);
    struct buf *b = &r->out;
    struct errinfo saved = r->err;
    enum digest_freq f;
    int64_t last = 0;
    const char *cur;
    size_t i;
    int bad;
    if (digest_pref_get(c, &f, &last) < 0)
        return r->err.code;
    r->err = saved;
    cur = value ? value : digest_freq_name(f);
    bad = r->err.code && str_eq(r->err.field, "frequency");
    page_begin(r, "Digest");
    buf_puts(b, "<h1>Settings</h1>\n");
    web_settings_nav(r, "/settings/digest");
    if (req_query(r, "saved"))
        form_notice_ok(r, "Saved.");
    form_error_summary(r);
    buf_puts(b, "<p>A digest is an email with the new and top threads of your communities and "
                "watched tags, questions you could answer, upcoming events and your articles due "
                "for review. It is sent only when you have not visited since the last one, and "
                "only to a verified address (see Email).</p>\n");
    buf_puts(b, "<form class=\"form\" method=\"post\" novalidate action=\"/settings/digest\">\n");
    form_csrf(r);
    html_printf(b, "<fieldset class=\"field%s\" id=\"frequency\"", bad ? " field-invalid" : "");
    if (bad)
        buf_puts(b, " aria-describedby=\"frequency-error\"");
    buf_puts(b, ">\n<legend>How often</legend>\n");
    form_field_error(r, "frequency");
    for (i = 0; i < ARRAY_SIZE(ch); i++)
        html_printf(b,
                    "<div class=\"choice\"><input type=\"radio\" id=\"frequency-%s\" "
                    "name=\"frequency\" value=\"%s\"%s><label for=\"frequency-%s\">%s"
                    "<span class=\"hint\">%s</span></label></div>\n",
                    ch[i].value, ch[i].value, str_eq(ch[i].value, cur) ? " checked" : "",
                    ch[i].value, ch[i].label, ch[i].hint);
    buf_puts(b, "</fieldset>\n<div class=\"form-actions\"><button type=\"submit\" "
                "class=\"button\">Save</button></div>\n</form>\n");
    page_end(r);
    return 0;
}

int page_settings_digest(struct req *r)
{
    return digest_form(r, NULL);
}

int page_settings_digest_post(struct req *r)
{
    struct ctx *c = app_ctx(r);
    const char *f = form_value(r, "frequency");
    int rc = digest_pref_set(c, f ? f : "");
    if (rc == 0)
        return resp_redirect(r, "/settings/digest?saved=1");
    r->status = web_form_status(rc);
    return digest_form(r, f);
}
