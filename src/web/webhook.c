/* Webhook pages (see webhook.h). A community's pages and the instance's share every piece:
 * a scope says which hooks are shown and where the forms post. The secret is shown on the
 * page that answers a creation, a "Reveal" or a "Rotate" (all POSTs with the CSRF token),
 * never in a GET. The rules are in domain/webhook.c. */
#include <string.h>

#include "core/html.h"
#include "core/timeutil.h"
#include "domain/account.h"
#include "domain/community.h"
#include "domain/webhook.h"
#include "domain/webhook_manage.h"
#include "web/parts.h"
#include "web/web.h"
#include "web/webhook.h"
#include "core/util.h"

struct scope {
    struct community cm; /* the community (when is_cm) */
    int is_cm;           /* 0 = the instance hooks */
    const char *base;    /* "/c/SLUG/webhooks" or "/admin/webhooks" */
    size_t id_param;     /* index of :id in r->params */
};

static int scope_load(struct req *r, int is_cm, struct scope *s)
{
    memset(s, 0, sizeof(*s));
    s->is_cm = is_cm;
    if (!is_cm) {
        s->base = "/admin/webhooks";
        return 0;
    }
    s->id_param = 1;
    if (community_get(app_ctx(r), r->params[0], &s->cm) < 0)
        return r->err.code;
    s->base = arena_printf(r->arena, "/c/%s/webhooks", s->cm.slug);
    return 0;
}

static const struct community *scope_cm(const struct scope *s)
{
    return s->is_cm ? &s->cm : NULL;
}

/* The hook of the URL, in this scope (a hook of another community reads as unknown). */
static int hook_load(struct req *r, const struct scope *s, struct webhook *w)
{
    int64_t id;
    int rc = req_param_id(r, s->id_param, "No such webhook.", &id);
    if (rc < 0 || (rc = webhook_get(app_ctx(r), id, w)) < 0)
        return rc;
    if (s->is_cm ? w->community_id != s->cm.id : w->community_id != 0)
        return error_set(&r->err, ERR_NOTFOUND, NULL, "No such webhook.");
    return 0;
}

static void nav(struct req *r, const struct scope *s, const char *title)
{
    struct buf *b = &r->out;
    if (s->is_cm) {
        html_printf(b,
                    "<p class=\"breadcrumb\"><a href=\"/c/%s\">%s</a> › <a href=\"/c/%s/edit\">"
                    "Settings</a></p>\n<h1>%s</h1>\n",
                    s->cm.slug, s->cm.name, s->cm.slug, title);
        return;
    }
    buf_puts(b, "<h1>Administration</h1>\n");
    web_admin_nav(r, "/admin/webhooks");
    html_printf(b, "<h2>%s</h2>\n", title);
}

/* The event checkboxes; checked: the current list ("a b") unless the form came back. */
static void events_fieldset(struct req *r, const char *checked)
{
    const char *const *types;
    size_t n = webhook_event_types(&types), i;
    const char **cur;
    size_t ncur, j;
    webhook_events_split(r->arena, checked ? checked : "", &cur, &ncur);
    buf_puts(&r->out, "<fieldset class=\"field\" id=\"events\"><legend>Events</legend>\n");
    form_field_error(r, "events");
    for (i = 0; i < n; i++) {
        const char *key = arena_printf(r->arena, "ev-%s", types[i]);
        int on = 0;
        if (r->err.code)
            on = req_form(r, key) != NULL;
        else
            for (j = 0; j < ncur; j++)
                on |= !strcmp(cur[j], types[i]);
        html_printf(&r->out,
                    "<label class=\"check\"><input type=\"checkbox\" name=\"%s\" value=\"1\"%s> "
                    "<code>%s</code></label>\n",
                    key, on ? " checked" : "", types[i]);
    }
    buf_puts(&r->out, "</fieldset>\n");
}

/* The chosen events of the form (arena array). */
static void events_from_form(struct req *r, struct webhook_input *in)
{
    const char *const *types;
    size_t n = webhook_event_types(&types), i;
    const char **out = arena_alloc(r->arena, (n + 1) * sizeof(*out));
    in->nevents = 0;
    for (i = 0; i < n; i++)
        if (req_form(r, arena_printf(r->arena, "ev-%s", types[i])))
            out[in->nevents++] = types[i];
    in->events = out;
}

