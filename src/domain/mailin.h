/* Reply by email: one incoming message (as `praxis mail-in` reads it from an MTA's pipe)
 * turned into a reply in a thread, or refused with an explanation, or dropped.
 *
 * The message is parsed (core/mailparse), auto-replies and bounces are dropped, the reply
 * key is looked for in every recipient address (mailkey_from_address) and checked
 * (mailkey_reply_check); then, acting as the key's member (uid, is_admin from the account,
 * remote_addr "mail-in"), the account must be active with a verified address equal to the
 * From address (any case), and the body cut by mailstrip_reply is posted with thread_reply,
 * whose own checks (community membership, locked or closed thread, archived community)
 * decide as they do on the web. A Message-ID is handled once (store/mailin.h).
 * docs/internals/mailin.md describes the rules and outcomes. */
#ifndef PRAXIS_DOMAIN_MAILIN_H
#define PRAXIS_DOMAIN_MAILIN_H
#include <stddef.h>
#include <stdint.h>

#include "domain/domain.h"

#define MAILIN_MSGID_MAX 250 /* bytes of a Message-ID remembered; longer ones are not */

enum mailin_outcome {
    MAILIN_POSTED,   /* the reply is in the thread */
    MAILIN_REFUSED,  /* not posted, for a reason the member can act on; told by mail */
    MAILIN_DROPPED,  /* no valid key, auto-reply, bounce, duplicate, unreadable: ignored */
    MAILIN_TEMPFAIL, /* the database failed: the MTA should deliver again later */
    MAILIN__MAX
};

struct mailin_result {
    enum mailin_outcome outcome;
    const char *reason;     /* one line for the log (arena) */
    const char *message_id; /* of the incoming message, or NULL */
    int64_t uid, tid;       /* from the key, 0 when none */
    int64_t post_id;        /* MAILIN_POSTED: the new post */
    const char *notice_id;  /* MAILIN_REFUSED: Message-ID of the explanation queued, or NULL */
};

/* Handle the message data[0..len). c is a system ctx (the CLI's) with c->now the time the
   key is checked against; base_url starts the thread link in a refusal mail. Fills *out
   and returns 0 for every outcome but MAILIN_TEMPFAIL, for which it returns ERR_DB. */
int mailin_process(struct ctx *c, const char *data, size_t len, const char *base_url,
                   struct mailin_result *out);

/* Short name of an outcome for logs: "posted", "refused", "dropped", "tempfail". */
const char *mailin_outcome_name(enum mailin_outcome o);

#endif
