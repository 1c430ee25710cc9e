/* Community health reports: the definitions of domain/report.h (docs/health.md) applied to
 * the summary rows of store/report.h. Every figure is computed here from per-question and
 * per-member rows, so that any date range is exact (a median cannot be added up from
 * monthly medians). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/tz.h"
#include "domain/community.h"
#include "domain/domain_int.h"
#include "domain/expertise.h"
#include "domain/report.h"
#include "store/report.h"

#define DAY 86400

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
    return error_set(c->err, ERR_INVALID, field, "%s must be a real date written YYYY-MM-DD.",
                     field);
}

/* ------------------------------------------------------------------------------------------ */
/* Arithmetic (pure) */

static int64_t day_of_ymd(int64_t ymd)
{
    return civil_days((int)(ymd / 10000), (int)(ymd / 100 % 100), (int)(ymd % 100));
}

static int64_t ymd_of_day(int64_t day)
{
    int y, m, d;
    civil_from_days(day, &y, &m, &d);
    return (int64_t)y * 10000 + m * 100 + d;
}

static int64_t month_next(int64_t month)
{
    return month % 100 == 12 ? (month / 100 + 1) * 100 + 1 : month + 1;
}

static int cmp_i64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

/* Nearest rank: value number ceil(p/100 * n) of the sorted v[0..n), n > 0. */
static int64_t nearest_rank(const int64_t *v, size_t n, int p)
{
    size_t rank = ((size_t)p * n + 99) / 100;
    if (rank < 1)
        rank = 1;
    return v[rank - 1];
}

/* Smallest number of people who wrote at least half of the n accepted answers whose authors
   are authors[0..n) (0 = unknown: each one a different person). Sorts authors. */
static int bus_factor(int64_t *authors, size_t n)
{
    int64_t *counts;
    size_t i, k = 0;
    int64_t sum = 0;
    int people = 0;
    if (n == 0)
        return 0;
    qsort(authors, n, sizeof(*authors), cmp_i64);
    counts = malloc(n * sizeof(*counts));
    if (!counts)
        return 0;
    for (i = 0; i < n; i++) {
        if (authors[i] == 0 || k == 0 || authors[i] != authors[i - 1])
            counts[k++] = 1;
        else
            counts[k - 1]++;
    }
    qsort(counts, k, sizeof(*counts), cmp_i64); /* ascending: take from the end */
    while (2 * sum < (int64_t)n && k > 0) {
        sum += counts[--k];
        people++;
    }
    free(counts);
    return people;
}

/* Fill the first-answer figures of m from the delays d[0..n) (seconds; sorted here). */
static void first_answer(struct report_month *m, int64_t *d, size_t n)
{
    m->has_first_answer = n > 0;
    if (!n)
        return;
    qsort(d, n, sizeof(*d), cmp_i64);
    m->first_answer_median_h = (double)nearest_rank(d, n, 50) / 3600.0;
    m->first_answer_p90_h = (double)nearest_rank(d, n, 90) / 3600.0;
}

static void count_q(struct report_month *m, const struct report_qrow *q)
{
    m->questions++;
    if (q->first_answer_at >= 0)
        m->answered++;
    if (q->solved)
        m->solved++;
}

/* ------------------------------------------------------------------------------------------ */
/* Range */

struct range {
    int64_t from_day, to_day; /* YYYYMMDD */
    int64_t from, to;         /* UTC seconds, [from, to) */
    int64_t m0, m1;           /* first and last month */
};

static int range_resolve(struct ctx *c, const struct community *cm, int64_t from_day,
                         int64_t to_day, struct range *r)
{
    if (!to_day)
        to_day = ymd_of_day((c->now >= 0 ? c->now : c->now - DAY + 1) / DAY);
    if (!from_day) {
        int64_t first = 0, last = 0;
        if (participation_span(c, cm, &first, &last) < 0)
            return ERR_DB;
        from_day = first ? first * 100 + 1 : to_day / 100 * 100 + 1;
        if (from_day > to_day)
            from_day = to_day / 100 * 100 + 1;
    }
    if (from_day > to_day)
        return error_set(c->err, ERR_INVALID, "from", "from must not be after to.");
    if (day_of_ymd(to_day) - day_of_ymd(from_day) + 1 > REPORT_DAYS_MAX)
        return error_set(c->err, ERR_INVALID, "from", "A report covers at most %d days.",
                         REPORT_DAYS_MAX);
    r->from_day = from_day;
    r->to_day = to_day;
    r->from = day_of_ymd(from_day) * DAY;
    r->to = (day_of_ymd(to_day) + 1) * DAY;
    r->m0 = from_day / 100;
    r->m1 = to_day / 100;
    return 0;
}

