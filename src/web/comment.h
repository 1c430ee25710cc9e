/* Page handlers of web/comment.c: a comment's permalink, editing and deleting a comment.
 * (Adding one is on the thread page: page_post_comment in web/thread.c.) Only the route
 * table (src/cli/routes.c) and web/comment.c include this header. */
#ifndef PRAXIS_WEB_COMMENT_H
#define PRAXIS_WEB_COMMENT_H
#include "http/http.h"

int page_comment(struct req *r);        /* GET /comments/:id (redirect to its place) */
int page_comment_edit(struct req *r);   /* GET /comments/:id/edit */
int page_comment_update(struct req *r); /* POST /comments/:id/edit (body, preview=1) */
int page_comment_delete(struct req *r); /* POST /comments/:id/delete */

#endif
