/* mailin_seen: the Message-IDs handled by `praxis mail-in` (see mailin.h). Each call is one
 * statement in its own implicit transaction: the claim must be visible to a concurrent
 * delivery of the same message before the reply is posted. */
#include "store/mailin.h"

int mailin_db_claim(struct db *db, const char *message_id, int64_t now)
{
    int rc = db_exec(db,
                     "INSERT INTO mailin_seen (message_id, received_at, outcome) "
                     "VALUES ($1, $2, 'claimed')",
                     PARAMS(P_TEXT(message_id), P_INT(now)));
    return rc < 0 ? rc : 0;
}

int mailin_db_release(struct db *db, const char *message_id)
{
    int rc =
        db_exec(db, "DELETE FROM mailin_seen WHERE message_id = $1", PARAMS(P_TEXT(message_id)));
    return rc < 0 ? rc : 0;
}

int mailin_db_finish(struct db *db, const char *message_id, const char *outcome, int64_t post_id)
{
    int rc =
        db_exec(db, "UPDATE mailin_seen SET outcome = $2, post_id = $3 WHERE message_id = $1",
                PARAMS(P_TEXT(message_id), P_TEXT(outcome), post_id ? P_INT(post_id) : P_NULL));
    return rc < 0 ? rc : 0;
}
