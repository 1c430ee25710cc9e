/* Participation levels and trajectories: the level rule (pure), levels as of a time from
 * the store's activity counts, monthly snapshots computed on demand once a month is over,
 * and the summaries the API, the coordinator page, the profile and the CLI show. See
 * domain/participation.h and docs/participation.md. */
#include <stdlib.h>
#include <string.h>

#include "core/tz.h"
#include "domain/community.h"
#include "domain/domain_int.h"
#include "domain/participation.h"
#include "store/expertise.h"

static const char *const level_names[PART__MAX] = {"inactive", "peripheral", "active", "core"};

const char *participation_level_name(int level)
{
    return level > 0 && level < PART__MAX ? level_names[level] : level_names[0];
}

int participation_level(const struct participation_activity *a)
{
    int64_t strong = a->accepted + a->articles + a->reviews + a->organised;
    int64_t contrib = a->answered + a->comments + a->edits + a->attended + strong;
    if (strong >= PART_CORE_MIN)
        return PART_CORE;
    if (contrib >= PART_ACTIVE_MIN)
        return PART_ACTIVE;
    if (contrib + a->asked + a->votes + a->rsvps > 0)
        return PART_PERIPHERAL;
    return PART_INACTIVE;
}

int64_t participation_month_of(int64_t t)
{
    int y, m, d;
    civil_from_days((t >= 0 ? t : t - 86399) / 86400, &y, &m, &d);
    return (int64_t)y * 100 + m;
}

int64_t participation_month_end(int64_t month)
{
    int y = (int)(month / 100), m = (int)(month % 100);
    if (++m > 12) {
        m = 1;
        y++;
    }
    return civil_days(y, m, 1) * 86400;
}

int64_t participation_month_prev(int64_t month)
{
    return month % 100 == 1 ? (month / 100 - 1) * 100 + 12 : month - 1;
}

/* The window's (exclusive) end for levels "now": the next second, so that what was done in
   this very second counts too. */
#define NOW_END(c) ((c)->now + 1)

static int64_t ymd_of(int64_t t)
{
    int y, m, d;
    civil_from_days((t >= 0 ? t : t - 86399) / 86400, &y, &m, &d);
    return (int64_t)y * 10000 + m * 100 + d;
}

int participation_levels_at(struct ctx *c, int64_t cid, int64_t t, struct participation_row **out,
                            size_t *n)
{
    struct participation_activity *act;
    size_t na, i;
    int64_t from = t - (int64_t)PART_WINDOW_DAYS * 86400;
    *n = 0;
    if (participation_db_activity(c->db, c->arena, cid, from, t, ymd_of(from), ymd_of(t), &act,
                                  &na) < 0)
        return domain_db_fail(c, "participation");
    *out = arena_alloc(c->arena, (na ? na : 1) * sizeof(**out));
    for (i = 0; i < na; i++) {
        int level = participation_level(&act[i]);
        if (level == PART_INACTIVE)
            continue;
        (*out)[*n].user_id = act[i].user_id;
        (*out)[*n].level = level;
        (*out)[*n].name = (*out)[*n].display_name = NULL;
        (*n)++;
    }
    return 0;
}

int participation_levels_month(struct ctx *c, int64_t cid, int64_t month,
                               struct participation_row **out, size_t *n)
{
    int64_t end = participation_month_end(month);
    int rc;
    if (end > c->now)
        return participation_levels_at(c, cid, NOW_END(c), out, n);
    rc = participation_db_month_done(c->db, cid, month);
    if (rc < 0)
        return domain_db_fail(c, "participation month");
    if (rc == 1) {
        if (participation_db_month(c->db, c->arena, cid, month, out, n) < 0)
            return domain_db_fail(c, "participation month");
        return 0;
    }
    if ((rc = participation_levels_at(c, cid, end, out, n)) < 0)
        return rc;
    if (db_begin_write(c->db) < 0)
        return domain_db_fail(c, "begin");
    rc = participation_db_month_store(c->db, cid, month, c->now, *out, *n);
    if (rc == ERR_CONFLICT) { /* stored meanwhile by another process: same rows */
        db_rollback(c->db);
        return 0;
    }
    if (rc < 0)
        return domain_rollback(c, domain_db_fail(c, "participation store"));
    if (db_commit(c->db) < 0)
        return domain_rollback(c, domain_db_fail(c, "commit"));
    return 0;
}

/* The level of uid among rows[0..n), PART_INACTIVE if absent. */
static int level_of(const struct participation_row *rows, size_t n, int64_t uid)
{
    size_t i;
    for (i = 0; i < n; i++)
        if (rows[i].user_id == uid)
            return rows[i].level;
    return PART_INACTIVE;
}