static int check_view(struct ctx *c, const struct community *cm)
{
    if (!community_can_read(c, cm))
        return community_read_refused(c, cm);
    if (!report_can_view(c, cm))
        return error_set(c->err, c->uid ? ERR_PERM : ERR_AUTH, NULL,
                         "Only coordinators and moderators of %s can see its health report.",
                         cm->name);
    return 0;
}

/* ------------------------------------------------------------------------------------------ */
/* Parts of a report */

static int fill_months(struct ctx *c, const struct community *cm, const struct range *r,
                       struct report *out)
{
    struct report_qrow *q;
    size_t nq, i, nm = 0, k;
    int64_t m, *delays, *all;
    size_t nd, nall = 0, start;
    if (report_db_questions(c->db, c->arena, cm->id, r->from, r->to, &q, &nq) < 0)
        return domain_db_fail(c, "report questions");
    for (m = r->m0; m <= r->m1; m = month_next(m))
        nm++;
    out->months = arena_alloc(c->arena, nm * sizeof(*out->months));
    memset(out->months, 0, nm * sizeof(*out->months));
    out->nmonths = nm;
    delays = malloc((nq ? nq : 1) * sizeof(*delays));
    all = malloc((nq ? nq : 1) * sizeof(*all));
    if (!delays || !all) {
        free(delays);
        free(all);
        return error_set(c->err, ERR_INTERNAL, NULL, "Out of memory.");
    }
    memset(&out->total, 0, sizeof(out->total));
    i = 0;
    for (m = r->m0, k = 0; k < nm; m = month_next(m), k++) {
        struct report_month *rm = &out->months[k];
        int64_t end = participation_month_end(m);
        rm->month = m;
        nd = 0;
        start = i;
        for (; i < nq && q[i].created_at < end; i++) {
            count_q(rm, &q[i]);
            count_q(&out->total, &q[i]);
            if (q[i].first_answer_at >= 0) {
                delays[nd++] = q[i].first_answer_at - q[i].created_at;
                all[nall++] = q[i].first_answer_at - q[i].created_at;
            }
        }
        (void)start;
        first_answer(rm, delays, nd);
    }
    first_answer(&out->total, all, nall);
    free(delays);
    free(all);
    return 0;
}

static int cmp_tag(const void *a, const void *b)
{
    const struct report_tag *x = a, *y = b;
    if (x->questions != y->questions)
        return x->questions > y->questions ? -1 : 1;
    return strcmp(x->tag, y->tag);
}

static int cmp_gap(const void *a, const void *b)
{
    const struct report_tag *x = a, *y = b;
    if (x->answer_rate != y->answer_rate)
        return x->answer_rate < y->answer_rate ? -1 : 1;
    return cmp_tag(a, b);
}

