/* libFuzzer target for the SVG charts (src/web/chart.c) and the month parser of the monthly
 * health summary (report_mail_month_parse, src/domain/report_mail.c). The input drives one
 * chart: its first bytes choose the kind, the log and percent axes, the number of series and
 * of points; then come the points' labels (NUL-separated, any bytes) and the values as raw
 * 8-byte doubles (any bit pattern: NaN, infinities, subnormals, huge). The rendered figure
 * must hold exactly one chart <svg> and no tag from a label (every label is escaped: "<script"
 * and "<b>" never appear); drawn again with plain labels it must hold no "nan" or "inf" (a
 * coordinate or number that escaped the clamps). Then the input, cut at its first NUL, is parsed as
 * a month: when it parses, the month is in 197001..999912. A violation aborts. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "domain/report_mail.h"
#include "web/chart.h"
#include "core/util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void violation(const char *what, const char *s)
{
    fprintf(stderr, "chart_fuzz: %s: %.300s\n", what, s);
    abort();
}

static size_t count(const char *hay, const char *needle)
{
    size_t n = 0;
    while ((hay = strstr(hay, needle))) {
        n++;
        hay += strlen(needle);
    }
    return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *labels[64];
    double values[CHART_SERIES_MAX][64];
    struct chart_series ser[CHART_SERIES_MAX];
    struct chart ch;
    char *copy, *p, *end;
    size_t n, ns, i, s, off;
    struct buf b = BUF_INIT;
    int64_t month;
    if (size < 3)
        return 0;
    memset(&ch, 0, sizeof(ch));
    ch.kind = (enum chart_kind)(data[0] % CHART__MAX);
    ch.log = (data[0] >> 2) & 1;
    ch.percent = (data[0] >> 3) & 1;
    ch.decimals = data[0] >> 5;
    ns = (size_t)(data[1] % (CHART_SERIES_MAX + 1));
    n = (size_t)(data[2] % 65);
    copy = malloc(size + 1);
    memcpy(copy, data, size);
    copy[size] = '\0';
    /* labels: NUL-separated strings after the header */
    p = copy + 3;
    end = copy + size;
    for (i = 0; i < n; i++) {
        labels[i] = p < end ? p : "";
        if (p < end)
            p += strlen(p) + 1;
    }
    off = (size_t)(p < end ? p - copy : (ptrdiff_t)size);
    for (s = 0; s < ns; s++) {
        for (i = 0; i < n; i++) {
            if (off + 8 <= size) {
                memcpy(&values[s][i], data + off, 8);
                off += 8;
            } else {
                values[s][i] = (double)(i * (s + 1));
            }
        }
        ser[s].name = s ? "second <b>" : "first & \"quoted\"";
        ser[s].v = values[s];
    }
    ch.id = "fz";
    ch.title = n ? labels[0] : "title";
    ch.labels = labels;
    ch.n = n;
    ch.series = ser;
    ch.nseries = ns;
    ch.unit = n > 1 ? labels[1] : NULL;
    ch.axis_label = n > 2 ? labels[2] : NULL;
    chart_render(&b, &ch);
    if (b.err)
        violation("buffer error", b.data);
    if (count(b.data, "<svg class=\"chart-svg") != 1)
        violation("not one chart svg", b.data);
    if (strstr(b.data, "<script") || strstr(b.data, "<b>"))
        violation("unescaped label", b.data);
    /* again with plain labels, so that any "nan" or "inf" is a number the renderer wrote */
    for (i = 0; i < n; i++)
        labels[i] = "m";
    for (s = 0; s < ns; s++)
        ser[s].name = "s";
    ch.title = "t";
    ch.unit = ch.axis_label = NULL;
    buf_reset(&b);
    chart_render(&b, &ch);
    if (strstr(b.data, "nan") || strstr(b.data, "inf") || strstr(b.data, "NaN") ||
        strstr(b.data, "INF"))
        violation("non-finite number in the output", b.data);
    buf_release(&b);
    if (report_mail_month_parse(copy, &month) == 0 &&
        (month < 197001 || month > 999912 || month % 100 < 1 || month % 100 > 12))
        violation("month out of range", copy);
    free(copy);
    return 0;
}
