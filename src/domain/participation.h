/* Participation levels (docs/participation.md): for each member in each community, a level
 * over a rolling 90 days computed from what they did there — peripheral (reads, votes,
 * RSVPs, asks occasionally), active (answers, comments, edits, attends), core (accepted
 * answers, articles, reviews, organising) — and trajectories: the level as of each month's
 * end, stored once the month is over (computed on demand), counts per level per month, how
 * many moved inward or outward this quarter, and one member's monthly history. */
#ifndef PRAXIS_DOMAIN_PARTICIPATION_H
#define PRAXIS_DOMAIN_PARTICIPATION_H
#include <stddef.h>
#include <stdint.h>

#include "domain/domain.h"
#include "store/community.h"
#include "store/participation.h"

enum participation_level {
    PART_INACTIVE = 0,   /* nothing in the window */
    PART_PERIPHERAL = 1, /* some activity, below active */
    PART_ACTIVE = 2,
    PART_CORE = 3,
    PART__MAX
};

#define PART_WINDOW_DAYS 90 /* the rolling window */
#define PART_CORE_MIN    3  /* accepted + article revisions + reviews + events organised */
#define PART_ACTIVE_MIN  2  /* answers + comments + edits + attended + the core counts */
#define PART_MONTHS_MAX  120

/* "inactive", "peripheral", "active", "core" ("inactive" if out of range). */
const char *participation_level_name(int level);
/* The level of one member's activity over a window (the documented rule). Pure. */
int participation_level(const struct participation_activity *a);

/* YYYYMM of time t (UTC), and the first second after month m (YYYYMM): its "as of". Pure. */
int64_t participation_month_of(int64_t t);
int64_t participation_month_end(int64_t month);
/* The month before m (YYYYMM). Pure. */
int64_t participation_month_prev(int64_t month);

/* Levels in community cid as of time t (window [t - 90 days, t)), every member with a
   level (arena array). No permission check (callers check). ERR_DB. */
int participation_levels_at(struct ctx *c, int64_t cid, int64_t t, struct participation_row **out,
                            size_t *n);
/* Levels as of the end of month (YYYYMM): stored once computed when the month is over
   (written in its own transaction), computed live for the current month (as of now). */
int participation_levels_month(struct ctx *c, int64_t cid, int64_t month,
                               struct participation_row **out, size_t *n);

/* Counts per level for one month. */
struct participation_month {
    int64_t month; /* YYYYMM */
    int64_t count[PART__MAX];
};
/* The last `months` months of cm (oldest first, the current month last, as of now), and
   this quarter's movement: members whose level now is higher (inward) or lower (outward)
   than at the end of the previous quarter. Any reader of cm. ERR_DB. */
int participation_summary(struct ctx *c, const struct community *cm, int months,
                          struct participation_month **out, int64_t *inward, int64_t *outward);
/* The members of each level now, for coordinators (community_can_edit): arena array of
   user ids with their levels, highest level first. ERR_PERM for anyone else. */
int participation_members(struct ctx *c, const struct community *cm, struct participation_row **out,
                          size_t *n);
/* Member uid's level at the end of each of the last `months` months (levels[0] oldest,
   the current month last, as of now) in cm. The member themselves, coordinators of cm and
   administrators; ERR_PERM for anyone else. */
int participation_history(struct ctx *c, const struct community *cm, int64_t uid, int months,
                          int *levels);

/* One community of a member's profile: its levels at the end of the last months. */
struct participation_profile {
    struct community cm;
    int *levels; /* [months], oldest first, the current month (as of now) last */
};
/* The communities of member uid whose history the viewer may see (the member themselves:
   every community they belong to that they can read; others: those where the viewer is a
   coordinator; administrators: all), with uid's levels over the last `months` months
   (arena). Communities where uid never had a level are left out. ERR_DB. */
int participation_profile(struct ctx *c, int64_t uid, int months,
                          struct participation_profile **out, size_t *n);

/* The months (YYYYMM) of cm's first and last post, 0 and 0 when it has none. ERR_DB. */
int participation_span(struct ctx *c, const struct community *cm, int64_t *first, int64_t *last);

#endif
