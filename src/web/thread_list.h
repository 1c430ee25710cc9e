/* Page handlers of web/thread_list.c: thread lists per community, per tag and across
 * communities. Only the route table (src/cli/routes.c) and web/thread_list.c include this
 * header: page files do not call each other (shared pieces are in web/parts.h). */
#ifndef PRAXIS_WEB_THREAD_LIST_H
#define PRAXIS_WEB_THREAD_LIST_H
#include "http/http.h"

int page_threads_community(struct req *r); /* GET /c/:slug/latest|unanswered|top */
int page_threads_tag(struct req *r);       /* GET /c/:slug/tags/:tag */
int page_threads_instance(struct req *r);  /* GET /latest|/unanswered|/top|/mine */

#endif
