/* Event pages: a community's events (/c/:slug/events), scheduling (/c/:slug/events/new), an
 * event (/events/:id, one date at /events/:id/o/:key) with RSVP buttons, the waitlist and
 * the answers grouped Going / Maybe / Waitlist / Not going, editing and cancelling a series or
 * a date (/events/:id/o/:key/edit moves, retitles or relocates one date), .ics downloads, the
 * community feed (/c/:slug/events.ics) and members' feeds (/calendar and /calendar/:token/all.ics,
 * going.ics), and the "Upcoming events" sections for the community page and the home page. Times
 * are shown in the viewer's profile zone with the organiser's zone alongside. Every decision comes
 * from domain/event.c. */
#include <stdlib.h>
#include <string.h>

#include "core/html.h"
#include "core/timeutil.h"
#include "core/tz.h"
#include "domain/account.h"
#include "app/input.h"
#include "domain/event.h"
#include "web/event.h"
#include "web/parts.h"
#include "core/util.h"

#define NO_SUCH_EVENT "There is no such event." /* a malformed id reads as an unknown one */

#define LIST_SHOWN 50 /* dates on a community's event list */

/* The site URL for links in calendars ("http://host"). */
static const char *site_base(struct req *r)
{
    const char *host = req_header(r, "Host");
    if (!host || !*host || strchr(host, '/') || strchr(host, ' '))
        host = "localhost";
    return arena_printf(r->arena, "%s://%s", r->secure ? "https" : "http", host);
}

/* ------------------------------------------------------------------------------------------ */
/* Community list */

int page_community_events(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct community cm;
    struct event_occ *occ;
    struct event *past;
    size_t n, np, i;
    int rc = community_get(c, r->params[0], &cm);
    if (rc < 0)
        return rc;
    if ((rc = event_upcoming(c, &cm, 0, LIST_SHOWN, &occ, &n)) < 0 ||
        (rc = event_past(c, &cm, 20, &past, &np)) < 0)
        return rc;
    page_begin(r, arena_printf(r->arena, "Events of %s", cm.name));
    html_printf(&r->out,
                "<p class=\"breadcrumb\"><a href=\"/c/%s\">%s</a></p><div class=\"page-head\">"
                "<h1>Events</h1>",
                cm.slug, cm.name);
    if (event_can_manage(c, &cm))
        html_printf(&r->out, "<a class=\"button\" href=\"/c/%s/events/new\">Schedule an event</a>",
                    cm.slug);
    buf_puts(&r->out, "</div>\n");
    web_community_nav(r, &cm, "events");
    buf_puts(&r->out, "<h2>Upcoming</h2>\n");
    if (n)
        web_event_occ_list(r, c, occ, n, 0);
    else
        buf_puts(&r->out, "<p class=\"empty\">No events scheduled.</p>\n");
    if (np) {
        buf_puts(&r->out, "<h2>Past events</h2>\n<ul class=\"event-list event-past\">\n");
        for (i = 0; i < np; i++) {
            html_printf(
                &r->out,
                "<li class=\"event-item\"><a class=\"event-title\" href=\"/events/%lld\">%s</a>",
                (long long)past[i].id, past[i].title);
            if (*past[i].notes_url)
                buf_puts(&r->out, " <span class=\"badge\">Notes</span>");
            buf_puts(&r->out, "</li>\n");
        }
        buf_puts(&r->out, "</ul>\n");
    }
    buf_puts(&r->out, "<section class=\"event-subscribe\"><h2>Calendar</h2><p>");
    if (cm.visibility == COMMUNITY_PUBLIC)
        html_printf(&r->out,
                    "Subscribe to <a href=\"/c/%s/events.ics\">this community's calendar</a> in "
                    "your calendar app. ",
                    cm.slug);
    buf_puts(&r->out, "Your personal calendar links are on <a href=\"/calendar\">your calendar "
                      "page</a>.</p></section>\n");
    page_end(r);
    return 0;
}

/* ------------------------------------------------------------------------------------------ */
/* Create and edit */

/* The event fields of a form post: those named as in the API (app_event_input), then the
   form's own controls: the "ends" radio choosing count or until, and the byday checkboxes
   (several values) or, without them, the byday_text field. */
static void input_from_form(struct req *r, struct event_input *in)
{
    struct buf days;
    size_t i;
    app_event_input(r, req_form, in);
    if (str_eq(req_form(r, "ends"), "count"))
        in->until = NULL;
    else
        in->count = NULL;
    buf_init(&days, 256);
    for (i = 0; i < r->nform; i++)
        if (str_eq(r->form[i].key, "byday")) {
            if (days.len)
                buf_putc(&days, ',');
            buf_puts(&days, r->form[i].value);
        }
    in->byday = days.len ? arena_strdup(r->arena, days.data) : req_form(r, "byday_text");
    buf_release(&days);
}

/* The fields the event form can check on their own (title, start, end, time zone,
   description), each noted with form_error_note so the form reports all of them at once;
   the domain checks the rest (and these again). Returns how many problems were found. */
static size_t form_check(struct req *r, struct ctx *c, const struct event_input *in)
{
    struct errinfo e = {0};
    int64_t start = 0, end = 0;
    const char *html;
    struct errinfo *saved = c->err;
    if (!in->title || !*in->title)
        form_error_note(r, error_set(&e, ERR_INVALID, "title", "Give the event a title."), &e);
    if (!in->start || !*in->start)
        form_error_note(r, error_set(&e, ERR_INVALID, "start", "When does it start?"), &e);
    else if (event_parse_local(in->start, &start) < 0)
        form_error_note(r,
                        error_set(&e, ERR_INVALID, "start",
                                  "\"%.30s\" is not a date and time that exists "
                                  "(YYYY-MM-DDTHH:MM).",
                                  in->start),
                        &e);
    if (!in->end || !*in->end)
        form_error_note(r, error_set(&e, ERR_INVALID, "end", "When does it end?"), &e);
    else if (event_parse_local(in->end, &end) < 0)
        form_error_note(r,
                        error_set(&e, ERR_INVALID, "end",
                                  "\"%.30s\" is not a date and time that exists "
                                  "(YYYY-MM-DDTHH:MM).",
                                  in->end),
                        &e);
    else if (start && end <= start)
        form_error_note(r, error_set(&e, ERR_INVALID, "end", "The end must be after the start."),
                        &e);
    if (in->timezone && *in->timezone && !tz_get(in->timezone))
        form_error_note(r,
                        error_set(&e, ERR_INVALID, "timezone",
                                  "\"%.60s\" is not a time zone; use a name such as "
                                  "Europe/Berlin or America/New_York.",
                                  in->timezone),
                        &e);
    c->err = &e; /* the renderer's own checks (size, UTF-8) */
    form_error_note(r, event_text_render(c, "description_md", in->description_md, &html), &e);
    c->err = saved;
    return form_error_count(r);
}

