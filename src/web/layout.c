/* The look shared by every page: the document head (title, stylesheet, CSRF meta tag), the
 * site header with its navigation, the <main> landmark and the footer; form pieces (the
 * hidden CSRF input, labelled fields with inline errors, the error summary); and the HTML
 * error page. Everything from data goes through html_printf/html_text/html_attr. */
#include <string.h>

#include "core/html.h"
#include "core/timeutil.h"
#include "web/parts.h"
#include "core/util.h"

const char *page_instance_name(struct req *r)
{
    const char *name = NULL;
    if (r->tctx) {
        struct ctx *c = app_ctx(r);
        struct errinfo saved = r->err; /* a failed read must not replace the page's error */
        name = settings_get(c, "instance_name", "Praxis");
        r->err = saved;
    }
    return name && *name ? name : "Praxis";
}

/* 1 if the current path is prefix or lies under it (for aria-current). */
static int path_under(struct req *r, const char *prefix)
{
    size_t n = strlen(prefix);
    if (!r->path || strncmp(r->path, prefix, n))
        return 0;
    return r->path[n] == '\0' || r->path[n] == '/';
}

/* Trusted attribute fragments are appended with buf_puts: html_printf escapes every %s. */
static void nav_link(struct req *r, const char *href, const char *label, int current)
{
    html_printf(&r->out, "<li><a href=\"%s\"", href);
    if (current)
        buf_puts(&r->out, " aria-current=\"page\"");
    html_printf(&r->out, ">%s</a></li>", label);
}

void page_begin(struct req *r, const char *title)
{
    page_begin_feeds(r, title, NULL, 0);
}

