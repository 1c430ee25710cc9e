/* Page handlers of web/search.c: search and the search-misses report. Only the route table
 * (src/cli/routes.c) and web/search.c include this header: page files do not call each other
 * (shared pieces are in web/parts.h). */
#ifndef PRAXIS_WEB_SEARCH_H
#define PRAXIS_WEB_SEARCH_H
#include "http/http.h"

int page_search(
    struct req *r); /* GET /search?q=&kind=&page=&tag=&in=&author=&is=&state=&after=&before= */
int page_search_misses(struct req *r); /* GET /search/misses?c=slug (admins; coordinators with c) */

#endif
