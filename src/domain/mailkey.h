/* Signed keys carried by mail, checked without any stored state: the reply key in the Reply-To
 * address of a notification (reply by email: which member may post into which thread, until
 * when) and the unsubscribe token of the links and List-Unsubscribe headers of every
 * message (which member stops which mail, without signing in).
 *
 * Both are a MAC of their fields under the instance secret (settings "secret"; keyed_hash,
 * BLAKE2b-256, truncated to MAILKEY_MAC_HEX hex digits, compared in constant time) with a
 * domain-separating prefix, so a key for one purpose never verifies as another. Keys hold
 * only [a-z0-9-], so they survive the local part of an address and a URL query unescaped,
 * and mail systems that lower-case local parts.
 *
 *   reply key     "r-UID-TID-EXPDAY-MAC"   EXPDAY: days since 1970-01-01 UTC, last valid day
 *   unsubscribe   "u-UID-SCOPE-MAC"        SCOPE: [a-z0-9_]{1,40}, e.g. "all", "digest",
 *                                          "answer" (a notification kind), "t123" (a thread)
 *
 * Checking a key says only that the instance made it: permission to act (the member may
 * still read and post into the thread now) is checked by the caller at that moment. */
#ifndef PRAXIS_DOMAIN_MAILKEY_H
#define PRAXIS_DOMAIN_MAILKEY_H
#include <stddef.h>
#include <stdint.h>

#include "domain/domain.h"

#define MAILKEY_MAC_HEX   20           /* hex digits of MAC kept: 80 bits */
#define MAILKEY_MAX       96           /* bytes of the longest key, NUL included */
#define MAILKEY_REPLY_TTL (90 * 86400) /* seconds a reply key lasts after it is made */
#define MAILKEY_SCOPE_MAX 40           /* bytes of an unsubscribe scope */

/* A reply key for member uid about thread tid, valid until c->now + MAILKEY_REPLY_TTL (to
   the end of that UTC day). *key is an arena copy. 0, or ERR_INTERNAL when the instance has
   no secret (c->secret and the setting both empty). */
int mailkey_reply_make(struct ctx *c, int64_t uid, int64_t tid, const char **key);
/* Check a reply key (as found, any case): 0 with *uid and *tid set; ERR_NOTFOUND when it is
   malformed or forged (message "This reply address is not valid."), ERR_PERM when its day
   has passed at c->now ("This reply address has expired."); c->err filled either way. */
int mailkey_reply_check(struct ctx *c, const char *key, int64_t *uid, int64_t *tid);
/* The Reply-To address for member uid and thread tid: the From address's local part, '+',
   the reply key, '@', the From address's domain ("praxis+r-12-345-20790-...@example.org").
   Arena copy; errors as mailkey_reply_make. */
int mailkey_reply_address(struct ctx *c, int64_t uid, int64_t tid, const char **addr);
/* The key in a recipient address: what stands between the first '+' of the local part and
   the '@' ("a+KEY@host" -> "KEY"), lower-cased, into out[n]. 0, or -1 when there is none or
   it does not fit. Pure. */
int mailkey_from_address(const char *addr, char *out, size_t n);

/* An unsubscribe token for member uid and scope ([a-z0-9_]{1,MAILKEY_SCOPE_MAX}). *token is
   an arena copy. 0, ERR_INVALID (bad scope), ERR_INTERNAL (no secret). Tokens do not
   expire: a link in an old message still stops the mail. */
int mailkey_unsub_make(struct ctx *c, int64_t uid, const char *scope, const char **token);
/* Check an unsubscribe token: 0 with *uid and *scope (arena copy) set, or ERR_NOTFOUND
   ("This unsubscribe link is not valid.") with c->err filled. */
int mailkey_unsub_check(struct ctx *c, const char *token, int64_t *uid, const char **scope);

#endif
