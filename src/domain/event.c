/* Events (domain/event.h): validation of typed events and their recurrence, the permission
 * rules, create/edit/cancel of series and occurrences, RSVPs with the waitlist (promotion in
 * the same write transaction as the change that frees a place), upcoming lists and the
 * iCalendar feeds. Every write runs in one write transaction. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/html.h"
#include "core/ical.h"
#include "core/log.h"
#include "core/markdown.h"
#include "core/rand.h"
#include "core/timeutil.h"
#include "core/tz.h"
#include "core/utf8.h"
#include "domain/account.h"
#include "domain/event.h"
#include "domain/feed.h"
#include "domain/upload.h"
#include "domain/live.h"
#include "domain/domain_int.h"
#include "domain/notification.h"
#include "domain/webhook.h"
#include "store/job.h"
#include "store/notification.h"
#include "core/util.h"

#define FEED_PAST_DAYS 30
#define LIST_SCAN      200 /* events scanned for upcoming lists */

/* ------------------------------------------------------------------------------------------ */
/* Permissions */

static int is_super(const struct ctx *c)
{
    return c->system || c->is_admin;
}

int event_can_manage(const struct ctx *c, const struct community *cm)
{
    if (cm->archived)
        return 0;
    return is_super(c) || (c->uid && cm->viewer_role >= ROLE_MODERATOR);
}

int event_can_attend(const struct ctx *c, const struct community *cm)
{
    return c->uid && (cm->viewer_role != ROLE_NONE || c->is_admin);
}

/* ------------------------------------------------------------------------------------------ */
/* Helpers */

static int not_found(struct ctx *c)
{
    return error_set(c->err, ERR_NOTFOUND, NULL, "There is no such event.");
}

int event_parse_local(const char *s, int64_t *out)
{
    int y, mo, d, h, mi, sec = 0, n = 0;
    char sep;
    if (!s || strlen(s) > 25)
        return -1;
    if (sscanf(s, "%4d-%2d-%2d%c%2d:%2d%n", &y, &mo, &d, &sep, &h, &mi, &n) != 6)
        return -1;
    if (s[n] == ':') {
        int m2 = 0;
        if (sscanf(s + n, ":%2d%n", &sec, &m2) != 1)
            return -1;
        n += m2;
    }
    if (s[n] || (sep != 'T' && sep != ' ') || y < 1970 || y > 9999 || mo < 1 || mo > 12 || d < 1 ||
        d > civil_month_days(y, mo) || h < 0 || h > 23 || mi < 0 || mi > 59 || sec < 0 || sec > 59)
        return -1;
    *out = civil_days(y, mo, d) * 86400 + h * 3600 + mi * 60 + sec;
    return 0;
}

void event_format_local(int64_t local, char out[32])
{
    int y, mo, d, h, mi;
    char tmp[96];
    civil_split(local, &y, &mo, &d, &h, &mi, NULL);
    snprintf(tmp, sizeof(tmp), "%04d-%02d-%02dT%02d:%02d", y, mo, d, h, mi);
    str_copy(out, tmp, 32);
}

void event_recur(const struct event *ev, struct recur *rc)
{
    memset(rc, 0, sizeof(*rc));
    if (recur_freq_parse(ev->freq, &rc->freq) < 0)
        rc->freq = RECUR_NONE;
    if (recur_monthly_parse(ev->monthly, &rc->monthly) < 0)
        rc->monthly = RECUR_BY_DATE;
    rc->interval = (int)ev->interval;
    rc->byday = (unsigned)ev->byday;
    rc->count = (int)ev->count;
    if (ev->until_date && *ev->until_date)
        sscanf(ev->until_date, "%d-%d-%d", &rc->until_y, &rc->until_m, &rc->until_d);
}

/* One line of plain text of at most max code points (min 1 when required). */
static int text_check(struct ctx *c, const char *field, const char *label, const char *s,
                      size_t max, int required)
{
    size_t n = s ? strlen(s) : 0;
    if (n && (!utf8_valid(s, n) || utf8_has_controls(s, 0)))
        return error_set(c->err, ERR_INVALID, field, "%s must be one line of plain text.", label);
    if (required && !n)
        return error_set(c->err, ERR_INVALID, field, "%s is required.", label);
    if (n && utf8_chars(s, n) > max)
        return error_set(c->err, ERR_INVALID, field, "%s is at most %zu characters.", label, max);
    return 0;
}

/* An http(s) URL (or, when relative_ok, a site path "/..."). */
static int url_check(struct ctx *c, const char *field, const char *s, int relative_ok)
{
    size_t n = s ? strlen(s) : 0;
    if (!n)
        return 0;
    if (n > EVENT_URL_MAX || !utf8_valid(s, n) || utf8_has_controls(s, 0) || strchr(s, ' ') ||
        !((str_starts(s, "https://") && n > 8) || (str_starts(s, "http://") && n > 7) ||
          (relative_ok && s[0] == '/' && s[1] != '/')))
        return error_set(c->err, ERR_INVALID, field,
                         relative_ok ? "Give a link starting with https://, http:// or /."
                                     : "Give a link starting with https:// or http://.");
    return 0;
}

/* md rendered as an event text of cm (NULL: no embedding check), on field's errors. */
static int render_md(struct ctx *c, const struct community *cm, const char *field, const char *md,
                     const char **html)
{
    struct upload_embed embed = {0};
    struct buf b;
    size_t n = md ? strlen(md) : 0;
    int rc;
    if (n > EVENT_DESC_MAX)
        return error_set(c->err, ERR_TOOBIG, field, "This text is limited to %d KiB.",
                         EVENT_DESC_MAX / 1024);
    if (n && !utf8_valid(md, n))
        return error_set(c->err, ERR_INVALID, field, "The text must be valid UTF-8.");
    buf_init(&b, 0);
    {
        struct markdown_opts o = {0};
        if (cm)
            upload_markdown_hook_in(c, &o, &embed, cm); /* images all its readers can load */
        else
            upload_markdown_hook(c, &o); /* this instance's uploaded images are shown */
        rc = n ? markdown_render_opts(&b, md, n, &o) : 0;
    }
    if (rc < 0 || b.err) {
        buf_release(&b);
        return error_set(c->err, ERR_INVALID, field, "The text could not be rendered.");
    }
    if (upload_embed_check(c, &embed, field) < 0) {
        buf_release(&b);
        return ERR_INVALID;
    }
    *html = arena_strdup(c->arena, b.data);
    buf_release(&b);
    return 0;
}