void page_begin_feeds(struct req *r, const char *title, const struct page_feed *feeds, size_t n)
{
    struct buf *b = &r->out;
    const char *site = page_instance_name(r);
    size_t i;

    const char *theme = app_theme(r);
    int64_t unread = web_notifications_unread(r);

    /* The member's theme is an attribute on <html>, in the first bytes of the page, so the
       stylesheet applies it before anything is drawn (no flash of the other scheme);
       "system" leaves it to prefers-color-scheme. */
    /* the administrator allowed images from other sites in Markdown: let them load */
    r->img_https = str_eq(settings_get(app_ctx(r), "external_images", "off"), "on");
    buf_puts(b, "<!doctype html>\n");
    if (str_eq(theme, "light"))
        buf_puts(b, "<html lang=\"en\" data-theme=\"light\">\n<head>\n<meta charset=\"utf-8\">\n"
                    "<meta name=\"color-scheme\" content=\"light\">\n");
    else if (str_eq(theme, "dark"))
        buf_puts(b, "<html lang=\"en\" data-theme=\"dark\">\n<head>\n<meta charset=\"utf-8\">\n"
                    "<meta name=\"color-scheme\" content=\"dark\">\n");
    else
        buf_puts(b, "<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                    "<meta name=\"color-scheme\" content=\"light dark\">\n");
    buf_puts(b, "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    html_printf(b, "<meta name=\"csrf-token\" content=\"%s\">\n",
                r->csrf_token ? r->csrf_token : "");
    if (title && *title)
        html_printf(b, "<title>%s \xC2\xB7 %s</title>\n", title, site);
    else
        html_printf(b, "<title>%s</title>\n", site);
    buf_puts(b, "<link rel=\"icon\" href=\"/favicon.ico\" type=\"image/svg+xml\">\n");
    html_printf(b, "<link rel=\"stylesheet\" href=\"%s\">\n", static_url(r, "praxis.css"));
    html_printf(b, "<script src=\"%s\" defer></script>\n", static_url(r, "praxis.js"));
    for (i = 0; i < n; i++) /* feeds: web/parts_feed.c */
        if (feeds[i].open)
            html_printf(b,
                        "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"%s\" "
                        "href=\"%s\">\n",
                        feeds[i].title, feeds[i].href);
    /* composers' upload button, paste and drag-and-drop (web/parts_upload.c) */
    html_printf(b, "<script src=\"%s\" defer></script>\n", static_url(r, "upload.js"));
    buf_puts(b, "</head>\n<body>\n"
                "<a class=\"skip-link\" href=\"#main\">Skip to content</a>\n"
                "<header class=\"site-header\">\n<div class=\"header-inner\">\n");
    html_printf(b,
                "<a class=\"brand\" href=\"/\"><span class=\"brand-mark\" aria-hidden=\"true\">"
                "</span><span class=\"brand-name\">%s</span></a>\n",
                site);
    /* search: the instance-wide box (web/search.c); named so that a page's own search
       landmark (the search page, a community's box) stays distinguishable from it */
    buf_puts(b, "<form class=\"site-search\" method=\"get\" action=\"/search\" role=\"search\" "
                "aria-label=\"Site\">"
                "<label class=\"visually-hidden\" for=\"site-q\">Search</label>"
                "<input type=\"search\" id=\"site-q\" name=\"q\" placeholder=\"Search\" "
                "maxlength=\"500\"></form>\n");
    /* The navigation sits in a <details>: on a phone its summary is the menu button (no
       script needed); on a wide screen the stylesheet shows the content inline and hides
       the summary (praxis.js also opens it there for browsers without ::details-content). */
    buf_puts(b, "<details class=\"site-menu\"><summary class=\"menu-button\">"
                "<svg aria-hidden=\"true\" focusable=\"false\" width=\"20\" height=\"20\" "
                "viewBox=\"0 0 24 24\" fill=\"none\" stroke=\"currentColor\" stroke-width=\"2\" "
                "stroke-linecap=\"round\"><path d=\"M4 6h16M4 12h16M4 18h16\"/></svg>"
                "<span>Menu</span>");
    if (unread) /* the bell is inside the menu: its count shows on the button too */
        html_printf(b,
                    " <span class=\"count unread-count\"><span class=\"visually-hidden\">, "
                    "unread notifications: </span>%lld</span>",
                    (long long)unread);
    buf_puts(b, "</summary>\n<div class=\"menu-panel\">\n");
    buf_puts(b, "<nav class=\"nav-main\" aria-label=\"Main\"><ul>");
    nav_link(r, "/communities", "Communities",
             path_under(r, "/communities") || path_under(r, "/c"));
    nav_link(r, "/who-knows", "Who knows", path_under(r, "/who-knows")); /* expertise */
    buf_puts(b, "</ul></nav>\n");
    buf_puts(b, "<nav class=\"nav-account\" aria-label=\"Account\"><ul>");
    if (r->user_id) {
        const char *name = r->user_name ? r->user_name : "";
        struct buf href = BUF_INIT;
        buf_puts(&href, "/u/");
        url_encode(&href, name);
        nav_link(r, href.data, name, r->path && str_eq(r->path, href.data));
        buf_release(&href);
        web_notifications_nav(r, unread); /* web/parts_notification.c: the bell */
        nav_link(r, "/settings/profile", "Settings", path_under(r, "/settings"));
        if (r->is_admin)
            nav_link(r, "/admin", "Admin", path_under(r, "/admin"));
        buf_puts(b, "<li><form class=\"signout\" method=\"post\" action=\"/signout\">");
        form_csrf(r);
        buf_puts(b, "<button type=\"submit\" class=\"link-button\">Sign out</button></form></li>");
    } else {
        nav_link(r, "/signin", "Sign in", path_under(r, "/signin"));
        buf_puts(b, "<li><a class=\"button button-small\" href=\"/signup\"");
        if (path_under(r, "/signup"))
            buf_puts(b, " aria-current=\"page\"");
        buf_puts(b, ">Sign up</a></li>");
    }
    buf_puts(b, "</ul></nav>\n</div></details>\n</div>\n</header>\n"
                "<main id=\"main\" tabindex=\"-1\">\n");
    if (r->user_id) /* live updates of the bell's count (web/parts_live.c) */
        web_live(r, arena_printf(r->arena, "user:%lld", (long long)r->user_id));
}

void page_end(struct req *r)
{
    struct buf *b = &r->out;
    const char *site = page_instance_name(r);
    buf_puts(b, "</main>\n<footer class=\"site-footer\">\n");
    if (str_eq(site, "Praxis"))
        buf_puts(b, "<p>Praxis \xC2\xB7 a home for communities of practice</p>\n");
    else
        html_printf(b, "<p>%s \xC2\xB7 powered by Praxis</p>\n", site);
    buf_puts(b, "</footer>\n</body>\n</html>\n");
}

void form_csrf(struct req *r)
{
    html_printf(&r->out, "<input type=\"hidden\" name=\"_csrf\" value=\"%s\">",
                r->csrf_token ? r->csrf_token : "");
}

