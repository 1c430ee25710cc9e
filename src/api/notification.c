/* JSON API for the caller's notifications: the list with the unread count, and marking one
 * or all read. Mirrors web/notification.c and obeys domain/notification.c. Documented in
 * docs/api.md. */
#include "api/api.h"
#include "core/timeutil.h"
#include "domain/notification.h"

static json_t *iso(int64_t t)
{
    char s[32];
    if (!t)
        return json_null();
    time_iso(t, s);
    return json_string(s);
}

int api_notifications(struct req *r)
{
    struct ctx *c = web_ctx(r);
    struct notification *list;
    size_t n, i;
    int64_t unread = 0;
    json_t *o, *arr;
    int rc = notifications_list(c, &list, &n);
    if (rc < 0)
        return rc;
    notifications_unread(c, &unread);
    o = json_object();
    arr = json_array();
    for (i = 0; i < n; i++)
        json_array_append_new(arr, json_pack("{s:I,s:s,s:s,s:s,s:o,s:o}", "id",
                                             (json_int_t)list[i].id, "kind", list[i].kind, "text",
                                             list[i].text, "link", list[i].link, "created_at",
                                             iso(list[i].created_at), "read_at",
                                             iso(list[i].read_at)));
    json_object_set_new(o, "notifications", arr);
    json_object_set_new(o, "unread", json_integer(unread));
    return api_send(r, 200, o);
}

int api_notifications_read(struct req *r)
{
    struct ctx *c = web_ctx(r);
    int64_t id, unread = 0;
    int rc;
    if (api_int_input(r, "id", 0, 0, INT64_MAX, &id) < 0)
        return r->err.code;
    if ((rc = notifications_mark_read(c, id)) < 0)
        return rc;
    notifications_unread(c, &unread);
    return api_send(r, 200, json_pack("{s:I}", "unread", (json_int_t)unread));
}
