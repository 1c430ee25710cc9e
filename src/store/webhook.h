/* The SQL catalogue for outgoing webhooks (tables webhooks, webhook_deliveries,
 * webhook_attempts; migration 0019): hooks of a community or of the instance, the hooks an
 * event goes to, deliveries (one event for one hook) and the log of every attempt. Literal
 * SQL with bound parameters, the same on SQLite and PostgreSQL. Returns follow
 * store/account.h: 0, ERR_NOTFOUND or ERR_DB. Rules: domain/webhook.h and
 * docs/internals/webhooks.md. */
#ifndef PRAXIS_STORE_WEBHOOK_H
#define PRAXIS_STORE_WEBHOOK_H
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "store/db.h"

/* One row of webhooks. */
struct webhook {
    int64_t id;                  /* webhooks.id */
    int64_t community_id;        /* 0 = an instance hook */
    const char *community_slug;  /* "" for an instance hook (read only) */
    int64_t owner_id;            /* who registered it */
    const char *owner_name;      /* users.name (read only) */
    const char *url;             /* https://... */
    const char *events;          /* event types separated by single spaces */
    const char *secret;          /* HMAC key, 64 hex digits */
    int active;                  /* 0 = turned off or disabled */
    const char *disabled_reason; /* "" when active or turned off by hand */
    int64_t failing_since;       /* first failed attempt since the last success, 0 = none */
    int64_t created_at, updated_at;
};

/* Insert w (id ignored; *id receives the new one). */
int store_webhook_insert(struct db *db, const struct webhook *w, int64_t *id);
int store_webhook_get(struct db *db, struct arena *a, int64_t id, struct webhook *out);
/* The hooks of community cid (0: the instance hooks), oldest first (arena array). */
int store_webhook_list(struct db *db, struct arena *a, int64_t cid, struct webhook **out,
                       size_t *n);
/* Change url, events and active; turning a hook on clears disabled_reason and
   failing_since. */
int store_webhook_update(struct db *db, int64_t id, const char *url, const char *events, int active,
                         int64_t now);
int store_webhook_set_secret(struct db *db, int64_t id, const char *secret, int64_t now);
int store_webhook_delete(struct db *db, int64_t id);
/* The active hooks an event of community cid may go to: that community's hooks whose owner
   is still one of its coordinators (or an administrator), and the instance hooks whose owner
   is still an administrator; owners must be active accounts. Only id and events are read. */
int store_webhook_targets(struct db *db, struct arena *a, int64_t cid, struct webhook **out,
                          size_t *n);
/* After an attempt: ok clears failing_since; a failure sets it to now unless it is set. */
int store_webhook_health(struct db *db, int64_t id, int ok, int64_t now);
/* Turn the hook off with reason (failing too long). */
int store_webhook_disable(struct db *db, int64_t id, const char *reason, int64_t now);

/* One row of webhook_deliveries. */
struct webhook_delivery {
    int64_t id;             /* webhook_deliveries.id: the X-Praxis-Delivery header */
    int64_t hook_id;        /* webhooks.id */
    const char *event_id;   /* the event's id (shared by redeliveries): X-Praxis-Event-Id */
    const char *event_type; /* "thread.created", ... */
    const char *payload;    /* the JSON body, as sent */
    const char *state;      /* pending | ok | failed (gave up) */
    int64_t attempts;       /* tries so far */
    int64_t created_at;     /* when the event happened (or the redelivery was asked for) */
    int64_t last_at;        /* time of the last try, 0 = none */
    int64_t last_code;      /* HTTP status of the last try, 0 = no answer */
    int64_t last_ms;        /* duration of the last try */
    const char *last_error; /* "" when none */
};
int store_webhook_delivery_insert(struct db *db, const struct webhook_delivery *d, int64_t *id);
int store_webhook_delivery_get(struct db *db, struct arena *a, int64_t id,
                               struct webhook_delivery *out);
/* Record one try of delivery d (of hook hook_id): attempts + 1, last_*, state, and a row in
   webhook_attempts. */
int store_webhook_delivery_record(struct db *db, int64_t id, int64_t hook_id, const char *state,
                                  int64_t at, int ok, int64_t code, int64_t ms, const char *error);
/* A pending delivery that will not be tried again (hook gone or off): state failed. */
int store_webhook_delivery_give_up(struct db *db, int64_t id, const char *error);
/* The hook's deliveries, newest first, at most limit (arena array; payload not read). */
int store_webhook_deliveries(struct db *db, struct arena *a, int64_t hook_id, int limit,
                             struct webhook_delivery **out, size_t *n);

/* One row of webhook_attempts, with its delivery's event. */
struct webhook_attempt {
    int64_t id, delivery_id;
    const char *event_type; /* of the delivery */
    int64_t at;             /* when the try started */
    int ok;                 /* 1 = a 2xx answer */
    int64_t code;           /* HTTP status, 0 = none */
    int64_t ms;             /* duration */
    const char *error;      /* "" when ok */
};
/* The hook's attempts, newest first, at most limit (arena array). */
int store_webhook_attempts(struct db *db, struct arena *a, int64_t hook_id, int limit,
                           struct webhook_attempt **out, size_t *n);

#endif
