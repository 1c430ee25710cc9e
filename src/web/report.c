/* The community health pages (issue 17; definitions in docs/health.md, numbers from
 * domain/report.c): /c/:slug/health for a community's coordinators and moderators (and
 * administrators) with a date range form, headline numbers, four SVG charts (web/chart.c:
 * questions, answered and solved per month; hours to a first answer, median and p90;
 * members per participation level; newcomers who posted again within 30 and 90 days), the
 * tag table with bus factors, knowledge gaps (tags with few answers, unanswered questions
 * grouped by similarity, searches that found nothing, articles to review, "write this down"
 * suggestions), dormant experts, and links to the CSV downloads of the API; and
 * /admin/health, every community's headline numbers for administrators. */
#include <stdio.h>
#include <string.h>

#include "core/html.h"
#include "core/timeutil.h"
#include "core/tz.h"
#include "domain/community.h"
#include "domain/report.h"
#include "web/chart.h"
#include "web/parts.h"
#include "web/report.h"
#include "core/util.h"

#define HEALTH_DEFAULT_MONTHS 12 /* the default range: this month and the 11 before */
#define HEALTH_TAGS_SHOWN     25 /* rows of the tag table on the page (all in the CSV) */

/* "2016-03" of YYYYMM (arena). */
static const char *month_label(struct req *r, int64_t month)
{
    return arena_printf(r->arena, "%04d-%02d", (int)(month / 100), (int)(month % 100));
}

/* "2016-03-01" of YYYYMMDD into s. */
static void day_label(char *s, size_t cap, int64_t day)
{
    snprintf(s, cap, "%04d-%02d-%02d", (int)(day / 10000), (int)(day / 100 % 100),
             (int)(day % 100));
}

/* The default range: the first day of the month HEALTH_DEFAULT_MONTHS - 1 months before
   today's, to today (UTC). */
static void default_range(int64_t now, int64_t *from, int64_t *to)
{
    int y, m, d, k;
    civil_from_days(now / 86400, &y, &m, &d);
    *to = (int64_t)y * 10000 + m * 100 + d;
    k = y * 12 + (m - 1) - (HEALTH_DEFAULT_MONTHS - 1);
    *from = (int64_t)(k / 12) * 10000 + (k % 12 + 1) * 100 + 1;
}

static double share(int64_t part, int64_t whole)
{
    return whole > 0 ? 100.0 * (double)part / (double)whole : CHART_NONE;
}

/* A percentage cell ("—" without a base). */
static void pct_cell(struct req *r, double pct)
{
    if (pct != pct)
        buf_puts(&r->out, "<td class=\"num\">\xE2\x80\x94</td>");
    else
        buf_printf(&r->out, "<td class=\"num\">%.0f%%</td>", pct);
}

static void hours_cell(struct req *r, int has, double h)
{
    if (!has)
        buf_puts(&r->out, "<td class=\"num\">\xE2\x80\x94</td>");
    else
        buf_printf(&r->out, "<td class=\"num\">%.1f</td>", h);
}

static void csv_link(struct req *r, const char *slug, const char *table, const char *q)
{
    html_printf(&r->out,
                "<p class=\"health-csv\"><a href=\"/api/v1/communities/%s/health/%s.csv%s\" "
                "download>Download this table as CSV</a></p>\n",
                slug, table, q);
}

/* The headline: questions, answer and solve rates, median first answer, reciprocity. */
static void headline(struct req *r, const struct report *rp)
{
    const struct report_month *t = &rp->total;
    double a = share(t->answered, t->questions), s = share(t->solved, t->questions);
    buf_puts(&r->out, "<ul class=\"health-headline\">");
    html_printf(&r->out, "<li><strong>%lld</strong><span>questions</span></li>",
                (long long)t->questions);
    if (a == a)
        buf_printf(&r->out, "<li><strong>%.0f%%</strong><span>answered</span></li>", a);
    if (s == s)
        buf_printf(&r->out, "<li><strong>%.0f%%</strong><span>solved</span></li>", s);
    if (t->has_first_answer)
        buf_printf(&r->out,
                   "<li><strong>%.1f h</strong><span>median time to a first answer</span></li>",
                   t->first_answer_median_h);
    if (rp->reciprocity.askers)
        buf_printf(&r->out,
                   "<li><strong>%.0f%%</strong><span>of askers also answered someone</span></li>",
                   100.0 * rp->reciprocity.share);
    buf_puts(&r->out, "</ul>\n");
}

