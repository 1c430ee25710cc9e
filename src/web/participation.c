/* The coordinator page /c/:slug/participation: members per participation level (core,
 * active, peripheral) as of each month's end over the last months, as an inline SVG bar
 * chart and a table, this quarter's movement inward and outward, and who is at which level
 * now. Definitions in docs/participation.md; the rule in domain/participation.c. */
#include <stdio.h>
#include <string.h>

#include "core/html.h"
#include "domain/community.h"
#include "domain/participation.h"
#include "web/participation.h"
#include "web/parts.h"
#include "core/util.h"

static void month_label(char *s, size_t cap, int64_t month)
{
    snprintf(s, cap, "%04d-%02d", (int)(month / 100 % 10000), (int)(month % 100));
}

/* A stacked bar per month (core darkest at the bottom), scaled to the busiest month. */
static void chart(struct req *r, const struct participation_month *pm, int months)
{
    static const char *const fill[PART__MAX] = {"", "#9ecae1", "#4292c6", "#08519c"};
    int64_t max = 1;
    int k, lvl, w = 36, h = 160;
    for (k = 0; k < months; k++) {
        int64_t t = pm[k].count[1] + pm[k].count[2] + pm[k].count[3];
        if (t > max)
            max = t;
    }
    buf_puts(&r->out, "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" "
                      "aria-label=\"Chart\">");
    html_printf(&r->out,
                "<svg class=\"participation-chart\" role=\"img\" width=\"%d\" height=\"%d\" "
                "viewBox=\"0 0 %d %d\" aria-label=\"Members per level per month\">\n",
                months * w, h + 20, months * w, h + 20);
    for (k = 0; k < months; k++) {
        char label[32];
        int y = h;
        for (lvl = PART_CORE; lvl >= PART_PERIPHERAL; lvl--) {
            int bh = (int)(pm[k].count[lvl] * h / max);
            if (!bh)
                continue;
            y -= bh;
            html_printf(&r->out,
                        "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\">"
                        "<title>%s: %lld</title></rect>\n",
                        k * w + 4, y, w - 8, bh, fill[lvl], participation_level_name(lvl),
                        (long long)pm[k].count[lvl]);
        }
        month_label(label, sizeof(label), pm[k].month);
        html_printf(&r->out,
                    "<text x=\"%d\" y=\"%d\" font-size=\"9\" text-anchor=\"middle\">%s</text>\n",
                    k * w + w / 2, h + 14, label + 2);
    }
    buf_puts(&r->out, "</svg></div>\n");
}

int page_community_participation(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct community cm;
    struct participation_month *pm;
    struct participation_row *rows;
    int64_t months, inward, outward;
    size_t n, i;
    int k, lvl, rc = community_get(c, r->params[0], &cm);
    if (rc < 0)
        return rc;
    if (!community_can_edit(c, &cm))
        return error_set(c->err, ERR_PERM, NULL,
                         "Only the community's coordinators see its participation levels.");
    if ((rc = req_query_int(r, "months", 12, 1, PART_MONTHS_MAX, &months)) < 0)
        return rc;
    if ((rc = participation_summary(c, &cm, (int)months, &pm, &inward, &outward)) < 0 ||
        (rc = participation_members(c, &cm, &rows, &n)) < 0)
        return rc;
    page_begin(r, arena_printf(r->arena, "Participation \xE2\x80\x94 %s", cm.name));
    html_printf(&r->out,
                "<header class=\"community-head\"><h1><a href=\"/c/%s\">%s</a></h1>"
                "</header>\n",
                cm.slug, cm.name);
    web_community_nav(r, &cm, "participation");
    html_printf(&r->out,
                "<h2>Participation</h2>\n<p>Levels over the %d days before each month's end "
                "(core: accepted answers, articles, reviews, organising; active: answers, "
                "comments, edits, attending; peripheral: asking, voting, RSVPs). This quarter, "
                "<strong>%lld</strong> moved inward and <strong>%lld</strong> outward.</p>\n",
                PART_WINDOW_DAYS, (long long)inward, (long long)outward);
    chart(r, pm, (int)months);
    buf_puts(&r->out, "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" "
                      "aria-label=\"Members per level per month\">"
                      "<table class=\"participation\"><caption>Members per level</caption>\n"
                      "<thead><tr><th scope=\"col\">Month</th><th scope=\"col\">Core</th>"
                      "<th scope=\"col\">Active</th><th scope=\"col\">Peripheral</th></tr>"
                      "</thead>\n<tbody>\n");
    for (k = (int)months - 1; k >= 0; k--) {
        char label[32];
        month_label(label, sizeof(label), pm[k].month);
        html_printf(&r->out,
                    "<tr><th scope=\"row\">%s</th><td>%lld</td><td>%lld</td><td>%lld</td></tr>\n",
                    label, (long long)pm[k].count[PART_CORE], (long long)pm[k].count[PART_ACTIVE],
                    (long long)pm[k].count[PART_PERIPHERAL]);
    }
    buf_puts(&r->out, "</tbody></table></div>\n");
    for (lvl = PART_CORE; lvl >= PART_PERIPHERAL; lvl--) {
        int any = 0;
        html_printf(&r->out, "<h3>%s now</h3>\n<ul class=\"participation-members\">",
                    lvl == PART_CORE     ? "Core"
                    : lvl == PART_ACTIVE ? "Active"
                                         : "Peripheral");
        for (i = 0; i < n; i++) {
            if (rows[i].level != lvl)
                continue;
            any = 1;
            html_printf(&r->out, "<li><a href=\"/u/%s\">%s</a></li>", rows[i].name,
                        *rows[i].display_name ? rows[i].display_name : rows[i].name);
        }
        if (!any)
            buf_puts(&r->out, "<li>Nobody.</li>");
        buf_puts(&r->out, "</ul>\n");
    }
    page_end(r);
    return 0;
}