static int fill_tags(struct ctx *c, const struct community *cm, const struct range *r,
                     struct report *out)
{
    struct report_tagrow *t;
    size_t nt, i, j, ntags = 0;
    int64_t *delays, *authors;
    if (report_db_question_tags(c->db, c->arena, cm->id, r->from, r->to, &t, &nt) < 0)
        return domain_db_fail(c, "report tags");
    for (i = 0; i < nt; i++)
        if (i == 0 || t[i].tag != t[i - 1].tag)
            ntags++;
    out->tags = arena_alloc(c->arena, (ntags ? ntags : 1) * sizeof(*out->tags));
    out->ntags = 0;
    delays = malloc((nt ? nt : 1) * sizeof(*delays));
    authors = malloc((nt ? nt : 1) * sizeof(*authors));
    if (!delays || !authors) {
        free(delays);
        free(authors);
        return error_set(c->err, ERR_INTERNAL, NULL, "Out of memory.");
    }
    for (i = 0; i < nt; i = j) {
        struct report_tag *g = &out->tags[out->ntags++];
        size_t nd = 0, na = 0;
        struct report_month tmp;
        memset(g, 0, sizeof(*g));
        memset(&tmp, 0, sizeof(tmp));
        g->tag = t[i].tag;
        for (j = i; j < nt && t[j].tag == t[i].tag; j++) {
            const struct report_qrow *q = &t[j].q;
            g->questions++;
            if (q->first_answer_at >= 0) {
                g->answered++;
                delays[nd++] = q->first_answer_at - q->created_at;
            }
            if (q->solved) {
                g->solved++;
                authors[na++] = q->accepted_author_id;
            }
            if (q->first_answer_at < 0 && !q->solved)
                g->open_unanswered++;
        }
        g->answer_rate = (double)g->answered / (double)g->questions;
        g->solved_rate = (double)g->solved / (double)g->questions;
        first_answer(&tmp, delays, nd);
        g->has_median = tmp.has_first_answer;
        g->first_answer_median_h = tmp.first_answer_median_h;
        g->accepted = (int64_t)na;
        g->bus_factor = bus_factor(authors, na);
    }
    free(delays);
    free(authors);
    qsort(out->tags, out->ntags, sizeof(*out->tags), cmp_tag);
    return 0;
}

static int fill_retention(struct ctx *c, const struct community *cm, const struct range *r,
                          struct report *out)
{
    struct report_poster *p;
    size_t np, i, k;
    int64_t m;
    if (report_db_posters(c->db, c->arena, cm->id, r->from, r->to, &p, &np) < 0)
        return domain_db_fail(c, "report posters");
    out->nretention = out->nmonths;
    out->retention =
        arena_alloc(c->arena, (out->nmonths ? out->nmonths : 1) * sizeof(*out->retention));
    i = 0;
    for (k = 0, m = r->m0; k < out->nmonths; k++, m = month_next(m)) {
        struct report_retention *rt = &out->retention[k];
        int64_t end = participation_month_end(m);
        if (end > r->to)
            end = r->to;
        memset(rt, 0, sizeof(*rt));
        rt->month = m;
        for (; i < np && p[i].first_at < end; i++) {
            rt->newcomers++;
            if (p[i].second_at >= 0 && p[i].second_at <= p[i].first_at + 30 * DAY)
                rt->again_30++;
            if (p[i].second_at >= 0 && p[i].second_at <= p[i].first_at + 90 * DAY)
                rt->again_90++;
        }
        if (rt->newcomers) {
            rt->share_30 = (double)rt->again_30 / (double)rt->newcomers;
            rt->share_90 = (double)rt->again_90 / (double)rt->newcomers;
        }
        rt->complete_30 = end - 1 + 30 * DAY < c->now;
        rt->complete_90 = end - 1 + 90 * DAY < c->now;
    }
    return 0;
}

static int fill_reciprocity(struct ctx *c, const struct community *cm, const struct range *r,
                            struct report *out)
{
    struct report_reciprocity *x = &out->reciprocity;
    if (report_db_reciprocity(c->db, cm->id, r->from, r->to, &x->askers, &x->also_answered) < 0)
        return domain_db_fail(c, "report reciprocity");
    x->share = x->askers ? (double)x->also_answered / (double)x->askers : 0;
    return 0;
}

#define DORMANT_TAGS 10 /* who-knows is asked for the community's busiest tags */

/* Rank the top REPORT_DORMANT_TOP of who-knows for cm's busiest tags with their last
   activity, and store them (own write transaction; another writer's concurrent run wins). */
