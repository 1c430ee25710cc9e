/* Tests for src/web/chart.c: the structure every chart must have (role, title, desc, table
 * with caption, legend), escaping of every label, empty charts, one point, gaps for missing
 * values, huge and non-finite values, x label thinning, stacked sums, the percent axis, and
 * the nice-number axis ranges and compact tick labels. */
#include <float.h>
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "core/buf.h"
#include "web/chart.h"
#include "core/util.h"

static size_t count(const char *hay, const char *needle)
{
    size_t n = 0;
    const char *p = hay;
    while ((p = strstr(p, needle))) {
        n++;
        p += strlen(needle);
    }
    return n;
}

/* The text between the first occurrence of open and the next close (a static copy). */
static const char *between(const char *hay, const char *open, const char *close)
{
    static char out[65536];
    const char *a = strstr(hay, open), *z;
    size_t n;
    if (!a)
        return "";
    a += strlen(open);
    z = strstr(a, close);
    n = z ? (size_t)(z - a) : strlen(a);
    if (n >= sizeof(out))
        n = sizeof(out) - 1;
    memcpy(out, a, n);
    out[n] = '\0';
    return out;
}

static void no_bad_numbers(const char *s)
{
    assert_null(strstr(s, "nan"));
    assert_null(strstr(s, "NaN"));
    assert_null(strstr(s, "inf"));
    assert_null(strstr(s, "-0 "));
}

static const char *const months[] = {"2016-01", "2016-02", "2016-03", "2016-04"};

static void test_structure(void **state)
{
    double q[] = {10, 20, 15, 30}, a[] = {8, 18, 12, 25}, s[] = {5, 9, 10, 20};
    struct chart_series ser[] = {{"Questions", q}, {"Answered", a}, {"Solved", s}};
    struct chart ch = {.kind = CHART_BARS,
                       .id = "qs",
                       .title = "Questions per month",
                       .labels = months,
                       .n = 4,
                       .series = ser,
                       .nseries = 3};
    struct buf b = BUF_INIT;
    (void)state;
    chart_render(&b, &ch);
    assert_int_equal(b.err, 0);
    assert_non_null(strstr(b.data, "<figure class=\"chart\" id=\"qs\">"));
    assert_non_null(strstr(b.data, "role=\"img\""));
    assert_non_null(strstr(b.data, "aria-labelledby=\"qs-t qs-d\""));
    assert_non_null(strstr(b.data, "<title id=\"qs-t\">Questions per month</title>"));
    assert_string_equal(between(b.data, "<desc id=\"qs-d\">", "</desc>"),
                        "From 2016-01 to 2016-04. Questions: highest 30 in 2016-04, lowest 10 "
                        "in 2016-01, last 30 in 2016-04. Answered: highest 25 in 2016-04, "
                        "lowest 8 in 2016-01, last 25 in 2016-04. Solved: highest 20 in "
                        "2016-04, lowest 5 in 2016-01, last 20 in 2016-04.");
    assert_non_null(strstr(b.data, "viewBox=\"0 0 "));
    assert_null(strstr(b.data, "width=\"420\"")); /* scales with its box: no fixed width */
    /* legend: one item per series */
    assert_int_equal(count(between(b.data, "<ul class=\"chart-legend\">", "</ul>"), "<li"), 3);
    /* bars: 12 rects in the plot, each with its value as a tooltip */
    assert_int_equal(count(between(b.data, "<svg class", "</svg>\n"), "<rect"), 12);
    assert_non_null(strstr(b.data, "<title>2016-03, Solved: 10</title>"));
    /* the table: caption, a header per series, a row per month with the same numbers */
    assert_non_null(strstr(b.data, "<caption id=\"qs-c\">Questions per month</caption>"));
    assert_int_equal(count(between(b.data, "<tbody>", "</tbody>"), "<tr>"), 4);
    assert_non_null(strstr(b.data, "<tr><th scope=\"row\">2016-02</th><td class=\"num\">20</td>"
                                   "<td class=\"num\">18</td><td class=\"num\">9</td></tr>"));
    assert_non_null(strstr(b.data, "<details class=\"chart-data\">"));
    no_bad_numbers(b.data);
    buf_release(&b);
}

