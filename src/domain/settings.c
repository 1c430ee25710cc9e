/* Instance settings: a key/value table read by every layer (registration mode, who may
 * create communities, the instance name, the instance secret). Keys and values are checked
 * against the table below before anything is stored; see domain.h for the list. */
#include <string.h>

#include "core/buf.h"
#include "core/log.h"
#include "core/mime.h"
#include "core/netaddr.h"
#include "core/utf8.h"
#include "domain/domain.h"
#include "domain/upload.h"
#include "store/account.h"
#include "core/util.h"

/* The settings Praxis knows. values: NULL-terminated allowed values, or NULL for free
   text checked by check(). */
struct setting_def {
    const char *key;                                                 /* settings.key */
    const char *const *values;                                       /* allowed values, or NULL */
    int (*check)(struct ctx *c, const char *key, const char *value); /* when values is NULL */
};

static int check_free_text(struct ctx *c, const char *key, const char *value)
{
    size_t n = strlen(value), chars;
    if (!utf8_valid(value, n) || utf8_has_controls(value, 0))
        return error_set(c->err, ERR_INVALID, key, "The %s cannot contain control characters.",
                         key);
    chars = utf8_chars(value, n);
    if (chars < 1 || chars > 60)
        return error_set(c->err, ERR_INVALID, key, "The %s is 1 to 60 characters.", key);
    return 0;
}

static int check_secret(struct ctx *c, const char *key, const char *value)
{
    size_t i, n = strlen(value);
    if (!c->system)
        return error_set(c->err, ERR_PERM, key, "The instance secret is managed by the server.");
    for (i = 0; i < n; i++)
        if (!((value[i] >= '0' && value[i] <= '9') || (value[i] >= 'a' && value[i] <= 'f')))
            break;
    if (n != 64 || i != n)
        return error_set(c->err, ERR_INVALID, key, "The secret is 64 lower-case hex digits.");
    return 0;
}

static int check_count(struct ctx *c, const char *key, const char *value)
{
    int64_t v;
    if (str_to_i64(value, &v) < 0 || v < 0 || v > 100000)
        return error_set(c->err, ERR_INVALID, key, "The %s is a whole number from 0 to 100000.",
                         key);
    return 0;
}

/* A trust level setting (trust_edit_level...): 0..4. */
static int check_level(struct ctx *c, const char *key, const char *value)
{
    int64_t v;
    if (str_to_i64(value, &v) < 0 || v < 0 || v > 4)
        return error_set(c->err, ERR_INVALID, key,
                         "A trust level is a whole number from 0 (new) to 4 (leader).");
    return 0;
}

/* close_votes_needed: 1..100 votes. */
static int check_votes(struct ctx *c, const char *key, const char *value)
{
    int64_t v;
    if (str_to_i64(value, &v) < 0 || v < 1 || v > 100)
        return error_set(c->err, ERR_INVALID, key, "Give a whole number of votes from 1 to 100.");
    return 0;
}

/* expertise_half_life_days: a whole number of days, 1..36500. */
static int check_days(struct ctx *c, const char *key, const char *value)
{
    int64_t d;
    if (str_to_i64(value, &d) < 0 || d < 1 || d > 36500)
        return error_set(c->err, ERR_INVALID, key,
                         "The expertise half-life is a whole number of days from 1 to 36500.");
    return 0;
}

/* smtp_url: "" (mail off) or an smtp:// or smtps:// URL without spaces or controls. */
static int check_smtp_url(struct ctx *c, const char *key, const char *value)
{
    const char *p;
    if (!*value)
        return 0;
    if (strncmp(value, "smtp://", 7) && strncmp(value, "smtps://", 8))
        return error_set(c->err, ERR_INVALID, key,
                         "The SMTP URL starts with smtp:// or smtps:// (or is empty: mail off).");
    for (p = value; *p; p++)
        if ((unsigned char)*p <= 0x20 || (unsigned char)*p >= 0x7f)
            return error_set(c->err, ERR_INVALID, key,
                             "The SMTP URL has no spaces; percent-encode them in a password.");
    if (strlen(value) > 500)
        return error_set(c->err, ERR_INVALID, key, "The SMTP URL is at most 500 characters.");
    return 0;
}

/* mail_from: "" (default) or "Name <addr@host>" / "addr@host" in ASCII. */
static int check_mail_from(struct ctx *c, const char *key, const char *value)
{
    char addr[256];
    const char *p;
    if (!*value)
        return 0;
    for (p = value; *p; p++)
        if ((unsigned char)*p < 0x20 || (unsigned char)*p >= 0x7f)
            return error_set(c->err, ERR_INVALID, key,
                             "The sender is ASCII, like Praxis <praxis@example.org>.");
    if (mime_addr_spec(value, addr, sizeof(addr)) < 0)
        return error_set(c->err, ERR_INVALID, key,
                         "The sender is an address, like Praxis <praxis@example.org>.");
    return 0;
}

