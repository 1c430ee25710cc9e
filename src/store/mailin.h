/* Storage for `praxis mail-in`: the table mailin_seen of Message-IDs already handled
 * (migration 0015), so a message delivered twice is acted on once. */
#ifndef PRAXIS_STORE_MAILIN_H
#define PRAXIS_STORE_MAILIN_H
#include <stdint.h>

#include "store/db.h"

/* Record message_id as being handled (outcome "claimed") at now, committed at once.
   0; ERR_CONFLICT when it was recorded before (a duplicate delivery); ERR_DB. */
int mailin_db_claim(struct db *db, const char *message_id, int64_t now);
/* Forget a claim (the message could not be handled now and the MTA will retry). 0 or ERR_DB. */
int mailin_db_release(struct db *db, const char *message_id);
/* Set the outcome ("posted", "refused", "dropped") and the post id (0 = none). 0 or ERR_DB. */
int mailin_db_finish(struct db *db, const char *message_id, const char *outcome, int64_t post_id);

#endif
