/* Instance health: one round trip to the worker's database connection. */
#include "domain/health.h"
#include "store/health.h"
#include "core/util.h"

int health_check(struct ctx *c)
{
    if (!c->db)
        return error_set(c->err, ERR_UNAVAILABLE, NULL, "no database connection");
    if (store_ping(c->db) < 0)
        return error_set(c->err, ERR_UNAVAILABLE, NULL, "database: %.200s", db_last_error(c->db));
    return 0;
}
