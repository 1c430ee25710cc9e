/* Markdown preview: the text a composer holds, rendered exactly as saving it would render it,
 * without saving anything. Posts, event descriptions, charters and bios use the posts'
 * renderer (@mention links for accounts that exist), comments its inline subset; articles use
 * the articles' renderer (wiki links resolved against the community's articles) when the
 * community is given and readable by the viewer. */
#ifndef PRAXIS_DOMAIN_PREVIEW_H
#define PRAXIS_DOMAIN_PREVIEW_H
#include "domain/domain.h"

#define PREVIEW_MAX (128 * 1024) /* bytes of Markdown (MARKDOWN_MAX) */

/* Render body as kind ("article", "comment" (the inline subset) or anything else = a post) in
   community slug (NULL or "" = none; an unknown or unreadable community is ERR_NOTFOUND). *html in
   c->arena. An empty body gives "". ERR_INVALID (field "body": not UTF-8), ERR_TOOBIG (over
   PREVIEW_MAX), ERR_DB. */
int preview_render(struct ctx *c, const char *body, const char *kind, const char *slug,
                   const char **html);

#endif
