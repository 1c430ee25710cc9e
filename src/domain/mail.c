/* Mail on the domain side (see mail.h): queueing messages as jobs, the mail settings,
 * addresses on accounts with verification links, and password reset by email. Links carry
 * 128-bit random tokens; only their BLAKE2b hashes are stored (email_tokens), each is
 * single-use and expires. Every message is queued in the same transaction as the change
 * that causes it, so a rolled-back change sends nothing and a committed one is not lost. */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <sodium.h>

#include "core/buf.h"
#include "core/log.h"
#include "core/mime.h"
#include "core/rand.h"
#include "domain/account.h"
#include "domain/domain_int.h"
#include "domain/mail.h"
#include "store/job.h"
#include "core/util.h"

int mail_check_address(const char *email, struct errinfo *e)
{
    const char *at, *p;
    size_t n = strlen(email);
    if (n < 3 || n > MAIL_EMAIL_MAX)
        return error_set(e, ERR_INVALID, "email", "An email address is 3 to 254 characters.");
    for (p = email; *p; p++)
        if ((unsigned char)*p <= 0x20 || (unsigned char)*p >= 0x7f || strchr("<>()[]\\,;:\"", *p))
            return error_set(e, ERR_INVALID, "email",
                             "An email address has no spaces or special characters.");
    at = strchr(email, '@');
    if (!at || at != strrchr(email, '@') || at == email || at[1] == '\0')
        return error_set(e, ERR_INVALID, "email", "An email address looks like name@example.org.");
    for (p = at + 1; *p; p++)
        if (*p == '.' && (p == at + 1 || p[1] == '\0' || p[1] == '.'))
            return error_set(e, ERR_INVALID, "email",
                             "The part after @ must be a domain such as example.org.");
    return 0;
}

/* Lower-cased copy (addresses are ASCII, checked before). */
static char *email_key(struct arena *a, const char *email)
{
    char *k = arena_strdup(a, email);
    char *p;
    for (p = k; *p; p++)
        if (*p >= 'A' && *p <= 'Z')
            *p = (char)(*p - 'A' + 'a');
    return k;
}

const char *mail_from(struct ctx *c)
{
    const char *f = settings_get(c, "mail_from", "");
    if (f && *f)
        return f;
    return arena_printf(c->arena, "%s <praxis@localhost>",
                        settings_get(c, "instance_name", "Praxis"));
}

const char *mail_base_url(struct ctx *c, const char *flag, const char *fallback)
{
    const char *s;
    if (flag && *flag)
        return flag;
    s = settings_get(c, "base_url", "");
    if (s && *s)
        return s;
    return fallback && *fallback ? fallback : "http://localhost";
}

const char *mail_smtp_url(struct ctx *c, const char *flag)
{
    const char *s;
    if (flag && *flag)
        return arena_strdup(c->arena, flag);
    s = settings_get(c, "smtp_url", "");
    return s && *s ? s : NULL;
}

const char *mail_smtp_display(struct ctx *c, const char *url)
{
    const char *scheme, *at, *colon;
    if (!url)
        return NULL;
    scheme = strstr(url, "://");
    at = scheme ? strchr(scheme + 3, '@') : NULL;
    if (!at)
        return arena_strdup(c->arena, url);
    colon = memchr(scheme + 3, ':', (size_t)(at - scheme - 3));
    if (!colon)
        return arena_strdup(c->arena, url);
    return arena_printf(c->arena, "%.*s:***%s", (int)(colon - url), url, at);
}

/* A header value fit for mail_headers: absent, or printable ASCII. */
static int header_ok(const char *v)
{
    if (!v)
        return 1;
    for (; *v; v++)
        if ((unsigned char)*v < 0x20 || (unsigned char)*v > 0x7e)
            return 0;
    return 1;
}

int mail_enqueue(struct ctx *c, const char *to, const char *subject, const char *text,
                 const char *html, const char **message_id)
{
    return mail_enqueue_ex(c, to, subject, text, html, NULL, message_id);
}

