/* JSON and CSV API for community health reports (domain/report.h, docs/health.md):
 *   GET /api/v1/communities/:slug/health?from=YYYY-MM-DD&to=YYYY-MM-DD   the whole report
 *   GET /api/v1/communities/:slug/health/TABLE.csv?from=&to=              one table as CSV
 *   GET /api/v1/health?from=&to=                                          the instance report
 * Coordinators and moderators of the community and administrators; members get 403,
 * outsiders of a private community 404 (community_get). Documented in docs/api.md. */
#include <stdio.h>
#include <string.h>

#include "api/api.h"
#include "core/buf.h"
#include "domain/community.h"
#include "domain/report.h"

static const char *month_text(struct arena *a, int64_t month)
{
    return arena_printf(a, "%04d-%02d", (int)(month / 100 % 10000), (int)(month % 100));
}

static const char *day_text(struct arena *a, int64_t ymd)
{
    return arena_printf(a, "%04d-%02d-%02d", (int)(ymd / 10000), (int)(ymd / 100 % 100),
                        (int)(ymd % 100));
}

static json_t *real_or_null(int has, double v)
{
    return has ? json_real(v) : json_null();
}

static int range_args(struct req *r, struct ctx *c, int64_t *from, int64_t *to)
{
    int rc;
    if ((rc = report_parse_day(c, req_query(r, "from"), "from", from)) < 0 ||
        (rc = report_parse_day(c, req_query(r, "to"), "to", to)) < 0)
        return rc;
    return 0;
}

static json_t *month_json(struct arena *a, const struct report_month *m)
{
    json_t *x = json_object();
    if (m->month)
        json_object_set_new(x, "month", json_string(month_text(a, m->month)));
    json_object_set_new(x, "questions", json_integer(m->questions));
    json_object_set_new(x, "answered", json_integer(m->answered));
    json_object_set_new(x, "solved", json_integer(m->solved));
    json_object_set_new(x, "first_answer_median_h",
                        real_or_null(m->has_first_answer, m->first_answer_median_h));
    json_object_set_new(x, "first_answer_p90_h",
                        real_or_null(m->has_first_answer, m->first_answer_p90_h));
    return x;
}

static json_t *tag_json(const struct report_tag *t)
{
    json_t *x = json_object();
    json_object_set_new(x, "tag", json_string(t->tag));
    json_object_set_new(x, "questions", json_integer(t->questions));
    json_object_set_new(x, "answered", json_integer(t->answered));
    json_object_set_new(x, "solved", json_integer(t->solved));
    json_object_set_new(x, "open_unanswered", json_integer(t->open_unanswered));
    json_object_set_new(x, "answer_rate", json_real(t->answer_rate));
    json_object_set_new(x, "solved_rate", json_real(t->solved_rate));
    json_object_set_new(x, "first_answer_median_h",
                        real_or_null(t->has_median, t->first_answer_median_h));
    json_object_set_new(x, "accepted", json_integer(t->accepted));
    json_object_set_new(x, "bus_factor", json_integer(t->bus_factor));
    return x;
}

static json_t *question_json(struct req *r, const struct community *cm,
                             const struct report_question *q)
{
    json_t *x = json_object();
    json_object_set_new(x, "id", json_integer(q->thread_id));
    json_object_set_new(x, "title", json_string(q->title));
    json_object_set_new(x, "created_at", api_time(q->created_at));
    json_object_set_new(
        x, "url",
        json_string(arena_printf(r->arena, "/c/%s/t/%lld", cm->slug, (long long)q->thread_id)));
    return x;
}

static const char *art_state(enum report_article_state s)
{
    return s == REPORT_ART_OVERDUE ? "overdue" : s == REPORT_ART_OUTDATED ? "outdated" : "due";
}