/* The "Repeat" fieldset of the event form: frequency, interval, weekdays (mask: RECUR
   byday bits), the monthly rule and how the series ends. Values come from the posted form
   when post, else from ev (NULL when new). */
static void render_repeat_fields(struct req *r, const struct event *ev, unsigned mask, int post)
{
    const char *freq;
    int i;
    freq = post ? form_value(r, "freq") : ev ? ev->freq : "none";
    buf_puts(&r->out,
             "<fieldset class=\"field event-repeat\" id=\"freq\"><legend>Repeat</legend>\n");
    form_field_error(r, "freq");
    form_field_error(r, "byday");
    form_field_error(r, "count");
    form_field_error(r, "until");
    form_field_error(r, "interval");
    buf_puts(&r->out, "<div class=\"field\"><label for=\"freq-select\">Repeats</label>"
                      "<select id=\"freq-select\" name=\"freq\">");
    {
        static const char *const fv[4] = {"none", "daily", "weekly", "monthly"};
        static const char *const fl[4] = {"Does not repeat", "Daily", "Weekly", "Monthly"};
        for (i = 0; i < 4; i++)
            html_printf(&r->out, "<option value=\"%s\"%s>%s</option>", fv[i],
                        str_eq(freq, fv[i]) ? " selected" : "", fl[i]);
    }
    buf_puts(&r->out, "</select></div>\n");
    /* Each part names the repetitions it belongs to (data-freq); praxis.js shows only the
       chosen one's, without script every part shows, each labelled with its repetition. */
    buf_puts(&r->out, "<div class=\"repeat-part\" data-freq=\"daily weekly monthly\">");
    form_field(r, "number", "interval", "Every",
               post ? form_value(r, "interval")
               : ev ? arena_printf(r->arena, "%lld", (long long)ev->interval)
                    : "1",
               "1 = every day/week/month, 2 = every other one.", "min=\"1\" max=\"99\"");
    buf_puts(&r->out, "</div>\n<div class=\"repeat-part\" data-freq=\"weekly\">"
                      "<div class=\"field weekdays\"><span class=\"label\">On (weekly)</span>");
    {
        static const char *const code[7] = {"MO", "TU", "WE", "TH", "FR", "SA", "SU"};
        static const char *const lab[7] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
        for (i = 0; i < 7; i++) {
            int bit = (i + 1) % 7;
            html_printf(&r->out,
                        "<label class=\"weekday\"><input type=\"checkbox\" name=\"byday\" "
                        "value=\"%s\"%s> %s</label>",
                        code[i], (mask & (1u << bit)) ? " checked" : "", lab[i]);
        }
    }
    buf_puts(&r->out, "</div></div>\n<div class=\"repeat-part\" data-freq=\"monthly\">"
                      "<div class=\"field\"><label for=\"monthly\">Monthly on</label>"
                      "<select id=\"monthly\" name=\"monthly\">");
    {
        static const char *const mv[3] = {"date", "weekday", "last"};
        static const char *const ml[3] = {"the same date (months without it are skipped)",
                                          "the same weekday (e.g. second Tuesday)",
                                          "the last such weekday"};
        const char *cur = post ? form_value(r, "monthly") : ev ? ev->monthly : "date";
        for (i = 0; i < 3; i++)
            html_printf(&r->out, "<option value=\"%s\"%s>%s</option>", mv[i],
                        str_eq(cur, mv[i]) ? " selected" : "", ml[i]);
    }
    buf_puts(&r->out, "</select></div></div>\n");
    {
        const char *ends = post ? form_value(r, "ends") : (ev && ev->count) ? "count" : "until";
        html_printf(&r->out,
                    "<div class=\"repeat-part\" data-freq=\"daily weekly monthly\">"
                    "<div class=\"field\"><span class=\"label\">Ends</span>"
                    "<label class=\"choice-inline\"><input type=\"radio\" name=\"ends\" "
                    "value=\"count\"%s> after</label> ",
                    str_eq(ends, "count") ? " checked" : "");
        html_printf(&r->out,
                    "<input type=\"number\" name=\"count\" aria-label=\"Number of times\" "
                    "min=\"1\" max=\"500\" value=\"%s\"> times "
                    "<label class=\"choice-inline\"><input type=\"radio\" name=\"ends\" "
                    "value=\"until\"%s> on</label> "
                    "<input type=\"date\" name=\"until\" aria-label=\"End date\" value=\"%s\">"
                    "<p class=\"hint\">At most 500 dates within 5 years.</p></div></div>\n",
                    post              ? form_value(r, "count")
                    : ev && ev->count ? arena_printf(r->arena, "%lld", (long long)ev->count)
                                      : "",
                    str_eq(ends, "count") ? "" : " checked",
                    post ? form_value(r, "until")
                    : ev ? ev->until_date
                         : "");
    }
    buf_puts(&r->out, "</fieldset>\n");
}

/* The time zone: a text input searching a <datalist> of the zones the server knows (the
   server checks the name again on save). A new event starts in the member's profile zone;
   without one, praxis.js puts the browser's zone in (data-tz-browser), else it stays UTC. */
static void render_timezone_field(struct req *r, struct ctx *c, const struct event *ev, int post)
{
    const char *tzv, **zones;
    size_t nz, i;
    int browser = 0;
    if (post) {
        tzv = form_value(r, "timezone");
    } else if (ev) {
        tzv = ev->tz;
    } else {
        struct user u;
        struct errinfo saved = r->err;
        tzv = "UTC";
        if (c->uid && account_get_by_id(c, c->uid, &u) == 0 && u.timezone && *u.timezone &&
            tz_get(u.timezone))
            tzv = u.timezone;
        else
            browser = 1;
        r->err = saved;
    }
    form_field(r, "text", "timezone", "Time zone", tzv,
               "Type a city or region and pick from the list, such as Europe/Berlin or "
               "America/New_York; the times above are in this zone.",
               browser ? "required maxlength=\"64\" list=\"tz-zones\" autocomplete=\"off\" "
                         "autocapitalize=\"none\" spellcheck=\"false\" data-timezone-input "
                         "data-tz-browser"
                       : "required maxlength=\"64\" list=\"tz-zones\" autocomplete=\"off\" "
                         "autocapitalize=\"none\" spellcheck=\"false\" data-timezone-input");
    tz_names(r->arena, &zones, &nz);
    buf_puts(&r->out, "<datalist id=\"tz-zones\">");
    for (i = 0; i < nz; i++)
        html_printf(&r->out, "<option value=\"%s\">", zones[i]);
    buf_puts(&r->out, "</datalist>\n");
}

/* The form fields; ev is the event being edited (NULL when new). Values come from the
   request when it is a post, else from ev. */
