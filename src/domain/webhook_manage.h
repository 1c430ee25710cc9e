/* Managing webhooks: the hooks of a community (its coordinators) and of the instance
 * (administrators): list, create (with a new secret), read, change, rotate the secret,
 * delete, the delivery log, and redelivery. Web pages and the API call these; see
 * domain/webhook.h for the events and docs/internals/webhooks.md for the rules. */
#ifndef PRAXIS_DOMAIN_WEBHOOK_MANAGE_H
#define PRAXIS_DOMAIN_WEBHOOK_MANAGE_H
#include <stddef.h>
#include <stdint.h>

#include "domain/domain.h"
#include "store/community.h"
#include "store/webhook.h"

/* What a form or API call gives. */
struct webhook_input {
    const char *url;           /* NULL = unchanged (update) */
    const char *const *events; /* chosen types; NULL = unchanged (update) */
    size_t nevents;
    int active; /* 0/1 */
    int has_active;
};

/* --- managing hooks. cm NULL = the instance hooks (administrators only); a community's
   hooks need one of its coordinators or an administrator. Others get ERR_NOTFOUND for a hook
   and ERR_PERM for a list or a creation; visitors ERR_AUTH. --- */

/* May the viewer manage the hooks of cm (NULL: the instance)? */
int webhook_can_manage(const struct ctx *c, const struct community *cm);
int webhook_list(struct ctx *c, const struct community *cm, struct webhook **out, size_t *n);
/* Check the URL (https, a host, no user name or password, at most WEBHOOK_URL_MAX bytes,
   no spaces) and the events (at least one, all known), make a secret and store the hook
   owned by the viewer. out->secret is the new secret (show it once). ERR_INVALID with
   field "url" or "events", ERR_CONFLICT past WEBHOOK_MAX_HOOKS. */
int webhook_create(struct ctx *c, const struct community *cm, const struct webhook_input *in,
                   struct webhook *out);
/* The hook id if the viewer may manage it (its community's coordinators, administrators). */
int webhook_get(struct ctx *c, int64_t id, struct webhook *out);
/* Change url / events / active of w (already loaded with webhook_get); w is updated. */
int webhook_update(struct ctx *c, struct webhook *w, const struct webhook_input *in);
/* A new secret; w->secret receives it. */
int webhook_rotate(struct ctx *c, struct webhook *w);
int webhook_delete(struct ctx *c, const struct webhook *w);
/* The hook's latest deliveries and attempts (at most limit each), newest first. */
int webhook_log(struct ctx *c, const struct webhook *w, int limit, struct webhook_delivery **d,
                size_t *nd, struct webhook_attempt **t, size_t *nt);
/* Send delivery did of w again: a new delivery with the same event id and body (a new
   signature time), queued now; *out_id receives it. ERR_NOTFOUND when did is not w's. */
int webhook_redeliver(struct ctx *c, const struct webhook *w, int64_t did, int64_t *out_id);

#endif
