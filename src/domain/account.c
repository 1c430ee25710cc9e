/* Accounts: validation of names, display names, passwords and skills; registration in the
 * three modes; password hashing (argon2id through libsodium, bounded by ctx->hash_sem);
 * signing in with a per-account and per-address rate limit that is checked before any
 * hashing; sliding browser sessions; personal API tokens; administrator actions; and
 * registration invites. See account.h for the contract of each function. */
#include <errno.h>
#include <semaphore.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <zxcvbn.h>

#include "core/buf.h"
#include "core/log.h"
#include "core/markdown.h"
#include "domain/upload.h"
#include "core/rand.h"
#include "core/timeutil.h"
#include "core/utf8.h"
#include "domain/account.h"
#include "domain/moderation.h"
#include "domain/notification.h"
#include "domain/trust.h"
#include "domain/domain_int.h"
#include "store/trust.h"
#include "core/util.h"

#define PW_OPSLIMIT 2ULL
#define PW_MEMLIMIT ((size_t)19 * 1024 * 1024)
#define INVITE_TTL  ((int64_t)7 * 24 * 3600)
#define TOKENS_MAX  50 /* live API tokens per user */
/* Audit lines for the server's log; the CLI (system ctx) reports on its own output. */
#define audit(c, ...)                                                                              \
    do {                                                                                           \
        if (!(c)->system)                                                                          \
            log_info(__VA_ARGS__);                                                                 \
    } while (0)

/* A hash of a password nobody knows, with the same parameters as real ones: verifying
   against it costs what a real verification costs, so unknown names take as long. */
static const char dummy_hash[crypto_pwhash_STRBYTES] =
    "$argon2id$v=19$m=19456,t=2,p=1$lm9tWUfQ1czWeWDp0oijwg$w3Z1svXAV9qEwpx+olSnSNsXzZ+Yo3npIAMdKVG/"
    "VsU";

static const char wrong_credentials[] = "That name and password do not match.";

/* ------------------------------------------------------------------------------------
 * Validators
 * ---------------------------------------------------------------------------------- */

/* Paths and roles a user name could be confused with (compared case-insensitively). */
static const char *const reserved_names[] = {
    "about",       "account",    "accounts",    "admin",     "administrator",
    "admins",      "anonymous",  "api",         "assets",    "c",
    "communities", "community",  "coordinator", "dashboard", "edit",
    "events",      "everyone",   "favicon.ico", "feed",      "feeds",
    "guest",       "healthz",    "help",        "home",      "invite",
    "invites",     "login",      "logout",      "me",        "metrics",
    "moderator",   "moderators", "new",         "null",      "owner",
    "praxis",      "register",   "robots.txt",  "root",      "search",
    "settings",    "signin",     "signout",     "signup",    "staff",
    "static",      "support",    "system",      "tokens",    "u",
    "undefined",   "user",       "users",       "webmaster", "www",
};

/* Common passwords of 10 characters or more (shorter ones fail the length rule anyway),
   compared case-insensitively. From public breach frequency lists. */
static const char *const common_passwords[] = {
    "0123456789",
    "0987654321",
    "1029384756",
    "1122334455",
    "1212121212",
    "1231231231",
    "123123123123",
    "1234512345",
    "1234554321",
    "123456123456",
    "1234567890",
    "12345678910",
    "123456789a",
    "123456789q",
    "12345qwert",
    "123qweasdzxc",
    "1478963250",
    "1q2w3e4r5t",
    "1q2w3e4r5t6y",
    "1qaz2wsx3edc",
    "1qazxsw23edc",
    "5555555555",
    "6969696969",
    "9876543210",
    "987654321a",
    "a1b2c3d4e5",
    "aa12345678",
    "abc1234567",
    "abcd123456",
    "abcd1234567",
    "abcdefg123",
    "abcdefghij",
    "abcdefghijk",
    "admin12345",
    "admin123456",
    "adminadmin",
    "administrator",
    "administrator1",
    "arsenal123",
    "asdfghjkl1",
    "asdfghjkl;",
    "autumn2024",
    "autumn2025",
    "baseball123",
    "basketball",
    "basketball1",
    "batman1234",
    "chelsea123",
    "changeme123",
    "changeme1234",
    "charlie123",
    "computer123",
    "correcthorsebatterystaple",
    "dragon1234",
    "football123",
    "iloveyou12",
    "iloveyou123",
    "iloveyou1234",
    "internet123",
    "jennifer123",
    "jessica123",
    "letmein123",
    "letmein1234",
    "letmeinnow",
    "liverpool123",
    "lovelove123",
    "manchester",
    "manunited1",
    "master1234",
    "michael123",
    "monkey1234",
    "mypassword",
    "mypassword1",
    "mypassword123",
    "nopassword",
    "p@ssw0rd123",
    "p@ssword123",
    "passw0rd123",
    "password!!",
    "password12",
    "password123",
    "password1234",
    "password12345",
    "password123456",
    "password2024",
    "password2025",
    "password2026",
    "passwordpassword",
    "praxis1234",
    "praxis12345",
    "praxis123456",
    "praxispraxis",
    "princess123",
    "q1w2e3r4t5",
    "qazwsxedc123",
    "qazwsxedcrfv",
    "qwerty1234",
    "qwerty12345",
    "qwerty123456",
    "qwertyuiop",
    "qwertyuiop123",
    "rootroot123",
    "secretpassword",
    "shadow1234",
    "spring2024",
    "spring2025",
    "starwars123",
    "summer2024",
    "summer2025",
    "sunshine123",
    "superman123",
    "supersecret",
    "supersecret1",
    "test123456",
    "testtest123",
    "thisismypassword",
    "trustno1234",
    "welcome123",
    "welcome1234",
    "welcome2024",
    "welcome2025",
    "welcome2026",
    "whatever123",
    "winter2024",
    "winter2025",
    "zaq12wsxcde3",
    "zaq1zaq1zaq1",
    "zxcvbnm123",
};

static int ascii_lower(int ch)
{
    return ch >= 'A' && ch <= 'Z' ? ch + 32 : ch;
}

static int eq_nocase(const char *a, const char *b)
{
    for (; *a && *b; a++, b++)
        if (ascii_lower((unsigned char)*a) != ascii_lower((unsigned char)*b))
            return 0;
    return *a == *b;
}

void account_name_key(const char *name, char *out, size_t size)
{
    size_t i;
    if (!size)
        return;
    for (i = 0; name[i] && i + 1 < size; i++)
        out[i] = (char)ascii_lower((unsigned char)name[i]);
    out[i] = '\0';
}

int account_name_reserved(const char *name)
{
    size_t i;
    for (i = 0; i < ARRAY_SIZE(reserved_names); i++)
        if (eq_nocase(name, reserved_names[i]))
            return 1;
    return 0;
}

