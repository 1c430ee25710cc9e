/* Webhook events and their publishing (see webhook.h): the event types, the signature, and
 * one delivery (and its job) per interested hook, written in the caller's transaction. The
 * hooks themselves are managed in webhook_manage.c and delivered by webhook_deliver.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <sodium.h>

#include "core/buf.h"
#include "core/rand.h"
#include "core/timeutil.h"
#include "domain/domain_int.h"
#include "domain/webhook.h"
#include "store/account.h"
#include "store/job.h"
#include "core/util.h"

static const char *const event_types[] = {
    "thread.created",         "post.created",    "post.edited",
    "post.deleted",           "answer.accepted", "article.published",
    "article.status_changed", "event.created",   "event.changed",
    "member.joined",          "member.left",     "flag.raised",
};

size_t webhook_event_types(const char *const **types)
{
    *types = event_types;
    return ARRAY_SIZE(event_types);
}

int webhook_event_known(const char *s)
{
    size_t i;
    for (i = 0; s && i < ARRAY_SIZE(event_types); i++)
        if (!strcmp(s, event_types[i]))
            return 1;
    return 0;
}

void webhook_events_split(struct arena *a, const char *text, const char ***out, size_t *n)
{
    const char *p = text ? text : "";
    size_t cap = 0, len;
    *n = 0;
    for (len = 0; p[len]; len++)
        if (strchr(" ,\n\r\t", p[len]))
            cap++;
    *out = arena_alloc(a, (cap + 1) * sizeof(**out));
    while (*p) {
        while (*p == ' ' || *p == ',' || *p == '\n' || *p == '\r' || *p == '\t')
            p++;
        for (len = 0; p[len] && !strchr(" ,\n\r\t", p[len]); len++)
            ;
        if (len && *n <= cap)
            (*out)[(*n)++] = arena_strndup(a, p, len);
        p += len;
    }
}

void webhook_sign(const char *secret, int64_t t, const char *body, size_t len,
                  char out[WEBHOOK_SIG_HEX + 1])
{
    crypto_auth_hmacsha256_state st;
    unsigned char mac[crypto_auth_hmacsha256_BYTES];
    char ts[32];
    int n = snprintf(ts, sizeof(ts), "%lld.", (long long)t);
    crypto_auth_hmacsha256_init(&st, (const unsigned char *)secret, strlen(secret));
    crypto_auth_hmacsha256_update(&st, (const unsigned char *)ts, (unsigned long long)n);
    crypto_auth_hmacsha256_update(&st, (const unsigned char *)body, (unsigned long long)len);
    crypto_auth_hmacsha256_final(&st, mac);
    sodium_bin2hex(out, WEBHOOK_SIG_HEX + 1, mac, sizeof(mac));
}

/* ------------------------------------------------------------------------------------------ */
/* Publishing */

