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
 * padded private copy of the input (see markdown_render_opts).
 *
 * The hooks of struct markdown_opts work on the structure md4c reports, never on the HTML
 * written: @mentions are found in runs of ordinary text (text is collected per run and
 * written when the run ends, so a name split by an entity is still one name), not in code,
 * not inside an open <a>; [[wiki links]] are found in the source before parsing and each
 * accepted one is replaced in md4c's private copy by a mark ("wl", 0xFF, its number, 0xFF,
 * "z") that md4c sees as one plain word: valid UTF-8 input can never contain 0xFF, so no
 * text a user types can look like a mark. The text and attribute callbacks turn each mark
 * back into the link or into the original text; heading content is rendered into a side
 * buffer so that the heading's id, made from its text, can be written in its opening tag. */
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

#define MD_MAX_NEST 32 /* deepest blockquote/list nesting that keeps its tags */
#define MD_LANG_MAX 40 /* longest code-block language name put in a class */

#define WL_MARK 0xFF /* byte that cannot occur in valid UTF-8: delimits wiki link marks */

/* One accepted [[wiki link]] of the source. */
struct md_wl {
    size_t start, end;       /* its "[[...]]" in the caller's source */
    const char *label;       /* x_strndup'd, freed at the end of the render */
    struct markdown_link to; /* what the caller's hook answered */
};

/* A small string table (open addressing) counting how often each string was added: heading
   ids are numbered with it in time linear in the number of headings. */
struct strcount {
    char **keys; /* x_strdup'd, NULL in empty slots */
    unsigned *counts;
    size_t cap, n; /* cap is 0 or a power of two; n < cap / 2 */
};

/* Renderer state for one markdown_render_opts call. */
struct md_render {
    struct buf *out;     /* HTML goes here (the heading buffer while inside a heading) */
    struct buf *doc;     /* the caller's buffer */
    struct buf url;      /* decoded URL of the open anchor (or of the last link tried) */
    struct buf scratch;  /* decoded titles and entities */
    int nest;            /* open blockquote/ul/ol blocks */
    int iblocks;         /* inline_only: leaf blocks entered so far (a space between two) */
    int link_nest;       /* open link and image spans, whether or not they became <a> */
    int anchor_level;    /* link_nest at which the open <a> was emitted; 0: none open */
    size_t anchor_start; /* out->len just after the open <a ...> */
    const struct markdown_opts *opts; /* hooks (never NULL: zeroed when the caller has none) */
    const char *src;                  /* the caller's source (wiki links are copied from it) */
    struct md_wl *wl;                 /* accepted wiki links, by mark number */
    size_t nwl;
    int code;                  /* inside a code span or code block (> 0) */
    struct buf run;            /* ordinary text not yet written (mentions are looked for in it) */
    int heading;               /* level of the open heading, 0 outside */
    struct buf hout;           /* the open heading's rendered content */
    struct buf htext;          /* the open heading's plain text */
    struct strcount bases;     /* heading ids before numbering, with how often each was made */
    struct strcount given;     /* heading ids written */
    int img_level;             /* link_nest of the open accepted image; 0: none open */
    struct buf *img_out;       /* r->out to restore when that image closes */
    struct buf img_sink;       /* its alt text's rendering, dropped */
    struct buf alt;            /* its alt text, plain */
    struct buf img_title;      /* its decoded title */
    struct markdown_image img; /* what the image hook answered */
};

/* HTML 4 named entities (plus &apos;), sorted by name for bsearch. Anything else that md4c
 * reports as a named entity is shown literally (its '&' escaped). */