static void render_fields(struct req *r, struct ctx *c, const struct event *ev, const char *slug)
{
    int post = r->method == HTTP_POST;
    char sbuf[32] = "", ebuf[32] = "";
    const char *byday_s = "";
    unsigned mask = 0;
    struct recur rc;
    memset(&rc, 0, sizeof(rc));
    if (ev) {
        event_format_local(ev->start_local, sbuf);
        event_format_local(ev->start_local + ev->duration, ebuf); /* wall clock, approx. */
        event_recur(ev, &rc);
        mask = rc.byday;
    }
    if (post) {
        struct event_input in;
        input_from_form(r, &in);
        if (in.byday)
            recur_byday_parse(in.byday, &mask);
    }
    (void)byday_s;
    form_field(r, "text", "title", "Title",
               post ? form_value(r, "title")
               : ev ? ev->title
                    : "",
               "For example \"Monthly case review\".", "required maxlength=\"120\"");
    buf_puts(&r->out, "<div class=\"field-row\">");
    form_field(r, "datetime-local", "start", "Starts", post ? form_value(r, "start") : sbuf, NULL,
               "required");
    form_field(r, "datetime-local", "end", "Ends", post ? form_value(r, "end") : ebuf, NULL,
               "required");
    buf_puts(&r->out, "</div>");
    render_timezone_field(r, c, ev, post);
    form_field(r, "text", "location", "Place",
               post ? form_value(r, "location")
               : ev ? ev->location
                    : "",
               "Room or address; leave empty for online-only events.", "maxlength=\"200\"");
    form_field(r, "url", "online_url", "Online link",
               post ? form_value(r, "online_url")
               : ev ? ev->online_url
                    : "",
               "Shown only to members of the community.", "maxlength=\"500\"");
    form_field(r, "number", "capacity", "Capacity",
               post                 ? form_value(r, "capacity")
               : ev && ev->capacity ? arena_printf(r->arena, "%lld", (long long)ev->capacity)
                                    : "",
               "Places available; empty or 0 for no limit. Beyond it people join a waitlist.",
               "min=\"0\" max=\"100000\"");
    if (web_is_preview(r))
        web_preview_block(r, form_value(r, "description_md"), "post", NULL);
    form_field(r, "textarea", "description_md", "Description",
               post ? form_value(r, "description_md")
               : ev ? ev->description_md
                    : "",
               "What it is about and how to prepare. Markdown.", "rows=\"6\"");
    web_upload_tools(r, "description_md", slug);

    render_repeat_fields(r, ev, mask, post);
    if (ev) {
        form_field(r, "text", "notes_url", "Notes link",
                   post ? form_value(r, "notes_url") : ev->notes_url,
                   "After the event: a link to the thread or article holding what was learned.",
                   "maxlength=\"500\"");
        form_field(r, "textarea", "notes_md", "Notes",
                   post ? form_value(r, "notes_md") : ev->notes_md,
                   "A short summary of what was learned. Markdown.", "rows=\"4\"");
        web_upload_tools(r, "notes_md", slug);
    }
}

static void render_new(struct req *r, struct ctx *c, const struct community *cm)
{
    page_begin(r, arena_printf(r->arena, "Schedule an event in %s", cm->name));
    html_printf(&r->out,
                "<p class=\"breadcrumb\"><a href=\"/c/%s\">%s</a> / <a href=\"/c/%s/events\">"
                "Events</a></p><h1>Schedule an event</h1>\n",
                cm->slug, cm->name, cm->slug);
    form_error_summary(r);
    html_printf(&r->out,
                "<form class=\"form event-form\" method=\"post\" action=\"/c/%s/events/new\">\n",
                cm->slug);
    form_csrf(r);
    render_fields(r, c, NULL, cm->slug);
    buf_puts(&r->out, "<div class=\"form-actions\"><button type=\"submit\" class=\"button\">"
                      "Schedule</button> ");
    web_preview_button(r);
    html_printf(&r->out, " <a href=\"/c/%s/events\">Cancel</a></div></form>\n", cm->slug);
    page_end(r);
}

int page_event_new(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct community cm;
    int rc = community_get(c, r->params[0], &cm);
    if (rc < 0)
        return rc;
    if (!event_can_manage(c, &cm))
        return error_set(&r->err, ERR_PERM, NULL,
                         "Only coordinators and moderators schedule events.");
    render_new(r, c, &cm);
    return 0;
}

int page_event_create(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct community cm;
    struct event_input in;
    struct event ev;
    int skipped = 0, rc = community_get(c, r->params[0], &cm);
    if (rc < 0)
        return rc;
    input_from_form(r, &in);
    if (web_is_preview(r)) {
        if (!event_can_manage(c, &cm))
            return error_set(&r->err, ERR_PERM, NULL,
                             "Only coordinators and moderators schedule events.");
        render_new(r, c, &cm);
        return 0;
    }
    rc = event_can_manage(c, &cm) && form_check(r, c, &in)
             ? r->err.code
             : event_create(c, &cm, &in, &ev, &skipped);
    if (rc < 0) {
        if (rc != ERR_INVALID && rc != ERR_TOOBIG)
            return rc;
        r->status = web_form_status(rc);
        render_new(r, c, &cm);
        return 0;
    }
    return resp_redirect(
        r, arena_printf(r->arena, "/events/%lld%s", (long long)ev.id, skipped ? "?skipped=1" : ""));
}

static void render_edit(struct req *r, struct ctx *c, const struct community *cm,
                        const struct event *ev)
{
    page_begin(r, arena_printf(r->arena, "Edit %s", ev->title));
    html_printf(&r->out,
                "<p class=\"breadcrumb\"><a href=\"/c/%s\">%s</a> / <a href=\"/events/%lld\">%s"
                "</a></p><h1>Edit event</h1>\n<p class=\"hint\">Changes apply to every date of "
                "the series; to move or cancel one date, use the buttons on that date.</p>\n",
                cm->slug, cm->name, (long long)ev->id, ev->title);
    form_error_summary(r);
    html_printf(&r->out,
                "<form class=\"form event-form\" method=\"post\" action=\"/events/%lld/edit\">\n",
                (long long)ev->id);
    form_csrf(r);
    render_fields(r, c, ev, cm->slug);
    buf_puts(&r->out, "<div class=\"form-actions\"><button type=\"submit\" class=\"button\">"
                      "Save</button> ");
    web_preview_button(r);
    html_printf(&r->out, " <a href=\"/events/%lld\">Cancel</a></div></form>\n", (long long)ev->id);
    page_end(r);
}

int page_event_edit(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct community cm;
    struct event ev;
    int64_t id;
    int rc;
    if (req_param_id(r, 0, NO_SUCH_EVENT, &id) < 0 || (rc = event_load(c, id, &ev, &cm)) < 0)
        return r->err.code;
    if (!event_can_manage(c, &cm))
        return error_set(&r->err, ERR_PERM, NULL, "Only coordinators and moderators edit events.");
    render_edit(r, c, &cm, &ev);
    return 0;
}

