/* JSON API for communities: list, create, read, update, archive; members, join, leave and
 * roles; invitation links. Mirrors web/community.c and obeys the same domain rules (a
 * private community is 404 to whoever may not read it). Documented in docs/api.md. */
#include <string.h>

#include "api/api.h"
#include "core/timeutil.h"
#include "domain/article.h"
#include "domain/community.h"
#include "domain/expertise.h"
#include "core/util.h"

#define API_LIST_DEFAULT 50
#define API_LIST_MAX     200

/* A string member that may be NULL (-> null). */
static json_t *str_or_null(const char *s)
{
    return s ? json_string(s) : json_null();
}

/* The JSON object for cm; full adds the charter, tags and the viewer's permissions. */
static json_t *community_json(struct ctx *c, const struct community *cm, int full)
{
    json_t *o = json_object();
    json_object_set_new(o, "slug", json_string(cm->slug));
    json_object_set_new(o, "name", json_string(cm->name));
    json_object_set_new(o, "url", json_string(arena_printf(c->arena, "/c/%s", cm->slug)));
    json_object_set_new(o, "visibility", json_string(community_vis_name(cm->visibility)));
    json_object_set_new(o, "archived", json_boolean(cm->archived));
    json_object_set_new(o, "member_count", json_integer(cm->member_count));
    json_object_set_new(o, "my_role",
                        cm->viewer_role == ROLE_NONE ? json_null()
                                                     : json_string(role_name(cm->viewer_role)));
    json_object_set_new(o, "created_at", api_time(cm->created_at));
    json_object_set_new(o, "updated_at", api_time(cm->updated_at));
    if (full) {
        json_t *tags = json_array(), *can = json_object();
        size_t i;
        json_object_set_new(o, "charter_md", str_or_null(cm->charter_md));
        json_object_set_new(o, "charter_html", str_or_null(cm->charter_html));
        for (i = 0; i < cm->ntags; i++) {
            json_t *t = json_object();
            json_object_set_new(t, "tag", json_string(cm->tags[i].tag));
            json_object_set_new(t, "description", json_string(cm->tags[i].description));
            json_object_set_new(t, "threads", json_integer(cm->tags[i].threads));
            json_array_append_new(tags, t);
        }
        json_object_set_new(o, "tags", tags);
        json_object_set_new(can, "edit", json_boolean(community_can_edit(c, cm)));
        json_object_set_new(can, "join", json_boolean(community_can_join(c, cm)));
        json_object_set_new(can, "leave", json_boolean(community_can_leave(c, cm)));
        json_object_set_new(can, "invite", json_boolean(community_can_invite(c, cm)));
        json_object_set_new(can, "manage_members",
                            json_boolean(community_can_manage_members(c, cm)));
        json_object_set_new(o, "can", can);
    }
    return o;
}

static json_t *invite_json(struct ctx *c, const struct invite *inv)
{
    json_t *o = json_object();
    json_object_set_new(o, "id", json_integer(inv->id));
    json_object_set_new(o, "created_by",
                        inv->created_by_name && *inv->created_by_name
                            ? json_string(inv->created_by_name)
                            : json_null());
    json_object_set_new(o, "created_at", api_time(inv->created_at));
    json_object_set_new(o, "expires_at", api_time(inv->expires_at));
    json_object_set_new(o, "max_uses", json_integer(inv->max_uses));
    json_object_set_new(o, "uses", json_integer(inv->uses));
    json_object_set_new(o, "revoked_at", api_time(inv->revoked_at));
    json_object_set_new(o, "state", json_string(invite_state_name(invite_state(inv, c->now))));
    return o;
}

/* Parse the JSON body up front so that malformed JSON is an error rather than "no input". */
static int body_check(struct req *r)
{
    json_t *body;
    return api_body(r, &body);
}

/* Fill in from the request body: name, slug, charter_md, visibility and tags (a string of
   tags, an array of strings, or an array of {"tag", "description"} objects). */
