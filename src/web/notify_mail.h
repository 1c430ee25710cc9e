/* Page handlers of web/notify_mail.c: the member's notification email choices
 * (/settings/notifications) and the unsubscribe page of notification mail
 * (/mail/unsubscribe). Only the route table (src/cli/routes.c) and web/notify_mail.c include
 * this header. */
#ifndef PRAXIS_WEB_NOTIFY_MAIL_H
#define PRAXIS_WEB_NOTIFY_MAIL_H
#include "http/http.h"

int page_settings_notifications(struct req *r);      /* GET /settings/notifications */
int page_settings_notifications_post(struct req *r); /* POST {KIND=app|email|digest,all,digest} */
int page_mail_unsubscribe(struct req *r);            /* GET /mail/unsubscribe?t= */
int page_mail_unsubscribe_post(struct req *r);       /* POST /mail/unsubscribe (t in query/body) */

#endif
