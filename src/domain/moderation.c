/* Moderation rules outside flags: the newcomer definition, the hold heuristics, timed
 * restrictions (suspend, silence) and the community's first-posts switch. See
 * domain/moderation.h; the SQL is in store/flag.c. */
#include <string.h>
#include <strings.h>

#include "core/timeutil.h"
#include "core/util.h"
#include "domain/domain_int.h"
#include "domain/moderation.h"
#include "domain/trust.h"
#include "store/coaching.h"
#include "store/flag.h"

static int64_t setting_int(struct ctx *c, const char *key, int64_t def)
{
    int64_t v;
    const char *s = settings_get(c, key, NULL);
    if (!s || str_to_i64(s, &v) < 0 || v < 0)
        return def;
    return v;
}

void moderation_policy(struct ctx *c, struct moderation_policy *p)
{
    p->newcomer_days = setting_int(c, "newcomer_days", 3);
    p->newcomer_posts = setting_int(c, "newcomer_posts", 3);
    p->max_links = setting_int(c, "hold_max_links", 2);
    p->duplicate_threads = setting_int(c, "hold_duplicate_threads", 0);
    p->burst_posts = setting_int(c, "hold_burst_posts", 0);
    p->burst_seconds = setting_int(c, "hold_burst_seconds", 60);
    p->hide_weight = setting_int(c, "flag_hide_weight", 300);
    if (p->hide_weight < 1)
        p->hide_weight = 1;
}

size_t moderation_count_links(const char *md)
{
    static const char *const starts[] = {"http://", "https://", "ftp://", "mailto:", "www."};
    size_t n = 0, i, k;
    if (!md)
        return 0;
    for (i = 0; md[i]; i++) {
        for (k = 0; k < ARRAY_SIZE(starts); k++) {
            size_t len = strlen(starts[k]);
            if (!strncasecmp(md + i, starts[k], len)) {
                /* "http://www.x" is one link: skip to the end of this URL. */
                n++;
                while (md[i] && md[i] != ' ' && md[i] != '\n' && md[i] != ')' && md[i] != '>' &&
                       md[i] != '"')
                    i++;
                if (!md[i])
                    return n;
                break;
            }
        }
    }
    return n;
}

int moderation_is_newcomer(struct ctx *c, const struct moderation_policy *p, int64_t uid,
                           int *is_new)
{
    /* A newcomer is a member at trust level 0 (domain/trust.h; its level-1 thresholds are
       newcomer_days and newcomer_posts, read there). */
    int64_t level;
    (void)p;
    *is_new = 0;
    if (trust_level(c, uid, &level, NULL) < 0)
        return c->err->code;
    *is_new = level == TRUST_NEW;
    return 0;
}

int moderation_hold_check(struct ctx *c, const struct community *cm, int64_t tid,
                          const char *body_md, const char **reason)
{
    struct moderation_policy p;
    int is_new, on;
    int64_t n;
    *reason = NULL;
    if (c->system || c->is_admin || !c->uid || cm->viewer_role >= ROLE_MODERATOR)
        return 0;
    moderation_policy(c, &p);
    if (moderation_is_newcomer(c, &p, c->uid, &is_new) < 0)
        return c->err->code;
    if (p.duplicate_threads > 0) {
        if (hold_db_same_text(c->db, c->uid, body_md, c->now - 86400, tid, &n) < 0)
            return domain_db_fail(c, "hold_same_text");
        if (n >= p.duplicate_threads) {
            *reason = "Held for review: the same text was posted in several threads.";
            return 0;
        }
    }
    if (!is_new)
        return 0;
    if (moderation_count_links(body_md) > (size_t)p.max_links) {
        *reason = arena_printf(c->arena,
                               "Held for review: new accounts may post at most %lld links at "
                               "once.",
                               (long long)p.max_links);
        return 0;
    }
    if (p.burst_posts > 0 && p.burst_seconds > 0) {
        if (hold_db_recent_posts(c->db, c->uid, c->now - p.burst_seconds, &n) < 0)
            return domain_db_fail(c, "hold_recent");
        if (n >= p.burst_posts) {
            *reason = "Held for review: posts came faster than a person reads.";
            return 0;
        }
    }
    if (hold_db_first_posts(c->db, cm->id, &on) < 0)
        return domain_db_fail(c, "hold_first_posts");
    if (on) {
        if (hold_db_posts_in(c->db, c->uid, cm->id, &n) < 0)
            return domain_db_fail(c, "hold_posts_in");
        if (n == 0) {
            *reason = "Held for review: first posts of new accounts are reviewed in this "
                      "community.";
            return 0;
        }
    }
    return 0;
}

