/* Mail: outgoing messages as durable jobs, email addresses on accounts with verification
 * links, and password reset by email. Settings (domain.h): smtp_url (smtp://, smtps://,
 * user:password@ for auth, "?starttls" to require STARTTLS), mail_from, base_url (the
 * public address links in mail point at).
 *
 * Hook for other features (notifications, digests): call mail_enqueue inside the write
 * transaction that records the event; the message goes out when that commits. */
#ifndef PRAXIS_DOMAIN_MAIL_H
#define PRAXIS_DOMAIN_MAIL_H
#include <stdint.h>

#include "domain/domain.h"
#include "store/job.h"

#define MAIL_EMAIL_MAX         254             /* bytes of an address */
#define MAIL_VERIFY_TTL        (3 * 24 * 3600) /* verification links last 3 days */
#define MAIL_RESET_TTL         3600            /* reset links last an hour */
#define MAIL_RESET_PER_ACCOUNT 3               /* reset mails per account per hour */
#define MAIL_RESET_PER_ADDR    20              /* reset requests per client address per hour */

/* Check an address: ASCII local@domain, no spaces or controls, at most 254 bytes, one '@',
   a dot-free or dotted domain without empty labels. Returns 0 or ERR_INVALID (field
   "email"). Pure; unit-tested. */
int mail_check_address(const char *email, struct errinfo *e);

/* Queue one message to `to` (inside the caller's write transaction). text is the plain
   body; html the HTML body, or NULL to derive it from the text (mime_text_html: paragraphs,
   escaped, links), which is what Praxis's own messages do. The Message-ID is made here and is the
   job's idempotency key; *message_id (may be NULL) receives it (arena copy). */
int mail_enqueue(struct ctx *c, const char *to, const char *subject, const char *text,
                 const char *html, const char **message_id);

/* Extra headers of one message; any member may be NULL (left out). Values are printable
   ASCII without CR or LF (mime_build refuses anything else, so the job would die: check
   what comes from users before). */
struct mail_headers {
    const char *reply_to;              /* "addr@host": where replies go (mailkey_reply_address) */
    const char *in_reply_to;           /* "<thread-ID@host>": threads mail about one thread */
    const char *references;            /* the same id (or a list), for clients that want it */
    const char *list_id;               /* "<slug.host>" (RFC 2919) */
    const char *list_unsubscribe;      /* "<https://host/mail/unsubscribe?t=...>" (RFC 2369) */
    const char *list_unsubscribe_post; /* "List-Unsubscribe=One-Click" (RFC 8058) */
};

/* mail_enqueue with extra headers h (NULL = none; mail_enqueue calls this with NULL). The
   headers travel in the job payload ("headers": {"reply_to": ..., ...}) and are written by
   mime_build when the job runs. ERR_INVALID (field "headers") when a value has a control
   character or non-ASCII byte. */
int mail_enqueue_ex(struct ctx *c, const char *to, const char *subject, const char *text,
                    const char *html, const struct mail_headers *h, const char **message_id);

/* The one-click unsubscribe address for member uid and scope ("all", "digest", a
   notification kind, "tNNN" for a thread): base_url + "/mail/unsubscribe?t=" +
   mailkey_unsub_make(uid, scope). Arena string, or NULL with c->err filled (bad scope or no
   instance secret). */
const char *mail_unsubscribe_url(struct ctx *c, const char *base_url, int64_t uid,
                                 const char *scope);

/* The effective SMTP URL: flag when non-empty, else the smtp_url setting, else NULL (mail
   is off). Arena copy. */
const char *mail_smtp_url(struct ctx *c, const char *flag);
/* The same URL without its password (user:***@), for pages and logs. */
const char *mail_smtp_display(struct ctx *c, const char *url);
/* The public address links in mail start with: flag (serve --base-url) when non-empty, else
   the base_url setting, else fallback (http:// + the listen address). */
const char *mail_base_url(struct ctx *c, const char *flag, const char *fallback);
/* The From header: mail_from setting, else "<instance_name> <praxis@localhost>". */
const char *mail_from(struct ctx *c);

/* Member uid wants no digest email: stored as the row (uid, "digest", "off") of the
   notification preferences (notify_prefs, migration 0014; domain/notify_mail.c), which the
   digest job reads. Call inside the caller's write transaction. 0 or ERR_DB. */
int digest_unsubscribe(struct ctx *c, int64_t uid);

/* --- addresses on accounts --- */
struct mail_status {
    const char *email; /* NULL = none */
    int verified;      /* 1 when verified */
};
int mail_status_get(struct ctx *c, int64_t uid, struct mail_status *out);
/* Set the acting user's address (email "" clears it); a new address is unverified and a
   verification link (base_url + "/verify-email?token=...") is queued at once, in the same
   transaction. ERR_INVALID, ERR_CONFLICT (another account has it). Setting the same
   address again re-sends the link if it is not verified. */
int mail_set_address(struct ctx *c, const char *email, const char *base_url);
/* Spend a verification token: the address it was sent to is now verified, if it is still
   the account's. ERR_NOTFOUND for an unknown, used, expired or outdated token. */
int mail_verify(struct ctx *c, const char *token);

/* --- password reset --- */
/* Ask for a reset link for the account named `who` (a user name or an email address).
   Always answers 0 for unknown names and addresses (no account enumeration); mails only a
   verified address of an active account, at most MAIL_RESET_PER_ACCOUNT an hour. ERR_RATE
   when this client address asked too often. */
int mail_reset_request(struct ctx *c, const char *who, const char *base_url);
/* Check a reset token without spending it (for showing the form). 0 or ERR_NOTFOUND. */
int mail_reset_check(struct ctx *c, const char *token);
/* Set a new password with a reset token (policy as for sign-up); the token is spent, every
   other reset token of the account too, and all its sessions end. ERR_NOTFOUND for a bad
   token, ERR_INVALID for a weak password. */
int mail_reset_confirm(struct ctx *c, const char *token, const char *password);

/* Counts for the admin page. */
struct mail_jobs_summary {
    int64_t queued, running, done, dead, failing;
};
int mail_jobs_summary(struct ctx *c, struct mail_jobs_summary *out);
/* Admin: up to limit dead or failing jobs, newest first (arena array). ERR_PERM, ERR_DB. */
int mail_jobs_problems(struct ctx *c, int64_t limit, struct job_row **out, size_t *n);
/* Admin: retry a dead or failing job now. ERR_PERM, ERR_NOTFOUND. */
int mail_job_retry(struct ctx *c, int64_t id);

#endif
