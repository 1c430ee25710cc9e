/* Page handlers of web/post.c: the permalink, votes, likes, accepting, deleting, hiding,
 * editing a post and its history. Only the route table (src/cli/routes.c) and web/post.c
 * include this header: page files do not call each other (shared pieces are in
 * web/parts.h). */
#ifndef PRAXIS_WEB_POST_H
#define PRAXIS_WEB_POST_H
#include "http/http.h"

int page_post(struct req *r);         /* GET /p/:id (permalink redirect) */
int page_post_edit(struct req *r);    /* GET /p/:id/edit */
int page_post_update(struct req *r);  /* POST /p/:id/edit */
int page_post_history(struct req *r); /* GET /p/:id/history?a=&b=&mode= */
int page_post_vote(struct req *r);    /* POST /p/:id/vote (value=1|-1|0) */
int page_post_like(struct req *r);    /* POST /p/:id/like (on=1|0) */
int page_post_accept(struct req *r);  /* POST /p/:id/accept */
int page_post_delete(struct req *r);  /* POST /p/:id/delete */
int page_post_hide(struct req *r);    /* POST /p/:id/hide (reason) */
int page_post_unhide(struct req *r);  /* POST /p/:id/unhide */

#endif
