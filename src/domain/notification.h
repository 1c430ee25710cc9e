/* In-app notifications: a member's list and unread count, marking read, and the article
 * review reminders that are written lazily when the count is read. Rules live here; rows in
 * store/notification.c. */
#ifndef PRAXIS_DOMAIN_NOTIFICATION_H
#define PRAXIS_DOMAIN_NOTIFICATION_H
#include <stddef.h>
#include <stdint.h>

#include "domain/domain.h"
#include "store/notification.h"

/* Tell owners whose articles are due for review (once per review date), then count the
   viewer's unread notifications. */
int notifications_unread(struct ctx *c, int64_t *count);
int notifications_list(struct ctx *c, struct notification **out, size_t *n);
int notifications_mark_read(struct ctx *c, int64_t id); /* 0 = all */

#endif