/* base_url: "" (derived from --listen) or http(s)://host[:port][/path] without a trailing
   slash, spaces or quotes. */
static int check_base_url(struct ctx *c, const char *key, const char *value)
{
    const char *p;
    size_t n = strlen(value);
    if (!n)
        return 0;
    if ((strncmp(value, "http://", 7) && strncmp(value, "https://", 8)) || value[n - 1] == '/' ||
        n > 300)
        return error_set(c->err, ERR_INVALID, key,
                         "The public address is like https://praxis.example.org (no slash at "
                         "the end).");
    for (p = value; *p; p++)
        if ((unsigned char)*p <= 0x20 || (unsigned char)*p >= 0x7f || strchr("\"'<>\\", *p))
            return error_set(c->err, ERR_INVALID, key,
                             "The public address has no spaces or quotes.");
    return 0;
}

/* webhook_allow: "" or CIDR blocks ("127.0.0.1, 10.0.0.0/8, ::1") separated by commas,
   spaces or newlines: addresses webhooks may reach although they are not public. */
static int check_cidrs(struct ctx *c, const char *key, const char *value)
{
    int bad = -1;
    if (strlen(value) > 2000 || netaddr_list_check(value, &bad) < 0)
        return error_set(c->err, ERR_INVALID, key,
                         "The allow-list is addresses or blocks like 127.0.0.1, 10.0.0.0/8 or "
                         "fd00::/8 separated by commas (at most 64; block %d is not one).",
                         bad + 1);
    return 0;
}

/* webhook_ca_file: "" or an absolute path without controls. */
static int check_path(struct ctx *c, const char *key, const char *value)
{
    const char *p;
    if (!*value)
        return 0;
    if (value[0] != '/' || strlen(value) > 500)
        return error_set(c->err, ERR_INVALID, key,
                         "The CA file is an absolute path, like /etc/praxis/hooks-ca.pem.");
    for (p = value; *p; p++)
        if ((unsigned char)*p < 0x20 || (unsigned char)*p == 0x7f)
            return error_set(c->err, ERR_INVALID, key,
                             "The CA file path has no control "
                             "characters.");
    return 0;
}

/* webhook_disable_after: 0..31536000 seconds. */
static int check_seconds(struct ctx *c, const char *key, const char *value)
{
    int64_t v;
    if (str_to_i64(value, &v) < 0 || v < 0 || v > 31536000)
        return error_set(c->err, ERR_INVALID, key,
                         "The %s is a whole number of seconds from 0 to 31536000.", key);
    return 0;
}

/* upload_max_bytes: 1 byte to UPLOAD_MAX_BYTES. */
static int check_upload_bytes(struct ctx *c, const char *key, const char *value)
{
    int64_t v;
    if (str_to_i64(value, &v) < 0 || v < 1 || v > UPLOAD_MAX_BYTES)
        return error_set(c->err, ERR_INVALID, key, "The %s is a number of bytes from 1 to %lld.",
                         key, (long long)UPLOAD_MAX_BYTES);
    return 0;
}

static const char *const registration_values[] = {"open", "invite", "closed", NULL};
static const char *const creation_values[] = {"admins", "members", NULL};
static const char *const on_off_values[] = {"off", "on", NULL};

