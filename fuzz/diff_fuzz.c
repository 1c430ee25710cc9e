/* libFuzzer target for diff_words_html and diff_lines_html (src/core/diff.c).
 * The input is split at its first 0x00 or 0xFF byte into the old text a and the new text b
 * (b ends at the next NUL; with no separator, the input is cut in half). If either is not
 * valid UTF-8 the calls must return ERR_INVALID and append nothing; the bad bytes are then
 * replaced by '?' and the pair diffed again. Each pair is diffed with the default limits and
 * with tiny ones (so the line and whole-text fallbacks run on small inputs too). Checks:
 * words: only <del>/<ins>, never nested, never empty, always closed, only known entities,
 * no raw > " ' or CR in text; dropping the <ins> parts and unescaping gives a, dropping the
 * <del> parts gives b; stats match the marked text. lines: the exact table/row/cell markup,
 * line numbers in sequence with skip rows accounting for the gaps, every ctx/del row showing
 * the right line of a and every ctx/add row the right line of b, all lines covered, stats
 * equal to the row counts. A violation aborts (libFuzzer saves the input). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/diff.h"
#include "core/err.h"
#include "core/utf8.h"
#include "core/util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void violation(const char *what, const char *html, const char *at)
{
    fprintf(stderr, "diff_fuzz: %s at offset %zu: %.200s\n", what, (size_t)(at - html), at);
    abort();
}

/* Unescape s[0..n) onto out; NULL if fine, else where an unexpected byte is. */
static const char *unescape(struct buf *out, const char *s, size_t n)
{
    static const char *const ents[] = {"&amp;", "&lt;", "&gt;", "&quot;", "&#39;", "&#13;"};
    static const char chars[] = "&<>\"'\r";
    size_t i = 0, k;
    while (i < n) {
        if (s[i] == '&') {
            for (k = 0; k < ARRAY_SIZE(ents); k++) {
                size_t el = strlen(ents[k]);
                if (n - i >= el && memcmp(s + i, ents[k], el) == 0) {
                    buf_putc(out, chars[k]);
                    i += el;
                    break;
                }
            }
            if (k == ARRAY_SIZE(ents))
                return s + i;
            continue;
        }
        if (s[i] == '<' || s[i] == '>' || s[i] == '"' || s[i] == '\'' || s[i] == '\r')
            return s + i;
        buf_putc(out, s[i++]);
    }
    return NULL;
}