int mail_enqueue_ex(struct ctx *c, const char *to, const char *subject, const char *text,
                    const char *html, const struct mail_headers *hd, const char **message_id)
{
    char from_addr[256], mid[320];
    const char *host;
    json_t *o;
    char *payload;
    struct buf h = BUF_INIT;
    int rc;
    if (mail_check_address(to, c->err) < 0)
        return ERR_INVALID;
    if (hd && !(header_ok(hd->reply_to) && header_ok(hd->in_reply_to) &&
                header_ok(hd->references) && header_ok(hd->list_id) &&
                header_ok(hd->list_unsubscribe) && header_ok(hd->list_unsubscribe_post)))
        return error_set(c->err, ERR_INVALID, "headers", "A mail header is not printable ASCII.");
    if (!html) {
        mime_text_html(&h, text);
        html = h.data;
    }
    if (mime_addr_spec(mail_from(c), from_addr, sizeof(from_addr)) < 0)
        str_copy(from_addr, "praxis@localhost", sizeof(from_addr));
    host = strchr(from_addr, '@') + 1;
    mime_message_id(host, mid, sizeof(mid));
    o = json_pack("{s:s, s:s, s:s, s:s*, s:s, s:I}", "to", to, "subject", subject, "text", text,
                  "html", html, "message_id", mid, "date", (json_int_t)c->now);
    buf_release(&h);
    if (!o)
        return error_set(c->err, ERR_INVALID, NULL, "The message is not valid UTF-8.");
    if (hd) {
        json_t *x = json_pack("{s:s*, s:s*, s:s*, s:s*, s:s*, s:s*}", "reply_to", hd->reply_to,
                              "in_reply_to", hd->in_reply_to, "references", hd->references,
                              "list_id", hd->list_id, "list_unsubscribe", hd->list_unsubscribe,
                              "list_unsubscribe_post", hd->list_unsubscribe_post);
        if (x)
            json_object_set_new(o, "headers", x);
    }
    payload = json_dumps(o, JSON_COMPACT);
    json_decref(o);
    if (!payload)
        return error_set(c->err, ERR_INTERNAL, NULL, "The message could not be encoded.");
    rc = store_job_enqueue(c->db, "mail", payload, c->now, JOB_MAX_ATTEMPTS, mid, c->now, NULL);
    free(payload);
    if (rc < 0)
        return domain_store_fail(c, rc, "queue the message");
    if (message_id)
        *message_id = arena_strdup(c->arena, mid);
    log_info("msg=\"mail queued\" message_id=\"%s\"", mid);
    return 0;
}

/* Make a token for uid, store its hash, and return the raw token (arena copy). */
static int token_new(struct ctx *c, int64_t uid, const char *purpose, const char *email,
                     int64_t ttl, const char **out)
{
    char raw[TOKEN_HEX_LEN + 1], hash[TOKEN_HASH_LEN + 1];
    int rc;
    rand_token(raw);
    token_hash(raw, hash);
    rc = store_email_token_insert(c->db, hash, uid, purpose, email, c->now, c->now + ttl);
    if (rc < 0)
        return rc;
    *out = arena_strdup(c->arena, raw);
    return 0;
}

static int is_token(const char *t)
{
    size_t i;
    if (!t || strlen(t) != TOKEN_HEX_LEN)
        return 0;
    for (i = 0; i < TOKEN_HEX_LEN; i++)
        if (!((t[i] >= '0' && t[i] <= '9') || (t[i] >= 'a' && t[i] <= 'f')))
            return 0;
    return 1;
}

int mail_status_get(struct ctx *c, int64_t uid, struct mail_status *out)
{
    struct user_email ue;
    int rc = store_user_email_get(c->db, c->arena, uid, &ue);
    if (rc < 0)
        return domain_store_fail(c, rc, "read the email address");
    out->email = ue.email;
    out->verified = ue.email && ue.verified_at > 0;
    return 0;
}

/* Queue the verification mail for uid's address email (inside a transaction). */
static int send_verification(struct ctx *c, int64_t uid, const char *name, const char *email,
                             const char *base_url)
{
    const char *tok, *link, *iname = settings_get(c, "instance_name", "Praxis");
    int rc = token_new(c, uid, "verify", email, MAIL_VERIFY_TTL, &tok);
    if (rc < 0)
        return domain_store_fail(c, rc, "store the verification link");
    link = arena_printf(c->arena, "%s/verify-email?token=%s", base_url, tok);
    return mail_enqueue(c, email, arena_printf(c->arena, "Confirm your email address on %s", iname),
                        arena_printf(c->arena,
                                     "Hello %s,\n\nplease confirm that this is your email "
                                     "address on %s by opening this link:\n\n%s\n\nThe link "
                                     "works once, for three days. If you did not ask for this, "
                                     "ignore this message.\n",
                                     name, iname, link),
                        NULL, NULL);
}