static const struct entity {
    const char *name;
    unsigned cp;
} entities[] = {
    {"AElig", 0xC6},     {"Aacute", 0xC1},   {"Acirc", 0xC2},     {"Agrave", 0xC0},
    {"Alpha", 0x391},    {"Aring", 0xC5},    {"Atilde", 0xC3},    {"Auml", 0xC4},
    {"Beta", 0x392},     {"Ccedil", 0xC7},   {"Chi", 0x3A7},      {"Dagger", 0x2021},
    {"Delta", 0x394},    {"ETH", 0xD0},      {"Eacute", 0xC9},    {"Ecirc", 0xCA},
    {"Egrave", 0xC8},    {"Epsilon", 0x395}, {"Eta", 0x397},      {"Euml", 0xCB},
    {"Gamma", 0x393},    {"Iacute", 0xCD},   {"Icirc", 0xCE},     {"Igrave", 0xCC},
    {"Iota", 0x399},     {"Iuml", 0xCF},     {"Kappa", 0x39A},    {"Lambda", 0x39B},
    {"Mu", 0x39C},       {"Ntilde", 0xD1},   {"Nu", 0x39D},       {"OElig", 0x152},
    {"Oacute", 0xD3},    {"Ocirc", 0xD4},    {"Ograve", 0xD2},    {"Omega", 0x3A9},
    {"Omicron", 0x39F},  {"Oslash", 0xD8},   {"Otilde", 0xD5},    {"Ouml", 0xD6},
    {"Phi", 0x3A6},      {"Pi", 0x3A0},      {"Prime", 0x2033},   {"Psi", 0x3A8},
    {"Rho", 0x3A1},      {"Scaron", 0x160},  {"Sigma", 0x3A3},    {"THORN", 0xDE},
    {"Tau", 0x3A4},      {"Theta", 0x398},   {"Uacute", 0xDA},    {"Ucirc", 0xDB},
    {"Ugrave", 0xD9},    {"Upsilon", 0x3A5}, {"Uuml", 0xDC},      {"Xi", 0x39E},
    {"Yacute", 0xDD},    {"Yuml", 0x178},    {"Zeta", 0x396},     {"aacute", 0xE1},
    {"acirc", 0xE2},     {"acute", 0xB4},    {"aelig", 0xE6},     {"agrave", 0xE0},
    {"alefsym", 0x2135}, {"alpha", 0x3B1},   {"amp", 0x26},       {"and", 0x2227},
    {"ang", 0x2220},     {"apos", 0x27},     {"aring", 0xE5},     {"asymp", 0x2248},
    {"atilde", 0xE3},    {"auml", 0xE4},     {"bdquo", 0x201E},   {"beta", 0x3B2},
    {"brvbar", 0xA6},    {"bull", 0x2022},   {"cap", 0x2229},     {"ccedil", 0xE7},
    {"cedil", 0xB8},     {"cent", 0xA2},     {"chi", 0x3C7},      {"circ", 0x2C6},
    {"clubs", 0x2663},   {"cong", 0x2245},   {"copy", 0xA9},      {"crarr", 0x21B5},
    {"cup", 0x222A},     {"curren", 0xA4},   {"dArr", 0x21D3},    {"dagger", 0x2020},
    {"darr", 0x2193},    {"deg", 0xB0},      {"delta", 0x3B4},    {"diams", 0x2666},
    {"divide", 0xF7},    {"eacute", 0xE9},   {"ecirc", 0xEA},     {"egrave", 0xE8},
    {"empty", 0x2205},   {"emsp", 0x2003},   {"ensp", 0x2002},    {"epsilon", 0x3B5},
    {"equiv", 0x2261},   {"eta", 0x3B7},     {"eth", 0xF0},       {"euml", 0xEB},
    {"euro", 0x20AC},    {"exist", 0x2203},  {"fnof", 0x192},     {"forall", 0x2200},
    {"frac12", 0xBD},    {"frac14", 0xBC},   {"frac34", 0xBE},    {"frasl", 0x2044},
    {"gamma", 0x3B3},    {"ge", 0x2265},     {"gt", 0x3E},        {"hArr", 0x21D4},
    {"harr", 0x2194},    {"hearts", 0x2665}, {"hellip", 0x2026},  {"iacute", 0xED},
    {"icirc", 0xEE},     {"iexcl", 0xA1},    {"igrave", 0xEC},    {"image", 0x2111},
    {"infin", 0x221E},   {"int", 0x222B},    {"iota", 0x3B9},     {"iquest", 0xBF},
    {"isin", 0x2208},    {"iuml", 0xEF},     {"kappa", 0x3BA},    {"lArr", 0x21D0},
    {"lambda", 0x3BB},   {"lang", 0x2329},   {"laquo", 0xAB},     {"larr", 0x2190},
    {"lceil", 0x2308},   {"ldquo", 0x201C},  {"le", 0x2264},      {"lfloor", 0x230A},
    {"lowast", 0x2217},  {"loz", 0x25CA},    {"lrm", 0x200E},     {"lsaquo", 0x2039},
    {"lsquo", 0x2018},   {"lt", 0x3C},       {"macr", 0xAF},      {"mdash", 0x2014},
    {"micro", 0xB5},     {"middot", 0xB7},   {"minus", 0x2212},   {"mu", 0x3BC},
    {"nabla", 0x2207},   {"nbsp", 0xA0},     {"ndash", 0x2013},   {"ne", 0x2260},
    {"ni", 0x220B},      {"not", 0xAC},      {"notin", 0x2209},   {"nsub", 0x2284},
    {"ntilde", 0xF1},    {"nu", 0x3BD},      {"oacute", 0xF3},    {"ocirc", 0xF4},
    {"oelig", 0x153},    {"ograve", 0xF2},   {"oline", 0x203E},   {"omega", 0x3C9},
    {"omicron", 0x3BF},  {"oplus", 0x2295},  {"or", 0x2228},      {"ordf", 0xAA},
    {"ordm", 0xBA},      {"oslash", 0xF8},   {"otilde", 0xF5},    {"otimes", 0x2297},
    {"ouml", 0xF6},      {"para", 0xB6},     {"part", 0x2202},    {"permil", 0x2030},
    {"perp", 0x22A5},    {"phi", 0x3C6},     {"pi", 0x3C0},       {"piv", 0x3D6},
    {"plusmn", 0xB1},    {"pound", 0xA3},    {"prime", 0x2032},   {"prod", 0x220F},
    {"prop", 0x221D},    {"psi", 0x3C8},     {"quot", 0x22},      {"rArr", 0x21D2},
    {"radic", 0x221A},   {"rang", 0x232A},   {"raquo", 0xBB},     {"rarr", 0x2192},
    {"rceil", 0x2309},   {"rdquo", 0x201D},  {"real", 0x211C},    {"reg", 0xAE},
    {"rfloor", 0x230B},  {"rho", 0x3C1},     {"rlm", 0x200F},     {"rsaquo", 0x203A},
    {"rsquo", 0x2019},   {"sbquo", 0x201A},  {"scaron", 0x161},   {"sdot", 0x22C5},
    {"sect", 0xA7},      {"shy", 0xAD},      {"sigma", 0x3C3},    {"sigmaf", 0x3C2},
    {"sim", 0x223C},     {"spades", 0x2660}, {"sub", 0x2282},     {"sube", 0x2286},
    {"sum", 0x2211},     {"sup", 0x2283},    {"sup1", 0xB9},      {"sup2", 0xB2},
    {"sup3", 0xB3},      {"supe", 0x2287},   {"szlig", 0xDF},     {"tau", 0x3C4},
    {"there4", 0x2234},  {"theta", 0x3B8},   {"thetasym", 0x3D1}, {"thinsp", 0x2009},
    {"thorn", 0xFE},     {"tilde", 0x2DC},   {"times", 0xD7},     {"trade", 0x2122},
    {"uArr", 0x21D1},    {"uacute", 0xFA},   {"uarr", 0x2191},    {"ucirc", 0xFB},
    {"ugrave", 0xF9},    {"uml", 0xA8},      {"upsih", 0x3D2},    {"upsilon", 0x3C5},
    {"uuml", 0xFC},      {"weierp", 0x2118}, {"xi", 0x3BE},       {"yacute", 0xFD},
    {"yen", 0xA5},       {"yuml", 0xFF},     {"zeta", 0x3B6},     {"zwj", 0x200D},
    {"zwnj", 0x200C},
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

/* ------------------------------------------------------------------------------------------ */
/* Heading ids and the string table (struct strcount) */

static size_t str_hash(const char *s)
{
    size_t h = 2166136261u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

/* The slot of key in t (an empty slot if absent); t->cap must be > 0. */
static size_t strcount_slot(const struct strcount *t, const char *key)
{
    size_t i = str_hash(key) & (t->cap - 1);
    while (t->keys[i] && strcmp(t->keys[i], key) != 0)
        i = (i + 1) & (t->cap - 1);
    return i;
}

static unsigned strcount_get(const struct strcount *t, const char *key)
{
    size_t i;
    if (!t->cap)
        return 0;
    i = strcount_slot(t, key);
    return t->keys[i] ? t->counts[i] : 0;
}

/* Add 1 to key's count. */
static void strcount_add(struct strcount *t, const char *key)
{
    size_t i;
    if (2 * (t->n + 1) >= t->cap) {
        struct strcount g = {0};
        size_t j;
        g.cap = t->cap ? t->cap * 2 : 16;
        g.keys = x_calloc(g.cap, sizeof(*g.keys));
        g.counts = x_calloc(g.cap, sizeof(*g.counts));
        for (j = 0; j < t->cap; j++)
            if (t->keys[j]) {
                size_t k = strcount_slot(&g, t->keys[j]);
                g.keys[k] = t->keys[j];
                g.counts[k] = t->counts[j];
            }
        g.n = t->n;
        free(t->keys);
        free(t->counts);
        *t = g;
    }
    i = strcount_slot(t, key);
    if (!t->keys[i]) {
        t->keys[i] = x_strdup(key);
        t->n++;
    }
    t->counts[i]++;
}

static void strcount_free(struct strcount *t)
{
    size_t i;
    for (i = 0; i < t->cap; i++)
        free(t->keys[i]);
    free(t->keys);
    free(t->counts);
    memset(t, 0, sizeof(*t));
}

void markdown_slug(struct buf *out, const char *s, size_t n, size_t max)
{
    size_t i, start = out->len, k = 0;
    int dash = 0;
    for (i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)s[i];
        if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch >= 0x80) {
            if (dash && k)
                buf_putc(out, '-'), k++;
            dash = 0;
            buf_putc(out, (char)ch);
            k++;
        } else if (ch >= 'A' && ch <= 'Z') {
            if (dash && k)
                buf_putc(out, '-'), k++;
            dash = 0;
            buf_putc(out, (char)(ch - 'A' + 'a'));
            k++;
        } else {
            dash = 1;
        }
    }
    if (out->err || k <= max)
        return;
    k = max;
    while (k && ((unsigned char)out->data[start + k] & 0xC0) == 0x80) /* keep characters whole */
        k--;
    while (k && out->data[start + k - 1] == '-')
        k--;
    buf_truncate(out, start + k);
}