int page_event_update(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct community cm;
    struct event ev;
    struct event_input in;
    int64_t id;
    int skipped = 0, rc;
    if (req_param_id(r, 0, NO_SUCH_EVENT, &id) < 0 || (rc = event_load(c, id, &ev, &cm)) < 0)
        return r->err.code;
    input_from_form(r, &in);
    if (web_is_preview(r)) {
        if (!event_can_manage(c, &cm))
            return error_set(&r->err, ERR_PERM, NULL,
                             "Only coordinators and moderators edit events.");
        render_edit(r, c, &cm, &ev);
        return 0;
    }
    rc = event_can_manage(c, &cm) && form_check(r, c, &in)
             ? r->err.code
             : event_update(c, &cm, &ev, &in, &skipped);
    if (rc < 0) {
        if (rc != ERR_INVALID && rc != ERR_TOOBIG)
            return rc;
        r->status = web_form_status(rc);
        render_edit(r, c, &cm, &ev);
        return 0;
    }
    return resp_redirect(r, arena_printf(r->arena, "/events/%lld", (long long)ev.id));
}

int page_event_cancel(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct community cm;
    struct event ev;
    int64_t id;
    int rc;
    if (req_param_id(r, 0, NO_SUCH_EVENT, &id) < 0 || (rc = event_load(c, id, &ev, &cm)) < 0)
        return r->err.code;
    rc = event_set_cancelled(c, &cm, &ev, !str_eq(req_form(r, "cancelled"), "0"));
    if (rc < 0)
        return rc;
    return resp_redirect(r, arena_printf(r->arena, "/events/%lld", (long long)ev.id));
}

/* ------------------------------------------------------------------------------------------ */
/* One event / date */

/* The series' own time for date key (YYYYMMDD) of ev: the usual wall-clock start on that
   local date in the event's zone (shifted forward inside a DST gap, like recur_expand), and
   its end. Returns 0, or -1 when the zone is unknown. */
static int series_time(const struct event *ev, int64_t key, int64_t *start, int64_t *end)
{
    const struct tz *z = tz_get(ev->tz);
    int64_t tod = ((ev->start_local % 86400) + 86400) % 86400;
    int64_t days = civil_days((int)(key / 10000), (int)(key / 100 % 100), (int)(key % 100));
    if (!z)
        return -1;
    tz_local_to_utc(z, days * 86400 + tod, start);
    *end = *start + ev->duration;
    return 0;
}

/* "This date was changed" notice for a date that differs from its series (time, title or
   place); nothing when it does not. */
static void occ_changed_html(struct req *r, const struct event *ev, const struct event_occ *o,
                             const char *vtz)
{
    int64_t s0, e0;
    int moved =
        o->moved && series_time(ev, o->key, &s0, &e0) == 0 && (s0 != o->start || e0 != o->end);
    int retitled = !str_eq(o->title, ev->title), moved_place = !str_eq(o->location, ev->location);
    if (!moved && !retitled && !moved_place)
        return;
    buf_puts(&r->out,
             "<div class=\"notice notice-changed\" role=\"note\"><p class=\"notice-title\">"
             "This date was changed</p><ul>");
    if (moved)
        html_printf(&r->out, "<li>The series usually meets %s.</li>",
                    web_event_range_text(r, s0, e0, vtz));
    if (retitled)
        html_printf(&r->out, "<li>The series is called \xe2\x80\x9c%s\xe2\x80\x9d.</li>",
                    ev->title);
    if (moved_place) {
        if (*ev->location)
            html_printf(&r->out, "<li>The series meets at %s.</li>", ev->location);
        else
            buf_puts(&r->out, "<li>The series has no place.</li>");
    }
    buf_puts(&r->out, "</ul></div>\n");
}

/* The answers to one date grouped Going / Maybe / Waitlist (in order) / Not going, each
   with its count; rs comes from event_attendees. */
static void attendees_html(struct req *r, const struct event_rsvp *rs, size_t nr)
{
    static const char *const st[4] = {"going", "maybe", "waitlist", "no"};
    static const char *const lab[4] = {"Going", "Maybe", "Waitlist", "Not going"};
    size_t cnt[4] = {0, 0, 0, 0}, i;
    int g;
    for (i = 0; i < nr; i++)
        for (g = 0; g < 4; g++)
            if (str_eq(rs[i].status, st[g]))
                cnt[g]++;
    buf_puts(&r->out, "<section class=\"event-attendees\" aria-labelledby=\"answers-h\">"
                      "<h2 id=\"answers-h\">Answers</h2>");
    if (!nr) {
        buf_puts(&r->out, "<p class=\"empty\">Nobody has answered yet.</p></section>\n");
        return;
    }
    html_printf(&r->out, "<p class=\"attendee-summary\">%lld going \xc2\xb7 %lld maybe",
                (long long)cnt[0], (long long)cnt[1]);
    if (cnt[2])
        html_printf(&r->out, " \xc2\xb7 %lld on the waitlist", (long long)cnt[2]);
    html_printf(&r->out, " \xc2\xb7 %lld not going</p>", (long long)cnt[3]);
    for (g = 0; g < 4; g++) {
        const char *tag = g == 2 ? "ol" : "ul";
        if (!cnt[g])
            continue;
        html_printf(&r->out,
                    "<div class=\"attendee-group rsvp-group-%s\"><h3>%s <span class=\"count\">%lld"
                    "</span></h3><%s class=\"attendee-list\">",
                    st[g], lab[g], (long long)cnt[g], tag);
        for (i = 0; i < nr; i++)
            if (str_eq(rs[i].status, st[g]))
                html_printf(&r->out, "<li class=\"rsvp-%s\"><a href=\"/u/%s\">%s</a></li>", st[g],
                            rs[i].name, *rs[i].display_name ? rs[i].display_name : rs[i].name);
        html_printf(&r->out, "</%s></div>", tag);
    }
    buf_puts(&r->out, "</section>\n");
}

/* The facts of date o: when (in the viewer's zone vtz), how it repeats, where, the online
   link (members only), places taken or people going, and the organiser. */
