/* Accounts: the rules for names, passwords, profiles, registration, signing in, browser
 * sessions, personal API tokens, administrators and registration invites. The web pages,
 * the JSON API and the CLI all go through these functions.
 *
 * Passwords are hashed with argon2id (libsodium crypto_pwhash_str, t=2, 19 MiB), at most
 * as many at once as ctx->hash_sem allows. Session cookies, API tokens and invite links are
 * 128-bit random tokens; only their BLAKE2b hashes are stored.
 *
 * All functions follow domain.h: 0 or a negative enum err with c->err filled; results live
 * in c->arena. Validators (account_check_*) take an errinfo so they can run without a ctx. */
#ifndef PRAXIS_DOMAIN_ACCOUNT_H
#define PRAXIS_DOMAIN_ACCOUNT_H
#include <stddef.h>
#include <stdint.h>

#include "core/rand.h"
#include "domain/domain.h"
#include "store/account.h"

#define ACCOUNT_SESSION_COOKIE "px_session"
#define ACCOUNT_ANON_COOKIE    "px_anon"
#define ACCOUNT_DEVICE_COOKIE  "px_device"               /* a browser that signed in here before */
#define ACCOUNT_TOKEN_PREFIX   "pxt_"                    /* API tokens look like pxt_<32 hex> */
#define ACCOUNT_SESSION_TTL    ((int64_t)30 * 24 * 3600) /* default sliding session life */
#define ACCOUNT_NAME_MIN       2
#define ACCOUNT_NAME_MAX       30
#define ACCOUNT_DISPLAY_MAX    60  /* characters */
#define ACCOUNT_PASSWORD_MIN   10  /* characters (UTF-8 code points) */
#define ACCOUNT_PASSWORD_BITS  28  /* zxcvbn's estimate: at least 2^28 guesses */
#define ACCOUNT_PASSWORD_MAX   256 /* bytes */
#define ACCOUNT_SKILLS_MAX     20
#define ACCOUNT_SKILL_MAX      30
#define ACCOUNT_BIO_MAX        8000      /* bytes of Markdown */
#define ACCOUNT_RATE_WINDOW    (15 * 60) /* seconds */
#define ACCOUNT_RATE_USER      5         /* failures per account and address per window */
#define ACCOUNT_RATE_USER_ALL  100       /* failures per account from unknown devices per window */
#define ACCOUNT_RATE_ADDR      20        /* failures per address per window before refusing */
#define ACCOUNT_GENPW_LEN      20        /* generated passwords: characters */
#define ACCOUNT_API_TOKEN_LEN  (4 + TOKEN_HEX_LEN) /* "pxt_" + 32 hex */

/* A user as the rest of Praxis sees it (never the password hash). */
struct user {
    int64_t id;               /* users.id */
    const char *name;         /* as typed at sign-up */
    const char *display_name; /* shown name */
    int is_admin;             /* instance administrator */
    const char *status;       /* "active" | "suspended" | "unclaimed" */
    const char *bio_md;       /* Markdown source, "" if none */
    const char *bio_html;     /* rendered bio (safe HTML), "" if none */
    const char *timezone;     /* IANA zone or "" */
    int64_t created_at;       /* UTC seconds */
    int64_t updated_at;       /* UTC seconds */
    const char **skills;      /* claimed skills, normalised; NULL-terminated */
    size_t nskills;
    int has_password; /* 0 = cannot sign in (unclaimed, imported) */
};

/* Who a session cookie or API token belongs to. */
struct auth {
    int64_t user_id;   /* owner */
    const char *name;  /* owner's name */
    int is_admin;      /* owner is an administrator */
    int64_t token_id;  /* api_tokens.id when authenticated by a token, else 0 */
    int refreshed;     /* session: last_seen/expiry were just extended */
    int64_t idle;      /* session, when refreshed: seconds since it was last extended */
    const char *theme; /* owner's colour theme: "system", "light" or "dark" */
};

/* Hash pw with argon2id (bounded by c->hash_sem) into out, for callers that store a new
   password in their own transaction (password reset, domain/mail.c). 0 or ERR_INTERNAL. */
