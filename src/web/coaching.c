/* Coaching as pages: a community's coaching queue (the questions in coaching, oldest first,
 * for its coaches and staff), its coaching settings (coordinators), and the actions posted
 * from a question's coaching panel: add a note, suggest an edit, accept or decline a
 * suggestion, publish now, mark ready. The rules are domain/coaching.c's; the panel is
 * web/parts_coaching.c. Every form carries the CSRF field (the route table requires it). */
#include <string.h>

#include "core/html.h"
#include "core/util.h"
#include "domain/coaching.h"
#include "domain/community.h"
#include "domain/thread.h"
#include "web/coaching.h"
#include "web/parts.h"
#include "web/web.h"

#define NO_SUCH_THREAD "There is no such thread or post."

static void render_settings(struct req *r, const struct community *cm,
                            const struct coaching_settings *s)
{
    int i;
    html_printf(&r->out,
                "<section class=\"coaching-settings\" aria-labelledby=\"cs-h\"><h2 id=\"cs-h\">"
                "Settings</h2><form method=\"post\" action=\"/c/%s/coaching\">",
                cm->slug);
    form_csrf(r);
    form_error_summary(r);
    html_printf(&r->out,
                "<div class=\"checkbox\"><input type=\"checkbox\" id=\"cs-on\" name=\"enabled\" "
                "value=\"1\"%s><label for=\"cs-on\">Coach newcomers' questions before they are "
                "published</label></div>"
                "<div class=\"checkbox\"><input type=\"checkbox\" id=\"cs-first\" "
                "name=\"first_question_only\" value=\"1\"%s><label for=\"cs-first\">Only a "
                "member's first question here</label></div>"
                "<label for=\"cs-level\">Coaches: members at trust level</label> "
                "<select id=\"cs-level\" name=\"coach_level\">",
                s->on ? " checked" : "", s->first_only ? " checked" : "");
    for (i = 0; i <= 4; i++) {
        static const char *const names[] = {"0 (new) and up", "1 (basic) and up",
                                            "2 (member) and up", "3 (regular) and up",
                                            "4 (leader)"};
        html_printf(&r->out, "<option value=\"%d\"%s>%s</option>", i,
                    s->level == i ? " selected" : "", names[i]);
    }
    html_printf(&r->out,
                "</select> <span class=\"muted\">(moderators and coordinators always "
                "coach)</span><label for=\"cs-hours\">Publish by itself after (hours, 0 = "
                "never)</label> <input type=\"number\" id=\"cs-hours\" name=\"hours\" min=\"0\" "
                "max=\"%d\" value=\"%lld\" required> <button type=\"submit\" class=\"button "
                "button-small\">Save</button></form></section>",
                COACHING_HOURS_MAX, (long long)s->hours);
}

static int render_queue(struct req *r, struct ctx *c, const struct community *cm)
{
    struct coaching_item *items;
    struct coaching_settings s;
    struct errinfo keep = r->err;
    size_t n, i;
    int rc, staff;
    error_clear(&r->err);
    if ((rc = coaching_queue(c, cm, &items, &n)) < 0)
        return rc;
    staff = coaching_settings_get(c, cm, &s) == 0;
    error_clear(&r->err);
    r->err = keep;
    page_begin(r, arena_printf(r->arena, "Coaching \xE2\x80\x94 %s", cm->name));
    html_printf(&r->out,
                "<div class=\"list-page coaching-page\"><p class=\"breadcrumb\"><a href=\"/c/%s\">"
                "%s</a></p><h1>Coaching queue</h1>",
                cm->slug, cm->name);
    if (staff)
        web_community_nav(r, cm, "coaching");
    if (req_param(r, "done") && r->err.code == ERR_OK)
        form_notice_ok(r, "Saved.");
    buf_puts(&r->out, "<p class=\"muted\">Newcomers' questions wait here, seen only by their "
                      "authors, the coaches and the moderators. Comment, suggest an edit, or "
                      "mark a question ready to publish it. Coaches are credited on the "
                      "published question.</p>");
    if (staff && community_can_edit(c, cm))
        render_settings(r, cm, &s);
    else if (staff)
        html_printf(&r->out, "<p>Coaching is %s here.</p>", s.on ? "on" : "off");
    if (!n) {
        buf_puts(&r->out, "<p class=\"empty\">No questions wait for coaching.</p>");
    } else {
        buf_puts(&r->out, "<ol class=\"coaching-queue\">");
        for (i = 0; i < n; i++) {
            const struct coaching_item *x = &items[i];
            html_printf(&r->out,
                        "<li class=\"coaching-item\"><a href=\"/c/%s/t/%lld\">%s</a> "
                        "<span class=\"muted\">by ",
                        cm->slug, (long long)x->thread_id, x->title);
            web_author_link(r, x->author_name, x->author_display);
            buf_puts(&r->out, ", waiting since ");
            page_time(r, x->coaching_at);
            html_printf(&r->out, " \xC2\xB7 %lld %s", (long long)x->notes,
                        x->notes == 1 ? "note" : "notes");
            if (x->suggestions)
                html_printf(&r->out, " \xC2\xB7 %lld %s waiting for the author",
                            (long long)x->suggestions,
                            x->suggestions == 1 ? "suggestion" : "suggestions");
            buf_puts(&r->out, "</span></li>");
        }
        buf_puts(&r->out, "</ol>");
    }
    buf_puts(&r->out, "</div>\n");
    page_end(r);
    return 0;
}

