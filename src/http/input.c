/* Typed input, read once at the edge: a route capture as an id, and a query or form value
 * as an integer within bounds. Handlers use these instead of parsing r->params and
 * req_query/req_param themselves, so every page and endpoint answers malformed input the
 * same way: a bad id is the same as an unknown one (404), a bad integer in a link falls back
 * to its default (pages), or is refused with the field named (the API). */
#include "http/http.h"
#include "core/util.h"

int req_param_id(struct req *r, size_t i, const char *msg, int64_t *out)
{
    if (i >= r->nparams || str_to_i64(r->params[i], out) < 0 || *out <= 0)
        return error_set(&r->err, ERR_NOTFOUND, NULL, "%s", msg);
    return 0;
}

int64_t req_int(struct req *r, const char *key, int64_t def, int64_t lo, int64_t hi)
{
    int64_t v;
    const char *s = req_param(r, key);
    if (!s || str_to_i64(s, &v) < 0 || v < lo || v > hi)
        return def;
    return v;
}

int req_int_value(struct req *r, const char *key, const char *s, int64_t def, int64_t lo,
                  int64_t hi, int64_t *out)
{
    if (!s || !*s) {
        *out = def;
        return 0;
    }
    if (str_to_i64(s, out) < 0 || *out < lo || *out > hi)
        return error_set(&r->err, ERR_INVALID, key, "%s must be a whole number from %lld to %lld.",
                         key, (long long)lo, (long long)hi);
    return 0;
}

int req_query_int(struct req *r, const char *key, int64_t def, int64_t lo, int64_t hi, int64_t *out)
{
    return req_int_value(r, key, req_query(r, key), def, lo, hi, out);
}
