/* In-app notifications (see domain/notification.h): the viewer's list and unread count,
 * marking read, and the article review reminders written when the count is read. */
#include "core/buf.h"
#include "core/html.h"
#include "core/log.h"
#include "core/util.h"
#include "domain/notification.h"
#include "store/article.h"

#define REMIND_BATCH 20 /* review reminders written per request at most */

static int db_fail(struct ctx *c, const char *what)
{
    log_error("msg=\"notification storage failed\" op=\"%s\" error=\"%s\"", what,
              db_last_error(c->db));
    return error_set(c->err, ERR_DB, NULL, "Storage failed; please try again.");
}

static int rollback(struct ctx *c, int rc)
{
    db_rollback(c->db);
    return rc;
}

int notifications_unread(struct ctx *c, int64_t *count)
{
    struct article *due;
    size_t n, i;
    *count = 0;
    if (!c->uid)
        return 0;
    if (article_db_due_untold(c->db, c->arena, c->uid, c->now, REMIND_BATCH, &due, &n) < 0)
        return db_fail(c, "due_untold");
    if (n) {
        if (db_begin_write(c->db) < 0)
            return db_fail(c, "begin");
        for (i = 0; i < n; i++) {
            struct buf link = BUF_INIT;
            buf_printf(&link, "/c/%s/a/", due[i].community_slug);
            url_encode(&link, due[i].slug);
            if (notification_db_insert(c->db, c->uid, "article_review",
                                       arena_printf(c->arena, "Review due: %s", due[i].title),
                                       link.data, c->now) < 0 ||
                article_db_mark_told(c->db, due[i].id) < 0) {
                buf_release(&link);
                return rollback(c, db_fail(c, "remind"));
            }
            buf_release(&link);
        }
        if (db_commit(c->db) < 0)
            return rollback(c, db_fail(c, "commit"));
    }
    return notification_db_unread(c->db, c->uid, count) < 0 ? db_fail(c, "unread") : 0;
}

int notifications_list(struct ctx *c, struct notification **out, size_t *n)
{
    int64_t unread;
    if (!c->uid)
        return error_set(c->err, ERR_AUTH, NULL, "Sign in to see your notifications.");
    if (notifications_unread(c, &unread) < 0)
        return c->err->code;
    return notification_db_list(c->db, c->arena, c->uid, 100, out, n) < 0
               ? db_fail(c, "notifications")
               : 0;
}

int notifications_mark_read(struct ctx *c, int64_t id)
{
    if (!c->uid)
        return error_set(c->err, ERR_AUTH, NULL, "Sign in first.");
    return notification_db_mark_read(c->db, c->uid, id, c->now) < 0 ? db_fail(c, "mark_read")
                                                                    : 0;
}
