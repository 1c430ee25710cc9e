/* The SQL catalogue for communities, tags, memberships and invitation links: every statement
 * is a literal below, with bound parameters $1..$N (each statement uses all of its
 * parameters, in both dialects). See store/community.h for the contract; the listing
 * statements carry the visibility filter themselves so that no caller can forget it. */
#include <stdlib.h>
#include <string.h>

#include "store/community.h"
#include "core/buf.h"
#include "core/util.h"

static const char *const vis_names[COMMUNITY__MAX] = {"public", "members", "private"};
static const char *const role_names[ROLE__MAX] = {"", "member", "moderator", "coordinator"};

const char *community_vis_name(enum community_vis v)
{
    return (unsigned)v < COMMUNITY__MAX ? vis_names[v] : "private";
}

int community_vis_parse(const char *s, enum community_vis *out)
{
    int i;
    for (i = 0; s && i < COMMUNITY__MAX; i++)
        if (!strcmp(s, vis_names[i])) {
            *out = (enum community_vis)i;
            return 0;
        }
    return -1;
}

const char *role_name(enum role r)
{
    return (unsigned)r < ROLE__MAX ? role_names[r] : "";
}

int role_parse(const char *s, enum role *out)
{
    int i;
    for (i = ROLE_MEMBER; s && i < ROLE__MAX; i++)
        if (!strcmp(s, role_names[i])) {
            *out = (enum role)i;
            return 0;
        }
    return -1;
}

/* ------------------------------------------------------------------------------------------ */
/* Communities */

/* Every community query selects these twelve columns in this order (see read_community).
   member_count is kept exact by triggers on memberships (migration 0005). */
#define COMMUNITY_COLS                                                                             \
    "c.id, c.slug, c.name, c.charter_md, c.charter_html, c.visibility, c.archived, "               \
    "c.created_by, c.created_at, c.updated_at, "                                                   \
    "c.member_count AS n, "
#define COMMUNITY_LIST_COLS                                                                        \
    "c.id, c.slug, c.name, substr(c.charter_md, 1, 400), NULL, c.visibility, c.archived, "         \
    "c.created_by, c.created_at, c.updated_at, "                                                   \
    "c.member_count AS n, "

static const char SQL_GET_SLUG[] =
    "SELECT " COMMUNITY_COLS
    "(SELECT mv.role FROM memberships mv WHERE mv.community_id = c.id AND mv.user_id = $2) "
    "FROM communities c WHERE c.slug = $1";

static const char SQL_GET_ID[] =
    "SELECT " COMMUNITY_COLS
    "(SELECT mv.role FROM memberships mv WHERE mv.community_id = c.id AND mv.user_id = $2) "
    "FROM communities c WHERE c.id = $1";

static const char SQL_INSERT[] =
    "INSERT INTO communities (slug, name, charter_md, charter_html, visibility, archived, "
    "created_by, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, 0, $6, $7, $7) "
    "ON CONFLICT (slug) DO NOTHING RETURNING id";

static const char SQL_UPDATE[] =
    "UPDATE communities SET name = $2, charter_md = $3, charter_html = $4, visibility = $5, "
    "updated_at = $6 WHERE id = $1";

static const char SQL_SET_ARCHIVED[] =
    "UPDATE communities SET archived = $2, updated_at = $3 WHERE id = $1";

/* Directory: $1 viewer, $2 see_all, $3 LIKE pattern or '', $4 include_archived, $5 limit,
   $6 offset. A private community appears only to members (or when $2 = 1). */
static const char SQL_LIST_DIRECTORY[] =
    "SELECT " COMMUNITY_LIST_COLS
    "(SELECT mv.role FROM memberships mv WHERE mv.community_id = c.id AND mv.user_id = $1) "
    "FROM communities c "
    "WHERE (c.visibility = 'public' OR (c.visibility = 'members' AND $1 <> 0) OR $2 = 1 "
    "       OR EXISTS (SELECT 1 FROM memberships mp WHERE mp.community_id = c.id "
    "                  AND mp.user_id = $1)) "
    "  AND ($3 = '' OR lower(c.name) LIKE lower($3) ESCAPE '\\') "
    "  AND ($4 = 1 OR c.archived = 0) "
    "ORDER BY lower(c.name), c.id LIMIT $5 OFFSET $6";

