/* Server-rendered SVG charts: line, overlaid bars and stacked bars over a row of labelled
 * points, with an accessible title and summary, a legend and a data table (see chart.h).
 *
 * Geometry: the SVG's viewBox is CHART_W x CHART_H user units and the CSS stretches it to
 * the width of its box, so text and lines scale with it and nothing scrolls sideways on a
 * phone. The plot area leaves room on the left for the widest y tick label and below for
 * the x labels. Point i sits in the middle of band i (the plot width divided into n equal
 * bands), the same for lines and bars, so one point is drawn in the middle. x labels are
 * thinned to every k-th so that no two overlap at the estimated text width. Coordinates
 * are printed with one decimal; text goes through html_printf (escaped). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/html.h"
#include "web/chart.h"
#include "core/util.h"

#define CHART_W      420 /* viewBox width */
#define CHART_H      230 /* viewBox height */
#define CHART_FONT   11  /* font size in user units */
#define CHART_CHAR_W 6.4 /* estimated width of one character of label text */
#define CHART_TOP    18  /* room above the plot for the axis label */
#define CHART_BOTTOM 24  /* room below the plot for the x labels */
#define CHART_RIGHT  8
#define CHART_TICKS  5     /* at most this many intervals on the y axis */
#define CHART_CLAMP  1e300 /* values are clamped to +-this so sums stay finite */

static int value_ok(double v)
{
    return isfinite(v);
}

static double clampv(double v)
{
    return v > CHART_CLAMP ? CHART_CLAMP : v < -CHART_CLAMP ? -CHART_CLAMP : v;
}

static size_t npoints(const struct chart *ch)
{
    if (!ch->labels)
        return 0;
    return ch->n > CHART_POINTS_MAX ? CHART_POINTS_MAX : ch->n;
}

static size_t nseries(const struct chart *ch)
{
    if (!ch->series)
        return 0;
    return ch->nseries > CHART_SERIES_MAX ? CHART_SERIES_MAX : ch->nseries;
}

static double val(const struct chart *ch, size_t s, size_t i)
{
    double v = ch->series[s].v ? ch->series[s].v[i] : CHART_NONE;
    return value_ok(v) ? clampv(v) : CHART_NONE;
}

static const char *label(const struct chart *ch, size_t i)
{
    return ch->labels[i] ? ch->labels[i] : "";
}

static const char *id_of(const struct chart *ch)
{
    return ch->id && *ch->id ? ch->id : "chart";
}

