/* Markdown to safe HTML. md4c parses (GitHub dialect: tables, strikethrough, task lists,
 * permissive URL/www/e-mail autolinks; raw HTML disabled so it arrives as text) and this file
 * renders its callbacks to HTML. Nothing from the source reaches the output unescaped:
 * text goes through html_textn; entities are decoded (numeric ones to UTF-8, the HTML 4 named
 * set from a table) and then escaped, and an unknown named entity is shown literally;
 * link and image URLs are entity-decoded and trimmed of surrounding spaces/controls first
 * and must then pass url_is_safe, or the link is dropped and only its text is rendered;
 * images become links (no remote loads), with the URL as text when the alt text is empty;
 * a link never opens inside another link; external links (http, https, protocol-relative)
 * get rel="nofollow ugc noopener"; code languages must be [A-Za-z0-9_+-]{1,40} or no class
 * is emitted. Output is bounded: blockquotes and lists nested more than MD_MAX_NEST deep keep
 * their content but lose their tags, so hostile input cannot make a DOM deeper than a browser
 * handles; md4c itself is linear-time (a 10,000-column table is fine). md4c only ever sees a
 * padded private copy of the input (see markdown_render). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <md4c.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/html.h"
#include "core/markdown.h"
#include "core/utf8.h"
#include "core/util.h"

#define MD_MAX_NEST 32  /* deepest blockquote/list nesting that keeps its tags */
#define MD_LANG_MAX 40  /* longest code-block language name put in a class */

/* Renderer state for one markdown_render call. */
struct md_render {
    struct buf *out;     /* HTML goes here */
    struct buf url;      /* decoded URL of the open anchor (or of the last link tried) */
    struct buf scratch;  /* decoded titles and entities */
    int nest;            /* open blockquote/ul/ol blocks */
    int link_nest;       /* open link and image spans, whether or not they became <a> */
    int anchor_level;    /* link_nest at which the open <a> was emitted; 0: none open */
    size_t anchor_start; /* out->len just after the open <a ...> */
};

/* HTML 4 named entities (plus &apos;), sorted by name for bsearch. Anything else that md4c
 * reports as a named entity is shown literally (its '&' escaped). */
