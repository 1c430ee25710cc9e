/* Page handlers of web/notification.c: the notifications page and the follow-level forms
 * targets. Only the route table (src/cli/routes.c) and web/notification.c include this
 * header: page files do not call each other (shared pieces are in web/parts.h). */
#ifndef PRAXIS_WEB_NOTIFICATION_H
#define PRAXIS_WEB_NOTIFICATION_H
#include "http/http.h"

int page_notifications(struct req *r);          /* GET /notifications?filter=unread */
int page_notifications_read(struct req *r);     /* POST /notifications/read (id or all) */
int page_notifications_settings(struct req *r); /* POST /notifications/settings (auto_watch) */
int page_thread_follow(struct req *r);          /* POST /c/:slug/t/:id/notification-level (level) */
int page_community_follow(struct req *r);       /* POST /c/:slug/notification-level (level) */
int page_tag_follow(struct req *r);             /* POST /c/:slug/tags/:tag/notification-level */

#endif
