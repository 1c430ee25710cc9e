/* Coaching pages (web/coaching.c): a community's coaching queue and settings, and the
 * coaching actions posted from a question's coaching panel (web/parts_coaching.c). */
#ifndef PRAXIS_WEB_COACHING_H
#define PRAXIS_WEB_COACHING_H
#include "web/web.h"

int page_coaching(struct req *r);            /* GET /c/:slug/coaching */
int page_coaching_settings(struct req *r);   /* POST /c/:slug/coaching (coordinators) */
int page_coaching_comment(struct req *r);    /* POST /t/:id/coaching/comment */
int page_coaching_suggest(struct req *r);    /* POST /t/:id/coaching/suggest */
int page_coaching_publish(struct req *r);    /* POST /t/:id/coaching/publish */
int page_coaching_ready(struct req *r);      /* POST /t/:id/coaching/ready */
int page_coaching_suggestion(struct req *r); /* POST /coaching/suggestions/:id */

#endif