/* ------------------------------------------------------------------------------------------ */
/* The list */

static int list_page(struct req *r, const struct scope *s)
{
    struct ctx *c = app_ctx(r);
    struct buf *b = &r->out;
    struct webhook *w;
    size_t n = 0, i;
    struct errinfo saved = r->err;
    if (webhook_list(c, scope_cm(s), &w, &n) < 0)
        return r->err.code;
    r->err = saved;
    page_begin(r, "Webhooks");
    nav(r, s, "Webhooks");
    if (req_query(r, "deleted"))
        form_notice_ok(r, "The webhook is deleted.");
    if (req_query(r, "saved"))
        form_notice_ok(r, "Saved.");
    form_error_summary(r);
    html_printf(b,
                "<p>Webhooks send %s events to other tools as signed JSON over HTTPS, as they "
                "happen. The payloads and how to check their signature are described in the "
                "API documentation (docs/api.md, “Webhooks”).</p>\n",
                s->is_cm ? s->cm.name : "every community's");
    buf_puts(b, "<section id=\"webhooks\">\n");
    if (!n) {
        buf_puts(b, "<p>No webhooks yet.</p>\n");
    } else {
        buf_puts(b, "<table><thead><tr><th>Address</th><th>Events</th><th>State</th>"
                    "<th>Owner</th></tr></thead><tbody>\n");
        for (i = 0; i < n; i++)
            html_printf(b,
                        "<tr><td><a href=\"%s/%lld\">%s</a></td><td>%s</td><td>%s%s%s</td>"
                        "<td>%s</td></tr>\n",
                        s->base, (long long)w[i].id, w[i].url, w[i].events,
                        w[i].active ? "on" : "off", *w[i].disabled_reason ? ": " : "",
                        w[i].disabled_reason, w[i].owner_name);
        buf_puts(b, "</tbody></table>\n");
    }
    buf_puts(b, "</section>\n<section id=\"webhook-new\">\n<h2>Add a webhook</h2>\n");
    html_printf(b, "<form class=\"form\" method=\"post\" novalidate action=\"%s\">\n", s->base);
    form_csrf(r);
    form_field(r, "url", "url", "Address (HTTPS)", form_value(r, "url"),
               "Where to POST the events, like https://example.org/hooks/praxis. Only public "
               "addresses are called.",
               "required maxlength=\"500\" spellcheck=\"false\"");
    events_fieldset(r, "thread.created post.created");
    buf_puts(b, "<div class=\"form-actions\"><button type=\"submit\" class=\"button\">Add "
                "webhook</button></div>\n</form>\n</section>\n");
    if (!s->is_cm) {
        buf_puts(b, "<section id=\"webhook-settings\">\n<h2>Settings</h2>\n<form class=\"form\" "
                    "method=\"post\" action=\"/admin/webhooks/settings\">\n");
        form_csrf(r);
        form_field(r, "textarea", "webhook_allow", "Allowed private addresses",
                   settings_get(c, "webhook_allow", ""),
                   "Addresses or blocks (like 10.0.0.0/8) webhooks may reach although they are "
                   "not public, separated by commas. Empty: public addresses only.",
                   "rows=\"2\" spellcheck=\"false\"");
        form_field(r, "text", "webhook_ca_file", "Extra CA certificates",
                   settings_get(c, "webhook_ca_file", ""),
                   "Absolute path of a PEM file of certificate authorities to trust besides "
                   "the system's (for receivers with a private CA).",
                   "spellcheck=\"false\" maxlength=\"500\"");
        form_field(r, "number", "webhook_retry_base", "First retry after (seconds)",
                   settings_get(c, "webhook_retry_base", "60"),
                   "A failed delivery is tried again after this long, then twice as long each "
                   "time (at most an hour apart), for 24 hours.",
                   "min=\"0\" max=\"100000\"");
        form_field(r, "number", "webhook_disable_after", "Turn off after failing for (seconds)",
                   settings_get(c, "webhook_disable_after", "259200"),
                   "A webhook with no success for this long is turned off and its owner told "
                   "(259200 = 3 days).",
                   "min=\"0\" max=\"31536000\"");
        buf_puts(b, "<div class=\"form-actions\"><button type=\"submit\" class=\"button\">Save"
                    "</button></div>\n</form>\n</section>\n");
    }
    page_end(r);
    return 0;
}

