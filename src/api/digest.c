/* The digest setting in the JSON API: GET and PUT /api/v1/me/digest for the signed-in
 * member (see docs/api.md and domain/digest.h). */
#include "api/api.h"
#include "domain/digest.h"

/* {"digest": {"frequency": "weekly", "last_at": time|null}} for the acting member. */
static int send_digest(struct req *r)
{
    struct ctx *c = app_ctx(r);
    enum digest_freq f;
    int64_t last = 0;
    json_t *o, *d;
    int rc = digest_pref_get(c, &f, &last);
    if (rc < 0)
        return rc;
    d = json_object();
    json_object_set_new(d, "frequency", json_string(digest_freq_name(f)));
    json_object_set_new(d, "last_at", last ? api_time(last) : json_null());
    o = json_object();
    json_object_set_new(o, "digest", d);
    return api_send(r, 200, o);
}

/* APIPAGE: GET /api/v1/me/digest -> {digest: {frequency, last_at}} */
int api_digest_get(struct req *r)
{
    return send_digest(r);
}

/* APIPAGE: PUT /api/v1/me/digest {frequency: "off"|"daily"|"weekly"} -> {digest}; 422 for
   another word. */
int api_digest_put(struct req *r)
{
    struct ctx *c = app_ctx(r);
    json_t *body;
    const char *f;
    int rc;
    if ((rc = api_body(r, &body)) < 0)
        return rc;
    f = api_input(r, "frequency");
    if ((rc = digest_pref_set(c, f ? f : "")) < 0)
        return rc;
    return send_digest(r);
}
