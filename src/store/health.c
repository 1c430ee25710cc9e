/* Liveness of the storage connection: one trivial query, answered by SQLite or PostgreSQL. */
#include "store/health.h"
#include "core/util.h"

static const char SQL_PING[] = "SELECT 1";

int store_ping(struct db *db)
{
    int64_t v = 0;
    int rc = db_get_int(db, SQL_PING, NOPARAMS, &v);
    if (rc < 0 || v != 1)
        return ERR_DB;
    return 0;
}