/* Mine: $1 viewer, $2 pattern or '', $3 limit, $4 offset. Driven by memberships(user_id). */
static const char SQL_LIST_MINE[] =
    "SELECT " COMMUNITY_LIST_COLS "m.role "
    "FROM memberships m JOIN communities c ON c.id = m.community_id "
    "WHERE m.user_id = $1 "
    "  AND ($2 = '' OR lower(c.name) LIKE lower($2) ESCAPE '\\') "
    "ORDER BY lower(c.name), c.id LIMIT $3 OFFSET $4";

/* Suggestions: $1 viewer, $2 pattern or '', $3 limit, $4 offset. Never private, never
   archived, never one the viewer is in; most members first. */
static const char SQL_LIST_SUGGEST[] =
    "SELECT " COMMUNITY_LIST_COLS "NULL "
    "FROM communities c "
    "WHERE (c.visibility = 'public' OR (c.visibility = 'members' AND $1 <> 0)) "
    "  AND c.archived = 0 "
    "  AND NOT EXISTS (SELECT 1 FROM memberships mp WHERE mp.community_id = c.id "
    "                  AND mp.user_id = $1) "
    "  AND ($2 = '' OR lower(c.name) LIKE lower($2) ESCAPE '\\') "
    "ORDER BY n DESC, lower(c.name), c.id LIMIT $3 OFFSET $4";

static const char *dup(struct arena *a, const char *s)
{
    return arena_strdup(a, s ? s : "");
}

/* Read the current row (COMMUNITY_COLS + viewer role) into c; list = 1 for
   COMMUNITY_LIST_COLS, whose fourth column is the charter's start (charter_head). */
static void read_community(struct db_res *res, struct arena *a, struct community *c, int list)
{
    enum role role = ROLE_NONE;
    memset(c, 0, sizeof(*c));
    c->id = db_int(res, 0);
    c->slug = dup(a, db_text(res, 1));
    c->name = dup(a, db_text(res, 2));
    c->charter_md = db_isnull(res, 3) ? NULL : dup(a, db_text(res, 3));
    c->charter_html = db_isnull(res, 4) ? NULL : dup(a, db_text(res, 4));
    if (list) {
        c->charter_head = c->charter_md ? c->charter_md : "";
        c->charter_md = NULL;
    }
    if (community_vis_parse(db_text(res, 5), &c->visibility) < 0)
        c->visibility = COMMUNITY_PRIVATE; /* unknown value: fail closed */
    c->archived = db_int(res, 6) != 0;
    c->created_by = db_int(res, 7);
    c->created_at = db_int(res, 8);
    c->updated_at = db_int(res, 9);
    c->member_count = db_int(res, 10);
    if (!db_isnull(res, 11) && role_parse(db_text(res, 11), &role) < 0)
        role = ROLE_NONE;
    c->viewer_role = role;
}

/* Run a one-community query and read its row. */
static int get_one(struct db *db, struct arena *a, const char *sql, const struct db_param *p,
                   int np, struct community *out)
{
    struct db_res *res;
    int rc = db_query(db, sql, p, np, &res);
    if (rc < 0)
        return ERR_DB;
    rc = db_step(res);
    if (rc == 1)
        read_community(res, a, out, 0);
    db_done(res);
    return rc == 1 ? 0 : rc == 0 ? ERR_NOTFOUND : ERR_DB;
}

int community_db_get_slug(struct db *db, struct arena *a, const char *slug, int64_t viewer,
                          struct community *out)
{
    return get_one(db, a, SQL_GET_SLUG, PARAMS(P_TEXT(slug), P_INT(viewer)), out);
}

int community_db_get_id(struct db *db, struct arena *a, int64_t id, int64_t viewer,
                        struct community *out)
{
    return get_one(db, a, SQL_GET_ID, PARAMS(P_INT(id), P_INT(viewer)), out);
}