static int read_input(struct req *r, struct community_input *in)
{
    json_t *body = NULL, *tags;
    int rc = api_body(r, &body);
    if (rc < 0)
        return rc;
    in->name = api_input(r, "name");
    in->slug = api_input(r, "slug");
    in->charter_md = api_input(r, "charter_md");
    in->visibility = api_input(r, "visibility");
    if (!body) {
        in->tags_text = req_form(r, "tags");
        return 0;
    }
    tags = json_object_get(body, "tags");
    if (!tags || json_is_null(tags))
        return 0;
    if (json_is_string(tags)) {
        in->tags_text = arena_strdup(r->arena, json_string_value(tags));
    } else if (json_is_array(tags)) {
        size_t n = json_array_size(tags), i;
        struct community_tag *arr;
        if (n > COMMUNITY_TAGS_MAX)
            return error_set(&r->err, ERR_TOOBIG, "tags", "A community has at most %d tags.",
                             COMMUNITY_TAGS_MAX);
        arr = ARENA_ARRAY(r->arena, struct community_tag, n + 1);
        for (i = 0; i < n; i++) {
            json_t *t = json_array_get(tags, i), *tag, *desc;
            if (json_is_string(t)) {
                arr[i].tag = arena_strdup(r->arena, json_string_value(t));
                arr[i].description = "";
                continue;
            }
            tag = json_object_get(t, "tag");
            desc = json_object_get(t, "description");
            if (!json_is_object(t) || !json_is_string(tag) ||
                (desc && !json_is_null(desc) && !json_is_string(desc)))
                return error_set(&r->err, ERR_INVALID, "tags",
                                 "tags is a string, or an array of strings or of "
                                 "{\"tag\", \"description\"} objects.");
            arr[i].tag = arena_strdup(r->arena, json_string_value(tag));
            arr[i].description =
                json_is_string(desc) ? arena_strdup(r->arena, json_string_value(desc)) : "";
        }
        in->tags = arr;
        in->ntags = n;
        in->has_tags = 1;
    } else {
        return error_set(&r->err, ERR_INVALID, "tags",
                         "tags is a string, or an array of strings or of "
                         "{\"tag\", \"description\"} objects.");
    }
    return 0;
}

/* ------------------------------------------------------------------------------------------ */

int api_communities_list(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct community_filter f;
    struct community *list;
    size_t n, i;
    int64_t limit, offset;
    json_t *o, *arr;
    int rc;

    if (req_query_int(r, "limit", API_LIST_DEFAULT, 1, API_LIST_MAX, &limit) < 0 ||
        req_query_int(r, "offset", 0, 0, 1000000, &offset) < 0)
        return r->err.code;
    memset(&f, 0, sizeof(f));
    f.kind = str_eq(req_query(r, "mine"), "1") ? COMMUNITY_LIST_MINE : COMMUNITY_LIST_DIRECTORY;
    if (f.kind == COMMUNITY_LIST_MINE && !c->uid)
        return error_set(&r->err, ERR_AUTH, NULL, "Sign in (or send a token) to list yours.");
    f.q = req_query(r, "q");
    f.include_archived = 1;
    f.limit = (int)limit + 1;
    f.offset = (int)offset;
    rc = community_list(c, &f, &list, &n);
    if (rc < 0)
        return rc;
    o = json_object();
    arr = json_array();
    for (i = 0; i < n && i < (size_t)limit; i++)
        json_array_append_new(arr, community_json(c, &list[i], 0));
    json_object_set_new(o, "communities", arr);
    json_object_set_new(o, "next_offset",
                        n > (size_t)limit ? json_integer(offset + limit) : json_null());
    return api_send(r, 200, o);
}

int api_communities_create(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct community_input in = {0};
    struct community cm;
    int rc = read_input(r, &in);
    if (rc < 0)
        return rc;
    rc = community_create(c, &in, &cm);
    if (rc < 0)
        return rc;
    resp_header(r, "Location", arena_printf(r->arena, "/api/v1/communities/%s", cm.slug));
    return api_send(r, 201, community_json(c, &cm, 1));
}

int api_community_get(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct community cm;
    int rc = community_get(c, r->params[0], &cm);
    if (rc < 0)
        return rc;
    return api_send(r, 200, community_json(c, &cm, 1));
}