int event_text_render(struct ctx *c, const char *field, const char *md, const char **html)
{
    return render_md(c, NULL, field, md, html);
}

static int int_field(struct ctx *c, const char *field, const char *label, const char *s, int64_t lo,
                     int64_t hi, int64_t *out)
{
    int64_t v;
    if (!s || !*s)
        return 0;
    if (str_to_i64(s, &v) < 0 || v < lo || v > hi)
        return error_set(c->err, ERR_INVALID, field, "%s must be a whole number from %lld to %lld.",
                         label, (long long)lo, (long long)hi);
    *out = v;
    return 0;
}

/* "02:30 on 29 Mar 2026" for messages. */
static const char *local_words(struct ctx *c, int64_t local)
{
    static const char *const mon[12] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    int y, mo, d, h, mi;
    civil_split(local, &y, &mo, &d, &h, &mi, NULL);
    return arena_printf(c->arena, "%02d:%02d on %d %s %d", h, mi, d, mon[mo - 1], y);
}

/* The text fields, URLs and capacity of input onto ev (only those given, or all when
   creating), checked; the Markdown fields are rendered. */
static int apply_texts(struct ctx *c, const struct community *cm, struct event *ev,
                       const struct event_input *in, int creating)
{
    int64_t v;
    if (in->title || creating) {
        const char *t = in->title ? in->title : "";
        while (*t == ' ')
            t++;
        if (text_check(c, "title", "The title", t, EVENT_TITLE_MAX, 1) < 0)
            return c->err->code;
        ev->title = t;
    }
    if (in->description_md || creating) {
        ev->description_md = in->description_md ? in->description_md : "";
        if (render_md(c, cm, "description_md", ev->description_md, &ev->description_html) < 0)
            return c->err->code;
    }
    if (in->location || creating) {
        ev->location = in->location ? in->location : "";
        if (text_check(c, "location", "The place", ev->location, EVENT_PLACE_MAX, 0) < 0)
            return c->err->code;
    }
    if (in->online_url || creating) {
        ev->online_url = in->online_url ? in->online_url : "";
        if (url_check(c, "online_url", ev->online_url, 0) < 0)
            return c->err->code;
    }
    if (in->notes_url || creating) {
        ev->notes_url = in->notes_url ? in->notes_url : "";
        if (url_check(c, "notes_url", ev->notes_url, 1) < 0)
            return c->err->code;
    }
    if (in->notes_md || creating) {
        ev->notes_md = in->notes_md ? in->notes_md : "";
        if (render_md(c, cm, "notes_md", ev->notes_md, &ev->notes_html) < 0)
            return c->err->code;
    }
    if (in->capacity) {
        v = 0;
        if (int_field(c, "capacity", "The capacity", in->capacity, 0, EVENT_CAPACITY_MAX, &v) < 0)
            return c->err->code;
        ev->capacity = v;
    }
    return 0;
}

/* The time zone of input onto ev (when creating without one: the author's, else UTC);
 *z gets it. */
static int apply_timezone(struct ctx *c, struct event *ev, const struct event_input *in,
                          int creating, const struct tz **z)
{
    if (in->timezone && *in->timezone) {
        if (!tz_valid(in->timezone) || !tz_get(in->timezone))
            return error_set(c->err, ERR_INVALID, "timezone",
                             "\"%.60s\" is not a time zone; use a name such as Europe/Berlin or "
                             "America/New_York.",
                             in->timezone);
        ev->tz = in->timezone;
    } else if (creating) {
        struct user u;
        ev->tz = "UTC";
        if (c->uid && account_get_by_id(c, c->uid, &u) == 0 && u.timezone && *u.timezone &&
            tz_get(u.timezone))
            ev->tz = u.timezone;
        error_clear(c->err);
    }
    *z = tz_get(ev->tz);
    if (!*z)
        return error_set(c->err, ERR_INVALID, "timezone", "Choose a time zone.");
    return 0;
}

/* Start and end of input (local wall-clock times in z) onto ev->start_local and
   ev->duration: both must exist in z (not in a spring-forward gap), the end after the start,
   at most EVENT_DURATION_MAX apart. Editing the start alone keeps the duration. */
static int apply_times(struct ctx *c, struct event *ev, const struct event_input *in, int creating,
                       const struct tz *z)
{
    int64_t start_local, end_local, start_utc, end_utc;
    start_local = ev->start_local;
    if (in->start || creating) {
        if (!in->start || !*in->start)
            return error_set(c->err, ERR_INVALID, "start", "When does it start?");
        if (event_parse_local(in->start, &start_local) < 0)
            return error_set(c->err, ERR_INVALID, "start",
                             "\"%.30s\" is not a date and time that exists (YYYY-MM-DDTHH:MM).",
                             in->start);
    }
    end_local = start_local + ev->duration;
    if (!creating && in->start && !in->end) {
        /* keep the duration */
    } else if (in->end || creating) {
        if (!in->end || !*in->end)
            return error_set(c->err, ERR_INVALID, "end", "When does it end?");
        if (event_parse_local(in->end, &end_local) < 0)
            return error_set(c->err, ERR_INVALID, "end",
                             "\"%.30s\" is not a date and time that exists (YYYY-MM-DDTHH:MM).",
                             in->end);
    }
    if (tz_local_to_utc(z, start_local, &start_utc) == TZ_LOCAL_GAP)
        return error_set(c->err, ERR_INVALID, "start",
                         "%s does not exist in %s: the clocks go forward then. Choose a time "
                         "after the change.",
                         local_words(c, start_local), ev->tz);
    if (tz_local_to_utc(z, end_local, &end_utc) == TZ_LOCAL_GAP)
        return error_set(c->err, ERR_INVALID, "end",
                         "%s does not exist in %s: the clocks go forward then.",
                         local_words(c, end_local), ev->tz);
    if (end_utc <= start_utc)
        return error_set(c->err, ERR_INVALID, "end", "The end must be after the start.");
    if (end_utc - start_utc > EVENT_DURATION_MAX)
        return error_set(c->err, ERR_INVALID, "end", "An event lasts at most %d days.",
                         EVENT_DURATION_MAX / 86400);
    ev->start_local = start_local;
    ev->duration = end_utc - start_utc;
    return 0;
}