int account_check_name(const char *name, struct errinfo *e)
{
    size_t i, n;
    if (!name || !*name)
        return error_set(e, ERR_INVALID, "name", "Choose a user name.");
    n = strlen(name);
    for (i = 0; i < n; i++) {
        char ch = name[i];
        int alnum =
            (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9');
        if (!alnum && !(i > 0 && (ch == '_' || ch == '.' || ch == '-')))
            break;
    }
    if (n < ACCOUNT_NAME_MIN || n > ACCOUNT_NAME_MAX || i < n)
        return error_set(e, ERR_INVALID, "name",
                         "A user name is 2 to 30 characters: letters, digits, '_', '.' and '-', "
                         "starting with a letter or digit.");
    if (account_name_reserved(name))
        return error_set(e, ERR_INVALID, "name",
                         "The name '%s' is reserved. Please choose another.", name);
    return 0;
}

int account_check_display_name(const char *s, struct errinfo *e)
{
    size_t n, chars, i;
    if (!s)
        s = "";
    n = strlen(s);
    if (!utf8_valid(s, n) || utf8_has_controls(s, 0))
        return error_set(e, ERR_INVALID, "display_name",
                         "A display name cannot contain control characters or invalid text.");
    for (i = 0; i < n && (s[i] == ' ' || s[i] == '\t'); i++)
        ;
    chars = utf8_chars(s, n);
    if (i == n || chars > ACCOUNT_DISPLAY_MAX)
        return error_set(e, ERR_INVALID, "display_name", "A display name is 1 to %d characters.",
                         ACCOUNT_DISPLAY_MAX);
    return 0;
}

/* Whether hay contains needle, ASCII case folded (names are ASCII). */
static int contains_nocase(const char *hay, const char *needle)
{
    size_t n = strlen(needle), i, j;
    for (i = 0; hay[i]; i++) {
        for (j = 0; j < n && hay[i + j] &&
                    ascii_lower((unsigned char)hay[i + j]) == ascii_lower((unsigned char)needle[j]);
             j++)
            ;
        if (j == n)
            return 1;
    }
    return 0;
}

int account_check_password(const char *pw, const char *name, struct errinfo *e)
{
    size_t n, chars, i;
    const char *dict[3] = {"praxis", NULL, NULL};
    if (!pw || !*pw)
        return error_set(e, ERR_INVALID, "password", "Choose a password.");
    n = strlen(pw);
    if (n > ACCOUNT_PASSWORD_MAX)
        return error_set(e, ERR_INVALID, "password", "A password can be at most %d bytes long.",
                         ACCOUNT_PASSWORD_MAX);
    if (!utf8_valid(pw, n))
        return error_set(e, ERR_INVALID, "password", "The password is not valid text (UTF-8).");
    for (i = 0, chars = 0; i < n; i++)
        chars += ((unsigned char)pw[i] & 0xC0) != 0x80;
    if (chars < ACCOUNT_PASSWORD_MIN)
        return error_set(e, ERR_INVALID, "password",
                         "A password needs at least %d characters. A few unrelated words make "
                         "a good one.",
                         ACCOUNT_PASSWORD_MIN);
    if (name && *name && eq_nocase(pw, name))
        return error_set(e, ERR_INVALID, "password", "Your password cannot be your user name.");
    if (name && strlen(name) >= 3 && contains_nocase(pw, name))
        return error_set(e, ERR_INVALID, "password",
                         "Your password cannot contain your user name.");
    for (i = 1; i < n && pw[i] == pw[0]; i++)
        ;
    if (i == n)
        return error_set(e, ERR_INVALID, "password",
                         "A password cannot be one character repeated.");
    for (i = 0; i < ARRAY_SIZE(common_passwords); i++)
        if (eq_nocase(pw, common_passwords[i]))
            return error_set(e, ERR_INVALID, "password",
                             "That password is one of the most commonly used ones and easy to "
                             "guess. Please choose another.");
    /* zxcvbn's estimate of the guesses an attacker needs (dictionaries, keyboard patterns,
       dates, repeats, l33t), with the name and the site's own word as known words. */
    dict[1] = name && *name ? name : NULL;
    if (ZxcvbnMatch(pw, dict, NULL) < ACCOUNT_PASSWORD_BITS)
        return error_set(e, ERR_INVALID, "password",
                         "That password would be easy to guess (common words, names, dates or "
                         "keyboard patterns). A few unrelated words make a strong one.");
    return 0;
}

/* Normalise one skill s[0..n) into out (at least n+1 bytes). Returns its length, 0 if it is
   empty after trimming, or -1 if it has a character outside a-z 0-9 - _ and space. */
static int skill_normalise(const char *s, size_t n, char *out)
{
    size_t i, len = 0;
    for (i = 0; i < n; i++) {
        int ch = ascii_lower((unsigned char)s[i]);
        if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9')) {
            out[len++] = (char)ch;
        } else if (ch == '-' || ch == '_' || ch == ' ' || ch == '\t') {
            if (len && out[len - 1] != '-')
                out[len++] = '-';
        } else {
            return -1;
        }
    }
    while (len && out[len - 1] == '-')
        len--;
    out[len] = '\0';
    return (int)len;
}

int account_parse_skills(struct arena *a, const char *csv, const char ***out, size_t *n,
                         struct errinfo *e)
{
    const char **v = ARENA_ARRAY(a, const char *, ACCOUNT_SKILLS_MAX + 1);
    size_t count = 0;
    const char *p = csv ? csv : "";
    *out = v;
    *n = 0;
    if (strlen(p) > 4096)
        return error_set(e, ERR_INVALID, "skills", "That list of skills is too long.");
    while (*p) {
        const char *end = strchr(p, ',');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        char *tag = arena_alloc(a, len + 1);
        int tl = skill_normalise(p, len, tag);
        size_t j;
        if (tl < 0)
            return error_set(e, ERR_INVALID, "skills",
                             "Skills use letters, digits and hyphens, separated by commas: '%.*s' "
                             "has other characters.",
                             (int)(len > 40 ? 40 : len), p);
        if (tl > ACCOUNT_SKILL_MAX)
            return error_set(e, ERR_INVALID, "skills",
                             "A skill is 1 to %d characters: '%s' is longer.", ACCOUNT_SKILL_MAX,
                             tag);
        if (tl > 0) {
            for (j = 0; j < count && strcmp(v[j], tag); j++)
                ;
            if (j == count) {
                if (count == ACCOUNT_SKILLS_MAX)
                    return error_set(e, ERR_INVALID, "skills", "List at most %d skills.",
                                     ACCOUNT_SKILLS_MAX);
                v[count++] = tag;
            }
        }
        p = end ? end + 1 : p + len;
    }
    v[count] = NULL;
    *n = count;
    return 0;
}

int account_safe_next(const char *next)
{
    const unsigned char *p;
    if (!next || next[0] != '/' || next[1] == '/' || next[1] == '\\')
        return 0;
    for (p = (const unsigned char *)next; *p; p++)
        if (*p < 0x20 || *p == 0x7f || *p == '\\')
            return 0;
    return strlen(next) <= 1024;
}

