/* Time: Praxis stores UTC seconds since the epoch (int64) everywhere. */
#ifndef PRAXIS_CORE_TIMEUTIL_H
#define PRAXIS_CORE_TIMEUTIL_H
#include <stdint.h>

int64_t time_now(void);    /* seconds, UTC */
int64_t time_now_ms(void); /* milliseconds, monotonic clock (durations only) */
/* "2026-11-28T15:12:03Z" into out (at least 21 bytes). */
void time_iso(int64_t t, char out[32]);
/* "3 minutes ago", "2 days ago", "on 4 Mar 2025" relative to now, into out. */
void time_ago(int64_t t, int64_t now, char out[48]);
/* HTTP date (RFC 9110 IMF-fixdate) into out (30 bytes). */
void time_http(int64_t t, char out[40]);
/* Parse an HTTP date into *out (UTC seconds): IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT"),
   or the obsolete RFC 850 ("Sunday, 06-Nov-94 08:49:37 GMT", years 70-99 as 19xx) and asctime
   ("Sun Nov  6 08:49:37 1994") forms that RFC 9110 asks recipients to accept. The weekday is
   not checked; years before 1970 are refused. 0, or -1 for anything else (then *out is
   untouched). */
int time_http_parse(const char *s, int64_t *out);
/* 1 if tz is a valid IANA zone name known to the system (/usr/share/zoneinfo), e.g.
 * "Europe/Paris", "UTC"; rejects "..", absolute paths and over-long names. */
int tz_valid(const char *tz);

#endif
