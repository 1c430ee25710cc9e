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
 *                       [serve --base-url, else http://<--listen>]
 *   notify_mail_delay   0..100000: seconds before notification email goes out      [300]
 *   live_per_address    0..100000: live update streams (GET /live) one client address may
 *                       hold open at once, 0 = no limit                            [20]
 * settings_get returns the stored value or def (arena copy). settings_set validates the key
 * and value, needs ctx->is_admin or ctx->system. */
const char *settings_get(struct ctx *c, const char *key, const char *def);
int settings_set(struct ctx *c, const char *key, const char *value);

#endif
