/* Shared JSON API plumbing: sending jansson objects, reading JSON or form input, and times
 * as JSON. */
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "core/timeutil.h"
#include "core/util.h"

int api_send(struct req *r, int status, json_t *obj)
{
    char *s = json_dumps(obj, JSON_COMPACT | JSON_ENSURE_ASCII);
    json_decref(obj);
    if (!s)
        return error_set(&r->err, ERR_INTERNAL, NULL, "Could not encode the response.");
    resp_json(r, status, arena_strdup(r->arena, s));
    free(s);
    return 0;
}

static void free_json(void *p)
{
    json_decref(p);
}

int api_body(struct req *r, json_t **out)
{
    json_error_t jerr;
    json_t *j;
    *out = NULL;
    if (r->body_json) {
        *out = r->body_json;
        return 0;
    }
    if (!r->body_len || !strstr(r->content_type, "application/json"))
        return 0;
    j = json_loadb(r->body, r->body_len, JSON_REJECT_DUPLICATES, &jerr);
    if (!j)
        return error_set(&r->err, ERR_INVALID, NULL, "The body is not valid JSON: %s (line %d).",
                         jerr.text, jerr.line);
    if (!json_is_object(j)) {
        json_decref(j);
        return error_set(&r->err, ERR_INVALID, NULL, "The body must be a JSON object.");
    }
    r->body_json = j;
    r->free_body_json = free_json;
    *out = j;
    return 0;
}

const char *api_input(struct req *r, const char *key)
{
    json_t *body, *v;
    if (api_body(r, &body) < 0 || !body)
        return req_form(r, key);
    v = json_object_get(body, key);
    if (!v || json_is_null(v))
        return NULL;
    if (json_is_string(v))
        return arena_strdup(r->arena, json_string_value(v));
    if (json_is_integer(v))
        return arena_printf(r->arena, "%lld", (long long)json_integer_value(v));
    if (json_is_boolean(v))
        return json_is_true(v) ? "1" : "0";
    {
        /* A real, an array or an object where a single value is read: its JSON text, which no
           integer field accepts (1e308 and [1] are 400 naming the field, not "no value"). */
        char *text = json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT);
        const char *copy = arena_strdup(r->arena, text ? text : "?");
        free(text);
        return copy;
    }
}

int api_int_input(struct req *r, const char *key, int64_t def, int64_t lo, int64_t hi, int64_t *out)
{
    return req_int_value(r, key, api_input(r, key), def, lo, hi, out);
}

json_t *api_time(int64_t t)
{
    char s[32];
    if (!t)
        return json_null();
    time_iso(t, s);
    return json_string(s);
}