static const struct setting_def setting_defs[] = {
    {"registration", registration_values, NULL},
    {"community_creation", creation_values, NULL},
    {"instance_name", NULL, check_free_text},
    {"secret", NULL, check_secret},
    {"signup_limit", NULL, check_count},
    {"expertise_half_life_days", NULL, check_days},
    {"smtp_url", NULL, check_smtp_url},
    {"mail_from", NULL, check_mail_from},
    {"base_url", NULL, check_base_url},
    {"notify_mail_delay", NULL, check_count},
    {"webhook_allow", NULL, check_cidrs},
    {"webhook_ca_file", NULL, check_path},
    {"webhook_retry_base", NULL, check_count},
    {"webhook_disable_after", NULL, check_seconds},
    /* uploads (domain/upload.h) */
    {"upload_max_bytes", NULL, check_upload_bytes},
    {"upload_daily_limit", NULL, check_count},
    {"external_images", on_off_values, NULL},
    /* moderation (domain/moderation.h, docs/moderation.md) */
    {"newcomer_days", NULL, check_count},
    {"newcomer_posts", NULL, check_count},
    {"hold_max_links", NULL, check_count},
    {"hold_duplicate_threads", NULL, check_count},
    {"hold_burst_posts", NULL, check_count},
    {"hold_burst_seconds", NULL, check_count},
    {"flag_hide_weight", NULL, check_count},
    {"live_per_address", NULL, check_count}, /* live updates: app/live.c */
    /* trust levels (domain/trust.h, docs/moderation.md) */
    {"trust0_threads_per_hour", NULL, check_count},
    {"trust0_replies_per_hour", NULL, check_count},
    {"comments_per_hour", NULL, check_count}, /* domain/comment.h */
    {"trust_edit_level", NULL, check_level},
    {"trust_retag_level", NULL, check_level},
    {"trust_close_level", NULL, check_level},
    {"close_votes_needed", NULL, check_votes},
    {"reading_flush_seconds", NULL, check_count},
    {"trust2_visits", NULL, check_count},
    {"trust2_posts", NULL, check_count},
    {"trust2_votes_given", NULL, check_count},
    {"trust2_votes_received", NULL, check_count},
    {"trust2_accepted", NULL, check_count},
    {"trust2_flags", NULL, check_count},
    {"trust2_topics", NULL, check_count},
    {"trust2_posts_read", NULL, check_count},
    {"trust2_minutes", NULL, check_count},
    {"trust3_visits", NULL, check_count},
    {"trust3_posts", NULL, check_count},
    {"trust3_votes_given", NULL, check_count},
    {"trust3_votes_received", NULL, check_count},
    {"trust3_accepted", NULL, check_count},
    {"trust3_flags", NULL, check_count},
    {"trust3_topics", NULL, check_count},
    {"trust3_posts_read", NULL, check_count},
    {"trust3_minutes", NULL, check_count},
    {"trust4_visits", NULL, check_count},
    {"trust4_posts", NULL, check_count},
    {"trust4_votes_given", NULL, check_count},
    {"trust4_votes_received", NULL, check_count},
    {"trust4_accepted", NULL, check_count},
    {"trust4_flags", NULL, check_count},
    {"trust4_topics", NULL, check_count},
    {"trust4_posts_read", NULL, check_count},
    {"trust4_minutes", NULL, check_count},
};

/* Return the stored value of key, or def when it is unset or cannot be read (a storage
   failure is logged, not reported: callers always have a sensible default). */
const char *settings_get(struct ctx *c, const char *key, const char *def)
{
    const char *v = NULL;
    int rc = store_setting_get(c->db, c->arena, key, &v);
    if (rc == 0)
        return v;
    if (rc != ERR_NOTFOUND)
        log_warn("msg=\"cannot read setting\" key=%s error=\"%s\"", key, db_last_error(c->db));
    return def ? arena_strdup(c->arena, def) : NULL;
}

/* Validate one setting without storing it (settings_set's checks). */
int settings_check(struct ctx *c, const char *key, const char *value)
{
    size_t i;
    const struct setting_def *d = NULL;
    if (!c->is_admin && !c->system)
        return error_set(c->err, ERR_PERM, NULL, "Only administrators can change settings.");
    for (i = 0; i < ARRAY_SIZE(setting_defs); i++)
        if (str_eq(setting_defs[i].key, key))
            d = &setting_defs[i];
    if (!d)
        return error_set(c->err, ERR_INVALID, key ? key : "", "There is no setting called '%s'.",
                         key ? key : "");
    if (!value)
        return error_set(c->err, ERR_INVALID, key, "The %s needs a value.", key);
    if (d->values) {
        const char *const *v;
        struct buf allowed = BUF_INIT;
        for (v = d->values; *v; v++)
            if (str_eq(*v, value))
                break;
        if (!*v) {
            int rc;
            for (v = d->values; *v; v++)
                buf_printf(&allowed, "%s%s", v == d->values ? "" : ", ", *v);
            rc = error_set(c->err, ERR_INVALID, key, "The %s is one of: %s.", key, allowed.data);
            buf_release(&allowed);
            return rc;
        }
    } else if (d->check(c, key, value) < 0) {
        return c->err->code;
    }
    return 0;
}

/* Validate and store one setting. Needs an administrator or the system. Returns 0,
   ERR_PERM, ERR_INVALID (unknown key or bad value; field = key) or ERR_DB. */
static int settings_store(struct ctx *c, const char *key, const char *value, int once)
{
    int rc = settings_check(c, key, value);
    if (rc < 0)
        return rc;
    if ((once ? store_setting_add(c->db, key, value) : store_setting_set(c->db, key, value)) < 0) {
        log_error("msg=\"cannot store setting\" key=%s error=\"%s\"", key, db_last_error(c->db));
        return error_set(c->err, ERR_DB, NULL, "The setting could not be saved.");
    }
    return 0;
}

int settings_set(struct ctx *c, const char *key, const char *value)
{
    return settings_store(c, key, value, 0);
}

int settings_set_once(struct ctx *c, const char *key, const char *value)
{
    return settings_store(c, key, value, 1);
}