void chart_nice_range(double min, double max, int max_ticks, double *lo, double *hi, double *step)
{
    double span, raw, mag, f;
    if (max_ticks < 1)
        max_ticks = 1;
    if (!(min <= max) || isnan(min) || isnan(max)) {
        min = 0;
        max = 1;
    }
    min = clampv(min); /* so that the rounded ends stay finite */
    max = clampv(max);
    if (min > 0)
        min = 0; /* bars and counts start at zero */
    if (max < 0)
        max = 0;
    if (max == min)
        max = min + 1;
    span = max - min;
    raw = span / max_ticks;
    mag = pow(10, floor(log10(raw)));
    f = raw / mag;
    *step = (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * mag;
    *lo = floor(min / *step) * *step;
    *hi = ceil(max / *step) * *step;
    /* floor/ceil can add one interval each side; widen the step until it fits */
    while ((*hi - *lo) / *step > max_ticks + 1e-9) {
        double m = *step / pow(10, floor(log10(*step)));
        *step = (m < 1.5 ? 2 : m < 3.5 ? 5 : 10) * pow(10, floor(log10(*step)));
        *lo = floor(min / *step) * *step;
        *hi = ceil(max / *step) * *step;
    }
    if (*lo == 0)
        *lo = 0; /* no "-0" */
}

/* v with thousands separators and d decimals; very large values in e-notation. */
static void fmt_num(char *s, size_t cap, double v, int d)
{
    char raw[64], *p, *out = s;
    size_t intlen, k;
    if (!isfinite(v)) {
        snprintf(s, cap, "\xE2\x80\x94");
        return;
    }
    if (fabs(v) >= 1e15) {
        snprintf(s, cap, "%.3g", v);
        return;
    }
    snprintf(raw, sizeof(raw), "%.*f", d < 0 ? 0 : d > 6 ? 6 : d, v);
    p = raw;
    if (*p == '-') {
        if (cap > 1) {
            *out++ = '-';
            cap--;
        }
        p++;
    }
    intlen = strcspn(p, ".");
    for (k = 0; p[k] && cap > 1; k++) {
        if (k < intlen && k > 0 && (intlen - k) % 3 == 0 && cap > 2) {
            *out++ = ',';
            cap--;
        }
        *out++ = p[k];
        cap--;
    }
    *out = '\0';
    if (!strcmp(s, "-0") || !strncmp(s, "-0.", 3)) { /* -0.0 after rounding */
        int zero = 1;
        for (p = s + 1; *p; p++)
            if (*p != '0' && *p != '.')
                zero = 0;
        if (zero)
            memmove(s, s + 1, strlen(s));
    }
}

void chart_tick_label(char *s, size_t cap, double v, double step)
{
    static const struct {
        double div;
        const char *suffix;
    } units[] = {{1e12, "T"}, {1e9, "G"}, {1e6, "M"}, {1e3, "k"}};
    size_t u;
    double a = fabs(v);
    int d;
    if (v == 0 || !isfinite(v)) {
        snprintf(s, cap, "0");
        return;
    }
    if (a >= 1e15) {
        snprintf(s, cap, "%.2g", v);
        return;
    }
    if (a >= 10000) {
        for (u = 0; u < sizeof(units) / sizeof(units[0]); u++)
            if (a >= units[u].div) {
                double sd = step / units[u].div;
                d = sd >= 1 ? 0 : sd >= 0.1 ? 1 : 2;
                snprintf(s, cap, "%.*f%s", d, v / units[u].div, units[u].suffix);
                return;
            }
    }
    d = step >= 1 ? 0 : step >= 0.1 ? 1 : step >= 0.01 ? 2 : 3;
    fmt_num(s, cap, v, d);
}

void chart_describe(struct buf *b, const struct chart *ch)
{
    size_t n = npoints(ch), ns = nseries(ch), s, i;
    const char *unit = ch->unit ? ch->unit : "";
    char num[64];
    if (!n || !ns) {
        buf_puts(b, "No data in this range.");
        return;
    }
    if (n == 1)
        buf_printf(b, "%s.", label(ch, 0));
    else
        buf_printf(b, "From %s to %s.", label(ch, 0), label(ch, n - 1));
    for (s = 0; s < ns; s++) {
        size_t imax = n, imin = n, ilast = n, count = 0;
        for (i = 0; i < n; i++) {
            double v = val(ch, s, i);
            if (!value_ok(v))
                continue;
            count++;
            if (imax == n || v > val(ch, s, imax))
                imax = i;
            if (imin == n || v < val(ch, s, imin))
                imin = i;
            ilast = i;
        }
        buf_printf(b, " %s: ", ch->series[s].name ? ch->series[s].name : "");
        if (!count) {
            buf_puts(b, "no values.");
            continue;
        }
        fmt_num(num, sizeof(num), val(ch, s, imax), ch->decimals);
        if (count == 1) {
            buf_printf(b, "%s%s in %s.", num, unit, label(ch, imax));
            continue;
        }
        buf_printf(b, "highest %s%s in %s, ", num, unit, label(ch, imax));
        fmt_num(num, sizeof(num), val(ch, s, imin), ch->decimals);
        buf_printf(b, "lowest %s%s in %s, ", num, unit, label(ch, imin));
        fmt_num(num, sizeof(num), val(ch, s, ilast), ch->decimals);
        buf_printf(b, "last %s%s in %s.", num, unit, label(ch, ilast));
    }
}

/* The data's extremes for the y axis: stacked bars by their sums, others by values. Returns
 * 0 when there is no value at all. */
static int extent(const struct chart *ch, double *min, double *max)
{
    size_t n = npoints(ch), ns = nseries(ch), s, i;
    int any = 0;
    *min = 0;
    *max = 0;
    for (i = 0; i < n; i++) {
        double pos = 0, neg = 0;
        for (s = 0; s < ns; s++) {
            double v = val(ch, s, i);
            if (!value_ok(v))
                continue;
            any = 1;
            if (ch->kind == CHART_STACKED) {
                if (v >= 0)
                    pos = clampv(pos + v);
                else
                    neg = clampv(neg + v);
            } else {
                if (v > *max)
                    *max = v;
                if (v < *min)
                    *min = v;
            }
        }
        if (ch->kind == CHART_STACKED) {
            if (pos > *max)
                *max = pos;
            if (neg < *min)
                *min = neg;
        }
    }
    return any;
}

struct frame {
    double x0, x1, y0, y1; /* the plot area: left, right, top, bottom */
    double lo, hi, step;   /* the y axis (log: lo 0, hi a power of ten, step in decades) */
    int log;               /* 1: logarithmic, positions by log10(1 + v) */
    double band;           /* width of one point's band */
};

static double ypos(const struct frame *f, double v)
{
    if (f->log)
        return f->y1 - log10(1 + (v > 0 ? v : 0)) / log10(1 + f->hi) * (f->y1 - f->y0);
    return f->y1 - (v - f->lo) / (f->hi - f->lo) * (f->y1 - f->y0);
}

/* How many ticks past the first, and the value of tick k: linear steps, or for a log axis
   0, then 1, 10^step, 10^(2 step), ... */
static int nticks(const struct frame *f)
{
    if (f->log)
        return (int)floor(log10(f->hi) / f->step + 0.5) + 1;
    return (int)floor((f->hi - f->lo) / f->step + 0.5);
}

static double tick_value(const struct frame *f, int k)
{
    if (f->log)
        return k == 0 ? 0 : pow(10, (k - 1) * f->step);
    return f->lo + k * f->step;
}

/* The log axis for data up to max: hi = the power of ten at or above it (at least 10),
   decades grouped so there are at most CHART_TICKS + 1 ticks. */
static void log_range(double max, struct frame *f)
{
    double p = max > 10 ? ceil(log10(max)) : 1;
    f->step = ceil(p / CHART_TICKS);
    p = ceil(p / f->step) * f->step;
    f->lo = 0;
    f->hi = pow(10, p);
}

static double xmid(const struct frame *f, size_t i)
{
    return f->x0 + (i + 0.5) * f->band;
}

static void draw_axes(struct buf *b, const struct chart *ch, struct frame *f, size_t n)
{
    char tick[64];
    int k, nt = nticks(f);
    size_t i, every, widest = 1;
    buf_puts(b, "<g class=\"chart-grid\">");
    for (k = 0; k <= nt; k++) {
        double v = tick_value(f, k), y = ypos(f, v);
        chart_tick_label(tick, sizeof(tick), v, f->log ? (v > 1 ? v : 1) : f->step);
        buf_printf(b, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\"%s/>", f->x0, f->x1, y,
                   y, v == 0 ? " class=\"chart-zero\"" : "");
        if (f->log && k == 1)
            continue; /* "1" sits too close above "0" to be read; its line stays */
        html_printf(b, "<text class=\"chart-tick\" x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>",
                    (int)(f->x0 - 4), (int)(y + CHART_FONT * 0.35), tick);
    }
    buf_puts(b, "</g>\n");
    if (ch->axis_label && *ch->axis_label)
        html_printf(b, "<text class=\"chart-axis-label\" x=\"2\" y=\"%d\">%s</text>\n", CHART_FONT,
                    ch->axis_label);
    /* x labels: every k-th so that neighbours do not overlap */
    for (i = 0; i < n; i++) {
        size_t len = strlen(label(ch, i));
        if (len > widest)
            widest = len;
    }
    every = (size_t)ceil((widest * CHART_CHAR_W + 6) / (f->band > 0 ? f->band : 1));
    if (every < 1)
        every = 1;
    buf_puts(b, "<g class=\"chart-xlabels\">");
    for (i = 0; i < n; i += every) {
        /* kept inside the viewBox: a long first or last label is moved in, not cut */
        double half = strlen(label(ch, i)) * CHART_CHAR_W / 2, x = xmid(f, i);
        if (x + half > CHART_W)
            x = CHART_W - half;
        if (x - half < 0)
            x = half;
        html_printf(b, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>", (int)x,
                    (int)(f->y1 + CHART_FONT + 5), label(ch, i));
    }
    buf_puts(b, "</g>\n");
}

static void point_title(struct buf *b, const struct chart *ch, size_t s, size_t i, double v)
{
    char num[64];
    fmt_num(num, sizeof(num), v, ch->decimals);
    html_printf(b, "<title>%s, %s: %s%s</title>", label(ch, i),
                ch->series[s].name ? ch->series[s].name : "", num, ch->unit ? ch->unit : "");
}

static void draw_lines(struct buf *b, const struct chart *ch, const struct frame *f, size_t n)
{
    size_t ns = nseries(ch), s, i;
    for (s = 0; s < ns; s++) {
        int open = 0;
        buf_printf(b, "<g class=\"chart-s%zu\">", s);
        for (i = 0; i < n; i++) {
            double v = val(ch, s, i);
            if (!value_ok(v)) {
                if (open)
                    buf_puts(b, "\"/>");
                open = 0;
                continue;
            }
            if (!open)
                buf_printf(b, "<path class=\"chart-line\" d=\"M%.1f %.1f", xmid(f, i), ypos(f, v));
            else
                buf_printf(b, " L%.1f %.1f", xmid(f, i), ypos(f, v));
            open = 1;
        }
        if (open)
            buf_puts(b, "\"/>");
        /* dots: every point when few, else only those without a neighbour (isolated) */
        for (i = 0; i < n; i++) {
            double v = val(ch, s, i);
            int isolated = (i == 0 || !value_ok(val(ch, s, i - 1))) &&
                           (i + 1 == n || !value_ok(val(ch, s, i + 1)));
            if (!value_ok(v) || (n > 24 && !isolated))
                continue;
            buf_printf(b, "<circle class=\"chart-dot\" cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\">",
                       xmid(f, i), ypos(f, v), n > 24 ? 2.0 : 3.0);
            point_title(b, ch, s, i, v);
            buf_puts(b, "</circle>");
        }
        buf_puts(b, "</g>\n");
    }
}

static void draw_bars(struct buf *b, const struct chart *ch, const struct frame *f, size_t n)
{
    size_t ns = nseries(ch), s, i;
    for (s = 0; s < ns; s++) {
        /* series s is (ns - s) / ns of the widest bar, so later (smaller) sets show in front */
        double w = f->band * 0.8 * (double)(ns - s) / (double)ns;
        buf_printf(b, "<g class=\"chart-s%zu\">", s);
        for (i = 0; i < n; i++) {
            double v = val(ch, s, i), y0, y1;
            if (!value_ok(v) || v == 0)
                continue; /* a zero is no bar (its value is in the table) */
            y0 = ypos(f, v > 0 ? v : 0);
            y1 = ypos(f, v > 0 ? 0 : v);
            buf_printf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\">",
                       xmid(f, i) - w / 2, y0, w, y1 - y0);
            point_title(b, ch, s, i, v);
            buf_puts(b, "</rect>");
        }
        buf_puts(b, "</g>\n");
    }
}