int api_community_update(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct community_input in = {0};
    struct community cm;
    int rc = community_get(c, r->params[0], &cm);
    if (rc < 0)
        return rc;
    rc = read_input(r, &in);
    if (rc < 0)
        return rc;
    if (in.slug && !str_eq(in.slug, cm.slug))
        return error_set(&r->err, ERR_INVALID, "slug", "A community's slug cannot be changed.");
    rc = community_update(c, &cm, &in);
    if (rc < 0)
        return rc;
    return api_send(r, 200, community_json(c, &cm, 1));
}

int api_community_archive(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct community cm;
    const char *v;
    int rc = community_get(c, r->params[0], &cm);
    if (rc < 0)
        return rc;
    if (body_check(r) < 0)
        return r->err.code;
    v = api_input(r, "archived");
    if (v && !str_eq(v, "1") && !str_eq(v, "0") && !str_eq(v, "true") && !str_eq(v, "false"))
        return error_set(&r->err, ERR_INVALID, "archived", "archived is true or false.");
    rc = community_set_archived(c, &cm, !v || str_eq(v, "1") || str_eq(v, "true"));
    if (rc < 0)
        return rc;
    return api_send(r, 200, community_json(c, &cm, 1));
}

int api_community_members(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct community cm;
    struct member *m;
    size_t n, i;
    int64_t limit, offset;
    enum role role = ROLE_NONE;
    const char *role_s = req_query(r, "role");
    json_t *o = NULL, *arr;
    int rc = community_get(c, r->params[0], &cm);
    if (rc < 0)
        return rc;
    if (req_query_int(r, "limit", 100, 1, 500, &limit) < 0 ||
        req_query_int(r, "offset", 0, 0, 1000000, &offset) < 0)
        return r->err.code;
    if (role_s && *role_s && role_parse(role_s, &role) < 0)
        return error_set(&r->err, ERR_INVALID, "role", "role is coordinator, moderator or member.");
    if (role_s && *role_s) {
        rc = community_members(c, &cm, role, (int)limit + 1, (int)offset, &m, &n);
    } else { /* the directory: q, skill, tag, sort (finding) */
        struct member_search s;
        int64_t total = 0;
        memset(&s, 0, sizeof(s));
        s.q = req_query(r, "q");
        s.skill = req_query(r, "skill");
        s.tag = req_query(r, "tag");
        if (member_sort_parse(req_query(r, "sort"), &s.sort) < 0)
            return error_set(&r->err, ERR_INVALID, "sort",
                             "sort is role, name, joined or activity.");
        s.offset = offset;
        s.limit = (int)limit + 1;
        rc = community_member_search(c, &cm, &s, &m, &n, &total);
        json_object_set_new(o = json_object(), "total", json_integer(total));
    }
    if (rc < 0) {
        if (o)
            json_decref(o);
        return rc;
    }
    if (!o)
        o = json_object();
    arr = json_array();
    for (i = 0; i < n && i < (size_t)limit; i++) {
        json_t *x = json_object();
        json_object_set_new(x, "name", json_string(m[i].name));
        json_object_set_new(x, "display_name", json_string(m[i].display_name));
        json_object_set_new(x, "role", json_string(role_name(m[i].role)));
        json_object_set_new(x, "joined_at", api_time(m[i].joined_at));
        if (!(role_s && *role_s))
            json_object_set_new(x, "posts", json_integer(m[i].activity));
        json_array_append_new(arr, x);
    }
    json_object_set_new(o, "members", arr);
    json_object_set_new(o, "member_count", json_integer(cm.member_count));
    json_object_set_new(o, "next_offset",
                        n > (size_t)limit ? json_integer(offset + limit) : json_null());
    return api_send(r, 200, o);
}

int api_community_join(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct community cm;
    const char *token;
    int rc;
    if (body_check(r) < 0)
        return r->err.code;
    token = api_input(r, "invite");
    if (token && *token) {
        struct invite inv;
        /* Check the token opens this community before using it up. */
        rc = community_invite_open(c, token, &cm, &inv);
        if (rc < 0)
            return rc;
        if (!str_eq(cm.slug, r->params[0]))
            return error_set(&r->err, ERR_NOTFOUND, "invite", "This invitation link is not valid.");
        rc = community_join_token(c, token, &cm);
    } else {
        rc = community_get(c, r->params[0], &cm);
        if (rc < 0)
            return rc;
        rc = community_join(c, &cm);
    }
    if (rc < 0)
        return rc;
    return api_send(r, 200, community_json(c, &cm, 1));
}

