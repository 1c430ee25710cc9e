/* Page handlers of web/home.c: the home page, /healthz and /readyz. Only the route table
 * (src/cli/routes.c) and web/home.c include this header: page files do not call each other
 * (shared pieces are in web/parts.h). */
#ifndef PRAXIS_WEB_HOME_H
#define PRAXIS_WEB_HOME_H
#include "http/http.h"

int page_home(struct req *r);
int page_healthz(struct req *r);
int page_readyz(struct req *r);

#endif
