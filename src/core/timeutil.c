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
#define TZ_NAME_MAX 64

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

/* Break t down in UTC. Times gmtime_r cannot represent are clamped to the epoch. */
static void utc(int64_t t, struct tm *tm)
{
    time_t tt = (time_t)t;
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
    snprintf(tmp, sizeof(tmp), "%04d-%02d-%02dT%02d:%02d:%02dZ", tm.tm_year + 1900, tm.tm_mon + 1,
             tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
    str_copy(out, tmp, 32);
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
        int64_t m = d / 60;
        snprintf(out, 48, "%lld minute%s ago", (long long)m, m == 1 ? "" : "s");
        return;
    }
    if (d > 0 && d < 86400) {
        int64_t h = d / 3600;
        snprintf(out, 48, "%lld hour%s ago", (long long)h, h == 1 ? "" : "s");
        return;
    }
    if (d > 0 && d < 30 * 86400) {
        int64_t days = d / 86400;
        snprintf(out, 48, "%lld day%s ago", (long long)days, days == 1 ? "" : "s");
        return;
    }
    utc(t, &tm);
    snprintf(out, 48, "on %d %s %d", tm.tm_mday, month_names[tm.tm_mon], tm.tm_year + 1900);
}

/* IMF-fixdate, e.g. "Sun, 06 Nov 1994 08:49:37 GMT" (29 chars + NUL). */
void time_http(int64_t t, char out[40])
{
    struct tm tm;
    char tmp[128];
    utc(t, &tm);
    snprintf(tmp, sizeof(tmp), "%s, %02d %s %04d %02d:%02d:%02d GMT", day_names[tm.tm_wday], tm.tm_mday,
             month_names[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
    str_copy(out, tmp, 40);
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