static const struct entity {
    const char *name;
    unsigned cp;
} entities[] = {
    {"AElig", 0xC6}, {"Aacute", 0xC1}, {"Acirc", 0xC2}, {"Agrave", 0xC0}, {"Alpha", 0x391},
    {"Aring", 0xC5}, {"Atilde", 0xC3}, {"Auml", 0xC4}, {"Beta", 0x392}, {"Ccedil", 0xC7},
    {"Chi", 0x3A7}, {"Dagger", 0x2021}, {"Delta", 0x394}, {"ETH", 0xD0}, {"Eacute", 0xC9},
    {"Ecirc", 0xCA}, {"Egrave", 0xC8}, {"Epsilon", 0x395}, {"Eta", 0x397}, {"Euml", 0xCB},
    {"Gamma", 0x393}, {"Iacute", 0xCD}, {"Icirc", 0xCE}, {"Igrave", 0xCC}, {"Iota", 0x399},
    {"Iuml", 0xCF}, {"Kappa", 0x39A}, {"Lambda", 0x39B}, {"Mu", 0x39C}, {"Ntilde", 0xD1},
    {"Nu", 0x39D}, {"OElig", 0x152}, {"Oacute", 0xD3}, {"Ocirc", 0xD4}, {"Ograve", 0xD2},
    {"Omega", 0x3A9}, {"Omicron", 0x39F}, {"Oslash", 0xD8}, {"Otilde", 0xD5}, {"Ouml", 0xD6},
    {"Phi", 0x3A6}, {"Pi", 0x3A0}, {"Prime", 0x2033}, {"Psi", 0x3A8}, {"Rho", 0x3A1},
    {"Scaron", 0x160}, {"Sigma", 0x3A3}, {"THORN", 0xDE}, {"Tau", 0x3A4}, {"Theta", 0x398},
    {"Uacute", 0xDA}, {"Ucirc", 0xDB}, {"Ugrave", 0xD9}, {"Upsilon", 0x3A5}, {"Uuml", 0xDC},
    {"Xi", 0x39E}, {"Yacute", 0xDD}, {"Yuml", 0x178}, {"Zeta", 0x396}, {"aacute", 0xE1},
    {"acirc", 0xE2}, {"acute", 0xB4}, {"aelig", 0xE6}, {"agrave", 0xE0}, {"alefsym", 0x2135},
    {"alpha", 0x3B1}, {"amp", 0x26}, {"and", 0x2227}, {"ang", 0x2220}, {"apos", 0x27},
    {"aring", 0xE5}, {"asymp", 0x2248}, {"atilde", 0xE3}, {"auml", 0xE4}, {"bdquo", 0x201E},
    {"beta", 0x3B2}, {"brvbar", 0xA6}, {"bull", 0x2022}, {"cap", 0x2229}, {"ccedil", 0xE7},
    {"cedil", 0xB8}, {"cent", 0xA2}, {"chi", 0x3C7}, {"circ", 0x2C6}, {"clubs", 0x2663},
    {"cong", 0x2245}, {"copy", 0xA9}, {"crarr", 0x21B5}, {"cup", 0x222A}, {"curren", 0xA4},
    {"dArr", 0x21D3}, {"dagger", 0x2020}, {"darr", 0x2193}, {"deg", 0xB0}, {"delta", 0x3B4},
    {"diams", 0x2666}, {"divide", 0xF7}, {"eacute", 0xE9}, {"ecirc", 0xEA}, {"egrave", 0xE8},
    {"empty", 0x2205}, {"emsp", 0x2003}, {"ensp", 0x2002}, {"epsilon", 0x3B5},
    {"equiv", 0x2261}, {"eta", 0x3B7}, {"eth", 0xF0}, {"euml", 0xEB}, {"euro", 0x20AC},
    {"exist", 0x2203}, {"fnof", 0x192}, {"forall", 0x2200}, {"frac12", 0xBD}, {"frac14", 0xBC},
    {"frac34", 0xBE}, {"frasl", 0x2044}, {"gamma", 0x3B3}, {"ge", 0x2265}, {"gt", 0x3E},
    {"hArr", 0x21D4}, {"harr", 0x2194}, {"hearts", 0x2665}, {"hellip", 0x2026},
    {"iacute", 0xED}, {"icirc", 0xEE}, {"iexcl", 0xA1}, {"igrave", 0xEC}, {"image", 0x2111},
    {"infin", 0x221E}, {"int", 0x222B}, {"iota", 0x3B9}, {"iquest", 0xBF}, {"isin", 0x2208},
    {"iuml", 0xEF}, {"kappa", 0x3BA}, {"lArr", 0x21D0}, {"lambda", 0x3BB}, {"lang", 0x2329},
    {"laquo", 0xAB}, {"larr", 0x2190}, {"lceil", 0x2308}, {"ldquo", 0x201C}, {"le", 0x2264},
    {"lfloor", 0x230A}, {"lowast", 0x2217}, {"loz", 0x25CA}, {"lrm", 0x200E},
    {"lsaquo", 0x2039}, {"lsquo", 0x2018}, {"lt", 0x3C}, {"macr", 0xAF}, {"mdash", 0x2014},
    {"micro", 0xB5}, {"middot", 0xB7}, {"minus", 0x2212}, {"mu", 0x3BC}, {"nabla", 0x2207},
    {"nbsp", 0xA0}, {"ndash", 0x2013}, {"ne", 0x2260}, {"ni", 0x220B}, {"not", 0xAC},
    {"notin", 0x2209}, {"nsub", 0x2284}, {"ntilde", 0xF1}, {"nu", 0x3BD}, {"oacute", 0xF3},
    {"ocirc", 0xF4}, {"oelig", 0x153}, {"ograve", 0xF2}, {"oline", 0x203E}, {"omega", 0x3C9},
    {"omicron", 0x3BF}, {"oplus", 0x2295}, {"or", 0x2228}, {"ordf", 0xAA}, {"ordm", 0xBA},
    {"oslash", 0xF8}, {"otilde", 0xF5}, {"otimes", 0x2297}, {"ouml", 0xF6}, {"para", 0xB6},
    {"part", 0x2202}, {"permil", 0x2030}, {"perp", 0x22A5}, {"phi", 0x3C6}, {"pi", 0x3C0},
    {"piv", 0x3D6}, {"plusmn", 0xB1}, {"pound", 0xA3}, {"prime", 0x2032}, {"prod", 0x220F},
    {"prop", 0x221D}, {"psi", 0x3C8}, {"quot", 0x22}, {"rArr", 0x21D2}, {"radic", 0x221A},
    {"rang", 0x232A}, {"raquo", 0xBB}, {"rarr", 0x2192}, {"rceil", 0x2309}, {"rdquo", 0x201D},
    {"real", 0x211C}, {"reg", 0xAE}, {"rfloor", 0x230B}, {"rho", 0x3C1}, {"rlm", 0x200F},
    {"rsaquo", 0x203A}, {"rsquo", 0x2019}, {"sbquo", 0x201A}, {"scaron", 0x161},
    {"sdot", 0x22C5}, {"sect", 0xA7}, {"shy", 0xAD}, {"sigma", 0x3C3}, {"sigmaf", 0x3C2},
    {"sim", 0x223C}, {"spades", 0x2660}, {"sub", 0x2282}, {"sube", 0x2286}, {"sum", 0x2211},
    {"sup", 0x2283}, {"sup1", 0xB9}, {"sup2", 0xB2}, {"sup3", 0xB3}, {"supe", 0x2287},
    {"szlig", 0xDF}, {"tau", 0x3C4}, {"there4", 0x2234}, {"theta", 0x3B8}, {"thetasym", 0x3D1},
    {"thinsp", 0x2009}, {"thorn", 0xFE}, {"tilde", 0x2DC}, {"times", 0xD7}, {"trade", 0x2122},
    {"uArr", 0x21D1}, {"uacute", 0xFA}, {"uarr", 0x2191}, {"ucirc", 0xFB}, {"ugrave", 0xF9},
    {"uml", 0xA8}, {"upsih", 0x3D2}, {"upsilon", 0x3C5}, {"uuml", 0xFC}, {"weierp", 0x2118},
    {"xi", 0x3BE}, {"yacute", 0xFD}, {"yen", 0xA5}, {"yuml", 0xFF}, {"zeta", 0x3B6},
    {"zwj", 0x200D}, {"zwnj", 0x200C},
};