static int dormant_compute(struct ctx *c, const struct community *cm)
{
    const char **tags;
    size_t ntags, i, j, n = 0, cap = DORMANT_TAGS * REPORT_DORMANT_TOP;
    struct report_expert *rows = arena_alloc(c->arena, cap * sizeof(*rows));
    int rc;
    if (report_db_top_tags(c->db, c->arena, cm->id, DORMANT_TAGS, &tags, &ntags) < 0)
        return domain_db_fail(c, "report top tags");
    for (i = 0; i < ntags; i++) {
        struct expertise_request rq;
        struct expertise_rank *rk;
        size_t nk;
        memset(&rq, 0, sizeof(rq));
        rq.community_id = cm->id;
        rq.tag = tags[i];
        rq.limit = REPORT_DORMANT_TOP;
        rq.purpose = EXPERTISE_WHO_KNOWS;
        if ((rc = expertise_who_knows(c, &rq, &rk, &nk)) < 0) {
            if (rc == ERR_INVALID) { /* a tag who-knows does not take: skip it */
                error_clear(c->err);
                continue;
            }
            return rc;
        }
        for (j = 0; j < nk && n < cap; j++) {
            struct report_expert *x = &rows[n];
            if (rk[j].claim_only)
                continue;
            if (report_db_last_activity(c->db, cm->id, rk[j].user_id, &x->last_activity) < 0)
                return domain_db_fail(c, "report last activity");
            x->tag = tags[i];
            x->rank = (int)j + 1;
            x->user_id = rk[j].user_id;
            n++;
        }
    }
    if (db_begin_write(c->db) < 0)
        return domain_db_fail(c, "report dormant");
    if (report_db_dormant_store(c->db, cm->id, c->now, rows, n) < 0)
        return domain_rollback(c, domain_db_fail(c, "report dormant"));
    if (db_commit(c->db) < 0)
        return domain_rollback(c, domain_db_fail(c, "report dormant"));
    return 0;
}

static int fill_dormant(struct ctx *c, const struct community *cm, struct report *out)
{
    struct report_expert *x;
    size_t n, i;
    int64_t at;
    int rc;
    out->ndormant = 0;
    if (report_db_dormant_at(c->db, cm->id, &at) < 0)
        return domain_db_fail(c, "report dormant");
    if (!at || at < c->now - REPORT_DORMANT_TTL || at > c->now) {
        if ((rc = dormant_compute(c, cm)) < 0)
            return rc;
    }
    if (report_db_dormant_read(c->db, c->arena, cm->id, &x, &n) < 0)
        return domain_db_fail(c, "report dormant");
    out->dormant = arena_alloc(c->arena, (n ? n : 1) * sizeof(*out->dormant));
    for (i = 0; i < n && out->ndormant < REPORT_LIST_MAX; i++) {
        struct report_dormant *d;
        if (x[i].last_activity >= c->now - (int64_t)REPORT_DORMANT_DAYS * DAY)
            continue;
        d = &out->dormant[out->ndormant++];
        d->user_id = x[i].user_id;
        d->name = x[i].name;
        d->display_name = x[i].display_name;
        d->tag = x[i].tag;
        d->rank = x[i].rank;
        d->last_activity = x[i].last_activity;
    }
    return 0;
}

/* Similarity of two token sets: |a & b| / |a | b| (Jaccard). */
static double jaccard(const char *const *a, size_t na, const char *const *b, size_t nb)
{
    size_t i, j, common = 0;
    if (!na || !nb)
        return 0;
    for (i = 0; i < na; i++)
        for (j = 0; j < nb; j++)
            if (strcmp(a[i], b[j]) == 0) {
                common++;
                break;
            }
    return (double)common / (double)(na + nb - common);
}

#define CLUSTER_SCAN   200  /* unanswered questions looked at */
#define CLUSTER_TOKENS 24   /* tokens of a title */
#define CLUSTER_MIN    0.25 /* similarity that joins a group */

static int cmp_cluster(const void *a, const void *b)
{
    const struct report_cluster *x = a, *y = b;
    if (x->n != y->n)
        return x->n > y->n ? -1 : 1;
    return x->items[0].created_at > y->items[0].created_at ? -1 : 1;
}

