/* Delivering webhooks (see webhook_deliver.h): the job of one delivery. The address is
 * resolved here and checked against SSRF (core/netaddr.h, the webhook_allow setting), then
 * pinned for the connection with CURLOPT_RESOLVE so a DNS answer that changes cannot move
 * it; the signed POST is made over HTTPS only, without following redirects, within 10 s,
 * reading at most 64 KiB of the answer. Every attempt is logged; failures are retried with
 * exponential backoff for 24 hours; a hook failing for too long is turned off and its owner
 * notified. */
#include <netdb.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <curl/curl.h>
#include <jansson.h>

#include "core/log.h"
#include "core/netaddr.h"
#include "core/timeutil.h"
#include "domain/notification.h"
#include "domain/webhook.h"
#include "domain/webhook_deliver.h"
#include "store/webhook.h"
#include "core/util.h"

/* The answer as it arrives: only counted (and the first bytes kept for the log) up to
   WEBHOOK_ANSWER_MAX; past it the transfer is stopped. */
struct answer {
    size_t total;   /* bytes received */
    int over;       /* stopped at the limit */
    char head[200]; /* first bytes, NUL-terminated */
    size_t nhead;
};

static size_t answer_cb(char *data, size_t size, size_t nmemb, void *arg)
{
    struct answer *a = arg;
    size_t n = size * nmemb, keep;
    if (a->total + n > WEBHOOK_ANSWER_MAX) {
        a->over = 1;
        return 0; /* CURLE_WRITE_ERROR: stop reading */
    }
    keep = sizeof(a->head) - 1 - a->nhead;
    if (keep > n)
        keep = n;
    memcpy(a->head + a->nhead, data, keep);
    a->nhead += keep;
    a->head[a->nhead] = '\0';
    a->total += n;
    return n;
}

/* Resolve host and choose the address to connect to: the first one that is public or in
   the allow-list. Returns 0 with addr filled (text), or -1 with err saying why not. */
static int pick_address(const char *host, const char *allow, char *addr, size_t addrsize, char *err,
                        size_t errsize)
{
    struct addrinfo hints, *res = NULL, *ai;
    struct netaddr na;
    char refused[80] = "";
    int rc;
    memset(&hints, 0, sizeof(hints));
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    rc = getaddrinfo(host, NULL, &hints, &res);
    if (rc != 0) {
        snprintf(err, errsize, "cannot resolve %s: %s", host, gai_strerror(rc));
        return -1;
    }
    for (ai = res; ai; ai = ai->ai_next) {
        enum netaddr_class k;
        memset(&na, 0, sizeof(na));
        if (ai->ai_family == AF_INET) {
            na.family = 4;
            memcpy(na.b, &((struct sockaddr_in *)(void *)ai->ai_addr)->sin_addr, 4);
        } else if (ai->ai_family == AF_INET6) {
            na.family = 6;
            memcpy(na.b, &((struct sockaddr_in6 *)(void *)ai->ai_addr)->sin6_addr, 16);
        } else {
            continue;
        }
        k = netaddr_classify(&na);
        if (k == NETADDR_PUBLIC || netaddr_list_match(allow, &na)) {
            netaddr_format(&na, addr, addrsize);
            freeaddrinfo(res);
            return 0;
        }
        if (!refused[0]) {
            char t[64];
            snprintf(refused, sizeof(refused), "%s (%s)", netaddr_format(&na, t, sizeof(t)),
                     netaddr_class_name(k));
        }
    }
    freeaddrinfo(res);
    snprintf(err, errsize,
             "refused: %s resolves to %s, which is not a public address (an administrator "
             "can allow it with the webhook_allow setting)",
             host, refused[0] ? refused : "nothing usable");
    return -1;
}

struct webhook_client {
    CURL *curl; /* reused: keeps the connection and DNS caches */
};

void webhook_client_free(struct webhook_client *wc)
{
    if (!wc)
        return;
    curl_easy_cleanup(wc->curl);
    free(wc);
}

