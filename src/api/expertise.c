/* JSON API for expertise: GET /api/v1/experts (who knows, for a tag or a question, in one
 * community or all the viewer may read) and GET /api/v1/users/:name/expertise (a member's
 * claimed skills and demonstrated expertise by tag). The hide setting is a member of PATCH
 * /api/v1/me (api/account.c). Documented in docs/api.md (EXPERTISE-API). */
#include <string.h>

#include "api/api.h"
#include "core/timeutil.h"
#include "domain/account.h"
#include "domain/community.h"
#include "domain/expertise.h"
#include "core/util.h"

/* The evidence counts shared by ranks and profile tags. */
static json_t *evidence_json(int answers, int accepted, int votes, int articles, int similar,
                             int64_t last_at)
{
    json_t *o = json_object();
    json_object_set_new(o, "answers", json_integer(answers));
    json_object_set_new(o, "accepted_answers", json_integer(accepted));
    json_object_set_new(o, "votes", json_integer(votes));
    json_object_set_new(o, "articles", json_integer(articles));
    json_object_set_new(o, "similar_questions", json_integer(similar));
    json_object_set_new(o, "last_at", api_time(last_at));
    return o;
}

/* APIPAGE: GET /api/v1/experts?tag=&q=&community=&limit= -> {experts, tag, q, community,
   half_life_days} */
int api_experts(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct expertise_request rq;
    struct expertise_rank *ranks;
    struct community cm;
    const char *slug = req_query(r, "community");
    const char *tag = req_query(r, "tag"), *q = req_query(r, "q"), *where;
    json_t *o, *arr;
    int64_t limit;
    size_t n, i;
    int rc;
    if ((rc = req_query_int(r, "limit", 10, 1, EXPERTISE_LIMIT_MAX, &limit)) < 0)
        return rc;
    memset(&rq, 0, sizeof(rq));
    if (slug && *slug) {
        if ((rc = community_get(c, slug, &cm)) < 0)
            return rc;
        rq.community_id = cm.id;
    }
    rq.tag = tag;
    rq.text = q;
    rq.limit = (size_t)limit;
    if ((rc = expertise_who_knows(c, &rq, &ranks, &n)) < 0)
        return rc;
    {
        const char *tags[1] = {tag && *tag ? expertise_tag_norm(r->arena, tag) : NULL};
        where = expertise_where(r->arena, tags, tags[0] ? 1 : 0, q && *q);
    }
    arr = json_array();
    for (i = 0; i < n; i++) {
        const struct expertise_rank *e = &ranks[i];
        json_t *x = json_object(), *u = json_object();
        json_object_set_new(u, "id", json_integer(e->user_id));
        json_object_set_new(u, "name", json_string(e->name));
        json_object_set_new(u, "display_name", json_string(e->display_name));
        json_object_set_new(x, "user", u);
        json_object_set_new(x, "rank", json_integer((json_int_t)i + 1));
        json_object_set_new(x, "score", json_real(e->score));
        json_object_set_new(
            x, "evidence",
            evidence_json(e->answers, e->accepted, e->votes, e->articles, e->similar, e->last_at));
        json_object_set_new(x, "summary", json_string(expertise_evidence_text(r->arena, e, where)));
        json_object_set_new(x, "claimed", json_boolean(e->claimed));
        json_object_set_new(x, "claim_only", json_boolean(e->claim_only));
        json_array_append_new(arr, x);
    }
    o = json_object();
    json_object_set_new(o, "experts", arr);
    json_object_set_new(o, "tag", tag && *tag ? json_string(tag) : json_null());
    json_object_set_new(o, "q", q && *q ? json_string(q) : json_null());
    json_object_set_new(o, "community", slug && *slug ? json_string(cm.slug) : json_null());
    json_object_set_new(o, "half_life_days", json_real(expertise_half_life(c)));
    return api_send(r, 200, o);
}

/* APIPAGE: GET /api/v1/users/:name/expertise -> {user, hidden, claimed, demonstrated} */
int api_user_expertise(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct user u;
    struct expertise_tag *t;
    size_t n, i;
    int visible, hidden, rc;
    json_t *o, *claimed, *shown;
    if ((rc = account_get(c, r->params[0], &u)) < 0)
        return rc;
    if ((rc = expertise_user_tags(c, u.id, 30, &t, &n, &visible, &hidden)) < 0)
        return rc;
    claimed = json_array();
    for (i = 0; i < u.nskills; i++)
        json_array_append_new(claimed, json_string(u.skills[i]));
    o = json_object();
    json_object_set_new(o, "user", json_string(u.name));
    json_object_set_new(o, "claimed", claimed);
    /* others learn only that nothing is shown, not the setting itself */
    json_object_set_new(o, "hidden", visible ? json_boolean(hidden) : json_true());
    if (visible) {
        shown = json_array();
        for (i = 0; i < n; i++) {
            json_t *x = evidence_json(t[i].answers, t[i].accepted, t[i].votes, t[i].articles, 0,
                                      t[i].last_at);
            json_object_set_new(x, "tag", json_string(t[i].tag));
            json_object_set_new(x, "score", json_real(t[i].score));
            json_array_append_new(shown, x);
        }
        json_object_set_new(o, "demonstrated", shown);
    } else {
        json_object_set_new(o, "demonstrated", json_null());
    }
    return api_send(r, 200, o);
}
