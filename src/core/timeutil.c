/* Time helpers: the current time (UTC seconds, monotonic milliseconds), ISO-8601 and HTTP
 * date formatting, "3 minutes ago" style relative times, and validation of IANA time-zone
 * names against the system zoneinfo directory. Formatting uses gmtime_r and fixed English
 * names, never the locale, so output is the same on every machine. */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/timeutil.h"
#include "core/util.h"

#define ZONEINFO_DIR "/usr/share/zoneinfo"
#define TZ_NAME_MAX  64

static const char *const month_names[12] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
static const char *const day_names[7] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};

/* Seconds since the epoch, UTC. */
int64_t time_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec;
}

/* Milliseconds from the monotonic clock: only differences are meaningful. */
int64_t time_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Last second of 9999-12-31 UTC: the fast paths below cover 1970..9999. */
#define FAST_MAX INT64_C(253402300799)

/* Break t (0 <= t <= FAST_MAX) down in UTC without gmtime_r (which takes glibc's time-zone
 * lock): the proleptic Gregorian calendar from days since the epoch (H. Hinnant's
 * civil_from_days). Sets year, mon, mday, hour, min, sec, wday, as gmtime_r does. */
static void utc_fast(int64_t t, struct tm *tm)
{
    int64_t days = t / 86400, secs = t % 86400;
    int64_t z = days + 719468;
    int64_t era = z / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    int64_t d = doy - (153 * mp + 2) / 5 + 1;
    int64_t m = mp < 10 ? mp + 3 : mp - 9;
    int64_t y = yoe + era * 400 + (m <= 2);

    memset(tm, 0, sizeof(*tm));
    tm->tm_year = (int)(y - 1900);
    tm->tm_mon = (int)(m - 1);
    tm->tm_mday = (int)d;
    tm->tm_hour = (int)(secs / 3600);
    tm->tm_min = (int)(secs / 60 % 60);
    tm->tm_sec = (int)(secs % 60);
    tm->tm_wday = (int)((days + 4) % 7); /* 1970-01-01 was a Thursday */
}

