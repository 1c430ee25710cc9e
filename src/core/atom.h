/* An Atom 1.0 (RFC 4287) writer and the XML 1.0 escaping it rests on. Pure: appends to a
 * struct buf; the caller checks b->err once at the end.
 *
 * xml_text is the one way data enters the document. It escapes & < > " ' (so its output is
 * safe in element text and in quoted attribute values, and "]]>" can never appear), replaces
 * each byte that does not start valid UTF-8 with U+FFFD, and drops the characters XML 1.0
 * forbids or discourages: C0 controls other than tab, LF and CR; DEL and the C1 controls
 * U+0080..U+009F; U+FFFE and U+FFFF. Whatever the input, the output is well-formed
 * character data. */
#ifndef PRAXIS_CORE_ATOM_H
#define PRAXIS_CORE_ATOM_H
#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"

/* Escape s (NULL = nothing) as XML character data / attribute value; see above. */
void xml_text(struct buf *b, const char *s);
void xml_textn(struct buf *b, const char *s, size_t n);

#define ATOM_MEDIA_TYPE "application/atom+xml; charset=utf-8"

/* The feed element's children written by atom_begin. Strings are plain text (escaped here);
   NULL or "" leaves an optional element out. URLs are absolute. */
struct atom_feed {
    const char *id;        /* a stable URI (required) */
    const char *title;     /* required */
    const char *subtitle;  /* optional */
    int64_t updated;       /* UTC seconds: the newest entry's updated, or when the feed's
                              subject last changed */
    const char *self;      /* the feed's own URL (link rel="self") */
    const char *alternate; /* the HTML page it mirrors (link rel="alternate") */
    const char *base;      /* xml:base for relative links in content, e.g. "https://h/" */
    const char *generator; /* e.g. "Praxis" */
};

struct atom_entry {
    const char *id;                /* a stable URI (required) */
    const char *title;             /* plain text (required) */
    int64_t updated;               /* UTC seconds (required) */
    int64_t published;             /* UTC seconds; 0 leaves <published> out */
    const char *author;            /* the author's shown name (required; "" is written as is) */
    const char *author_uri;        /* their profile URL, or NULL */
    const char *link;              /* the entry's page (link rel="alternate"), or NULL */
    const char *html;              /* content of type="html": HTML as text, escaped here; NULL =
                                      no <content> */
    const char *const *categories; /* category terms (tags), ncategories of them */
    size_t ncategories;
};

/* The XML declaration and <feed xmlns=...> with f's elements. */
void atom_begin(struct buf *b, const struct atom_feed *f);
/* One <entry>. */
void atom_entry(struct buf *b, const struct atom_entry *e);
/* </feed> */
void atom_end(struct buf *b);

#endif