static json_t *report_json(struct req *r, const struct report *rp)
{
    struct arena *a = r->arena;
    const struct community *cm = &rp->cm;
    json_t *o = json_object(), *arr, *bus, *g;
    size_t i, k;
    int lvl;
    json_object_set_new(o, "community", json_string(cm->slug));
    json_object_set_new(o, "from", json_string(day_text(a, rp->from_day)));
    json_object_set_new(o, "to", json_string(day_text(a, rp->to_day)));
    json_object_set_new(o, "total", month_json(a, &rp->total));
    arr = json_array();
    for (i = 0; i < rp->nmonths; i++)
        json_array_append_new(arr, month_json(a, &rp->months[i]));
    json_object_set_new(o, "months", arr);
    arr = json_array();
    bus = json_object();
    for (i = 0; i < rp->ntags; i++) {
        json_array_append_new(arr, tag_json(&rp->tags[i]));
        json_object_set_new(bus, rp->tags[i].tag, json_integer(rp->tags[i].bus_factor));
    }
    json_object_set_new(o, "tags", arr);
    json_object_set_new(o, "bus_factor", bus);
    arr = json_array();
    for (i = 0; i < rp->nretention; i++) {
        const struct report_retention *t = &rp->retention[i];
        json_t *x = json_object();
        json_object_set_new(x, "month", json_string(month_text(a, t->month)));
        json_object_set_new(x, "newcomers", json_integer(t->newcomers));
        json_object_set_new(x, "again_30", json_integer(t->again_30));
        json_object_set_new(x, "again_90", json_integer(t->again_90));
        json_object_set_new(x, "share_30", json_real(t->share_30));
        json_object_set_new(x, "share_90", json_real(t->share_90));
        json_object_set_new(x, "complete_30", json_boolean(t->complete_30));
        json_object_set_new(x, "complete_90", json_boolean(t->complete_90));
        json_array_append_new(arr, x);
    }
    json_object_set_new(o, "retention", arr);
    {
        json_t *x = json_object();
        json_object_set_new(x, "askers", json_integer(rp->reciprocity.askers));
        json_object_set_new(x, "also_answered", json_integer(rp->reciprocity.also_answered));
        json_object_set_new(x, "share", json_real(rp->reciprocity.share));
        json_object_set_new(o, "reciprocity", x);
    }
    arr = json_array();
    for (i = 0; i < rp->ndormant; i++) {
        const struct report_dormant *d = &rp->dormant[i];
        json_t *x = json_object();
        json_object_set_new(x, "user", json_string(d->name ? d->name : ""));
        json_object_set_new(x, "display_name", json_string(d->display_name ? d->display_name : ""));
        json_object_set_new(x, "tag", json_string(d->tag));
        json_object_set_new(x, "rank", json_integer(d->rank));
        json_object_set_new(x, "last_activity", api_time(d->last_activity));
        json_array_append_new(arr, x);
    }
    json_object_set_new(o, "dormant_experts", arr);
    g = json_object();
    arr = json_array();
    for (i = 0; i < rp->gaps.ntags; i++)
        json_array_append_new(arr, tag_json(&rp->gaps.tags[i]));
    json_object_set_new(g, "tags", arr);
    arr = json_array();
    for (i = 0; i < rp->gaps.nunanswered; i++) {
        const struct report_cluster *cl = &rp->gaps.unanswered[i];
        json_t *x = json_object(), *qs = json_array();
        for (k = 0; k < cl->n; k++)
            json_array_append_new(qs, question_json(r, cm, &cl->items[k]));
        json_object_set_new(x, "size", json_integer((json_int_t)cl->n));
        json_object_set_new(x, "questions", qs);
        json_array_append_new(arr, x);
    }
    json_object_set_new(g, "unanswered", arr);
    arr = json_array();
    for (i = 0; i < rp->gaps.nmisses; i++) {
        json_t *x = json_object();
        json_object_set_new(x, "query", json_string(rp->gaps.misses[i].query));
        json_object_set_new(x, "count", json_integer(rp->gaps.misses[i].count));
        json_object_set_new(x, "last_at", api_time(rp->gaps.misses[i].last_at));
        json_array_append_new(arr, x);
    }
    json_object_set_new(g, "zero_result_searches", arr);
    arr = json_array();
    for (i = 0; i < rp->gaps.narticles; i++) {
        const struct report_article *ar = &rp->gaps.articles[i];
        json_t *x = json_object();
        json_object_set_new(x, "slug", json_string(ar->slug));
        json_object_set_new(x, "title", json_string(ar->title));
        json_object_set_new(x, "state", json_string(art_state(ar->state)));
        json_object_set_new(x, "review_by", api_time(ar->review_by));
        json_object_set_new(x, "outdated_count", json_integer(ar->outdated_count));
        json_array_append_new(arr, x);
    }
    json_object_set_new(g, "articles", arr);
    arr = json_array();
    for (i = 0; i < rp->gaps.nwrite; i++) {
        const struct report_suggestion *s = &rp->gaps.write[i];
        json_t *x = json_object(), *qs = json_array();
        for (k = 0; k < s->nthreads; k++)
            json_array_append_new(qs, question_json(r, cm, &s->threads[k]));
        json_object_set_new(x, "tag", json_string(s->tag));
        json_object_set_new(x, "solved_uncovered", json_integer(s->solved_uncovered));
        json_object_set_new(x, "threads", qs);
        json_array_append_new(arr, x);
    }
    json_object_set_new(g, "write_this_down", arr);
    json_object_set_new(o, "gaps", g);
    arr = json_array();
    for (i = 0; i < rp->nparticipation; i++) {
        json_t *x = json_object();
        json_object_set_new(x, "month", json_string(month_text(a, rp->participation[i].month)));
        for (lvl = PART_PERIPHERAL; lvl < PART__MAX; lvl++)
            json_object_set_new(x, participation_level_name(lvl),
                                json_integer(rp->participation[i].count[lvl]));
        json_array_append_new(arr, x);
    }
    json_object_set_new(o, "participation", arr);
    return o;
}

