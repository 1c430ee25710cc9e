/* An RFC 5545 (iCalendar) writer: content lines ending in CRLF and folded at 75 octets
 * (never inside a UTF-8 sequence), TEXT values escaped (\\ \; \, and \n for line breaks;
 * other control characters dropped), DATE-TIME values in UTC with the Z suffix.
 * Pure: appends to a struct buf; the caller checks b->err once at the end. */
#ifndef PRAXIS_CORE_ICAL_H
#define PRAXIS_CORE_ICAL_H
#include <stdint.h>

#include "core/buf.h"

#define ICAL_LINE_MAX 75 /* octets per physical line, CRLF not counted */

/* BEGIN:VCALENDAR, VERSION, PRODID, CALSCALE, METHOD:PUBLISH, and when name is not NULL
   X-WR-CALNAME (escaped) with a refresh hint of one hour. */
void ical_begin(struct buf *b, const char *name);
void ical_end(struct buf *b); /* END:VCALENDAR */
/* One content line "NAME:value" folded; value is written as given (already valid for its
   type, e.g. a URI or a number). name may carry parameters ("DTSTART;VALUE=DATE"). */
void ical_line(struct buf *b, const char *name, const char *value);
/* A TEXT property: value escaped, then folded. NULL is written as empty. */
void ical_text(struct buf *b, const char *name, const char *value);
/* A UTC DATE-TIME property: NAME:20260317T170000Z. */
void ical_utc(struct buf *b, const char *name, int64_t t);
/* An integer property (SEQUENCE). */
void ical_int(struct buf *b, const char *name, int64_t v);
/* "20260317T170000Z" into out (at least 17 bytes). */
void ical_format_utc(int64_t t, char out[32]);
/* Escape a TEXT value (no folding) onto b. */
void ical_escape(struct buf *b, const char *s);

#endif
