/* Page handlers of web/thread.c: threads: new, view, reply, moderation, the audit
 * log and the similar-threads fragment. Only the route table (src/cli/routes.c) and web/thread.c
 * include this header: page files do not call each other (shared pieces are in web/parts.h). */
#ifndef PRAXIS_WEB_THREAD_H
#define PRAXIS_WEB_THREAD_H
#include "http/http.h"

int page_thread_new(struct req *r);          /* GET /c/:slug/t/new?kind=&title= */
int page_thread_create(struct req *r);       /* POST /c/:slug/t/new (check=1: similar only) */
int page_thread(struct req *r);              /* GET /c/:slug/t/:id?page=&quote=&reply_to= */
int page_thread_reply(struct req *r);        /* POST /c/:slug/t/:id/reply */
int page_thread_unaccept(struct req *r);     /* POST /c/:slug/t/:id/unaccept */
int page_post_comment(struct req *r);        /* POST /p/:id/comments (body, preview=1) */
int page_thread_mod(struct req *r);          /* POST /c/:slug/t/:id/mod */
int page_thread_close_vote(struct req *r);   /* POST /c/:slug/t/:id/close-vote */
int page_thread_close_unvote(struct req *r); /* POST /c/:slug/t/:id/close-vote/retract */
int page_thread_similar(struct req *r);      /* GET /c/:slug/similar?title= (fragment) */
int page_community_audit(struct req *r);     /* GET /c/:slug/audit?before= */

#endif
