/* Page handlers of web/community.c: the community directory, a community's page, editing,
 * archiving, membership and invitation links. Only the route table (src/cli/routes.c) and
 * web/community.c include this header: page files do not call each other (shared pieces are in
 * web/parts.h). */
#ifndef PRAXIS_WEB_COMMUNITY_H
#define PRAXIS_WEB_COMMUNITY_H
#include "http/http.h"

int page_communities(struct req *r);             /* GET /communities?q=&page= */
int page_community_new(struct req *r);           /* GET /c/new */
int page_community_create(struct req *r);        /* POST /c/new */
int page_community(struct req *r);               /* GET /c/:slug */
int page_community_edit(struct req *r);          /* GET /c/:slug/edit */
int page_community_update(struct req *r);        /* POST /c/:slug/edit */
int page_community_archive(struct req *r);       /* POST /c/:slug/archive (archived=1|0) */
int page_community_join(struct req *r);          /* POST /c/:slug/join */
int page_community_leave(struct req *r);         /* POST /c/:slug/leave */
int page_community_members(struct req *r);       /* GET /c/:slug/members */
int page_community_member_update(struct req *r); /* POST /c/:slug/members/:name */
int page_community_invites(struct req *r);       /* GET /c/:slug/invites */
int page_community_invites_post(struct req *r);  /* POST /c/:slug/invites (create|revoke) */
int page_join(struct req *r);                    /* GET /join/:token */
int page_join_post(struct req *r);               /* POST /join/:token */

/* POST /c/:slug/tags/:tag/description: a coordinator describes a tag (finding). */
int page_community_tag_describe(struct req *r);

#endif