static void event_facts_html(struct req *r, const struct event *ev, const struct event_occ *o,
                             const char *vtz, int attend, int64_t going, int64_t waiting)
{
    struct recur rc;
    event_recur(ev, &rc);
    buf_puts(&r->out, "<dl class=\"event-facts\"><dt>When</dt><dd class=\"event-when\">");
    web_event_when(r, o, vtz);
    if (o->shifted)
        buf_puts(&r->out, " <span class=\"hint\">(moved forward: the usual time does not exist "
                          "on this day because of the clock change)</span>");
    buf_puts(&r->out, "</dd>");
    if (rc.freq != RECUR_NONE)
        html_printf(&r->out, "<dt>Repeats</dt><dd>%s</dd>",
                    recur_describe(r->arena, &rc, ev->start_local));
    if (*o->location)
        html_printf(&r->out, "<dt>Where</dt><dd>%s</dd>", o->location);
    if (*ev->online_url) {
        if (attend) {
            buf_puts(&r->out, "<dt>Online</dt><dd><a href=\"");
            html_url(&r->out, ev->online_url); /* stored URL: scheme checked, escaped */
            html_printf(&r->out, "\" rel=\"nofollow noopener\">%s</a></dd>", ev->online_url);
        } else
            buf_puts(&r->out, "<dt>Online</dt><dd>The link is shown to members.</dd>");
    }
    if (ev->capacity)
        html_printf(&r->out, "<dt>Places</dt><dd>%lld of %lld taken%s</dd>", (long long)going,
                    (long long)ev->capacity,
                    waiting ? arena_printf(r->arena, ", %lld on the waitlist", (long long)waiting)
                            : "");
    else
        html_printf(&r->out, "<dt>Going</dt><dd>%lld</dd>", (long long)going);
    /* by display name, linked to the profile (the account name on hover) */
    buf_puts(&r->out, "<dt>Organiser</dt><dd>");
    web_author_link(r, ev->created_by_name, ev->created_by_display);
    buf_puts(&r->out, "</dd></dl>\n");
}

/* "All dates of this series": one answer for every date still to come, when the series
   has more than this one (event_rsvp_series answers each date on its own, so capacity and
   waitlists stay per date). After it, ?series=N&waitlisted=K says what happened. */
static void rsvp_series_form(struct req *r, struct ctx *c, const struct event *ev,
                             const struct event_occ *o)
{
    struct event_occ *occ;
    size_t n = 0, i, left = 0;
    struct errinfo saved = r->err;
    int64_t done, waiting;
    if (str_eq(ev->freq, "none") || event_occurrences(c, ev, &occ, &n) < 0) {
        r->err = saved;
        return;
    }
    for (i = 0; i < n; i++)
        if (!occ[i].cancelled && occ[i].end > c->now)
            left++;
    if (req_query_int(r, "series", 0, 0, 1000, &done) == 0 && done > 0 &&
        req_query_int(r, "waitlisted", 0, 0, 1000, &waiting) == 0) {
        if (waiting)
            html_printf(&r->out,
                        "<p class=\"notice notice-ok\" role=\"status\">Your answer was saved "
                        "for %lld dates; on %lld of them you are on the waitlist.</p>",
                        (long long)done, (long long)waiting);
        else
            html_printf(&r->out,
                        "<p class=\"notice notice-ok\" role=\"status\">Your answer was saved "
                        "for %lld dates.</p>",
                        (long long)done);
    }
    r->err = saved;
    if (left < 2)
        return;
    html_printf(&r->out,
                "<form method=\"post\" action=\"%s/rsvp\" class=\"rsvp-form rsvp-series\">",
                web_event_occ_url(r, o));
    form_csrf(r);
    html_printf(&r->out,
                "<input type=\"hidden\" name=\"scope\" value=\"series\"><p class=\"hint\">"
                "All %zu dates still to come of this series:</p>"
                "<button type=\"submit\" name=\"status\" value=\"going\" class=\"button "
                "button-secondary\">Going to all</button> <button type=\"submit\" "
                "name=\"status\" value=\"no\" class=\"button button-secondary\">Not going to "
                "any</button></form>",
                left);
}

/* The viewer's answer for date o (mine: "going", "maybe", "no", "waitlist" or "") and the
   RSVP buttons, or why there are none; then the calendar links. */
static void event_rsvp_html(struct req *r, struct ctx *c, const struct community *cm,
                            const struct event *ev, const struct event_occ *o, const char *mine,
                            int attend, int64_t going)
{
    int past = o->end <= c->now;
    buf_puts(&r->out, "<section class=\"event-rsvp\" aria-label=\"Your answer\">");
    if (!c->uid) {
        html_printf(&r->out, "<p><a href=\"/signin?next=%s\">Sign in</a> to answer.</p>",
                    web_event_occ_url(r, o));
    } else if (!attend) {
        html_printf(&r->out, "<p>Join <a href=\"/c/%s\">%s</a> to answer.</p>", cm->slug, cm->name);
    } else if (o->cancelled || past) {
        buf_puts(&r->out, "<p class=\"hint\">Answers are closed for this date.</p>");
    } else {
        static const char *const st[3] = {"going", "maybe", "no"};
        static const char *const lab[3] = {"Going", "Maybe", "Not going"};
        int k;
        if (str_eq(mine, "waitlist"))
            buf_puts(&r->out, "<p class=\"rsvp-state\" role=\"status\">You are on the "
                              "waitlist; you will be moved up when a place frees.</p>");
        else if (*mine)
            html_printf(
                &r->out,
                "<p class=\"rsvp-state\" role=\"status\">Your answer: <strong>%s</strong></p>",
                str_eq(mine, "going")   ? "Going"
                : str_eq(mine, "maybe") ? "Maybe"
                                        : "Not going");
        html_printf(&r->out, "<form method=\"post\" action=\"%s/rsvp\" class=\"rsvp-form\">",
                    web_event_occ_url(r, o));
        form_csrf(r);
        for (k = 0; k < 3; k++) {
            int on = str_eq(mine, st[k]) || (k == 0 && str_eq(mine, "waitlist"));
            html_printf(&r->out,
                        "<button type=\"submit\" name=\"status\" value=\"%s\" class=\"button%s\" "
                        "aria-pressed=\"%s\">%s</button> ",
                        st[k], on ? "" : " button-secondary", on ? "true" : "false",
                        k == 0 && ev->capacity && going >= ev->capacity && !str_eq(mine, "going")
                            ? "Join waitlist"
                            : lab[k]);
        }
        buf_puts(&r->out, "</form>");
        rsvp_series_form(r, c, ev, o);
    }
    html_printf(
        &r->out,
        "<p class=\"event-links\"><a href=\"%s/event.ics\">Add to calendar (.ics)</a> \xc2\xb7 "
        "<a href=\"/calendar\">Subscribe</a></p></section>\n",
        web_event_occ_url(r, o));
}