void account_generate_password(char out[ACCOUNT_GENPW_LEN + 1])
{
    /* 52 symbols without look-alikes (0/O, 1/l/I): log2(52) * 20 = 114 bits. */
    static const char alphabet[] = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    size_t i, na = sizeof(alphabet) - 1;
    for (i = 0; i < ACCOUNT_GENPW_LEN; i++)
        out[i] = alphabet[randombytes_uniform((uint32_t)na)];
    out[ACCOUNT_GENPW_LEN] = '\0';
}

const char *account_trim(struct arena *a, const char *s)
{
    size_t n;
    if (!s)
        return NULL;
    while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
        s++;
    n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
        n--;
    return arena_strndup(a, s, n);
}

/* ------------------------------------------------------------------------------------
 * Helpers
 * ---------------------------------------------------------------------------------- */

/* Report a storage failure: the driver's message goes to the log, a generic one to the
   person. Returns ERR_DB (or the code given when it is not a storage error). */
static void hash_enter(struct ctx *c)
{
    if (c->hash_sem)
        while (sem_wait((sem_t *)c->hash_sem) < 0 && errno == EINTR)
            ;
}

static void hash_leave(struct ctx *c)
{
    if (c->hash_sem)
        sem_post((sem_t *)c->hash_sem);
}

/* Hash pw into out (crypto_pwhash_STRBYTES). Returns 0 or ERR_INTERNAL (out of memory). */
static int password_hash(struct ctx *c, const char *pw, char out[crypto_pwhash_STRBYTES])
{
    int rc;
    hash_enter(c);
    rc = crypto_pwhash_str(out, pw, strlen(pw), PW_OPSLIMIT, PW_MEMLIMIT);
    hash_leave(c);
    if (rc != 0)
        return error_set(c->err, ERR_INTERNAL, NULL, "The password could not be hashed.");
    return 0;
}

int account_password_hash(struct ctx *c, const char *pw, char out[ACCOUNT_HASH_LEN])
{
    return password_hash(c, pw, out);
}

/* 1 if pw matches hash (a NULL hash is checked against the dummy and never matches). */
static int password_verify(struct ctx *c, const char *hash, const char *pw)
{
    int ok;
    hash_enter(c);
    ok = crypto_pwhash_str_verify(hash ? hash : dummy_hash, pw, strlen(pw)) == 0;
    hash_leave(c);
    return ok && hash != NULL;
}

static void user_from_row(const struct user_row *r, struct user *u)
{
    memset(u, 0, sizeof(*u));
    u->id = r->id;
    u->name = r->name;
    u->display_name = r->display_name;
    u->is_admin = r->is_admin;
    u->status = r->status;
    u->bio_md = r->bio_md;
    u->bio_html = r->bio_html;
    u->timezone = r->timezone;
    u->created_at = r->created_at;
    u->updated_at = r->updated_at;
    u->has_password = r->password_hash != NULL;
    u->skills = NULL;
    u->nskills = 0;
}

static int load_skills(struct ctx *c, struct user *u)
{
    const char **tags;
    size_t n;
    int rc = store_skills_get(c->db, c->arena, u->id, &tags, &n);
    if (rc < 0)
        return domain_store_fail(c, rc, "load the skills");
    tags[n] = NULL;
    u->skills = tags;
    u->nskills = n;
    return 0;
}

/* Find a user row by name (any case). ERR_NOTFOUND with a message. */
static int find_row(struct ctx *c, const char *name, struct user_row *row)
{
    char key[ACCOUNT_NAME_MAX + 2];
    int rc;
    if (!name || !*name || strlen(name) > ACCOUNT_NAME_MAX)
        return error_set(c->err, ERR_NOTFOUND, "name", "There is no user called '%.40s'.",
                         name ? name : "");
    account_name_key(name, key, sizeof(key));
    rc = store_user_by_key(c->db, c->arena, key, row);
    if (rc == ERR_NOTFOUND)
        return error_set(c->err, ERR_NOTFOUND, "name", "There is no user called '%s'.", name);
    if (rc < 0)
        return domain_store_fail(c, rc, "look up the user");
    return 0;
}

static int is_hex_token(const char *s)
{
    size_t i;
    for (i = 0; s[i]; i++)
        if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
            return 0;
    return i == TOKEN_HEX_LEN;
}

/* Find a usable invite (unused, unexpired) by its raw token. ERR_INVALID (field "invite"). */
static int find_invite(struct ctx *c, const char *token, struct invite_row *inv)
{
    char h[TOKEN_HASH_LEN + 1];
    int rc;
    if (!token || !is_hex_token(token))
        return error_set(c->err, ERR_INVALID, "invite",
                         "That invite link is not valid, has been used or has expired.");
    token_hash(token, h);
    rc = store_invite_by_hash(c->db, c->arena, h, inv);
    if (rc < 0 && rc != ERR_NOTFOUND)
        return domain_store_fail(c, rc, "check the invite");
    if (rc == ERR_NOTFOUND || inv->used_at || inv->expires_at <= c->now)
        return error_set(c->err, ERR_INVALID, "invite",
                         "That invite link is not valid, has been used or has expired.");
    return 0;
}

/* ------------------------------------------------------------------------------------
 * Users
 * ---------------------------------------------------------------------------------- */

/* Validate in and create the user; invite_id > 0 marks that invite used in the same
   transaction. */
static int create_user(struct ctx *c, const struct account_new *in, int is_admin, int64_t invite_id,
                       struct user *out)
{
    struct user_row row;
    char key[ACCOUNT_NAME_MAX + 2];
    char hash[crypto_pwhash_STRBYTES];
    const char *display;
    struct user_row existing;
    int64_t id = 0;
    int rc;

    if (account_check_name(in->name, c->err) < 0)
        return ERR_INVALID;
    display = account_trim(c->arena, in->display_name);
    if (!display || !*display)
        display = in->name;
    if (account_check_display_name(display, c->err) < 0)
        return ERR_INVALID;
    if (in->password && account_check_password(in->password, in->name, c->err) < 0)
        return ERR_INVALID;
    account_name_key(in->name, key, sizeof(key));
    rc = store_user_by_key(c->db, c->arena, key, &existing);
    if (rc == 0)
        return error_set(c->err, ERR_CONFLICT, "name",
                         "The name '%s' is taken (names are case-insensitive). Please choose "
                         "another.",
                         in->name);
    if (rc != ERR_NOTFOUND)
        return domain_store_fail(c, rc, "check the name");
    if (in->password && password_hash(c, in->password, hash) < 0)
        return ERR_INTERNAL;

    memset(&row, 0, sizeof(row));
    row.name = in->name;
    row.name_key = key;
    row.display_name = display;
    row.password_hash = in->password ? hash : NULL;
    row.is_admin = is_admin;
    row.status = in->password ? "active" : "unclaimed";
    row.bio_md = row.bio_html = row.timezone = "";
    row.created_at = row.updated_at = c->now;