int community_db_insert(struct db *db, struct community *c)
{
    int64_t id = 0;
    int rc = db_get_int(db, SQL_INSERT,
                        PARAMS(P_TEXT(c->slug), P_TEXT(c->name), P_TEXT(c->charter_md),
                               P_TEXT(c->charter_html), P_TEXT(community_vis_name(c->visibility)),
                               c->created_by ? P_INT(c->created_by) : P_NULL, P_INT(c->created_at)),
                        &id);
    /* A taken slug returns no row (ON CONFLICT DO NOTHING keeps a PostgreSQL transaction
       usable, so the caller can try another slug). */
    if (rc == ERR_NOTFOUND || rc == ERR_CONFLICT)
        return ERR_CONFLICT;
    if (rc < 0)
        return ERR_DB;
    c->id = id;
    return 0;
}

int community_db_update(struct db *db, const struct community *c)
{
    int rc = db_exec(db, SQL_UPDATE,
                     PARAMS(P_INT(c->id), P_TEXT(c->name), P_TEXT(c->charter_md),
                            P_TEXT(c->charter_html), P_TEXT(community_vis_name(c->visibility)),
                            P_INT(c->updated_at)));
    if (rc < 0)
        return rc;
    return rc == 0 ? ERR_NOTFOUND : 0;
}

int community_db_set_archived(struct db *db, int64_t id, int archived, int64_t now)
{
    int rc = db_exec(db, SQL_SET_ARCHIVED, PARAMS(P_INT(id), P_INT(archived ? 1 : 0), P_INT(now)));
    if (rc < 0)
        return rc;
    return rc == 0 ? ERR_NOTFOUND : 0;
}

/* The LIKE pattern for a substring search: %q% with %, _ and \ escaped by '\'. "" when q is
   empty. */
static const char *like_pattern(struct arena *a, const char *q)
{
    struct buf b = BUF_INIT;
    const char *p;
    char *out;
    if (!q || !*q)
        return "";
    buf_init(&b, 4096);
    buf_putc(&b, '%');
    for (p = q; *p; p++) {
        if (*p == '%' || *p == '_' || *p == '\\')
            buf_putc(&b, '\\');
        buf_putc(&b, *p);
    }
    buf_putc(&b, '%');
    out = arena_strdup(a, b.data);
    buf_release(&b);
    return out;
}

int community_db_list(struct db *db, struct arena *a, const struct community_filter *f,
                      struct community **out, size_t *n)
{
    struct db_res *res;
    const char *pat = like_pattern(a, f->q);
    /* A safety bound, above every caller's page size plus the one row they read ahead to
       know whether there is a next page (the API allows 200 + 1). */
    int limit = f->limit <= 0 ? 50 : f->limit > 1000 ? 1000 : f->limit;
    int offset = f->offset < 0 ? 0 : f->offset;
    size_t cap = (size_t)limit, count = 0;
    struct community *arr;
    int rc;

    switch (f->kind) {
    case COMMUNITY_LIST_MINE:
        rc = db_query(db, SQL_LIST_MINE,
                      PARAMS(P_INT(f->viewer), P_TEXT(pat), P_INT(limit), P_INT(offset)), &res);
        break;
    case COMMUNITY_LIST_SUGGEST:
        rc = db_query(db, SQL_LIST_SUGGEST,
                      PARAMS(P_INT(f->viewer), P_TEXT(pat), P_INT(limit), P_INT(offset)), &res);
        break;
    default:
        rc = db_query(db, SQL_LIST_DIRECTORY,
                      PARAMS(P_INT(f->viewer), P_INT(f->see_all ? 1 : 0), P_TEXT(pat),
                             P_INT(f->include_archived ? 1 : 0), P_INT(limit), P_INT(offset)),
                      &res);
        break;
    }
    *out = NULL;
    *n = 0;
    if (rc < 0)
        return ERR_DB;
    arr = ARENA_ARRAY(a, struct community, cap);
    while ((rc = db_step(res)) == 1 && count < cap)
        read_community(res, a, &arr[count++], 1);
    db_done(res);
    if (rc < 0)
        return ERR_DB;
    *out = arr;
    *n = count;
    return 0;
}

/* ------------------------------------------------------------------------------------------ */
/* Tags */

/* Each tag with the number of live threads tagged with it in the community (through
   thread_tags_tag: the tag's entries, each checked against its thread). */
