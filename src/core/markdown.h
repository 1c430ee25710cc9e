/* Markdown to safe HTML: md4c's parser (GFM dialect: tables, strikethrough, task lists,
 * permissive autolinks) with Praxis's own renderer.
 * Safety: raw HTML in the source is shown as text (never passed through); link and image
 * URLs must pass url_is_safe() (http, https, mailto, relative) or the link is rendered as
 * plain text; external links (http/https with a host) get rel="nofollow ugc noopener";
 * images are rendered as links (no remote loads) unless the image hook accepts them. Code blocks
 * carry class="language-x" with x restricted to [A-Za-z0-9_+-].
 *
 * Hooks (struct markdown_opts): the renderer knows the document's structure, so it is the
 * one place that turns @mentions and [[wiki links]] into links and gives headings ids; the
 * callers (domain) only answer questions about names and report data (see
 * docs/internals/markdown.md). Every byte the hooks return is escaped by the renderer. */
#ifndef PRAXIS_CORE_MARKDOWN_H
#define PRAXIS_CORE_MARKDOWN_H
#include <stddef.h>
#include "core/buf.h"

#define MARKDOWN_MAX         ((size_t)128 * 1024) /* input cap in bytes */
#define MARKDOWN_MENTION_MAX 40                   /* longest @name recognised, in bytes */
#define MARKDOWN_SLUG_MAX    80                   /* longest heading slug, in bytes */

/* A [[wiki link]] resolved by the caller (markdown_opts.wikilink). */
struct markdown_link {
    const char *href;  /* link target, written through html_url (so an unsafe one is "#") */
    const char *title; /* title attribute, or NULL for none */
    int missing;       /* 1: class "wikilink missing" (a link that offers to create it) */
};

/* An image the caller accepted (markdown_opts.image). */
struct markdown_image {
    const char *src;   /* what <img src> loads, written through html_url */
    const char *href;  /* a link around the image (e.g. the full size), or NULL for none */
    int width, height; /* pixels for the width/height attributes; 0 = leave them out */
};

/* Optional hooks for markdown_render_opts. Any member may be NULL/0. */
struct markdown_opts {
    void *ud; /* passed to every callback */
    /* An @name in ordinary text (not in code, not inside an <a>), preceded by the start of
       a text run or a byte other than [A-Za-z0-9_.-@/`] and non-ASCII. name: 1 to
       MARKDOWN_MENTION_MAX bytes of [A-Za-z0-9_.-] without trailing '.' or '-' (a longer
       run is no mention). Return the link target (e.g. "/u/name"; must live until
       markdown_render_opts returns) or NULL to leave the text as it is. The renderer writes
       <a class="mention" href="TARGET">@NAME</a>, both escaped. */
    const char *(*mention)(void *ud, const char *name);
    /* A [[target]] or [[target|label]] in the source (markdown_wikilink_next; target and
       label trimmed, label = target when absent or empty). Called once per candidate, in
       source order, before parsing. Return 1 and fill *link to make it a link, 0 to leave
       it as text (an invalid target, too many links). Accepted links become
       <a class="wikilink" href="HREF">LABEL</a> ("wikilink missing" with link->missing)
       where they land in ordinary text; inside code, inside another link or in a URL,
       title or attribute they stay the original text, escaped. */
    int (*wikilink)(void *ud, const char *target, const char *label, struct markdown_link *link);
    int heading_ids; /* 1: every heading gets id="h-SLUG" (see markdown_slug), numbered
                        "-2", "-3"... on repeats, always unique in the document */
    /* Each heading, in order, after it is rendered: level 1-6, its id (NULL unless
       heading_ids) and its plain text (not escaped: what the reader sees). */
    void (*heading)(void *ud, int level, const char *id, const char *text);
    /* An image ![alt](url "title") whose decoded URL passed url_is_safe, outside another
       accepted image's alt text. Return 1 and fill *img to render
       <img src="SRC" alt="ALT" width="W" height="H" loading="lazy" decoding="async">
       (inside <a href="HREF"> when img->href is set and no link is open), ALT being the
       alt text as plain text and the title, if any, a title attribute; every value escaped.
       Return 0 to render the image as a link, as without the hook. The strings must live
       until markdown_render_opts returns. Called with image_ud. */
    int (*image)(void *ud, const char *url, struct markdown_image *img);
    void *image_ud;
    /* 1: the inline subset only, as Stack Overflow's comments: emphasis, strong, code spans,
       strikethrough, links and autolinks (and the hooks' @mentions). The text is one line
       (line breaks become spaces), block syntax at its start is taken literally ("# x",
       "- x", "> x", "1. x", "---", "```", "[x]: url" show as typed), no block element is
       ever written (not even <p>), and images are links (the image hook is not called). */
    int inline_only;
};

/* Render src[0..n) as HTML appended to out. Returns 0, ERR_TOOBIG if n > MARKDOWN_MAX,
 * ERR_INVALID if src is not valid UTF-8. */
int markdown_render(struct buf *out, const char *src, size_t n);
/* markdown_render with hooks (opts may be NULL: then exactly markdown_render). */
int markdown_render_opts(struct buf *out, const char *src, size_t n,
                         const struct markdown_opts *opts);

/* A [[wiki link]] candidate in Markdown source: "[[" then no '[', ']', CR or LF up to "]]".
   The target is the text before the first '|' (or all of it), the label the text after it;
   both trimmed of spaces and tabs; an empty label means the target. An empty target or a
   label containing '|' is no candidate. */
struct markdown_wikilink {
    size_t start, end; /* byte range of "[[...]]" in the source */
    size_t target_off, target_len;
    size_t label_off, label_len;
};
/* Find the next candidate in md[0..len) starting at *pos. Returns 1 with *wl filled, or 0
   when there is none. The caller continues with *pos = wl->end when it accepts the link,
   or wl->start + 2 when it rejects it. */
int markdown_wikilink_next(const char *md, size_t len, size_t *pos, struct markdown_wikilink *wl);

/* The slug of s[0..n) appended to out: ASCII letters and digits lowercased, bytes >= 0x80
   kept (UTF-8 letters), every other run becomes one '-', no '-' at either end, cut to at
   most max bytes at a character boundary (and trimmed of '-' again). May append nothing. */
void markdown_slug(struct buf *out, const char *s, size_t n, size_t max);

#endif
