/* Managing webhooks (see webhook_manage.h): who may see and change which hooks, checking the
 * address and the events, secrets (made, revealed, rotated), the delivery log and
 * redelivery. */
#include <stdio.h>
#include <string.h>

#include <curl/curl.h>
#include <sodium.h>

#include "core/buf.h"
#include "core/log.h"
#include "core/rand.h"
#include "domain/community.h"
#include "domain/domain_int.h"
#include "domain/webhook.h"
#include "domain/webhook_manage.h"
#include "core/util.h"

/* A new secret: 32 random bytes as 64 hex digits (arena). */
static const char *new_secret(struct arena *a)
{
    unsigned char raw[32];
    char *hex = arena_alloc(a, 65);
    rand_bytes(raw, sizeof(raw));
    sodium_bin2hex(hex, 65, raw, sizeof(raw));
    return hex;
}

int webhook_can_manage(const struct ctx *c, const struct community *cm)
{
    if (c->system || c->is_admin)
        return 1;
    return cm && c->uid && cm->viewer_role == ROLE_COORDINATOR;
}

static int manage_check(struct ctx *c, const struct community *cm)
{
    if (!c->uid && !c->system)
        return error_set(c->err, ERR_AUTH, NULL, "Sign in first.");
    if (!webhook_can_manage(c, cm))
        return error_set(c->err, ERR_PERM, NULL,
                         cm ? "Only coordinators of %s manage its webhooks."
                            : "Only administrators manage instance webhooks.",
                         cm ? cm->name : "");
    return 0;
}

/* https://host[:port][/path][?query] without user info, spaces or controls. */
static int url_check(struct ctx *c, const char *url)
{
    CURLU *u;
    char *scheme = NULL, *host = NULL, *user = NULL;
    const char *p;
    int bad = 0;
    if (!url || !*url)
        return error_set(c->err, ERR_INVALID, "url", "Give the address to send events to.");
    if (strlen(url) > WEBHOOK_URL_MAX)
        return error_set(c->err, ERR_INVALID, "url", "The address is at most %d characters.",
                         WEBHOOK_URL_MAX);
    for (p = url; *p; p++)
        if ((unsigned char)*p <= 0x20 || (unsigned char)*p >= 0x7f)
            return error_set(c->err, ERR_INVALID, "url",
                             "The address has no spaces or other special characters "
                             "(percent-encode them).");
    if (strncmp(url, "https://", 8))
        return error_set(c->err, ERR_INVALID, "url",
                         "Webhooks use HTTPS: the address starts with https://.");
    u = curl_url();
    if (!u || curl_url_set(u, CURLUPART_URL, url, 0) != CURLUE_OK ||
        curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) != CURLUE_OK ||
        curl_url_get(u, CURLUPART_HOST, &host, 0) != CURLUE_OK || !host || !*host)
        bad = 1;
    else if (curl_url_get(u, CURLUPART_USER, &user, 0) == CURLUE_OK && user)
        bad = 2;
    else if (strcmp(scheme, "https"))
        bad = 1;
    curl_free(scheme);
    curl_free(host);
    curl_free(user);
    curl_url_cleanup(u);
    if (bad == 2)
        return error_set(c->err, ERR_INVALID, "url",
                         "Leave the user name and password out of the address; check the "
                         "signature instead.");
    if (bad)
        return error_set(c->err, ERR_INVALID, "url",
                         "That is not an address like https://example.org/hooks/praxis.");
    return 0;
}

/* Join the chosen events into "a b c" in the display order, refusing unknown ones. */
static int events_join(struct ctx *c, const char *const *ev, size_t n, const char **out)
{
    struct buf b = BUF_INIT;
    const char *const *event_types;
    size_t i, j, ntypes = webhook_event_types(&event_types);
    int any = 0;
    for (j = 0; j < n; j++)
        if (!webhook_event_known(ev[j]))
            return error_set(c->err, ERR_INVALID, "events", "There is no event called '%.40s'.",
                             ev[j] ? ev[j] : "");
    for (i = 0; i < ntypes; i++)
        for (j = 0; j < n; j++)
            if (!strcmp(ev[j], event_types[i])) {
                buf_printf(&b, "%s%s", any ? " " : "", event_types[i]);
                any = 1;
                break;
            }
    if (!any) {
        buf_release(&b);
        return error_set(c->err, ERR_INVALID, "events", "Choose at least one event.");
    }
    *out = arena_strdup(c->arena, b.data);
    buf_release(&b);
    return 0;
}

int webhook_list(struct ctx *c, const struct community *cm, struct webhook **out, size_t *n)
{
    int rc = manage_check(c, cm);
    if (rc < 0)
        return rc;
    return store_webhook_list(c->db, c->arena, cm ? cm->id : 0, out, n) < 0
               ? domain_db_fail(c, "webhook_list")
               : 0;
}