static int hook_page(struct req *r, const struct scope *s, const struct webhook *w,
                     const char *secret, const char *notice);

static int create(struct req *r, const struct scope *s)
{
    struct webhook_input in = {0};
    struct webhook w;
    int rc;
    in.url = account_trim(r->arena, form_value(r, "url"));
    events_from_form(r, &in);
    rc = webhook_create(app_ctx(r), scope_cm(s), &in, &w);
    if (rc < 0) {
        if (!web_form_error(rc))
            return rc;
        r->status = web_form_status(rc);
        return list_page(r, s);
    }
    r->status = 201;
    resp_header(r, "Cache-Control", "no-store");
    return hook_page(r, s, &w, w.secret,
                     "The webhook is added. Copy its secret now: your receiver needs it to "
                     "check signatures.");
}

/* ------------------------------------------------------------------------------------------ */
/* One hook */

static int hook_page(struct req *r, const struct scope *s, const struct webhook *w,
                     const char *secret, const char *notice)
{
    struct ctx *c = app_ctx(r);
    struct buf *b = &r->out;
    struct webhook_delivery *d;
    struct webhook_attempt *t;
    size_t nd = 0, nt = 0, i;
    struct errinfo saved = r->err;
    char when[32];
    if (webhook_log(c, w, 50, &d, &nd, &t, &nt) < 0)
        return r->err.code;
    r->err = saved;
    page_begin(r, "Webhook");
    nav(r, s, "Webhook");
    if (notice)
        form_notice_ok(r, notice);
    if (req_query(r, "saved"))
        form_notice_ok(r, "Saved.");
    if (req_query(r, "redelivered"))
        form_notice_ok(r, "The delivery is queued again.");
    form_error_summary(r);
    html_printf(b, "<p><a href=\"%s\">All webhooks</a></p>\n", s->base);
    html_printf(b, "<p id=\"webhook-state\">Sends to <code>%s</code>: %s%s%s.</p>\n", w->url,
                w->active ? "on" : "off", *w->disabled_reason ? ", it " : "", w->disabled_reason);
    if (secret)
        html_printf(b,
                    "<div class=\"notice\" role=\"status\"><p>Secret: <code id=\"webhook-secret\">"
                    "%s</code></p></div>\n",
                    secret);

    html_printf(b,
                "<section id=\"webhook-edit\">\n<h2>Change</h2>\n<form class=\"form\" "
                "method=\"post\" novalidate action=\"%s/%lld\">\n",
                s->base, (long long)w->id);
    form_csrf(r);
    form_field(r, "url", "url", "Address (HTTPS)", r->err.code ? form_value(r, "url") : w->url,
               NULL, "required maxlength=\"500\" spellcheck=\"false\"");
    events_fieldset(r, w->events);
    html_printf(b,
                "<div class=\"field\"><label class=\"check\"><input type=\"checkbox\" "
                "name=\"active\" value=\"1\"%s> On</label></div>\n",
                (r->err.code ? req_form(r, "active") != NULL : w->active) ? " checked" : "");
    buf_puts(b, "<div class=\"form-actions\"><button type=\"submit\" class=\"button\">Save"
                "</button></div>\n</form>\n</section>\n");

    html_printf(b,
                "<section id=\"webhook-secret-actions\">\n<h2>Secret</h2>\n<p>Every delivery is "
                "signed with the secret (header X-Praxis-Signature). Rotating it makes a new "
                "one at once: update your receiver.</p>\n<form class=\"inline\" method=\"post\" "
                "action=\"%s/%lld/secret\">",
                s->base, (long long)w->id);
    form_csrf(r);
    buf_puts(b, "<button type=\"submit\" name=\"action\" value=\"reveal\" class=\"button "
                "button-secondary\">Reveal secret</button> <button type=\"submit\" "
                "name=\"action\" value=\"rotate\" class=\"button button-secondary\">Rotate "
                "secret</button></form>\n");
    html_printf(b, "<form class=\"inline\" method=\"post\" action=\"%s/%lld/delete\">", s->base,
                (long long)w->id);
    form_csrf(r);
    buf_puts(b, "<button type=\"submit\" class=\"button button-danger\">Delete webhook</button>"
                "</form>\n</section>\n");

    buf_puts(b, "<section id=\"webhook-deliveries\">\n<h2>Deliveries</h2>\n");
    if (!nd) {
        buf_puts(b, "<p>None yet.</p>\n");
    } else {
        buf_puts(b, "<table><thead><tr><th>Delivery</th><th>Event</th><th>Time</th><th>State"
                    "</th><th>Tries</th><th>Response</th><th>Duration</th><th>Error</th><th>"
                    "</th></tr></thead><tbody>\n");
        for (i = 0; i < nd; i++) {
            time_iso(d[i].last_at ? d[i].last_at : d[i].created_at, when);
            html_printf(b,
                        "<tr id=\"delivery-%lld\"><td>%lld</td><td><code>%s</code></td><td>%s"
                        "</td><td>%s</td><td>%lld</td><td>%lld</td><td>%lld ms</td><td>%s</td>"
                        "<td><form method=\"post\" action=\"%s/%lld/deliveries/%lld/redeliver\">",
                        (long long)d[i].id, (long long)d[i].id, d[i].event_type, when, d[i].state,
                        (long long)d[i].attempts, (long long)d[i].last_code,
                        (long long)d[i].last_ms, d[i].last_error, s->base, (long long)w->id,
                        (long long)d[i].id);
            form_csrf(r);
            buf_puts(b, "<button type=\"submit\" class=\"button button-small\">Redeliver"
                        "</button></form></td></tr>\n");
        }
        buf_puts(b, "</tbody></table>\n");
    }
    buf_puts(b, "</section>\n<section id=\"webhook-attempts\">\n<h2>Attempts</h2>\n");
    if (!nt) {
        buf_puts(b, "<p>None yet.</p>\n");
    } else {
        buf_puts(b, "<table><thead><tr><th>Time</th><th>Delivery</th><th>Event</th><th>Status"
                    "</th><th>Response</th><th>Duration</th><th>Error</th></tr></thead>"
                    "<tbody>\n");
        for (i = 0; i < nt; i++) {
            time_iso(t[i].at, when);
            html_printf(b,
                        "<tr><td>%s</td><td>%lld</td><td><code>%s</code></td><td>%s</td>"
                        "<td>%lld</td><td>%lld ms</td><td>%s</td></tr>\n",
                        when, (long long)t[i].delivery_id, t[i].event_type,
                        t[i].ok ? "ok" : "failed", (long long)t[i].code, (long long)t[i].ms,
                        t[i].error);
        }
        buf_puts(b, "</tbody></table>\n");
    }
    buf_puts(b, "</section>\n");
    page_end(r);
    return 0;
}

