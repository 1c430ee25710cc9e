/* Trust levels: computing a member's level from their record, storing it after posts,
 * accepted answers and the daily sweep, the administrator's set/lock, demotion on
 * suspension, the daily visit record and the level-0 posting limits. See domain/trust.h;
 * the SQL is in store/trust.c. */
#include <stdio.h>
#include <string.h>

#include "core/log.h"
#include "core/util.h"
#include "domain/domain_int.h"
#include "domain/trust.h"
#include "store/job.h"
#include "store/trust.h"

static const char *const level_names[] = {"new", "basic", "member", "regular", "leader"};

const char *trust_level_name(int64_t level)
{
    return level >= 0 && level <= 4 ? level_names[level] : "new";
}

static int64_t setting_int(struct ctx *c, const char *key, int64_t def)
{
    int64_t v;
    const char *s = settings_get(c, key, NULL);
    if (!s || str_to_i64(s, &v) < 0 || v < 0)
        return def;
    return v;
}

/* Defaults for levels 2..4: visits, posts, votes given, votes received, accepted, flags. */
static const int64_t level_defaults[3][6] = {
    {15, 10, 5, 3, 0, 0},
    {50, 30, 20, 15, 2, 0},
    {100, 100, 50, 50, 10, 3},
};
static const char *const level_keys[6] = {"visits",         "posts",    "votes_given",
                                          "votes_received", "accepted", "flags"};

/* The level rec earns now (ignoring the lock, suspension and admin status). */
static int64_t earned(struct ctx *c, const struct trust_record *rec)
{
    int64_t have[6], lvl;
    int k;
    if (c->now - rec->created_at < setting_int(c, "newcomer_days", 3) * 86400 ||
        rec->posts < setting_int(c, "newcomer_posts", 3))
        return TRUST_NEW;
    have[0] = rec->days_visited;
    have[1] = rec->posts;
    have[2] = rec->votes_given;
    have[3] = rec->votes_received;
    have[4] = rec->accepted;
    have[5] = rec->flags_agreed;
    for (lvl = TRUST_MEMBER; lvl <= TRUST_LEADER; lvl++) {
        for (k = 0; k < 6; k++) {
            char key[40];
            snprintf(key, sizeof(key), "trust%d_%s", (int)lvl, level_keys[k]);
            if (have[k] < setting_int(c, key, level_defaults[lvl - 2][k]))
                return lvl - 1;
        }
    }
    return TRUST_LEADER;
}

static int64_t effective(struct ctx *c, const struct trust_record *rec)
{
    if (rec->suspended_until > c->now) /* before the lock: a suspension always demotes */
        return TRUST_NEW;
    if (rec->locked)
        return rec->level;
    if (rec->is_admin)
        return TRUST_LEADER;
    return earned(c, rec);
}

int trust_level(struct ctx *c, int64_t uid, int64_t *level, int *locked)
{
    struct trust_record rec;
    int rc = store_trust_record(c->db, uid, &rec);
    *level = TRUST_NEW;
    if (locked)
        *locked = 0;
    if (rc == ERR_NOTFOUND)
        return 0;
    if (rc < 0)
        return domain_db_fail(c, "trust level");
    *level = effective(c, &rec);
    if (locked)
        *locked = rec.locked;
    return 0;
}

/* Recompute and store; *changed set to 1 when the stored level moved. */
static int recompute(struct ctx *c, int64_t uid, int *changed)
{
    struct trust_record rec;
    int64_t lvl;
    int rc = store_trust_record(c->db, uid, &rec);
    *changed = 0;
    if (rc == ERR_NOTFOUND)
        return 0;
    if (rc < 0)
        return domain_db_fail(c, "trust record");
    if (rec.locked)
        return 0;
    lvl = effective(c, &rec);
    if (lvl == rec.level)
        return 0;
    if (store_trust_set(c->db, uid, lvl, -1, 1) < 0)
        return domain_db_fail(c, "store the trust level");
    log_info("msg=\"trust level\" user=%lld from=%lld to=%lld", (long long)uid,
             (long long)rec.level, (long long)lvl);
    *changed = 1;
    return 0;
}

int trust_recompute(struct ctx *c, int64_t uid)
{
    int changed;
    return uid > 0 ? recompute(c, uid, &changed) : 0;
}