int api_community_leave(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct community cm;
    json_t *o;
    int rc = community_get(c, r->params[0], &cm);
    if (rc < 0)
        return rc;
    rc = community_leave(c, &cm);
    if (rc < 0)
        return rc;
    o = json_object();
    json_object_set_new(o, "slug", json_string(cm.slug));
    json_object_set_new(o, "my_role", json_null());
    json_object_set_new(o, "member_count", json_integer(cm.member_count));
    return api_send(r, 200, o);
}

int api_community_member_put(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct community cm;
    enum role role;
    const char *role_s;
    json_t *o;
    int rc = community_get(c, r->params[0], &cm);
    if (rc < 0)
        return rc;
    if (body_check(r) < 0)
        return r->err.code;
    role_s = api_input(r, "role");
    if (role_parse(role_s, &role) < 0)
        return error_set(&r->err, ERR_INVALID, "role", "role is coordinator, moderator or member.");
    rc = community_set_role(c, &cm, r->params[1], role);
    if (rc < 0)
        return rc;
    o = json_object();
    json_object_set_new(o, "name", json_string(r->params[1]));
    json_object_set_new(o, "role", json_string(role_name(role)));
    return api_send(r, 200, o);
}

int api_community_member_delete(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct community cm;
    json_t *o;
    int rc = community_get(c, r->params[0], &cm);
    if (rc < 0)
        return rc;
    rc = community_remove_member(c, &cm, r->params[1]);
    if (rc < 0)
        return rc;
    o = json_object();
    json_object_set_new(o, "removed", json_string(r->params[1]));
    json_object_set_new(o, "member_count", json_integer(cm.member_count));
    return api_send(r, 200, o);
}

int api_community_invite_create(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct community cm;
    struct invite inv;
    int64_t days, uses;
    json_t *o;
    int rc = community_get(c, r->params[0], &cm);
    if (rc < 0)
        return rc;
    if (body_check(r) < 0)
        return r->err.code;
    if (api_int_input(r, "days", 7, 1, INVITE_DAYS_MAX, &days) < 0 ||
        api_int_input(r, "max_uses", 0, 0, INVITE_USES_MAX, &uses) < 0)
        return r->err.code;
    rc = community_invite_create(c, &cm, (int)days, (int)uses, &inv);
    if (rc < 0)
        return rc;
    inv.created_by_name = r->user_name;
    o = invite_json(c, &inv);
    json_object_set_new(o, "token", json_string(inv.token));
    json_object_set_new(o, "url", json_string(arena_printf(r->arena, "/join/%s", inv.token)));
    return api_send(r, 201, o);
}

int api_community_invites(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct community cm;
    struct invite *list;
    size_t n, i;
    json_t *o, *arr;
    int rc = community_get(c, r->params[0], &cm);
    if (rc < 0)
        return rc;
    rc = community_invites(c, &cm, &list, &n);
    if (rc < 0)
        return rc;
    o = json_object();
    arr = json_array();
    for (i = 0; i < n; i++)
        json_array_append_new(arr, invite_json(c, &list[i]));
    json_object_set_new(o, "invites", arr);
    return api_send(r, 200, o);
}

int api_community_invite_revoke(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct community cm;
    int64_t id;
    json_t *o;
    int rc = community_get(c, r->params[0], &cm);
    if (rc < 0)
        return rc;
    if (str_to_i64(r->params[1], &id) < 0)
        return error_set(&r->err, ERR_NOTFOUND, NULL, "No such invitation.");
    rc = community_invite_revoke(c, &cm, id);
    if (rc < 0)
        return rc;
    o = json_object();
    json_object_set_new(o, "id", json_integer(id));
    json_object_set_new(o, "state", json_string("revoked"));
    return api_send(r, 200, o);
}

/* ------------------------------------------------------------------------------------------ */
/* Tags */