static int entity_cmp(const void *key, const void *elem)
{
    return strcmp((const char *)key, ((const struct entity *)elem)->name);
}

/* Append code point cp to b as UTF-8; 0, surrogates and values above U+10FFFF become
 * U+FFFD (as CommonMark requires for numeric references). */
static void put_utf8(struct buf *b, unsigned cp)
{
    char u[4];
    if (cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
        cp = 0xFFFD;
    if (cp < 0x80) {
        u[0] = (char)cp;
        buf_append(b, u, 1);
    } else if (cp < 0x800) {
        u[0] = (char)(0xC0 | (cp >> 6));
        u[1] = (char)(0x80 | (cp & 0x3F));
        buf_append(b, u, 2);
    } else if (cp < 0x10000) {
        u[0] = (char)(0xE0 | (cp >> 12));
        u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        u[2] = (char)(0x80 | (cp & 0x3F));
        buf_append(b, u, 3);
    } else {
        u[0] = (char)(0xF0 | (cp >> 18));
        u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        u[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        u[3] = (char)(0x80 | (cp & 0x3F));
        buf_append(b, u, 4);
    }
}

/* Decode the entity s[0..n) ("&name;", "&#123;" or "&#x1F;", as md4c reports them) and
 * append the raw UTF-8 result to b; an unknown name is appended literally. The caller
 * escapes b's contents for their context. */
static void entity_decode(struct buf *b, const char *s, size_t n)
{
    char name[64];
    const struct entity *e;

    if (n < 3 || s[0] != '&' || s[n - 1] != ';') {
        buf_append(b, s, n);
        return;
    }
    if (s[1] == '#') {
        unsigned cp = 0;
        size_t i = 2;
        int hex = 0, digits = 0;
        if (s[i] == 'x' || s[i] == 'X') {
            hex = 1;
            i++;
        }
        for (; i < n - 1; i++) {
            unsigned char c = (unsigned char)s[i];
            unsigned d;
            if (c >= '0' && c <= '9')
                d = c - '0';
            else if (hex && c >= 'a' && c <= 'f')
                d = c - 'a' + 10;
            else if (hex && c >= 'A' && c <= 'F')
                d = c - 'A' + 10;
            else
                break;
            if (cp <= 0x10FFFF) /* saturate: anything larger is invalid anyway */
                cp = cp * (hex ? 16 : 10) + d;
            digits++;
        }
        if (i != n - 1 || digits == 0) {
            buf_append(b, s, n);
            return;
        }
        put_utf8(b, cp);
        return;
    }
    if (n - 2 >= sizeof(name)) {
        buf_append(b, s, n);
        return;
    }
    memcpy(name, s + 1, n - 2);
    name[n - 2] = '\0';
    e = bsearch(name, entities, ARRAY_SIZE(entities), sizeof(entities[0]), entity_cmp);
    if (e)
        put_utf8(b, e->cp);
    else
        buf_append(b, s, n);
}

/* Decode an md4c attribute (href, src, title) into b as raw UTF-8: normal text as is,
 * entities decoded, NUL as U+FFFD. b is reset first; its data is a C string afterwards. */
static void attr_decode(struct buf *b, const MD_ATTRIBUTE *a)
{
    unsigned i;
    buf_reset(b);
    for (i = 0; a->substr_offsets[i] < a->size; i++) {
        MD_OFFSET off = a->substr_offsets[i];
        size_t len = a->substr_offsets[i + 1] - off;
        switch (a->substr_types[i]) {
        case MD_TEXT_ENTITY:
            entity_decode(b, a->text + off, len);
            break;
        case MD_TEXT_NULLCHAR:
            put_utf8(b, 0);
            break;
        default:
            buf_append(b, a->text + off, len);
            break;
        }
    }
}

/* 1 if the (safe) url leaves the site: http or https, or protocol-relative ("//host", which
 * browsers also accept spelt with backslashes). */
static int url_external(const char *url)
{
    const unsigned char *p = (const unsigned char *)url;
    while (*p && *p <= 0x20)
        p++;
    if ((p[0] == '/' || p[0] == '\\') && (p[1] == '/' || p[1] == '\\'))
        return 1;
    return strncasecmp((const char *)p, "http:", 5) == 0 ||
           strncasecmp((const char *)p, "https:", 6) == 0;
}

/* Append url as an href value: bytes that are not allowed in a URL (space, controls, non-ASCII,
 * " < > \ ^ ` { | }) are percent-encoded, & and ' are entity-escaped; '%' is kept so
 * already-encoded URLs are not encoded twice. */
static void put_href(struct buf *out, const char *url)
{
    static const char hex[] = "0123456789ABCDEF";
    const unsigned char *p;
    for (p = (const unsigned char *)url; *p; p++) {
        unsigned char c = *p;
        if (c <= 0x20 || c >= 0x7F || strchr("\"<>\\^`{|}", c)) {
            char pct[3] = {'%', hex[c >> 4], hex[c & 15]};
            buf_append(out, pct, 3);
        } else if (c == '&') {
            buf_puts(out, "&amp;");
        } else if (c == '\'') {
            buf_puts(out, "&#39;");
        } else {
            buf_putc(out, (char)c);
        }
    }
}

/* Strip leading and trailing C0 controls and spaces from the decoded URL in b, as browsers
 * do. Without this, " http://x" would pass url_is_safe (which skips that prefix) but be
 * written as "%20http://x": harmless, but no longer the string that was checked. */
static void url_trim(struct buf *b)
{
    size_t lead = 0, len = b->len;
    while (len && (unsigned char)b->data[len - 1] <= 0x20)
        len--;
    while (lead < len && (unsigned char)b->data[lead] <= 0x20)
        lead++;
    if (b->cap == 0)
        return; /* empty */
    memmove(b->data, b->data + lead, len - lead);
    b->len = len - lead;
    b->data[b->len] = '\0';
}

/* Entering a link or image span. Opens <a> only if no anchor is open and the decoded URL is
 * safe; otherwise the span's content is rendered as plain text. */
static void link_enter(struct md_render *r, const MD_ATTRIBUTE *href, const MD_ATTRIBUTE *title,
                       int is_image)
{
    struct buf *out = r->out;
    r->link_nest++;
    if (r->anchor_level)
        return;
    attr_decode(&r->url, href);
    url_trim(&r->url);
    if (r->url.err || !url_is_safe(r->url.data))
        return;
    buf_puts(out, "<a href=\"");
    put_href(out, r->url.data);
    buf_putc(out, '"');
    if (title->size) {
        attr_decode(&r->scratch, title);
        buf_puts(out, " title=\"");
        html_attr(out, r->scratch.data);
        buf_putc(out, '"');
    }
    if (url_external(r->url.data))
        buf_puts(out, " rel=\"nofollow ugc noopener\"");
    if (is_image)
        buf_puts(out, " class=\"md-image\"");
    buf_putc(out, '>');
    r->anchor_level = r->link_nest;
    r->anchor_start = out->len;
}

/* Leaving a link or image span: closes the <a> this span opened, if any. An anchor with no
 * content (empty link text or image alt) shows its URL instead. */
static void link_leave(struct md_render *r)
{
    if (r->link_nest == 0)
        return; /* md4c 0.4.8 can report leaving a link it never entered (an image's alt
                   text holding "](" and a line break, found by fuzzing): ignore it, or the
                   count goes below zero and the next link's <a> is never closed */
    if (r->anchor_level && r->anchor_level == r->link_nest) {
        if (r->out->len == r->anchor_start)
            html_text(r->out, r->url.data);
        buf_puts(r->out, "</a>");
        r->anchor_level = 0;
    }
    r->link_nest--;
}

/* The class attribute for a fenced code block's language, or nothing if the language is
 * empty, too long, contains an entity or a character outside [A-Za-z0-9_+-]. */
static void code_lang(struct buf *out, const MD_ATTRIBUTE *lang)
{
    MD_SIZE i;
    if (lang->size == 0 || lang->size > MD_LANG_MAX)
        return;
    if (lang->substr_offsets[1] != lang->size || lang->substr_types[0] != MD_TEXT_NORMAL)
        return; /* more than one piece: an entity or NUL is in there */
    for (i = 0; i < lang->size; i++) {
        char c = lang->text[i];
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '+' || c == '-'))
            return;
    }
    buf_puts(out, " class=\"language-");
    buf_append(out, lang->text, lang->size);
    buf_putc(out, '"');
}