/* The repetition of input onto ev (freq, interval, byday, monthly, count or until); nothing
   when input does not mention freq and an event is being edited. */
static int apply_recurrence(struct ctx *c, struct event *ev, const struct event_input *in,
                            int creating)
{
    enum recur_freq f = RECUR_NONE;
    enum recur_monthly m = RECUR_BY_DATE;
    if (!in->freq && !creating)
        return 0;
    if (in->freq && *in->freq && recur_freq_parse(in->freq, &f) < 0)
        return error_set(c->err, ERR_INVALID, "freq", "Repeat is none, daily, weekly or monthly.");
    ev->freq = recur_freq_name(f);
    ev->interval = 1;
    ev->byday = 0;
    ev->monthly = "date";
    ev->count = 0;
    ev->until_date = "";
    if (f == RECUR_NONE)
        return 0;
    if (int_field(c, "interval", "The interval", in->interval, 1, RECUR_MAX_INTERVAL,
                  &ev->interval) < 0)
        return c->err->code;
    if (f == RECUR_WEEKLY) {
        unsigned mask = 0;
        if (in->byday && *in->byday && recur_byday_parse(in->byday, &mask) < 0)
            return error_set(c->err, ERR_INVALID, "byday",
                             "Days are written MO, TU, WE, TH, FR, SA, SU.");
        if (!mask) /* default: the start's weekday */
            mask = 1u << civil_weekday(ev->start_local >= 0 ? ev->start_local / 86400 : 0);
        ev->byday = mask;
    }
    if (f == RECUR_MONTHLY && in->monthly && *in->monthly &&
        recur_monthly_parse(in->monthly, &m) < 0)
        return error_set(c->err, ERR_INVALID, "monthly", "Monthly is by date, weekday or last.");
    ev->monthly = recur_monthly_name(m);
    if (in->count && *in->count) {
        if (int_field(c, "count", "The number of times", in->count, 1, 1000000, &ev->count) < 0)
            return c->err->code;
    } else if (in->until && *in->until) {
        int64_t ul;
        char tmp[40];
        snprintf(tmp, sizeof(tmp), "%.12sT00:00", in->until);
        if (strlen(in->until) != 10 || event_parse_local(tmp, &ul) < 0)
            return error_set(c->err, ERR_INVALID, "until",
                             "\"%.30s\" is not a date that exists (YYYY-MM-DD).", in->until);
        ev->until_date = arena_strndup(c->arena, in->until, 10);
    }
    return 0;
}

/* Apply input onto ev (a copy of the stored row or a zeroed new one), validating everything,
   expanding the rule to fill start_at/last_end_at. */
static int apply_input(struct ctx *c, const struct community *cm, struct event *ev,
                       const struct event_input *in, int creating, int *skipped)
{
    const struct tz *z;
    struct recur rc;
    struct occurrence *occ;
    size_t n;

    if (apply_texts(c, cm, ev, in, creating) < 0 || apply_timezone(c, ev, in, creating, &z) < 0 ||
        apply_times(c, ev, in, creating, z) < 0 || apply_recurrence(c, ev, in, creating) < 0)
        return c->err->code;
    event_recur(ev, &rc);
    if (rc.count > RECUR_MAX_OCC)
        return error_set(c->err, ERR_TOOBIG, "count",
                         "A series has at most %d occurrences; choose fewer.", RECUR_MAX_OCC);
    if (recur_expand(c->arena, &rc, z, ev->start_local, ev->duration, &occ, &n, skipped, c->err) <
        0)
        return c->err->code;
    ev->start_at = occ[0].start;
    ev->last_end_at = occ[n - 1].end;
    return 0;
}

/* ------------------------------------------------------------------------------------------ */
/* Series */

int event_create(struct ctx *c, struct community *cm, const struct event_input *in,
                 struct event *out, int *skipped)
{
    int rc;
    if (!c->uid && !c->system)
        return error_set(c->err, ERR_AUTH, NULL, "Sign in first.");
    if (!event_can_manage(c, cm))
        return error_set(c->err, ERR_PERM, NULL,
                         cm->archived ? "This community is archived and read-only."
                                      : "Only coordinators and moderators schedule events.");
    memset(out, 0, sizeof(*out));
    if (apply_input(c, cm, out, in, 1, skipped) < 0)
        return c->err->code;
    out->community_id = cm->id;
    out->created_by = c->uid;
    out->created_at = out->updated_at = c->now;
    out->community_slug = cm->slug;
    out->community_name = cm->name;
    if (db_begin_write(c->db) < 0)
        return domain_db_fail(c, "begin");
    rc = event_db_insert(c->db, out);
    if (rc < 0)
        return domain_rollback(c, domain_db_fail(c, "insert"));
    if (webhook_event(c, "event.created", cm, out) < 0)
        return domain_rollback(c, c->err->code);
    if (db_commit(c->db) < 0)
        return domain_rollback(c, domain_db_fail(c, "commit"));
    return 0;
}

int event_load(struct ctx *c, int64_t id, struct event *ev, struct community *cm)
{
    int rc = event_db_get(c->db, c->arena, id, ev);
    if (rc == ERR_NOTFOUND)
        return not_found(c);
    if (rc < 0)
        return domain_db_fail(c, "get");
    rc = community_db_get_id(c->db, c->arena, ev->community_id, c->uid, cm);
    if (rc == 0 && !c->uid && cm->visibility == COMMUNITY_MEMBERS) {
        rc = community_read_refused(c, cm); /* "sign in to read it" */
        memset(ev, 0, sizeof(*ev));
        memset(cm, 0, sizeof(*cm));
        return rc;
    }
    if (rc < 0 || !community_can_read(c, cm)) {
        memset(ev, 0, sizeof(*ev));
        memset(cm, 0, sizeof(*cm));
        return rc < 0 && rc != ERR_NOTFOUND ? domain_db_fail(c, "community") : not_found(c);
    }
    notifications_event_viewed(c, id); /* the viewer's notifications about it are read */
    return 0;
}

/* "15:00 on 5 May 2027": the start of a date of ev in the organiser's zone ("" if unknown). */
static const char *start_words(struct ctx *c, const struct event *ev, int64_t start_utc)
{
    const struct tz *z = tz_get(ev->tz);
    return z ? local_words(c, tz_utc_to_local(z, start_utc)) : "";
}