/* The organisers' buttons: edit or cancel this date, edit or cancel the series. */
static void event_manage_html(struct req *r, const struct event *ev, const struct event_occ *o)
{
    html_printf(&r->out,
                "<section class=\"event-manage\" aria-labelledby=\"manage-h\"><h2 id=\"manage-h\">"
                "Change or cancel</h2><div class=\"manage-row\"><span class=\"manage-label\">"
                "This date</span><a class=\"button button-secondary\" href=\"%s/edit\">Edit this "
                "date</a><form method=\"post\" action=\"%s/cancel\" class=\"inline-form\">",
                web_event_occ_url(r, o), web_event_occ_url(r, o));
    form_csrf(r);
    html_printf(&r->out,
                "<input type=\"hidden\" name=\"cancelled\" value=\"%s\"><button type=\"submit\" "
                "class=\"button button-secondary\">%s</button></form></div>",
                o->cancelled && !ev->cancelled ? "0" : "1",
                o->cancelled && !ev->cancelled ? "Restore this date" : "Cancel this date");
    html_printf(&r->out,
                "<div class=\"manage-row\"><span class=\"manage-label\">Every date</span>"
                "<a class=\"button button-secondary\" href=\"/events/%lld/edit\">Edit series</a>"
                "<form method=\"post\" action=\"/events/%lld/cancel\" class=\"inline-form\">",
                (long long)ev->id, (long long)ev->id);
    form_csrf(r);
    html_printf(&r->out,
                "<input type=\"hidden\" name=\"cancelled\" value=\"%s\"><button type=\"submit\" "
                "class=\"button %s\">%s</button></form></div></section>\n",
                ev->cancelled ? "0" : "1", ev->cancelled ? "button-secondary" : "button-danger",
                ev->cancelled ? "Restore the series" : "Cancel the whole series");
}

/* Up to 12 other dates of the series still to come (all: every date, nall of them). */
static void event_dates_html(struct req *r, struct ctx *c, const struct event_occ *o,
                             const struct event_occ *all, size_t nall, const char *vtz)
{
    size_t i, shown = 0;
    if (nall <= 1)
        return;
    buf_puts(&r->out,
             "<section class=\"event-dates\"><h2>Other dates</h2><ul class=\"date-list\">");
    for (i = 0; i < nall && shown < 12; i++) {
        if (all[i].key == o->key || all[i].end <= c->now)
            continue;
        html_printf(&r->out, "<li%s><a href=\"%s\">%s</a>%s</li>",
                    all[i].cancelled ? " class=\"is-cancelled\"" : "",
                    web_event_occ_url(r, &all[i]),
                    web_event_range_text(r, all[i].start, all[i].end, vtz),
                    all[i].cancelled ? " (cancelled)" : "");
        shown++;
    }
    buf_puts(&r->out, "</ul></section>\n");
}

/* The page of date o of event ev in cm: head, notices, facts, RSVP, description, notes,
   attendees (members), the organisers' buttons and the other dates. */
static int render_event(struct req *r, struct ctx *c, struct community *cm, struct event *ev,
                        struct event_occ *o)
{
    const char *vtz = web_event_viewer_tz(r, c, ev->tz), *mine = "";
    struct event_occ *all;
    size_t nall;
    int64_t going = 0, waiting = 0;
    int attend = event_can_attend(c, cm), manage = event_can_manage(c, cm);

    if (event_rsvp_status(c, ev, o->key, &mine) < 0 ||
        event_going_count(c, ev, o->key, &going, &waiting) < 0 ||
        event_occurrences(c, ev, &all, &nall) < 0)
        return r->err.code;
    page_begin(r, o->title);
    web_live(r, arena_printf(r->arena, "event:%lld", (long long)ev->id)); /* parts_live.c */
    html_printf(&r->out,
                "<p class=\"breadcrumb\"><a href=\"/c/%s\">%s</a> / <a href=\"/c/%s/events\">"
                "Events</a></p>\n<article class=\"event%s\"><div class=\"page-head\"><h1>%s</h1>",
                cm->slug, cm->name, cm->slug, o->cancelled ? " is-cancelled" : "", o->title);
    if (manage)
        html_printf(
            &r->out,
            "<a class=\"button button-secondary\" href=\"/events/%lld/edit\">Edit series</a>",
            (long long)ev->id);
    buf_puts(&r->out, "</div>\n");
    if (str_eq(req_query(r, "skipped"), "1"))
        form_notice_ok(r, "Scheduled. Months without that date are skipped.");
    if (o->cancelled)
        html_printf(&r->out, "<p class=\"notice notice-cancelled\" role=\"status\">%s</p>\n",
                    ev->cancelled ? "This event is cancelled." : "This date is cancelled.");
    if (str_eq(req_query(r, "saved"), "1"))
        form_notice_ok(r, "This date was saved.");
    occ_changed_html(r, ev, o, vtz);
    event_facts_html(r, ev, o, vtz, attend, going, waiting);
    event_rsvp_html(r, c, cm, ev, o, mine, attend, going);

    if (*ev->description_html)
        html_printf(&r->out, "<section class=\"event-description markdown\">"),
            buf_puts(&r->out, ev->description_html), buf_puts(&r->out, "</section>\n");
    if (*ev->notes_url || *ev->notes_html) {
        buf_puts(&r->out, "<section class=\"event-notes\"><h2>What we learned</h2>");
        if (*ev->notes_url) {
            buf_puts(&r->out, "<p><a href=\"");
            html_url(&r->out, ev->notes_url); /* stored URL: scheme checked, escaped */
            buf_puts(&r->out, "\">Notes and follow-up</a></p>");
        }
        buf_puts(&r->out, ev->notes_html);
        buf_puts(&r->out, "</section>\n");
    }

    /* attendees */
    if (attend) {
        struct event_rsvp *rs;
        size_t nr;
        if (event_attendees(c, cm, ev, o->key, &rs, &nr) < 0)
            return r->err.code;
        attendees_html(r, rs, nr);
    }

    if (manage)
        event_manage_html(r, ev, o);

    event_dates_html(r, c, o, all, nall, vtz);
    buf_puts(&r->out, "</article>\n");
    page_end(r);
    return 0;
}

int page_event(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct community cm;
    struct event ev;
    struct event_occ o;
    int64_t id;
    if (req_param_id(r, 0, NO_SUCH_EVENT, &id) < 0 || event_load(c, id, &ev, &cm) < 0 ||
        event_next(c, &ev, &o) < 0)
        return r->err.code;
    return render_event(r, c, &cm, &ev, &o);
}

/* Load the event and the date of /events/:id/o/:key. */
static int load_occ(struct req *r, struct ctx *c, struct community *cm, struct event *ev,
                    struct event_occ *o)
{
    int64_t id, key;
    if (req_param_id(r, 0, NO_SUCH_EVENT, &id) < 0 || req_param_id(r, 1, NO_SUCH_EVENT, &key) < 0 ||
        event_load(c, id, ev, cm) < 0 || event_occurrence(c, ev, key, o) < 0)
        return r->err.code ? r->err.code : ERR_NOTFOUND;
    return 0;
}

int page_event_occ(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct community cm;
    struct event ev;
    struct event_occ o;
    int rc = load_occ(r, c, &cm, &ev, &o);
    if (rc < 0)
        return rc;
    return render_event(r, c, &cm, &ev, &o);
}

