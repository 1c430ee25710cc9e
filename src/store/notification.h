/* The SQL catalogue for in-app notifications and following (tables notifications, follows,
 * thread_reads; migrations 0007 and 0012): writing a notification to one member or fanning
 * it out to a set of members in one statement (INSERT ... SELECT), grouping repeated
 * activity into one unread row, listing and counting with visibility checked at read time,
 * marking read, the mail side's unmailed list, follow levels and the automatic watch.
 *
 * Who is told what is decided in domain/notification.c; these statements enforce the rules
 * that must hold for every row whoever writes it: never the actor, never someone who may
 * not read the community, never a member who muted the thread (when asked), never twice
 * about one new post. Strings in results are copied into the arena passed in. Functions
 * return 0 (or a count) or ERR_DB. */
#ifndef PRAXIS_STORE_NOTIFICATION_H
#define PRAXIS_STORE_NOTIFICATION_H
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "store/db.h"

struct notification {
    int64_t id;
    const char *kind, *text, *link; /* text/link as stored ("" for thread kinds: composed) */
    int64_t created_at;             /* latest activity of the row */
    int64_t read_at;                /* 0 = unread */
    int64_t actor_id;               /* who acted last, 0 = nobody (system) */
    const char *actor_name;         /* "" when none */
    int64_t community_id, thread_id, post_id; /* 0 = none; post_id is the first of a group */
    int64_t last_post_id;       /* latest post of a group (= post_id when not grouped) */
    int64_t event_id;           /* 0 = none */
    const char *community_slug; /* "" when none */
    const char *thread_title;   /* current title, "" when none */
    int64_t count;              /* grouped events; the milestone for "upvote" */
    int64_t mailed_at;          /* 0 = not mailed (the mail side sets it) */
};

/* What to write. Strings must outlive the call only. */
struct notification_new {
    const char *kind;      /* NOTIFY_* name, see domain/notification.h */
    const char *text;      /* stored text ("" when the domain composes it when listed) */
    const char *link;      /* "" or a site path */
    int64_t actor_id;      /* never notified; 0 = system */
    int64_t community_id;  /* visibility: who may read this community */
    int64_t thread_id;     /* 0 = none */
    int64_t post_id;       /* 0 = none */
    const char *group_key; /* "" = never grouped; else an unread row with this key grows */
    int64_t count;         /* 1, or the milestone reached */
    int64_t now;
    int dedupe;       /* NOTE_DEDUPE_* */
    int respect_mute; /* 1: skip members who muted the thread (or its community/tags) */
};

enum {
    NOTE_DEDUPE_NONE = 0,     /* always write (moderation) */
    NOTE_DEDUPE_NEW_POST = 1, /* skip a member already told about post_id by a new-post kind */
    NOTE_DEDUPE_KIND = 2      /* skip a member with a row of this kind for post_id, count >= */
};

/* A plain row for one member (article reminders); no checks. */
int notification_db_insert(struct db *db, int64_t uid, const char *kind, const char *text,
                           const char *link, int64_t now);
/* Tell member uid (subject to the checks above). Returns 1 if a row was written or grown,
   0 if the checks left nobody, ERR_DB. */
int notification_db_add_user(struct db *db, int64_t uid, const struct notification_new *n);
/* Fan-out: the members mentioned in n->post_id (table mentions). */
int notification_db_add_mentions(struct db *db, const struct notification_new *n);
/* Fan-out: members watching n->thread_id, explicitly or through its community or tags
   (unless they set a level on the thread itself). */
int notification_db_add_thread_watchers(struct db *db, const struct notification_new *n);
/* Fan-out: members watching n->community_id or one of n->thread_id's tags (a new thread). */
int notification_db_add_community_watchers(struct db *db, const struct notification_new *n);
/* Events: members who answered going, maybe or waitlist to event eid (date occ_key, or every
   date from key -occ_key on when occ_key <= 0) / member uid alone. Only kind, text, link,
   actor, community and now of n are used; the actor and members who may not read the
   community are skipped. */
int notification_db_add_event(struct db *db, const struct notification_new *n, int64_t eid,
                              int64_t occ_key);
int notification_db_add_event_user(struct db *db, int64_t uid, const struct notification_new *n,
                                   int64_t eid);

/* The member's notifications, newest activity first, at most limit (1..200), only those
   they may still see (community readable, thread and post not deleted or hidden from
   them); unread_only keeps unread rows. */
int notification_db_list(struct db *db, struct arena *a, int64_t uid, int unread_only, int limit,
                         struct notification **out, size_t *n);
