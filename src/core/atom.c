/* The Atom 1.0 writer (RFC 4287) and XML 1.0 character-data escaping: see core/atom.h.
 * Dates are RFC 3339 in UTC ("2026-11-28T15:12:03Z"); every string from data goes through
 * xml_textn, which decodes UTF-8 so that what it copies is valid and allowed in XML. */
#include <string.h>

#include "core/atom.h"
#include "core/timeutil.h"
#include "core/utf8.h"
#include "core/util.h"

static const char replacement[] = "\xEF\xBF\xBD"; /* U+FFFD */

/* 1 if code point cp may appear in an XML 1.0 document written by Praxis. */
static int xml_char_ok(unsigned cp)
{
    if (cp < 0x20)
        return cp == '\t' || cp == '\n' || cp == '\r';
    if (cp >= 0x7F && cp <= 0x9F) /* DEL and C1: allowed by XML 1.0 but discouraged */
        return 0;
    if (cp == 0xFFFE || cp == 0xFFFF)
        return 0;
    return 1; /* surrogates and > U+10FFFF cannot come out of utf8_decode */
}

void xml_textn(struct buf *b, const char *s, size_t n)
{
    size_t i = 0, run = 0; /* bytes [run, i) are copied as they are */
    if (!s)
        return;
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        const char *rep = NULL;
        size_t len = 1;
        if (c < 0x80) {
            switch (c) {
            case '&':
                rep = "&amp;";
                break;
            case '<':
                rep = "&lt;";
                break;
            case '>':
                rep = "&gt;";
                break;
            case '"':
                rep = "&quot;";
                break;
            case '\'':
                rep = "&#39;";
                break;
            default:
                if (!xml_char_ok(c))
                    rep = "";
            }
        } else {
            unsigned cp;
            len = utf8_decode(s + i, n - i, &cp);
            if (!len) {
                rep = replacement;
                len = 1;
            } else if (!xml_char_ok(cp)) {
                rep = "";
            }
        }
        if (rep) {
            buf_append(b, s + run, i - run);
            buf_puts(b, rep);
            run = i + len;
        }
        i += len;
    }
    buf_append(b, s + run, n - run);
}

void xml_text(struct buf *b, const char *s)
{
    if (s)
        xml_textn(b, s, strlen(s));
}

/* <name>escaped text</name> */
static void element(struct buf *b, const char *name, const char *text)
{
    buf_printf(b, "<%s>", name);
    xml_text(b, text);
    buf_printf(b, "</%s>\n", name);
}

/* <name>RFC 3339 date</name> */
static void date_element(struct buf *b, const char *name, int64_t t)
{
    char iso[32];
    time_iso(t < 0 ? 0 : t, iso);
    buf_printf(b, "<%s>%s</%s>\n", name, iso, name);
}

/* <link rel="rel" type="type" href="href"/> (type may be NULL). */
static void link_element(struct buf *b, const char *rel, const char *type, const char *href)
{
    buf_printf(b, "<link rel=\"%s\"", rel);
    if (type)
        buf_printf(b, " type=\"%s\"", type);
    buf_puts(b, " href=\"");
    xml_text(b, href);
    buf_puts(b, "\"/>\n");
}

void atom_begin(struct buf *b, const struct atom_feed *f)
{
    buf_puts(b, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
                "<feed xmlns=\"http://www.w3.org/2005/Atom\"");
    if (f->base && *f->base) {
        buf_puts(b, " xml:base=\"");
        xml_text(b, f->base);
        buf_puts(b, "\"");
    }
    buf_puts(b, ">\n");
    element(b, "id", f->id);
    element(b, "title", f->title);
    if (f->subtitle && *f->subtitle)
        element(b, "subtitle", f->subtitle);
    date_element(b, "updated", f->updated);
    if (f->self && *f->self)
        link_element(b, "self", "application/atom+xml", f->self);
    if (f->alternate && *f->alternate)
        link_element(b, "alternate", "text/html", f->alternate);
    if (f->generator && *f->generator)
        element(b, "generator", f->generator);
}

void atom_entry(struct buf *b, const struct atom_entry *e)
{
    size_t i;
    buf_puts(b, "<entry>\n");
    element(b, "id", e->id);
    buf_puts(b, "<title type=\"text\">");
    xml_text(b, e->title);
    buf_puts(b, "</title>\n");
    date_element(b, "updated", e->updated);
    if (e->published)
        date_element(b, "published", e->published);
    buf_puts(b, "<author>");
    element(b, "name", e->author ? e->author : "");
    if (e->author_uri && *e->author_uri)
        element(b, "uri", e->author_uri);
    buf_puts(b, "</author>\n");
    if (e->link && *e->link)
        link_element(b, "alternate", "text/html", e->link);
    for (i = 0; i < e->ncategories; i++) {
        buf_puts(b, "<category term=\"");
        xml_text(b, e->categories[i]);
        buf_puts(b, "\"/>\n");
    }
    if (e->html) {
        buf_puts(b, "<content type=\"html\">");
        xml_text(b, e->html);
        buf_puts(b, "</content>\n");
    }
    buf_puts(b, "</entry>\n");
}

void atom_end(struct buf *b)
{
    buf_puts(b, "</feed>\n");
}
