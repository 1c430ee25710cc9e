/* The participation part of a member's profile: for each community whose history the viewer
 * may see (the member themselves, its coordinators), the member's level at the end of each
 * of the last 12 months (the current month as of now), as a small table. Shared by the
 * profile page (web/account.c). See docs/participation.md. */
#include <stdio.h>
#include <string.h>

#include "core/html.h"
#include "domain/account.h"
#include "domain/participation.h"
#include "web/parts.h"
#include "core/util.h"

#define PROFILE_MONTHS 12

void web_participation_profile(struct req *r, const struct user *u)
{
    static const char *const mark[PART__MAX] = {"\xC2\xB7", "P", "A", "C"};
    struct ctx *c = app_ctx(r);
    struct participation_profile *p;
    int64_t month, months[PROFILE_MONTHS];
    size_t n, i;
    int k;
    if (participation_profile(c, u->id, PROFILE_MONTHS, &p, &n) < 0 || !n)
        return; /* a storage error leaves the part out; the profile still renders */
    month = participation_month_of(c->now);
    for (k = PROFILE_MONTHS - 1; k >= 0; k--) {
        months[k] = month;
        month = participation_month_prev(month);
    }
    buf_puts(&r->out, "<section class=\"participation-profile\" aria-labelledby=\"part-h\">\n"
                      "<h2 id=\"part-h\">Participation</h2>\n<div class=\"table-scroll\">"
                      "<table class=\"participation\">"
                      "<caption>Level at each month's end (C core, A active, P peripheral, "
                      "\xC2\xB7 none)</caption>\n<thead><tr><th scope=\"col\">Community</th>");
    for (k = 0; k < PROFILE_MONTHS; k++) {
        char label[32];
        snprintf(label, sizeof(label), "%04d-%02d", (int)(months[k] / 100 % 10000),
                 (int)(months[k] % 100));
        html_printf(&r->out, "<th scope=\"col\"><abbr title=\"%s\">%s</abbr></th>", label,
                    label + 5);
    }
    buf_puts(&r->out, "</tr></thead>\n<tbody>\n");
    for (i = 0; i < n; i++) {
        html_printf(&r->out, "<tr><th scope=\"row\"><a href=\"/c/%s\">%s</a></th>", p[i].cm.slug,
                    p[i].cm.name);
        for (k = 0; k < PROFILE_MONTHS; k++)
            html_printf(&r->out, "<td><abbr title=\"%s\">%s</abbr></td>",
                        participation_level_name(p[i].levels[k]), mark[p[i].levels[k]]);
        buf_puts(&r->out, "</tr>\n");
    }
    buf_puts(&r->out, "</tbody></table></div>\n</section>\n");
}