static const char SQL_TAGS[] =
    "SELECT ct.tag, ct.description, (SELECT count(*) FROM thread_tags g JOIN threads t "
    "ON t.id = g.thread_id WHERE g.tag = ct.tag AND t.community_id = ct.community_id "
    "AND t.deleted_at IS NULL) FROM community_tags ct WHERE ct.community_id = $1 ORDER BY ct.tag";
static const char SQL_TAG_DESCRIBE[] =
    "UPDATE community_tags SET description = $3 WHERE community_id = $1 AND tag = $2";
static const char SQL_TAGS_DELETE[] = "DELETE FROM community_tags WHERE community_id = $1";
static const char SQL_TAG_INSERT[] =
    "INSERT INTO community_tags (community_id, tag, description) VALUES ($1, $2, $3)";

int community_db_tags(struct db *db, struct arena *a, int64_t cid, struct community_tag **out,
                      size_t *n)
{
    struct db_res *res;
    size_t cap = 16, count = 0;
    struct community_tag *arr;
    int rc;
    *out = NULL;
    *n = 0;
    if (db_query(db, SQL_TAGS, PARAMS(P_INT(cid)), &res) < 0)
        return ERR_DB;
    arr = ARENA_ARRAY(a, struct community_tag, cap);
    while ((rc = db_step(res)) == 1) {
        if (count == cap) {
            struct community_tag *bigger = ARENA_ARRAY(a, struct community_tag, cap * 2);
            memcpy(bigger, arr, cap * sizeof(*arr));
            arr = bigger;
            cap *= 2;
        }
        arr[count].tag = dup(a, db_text(res, 0));
        arr[count].description = dup(a, db_text(res, 1));
        arr[count].threads = db_int(res, 2);
        count++;
    }
    db_done(res);
    if (rc < 0)
        return ERR_DB;
    *out = arr;
    *n = count;
    return 0;
}

int community_db_tag_describe(struct db *db, int64_t cid, const char *tag, const char *description)
{
    int changed =
        db_exec(db, SQL_TAG_DESCRIBE, PARAMS(P_INT(cid), P_TEXT(tag), P_TEXT(description)));
    if (changed < 0)
        return ERR_DB;
    return changed ? 0 : ERR_NOTFOUND;
}

int community_db_tags_replace(struct db *db, int64_t cid, const struct community_tag *tags,
                              size_t n)
{
    size_t i;
    if (db_exec(db, SQL_TAGS_DELETE, PARAMS(P_INT(cid))) < 0)
        return ERR_DB;
    for (i = 0; i < n; i++) {
        int rc = db_exec(db, SQL_TAG_INSERT,
                         PARAMS(P_INT(cid), P_TEXT(tags[i].tag),
                                P_TEXT(tags[i].description ? tags[i].description : "")));
        if (rc < 0)
            return rc;
    }
    return 0;
}

/* ------------------------------------------------------------------------------------------ */
/* Memberships */

static const char SQL_ROLE[] =
    "SELECT role FROM memberships WHERE community_id = $1 AND user_id = $2";
static const char SQL_MEMBER_ADD[] =
    "INSERT INTO memberships (community_id, user_id, role, joined_at) VALUES ($1, $2, $3, $4) "
    "ON CONFLICT (community_id, user_id) DO NOTHING";
static const char SQL_MEMBER_SET_ROLE[] =
    "UPDATE memberships SET role = $3 WHERE community_id = $1 AND user_id = $2";
static const char SQL_MEMBER_REMOVE[] =
    "DELETE FROM memberships WHERE community_id = $1 AND user_id = $2";
static const char SQL_MEMBER_COUNT_ALL[] =
    "SELECT COUNT(*) FROM memberships WHERE community_id = $1";
static const char SQL_MEMBER_COUNT_ROLE[] =
    "SELECT COUNT(*) FROM memberships WHERE community_id = $1 AND role = $2";
static const char SQL_MEMBER_LIST[] =
    "SELECT m.user_id, u.name, u.display_name, m.role, m.joined_at "
    "FROM memberships m JOIN users u ON u.id = m.user_id "
    "WHERE m.community_id = $1 AND ($2 = '' OR m.role = $2) "
    "ORDER BY CASE m.role WHEN 'coordinator' THEN 0 WHEN 'moderator' THEN 1 ELSE 2 END, "
    "lower(u.name), u.id LIMIT $3 OFFSET $4";
