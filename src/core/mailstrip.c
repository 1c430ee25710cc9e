/* The reply part of a mail body (see mailstrip.h): the lines without those starting with
 * '>' (dropped first, so markers are found the same way in a reply already stripped: the
 * cut is idempotent), cut at the first line that opens quoted material, a signature or a
 * device trailer, then trimmed of blank lines at both ends. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/mailstrip.h"
#include "core/util.h"

struct line {
    const char *s; /* start */
    size_t n;      /* bytes, without \r\n */
};

#define LOOKAHEAD 4 /* lines an attribution or Outlook block may span */

static int line_is_blank(struct line l)
{
    size_t i;
    for (i = 0; i < l.n; i++)
        if (l.s[i] != ' ' && l.s[i] != '\t')
            return 0;
    return 1;
}

/* l without leading and trailing white space. */
static struct line trim(struct line l)
{
    while (l.n && (*l.s == ' ' || *l.s == '\t')) {
        l.s++;
        l.n--;
    }
    while (l.n && (l.s[l.n - 1] == ' ' || l.s[l.n - 1] == '\t'))
        l.n--;
    return l;
}

static int has_prefix_ci(struct line l, const char *p)
{
    size_t n = strlen(p);
    return l.n >= n && !strncasecmp(l.s, p, n);
}

static int has_suffix(struct line l, const char *p)
{
    size_t n = strlen(p);
    return l.n >= n && !memcmp(l.s + l.n - n, p, n);
}

static int contains(struct line l, const char *p)
{
    size_t n = strlen(p), i;
    for (i = 0; i + n <= l.n; i++)
        if (!memcmp(l.s + i, p, n))
            return 1;
    return 0;
}

/* Attribution openers and the words that close them ("On" ... "wrote:"). */
static const struct {
    const char *open;  /* first word, with its space */
    const char *word;  /* must appear in the joined lines */
    const char *close; /* the joined lines end with this */
} attributions[] = {
    {"On ", "wrote", "wrote:"}, {"Le ", "crit", ":"},      {"Am ", "schrieb", ":"},
    {"El ", "escribi", ":"},    {"Il ", "scritto", ":"},   {"Op ", "schreef", ":"},
    {"Em ", "escreveu", ":"},   {"W dniu ", "pisze", ":"},
};

/* 1 when lines[i..] start an attribution: the line opens with an opener and it, or it
   joined with up to LOOKAHEAD-1 following non-blank lines, holds the word and ends with the
   close. Joined text is checked a line at a time (each line's own end). */
static int is_attribution(const struct line *lines, size_t nlines, size_t i)
{
    size_t k, j;
    struct line first = trim(lines[i]);
    for (k = 0; k < sizeof(attributions) / sizeof(attributions[0]); k++) {
        int word = 0;
        if (!has_prefix_ci(first, attributions[k].open) ||
            strncmp(first.s, attributions[k].open, 1)) /* capitalised opener */
            continue;
        for (j = i; j < nlines && j < i + LOOKAHEAD; j++) {
            struct line l = trim(lines[j]);
            if (j > i && line_is_blank(l))
                break;
            if (contains(l, attributions[k].word))
                word = 1;
            if (word && has_suffix(l, attributions[k].close))
                return 1;
        }
    }
    return 0;
}

/* "-----Original Message-----", "----- Original Message -----", any case. */
static int is_original_message(struct line l)
{
    size_t i = 0, d = 0;
    l = trim(l);
    while (i < l.n && l.s[i] == '-') {
        i++;
        d++;
    }
    while (i < l.n && l.s[i] == ' ')
        i++;
    if (d < 2 || l.n - i < 16 || strncasecmp(l.s + i, "original message", 16))
        return 0;
    i += 16;
    while (i < l.n && (l.s[i] == ' ' || l.s[i] == '-'))
        i++;
    return i == l.n;
}

/* Outlook: "From: x" with "Sent:" or "Date:" and "To:" or "Subject:" within the next
   LOOKAHEAD lines (French and German labels too); or a rule of
   underscores followed by "From:". */
static int is_outlook_block(const struct line *lines, size_t nlines, size_t i)
{
    struct line l = trim(lines[i]);
    size_t j;
    int sent = 0, to = 0;
    if (l.n >= 10 && strspn(l.s, "_") >= 10 && i + 1 < nlines &&
        has_prefix_ci(trim(lines[i + 1]), "From:"))
        return 1;
    if (!has_prefix_ci(l, "From:") && !has_prefix_ci(l, "De :") && !has_prefix_ci(l, "Von:"))
        return 0;
    for (j = i + 1; j < nlines && j <= i + LOOKAHEAD; j++) {
        struct line m = trim(lines[j]);
        if (has_prefix_ci(m, "Sent:") || has_prefix_ci(m, "Date:") || has_prefix_ci(m, "Envoy") ||
            has_prefix_ci(m, "Gesendet:"))
            sent = 1;
        if (has_prefix_ci(m, "To:") || has_prefix_ci(m, "Subject:") || has_prefix_ci(m, "À :") ||
            has_prefix_ci(m, "An:") || has_prefix_ci(m, "Objet :") || has_prefix_ci(m, "Betreff:"))
            to = 1;
    }
    return sent && to;
}

static int is_signature(struct line l)
{
    return (l.n == 3 && !memcmp(l.s, "-- ", 3)) || (l.n == 2 && !memcmp(l.s, "--", 2));
}

static int is_trailer(struct line l)
{
    static const char *const starts[] = {
        "Sent from my ",     "Sent from Mail for ",  "Sent from Yahoo Mail",
        "Sent from Outlook", "Get Outlook for ",     "Envoyé de mon ",
        "Envoyé depuis ",    "Von meinem ",          "Enviado desde mi ",
        "Inviato da ",       "Sent with ProtonMail", "Sent with Proton Mail"};
    size_t k;
    l = trim(l);
    if (l.n > 80)
        return 0;
    for (k = 0; k < sizeof(starts) / sizeof(starts[0]); k++)
        if (has_prefix_ci(l, starts[k]))
            return 1;
    return 0;
}

void mailstrip_reply(struct buf *out, const char *body)
{
    struct line *lines = NULL;
    size_t nlines = 0, cap = 0, i, first, last;
    const char *p = body ? body : "";
    int wrote = 0;

    while (*p) {
        const char *e = strchr(p, '\n');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        if (nlines == cap) {
            cap = cap ? cap * 2 : 64;
            lines = x_realloc(lines, cap * sizeof(*lines));
        }
        lines[nlines].s = p;
        lines[nlines].n = n && p[n - 1] == '\r' ? n - 1 : n;
        if (*p != '>') /* quoted lines are dropped before anything else looks */
            nlines++;
        p += n + (e ? 1 : 0);
    }
    for (i = 0; i < nlines; i++) {
        struct line l = lines[i];
        if (is_attribution(lines, nlines, i) || is_original_message(l) ||
            is_outlook_block(lines, nlines, i) || is_signature(l) || is_trailer(l))
            break;
    }
    last = i;
    first = 0;
    while (first < last && line_is_blank(lines[first]))
        first++;
    while (last > first && line_is_blank(lines[last - 1]))
        last--;
    for (i = first; i < last; i++) {
        if (wrote++)
            buf_putc(out, '\n');
        buf_append(out, lines[i].s, lines[i].n);
    }
    free(lines);
}