/* APIPAGE: GET /api/v1/communities/:slug/health?from=&to= -> the report (docs/api.md) */
int api_community_health(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct community cm;
    struct report rp;
    int64_t from, to;
    int rc;
    if ((rc = community_get(c, r->params[0], &cm)) < 0 || (rc = range_args(r, c, &from, &to)) < 0 ||
        (rc = report_community(c, &cm, from, to, &rp)) < 0)
        return rc;
    return api_send(r, 200, report_json(r, &rp));
}

/* --- CSV ------------------------------------------------------------------------------- */

/* One text field: quoted when it holds a comma, quote, CR or LF or starts or ends with a
   space (RFC 4180, quotes doubled); a leading = + - @ gets a ' first, so that a spreadsheet
   shows the text instead of running it as a formula. */
static void csv_text(struct buf *b, const char *s)
{
    const char *p;
    int quote = 0;
    if (!s)
        s = "";
    for (p = s; *p; p++)
        if (*p == ',' || *p == '"' || *p == '\n' || *p == '\r')
            quote = 1;
    if (*s == ' ' || (*s && s[strlen(s) - 1] == ' '))
        quote = 1;
    if (quote)
        buf_append(b, "\"", 1);
    if (*s == '=' || *s == '+' || *s == '-' || *s == '@')
        buf_append(b, "'", 1);
    for (p = s; *p; p++) {
        if (*p == '"')
            buf_append(b, "\"", 1);
        buf_append(b, p, 1);
    }
    if (quote)
        buf_append(b, "\"", 1);
}

static void csv_real(struct buf *b, int has, double v)
{
    if (has)
        buf_printf(b, "%.17g", v);
}

static void csv_month_row(struct buf *b, struct arena *a, const struct report_month *m)
{
    buf_printf(b, "%s,%lld,%lld,%lld,", month_text(a, m->month), (long long)m->questions,
               (long long)m->answered, (long long)m->solved);
    csv_real(b, m->has_first_answer, m->first_answer_median_h);
    buf_append(b, ",", 1);
    csv_real(b, m->has_first_answer, m->first_answer_p90_h);
    buf_append(b, "\r\n", 2);
}

static void csv_tag_row(struct buf *b, const struct report_tag *t)
{
    csv_text(b, t->tag);
    buf_printf(b, ",%lld,%lld,%lld,%lld,%.17g,%.17g,", (long long)t->questions,
               (long long)t->answered, (long long)t->solved, (long long)t->open_unanswered,
               t->answer_rate, t->solved_rate);
    csv_real(b, t->has_median, t->first_answer_median_h);
    buf_printf(b, ",%lld,%d\r\n", (long long)t->accepted, t->bus_factor);
}

#define TAG_HEADER                                                                                 \
    "tag,questions,answered,solved,open_unanswered,answer_rate,solved_rate,"                       \
    "first_answer_median_h,accepted,bus_factor\r\n"