/* Member search: $1 community, $2 LIKE pattern on name or display name or '', $3 claimed
   skill or '', $4 tag they posted under in this community or '', $5 limit. Each row has the
   member's live posts in the community (activity). Sorted by the domain. */
static const char SQL_MEMBER_SEARCH[] =
    "SELECT m.user_id, u.name, u.display_name, m.role, m.joined_at, "
    "(SELECT count(*) FROM posts p JOIN threads t ON t.id = p.thread_id WHERE "
    "p.author_id = m.user_id AND t.community_id = m.community_id AND p.deleted_at IS NULL "
    "AND t.deleted_at IS NULL) "
    "FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.community_id = $1 "
    "AND (CAST($2 AS TEXT) = '' OR lower(u.name) LIKE lower($2) ESCAPE '\\' "
    "OR lower(u.display_name) LIKE lower($2) ESCAPE '\\') "
    "AND (CAST($3 AS TEXT) = '' OR EXISTS (SELECT 1 FROM user_skills s WHERE "
    "s.user_id = m.user_id AND s.tag = $3)) "
    "AND (CAST($4 AS TEXT) = '' OR EXISTS (SELECT 1 FROM posts p JOIN threads t ON "
    "t.id = p.thread_id JOIN thread_tags g ON g.thread_id = t.id WHERE p.author_id = m.user_id "
    "AND t.community_id = m.community_id AND g.tag = $4 AND p.deleted_at IS NULL "
    "AND t.deleted_at IS NULL)) "
    "ORDER BY m.user_id LIMIT $5";
static const char SQL_FIND_USER[] = "SELECT id, name FROM users WHERE name_key = lower($1)";

int membership_db_search(struct db *db, struct arena *a, int64_t cid, const char *text,
                         const char *skill, const char *tag, int limit, struct member **out,
                         size_t *n)
{
    struct db_res *res;
    struct member *arr;
    size_t count = 0;
    int rc;
    *out = NULL;
    *n = 0;
    if (limit <= 0)
        limit = 1;
    if (db_query(db, SQL_MEMBER_SEARCH,
                 PARAMS(P_INT(cid), P_TEXT(like_pattern(a, text)), P_TEXT(skill ? skill : ""),
                        P_TEXT(tag ? tag : ""), P_INT(limit)),
                 &res) < 0)
        return ERR_DB;
    arr = ARENA_ARRAY(a, struct member, (size_t)limit);
    while ((rc = db_step(res)) == 1 && count < (size_t)limit) {
        struct member *m = &arr[count++];
        enum role role = ROLE_MEMBER;
        m->user_id = db_int(res, 0);
        m->name = dup(a, db_text(res, 1));
        m->display_name = dup(a, db_text(res, 2));
        role_parse(db_text(res, 3), &role);
        m->role = role;
        m->joined_at = db_int(res, 4);
        m->activity = db_int(res, 5);
    }
    db_done(res);
    if (rc < 0)
        return ERR_DB;
    *out = arr;
    *n = count;
    return 0;
}

int membership_db_role(struct db *db, int64_t cid, int64_t uid, enum role *out)
{
    char *s = NULL;
    int rc;
    *out = ROLE_NONE;
    if (!uid)
        return 0;
    rc = db_get_text(db, SQL_ROLE, PARAMS(P_INT(cid), P_INT(uid)), &s);
    if (rc == ERR_NOTFOUND)
        return 0;
    if (rc < 0)
        return ERR_DB;
    if (role_parse(s, out) < 0)
        *out = ROLE_NONE;
    free(s);
    return 0;
}

int membership_db_add(struct db *db, int64_t cid, int64_t uid, enum role role, int64_t now)
{
    int rc = db_exec(db, SQL_MEMBER_ADD,
                     PARAMS(P_INT(cid), P_INT(uid), P_TEXT(role_name(role)), P_INT(now)));
    if (rc < 0)
        return rc;
    return rc == 0 ? ERR_CONFLICT : 0; /* already a member: nothing changed */
}

