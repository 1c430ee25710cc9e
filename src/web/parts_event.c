/* Shared page pieces about events: the viewer's zone, an occurrence's time range and URL,
 * a list of occurrences, and the "Upcoming events" sections of the community page and the
 * home page. Declared in web/parts.h. */
#include <string.h>

#include "core/html.h"
#include "core/timeutil.h"
#include "core/tz.h"
#include "domain/account.h"
#include "domain/event.h"
#include "web/parts.h"
#include "core/util.h"

#define UPCOMING_SHOWN 5
#define LIST_SHOWN     50 /* dates read for an "Upcoming events" section */

static const char *const wday_short[7] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
static const char *const mon_short[12] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

/* The viewer's zone: profile timezone, else fallback. Leaves r->err as it was (a form shown
   again keeps its error). */
const char *web_event_viewer_tz(struct req *r, struct ctx *c, const char *fallback)
{
    struct user u;
    struct errinfo saved = r->err;
    if (c->uid && account_get_by_id(c, c->uid, &u) == 0 && u.timezone && *u.timezone &&
        tz_get(u.timezone))
        return u.timezone;
    r->err = saved;
    return fallback && tz_get(fallback) ? fallback : "UTC";
}

/* "Tue 17 Mar 2026, 18:00–20:00 CET" of [start, end) in zone name. */
const char *web_event_range_text(struct req *r, int64_t start, int64_t end, const char *zname)
{
    const struct tz *z = tz_get(zname);
    const char *ab1 = "UTC", *ab2 = "UTC";
    int y, mo, d, h, mi, wd, y2, mo2, d2, h2, mi2;
    int64_t ls = start, le = end;
    if (z) {
        ls = start + tz_offset(z, start, &ab1);
        le = end + tz_offset(z, end, &ab2);
    }
    civil_split(ls, &y, &mo, &d, &h, &mi, &wd);
    civil_split(le, &y2, &mo2, &d2, &h2, &mi2, NULL);
    if (y == y2 && mo == mo2 && d == d2)
        return arena_printf(r->arena, "%s %d %s %d, %02d:%02d\xe2\x80\x93%02d:%02d %s",
                            wday_short[wd], d, mon_short[mo - 1], y, h, mi, h2, mi2, ab2);
    return arena_printf(r->arena, "%s %d %s %d, %02d:%02d %s \xe2\x80\x93 %d %s %d, %02d:%02d %s",
                        wday_short[wd], d, mon_short[mo - 1], y, h, mi, ab1, d2, mon_short[mo2 - 1],
                        y2, h2, mi2, ab2);
}

/* <time> range in the viewer's zone, with the organiser's zone alongside when different. */
void web_event_when(struct req *r, const struct event_occ *o, const char *vtz)
{
    char iso[32];
    time_iso(o->start, iso);
    html_printf(&r->out, "<time datetime=\"%s\">%s</time>", iso,
                web_event_range_text(r, o->start, o->end, vtz));
    if (!str_eq(vtz, o->ev->tz))
        html_printf(&r->out, " <span class=\"event-orgzone\">(%s in %s)</span>",
                    web_event_range_text(r, o->start, o->end, o->ev->tz), o->ev->tz);
}

const char *web_event_occ_url(struct req *r, const struct event_occ *o)
{
    return arena_printf(r->arena, "/events/%lld/o/%lld", (long long)o->ev->id, (long long)o->key);
}

/* A list of occurrences (<ul class="event-list">). */
void web_event_occ_list(struct req *r, struct ctx *c, const struct event_occ *occ, size_t n,
                        int with_community)
{
    size_t i;
    const char *vtz = web_event_viewer_tz(r, c, n ? occ[0].ev->tz : "UTC");
    buf_puts(&r->out, "<ul class=\"event-list\">\n");
    for (i = 0; i < n; i++) {
        const struct event_occ *o = &occ[i];
        html_printf(&r->out,
                    "<li class=\"event-item%s\"><a class=\"event-title\" href=\"%s\">%s</a>",
                    o->cancelled ? " is-cancelled" : "", web_event_occ_url(r, o), o->title);
        if (o->cancelled)
            buf_puts(&r->out, " <span class=\"badge badge-cancelled\">Cancelled</span>");
        buf_puts(&r->out, "<p class=\"event-when\">");
        web_event_when(r, o, vtz);
        buf_puts(&r->out, "</p>");
        if (with_community)
            html_printf(&r->out, "<p class=\"event-community\"><a href=\"/c/%s\">%s</a></p>",
                        o->ev->community_slug, o->ev->community_name);
        buf_puts(&r->out, "</li>\n");
    }
    buf_puts(&r->out, "</ul>\n");
}

/* Keep the first (soonest) date of each event in occ (sorted by start), at most max of them,
   so a summary shows five events rather than five dates of one series. Returns the count. */
static size_t next_per_event(struct event_occ *occ, size_t n, size_t max)
{
    size_t i, j, k = 0;
    for (i = 0; i < n && k < max; i++) {
        for (j = 0; j < k; j++)
            if (occ[j].ev->id == occ[i].ev->id)
                break;
        if (j == k)
            occ[k++] = occ[i];
    }
    return k;
}

void web_events_upcoming(struct req *r, const struct community *cm)
{
    struct ctx *c = app_ctx(r);
    struct event_occ *occ;
    size_t n;
    if (event_upcoming(c, cm, 0, LIST_SHOWN, &occ, &n) < 0) {
        error_clear(&r->err);
        return;
    }
    n = next_per_event(occ, n, UPCOMING_SHOWN);
    html_printf(&r->out, "<section class=\"events-upcoming\"><h2>Upcoming events</h2>\n");
    if (n)
        web_event_occ_list(r, c, occ, n, 0);
    else
        buf_puts(&r->out, "<p class=\"empty\">No events scheduled.</p>\n");
    html_printf(&r->out, "<p><a href=\"/c/%s/events\">All events and calendar</a></p></section>\n",
                cm->slug);
}

void web_events_upcoming_home(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct event_occ *occ;
    size_t n;
    if (event_upcoming(c, NULL, c->uid != 0, LIST_SHOWN, &occ, &n) < 0 || !n) {
        error_clear(&r->err);
        return;
    }
    n = next_per_event(occ, n, UPCOMING_SHOWN);
    buf_puts(&r->out, "<section class=\"home-section events-upcoming\"><h2>Upcoming events</h2>\n");
    web_event_occ_list(r, c, occ, n, 1);
    buf_puts(&r->out, "</section>\n");
}