static const char *align_attr(MD_ALIGN a)
{
    switch (a) {
    case MD_ALIGN_LEFT: return " align=\"left\"";
    case MD_ALIGN_CENTER: return " align=\"center\"";
    case MD_ALIGN_RIGHT: return " align=\"right\"";
    default: return "";
    }
}

static int enter_block(MD_BLOCKTYPE type, void *detail, void *userdata)
{
    struct md_render *r = userdata;
    struct buf *out = r->out;

    switch (type) {
    case MD_BLOCK_DOC:
    case MD_BLOCK_HTML: /* not produced with MD_FLAG_NOHTML; its text would be escaped */
        break;
    case MD_BLOCK_QUOTE:
        if (++r->nest <= MD_MAX_NEST)
            buf_puts(out, "<blockquote>\n");
        break;
    case MD_BLOCK_UL:
        if (++r->nest <= MD_MAX_NEST)
            buf_puts(out, "<ul>\n");
        break;
    case MD_BLOCK_OL: {
        const MD_BLOCK_OL_DETAIL *d = detail;
        if (++r->nest <= MD_MAX_NEST) {
            if (d->start == 1)
                buf_puts(out, "<ol>\n");
            else
                buf_printf(out, "<ol start=\"%u\">\n", d->start);
        }
        break;
    }
    case MD_BLOCK_LI: {
        const MD_BLOCK_LI_DETAIL *d = detail;
        if (r->nest > MD_MAX_NEST)
            break;
        if (d->is_task)
            buf_puts(out, d->task_mark == ' '
                              ? "<li class=\"task-list-item\"><input type=\"checkbox\" disabled> "
                              : "<li class=\"task-list-item\"><input type=\"checkbox\" checked "
                                "disabled> ");
        else
            buf_puts(out, "<li>");
        break;
    }
    case MD_BLOCK_HR:
        buf_puts(out, "<hr>\n");
        break;
    case MD_BLOCK_H: {
        const MD_BLOCK_H_DETAIL *d = detail;
        buf_printf(out, "<h%u>", d->level >= 1 && d->level <= 6 ? d->level : 6);
        break;
    }
    case MD_BLOCK_CODE: {
        const MD_BLOCK_CODE_DETAIL *d = detail;
        buf_puts(out, "<pre><code");
        code_lang(out, &d->lang);
        buf_putc(out, '>');
        break;
    }
    case MD_BLOCK_P:
        buf_puts(out, "<p>");
        break;
    case MD_BLOCK_TABLE:
        buf_puts(out, "<table>\n");
        break;
    case MD_BLOCK_THEAD:
        buf_puts(out, "<thead>\n");
        break;
    case MD_BLOCK_TBODY:
        buf_puts(out, "<tbody>\n");
        break;
    case MD_BLOCK_TR:
        buf_puts(out, "<tr>\n");
        break;
    case MD_BLOCK_TH:
    case MD_BLOCK_TD: {
        const MD_BLOCK_TD_DETAIL *d = detail;
        buf_puts(out, type == MD_BLOCK_TH ? "<th" : "<td");
        buf_puts(out, align_attr(d->align));
        buf_putc(out, '>');
        break;
    }
    }
    return r->out->err ? 1 : 0;
}