    if (db_begin_write(c->db) < 0)
        return domain_store_fail(c, ERR_DB, "start a transaction");
    rc = store_user_insert(c->db, &row, &id);
    if (rc == 0 && invite_id > 0) {
        rc = store_invite_use(c->db, invite_id, id, c->now);
        if (rc == ERR_NOTFOUND) {
            db_rollback(c->db);
            return error_set(c->err, ERR_INVALID, "invite",
                             "That invite link has just been used or has expired.");
        }
    }
    if (rc == 0 && db_commit(c->db) < 0)
        rc = ERR_DB;
    if (rc < 0) {
        db_rollback(c->db);
        if (rc == ERR_CONFLICT)
            return error_set(c->err, ERR_CONFLICT, "name",
                             "The name '%s' is taken (names are case-insensitive). Please choose "
                             "another.",
                             in->name);
        return domain_store_fail(c, rc, "create the account");
    }
    sodium_memzero(hash, sizeof(hash));
    audit(c, "msg=\"user created\" user=%s admin=%d by=%lld", in->name, is_admin,
          (long long)c->uid);
    if (out) {
        row.id = id;
        user_from_row(&row, out);
        out->name = arena_strdup(c->arena, in->name);
        out->display_name = arena_strdup(c->arena, display);
        out->skills = ARENA_ARRAY(c->arena, const char *, 1);
    }
    return 0;
}

/* The sign-up limit per client address (setting signup_limit, per hour). Sign-ups are
   recorded in login_attempts under scope 'addr' with the key "signup:ADDRESS", which no
   sign-in failure key can equal. Sets *key (NULL when there is no limit) for recording the
   sign-up once it succeeded. Returns 0, ERR_RATE or ERR_DB. */
static int signup_rate_check(struct ctx *c, const char **key)
{
    int64_t limit = 10, count = 0, oldest = 0;
    int rc;
    *key = NULL;
    if (c->system || c->is_admin)
        return 0;
    if (str_to_i64(settings_get(c, "signup_limit", "10"), &limit) < 0 || limit <= 0)
        return 0;
    *key = arena_printf(c->arena, "signup:%s", c->remote_addr ? c->remote_addr : "");
    rc = store_attempt_count(c->db, "addr", *key, c->now - 3600, &count, &oldest);
    if (rc < 0)
        return domain_store_fail(c, rc, "check recent sign-ups");
    if (count >= limit)
        return error_set(c->err, ERR_RATE, NULL,
                         "Too many accounts were created from your network in the last hour. "
                         "Please try again later, or ask an administrator for an invite.");
    return 0;
}

int account_register(struct ctx *c, const struct account_new *in, struct user *out)
{
    const char *mode = settings_get(c, "registration", "open");
    const char *rate_key;
    int64_t invite_id = 0;
    int rc;
    if (str_eq(mode, "closed"))
        return error_set(c->err, ERR_PERM, NULL,
                         "Sign-up is closed on this site. Ask an administrator for an account.");
    if (!in->password)
        return error_set(c->err, ERR_INVALID, "password", "Choose a password.");
    if (str_eq(mode, "invite")) {
        struct invite_row inv;
        if (!in->invite || !*in->invite)
            return error_set(c->err, ERR_INVALID, "invite",
                             "Sign-up on this site needs an invite link from an administrator.");
        if (find_invite(c, in->invite, &inv) < 0)
            return c->err->code;
        invite_id = inv.id;
    }
    if ((rc = signup_rate_check(c, &rate_key)) < 0)
        return rc;
    /* Self-service never makes an administrator, whoever asks (admins come from the CLI
       or the admin pages). */
    if ((rc = create_user(c, in, 0, invite_id, out)) < 0)
        return rc;
    if (rate_key && store_attempt_add(c->db, "addr", rate_key, c->now) < 0)
        log_warn("msg=\"cannot record a sign-up\" error=\"%s\"", db_last_error(c->db));
    return 0;
}

int account_create(struct ctx *c, const struct account_new *in, struct user *out)
{
    if (!c->is_admin && !c->system)
        return error_set(c->err, ERR_PERM, NULL, "Only administrators can create accounts.");
    return create_user(c, in, in->is_admin, 0, out);
}

int account_get(struct ctx *c, const char *name, struct user *out)
{
    struct user_row row;
    int rc = find_row(c, name, &row);
    if (rc < 0)
        return rc;
    user_from_row(&row, out);
    return load_skills(c, out);
}

int account_get_by_id(struct ctx *c, int64_t id, struct user *out)
{
    struct user_row row;
    int rc = store_user_by_id(c->db, c->arena, id, &row);
    if (rc == ERR_NOTFOUND)
        return error_set(c->err, ERR_NOTFOUND, NULL, "There is no such user.");
    if (rc < 0)
        return domain_store_fail(c, rc, "look up the user");
    user_from_row(&row, out);
    return load_skills(c, out);
}

int account_list(struct ctx *c, int64_t limit, int64_t offset, struct user **out, size_t *n)
{
    struct user_row *rows;
    size_t i, count;
    struct user *v;
    int rc;
    if (limit < 1 || limit > 1000)
        limit = 1000;
    if (offset < 0)
        offset = 0;
    rc = store_user_list(c->db, c->arena, limit, offset, &rows, &count);
    if (rc < 0)
        return domain_store_fail(c, rc, "list the users");
    v = ARENA_ARRAY(c->arena, struct user, count + 1);
    for (i = 0; i < count; i++)
        user_from_row(&rows[i], &v[i]);
    *out = v;
    *n = count;
    return 0;
}

int account_count(struct ctx *c, int64_t *n)
{
    int rc = store_user_count(c->db, n);
    return rc < 0 ? domain_store_fail(c, rc, "count the users") : 0;
}

