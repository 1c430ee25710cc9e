/* The SQL catalogue for accounts: settings, users, skills, sessions, API tokens, sign-in
 * attempts and registration invites (tables from migration 0001). Every statement is literal
 * SQL with bound parameters and means the same on SQLite and PostgreSQL.
 *
 * Conventions: functions return 0, ERR_NOTFOUND (no such row), ERR_CONFLICT (a unique key
 * was violated) or ERR_DB (see db_last_error). Strings in result structs are copied into
 * the arena passed in and live as long as it does. No rules live here: validation,
 * permissions and hashing are the domain layer's job (domain/account.c). */
#ifndef PRAXIS_STORE_ACCOUNT_H
#define PRAXIS_STORE_ACCOUNT_H
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "store/db.h"

/* One row of users. */
struct user_row {
    int64_t id;                /* users.id */
    const char *name;          /* as typed at sign-up */
    const char *name_key;      /* lower-case name */
    const char *display_name;  /* shown name */
    const char *password_hash; /* argon2id string, or NULL (cannot sign in) */
    int is_admin;              /* instance administrator */
    const char *status;        /* "active" | "suspended" | "unclaimed" */
    const char *bio_md;        /* bio source (Markdown) */
    const char *bio_html;      /* bio rendered on write */
    const char *timezone;      /* IANA zone or "" */
    int64_t created_at;        /* UTC seconds */
    int64_t updated_at;        /* UTC seconds */
};

/* A session or API token joined with its user (what authentication needs). */
struct auth_row {
    int64_t user_id;      /* owner */
    const char *name;     /* owner's name */
    int is_admin;         /* owner is an administrator */
    const char *status;   /* owner's status */
    int64_t id;           /* api_tokens.id (tokens only) */
    int64_t last_seen_at; /* sessions.last_seen_at / api_tokens.last_used_at (0 = never) */
    int64_t expires_at;   /* sessions.expires_at (sessions only) */
    const char *theme;    /* users.theme: "system", "light" or "dark" */
};

struct token_row {
    int64_t id;           /* api_tokens.id */
    const char *name;     /* what the owner called it */
    const char *prefix;   /* first 8 characters of the token */
    int64_t created_at;   /* UTC seconds */
    int64_t last_used_at; /* 0 = never */
    int64_t revoked_at;   /* 0 = live */
};

struct invite_row {
    int64_t id;                  /* registration_invites.id */
    int64_t created_by;          /* user id, 0 = the CLI */
    const char *created_by_name; /* that user's name, or NULL */
    int64_t created_at, expires_at;
    int64_t used_by;          /* 0 = unused */
    const char *used_by_name; /* that user's name, or NULL */
    int64_t used_at;          /* 0 = unused */
    const char *note;         /* free text from the admin */
};

/* --- settings --- */
int store_setting_get(struct db *db, struct arena *a, const char *key, const char **out);
int store_setting_set(struct db *db, const char *key, const char *value); /* upsert */
/* Insert unless the key exists (the stored value wins). */
int store_setting_add(struct db *db, const char *key, const char *value);

/* --- users --- */
/* Insert a user; *id receives the new id. ERR_CONFLICT if name_key is taken. */
int store_user_insert(struct db *db, const struct user_row *u, int64_t *id);
int store_user_by_key(struct db *db, struct arena *a, const char *name_key, struct user_row *out);
int store_user_by_id(struct db *db, struct arena *a, int64_t id, struct user_row *out);
/* Users ordered by name_key, limit/offset; *out is an arena array of *n rows. */
int store_user_list(struct db *db, struct arena *a, int64_t limit, int64_t offset,
                    struct user_row **out, size_t *n);
int store_user_count(struct db *db, int64_t *n);
int store_user_admin_count(struct db *db, int64_t *n); /* administrators */
int store_user_update_profile(struct db *db, int64_t id, const char *display_name,
                              const char *bio_md, const char *bio_html, const char *timezone,
                              int64_t now);
int store_user_set_password(struct db *db, int64_t id, const char *hash, int64_t now);
int store_user_set_admin(struct db *db, int64_t id, int is_admin, int64_t now);
int store_user_set_status(struct db *db, int64_t id, const char *status, int64_t now);

/* --- skills --- */
int store_skills_get(struct db *db, struct arena *a, int64_t uid, const char ***tags, size_t *n);
/* Replace the user's skills with tags[0..n) (run inside a transaction). */
int store_skills_replace(struct db *db, int64_t uid, const char *const *tags, size_t n);

/* --- sessions --- */
int store_session_insert(struct db *db, const char *hash, int64_t uid, int64_t now,
                         int64_t expires_at, const char *user_agent, const char *ip);
int store_session_lookup(struct db *db, struct arena *a, const char *hash, struct auth_row *out);
int store_session_touch(struct db *db, const char *hash, int64_t now, int64_t expires_at);
int store_session_delete(struct db *db, const char *hash);
/* users.theme of uid ("system", "light" or "dark"; arena); set it (the caller validated). */
int store_user_theme_get(struct db *db, struct arena *a, int64_t uid, const char **theme);
int store_user_theme_set(struct db *db, int64_t uid, const char *theme);
/* Delete the user's sessions except keep_hash (NULL: all of them). */
int store_session_delete_user(struct db *db, int64_t uid, const char *keep_hash);
int store_session_purge(struct db *db, int64_t now); /* expired ones */

/* --- API tokens --- */
int store_token_insert(struct db *db, int64_t uid, const char *name, const char *hash,
                       const char *prefix, int64_t now, int64_t *id);
/* A live (not revoked) token by hash, joined with its owner. */
int store_token_lookup(struct db *db, struct arena *a, const char *hash, struct auth_row *out);
int store_token_touch(struct db *db, int64_t id, int64_t now);
int store_token_list(struct db *db, struct arena *a, int64_t uid, struct token_row **out,
                     size_t *n);
/* Revoke token id of user uid; ERR_NOTFOUND if no such live token of theirs. */
int store_token_revoke(struct db *db, int64_t uid, int64_t id, int64_t now);
/* Revoke every live API token of uid; returns how many (>= 0) or ERR_DB. */
int store_token_revoke_all(struct db *db, int64_t uid, int64_t now);

/* --- sign-in attempts --- */
int store_attempt_add(struct db *db, const char *scope, const char *key, int64_t at);
/* Failures for scope/key at or after since: count and the oldest time among them. */
int store_attempt_count(struct db *db, const char *scope, const char *key, int64_t since,
                        int64_t *count, int64_t *oldest);
int store_attempt_clear(struct db *db, const char *scope, const char *key);
int store_attempt_purge(struct db *db, int64_t before);

/* --- registration invites --- */
int store_invite_insert(struct db *db, const char *hash, int64_t created_by, int64_t now,
                        int64_t expires_at, const char *note, int64_t *id);
int store_invite_by_hash(struct db *db, struct arena *a, const char *hash, struct invite_row *out);
/* Mark used if still unused and unexpired; ERR_NOTFOUND when someone else got there first. */
int store_invite_use(struct db *db, int64_t id, int64_t uid, int64_t now);
int store_invite_list(struct db *db, struct arena *a, int64_t limit, struct invite_row **out,
                      size_t *n);

#endif