static int leave_block(MD_BLOCKTYPE type, void *detail, void *userdata)
{
    struct md_render *r = userdata;
    struct buf *out = r->out;

    switch (type) {
    case MD_BLOCK_DOC:
    case MD_BLOCK_HTML:
    case MD_BLOCK_HR:
        break;
    case MD_BLOCK_QUOTE:
        if (r->nest-- <= MD_MAX_NEST)
            buf_puts(out, "</blockquote>\n");
        break;
    case MD_BLOCK_UL:
        if (r->nest-- <= MD_MAX_NEST)
            buf_puts(out, "</ul>\n");
        break;
    case MD_BLOCK_OL:
        if (r->nest-- <= MD_MAX_NEST)
            buf_puts(out, "</ol>\n");
        break;
    case MD_BLOCK_LI:
        if (r->nest <= MD_MAX_NEST)
            buf_puts(out, "</li>\n");
        break;
    case MD_BLOCK_H: {
        const MD_BLOCK_H_DETAIL *d = detail;
        buf_printf(out, "</h%u>\n", d->level >= 1 && d->level <= 6 ? d->level : 6);
        break;
    }
    case MD_BLOCK_CODE:
        buf_puts(out, "</code></pre>\n");
        break;
    case MD_BLOCK_P:
        buf_puts(out, "</p>\n");
        break;
    case MD_BLOCK_TABLE:
        buf_puts(out, "</table>\n");
        break;
    case MD_BLOCK_THEAD:
        buf_puts(out, "</thead>\n");
        break;
    case MD_BLOCK_TBODY:
        buf_puts(out, "</tbody>\n");
        break;
    case MD_BLOCK_TR:
        buf_puts(out, "</tr>\n");
        break;
    case MD_BLOCK_TH:
        buf_puts(out, "</th>\n");
        break;
    case MD_BLOCK_TD:
        buf_puts(out, "</td>\n");
        break;
    }
    return r->out->err ? 1 : 0;
}

