/* Page handlers of web/expertise.c: "Who knows" for the instance and for a community. Only the
 * route table (src/cli/routes.c) and web/expertise.c include this header: page files do not
 * call each other (shared pieces are in web/parts.h). */
#ifndef PRAXIS_WEB_EXPERTISE_H
#define PRAXIS_WEB_EXPERTISE_H
#include "http/http.h"

int page_who_knows(struct req *r);           /* GET /who-knows?tag=&q= */
int page_community_who_knows(struct req *r); /* GET /c/:slug/who-knows?tag=&q= */

#endif
