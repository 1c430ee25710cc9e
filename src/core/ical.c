/* The iCalendar writer (core/ical.h). A logical line is built whole, then written out in
 * chunks of at most 75 octets, each continuation starting with one space (which counts
 * toward its 75), cutting only before a byte that does not continue a UTF-8 sequence. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/ical.h"
#include "core/util.h"

/* Append the logical line s (without CRLF) folded. */
static void fold(struct buf *b, const char *s, size_t n)
{
    size_t pos = 0, room = ICAL_LINE_MAX;
    while (n - pos > room) {
        size_t cut = pos + room;
        while (cut > pos && ((unsigned char)s[cut] & 0xC0) == 0x80)
            cut--; /* do not split a UTF-8 character */
        if (cut == pos)
            cut = pos + room; /* not UTF-8 at all: cut anyway */
        buf_append(b, s + pos, cut - pos);
        buf_puts(b, "\r\n ");
        pos = cut;
        room = ICAL_LINE_MAX - 1;
    }
    buf_append(b, s + pos, n - pos);
    buf_puts(b, "\r\n");
}

static void line2(struct buf *b, const char *name, const char *value, int escape)
{
    struct buf l;
    buf_init(&l, 0);
    buf_puts(&l, name);
    buf_putc(&l, ':');
    if (escape)
        ical_escape(&l, value);
    else
        buf_puts(&l, value ? value : "");
    fold(b, l.data, l.len);
    if (l.err)
        b->err = l.err;
    buf_release(&l);
}

void ical_escape(struct buf *b, const char *s)
{
    const unsigned char *p = (const unsigned char *)(s ? s : "");
    for (; *p; p++) {
        switch (*p) {
        case '\\':
            buf_puts(b, "\\\\");
            break;
        case ';':
            buf_puts(b, "\\;");
            break;
        case ',':
            buf_puts(b, "\\,");
            break;
        case '\n':
            buf_puts(b, "\\n");
            break;
        case '\r':
            if (p[1] != '\n')
                buf_puts(b, "\\n");
            break;
        case '\t':
            buf_putc(b, '\t');
            break;
        default:
            if (*p >= 0x20 && *p != 0x7F)
                buf_putc(b, (char)*p);
        }
    }
}

void ical_line(struct buf *b, const char *name, const char *value)
{
    line2(b, name, value, 0);
}

void ical_text(struct buf *b, const char *name, const char *value)
{
    line2(b, name, value, 1);
}

void ical_format_utc(int64_t t, char out[32])
{
    struct tm tm;
    time_t tt = (time_t)t;
    char tmp[96];
    if (!gmtime_r(&tt, &tm)) {
        tt = 0;
        gmtime_r(&tt, &tm);
    }
    snprintf(tmp, sizeof(tmp), "%04d%02d%02dT%02d%02d%02dZ", tm.tm_year + 1900, tm.tm_mon + 1,
             tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
    str_copy(out, tmp, 32);
}

void ical_utc(struct buf *b, const char *name, int64_t t)
{
    char s[32];
    ical_format_utc(t, s);
    line2(b, name, s, 0);
}

void ical_int(struct buf *b, const char *name, int64_t v)
{
    char s[32];
    snprintf(s, sizeof(s), "%lld", (long long)v);
    line2(b, name, s, 0);
}

void ical_begin(struct buf *b, const char *name)
{
    buf_puts(b, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Praxis//Praxis events//EN\r\n"
                "CALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\n");
    if (name) {
        ical_text(b, "X-WR-CALNAME", name);
        buf_puts(b, "REFRESH-INTERVAL;VALUE=DURATION:PT1H\r\nX-PUBLISHED-TTL:PT1H\r\n");
    }
}

void ical_end(struct buf *b)
{
    buf_puts(b, "END:VCALENDAR\r\n");
}