int markdown_wikilink_next(const char *md, size_t len, size_t *pos, struct markdown_wikilink *wl)
{
    size_t i = *pos;
    while (i + 1 < len) {
        const char *p = memchr(md + i, '[', len - i);
        size_t s, j, bar = 0, t0, t1, l0, l1;
        int ok = 1;
        if (!p)
            break;
        s = (size_t)(p - md);
        if (s + 1 >= len || md[s + 1] != '[') {
            i = s + 1;
            continue;
        }
        for (j = s + 2; j < len; j++) { /* to "]]"; no '[', lone ']' or line end inside */
            char ch = md[j];
            if (ch == ']')
                break;
            if (ch == '[' || ch == '\n' || ch == '\r') {
                ok = 0;
                break;
            }
            if (ch == '|' && !bar)
                bar = j;
        }
        if (!ok || j + 1 >= len || md[j] != ']' || md[j + 1] != ']') {
            i = s + 1;
            continue;
        }
        t0 = s + 2;
        t1 = bar ? bar : j;
        while (t0 < t1 && (md[t0] == ' ' || md[t0] == '\t'))
            t0++;
        while (t1 > t0 && (md[t1 - 1] == ' ' || md[t1 - 1] == '\t'))
            t1--;
        if (t1 == t0) {
            i = s + 2; /* "[[ ]]", "[[|x]]": no target, no link */
            continue;
        }
        l0 = t0;
        l1 = t1;
        if (bar) {
            size_t b0 = bar + 1, b1 = j;
            while (b0 < b1 && (md[b0] == ' ' || md[b0] == '\t'))
                b0++;
            while (b1 > b0 && (md[b1 - 1] == ' ' || md[b1 - 1] == '\t'))
                b1--;
            if (memchr(md + b0, '|', b1 - b0)) {
                i = s + 2; /* "[[a|b|c]]": not a link */
                continue;
            }
            if (b1 > b0) {
                l0 = b0;
                l1 = b1;
            }
        }
        wl->start = s;
        wl->end = j + 2;
        wl->target_off = t0;
        wl->target_len = t1 - t0;
        wl->label_off = l0;
        wl->label_len = l1 - l0;
        *pos = s; /* the caller moves on */
        return 1;
    }
    *pos = len;
    return 0;
}

