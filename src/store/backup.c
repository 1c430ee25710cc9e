/* Online backup of a SQLite database with SQLite's backup API: the source is read a chunk
 * of pages at a time, so the server keeps writing between steps; the copy is written to
 * DEST.tmp, checked with PRAGMA integrity_check, synced and renamed over DEST, so DEST is
 * never a half-written file. PostgreSQL deployments use pg_dump (docs/deploy.md). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "core/buf.h"
#include "core/timeutil.h"
#include "store/export.h"
#include "core/util.h"

/* After twice the steps one pass needs, or after BACKUP_STEPPING_MS, the source is being
   rewritten faster than it is copied (every write by another connection restarts the copy):
   finish in one step, which in WAL mode reads one snapshot and still does not block writers. */
#define BACKUP_RESTART_FACTOR 2
#define BACKUP_STEPPING_MS    5000

static int fsync_path(const char *path, int dir)
{
    int fd = open(path, dir ? O_RDONLY | O_DIRECTORY : O_RDONLY);
    int rc;
    if (fd < 0)
        return -1;
    rc = fsync(fd);
    close(fd);
    return rc;
}

int store_backup_sqlite(const char *url, const char *dest, int pages_per_step, int pause_ms,
                        backup_progress_fn progress, void *ud, struct errinfo *e)
{
    sqlite3 *src = NULL, *dst = NULL;
    sqlite3_backup *bk;
    sqlite3_stmt *st = NULL;
    struct buf tmp;
    int rc, steps = 0, limit, total, ok = 0;
    int64_t t0;
    char dir[4096];
    const char *slash;

    if (!str_starts(url, "sqlite:"))
        return error_set(e, ERR_INVALID, NULL,
                         "praxis backup copies SQLite databases; for PostgreSQL use "
                         "pg_dump -Fc (see docs/deploy.md, \"Backups\")");
    if (pages_per_step < 1)
        pages_per_step = 256;
    buf_init(&tmp, 8192);
    buf_printf(&tmp, "%s.tmp", dest);
    unlink(tmp.data);

    rc = sqlite3_open_v2(url + 7, &src, SQLITE_OPEN_READONLY, NULL);
    if (rc != SQLITE_OK) {
        error_set(e, ERR_DB, NULL, "cannot open %s: %s", url + 7,
                  src ? sqlite3_errmsg(src) : "out of memory");
        goto out;
    }
    sqlite3_busy_timeout(src, 5000);
    rc = sqlite3_open_v2(tmp.data, &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
    if (rc != SQLITE_OK) {
        error_set(e, ERR_DB, NULL, "cannot create %s: %s", tmp.data,
                  dst ? sqlite3_errmsg(dst) : "out of memory");
        goto out;
    }
    bk = sqlite3_backup_init(dst, "main", src, "main");
    if (!bk) {
        error_set(e, ERR_DB, NULL, "cannot start the backup: %s", sqlite3_errmsg(dst));
        goto out;
    }
    limit = 0;
    t0 = time_now_ms();
    for (;;) {
        int n = (limit > 0 && steps > limit) || time_now_ms() - t0 > BACKUP_STEPPING_MS
                    ? -1
                    : pages_per_step;
        rc = sqlite3_backup_step(bk, n);
        steps++;
        total = sqlite3_backup_pagecount(bk);
        if (!limit)
            limit = BACKUP_RESTART_FACTOR * (total / pages_per_step + 1);
        if (progress)
            progress(ud, sqlite3_backup_remaining(bk), total);
        if (rc == SQLITE_DONE)
            break;
        if (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
            if (rc != SQLITE_OK || pause_ms > 0)
                sqlite3_sleep(pause_ms > 0 ? pause_ms : 20);
            continue;
        }
        error_set(e, ERR_DB, NULL, "backup step failed: %s", sqlite3_errstr(rc));
        sqlite3_backup_finish(bk);
        goto out;
    }
    rc = sqlite3_backup_finish(bk);
    if (rc != SQLITE_OK) {
        error_set(e, ERR_DB, NULL, "backup failed: %s", sqlite3_errmsg(dst));
        goto out;
    }
    /* The copy keeps the source's journal mode in its header (WAL): leave a single file. */
    sqlite3_exec(dst, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
    rc = sqlite3_prepare_v2(dst, "PRAGMA integrity_check", -1, &st, NULL);
    if (rc != SQLITE_OK || sqlite3_step(st) != SQLITE_ROW ||
        strcmp((const char *)sqlite3_column_text(st, 0), "ok") != 0) {
        error_set(e, ERR_DB, NULL, "the copy fails PRAGMA integrity_check: %s",
                  st && sqlite3_column_text(st, 0) ? (const char *)sqlite3_column_text(st, 0)
                                                   : sqlite3_errmsg(dst));
        goto out;
    }
    ok = 1;
out:
    if (st)
        sqlite3_finalize(st);
    if (dst)
        sqlite3_close(dst);
    if (src)
        sqlite3_close(src);
    if (ok) {
        if (fsync_path(tmp.data, 0) < 0 || rename(tmp.data, dest) < 0) {
            error_set(e, ERR_DB, NULL, "cannot move %s to %s: %s", tmp.data, dest, strerror(errno));
            ok = 0;
        } else {
            slash = strrchr(dest, '/');
            str_copy(dir, slash ? dest : ".", slash ? (size_t)(slash - dest) + 1 : sizeof(dir));
            if (slash && slash == dest)
                str_copy(dir, "/", sizeof(dir));
            fsync_path(dir, 1);
        }
    }
    if (!ok)
        unlink(tmp.data);
    buf_release(&tmp);
    return ok ? 0 : (e && e->code ? (int)e->code : ERR_DB);
}