int account_update_profile(struct ctx *c, int64_t uid, const struct profile_update *p)
{
    struct user_row row;
    const char *display, *bio_md, *bio_html, *tz;
    const char **skills = NULL;
    size_t nskills = 0;
    int rc;

    if (!c->system && !c->is_admin && c->uid != uid)
        return error_set(c->err, ERR_PERM, NULL, "You can only edit your own profile.");
    rc = store_user_by_id(c->db, c->arena, uid, &row);
    if (rc == ERR_NOTFOUND)
        return error_set(c->err, ERR_NOTFOUND, NULL, "There is no such user.");
    if (rc < 0)
        return domain_store_fail(c, rc, "load the profile");

    display = p->display_name ? account_trim(c->arena, p->display_name) : row.display_name;
    if (account_check_display_name(display, c->err) < 0)
        return ERR_INVALID;

    bio_md = row.bio_md;
    bio_html = row.bio_html;
    if (p->bio) {
        struct buf html = BUF_INIT;
        size_t n = strlen(p->bio);
        if (n > ACCOUNT_BIO_MAX)
            return error_set(c->err, ERR_INVALID, "bio", "A bio can be at most %d bytes long.",
                             ACCOUNT_BIO_MAX);
        if (!utf8_valid(p->bio, n) || utf8_has_controls(p->bio, 1))
            return error_set(c->err, ERR_INVALID, "bio",
                             "The bio cannot contain control characters or invalid text.");
        bio_md = account_trim(c->arena, p->bio);
        if (*bio_md) {
            struct upload_embed embed;
            struct markdown_opts o = {0};
            upload_markdown_hook_in(c, &o, &embed, NULL); /* a profile: anyone reads it */
            rc = markdown_render_opts(&html, bio_md, strlen(bio_md), &o);
            if (rc < 0 || html.err) {
                buf_release(&html);
                return error_set(c->err, ERR_INVALID, "bio", "The bio could not be rendered.");
            }
            if (upload_embed_check(c, &embed, "bio") < 0) {
                buf_release(&html);
                return ERR_INVALID;
            }
            bio_html = arena_strdup(c->arena, html.data);
        } else {
            bio_html = "";
        }
        buf_release(&html);
    }

    tz = row.timezone;
    if (p->timezone) {
        tz = account_trim(c->arena, p->timezone);
        if (*tz && !tz_valid(tz))
            return error_set(c->err, ERR_INVALID, "timezone",
                             "'%.60s' is not a time zone this server knows. Use a name like "
                             "Europe/Paris or America/New_York.",
                             tz);
    }

    if (p->skills && account_parse_skills(c->arena, p->skills, &skills, &nskills, c->err) < 0)
        return ERR_INVALID;

    if (db_begin_write(c->db) < 0)
        return domain_store_fail(c, ERR_DB, "start a transaction");
    rc = store_user_update_profile(c->db, uid, display, bio_md, bio_html, tz, c->now);
    if (rc == 0 && p->skills)
        rc = store_skills_replace(c->db, uid, skills, nskills);
    if (rc == 0 && db_commit(c->db) < 0)
        rc = ERR_DB;
    if (rc < 0) {
        db_rollback(c->db);
        return domain_store_fail(c, rc, "save the profile");
    }
    return 0;
}

/* Set row's password to pw (already checked) and end its sessions but keep_hash. */
static int store_new_password(struct ctx *c, const struct user_row *row, const char *pw,
                              const char *keep_hash, int revoke_tokens, int64_t *revoked)
{
    char hash[crypto_pwhash_STRBYTES];
    int rc;
    if (password_hash(c, pw, hash) < 0)
        return ERR_INTERNAL;
    if (db_begin_write(c->db) < 0)
        return domain_store_fail(c, ERR_DB, "start a transaction");
    rc = store_user_set_password(c->db, row->id, hash, c->now);
    if (rc == 0)
        rc = store_session_delete_user(c->db, row->id, keep_hash);
    if (rc == 0 && revoke_tokens) {
        rc = store_token_revoke_all(c->db, row->id, c->now);
        if (rc >= 0) {
            if (revoked)
                *revoked = rc;
            rc = 0;
        }
    }
    if (rc == 0 && db_commit(c->db) < 0)
        rc = ERR_DB;
    sodium_memzero(hash, sizeof(hash));
    if (rc < 0) {
        db_rollback(c->db);
        return domain_store_fail(c, rc, "change the password");
    }
    return 0;
}

/* Refuse with ERR_RATE when scope/key has too many recent failures. */
static int rate_check(struct ctx *c, const char *scope, const char *key, int64_t limit)
{
    int64_t count = 0, oldest = 0, wait;
    int rc = store_attempt_count(c->db, scope, key, c->now - ACCOUNT_RATE_WINDOW, &count, &oldest);
    if (rc < 0)
        return domain_store_fail(c, rc, "check sign-in attempts");
    if (count < limit)
        return 0;
    wait = oldest + ACCOUNT_RATE_WINDOW - c->now;
    if (wait < 60)
        wait = 60;
    return error_set(c->err, ERR_RATE, NULL,
                     "Too many failed sign-in attempts. Please wait %lld minute%s and try again.",
                     (long long)((wait + 59) / 60), (wait + 59) / 60 == 1 ? "" : "s");
}

/* The rate-limit key of an account tried from this client address: "name@address" (names
   cannot contain '@'). Failures count per pair first, so that someone guessing from one
   address locks the account for that address only, not for its owner. */
static const char *pair_key(struct ctx *c, const char *key)
{
    return arena_printf(c->arena, "%s@%s", key, c->remote_addr ? c->remote_addr : "");
}

/* The rate-limit key of a known device of an account: "device:UID.NONCE" (names cannot
   contain ':', so no name key looks like it). */
static const char *device_key(struct ctx *c, const char *device)
{
    return arena_printf(c->arena, "device:%s", device);
}

/* Whether device ("UID.NONCE", verified by the caller) belongs to account uid. */
static int device_of(struct ctx *c, const char *device, int64_t uid)
{
    int64_t du = 0;
    const char *dot = device ? strchr(device, '.') : NULL;
    if (!dot || uid <= 0)
        return 0;
    return str_to_i64(arena_strndup(c->arena, device, (size_t)(dot - device)), &du) == 0 &&
           du == uid;
}

/* Tell the owner of account uid that strangers are guessing its password (once per window:
   when the name-wide count reaches the limit). */
static void tell_owner(struct ctx *c, int64_t uid, const char *key)
{
    int64_t count = 0, oldest = 0;
    const char *text;
    char until[32];
    if (store_attempt_count(c->db, "user", key, c->now - ACCOUNT_RATE_WINDOW, &count, &oldest) <
            0 ||
        count != ACCOUNT_RATE_USER_ALL)
        return;
    time_iso(oldest + ACCOUNT_RATE_WINDOW, until); /* YYYY-MM-DDTHH:MM:SSZ */
    until[16] = '\0';
    until[10] = ' ';
    text = arena_printf(c->arena,
                        "%lld wrong passwords were tried for your account in the last %d "
                        "minutes. Browsers you signed in with before can still sign in; others "
                        "must wait until %s UTC. If it was not you, your account is safe as "
                        "long as your password is strong and used nowhere else.",
                        (long long)count, ACCOUNT_RATE_WINDOW / 60, until);
    if (db_begin_write(c->db) < 0 || notify_security(c, uid, text, "/settings/password") < 0 ||
        db_commit(c->db) < 0) {
        db_rollback(c->db);
        log_warn("msg=\"cannot tell the owner about failed sign-ins\" error=\"%s\"",
                 db_last_error(c->db));
    }
}

/* Record a failed password for the account key: for the account from this address, for the
   address, and for the device when it is a known device of the account (dkey), else for the
   account from anywhere (uid: the account, 0 when the name does not exist). */