static int view(struct req *r, int is_cm)
{
    struct scope s;
    struct webhook w;
    int rc;
    if ((rc = scope_load(r, is_cm, &s)) < 0 || (rc = hook_load(r, &s, &w)) < 0)
        return rc;
    return hook_page(r, &s, &w, NULL, NULL);
}

static int update(struct req *r, int is_cm)
{
    struct scope s;
    struct webhook w;
    struct webhook_input in = {0};
    int rc;
    if ((rc = scope_load(r, is_cm, &s)) < 0 || (rc = hook_load(r, &s, &w)) < 0)
        return rc;
    in.url = account_trim(r->arena, form_value(r, "url"));
    events_from_form(r, &in);
    in.has_active = 1;
    in.active = req_form(r, "active") != NULL;
    rc = webhook_update(app_ctx(r), &w, &in);
    if (rc < 0) {
        if (!web_form_error(rc))
            return rc;
        r->status = web_form_status(rc);
        return hook_page(r, &s, &w, NULL, NULL);
    }
    return resp_redirect(r, arena_printf(r->arena, "%s/%lld?saved=1", s.base, (long long)w.id));
}

static int secret(struct req *r, int is_cm)
{
    struct scope s;
    struct webhook w;
    const char *action = form_value(r, "action");
    int rc;
    if ((rc = scope_load(r, is_cm, &s)) < 0 || (rc = hook_load(r, &s, &w)) < 0)
        return rc;
    resp_header(r, "Cache-Control", "no-store");
    if (!strcmp(action, "rotate")) {
        if ((rc = webhook_rotate(app_ctx(r), &w)) < 0)
            return rc;
        return hook_page(r, &s, &w, w.secret, "The secret is new: the old one no longer signs.");
    }
    return hook_page(r, &s, &w, w.secret, NULL);
}

