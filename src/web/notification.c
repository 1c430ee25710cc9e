/* The notifications pages: the list (all or unread, mark all read, the auto-watch setting)
 * and the handlers the follow-level control posts to. The header's bell and the control
 * itself are shared pieces (web/parts_notification.c). Rules come from
 * domain/notification.c. */
#include <string.h>

#include "core/html.h"
#include "core/util.h"
#include "domain/community.h"
#include "domain/notification.h"
#include "web/notification.h"
#include "web/parts.h"
#include "web/web.h"

/* ------------------------------------------------------------------------------------------ */
/* The notifications page */

int page_notifications(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct notification *list;
    size_t n, i;
    const char *filter = req_param(r, "filter");
    int unread_only = filter && str_eq(filter, "unread"), auto_watch = 1;
    int rc = notifications_list_filtered(c, unread_only, &list, &n);
    if (rc < 0)
        return rc;
    follow_auto_watch_get(c, &auto_watch);
    page_begin(r, "Notifications");
    buf_puts(&r->out, "<div class=\"list-page notifications-page\"><div class=\"page-head\">"
                      "<h1>Notifications</h1>");
    buf_puts(&r->out,
             "<form class=\"inline-form\" method=\"post\" action=\"/notifications/read\">");
    form_csrf(r);
    buf_puts(&r->out, "<button type=\"submit\" class=\"button button-secondary\">Mark all read"
                      "</button></form></div>\n");
    buf_puts(&r->out, unread_only
                          ? "<nav class=\"subnav\" aria-label=\"Filter\"><ul><li><a "
                            "href=\"/notifications\">All</a></li><li><a "
                            "href=\"/notifications?filter=unread\" aria-current=\"page\">Unread"
                            "</a></li></ul></nav>\n"
                          : "<nav class=\"subnav\" aria-label=\"Filter\"><ul><li><a "
                            "href=\"/notifications\" aria-current=\"page\">All</a></li><li><a "
                            "href=\"/notifications?filter=unread\">Unread</a></li></ul></nav>\n");
    if (!n)
        html_printf(&r->out, "<p class=\"empty\">%s</p>",
                    unread_only ? "Nothing unread." : "Nothing yet.");
    else {
        buf_puts(&r->out, "<ul class=\"notifications\">");
        for (i = 0; i < n; i++) {
            const struct notification *x = &list[i];
            html_printf(&r->out, "<li class=\"%s notification-%s\">",
                        x->read_at ? "read" : "unread", x->kind);
            if (!x->read_at)
                buf_puts(&r->out, "<span class=\"visually-hidden\">Unread: </span>");
            if (*x->link && x->link[0] == '/') {
                buf_puts(&r->out, "<a href=\"");
                html_url(&r->out, x->link);
                html_printf(&r->out, "\">%s</a> ", x->text);
            } else {
                html_printf(&r->out, "%s ", x->text);
            }
            page_time(r, x->created_at);
            buf_puts(&r->out, "</li>");
        }
        buf_puts(&r->out, "</ul>");
    }
    buf_puts(&r->out, "<form class=\"notification-settings\" method=\"post\" "
                      "action=\"/notifications/settings\">");
    form_csrf(r);
    buf_puts(&r->out, auto_watch ? "<label><input type=\"checkbox\" name=\"auto_watch\" "
                                   "value=\"1\" checked>"
                                 : "<label><input type=\"checkbox\" name=\"auto_watch\" "
                                   "value=\"1\">");
    buf_puts(&r->out, " Watch the threads I start or reply to</label> <button type=\"submit\" "
                      "class=\"button button-secondary button-small\">Save</button></form>\n");
    buf_puts(&r->out, "</div>\n");
    page_end(r);
    return 0;
}

int page_notifications_read(struct req *r)
{
    int rc = notifications_mark_read(app_ctx(r), req_int(r, "id", 0, 1, INT64_MAX));
    if (rc < 0)
        return rc;
    return resp_redirect(r, "/notifications");
}

int page_notifications_settings(struct req *r)
{
    const char *v = req_form(r, "auto_watch");
    int rc = follow_auto_watch_set(app_ctx(r), v && str_eq(v, "1"));
    if (rc < 0)
        return rc;
    return resp_redirect(r, "/notifications");
}

/* ------------------------------------------------------------------------------------------ */
/* Setting a follow level */

static int level_input(struct req *r, int *level)
{
    if (follow_level_parse(req_form(r, "level"), level) < 0)
        return error_set(&r->err, ERR_INVALID, "level",
                         "A level is muted, normal, tracking or watching.");
    return 0;
}

int page_thread_follow(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct buf b = BUF_INIT;
    int64_t tid;
    int level, rc;
    if (str_to_i64(r->params[1], &tid) < 0 || tid <= 0)
        return error_set(&r->err, ERR_NOTFOUND, NULL, "There is no such thread or post.");
    if ((rc = level_input(r, &level)) < 0 || (rc = follow_thread_set(c, tid, level)) < 0)
        return rc;
    buf_puts(&b, "/c/");
    url_encode(&b, r->params[0]);
    buf_printf(&b, "/t/%lld", (long long)tid);
    rc = resp_redirect(r, arena_strdup(r->arena, b.data));
    buf_release(&b);
    return rc;
}

static int community_follow(struct req *r, const char *tag)
{
    struct ctx *c = app_ctx(r);
    struct community cm;
    struct buf b = BUF_INIT;
    int level, rc;
    if ((rc = community_get(c, r->params[0], &cm)) < 0 || (rc = level_input(r, &level)) < 0 ||
        (rc = follow_community_set(c, &cm, tag, level)) < 0)
        return rc;
    buf_printf(&b, "/c/%s", cm.slug);
    if (tag) {
        buf_puts(&b, "/tags/");
        url_encode(&b, tag);
    }
    rc = resp_redirect(r, arena_strdup(r->arena, b.data));
    buf_release(&b);
    return rc;
}

int page_community_follow(struct req *r)
{
    return community_follow(r, NULL);
}

int page_tag_follow(struct req *r)
{
    return community_follow(r, r->params[1]);
}