static void charts(struct req *r, const struct report *rp)
{
    size_t n = rp->nmonths, i, np = rp->nparticipation;
    const char **labels = ARENA_ARRAY(r->arena, const char *, n ? n : 1);
    const char **plabels = ARENA_ARRAY(r->arena, const char *, np ? np : 1);
    double *q = ARENA_ARRAY(r->arena, double, n ? n : 1),
           *an = ARENA_ARRAY(r->arena, double, n ? n : 1),
           *so = ARENA_ARRAY(r->arena, double, n ? n : 1),
           *med = ARENA_ARRAY(r->arena, double, n ? n : 1),
           *p90 = ARENA_ARRAY(r->arena, double, n ? n : 1),
           *r30 = ARENA_ARRAY(r->arena, double, n ? n : 1),
           *r90 = ARENA_ARRAY(r->arena, double, n ? n : 1),
           *core = ARENA_ARRAY(r->arena, double, np ? np : 1),
           *act = ARENA_ARRAY(r->arena, double, np ? np : 1),
           *per = ARENA_ARRAY(r->arena, double, np ? np : 1);
    for (i = 0; i < n; i++) {
        const struct report_month *m = &rp->months[i];
        labels[i] = month_label(r, m->month);
        q[i] = (double)m->questions;
        an[i] = (double)m->answered;
        so[i] = (double)m->solved;
        med[i] = m->has_first_answer ? m->first_answer_median_h : CHART_NONE;
        p90[i] = m->has_first_answer ? m->first_answer_p90_h : CHART_NONE;
        r30[i] = r90[i] = CHART_NONE;
    }
    for (i = 0; i < rp->nretention && i < n; i++) {
        const struct report_retention *t = &rp->retention[i];
        /* a month whose windows have not ended yet is not a number to draw */
        r30[i] = t->newcomers && t->complete_30 ? 100.0 * t->share_30 : CHART_NONE;
        r90[i] = t->newcomers && t->complete_90 ? 100.0 * t->share_90 : CHART_NONE;
    }
    for (i = 0; i < np; i++) {
        plabels[i] = month_label(r, rp->participation[i].month);
        per[i] = (double)rp->participation[i].count[PART_PERIPHERAL];
        act[i] = (double)rp->participation[i].count[PART_ACTIVE];
        core[i] = (double)rp->participation[i].count[PART_CORE];
    }
    {
        struct chart_series s1[] = {{"Questions", q}, {"Answered", an}, {"Solved", so}};
        struct chart_series s2[] = {{"Median", med}, {"90th percentile", p90}};
        struct chart_series s3[] = {{"Peripheral", per}, {"Active", act}, {"Core", core}};
        struct chart_series s4[] = {{"Within 30 days", r30}, {"Within 90 days", r90}};
        struct chart ch[] = {
            {.kind = CHART_BARS,
             .id = "chart-questions",
             .title = "Questions, answered and solved per month",
             .labels = labels,
             .n = n,
             .series = s1,
             .nseries = 3,
             .axis_label = "questions"},
            {.kind = CHART_LINE,
             .id = "chart-first-answer",
             .title = "Hours to a first answer (questions asked that month)",
             .unit = " h",
             .labels = labels,
             .n = n,
             .series = s2,
             .nseries = 2,
             .decimals = 1,
             .axis_label = "hours (log scale)",
             .log = 1},
            {.kind = CHART_STACKED,
             .id = "chart-participation",
             .title = "Members per participation level at each month's end",
             .labels = plabels,
             .n = np,
             .series = s3,
             .nseries = 3,
             .axis_label = "members"},
            {.kind = CHART_LINE,
             .id = "chart-retention",
             .title = "Newcomers who posted again",
             .unit = "%",
             .labels = labels,
             .n = n,
             .series = s4,
             .nseries = 2,
             .percent = 1,
             .axis_label = "% of newcomers"},
        };
        buf_puts(&r->out, "<div class=\"charts\">\n");
        for (i = 0; i < ARRAY_SIZE(ch); i++)
            chart_render(&r->out, &ch[i]);
        buf_puts(&r->out, "</div>\n");
    }
}

