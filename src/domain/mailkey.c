/* Signed reply keys and unsubscribe tokens for mail (see domain/mailkey.h): a MAC of the
 * fields under the instance secret, nothing stored. */
#include <stdio.h>
#include <string.h>

#include "core/mime.h"
#include "core/rand.h"
#include "domain/mail.h"
#include "domain/mailkey.h"
#include "core/util.h"

/* The instance secret: the request's, else the setting (the CLI and job runners). */
static const char *secret_of(struct ctx *c)
{
    const char *s = c->secret;
    if (!s || !*s)
        s = settings_get(c, "secret", "");
    return s && *s ? s : NULL;
}

/* out = the first MAILKEY_MAC_HEX hex digits of keyed_hash(secret, msg). */
static void mac(const char *secret, const char *msg, char out[MAILKEY_MAC_HEX + 1])
{
    char h[TOKEN_HASH_LEN + 1];
    keyed_hash(secret, msg, h);
    memcpy(out, h, MAILKEY_MAC_HEX);
    out[MAILKEY_MAC_HEX] = '\0';
}

static int no_secret(struct ctx *c)
{
    return error_set(c->err, ERR_INTERNAL, NULL, "The instance has no secret yet.");
}

/* Parse a decimal field of 1..18 digits ending at '-' (or at the end when last): advances *p
   past the separator. -1 when malformed. */
static int field_i64(const char **p, int last, int64_t *out)
{
    const char *s = *p;
    int64_t v = 0;
    int n = 0;
    while (*s >= '0' && *s <= '9' && n < 18) {
        v = v * 10 + (*s++ - '0');
        n++;
    }
    if (!n || (n > 1 && **p == '0'))
        return -1;
    if (last ? *s != '\0' : *s != '-')
        return -1;
    *p = last ? s : s + 1;
    *out = v;
    return 0;
}

static void lower_copy(char *dst, const char *src, size_t n)
{
    size_t i;
    for (i = 0; i + 1 < n && src[i]; i++)
        dst[i] = (src[i] >= 'A' && src[i] <= 'Z') ? (char)(src[i] - 'A' + 'a') : src[i];
    dst[i] = '\0';
}

int mailkey_reply_make(struct ctx *c, int64_t uid, int64_t tid, const char **key)
{
    const char *secret = secret_of(c);
    char m[MAILKEY_MAC_HEX + 1], msg[96];
    int64_t day = (c->now + MAILKEY_REPLY_TTL) / 86400;
    if (!secret)
        return no_secret(c);
    snprintf(msg, sizeof(msg), "reply:%lld:%lld:%lld", (long long)uid, (long long)tid,
             (long long)day);
    mac(secret, msg, m);
    *key = arena_printf(c->arena, "r-%lld-%lld-%lld-%s", (long long)uid, (long long)tid,
                        (long long)day, m);
    return 0;
}

int mailkey_reply_check(struct ctx *c, const char *key, int64_t *uid, int64_t *tid)
{
    const char *secret = secret_of(c), *p;
    char k[MAILKEY_MAX], m[MAILKEY_MAC_HEX + 1], msg[96];
    int64_t u, t, day;
    if (!secret)
        return no_secret(c);
    if (!key || strlen(key) >= sizeof(k))
        goto bad;
    lower_copy(k, key, sizeof(k));
    p = k;
    if (strncmp(p, "r-", 2) != 0)
        goto bad;
    p += 2;
    if (field_i64(&p, 0, &u) < 0 || field_i64(&p, 0, &t) < 0 || field_i64(&p, 0, &day) < 0 ||
        strlen(p) != MAILKEY_MAC_HEX || u <= 0 || t <= 0)
        goto bad;
    snprintf(msg, sizeof(msg), "reply:%lld:%lld:%lld", (long long)u, (long long)t, (long long)day);
    mac(secret, msg, m);
    if (!const_time_eq(m, p))
        goto bad;
    if (c->now / 86400 > day)
        return error_set(c->err, ERR_PERM, NULL, "This reply address has expired.");
    *uid = u;
    *tid = t;
    return 0;
bad:
    return error_set(c->err, ERR_NOTFOUND, NULL, "This reply address is not valid.");
}

