/* Page handlers of web/report.c: a community's health page for its coordinators and
 * moderators, and every community's headline numbers for administrators. Only the route
 * table (src/cli/routes.c) and web/report.c include this header. */
#ifndef PRAXIS_WEB_REPORT_H
#define PRAXIS_WEB_REPORT_H
#include "http/http.h"

int page_community_health(struct req *r); /* GET /c/:slug/health?from=&to= (YYYY-MM-DD) */
int page_admin_health(struct req *r);     /* GET /admin/health?from=&to= */

#endif