static void tags_table(struct req *r, const struct community *cm, const struct report_tag *t,
                       size_t n, const char *caption, const char *id)
{
    size_t i;
    html_printf(&r->out,
                "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" "
                "aria-labelledby=\"%s\"><table class=\"health\"><caption id=\"%s\">%s</caption>\n"
                "<thead><tr><th scope=\"col\">Tag</th><th scope=\"col\">Questions</th>"
                "<th scope=\"col\">Answered</th><th scope=\"col\">Solved</th>"
                "<th scope=\"col\">Median hours to a first answer</th>"
                "<th scope=\"col\">Open unanswered</th><th scope=\"col\">Bus factor</th>"
                "</tr></thead>\n<tbody>\n",
                id, id, caption);
    if (!n)
        buf_puts(&r->out, "<tr><td colspan=\"7\">None in this range.</td></tr>\n");
    for (i = 0; i < n && i < HEALTH_TAGS_SHOWN; i++) {
        buf_puts(&r->out, "<tr><th scope=\"row\">");
        web_tag_link(r, cm->slug, t[i].tag, -1, NULL);
        html_printf(&r->out, "</th><td class=\"num\">%lld</td>", (long long)t[i].questions);
        pct_cell(r, t[i].questions ? 100.0 * t[i].answer_rate : CHART_NONE);
        pct_cell(r, t[i].questions ? 100.0 * t[i].solved_rate : CHART_NONE);
        hours_cell(r, t[i].has_median, t[i].first_answer_median_h);
        html_printf(&r->out, "<td class=\"num\">%lld</td>", (long long)t[i].open_unanswered);
        if (t[i].accepted)
            html_printf(&r->out,
                        "<td class=\"num\"><abbr title=\"members who wrote half of its %lld "
                        "accepted answers\">%d</abbr></td>",
                        (long long)t[i].accepted, t[i].bus_factor);
        else
            buf_puts(&r->out, "<td class=\"num\">\xE2\x80\x94</td>");
        buf_puts(&r->out, "</tr>\n");
    }
    buf_puts(&r->out, "</tbody></table></div>\n");
    if (n > HEALTH_TAGS_SHOWN)
        html_printf(&r->out,
                    "<p>The %d with the most questions are shown; the CSV has all %zu.</p>\n",
                    HEALTH_TAGS_SHOWN, n);
}

static void thread_link(struct req *r, const struct community *cm, const struct report_question *q)
{
    html_printf(&r->out, "<a href=\"/c/%s/t/%lld\">%s</a>", cm->slug, (long long)q->thread_id,
                q->title);
}

