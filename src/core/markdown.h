/* Markdown to safe HTML: md4c's parser (GFM dialect: tables, strikethrough, task lists,
 * permissive autolinks) with Praxis's own renderer.
 * Safety: raw HTML in the source is shown as text (never passed through); link and image
 * URLs must pass url_is_safe() (http, https, mailto, relative) or the link is rendered as
 * plain text; external links (http/https with a host) get rel="nofollow ugc noopener";
 * images are rendered as links (no remote loads). Code blocks carry class="language-x" with
 * x restricted to [A-Za-z0-9_+-]. */
#ifndef PRAXIS_CORE_MARKDOWN_H
#define PRAXIS_CORE_MARKDOWN_H
#include <stddef.h>
#include "core/buf.h"

#define MARKDOWN_MAX ((size_t)128 * 1024) /* input cap in bytes */

/* Render src[0..n) as HTML appended to out. Returns 0, ERR_TOOBIG if n > MARKDOWN_MAX,
 * ERR_INVALID if src is not valid UTF-8. */
int markdown_render(struct buf *out, const char *src, size_t n);

#endif
