/* Page handlers of web/upload.c: serving uploaded files, and the upload form that works
 * without JavaScript. Only the route table (src/cli/routes.c) and web/upload.c include
 * this header. */
#ifndef PRAXIS_WEB_UPLOAD_H
#define PRAXIS_WEB_UPLOAD_H
#include "http/http.h"

int page_upload_file(struct req *r); /* GET /uploads/:id/:name[?size=display] */
int page_upload_new(struct req *r);  /* GET /uploads/new?community=SLUG */
int page_upload_post(struct req *r); /* POST /uploads (multipart: file, community) */

#endif
