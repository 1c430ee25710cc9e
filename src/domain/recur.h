/* Recurrence rules of events and their expansion into occurrences (pure; no storage).
 *
 * A rule repeats a start (a local wall-clock time in the event's zone) daily, weekly on
 * chosen weekdays, or monthly by date ("the 31st") or by weekday ("the second Tuesday",
 * "the last Friday"), every `interval` days/weeks/months, ending after `count` occurrences
 * or on the local date `until`. Expansion happens in local time, then each occurrence is
 * converted to UTC with core/tz (so 18:00 stays 18:00 across DST changes; an occurrence in a
 * DST gap is shifted forward per RFC 5545 and flagged). Monthly by date skips months that
 * lack the day (no Feb 30) and counts them in *skipped so the caller can say so.
 *
 * Caps: at most RECUR_MAX_OCC occurrences and RECUR_MAX_YEARS years after the start; a rule
 * that would go further is refused (ERR_TOOBIG), never silently cut. The week starts on
 * Monday (RFC 5545 WKST=MO) for "every N weeks". An occurrence is identified by its key,
 * the local date YYYYMMDD of the date the rule generated, stable when the time of day or
 * the zone of the series changes. */
#ifndef PRAXIS_DOMAIN_RECUR_H
#define PRAXIS_DOMAIN_RECUR_H
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/err.h"
#include "core/tz.h"

#define RECUR_MAX_OCC      500
#define RECUR_MAX_YEARS    5
#define RECUR_MAX_INTERVAL 99

enum recur_freq { RECUR_NONE, RECUR_DAILY, RECUR_WEEKLY, RECUR_MONTHLY, RECUR__MAX };
enum recur_monthly {
    RECUR_BY_DATE,    /* the same day of the month as the start */
    RECUR_BY_WEEKDAY, /* the same nth weekday as the start (1st..4th; 5th counts as last) */
    RECUR_BY_LAST,    /* the last such weekday of the month */
    RECUR_MONTHLY__MAX
};

struct recur {
    enum recur_freq freq;
    int interval;                  /* 1..99 */
    unsigned byday;                /* weekly: bit 0 = Sunday .. bit 6 = Saturday */
    enum recur_monthly monthly;    /* monthly only */
    int count;                     /* 1..500, or 0 when until is used */
    int until_y, until_m, until_d; /* local end date (inclusive), 0s when count is used */
};

struct occurrence {
    int64_t key;   /* local date YYYYMMDD the rule generated */
    int64_t start; /* UTC seconds */
    int64_t end;   /* UTC seconds (start + the series' duration) */
    int shifted;   /* 1 if the local start fell in a DST gap and was moved forward */
};

const char *recur_freq_name(enum recur_freq f);            /* "none", "daily", ... */
int recur_freq_parse(const char *s, enum recur_freq *out); /* 0 or -1 */
const char *recur_monthly_name(enum recur_monthly m);      /* "date", "weekday", "last" */
int recur_monthly_parse(const char *s, enum recur_monthly *out);
/* "MO,TU" / "mon tue" / "1,2" (ISO 1 = Monday .. 7 = Sunday) into a byday mask. -1 if bad. */
int recur_byday_parse(const char *s, unsigned *out);
const char *recur_byday_format(struct arena *a, unsigned mask); /* "MO,TU" */

/* Check rc and expand it from start_local (wall-clock seconds in z) lasting duration
   seconds. out gets an arena array of *n occurrences in order; *skipped counts months
   skipped for lack of the day (may be NULL). ERR_INVALID (field "recurrence"/"until"/
   "count"/"byday") or ERR_TOOBIG (over the caps), with e set. */
int recur_expand(struct arena *a, const struct recur *rc, const struct tz *z, int64_t start_local,
                 int64_t duration, struct occurrence **out, size_t *n, int *skipped,
                 struct errinfo *e);

/* A sentence: "Every 2 weeks on Tuesday and Thursday, 10 times", "Monthly on the last
   Friday, until 31 Dec 2026", "Once". start_local gives the day used by monthly rules. */
const char *recur_describe(struct arena *a, const struct recur *rc, int64_t start_local);
/* The RFC 5545 RRULE value for rc ("FREQ=WEEKLY;INTERVAL=1;BYDAY=TU;COUNT=10"), or NULL for
   RECUR_NONE (for the API and display; feeds send expanded occurrences). */
const char *recur_rrule(struct arena *a, const struct recur *rc, int64_t start_local);

#endif