/* Unread rows the member may still see. */
int notification_db_unread(struct db *db, int64_t uid, int64_t *count);
int notification_db_mark_read(struct db *db, int64_t uid, int64_t id, int64_t now); /* 0 = all */
/* Mark read the member's notifications about thread tid (the member viewed it). */
int notification_db_mark_thread_read(struct db *db, int64_t uid, int64_t tid, int64_t now);
/* Mark read the member's notifications about event eid (the member viewed it). */
int notification_db_mark_event_read(struct db *db, int64_t uid, int64_t eid, int64_t now);
/* For the mail side: the member's unread, unmailed, still visible notifications, oldest
   first (at most limit), and marking one mailed. */
int notification_db_unmailed(struct db *db, struct arena *a, int64_t uid, int limit,
                             struct notification **out, size_t *n);
int notification_db_mark_mailed(struct db *db, int64_t id, int64_t now);
/* The same, only rows whose kind is in kinds (",mention,answer," form: commas around every
   name) and whose latest activity is at or after since. */
int notification_db_unmailed_kinds(struct db *db, struct arena *a, int64_t uid, const char *kinds,
                                   int64_t since, int limit, struct notification **out, size_t *n);
/* The newest notification id (0 when none): rows written after it are "new" for
   notification_db_mail_candidates. */
int notification_db_max_id(struct db *db, int64_t *id);
/* One member with new notification rows that may be mailed. */
struct note_mail_candidate {
    int64_t uid;      /* the member */
    const char *kind; /* kind of one of the new rows */
    const char *mode; /* the member's choice for it ("" = none set: the default) */
};
/* Members with unread, unmailed rows of id > since_id who have a verified address and have
   not turned notification email off (notify_prefs kind 'all' = 'off'): one row per (member,
   kind), at most limit (arena array). */
/* The members (at most limit, by id) with an unread notification newer than since_id. */
int notification_db_new_users(struct db *db, struct arena *a, int64_t since_id, int limit,
                              int64_t **uids, size_t *n);
int notification_db_mail_candidates(struct db *db, struct arena *a, int64_t since_id, int limit,
                                    struct note_mail_candidate **out, size_t *n);

/* "Event starts soon": the date keys >= key_lo of event eid that someone is going to, at
   most limit (arena array). */
int notification_db_going_keys(struct db *db, struct arena *a, int64_t eid, int64_t key_lo,
                               int limit, int64_t **keys, size_t *n);
/* Tell every member going to (eid, occ_key) who may read community n->community_id, once
   per member and date (the row's group_key "event_soon:EID:KEY" marks it): kind, text, link,
   community and now of n are used. */
int notification_db_add_event_soon(struct db *db, const struct notification_new *n, int64_t eid,
                                   int64_t occ_key);

/* --- notification email preferences (table notify_prefs, migration 0014) --- */
struct notify_pref {
    const char *kind; /* a notification kind, "all" or "digest" */
    const char *mode; /* "app" | "email" | "digest" | "off" | "on" */
};
/* The member's rows (arena array), in kind order. */
int notify_pref_db_list(struct db *db, struct arena *a, int64_t uid, struct notify_pref **out,
                        size_t *n);
/* Set one row (insert or replace). */
int notify_pref_db_set(struct db *db, int64_t uid, const char *kind, const char *mode, int64_t now);
/* The member's verified address, or *email = NULL (arena copy) when none is verified. */
int notify_db_verified_email(struct db *db, struct arena *a, int64_t uid, const char **email);

/* Up votes (value +1) on post pid. */
int notification_db_upvotes(struct db *db, int64_t pid, int64_t *count);

/* Follow levels. A target is a thread (tid > 0), a community (cid > 0, tag "") or a tag of a
   community (cid > 0, tag). follow_db_get sets *level to the stored level or -1 (none). */
int follow_db_get(struct db *db, int64_t uid, int64_t cid, int64_t tid, const char *tag,
                  int *level);
int follow_db_set(struct db *db, int64_t uid, int64_t cid, int64_t tid, const char *tag, int level,
                  int64_t now);
/* Watch thread tid for uid if uid's auto_watch setting is on and uid set no level on it. */
int follow_db_auto_watch(struct db *db, int64_t uid, int64_t tid, int64_t now);
/* The member's auto_watch setting (1 = on). */
int follow_db_auto_watch_get(struct db *db, int64_t uid, int *on);
int follow_db_auto_watch_set(struct db *db, int64_t uid, int on);

/* "New since your last visit": remember that uid has seen thread tid up to post position. */
int thread_read_db_set(struct db *db, int64_t uid, int64_t tid, int64_t position);
/* uid's last seen positions of threads with ids in [lo, hi] (at most max rows, by thread id):
   tids[i] and pos[i], arena arrays. */
int thread_read_db_range(struct db *db, struct arena *a, int64_t uid, int64_t lo, int64_t hi,
                         int max, int64_t **tids, int64_t **pos, size_t *n);

#endif