/* Minus the date key (YYYYMMDD) of yesterday in UTC: notify_event's "every date from then". */
static int64_t from_yesterday(const struct ctx *c)
{
    int y, mo, d, h, mi;
    civil_split(c->now - 86400, &y, &mo, &d, &h, &mi, NULL);
    return -((int64_t)y * 10000 + mo * 100 + d);
}

/* Queue the "event starts in 24 hours" job of (ev, key) (domain/notify_mail.c runs it), due
   24 hours before the occurrence starts (now when that is past); key
   "event_soon:EID:KEY:START", so a changed start gets a job of its own and the old one finds
   nothing to do. Nothing for an occurrence that started. Inside the caller's transaction. */
static int soon_schedule(struct ctx *c, const struct event *ev, int64_t key)
{
    struct event_occ occ = {0}; /* (gcc -O3 cannot see event_occurrence fill it) */
    struct errinfo saved = *c->err;
    char jkey[96], payload[80];
    int64_t at;
    if (event_occurrence(c, ev, key, &occ) < 0) {
        *c->err = saved;
        return 0;
    }
    if (occ.cancelled || occ.start <= c->now)
        return 0;
    at = occ.start - 86400 > c->now ? occ.start - 86400 : c->now;
    snprintf(jkey, sizeof(jkey), "event_soon:%lld:%lld:%lld", (long long)ev->id, (long long)key,
             (long long)occ.start);
    snprintf(payload, sizeof(payload), "{\"event\":%lld,\"key\":%lld}", (long long)ev->id,
             (long long)key);
    if (store_job_enqueue(c->db, "event_soon", payload, at, JOB_MAX_ATTEMPTS, jkey, c->now, NULL) <
        0)
        return domain_db_fail(c, "event_soon");
    return 0;
}

/* The dates of ev changed: schedule again every date from yesterday on that someone is
   going to. */
static int soon_reschedule(struct ctx *c, const struct event *ev)
{
    int64_t *keys;
    size_t n, i;
    if (notification_db_going_keys(c->db, c->arena, ev->id, -from_yesterday(c), 500, &keys, &n) < 0)
        return domain_db_fail(c, "going_keys");
    for (i = 0; i < n; i++)
        if (soon_schedule(c, ev, keys[i]) < 0)
            return c->err->code;
    return 0;
}

/* Tell uid they have a place on date key of ev (moved off the waitlist). */
static int tell_promoted(struct ctx *c, const struct event *ev, int64_t key, int64_t uid)
{
    struct event_occ occ = {0};
    struct errinfo saved = *c->err;
    const char *text;
    if (event_occurrence(c, ev, key, &occ) < 0) {
        *c->err = saved;
        occ.start = 0;
    }
    text = occ.start
               ? arena_printf(c->arena,
                              "You have a place at “%s” at %s: you moved off "
                              "the waitlist",
                              ev->title, start_words(c, ev, occ.start))
               : arena_printf(c->arena, "You have a place at “%s”: you moved off the waitlist",
                              ev->title);
    return notify_waitlist(
        c, uid, ev->community_id, ev->id, text,
        arena_printf(c->arena, "/events/%lld/o/%lld", (long long)ev->id, (long long)key));
}

/* Promote waitlisted people of (ev, key) while there is room. Inside a write transaction. */
static int promote(struct ctx *c, const struct event *ev, int64_t key)
{
    int64_t going = 0, uid;
    int guard = 0;
    /* capacity 0 means unlimited: everyone waiting goes */
    for (;;) {
        int rc;
        if (event_db_rsvp_count(c->db, ev->id, key, "going", &going) < 0)
            return ERR_DB;
        if (ev->capacity && going >= ev->capacity)
            return 0;
        rc = event_db_first_waitlisted(c->db, ev->id, key, &uid);
        if (rc == ERR_NOTFOUND)
            return 0;
        if (rc < 0 || event_db_rsvp_set(c->db, ev->id, key, uid, "going", c->now) < 0 ||
            tell_promoted(c, ev, key, uid) < 0)
            return ERR_DB;
        if (++guard > EVENT_CAPACITY_MAX)
            return 0;
    }
}

int event_update(struct ctx *c, struct community *cm, struct event *ev,
                 const struct event_input *in, int *skipped)
{
    struct event next = *ev;
    int64_t *keys;
    size_t nk, i;
    if (!event_can_manage(c, cm))
        return error_set(c->err, ERR_PERM, NULL, "Only coordinators and moderators edit events.");
    if (apply_input(c, cm, &next, in, 0, skipped) < 0)
        return c->err->code;
    next.updated_at = c->now;
    if (db_begin_write(c->db) < 0)
        return domain_db_fail(c, "begin");
    if (event_db_update(c->db, &next) < 0)
        return domain_rollback(c, domain_db_fail(c, "update"));
    if (notify_event(
            c, next.community_id, next.id, from_yesterday(c), NOTIFY_EVENT_CHANGED,
            arena_printf(c->arena, "“%s” was changed: check its date, time and place", next.title),
            arena_printf(c->arena, "/events/%lld", (long long)next.id)) < 0)
        return domain_rollback(c, c->err->code);
    if (soon_reschedule(c, &next) < 0)
        return domain_rollback(c, c->err->code);
    if (webhook_event(c, "event.changed", cm, &next) < 0)
        return domain_rollback(c, c->err->code);
    if (event_db_waitlisted_keys(c->db, c->arena, next.id, &keys, &nk) < 0)
        return domain_rollback(c, domain_db_fail(c, "waitlist"));
    for (i = 0; i < nk; i++)
        if (promote(c, &next, keys[i]) < 0)
            return domain_rollback(c, domain_db_fail(c, "promote"));
    if (db_commit(c->db) < 0)
        return domain_rollback(c, domain_db_fail(c, "commit"));
    *ev = next;
    return 0;
}