static const char *const csv_tables[] = {"months",          "tags",
                                         "retention",       "reciprocity",
                                         "dormant_experts", "gap_tags",
                                         "unanswered",      "zero_result_searches",
                                         "articles",        "write_this_down",
                                         "participation"};

/* The CSV of table (its name without .csv) into b; -1 for an unknown table. */
static int csv_table(struct req *r, const struct report *rp, const char *table, struct buf *b)
{
    struct arena *a = r->arena;
    size_t i, k;
    int lvl;
    if (strcmp(table, "months") == 0) {
        buf_printf(b,
                   "month,questions,answered,solved,first_answer_median_h,first_answer_p90_h\r\n");
        for (i = 0; i < rp->nmonths; i++)
            csv_month_row(b, a, &rp->months[i]);
    } else if (strcmp(table, "tags") == 0) {
        buf_printf(b, TAG_HEADER);
        for (i = 0; i < rp->ntags; i++)
            csv_tag_row(b, &rp->tags[i]);
    } else if (strcmp(table, "gap_tags") == 0) {
        buf_printf(b, TAG_HEADER);
        for (i = 0; i < rp->gaps.ntags; i++)
            csv_tag_row(b, &rp->gaps.tags[i]);
    } else if (strcmp(table, "retention") == 0) {
        buf_printf(b, "month,newcomers,again_30,again_90,share_30,share_90,complete_30,"
                      "complete_90\r\n");
        for (i = 0; i < rp->nretention; i++) {
            const struct report_retention *t = &rp->retention[i];
            buf_printf(b, "%s,%lld,%lld,%lld,%.17g,%.17g,%d,%d\r\n", month_text(a, t->month),
                       (long long)t->newcomers, (long long)t->again_30, (long long)t->again_90,
                       t->share_30, t->share_90, t->complete_30, t->complete_90);
        }
    } else if (strcmp(table, "reciprocity") == 0) {
        buf_printf(b, "askers,also_answered,share\r\n%lld,%lld,%.17g\r\n",
                   (long long)rp->reciprocity.askers, (long long)rp->reciprocity.also_answered,
                   rp->reciprocity.share);
    } else if (strcmp(table, "dormant_experts") == 0) {
        buf_printf(b, "user,display_name,tag,rank,last_activity\r\n");
        for (i = 0; i < rp->ndormant; i++) {
            const struct report_dormant *d = &rp->dormant[i];
            csv_text(b, d->name);
            buf_append(b, ",", 1);
            csv_text(b, d->display_name);
            buf_append(b, ",", 1);
            csv_text(b, d->tag);
            buf_printf(b, ",%d,%lld\r\n", d->rank, (long long)d->last_activity);
        }
    } else if (strcmp(table, "unanswered") == 0) {
        buf_printf(b, "group,thread_id,title,created_at\r\n");
        for (i = 0; i < rp->gaps.nunanswered; i++)
            for (k = 0; k < rp->gaps.unanswered[i].n; k++) {
                const struct report_question *q = &rp->gaps.unanswered[i].items[k];
                buf_printf(b, "%zu,%lld,", i + 1, (long long)q->thread_id);
                csv_text(b, q->title);
                buf_printf(b, ",%lld\r\n", (long long)q->created_at);
            }
    } else if (strcmp(table, "zero_result_searches") == 0) {
        buf_printf(b, "query,count,last_at\r\n");
        for (i = 0; i < rp->gaps.nmisses; i++) {
            csv_text(b, rp->gaps.misses[i].query);
            buf_printf(b, ",%lld,%lld\r\n", (long long)rp->gaps.misses[i].count,
                       (long long)rp->gaps.misses[i].last_at);
        }
    } else if (strcmp(table, "articles") == 0) {
        buf_printf(b, "slug,title,state,review_by,outdated_count\r\n");
        for (i = 0; i < rp->gaps.narticles; i++) {
            const struct report_article *ar = &rp->gaps.articles[i];
            csv_text(b, ar->slug);
            buf_append(b, ",", 1);
            csv_text(b, ar->title);
            buf_printf(b, ",%s,%lld,%lld\r\n", art_state(ar->state), (long long)ar->review_by,
                       (long long)ar->outdated_count);
        }
    } else if (strcmp(table, "write_this_down") == 0) {
        buf_printf(b, "tag,solved_uncovered,thread_id,title\r\n");
        for (i = 0; i < rp->gaps.nwrite; i++)
            for (k = 0; k < rp->gaps.write[i].nthreads; k++) {
                csv_text(b, rp->gaps.write[i].tag);
                buf_printf(b, ",%lld,%lld,", (long long)rp->gaps.write[i].solved_uncovered,
                           (long long)rp->gaps.write[i].threads[k].thread_id);
                csv_text(b, rp->gaps.write[i].threads[k].title);
                buf_append(b, "\r\n", 2);
            }
    } else if (strcmp(table, "participation") == 0) {
        buf_printf(b, "month,peripheral,active,core\r\n");
        for (i = 0; i < rp->nparticipation; i++) {
            buf_printf(b, "%s", month_text(a, rp->participation[i].month));
            for (lvl = PART_PERIPHERAL; lvl < PART__MAX; lvl++)
                buf_printf(b, ",%lld", (long long)rp->participation[i].count[lvl]);
            buf_append(b, "\r\n", 2);
        }
    } else {
        return -1;
    }
    return 0;
}