const char *moderation_time_text(struct arena *a, int64_t t)
{
    char iso[32];
    time_iso(t, iso);
    /* "2026-11-28T15:12:03Z" -> "2026-11-28 15:12 UTC" */
    return arena_printf(a, "%.10s %.5s UTC", iso, iso + 11);
}

int moderation_restrictions(struct ctx *c, int64_t uid, int64_t *suspended_until,
                            int64_t *silenced_until, const char **reason)
{
    int rc = restrict_db_get(c->db, c->arena, uid, suspended_until, silenced_until, reason);
    if (rc < 0 && rc != ERR_NOTFOUND)
        return domain_db_fail(c, "restrictions");
    if (*suspended_until <= c->now)
        *suspended_until = 0;
    if (*silenced_until <= c->now)
        *silenced_until = 0;
    return 0;
}

int moderation_write_check(struct ctx *c)
{
    int64_t su, si;
    const char *why;
    if (!c->uid || c->system)
        return 0;
    if (moderation_restrictions(c, c->uid, &su, &si, &why) < 0)
        return c->err->code;
    if (su)
        return error_set(c->err, ERR_PERM, NULL, "Your account is suspended until %s%s%s",
                         moderation_time_text(c->arena, su), *why ? ": " : ".", why);
    if (si)
        return error_set(c->err, ERR_PERM, NULL,
                         "You are silenced until %s: you can read but not post, comment or "
                         "flag%s%s",
                         moderation_time_text(c->arena, si), *why ? ". Reason: " : ".", why);
    return 0;
}

int moderation_signin_check(struct ctx *c, int64_t uid)
{
    int64_t su, si;
    const char *why;
    if (moderation_restrictions(c, uid, &su, &si, &why) < 0)
        return c->err->code;
    if (su)
        return error_set(c->err, ERR_PERM, NULL, "This account is suspended until %s%s%s",
                         moderation_time_text(c->arena, su), *why ? ": " : ".", why);
    return 0;
}

int moderation_first_posts(struct ctx *c, const struct community *cm, int *on)
{
    *on = 0;
    if (!c->system && !c->is_admin && cm->viewer_role < ROLE_MODERATOR)
        return error_set(c->err, ERR_PERM, NULL, "Only moderators and coordinators can see this.");
    if (hold_db_first_posts(c->db, cm->id, on) < 0)
        return domain_db_fail(c, "first_posts");
    return 0;
}

int moderation_set_first_posts(struct ctx *c, const struct community *cm, int on)
{
    if (!community_can_edit(c, cm))
        return error_set(c->err, ERR_PERM, NULL, "Only coordinators can change this.");
    if (hold_db_set_first_posts(c->db, cm->id, on) < 0)
        return domain_db_fail(c, "set_first_posts");
    return 0;
}

/* ------------------------------------------------------------------------------------------ */
/* Coaching */

int moderation_can_coach(struct ctx *c, const struct community *cm, struct coaching_settings *s,
                         int *can)
{
    struct coaching_settings tmp;
    int64_t level = 0;
    *can = 0;
    if (!s)
        s = &tmp;
    if (coaching_db_settings(c->db, cm->id, s) < 0)
        return domain_db_fail(c, "coaching_settings");
    if (c->system || !c->uid)
        return 0;
    if (c->is_admin || cm->viewer_role >= ROLE_MODERATOR) {
        *can = 1;
        return 0;
    }
    if (cm->viewer_role < ROLE_MEMBER)
        return 0;
    if (trust_level(c, c->uid, &level, NULL) < 0)
        return c->err->code;
    *can = level >= s->level;
    return 0;
}

int moderation_coaching_check(struct ctx *c, const struct community *cm, int question,
                              struct coaching_settings *s, int *coach)
{
    int can;
    int64_t n;
    *coach = 0;
    if (moderation_can_coach(c, cm, s, &can) < 0)
        return c->err->code;
    if (!s->on || !question || can || c->system || !c->uid)
        return 0;
    if (s->first_only) {
        if (coaching_db_questions_in(c->db, c->uid, cm->id, &n) < 0)
            return domain_db_fail(c, "coaching_questions");
        if (n > 0)
            return 0;
    }
    *coach = 1;
    return 0;
}
