/* Private helpers shared by the files of src/domain (not for other layers): reporting a
 * failed store call and rolling back. One definition each, so every domain module logs and
 * words storage failures the same way. */
#ifndef PRAXIS_DOMAIN_DOMAIN_INT_H
#define PRAXIS_DOMAIN_DOMAIN_INT_H
#include "domain/domain.h"

/* Log a failed store call (what: the operation, with the store's last error) and record
   ERR_DB with "Storage failed; please try again." in c->err. Returns ERR_DB. */
int domain_db_fail(struct ctx *c, const char *what);
/* Like domain_db_fail for a store code rc that may be a meaningful answer: a negative code
   other than ERR_DB (ERR_NOTFOUND, ERR_CONFLICT, ...) is recorded with its default message
   and returned as is; ERR_DB (or anything else) is domain_db_fail(c, what). */
int domain_store_fail(struct ctx *c, int rc, const char *what);
/* Roll back the open transaction on c->db and return rc (for "return domain_rollback(c,
   domain_db_fail(c, "x"));"). */
int domain_rollback(struct ctx *c, int rc);

#endif
