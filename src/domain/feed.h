/* Atom feeds: what each feed lists and who may read it. Six feeds: a community's newest
 * threads, the newest threads with one of its tags, a thread's newest posts, a member's newest
 * posts, a community's published articles, and the newest posts in the threads a member
 * watches. The web layer (web/feed.c) writes them as Atom; this module decides the entries.
 *
 * Feed readers cannot sign in, so a feed request acts as nobody (public communities only,
 * whatever cookie the reader may send) or, with a member's feed token, as that member without
 * administrator powers. The token is the member's calendar feed token (domain/event.h:
 * event_feed_token_reset makes it; feed_token_revoke forgets it): one secret, shown once, for
 * every private feed link, as GitLab's feed token is. Every read goes through the same rules
 * as the pages (community_can_read, thread_get), so a token stops opening a private
 * community the moment its owner leaves it, and a revoked or replaced token opens nothing.
 * Deleted threads and deleted or hidden posts never appear.
 *
 * Results are allocated in ctx->arena; functions return 0 or a negative enum err with
 * ctx->err set. See docs/internals/feeds.md. */
#ifndef PRAXIS_DOMAIN_FEED_H
#define PRAXIS_DOMAIN_FEED_H
#include <stddef.h>
#include <stdint.h>

#include "domain/account.h"
#include "domain/community.h"
#include "domain/domain.h"
#include "store/feed.h"
#include "store/thread.h"

#define FEED_ENTRIES 30 /* entries per feed */

enum feed_kind {
    FEED_LATEST,   /* a community's newest threads */
    FEED_TAG,      /* a community's newest threads with a tag */
    FEED_THREAD,   /* a thread's newest posts */
    FEED_USER,     /* a member's newest posts */
    FEED_ARTICLES, /* a community's published and best-practice articles */
    FEED_WATCHED,  /* the newest posts in the threads the token's owner watches */
    FEED__MAX
};

/* A feed's subject and entries. */
struct feed {
    enum feed_kind kind;
    struct community cm;     /* LATEST, TAG, ARTICLES, THREAD (the thread's community) */
    struct thread t;         /* THREAD */
    struct user u;           /* USER: the member; WATCHED: the token's owner */
    const char *tag;         /* TAG */
    struct feed_item *items; /* newest first */
    size_t n;
    int64_t updated; /* the newest entry's updated_at, or when the subject was made (a feed
                        with no entries) */
};

/* The member whose feed token this is (an active account), into *uid. ERR_NOTFOUND with
   "This feed link is not valid (any more)." for a malformed, unknown, replaced or revoked
   token, or one of a suspended account (feed_token_owner_ok). */
int feed_token_user(struct ctx *c, const char *token, int64_t *uid);
/* 1 when account uid may still use its feed and calendar links (event_feed_user too): the
   account exists, is active, and no moderator's suspension runs now; else 0. ERR_DB. */
int feed_token_owner_ok(struct ctx *c, int64_t uid);
/* Forget the acting member's feed token: their feed and calendar links stop working.
   ERR_AUTH when nobody is signed in. */
int feed_token_revoke(struct ctx *c);

/* Load a feed for the acting user (0 = anonymous). ERR_NOTFOUND when the subject does not
   exist or may not be read (and for a malformed tag); FEED_WATCHED needs c->uid (ERR_AUTH).
     FEED_LATEST, FEED_ARTICLES: slug;  FEED_TAG: slug and tag;  FEED_THREAD: tid;
     FEED_USER: name. Unused arguments may be NULL / 0. */
int feed_load(struct ctx *c, enum feed_kind kind, const char *slug, const char *tag, int64_t tid,
              const char *name, struct feed *out);

/* The authority of the instance's tag: URIs (RFC 4151), "HASH.praxis": derived from the
   instance secret, so entry ids stay the same when the public address changes and differ
   between instances. Arena copy. */
const char *feed_tag_authority(struct ctx *c);

#endif
