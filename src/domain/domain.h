/* The domain layer: rules and permissions of every feature. No HTML and no SQL here; web
 * pages, the API and the CLI all call these functions, so they obey the same rules.
 *
 * Every domain call takes a struct ctx: who is acting, on which connection, with which
 * arena for results and where to put the error. Functions return 0 or a negative enum err
 * with ctx->err filled (message a person can act on, and the field at fault). Results are
 * allocated in ctx->arena. */
#ifndef PRAXIS_DOMAIN_DOMAIN_H
#define PRAXIS_DOMAIN_DOMAIN_H
#include <stdint.h>

#include "core/arena.h"
#include "core/err.h"
#include "store/db.h"

struct ctx {
    struct db *db;           /* this thread's connection */
    struct arena *arena;     /* results live here */
    struct errinfo *err;     /* where errors are recorded */
    int64_t uid;             /* acting user, 0 = anonymous (or the CLI acting as the system) */
    int is_admin;            /* acting user is an instance administrator */
    int system;              /* 1 for the CLI/importer: bypasses permission checks */
    const char *remote_addr; /* client address for rate limits and audit, or "cli" */
    int64_t now;             /* time of the request, UTC seconds */
    void *hash_sem;          /* sem_t* bounding concurrent argon2id hashes, or NULL */
    const char *secret;      /* instance secret (hex) for keyed hashes, or NULL in the CLI */
};

/* Instance settings (table settings(key, value)); keys and allowed values:
 *   registration        open | invite | closed           [open]
 *   community_creation  admins | members                 [admins]
 *   instance_name       free text                        [Praxis]
 *   secret              64 hex chars, made at first start (CSRF and keyed hashes)
 *   signup_limit        0..100000: new accounts per client address per hour, 0 = no
 *                       limit                                         [10]
 *   expertise_half_life_days  1..36500: how fast expertise evidence decays     [365]
 *   smtp_url            smtp[s]://[user:pass@]host[:port][?starttls], "" = mail off  [""]
 *                       (praxis serve --smtp overrides it)
 *   mail_from           "Name <addr>" or "addr": the From of outgoing mail
 *                                                   ["<instance_name> <praxis@localhost>"]
 *   base_url            public address for links in mail, e.g. https://praxis.example.org
 *                       [serve --base-url, else http://<--listen>]; also the start of the
                       links in webhook payloads (relative paths when unset)
 *   notify_mail_delay   0..100000: seconds before notification email goes out      [300]
 *   webhook_allow       CIDR blocks webhooks may reach although not public, e.g.
 *                       "127.0.0.1, 10.0.0.0/8" (SSRF allow-list)                  [""]
 *   webhook_ca_file     absolute path of extra trusted CA certificates (PEM) for
 *                       webhook receivers; the system CA directory still applies  [""]
 *   webhook_retry_base  0..100000: seconds before the first retry of a failed
 *                       delivery, doubling after each failure (at most 1 h)       [60]
 *   webhook_disable_after  0..31536000: seconds of failing (no success in between)
 *                       after which a webhook is turned off               [259200 = 3 days]
 *   upload_max_bytes    1..33554432: bytes of one uploaded file                [10485760]
 *   upload_daily_limit  0..100000: uploads per member in any 24 hours, 0 = no limit  [100]
 *   external_images     off | on: images from other https sites shown in Markdown
 *                       (off: they stay links; on: pages allow https: images)    [off]
 *   newcomer_days, newcomer_posts, hold_max_links, hold_duplicate_threads,
 *   hold_burst_posts, hold_burst_seconds, flag_hide_weight
 *                       0..100000: moderation thresholds (domain/moderation.h)
 *   comments_per_hour   0..100000: new comments a member may write in any hour, 0 = no
 *                       limit; moderators, coordinators and admins are not limited  [30]
 *   trust0_threads_per_hour [10], trust0_replies_per_hour [30], trust_edit_level [3],
 *   trustN_visits, _posts, _votes_given, _votes_received, _accepted, _flags (N = 2..4)
 *                       0..100000: trust levels (domain/trust.h, docs/moderation.md)
 *   live_per_address    0..100000: live update streams (GET /live) one client address may
 *                       hold open at once, 0 = no limit                            [20]
 * settings_get returns the stored value or def (arena copy). settings_set validates the key
 * and value, needs ctx->is_admin or ctx->system. */
const char *settings_get(struct ctx *c, const char *key, const char *def);
int settings_set(struct ctx *c, const char *key, const char *value);
/* settings_set, but only when the key has no value yet: an existing value (another process
   may have stored it a moment ago) is kept. Read the setting back for the value in force. */
int settings_set_once(struct ctx *c, const char *key, const char *value);
/* settings_set's permission and value checks without storing (forms check every field
   first). 0, ERR_PERM or ERR_INVALID (field = key). */
int settings_check(struct ctx *c, const char *key, const char *value);

#endif