static int enter_span(MD_SPANTYPE type, void *detail, void *userdata)
{
    struct md_render *r = userdata;
    struct buf *out = r->out;

    switch (type) {
    case MD_SPAN_EM: buf_puts(out, "<em>"); break;
    case MD_SPAN_STRONG: buf_puts(out, "<strong>"); break;
    case MD_SPAN_DEL: buf_puts(out, "<del>"); break;
    case MD_SPAN_U: buf_puts(out, "<u>"); break;
    case MD_SPAN_CODE:
    case MD_SPAN_LATEXMATH:
    case MD_SPAN_LATEXMATH_DISPLAY: buf_puts(out, "<code>"); break;
    case MD_SPAN_A: {
        const MD_SPAN_A_DETAIL *d = detail;
        link_enter(r, &d->href, &d->title, 0);
        break;
    }
    case MD_SPAN_IMG: {
        const MD_SPAN_IMG_DETAIL *d = detail;
        link_enter(r, &d->src, &d->title, 1);
        break;
    }
    case MD_SPAN_WIKILINK: /* not enabled: content as text */
        break;
    }
    return r->out->err ? 1 : 0;
}

static int leave_span(MD_SPANTYPE type, void *detail, void *userdata)
{
    struct md_render *r = userdata;
    struct buf *out = r->out;

    switch (type) {
    case MD_SPAN_EM: buf_puts(out, "</em>"); break;
    case MD_SPAN_STRONG: buf_puts(out, "</strong>"); break;
    case MD_SPAN_DEL: buf_puts(out, "</del>"); break;
    case MD_SPAN_U: buf_puts(out, "</u>"); break;
    case MD_SPAN_CODE:
    case MD_SPAN_LATEXMATH:
    case MD_SPAN_LATEXMATH_DISPLAY: buf_puts(out, "</code>"); break;
    case MD_SPAN_A:
    case MD_SPAN_IMG: link_leave(r); break;
    case MD_SPAN_WIKILINK: break;
    }
    return r->out->err ? 1 : 0;
}