/* ------------------------------------------------------------------------------------------ */
/* Text: @mentions and wiki link marks */

static int name_char(int ch)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
           ch == '_' || ch == '.' || ch == '-';
}

/* 1 if a mention may start after the byte prev. */
static int mention_boundary(int prev)
{
    return !(name_char(prev) || prev == '@' || prev == '/' || prev == '`' || prev >= 0x80);
}

/* Length of the mention name at s (after '@', NUL-terminated), trailing '.' and '-' dropped;
   0 if none or longer than MARKDOWN_MENTION_MAX. */
static size_t mention_len(const char *s)
{
    size_t n = 0;
    while (n < MARKDOWN_MENTION_MAX && name_char((unsigned char)s[n]))
        n++;
    if (name_char((unsigned char)s[n]))
        return 0;
    while (n > 0 && (s[n - 1] == '.' || s[n - 1] == '-'))
        n--;
    return n;
}

/* Write the pending run of ordinary text, escaped, with each @name the mention hook
   resolves as a link. Every structural event (a tag, a line break) ends a run first. */
static void run_flush(struct md_render *r)
{
    const char *p = r->run.data;
    size_t n = r->run.len, i = 0, lit = 0;
    int prev = ' '; /* a run starts after a tag, a line break or the document start */
    if (!n)
        return;
    while (i < n) {
        size_t m;
        if (p[i] == '@' && mention_boundary(prev) && (m = mention_len(p + i + 1)) != 0) {
            char name[MARKDOWN_MENTION_MAX + 1];
            const char *href;
            memcpy(name, p + i + 1, m);
            name[m] = '\0';
            href = r->opts->mention(r->opts->ud, name);
            if (href) {
                html_textn(r->out, p + lit, i - lit);
                buf_puts(r->out, "<a class=\"mention\" href=\"");
                html_url(r->out, href);
                buf_puts(r->out, "\">@");
                html_text(r->out, name);
                buf_puts(r->out, "</a>");
                i += 1 + m;
                lit = i;
                prev = 'a';
                continue;
            }
        }
        prev = (unsigned char)p[i++];
    }
    html_textn(r->out, p + lit, n - lit);
    buf_reset(&r->run);
}

/* Text the reader sees, s[0..n) raw: into the heading's plain text when in one, then into
   the mention run (ordinary text, hook set) or straight to the output, escaped. */
static void put_text(struct md_render *r, const char *s, size_t n)
{
    if (r->heading)
        buf_append(&r->htext, s, n);
    if (r->img_level) {
        buf_append(&r->alt, s, n);
        return;
    }
    if (r->opts->mention && !r->code && !r->anchor_level)
        buf_append(&r->run, s, n);
    else
        html_textn(r->out, s, n);
}

/* If s[0..n) starts with a wiki link mark's number part (after "wl" and the first
   WL_MARK: digits, WL_MARK, 'z'), its index in *idx and the bytes used; else 0. */
static size_t mark_at(const struct md_render *r, const char *s, size_t n, size_t *idx)
{
    size_t i = 1, v = 0;
    if (n < 4 || (unsigned char)s[0] != WL_MARK)
        return 0;
    while (i < n && i < 12 && s[i] >= '0' && s[i] <= '9')
        v = v * 10 + (size_t)(s[i++] - '0');
    if (i == 1 || i + 1 >= n || (unsigned char)s[i] != WL_MARK || s[i + 1] != 'z' || v >= r->nwl)
        return 0;
    *idx = v;
    return i + 2;
}

