/* Page handlers of web/article.c: the knowledge base. Only
 * the route table (src/cli/routes.c) and web/article.c include this header: page files do not
 * call each other (shared pieces are in web/parts.h). */
#ifndef PRAXIS_WEB_ARTICLE_H
#define PRAXIS_WEB_ARTICLE_H
#include "http/http.h"

int page_articles(struct req *r);               /* GET /c/:slug/a */
int page_articles_review(struct req *r);        /* GET /c/:slug/a/review */
int page_articles_settings(struct req *r);      /* GET /c/:slug/a/settings */
int page_articles_settings_post(struct req *r); /* POST /c/:slug/a/settings */
int page_article_new(struct req *r);            /* GET /c/:slug/a/new?title= */
int page_article_create(struct req *r);         /* POST /c/:slug/a/new */
int page_article(struct req *r);                /* GET /c/:slug/a/:aslug (old slugs: 301) */
int page_article_edit(struct req *r);           /* GET /c/:slug/a/:aslug/edit */
int page_article_update(struct req *r);         /* POST /c/:slug/a/:aslug/edit (conflict: 409) */
int page_article_history(struct req *r);        /* GET /c/:slug/a/:aslug/history?a=&b=&mode= */
int page_article_revert(struct req *r);         /* POST /c/:slug/a/:aslug/revert (rev) */
int page_article_status(struct req *r);         /* POST /c/:slug/a/:aslug/status */
int page_article_review(struct req *r);         /* POST /c/:slug/a/:aslug/review */
int page_article_feedback(struct req *r);       /* POST /c/:slug/a/:aslug/feedback */
int page_thread_to_article(struct req *r);      /* POST /c/:slug/t/:id/article */

#endif
