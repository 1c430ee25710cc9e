/* Page handlers of web/webhook.c: a community's webhooks (/c/:slug/webhooks, for its
 * coordinators) and the instance's (/admin/webhooks, for administrators): the list and the
 * form to add one, a hook's page (change, secret, delete, delivery log with redelivery), and
 * the administrator's webhook settings. Only the route table (src/cli/routes.c) and
 * web/webhook.c include this header. */
#ifndef PRAXIS_WEB_WEBHOOK_H
#define PRAXIS_WEB_WEBHOOK_H
#include "http/http.h"

int page_community_webhooks(struct req *r);          /* GET /c/:slug/webhooks */
int page_community_webhooks_post(struct req *r);     /* POST /c/:slug/webhooks {url, ev-*} */
int page_community_webhook(struct req *r);           /* GET /c/:slug/webhooks/:id */
int page_community_webhook_post(struct req *r);      /* POST /c/:slug/webhooks/:id */
int page_community_webhook_secret(struct req *r);    /* POST .../:id/secret {action} */
int page_community_webhook_delete(struct req *r);    /* POST .../:id/delete */
int page_community_webhook_redeliver(struct req *r); /* POST .../:id/deliveries/:did/redeliver */
int page_admin_webhooks(struct req *r);              /* GET /admin/webhooks */
int page_admin_webhooks_post(struct req *r);         /* POST /admin/webhooks */
int page_admin_webhooks_settings(struct req *r);     /* POST /admin/webhooks/settings */
int page_admin_webhook(struct req *r);               /* GET /admin/webhooks/:id */
int page_admin_webhook_post(struct req *r);          /* POST /admin/webhooks/:id */
int page_admin_webhook_secret(struct req *r);        /* POST /admin/webhooks/:id/secret */
int page_admin_webhook_delete(struct req *r);        /* POST /admin/webhooks/:id/delete */
int page_admin_webhook_redeliver(struct req *r);     /* POST .../:id/deliveries/:did/redeliver */

#endif