#define ACCOUNT_HASH_LEN 128 /* crypto_pwhash_STRBYTES */
int account_password_hash(struct ctx *c, const char *pw, char out[ACCOUNT_HASH_LEN]);

/* ---- validators (pure; unit-tested) ---- */

/* A user name: 2-30 of [A-Za-z0-9_.-], starting with a letter or digit, not reserved.
   Returns 0 or ERR_INVALID (field "name"). */
int account_check_name(const char *name, struct errinfo *e);
/* Lower-cased copy of name into out (ASCII only; names are ASCII). */
void account_name_key(const char *name, char *out, size_t size);
/* 1 if name (any case) is reserved for the site's own paths and roles. */
int account_name_reserved(const char *name);
/* A display name: 1-60 characters, valid UTF-8, no control characters, not only spaces.
   Returns 0 or ERR_INVALID (field "display_name"). */
int account_check_display_name(const char *s, struct errinfo *e);
/* Password policy (NIST-like: length and a blocklist, no composition rules): 10-256 bytes,
   valid UTF-8, not the user's name (any case), not one repeated character, not one of the
   most common passwords. name may be NULL. Returns 0 or ERR_INVALID (field "password"). */
int account_check_password(const char *pw, const char *name, struct errinfo *e);
/* Parse "Go, PostgreSQL, machine learning" into normalised tags (lower-case a-z 0-9 and
   '-', spaces and '_' become '-', duplicates dropped), at most 20 of 1-30 characters each.
   *out is an arena array of *n strings, NULL-terminated. ERR_INVALID (field "skills"). */
int account_parse_skills(struct arena *a, const char *csv, const char ***out, size_t *n,
                         struct errinfo *e);
/* 1 if next is a same-site relative path ("/x", not "//x", no backslash or control
   characters), so that it may be used as a redirect target after signing in. */
int account_safe_next(const char *next);
/* A strong random password (20 characters from an unambiguous alphabet, ~114 bits). */
void account_generate_password(char out[ACCOUNT_GENPW_LEN + 1]);
/* Copy s without leading/trailing ASCII whitespace into the arena (NULL stays NULL). */
const char *account_trim(struct arena *a, const char *s);

/* ---- users ---- */

struct account_new {
    const char *name;         /* required */
    const char *display_name; /* NULL or "" = the name */
    const char *password;     /* NULL = no password (the user cannot sign in yet) */
    const char *invite;       /* registration invite token (registration = invite) */
    int is_admin;             /* only honoured for admins and the system */
};

/* Self-service sign-up: obeys settings.registration (open | invite | closed), never makes
   an administrator. On success fills *out (may be NULL). ERR_INVALID (bad field, or a bad
   invite: field "invite"), ERR_CONFLICT (name taken), ERR_PERM (registration closed). */
int account_register(struct ctx *c, const struct account_new *in, struct user *out);
/* Create a user as an administrator or the system (admin page, CLI): any registration mode,
   may make an administrator. ERR_PERM for anyone else. */
int account_create(struct ctx *c, const struct account_new *in, struct user *out);
/* Look a user up by name (any case) or id, with skills. ERR_NOTFOUND. */
int account_get(struct ctx *c, const char *name, struct user *out);
int account_get_by_id(struct ctx *c, int64_t id, struct user *out);
/* Users ordered by name (skills not loaded). */
int account_list(struct ctx *c, int64_t limit, int64_t offset, struct user **out, size_t *n);
int account_count(struct ctx *c, int64_t *n);

/* Fields to change on a profile; NULL leaves a field as it is. */
struct profile_update {
    const char *display_name; /* 1-60 characters */
    const char *bio;          /* Markdown, at most 8000 bytes; "" clears */
    const char *skills;       /* comma-separated; "" clears */
    const char *timezone;     /* IANA name or "" */
};
/* Update user uid's profile: the user themself, or an admin. ERR_INVALID with the field. */
int account_update_profile(struct ctx *c, int64_t uid, const struct profile_update *p);

/* The acting user changes their password. current must match; the other sessions of the
   user end (keep_session: the raw cookie token of the session to keep, or NULL), and with
   revoke_tokens their personal API tokens are revoked too (*revoked: how many; may be
   NULL). */
