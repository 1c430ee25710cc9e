/* Recurrence rules (domain/recur.h): parsing of their parts, expansion into dated
 * occurrences in local time with conversion to UTC through core/tz, the caps, and a
 * sentence and an RRULE describing a rule. */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "core/buf.h"
#include "domain/recur.h"
#include "core/util.h"

static const char *const freq_names[RECUR__MAX] = {"none", "daily", "weekly", "monthly"};
static const char *const monthly_names[RECUR_MONTHLY__MAX] = {"date", "weekday", "last"};
static const char *const day_codes[7] = {"SU", "MO", "TU", "WE", "TH", "FR", "SA"};
static const char *const day_full[7] = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                        "Thursday", "Friday", "Saturday"};
static const char *const month_short[12] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
static const char *const ordinals[6] = {"", "first", "second", "third", "fourth", "last"};

const char *recur_freq_name(enum recur_freq f)
{
    return (unsigned)f < RECUR__MAX ? freq_names[f] : "none";
}

int recur_freq_parse(const char *s, enum recur_freq *out)
{
    int i;
    for (i = 0; s && i < RECUR__MAX; i++)
        if (!strcmp(s, freq_names[i])) {
            *out = (enum recur_freq)i;
            return 0;
        }
    return -1;
}

const char *recur_monthly_name(enum recur_monthly m)
{
    return (unsigned)m < RECUR_MONTHLY__MAX ? monthly_names[m] : "date";
}

int recur_monthly_parse(const char *s, enum recur_monthly *out)
{
    int i;
    for (i = 0; s && i < RECUR_MONTHLY__MAX; i++)
        if (!strcmp(s, monthly_names[i])) {
            *out = (enum recur_monthly)i;
            return 0;
        }
    return -1;
}

int recur_byday_parse(const char *s, unsigned *out)
{
    unsigned mask = 0;
    const char *p = s ? s : "";
    while (*p) {
        const char *start;
        size_t len;
        int i, found = -1;
        while (*p == ',' || *p == ' ')
            p++;
        if (!*p)
            break;
        start = p;
        while (*p && *p != ',' && *p != ' ')
            p++;
        len = (size_t)(p - start);
        if (len == 1 && *start >= '1' && *start <= '7')
            found = (*start - '0') % 7; /* ISO: 7 = Sunday */
        for (i = 0; found < 0 && i < 7; i++)
            if ((len == 2 && !strncasecmp(start, day_codes[i], 2)) ||
                (len >= 3 && len <= strlen(day_full[i]) && !strncasecmp(start, day_full[i], len)))
                found = i;
        if (found < 0)
            return -1;
        mask |= 1u << found;
    }
    *out = mask;
    return 0;
}

const char *recur_byday_format(struct arena *a, unsigned mask)
{
    char s[32] = "";
    size_t n = 0;
    int i;
    /* Monday first, as people read a week */
    for (i = 1; i <= 7; i++) {
        int d = i % 7;
        if (mask & (1u << d)) {
            if (n)
                s[n++] = ',';
            s[n++] = day_codes[d][0];
            s[n++] = day_codes[d][1];
        }
    }
    s[n] = '\0';
    return arena_strdup(a, s);
}

/* The local date of a wall-clock value, as civil days, and its time of day in seconds. */
static void split_day(int64_t local, int64_t *days, int64_t *tod)
{
    *days = local >= 0 ? local / 86400 : -((-local + 86399) / 86400);
    *tod = local - *days * 86400;
}

/* The day of month of the nth (1..4, 5 = last) weekday wd in y-m. */
static int nth_weekday(int y, int m, int nth, int wd)
{
    int first = civil_weekday(civil_days(y, m, 1));
    int d = 1 + (wd - first + 7) % 7;
    int last = civil_month_days(y, m);
    if (nth >= 5) {
        while (d + 7 <= last)
            d += 7;
        return d;
    }
    return d + 7 * (nth - 1);
}

int recur_expand(struct arena *a, const struct recur *rc, const struct tz *z, int64_t start_local,
                 int64_t duration, struct occurrence **out, size_t *n, int *skipped,
                 struct errinfo *e)
{
    int64_t day0, tod, until = 0, limit_day, d;
    int y0, m0, dd0, wd0, interval = rc->interval ? rc->interval : 1, skip = 0;
    struct occurrence *occ;
    size_t k = 0;

    *out = NULL;
    *n = 0;
    if (skipped)
        *skipped = 0;
    if ((unsigned)rc->freq >= RECUR__MAX)
        return error_set(e, ERR_INVALID, "recurrence", "Choose how the event repeats.");
    split_day(start_local, &day0, &tod);
    civil_from_days(day0, &y0, &m0, &dd0);
    wd0 = civil_weekday(day0);
    limit_day = civil_days(y0 + RECUR_MAX_YEARS, m0, dd0 > 28 ? 28 : dd0);
    occ = ARENA_ARRAY(a, struct occurrence, RECUR_MAX_OCC + 1);