static void record_failure(struct ctx *c, const char *key, const char *dkey, int64_t uid)
{
    if (store_attempt_add(c->db, "user", pair_key(c, key), c->now) < 0 ||
        store_attempt_add(c->db, "user", dkey ? dkey : key, c->now) < 0 ||
        store_attempt_add(c->db, "addr", c->remote_addr ? c->remote_addr : "", c->now) < 0)
        log_warn("msg=\"cannot record sign-in failure\" error=\"%s\"", db_last_error(c->db));
    else if (!dkey && uid)
        tell_owner(c, uid, key);
}

/* The limits of this client: the name from this address, and this address for any names. */
static int signin_rate_check(struct ctx *c, const char *key)
{
    int rc;
    if ((rc = rate_check(c, "user", pair_key(c, key), ACCOUNT_RATE_USER)) < 0 ||
        (rc = rate_check(c, "addr", c->remote_addr ? c->remote_addr : "", ACCOUNT_RATE_ADDR)) < 0)
        return rc;
    return 0;
}

/* The limit of the name from everywhere (unknown devices), or of this known device. */
static int signin_name_check(struct ctx *c, const char *key, const char *dkey)
{
    return dkey ? rate_check(c, "user", dkey, ACCOUNT_RATE_USER)
                : rate_check(c, "user", key, ACCOUNT_RATE_USER_ALL);
}

int account_change_password(struct ctx *c, const char *current, const char *newpw,
                            const char *keep_session, int revoke_tokens, int64_t *revoked)
{
    struct user_row row;
    char keep_hash[TOKEN_HASH_LEN + 1];
    const char *pkey;
    int rc;
    if (!c->uid)
        return error_set(c->err, ERR_AUTH, NULL, "Please sign in first.");
    rc = store_user_by_id(c->db, c->arena, c->uid, &row);
    if (rc < 0)
        return rc == ERR_NOTFOUND ? error_set(c->err, ERR_AUTH, NULL, "Please sign in first.")
                                  : domain_store_fail(c, rc, "load the account");
    if (row.password_hash) {
        if (!current || !*current)
            return error_set(c->err, ERR_INVALID, "current", "Enter your current password.");
        /* A signed-in session guessing its own password is limited like a known device. */
        pkey = arena_printf(c->arena, "password:%s", row.name_key);
        if ((rc = signin_rate_check(c, row.name_key)) < 0 ||
            (rc = signin_name_check(c, row.name_key, pkey)) < 0)
            return rc;
        if (!password_verify(c, row.password_hash, current)) {
            record_failure(c, row.name_key, pkey, 0);
            return error_set(c->err, ERR_INVALID, "current", "Your current password is not right.");
        }
    }
    if (account_check_password(newpw, row.name, c->err) < 0)
        return ERR_INVALID;
    if (keep_session && is_hex_token(keep_session))
        token_hash(keep_session, keep_hash);
    else
        keep_hash[0] = '\0';
    rc =
        store_new_password(c, &row, newpw, keep_hash[0] ? keep_hash : NULL, revoke_tokens, revoked);
    if (rc == 0)
        audit(c, "msg=\"password changed\" user=%s", row.name);
    return rc;
}

int account_set_password(struct ctx *c, const char *name, const char *pw)
{
    struct user_row row;
    int rc;
    if (!c->is_admin && !c->system)
        return error_set(c->err, ERR_PERM, NULL, "Only administrators can set passwords.");
    if ((rc = find_row(c, name, &row)) < 0)
        return rc;
    if (account_check_password(pw, row.name, c->err) < 0)
        return ERR_INVALID;
    return store_new_password(c, &row, pw, NULL, 0, NULL);
}

int account_set_admin(struct ctx *c, const char *name, int on)
{
    struct user_row row;
    int rc;
    if (!c->is_admin && !c->system)
        return error_set(c->err, ERR_PERM, NULL, "Only administrators can do that.");
    if ((rc = find_row(c, name, &row)) < 0)
        return rc;
    if (!on && row.is_admin) {
        int64_t admins = 0;
        rc = store_user_admin_count(c->db, &admins);
        if (rc < 0)
            return domain_store_fail(c, rc, "count the administrators");
        if (admins <= 1)
            return error_set(c->err, ERR_CONFLICT, NULL,
                             "'%s' is the only administrator. Make someone else an administrator "
                             "first.",
                             row.name);
    }
    rc = store_user_set_admin(c->db, row.id, on, c->now);
    if (rc < 0)
        return domain_store_fail(c, rc, "change the administrator flag");
    audit(c, "msg=\"admin flag changed\" user=%s admin=%d by=%lld", row.name, on ? 1 : 0,
          (long long)c->uid);
    return 0;
}

int account_set_status(struct ctx *c, const char *name, const char *status)
{
    struct user_row row;
    int rc;
    if (!c->is_admin && !c->system)
        return error_set(c->err, ERR_PERM, NULL, "Only administrators can do that.");
    if (!str_eq(status, "active") && !str_eq(status, "suspended"))
        return error_set(c->err, ERR_INVALID, "status", "A status is 'active' or 'suspended'.");
    if ((rc = find_row(c, name, &row)) < 0)
        return rc;
    if (str_eq(status, "suspended") && row.id == c->uid)
        return error_set(c->err, ERR_CONFLICT, NULL, "You cannot suspend yourself.");
    if (str_eq(status, "active") && !row.password_hash)
        status = "unclaimed"; /* it cannot sign in until a password is set */
    if (db_begin_write(c->db) < 0)
        return domain_store_fail(c, ERR_DB, "start a transaction");
    rc = store_user_set_status(c->db, row.id, status, c->now);
    if (rc == 0 && str_eq(status, "suspended"))
        rc = store_session_delete_user(c->db, row.id, NULL);
    /* Suspension removes the privileges of the member's trust level: level 0 until the
       suspension is lifted (a locked level is kept and comes back then; domain/trust.h). */
    if (rc == 0 && str_eq(status, "suspended"))
        rc = store_trust_set(c->db, row.id, 0, -1, 1);
    if (rc == 0 && db_commit(c->db) < 0)
        rc = ERR_DB;
    if (rc < 0) {
        db_rollback(c->db);
        return domain_store_fail(c, rc, "change the status");
    }
    audit(c, "msg=\"status changed\" user=%s status=%s by=%lld", row.name, status,
          (long long)c->uid);
    if (!str_eq(status, "suspended")) /* lifted: the level is what the record earns again */
        return trust_recompute(c, row.id);
    return 0;
}

/* ------------------------------------------------------------------------------------
 * Signing in and sessions
 * ---------------------------------------------------------------------------------- */

