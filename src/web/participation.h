/* Page handler of web/participation.c: a community's participation levels per month, for
 * its coordinators. Only the route table (src/cli/routes.c) and web/participation.c include
 * this header. */
#ifndef PRAXIS_WEB_PARTICIPATION_H
#define PRAXIS_WEB_PARTICIPATION_H
#include "http/http.h"

int page_community_participation(struct req *r); /* GET /c/:slug/participation?months= */

#endif
