/* The SQL catalogue for events (migration 0004_events.sql): event series, per-occurrence
 * overrides, RSVPs with the waitlist, and members' calendar feed tokens (hashed).
 * These functions only read and write rows; domain/event.c decides who may do what. The
 * listing of events across communities carries the community visibility filter in SQL (like
 * the community directory) so a list can never include a private community's events for an
 * outsider. Strings in results live in the arena passed in. Functions return 0,
 * ERR_NOTFOUND, ERR_CONFLICT or ERR_DB. */
#ifndef PRAXIS_STORE_EVENT_H
#define PRAXIS_STORE_EVENT_H
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "store/db.h"

struct event {
    int64_t id;
    int64_t community_id;
    const char *title;
    const char *description_md, *description_html;
    const char *tz;         /* IANA zone of the organiser */
    int64_t start_local;    /* wall-clock start of the first date, local seconds */
    int64_t duration;       /* seconds */
    int64_t start_at;       /* UTC start of the first occurrence */
    int64_t last_end_at;    /* UTC end of the last occurrence (for upcoming/past lists) */
    const char *location;   /* place, "" if none */
    const char *online_url; /* link to join online, "" if none */
    int64_t capacity;       /* 0 = unlimited */
    const char *freq;       /* "none" | "daily" | "weekly" | "monthly" */
    int64_t interval;
    int64_t byday;          /* bit 0 = Sunday */
    const char *monthly;    /* "date" | "weekday" | "last" */
    int64_t count;          /* 0 when until_date is used */
    const char *until_date; /* "YYYY-MM-DD" or "" */
    const char *notes_url;  /* where what was learned lives (thread/article URL), "" */
    const char *notes_md, *notes_html;
    int64_t sequence; /* bumped on every change of the series (iCalendar SEQUENCE) */
    int cancelled;    /* whole series cancelled */
    int64_t created_by;
    const char *created_by_name;    /* "" if gone */
    const char *created_by_display; /* the organiser's display name; "" if none or gone,
                                       NULL on an event built in memory (not read back) */
    int64_t created_at, updated_at;
    const char *community_slug, *community_name; /* joined in by every read */
};

struct event_override {
    int64_t event_id, occ_key;
    const char *title;        /* NULL: the series' */
    int64_t start_at, end_at; /* 0: the rule's */
    const char *location;     /* NULL: the series' */
    int cancelled;
    int64_t sequence;
    int64_t updated_at;
};

struct event_rsvp {
    int64_t user_id;
    const char *name, *display_name;
    const char *status; /* "going" | "maybe" | "no" | "waitlist" */
    int64_t responded_at, waitlisted_at;
};

int event_db_insert(struct db *db, struct event *ev); /* sets ev->id */
/* Update every series field of ev->id and bump its sequence (ev->sequence is set to it). */
int event_db_update(struct db *db, struct event *ev);
int event_db_get(struct db *db, struct arena *a, int64_t id, struct event *out);
/* Events of a community whose last occurrence ends at or after `from` (past = 0), or
   before it (past = 1, newest first); at most limit (<= 500). */
int event_db_list_community(struct db *db, struct arena *a, int64_t cid, int64_t from, int past,
                            int limit, struct event **out, size_t *n);
/* Events ending at or after `from` in the communities the viewer may read (public; members
   when viewer != 0; private only when a member), or with mine = 1 only those of communities
   the viewer belongs to. */
int event_db_list_visible(struct db *db, struct arena *a, int64_t viewer, int mine, int64_t from,
                          int limit, struct event **out, size_t *n);

int event_db_overrides(struct db *db, struct arena *a, int64_t eid, struct event_override **out,
                       size_t *n);
/* Insert or replace the override of (event_id, occ_key), bumping its sequence. */
int event_db_override_put(struct db *db, const struct event_override *o);

/* RSVPs of one occurrence: going, waitlist (in order), maybe, no. */
int event_db_rsvps(struct db *db, struct arena *a, int64_t eid, int64_t key,
                   struct event_rsvp **out, size_t *n);
/* The viewer's status ("" when none), arena copy. */
int event_db_rsvp_status(struct db *db, struct arena *a, int64_t eid, int64_t key, int64_t uid,
                         const char **out);
/* Set (insert or update) or, with status NULL, delete a response. waitlisted_at is kept
   when status stays "waitlist". */
int event_db_rsvp_set(struct db *db, int64_t eid, int64_t key, int64_t uid, const char *status,
                      int64_t now);
int event_db_rsvp_count(struct db *db, int64_t eid, int64_t key, const char *status, int64_t *out);
/* The first waitlisted user (by waitlisted_at then id), ERR_NOTFOUND if none. */
int event_db_first_waitlisted(struct db *db, int64_t eid, int64_t key, int64_t *uid);
/* Occurrence keys of eid that have someone waitlisted (for promotion after a capacity
   change); arena array. */
int event_db_waitlisted_keys(struct db *db, struct arena *a, int64_t eid, int64_t **out, size_t *n);
/* (event_id, occ_key) pairs where uid's status is "going", into parallel arena arrays. */
int event_db_user_going(struct db *db, struct arena *a, int64_t uid, int64_t **eids, int64_t **keys,
                        size_t *n);

/* Calendar feed tokens. */
int caltoken_db_set(struct db *db, int64_t uid, const char *hash, int64_t now);
int caltoken_db_user(struct db *db, const char *hash, int64_t *uid);
int caltoken_db_exists(struct db *db, int64_t uid); /* 1 / 0, or ERR_DB */

#endif