int account_session_start(struct ctx *c, int64_t uid, const char *user_agent, int64_t ttl,
                          char token[TOKEN_HEX_LEN + 1])
{
    char h[TOKEN_HASH_LEN + 1];
    char ua[256];
    int rc;
    if (ttl <= 0)
        ttl = ACCOUNT_SESSION_TTL;
    rand_token(token);
    token_hash(token, h);
    /* Keep the user agent short and printable: it is only shown back to its owner. */
    str_copy(ua, user_agent ? user_agent : "", sizeof(ua));
    if (!utf8_valid(ua, strlen(ua)) || utf8_has_controls(ua, 0))
        ua[0] = '\0';
    rc = store_session_insert(c->db, h, uid, c->now, c->now + ttl, ua,
                              c->remote_addr ? c->remote_addr : "");
    if (rc < 0)
        return domain_store_fail(c, rc, "start the session");
    store_trust_visit(c->db, uid, c->now / 86400); /* days visited (domain/trust.h) */
    return 0;
}

int account_signin(struct ctx *c, const char *name, const char *password, const char *user_agent,
                   int64_t ttl, const char *device, char token[TOKEN_HEX_LEN + 1], struct user *out)
{
    struct user_row row;
    char key[64];
    const char *dkey = NULL;
    int rc, found;

    if (!name || !*name || !password || !*password)
        return error_set(c->err, ERR_INVALID, !name || !*name ? "name" : "password",
                         "Enter your name and password.");
    if (strlen(password) > ACCOUNT_PASSWORD_MAX)
        return error_set(c->err, ERR_AUTH, NULL, "%s", wrong_credentials);
    /* The rate-limit key of a name that cannot exist is still bounded and lower-case. */
    account_name_key(name, key, sizeof(key));
    if ((rc = signin_rate_check(c, key)) < 0)
        return rc;

    found = 0;
    if (strlen(name) <= ACCOUNT_NAME_MAX) {
        rc = store_user_by_key(c->db, c->arena, key, &row);
        if (rc < 0 && rc != ERR_NOTFOUND)
            return domain_store_fail(c, rc, "look up the account");
        found = rc == 0;
    }
    if (found && device_of(c, device, row.id))
        dkey = device_key(c, device);
    if ((rc = signin_name_check(c, key, dkey)) < 0)
        return rc;
    /* Same work whether or not the name exists: verify against the dummy hash. */
    if (!password_verify(c, found ? row.password_hash : NULL, password)) {
        record_failure(c, key, dkey, found ? row.id : 0);
        /* Only a well-formed name goes to the log (no quotes or newlines from input). */
        log_info("msg=\"sign-in failed\" name=%s addr=%s",
                 account_check_name(name, NULL) == 0 || account_name_reserved(name) ? key : "-",
                 c->remote_addr ? c->remote_addr : "");
        return error_set(c->err, ERR_AUTH, NULL, "%s", wrong_credentials);
    }
    if (!str_eq(row.status, "active"))
        return error_set(c->err, ERR_PERM, NULL,
                         "This account is suspended. Please contact an administrator.");
    if ((rc = moderation_signin_check(c, row.id)) < 0) /* suspended for a time */
        return rc;

    /* The name-wide count stays: strangers' guesses go on counting after the owner signs in. */
    if ((dkey && store_attempt_clear(c->db, "user", dkey) < 0) ||
        store_attempt_clear(c->db, "user", pair_key(c, key)) < 0 ||
        store_attempt_purge(c->db, c->now - 24 * 3600) < 0 ||
        store_session_purge(c->db, c->now) < 0)
        log_warn("msg=\"sign-in housekeeping failed\" error=\"%s\"", db_last_error(c->db));

    /* Parameters changed since this hash was made: upgrade it now that we know the
       password. A failure here is not the person's problem. */
    if (crypto_pwhash_str_needs_rehash(row.password_hash, PW_OPSLIMIT, PW_MEMLIMIT) != 0) {
        char hash[crypto_pwhash_STRBYTES];
        if (password_hash(c, password, hash) == 0 &&
            store_user_set_password(c->db, row.id, hash, c->now) == 0)
            audit(c, "msg=\"password rehashed\" user=%s", row.name);
        error_clear(c->err);
    }

    if ((rc = account_session_start(c, row.id, user_agent, ttl, token)) < 0)
        return rc;
    audit(c, "msg=\"signed in\" user=%s", row.name);
    if (out) {
        user_from_row(&row, out);
        if (load_skills(c, out) < 0)
            return c->err->code;
    }
    return 0;
}

int account_session_load(struct ctx *c, const char *token, int64_t ttl, struct auth *out)
{
    struct auth_row row;
    char h[TOKEN_HASH_LEN + 1];
    int rc;
    memset(out, 0, sizeof(*out));
    if (!token || !is_hex_token(token))
        return error_set(c->err, ERR_AUTH, NULL, "Your session has ended. Please sign in again.");
    if (ttl <= 0)
        ttl = ACCOUNT_SESSION_TTL;
    token_hash(token, h);
    rc = store_session_lookup(c->db, c->arena, h, &row);
    if (rc < 0 && rc != ERR_NOTFOUND)
        return domain_store_fail(c, rc, "load the session");
    if (rc == ERR_NOTFOUND || row.expires_at <= c->now || !str_eq(row.status, "active")) {
        if (rc == 0)
            store_session_delete(c->db, h);
        return error_set(c->err, ERR_AUTH, NULL, "Your session has ended. Please sign in again.");
    }
    out->user_id = row.user_id;
    out->name = row.name;
    out->is_admin = row.is_admin;
    out->theme = row.theme && *row.theme ? row.theme : "system";
    if (c->now / 86400 != row.last_seen_at / 86400)
        store_trust_visit(c->db, row.user_id, c->now / 86400); /* days visited; best effort */
    if (c->now - row.last_seen_at >= 60) {
        if (store_session_touch(c->db, h, c->now, c->now + ttl) == 0) {
            out->refreshed = 1;
            out->idle = c->now - row.last_seen_at;
        }
    }
    return 0;
}

int account_session_end(struct ctx *c, const char *token)
{
    char h[TOKEN_HASH_LEN + 1];
    int rc;
    if (!token || !is_hex_token(token))
        return 0;
    token_hash(token, h);
    rc = store_session_delete(c->db, h);
    return rc < 0 ? domain_store_fail(c, rc, "end the session") : 0;
}

/* ------------------------------------------------------------------------------------
 * Colour theme
 * ---------------------------------------------------------------------------------- */

int account_theme_valid(const char *s)
{
    return s && (str_eq(s, "system") || str_eq(s, "light") || str_eq(s, "dark"));
}

int account_theme_get(struct ctx *c, const char **theme)
{
    int rc;
    *theme = "system";
    if (!c->uid)
        return error_set(c->err, ERR_AUTH, NULL, "Please sign in.");
    rc = store_user_theme_get(c->db, c->arena, c->uid, theme);
    if (rc < 0)
        return domain_store_fail(c, rc, "read your theme");
    if (!account_theme_valid(*theme))
        *theme = "system";
    return 0;
}

