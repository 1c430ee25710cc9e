/* Newcomer coaching for first questions (issue 16; docs/moderation.md "Coaching"): when a
 * community turns it on, a newcomer's question goes to a coaching queue instead of being
 * published. Its author, the community's coaches (members at or above its coaching trust
 * level, and its staff) and administrators see it; nobody else does, anywhere (it is stored
 * as a held question: docs/internals/moderation.md). Coaches comment privately, suggest
 * edits (a proposed title and body the author accepts, which applies it as a revision
 * credited to the coach, or rejects) and mark it ready, which publishes it. The author
 * publishes it whenever they like; otherwise the "coaching_publish" job publishes it after
 * the community's coaching hours. Publication makes it a normal question as of that moment
 * (created now: fresh in "latest"; notifications, webhooks and live updates fire then).
 * Coaches are credited on the published question ("Coached by ...") and their notes count
 * as reviews in participation levels. The notes are private: after publication only the
 * author, the coaches and staff still see them.
 *
 * Functions return 0 or a negative enum err with ctx->err set; results live in ctx->arena. */
#ifndef PRAXIS_DOMAIN_COACHING_H
#define PRAXIS_DOMAIN_COACHING_H
#include <stddef.h>
#include <stdint.h>

#include "domain/community.h"
#include "domain/domain.h"
#include "store/coaching.h"
#include "store/thread.h"

#define COACHING_QUEUE_MAX   100  /* questions listed in a queue */
#define COACHING_NOTES_MAX   200  /* notes shown for one question */
#define COACHING_HOURS_MAX   8760 /* auto-publish after at most a year */
#define COACHING_COACHES_MAX 20   /* coaches credited by name */

/* Read a community's settings: its coordinators and moderators, and administrators. */
int coaching_settings_get(struct ctx *c, const struct community *cm, struct coaching_settings *out);
/* Change them: coordinators (community_can_edit). level 0..4, hours 0..COACHING_HOURS_MAX,
   else ERR_INVALID naming the field. */
int coaching_settings_set(struct ctx *c, const struct community *cm,
                          const struct coaching_settings *in);

/* The questions in coaching in cm, oldest first: coaches and staff of cm (else ERR_PERM).
 *can_coach tells the page whether to show it at all. */
int coaching_queue(struct ctx *c, const struct community *cm, struct coaching_item **out,
                   size_t *n);

/* What the coaching panel of question tid shows the viewer. */
struct coaching_view {
    int in_coaching;             /* the question is in coaching now */
    int coached;                 /* it was published from coaching */
    int may_see_notes;           /* author, coach or staff */
    int is_author;               /* the viewer asked it */
    int can_coach;               /* the viewer may comment, suggest and mark ready */
    int can_publish;             /* author or staff, while in coaching */
    int can_comment;             /* author, coach or staff, while in coaching */
    int64_t publish_at;          /* when it publishes itself, 0 = never */
    const char *body_md;         /* the question's text, for a coach's suggestion form */
    struct coaching_note *notes; /* oldest first (may_see_notes only) */
    size_t nnotes;
    struct coaching_coach *coaches; /* credited coaches (published questions) */
    size_t ncoaches;
};
/* The panel of thread tid for the viewer (read rules of thread_get apply). A thread never in
   coaching gives an all-zero view. */
int coaching_view(struct ctx *c, int64_t tid, struct coaching_view *out);

/* A note on question tid in coaching (author, coach or staff; not silenced/suspended):
   body_md (1..thread body limit). The author is told of a coach's note; coaches who took
   part are told of the author's. *id gets the note's id (may be NULL). */
int coaching_comment(struct ctx *c, int64_t tid, const char *body_md, int64_t *id);
/* A suggested edit by a coach (not the author): title (NULL or "" = unchanged) and body
   (NULL or "" = unchanged; not both). The author is told; audited. */
int coaching_suggest(struct ctx *c, int64_t tid, const char *title, const char *body_md,
                     int64_t *id);
/* The author (or staff) accepts or rejects pending suggestion nid. Accepting applies it as a
   new revision of the question authored by the coach. The coach is told; audited. */
int coaching_decide(struct ctx *c, int64_t nid, int accept, int64_t *tid);
/* Publish question tid now: by its author or staff ("Publish now"), or by a coach (ready =
   1: a "ready" note credits them). ERR_CONFLICT when it is not in coaching. */
int coaching_publish(struct ctx *c, int64_t tid, int ready);

/* Run a "coaching_publish" job (payload {"thread":N}, queued when the question entered
   coaching, due coaching_hours later): publishes it if it is still in coaching and its time
   has come under the current setting (a later time queues the job again; 0 hours leaves it
   in coaching). 0, or -1 with err filled. */
int coaching_job(struct ctx *c, const char *payload, char *err, size_t errlen);

#endif
