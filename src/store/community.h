/* The SQL catalogue for communities: communities, their tag vocabularies, memberships and
 * invitation links (tables from migration 0002_communities.sql).
 *
 * These functions only read and write rows; they decide nothing. Who may see or change what
 * is decided in domain/community.c, with one exception that is deliberate: the listing
 * queries filter visibility in SQL (a private community is returned only to its members or
 * when the caller asks for everything), so a list can never leak a private community and
 * stays one indexed query with a LIMIT.
 *
 * Strings in results are copied into the arena passed in; they live as long as it does.
 * Functions return 0, ERR_NOTFOUND (no such row), ERR_CONFLICT (unique key) or ERR_DB. */
#ifndef PRAXIS_STORE_COMMUNITY_H
#define PRAXIS_STORE_COMMUNITY_H
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "store/db.h"

enum community_vis {
    COMMUNITY_PUBLIC,  /* anyone, even anonymous, can read */
    COMMUNITY_MEMBERS, /* any signed-in user of the instance can read */
    COMMUNITY_PRIVATE, /* only members (and instance admins) can read */
    COMMUNITY__MAX
};

/* Ordered: a higher role includes the powers of the lower ones. */
enum role {
    ROLE_NONE, /* not a member */
    ROLE_MEMBER,
    ROLE_MODERATOR,
    ROLE_COORDINATOR,
    ROLE__MAX
};

const char *community_vis_name(enum community_vis v);            /* "public", ...; never NULL */
int community_vis_parse(const char *s, enum community_vis *out); /* 0 or -1 */
const char *role_name(enum role r);                              /* "member", ...; "" for NONE */
int role_parse(const char *s, enum role *out);                   /* 0 or -1 (NONE not accepted) */

struct community_tag {
    const char *tag;         /* [a-z0-9-]{1,30} */
    const char *description; /* plain text, may be "" */
    int64_t threads;         /* live threads tagged with it (community_db_tags), else 0 */
};

struct community {
    int64_t id;
    const char *slug;         /* unique, [a-z0-9-]{2,40} */
    const char *name;         /* display name, plain text */
    const char *charter_md;   /* charter source (Markdown); NULL in list results */
    const char *charter_html; /* charter rendered at write time; NULL in list results */
    const char *charter_head; /* list results: the charter source's first 400 characters
                                 ("" if none); NULL otherwise */
    enum community_vis visibility;
    int archived;                   /* 1: read-only */
    int64_t created_by;             /* user id, 0 if the user is gone */
    int64_t created_at, updated_at; /* UTC seconds */
    int64_t member_count;           /* memberships, all roles */
    enum role viewer_role;          /* the viewer's role here, ROLE_NONE if not a member */
    struct community_tag *tags;     /* vocabulary sorted by tag; NULL/0 until loaded */
    size_t ntags;
};

struct member {
    int64_t user_id;
    const char *name;         /* account name (URL-safe handle) */
    const char *display_name; /* may be "" */
    enum role role;
    int64_t joined_at;
    int64_t activity; /* membership_db_search: their live posts in the community, else 0 */
};

struct invite {
    int64_t id;
    int64_t community_id;
    int64_t created_by;             /* 0 if that user is gone */
    const char *created_by_name;    /* account name or "" */
    int64_t created_at, expires_at; /* UTC seconds */
    int64_t max_uses;               /* 0 = unlimited */
    int64_t uses;
    int64_t revoked_at; /* 0 = not revoked */
    const char *token;  /* the secret, only right after creation (never stored) */
};

/* Which list (each is its own literal statement). */
enum community_list_kind {
    COMMUNITY_LIST_DIRECTORY, /* everything the viewer may see, by name */
    COMMUNITY_LIST_MINE,      /* communities the viewer belongs to, by name */
    COMMUNITY_LIST_SUGGEST,   /* public/members ones the viewer is not in, most members first */
    COMMUNITY_LIST__MAX
};