int membership_db_set_role(struct db *db, int64_t cid, int64_t uid, enum role role)
{
    int rc =
        db_exec(db, SQL_MEMBER_SET_ROLE, PARAMS(P_INT(cid), P_INT(uid), P_TEXT(role_name(role))));
    if (rc < 0)
        return rc;
    return rc == 0 ? ERR_NOTFOUND : 0;
}

int membership_db_remove(struct db *db, int64_t cid, int64_t uid)
{
    int rc = db_exec(db, SQL_MEMBER_REMOVE, PARAMS(P_INT(cid), P_INT(uid)));
    if (rc < 0)
        return rc;
    return rc == 0 ? ERR_NOTFOUND : 0;
}

int membership_db_count(struct db *db, int64_t cid, enum role role, int64_t *out)
{
    int rc;
    *out = 0;
    if (role == ROLE_NONE)
        rc = db_get_int(db, SQL_MEMBER_COUNT_ALL, PARAMS(P_INT(cid)), out);
    else
        rc =
            db_get_int(db, SQL_MEMBER_COUNT_ROLE, PARAMS(P_INT(cid), P_TEXT(role_name(role))), out);
    return rc == ERR_NOTFOUND ? 0 : rc < 0 ? ERR_DB : 0;
}

int membership_db_list(struct db *db, struct arena *a, int64_t cid, enum role role, int limit,
                       int offset, struct member **out, size_t *n)
{
    struct db_res *res;
    struct member *arr;
    size_t count = 0, cap;
    int rc;
    if (limit <= 0 || limit > 1000) /* safety bound above the API's 500 + 1 read ahead */
        limit = 1000;
    if (offset < 0)
        offset = 0;
    cap = (size_t)limit;
    *out = NULL;
    *n = 0;
    if (db_query(db, SQL_MEMBER_LIST,
                 PARAMS(P_INT(cid), P_TEXT(role_name(role)), P_INT(limit), P_INT(offset)),
                 &res) < 0)
        return ERR_DB;
    arr = ARENA_ARRAY(a, struct member, cap);
    while ((rc = db_step(res)) == 1 && count < cap) {
        struct member *m = &arr[count++];
        m->user_id = db_int(res, 0);
        m->name = dup(a, db_text(res, 1));
        m->display_name = dup(a, db_text(res, 2));
        if (role_parse(db_text(res, 3), &m->role) < 0)
            m->role = ROLE_MEMBER;
        m->joined_at = db_int(res, 4);
    }
    db_done(res);
    if (rc < 0)
        return ERR_DB;
    *out = arr;
    *n = count;
    return 0;
}

int membership_db_find_user(struct db *db, struct arena *a, const char *name, int64_t *uid,
                            const char **canonical)
{
    struct db_res *res;
    int rc;
    if (db_query(db, SQL_FIND_USER, PARAMS(P_TEXT(name)), &res) < 0)
        return ERR_DB;
    rc = db_step(res);
    if (rc == 1) {
        *uid = db_int(res, 0);
        if (canonical)
            *canonical = dup(a, db_text(res, 1));
    }
    db_done(res);
    return rc == 1 ? 0 : rc == 0 ? ERR_NOTFOUND : ERR_DB;
}

/* ------------------------------------------------------------------------------------------ */
/* Invitations */

#define INVITE_COLS                                                                                \
    "i.id, i.community_id, i.created_by, u.name, i.created_at, i.expires_at, i.max_uses, "         \
    "i.uses, i.revoked_at "
static const char SQL_INVITE_INSERT[] =
    "INSERT INTO community_invites (community_id, token_hash, created_by, created_at, "
    "expires_at, max_uses, uses) VALUES ($1, $2, $3, $4, $5, $6, 0) RETURNING id";
static const char SQL_INVITE_BY_HASH[] =
    "SELECT " INVITE_COLS "FROM community_invites i LEFT JOIN users u ON u.id = i.created_by "
    "WHERE i.token_hash = $1";
static const char SQL_INVITE_GET[] =
    "SELECT " INVITE_COLS "FROM community_invites i LEFT JOIN users u ON u.id = i.created_by "
    "WHERE i.id = $1";
