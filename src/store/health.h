/* Liveness of the storage connection, for /healthz. */
#ifndef PRAXIS_STORE_HEALTH_H
#define PRAXIS_STORE_HEALTH_H
#include "store/db.h"

/* Run SELECT 1 on db. Returns 0, or ERR_DB (db_last_error(db) says why). */
int store_ping(struct db *db);

#endif
