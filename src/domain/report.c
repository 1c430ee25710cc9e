/* Community health reports: see domain/report.h and docs/health.md. */
#include <stdlib.h>
#include <string.h>

#include "core/tz.h"
#include "domain/community.h"
#include "domain/domain_int.h"
#include "domain/report.h"

int report_can_view(const struct ctx *c, const struct community *cm)
{
    if (c->system || c->is_admin)
        return 1;
    return c->uid != 0 && cm->viewer_role >= ROLE_MODERATOR;
}

int report_parse_day(struct ctx *c, const char *text, const char *field, int64_t *out)
{
    int y, m, d, y2, m2, d2;
    size_t i;
    *out = 0;
    if (!text || !*text)
        return 0;
    if (strlen(text) != 10 || text[4] != '-' || text[7] != '-')
        goto bad;
    for (i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (text[i] < '0' || text[i] > '9'))
            goto bad;
    y = atoi(text);
    m = atoi(text + 5);
    d = atoi(text + 8);
    if (y < 1970 || m < 1 || m > 12 || d < 1 || d > 31)
        goto bad;
    civil_from_days(civil_days(y, m, d), &y2, &m2, &d2);
    if (y2 != y || m2 != m || d2 != d)
        goto bad;
    *out = (int64_t)y * 10000 + m * 100 + d;
    return 0;
bad:
    return error_set(c->err, ERR_INVALID, field, "%s must be a date as YYYY-MM-DD.", field);
}

int report_community(struct ctx *c, const struct community *cm, int64_t from_day, int64_t to_day,
                     struct report *out)
{
    (void)cm;
    (void)from_day;
    (void)to_day;
    memset(out, 0, sizeof(*out));
    return error_set(c->err, ERR_INTERNAL, NULL, "Not implemented yet.");
}

int report_community_months(struct ctx *c, const struct community *cm, int64_t from_day,
                            int64_t to_day, struct report *out)
{
    return report_community(c, cm, from_day, to_day, out);
}

int report_instance(struct ctx *c, int64_t from_day, int64_t to_day,
                    struct report_instance_row **out, size_t *n, struct report_month *sum)
{
    (void)from_day;
    (void)to_day;
    *out = NULL;
    *n = 0;
    memset(sum, 0, sizeof(*sum));
    return error_set(c->err, ERR_INTERNAL, NULL, "Not implemented yet.");
}

int report_rebuild(struct ctx *c, int64_t community_id, int64_t *changed)
{
    (void)community_id;
    *changed = 0;
    return error_set(c->err, ERR_INTERNAL, NULL, "Not implemented yet.");
}