/* APIPAGE: GET /api/v1/communities/:slug/health/:table (TABLE.csv) -> text/csv */
int api_community_health_csv(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct community cm;
    struct report rp;
    const char *file = r->params[1];
    size_t len = strlen(file), i;
    char *table;
    int64_t from, to;
    int rc;
    if ((rc = community_get(c, r->params[0], &cm)) < 0)
        return rc;
    if (len < 5 || strcmp(file + len - 4, ".csv") != 0)
        return error_set(&r->err, ERR_NOTFOUND, NULL, "There is no such table.");
    table = arena_strndup(r->arena, file, len - 4);
    for (i = 0; i < sizeof(csv_tables) / sizeof(*csv_tables); i++)
        if (strcmp(table, csv_tables[i]) == 0)
            break;
    if (i == sizeof(csv_tables) / sizeof(*csv_tables))
        return error_set(&r->err, ERR_NOTFOUND, NULL,
                         "There is no such table: months, tags, retention, reciprocity, "
                         "dormant_experts, gap_tags, unanswered, zero_result_searches, "
                         "articles, write_this_down or participation.");
    if ((rc = range_args(r, c, &from, &to)) < 0 ||
        (rc = report_community(c, &cm, from, to, &rp)) < 0)
        return rc;
    buf_reset(&r->out);
    csv_table(r, &rp, table, &r->out);
    r->content_type_out = "text/csv; charset=utf-8";
    resp_header(r, "Content-Disposition",
                arena_printf(r->arena, "attachment; filename=\"%s-health-%s-%lld-%lld.csv\"",
                             cm.slug, table, (long long)rp.from_day, (long long)rp.to_day));
    resp_header(r, "Cache-Control", "private, no-store");
    return 0;
}

/* APIPAGE: GET /api/v1/health?from=&to= -> {from, to, total, communities: [...]} */
int api_instance_health(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct report_instance_row *rows;
    struct report_month sum;
    size_t n, i;
    int64_t from, to;
    json_t *o, *arr;
    int rc;
    if ((rc = range_args(r, c, &from, &to)) < 0 ||
        (rc = report_instance(c, from, to, &rows, &n, &sum)) < 0)
        return rc;
    o = json_object();
    json_object_set_new(o, "total", month_json(r->arena, &sum));
    arr = json_array();
    for (i = 0; i < n; i++) {
        json_t *x = month_json(r->arena, &rows[i].total);
        json_object_set_new(x, "community", json_string(rows[i].cm.slug));
        json_object_set_new(x, "name", json_string(rows[i].cm.name));
        json_object_set_new(x, "visibility",
                            json_string(community_vis_name(rows[i].cm.visibility)));
        json_object_set_new(x, "members", json_integer(rows[i].members));
        json_object_set_new(x, "active_members", json_integer(rows[i].active_members));
        json_array_append_new(arr, x);
    }
    json_object_set_new(o, "communities", arr);
    return api_send(r, 200, o);
}
