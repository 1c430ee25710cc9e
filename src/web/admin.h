/* Page handlers of web/admin.c: the administration pages (settings, users, invitations). Only
 * the route table (src/cli/routes.c) and web/admin.c include this header: page files do not
 * call each other (shared pieces are in web/parts.h). */
#ifndef PRAXIS_WEB_ADMIN_H
#define PRAXIS_WEB_ADMIN_H
#include "http/http.h"

int page_admin(struct req *r);
int page_admin_post(struct req *r);
int page_admin_users(struct req *r);
int page_admin_users_post(struct req *r); /* create an account */
int page_admin_user_post(struct req *r);  /* /admin/users/:name */
int page_admin_invites_post(struct req *r);
int page_admin_moderation(struct req *r);      /* /admin/moderation: moderation and trust */
int page_admin_moderation_post(struct req *r); /* settings (domain/trust.h) */

#endif