static void draw_stacked(struct buf *b, const struct chart *ch, const struct frame *f, size_t n)
{
    size_t ns = nseries(ch), s, i;
    double w = f->band * 0.7;
    double pos[CHART_POINTS_MAX], neg[CHART_POINTS_MAX];
    for (i = 0; i < n; i++)
        pos[i] = neg[i] = 0;
    for (s = 0; s < ns; s++) {
        buf_printf(b, "<g class=\"chart-s%zu\">", s);
        for (i = 0; i < n; i++) {
            double v = val(ch, s, i), base, top;
            if (!value_ok(v) || v == 0)
                continue;
            if (v > 0) {
                base = pos[i];
                top = pos[i] = clampv(pos[i] + v);
            } else {
                top = neg[i];
                base = neg[i] = clampv(neg[i] + v);
            }
            buf_printf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\">",
                       xmid(f, i) - w / 2, ypos(f, top), w, ypos(f, base) - ypos(f, top));
            point_title(b, ch, s, i, v);
            buf_puts(b, "</rect>");
        }
        buf_puts(b, "</g>\n");
    }
}

void chart_svg(struct buf *b, const struct chart *ch)
{
    const char *id = id_of(ch);
    size_t n = npoints(ch), ns = nseries(ch);
    struct frame f;
    double min, max;
    int k, nt, any = n && ns && extent(ch, &min, &max);
    size_t widest = 1;
    char tick[64];
    if (!any)
        min = 0, max = 1;
    if (ch->percent) {
        min = min < 0 ? min : 0;
        max = max > 100 ? max : 100;
    }
    f.log = ch->log && !ch->percent;
    if (f.log)
        log_range(max, &f);
    else
        chart_nice_range(min, max, CHART_TICKS, &f.lo, &f.hi, &f.step);
    nt = nticks(&f);
    for (k = 0; k <= nt; k++) {
        double v = tick_value(&f, k);
        chart_tick_label(tick, sizeof(tick), v, f.log ? (v > 1 ? v : 1) : f.step);
        if (strlen(tick) > widest)
            widest = strlen(tick);
    }
    f.x0 = widest * CHART_CHAR_W + 8;
    f.x1 = CHART_W - CHART_RIGHT;
    f.y0 = CHART_TOP;
    f.y1 = CHART_H - CHART_BOTTOM;
    f.band = n ? (f.x1 - f.x0) / (double)n : f.x1 - f.x0;
    html_printf(b,
                "<svg class=\"chart-svg chart-%s\" role=\"img\" viewBox=\"0 0 %d %d\" "
                "font-size=\"%d\" aria-labelledby=\"%s-t %s-d\" "
                "preserveAspectRatio=\"xMidYMid meet\">\n<title id=\"%s-t\">%s</title>\n"
                "<desc id=\"%s-d\">",
                ch->kind == CHART_LINE   ? "line"
                : ch->kind == CHART_BARS ? "bars"
                                         : "stacked",
                CHART_W, CHART_H, CHART_FONT, id, id, id, ch->title ? ch->title : "", id);
    if (ch->desc) {
        html_text(b, ch->desc);
    } else {
        struct buf d = BUF_INIT;
        chart_describe(&d, ch);
        html_text(b, d.data);
        buf_release(&d);
    }
    buf_puts(b, "</desc>\n");
    draw_axes(b, ch, &f, n);
    if (!any)
        html_printf(b,
                    "<text class=\"chart-empty\" x=\"%d\" y=\"%d\" text-anchor=\"middle\">"
                    "No data in this range.</text>\n",
                    (int)((f.x0 + f.x1) / 2), (int)((f.y0 + f.y1) / 2));
    else if (ch->kind == CHART_LINE)
        draw_lines(b, ch, &f, n);
    else if (ch->kind == CHART_BARS)
        draw_bars(b, ch, &f, n);
    else
        draw_stacked(b, ch, &f, n);
    buf_printf(b, "<line class=\"chart-axis\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\"/>",
               f.x0, f.x0, f.y0, f.y1);
    buf_puts(b, "</svg>\n");
}