/* Wiki link idx where md4c reported it: a link in ordinary text, else its source text. */
static void wikilink_put(struct md_render *r, size_t idx)
{
    const struct md_wl *w = &r->wl[idx];
    if (r->code || r->anchor_level || r->img_level) {
        put_text(r, r->src + w->start, w->end - w->start);
        return;
    }
    run_flush(r);
    buf_puts(r->out, w->to.missing ? "<a class=\"wikilink missing\" href=\""
                                   : "<a class=\"wikilink\" href=\"");
    html_url(r->out, w->to.href);
    buf_putc(r->out, '"');
    if (w->to.title) {
        buf_puts(r->out, " title=\"");
        html_attr(r->out, w->to.title);
        buf_putc(r->out, '"');
    }
    buf_putc(r->out, '>');
    html_text(r->out, w->label);
    buf_puts(r->out, "</a>");
    if (r->heading)
        buf_puts(&r->htext, w->label);
}

/* Text s[0..n) from md4c (normal or code): wiki link marks become links, the rest text. */
static void text_put(struct md_render *r, const char *s, size_t n)
{
    while (n && r->nwl) {
        const char *m = memchr(s, WL_MARK, n);
        size_t before, used, idx = 0;
        if (!m)
            break;
        before = (size_t)(m - s);
        used = before >= 2 && m[-2] == 'w' && m[-1] == 'l' ? mark_at(r, m, n - before, &idx) : 0;
        if (!used) { /* cannot happen: marks are whole words to md4c; show it as text */
            put_text(r, s, before + 1);
            s += before + 1;
            n -= before + 1;
            continue;
        }
        put_text(r, s, before - 2);
        wikilink_put(r, idx);
        s = m + used;
        n -= before + used;
    }
    put_text(r, s, n);
}

/* Append s[0..n) to b with wiki link marks turned back into their source text. */
static void unmark(const struct md_render *r, struct buf *b, const char *s, size_t n)
{
    while (n && r->nwl) {
        const char *m = memchr(s, WL_MARK, n);
        size_t before, used, idx = 0;
        if (!m)
            break;
        before = (size_t)(m - s);
        used = before >= 2 && m[-2] == 'w' && m[-1] == 'l' ? mark_at(r, m, n - before, &idx) : 0;
        if (!used) {
            buf_append(b, s, before + 1);
            s += before + 1;
            n -= before + 1;
            continue;
        }
        buf_append(b, s, before - 2);
        buf_append(b, r->src + r->wl[idx].start, r->wl[idx].end - r->wl[idx].start);
        s = m + used;
        n -= before + used;
    }
    buf_append(b, s, n);
}

/* Decode an md4c attribute (href, src, title) into b as raw UTF-8: normal text as is (wiki
 * link marks back to their source text), entities decoded, NUL as U+FFFD. b is reset first;
 * its data is a C string afterwards. */