static void gaps(struct req *r, const struct community *cm, const struct report_gaps *g,
                 const char *q)
{
    size_t i, k;
    buf_puts(&r->out,
             "<section aria-labelledby=\"gaps-h\">\n<h2 id=\"gaps-h\">Knowledge gaps</h2>\n");
    html_printf(&r->out,
                "<h3 id=\"gap-tags-h\">Tags with many questions and few answers</h3>\n"
                "<p>At least %d questions and fewer than %d%% of them answered.</p>\n",
                REPORT_GAP_MIN_Q, (int)(REPORT_GAP_MAX_RATE * 100));
    tags_table(r, cm, g->tags, g->ntags, "Tags with few answers", "gap-tags-c");
    csv_link(r, cm->slug, "gap_tags", q);

    buf_puts(&r->out, "<h3>Unanswered questions, grouped by similarity</h3>\n");
    if (!g->nunanswered)
        buf_puts(&r->out, "<p>No unanswered questions in this range.</p>\n");
    else
        buf_puts(&r->out, "<ol class=\"health-clusters\">\n");
    for (i = 0; i < g->nunanswered; i++) {
        const struct report_cluster *cl = &g->unanswered[i];
        if (!cl->n)
            continue;
        buf_puts(&r->out, "<li>");
        thread_link(r, cm, &cl->items[0]);
        if (cl->n > 1) {
            html_printf(&r->out, " and %zu similar:<ul>", cl->n - 1);
            for (k = 1; k < cl->n; k++) {
                buf_puts(&r->out, "<li>");
                thread_link(r, cm, &cl->items[k]);
                buf_puts(&r->out, "</li>");
            }
            buf_puts(&r->out, "</ul>");
        }
        buf_puts(&r->out, "</li>\n");
    }
    if (g->nunanswered) {
        buf_puts(&r->out, "</ol>\n");
        csv_link(r, cm->slug, "unanswered", q);
    }

    buf_puts(&r->out, "<h3 id=\"misses-h\">Searches that found nothing</h3>\n");
    if (!g->nmisses) {
        buf_puts(&r->out, "<p>None logged.</p>\n");
    } else {
        buf_puts(&r->out, "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" "
                          "aria-labelledby=\"misses-c\"><table class=\"health\">"
                          "<caption id=\"misses-c\">Zero-result searches by query</caption>\n"
                          "<thead><tr><th scope=\"col\">Query</th><th scope=\"col\">Times</th>"
                          "<th scope=\"col\">Last</th></tr></thead>\n<tbody>\n");
        for (i = 0; i < g->nmisses; i++) {
            buf_puts(&r->out, "<tr><th scope=\"row\"><a href=\"/search?in=");
            url_encode(&r->out, cm->slug);
            buf_puts(&r->out, "&amp;q=");
            url_encode(&r->out, g->misses[i].query);
            html_printf(&r->out, "\">%s</a></th><td class=\"num\">%lld</td><td>",
                        g->misses[i].query, (long long)g->misses[i].count);
            page_time(r, g->misses[i].last_at);
            buf_puts(&r->out, "</td></tr>\n");
        }
        buf_puts(&r->out, "</tbody></table></div>\n");
        csv_link(r, cm->slug, "zero_result_searches", q);
    }

    buf_puts(&r->out, "<h3>Articles to review</h3>\n");
    if (!g->narticles) {
        buf_puts(&r->out, "<p>No article is due, overdue or flagged outdated.</p>\n");
    } else {
        buf_puts(&r->out, "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" "
                          "aria-labelledby=\"articles-c\"><table class=\"health\">"
                          "<caption id=\"articles-c\">Articles due, overdue or outdated</caption>\n"
                          "<thead><tr><th scope=\"col\">Article</th><th scope=\"col\">State</th>"
                          "<th scope=\"col\">Review by</th><th scope=\"col\">Readers who "
                          "said outdated</th></tr></thead>\n<tbody>\n");
        for (i = 0; i < g->narticles; i++) {
            const struct report_article *a = &g->articles[i];
            html_printf(&r->out,
                        "<tr><th scope=\"row\"><a href=\"/c/%s/a/%s\">%s</a></th><td>%s</td><td>",
                        cm->slug, a->slug, a->title,
                        a->state == REPORT_ART_OVERDUE    ? "Overdue"
                        : a->state == REPORT_ART_OUTDATED ? "Outdated"
                                                          : "Due soon");
            if (a->review_by) {
                char iso[32];
                time_iso(a->review_by, iso);
                iso[10] = '\0';
                html_printf(&r->out, "<time datetime=\"%s\">%s</time>", iso, iso);
            } else {
                buf_puts(&r->out, "\xE2\x80\x94");
            }
            html_printf(&r->out, "</td><td class=\"num\">%lld</td></tr>\n",
                        (long long)a->outdated_count);
        }
        buf_puts(&r->out, "</tbody></table></div>\n");
        csv_link(r, cm->slug, "articles", q);
    }

    buf_puts(&r->out, "<h3>Write this down</h3>\n");
    if (!g->nwrite) {
        html_printf(&r->out,
                    "<p>No tag has %d or more solved threads that no article covers.</p>\n",
                    REPORT_WRITE_MIN);
    } else {
        buf_puts(&r->out, "<p>Tags whose solved threads no article covers yet: an article "
                          "would keep the answers findable.</p>\n<ul class=\"health-write\">\n");
        for (i = 0; i < g->nwrite; i++) {
            const struct report_suggestion *s = &g->write[i];
            buf_puts(&r->out, "<li>");
            web_tag_link(r, cm->slug, s->tag, -1, NULL);
            html_printf(&r->out, ": %lld solved threads", (long long)s->solved_uncovered);
            if (s->nthreads) {
                buf_puts(&r->out, ", such as<ul>");
                for (k = 0; k < s->nthreads; k++) {
                    buf_puts(&r->out, "<li>");
                    thread_link(r, cm, &s->threads[k]);
                    buf_puts(&r->out, "</li>");
                }
                buf_puts(&r->out, "</ul>");
            }
            buf_puts(&r->out, "</li>\n");
        }
        buf_puts(&r->out, "</ul>\n");
        csv_link(r, cm->slug, "write_this_down", q);
    }
    buf_puts(&r->out, "</section>\n");
}

