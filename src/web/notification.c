/* The notifications page (newest first, mark all read) and the header's
 * "Notifications (N)" item. Rules come from domain/notification.c. */
#include "core/html.h"
#include "core/util.h"
#include "domain/notification.h"
#include "web/web.h"

static int64_t int_param(struct req *r, const char *key, int64_t def)
{
    int64_t v;
    const char *s = req_param(r, key);
    if (!s || str_to_i64(s, &v) < 0 || v < 1)
        return def;
    return v;
}

void web_notifications_nav(struct req *r)
{
    struct errinfo saved = r->err;
    int64_t n = 0;
    if (!r->user_id || !r->tctx)
        return;
    notifications_unread(web_ctx(r), &n);
    r->err = saved;
    if (n)
        html_printf(&r->out, "<li><a href=\"/notifications\"%s>Notifications <span class=\"count "
                             "unread-count\">%lld</span></a></li>",
                    str_eq(r->path, "/notifications") ? " aria-current=\"page\"" : "", (long long)n);
    else
        html_printf(&r->out, "<li><a href=\"/notifications\"%s>Notifications</a></li>",
                    str_eq(r->path, "/notifications") ? " aria-current=\"page\"" : "");
}

int page_notifications(struct req *r)
{
    struct ctx *c = web_ctx(r);
    struct notification *list;
    size_t n, i;
    int rc = notifications_list(c, &list, &n);
    if (rc < 0)
        return rc;
    page_begin(r, "Notifications");
    buf_puts(&r->out, "<div class=\"list-page\"><div class=\"page-head\"><h1>Notifications</h1>");
    buf_puts(&r->out, "<form class=\"inline-form\" method=\"post\" action=\"/notifications/read\">");
    form_csrf(r);
    buf_puts(&r->out, "<button type=\"submit\" class=\"button button-secondary\">Mark all read"
                      "</button></form></div>\n");
    if (!n)
        buf_puts(&r->out, "<p class=\"empty\">Nothing yet.</p>");
    else {
        buf_puts(&r->out, "<ul class=\"notifications\">");
        for (i = 0; i < n; i++) {
            html_printf(&r->out, "<li class=\"%s\">", list[i].read_at ? "read" : "unread");
            if (*list[i].link && list[i].link[0] == '/') {
                buf_puts(&r->out, "<a href=\"");
                html_url(&r->out, list[i].link);
                html_printf(&r->out, "\">%s</a> ", list[i].text);
            } else {
                html_printf(&r->out, "%s ", list[i].text);
            }
            page_time(r, list[i].created_at);
            buf_puts(&r->out, "</li>");
        }
        buf_puts(&r->out, "</ul>");
    }
    buf_puts(&r->out, "</div>\n");
    page_end(r);
    return 0;
}

int page_notifications_read(struct req *r)
{
    int rc = notifications_mark_read(web_ctx(r), int_param(r, "id", 0));
    if (rc < 0)
        return rc;
    return resp_redirect(r, "/notifications");
}
