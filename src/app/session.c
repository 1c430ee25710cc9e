/* Who is asking: the authenticate hook of the http layer. A request is authenticated by a
 * personal API token (Authorization: Bearer pxt_...), else by the px_session cookie, else
 * it is anonymous. Every request also gets its CSRF token here: for a session, a keyed hash
 * of the session token; for an anonymous visitor, a keyed hash of a random px_anon cookie
 * (set on first visit), so that the sign-in and sign-up forms are protected as well. The
 * keys are the instance secret, so tokens cannot be forged without it. */
#include <sodium.h>
#include <string.h>
#include <strings.h>

#include "core/rand.h"
#include "domain/account.h"
#include "app/app.h"
#include "domain/trust.h"
#include "core/util.h"

#define ANON_TTL   (365L * 24 * 3600) /* px_anon cookie life */
#define DEVICE_TTL (365L * 24 * 3600) /* px_device cookie life */
#define CSRF_LEN   32                 /* hex characters of the keyed hash that are used */

/* What authentication learned, kept in r->session for the handlers. */
struct app_session {
    const char *token; /* raw px_session token of a live session, or NULL */
    const char *anon;  /* px_anon value for anonymous visitors, or NULL */
    int64_t token_id;  /* API token id when r->via_token */
    const char *theme; /* the signed-in user's colour theme, or NULL when anonymous */
};

static int is_hex32(const char *s)
{
    size_t i;
    for (i = 0; s[i]; i++)
        if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
            return 0;
    return i == TOKEN_HEX_LEN;
}

/* The CSRF token for a purpose ("csrf" or "anon") and a secret value, in the arena. */
static const char *csrf_for(struct req *r, const char *purpose, const char *value)
{
    struct app *app = r->app;
    char h[TOKEN_HASH_LEN + 1];
    char *msg = arena_printf(r->arena, "%s:%s", purpose, value);
    keyed_hash(app->secret, msg, h);
    return arena_strndup(r->arena, h, CSRF_LEN);
}

/* Make sure an anonymous visitor has a px_anon cookie and a CSRF token derived from it.
 * API routes only use an existing cookie (scripts have no use for a new one). */
static void anon_csrf(struct req *r, struct app_session *s)
{
    const char *anon = req_cookie(r, ACCOUNT_ANON_COOKIE);
    if ((!anon || !is_hex32(anon)) && r->route && (r->route->flags & R_API))
        return;
    if (!anon || !is_hex32(anon)) {
        char fresh[TOKEN_HEX_LEN + 1];
        rand_token(fresh);
        anon = arena_strdup(r->arena, fresh);
        resp_cookie(r, ACCOUNT_ANON_COOKIE, anon, ANON_TTL);
    }
    s->anon = anon;
    r->csrf_token = csrf_for(r, "anon", anon);
}