static const char SQL_INVITE_LIST[] =
    "SELECT " INVITE_COLS "FROM community_invites i LEFT JOIN users u ON u.id = i.created_by "
    "WHERE i.community_id = $1 ORDER BY i.id DESC LIMIT $2";
static const char SQL_INVITE_USE[] =
    "UPDATE community_invites SET uses = uses + 1 WHERE id = $1 AND revoked_at IS NULL "
    "AND expires_at > $2 AND (max_uses = 0 OR uses < max_uses)";
static const char SQL_INVITE_REVOKE[] =
    "UPDATE community_invites SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL";

static void read_invite(struct db_res *res, struct arena *a, struct invite *inv)
{
    memset(inv, 0, sizeof(*inv));
    inv->id = db_int(res, 0);
    inv->community_id = db_int(res, 1);
    inv->created_by = db_int(res, 2);
    inv->created_by_name = dup(a, db_text(res, 3));
    inv->created_at = db_int(res, 4);
    inv->expires_at = db_int(res, 5);
    inv->max_uses = db_int(res, 6);
    inv->uses = db_int(res, 7);
    inv->revoked_at = db_int(res, 8);
}

int invite_db_insert(struct db *db, struct invite *inv, const char *token_hash)
{
    int64_t id = 0;
    int rc =
        db_get_int(db, SQL_INVITE_INSERT,
                   PARAMS(P_INT(inv->community_id), P_TEXT(token_hash),
                          inv->created_by ? P_INT(inv->created_by) : P_NULL, P_INT(inv->created_at),
                          P_INT(inv->expires_at), P_INT(inv->max_uses)),
                   &id);
    if (rc < 0)
        return rc == ERR_CONFLICT ? ERR_CONFLICT : ERR_DB;
    inv->id = id;
    return 0;
}

static int invite_one(struct db *db, struct arena *a, const char *sql, const struct db_param *p,
                      int np, struct invite *out)
{
    struct db_res *res;
    int rc;
    if (db_query(db, sql, p, np, &res) < 0)
        return ERR_DB;
    rc = db_step(res);
    if (rc == 1)
        read_invite(res, a, out);
    db_done(res);
    return rc == 1 ? 0 : rc == 0 ? ERR_NOTFOUND : ERR_DB;
}

int invite_db_by_hash(struct db *db, struct arena *a, const char *token_hash, struct invite *out)
{
    return invite_one(db, a, SQL_INVITE_BY_HASH, PARAMS(P_TEXT(token_hash)), out);
}

int invite_db_get(struct db *db, struct arena *a, int64_t id, struct invite *out)
{
    return invite_one(db, a, SQL_INVITE_GET, PARAMS(P_INT(id)), out);
}

int invite_db_list(struct db *db, struct arena *a, int64_t cid, int limit, struct invite **out,
                   size_t *n)
{
    struct db_res *res;
    struct invite *arr;
    size_t count = 0, cap;
    int rc;
    if (limit <= 0 || limit > 500)
        limit = 500;
    cap = (size_t)limit;
    *out = NULL;
    *n = 0;
    if (db_query(db, SQL_INVITE_LIST, PARAMS(P_INT(cid), P_INT(limit)), &res) < 0)
        return ERR_DB;
    arr = ARENA_ARRAY(a, struct invite, cap);
    while ((rc = db_step(res)) == 1 && count < cap)
        read_invite(res, a, &arr[count++]);
    db_done(res);
    if (rc < 0)
        return ERR_DB;
    *out = arr;
    *n = count;
    return 0;
}

int invite_db_use(struct db *db, int64_t id, int64_t now)
{
    int rc = db_exec(db, SQL_INVITE_USE, PARAMS(P_INT(id), P_INT(now)));
    if (rc < 0)
        return rc;
    return rc == 0 ? ERR_NOTFOUND : 0;
}

int invite_db_revoke(struct db *db, int64_t id, int64_t now)
{
    int rc = db_exec(db, SQL_INVITE_REVOKE, PARAMS(P_INT(id), P_INT(now)));
    if (rc < 0)
        return rc;
    return rc == 0 ? ERR_NOTFOUND : 0;
}