int event_set_cancelled(struct ctx *c, struct community *cm, struct event *ev, int cancelled)
{
    struct event next = *ev;
    if (!event_can_manage(c, cm))
        return error_set(c->err, ERR_PERM, NULL, "Only coordinators and moderators cancel events.");
    next.cancelled = cancelled ? 1 : 0;
    next.updated_at = c->now;
    if (db_begin_write(c->db) < 0)
        return domain_db_fail(c, "begin");
    if (event_db_update(c->db, &next) < 0)
        return domain_rollback(c, domain_db_fail(c, "cancel"));
    if (next.cancelled != ev->cancelled &&
        notify_event(c, next.community_id, next.id, from_yesterday(c),
                     cancelled ? NOTIFY_EVENT_CANCELLED : NOTIFY_EVENT_CHANGED,
                     arena_printf(c->arena, cancelled ? "“%s” is cancelled" : "“%s” is on again",
                                  next.title),
                     arena_printf(c->arena, "/events/%lld", (long long)next.id)) < 0)
        return domain_rollback(c, c->err->code);
    if (!next.cancelled && soon_reschedule(c, &next) < 0)
        return domain_rollback(c, c->err->code);
    if (next.cancelled != ev->cancelled && webhook_event(c, "event.changed", cm, &next) < 0)
        return domain_rollback(c, c->err->code);
    if (db_commit(c->db) < 0)
        return domain_rollback(c, domain_db_fail(c, "commit"));
    *ev = next;
    return 0;
}

/* ------------------------------------------------------------------------------------------ */
/* Occurrences */

int event_occurrences(struct ctx *c, const struct event *ev, struct event_occ **out, size_t *n)
{
    struct recur rc;
    struct occurrence *occ;
    struct event_override *ov;
    size_t nocc, nov, i, j = 0;
    const struct tz *z = tz_get(ev->tz);
    struct event_occ *arr;
    struct errinfo e = {0};
    *out = NULL;
    *n = 0;
    if (!z)
        z = tz_get("UTC");
    if (!z)
        return error_set(c->err, ERR_INTERNAL, NULL, "The time zone database is missing.");
    event_recur(ev, &rc);
    if (recur_expand(c->arena, &rc, z, ev->start_local, ev->duration, &occ, &nocc, NULL, &e) < 0)
        return error_set(c->err, ERR_INTERNAL, NULL, "This event's dates cannot be computed.");
    if (event_db_overrides(c->db, c->arena, ev->id, &ov, &nov) < 0)
        return domain_db_fail(c, "overrides");
    arr = ARENA_ARRAY(c->arena, struct event_occ, nocc);
    for (i = 0; i < nocc; i++) {
        struct event_occ *o = &arr[i];
        o->ev = ev;
        o->key = occ[i].key;
        o->start = occ[i].start;
        o->end = occ[i].end;
        o->shifted = occ[i].shifted;
        o->title = ev->title;
        o->location = ev->location;
        o->cancelled = ev->cancelled;
        o->sequence = ev->sequence;
        o->updated_at = ev->updated_at;
        while (j < nov && ov[j].occ_key < o->key)
            j++;
        if (j < nov && ov[j].occ_key == o->key) {
            if (ov[j].title)
                o->title = ov[j].title;
            if (ov[j].location)
                o->location = ov[j].location;
            if (ov[j].start_at && ov[j].end_at) {
                o->start = ov[j].start_at;
                o->end = ov[j].end_at;
                o->moved = 1;
            }
            o->cancelled |= ov[j].cancelled;
            o->sequence += ov[j].sequence;
            if (ov[j].updated_at > o->updated_at)
                o->updated_at = ov[j].updated_at;
        }
    }
    *out = arr;
    *n = nocc;
    return 0;
}

int event_occurrence(struct ctx *c, const struct event *ev, int64_t key, struct event_occ *out)
{
    struct event_occ *all;
    size_t n, i;
    if (event_occurrences(c, ev, &all, &n) < 0)
        return c->err->code;
    for (i = 0; i < n; i++)
        if (all[i].key == key) {
            *out = all[i];
            return 0;
        }
    return error_set(c->err, ERR_NOTFOUND, NULL, "This event has no date %lld.", (long long)key);
}

int event_next(struct ctx *c, const struct event *ev, struct event_occ *out)
{
    struct event_occ *all;
    size_t n, i;
    if (event_occurrences(c, ev, &all, &n) < 0)
        return c->err->code;
    for (i = 0; i < n; i++)
        if (all[i].end > c->now && !all[i].cancelled) {
            *out = all[i];
            return 0;
        }
    *out = all[n - 1];
    return 0;
}

int event_occ_field_check(struct ctx *c, const char *field, const char *value)
{
    if (str_eq(field, "title"))
        return text_check(c, "title", "The title", value, EVENT_TITLE_MAX, 0);
    return text_check(c, "location", "The place", value, EVENT_PLACE_MAX, 0);
}