    if (rc->freq != RECUR_NONE) {
        if (interval < 1 || interval > RECUR_MAX_INTERVAL)
            return error_set(e, ERR_INVALID, "interval", "Repeat every 1 to %d %s.",
                             RECUR_MAX_INTERVAL,
                             rc->freq == RECUR_DAILY    ? "days"
                             : rc->freq == RECUR_WEEKLY ? "weeks"
                                                        : "months");
        if (rc->count < 0)
            return error_set(e, ERR_INVALID, "count", "The number of times must be positive.");
        if (rc->count > RECUR_MAX_OCC)
            return error_set(e, ERR_TOOBIG, "count",
                             "A series has at most %d occurrences; split it or choose fewer.",
                             RECUR_MAX_OCC);
        if (rc->count == 0) {
            if (!rc->until_y)
                return error_set(e, ERR_INVALID, "until",
                                 "Choose when the series ends: an end date or a number of "
                                 "times.");
            if (rc->until_m < 1 || rc->until_m > 12 || rc->until_d < 1 ||
                rc->until_d > civil_month_days(rc->until_y, rc->until_m))
                return error_set(e, ERR_INVALID, "until", "The end date does not exist.");
            until = civil_days(rc->until_y, rc->until_m, rc->until_d);
            if (until < day0)
                return error_set(e, ERR_INVALID, "until",
                                 "The series cannot end before its first date.");
            if (until > limit_day)
                return error_set(e, ERR_TOOBIG, "until",
                                 "A series can run for at most %d years; choose an earlier end "
                                 "date.",
                                 RECUR_MAX_YEARS);
        }
        if (rc->freq == RECUR_WEEKLY && (rc->byday & 0x7F) == 0)
            return error_set(e, ERR_INVALID, "byday", "Choose at least one day of the week.");
    }

#define EMIT(dayv)                                                                                 \
    do {                                                                                           \
        int yy_, mm_, dd_;                                                                         \
        int64_t u_;                                                                                \
        if ((dayv) > limit_day)                                                                    \
            return error_set(e, ERR_TOOBIG, "count",                                               \
                             "A series can run for at most %d years; choose fewer times.",         \
                             RECUR_MAX_YEARS);                                                     \
        if (k == RECUR_MAX_OCC)                                                                    \
            return error_set(e, ERR_TOOBIG, "until",                                               \
                             "A series has at most %d occurrences; choose an earlier end date.",   \
                             RECUR_MAX_OCC);                                                       \
        civil_from_days((dayv), &yy_, &mm_, &dd_);                                                 \
        occ[k].key = (int64_t)yy_ * 10000 + mm_ * 100 + dd_;                                       \
        occ[k].shifted = tz_local_to_utc(z, (dayv)*86400 + tod, &u_) == TZ_LOCAL_GAP;              \
        occ[k].start = u_;                                                                         \
        occ[k].end = u_ + duration;                                                                \
        k++;                                                                                       \
    } while (0)
#define DONE(dayv) ((rc->count && (int)k >= rc->count) || (!rc->count && (dayv) > until))

    switch (rc->freq) {
    case RECUR_NONE:
        EMIT(day0);
        break;
    case RECUR_DAILY:
        for (d = day0; !DONE(d); d += interval)
            EMIT(d);
        break;
    case RECUR_WEEKLY: {
        int64_t week0 = day0 - (wd0 + 6) % 7; /* Monday of the first week */
        for (d = day0; !DONE(d); d++) {
            int64_t weeks = (d - week0) / 7;
            if (weeks % interval == 0 && (rc->byday & (1u << civil_weekday(d))))
                EMIT(d);
            if (d - day0 > 366LL * (RECUR_MAX_YEARS + 1) * RECUR_MAX_INTERVAL)
                break;
        }
        break;
    }
    case RECUR_MONTHLY: {
        int nth = (dd0 - 1) / 7 + 1, i;
        for (i = 0;; i += interval) {
            int mi = m0 - 1 + i, yy = y0 + mi / 12, mm = mi % 12 + 1, day;
            int64_t first = civil_days(yy, mm, 1);
            if ((!rc->count && first > until) || (rc->count && (int)k >= rc->count))
                break;
            if (rc->monthly == RECUR_BY_DATE) {
                if (dd0 > civil_month_days(yy, mm)) {
                    skip++;
                    if (first > limit_day)
                        EMIT(first); /* reports the cap */
                    continue;
                }
                day = dd0;
            } else {
                day = nth_weekday(yy, mm, rc->monthly == RECUR_BY_LAST ? 5 : nth, wd0);
            }
            d = civil_days(yy, mm, day);
            if (d < day0 || (!rc->count && d > until))
                continue;
            EMIT(d);
        }
        break;
    }
    default:
        break;
    }
#undef EMIT
#undef DONE
    if (k == 0)
        return error_set(e, ERR_INVALID, "until", "These dates give no occurrence at all.");
    *out = occ;
    *n = k;
    if (skipped)
        *skipped = skip;
    return 0;
}