int participation_summary(struct ctx *c, const struct community *cm, int months,
                          struct participation_month **out, int64_t *inward, int64_t *outward)
{
    struct participation_row *rows, *now_rows, *before;
    size_t n, nnow, nbefore, i;
    int64_t month = participation_month_of(c->now), qstart;
    int k, rc;
    if (months < 1)
        months = 1;
    if (months > PART_MONTHS_MAX)
        months = PART_MONTHS_MAX;
    *out = arena_alloc(c->arena, (size_t)months * sizeof(**out));
    for (k = months - 1; k >= 0; k--) {
        struct participation_month *pm = &(*out)[k];
        memset(pm, 0, sizeof(*pm));
        pm->month = month;
        if ((rc = participation_levels_month(c, cm->id, month, &rows, &n)) < 0)
            return rc;
        for (i = 0; i < n; i++)
            pm->count[rows[i].level]++;
        month = participation_month_prev(month);
    }
    /* this quarter: now against the end of the previous quarter */
    month = participation_month_of(c->now);
    qstart = (month / 100) * 100 + ((month % 100 - 1) / 3) * 3 + 1;
    if ((rc = participation_levels_at(c, cm->id, NOW_END(c), &now_rows, &nnow)) < 0)
        return rc;
    if ((rc = participation_levels_month(c, cm->id, participation_month_prev(qstart), &before,
                                         &nbefore)) < 0)
        return rc;
    *inward = *outward = 0;
    for (i = 0; i < nnow; i++) {
        int was = level_of(before, nbefore, now_rows[i].user_id);
        if (now_rows[i].level > was)
            (*inward)++;
        else if (now_rows[i].level < was)
            (*outward)++;
    }
    for (i = 0; i < nbefore; i++)
        if (level_of(now_rows, nnow, before[i].user_id) == PART_INACTIVE)
            (*outward)++;
    return 0;
}

static int by_level_then_name(const void *a, const void *b)
{
    const struct participation_row *x = a, *y = b;
    if (x->level != y->level)
        return x->level > y->level ? -1 : 1;
    return strcmp(x->name ? x->name : "", y->name ? y->name : "");
}

int participation_members(struct ctx *c, const struct community *cm, struct participation_row **out,
                          size_t *n)
{
    size_t i;
    int rc;
    if (!c->system && !community_can_edit(c, cm))
        return error_set(c->err, ERR_PERM, NULL,
                         "Only the community's coordinators see who is at which level.");
    if ((rc = participation_levels_at(c, cm->id, NOW_END(c), out, n)) < 0)
        return rc;
    for (i = 0; i < *n; i++) {
        rc = expertise_db_user(c->db, c->arena, (*out)[i].user_id, &(*out)[i].name,
                               &(*out)[i].display_name);
        if (rc == ERR_NOTFOUND) {
            (*out)[i].name = (*out)[i].display_name = "";
            continue;
        }
        if (rc < 0)
            return domain_db_fail(c, "participation user");
    }
    qsort(*out, *n, sizeof(**out), by_level_then_name);
    return 0;
}

int participation_history(struct ctx *c, const struct community *cm, int64_t uid, int months,
                          int *levels)
{
    struct participation_row *rows;
    int64_t month = participation_month_of(c->now);
    size_t n;
    int k, rc;
    if (!c->system && c->uid != uid && !community_can_edit(c, cm))
        return error_set(c->err, ERR_PERM, NULL,
                         "Only the member and the community's coordinators see this history.");
    for (k = months - 1; k >= 0; k--) {
        if ((rc = participation_levels_month(c, cm->id, month, &rows, &n)) < 0)
            return rc;
        levels[k] = level_of(rows, n, uid);
        month = participation_month_prev(month);
    }
    return 0;
}

int participation_span(struct ctx *c, const struct community *cm, int64_t *first, int64_t *last)
{
    int64_t a, b;
    *first = *last = 0;
    if (participation_db_span(c->db, cm->id, &a, &b) < 0)
        return domain_db_fail(c, "participation span");
    if (a || b) {
        *first = participation_month_of(a);
        *last = participation_month_of(b);
    }
    return 0;
}

int participation_profile(struct ctx *c, int64_t uid, int months,
                          struct participation_profile **out, size_t *n)
{
    int64_t *ids;
    size_t nids, i;
    int k, rc;
    *n = 0;
    if (!c->uid)
        return 0;
    if (participation_db_user_communities(c->db, c->arena, uid, &ids, &nids) < 0)
        return domain_db_fail(c, "participation communities");
    *out = arena_alloc(c->arena, (nids ? nids : 1) * sizeof(**out));
    for (i = 0; i < nids; i++) {
        struct participation_profile *p = &(*out)[*n];
        int any = 0;
        rc = community_db_get_id(c->db, c->arena, ids[i], c->uid, &p->cm);
        if (rc == ERR_NOTFOUND)
            continue;
        if (rc < 0)
            return domain_db_fail(c, "participation community");
        if (!community_can_read(c, &p->cm) || (c->uid != uid && !community_can_edit(c, &p->cm)))
            continue;
        p->levels = arena_alloc(c->arena, (size_t)months * sizeof(int));
        if ((rc = participation_history(c, &p->cm, uid, months, p->levels)) < 0)
            return rc;
        for (k = 0; k < months; k++)
            any |= p->levels[k] != PART_INACTIVE;
        if (any)
            (*n)++;
    }
    return 0;
}
