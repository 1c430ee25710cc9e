/* Page handlers of web/thread.c: threads and posts: new, view, reply, moderation, edit,
 * history, votes. Only the route table (src/cli/routes.c) and web/thread.c include this header:
 * page files do not call each other (shared pieces are in web/parts.h). */
#ifndef PRAXIS_WEB_THREAD_H
#define PRAXIS_WEB_THREAD_H
#include "http/http.h"

int page_thread_new(struct req *r);        /* GET /c/:slug/t/new?kind=&title= */
int page_thread_create(struct req *r);     /* POST /c/:slug/t/new (check=1: similar only) */
int page_thread(struct req *r);            /* GET /c/:slug/t/:id?page=&quote=&reply_to= */
int page_thread_reply(struct req *r);      /* POST /c/:slug/t/:id/reply */
int page_thread_unaccept(struct req *r);   /* POST /c/:slug/t/:id/unaccept */
int page_thread_mod(struct req *r);        /* POST /c/:slug/t/:id/mod */
int page_thread_similar(struct req *r);    /* GET /c/:slug/similar?title= (fragment) */
int page_community_audit(struct req *r);   /* GET /c/:slug/audit?before= */
int page_post(struct req *r);              /* GET /p/:id (permalink redirect) */
int page_post_edit(struct req *r);         /* GET /p/:id/edit */
int page_post_update(struct req *r);       /* POST /p/:id/edit */
int page_post_history(struct req *r);      /* GET /p/:id/history?a=&b=&mode= */
int page_post_vote(struct req *r);         /* POST /p/:id/vote (value=1|-1|0) */
int page_post_like(struct req *r);         /* POST /p/:id/like (on=1|0) */
int page_post_accept(struct req *r);       /* POST /p/:id/accept */
int page_post_delete(struct req *r);       /* POST /p/:id/delete */
int page_post_hide(struct req *r);         /* POST /p/:id/hide (reason) */
int page_post_unhide(struct req *r);       /* POST /p/:id/unhide */

#endif