static int fill_unanswered(struct ctx *c, const struct community *cm, const struct range *r,
                           struct report_gaps *g)
{
    struct report_open *o;
    size_t no, i, k;
    const char ***tok;
    size_t *ntok, *head;
    if (report_db_unanswered(c->db, c->arena, cm->id, r->from, r->to, CLUSTER_SCAN, &o, &no) < 0)
        return domain_db_fail(c, "report unanswered");
    tok = arena_alloc(c->arena, (no ? no : 1) * sizeof(*tok));
    ntok = arena_alloc(c->arena, (no ? no : 1) * sizeof(*ntok));
    head = arena_alloc(c->arena, (no ? no : 1) * sizeof(*head));
    g->unanswered = arena_alloc(c->arena, (no ? no : 1) * sizeof(*g->unanswered));
    g->nunanswered = 0;
    for (i = 0; i < no; i++) {
        tok[i] = arena_alloc(c->arena, CLUSTER_TOKENS * sizeof(**tok));
        ntok[i] = expertise_tokens(c->arena, o[i].title, tok[i], CLUSTER_TOKENS);
    }
    /* greedy: each question joins the first group whose first question is similar enough */
    for (i = 0; i < no; i++) {
        struct report_cluster *cl = NULL;
        for (k = 0; k < g->nunanswered; k++)
            if (jaccard(tok[head[k]], ntok[head[k]], tok[i], ntok[i]) >= CLUSTER_MIN) {
                cl = &g->unanswered[k];
                break;
            }
        if (!cl) {
            head[g->nunanswered] = i;
            cl = &g->unanswered[g->nunanswered++];
            cl->items = arena_alloc(c->arena, no * sizeof(*cl->items));
            cl->n = 0;
        }
        cl->items[cl->n].thread_id = o[i].thread_id;
        cl->items[cl->n].title = o[i].title;
        cl->items[cl->n].created_at = o[i].created_at;
        cl->n++;
    }
    qsort(g->unanswered, g->nunanswered, sizeof(*g->unanswered), cmp_cluster);
    if (g->nunanswered > REPORT_LIST_MAX)
        g->nunanswered = REPORT_LIST_MAX;
    return 0;
}

static int art_rank(enum report_article_state s)
{
    return s == REPORT_ART_OVERDUE ? 0 : s == REPORT_ART_OUTDATED ? 1 : 2;
}

static int cmp_article(const void *a, const void *b)
{
    const struct report_article *x = a, *y = b;
    if (art_rank(x->state) != art_rank(y->state))
        return art_rank(x->state) - art_rank(y->state);
    if (x->review_by != y->review_by)
        return x->review_by < y->review_by ? -1 : 1;
    return x->id < y->id ? -1 : 1;
}