static int text(MD_TEXTTYPE type, const MD_CHAR *s, MD_SIZE size, void *userdata)
{
    struct md_render *r = userdata;
    struct buf *out = r->out;

    switch (type) {
    case MD_TEXT_NULLCHAR:
        buf_puts(out, "\xEF\xBF\xBD");
        break;
    case MD_TEXT_BR:
        buf_puts(out, "<br>\n");
        break;
    case MD_TEXT_SOFTBR:
        buf_putc(out, '\n');
        break;
    case MD_TEXT_ENTITY:
        buf_reset(&r->scratch);
        entity_decode(&r->scratch, s, size);
        html_textn(out, r->scratch.data, r->scratch.len);
        break;
    default: /* normal, code, raw HTML (shown as text), math */
        html_textn(out, s, size);
        break;
    }
    return r->out->err ? 1 : 0;
}

/* Render src[0..n) as HTML appended to out. Returns 0; ERR_TOOBIG if n > MARKDOWN_MAX or the
 * output did not fit in out (out->err is then set); ERR_INVALID if src is not valid UTF-8;
 * ERR_INTERNAL if md4c failed. On error nothing is appended (out is cut back).
 *
 * md4c 0.4.8 reads past the end of its input in some cases (a document whose last line is
 * only digits, like "4", reads one byte too far; found by fuzz/markdown_fuzz.c and confirmed
 * with valgrind), and what it reads there can change what it reports. So md4c never sees the
 * caller's bytes directly: it parses a copy that ends with '\n' (which renders the same) and
 * is followed by MD_PAD NUL bytes, so any over-read stays inside our allocation and reads
 * the same harmless bytes every time. */
#define MD_PAD 64

int markdown_render(struct buf *out, const char *src, size_t n)
{
    static const MD_PARSER parser = {
        0, MD_DIALECT_GITHUB | MD_FLAG_NOHTML, enter_block, leave_block, enter_span,
        leave_span, text, NULL, NULL,
    };
    struct md_render r;
    size_t start = out->len, m = n;
    char *copy;
    int rc;

    if (n > MARKDOWN_MAX)
        return ERR_TOOBIG;
    if (!utf8_valid(src, n))
        return ERR_INVALID;
    if (out->err)
        return ERR_TOOBIG;

    copy = x_malloc(n + 1 + MD_PAD);
    if (n)
        memcpy(copy, src, n);
    if (n == 0 || src[n - 1] != '\n')
        copy[m++] = '\n';
    memset(copy + m, 0, n + 1 + MD_PAD - m);

    memset(&r, 0, sizeof(r));
    r.out = out;
    buf_init(&r.url, MARKDOWN_MAX * 4);
    buf_init(&r.scratch, MARKDOWN_MAX * 4);
    rc = md_parse(copy, (MD_SIZE)m, &parser, &r);
    if (r.anchor_level) /* never leave an anchor open, whatever the parser reported */
        buf_puts(out, "</a>");
    buf_release(&r.url);
    buf_release(&r.scratch);
    free(copy);
    if (out->err) {
        buf_truncate(out, start);
        return ERR_TOOBIG;
    }
    if (rc != 0) {
        buf_truncate(out, start);
        return ERR_INTERNAL;
    }
    return 0;
}