/* What one try gave. */
struct outcome {
    int ok;        /* 2xx */
    long code;     /* HTTP status, 0 = none */
    int64_t ms;    /* duration */
    char err[512]; /* "" when ok */
};

/* POST body to url signed with secret; fill out. */
static void post_once(struct ctx *c, struct webhook_client **wc, const char *url,
                      const char *secret, const char *type, const char *event_id, int64_t did,
                      const char *body, struct outcome *out)
{
    CURLU *u = curl_url();
    CURL *h = NULL;
    char *host = NULL, *port = NULL;
    char addr[64], sig[WEBHOOK_SIG_HEX + 1], ebuf[CURL_ERROR_SIZE] = "";
    const char *allow = settings_get(c, "webhook_allow", "");
    const char *ca = settings_get(c, "webhook_ca_file", "");
    struct curl_slist *hdr = NULL, *pin = NULL;
    struct answer ans;
    int64_t t0 = time_now_ms(), t = time_now();
    CURLcode rc;
    memset(out, 0, sizeof(*out));
    memset(&ans, 0, sizeof(ans));
    if (!u || curl_url_set(u, CURLUPART_URL, url, 0) != CURLUE_OK ||
        curl_url_get(u, CURLUPART_HOST, &host, 0) != CURLUE_OK ||
        curl_url_get(u, CURLUPART_PORT, &port, CURLU_DEFAULT_PORT) != CURLUE_OK) {
        snprintf(out->err, sizeof(out->err), "the address cannot be read");
        goto done;
    }
    {
        /* an IPv6 literal comes in brackets: resolve it without them */
        char bare[256];
        size_t n = strlen(host);
        if (n >= 2 && host[0] == '[' && host[n - 1] == ']' && n - 2 < sizeof(bare)) {
            memcpy(bare, host + 1, n - 2);
            bare[n - 2] = '\0';
        } else {
            snprintf(bare, sizeof(bare), "%s", host);
        }
        if (pick_address(bare, allow, addr, sizeof(addr), out->err, sizeof(out->err)) < 0)
            goto done;
        /* pin the checked address: curl connects to it and to nothing else, so a DNS
           answer that changes between our check and the connection cannot redirect it */
        pin = curl_slist_append(pin, arena_printf(c->arena, "-%s:%s", bare, port));
        pin = curl_slist_append(pin, arena_printf(c->arena, "%s:%s:%s%s%s", bare, port,
                                                  strchr(addr, ':') ? "[" : "", addr,
                                                  strchr(addr, ':') ? "]" : ""));
    }
    webhook_sign(secret, t, body, strlen(body), sig);
    hdr = curl_slist_append(hdr, "Content-Type: application/json");
    hdr = curl_slist_append(hdr, "User-Agent: Praxis-Webhooks/1");
    hdr = curl_slist_append(hdr, "Expect:");
    hdr = curl_slist_append(hdr, arena_printf(c->arena, "X-Praxis-Event: %s", type));
    hdr = curl_slist_append(hdr, arena_printf(c->arena, "X-Praxis-Event-Id: %s", event_id));
    hdr = curl_slist_append(hdr, arena_printf(c->arena, "X-Praxis-Delivery: %lld", (long long)did));
    hdr = curl_slist_append(
        hdr, arena_printf(c->arena, "X-Praxis-Signature: t=%lld,v1=%s", (long long)t, sig));
    if (!*wc) {
        *wc = x_calloc(1, sizeof(**wc));
        (*wc)->curl = curl_easy_init();
    } else if ((*wc)->curl) {
        curl_easy_reset((*wc)->curl); /* options cleared; connections and DNS cache kept */
    }
    h = (*wc)->curl;
    if (!h) {
        snprintf(out->err, sizeof(out->err), "cannot start a request");
        goto done;
    }
    curl_easy_setopt(h, CURLOPT_URL, url);
    curl_easy_setopt(h, CURLOPT_RESOLVE, pin);
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "https");
    curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(h, CURLOPT_PROXY, ""); /* no proxy from the environment */
    curl_easy_setopt(h, CURLOPT_TIMEOUT, (long)WEBHOOK_TIMEOUT);
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, (long)WEBHOOK_TIMEOUT);
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_POSTFIELDS, body);
    curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)strlen(body));
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, hdr);
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, answer_cb);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, &ans);
    curl_easy_setopt(h, CURLOPT_ERRORBUFFER, ebuf);
    curl_easy_setopt(h, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)WEBHOOK_ANSWER_MAX);
    if (*ca)
        curl_easy_setopt(h, CURLOPT_CAINFO, ca); /* the system CA directory still applies */
    rc = curl_easy_perform(h);
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &out->code);
    if (rc != CURLE_OK && !(rc == CURLE_WRITE_ERROR && ans.over)) {
        snprintf(out->err, sizeof(out->err), "%s", ebuf[0] ? ebuf : curl_easy_strerror(rc));
        if (rc == CURLE_FILESIZE_EXCEEDED || ans.over)
            snprintf(out->err, sizeof(out->err), "the answer is longer than %d bytes",
                     WEBHOOK_ANSWER_MAX);
        if (out->code < 200 || out->code > 299)
            goto done;
        out->err[0] = '\0'; /* answered 2xx, then too long: delivered all the same */
    }
    if (out->code >= 200 && out->code <= 299) {
        out->ok = 1;
    } else if (out->code >= 300 && out->code <= 399) {
        char *loc = NULL;
        curl_easy_getinfo(h, CURLINFO_REDIRECT_URL, &loc);
        snprintf(out->err, sizeof(out->err), "HTTP %ld: redirects are not followed (to %.200s)",
                 out->code, loc ? loc : "?");
    } else {
        size_t i;
        for (i = 0; i < ans.nhead; i++) /* the answer's start, printable, for the log */
            if ((unsigned char)ans.head[i] < 0x20 || (unsigned char)ans.head[i] >= 0x7f)
                ans.head[i] = ' ';
        snprintf(out->err, sizeof(out->err), "HTTP %ld%s%.120s", out->code, ans.nhead ? ": " : "",
                 ans.head);
    }