int page_coaching(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct community cm;
    int rc = community_get(c, r->params[0], &cm);
    if (rc < 0)
        return rc;
    return render_queue(r, c, &cm);
}

int page_coaching_settings(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct community cm;
    struct coaching_settings s;
    const char *on = req_form(r, "enabled"), *first = req_form(r, "first_question_only");
    const char *level = req_form(r, "coach_level"), *hours = req_form(r, "hours");
    int rc = community_get(c, r->params[0], &cm);
    if (rc < 0)
        return rc;
    memset(&s, 0, sizeof(s));
    s.on = on && str_eq(on, "1");
    s.first_only = first && str_eq(first, "1");
    if (!level || str_to_i64(level, &s.level) < 0)
        s.level = -1;
    if (!hours || str_to_i64(hours, &s.hours) < 0)
        s.hours = -1;
    if ((rc = coaching_settings_set(c, &cm, &s)) < 0) {
        if (!web_form_error(rc))
            return rc;
        r->status = web_form_status(rc);
        return render_queue(r, c, &cm);
    }
    return resp_redirect(r, arena_printf(r->arena, "/c/%s/coaching?done=1", cm.slug));
}

/* Back to question tid's coaching panel. */
static int back(struct req *r, struct ctx *c, int64_t tid)
{
    struct thread t;
    struct community cm;
    int rc = thread_get(c, tid, &t, &cm, NULL);
    if (rc < 0) /* published and gone from the viewer's sight, say: go to the community */
        return rc;
    return resp_redirect(r,
                         arena_printf(r->arena, "/c/%s/t/%lld#coaching", cm.slug, (long long)tid));
}

int page_coaching_comment(struct req *r)
{
    struct ctx *c = app_ctx(r);
    int64_t tid;
    int rc;
    if (req_param_id(r, 0, NO_SUCH_THREAD, &tid) < 0)
        return r->err.code;
    if ((rc = coaching_comment(c, tid, req_form(r, "body"), NULL)) < 0)
        return rc;
    return back(r, c, tid);
}

int page_coaching_suggest(struct req *r)
{
    struct ctx *c = app_ctx(r);
    int64_t tid;
    int rc;
    if (req_param_id(r, 0, NO_SUCH_THREAD, &tid) < 0)
        return r->err.code;
    if ((rc = coaching_suggest(c, tid, req_form(r, "title"), req_form(r, "body"), NULL)) < 0)
        return rc;
    return back(r, c, tid);
}

static int publish(struct req *r, int ready)
{
    struct ctx *c = app_ctx(r);
    int64_t tid;
    int rc;
    if (req_param_id(r, 0, NO_SUCH_THREAD, &tid) < 0)
        return r->err.code;
    if ((rc = coaching_publish(c, tid, ready)) < 0)
        return rc;
    return back(r, c, tid);
}

int page_coaching_publish(struct req *r)
{
    return publish(r, 0);
}

int page_coaching_ready(struct req *r)
{
    return publish(r, 1);
}

int page_coaching_suggestion(struct req *r)
{
    struct ctx *c = app_ctx(r);
    const char *a = req_form(r, "action");
    int64_t nid, tid = 0;
    int rc;
    if (req_param_id(r, 0, "There is no such suggestion.", &nid) < 0)
        return r->err.code;
    if (!a || (!str_eq(a, "accept") && !str_eq(a, "reject")))
        return error_set(&r->err, ERR_INVALID, "action", "Accept or decline the suggestion.");
    if ((rc = coaching_decide(c, nid, str_eq(a, "accept"), &tid)) < 0)
        return rc;
    return back(r, c, tid);
}