static void attr_decode(const struct md_render *r, struct buf *b, const MD_ATTRIBUTE *a)
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
            unmark(r, b, a->text + off, len);
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
    if (r->img_level)
        return; /* inside an accepted image's alt text: text only */
    if (is_image && r->opts->image && !r->opts->inline_only) {
        attr_decode(r, &r->url, href);
        url_trim(&r->url);
        memset(&r->img, 0, sizeof(r->img));
        if (!r->url.err && url_is_safe(r->url.data) &&
            r->opts->image(r->opts->image_ud, r->url.data, &r->img) && r->img.src) {
            buf_reset(&r->img_title);
            if (title->size) {
                attr_decode(r, &r->scratch, title);
                buf_append(&r->img_title, r->scratch.data, r->scratch.len);
            }
            buf_reset(&r->alt);
            buf_reset(&r->img_sink);
            r->img_level = r->link_nest;
            r->img_out = r->out;
            r->out = &r->img_sink;
            return;
        }
    }
    if (r->anchor_level)
        return;
    attr_decode(r, &r->url, href);
    url_trim(&r->url);
    if (r->url.err || !url_is_safe(r->url.data))
        return;
    buf_puts(out, "<a href=\"");
    put_href(out, r->url.data);
    buf_putc(out, '"');
    if (title->size) {
        attr_decode(r, &r->scratch, title);
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

/* Close the accepted image that is open: back to the real output, then
   <img src alt [title] [width height] loading decoding>, in a link when the hook gave one and
   no link is open. */
static void image_put(struct md_render *r)
{
    struct buf *out = r->img_out;
    int wrap = r->img.href && !r->anchor_level;
    r->out = out;
    r->img_level = 0;
    if (wrap) {
        buf_puts(out, "<a class=\"md-image-link\" href=\"");
        html_url(out, r->img.href);
        buf_puts(out, "\">");
    }
    buf_puts(out, "<img class=\"md-image\" src=\"");
    html_url(out, r->img.src);
    buf_puts(out, "\" alt=\"");
    html_attr(out, r->alt.err ? "" : r->alt.data);
    buf_putc(out, '"');
    if (r->img_title.len && !r->img_title.err) {
        buf_puts(out, " title=\"");
        html_attr(out, r->img_title.data);
        buf_putc(out, '"');
    }
    if (r->img.width > 0 && r->img.height > 0)
        buf_printf(out, " width=\"%d\" height=\"%d\"", r->img.width, r->img.height);
    buf_puts(out, " loading=\"lazy\" decoding=\"async\">");
    if (wrap)
        buf_puts(out, "</a>");
}

/* Leaving a link or image span: closes the <a> this span opened, if any. An anchor with no
 * content (empty link text or image alt) shows its URL instead. */
static void link_leave(struct md_render *r)
{
    if (r->link_nest == 0)
        return; /* md4c 0.4.8 can report leaving a link it never entered (an image's alt
                   text holding "](" and a line break, found by fuzzing): ignore it, or the
                   count goes below zero and the next link's <a> is never closed */
    if (r->img_level && r->img_level == r->link_nest) {
        image_put(r);
        r->link_nest--;
        return;
    }
    if (r->anchor_level && r->anchor_level == r->link_nest) {
        if (r->out->len == r->anchor_start) {
            html_text(r->out, r->url.data);
            if (r->heading)
                buf_puts(&r->htext, r->url.data);
        }
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
    case MD_ALIGN_LEFT:
        return " align=\"left\"";
    case MD_ALIGN_CENTER:
        return " align=\"center\"";
    case MD_ALIGN_RIGHT:
        return " align=\"right\"";
    default:
        return "";
    }
}

/* A heading opens: its content goes to r->hout until heading_leave. */
static void heading_enter(struct md_render *r, int level)
{
    r->heading = level;
    buf_reset(&r->hout);
    buf_reset(&r->htext);
    r->out = &r->hout;
}

/* The heading's id into r->scratch: "h-" + the slug of its text as the page shows it
   (HTML-escaped, so "&" counts as "amp": the ids stay those of pages rendered before the
   hooks existed), "section" when the slug is empty; the n-th repeat of an id gets "-n",
   skipping any number already taken, so every id is unique in the document. */
static void heading_id(struct md_render *r, struct strcount *bases, struct strcount *given)
{
    struct buf esc = BUF_INIT, base = BUF_INIT;
    unsigned dup;
    html_textn(&esc, r->htext.data, r->htext.len);
    buf_puts(&base, "h-");
    markdown_slug(&base, esc.data, esc.len, MARKDOWN_SLUG_MAX);
    if (base.len == 2)
        buf_puts(&base, "section");
    dup = strcount_get(bases, base.data);
    strcount_add(bases, base.data);
    buf_reset(&r->scratch);
    if (dup)
        buf_printf(&r->scratch, "%s-%u", base.data, dup + 1);
    else
        buf_puts(&r->scratch, base.data);
    while (strcount_get(given, r->scratch.data) && !r->scratch.err) {
        dup = dup ? dup + 1 : 1;
        buf_reset(&r->scratch);
        buf_printf(&r->scratch, "%s-%u", base.data, dup + 1);
    }
    strcount_add(given, r->scratch.data);
    buf_release(&esc);
    buf_release(&base);
}

/* The heading closes: write <hN id="..."> (or <hN>), its content and </hN>, then tell the
   heading hook. */
static void heading_leave(struct md_render *r)
{
    int level = r->heading;
    const char *id = NULL;
    r->out = r->doc;
    r->heading = 0;
    if (r->opts->heading_ids) {
        heading_id(r, &r->bases, &r->given);
        id = r->scratch.data;
        buf_printf(r->out, "<h%d id=\"", level);
        html_attr(r->out, id);
        buf_puts(r->out, "\">");
    } else {
        buf_printf(r->out, "<h%d>", level);
    }
    buf_append(r->out, r->hout.data, r->hout.len);
    buf_printf(r->out, "</h%d>\n", level);
    if (r->hout.err || r->htext.err)
        r->out->err = ERR_TOOBIG;
    if (r->opts->heading)
        r->opts->heading(r->opts->ud, level, id, r->htext.data);
}

static int enter_block(MD_BLOCKTYPE type, void *detail, void *userdata)
{
    struct md_render *r = userdata;
    struct buf *out;

    run_flush(r);
    out = r->out;
    if (r->opts->inline_only) { /* inline_lite keeps blocks out; none is written anyway */
        if (type == MD_BLOCK_CODE)
            r->code++;
        if ((type == MD_BLOCK_P || type == MD_BLOCK_H || type == MD_BLOCK_CODE ||
             type == MD_BLOCK_TD || type == MD_BLOCK_TH) &&
            r->iblocks++)
            buf_putc(out, ' ');
        return r->out->err ? 1 : 0;
    }
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
        unsigned level = d->level >= 1 && d->level <= 6 ? d->level : 6;
        if (r->opts->heading_ids || r->opts->heading)
            heading_enter(r, (int)level);
        else
            buf_printf(out, "<h%u>", level);
        break;
    }
    case MD_BLOCK_CODE: {
        const MD_BLOCK_CODE_DETAIL *d = detail;
        r->code++;
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
    struct buf *out;

    run_flush(r);
    out = r->out;
    if (r->opts->inline_only) {
        if (type == MD_BLOCK_CODE && r->code > 0)
            r->code--;
        return r->out->err ? 1 : 0;
    }
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
        if (r->heading)
            heading_leave(r);
        else
            buf_printf(out, "</h%u>\n", d->level >= 1 && d->level <= 6 ? d->level : 6);
        break;
    }
    case MD_BLOCK_CODE:
        if (r->code > 0)
            r->code--;
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
    struct buf *out;

    run_flush(r);
    out = r->out;
    switch (type) {
    case MD_SPAN_EM:
        buf_puts(out, "<em>");
        break;
    case MD_SPAN_STRONG:
        buf_puts(out, "<strong>");
        break;
    case MD_SPAN_DEL:
        buf_puts(out, "<del>");
        break;
    case MD_SPAN_U:
        buf_puts(out, "<u>");
        break;
    case MD_SPAN_CODE:
    case MD_SPAN_LATEXMATH:
    case MD_SPAN_LATEXMATH_DISPLAY:
        r->code++;
        buf_puts(out, "<code>");
        break;
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
    struct buf *out;

    run_flush(r);
    out = r->out;
    switch (type) {
    case MD_SPAN_EM:
        buf_puts(out, "</em>");
        break;
    case MD_SPAN_STRONG:
        buf_puts(out, "</strong>");
        break;
    case MD_SPAN_DEL:
        buf_puts(out, "</del>");
        break;
    case MD_SPAN_U:
        buf_puts(out, "</u>");
        break;
    case MD_SPAN_CODE:
    case MD_SPAN_LATEXMATH:
    case MD_SPAN_LATEXMATH_DISPLAY:
        if (r->code > 0)
            r->code--;
        buf_puts(out, "</code>");
        break;
    case MD_SPAN_A:
    case MD_SPAN_IMG:
        link_leave(r);
        break;
    case MD_SPAN_WIKILINK:
        break;
    }
    return r->out->err ? 1 : 0;
}

static int text(MD_TEXTTYPE type, const MD_CHAR *s, MD_SIZE size, void *userdata)
{
    struct md_render *r = userdata;

    switch (type) {
    case MD_TEXT_NULLCHAR:
        put_text(r, "\xEF\xBF\xBD", 3);
        break;
    case MD_TEXT_BR:
        run_flush(r);
        buf_puts(r->out, "<br>\n");
        if (r->heading)
            buf_putc(&r->htext, '\n');
        break;
    case MD_TEXT_SOFTBR:
        run_flush(r);
        buf_putc(r->out, '\n');
        if (r->heading)
            buf_putc(&r->htext, '\n');
        break;
    case MD_TEXT_ENTITY:
        buf_reset(&r->scratch);
        entity_decode(&r->scratch, s, size);
        put_text(r, r->scratch.data, r->scratch.len);
        break;
    default: /* normal, code, raw HTML (shown as text), math */
        text_put(r, s, size);
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

/* Find the source's wiki links, ask the hook about each, and append to copy the source with
   every accepted one replaced by its mark (see the file comment). */
static void wikilinks_mark(struct md_render *r, const char *src, size_t n, struct buf *copy)
{
    struct markdown_wikilink w;
    size_t pos = 0, at = 0, cap = 0;
    while (markdown_wikilink_next(src, n, &pos, &w)) {
        struct markdown_link to = {0};
        char *target = x_strndup(src + w.target_off, w.target_len);
        char *label = x_strndup(src + w.label_off, w.label_len);
        int ok = r->opts->wikilink(r->opts->ud, target, label, &to) == 1 && to.href;
        free(target);
        if (!ok) {
            free(label);
            pos = w.start + 2;
            continue;
        }
        if (r->nwl == cap) {
            cap = cap ? cap * 2 : 16;
            r->wl = x_realloc(r->wl, cap * sizeof(*r->wl));
        }
        r->wl[r->nwl].start = w.start;
        r->wl[r->nwl].end = w.end;
        r->wl[r->nwl].label = label;
        r->wl[r->nwl].to = to;
        buf_append(copy, src + at, w.start - at);
        buf_printf(copy, "wl\xFF%zu\xFFz", r->nwl);
        r->nwl++;
        at = pos = w.end;
    }
    buf_append(copy, src + at, n - at);
}

/* 1 if s[0..n) is a thematic break ("---", "* * *", "___": one of those marks three or more
   times, with spaces or tabs only). */
static int thematic_break(const char *s, size_t n)
{
    size_t i, marks = 0;
    char mark = 0;
    for (i = 0; i < n; i++) {
        if (s[i] == ' ' || s[i] == '\t')
            continue;
        if (!mark && (s[i] == '*' || s[i] == '-' || s[i] == '_'))
            mark = s[i];
        if (s[i] != mark)
            return 0;
        marks++;
    }
    return marks >= 3;
}

/* The source of an inline_only rendering, appended to copy: src[0..n) on one line (every run
   of spaces and tabs that holds a line break becomes one space; leading spaces and tabs are
   dropped, so there is no indented code), with a backslash before whatever would open a block
   at its start: "#", ">", "+", "=", "|", ":" always; "-", "*", "_" before a space or tab or as
   a thematic break; the "." or ")" of an ordered list marker ("12. ", "3)"); "```" and "~~~"
   fences; "[" of a link reference definition ("[label]: url"). A backslash before ASCII
   punctuation is CommonMark's escape, so each of these shows as typed. What stays is inline
   syntax, which the renderer handles as in posts. */
static void inline_lite(const char *src, size_t n, struct buf *copy)
{
    size_t i = 0, start, d;
    while (i < n && (src[i] == ' ' || src[i] == '\t' || src[i] == '\n' || src[i] == '\r'))
        i++;
    start = copy->len;
    while (i < n) {
        size_t j = i;
        int nl = 0;
        while (j < n && (src[j] == ' ' || src[j] == '\t' || src[j] == '\n' || src[j] == '\r')) {
            if (src[j] == '\n' || src[j] == '\r')
                nl = 1;
            j++;
        }
        if (j > i) {
            if (nl)
                buf_putc(copy, ' ');
            else
                buf_append(copy, src + i, j - i);
            i = j;
            continue;
        }
        buf_putc(copy, src[i++]);
    }
    /* now the one line is copy->data[start..len): escape its start */
    {
        const char *s = copy->data + start;
        size_t len = copy->len - start;
        struct buf line = BUF_INIT;
        int esc = 0;
        size_t at = 0; /* where the backslash goes */
        if (!len)
            return;
        switch (s[0]) {
        case '#':
        case '>':
        case '+':
        case '=':
        case '|':
        case ':':
            esc = 1;
            break;
        case '-':
        case '*':
        case '_':
            esc = len == 1 || s[1] == ' ' || s[1] == '\t' || thematic_break(s, len);
            break;
        case '`':
        case '~':
            esc = len >= 3 && s[1] == s[0] && s[2] == s[0];
            break;
        case '[':
            for (d = 1; d < len && s[d] != ']'; d++)
                ;
            esc = d + 1 < len && s[d + 1] == ':';
            break;
        default:
            for (d = 0; d < len && d < 10 && s[d] >= '0' && s[d] <= '9'; d++)
                ;
            if (d && d < 10 && d < len && (s[d] == '.' || s[d] == ')') &&
                (d + 1 == len || s[d + 1] == ' ' || s[d + 1] == '\t')) {
                esc = 1;
                at = d;
            }
        }
        if (!esc)
            return;
        buf_append(&line, s, len);
        buf_truncate(copy, start);
        buf_append(copy, line.data, at);
        buf_putc(copy, '\\');
        buf_append(copy, line.data + at, line.len - at);
        buf_release(&line);
    }
}

int markdown_render(struct buf *out, const char *src, size_t n)
{
    return markdown_render_opts(out, src, n, NULL);
}

int markdown_render_opts(struct buf *out, const char *src, size_t n,
                         const struct markdown_opts *opts)
{
    static const MD_PARSER parser = {
        0,           MD_DIALECT_GITHUB | MD_FLAG_NOHTML,
        enter_block, leave_block,
        enter_span,  leave_span,
        text,        NULL,
        NULL,
    };
    static const struct markdown_opts none;
    struct md_render r;
    struct buf marked = BUF_INIT, lite = BUF_INIT;
    size_t start = out->len, m, i;
    char *copy;
    int rc;

    if (n > MARKDOWN_MAX)
        return ERR_TOOBIG;
    if (!utf8_valid(src, n))
        return ERR_INVALID;
    if (out->err)
        return ERR_TOOBIG;

    memset(&r, 0, sizeof(r));
    r.out = r.doc = out;
    r.opts = opts ? opts : &none;
    if (r.opts->inline_only) {
        inline_lite(src, n, &lite);
        if (lite.err) {
            buf_release(&lite);
            return ERR_TOOBIG;
        }
        src = lite.data;
        n = lite.len;
    }
    r.src = src;
    if (r.opts->wikilink) {
        wikilinks_mark(&r, src, n, &marked);
        if (marked.err) {
            for (i = 0; i < r.nwl; i++)
                free((char *)r.wl[i].label);
            free(r.wl);
            buf_release(&marked);
            return ERR_TOOBIG;
        }
        src = marked.data;
        n = marked.len;
    }

    m = n;
    copy = x_malloc(n + 1 + MD_PAD);
    if (n)
        memcpy(copy, src, n);
    if (n == 0 || src[n - 1] != '\n')
        copy[m++] = '\n';
    memset(copy + m, 0, n + 1 + MD_PAD - m);

    buf_init(&r.url, MARKDOWN_MAX * 4);
    buf_init(&r.scratch, MARKDOWN_MAX * 4);
    buf_init(&r.run, MARKDOWN_MAX * 4);
    buf_init(&r.hout, MARKDOWN_MAX * 4);
    buf_init(&r.htext, MARKDOWN_MAX * 4);
    buf_init(&r.img_sink, MARKDOWN_MAX * 4);
    buf_init(&r.alt, MARKDOWN_MAX * 4);
    buf_init(&r.img_title, MARKDOWN_MAX * 4);
    rc = md_parse(copy, (MD_SIZE)m, &parser, &r);
    if (r.img_level) /* an image the parser never closed: show what is known of it */
        image_put(&r);
    run_flush(&r);
    r.out = out;
    if (r.anchor_level) /* never leave an anchor open, whatever the parser reported */
        buf_puts(out, "</a>");
    buf_release(&r.url);
    buf_release(&r.scratch);
    buf_release(&r.run);
    buf_release(&r.hout);
    buf_release(&r.htext);
    buf_release(&r.img_sink);
    buf_release(&r.alt);
    buf_release(&r.img_title);
    strcount_free(&r.bases);
    strcount_free(&r.given);
    for (i = 0; i < r.nwl; i++)
        free((char *)r.wl[i].label);
    free(r.wl);
    buf_release(&marked);
    buf_release(&lite);
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