int account_theme_set(struct ctx *c, const char *theme)
{
    int rc;
    if (!c->uid)
        return error_set(c->err, ERR_AUTH, NULL, "Please sign in.");
    if (!account_theme_valid(theme))
        return error_set(c->err, ERR_INVALID, "theme", "Choose system, light or dark.");
    rc = store_user_theme_set(c->db, c->uid, theme);
    return rc < 0 ? domain_store_fail(c, rc, "save your theme") : 0;
}

/* ------------------------------------------------------------------------------------
 * API tokens
 * ---------------------------------------------------------------------------------- */

int account_token_auth(struct ctx *c, const char *token, struct auth *out)
{
    struct auth_row row;
    char h[TOKEN_HASH_LEN + 1];
    int rc;
    memset(out, 0, sizeof(*out));
    if (!token || !str_starts(token, ACCOUNT_TOKEN_PREFIX) ||
        !is_hex_token(token + strlen(ACCOUNT_TOKEN_PREFIX)))
        return error_set(c->err, ERR_AUTH, NULL,
                         "That is not a Praxis API token (they look like pxt_ and 32 hex digits).");
    token_hash(token, h);
    rc = store_token_lookup(c->db, c->arena, h, &row);
    if (rc == ERR_NOTFOUND)
        return error_set(c->err, ERR_AUTH, NULL,
                         "That API token is not valid: it may have been revoked.");
    if (rc < 0)
        return domain_store_fail(c, rc, "check the token");
    if (!str_eq(row.status, "active"))
        return error_set(c->err, ERR_AUTH, NULL, "The account of that API token is suspended.");
    if ((rc = moderation_signin_check(c, row.user_id)) < 0)
        return rc;
    out->user_id = row.user_id;
    out->name = row.name;
    out->is_admin = row.is_admin;
    out->theme = row.theme && *row.theme ? row.theme : "system";
    out->token_id = row.id;
    if (c->now - row.last_seen_at >= 60 && store_token_touch(c->db, row.id, c->now) < 0)
        log_warn("msg=\"cannot record token use\" error=\"%s\"", db_last_error(c->db));
    return 0;
}

int account_token_create(struct ctx *c, const char *name, const char **token_out,
                         struct token_row *out)
{
    char raw[TOKEN_HEX_LEN + 1], h[TOKEN_HASH_LEN + 1], prefix[9];
    const char *label = account_trim(c->arena, name ? name : "");
    struct token_row *list;
    size_t n, i, live = 0;
    char *token;
    int64_t id = 0;
    size_t chars;
    int rc;
    if (!c->uid)
        return error_set(c->err, ERR_AUTH, NULL, "Please sign in first.");
    chars = utf8_valid(label, strlen(label)) ? utf8_chars(label, strlen(label)) : 0;
    if (chars < 1 || chars > 60 || utf8_has_controls(label, 0))
        return error_set(c->err, ERR_INVALID, "name",
                         "Give the token a name of 1 to 60 characters, such as the script that "
                         "will use it.");
    rc = store_token_list(c->db, c->arena, c->uid, &list, &n);
    if (rc < 0)
        return domain_store_fail(c, rc, "list your tokens");
    for (i = 0; i < n; i++)
        live += list[i].revoked_at == 0;
    if (live >= TOKENS_MAX)
        return error_set(c->err, ERR_CONFLICT, NULL,
                         "You have %d live tokens, the most allowed. Revoke one first.",
                         TOKENS_MAX);
    rand_token(raw);
    token = arena_printf(c->arena, "%s%s", ACCOUNT_TOKEN_PREFIX, raw);
    token_hash(token, h);
    str_copy(prefix, token, sizeof(prefix));
    rc = store_token_insert(c->db, c->uid, label, h, prefix, c->now, &id);
    if (rc < 0)
        return domain_store_fail(c, rc, "create the token");
    *token_out = token;
    if (out) {
        memset(out, 0, sizeof(*out));
        out->id = id;
        out->name = label;
        out->prefix = arena_strdup(c->arena, prefix);
        out->created_at = c->now;
    }
    return 0;
}

int account_token_list(struct ctx *c, struct token_row **out, size_t *n)
{
    int rc;
    if (!c->uid)
        return error_set(c->err, ERR_AUTH, NULL, "Please sign in first.");
    rc = store_token_list(c->db, c->arena, c->uid, out, n);
    return rc < 0 ? domain_store_fail(c, rc, "list your tokens") : 0;
}

int account_token_revoke(struct ctx *c, int64_t id)
{
    int rc;
    if (!c->uid)
        return error_set(c->err, ERR_AUTH, NULL, "Please sign in first.");
    rc = store_token_revoke(c->db, c->uid, id, c->now);
    if (rc == ERR_NOTFOUND)
        return error_set(c->err, ERR_NOTFOUND, NULL,
                         "You have no live token with that id (it may be revoked already).");
    return rc < 0 ? domain_store_fail(c, rc, "revoke the token") : 0;
}

/* ------------------------------------------------------------------------------------
 * Registration invites
 * ---------------------------------------------------------------------------------- */

int account_invite_create(struct ctx *c, const char *note, int64_t ttl, const char **token_out,
                          struct invite_row *out)
{
    char raw[TOKEN_HEX_LEN + 1], h[TOKEN_HASH_LEN + 1];
    const char *text = account_trim(c->arena, note ? note : "");
    int64_t id = 0;
    int rc;
    if (!c->is_admin && !c->system)
        return error_set(c->err, ERR_PERM, NULL, "Only administrators can create invites.");
    if (strlen(text) > 200 || !utf8_valid(text, strlen(text)) || utf8_has_controls(text, 0))
        return error_set(c->err, ERR_INVALID, "note", "A note is at most 200 characters of text.");
    if (ttl <= 0)
        ttl = INVITE_TTL;
    if (ttl > (int64_t)365 * 24 * 3600)
        ttl = (int64_t)365 * 24 * 3600;
    rand_token(raw);
    token_hash(raw, h);
    rc = store_invite_insert(c->db, h, c->uid, c->now, c->now + ttl, text, &id);
    if (rc < 0)
        return domain_store_fail(c, rc, "create the invite");
    *token_out = arena_strdup(c->arena, raw);
    if (out) {
        memset(out, 0, sizeof(*out));
        out->id = id;
        out->created_by = c->uid;
        out->created_at = c->now;
        out->expires_at = c->now + ttl;
        out->note = text;
    }
    return 0;
}

int account_invite_list(struct ctx *c, struct invite_row **out, size_t *n)
{
    int rc;
    if (!c->is_admin && !c->system)
        return error_set(c->err, ERR_PERM, NULL, "Only administrators can see invites.");
    rc = store_invite_list(c->db, c->arena, 100, out, n);
    return rc < 0 ? domain_store_fail(c, rc, "list the invites") : 0;
}

int account_invite_check(struct ctx *c, const char *token)
{
    struct invite_row inv;
    return find_invite(c, token, &inv);
}
