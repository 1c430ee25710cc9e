/* Atom feeds, the rules: which entries each feed lists, for whom, and the feed token. See
 * domain/feed.h. Reading permission comes from the same calls as the pages (community_get,
 * thread_get, account_get), acting as the token's owner or as nobody; the queries that span
 * communities filter visibility in SQL (store/feed.c). */
#include <string.h>

#include "core/rand.h"
#include "domain/domain_int.h"
#include "domain/feed.h"
#include "domain/moderation.h"
#include "domain/thread.h"
#include "store/event.h"
#include "core/util.h"

#define NOT_VALID "This feed link is not valid (any more)."

int feed_token_owner_ok(struct ctx *c, int64_t uid)
{
    struct user u;
    struct errinfo *saved = c->err, scratch = {0};
    int rc;
    c->err = &scratch; /* an unknown account reads as an unknown token */
    rc = account_get_by_id(c, uid, &u);
    if (rc == 0 && str_eq(u.status, "active"))
        rc = moderation_signin_check(c, uid) == 0 ? 1 : scratch.code;
    else if (rc == 0) /* suspended or unclaimed */
        rc = 0;
    c->err = saved;
    if (rc == ERR_DB)
        return domain_db_fail(c, "feed token owner");
    return rc == 1;
}

int feed_token_user(struct ctx *c, const char *token, int64_t *uid)
{
    char h[TOKEN_HASH_LEN + 1];
    size_t i, n = token ? strlen(token) : 0;
    int rc;
    if (n != TOKEN_HEX_LEN)
        return error_set(c->err, ERR_NOTFOUND, NULL, NOT_VALID);
    for (i = 0; i < n; i++)
        if (!((token[i] >= '0' && token[i] <= '9') || (token[i] >= 'a' && token[i] <= 'f')))
            return error_set(c->err, ERR_NOTFOUND, NULL, NOT_VALID);
    token_hash(token, h);
    rc = caltoken_db_user(c->db, h, uid);
    if (rc == ERR_NOTFOUND)
        return error_set(c->err, ERR_NOTFOUND, NULL, NOT_VALID);
    if (rc < 0)
        return domain_db_fail(c, "feed token");
    rc = feed_token_owner_ok(c, *uid);
    if (rc < 0)
        return rc;
    if (!rc)
        return error_set(c->err, ERR_NOTFOUND, NULL, NOT_VALID);
    return 0;
}

int feed_token_revoke(struct ctx *c)
{
    if (!c->uid)
        return error_set(c->err, ERR_AUTH, NULL, "Sign in first.");
    if (feed_db_token_delete(c->db, c->uid) < 0)
        return domain_db_fail(c, "feed token");
    return 0;
}

const char *feed_tag_authority(struct ctx *c)
{
    char h[TOKEN_HASH_LEN + 1];
    if (!c->secret || !*c->secret)
        return "praxis.invalid";
    keyed_hash(c->secret, "atom-id", h);
    return arena_printf(c->arena, "%.12s.praxis", h);
}

/* "a" .. "z", "0" .. "9" and "-", 1 to COMMUNITY_TAG_MAX long: the shape of every tag. */
static int tag_ok(const char *tag)
{
    size_t i, n = tag ? strlen(tag) : 0;
    if (n < 1 || n > COMMUNITY_TAG_MAX)
        return 0;
    for (i = 0; i < n; i++)
        if (!((tag[i] >= 'a' && tag[i] <= 'z') || (tag[i] >= '0' && tag[i] <= '9') ||
              tag[i] == '-'))
            return 0;
    return 1;
}

static int no_feed(struct ctx *c)
{
    return error_set(c->err, ERR_NOTFOUND, NULL, "There is no such feed.");
}

int feed_load(struct ctx *c, enum feed_kind kind, const char *slug, const char *tag, int64_t tid,
              const char *name, struct feed *out)
{
    size_t i;
    int rc = 0;
    memset(out, 0, sizeof(*out));
    out->kind = kind;
    switch (kind) {
    case FEED_LATEST:
    case FEED_TAG:
    case FEED_ARTICLES:
        if (kind == FEED_TAG && !tag_ok(tag))
            return no_feed(c);
        if ((rc = community_get(c, slug, &out->cm)) < 0)
            return rc;
        out->updated = out->cm.created_at;
        if (kind == FEED_ARTICLES) {
            rc = feed_db_articles(c->db, c->arena, out->cm.id, FEED_ENTRIES, &out->items, &out->n);
        } else {
            out->tag = kind == FEED_TAG ? arena_strdup(c->arena, tag) : NULL;
            rc = feed_db_threads(c->db, c->arena, out->cm.id, out->tag, FEED_ENTRIES, &out->items,
                                 &out->n);
        }
        break;
    case FEED_THREAD:
        if ((rc = thread_get(c, tid, &out->t, &out->cm, NULL)) < 0)
            return rc;
        if (out->t.deleted_at) /* staff may see a deleted thread's page, never its feed */
            return no_feed(c);
        out->updated = out->t.created_at;
        rc = feed_db_thread_posts(c->db, c->arena, out->t.id, FEED_ENTRIES, &out->items, &out->n);
        break;
    case FEED_USER:
        if ((rc = account_get(c, name, &out->u)) < 0)
            return rc;
        out->updated = out->u.created_at;
        rc = feed_db_user_posts(c->db, c->arena, out->u.id, c->uid, FEED_ENTRIES, &out->items,
                                &out->n);
        break;
    case FEED_WATCHED:
        if (!c->uid)
            return error_set(c->err, ERR_AUTH, NULL, "This feed needs a feed link.");
        if ((rc = account_get_by_id(c, c->uid, &out->u)) < 0)
            return rc;
        out->updated = out->u.created_at;
        rc = feed_db_watched(c->db, c->arena, c->uid, FEED_ENTRIES, &out->items, &out->n);
        break;
    default:
        return no_feed(c);
    }
    if (rc < 0)
        return domain_db_fail(c, "feed");
    for (i = 0; i < out->n; i++)
        if (out->items[i].updated_at > out->updated)
            out->updated = out->items[i].updated_at;
    return 0;
}