int event_occ_update(struct ctx *c, struct community *cm, struct event *ev, int64_t key,
                     const char *title, const char *start, const char *end, const char *location,
                     int cancelled)
{
    struct event_occ cur = {0};
    struct event_override o;
    const struct tz *z = tz_get(ev->tz);
    if (!event_can_manage(c, cm))
        return error_set(c->err, ERR_PERM, NULL, "Only coordinators and moderators edit events.");
    if (event_occurrence(c, ev, key, &cur) < 0)
        return c->err->code;
    memset(&o, 0, sizeof(o));
    o.event_id = ev->id;
    o.occ_key = key;
    o.title = title && *title && !str_eq(title, ev->title) ? title : NULL;
    o.location = location && !str_eq(location, ev->location) ? location : NULL;
    if (o.title && text_check(c, "title", "The title", o.title, EVENT_TITLE_MAX, 1) < 0)
        return c->err->code;
    if (o.location && text_check(c, "location", "The place", o.location, EVENT_PLACE_MAX, 0) < 0)
        return c->err->code;
    o.cancelled = cancelled < 0 ? (cur.cancelled && !ev->cancelled) : cancelled;
    if (cur.moved) {
        o.start_at = cur.start;
        o.end_at = cur.end;
    }
    if ((start && *start) || (end && *end)) {
        int64_t sl, el, su, eu;
        if (!z)
            return error_set(c->err, ERR_INVALID, "timezone", "Choose a time zone.");
        sl = tz_utc_to_local(z, cur.start);
        el = tz_utc_to_local(z, cur.end);
        if (start && *start && event_parse_local(start, &sl) < 0)
            return error_set(c->err, ERR_INVALID, "start",
                             "\"%.30s\" is not a date and time that exists.", start);
        if (end && *end && event_parse_local(end, &el) < 0)
            return error_set(c->err, ERR_INVALID, "end",
                             "\"%.30s\" is not a date and time that exists.", end);
        if (tz_local_to_utc(z, sl, &su) == TZ_LOCAL_GAP)
            return error_set(c->err, ERR_INVALID, "start",
                             "%s does not exist in %s: the clocks go forward then.",
                             local_words(c, sl), ev->tz);
        if (tz_local_to_utc(z, el, &eu) == TZ_LOCAL_GAP)
            return error_set(c->err, ERR_INVALID, "end",
                             "%s does not exist in %s: the clocks go forward then.",
                             local_words(c, el), ev->tz);
        if (eu <= su)
            return error_set(c->err, ERR_INVALID, "end", "The end must be after the start.");
        if (eu - su > EVENT_DURATION_MAX)
            return error_set(c->err, ERR_INVALID, "end", "An event lasts at most %d days.",
                             EVENT_DURATION_MAX / 86400);
        o.start_at = su;
        o.end_at = eu;
    }
    o.updated_at = c->now;
    if (db_begin_write(c->db) < 0)
        return domain_db_fail(c, "begin");
    if (event_db_override_put(c->db, &o) < 0)
        return domain_rollback(c, domain_db_fail(c, "override"));
    if (notify_event(
            c, ev->community_id, ev->id, key,
            o.cancelled && !cur.cancelled ? NOTIFY_EVENT_CANCELLED : NOTIFY_EVENT_CHANGED,
            arena_printf(c->arena,
                         o.cancelled && !cur.cancelled ? "“%s” at %s is cancelled"
                         : o.cancelled                 ? "“%s” at %s was changed"
                         : cur.cancelled               ? "“%s” at %s is on again"
                                                       : "“%s” at %s was changed",
                         o.title ? o.title : ev->title,
                         start_words(c, ev, o.start_at ? o.start_at : cur.start)),
            arena_printf(c->arena, "/events/%lld/o/%lld", (long long)ev->id, (long long)key)) < 0)
        return domain_rollback(c, c->err->code);
    if (soon_schedule(c, ev, key) < 0)
        return domain_rollback(c, c->err->code);
    if (webhook_event(c, "event.changed", cm, ev) < 0)
        return domain_rollback(c, c->err->code);
    if (o.end_at > ev->last_end_at) {
        struct event next = *ev;
        next.last_end_at = o.end_at;
        next.updated_at = c->now;
        if (event_db_update(c->db, &next) < 0)
            return domain_rollback(c, domain_db_fail(c, "update"));
        *ev = next;
    }
    if (db_commit(c->db) < 0)
        return domain_rollback(c, domain_db_fail(c, "commit"));
    return 0;
}

/* ------------------------------------------------------------------------------------------ */
/* RSVPs */

int event_rsvp_status(struct ctx *c, const struct event *ev, int64_t key, const char **out)
{
    *out = "";
    if (!c->uid)
        return 0;
    if (event_db_rsvp_status(c->db, c->arena, ev->id, key, c->uid, out) < 0)
        return domain_db_fail(c, "rsvp status");
    return 0;
}

int event_going_count(struct ctx *c, const struct event *ev, int64_t key, int64_t *going,
                      int64_t *waiting)
{
    if (event_db_rsvp_count(c->db, ev->id, key, "going", going) < 0 ||
        event_db_rsvp_count(c->db, ev->id, key, "waitlist", waiting) < 0)
        return domain_db_fail(c, "count");
    return 0;
}

/* Publish the RSVP counts of (ev, key) on the event's live channel, inside the open write
   transaction. 0 or ERR_DB. */
static int live_rsvp_counts(struct ctx *c, const struct community *cm, const struct event *ev,
                            int64_t key)
{
    int64_t going = 0, waiting = 0;
    if (event_db_rsvp_count(c->db, ev->id, key, "going", &going) < 0 ||
        event_db_rsvp_count(c->db, ev->id, key, "waitlist", &waiting) < 0)
        return domain_db_fail(c, "count");
    return live_event_rsvp(c, cm->id, ev->id, key, going, waiting);
}

int event_rsvp(struct ctx *c, struct community *cm, struct event *ev, int64_t key,
               const char *status, const char **result)
{
    struct event_occ occ = {0};
    const char *cur = "", *next;
    int64_t going = 0;
    if (!c->uid)
        return error_set(c->err, ERR_AUTH, NULL, "Sign in to answer.");
    if (!event_can_attend(c, cm))
        return error_set(c->err, ERR_PERM, NULL, "Join %s to answer.", cm->name);
    if (!str_eq(status, "going") && !str_eq(status, "maybe") && !str_eq(status, "no") &&
        !str_eq(status, "none"))
        return error_set(c->err, ERR_INVALID, "status",
                         "Answer going, maybe, no (or none to withdraw).");
    if (event_occurrence(c, ev, key, &occ) < 0)
        return c->err->code;
    if (occ.cancelled)
        return error_set(c->err, ERR_CONFLICT, NULL, "This date is cancelled.");
    if (occ.end <= c->now)
        return error_set(c->err, ERR_CONFLICT, NULL, "This date is over.");
    if (db_begin_write(c->db) < 0)
        return domain_db_fail(c, "begin");
    if (event_db_rsvp_status(c->db, c->arena, ev->id, key, c->uid, &cur) < 0)
        return domain_rollback(c, domain_db_fail(c, "status"));
    next = str_eq(status, "none") ? NULL : status;
    if (str_eq(status, "going") && !str_eq(cur, "going")) {
        if (event_db_rsvp_count(c->db, ev->id, key, "going", &going) < 0)
            return domain_rollback(c, domain_db_fail(c, "count"));
        if (ev->capacity && going >= ev->capacity)
            next = "waitlist";
        else {
            int64_t first;
            /* someone already waiting goes first */
            if (str_eq(cur, "waitlist") ||
                event_db_first_waitlisted(c->db, ev->id, key, &first) == ERR_NOTFOUND)
                next = "going";
            else
                next = "waitlist";
        }
    } else if (str_eq(status, "going")) {
        next = "going";
    }
    if (event_db_rsvp_set(c->db, ev->id, key, c->uid, next, c->now) < 0)
        return domain_rollback(c, domain_db_fail(c, "rsvp"));
    if (promote(c, ev, key) < 0)
        return domain_rollback(c, domain_db_fail(c, "promote"));
    if (soon_schedule(c, ev, key) < 0) /* "starts in 24 hours" (going or promoted) */
        return domain_rollback(c, c->err->code);
    if (event_db_rsvp_status(c->db, c->arena, ev->id, key, c->uid, result) < 0)
        return domain_rollback(c, domain_db_fail(c, "status"));
    if (live_rsvp_counts(c, cm, ev, key) < 0) /* domain/live.c */
        return domain_rollback(c, c->err->code);
    if (db_commit(c->db) < 0)
        return domain_rollback(c, domain_db_fail(c, "commit"));
    return 0;
}