/* Append the decimal digits of v (>= 0) to out; returns the new end. */
static char *put_uint(char *out, int64_t v)
{
    char d[24];
    size_t k = sizeof(d);
    do {
        d[--k] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    memcpy(out, d + k, sizeof(d) - k);
    return out + (sizeof(d) - k);
}

/* Two digits of v (0..99). */
static char *put2(char *out, int v)
{
    out[0] = (char)('0' + v / 10);
    out[1] = (char)('0' + v % 10);
    return out + 2;
}

/* Break t down in UTC. Times gmtime_r cannot represent are clamped to the epoch. */
static void utc(int64_t t, struct tm *tm)
{
    time_t tt = (time_t)t;
    if (t >= 0 && t <= FAST_MAX) {
        utc_fast(t, tm);
        return;
    }
    if ((int64_t)tt != t || !gmtime_r(&tt, tm)) {
        tt = 0;
        gmtime_r(&tt, tm);
    }
}

/* "2026-11-28T15:12:03Z" (20 chars + NUL for years 0..9999). */
void time_iso(int64_t t, char out[32])
{
    struct tm tm;
    char tmp[128]; /* room for any int fields; the real output is 20 chars */
    utc(t, &tm);
    if (t >= 0 && t <= FAST_MAX) { /* years 1970..9999: four digits, no snprintf */
        char *o = out;
        int y = tm.tm_year + 1900;
        o = put2(o, y / 100);
        o = put2(o, y % 100);
        *o++ = '-';
        o = put2(o, tm.tm_mon + 1);
        *o++ = '-';
        o = put2(o, tm.tm_mday);
        *o++ = 'T';
        o = put2(o, tm.tm_hour);
        *o++ = ':';
        o = put2(o, tm.tm_min);
        *o++ = ':';
        o = put2(o, tm.tm_sec);
        *o++ = 'Z';
        *o = '\0';
        return;
    }
    snprintf(tmp, sizeof(tmp), "%04d-%02d-%02dT%02d:%02d:%02dZ", tm.tm_year + 1900, tm.tm_mon + 1,
             tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
    str_copy(out, tmp, 32);
}

/* "N UNITs ago" into out (48 bytes; n is 1..99999), "s" unless n is 1. unit starts with a
 * space. */
static void ago_units(char out[48], int64_t n, const char *unit)
{
    char *o = put_uint(out, n);
    size_t ul = strlen(unit);
    memcpy(o, unit, ul);
    o += ul;
    if (n != 1)
        *o++ = 's';
    memcpy(o, " ago", 5);
}

/* How long before now t was, in words:
 *   less than a minute (or up to a minute in the future): "just now"
 *   under an hour: "1 minute ago", "N minutes ago"
 *   under a day:   "1 hour ago", "N hours ago"
 *   under 30 days: "1 day ago", "N days ago"
 *   otherwise (including further in the future): "on 4 Mar 2025" (UTC date). */
void time_ago(int64_t t, int64_t now, char out[48])
{
    int64_t d;
    struct tm tm;

    if (__builtin_sub_overflow(now, t, &d))
        d = INT64_MIN; /* absurd inputs: fall through to the date */
    if (d >= -60 && d < 60) {
        snprintf(out, 48, "just now");
        return;
    }
    if (d > 0 && d < 3600) {
        ago_units(out, d / 60, " minute");
        return;
    }
    if (d > 0 && d < 86400) {
        ago_units(out, d / 3600, " hour");
        return;
    }
    if (d > 0 && d < 30 * 86400) {
        ago_units(out, d / 86400, " day");
        return;
    }
    utc(t, &tm);
    if (t >= 0 && t <= FAST_MAX) { /* "on 4 Mar 2025" without snprintf */
        char *o = out;
        memcpy(o, "on ", 3);
        o = put_uint(o + 3, tm.tm_mday);
        *o++ = ' ';
        memcpy(o, month_names[tm.tm_mon], 3);
        o += 3;
        *o++ = ' ';
        o = put_uint(o, tm.tm_year + 1900);
        *o = '\0';
        return;
    }
    snprintf(out, 48, "on %d %s %d", tm.tm_mday, month_names[tm.tm_mon], tm.tm_year + 1900);
}

/* IMF-fixdate, e.g. "Sun, 06 Nov 1994 08:49:37 GMT" (29 chars + NUL). */
void time_http(int64_t t, char out[40])
{
    struct tm tm;
    char tmp[128];
    utc(t, &tm);
    snprintf(tmp, sizeof(tmp), "%s, %02d %s %04d %02d:%02d:%02d GMT", day_names[tm.tm_wday],
             tm.tm_mday, month_names[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min,
             tm.tm_sec);
    str_copy(out, tmp, 40);
}

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
static int64_t days_from_civil(int64_t y, int64_t m, int64_t d)
{
    int64_t era, yoe, doy, doe;
    y -= m <= 2;
    era = (y >= 0 ? y : y - 399) / 400;
    yoe = y - era * 400;
    doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

/* Read exactly n digits at *p into *v; advances *p. 0 or -1. */
static int take_digits(const char **p, int n, int *v)
{
    int i, x = 0;
    for (i = 0; i < n; i++) {
        char c = (*p)[i];
        if (c < '0' || c > '9')
            return -1;
        x = x * 10 + (c - '0');
    }
    *p += n;
    *v = x;
    return 0;
}

/* The month named by the three letters at p (0..11), or -1. */
static int month_of(const char *p)
{
    int i;
    for (i = 0; i < 12; i++)
        if (strncmp(p, month_names[i], 3) == 0)
            return i;
    return -1;
}

/* "HH:MM:SS" at *p into h, mi, s; advances *p. 0 or -1. */
static int take_clock(const char **p, int *h, int *mi, int *s)
{
    if (take_digits(p, 2, h) < 0 || **p != ':')
        return -1;
    (*p)++;
    if (take_digits(p, 2, mi) < 0 || **p != ':')
        return -1;
    (*p)++;
    return take_digits(p, 2, s);
}

int time_http_parse(const char *s, int64_t *out)
{
    const char *p = s;
    int d, mon, y, h, mi, sec;
    size_t wl = 0;
    if (!s)
        return -1;
    while ((p[wl] >= 'A' && p[wl] <= 'Z') || (p[wl] >= 'a' && p[wl] <= 'z'))
        wl++;
    if (wl < 3)
        return -1;
    p += wl;
    if (p[0] == ',' && p[1] == ' ') { /* IMF-fixdate or RFC 850 */
        p += 2;
        if (take_digits(&p, 2, &d) < 0)
            return -1;
        if (*p == ' ') { /* "06 Nov 1994 " */
            if ((mon = month_of(p + 1)) < 0 || p[4] != ' ')
                return -1;
            p += 5;
            if (take_digits(&p, 4, &y) < 0)
                return -1;
        } else if (*p == '-') { /* "06-Nov-94 " */
            if ((mon = month_of(p + 1)) < 0 || p[4] != '-')
                return -1;
            p += 5;
            if (take_digits(&p, 2, &y) < 0)
                return -1;
            y += y < 70 ? 2000 : 1900;
        } else {
            return -1;
        }
        if (*p++ != ' ' || take_clock(&p, &h, &mi, &sec) < 0 || strcmp(p, " GMT") != 0)
            return -1;
    } else if (p[0] == ' ' && wl == 3) { /* asctime: "Nov  6 08:49:37 1994" */
        if ((mon = month_of(p + 1)) < 0 || p[4] != ' ')
            return -1;
        p += 5;
        if (*p == ' ') {
            p++;
            if (take_digits(&p, 1, &d) < 0)
                return -1;
        } else if (take_digits(&p, 2, &d) < 0) {
            return -1;
        }
        if (*p++ != ' ' || take_clock(&p, &h, &mi, &sec) < 0 || *p++ != ' ' ||
            take_digits(&p, 4, &y) < 0 || *p)
            return -1;
    } else {
        return -1;
    }
    if (y < 1970 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 60)
        return -1;
    *out = days_from_civil(y, mon + 1, d) * 86400 + h * 3600 + mi * 60 + sec;
    return 0;
}

/* 1 if tz names a time zone in ZONEINFO_DIR: at most TZ_NAME_MAX characters from
 * [A-Za-z0-9_+-/], not starting with '/', '-' or '+', no empty, "." or ".." component, and
 * the path is a regular file (after symlinks) beginning with the TZif magic. "UTC" is
 * always valid, even without tzdata installed. Reads at most 4 bytes of one file. */
int tz_valid(const char *tz)
{
    char path[sizeof(ZONEINFO_DIR) + TZ_NAME_MAX + 2];
    char magic[4];
    struct stat st;
    size_t len, i;
    int fd;
    ssize_t r;

    if (!tz)
        return 0;
    len = strlen(tz);
    if (len == 0 || len > TZ_NAME_MAX)
        return 0;
    if (strcmp(tz, "UTC") == 0)
        return 1;
    if (tz[0] == '/' || tz[0] == '-' || tz[0] == '+' || tz[len - 1] == '/')
        return 0;
    for (i = 0; i < len; i++) {
        char c = tz[i];
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '+' || c == '-' || c == '/'))
            return 0;
        if (c == '/' && tz[i + 1] == '/')
            return 0;
    }
    if (strstr(tz, "..")) /* cannot pass the charset, but say it plainly */
        return 0;
    snprintf(path, sizeof(path), "%s/%s", ZONEINFO_DIR, tz);
    if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
        return 0;
    fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
    if (fd < 0)
        return 0;
    r = read(fd, magic, sizeof(magic));
    close(fd);
    return r == (ssize_t)sizeof(magic) && memcmp(magic, "TZif", 4) == 0;
}