int page_event_rsvp(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct community cm;
    struct event ev;
    struct event_occ o;
    const char *res;
    int rc = load_occ(r, c, &cm, &ev, &o);
    if (rc < 0)
        return rc;
    if (str_eq(form_value(r, "scope"), "series")) { /* "all dates of this series" */
        size_t dates = 0, waiting = 0;
        rc = event_rsvp_series(c, &cm, &ev, req_form(r, "status"), &dates, &waiting);
        if (rc < 0)
            return rc;
        return resp_redirect(r, arena_printf(r->arena, "%s?series=%zu&waitlisted=%zu",
                                             web_event_occ_url(r, &o), dates, waiting));
    }
    rc = event_rsvp(c, &cm, &ev, o.key, req_form(r, "status"), &res);
    if (rc < 0)
        return rc;
    return resp_redirect(r, web_event_occ_url(r, &o));
}

int page_event_occ_cancel(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct community cm;
    struct event ev;
    struct event_occ o;
    int rc = load_occ(r, c, &cm, &ev, &o);
    if (rc < 0)
        return rc;
    /* pass the date's own title and place so that cancelling keeps them */
    rc = event_occ_update(c, &cm, &ev, o.key, o.title, NULL, NULL, o.location,
                          str_eq(req_form(r, "cancelled"), "0") ? 0 : 1);
    if (rc < 0)
        return rc;
    return resp_redirect(r, web_event_occ_url(r, &o));
}

/* The form to change one date (title, place, start and end in the event's zone). Values
   come from the request when it is a post, else from the date as it is. */
static void render_occ_edit(struct req *r, struct ctx *c, const struct community *cm,
                            const struct event *ev, const struct event_occ *o)
{
    int post = r->method == HTTP_POST;
    const struct tz *z = tz_get(ev->tz);
    char sbuf[32], ebuf[32];
    const char *vtz = web_event_viewer_tz(r, c, ev->tz);
    event_format_local(z ? tz_utc_to_local(z, o->start) : o->start, sbuf);
    event_format_local(z ? tz_utc_to_local(z, o->end) : o->end, ebuf);
    page_begin(r, arena_printf(r->arena, "Edit %s, %s", o->title,
                               web_event_range_text(r, o->start, o->end, ev->tz)));
    html_printf(&r->out,
                "<p class=\"breadcrumb\"><a href=\"/c/%s\">%s</a> / <a href=\"/c/%s/events\">Events"
                "</a> / <a href=\"%s\">%s</a></p><h1>Edit this date</h1>\n"
                "<p class=\"lead occ-edit-when\">",
                cm->slug, cm->name, cm->slug, web_event_occ_url(r, o), o->title);
    web_event_when(r, o, vtz);
    html_printf(&r->out,
                "</p>\n<p class=\"hint\">Changes apply to this date only. To change every date, "
                "<a href=\"/events/%lld/edit\">edit the series</a>.</p>\n",
                (long long)ev->id);
    form_error_summary(r);
    html_printf(&r->out,
                "<form class=\"form event-form occ-form\" method=\"post\" action=\"%s/edit\">\n",
                web_event_occ_url(r, o));
    form_csrf(r);
    form_field(r, "text", "title", "Title", post ? form_value(r, "title") : o->title,
               arena_printf(r->arena, "Empty for the series' title (\xe2\x80\x9c%s\xe2\x80\x9d).",
                            ev->title),
               "maxlength=\"120\"");
    buf_puts(&r->out, "<div class=\"field-row\">");
    form_field(r, "datetime-local", "start", "Starts", post ? form_value(r, "start") : sbuf,
               arena_printf(r->arena, "In %s.", ev->tz), "required");
    form_field(r, "datetime-local", "end", "Ends", post ? form_value(r, "end") : ebuf,
               arena_printf(r->arena, "In %s.", ev->tz), "required");
    buf_puts(&r->out, "</div>");
    form_field(r, "text", "location", "Place", post ? form_value(r, "location") : o->location,
               *ev->location ? arena_printf(r->arena, "The series meets at %s; empty for no place.",
                                            ev->location)
                             : "Room or address; empty for none.",
               "maxlength=\"200\"");
    buf_puts(&r->out, "<p class=\"hint\">The online link, description and notes belong to the "
                      "series; change them by editing the series.</p>\n");
    html_printf(&r->out,
                "<div class=\"form-actions\"><button type=\"submit\" class=\"button\">Save this "
                "date</button> <a href=\"%s\">Cancel</a></div></form>\n",
                web_event_occ_url(r, o));
    page_end(r);
}

/* Every problem of the one-date form at once (form_error_note), before the domain's own
   checks: title and place as event_occ_field_check; start and end (the effective values:
   what was typed, or the date's own when unchanged) given, real, and in order. Returns how
   many problems were found. */
static size_t occ_form_check(struct req *r, struct ctx *c, const char *title, const char *location,
                             const char *start, const char *end)
{
    struct errinfo e = {0};
    struct errinfo *saved = c->err;
    int64_t s = 0, en = 0;
    int s_ok = 0, e_ok = 0;
    c->err = &e;
    if (title && *title)
        form_error_note(r, event_occ_field_check(c, "title", title), &e);
    if (location)
        form_error_note(r, event_occ_field_check(c, "location", location), &e);
    c->err = saved;
    if (!*start)
        form_error_note(r, error_set(&e, ERR_INVALID, "start", "When does this date start?"), &e);
    else if (event_parse_local(start, &s) < 0)
        form_error_note(r,
                        error_set(&e, ERR_INVALID, "start",
                                  "\"%.30s\" is not a date and time that exists "
                                  "(YYYY-MM-DDTHH:MM).",
                                  start),
                        &e);
    else
        s_ok = 1;
    if (!*end)
        form_error_note(r, error_set(&e, ERR_INVALID, "end", "When does this date end?"), &e);
    else if (event_parse_local(end, &en) < 0)
        form_error_note(r,
                        error_set(&e, ERR_INVALID, "end",
                                  "\"%.30s\" is not a date and time that exists "
                                  "(YYYY-MM-DDTHH:MM).",
                                  end),
                        &e);
    else
        e_ok = 1;
    if (s_ok && e_ok && en <= s)
        form_error_note(r, error_set(&e, ERR_INVALID, "end", "The end must be after the start."),
                        &e);
    return form_error_count(r);
}

int page_event_occ_edit(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct community cm;
    struct event ev;
    struct event_occ o;
    int rc = load_occ(r, c, &cm, &ev, &o);
    if (rc < 0)
        return rc;
    if (!event_can_manage(c, &cm))
        return error_set(&r->err, ERR_PERM, NULL, "Only coordinators and moderators edit events.");
    render_occ_edit(r, c, &cm, &ev, &o);
    return 0;
}

