/* The route table matcher. A pattern is a sequence of '/'-separated segments; a segment is
 * either literal text, compared byte for byte with the decoded path, or ":name", which
 * captures one non-empty path segment. Matching is exact: the path and the pattern must have
 * the same number of segments, so a trailing slash matters ("/c/x/" does not match
 * "/c/:slug"; "/" matches only "/"). Routes are tried in table order and the first whose
 * method and path both match wins; an HTTP_GET route also answers HEAD. */
#include <string.h>

#include "http/http.h"
#include "core/util.h"

/* Match path against pattern. On success returns 1 and stores, in params[0..*np), a pointer
 * into path for each ":name" capture (each capture ends at the next '/' or at the end of
 * path). Returns 0 if the path does not match or has more than maxp captures. */
static int pattern_match(const char *pat, const char *path, const char **params, size_t maxp,
                         size_t *np)
{
    size_t n = 0;
    if (*pat != '/' || *path != '/')
        return 0;
    for (;;) {
        /* both point at a '/' that starts a segment */
        const char *ps = pat + 1, *ss = path + 1;
        const char *pe = strchr(ps, '/'), *se = strchr(ss, '/');
        size_t pl = pe ? (size_t)(pe - ps) : strlen(ps);
        size_t sl = se ? (size_t)(se - ss) : strlen(ss);
        if (pl > 0 && ps[0] == ':') {
            if (sl == 0 || n >= maxp)
                return 0;
            params[n++] = ss;
        } else if (pl != sl || memcmp(ps, ss, pl) != 0) {
            return 0;
        }
        if (!pe || !se) {
            if (pe || se)
                return 0; /* one has more segments */
            *np = n;
            return 1;
        }
        pat = pe;
        path = se;
    }
}

const struct route *route_match(const struct route *routes, size_t n, enum http_method m,
                                const char *path, const char **params, size_t *nparams,
                                int *method_mismatch)
{
    const char *tmp[8];
    size_t i, np = 0;
    int mismatch = 0;

    if (nparams)
        *nparams = 0;
    if (method_mismatch)
        *method_mismatch = 0;
    if (!routes || !path)
        return NULL;
    for (i = 0; i < n; i++) {
        const struct route *rt = &routes[i];
        int method_ok = rt->method == m || (m == HTTP_HEAD && rt->method == HTTP_GET);
        if (!rt->pattern || !pattern_match(rt->pattern, path, tmp, ARRAY_SIZE(tmp), &np))
            continue;
        if (!method_ok || m == HTTP_OTHER) {
            mismatch = 1;
            continue;
        }
        if (params)
            memcpy(params, tmp, np * sizeof(tmp[0]));
        if (nparams)
            *nparams = np;
        return rt;
    }
    if (method_mismatch)
        *method_mismatch = mismatch;
    return NULL;
}
