/* Notifications in the web UI: the header's bell with the unread count, the notifications
 * page (all or unread, mark all read, the auto-watch setting), and the follow-level control
 * (a select and a button that work without JavaScript) shown on thread, community and tag
 * pages with the handlers it posts to. Rules come from domain/notification.c. */
#include <string.h>

#include "core/html.h"
#include "core/util.h"
#include "domain/community.h"
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

/* ------------------------------------------------------------------------------------------ */
/* The bell */

void web_notifications_nav(struct req *r)
{
    struct errinfo saved = r->err;
    int64_t n = 0;
    const char *cur;
    if (!r->user_id || !r->tctx)
        return;
    notifications_unread(web_ctx(r), &n);
    r->err = saved;
    cur = str_eq(r->path, "/notifications") ? " aria-current=\"page\"" : "";
    if (n)
        html_printf(&r->out,
                    "<li><a class=\"bell\" href=\"/notifications\" aria-label=\"Notifications, "
                    "%lld unread\"",
                    (long long)n);
    else
        buf_puts(&r->out, "<li><a class=\"bell\" href=\"/notifications\" "
                          "aria-label=\"Notifications\"");
    buf_puts(&r->out, cur); /* literal markup: html_printf would escape it */
    buf_puts(&r->out, ">");
    buf_puts(&r->out,
             "<svg class=\"bell-icon\" aria-hidden=\"true\" focusable=\"false\" width=\"18\" "
             "height=\"18\" viewBox=\"0 0 24 24\" fill=\"none\" stroke=\"currentColor\" "
             "stroke-width=\"2\" stroke-linecap=\"round\" stroke-linejoin=\"round\"><path d=\"M6 "
             "8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9\"/><path d=\"M10.3 21a1.94 1.94 0 0 0 "
             "3.4 0\"/></svg><span class=\"bell-label\">Notifications</span>");
    if (n)
        html_printf(&r->out, " <span class=\"count unread-count\">%lld</span>", (long long)n);
    buf_puts(&r->out, "</a></li>");
}

/* ------------------------------------------------------------------------------------------ */
/* The notifications page */

int page_notifications(struct req *r)
{
    struct ctx *c = web_ctx(r);
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
    int rc = notifications_mark_read(web_ctx(r), int_param(r, "id", 0));
    if (rc < 0)
        return rc;
    return resp_redirect(r, "/notifications");
}

int page_notifications_settings(struct req *r)
{
    const char *v = req_form(r, "auto_watch");
    int rc = follow_auto_watch_set(web_ctx(r), v && str_eq(v, "1"));
    if (rc < 0)
        return rc;
    return resp_redirect(r, "/notifications");
}

/* ------------------------------------------------------------------------------------------ */
/* The follow-level control */

static const char *const level_help[FOLLOW__MAX] = {
    "Muted: no notifications at all.",
    "Normal: notified when someone replies to you or mentions you.",
    "Tracking: notified of replies and mentions; new posts are counted.",
    "Watching: notified of every new post.",
};

static void follow_form(struct req *r, const char *action, const char *what, int level)
{
    int i;
    buf_puts(&r->out, "<form class=\"follow-control\" method=\"post\" action=\"");
    html_url(&r->out, action);
    buf_puts(&r->out, "\">");
    form_csrf(r);
    html_printf(&r->out,
                "<label for=\"follow-level\">Notifications for this %s</label> "
                "<select id=\"follow-level\" name=\"level\" aria-describedby=\"follow-help\">",
                what);
    for (i = FOLLOW__MAX - 1; i >= 0; i--)
        html_printf(&r->out,
                    i == level ? "<option value=\"%s\" selected>%s</option>"
                               : "<option value=\"%s\">%s</option>",
                    follow_level_name(i), follow_level_name(i));
    html_printf(&r->out,
                "</select> <button type=\"submit\" class=\"button button-secondary "
                "button-small\">Save</button> <span id=\"follow-help\" class=\"hint\">%s"
                "</span></form>\n",
                level == FOLLOW_WATCHING && strcmp(what, "thread")
                    ? "Watching: notified of every new thread and every new post."
                    : level_help[level >= 0 && level < FOLLOW__MAX ? level : FOLLOW_NORMAL]);
}

void web_follow_thread(struct req *r, const struct thread *t)
{
    struct errinfo saved = r->err;
    int level = FOLLOW_NORMAL;
    if (!r->user_id || follow_thread_get(web_ctx(r), t->id, &level) < 0) {
        r->err = saved;
        return;
    }
    follow_form(r,
                arena_printf(r->arena, "/c/%s/t/%lld/notification-level", t->community_slug,
                             (long long)t->id),
                "thread", level);
}

void web_follow_community(struct req *r, const struct community *cm, const char *tag)
{
    struct errinfo saved = r->err;
    int level = FOLLOW_NORMAL;
    struct buf b = BUF_INIT;
    if (!r->user_id || follow_community_get(web_ctx(r), cm, tag, &level) < 0) {
        r->err = saved;
        return;
    }
    buf_printf(&b, "/c/%s/", cm->slug);
    if (tag) {
        buf_puts(&b, "tags/");
        url_encode(&b, tag);
        buf_putc(&b, '/');
    }
    buf_puts(&b, "notification-level");
    follow_form(r, arena_strdup(r->arena, b.data), tag ? "tag" : "community", level);
    buf_release(&b);
}

static int level_input(struct req *r, int *level)
{
    if (follow_level_parse(req_form(r, "level"), level) < 0)
        return error_set(&r->err, ERR_INVALID, "level",
                         "A level is muted, normal, tracking or watching.");
    return 0;
}

int page_thread_follow(struct req *r)
{
    struct ctx *c = web_ctx(r);
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
    struct ctx *c = web_ctx(r);
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