static void dormant(struct req *r, const struct community *cm, const struct report *rp,
                    const char *q)
{
    size_t i;
    html_printf(&r->out,
                "<section aria-labelledby=\"dormant-h\">\n<h2 id=\"dormant-h\">Dormant "
                "experts</h2>\n<p>Members in the top %d of who knows a tag who have not posted, "
                "commented or edited an article here for %d days.</p>\n",
                REPORT_DORMANT_TOP, REPORT_DORMANT_DAYS);
    if (!rp->ndormant) {
        buf_puts(&r->out, "<p>Nobody.</p>\n</section>\n");
        return;
    }
    buf_puts(&r->out, "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" "
                      "aria-labelledby=\"dormant-c\"><table class=\"health\">"
                      "<caption id=\"dormant-c\">Experts gone quiet, by tag</caption>\n"
                      "<thead><tr><th scope=\"col\">Member</th><th scope=\"col\">Tag</th>"
                      "<th scope=\"col\">Rank</th><th scope=\"col\">Last active</th></tr>"
                      "</thead>\n<tbody>\n");
    for (i = 0; i < rp->ndormant; i++) {
        const struct report_dormant *d = &rp->dormant[i];
        buf_puts(&r->out, "<tr><th scope=\"row\">");
        web_author_link(r, d->name, d->display_name);
        buf_puts(&r->out, "</th><td>");
        web_tag_link(r, cm->slug, d->tag, -1, NULL);
        html_printf(&r->out, "</td><td class=\"num\">%d</td><td>", d->rank);
        if (d->last_activity)
            page_time(r, d->last_activity);
        else
            buf_puts(&r->out, "never");
        buf_puts(&r->out, "</td></tr>\n");
    }
    buf_puts(&r->out, "</tbody></table></div>\n");
    csv_link(r, cm->slug, "dormant_experts", q);
    buf_puts(&r->out, "</section>\n");
}

/* The range form; from/to are what to show in the fields. */
static void range_form(struct req *r, const char *action, const char *from, const char *to)
{
    html_printf(&r->out, "<form class=\"health-range\" method=\"get\" action=\"%s\">\n", action);
    form_field(r, "date", "from", "From", from, NULL, NULL);
    form_field(r, "date", "to", "To (inclusive)", to, NULL, NULL);
    buf_puts(&r->out, "<button type=\"submit\" class=\"button button-secondary\">Show</button>"
                      "</form>\n");
}