static int fill_gaps(struct ctx *c, const struct community *cm, const struct range *r,
                     struct report *out)
{
    struct report_gaps *g = &out->gaps;
    struct report_missrow *mr;
    struct report_artrow *ar;
    struct report_uncovered_tag *ut;
    size_t n, i;
    int rc;
    /* tags with many questions and a low answer rate */
    g->tags = arena_alloc(c->arena, (out->ntags ? out->ntags : 1) * sizeof(*g->tags));
    g->ntags = 0;
    for (i = 0; i < out->ntags; i++)
        if (out->tags[i].questions >= REPORT_GAP_MIN_Q &&
            out->tags[i].answer_rate < REPORT_GAP_MAX_RATE)
            g->tags[g->ntags++] = out->tags[i];
    qsort(g->tags, g->ntags, sizeof(*g->tags), cmp_gap);
    if (g->ntags > REPORT_LIST_MAX)
        g->ntags = REPORT_LIST_MAX;
    if ((rc = fill_unanswered(c, cm, r, g)) < 0)
        return rc;
    /* zero-result searches */
    if (report_db_misses(c->db, c->arena, cm->id, REPORT_LIST_MAX, &mr, &n) < 0)
        return domain_db_fail(c, "report misses");
    g->misses = arena_alloc(c->arena, (n ? n : 1) * sizeof(*g->misses));
    g->nmisses = n;
    for (i = 0; i < n; i++) {
        g->misses[i].query = mr[i].query;
        g->misses[i].count = mr[i].count;
        g->misses[i].last_at = mr[i].last_at;
    }
    /* articles due, overdue, outdated */
    if (report_db_articles(c->db, c->arena, cm->id, c->now + 30 * DAY, REPORT_LIST_MAX, &ar, &n) <
        0)
        return domain_db_fail(c, "report articles");
    g->articles = arena_alloc(c->arena, (n ? n : 1) * sizeof(*g->articles));
    g->narticles = n;
    for (i = 0; i < n; i++) {
        struct report_article *x = &g->articles[i];
        x->id = ar[i].id;
        x->slug = ar[i].slug;
        x->title = ar[i].title;
        x->review_by = ar[i].review_by;
        x->outdated_count = ar[i].outdated_count;
        if (strcmp(ar[i].status, "outdated") == 0 || ar[i].outdated_count > 0)
            x->state = REPORT_ART_OUTDATED;
        else if (ar[i].review_by < c->now)
            x->state = REPORT_ART_OVERDUE;
        else
            x->state = REPORT_ART_DUE;
        if (x->state == REPORT_ART_OUTDATED && ar[i].review_by > 0 && ar[i].review_by < c->now)
            x->state = REPORT_ART_OVERDUE; /* both: the review is the first thing to do */
    }
    qsort(g->articles, g->narticles, sizeof(*g->articles), cmp_article);
    /* "write this down" */
    if (report_db_uncovered_tags(c->db, c->arena, cm->id, r->from, r->to, REPORT_WRITE_MIN, 10, &ut,
                                 &n) < 0)
        return domain_db_fail(c, "report uncovered");
    g->write = arena_alloc(c->arena, (n ? n : 1) * sizeof(*g->write));
    g->nwrite = n;
    for (i = 0; i < n; i++) {
        struct report_suggestion *s = &g->write[i];
        struct report_open *o;
        size_t no, k;
        s->tag = ut[i].tag;
        s->solved_uncovered = ut[i].count;
        if (report_db_uncovered_threads(c->db, c->arena, cm->id, r->from, r->to, ut[i].tag, 5, &o,
                                        &no) < 0)
            return domain_db_fail(c, "report uncovered threads");
        s->threads = arena_alloc(c->arena, (no ? no : 1) * sizeof(*s->threads));
        s->nthreads = no;
        for (k = 0; k < no; k++) {
            s->threads[k].thread_id = o[k].thread_id;
            s->threads[k].title = o[k].title;
            s->threads[k].created_at = o[k].created_at;
        }
    }
    return 0;
}

static int fill_participation(struct ctx *c, const struct community *cm, const struct range *r,
                              struct report *out)
{
    int64_t now_month = participation_month_of(c->now), m, first = r->m0, last = r->m1;
    size_t n = 0, k;
    out->participation = NULL;
    out->nparticipation = 0;
    if (last >= now_month) /* months that are over: the current one would be computed live */
        last = participation_month_prev(now_month);
    if (first > last)
        return 0;
    for (m = first; m <= last; m = month_next(m))
        n++;
    while (n > PART_MONTHS_MAX) { /* the latest months */
        first = month_next(first);
        n--;
    }
    out->participation = arena_alloc(c->arena, n * sizeof(*out->participation));
    for (k = 0, m = first; k < n; k++, m = month_next(m)) {
        struct participation_row *rows;
        size_t nr, i;
        int rc;
        struct participation_month *pm = &out->participation[k];
        memset(pm, 0, sizeof(*pm));
        pm->month = m;
        if ((rc = participation_levels_month(c, cm->id, m, &rows, &nr)) < 0)
            return rc;
        for (i = 0; i < nr; i++)
            if (rows[i].level > 0 && rows[i].level < PART__MAX)
                pm->count[rows[i].level]++;
    }
    out->nparticipation = n;
    return 0;
}

/* ------------------------------------------------------------------------------------------ */
/* Public */

static int start(struct ctx *c, const struct community *cm, int64_t from_day, int64_t to_day,
                 struct report *out, struct range *r)
{
    int rc;
    memset(out, 0, sizeof(*out));
    if ((rc = check_view(c, cm)) < 0)
        return rc;
    if ((rc = range_resolve(c, cm, from_day, to_day, r)) < 0)
        return rc;
    out->cm = *cm;
    out->from_day = r->from_day;
    out->to_day = r->to_day;
    return 0;
}

