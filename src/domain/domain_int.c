/* The domain layer's private helpers (see domain/domain_int.h): reporting storage failures
 * and rolling back. */
#include "core/log.h"
#include "domain/domain_int.h"

int domain_db_fail(struct ctx *c, const char *what)
{
    log_error("msg=\"storage failed\" op=\"%s\" error=\"%s\"", what, db_last_error(c->db));
    return error_set(c->err, ERR_DB, NULL, "Storage failed; please try again.");
}

int domain_store_fail(struct ctx *c, int rc, const char *what)
{
    if (rc < 0 && rc != ERR_DB)
        return error_set(c->err, (enum err)rc, NULL, "%s", err_default_message((enum err)rc));
    return domain_db_fail(c, what);
}

int domain_rollback(struct ctx *c, int rc)
{
    db_rollback(c->db);
    return rc;
}