static void test_escaping(void **state)
{
    static const char *const evil[] = {"<script>alert(1)</script>", "\"><img src=x>"};
    double v[] = {1, 2};
    struct chart_series ser[] = {{"<b>bold</b>", v}};
    struct chart ch = {.kind = CHART_LINE,
                       .id = "x\"y",
                       .title = "<i>t</i> & 'q'",
                       .unit = "<u>",
                       .axis_label = "<svg onload=x>",
                       .labels = evil,
                       .n = 2,
                       .series = ser,
                       .nseries = 1};
    struct buf b = BUF_INIT;
    (void)state;
    chart_render(&b, &ch);
    assert_null(strstr(b.data, "<script"));
    assert_null(strstr(b.data, "<img"));
    assert_null(strstr(b.data, "<b>"));
    assert_null(strstr(b.data, "<i>"));
    assert_null(strstr(b.data, "<u>"));
    assert_null(strstr(b.data, "<svg onload"));
    assert_null(strstr(b.data, "x\"y"));
    assert_non_null(strstr(b.data, "&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert_non_null(strstr(b.data, "&lt;i&gt;t&lt;/i&gt; &amp; &#39;q&#39;"));
    assert_non_null(strstr(b.data, "&lt;b&gt;bold&lt;/b&gt;"));
    assert_non_null(strstr(b.data, "&lt;svg onload=x&gt;"));
    /* the composed summary is escaped too */
    assert_non_null(strstr(between(b.data, "<desc", "</desc>"), "&lt;b&gt;bold&lt;/b&gt;: "));
    /* a caller's own summary as well */
    ch.desc = "</desc><script>";
    buf_reset(&b);
    chart_svg(&b, &ch);
    assert_null(strstr(b.data, "<script"));
    assert_int_equal(count(b.data, "</desc>"), 1);
    buf_release(&b);
}

static void test_empty(void **state)
{
    struct chart_series ser[] = {{"Median", NULL}};
    struct chart ch = {.kind = CHART_LINE,
                       .id = "e",
                       .title = "Empty",
                       .labels = months,
                       .n = 0,
                       .series = ser,
                       .nseries = 1};
    struct buf b = BUF_INIT;
    (void)state;
    chart_render(&b, &ch);
    assert_int_equal(b.err, 0);
    assert_non_null(strstr(b.data, "role=\"img\""));
    assert_string_equal(between(b.data, "<desc id=\"e-d\">", "</desc>"), "No data in this range.");
    assert_non_null(strstr(b.data, "class=\"chart-empty\""));
    assert_null(strstr(between(b.data, "<svg class", "</svg>\n"), "<path"));
    assert_non_null(strstr(b.data, "<td colspan=\"2\">No data in this range.</td>"));
    no_bad_numbers(b.data);
    /* no series at all, and points whose values are all missing */
    ch.nseries = 0;
    buf_reset(&b);
    chart_render(&b, &ch);
    assert_non_null(strstr(b.data, "No data in this range."));
    {
        double none[] = {CHART_NONE, CHART_NONE, CHART_NONE, CHART_NONE};
        struct chart_series s2[] = {{"Median", none}};
        ch.series = s2;
        ch.nseries = 1;
        ch.n = 4;
        buf_reset(&b);
        chart_render(&b, &ch);
        assert_non_null(strstr(b.data, "class=\"chart-empty\""));
        assert_non_null(strstr(b.data, "Median: no values."));
        assert_int_equal(count(b.data, "aria-label=\"no value\""), 4);
        no_bad_numbers(b.data);
    }
    buf_release(&b);
}

static void test_one_point(void **state)
{
    double v[] = {4.5};
    struct chart_series ser[] = {{"Median", v}};
    struct chart ch = {.kind = CHART_LINE,
                       .id = "one",
                       .title = "One",
                       .unit = " h",
                       .labels = months,
                       .n = 1,
                       .series = ser,
                       .nseries = 1,
                       .decimals = 1};
    struct buf b = BUF_INIT;
    const char *svg;
    (void)state;
    chart_render(&b, &ch);
    svg = between(b.data, "<svg class", "</svg>\n");
    assert_int_equal(count(svg, "<path class=\"chart-line\" d=\"M"), 1);
    assert_int_equal(count(svg, " L"), 0);
    assert_int_equal(count(svg, "<circle"), 1); /* a lone point is a dot */
    assert_string_equal(between(b.data, "<desc id=\"one-d\">", "</desc>"),
                        "2016-01. Median: 4.5 h in 2016-01.");
    assert_non_null(strstr(b.data, "<td class=\"num\">4.5</td>"));
    no_bad_numbers(b.data);
    buf_release(&b);
}

static void test_gaps(void **state)
{
    double v[] = {1, CHART_NONE, 3, 4};
    struct chart_series ser[] = {{"Median", v}};
    struct chart ch = {.kind = CHART_LINE,
                       .id = "g",
                       .title = "Gaps",
                       .labels = months,
                       .n = 4,
                       .series = ser,
                       .nseries = 1};
    struct buf b = BUF_INIT;
    const char *svg;
    (void)state;
    chart_render(&b, &ch);
    svg = between(b.data, "<svg class", "</svg>\n");
    /* two pieces of line: the lone first point and 2016-03..04 */
    assert_int_equal(count(svg, "<path class=\"chart-line\" d=\"M"), 2);
    assert_int_equal(count(svg, " L"), 1);
    assert_int_equal(count(svg, "<circle"), 3);
    assert_int_equal(count(b.data, "aria-label=\"no value\""), 1);
    /* missing bars are not drawn, missing stacked parts count as nothing */
    ch.kind = CHART_BARS;
    buf_reset(&b);
    chart_svg(&b, &ch);
    assert_int_equal(count(b.data, "<rect"), 3);
    ch.kind = CHART_STACKED;
    buf_reset(&b);
    chart_svg(&b, &ch);
    assert_int_equal(count(b.data, "<rect"), 3);
    no_bad_numbers(b.data);
    buf_release(&b);
}

static void test_huge(void **state)
{
    double v[] = {1e300, DBL_MAX, INFINITY, -INFINITY}, w[] = {1e14, 2e14, 3e14, 4e14};
    struct chart_series ser[] = {{"Huge", v}, {"Big", w}};
    struct chart ch = {.kind = CHART_STACKED,
                       .id = "h",
                       .title = "Huge",
                       .labels = months,
                       .n = 4,
                       .series = ser,
                       .nseries = 2};
    struct buf b = BUF_INIT;
    int k;
    (void)state;
    for (k = 0; k < CHART__MAX; k++) {
        ch.kind = (enum chart_kind)k;
        buf_reset(&b);
        chart_render(&b, &ch);
        assert_int_equal(b.err, 0);
        no_bad_numbers(b.data);
        assert_non_null(strstr(b.data, "e+300")); /* in the table and the axis */
    }
    /* huge but ordinary: compact tick labels */
    ch.series = ser + 1;
    ch.nseries = 1;
    ch.kind = CHART_BARS;
    buf_reset(&b);
    chart_svg(&b, &ch);
    assert_non_null(strstr(b.data, ">400T</text>"));
    buf_release(&b);
}

static void test_thinning(void **state)
{
    static char names[120][8];
    const char *labels[120];
    double v[120];
    struct chart_series ser[] = {{"Questions", v}};
    struct chart ch = {.kind = CHART_BARS,
                       .id = "t",
                       .title = "Ten years",
                       .labels = labels,
                       .n = 120,
                       .series = ser,
                       .nseries = 1};
    struct buf b = BUF_INIT;
    size_t shown;
    int i;
    (void)state;
    for (i = 0; i < 120; i++) {
        snprintf(names[i], sizeof(names[i]), "%04d-%02d", 2010 + i / 12, i % 12 + 1);
        labels[i] = names[i];
        v[i] = i;
    }
    chart_svg(&b, &ch);
    shown = count(between(b.data, "<g class=\"chart-xlabels\">", "</g>"), "<text");
    assert_true(shown >= 4 && shown <= 8);
    assert_int_equal(count(b.data, "<rect"), 119); /* a zero is no bar */
    buf_release(&b);
    /* a dozen months all fit */
    ch.n = 12;
    b = (struct buf)BUF_INIT;
    chart_svg(&b, &ch);
    shown = count(between(b.data, "<g class=\"chart-xlabels\">", "</g>"), "<text");
    assert_true(shown >= 4 && shown <= 12);
    buf_release(&b);
}

static void test_stacked_and_percent(void **state)
{
    double core[] = {1, 2, 3, 4}, active[] = {10, 20, 30, 40}, pct[] = {10, 20, 30, 40};
    struct chart_series ser[] = {{"Core", core}, {"Active", active}};
    struct chart ch = {.kind = CHART_STACKED,
                       .id = "s",
                       .title = "Levels",
                       .labels = months,
                       .n = 4,
                       .series = ser,
                       .nseries = 2};
    struct chart_series ps[] = {{"30 days", pct}};
    struct buf b = BUF_INIT;
    (void)state;
    chart_svg(&b, &ch);
    assert_int_equal(count(b.data, "<rect"), 8);
    assert_non_null(strstr(b.data, ">50</text>")); /* the axis reaches the sum 44 */
    ch.kind = CHART_LINE;
    ch.series = ps;
    ch.nseries = 1;
    ch.percent = 1;
    ch.unit = "%";
    buf_reset(&b);
    chart_svg(&b, &ch);
    assert_non_null(strstr(b.data, ">100</text>")); /* 0..100 whatever the data */
    assert_non_null(strstr(b.data, "highest 40% in 2016-04"));
    buf_release(&b);
}

static void test_log_axis(void **state)
{
    double v[] = {0.5, 4, 11000, CHART_NONE};
    struct chart_series ser[] = {{"p90", v}};
    struct chart ch = {.kind = CHART_LINE,
                       .id = "l",
                       .title = "Hours",
                       .labels = months,
                       .n = 4,
                       .series = ser,
                       .nseries = 1,
                       .log = 1,
                       .decimals = 1};
    struct buf b = BUF_INIT;
    const char *grid;
    (void)state;
    chart_svg(&b, &ch);
    grid = between(b.data, "<g class=\"chart-grid\">", "</g>");
    /* 0, then decades up to the power of ten at or above 11,000 */
    assert_non_null(strstr(grid, ">0</text>"));
    assert_null(strstr(grid, ">1</text>")); /* too close to 0: its line only */
    assert_non_null(strstr(grid, ">100k</text>"));
    assert_int_equal(count(grid, "<text"), 6); /* 0 10 100 1,000 10k 100k */
    assert_int_equal(count(grid, "<line"), 7);
    assert_int_equal(count(b.data, "<circle"), 3);
    no_bad_numbers(b.data);
    /* huge values: at most CHART_TICKS + 2 ticks, all finite */
    v[2] = 1e300;
    buf_reset(&b);
    chart_svg(&b, &ch);
    grid = between(b.data, "<g class=\"chart-grid\">", "</g>");
    assert_true(count(grid, "<text") <= 7);
    assert_non_null(strstr(grid, "e+300"));
    no_bad_numbers(b.data);
    /* nothing at all */
    ch.n = 0;
    buf_reset(&b);
    chart_svg(&b, &ch);
    assert_non_null(strstr(b.data, "No data in this range."));
    no_bad_numbers(b.data);
    buf_release(&b);
}

static void test_nice_range(void **state)
{
    double lo, hi, step;
    static const double cases[][2] = {
        {0, 87},        {0, 1},
        {0, 0},         {0, 0.3},
        {3, 7},         {-5, 12},
        {0, 1e300},     {0, 99999},
        {0, 100},       {0, 1234},
        {0.001, 0.002}, {-1e300, 1e300},
        {0, DBL_MAX},   {-DBL_MAX, DBL_MAX},
        {7, 3},         {NAN, 4},
    };
    size_t i;
    (void)state;
    chart_nice_range(0, 87, 5, &lo, &hi, &step);
    assert_true(lo == 0 && hi == 100 && step == 20);
    chart_nice_range(0, 0, 5, &lo, &hi, &step);
    assert_true(lo == 0 && hi > 0);
    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        double m;
        chart_nice_range(cases[i][0], cases[i][1], 5, &lo, &hi, &step);
        assert_true(isfinite(lo) && isfinite(hi) && isfinite(step) && step > 0);
        assert_true((hi - lo) / step <= 5 + 1e-9);
        assert_true(hi > lo);
        if (cases[i][0] <= cases[i][1] && fabs(cases[i][0]) <= 1e300 &&
            fabs(cases[i][1]) <= 1e300) { /* beyond, the ends are clamped */
            assert_true(lo <= cases[i][0] && hi >= cases[i][1]);
        }
        m = step / pow(10, floor(log10(step)));
        assert_true(fabs(m - 1) < 1e-9 || fabs(m - 2) < 1e-9 || fabs(m - 5) < 1e-9);
    }
}

static void test_tick_labels(void **state)
{
    char s[64];
    (void)state;
    chart_tick_label(s, sizeof(s), 0, 1);
    assert_string_equal(s, "0");
    chart_tick_label(s, sizeof(s), 2.5, 0.5);
    assert_string_equal(s, "2.5");
    chart_tick_label(s, sizeof(s), 1200, 200);
    assert_string_equal(s, "1,200");
    chart_tick_label(s, sizeof(s), 15000, 5000);
    assert_string_equal(s, "15k");
    chart_tick_label(s, sizeof(s), 2500000, 500000);
    assert_string_equal(s, "2.5M");
    chart_tick_label(s, sizeof(s), -40, 20);
    assert_string_equal(s, "-40");
    chart_tick_label(s, sizeof(s), 0.05, 0.05);
    assert_string_equal(s, "0.05");
    chart_tick_label(s, sizeof(s), 2e300, 1e300);
    assert_string_equal(s, "2e+300");
    chart_tick_label(s, 3, 123456789, 1); /* a short buffer is cut, stays terminated */
    assert_int_equal(strlen(s), 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_structure),  cmocka_unit_test(test_escaping),
        cmocka_unit_test(test_empty),      cmocka_unit_test(test_one_point),
        cmocka_unit_test(test_gaps),       cmocka_unit_test(test_huge),
        cmocka_unit_test(test_thinning),   cmocka_unit_test(test_stacked_and_percent),
        cmocka_unit_test(test_nice_range), cmocka_unit_test(test_tick_labels),
        cmocka_unit_test(test_log_axis),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
