/* Page handlers of web/claim.c: claiming an imported account with a one-time link. Only the
 * route table (src/cli/routes.c) and web/claim.c include this header: page files do not call
 * each other (shared pieces are in web/parts.h). */
#ifndef PRAXIS_WEB_CLAIM_H
#define PRAXIS_WEB_CLAIM_H
#include "http/http.h"

int page_claim(struct req *r);
int page_claim_post(struct req *r);

#endif
