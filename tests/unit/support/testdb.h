/* A fresh, migrated SQLite database in a directory of its own under /tmp, for the unit tests
 * that need real storage (tests/unit/domain, tests/unit/store). Header-only: each test
 * binary includes it once.
 *
 *   struct testdb t;
 *   if (testdb_open(&t, "job") < 0) return -1;   // /tmp/praxis-job-XXXXXX/t.db, migrated
 *   ... t.db, t.url ...
 *   testdb_close(&t);                            // closes, removes the files and directory
 */
#ifndef PRAXIS_TESTS_UNIT_SUPPORT_TESTDB_H
#define PRAXIS_TESTS_UNIT_SUPPORT_TESTDB_H
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "core/err.h"
#include "store/db.h"

struct testdb {
    char dir[64];  /* the temporary directory */
    char url[128]; /* "sqlite:DIR/t.db" */
    struct db *db; /* open and migrated */
};

/* Make the directory, open and migrate t.db in it. 0, or -1 with the reason on stderr. */
static inline int testdb_open(struct testdb *t, const char *name)
{
    struct errinfo e = {0};
    snprintf(t->dir, sizeof(t->dir), "/tmp/praxis-%s-XXXXXX", name);
    t->db = NULL;
    if (!mkdtemp(t->dir)) {
        perror("testdb: mkdtemp");
        return -1;
    }
    snprintf(t->url, sizeof(t->url), "sqlite:%s/t.db", t->dir);
    if (db_open(t->url, &t->db, &e) < 0 || db_migrate(t->db, &e) < 0) {
        fprintf(stderr, "testdb: %s\n", e.msg);
        return -1;
    }
    return 0;
}

/* Close the database and remove t.db, its WAL and shared-memory files and the directory. */
static inline void testdb_close(struct testdb *t)
{
    static const char *const files[] = {"t.db", "t.db-wal", "t.db-shm"};
    char path[160];
    size_t i;
    if (t->db)
        db_close(t->db);
    t->db = NULL;
    for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
        snprintf(path, sizeof(path), "%s/%s", t->dir, files[i]);
        unlink(path);
    }
    rmdir(t->dir);
}

#endif
