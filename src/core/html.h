/* Context-aware escaping appenders. Every byte of HTML or JSON that Praxis emits from data
 * goes through one of these. Invalid UTF-8 is replaced by U+FFFD; NUL bytes are dropped. */
#ifndef PRAXIS_CORE_HTML_H
#define PRAXIS_CORE_HTML_H
#include <stddef.h>
#include "core/buf.h"

void html_text(struct buf *b, const char *s); /* & < > " ' escaped */
void html_textn(struct buf *b, const char *s, size_t n);
void html_attr(struct buf *b, const char *s); /* for a quoted attribute value */
/* A URL for href/src: allowed only if the scheme is http, https or mailto, or it is relative
 * (starts with '/', '#', '?', or has no scheme); otherwise appends "#". Attribute-escaped. */
void html_url(struct buf *b, const char *url);
int url_is_safe(const char *url);              /* the test html_url applies */
void url_encode(struct buf *b, const char *s); /* percent-encode a component */
void json_str(struct buf *b, const char *s);   /* a quoted JSON string, NULL -> null */
/* Plain text of someone else's rendered HTML, appended to b (src/core/html_text.c): tags
 * dropped, block ends, <br> and <hr> as blank lines, &lt; &gt; &amp; &quot; &#39; &#x27;
 * &nbsp; decoded. Reads HTML only; the result must still be escaped or rendered. */
void html_to_text(struct buf *b, const char *html);

/* printf for HTML: the format is trusted markup; every %s argument is HTML-escaped
 * (as html_text; NULL prints as nothing). Supported conversions: %s %d %i %u %ld %lu %lld
 * %llu %zu %zd %x %c(escaped) %%, and %.*s (escaped). Anything else appends "?".
 * Raw, already-safe HTML is appended with buf_puts, never through %s. */
void html_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void html_vprintf(struct buf *b, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));

#endif
