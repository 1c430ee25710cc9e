/* JSON API for participation levels: GET /api/v1/communities/:slug/participation?months=
 * (counts per level per month and this quarter's movement for any reader; the members per
 * level for coordinators) and ?user=NAME (that member's monthly levels, for themselves and
 * coordinators). Private-community rules come from community_get (outsiders get 404).
 * Documented in docs/api.md (PARTICIPATION-API) and docs/participation.md. */
#include <stdio.h>
#include <string.h>

#include "api/api.h"
#include "domain/account.h"
#include "domain/community.h"
#include "domain/participation.h"

static json_t *month_name(int64_t month)
{
    char s[32];
    snprintf(s, sizeof(s), "%04d-%02d", (int)(month / 100 % 10000), (int)(month % 100));
    return json_string(s);
}

/* APIPAGE: GET /api/v1/communities/:slug/participation?months=&user= -> {community,
   window_days, months, quarter, members?} or {community, user, months: [{month, level}]} */
int api_community_participation(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct community cm;
    struct participation_month *pm;
    const char *who = req_query(r, "user");
    int64_t months, inward, outward, month;
    json_t *o, *arr;
    int rc, k, lvl;
    if ((rc = community_get(c, r->params[0], &cm)) < 0)
        return rc;
    if ((rc = req_query_int(r, "months", 12, 1, PART_MONTHS_MAX, &months)) < 0)
        return rc;
    o = json_object();
    json_object_set_new(o, "community", json_string(cm.slug));
    json_object_set_new(o, "window_days", json_integer(PART_WINDOW_DAYS));
    if (who && *who) {
        struct user u;
        int *levels = arena_alloc(r->arena, (size_t)months * sizeof(int));
        if ((rc = account_get(c, who, &u)) < 0 ||
            (rc = participation_history(c, &cm, u.id, (int)months, levels)) < 0) {
            json_decref(o);
            return rc;
        }
        month = participation_month_of(c->now);
        for (k = 1; k < months; k++)
            month = participation_month_prev(month);
        arr = json_array();
        for (k = 0; k < months; k++) {
            json_t *x = json_object();
            json_object_set_new(x, "month", month_name(month));
            json_object_set_new(x, "level", json_string(participation_level_name(levels[k])));
            json_array_append_new(arr, x);
            month = participation_month_of(participation_month_end(month));
        }
        json_object_set_new(o, "user", json_string(u.name));
        json_object_set_new(o, "months", arr);
        return api_send(r, 200, o);
    }
    if ((rc = participation_summary(c, &cm, (int)months, &pm, &inward, &outward)) < 0) {
        json_decref(o);
        return rc;
    }
    arr = json_array();
    for (k = 0; k < months; k++) {
        json_t *x = json_object();
        json_object_set_new(x, "month", month_name(pm[k].month));
        for (lvl = PART_PERIPHERAL; lvl < PART__MAX; lvl++)
            json_object_set_new(x, participation_level_name(lvl), json_integer(pm[k].count[lvl]));
        json_array_append_new(arr, x);
    }
    json_object_set_new(o, "months", arr);
    {
        json_t *q = json_object();
        json_object_set_new(q, "inward", json_integer(inward));
        json_object_set_new(q, "outward", json_integer(outward));
        json_object_set_new(o, "quarter", q);
    }
    if (community_can_edit(c, &cm)) {
        struct participation_row *rows;
        size_t n, i;
        json_t *mem = json_object();
        if ((rc = participation_members(c, &cm, &rows, &n)) < 0) {
            json_decref(o);
            return rc;
        }
        for (lvl = PART_PERIPHERAL; lvl < PART__MAX; lvl++)
            json_object_set_new(mem, participation_level_name(lvl), json_array());
        for (i = 0; i < n; i++) {
            json_t *u = json_object();
            json_object_set_new(u, "id", json_integer(rows[i].user_id));
            json_object_set_new(u, "name", json_string(rows[i].name));
            json_object_set_new(u, "display_name", json_string(rows[i].display_name));
            json_array_append_new(json_object_get(mem, participation_level_name(rows[i].level)), u);
        }
        json_object_set_new(o, "members", mem);
    }
    return api_send(r, 200, o);
}
