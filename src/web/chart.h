/* Server-rendered SVG charts (web/chart.c): a line chart, overlaid bars and stacked bars over
 * a row of labelled points (months), each drawn as a <figure> holding an accessible
 * <svg role="img"> (a <title>, and a <desc> that says in a sentence what the data shows), an
 * HTML legend, and the same numbers as a <table> with a caption inside <details>. No
 * JavaScript and no chart library: the SVG scales with its viewBox, its colours come from
 * the CSS custom properties --chart-0 .. --chart-3 and currentColor (assets/praxis.css), so
 * it follows the light and dark themes. Every label is escaped.
 *
 * This is a shared drawing module rather than a page: page files include it like
 * web/parts.h (scripts/check-includes.sh lists it as shared). It depends on core only, so
 * tests/unit/web/chart_test.c exercises it without a server. */
#ifndef PRAXIS_WEB_CHART_H
#define PRAXIS_WEB_CHART_H
#include <math.h>
#include <stddef.h>

#include "core/buf.h"

#define CHART_NONE       NAN  /* a missing value: a gap in a line, no bar, "—" in the table */
#define CHART_SERIES_MAX 4    /* series per chart (one colour each) */
#define CHART_POINTS_MAX 1200 /* points per chart; more are cut (100 years of months) */

enum chart_kind {
    CHART_LINE,    /* one line per series; gaps at CHART_NONE; a dot on isolated points */
    CHART_BARS,    /* overlaid bars, each series narrower than the one before (nested sets:
                      questions, answered, solved) */
    CHART_STACKED, /* bars of the series stacked bottom-up (CHART_NONE counts as 0) */
    CHART__MAX
};

struct chart_series {
    const char *name; /* legend and column label (escaped) */
    const double *v;  /* n values (chart.n); CHART_NONE or a non-finite value: missing */
};

struct chart {
    enum chart_kind kind;
    const char *id;                    /* unique on the page: [A-Za-z0-9-] (ids id-t, id-d) */
    const char *title;                 /* the heading, <title> and table caption (escaped) */
    const char *desc;                  /* the screen-reader summary, or NULL to compose one
                                          from the data (chart_describe) */
    const char *unit;                  /* after values in the summary, e.g. " h" or "%"; or NULL */
    const char *axis_label;            /* the y axis' name drawn above it ("hours"), or NULL */
    const char *const *labels;         /* n x labels ("2016-03"), shown thinned to fit */
    size_t n;                          /* points */
    const struct chart_series *series; /* nseries series */
    size_t nseries;                    /* 1 .. CHART_SERIES_MAX; more are ignored */
    int decimals;                      /* digits after the point in the table and summary */
    int percent;                       /* 1: the y axis is 0..100 whatever the data */
    int log;                           /* 1: a logarithmic y axis (0, 1, 10, 100, ...; by
                                          log10(1 + v), negatives at 0) for skewed data such
                                          as hours to an answer; ignored with percent */
};

/* Append the whole figure for ch to b: <figure class="chart" id="ID"> with the title as its
 * <figcaption>, the legend, the SVG and <details> with the data table. An empty chart
 * (n == 0, no series or no value) still draws its frame with "No data in this range." */
void chart_render(struct buf *b, const struct chart *ch);
/* Only the <svg> element of ch (what chart_render draws in the middle). */
void chart_svg(struct buf *b, const struct chart *ch);
/* Only the data table: <table> with the title as caption, a row per label and a column per
 * series (CHART_NONE as "—"), inside a scrolling region. */
void chart_table(struct buf *b, const struct chart *ch);
/* The screen-reader sentence for ch, appended unescaped (plain text; the caller escapes):
 * the range of labels, then per series its highest and lowest value with their labels and
 * its last value, or that it has no values. */
void chart_describe(struct buf *b, const struct chart *ch);

/* The axis of a range: ticks at lo, lo + step, ..., hi, where step is 1, 2 or 5 times a
 * power of ten and there are at most max_ticks intervals. min/max are the data's extremes
 * (min > max or NaN is read as the range 0..1; ends beyond +-1e300 are clamped there, so
 * lo, hi and step are always finite); lo <= min and hi >= max. Exposed for tests. */
void chart_nice_range(double min, double max, int max_ticks, double *lo, double *hi, double *step);
/* A tick label for v, compact: "0", "2.5", "1,200", "15k", "2.5M", "3G", "1e+15". */
void chart_tick_label(char *s, size_t cap, double v, double step);

#endif
