/* A small MIME builder for outgoing mail (RFC 5322, 2045-2047): one message of
 * multipart/alternative with a text/plain and a text/html part (or text/plain alone), both
 * UTF-8 in quoted-printable, every line CRLF-terminated and at most 76 characters in the
 * bodies and 78 in the headers, non-ASCII header text as RFC 2047 encoded words that never
 * split a UTF-8 character. Pure functions on struct buf; unit-tested in
 * tests/unit/core/mime_test.c. */
#ifndef PRAXIS_CORE_MIME_H
#define PRAXIS_CORE_MIME_H
#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"

struct mime_msg {
    const char *from;       /* "Name <addr@host>" or "addr@host" (ASCII; checked) */
    const char *to;         /* "addr@host" */
    const char *subject;    /* UTF-8, one line */
    const char *text;       /* UTF-8 plain text body, lines end in \n or \r\n */
    const char *html;       /* UTF-8 HTML body, or NULL for text only */
    const char *message_id; /* "<...@host>" */
    int64_t date;           /* UTC seconds */
    const char *boundary;   /* multipart boundary (NULL: derived from message_id) */
    /* Optional headers (NULL or "" = left out); printable ASCII, no CR or LF (checked). */
    const char *reply_to;              /* "addr@host" or "Name <addr@host>" */
    const char *in_reply_to;           /* "<id@host>" */
    const char *references;            /* "<id@host> <id2@host>", folded at spaces */
    const char *list_id;               /* "<slug.host>" or "Name <slug.host>" (RFC 2919) */
    const char *list_unsubscribe;      /* "<https://...>" (RFC 2369) */
    const char *list_unsubscribe_post; /* "List-Unsubscribe=One-Click" (RFC 8058) */
};

/* Append the whole message (headers, blank line, body) to out. Returns 0, or ERR_INVALID
   when a header value has a CR, LF or other control character (or an optional header is not
   printable ASCII), an address (From, To, Reply-To) is not ASCII or lacks '@', or a text is
   not valid UTF-8. */
int mime_build(struct buf *out, const struct mime_msg *m);

/* Append "Name: value" for an unstructured header (Subject): value verbatim when it is
   printable ASCII that fits, else as RFC 2047 "=?UTF-8?B?...?=" words of at most 75
   characters on folded lines, each word whole UTF-8 characters. Value must be valid UTF-8
   without control characters (checked by the caller). Ends with CRLF. */
void mime_header_unstructured(struct buf *out, const char *name, const char *value);

/* Append "Name: value" for a structured ASCII header (References, List-Unsubscribe):
   folded (CRLF + space) before a space where the line would pass 78 characters, never
   before the first word; a word longer than a line stays whole (RFC 5322 allows up to 998). Value
   must be printable ASCII (checked by the caller). Ends with CRLF. */
void mime_header_structured(struct buf *out, const char *name, const char *value);

/* Append s as quoted-printable (RFC 2045 6.7): \n and \r\n become CRLF hard breaks, lines
   are soft-broken at 76 characters, '=', non-ASCII, controls, whitespace before a break and
   a '.' or "From " at the start of a line are encoded. */
void mime_qp(struct buf *out, const char *s);

/* Append the HTML alternative of a plain-text mail body: paragraphs (split at blank lines)
   in <p>, single newlines as <br>, every character escaped, and http(s) URLs at a word's
   start (up to the next space, '<', '>' or '"') as links. The only HTML mail Praxis writes, so mail
   templates stay plain text. */
void mime_text_html(struct buf *out, const char *text);

/* The address part of "Name <addr>" or "addr", copied into out (size bytes). Returns 0 or
   ERR_INVALID when there is none, it has no '@', or it does not fit. */
int mime_addr_spec(const char *from, char *out, size_t size);

/* "<32 hex>@host>" style Message-ID for host into out (size >= 48 + strlen(host)). */
void mime_message_id(const char *host, char *out, size_t size);

/* RFC 5322 date "Mon, 07 Dec 2026 16:27:53 +0000" into out. */
void mime_date(int64_t t, char out[40]);

#endif
