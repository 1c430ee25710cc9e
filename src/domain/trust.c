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

#define LVL(n, name, visits, posts, given, received, accepted, flags, topics, read, minutes)       \
    {"trust" #n "_visits", #visits, "Level " #n " (" name ")", "Days visited",                     \
     "Distinct days on which the member was signed in."},                                          \
        {"trust" #n "_posts", #posts, "Level " #n " (" name ")", "Posts written",                  \
         "Live, visible posts."},                                                                  \
        {"trust" #n "_votes_given", #given, "Level " #n " (" name ")", "Up-votes given",           \
         "Up-votes cast on others' posts."},                                                       \
        {"trust" #n "_votes_received", #received, "Level " #n " (" name ")", "Up-votes received",  \
         "Up-votes on their live posts, not counting their own."},                                 \
        {"trust" #n "_accepted", #accepted, "Level " #n " (" name ")", "Accepted answers",         \
         "Their answers accepted by the asker."},                                                  \
        {"trust" #n "_flags", #flags, "Level " #n " (" name ")", "Flags agreed",                   \
         "Their flags a moderator agreed with."},                                                  \
        {"trust" #n "_topics", #topics, "Level " #n " (" name ")", "Topics entered",               \
         "Thread pages opened (counted per day, never per page)."},                                \
        {"trust" #n "_posts_read", #read, "Level " #n " (" name ")", "Posts read",                 \
         "Posts shown on the thread pages they opened (at most 50 a page)."},                      \
    {                                                                                              \
        "trust" #n "_minutes", #minutes, "Level " #n " (" name ")", "Minutes reading",             \
            "Minutes between page views a minute to five minutes apart."                           \
    }

/* Every setting with its default (the one place defaults live: earned() and the limits read
   them from here). Level 2's reading is Discourse's member level. */
static const struct trust_setting settings_table[] = {
    {"newcomer_days", "3", "Newcomers", "Days before an account is no longer new",
     "An account younger than this is at trust level 0 (new)."},
    {"newcomer_posts", "3", "Newcomers", "Posts before an account is no longer new",
     "An account with fewer published posts than this is at level 0."},
    {"trust0_threads_per_hour", "10", "Newcomers", "Threads a new member may start per hour",
     "0 means no limit."},
    {"trust0_replies_per_hour", "30", "Newcomers", "Replies a new member may write per hour",
     "0 means no limit."},
    {"hold_max_links", "2", "Holds", "Links a new account may put in one post",
     "More and the post waits in the review queue."},
    {"hold_duplicate_threads", "0", "Holds", "Same text in this many threads holds a post",
     "Within 24 hours, by the same author. 0 turns it off; 2 is a good value once spam "
     "arrives."},
    {"hold_burst_posts", "0", "Holds", "Posts in a burst that hold a new account's next post",
     "0 turns it off; 5 is a good value."},
    {"hold_burst_seconds", "60", "Holds", "Length of a burst (seconds)",
     "The window for the setting above."},
    {"flag_hide_weight", "300", "Flags", "Spam-flag weight that hides a post",
     "In hundredths of an ordinary flag: 300 is three ordinary members, two trusted ones or "
     "one moderator."},
    {"trust_edit_level", "3", "Privileges", "Level that edits others' posts",
     "Also counts as a trusted article editor."},
    {"trust_retag_level", "2", "Privileges", "Level that retags others' threads",
     "Changes the tags only, not the text."},
    {"trust_close_level", "3", "Privileges", "Level that votes to close and reopen",
     "With a reason: duplicate, off-topic or needs details."},
    {"close_votes_needed", "3", "Privileges", "Votes that close or reopen a thread",
     "Moderators close and reopen at once."},
    LVL(2, "member", 15, 10, 5, 3, 0, 0, 20, 100, 60),
    LVL(3, "regular", 50, 30, 20, 15, 2, 0, 100, 500, 600),
    LVL(4, "leader", 100, 100, 50, 50, 10, 3, 250, 1500, 1500),
    {"reading_flush_seconds", "60", "Reading", "Seconds reading is kept before it is written",
     "Reading is written in batches so that it costs little; 0 writes it at once."},
};

const struct trust_setting *trust_settings(size_t *n)
{
    *n = sizeof(settings_table) / sizeof(settings_table[0]);
    return settings_table;
}

const char *trust_setting_default(const char *key)
{
    size_t i;
    for (i = 0; i < sizeof(settings_table) / sizeof(settings_table[0]); i++)
        if (!strcmp(settings_table[i].key, key))
            return settings_table[i].def;
    return NULL;
}

