/* Page handlers of web/review.c: the flag forms for posts and comments, the member's own
 * flags, and a community's review queue with its actions. Only the route table
 * (src/cli/routes.c) and web/review.c include this header. */
#ifndef PRAXIS_WEB_REVIEW_H
#define PRAXIS_WEB_REVIEW_H
#include "http/http.h"

int page_post_flag(struct req *r);         /* GET /p/:id/flag */
int page_post_flag_post(struct req *r);    /* POST /p/:id/flag (reason, note, original) */
int page_comment_flag(struct req *r);      /* GET /comments/:id/flag */
int page_comment_flag_post(struct req *r); /* POST /comments/:id/flag */
int page_my_flags(struct req *r);          /* GET /settings/flags */
int page_review(struct req *r);            /* GET /c/:slug/review */
int page_review_settings(struct req *r);   /* POST /c/:slug/review (first_posts) */
int page_review_post(struct req *r);       /* POST /review/posts/:id (action, ...) */
int page_review_comment(struct req *r);    /* POST /review/comments/:id */

#endif
