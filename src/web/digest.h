/* Page handlers of web/digest.c: the Digest section of a member's settings. Only the route
 * table (src/cli/routes.c) and web/digest.c include this header. */
#ifndef PRAXIS_WEB_DIGEST_H
#define PRAXIS_WEB_DIGEST_H
#include "http/http.h"

int page_settings_digest(struct req *r);      /* GET /settings/digest */
int page_settings_digest_post(struct req *r); /* POST /settings/digest {frequency} */

#endif