/* "Tuesday", "Tuesday and Thursday", "Monday, Wednesday and Friday". */
static void days_sentence(struct buf *b, unsigned mask)
{
    int i, total = 0, seen = 0;
    for (i = 0; i < 7; i++)
        total += (mask >> i) & 1;
    for (i = 1; i <= 7; i++) {
        int d = i % 7;
        if (!(mask & (1u << d)))
            continue;
        seen++;
        if (seen > 1)
            buf_puts(b, seen == total ? " and " : ", ");
        buf_puts(b, day_full[d]);
    }
}

const char *recur_describe(struct arena *a, const struct recur *rc, int64_t start_local)
{
    struct buf b;
    const char *s;
    int y, m, d, wd, interval = rc->interval > 1 ? rc->interval : 1;
    static const char *const unit[RECUR__MAX] = {"", "day", "week", "month"};
    if (rc->freq == RECUR_NONE || (unsigned)rc->freq >= RECUR__MAX)
        return "Once";
    civil_split(start_local, &y, &m, &d, NULL, NULL, &wd);
    buf_init(&b, 4096);
    if (interval == 1)
        buf_puts(&b, rc->freq == RECUR_DAILY    ? "Every day"
                     : rc->freq == RECUR_WEEKLY ? "Every week"
                                                : "Every month");
    else
        buf_printf(&b, "Every %d %ss", interval, unit[rc->freq]);
    if (rc->freq == RECUR_WEEKLY) {
        buf_puts(&b, " on ");
        days_sentence(&b, rc->byday);
    } else if (rc->freq == RECUR_MONTHLY) {
        if (rc->monthly == RECUR_BY_DATE)
            buf_printf(&b, " on day %d", d);
        else
            buf_printf(&b, " on the %s %s",
                       ordinals[rc->monthly == RECUR_BY_LAST
                                    ? 5
                                    : ((d - 1) / 7 + 1 > 4 ? 5 : (d - 1) / 7 + 1)],
                       day_full[wd]);
    }
    if (rc->count)
        buf_printf(&b, ", %d time%s", rc->count, rc->count == 1 ? "" : "s");
    else if (rc->until_y)
        buf_printf(&b, ", until %d %s %d", rc->until_d, month_short[(rc->until_m + 11) % 12],
                   rc->until_y);
    s = arena_strdup(a, b.data);
    buf_release(&b);
    return s;
}

const char *recur_rrule(struct arena *a, const struct recur *rc, int64_t start_local)
{
    struct buf b;
    const char *s;
    int d, wd;
    static const char *const freq_rr[RECUR__MAX] = {"", "DAILY", "WEEKLY", "MONTHLY"};
    if (rc->freq == RECUR_NONE || (unsigned)rc->freq >= RECUR__MAX)
        return NULL;
    civil_split(start_local, NULL, NULL, &d, NULL, NULL, &wd);
    buf_init(&b, 4096);
    buf_printf(&b, "FREQ=%s;INTERVAL=%d", freq_rr[rc->freq], rc->interval > 0 ? rc->interval : 1);
    if (rc->freq == RECUR_WEEKLY)
        buf_printf(&b, ";BYDAY=%s", recur_byday_format(a, rc->byday));
    else if (rc->freq == RECUR_MONTHLY) {
        if (rc->monthly == RECUR_BY_DATE)
            buf_printf(&b, ";BYMONTHDAY=%d", d);
        else if (rc->monthly == RECUR_BY_LAST || (d - 1) / 7 + 1 > 4)
            buf_printf(&b, ";BYDAY=-1%s", day_codes[wd]);
        else
            buf_printf(&b, ";BYDAY=%d%s", (d - 1) / 7 + 1, day_codes[wd]);
    }
    if (rc->count)
        buf_printf(&b, ";COUNT=%d", rc->count);
    else if (rc->until_y)
        buf_printf(&b, ";UNTIL=%04d%02d%02d", rc->until_y, rc->until_m, rc->until_d);
    s = arena_strdup(a, b.data);
    buf_release(&b);
    return s;
}