void chart_table(struct buf *b, const struct chart *ch)
{
    size_t n = npoints(ch), ns = nseries(ch), s, i;
    char num[64];
    html_printf(b,
                "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" "
                "aria-labelledby=\"%s-c\"><table class=\"chart-table\">"
                "<caption id=\"%s-c\">%s</caption>\n<thead><tr><th scope=\"col\"></th>",
                id_of(ch), id_of(ch), ch->title ? ch->title : "");
    for (s = 0; s < ns; s++)
        html_printf(b, "<th scope=\"col\">%s</th>", ch->series[s].name ? ch->series[s].name : "");
    buf_puts(b, "</tr></thead>\n<tbody>\n");
    if (!n || !ns)
        html_printf(b, "<tr><td colspan=\"%zu\">No data in this range.</td></tr>\n", ns + 1);
    for (i = 0; ns && i < n; i++) {
        html_printf(b, "<tr><th scope=\"row\">%s</th>", label(ch, i));
        for (s = 0; s < ns; s++) {
            double v = val(ch, s, i);
            if (!value_ok(v)) {
                buf_puts(b, "<td class=\"num\"><span aria-label=\"no value\">"
                            "\xE2\x80\x94</span></td>");
                continue;
            }
            fmt_num(num, sizeof(num), v, ch->decimals);
            html_printf(b, "<td class=\"num\">%s</td>", num);
        }
        buf_puts(b, "</tr>\n");
    }
    buf_puts(b, "</tbody></table></div>\n");
}