#define NKEYS 9
static const char *const level_keys[NKEYS] = {"visits",         "posts",      "votes_given",
                                              "votes_received", "accepted",   "flags",
                                              "topics",         "posts_read", "minutes"};

/* A trust setting as a number: its stored value, else its default. */
static int64_t tsetting(struct ctx *c, const char *key)
{
    int64_t def = 0;
    const char *d = trust_setting_default(key);
    if (d)
        str_to_i64(d, &def);
    return setting_int(c, key, def);
}

/* The level rec earns now (ignoring the lock, suspension and admin status). */
static int64_t earned(struct ctx *c, const struct trust_record *rec)
{
    int64_t have[NKEYS], lvl;
    int k;
    if (c->now - rec->created_at < tsetting(c, "newcomer_days") * 86400 ||
        rec->posts < tsetting(c, "newcomer_posts"))
        return TRUST_NEW;
    have[0] = rec->days_visited;
    have[1] = rec->posts;
    have[2] = rec->votes_given;
    have[3] = rec->votes_received;
    have[4] = rec->accepted;
    have[5] = rec->flags_agreed;
    have[6] = rec->topics_entered;
    have[7] = rec->posts_read;
    have[8] = rec->minutes_reading;
    for (lvl = TRUST_MEMBER; lvl <= TRUST_LEADER; lvl++) {
        for (k = 0; k < NKEYS; k++) {
            char key[40];
            snprintf(key, sizeof(key), "trust%d_%s", (int)lvl, level_keys[k]);
            if (have[k] < tsetting(c, key))
                return lvl - 1;
        }
    }
    return TRUST_LEADER;
}

static int64_t effective(struct ctx *c, const struct trust_record *rec)
{
    /* before the lock: a suspension (timed, or by an administrator) always demotes */
    if (rec->suspended_until > c->now || rec->suspended)
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

int64_t trust_acting_level(struct ctx *c)
{
    struct trust_record rec;
    if (c->system)
        return TRUST_LEADER;
    if (!c->uid || store_trust_stored(c->db, c->uid, &rec) < 0)
        return TRUST_NEW;
    if (rec.suspended_until > c->now || rec.suspended)
        return TRUST_NEW;
    if (rec.locked)
        return rec.level;
    return rec.is_admin ? TRUST_LEADER : rec.level;
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

int trust_reading(struct ctx *c, int64_t uid, int64_t topics, int64_t posts_read, int64_t minutes)
{
    if (uid <= 0 || (topics <= 0 && posts_read <= 0 && minutes <= 0))
        return 0;
    return store_trust_reading(c->db, uid, c->now / 86400, topics, posts_read, minutes,
                               TRUST_READ_TOPICS_DAY, TRUST_READ_POSTS_DAY,
                               TRUST_READ_MINUTES_DAY) < 0
               ? domain_db_fail(c, "reading")
               : 0;
}

int trust_reading_batch(struct ctx *c, const struct trust_read *v, size_t n)
{
    size_t i;
    if (n == 0)
        return 0;
    if (db_begin_write(c->db) < 0)
        return domain_db_fail(c, "begin");
    for (i = 0; i < n; i++)
        if (trust_reading(c, v[i].uid, v[i].topics, v[i].posts_read, v[i].minutes) < 0)
            return domain_rollback(c, c->err->code);
    if (db_commit(c->db) < 0)
        return domain_db_fail(c, "commit");
    return 0;
}

int64_t trust_reading_flush_seconds(struct ctx *c)
{
    return tsetting(c, "reading_flush_seconds");
}

int trust_post_limit(struct ctx *c, int opening, int64_t *retry_after)
{
    int64_t lvl, max, threads, replies, oldest_t, oldest_r, have, oldest;
    *retry_after = 0;
    if (c->system || c->is_admin || !c->uid)
        return 0;
    max = tsetting(c, opening ? "trust0_threads_per_hour" : "trust0_replies_per_hour");
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
                     (long long)((*retry_after + 59) / 60), (long long)tsetting(c, "newcomer_days"),
                     (long long)tsetting(c, "newcomer_posts"));
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
    int64_t v = tsetting(c, "trust_edit_level");
    return v > 4 ? 4 : v;
}

int64_t trust_retag_level(struct ctx *c)
{
    int64_t v = tsetting(c, "trust_retag_level");
    return v > 4 ? 4 : v;
}

int64_t trust_close_level(struct ctx *c)
{
    int64_t v = tsetting(c, "trust_close_level");
    return v > 4 ? 4 : v;
}

int64_t trust_close_votes_needed(struct ctx *c)
{
    int64_t v = tsetting(c, "close_votes_needed");
    return v < 1 ? 1 : v;
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
