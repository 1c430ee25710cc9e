/* Shared pieces of notifications and following for the page files (declared in web/parts.h):
 * the header's bell with the unread count, and the follow-level control (a select and a
 * button that work without JavaScript) shown on thread, community and tag pages. The
 * handlers they post to are in web/notification.c. */
#include <string.h>

#include "core/html.h"
#include "core/util.h"
#include "domain/community.h"
#include "domain/notification.h"
#include "web/parts.h"
#include "web/web.h"

/* ------------------------------------------------------------------------------------------ */
/* The bell */

int64_t web_notifications_unread(struct req *r)
{
    struct errinfo saved = r->err;
    int64_t n = 0;
    if (!r->user_id || !r->tctx)
        return 0;
    if (notifications_unread(app_ctx(r), &n) < 0)
        n = 0;
    r->err = saved;
    return n;
}

void web_notifications_nav(struct req *r, int64_t n)
{
    const char *cur;
    if (!r->user_id || !r->tctx)
        return;
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
    if (!r->user_id || follow_thread_get(app_ctx(r), t->id, &level) < 0) {
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
    if (!r->user_id || follow_community_get(app_ctx(r), cm, tag, &level) < 0) {
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