static void legend(struct buf *b, const struct chart *ch)
{
    size_t ns = nseries(ch), s;
    if (!ns)
        return;
    buf_puts(b, "<ul class=\"chart-legend\">");
    for (s = 0; s < ns; s++) {
        buf_printf(b,
                   "<li class=\"chart-s%zu\"><svg aria-hidden=\"true\" focusable=\"false\" "
                   "width=\"18\" height=\"10\" viewBox=\"0 0 18 10\">",
                   s);
        if (ch->kind == CHART_LINE)
            buf_puts(b, "<path class=\"chart-line\" d=\"M1 5 L17 5\"/>");
        else
            buf_puts(b, "<rect x=\"2\" y=\"0\" width=\"14\" height=\"10\"/>");
        html_printf(b, "</svg>%s</li>", ch->series[s].name ? ch->series[s].name : "");
    }
    buf_puts(b, "</ul>\n");
}

void chart_render(struct buf *b, const struct chart *ch)
{
    html_printf(b, "<figure class=\"chart\" id=\"%s\">\n<figcaption>%s</figcaption>\n", id_of(ch),
                ch->title ? ch->title : "");
    legend(b, ch);
    chart_svg(b, ch);
    buf_puts(b, "<details class=\"chart-data\"><summary>Data table</summary>\n");
    chart_table(b, ch);
    buf_puts(b, "</details>\n</figure>\n");
}