int trust_recompute_all(struct ctx *c, int64_t *changed)
{
    int64_t after = 0, total = 0;
    for (;;) {
        int64_t *ids;
        size_t n, i;
        if (store_trust_users(c->db, c->arena, after, 200, &ids, &n) < 0)
            return domain_db_fail(c, "list accounts for trust levels");
        if (n == 0)
            break;
        for (i = 0; i < n; i++) {
            int ch;
            if (recompute(c, ids[i], &ch) < 0)
                return c->err->code;
            total += ch;
        }
        after = ids[n - 1];
    }
    if (changed)
        *changed = total;
    return 0;
}

int trust_admin_set(struct ctx *c, int64_t uid, int64_t level, int locked)
{
    if (!c->is_admin && !c->system)
        return error_set(c->err, ERR_PERM, NULL, "Only administrators can set trust levels.");
    if (level < 0 || level > 4)
        return error_set(c->err, ERR_INVALID, "level", "A trust level is 0 (new) to 4 (leader).");
    if (store_trust_set(c->db, uid, level, locked ? 1 : 0, 0) < 0)
        return domain_db_fail(c, "set the trust level");
    return locked ? 0 : trust_recompute(c, uid);
}

int trust_demote(struct ctx *c, int64_t uid)
{
    return store_trust_set(c->db, uid, TRUST_NEW, -1, 1) < 0 ? domain_db_fail(c, "demote") : 0;
}

int trust_visit(struct ctx *c, int64_t uid)
{
    return store_trust_visit(c->db, uid, c->now / 86400) < 0 ? domain_db_fail(c, "visit") : 0;
}

int trust_post_limit(struct ctx *c, int opening, int64_t *retry_after)
{
    int64_t lvl, max, threads, replies, oldest_t, oldest_r, have, oldest;
    *retry_after = 0;
    if (c->system || c->is_admin || !c->uid)
        return 0;
    max = setting_int(c, opening ? "trust0_threads_per_hour" : "trust0_replies_per_hour",
                      opening ? 10 : 30);
    if (max <= 0)
        return 0;
    if (trust_level(c, c->uid, &lvl, NULL) < 0)
        return c->err->code;
    if (lvl > TRUST_NEW)
        return 0;
    if (store_trust_recent(c->db, c->uid, c->now - 3600, &threads, &replies, &oldest_t, &oldest_r) <
        0)
        return domain_db_fail(c, "recent posts");
    have = opening ? threads : replies;
    oldest = opening ? oldest_t : oldest_r;
    if (have < max)
        return 0;
    *retry_after = oldest + 3600 - c->now;
    if (*retry_after < 1)
        *retry_after = 1;
    return error_set(c->err, ERR_RATE, NULL,
                     "New members may %s at most %lld times an hour; try again in %lld minutes. "
                     "The limit ends when your account reaches trust level 1 (basic): "
                     "%lld days old with %lld published posts.",
                     opening ? "start a thread" : "reply", (long long)max,
                     (long long)((*retry_after + 59) / 60),
                     (long long)setting_int(c, "newcomer_days", 3),
                     (long long)setting_int(c, "newcomer_posts", 3));
}

int64_t trust_post_retry(struct ctx *c, int opening)
{
    int64_t threads, replies, oldest_t, oldest_r, w;
    if (store_trust_recent(c->db, c->uid, c->now - 3600, &threads, &replies, &oldest_t, &oldest_r) <
        0)
        return 3600;
    w = (opening ? oldest_t : oldest_r) + 3600 - c->now;
    return w < 1 ? 1 : w > 3600 ? 3600 : w;
}

int64_t trust_edit_level(struct ctx *c)
{
    int64_t v = setting_int(c, "trust_edit_level", TRUST_REGULAR);
    return v > 4 ? 4 : v;
}

int trust_schedule(struct ctx *c)
{
    int64_t day = c->now - c->now % 86400, id = 0;
    char key[64];
    snprintf(key, sizeof(key), "trust_sweep:%lld", (long long)day);
    if (db_begin_write(c->db) < 0)
        return domain_db_fail(c, "schedule the trust sweep");
    if (store_job_enqueue(c->db, "trust_sweep", "{}", day, JOB_MAX_ATTEMPTS, key, c->now, &id) <
            0 ||
        db_commit(c->db) < 0)
        return domain_rollback(c, domain_db_fail(c, "schedule the trust sweep"));
    return 0;
}

int trust_job(struct ctx *c, char *err, size_t errlen)
{
    int64_t changed = 0;
    if (trust_recompute_all(c, &changed) < 0) {
        snprintf(err, errlen, "trust sweep: %s", c->err->msg);
        return -1;
    }
    log_info("msg=\"trust sweep\" changed=%lld", (long long)changed);
    return 0;
}