/* Read ?from= and ?to= (defaults: the last HEALTH_DEFAULT_MONTHS months); a bad date is
   noted as a field error (the page shows the form with it). Returns 0 or ERR_INVALID. */
static int read_range(struct req *r, int64_t *from, int64_t *to, const char **from_s,
                      const char **to_s)
{
    struct ctx *c = app_ctx(r);
    const char *f = req_query(r, "from"), *t = req_query(r, "to");
    int rc = 0, k;
    char s[32];
    default_range(c->now, from, to);
    if (f && *f) {
        struct errinfo e = {0};
        struct errinfo *saved = c->err;
        c->err = &e;
        k = report_parse_day(c, f, "from", from);
        c->err = saved;
        if (k < 0)
            rc = form_error_note(r, k, &e);
    }
    if (t && *t) {
        struct errinfo e = {0};
        struct errinfo *saved = c->err;
        c->err = &e;
        k = report_parse_day(c, t, "to", to);
        c->err = saved;
        if (k < 0)
            rc = form_error_note(r, k, &e);
    }
    day_label(s, sizeof(s), *from);
    *from_s = f && *f ? f : arena_strdup(r->arena, s);
    day_label(s, sizeof(s), *to);
    *to_s = t && *t ? t : arena_strdup(r->arena, s);
    return rc;
}

int page_community_health(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct community cm;
    struct report rp;
    int64_t from, to;
    const char *from_s, *to_s, *q;
    char a[32], z[32];
    int rc = community_get(c, r->params[0], &cm);
    if (rc < 0)
        return rc;
    if (!report_can_view(c, &cm))
        return error_set(c->err, ERR_PERM, NULL,
                         "Only the community's coordinators and moderators see its health.");
    rc = read_range(r, &from, &to, &from_s, &to_s);
    if (rc == 0)
        rc = report_community(c, &cm, from, to, &rp);
    if (rc < 0 && !web_form_error(rc))
        return rc;
    page_begin(r, arena_printf(r->arena, "Health \xE2\x80\x94 %s", cm.name));
    html_printf(&r->out,
                "<header class=\"community-head\"><h1><a href=\"/c/%s\">%s</a></h1>"
                "</header>\n",
                cm.slug, cm.name);
    web_community_nav(r, &cm, "health");
    buf_puts(&r->out, "<h2>Community health</h2>\n");
    if (rc < 0) {
        r->status = web_form_status(rc);
        form_error_summary(r);
        range_form(r, arena_printf(r->arena, "/c/%s/health", cm.slug), from_s, to_s);
        page_end(r);
        return 0;
    }
    day_label(a, sizeof(a), rp.from_day);
    day_label(z, sizeof(z), rp.to_day);
    q = arena_printf(r->arena, "?from=%s&to=%s", a, z); /* escaped where printed */
    html_printf(&r->out,
                "<p>Questions asked from <strong>%s</strong> to <strong>%s</strong> (UTC), and "
                "what happened to them. Only coordinators, moderators and administrators see "
                "this page.</p>\n",
                a, z);
    range_form(r, arena_printf(r->arena, "/c/%s/health", cm.slug), a, z);
    headline(r, &rp);
    charts(r, &rp);
    html_printf(&r->out,
                "<p class=\"health-csv\">Download as CSV: "
                "<a href=\"/api/v1/communities/%s/health/months.csv%s\" download>months</a>, "
                "<a href=\"/api/v1/communities/%s/health/retention.csv%s\" download>newcomers "
                "and retention</a>, "
                "<a href=\"/api/v1/communities/%s/health/participation.csv%s\" "
                "download>participation</a>, "
                "<a href=\"/api/v1/communities/%s/health/reciprocity.csv%s\" "
                "download>reciprocity</a>.</p>\n",
                cm.slug, q, cm.slug, q, cm.slug, q, cm.slug, q);
    html_printf(&r->out,
                "<section aria-labelledby=\"tags-h\">\n<h2 id=\"tags-h\">Tags</h2>\n"
                "<p>The bus factor of a tag is the smallest number of members who wrote "
                "at least half of its accepted answers: 1 means one person carries it.</p>\n");
    tags_table(r, &cm, rp.tags, rp.ntags, "Questions per tag", "tags-c");
    csv_link(r, cm.slug, "tags", q);
    buf_puts(&r->out, "</section>\n");
    gaps(r, &cm, &rp.gaps, q);
    dormant(r, &cm, &rp, q);
    page_end(r);
    return 0;
}

