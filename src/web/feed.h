/* Page handlers of web/feed.c: the Atom feeds and the member's feed links in their settings.
 * Only the route table (src/cli/routes.c) and web/feed.c include this header: page files do
 * not call each other (the feed links pages draw are in web/parts_feed.c). */
#ifndef PRAXIS_WEB_FEED_H
#define PRAXIS_WEB_FEED_H
#include "http/http.h"

int page_feed_latest(struct req *r);           /* GET /c/:slug/latest.atom[?token=] */
int page_feed_tag(struct req *r);              /* GET /c/:slug/tags/:tag/latest.atom[?token=] */
int page_feed_thread(struct req *r);           /* GET /c/:slug/t/:id/posts.atom[?token=] */
int page_feed_articles(struct req *r);         /* GET /c/:slug/articles.atom[?token=] */
int page_feed_user(struct req *r);             /* GET /u/:name/posts.atom[?token=] */
int page_feed_watched(struct req *r);          /* GET /feeds/:token/watched.atom */
int page_settings_feeds(struct req *r);        /* GET /settings/feeds */
int page_settings_feeds_reset(struct req *r);  /* POST /settings/feeds/reset */
int page_settings_feeds_revoke(struct req *r); /* POST /settings/feeds/revoke */

#endif