/* 1 if r->err is about field. */
int form_error_note(struct req *r, int rc, const struct errinfo *e)
{
    size_t i;
    if (rc >= 0)
        return rc;
    if (r->err.code == ERR_OK)
        r->err = *e;
    for (i = 0; i < r->nform_errs; i++)
        if (str_eq(r->form_errs[i].field, e->field))
            return rc; /* one message per field: the first */
    if (r->nform_errs >= FORM_ERRORS_MAX)
        return rc;
    if (!r->form_errs)
        r->form_errs = ARENA_ARRAY(r->arena, struct errinfo, FORM_ERRORS_MAX);
    r->form_errs[r->nform_errs++] = *e;
    return rc;
}

size_t form_error_count(struct req *r)
{
    if (r->nform_errs)
        return r->nform_errs;
    return r->err.code != ERR_OK;
}

static const char *err_text(const struct errinfo *e)
{
    return e->msg[0] ? e->msg : err_default_message(e->code);
}

int form_field_has_error(struct req *r, const char *field, const char **msg)
{
    size_t i;
    if (!field || !*field)
        return 0;
    for (i = 0; i < r->nform_errs; i++)
        if (str_eq(r->form_errs[i].field, field)) {
            if (msg)
                *msg = err_text(&r->form_errs[i]);
            return 1;
        }
    if (r->err.code != ERR_OK && r->err.field[0] && str_eq(r->err.field, field)) {
        if (msg)
            *msg = err_text(&r->err);
        return 1;
    }
    return 0;
}

static int err_on(struct req *r, const char *field)
{
    return form_field_has_error(r, field, NULL);
}

void form_field_error(struct req *r, const char *field)
{
    const char *msg;
    if (!form_field_has_error(r, field, &msg))
        return;
    html_printf(&r->out, "<p class=\"field-error\" id=\"%s-error\">%s</p>", field, msg);
}

void form_error_summary(struct req *r)
{
    size_t i, n = r->nform_errs;
    int in_list = 0;
    if (r->err.code == ERR_OK)
        return;
    for (i = 0; i < n; i++)
        in_list |= str_eq(r->form_errs[i].field, r->err.field) && r->err.field[0];
    if (n + !in_list <= 1) {
        const char *msg = err_text(&r->err);
        buf_puts(&r->out, "<div class=\"notice notice-error\" role=\"alert\">");
        if (r->err.field[0]) /* the same words as next to the field, linked to it */
            html_printf(&r->out,
                        "<p class=\"notice-title\">There is a problem</p>"
                        "<p><a href=\"#%s\">%s</a></p>",
                        r->err.field, msg);
        else
            html_printf(&r->out, "<p>%s</p>", msg);
        buf_puts(&r->out, "</div>\n");
        return;
    }
    /* Several: one linked line per field, in the order of the form. */
    html_printf(&r->out,
                "<div class=\"notice notice-error\" role=\"alert\">"
                "<p class=\"notice-title\">There are %zu problems</p><ul class=\"error-list\">",
                n + !in_list);
    if (!in_list)
        html_printf(&r->out, "<li>%s</li>", err_text(&r->err));
    for (i = 0; i < n; i++) {
        if (r->form_errs[i].field[0])
            html_printf(&r->out, "<li><a href=\"#%s\">%s</a></li>", r->form_errs[i].field,
                        err_text(&r->form_errs[i]));
        else
            html_printf(&r->out, "<li>%s</li>", err_text(&r->form_errs[i]));
    }
    buf_puts(&r->out, "</ul></div>\n");
}

void form_field(struct req *r, const char *type, const char *name, const char *label,
                const char *value, const char *hint, const char *attrs)
{
    struct buf *b = &r->out;
    int bad = err_on(r, name);
    int textarea = str_eq(type, "textarea");
    html_printf(b, "<div class=\"field%s\">\n<label for=\"%s\">%s</label>\n",
                bad ? " field-invalid" : "", name, label);
    if (hint && *hint)
        html_printf(b, "<p class=\"hint\" id=\"%s-hint\">%s</p>\n", name, hint);
    form_field_error(r, name);
    if (textarea)
        html_printf(b, "<textarea id=\"%s\" name=\"%s\"", name, name);
    else
        html_printf(b, "<input id=\"%s\" name=\"%s\" type=\"%s\"", name, name, type);
    if (bad || (hint && *hint)) {
        buf_puts(b, " aria-describedby=\"");
        if (bad)
            html_printf(b, "%s-error", name);
        if (hint && *hint)
            html_printf(b, "%s%s-hint", bad ? " " : "", name);
        buf_puts(b, "\"");
    }
    if (bad)
        buf_puts(b, " aria-invalid=\"true\"");
    if (attrs && *attrs) {
        buf_putc(b, ' ');
        buf_puts(b, attrs); /* trusted literal from the caller */
    }
    if (textarea) {
        buf_puts(b, ">");
        html_text(b, value ? value : "");
        buf_puts(b, "</textarea>\n</div>\n");
    } else {
        if (value && !str_eq(type, "password"))
            html_printf(b, " value=\"%s\"", value);
        buf_puts(b, ">\n</div>\n");
    }
}