done:
    out->ms = time_now_ms() - t0;
    if (h) { /* the lists and buffers below end here: the kept handle must not point at them */
        curl_easy_setopt(h, CURLOPT_RESOLVE, NULL);
        curl_easy_setopt(h, CURLOPT_HTTPHEADER, NULL);
        curl_easy_setopt(h, CURLOPT_ERRORBUFFER, NULL);
    }
    curl_slist_free_all(hdr);
    curl_slist_free_all(pin);
    curl_free(host);
    curl_free(port);
    curl_url_cleanup(u);
}

/* Seconds before the try after `failed` failures: base * 2^(failed-1), at most
   WEBHOOK_RETRY_CAP. */
static int64_t backoff(int64_t failed, int64_t base)
{
    int64_t d = base, i;
    for (i = 1; i < failed && d < WEBHOOK_RETRY_CAP; i++)
        d *= 2;
    return d < WEBHOOK_RETRY_CAP ? d : WEBHOOK_RETRY_CAP;
}

static int64_t setting_int(struct ctx *c, const char *key, int64_t def)
{
    int64_t v;
    if (str_to_i64(settings_get(c, key, ""), &v) < 0 || v < 0)
        return def;
    return v;
}

/* Turn w off after failing since w->failing_since and tell its owner. In a transaction. */
static int disable(struct ctx *c, const struct webhook *w, int64_t days_x10)
{
    const char *reason = arena_printf(c->arena, "failed for %lld.%lld days in a row",
                                      (long long)(days_x10 / 10), (long long)(days_x10 % 10));
    const char *link =
        w->community_id
            ? arena_printf(c->arena, "/c/%s/webhooks/%lld", w->community_slug, (long long)w->id)
            : arena_printf(c->arena, "/admin/webhooks/%lld", (long long)w->id);
    if (store_webhook_disable(c->db, w->id, reason, c->now) < 0)
        return ERR_DB;
    log_warn("msg=\"webhook disabled\" id=%lld reason=\"%s\"", (long long)w->id, reason);
    return notify_webhook_disabled(
        c, w->owner_id,
        arena_printf(c->arena, "Your webhook to %s was turned off: it %s", w->url, reason), link);
}