int app_authenticate(struct req *r)
{
    struct app *app = r->app;
    struct app_session *s = ARENA_NEW(r->arena, struct app_session);
    const char *authz = req_header(r, "Authorization");
    const char *cookie;
    struct ctx *c;
    struct auth a;
    int rc;

    r->session = s;
    r->user_id = 0;
    r->user_name = NULL;
    r->is_admin = 0;
    r->via_token = 0;
    r->csrf_token = NULL;
    if (!r->tctx) /* no database for this thread: anonymous, no forms */
        return 0;
    c = app_ctx(r);

    if (authz && strncasecmp(authz, "Bearer ", 7) == 0) {
        const char *tok = authz + 7;
        while (*tok == ' ')
            tok++;
        if ((rc = account_token_auth(c, tok, &a)) < 0) {
            resp_header(r, "WWW-Authenticate", "Bearer error=\"invalid_token\"");
            return rc;
        }
        r->user_id = a.user_id;
        r->user_name = a.name;
        r->is_admin = a.is_admin;
        r->via_token = 1;
        s->token_id = a.token_id;
        s->theme = a.theme;
        return 0;
    }

    cookie = req_cookie(r, ACCOUNT_SESSION_COOKIE);
    if (cookie && *cookie) {
        rc = account_session_load(c, cookie, app->session_ttl, &a);
        if (rc == 0) {
            r->user_id = a.user_id;
            r->user_name = a.name;
            r->is_admin = a.is_admin;
            s->token = arena_strdup(r->arena, cookie);
            s->theme = a.theme;
            r->csrf_token = csrf_for(r, "csrf", cookie);
            if (a.refreshed) /* sliding expiry: the browser's copy lives as long */
                resp_cookie(r, ACCOUNT_SESSION_COOKIE, cookie, (long)app->session_ttl);
            /* Time reading, coarsely: a page view a minute or more after the session was
               last extended counts the gap in whole minutes, when it is short enough to be
               reading rather than being away (domain/trust.h). */
            if (a.refreshed && a.idle >= 60 && a.idle <= TRUST_READ_GAP_MAX)
                app_reading_note(r, 0, 0, a.idle / 60);
            return 0;
        }
        if (rc != ERR_AUTH)
            return rc; /* storage failure: do not pretend the visitor is signed out */
        error_clear(&r->err);
        resp_cookie(r, ACCOUNT_SESSION_COOKIE, NULL, -1); /* ended or unknown: forget it */
    }
    anon_csrf(r, s);
    return 0;
}

const char *app_theme(struct req *r)
{
    struct app_session *s = r->session;
    return s && s->theme ? s->theme : "system";
}

const char *app_session_token(struct req *r)
{
    struct app_session *s = r->session;
    return s ? s->token : NULL;
}

void app_session_begin(struct req *r, const char *token)
{
    struct app *app = r->app;
    struct app_session *s = r->session;
    const char *t = arena_strdup(r->arena, token);
    resp_cookie(r, ACCOUNT_SESSION_COOKIE, t, (long)app->session_ttl);
    if (s)
        s->token = t;
    /* Forms rendered in this response (rare: we redirect) carry the new session's token. */
    r->csrf_token = csrf_for(r, "csrf", t);
}

void app_session_clear(struct req *r)
{
    struct app_session *s = r->session;
    resp_cookie(r, ACCOUNT_SESSION_COOKIE, NULL, -1);
    if (s)
        s->token = NULL;
}

/* The known-device cookie (OWASP's "device cookies"): "UID.NONCE.MAC", set when someone signs
   in, where MAC is the keyed hash of "UID.NONCE" under the instance secret. It proves that
   this browser signed in to account UID before, so that strangers' wrong passwords for the
   name do not lock it out (domain/account.c). */
const char *app_device(struct req *r)
{
    const char *v = req_cookie(r, ACCOUNT_DEVICE_COOKIE);
    const char *dot, *id, *mac;
    size_t n;
    if (!v || strlen(v) > 80 || !(dot = strrchr(v, '.')) || dot == v)
        return NULL;
    n = (size_t)(dot - v);
    id = arena_strndup(r->arena, v, n);
    mac = csrf_for(r, "device", id);
    if (strlen(dot + 1) != CSRF_LEN || sodium_memcmp(mac, dot + 1, CSRF_LEN) != 0)
        return NULL;
    return id;
}

void app_device_remember(struct req *r, int64_t uid)
{
    const char *have = app_device(r);
    const char *dot = have ? strchr(have, '.') : NULL;
    char nonce[TOKEN_HEX_LEN + 1];
    const char *id;
    if (dot && str_eq(arena_strndup(r->arena, have, (size_t)(dot - have)),
                      arena_printf(r->arena, "%lld", (long long)uid)))
        id = have; /* the same device again: keep its nonce (its failure count) */
    else {
        rand_token(nonce);
        nonce[16] = '\0';
        id = arena_printf(r->arena, "%lld.%s", (long long)uid, nonce);
    }
    resp_cookie(r, ACCOUNT_DEVICE_COOKIE,
                arena_printf(r->arena, "%s.%s", id, csrf_for(r, "device", id)), DEVICE_TTL);
}