int page_admin_health(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct report_instance_row *rows;
    struct report_month sum;
    int64_t from, to;
    const char *from_s, *to_s;
    size_t n = 0, i;
    int rc = read_range(r, &from, &to, &from_s, &to_s);
    if (rc == 0)
        rc = report_instance(c, from, to, &rows, &n, &sum);
    if (rc < 0 && !web_form_error(rc))
        return rc;
    page_begin(r, "Community health");
    buf_puts(&r->out, "<h1>Administration</h1>\n");
    web_admin_nav(r, "/admin/health");
    buf_puts(&r->out, "<h2>Community health</h2>\n");
    if (rc < 0) {
        r->status = web_form_status(rc);
        form_error_summary(r);
        range_form(r, "/admin/health", from_s, to_s);
        page_end(r);
        return 0;
    }
    html_printf(&r->out,
                "<p>Questions asked from <strong>%s</strong> to <strong>%s</strong> (UTC) in "
                "every community, private ones included.</p>\n",
                from_s, to_s);
    range_form(r, "/admin/health", from_s, to_s);
    buf_puts(&r->out, "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" "
                      "aria-labelledby=\"inst-c\"><table class=\"health\">"
                      "<caption id=\"inst-c\">Communities by questions asked</caption>\n"
                      "<thead><tr><th scope=\"col\">Community</th><th scope=\"col\">Questions</th>"
                      "<th scope=\"col\">Answered</th><th scope=\"col\">Solved</th>"
                      "<th scope=\"col\">Median hours to a first answer</th>"
                      "<th scope=\"col\">Members</th><th scope=\"col\">Active members</th>"
                      "</tr></thead>\n<tbody>\n");
    for (i = 0; i < n; i++) {
        const struct report_instance_row *w = &rows[i];
        html_printf(&r->out,
                    "<tr><th scope=\"row\"><a href=\"/c/%s/health?from=%s&amp;to=%s\">%s</a>",
                    w->cm.slug, from_s, to_s, w->cm.name);
        if (w->cm.visibility == COMMUNITY_PRIVATE)
            buf_puts(&r->out, " <span class=\"badge\">Private</span>");
        html_printf(&r->out, "</th><td class=\"num\">%lld</td>", (long long)w->total.questions);
        pct_cell(r, share(w->total.answered, w->total.questions));
        pct_cell(r, share(w->total.solved, w->total.questions));
        hours_cell(r, w->total.has_first_answer, w->total.first_answer_median_h);
        html_printf(&r->out, "<td class=\"num\">%lld</td><td class=\"num\">%lld</td></tr>\n",
                    (long long)w->members, (long long)w->active_members);
    }
    if (!n)
        buf_puts(&r->out, "<tr><td colspan=\"7\">No communities.</td></tr>\n");
    html_printf(&r->out, "</tbody><tfoot><tr><th scope=\"row\">All</th><td class=\"num\">%lld</td>",
                (long long)sum.questions);
    pct_cell(r, share(sum.answered, sum.questions));
    pct_cell(r, share(sum.solved, sum.questions));
    hours_cell(r, sum.has_first_answer, sum.first_answer_median_h);
    buf_puts(&r->out, "<td></td><td></td></tr></tfoot></table></div>\n");
    page_end(r);
    return 0;
}