int mail_set_address(struct ctx *c, const char *email, const char *base_url)
{
    struct user_row row;
    struct user_email cur;
    const char *key = NULL;
    int rc;
    if (!c->uid)
        return error_set(c->err, ERR_AUTH, NULL, "Please sign in first.");
    if (*email) {
        if (mail_check_address(email, c->err) < 0)
            return ERR_INVALID;
        key = email_key(c->arena, email);
    }
    if (db_begin_write(c->db) < 0)
        return domain_db_fail(c, "start a transaction");
    rc = store_user_by_id(c->db, c->arena, c->uid, &row);
    if (rc == 0)
        rc = store_user_email_get(c->db, c->arena, c->uid, &cur);
    if (rc < 0) {
        db_rollback(c->db);
        return domain_store_fail(c, rc, "load the account");
    }
    if (key && cur.email && !strcmp(cur.email, email) && cur.verified_at) {
        db_rollback(c->db); /* unchanged and verified: nothing to do */
        return 0;
    }
    rc = store_user_email_set(c->db, c->uid, key ? email : NULL, key, c->now);
    if (rc == ERR_CONFLICT) {
        db_rollback(c->db);
        return error_set(c->err, ERR_CONFLICT, "email", "That address belongs to another account.");
    }
    if (rc == 0)
        rc = store_email_token_spend_all(c->db, c->uid, "verify", c->now);
    if (rc == 0 && key)
        rc = send_verification(c, c->uid, row.display_name, email, base_url);
    if (rc == 0 && db_commit(c->db) < 0)
        rc = domain_db_fail(c, "save the address");
    if (rc < 0) {
        db_rollback(c->db);
        return rc;
    }
    log_info("msg=\"email changed\" user=%s", row.name);
    return 0;
}

int mail_verify(struct ctx *c, const char *token)
{
    char hash[TOKEN_HASH_LEN + 1];
    struct email_token_row t;
    int rc;
    if (!is_token(token))
        return error_set(c->err, ERR_NOTFOUND, NULL, "This link is not valid.");
    token_hash(token, hash);
    if (db_begin_write(c->db) < 0)
        return domain_db_fail(c, "start a transaction");
    rc = store_email_token_get(c->db, c->arena, hash, &t);
    if (rc == 0 && strcmp(t.purpose, "verify"))
        rc = ERR_NOTFOUND;
    if (rc == 0)
        rc = store_email_token_use(c->db, hash, c->now);
    if (rc == 0)
        rc = store_user_email_verify(c->db, t.user_id, email_key(c->arena, t.email), c->now);
    if (rc == 0 && db_commit(c->db) < 0)
        rc = ERR_DB;
    if (rc < 0) {
        db_rollback(c->db);
        if (rc == ERR_NOTFOUND)
            return error_set(c->err, ERR_NOTFOUND, NULL,
                             "This link is not valid: it was used already, it expired, or the "
                             "address was changed since.");
        return domain_store_fail(c, rc, "verify the address");
    }
    return 0;
}

int mail_reset_request(struct ctx *c, const char *who, const char *base_url)
{
    struct user_row row;
    struct user_email ue;
    int64_t uid = 0, verified = 0, n = 0;
    const char *addr = c->remote_addr ? c->remote_addr : "";
    const char *tok, *link, *iname;
    int rc;

    if (!who || !*who || strlen(who) > MAIL_EMAIL_MAX)
        return error_set(c->err, ERR_INVALID, "email", "Enter your user name or email address.");
    if (db_begin_write(c->db) < 0)
        return domain_db_fail(c, "start a transaction");
    rc = store_mail_rate_count(c->db, "reset_addr", addr, c->now - 3600, &n);
    if (rc == 0 && n >= MAIL_RESET_PER_ADDR) {
        db_rollback(c->db);
        return error_set(c->err, ERR_RATE, NULL,
                         "Too many reset requests from your address. Please try again later.");
    }
    if (rc == 0)
        rc = store_mail_rate_add(c->db, "reset_addr", addr, c->now);
    if (rc < 0)
        goto fail;
    if (strchr(who, '@')) {
        rc = store_user_by_email(c->db, email_key(c->arena, who), &uid, &verified);
    } else {
        char key[ACCOUNT_NAME_MAX * 4 + 1];
        account_name_key(who, key, sizeof(key));
        rc = store_user_by_key(c->db, c->arena, key, &row);
        if (rc == 0)
            uid = row.id;
    }
    if (rc == ERR_NOTFOUND)
        goto quiet;
    if (rc == 0)
        rc = store_user_by_id(c->db, c->arena, uid, &row);
    if (rc == 0)
        rc = store_user_email_get(c->db, c->arena, uid, &ue);
    if (rc < 0)
        goto fail;
    if (!ue.email || !ue.verified_at || strcmp(row.status, "active"))
        goto quiet;
    rc = store_email_token_count(c->db, uid, "reset", c->now - 3600, &n);
    if (rc < 0)
        goto fail;
    if (n >= MAIL_RESET_PER_ACCOUNT) {
        log_info("msg=\"reset limited\" user=%s", row.name);
        goto quiet;
    }
    rc = token_new(c, uid, "reset", ue.email, MAIL_RESET_TTL, &tok);
    if (rc < 0)
        goto fail;
    iname = settings_get(c, "instance_name", "Praxis");
    link = arena_printf(c->arena, "%s/password-reset/confirm?token=%s", base_url, tok);
    rc = mail_enqueue(c, ue.email, arena_printf(c->arena, "Reset your password on %s", iname),
                      arena_printf(c->arena,
                                   "Hello %s,\n\nsomeone (we hope you) asked to reset the password "
                                   "of your account %s on %s. Choose a new one here:\n\n%s\n\n"
                                   "The link works once, for an hour. If you did not ask for "
                                   "this, ignore this message: your password stays as it is.\n",
                                   row.display_name, row.name, iname, link),
                      NULL, NULL);
    if (rc < 0) {
        db_rollback(c->db);
        return rc;
    }
quiet:
    if (db_commit(c->db) < 0) {
        rc = ERR_DB;
        goto fail;
    }
    return 0;
fail:
    db_rollback(c->db);
    return domain_store_fail(c, rc, "ask for a reset link");
}