int webhook_create(struct ctx *c, const struct community *cm, const struct webhook_input *in,
                   struct webhook *out)
{
    struct webhook *all;
    size_t n;
    int rc = manage_check(c, cm);
    if (rc < 0)
        return rc;
    memset(out, 0, sizeof(*out));
    if ((rc = url_check(c, in->url)) < 0 ||
        (rc = events_join(c, in->events, in->events ? in->nevents : 0, &out->events)) < 0)
        return rc;
    if (store_webhook_list(c->db, c->arena, cm ? cm->id : 0, &all, &n) < 0)
        return domain_db_fail(c, "webhook_list");
    if (n >= WEBHOOK_MAX_HOOKS)
        return error_set(c->err, ERR_CONFLICT, NULL,
                         "There are %d webhooks already: remove one "
                         "first.",
                         WEBHOOK_MAX_HOOKS);
    out->community_id = cm ? cm->id : 0;
    out->community_slug = cm ? cm->slug : "";
    out->owner_id = c->uid;
    out->owner_name = "";
    out->url = arena_strdup(c->arena, in->url);
    out->secret = new_secret(c->arena);
    out->active = in->has_active ? !!in->active : 1;
    out->disabled_reason = "";
    out->created_at = out->updated_at = c->now;
    if (store_webhook_insert(c->db, out, &out->id) < 0)
        return domain_db_fail(c, "webhook_insert");
    log_info("msg=\"webhook created\" id=%lld community=%lld by=%lld", (long long)out->id,
             (long long)out->community_id, (long long)c->uid);
    return 0;
}

int webhook_get(struct ctx *c, int64_t id, struct webhook *out)
{
    int rc;
    if (!c->uid && !c->system)
        return error_set(c->err, ERR_AUTH, NULL, "Sign in first.");
    rc = store_webhook_get(c->db, c->arena, id, out);
    if (rc == 0 && out->community_id && !c->is_admin && !c->system) {
        struct community cm;
        if (community_get(c, out->community_slug, &cm) < 0 || !webhook_can_manage(c, &cm))
            rc = ERR_NOTFOUND;
    } else if (rc == 0 && !out->community_id && !c->is_admin && !c->system) {
        rc = ERR_NOTFOUND;
    }
    if (rc == ERR_NOTFOUND) {
        c->err->code = 0; /* community_get's error is not this one */
        return error_set(c->err, ERR_NOTFOUND, NULL, "No such webhook.");
    }
    return rc < 0 ? domain_db_fail(c, "webhook_get") : 0;
}

int webhook_update(struct ctx *c, struct webhook *w, const struct webhook_input *in)
{
    const char *url = w->url, *events = w->events;
    int active = in->has_active ? !!in->active : w->active, rc;
    if (in->url) {
        if ((rc = url_check(c, in->url)) < 0)
            return rc;
        url = arena_strdup(c->arena, in->url);
    }
    if (in->events && (rc = events_join(c, in->events, in->nevents, &events)) < 0)
        return rc;
    if (store_webhook_update(c->db, w->id, url, events, active, c->now) < 0)
        return domain_db_fail(c, "webhook_update");
    if (active && !w->active) {
        w->disabled_reason = "";
        w->failing_since = 0;
    }
    w->url = url;
    w->events = events;
    w->active = active;
    w->updated_at = c->now;
    return 0;
}

int webhook_rotate(struct ctx *c, struct webhook *w)
{
    const char *s = new_secret(c->arena);
    if (store_webhook_set_secret(c->db, w->id, s, c->now) < 0)
        return domain_db_fail(c, "webhook_secret");
    w->secret = s;
    log_info("msg=\"webhook secret rotated\" id=%lld by=%lld", (long long)w->id, (long long)c->uid);
    return 0;
}

int webhook_delete(struct ctx *c, const struct webhook *w)
{
    return store_webhook_delete(c->db, w->id) < 0 ? domain_db_fail(c, "webhook_delete") : 0;
}

int webhook_log(struct ctx *c, const struct webhook *w, int limit, struct webhook_delivery **d,
                size_t *nd, struct webhook_attempt **t, size_t *nt)
{
    if (store_webhook_deliveries(c->db, c->arena, w->id, limit, d, nd) < 0 ||
        store_webhook_attempts(c->db, c->arena, w->id, limit, t, nt) < 0)
        return domain_db_fail(c, "webhook_log");
    return 0;
}

int webhook_redeliver(struct ctx *c, const struct webhook *w, int64_t did, int64_t *out_id)
{
    struct webhook_delivery d;
    int rc = store_webhook_delivery_get(c->db, c->arena, did, &d);
    if (rc == ERR_NOTFOUND || (rc == 0 && d.hook_id != w->id))
        return error_set(c->err, ERR_NOTFOUND, NULL, "No such delivery.");
    if (rc < 0)
        return domain_db_fail(c, "delivery_get");
    d.created_at = c->now;
    if (db_begin_write(c->db) < 0)
        return domain_db_fail(c, "begin");
    if (store_webhook_delivery_insert(c->db, &d, out_id) < 0 || webhook_enqueue(c, *out_id) < 0)
        return domain_rollback(c, domain_db_fail(c, "redeliver"));
    if (db_commit(c->db) < 0)
        return domain_rollback(c, domain_db_fail(c, "commit"));
    return 0;
}
