/* Claiming an imported account (see import.h): an administrator makes a one-time link for
 * an unclaimed account; the person who opens it sets a password (policy as at sign-up),
 * which makes the account active. Tokens are stored hashed, expire after CLAIM_TTL and are
 * used up by the first successful claim. */
#include <string.h>

#include "core/log.h"
#include "core/rand.h"
#include "domain/account.h"
#include "domain/domain_int.h"
#include "domain/import.h"
#include "store/account.h"
#include "core/util.h"

int account_claim_create(struct ctx *c, const char *name, const char **token_out)
{
    struct user_row row;
    char key[ACCOUNT_NAME_MAX + 2], raw[TOKEN_HEX_LEN + 1], h[TOKEN_HASH_LEN + 1];
    int rc;
    if (!c->is_admin && !c->system)
        return error_set(c->err, ERR_PERM, NULL, "Only administrators can make claim links.");
    if (!name || !*name || strlen(name) > ACCOUNT_NAME_MAX)
        return error_set(c->err, ERR_NOTFOUND, "name", "There is no user called '%.40s'.",
                         name ? name : "");
    account_name_key(name, key, sizeof(key));
    rc = store_user_by_key(c->db, c->arena, key, &row);
    if (rc == ERR_NOTFOUND)
        return error_set(c->err, ERR_NOTFOUND, "name", "There is no user called '%s'.", name);
    if (rc < 0)
        return domain_store_fail(c, rc, "look up the user");
    if (!str_eq(row.status, "unclaimed"))
        return error_set(c->err, ERR_CONFLICT, "name",
                         "'%s' is not an unclaimed account: it can sign in already.", row.name);
    rand_token(raw);
    token_hash(raw, h);
    rc = claim_db_insert(c->db, h, row.id, c->uid, c->now, c->now + CLAIM_TTL);
    if (rc < 0)
        return domain_store_fail(c, rc, "make the claim link");
    log_info("msg=\"claim link made\" user=%s by=%lld", row.name, (long long)c->uid);
    *token_out = arena_strdup(c->arena, raw);
    return 0;
}

/* The user row of a usable token, or ERR_NOTFOUND (one message for every failure). */
static int find_claim(struct ctx *c, const char *token, char h[TOKEN_HASH_LEN + 1],
                      struct user_row *row)
{
    int64_t uid;
    int rc;
    size_t i;
    for (i = 0; token && token[i]; i++)
        if (!((token[i] >= '0' && token[i] <= '9') || (token[i] >= 'a' && token[i] <= 'f')))
            break;
    if (!token || i != TOKEN_HEX_LEN || token[i])
        goto gone;
    token_hash(token, h);
    rc = claim_db_lookup(c->db, h, c->now, &uid);
    if (rc == ERR_NOTFOUND)
        goto gone;
    if (rc < 0)
        return domain_store_fail(c, rc, "look up the claim link");
    rc = store_user_by_id(c->db, c->arena, uid, row);
    if (rc == ERR_NOTFOUND || (rc == 0 && !str_eq(row->status, "unclaimed")))
        goto gone;
    if (rc < 0)
        return domain_store_fail(c, rc, "look up the user");
    return 0;
gone:
    return error_set(c->err, ERR_NOTFOUND, "token",
                     "This claim link is not valid: it was used, it expired or it was "
                     "mistyped. Ask an administrator for a new one.");
}

int account_claim_check(struct ctx *c, const char *token, const char **name,
                        const char **display_name)
{
    char h[TOKEN_HASH_LEN + 1];
    struct user_row row;
    int rc = find_claim(c, token, h, &row);
    if (rc < 0)
        return rc;
    *name = row.name;
    *display_name = row.display_name;
    return 0;
}

int account_claim_use(struct ctx *c, const char *token, const char *password)
{
    char h[TOKEN_HASH_LEN + 1];
    struct user_row row;
    int rc = find_claim(c, token, h, &row), was_system = c->system;
    if (rc < 0)
        return rc;
    if (account_check_password(password, row.name, c->err) < 0)
        return ERR_INVALID;
    rc = claim_db_use(c->db, h, c->now);
    if (rc == ERR_NOTFOUND)
        return find_claim(c, NULL, h, &row);
    if (rc < 0)
        return domain_store_fail(c, rc, "use the claim link");
    c->system = 1; /* the token is the authority here */
    rc = account_set_password(c, row.name, password);
    c->system = was_system;
    if (rc == 0)
        log_info("msg=\"account claimed\" user=%s", row.name);
    return rc;
}