/* Load a live reset token's row. ERR_NOTFOUND (with the message set) or ERR_DB. */
static int reset_token(struct ctx *c, const char *token, char hash[TOKEN_HASH_LEN + 1],
                       struct email_token_row *t)
{
    int rc;
    if (!is_token(token))
        return error_set(c->err, ERR_NOTFOUND, NULL, "This reset link is not valid.");
    token_hash(token, hash);
    rc = store_email_token_get(c->db, c->arena, hash, t);
    if (rc == 0 && (strcmp(t->purpose, "reset") || t->used_at || t->expires_at <= c->now))
        rc = ERR_NOTFOUND;
    if (rc == ERR_NOTFOUND)
        return error_set(c->err, ERR_NOTFOUND, NULL,
                         "This reset link is not valid: it was used already or it expired. "
                         "Ask for a new one.");
    return rc < 0 ? domain_store_fail(c, rc, "check the link") : 0;
}

int mail_reset_check(struct ctx *c, const char *token)
{
    char hash[TOKEN_HASH_LEN + 1];
    struct email_token_row t;
    return reset_token(c, token, hash, &t);
}

int mail_reset_confirm(struct ctx *c, const char *token, const char *password)
{
    char hash[TOKEN_HASH_LEN + 1], pw[ACCOUNT_HASH_LEN];
    struct email_token_row t;
    struct user_row row;
    int rc = reset_token(c, token, hash, &t);
    if (rc < 0)
        return rc;
    rc = store_user_by_id(c->db, c->arena, t.user_id, &row);
    if (rc < 0)
        return domain_store_fail(c, rc, "load the account");
    if (account_check_password(password ? password : "", row.name, c->err) < 0)
        return ERR_INVALID;
    if (account_password_hash(c, password, pw) < 0)
        return ERR_INTERNAL;
    if (db_begin_write(c->db) < 0)
        return domain_db_fail(c, "start a transaction");
    rc = store_email_token_use(c->db, hash, c->now); /* single use, even when racing */
    if (rc == 0)
        rc = store_user_set_password(c->db, row.id, pw, c->now);
    if (rc == 0)
        rc = store_session_delete_user(c->db, row.id, NULL);
    if (rc == 0)
        rc = store_email_token_spend_all(c->db, row.id, "reset", c->now);
    if (rc == 0 && store_token_revoke_all(c->db, row.id, c->now) < 0) /* whoever had it */
        rc = ERR_DB;
    if (rc == 0 && db_commit(c->db) < 0)
        rc = ERR_DB;
    sodium_memzero(pw, sizeof(pw));
    if (rc < 0) {
        db_rollback(c->db);
        if (rc == ERR_NOTFOUND)
            return error_set(c->err, ERR_NOTFOUND, NULL, "This reset link was used already.");
        return domain_store_fail(c, rc, "set the password");
    }
    log_info("msg=\"password reset\" user=%s", row.name);
    return 0;
}

int mail_jobs_summary(struct ctx *c, struct mail_jobs_summary *out)
{
    int rc =
        store_job_counts(c->db, &out->queued, &out->running, &out->done, &out->dead, &out->failing);
    return rc < 0 ? domain_store_fail(c, rc, "count the jobs") : 0;
}

int mail_jobs_problems(struct ctx *c, int64_t limit, struct job_row **out, size_t *n)
{
    int rc;
    if (!c->is_admin && !c->system)
        return error_set(c->err, ERR_PERM, NULL, "Only administrators can see the jobs.");
    rc = store_job_list_problems(c->db, c->arena, limit, out, n);
    return rc < 0 ? domain_store_fail(c, rc, "read the jobs") : 0;
}

int mail_job_retry(struct ctx *c, int64_t id)
{
    int rc;
    if (!c->is_admin && !c->system)
        return error_set(c->err, ERR_PERM, NULL, "Only administrators can retry jobs.");
    rc = store_job_retry(c->db, id, c->now);
    if (rc == ERR_NOTFOUND)
        return error_set(c->err, ERR_NOTFOUND, NULL, "No such failed job.");
    return rc < 0 ? domain_store_fail(c, rc, "retry the job") : 0;
}