struct community_filter {
    enum community_list_kind kind;
    int64_t viewer;       /* user id, 0 = anonymous */
    int see_all;          /* 1: include private communities the viewer is not in (admins) */
    const char *q;        /* case-insensitive substring of the name, or NULL/"" */
    int include_archived; /* 0: hide archived communities (DIRECTORY/SUGGEST only) */
    int limit, offset;    /* limit capped at 1000 */
};

/* Communities: one row (with member_count and the viewer's role; no tags). */
int community_db_get_slug(struct db *db, struct arena *a, const char *slug, int64_t viewer,
                          struct community *out);
int community_db_get_id(struct db *db, struct arena *a, int64_t id, int64_t viewer,
                        struct community *out);
/* Insert c (slug, name, charter_md/html, visibility, created_by, created_at); sets c->id.
   ERR_CONFLICT when the slug is taken (the open transaction stays usable). */
int community_db_insert(struct db *db, struct community *c);
/* Update name, charter_md, charter_html, visibility and updated_at of row c->id. */
int community_db_update(struct db *db, const struct community *c);
int community_db_set_archived(struct db *db, int64_t id, int archived, int64_t now);
/* A list per filter into *out (arena array), *n rows. */
int community_db_list(struct db *db, struct arena *a, const struct community_filter *f,
                      struct community **out, size_t *n);

/* Tag vocabulary: read sorted by tag; replace deletes all then inserts tags[0..n). */
int community_db_tags(struct db *db, struct arena *a, int64_t cid, struct community_tag **out,
                      size_t *n);
/* Set the description of tag in community cid: 0, ERR_NOTFOUND (not in the vocabulary). */
int community_db_tag_describe(struct db *db, int64_t cid, const char *tag, const char *description);
int community_db_tags_replace(struct db *db, int64_t cid, const struct community_tag *tags,
                              size_t n);

/* Memberships. */
int membership_db_role(struct db *db, int64_t cid, int64_t uid, enum role *out); /* NONE if none */
/* Add a membership; ERR_CONFLICT (and no change) when uid is already a member. */
int membership_db_add(struct db *db, int64_t cid, int64_t uid, enum role role, int64_t now);
int membership_db_set_role(struct db *db, int64_t cid, int64_t uid, enum role role);
int membership_db_remove(struct db *db, int64_t cid, int64_t uid);
int membership_db_count(struct db *db, int64_t cid, enum role role, int64_t *out); /* NONE = all */
/* Members of cid matching every non-empty filter: text in the name or display name
   (substring, any case), the claimed skill (user_skills), or having posted in a live thread
   tagged tag in cid; at most limit rows in no particular order (the caller sorts), each
   with activity set. */
int membership_db_search(struct db *db, struct arena *a, int64_t cid, const char *text,
                         const char *skill, const char *tag, int limit, struct member **out,
                         size_t *n);
/* Members, coordinators first then moderators then members, by name. role NONE = all roles;
   limit capped at 1000. */
int membership_db_list(struct db *db, struct arena *a, int64_t cid, enum role role, int limit,
                       int offset, struct member **out, size_t *n);
/* A user's id and canonical name from an account name (case-insensitive). */
int membership_db_find_user(struct db *db, struct arena *a, const char *name, int64_t *uid,
                            const char **canonical);

/* Invitation links. */
int invite_db_insert(struct db *db, struct invite *inv, const char *token_hash); /* sets id */
int invite_db_by_hash(struct db *db, struct arena *a, const char *token_hash, struct invite *out);
int invite_db_get(struct db *db, struct arena *a, int64_t id, struct invite *out);
int invite_db_list(struct db *db, struct arena *a, int64_t cid, int limit, struct invite **out,
                   size_t *n);
/* Count one use if the invite is still good at now (not revoked, not expired, uses left).
   Returns 0 when counted, ERR_NOTFOUND when the invite can no longer be used. */
int invite_db_use(struct db *db, int64_t id, int64_t now);
int invite_db_revoke(struct db *db, int64_t id, int64_t now); /* ERR_NOTFOUND if none */

#endif