int mailkey_reply_address(struct ctx *c, int64_t uid, int64_t tid, const char **addr)
{
    const char *key, *at, *plus;
    char from[256];
    size_t local;
    int rc = mailkey_reply_make(c, uid, tid, &key);
    if (rc < 0)
        return rc;
    if (mime_addr_spec(mail_from(c), from, sizeof(from)) < 0 || !strchr(from, '@'))
        str_copy(from, "praxis@localhost", sizeof(from));
    at = strchr(from, '@');
    plus = memchr(from, '+', (size_t)(at - from)); /* a From with a +tag: keep what precedes */
    local = (size_t)((plus ? plus : at) - from);
    *addr = arena_printf(c->arena, "%.*s+%s%s", (int)local, from, key, at);
    return 0;
}

int mailkey_from_address(const char *addr, char *out, size_t n)
{
    const char *plus, *at;
    size_t len;
    if (!addr || !(at = strrchr(addr, '@')))
        return -1;
    plus = memchr(addr, '+', (size_t)(at - addr));
    if (!plus)
        return -1;
    len = (size_t)(at - plus - 1);
    if (!len || len + 1 > n)
        return -1;
    lower_copy(out, plus + 1, len + 1);
    return 0;
}

static int scope_ok(const char *s)
{
    size_t n = 0;
    for (; s && *s; s++, n++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_'))
            return 0;
    return n >= 1 && n <= MAILKEY_SCOPE_MAX;
}

int mailkey_unsub_make(struct ctx *c, int64_t uid, const char *scope, const char **token)
{
    const char *secret = secret_of(c);
    char m[MAILKEY_MAC_HEX + 1], msg[96];
    if (!scope_ok(scope))
        return error_set(c->err, ERR_INVALID, NULL, "An unsubscribe scope is [a-z0-9_], 1 to 40.");
    if (!secret)
        return no_secret(c);
    snprintf(msg, sizeof(msg), "unsub:%lld:%s", (long long)uid, scope);
    mac(secret, msg, m);
    *token = arena_printf(c->arena, "u-%lld-%s-%s", (long long)uid, scope, m);
    return 0;
}

int mailkey_unsub_check(struct ctx *c, const char *token, int64_t *uid, const char **scope)
{
    const char *secret = secret_of(c), *p, *dash;
    char k[MAILKEY_MAX], m[MAILKEY_MAC_HEX + 1], msg[96], sc[MAILKEY_SCOPE_MAX + 1];
    int64_t u;
    if (!secret)
        return no_secret(c);
    if (!token || strlen(token) >= sizeof(k))
        goto bad;
    lower_copy(k, token, sizeof(k));
    p = k;
    if (strncmp(p, "u-", 2) != 0)
        goto bad;
    p += 2;
    if (field_i64(&p, 0, &u) < 0 || u <= 0 || !(dash = strchr(p, '-')) ||
        (size_t)(dash - p) > MAILKEY_SCOPE_MAX)
        goto bad;
    memcpy(sc, p, (size_t)(dash - p));
    sc[dash - p] = '\0';
    if (!scope_ok(sc) || strlen(dash + 1) != MAILKEY_MAC_HEX)
        goto bad;
    snprintf(msg, sizeof(msg), "unsub:%lld:%s", (long long)u, sc);
    mac(secret, msg, m);
    if (!const_time_eq(m, dash + 1))
        goto bad;
    *uid = u;
    *scope = arena_strdup(c->arena, sc);
    return 0;
bad:
    return error_set(c->err, ERR_NOTFOUND, NULL, "This unsubscribe link is not valid.");
}

/* Declared in mail.h (mail.c cannot include this module: mailkey needs mail_from). */
const char *mail_unsubscribe_url(struct ctx *c, const char *base_url, int64_t uid,
                                 const char *scope)
{
    const char *tok;
    if (mailkey_unsub_make(c, uid, scope, &tok) < 0)
        return NULL;
    return arena_printf(c->arena, "%s/mail/unsubscribe?t=%s", base_url, tok);
}