int report_community_months(struct ctx *c, const struct community *cm, int64_t from_day,
                            int64_t to_day, struct report *out)
{
    struct range r;
    int rc;
    if ((rc = start(c, cm, from_day, to_day, out, &r)) < 0)
        return rc;
    if ((rc = fill_months(c, cm, &r, out)) < 0 || (rc = fill_retention(c, cm, &r, out)) < 0 ||
        (rc = fill_reciprocity(c, cm, &r, out)) < 0)
        return rc;
    return 0;
}

int report_community(struct ctx *c, const struct community *cm, int64_t from_day, int64_t to_day,
                     struct report *out)
{
    struct range r;
    int rc;
    if ((rc = start(c, cm, from_day, to_day, out, &r)) < 0)
        return rc;
    if ((rc = fill_months(c, cm, &r, out)) < 0 || (rc = fill_tags(c, cm, &r, out)) < 0 ||
        (rc = fill_retention(c, cm, &r, out)) < 0 || (rc = fill_reciprocity(c, cm, &r, out)) < 0 ||
        (rc = fill_gaps(c, cm, &r, out)) < 0 || (rc = fill_dormant(c, cm, out)) < 0 ||
        (rc = fill_participation(c, cm, &r, out)) < 0)
        return rc;
    return 0;
}

static int cmp_instance(const void *a, const void *b)
{
    const struct report_instance_row *x = a, *y = b;
    if (x->total.questions != y->total.questions)
        return x->total.questions > y->total.questions ? -1 : 1;
    return strcmp(x->cm.slug, y->cm.slug);
}

int report_instance(struct ctx *c, int64_t from_day, int64_t to_day,
                    struct report_instance_row **out, size_t *n, struct report_month *sum)
{
    struct report_commrow *rows;
    size_t nrows, i;
    int64_t from, to;
    *out = NULL;
    *n = 0;
    memset(sum, 0, sizeof(*sum));
    if (!c->uid && !c->system)
        return error_set(c->err, ERR_AUTH, NULL, "Sign in to see the instance report.");
    if (!to_day)
        to_day = ymd_of_day((c->now >= 0 ? c->now : c->now - DAY + 1) / DAY);
    if (!from_day)
        from_day = 19700101;
    if (from_day > to_day)
        return error_set(c->err, ERR_INVALID, "from", "from must not be after to.");
    from = day_of_ymd(from_day) * DAY;
    to = (day_of_ymd(to_day) + 1) * DAY;
    if (report_db_instance(c->db, c->arena, from, to, &rows, &nrows) < 0)
        return domain_db_fail(c, "report instance");
    *out = arena_alloc(c->arena, (nrows ? nrows : 1) * sizeof(**out));
    for (i = 0; i < nrows; i++) {
        struct community cm;
        struct report_instance_row *x;
        int rc = community_db_get_id(c->db, c->arena, rows[i].community_id, c->uid, &cm);
        if (rc == ERR_NOTFOUND)
            continue;
        if (rc < 0)
            return domain_db_fail(c, "report instance community");
        if (!(c->is_admin || c->system) &&
            (cm.visibility == COMMUNITY_PRIVATE || !report_can_view(c, &cm)))
            continue;
        x = &(*out)[(*n)++];
        memset(x, 0, sizeof(*x));
        x->cm = cm;
        x->total.questions = rows[i].questions;
        x->total.answered = rows[i].answered;
        x->total.solved = rows[i].solved;
        x->members = cm.member_count;
        x->active_members = rows[i].active;
        sum->questions += rows[i].questions;
        sum->answered += rows[i].answered;
        sum->solved += rows[i].solved;
    }
    qsort(*out, *n, sizeof(**out), cmp_instance);
    return 0;
}

int report_rebuild(struct ctx *c, int64_t community_id, int64_t *changed)
{
    *changed = 0;
    if (!c->system && !c->is_admin)
        return error_set(c->err, ERR_PERM, NULL, "Only administrators can recount reports.");
    if (db_begin_write(c->db) < 0)
        return domain_db_fail(c, "report rebuild");
    if (report_db_rebuild(c->db, c->arena, community_id, changed) < 0)
        return domain_rollback(c, domain_db_fail(c, "report rebuild"));
    if (db_commit(c->db) < 0)
        return domain_rollback(c, domain_db_fail(c, "report rebuild"));
    return 0;
}