void page_time(struct req *r, int64_t t)
{
    /* Same bytes as html_printf("<time datetime=\"%s\" title=\"%s\">%s</time>", iso, iso,
     * ago), built in one piece (this runs for every date on a page): iso and ago are ASCII
     * digits, letters, spaces and "-:" made by timeutil.c, nothing that HTML-escaping would
     * change. */
    char iso[32], ago[48], tag[16 + 32 + 9 + 32 + 2 + 48 + 7];
    size_t n = 0, li, la;
    time_iso(t, iso);
    time_ago(t, time_now(), ago);
    li = strlen(iso);
    la = strlen(ago);
    memcpy(tag + n, "<time datetime=\"", 16);
    n += 16;
    memcpy(tag + n, iso, li);
    n += li;
    memcpy(tag + n, "\" title=\"", 9);
    n += 9;
    memcpy(tag + n, iso, li);
    n += li;
    memcpy(tag + n, "\">", 2);
    n += 2;
    memcpy(tag + n, ago, la);
    n += la;
    memcpy(tag + n, "</time>", 7);
    n += 7;
    buf_append(&r->out, tag, n);
}

/* A short heading for each error status. */
static const char *error_title(int status)
{
    switch (status) {
    case 400:
        return "That request is not valid";
    case 401:
        return "Please sign in";
    case 403:
        return "Not allowed";
    case 404:
        return "Page not found";
    case 405:
        return "Method not allowed";
    case 409:
        return "Conflict";
    case 413:
        return "Too large";
    case 422:
        return "Please check the form";
    case 429:
        return "Too many attempts";
    case 503:
        return "Unavailable";
    default:
        return status >= 500 ? "Something went wrong" : "Error";
    }
}

void web_render_error(struct req *r)
{
    struct buf *b = &r->out;
    int status = r->status ? r->status : err_http_status(r->err.code);
    const char *title = error_title(status);
    const char *msg = r->err.msg[0] ? r->err.msg : err_default_message(r->err.code);
    buf_reset(b);
    r->content_type_out = "text/html; charset=utf-8";
    page_begin(r, title);
    html_printf(b,
                "<section class=\"error-page\" aria-labelledby=\"error-title\">\n"
                "<p class=\"error-status\">Error %d</p>\n<h1 id=\"error-title\">%s</h1>\n"
                "<p class=\"lead\">%s</p>\n<p class=\"actions\"><a class=\"button\" "
                "href=\"/\">Go to the home page</a>",
                status, title, msg);
    if (status == 401 || (status == 403 && !r->user_id)) {
        struct buf href = BUF_INIT;
        buf_puts(&href, "/signin");
        if (r->path && r->method == HTTP_GET) {
            buf_puts(&href, "?next=");
            url_encode(&href, r->path);
        }
        html_printf(b, " <a class=\"button button-secondary\" href=\"%s\">Sign in</a>", href.data);
        buf_release(&href);
    }
    buf_puts(b, "</p>\n</section>\n");
    page_end(r);
}

int web_form_status(int code)
{
    return code == ERR_INVALID ? 422 : err_http_status((enum err)code);
}

int web_form_error(int code)
{
    return code == ERR_INVALID || code == ERR_TOOBIG || code == ERR_CONFLICT;
}

const char *form_value(struct req *r, const char *key)
{
    const char *v = req_form(r, key);
    return v ? v : "";
}

void form_notice_ok(struct req *r, const char *msg)
{
    html_printf(&r->out, "<div class=\"notice notice-ok\" role=\"status\"><p>%s</p></div>\n", msg);
}