/* Words and punctuation marks in s (the unit of diff_stats for the word diff). */
static size_t units(const char *s, size_t n)
{
    size_t k = 0, i = 0;
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        int word = c >= 0x80 || (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
        if (word) {
            while (i < n && ((unsigned char)s[i] >= 0x80 || (s[i] >= '0' && s[i] <= '9') ||
                             ((s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'z')))
                i++;
            k++;
            continue;
        }
        if (!strchr(" \t\r\v\f\n", c))
            k++;
        i++;
    }
    return k;
}

/* Check an inline word diff of a -> b. */
static void check_words(const char *html, size_t len, const char *a, const char *b,
                        const struct diff_stats *st)
{
    struct buf ra, rb, tmp;
    const char *p = html, *bad;
    size_t added = 0, removed = 0;
    if (strlen(html) != len || !utf8_valid(html, len))
        violation("NUL or invalid UTF-8 in output", html, html);
    buf_init(&ra, 0);
    buf_init(&rb, 0);
    buf_init(&tmp, 0);
    while (*p) {
        const char *lt = strchr(p, '<');
        size_t n = lt ? (size_t)(lt - p) : strlen(p);
        buf_reset(&tmp);
        if ((bad = unescape(&tmp, p, n)) != NULL)
            violation("unexpected byte in text", html, bad);
        buf_append(&ra, tmp.data, tmp.len);
        buf_append(&rb, tmp.data, tmp.len);
        p += n;
        if (!lt)
            break;
        if (!strncmp(p, "<del>", 5) || !strncmp(p, "<ins>", 5)) {
            int del = p[1] == 'd';
            const char *body = p + 5, *end = strstr(body, del ? "</del>" : "</ins>");
            const char *next = strchr(body, '<');
            if (!end || next != end)
                violation("element not closed, or nested", html, p);
            if (end == body)
                violation("empty element", html, p);
            buf_reset(&tmp);
            if ((bad = unescape(&tmp, body, (size_t)(end - body))) != NULL)
                violation("unexpected byte in element", html, bad);
            buf_append(del ? &ra : &rb, tmp.data, tmp.len);
            *(del ? &removed : &added) += units(tmp.data, tmp.len);
            p = end + 6;
        } else {
            violation("unexpected markup", html, p);
        }
    }
    if (strcmp(ra.data, a) != 0)
        violation("old side does not rebuild a", html, html);
    if (strcmp(rb.data, b) != 0)
        violation("new side does not rebuild b", html, html);
    if (st->added != added || st->removed != removed)
        violation("stats do not match the marks", html, html);
    buf_release(&ra);
    buf_release(&rb);
    buf_release(&tmp);
}

/* Reads the lines of a text in order. */
struct cursor {
    const char *t; /* start of line no */
    size_t no;     /* 1-based */
};

/* Line no (>= the cursor's) of the text without terminator into out; 0 if no such line. */
static int line_get(struct cursor *c, size_t no, struct buf *out)
{
    size_t len;
    while (c->no < no) {
        const char *nl = strchr(c->t, '\n');
        if (!nl)
            return 0;
        c->t = nl + 1;
        c->no++;
    }
    if (!*c->t || c->no != no)
        return 0;
    len = strcspn(c->t, "\n");
    if (c->t[len] == '\n' && len && c->t[len - 1] == '\r')
        len--;
    buf_reset(out);
    buf_append(out, c->t, len);
    return 1;
}

static size_t lines_in(const char *t)
{
    size_t n = 0, len = strlen(t), i;
    for (i = 0; i < len; i++)
        n += t[i] == '\n';
    return n + (len && t[len - 1] != '\n');
}

static const char *skip(const char *p, const char *lit, const char *html)
{
    size_t n = strlen(lit);
    if (strncmp(p, lit, n) != 0)
        violation("unexpected markup", html, p);
    return p + n;
}

/* Check a line table of a -> b. */
static void check_lines(const char *html, size_t len, const char *a, const char *b,
                        const struct diff_stats *st)
{
    static const char *const cls[] = {"diff-ctx", "diff-del", "diff-add"};
    static const char *const marks[] = {"", "-", "+"};
    struct cursor ca = {a, 1}, cb = {b, 1};
    struct buf text, want;
    size_t ea = 1, eb = 1, adds = 0, dels = 0;
    const char *p = html;
    if (strlen(html) != len || !utf8_valid(html, len))
        violation("NUL or invalid UTF-8 in output", html, html);
    buf_init(&text, 0);
    buf_init(&want, 0);
    p = skip(p, "<table class=\"diff\">\n", html);
    while (!strncmp(p, "<tr", 3)) {
        const char *row = p, *end, *bad;
        int kind;
        if (!strncmp(p, "<tr class=\"diff-skip\">", 22)) {
            char *e;
            unsigned long n;
            p = skip(p + 22, "<td colspan=\"4\">\xE2\x80\xA6 ", html);
            n = strtoul(p, &e, 10);
            if (e == p || n == 0)
                violation("bad skip count", html, p);
            p = skip(e,
                     n == 1 ? " unchanged line \xE2\x80\xA6</td></tr>\n"
                            : " unchanged lines \xE2\x80\xA6</td></tr>\n",
                     html);
            ea += n;
            eb += n;
            continue;
        }
        for (kind = 0; kind < 3; kind++)
            if (!strncmp(p + 11, cls[kind], 8) && p[19] == '"')
                break;
        if (kind == 3)
            violation("unknown row class", html, p);
        p = skip(p + 11 + 8, "\"><td class=\"diff-ln\">", html);
        if (kind != 2) {
            char *e;
            if (strtoul(p, &e, 10) != ea || e == p)
                violation("old line number out of sequence", html, row);
            p = e;
        }
        p = skip(p, "</td><td class=\"diff-ln\">", html);
        if (kind != 1) {
            char *e;
            if (strtoul(p, &e, 10) != eb || e == p)
                violation("new line number out of sequence", html, row);
            p = e;
        }
        p = skip(p, "</td><td class=\"diff-mark\">", html);
        p = skip(p, marks[kind], html);
        p = skip(p, "</td><td class=\"diff-text\">", html);
        end = strstr(p, "</td></tr>\n");
        if (!end || memchr(p, '\n', (size_t)(end - p)))
            violation("row not closed", html, row);
        /* the cell: text, and <del> (removed rows) or <ins> (added rows) elements */
        buf_reset(&text);
        while (p < end) {
            const char *lt = memchr(p, '<', (size_t)(end - p));
            const char *stop = lt ? lt : end;
            if ((bad = unescape(&text, p, (size_t)(stop - p))) != NULL)
                violation("unexpected byte in text", html, bad);
            p = stop;
            if (p == end)
                break;
            if ((kind == 1 && !strncmp(p, "<del>", 5)) || (kind == 2 && !strncmp(p, "<ins>", 5))) {
                const char *body = p + 5;
                const char *close = strstr(body, kind == 1 ? "</del>" : "</ins>");
                if (!close || close > end || memchr(body, '<', (size_t)(close - body)))
                    violation("element not closed, or nested", html, p);
                if (close == body)
                    violation("empty element", html, p);
                if ((bad = unescape(&text, body, (size_t)(close - body))) != NULL)
                    violation("unexpected byte in element", html, bad);
                p = close + 6;
            } else {
                violation("unexpected markup in cell", html, p);
            }
        }
        p = end + strlen("</td></tr>\n");
        if (kind != 2) {
            if (!line_get(&ca, ea, &want) || strcmp(text.data, want.data) != 0)
                violation("row does not show the old line", html, row);
            ea++;
        }
        if (kind != 1) {
            if (!line_get(&cb, eb, &want) || strcmp(text.data, want.data) != 0)
                violation("row does not show the new line", html, row);
            eb++;
        }
        dels += kind == 1;
        adds += kind == 2;
    }
    p = skip(p, "</table>\n", html);
    if (*p)
        violation("text after the table", html, p);
    if (ea - 1 != lines_in(a) || eb - 1 != lines_in(b))
        violation("not every line covered", html, html);
    if (st->added != adds || st->removed != dels)
        violation("stats do not match the rows", html, html);
    buf_release(&text);
    buf_release(&want);
}

static void run(const char *a, const char *b, int valid)
{
    static const struct diff_opts tiny = {24, 4, 300};
    const struct diff_opts *opts[] = {NULL, &tiny};
    struct buf out;
    struct diff_stats st;
    size_t k;
    buf_init(&out, 0);
    for (k = 0; k < ARRAY_SIZE(opts); k++) {
        int rc = diff_words_html_opts(&out, a, b, opts[k], &st);
        if (!valid) {
            if (rc != ERR_INVALID || out.len)
                violation("invalid UTF-8 not refused", out.data, out.data);
        } else if (rc != 0 && rc != DIFF_SIMPLIFIED) {
            violation("unexpected result", out.data, out.data);
        } else {
            if ((rc == 0) != (st.level == DIFF_LEVEL_WORDS))
                violation("result and level disagree", out.data, out.data);
            check_words(out.data, out.len, a, b, &st);
        }
        buf_reset(&out);
        rc = diff_lines_html_opts(&out, a, b, opts[k], &st);
        if (!valid) {
            if (rc != ERR_INVALID || out.len)
                violation("invalid UTF-8 not refused", out.data, out.data);
        } else if (rc != 0 && rc != DIFF_SIMPLIFIED) {
            violation("unexpected result", out.data, out.data);
        } else {
            if ((rc == 0) != (st.level == DIFF_LEVEL_LINES))
                violation("result and level disagree", out.data, out.data);
            check_lines(out.data, out.len, a, b, &st);
        }
        buf_reset(&out);
    }
    buf_release(&out);
}

/* Replace bytes that do not decode as UTF-8 with '?'. */
static void fix_utf8(char *s)
{
    size_t n = strlen(s), i = 0;
    unsigned cp;
    while (i < n) {
        size_t len = utf8_decode(s + i, n - i, &cp);
        if (len == 0) {
            s[i] = '?';
            len = 1;
        }
        i += len;
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    size_t cut, i;
    char *a, *b;
    int valid;
    for (cut = 0; cut < size && data[cut] != 0x00 && data[cut] != 0xFF; cut++)
        ;
    a = x_strndup((const char *)data, cut == size ? size / 2 : cut);
    i = cut == size ? size / 2 : cut + 1;
    b = x_strndup((const char *)data + i, size - i); /* stops at a NUL */
    valid = utf8_valid(a, strlen(a)) && utf8_valid(b, strlen(b));
    run(a, b, valid);
    if (!valid) {
        fix_utf8(a);
        fix_utf8(b);
        run(a, b, 1);
    }
    free(a);
    free(b);
    return 0;
}