int account_change_password(struct ctx *c, const char *current, const char *newpw,
                            const char *keep_session, int revoke_tokens, int64_t *revoked);
/* Admin/system: set name's password (NULL pw not allowed); all their sessions end. */
int account_set_password(struct ctx *c, const char *name, const char *pw);
/* Admin/system: grant or revoke administrator rights. Refuses to remove the last admin. */
int account_set_admin(struct ctx *c, const char *name, int on);
/* Admin/system: status "active" or "suspended" (suspending ends their sessions and
   revokes nothing else). Admins cannot suspend themselves. */
int account_set_status(struct ctx *c, const char *name, const char *status);

/* ---- signing in, sessions ---- */

/* Check name and password and start a session. Rate-limited before any hashing
   (docs/api.md, "Sign-in limits"): ACCOUNT_RATE_USER failures for the name from
   c->remote_addr, or ACCOUNT_RATE_ADDR failures from c->remote_addr for any names, within
   ACCOUNT_RATE_WINDOW give ERR_RATE (the message says how long to wait). Failures for the
   name from everywhere are limited too (ACCOUNT_RATE_USER_ALL), but only for clients that
   are not a known device of the account: device is the verified "UID.NONCE" of the client's
   device cookie (app/session.c sets it when someone signs in; NULL for none), and a device
   of this account is limited on its own (ACCOUNT_RATE_USER) instead, so strangers guessing
   from many addresses cannot lock the owner out of the browsers they use. The owner is told
   (a "security" notification, emailed) when the name-wide limit is reached. Unknown name and
   wrong password give the same ERR_AUTH message after the same work. A suspended account
   gives ERR_PERM. On success the raw session token is written to token (for the cookie),
   *out is filled (may be NULL). */
int account_signin(struct ctx *c, const char *name, const char *password, const char *user_agent,
                   int64_t ttl, const char *device, char token[TOKEN_HEX_LEN + 1],
                   struct user *out);
/* Start a session for uid without a password (just after sign-up). */
int account_session_start(struct ctx *c, int64_t uid, const char *user_agent, int64_t ttl,
                          char token[TOKEN_HEX_LEN + 1]);
/* Load the session of a cookie token. Sliding expiry: if last seen a minute or more ago,
   extends it to now + ttl and sets out->refreshed. ERR_AUTH when unknown, expired, or the
   user is not active. */
int account_session_load(struct ctx *c, const char *token, int64_t ttl, struct auth *out);
/* End the session of a cookie token (sign out). Unknown tokens are fine. */
int account_session_end(struct ctx *c, const char *token);

/* ---- colour theme ---- */

/* 1 if s is a theme a member may choose: "system" (follow the browser), "light", "dark". */
int account_theme_valid(const char *s);
/* The acting user's theme (arena; "system" by default). */
int account_theme_get(struct ctx *c, const char **theme);
/* Set the acting user's theme. ERR_INVALID (field "theme") unless account_theme_valid. */
int account_theme_set(struct ctx *c, const char *theme);

/* ---- personal API tokens ---- */

/* Authenticate "pxt_...". ERR_AUTH (message says why) when malformed, unknown, revoked or
   the user is not active. Records last use at most once a minute. */
int account_token_auth(struct ctx *c, const char *token, struct auth *out);
/* Create a token for the acting user. *token_out (arena) is the only copy of the secret. */
int account_token_create(struct ctx *c, const char *name, const char **token_out,
                         struct token_row *out);
int account_token_list(struct ctx *c, struct token_row **out, size_t *n);
int account_token_revoke(struct ctx *c, int64_t id); /* ERR_NOTFOUND if not theirs/live */

/* ---- registration invites (admins) ---- */

/* Create an invite valid for ttl seconds (0 = 7 days). *token_out (arena) goes in the link
   /signup?invite=TOKEN and is not stored. */
int account_invite_create(struct ctx *c, const char *note, int64_t ttl, const char **token_out,
                          struct invite_row *out);
int account_invite_list(struct ctx *c, struct invite_row **out, size_t *n);
/* 0 if token is a usable invite (unused, unexpired), else ERR_INVALID (field "invite"). */
int account_invite_check(struct ctx *c, const char *token);

#endif