int page_event_occ_update(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct community cm;
    struct event ev;
    struct event_occ o;
    const struct tz *z;
    const char *title, *location, *start, *end;
    char sbuf[32], ebuf[32];
    int rc = load_occ(r, c, &cm, &ev, &o);
    if (rc < 0)
        return rc;
    if (!event_can_manage(c, &cm))
        return error_set(&r->err, ERR_PERM, NULL, "Only coordinators and moderators edit events.");
    z = tz_get(ev.tz);
    event_format_local(z ? tz_utc_to_local(z, o.start) : o.start, sbuf);
    event_format_local(z ? tz_utc_to_local(z, o.end) : o.end, ebuf);
    title = req_form(r, "title");
    location = req_form(r, "location");
    start = req_form(r, "start");
    end = req_form(r, "end");
    /* an unchanged time is not a move (the browser may add ":00" seconds) */
    if (start && (str_eq(start, sbuf) || str_eq(start, arena_printf(r->arena, "%s:00", sbuf))))
        start = NULL;
    if (end && (str_eq(end, ebuf) || str_eq(end, arena_printf(r->arena, "%s:00", ebuf))))
        end = NULL;
    if (occ_form_check(r, c, title, location, start ? start : sbuf, end ? end : ebuf)) {
        r->status = 422;
        render_occ_edit(r, c, &cm, &ev, &o);
        return 0;
    }
    rc = event_occ_update(c, &cm, &ev, o.key, title ? title : o.title, start, end,
                          location ? location : o.location, -1);
    if (rc < 0) {
        if (rc != ERR_INVALID && rc != ERR_TOOBIG)
            return rc;
        r->status = web_form_status(rc);
        render_occ_edit(r, c, &cm, &ev, &o);
        return 0;
    }
    return resp_redirect(r, arena_printf(r->arena, "%s?saved=1", web_event_occ_url(r, &o)));
}

/* ------------------------------------------------------------------------------------------ */
/* Calendars */

static int send_ics(struct req *r, struct buf *b, const char *filename)
{
    r->content_type_out = "text/calendar; charset=utf-8";
    if (filename)
        resp_header(r, "Content-Disposition",
                    arena_printf(r->arena, "attachment; filename=\"%s\"", filename));
    resp_header(r, "Cache-Control", "private, max-age=300");
    buf_append(&r->out, b->data, b->len);
    buf_release(b);
    return 0;
}

int page_event_ics(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct community cm;
    struct event ev;
    struct buf b;
    int64_t id, key = 0;
    if (req_param_id(r, 0, NO_SUCH_EVENT, &id) < 0 ||
        (r->nparams > 1 && req_param_id(r, 1, NO_SUCH_EVENT, &key) < 0) ||
        event_load(c, id, &ev, &cm) < 0)
        return r->err.code;
    buf_init(&b, 0);
    if (event_ics(c, &cm, &ev, key, site_base(r), &b) < 0) {
        buf_release(&b);
        return r->err.code;
    }
    return send_ics(r, &b, arena_printf(r->arena, "event-%lld.ics", (long long)id));
}

/* A ctx acting as the owner of ?token= / :token (no admin powers), for feeds that calendar
   apps fetch without a session. ERR_NOTFOUND for a bad token. */
static int feed_ctx(struct req *r, const char *token, struct ctx **out)
{
    struct ctx *c = app_ctx(r);
    int64_t uid;
    if (event_feed_user(c, token, &uid) < 0)
        return r->err.code;
    c->uid = uid;
    c->is_admin = 0;
    *out = c;
    return 0;
}

int page_community_events_ics(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct community cm;
    struct buf b;
    const char *token = req_query(r, "token");
    int rc;
    if (token && feed_ctx(r, token, &c) < 0)
        return r->err.code;
    if (!token) { /* anonymous feed: public communities only, whatever the session */
        c->uid = 0;
        c->is_admin = 0;
    }
    if ((rc = community_get(c, r->params[0], &cm)) < 0)
        return rc;
    buf_init(&b, 0);
    if (event_feed_ics(c, EVENT_FEED_COMMUNITY, &cm, site_base(r), &b) < 0) {
        buf_release(&b);
        return r->err.code;
    }
    return send_ics(r, &b, NULL);
}

static int member_feed(struct req *r, enum event_feed kind)
{
    struct ctx *c = NULL;
    struct buf b;
    if (feed_ctx(r, r->params[0], &c) < 0)
        return r->err.code;
    buf_init(&b, 0);
    if (event_feed_ics(c, kind, NULL, site_base(r), &b) < 0) {
        buf_release(&b);
        return r->err.code;
    }
    return send_ics(r, &b, NULL);
}

int page_calendar_all(struct req *r)
{
    return member_feed(r, EVENT_FEED_ALL);
}

int page_calendar_going(struct req *r)
{
    return member_feed(r, EVENT_FEED_GOING);
}

static void render_calendar(struct req *r, struct ctx *c, const char *token)
{
    const char *base = site_base(r);
    page_begin(r, "Your calendar");
    buf_puts(&r->out, "<h1>Your calendar</h1>\n<p>Subscribe to these links in your calendar app "
                      "(Google Calendar: Other calendars \xe2\x86\x92 From URL; Apple Calendar: "
                      "File \xe2\x86\x92 New Calendar Subscription). They contain a secret: "
                      "anyone with a link sees the events it lists. The same secret opens your "
                      "<a href=\"/settings/feeds\">Atom feed links</a>: new links here are new "
                      "links there.</p>\n");
    if (token) {
        html_printf(&r->out,
                    "<div class=\"notice\" role=\"status\"><p>Your new links (shown once; the "
                    "old ones no longer work):</p><dl class=\"feed-links\"><dt>All events of "
                    "your communities</dt><dd><code class=\"feed-url\" "
                    "id=\"feed-all\">%s/calendar/%s/all.ics</code></dd>"
                    "<dt>Only events you are going to</dt><dd><code class=\"feed-url\" "
                    "id=\"feed-going\">%s/calendar/%s/going.ics</code></dd></dl>"
                    "<p>For a private community's own calendar, use "
                    "<code>/c/SLUG/events.ics?token=%s</code>.</p></div>\n",
                    base, token, base, token, token);
    } else if (event_feed_token_exists(c)) {
        buf_puts(&r->out, "<p>You have calendar links. They are shown only when made; make new "
                          "ones if you lost them (the old ones stop working).</p>\n");
    } else {
        buf_puts(&r->out, "<p>You have no calendar links yet.</p>\n");
    }
    buf_puts(&r->out, "<form method=\"post\" action=\"/calendar/reset\">");
    form_csrf(r);
    buf_puts(&r->out, "<button type=\"submit\" class=\"button\">Make new calendar links</button>"
                      "</form>\n");
    page_end(r);
}

int page_calendar(struct req *r)
{
    render_calendar(r, app_ctx(r), NULL);
    return 0;
}

int page_calendar_reset(struct req *r)
{
    struct ctx *c = app_ctx(r);
    const char *token;
    if (event_feed_token_reset(c, &token) < 0)
        return r->err.code;
    render_calendar(r, c, token);
    return 0;
}
