/* Time zones without setenv("TZ"): a small reader of the system's compiled tz database
 * (TZif files under /usr/share/zoneinfo, RFC 8536), giving the UTC offset of a zone at an
 * instant and converting a local wall-clock time to UTC, with civil-calendar helpers.
 *
 * A zone is loaded once (its 64-bit version-2+ data: transitions, local time types and the
 * POSIX TZ footer rule used after the last transition) and kept for the life of the process
 * in a small cache guarded by a mutex; a loaded zone is never changed again, so readers need
 * no lock. This cache is the one deliberate process-wide mutable state of core: it holds
 * only immutable data read from disk and is bounded (TZ_CACHE_MAX zones).
 *
 * Local -> UTC follows RFC 5545 §3.3.5, like calendar apps: a local time that occurs twice
 * (clocks go back) is the first (earlier) instant; a local time that does not exist (clocks
 * go forward) is read with the offset in effect before the gap, i.e. shifted forward by the
 * gap (02:30 on a 02:00->03:00 day is 03:30). The function says which case happened so a
 * caller can refuse a typed time in a gap instead (domain/event.c does). */
#ifndef PRAXIS_CORE_TZ_H
#define PRAXIS_CORE_TZ_H
#include <stdint.h>

#define TZ_CACHE_MAX 1024

struct tz; /* opaque, immutable once loaded */

/* The zone called name ("Europe/Berlin", "UTC"), loaded on first use; NULL if the name is
   not valid (tz_valid) or the file is not a readable TZif file. Never freed. */
const struct tz *tz_get(const char *name);
/* Parse TZif bytes into a new zone (for tests and tz_get). NULL when malformed. The caller
   frees the result with tz_free. */
struct tz *tz_parse(const unsigned char *data, unsigned long len, const char *name);
void tz_free(struct tz *z);
const char *tz_name(const struct tz *z);

struct arena;
/* The zones to offer in a picker: the names in the system's zone1970.tab (falling back to
   zone.tab) that tz_valid accepts, plus "UTC", sorted and without duplicates, copied into a
   (names and the array). *n is 1 (just "UTC") when neither file can be read. Reads the file
   on every call (about 20 KB; for forms, not hot paths). */
void tz_names(struct arena *a, const char ***out, size_t *n);

/* Offset east of UTC in seconds at instant utc; *abbr (may be NULL) gets the abbreviation
   ("CET", "CEST", "+03") which lives as long as the zone. */
int tz_offset(const struct tz *z, int64_t utc, const char **abbr);

enum tz_local_kind {
    TZ_LOCAL_OK,        /* the local time exists once */
    TZ_LOCAL_AMBIGUOUS, /* it exists twice: the earlier instant was chosen */
    TZ_LOCAL_GAP        /* it does not exist: shifted forward by the gap */
};
/* local is a wall-clock time written as seconds since 1970-01-01 00:00 (as if it were UTC).
   Stores the instant in *utc and returns the kind. */
enum tz_local_kind tz_local_to_utc(const struct tz *z, int64_t local, int64_t *utc);
/* The wall-clock time of utc in zone z, as seconds since 1970-01-01 00:00 local. */
int64_t tz_utc_to_local(const struct tz *z, int64_t utc);

/* --- civil calendar (proleptic Gregorian), pure --- */
int64_t civil_days(int y, int m, int d); /* days since 1970-01-01 of y-m-d (m 1-12) */
void civil_from_days(int64_t days, int *y, int *m, int *d);
int civil_weekday(int64_t days);    /* 0 = Sunday .. 6 = Saturday */
int civil_month_days(int y, int m); /* 28..31 */
/* Break a local-seconds value down; any pointer may be NULL. */
void civil_split(int64_t local, int *y, int *mo, int *d, int *h, int *mi, int *wday);

#endif
