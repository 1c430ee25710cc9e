/* Markdown preview (domain/preview.h): chooses the renderer a save would use and runs it on
 * the text; nothing is written. */
#include <string.h>

#include "domain/article.h"
#include "domain/community.h"
#include "domain/preview.h"
#include "domain/thread.h"

int preview_render(struct ctx *c, const char *body, const char *kind, const char *slug,
                   const char **html)
{
    const char *s = body ? body : "";
    size_t n = strlen(s), i;
    struct community cm;
    *html = "";
    if (n > PREVIEW_MAX)
        return error_set(c->err, ERR_TOOBIG, "body", "The text is over %d KiB.",
                         PREVIEW_MAX / 1024);
    for (i = 0; i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n'); i++)
        ;
    if (i == n)
        return 0;
    if (kind && !strcmp(kind, "article") && slug && *slug) {
        int rc = community_get(c, slug, &cm);
        if (rc < 0)
            return rc;
        return article_body_render(c, &cm, s, html);
    }
    if (n > THREAD_BODY_MAX)
        return error_set(c->err, ERR_TOOBIG, "body", "The text is over %d KiB.",
                         THREAD_BODY_MAX / 1024);
    if (kind && !strcmp(kind, "comment"))
        return thread_comment_render(c, s, html);
    return thread_post_render(c, s, html);
}