int event_rsvp_series(struct ctx *c, struct community *cm, struct event *ev, const char *status,
                      size_t *dates, size_t *waitlisted)
{
    struct event_occ *occ;
    size_t n = 0, i, done = 0, waiting = 0;
    int rc;
    if (dates)
        *dates = 0;
    if (waitlisted)
        *waitlisted = 0;
    if (!c->uid)
        return error_set(c->err, ERR_AUTH, NULL, "Sign in to answer.");
    if (!event_can_attend(c, cm))
        return error_set(c->err, ERR_PERM, NULL, "Join %s to answer.", cm->name);
    if (!status || (!str_eq(status, "going") && !str_eq(status, "maybe") && !str_eq(status, "no") &&
                    !str_eq(status, "none")))
        return error_set(c->err, ERR_INVALID, "status",
                         "Answer going, maybe, no (or none to withdraw).");
    if ((rc = event_occurrences(c, ev, &occ, &n)) < 0)
        return rc;
    for (i = 0; i < n; i++) {
        const char *res = "";
        if (occ[i].cancelled || occ[i].end <= c->now)
            continue;
        if ((rc = event_rsvp(c, cm, ev, occ[i].key, status, &res)) < 0)
            return rc;
        done++;
        if (str_eq(res, "waitlist"))
            waiting++;
    }
    if (!done)
        return error_set(c->err, ERR_CONFLICT, NULL, "This series has no dates left to answer.");
    if (dates)
        *dates = done;
    if (waitlisted)
        *waitlisted = waiting;
    return 0;
}

int event_attendees(struct ctx *c, const struct community *cm, const struct event *ev, int64_t key,
                    struct event_rsvp **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    if (!event_can_attend(c, cm) && !c->system)
        return error_set(c->err, ERR_PERM, NULL, "Only members see who is coming.");
    if (event_db_rsvps(c->db, c->arena, ev->id, key, out, n) < 0)
        return domain_db_fail(c, "attendees");
    return 0;
}

/* ------------------------------------------------------------------------------------------ */
/* Lists */

static int occ_cmp(const void *a, const void *b)
{
    const struct event_occ *x = a, *y = b;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    return x->ev->id < y->ev->id ? -1 : x->ev->id > y->ev->id;
}

/* Occurrences of evs[0..nev) with end >= from, sorted, at most limit (0 = no limit). */
static int collect(struct ctx *c, struct event *evs, size_t nev, int64_t from, int64_t to,
                   int limit, int include_cancelled, struct event_occ **out, size_t *n)
{
    size_t cap = 64, k = 0, i, j;
    struct event_occ *arr = ARENA_ARRAY(c->arena, struct event_occ, cap);
    for (i = 0; i < nev; i++) {
        struct event_occ *all;
        size_t m;
        if (event_occurrences(c, &evs[i], &all, &m) < 0)
            return c->err->code;
        for (j = 0; j < m; j++) {
            if (all[j].end < from || (to && all[j].start > to) ||
                (!include_cancelled && all[j].cancelled))
                continue;
            if (k == cap) {
                struct event_occ *bigger = ARENA_ARRAY(c->arena, struct event_occ, cap * 2);
                memcpy(bigger, arr, cap * sizeof(*arr));
                arr = bigger;
                cap *= 2;
            }
            arr[k++] = all[j];
        }
    }
    qsort(arr, k, sizeof(*arr), occ_cmp);
    if (limit && k > (size_t)limit)
        k = (size_t)limit;
    *out = arr;
    *n = k;
    return 0;
}

int event_upcoming(struct ctx *c, const struct community *cm, int mine, int limit,
                   struct event_occ **out, size_t *n)
{
    struct event *evs;
    size_t nev;
    int rc;
    if (cm) {
        if (!community_can_read(c, cm))
            return not_found(c);
        rc = event_db_list_community(c->db, c->arena, cm->id, c->now, 0, LIST_SCAN, &evs, &nev);
    } else {
        rc = event_db_list_visible(c->db, c->arena, c->uid, mine, c->now, LIST_SCAN, &evs, &nev);
    }
    if (rc < 0)
        return domain_db_fail(c, "list");
    return collect(c, evs, nev, c->now, 0, limit, 1, out, n);
}

int event_past(struct ctx *c, const struct community *cm, int limit, struct event **out, size_t *n)
{
    if (!community_can_read(c, cm))
        return not_found(c);
    if (event_db_list_community(c->db, c->arena, cm->id, c->now, 1, limit, out, n) < 0)
        return domain_db_fail(c, "past");
    return 0;
}

/* ------------------------------------------------------------------------------------------ */
/* Feeds */

int event_feed_token_reset(struct ctx *c, const char **token)
{
    char t[TOKEN_HEX_LEN + 1], h[TOKEN_HASH_LEN + 1];
    if (!c->uid)
        return error_set(c->err, ERR_AUTH, NULL, "Sign in first.");
    rand_token(t);
    token_hash(t, h);
    if (caltoken_db_set(c->db, c->uid, h, c->now) < 0)
        return domain_db_fail(c, "token");
    *token = arena_strdup(c->arena, t);
    return 0;
}

int event_feed_token_exists(struct ctx *c)
{
    int rc = c->uid ? caltoken_db_exists(c->db, c->uid) : 0;
    return rc > 0;
}

int event_feed_user(struct ctx *c, const char *token, int64_t *uid)
{
    char h[TOKEN_HASH_LEN + 1];
    int rc;
    size_t i, n = token ? strlen(token) : 0;
    if (n != TOKEN_HEX_LEN)
        return error_set(c->err, ERR_NOTFOUND, NULL, "This calendar link is not valid (any more).");
    for (i = 0; i < n; i++)
        if (!((token[i] >= '0' && token[i] <= '9') || (token[i] >= 'a' && token[i] <= 'f')))
            return error_set(c->err, ERR_NOTFOUND, NULL,
                             "This calendar link is not valid (any more).");
    token_hash(token, h);
    rc = caltoken_db_user(c->db, h, uid);
    if (rc == ERR_NOTFOUND)
        return error_set(c->err, ERR_NOTFOUND, NULL, "This calendar link is not valid (any more).");
    if (rc < 0)
        return domain_db_fail(c, "token");
    rc = feed_token_owner_ok(c, *uid); /* a suspended member's links open nothing */
    if (rc < 0)
        return rc;
    if (!rc)
        return error_set(c->err, ERR_NOTFOUND, NULL, "This calendar link is not valid (any more).");
    return 0;
}