/* Does the space-separated list have type? */
static int wants(const char *events, const char *type)
{
    size_t n = strlen(type);
    const char *p = events;
    while ((p = strstr(p, type)) != NULL) {
        if ((p == events || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0'))
            return 1;
        p += n;
    }
    return 0;
}

/* The hooks of cm that want type (arena array). */
static int targets(struct ctx *c, const char *type, const struct community *cm,
                   struct webhook **out, size_t *n)
{
    struct webhook *all;
    size_t na, i;
    if (store_webhook_targets(c->db, c->arena, cm->id, &all, &na) < 0)
        return domain_db_fail(c, "webhook_targets");
    *out = all;
    *n = 0;
    for (i = 0; i < na; i++)
        if (wants(all[i].events, type))
            all[(*n)++] = all[i];
    return 0;
}

static const char *base_url(struct ctx *c)
{
    return settings_get(c, "base_url", "");
}

static json_t *user_obj(struct ctx *c, int64_t uid)
{
    struct user_row u;
    json_t *o;
    if (!uid || store_user_by_id(c->db, c->arena, uid, &u) < 0)
        return json_null();
    o = json_object();
    json_object_set_new(o, "id", json_integer(uid));
    json_object_set_new(o, "name", json_string(u.name));
    json_object_set_new(o, "display_name", json_string(u.display_name ? u.display_name : ""));
    return o;
}

/* Make the envelope, the body text, and one delivery + job per hook. Steals data. */
static int publish(struct ctx *c, const char *type, const struct community *cm,
                   const struct webhook *hooks, size_t n, const char *key, json_t *data)
{
    json_t *o = json_object(), *co = json_object();
    char id[TOKEN_HEX_LEN + 1], when[32];
    char *body;
    size_t i;
    int rc = 0;
    rand_token(id);
    time_iso(c->now, when);
    json_object_set_new(o, "v", json_integer(WEBHOOK_VERSION));
    json_object_set_new(o, "id", json_string(id));
    json_object_set_new(o, "type", json_string(type));
    json_object_set_new(o, "time", json_string(when));
    json_object_set_new(co, "id", json_integer(cm->id));
    json_object_set_new(co, "slug", json_string(cm->slug));
    json_object_set_new(co, "name", json_string(cm->name));
    json_object_set_new(co, "visibility", json_string(community_vis_name(cm->visibility)));
    json_object_set_new(co, "url",
                        json_string(arena_printf(c->arena, "%s/c/%s", base_url(c), cm->slug)));
    json_object_set_new(o, "community", co);
    json_object_set_new(o, "actor", user_obj(c, c->uid));
    json_object_set_new(o, key, data);
    body = json_dumps(o, JSON_COMPACT);
    json_decref(o);
    for (i = 0; i < n && rc == 0; i++) {
        struct webhook_delivery d;
        int64_t did;
        memset(&d, 0, sizeof(d));
        d.hook_id = hooks[i].id;
        d.event_id = id;
        d.event_type = type;
        d.payload = body;
        d.created_at = c->now;
        if (store_webhook_delivery_insert(c->db, &d, &did) < 0 || webhook_enqueue(c, did) < 0)
            rc = domain_db_fail(c, "webhook_publish");
    }
    free(body);
    return rc;
}

static json_t *thread_obj(struct ctx *c, const struct community *cm, const struct thread *t)
{
    json_t *o = json_object();
    json_object_set_new(o, "id", json_integer(t->id));
    json_object_set_new(o, "title", json_string(t->title));
    json_object_set_new(o, "kind", json_string(thread_kind_name(t->kind)));
    json_object_set_new(o, "tags", json_string(t->tags_text ? t->tags_text : ""));
    json_object_set_new(o, "url",
                        json_string(arena_printf(c->arena, "%s/c/%s/t/%lld", base_url(c), cm->slug,
                                                 (long long)t->id)));
    return o;
}

/* The thread and post objects of type's payload, with extra's members (may be NULL; taken). */
static int thread_payload(struct ctx *c, const char *type, const struct community *cm,
                          const struct thread *t, int64_t pid, json_t *extra)
{
    struct webhook *hooks;
    struct post p;
    size_t n;
    json_t *data, *po;
    int rc = targets(c, type, cm, &hooks, &n);
    if (rc < 0 || n == 0) {
        json_decref(extra);
        return rc;
    }
    if (post_db_get(c->db, c->arena, pid, 0, &p) < 0) {
        json_decref(extra);
        return domain_db_fail(c, "webhook_post");
    }
    data = extra ? extra : json_object();
    json_object_set_new(data, "thread", thread_obj(c, cm, t));
    po = json_object();
    json_object_set_new(po, "id", json_integer(p.id));
    json_object_set_new(po, "position", json_integer(p.position));
    json_object_set_new(po, "author", user_obj(c, p.author_id));
    {
        char when[32];
        time_iso(p.created_at, when);
        json_object_set_new(po, "created_at", json_string(when));
    }
    if (strcmp(type, "post.deleted")) {
        json_object_set_new(po, "body", p.body_md ? json_string(p.body_md) : json_null());
        json_object_set_new(po, "body_html", p.body_html ? json_string(p.body_html) : json_null());
    }
    json_object_set_new(
        po, "url", json_string(arena_printf(c->arena, "%s/p/%lld", base_url(c), (long long)p.id)));
    json_object_set_new(data, "post", po);
    return publish(c, type, cm, hooks, n, "data", data);
}

int webhook_thread(struct ctx *c, const char *type, const struct community *cm,
                   const struct thread *t, int64_t pid)
{
    return thread_payload(c, type, cm, t, pid, NULL);
}

int webhook_flag(struct ctx *c, const struct community *cm, const struct thread *t, int64_t pid,
                 const char *item_kind, int64_t item_id, const char *reason)
{
    json_t *extra = json_object(), *f = json_object();
    json_object_set_new(f, "item_kind", json_string(item_kind));
    json_object_set_new(f, "item_id", json_integer(item_id));
    json_object_set_new(f, "reason", json_string(reason));
    json_object_set_new(extra, "flag", f);
    return thread_payload(c, "flag.raised", cm, t, pid, extra);
}

int webhook_article(struct ctx *c, const char *type, const struct community *cm,
                    const struct article *art, const char *previous)
{
    struct webhook *hooks;
    size_t n;
    json_t *data, *a;
    int rc = targets(c, type, cm, &hooks, &n);
    if (rc < 0 || n == 0)
        return rc;
    a = json_object();
    json_object_set_new(a, "id", json_integer(art->id));
    json_object_set_new(a, "slug", json_string(art->slug));
    json_object_set_new(a, "title", json_string(art->title));
    json_object_set_new(a, "status", json_string(art->status));
    if (previous)
        json_object_set_new(a, "previous_status", json_string(previous));
    json_object_set_new(a, "tags", json_string(art->tags_text ? art->tags_text : ""));
    json_object_set_new(a, "revision", json_integer(art->current_rev));
    json_object_set_new(
        a, "url",
        json_string(arena_printf(c->arena, "%s/c/%s/a/%s", base_url(c), cm->slug, art->slug)));
    data = json_object();
    json_object_set_new(data, "article", a);
    return publish(c, type, cm, hooks, n, "data", data);
}

int webhook_article_status(struct ctx *c, const struct community *cm, const struct article *art,
                           const char *status)
{
    struct article next = *art;
    int from_draft = !strcmp(art->status, "draft");
    next.status = status;
    return webhook_article(c, from_draft ? "article.published" : "article.status_changed", cm,
                           &next, from_draft ? NULL : art->status);
}

int webhook_event(struct ctx *c, const char *type, const struct community *cm,
                  const struct event *ev)
{
    struct webhook *hooks;
    size_t n;
    json_t *data, *e;
    char start[32], end[32];
    int rc = targets(c, type, cm, &hooks, &n);
    if (rc < 0 || n == 0)
        return rc;
    time_iso(ev->start_at, start);
    time_iso(ev->start_at + ev->duration, end);
    e = json_object();
    json_object_set_new(e, "id", json_integer(ev->id));
    json_object_set_new(e, "title", json_string(ev->title));
    json_object_set_new(e, "starts_at", json_string(start));
    json_object_set_new(e, "ends_at", json_string(end));
    json_object_set_new(e, "timezone", json_string(ev->tz ? ev->tz : "UTC"));
    json_object_set_new(e, "recurrence", json_string(ev->freq ? ev->freq : "none"));
    json_object_set_new(e, "location", json_string(ev->location ? ev->location : ""));
    json_object_set_new(e, "online_url", json_string(ev->online_url ? ev->online_url : ""));
    json_object_set_new(e, "cancelled", json_boolean(ev->cancelled));
    json_object_set_new(
        e, "url",
        json_string(arena_printf(c->arena, "%s/events/%lld", base_url(c), (long long)ev->id)));
    data = json_object();
    json_object_set_new(data, "event", e);
    return publish(c, type, cm, hooks, n, "data", data);
}

int webhook_member(struct ctx *c, const char *type, const struct community *cm, int64_t uid,
                   const char *role)
{
    struct webhook *hooks;
    size_t n;
    json_t *data, *m;
    int rc = targets(c, type, cm, &hooks, &n);
    if (rc < 0 || n == 0)
        return rc;
    m = user_obj(c, uid);
    if (json_is_object(m) && role)
        json_object_set_new(m, "role", json_string(role));
    data = json_object();
    json_object_set_new(data, "member", m);
    return publish(c, type, cm, hooks, n, "data", data);
}

int webhook_enqueue(struct ctx *c, int64_t did)
{
    char key[48], payload[48];
    snprintf(key, sizeof(key), "webhook:%lld", (long long)did);
    snprintf(payload, sizeof(payload), "{\"delivery\":%lld}", (long long)did);
    /* attempts are bounded by the 24-hour window (webhook_job_run), not by the job's count */
    return store_job_enqueue(c->db, "webhook", payload, c->now, 100000, key, c->now, NULL) < 0
               ? ERR_DB
               : 0;
}