static int delete_hook(struct req *r, int is_cm)
{
    struct scope s;
    struct webhook w;
    int rc;
    if ((rc = scope_load(r, is_cm, &s)) < 0 || (rc = hook_load(r, &s, &w)) < 0 ||
        (rc = webhook_delete(app_ctx(r), &w)) < 0)
        return rc;
    return resp_redirect(r, arena_printf(r->arena, "%s?deleted=1", s.base));
}

static int redeliver(struct req *r, int is_cm)
{
    struct scope s;
    struct webhook w;
    int64_t did, nid;
    int rc;
    if ((rc = scope_load(r, is_cm, &s)) < 0 || (rc = hook_load(r, &s, &w)) < 0 ||
        (rc = req_param_id(r, s.id_param + 1, "No such delivery.", &did)) < 0 ||
        (rc = webhook_redeliver(app_ctx(r), &w, did, &nid)) < 0)
        return rc;
    return resp_redirect(r,
                         arena_printf(r->arena, "%s/%lld?redelivered=1", s.base, (long long)w.id));
}

/* ------------------------------------------------------------------------------------------ */
/* Handlers */

int page_community_webhooks(struct req *r)
{
    struct scope s;
    int rc = scope_load(r, 1, &s);
    return rc < 0 ? rc : list_page(r, &s);
}

int page_community_webhooks_post(struct req *r)
{
    struct scope s;
    int rc = scope_load(r, 1, &s);
    return rc < 0 ? rc : create(r, &s);
}

int page_community_webhook(struct req *r)
{
    return view(r, 1);
}

int page_community_webhook_post(struct req *r)
{
    return update(r, 1);
}

int page_community_webhook_secret(struct req *r)
{
    return secret(r, 1);
}

int page_community_webhook_delete(struct req *r)
{
    return delete_hook(r, 1);
}

int page_community_webhook_redeliver(struct req *r)
{
    return redeliver(r, 1);
}

int page_admin_webhooks(struct req *r)
{
    struct scope s;
    scope_load(r, 0, &s);
    return list_page(r, &s);
}

int page_admin_webhooks_post(struct req *r)
{
    struct scope s;
    scope_load(r, 0, &s);
    return create(r, &s);
}

int page_admin_webhooks_settings(struct req *r)
{
    static const char *const keys[] = {"webhook_allow", "webhook_ca_file", "webhook_retry_base",
                                       "webhook_disable_after"};
    struct scope s;
    size_t i;
    scope_load(r, 0, &s);
    for (i = 0; i < ARRAY_SIZE(keys); i++) {
        const char *v = req_form(r, keys[i]);
        int rc;
        if (!v)
            continue;
        rc = settings_set(app_ctx(r), keys[i], account_trim(r->arena, v));
        if (rc < 0) {
            r->status = web_form_status(rc);
            return list_page(r, &s);
        }
    }
    return resp_redirect(r, "/admin/webhooks?saved=1");
}

int page_admin_webhook(struct req *r)
{
    return view(r, 0);
}

int page_admin_webhook_post(struct req *r)
{
    return update(r, 0);
}

int page_admin_webhook_secret(struct req *r)
{
    return secret(r, 0);
}

int page_admin_webhook_delete(struct req *r)
{
    return delete_hook(r, 0);
}

int page_admin_webhook_redeliver(struct req *r)
{
    return redeliver(r, 0);
}