#define API_TAG_ARTICLES 20 /* articles in a tag's object */
#define API_TAG_EXPERTS  5  /* members in a tag's "experts" */

/* The tag object: its description, thread count, articles and top experts. */
static int tag_json(struct req *r, struct ctx *c, struct community *cm, const char *tag,
                    json_t **out)
{
    const struct community_tag *ct = community_tag_find(cm, tag);
    struct expertise_request rq;
    struct expertise_rank *ranks;
    struct article *arts;
    size_t n, i;
    json_t *o, *arr;
    int rc;
    if (!ct)
        return error_set(&r->err, ERR_NOTFOUND, "tag", "%s has no tag \"%.40s\".", cm->name, tag);
    if ((rc = article_tagged(c, cm, tag, API_TAG_ARTICLES, &arts, &n)) < 0)
        return rc;
    o = json_object();
    json_object_set_new(o, "tag", json_string(ct->tag));
    json_object_set_new(o, "description", json_string(ct->description));
    json_object_set_new(o, "threads", json_integer(ct->threads));
    json_object_set_new(o, "url",
                        json_string(arena_printf(r->arena, "/c/%s/tags/%s", cm->slug, ct->tag)));
    json_object_set_new(o, "can_edit", json_boolean(community_can_edit(c, cm) && !cm->archived));
    arr = json_array();
    for (i = 0; i < n; i++) {
        json_t *a = json_object();
        json_object_set_new(a, "slug", json_string(arts[i].slug));
        json_object_set_new(a, "title", json_string(arts[i].title));
        json_object_set_new(a, "status", json_string(arts[i].status));
        json_object_set_new(a, "updated_at", api_time(arts[i].updated_at));
        json_array_append_new(arr, a);
    }
    json_object_set_new(o, "articles", arr);
    memset(&rq, 0, sizeof(rq));
    rq.community_id = cm->id;
    rq.tag = tag;
    rq.limit = API_TAG_EXPERTS;
    if ((rc = expertise_who_knows(c, &rq, &ranks, &n)) < 0) {
        json_decref(o);
        return rc;
    }
    arr = json_array();
    for (i = 0; i < n; i++) {
        json_t *e = json_object();
        json_object_set_new(e, "name", json_string(ranks[i].name));
        json_object_set_new(e, "display_name", json_string(ranks[i].display_name));
        json_object_set_new(e, "answers", json_integer(ranks[i].answers));
        json_object_set_new(e, "accepted", json_integer(ranks[i].accepted));
        json_object_set_new(e, "articles", json_integer(ranks[i].articles));
        json_object_set_new(e, "claim_only", json_boolean(ranks[i].claim_only));
        json_array_append_new(arr, e);
    }
    json_object_set_new(o, "experts", arr);
    *out = o;
    return 0;
}

int api_community_tags(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct community cm;
    json_t *arr;
    size_t i;
    int rc = community_get(c, r->params[0], &cm);
    if (rc < 0)
        return rc;
    arr = json_array();
    for (i = 0; i < cm.ntags; i++) {
        json_t *t = json_object();
        json_object_set_new(t, "tag", json_string(cm.tags[i].tag));
        json_object_set_new(t, "description", json_string(cm.tags[i].description));
        json_object_set_new(t, "threads", json_integer(cm.tags[i].threads));
        json_array_append_new(arr, t);
    }
    return api_send(r, 200, json_pack("{s:o}", "tags", arr));
}

int api_community_tag_get(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct community cm;
    json_t *o;
    int rc = community_get(c, r->params[0], &cm);
    if (rc < 0 || (rc = tag_json(r, c, &cm, r->params[1], &o)) < 0)
        return rc;
    return api_send(r, 200, o);
}

int api_community_tag_update(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct community cm;
    const char *d;
    json_t *o;
    int rc = community_get(c, r->params[0], &cm);
    if (rc < 0)
        return rc;
    if (!(d = api_input(r, "description")))
        return error_set(&r->err, ERR_INVALID, "description", "Give the tag's description.");
    if ((rc = community_tag_describe(c, &cm, r->params[1], d)) < 0 ||
        (rc = tag_json(r, c, &cm, r->params[1], &o)) < 0)
        return rc;
    return api_send(r, 200, o);
}