/* The host part of UIDs: stable per instance (from its secret), never a request's Host. */
static const char *uid_host(struct ctx *c)
{
    char h[TOKEN_HASH_LEN + 1];
    if (!c->secret || !*c->secret)
        return "praxis.invalid";
    keyed_hash(c->secret, "ical-uid", h);
    return arena_printf(c->arena, "%.12s.praxis", h);
}

/* One VEVENT. with_link: include the online link. */
static void vevent(struct ctx *c, struct buf *b, const struct event_occ *o, const char *base,
                   const char *host, int with_link)
{
    const struct event *ev = o->ev;
    struct buf d;
    const char *url = arena_printf(c->arena, "%s/events/%lld/o/%lld", base ? base : "",
                                   (long long)ev->id, (long long)o->key);
    buf_puts(b, "BEGIN:VEVENT\r\n");
    ical_line(
        b, "UID",
        arena_printf(c->arena, "event-%lld-%lld@%s", (long long)ev->id, (long long)o->key, host));
    ical_utc(b, "DTSTAMP", o->updated_at);
    ical_utc(b, "DTSTART", o->start);
    ical_utc(b, "DTEND", o->end);
    ical_int(b, "SEQUENCE", o->sequence);
    ical_utc(b, "CREATED", ev->created_at);
    ical_utc(b, "LAST-MODIFIED", o->updated_at);
    ical_text(b, "SUMMARY", o->title);
    buf_init(&d, 0);
    /* what the reader sees, not the Markdown source: calendar apps show DESCRIPTION as
       plain text, so "**flour**" would keep its asterisks */
    if (ev->description_html && *ev->description_html) {
        struct buf t = BUF_INIT;
        size_t i, nl = 0;
        const char *s;
        html_to_text(&t, ev->description_html);
        s = t.data;
        while (*s == '\n' || *s == ' ')
            s++;
        for (i = 0; s[i]; i++) { /* at most one blank line in a row */
            nl = s[i] == '\n' ? nl + 1 : 0;
            if (nl <= 2)
                buf_putc(&d, s[i]);
        }
        while (d.len && (d.data[d.len - 1] == '\n' || d.data[d.len - 1] == ' '))
            d.data[--d.len] = '\0';
        buf_release(&t);
        if (d.len)
            buf_puts(&d, "\n\n");
    }
    if (with_link && ev->online_url && *ev->online_url)
        buf_printf(&d, "Online: %s\n", ev->online_url);
    buf_printf(&d, "%s (%s)\n%s", ev->community_name, ev->tz, url);
    ical_text(b, "DESCRIPTION", d.data);
    buf_release(&d);
    if (o->location && *o->location)
        ical_text(b, "LOCATION", o->location);
    else if (with_link && ev->online_url && *ev->online_url)
        ical_text(b, "LOCATION", ev->online_url);
    if (base && (str_starts(base, "http://") || str_starts(base, "https://")))
        ical_line(b, "URL", url);
    ical_text(b, "CATEGORIES", ev->community_name);
    ical_line(b, "STATUS", o->cancelled ? "CANCELLED" : "CONFIRMED");
    ical_line(b, "TRANSP", o->cancelled ? "TRANSPARENT" : "OPAQUE");
    buf_puts(b, "END:VEVENT\r\n");
}

int event_feed_ics(struct ctx *c, enum event_feed kind, const struct community *cm,
                   const char *base, struct buf *b)
{
    struct event *evs;
    size_t nev, n = 0, i;
    struct event_occ *occ = NULL;
    int64_t from = c->now - FEED_PAST_DAYS * 86400, to = c->now + (int64_t)EVENT_FEED_DAYS * 86400;
    const char *host = uid_host(c), *name;
    int rc;

    if (kind == EVENT_FEED_COMMUNITY) {
        if (!community_can_read(c, cm))
            return not_found(c);
        rc = event_db_list_community(c->db, c->arena, cm->id, from, 0, LIST_SCAN, &evs, &nev);
        name = cm->name;
    } else {
        if (!c->uid)
            return error_set(c->err, ERR_AUTH, NULL, "This feed needs a calendar link.");
        rc = event_db_list_visible(c->db, c->arena, c->uid, 1, from, LIST_SCAN, &evs, &nev);
        name = kind == EVENT_FEED_GOING ? "Praxis: events I am going to" : "Praxis: my communities";
    }
    if (rc < 0)
        return domain_db_fail(c, "feed");
    if (collect(c, evs, nev, from, to, 0, 1, &occ, &n) < 0)
        return c->err->code;
    if (kind == EVENT_FEED_GOING) {
        int64_t *eids, *keys;
        size_t ng, k = 0, j;
        if (event_db_user_going(c->db, c->arena, c->uid, &eids, &keys, &ng) < 0)
            return domain_db_fail(c, "going");
        for (i = 0; i < n; i++)
            for (j = 0; j < ng; j++)
                if (eids[j] == occ[i].ev->id && keys[j] == occ[i].key) {
                    occ[k++] = occ[i];
                    break;
                }
        n = k;
    }
    ical_begin(b, name);
    for (i = 0; i < n; i++) {
        int attend = kind != EVENT_FEED_COMMUNITY || event_can_attend(c, cm);
        vevent(c, b, &occ[i], base, host, attend);
    }
    ical_end(b);
    return b->err ? error_set(c->err, ERR_TOOBIG, NULL, "The calendar is too large.") : 0;
}

int event_ics(struct ctx *c, const struct community *cm, const struct event *ev, int64_t key,
              const char *base, struct buf *b)
{
    struct event_occ *all;
    size_t n, i;
    const char *host = uid_host(c);
    int found = 0;
    if (event_occurrences(c, ev, &all, &n) < 0)
        return c->err->code;
    ical_begin(b, NULL);
    for (i = 0; i < n; i++)
        if (!key || all[i].key == key) {
            vevent(c, b, &all[i], base, host, event_can_attend(c, cm));
            found = 1;
        }
    ical_end(b);
    if (!found)
        return error_set(c->err, ERR_NOTFOUND, NULL, "This event has no such date.");
    return 0;
}