int webhook_job_run(struct ctx *c, struct webhook_client **wc, const char *payload,
                    int64_t *retry_at, char *err, size_t errsize)
{
    json_error_t je;
    json_t *o = json_loads(payload, 0, &je);
    json_int_t did = 0;
    struct webhook_delivery d;
    struct webhook w;
    struct outcome out;
    int rc, give_up = 0, disabled = 0;
    const char *state;
    *retry_at = 0;
    if (!o || json_unpack(o, "{s:I}", "delivery", &did) < 0) {
        json_decref(o);
        snprintf(err, errsize, "the payload is not a webhook job");
        return -2;
    }
    json_decref(o);
    rc = store_webhook_delivery_get(c->db, c->arena, did, &d);
    if (rc == ERR_NOTFOUND)
        return 0; /* the hook was deleted with its deliveries */
    if (rc < 0) {
        snprintf(err, errsize, "cannot read the delivery: %s", db_last_error(c->db));
        return -1;
    }
    if (strcmp(d.state, "pending"))
        return 0;
    rc = store_webhook_get(c->db, c->arena, d.hook_id, &w);
    if (rc < 0 && rc != ERR_NOTFOUND) {
        snprintf(err, errsize, "cannot read the webhook: %s", db_last_error(c->db));
        return -1;
    }
    if (rc == ERR_NOTFOUND || !w.active) {
        snprintf(err, errsize, "the webhook is off");
        store_webhook_delivery_give_up(c->db, d.id, err);
        return -2;
    }
    post_once(c, wc, w.url, w.secret, d.event_type, d.event_id, d.id, d.payload, &out);
    c->now = time_now();
    if (!out.ok) {
        int64_t base = setting_int(c, "webhook_retry_base", WEBHOOK_RETRY_BASE);
        int64_t after = setting_int(c, "webhook_disable_after", WEBHOOK_DISABLE_AFTER);
        int64_t since = w.failing_since ? w.failing_since : c->now;
        *retry_at = c->now + backoff(d.attempts + 1, base ? base : 1);
        give_up = *retry_at - d.created_at > WEBHOOK_RETRY_WINDOW;
        disabled = w.failing_since && c->now - since >= after;
        if (disabled)
            give_up = 1;
    }
    state = out.ok ? "ok" : give_up ? "failed" : "pending";
    if (db_begin_write(c->db) < 0)
        goto db_fail;
    if (store_webhook_delivery_record(c->db, d.id, w.id, state, c->now, out.ok, out.code, out.ms,
                                      out.err) < 0 ||
        store_webhook_health(c->db, w.id, out.ok, c->now) < 0)
        goto db_fail;
    if (disabled && disable(c, &w, (c->now - w.failing_since) * 10 / 86400) < 0)
        goto db_fail;
    if (db_commit(c->db) < 0)
        goto db_fail;
    log_info("msg=\"webhook delivery\" hook=%lld delivery=%lld type=%s ok=%d code=%ld ms=%lld",
             (long long)w.id, (long long)d.id, d.event_type, out.ok, out.code, (long long)out.ms);
    if (out.ok)
        return 0;
    snprintf(err, errsize, "%s%s", out.err,
             disabled  ? " (the webhook is now off)"
             : give_up ? " (giving up)"
                       : "");
    return give_up ? -2 : -1;
db_fail:
    snprintf(err, errsize, "cannot record the attempt: %s", db_last_error(c->db));
    db_rollback(c->db);
    return -1;
}
