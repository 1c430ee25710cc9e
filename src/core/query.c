/* The search query parser (see core/query.h for the language): one pass over the input,
 * splitting on ASCII whitespace, with quoted phrases, '-' exclusions, trailing '*' prefixes
 * and name:value filters. Every term is normalised to runs of letters and digits so the
 * store can quote it for either index without escaping anything. */
#include <stdlib.h>
#include <string.h>

#include "core/html.h"
#include "core/query.h"
#include "core/timeutil.h"
#include "core/utf8.h"
#include "core/util.h"

static int is_space(char ch)
{
    return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\f' || ch == '\v';
}

/* A byte that belongs to a word: ASCII letter or digit, or any byte of a UTF-8 sequence. */
static int is_word(unsigned char ch)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
           ch >= 0x80;
}

static char lower(char ch)
{
    return ch >= 'A' && ch <= 'Z' ? (char)(ch - 'A' + 'a') : ch;
}

/* Normalise s[0..n) into runs of word bytes, lower-cased, separated by one space; runs are
   cut at QUERY_MAX_WORD bytes (on a UTF-8 boundary). Returns the arena string ("" when s has
   no word bytes) and the number of runs in *runs. */
static const char *normalise(struct arena *a, const char *s, size_t n, size_t *runs)
{
    char *out = arena_alloc(a, n + 1);
    size_t i = 0, o = 0;
    *runs = 0;
    while (i < n) {
        size_t begin, k;
        while (i < n && !is_word((unsigned char)s[i]))
            i++;
        if (i >= n)
            break;
        if (o)
            out[o++] = ' ';
        begin = o;
        while (i < n && is_word((unsigned char)s[i])) {
            if (o - begin < QUERY_MAX_WORD)
                out[o++] = lower(s[i]);
            i++;
        }
        /* a run cut at the cap may end inside a UTF-8 sequence: drop the partial one */
        k = o;
        while (k > begin && ((unsigned char)out[k - 1] & 0xC0) == 0x80)
            k--;
        if (k > begin && (unsigned char)out[k - 1] >= 0x80 && !utf8_valid(out + k - 1, o - k + 1))
            o = k - 1;
        if (o == begin) { /* nothing left of this run */
            o = begin ? begin - 1 : 0;
            continue;
        }
        (*runs)++;
    }
    out[o] = '\0';
    return out;
}

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
static int64_t days_from_civil(int64_t y, int m, int d)
{
    int64_t era, yoe, doy, doe;
    y -= m <= 2;
    era = (y >= 0 ? y : y - 399) / 400;
    yoe = y - era * 400;
    doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

/* "YYYY-MM-DD" (exactly) into UTC seconds at 00:00 that day; -1 if not a real date. */
static int parse_date(const char *s, size_t n, int64_t *out)
{
    static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int y, m, d;
    size_t i;
    if (n != 10 || s[4] != '-' || s[7] != '-')
        return -1;
    for (i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
            return -1;
    y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    m = (s[5] - '0') * 10 + (s[6] - '0');
    d = (s[8] - '0') * 10 + (s[9] - '0');
    if (y < 1970 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
        return -1;
    if (m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return -1;
    *out = days_from_civil(y, m, d) * 86400;
    return 0;
}

/* A filter value: lower-cased copy of s[0..n); NULL if empty. */
static const char *filter_value(struct arena *a, const char *s, size_t n)
{
    char *v;
    size_t i;
    if (!n)
        return NULL;
    v = arena_strndup(a, s, n);
    for (i = 0; i < n; i++)
        v[i] = lower(v[i]);
    return v;
}

static int add_term(struct query *q, struct arena *a, const char *s, size_t n, int phrase,
                    int prefix, int neg, struct errinfo *e)
{
    size_t runs;
    const char *text = normalise(a, s, n, &runs);
    if (!runs)
        return 0; /* punctuation only: nothing to look for */
    if (q->nterms >= QUERY_MAX_TERMS)
        return error_set(e, ERR_INVALID, "q", "Your search has too many words (at most %d).",
                         QUERY_MAX_TERMS);
    if (prefix) {
        const char *last = strrchr(text, ' ');
        last = last ? last + 1 : text;
        if (utf8_chars(last, strlen(last)) < 2)
            return error_set(e, ERR_INVALID, "q",
                             "A prefix search needs at least 2 letters before the *.");
    }
    q->terms[q->nterms].text = text;
    q->terms[q->nterms].phrase = phrase || runs > 1;
    q->terms[q->nterms].quoted = phrase;
    q->terms[q->nterms].prefix = prefix;
    q->terms[q->nterms].neg = neg;
    q->nterms++;
    if (!neg)
        q->npos++;
    return 0;
}

/* A name:value filter; returns 1 if name was a filter (handled or error in *rc), 0 if the
   token is an ordinary word. */
static int add_filter(struct query *q, struct arena *a, const char *name, size_t nlen,
                      const char *v, size_t vlen, struct errinfo *e, int *rc)
{
    char nm[8];
    size_t i;
    *rc = 0;
    if (nlen >= sizeof(nm))
        return 0;
    for (i = 0; i < nlen; i++)
        nm[i] = lower(name[i]);
    nm[nlen] = '\0';
    if (!str_eq(nm, "tag") && !str_eq(nm, "in") && !str_eq(nm, "author") && !str_eq(nm, "is") &&
        !str_eq(nm, "before") && !str_eq(nm, "after"))
        return 0;
    if (!vlen) {
        *rc = error_set(e, ERR_INVALID, "q", "%s: needs a value, as in %s", nm,
                        str_eq(nm, "tag")      ? "tag:yeast"
                        : str_eq(nm, "in")     ? "in:homebrewing"
                        : str_eq(nm, "author") ? "author:ada"
                        : str_eq(nm, "is")     ? "is:question"
                                               : "after:2024-01-31");
        return 1;
    }
    if (vlen > 64) {
        *rc = error_set(e, ERR_INVALID, "q", "The value of %s: is too long.", nm);
        return 1;
    }
    if (str_eq(nm, "tag")) {
        if (q->ntags >= QUERY_MAX_TAGS) {
            *rc = error_set(e, ERR_INVALID, "q", "Use at most %d tag: filters.", QUERY_MAX_TAGS);
            return 1;
        }
        q->tags[q->ntags++] = filter_value(a, v, vlen);
    } else if (str_eq(nm, "in")) {
        q->in = filter_value(a, v, vlen);
    } else if (str_eq(nm, "author")) {
        while (vlen && *v == '@') {
            v++;
            vlen--;
        }
        if (!vlen) {
            *rc = error_set(e, ERR_INVALID, "q", "author: needs a name, as in author:ada");
            return 1;
        }
        q->author = filter_value(a, v, vlen);
    } else if (str_eq(nm, "is")) {
        const char *x = filter_value(a, v, vlen);
        if (str_eq(x, "question"))
            q->is = QUERY_IS_QUESTION;
        else if (str_eq(x, "discussion"))
            q->is = QUERY_IS_DISCUSSION;
        else if (str_eq(x, "article"))
            q->is = QUERY_IS_ARTICLE;
        else if (str_eq(x, "solved"))
            q->solved = 1;
        else if (str_eq(x, "unanswered"))
            q->unanswered = 1;
        else
            *rc = error_set(e, ERR_INVALID, "q",
                            "is: takes question, discussion, article, solved or unanswered.");
    } else {
        int64_t t;
        if (parse_date(v, vlen, &t) < 0) {
            *rc = error_set(e, ERR_INVALID, "q",
                            "%s: takes a date written YYYY-MM-DD, as in %s:2024-01-31.", nm, nm);
            return 1;
        }
        if (str_eq(nm, "before"))
            q->before = t;
        else
            q->after = t;
    }
    return 1;
}

int query_parse(const char *s, struct arena *a, struct query *q, struct errinfo *e)
{
    size_t n = s ? strlen(s) : 0, i = 0;
    memset(q, 0, sizeof(*q));
    if (n > QUERY_MAX_LEN)
        return error_set(e, ERR_INVALID, "q", "Your search is too long (at most %d characters).",
                         QUERY_MAX_LEN);
    if (!utf8_valid(s ? s : "", n))
        return error_set(e, ERR_INVALID, "q", "Your search is not valid UTF-8 text.");
    while (i < n) {
        int neg = 0, rc;
        size_t start;
        while (i < n && is_space(s[i]))
            i++;
        if (i >= n)
            break;
        if (s[i] == '-' && i + 1 < n && !is_space(s[i + 1])) {
            neg = 1;
            i++;
        }
        if (s[i] == '"') {
            size_t close = i + 1;
            while (close < n && s[close] != '"')
                close++;
            if (close >= n)
                return error_set(e, ERR_INVALID, "q",
                                 "A phrase is missing its closing quote (\").");
            /* "a phrase"* : the last word is a prefix */
            if ((rc = add_term(q, a, s + i + 1, close - i - 1, 1,
                               close + 1 < n && s[close + 1] == '*', neg, e)) < 0)
                return rc;
            i = close + 1;
            if (i < n && s[i] == '*')
                i++;
            continue;
        }
        start = i;
        while (i < n && !is_space(s[i]) && s[i] != '"')
            i++;
        {
            const char *tok = s + start;
            size_t len = i - start;
            const char *colon = memchr(tok, ':', len);
            int prefix = 0;
            if (colon && !neg && colon > tok) {
                if (add_filter(q, a, tok, (size_t)(colon - tok), colon + 1,
                               len - (size_t)(colon - tok) - 1, e, &rc)) {
                    if (rc < 0)
                        return rc;
                    continue;
                }
            }
            if (len > 1 && tok[len - 1] == '*' && is_word((unsigned char)tok[len - 2])) {
                prefix = 1;
                len--;
            }
            if ((rc = add_term(q, a, tok, len, 0, prefix, neg, e)) < 0)
                return rc;
        }
    }
    if (!q->nterms && !query_has_filters(q))
        return error_set(e, ERR_INVALID, "q", "Type some words to search for.");
    if (q->nterms && !q->npos)
        return error_set(e, ERR_INVALID, "q",
                         "Add a word to look for: -word only leaves things out.");
    if (q->before && q->after && q->after >= q->before)
        return error_set(e, ERR_INVALID, "q", "after: must be an earlier date than before:.");
    /* The canonical form can be longer than the input (a-b becomes "a b", x"y" becomes
       x "y"); it is a query too (search links, the zero-result list), so it must parse. */
    {
        struct buf nb = BUF_INIT;
        size_t nlen;
        query_normalize(q, &nb);
        nlen = nb.len;
        buf_release(&nb);
        if (nlen > QUERY_MAX_LEN)
            return error_set(e, ERR_INVALID, "q",
                             "Your search is too long (at most %d characters).", QUERY_MAX_LEN);
    }
    return 0;
}

int query_has_filters(const struct query *q)
{
    return q->ntags || q->in || q->author || q->is != QUERY_IS_ANY || q->solved || q->unanswered ||
           q->before || q->after;
}

/* "YYYY-MM-DD" of UTC seconds t (t >= 0). */
static void put_date(struct buf *out, int64_t t)
{
    char iso[32];
    time_iso(t, iso);
    buf_append(out, iso, 10);
}

void query_normalize(const struct query *q, struct buf *out)
{
    static const char *const is_names[] = {"", "question", "discussion", "article"};
    size_t i, start = out->len;
#define SEP()                                                                                      \
    do {                                                                                           \
        if (out->len > start)                                                                      \
            buf_putc(out, ' ');                                                                    \
    } while (0)
    for (i = 0; i < q->nterms; i++) {
        const struct query_term *t = &q->terms[i];
        SEP();
        if (t->neg)
            buf_putc(out, '-');
        if (t->phrase)
            buf_printf(out, "\"%s\"", t->text);
        else
            buf_puts(out, t->text);
        if (t->prefix)
            buf_putc(out, '*');
    }
    for (i = 0; i < q->ntags; i++) {
        SEP();
        buf_printf(out, "tag:%s", q->tags[i]);
    }
    if (q->in) {
        SEP();
        buf_printf(out, "in:%s", q->in);
    }
    if (q->author) {
        SEP();
        buf_printf(out, "author:%s", q->author);
    }
    if (q->is != QUERY_IS_ANY) {
        SEP();
        buf_printf(out, "is:%s", is_names[q->is]);
    }
    if (q->solved) {
        SEP();
        buf_puts(out, "is:solved");
    }
    if (q->unanswered) {
        SEP();
        buf_puts(out, "is:unanswered");
    }
    if (q->after) {
        SEP();
        buf_puts(out, "after:");
        put_date(out, q->after);
    }
    if (q->before) {
        SEP();
        buf_puts(out, "before:");
        put_date(out, q->before);
    }
#undef SEP
}

size_t query_words(const char *s, struct arena *a, size_t min_chars, const char **words, size_t max)
{
    size_t runs, nw = 0;
    const char *p;
    if (!s || !max)
        return 0;
    if (strlen(s) > 4 * QUERY_MAX_LEN || !utf8_valid(s, strlen(s)))
        return 0;
    p = normalise(a, s, strlen(s), &runs);
    while (*p && nw < max) {
        const char *sp = strchr(p, ' ');
        size_t len = sp ? (size_t)(sp - p) : strlen(p), i;
        int dup = 0;
        if (utf8_chars(p, len) >= min_chars) {
            for (i = 0; i < nw; i++)
                if (strlen(words[i]) == len && !memcmp(words[i], p, len))
                    dup = 1;
            if (!dup)
                words[nw++] = arena_strndup(a, p, len);
        }
        p += len;
        if (*p == ' ')
            p++;
    }
    return nw;
}

void query_snippet_html(struct buf *out, const char *s)
{
    int open = 0;
    const char *run = s;
    if (!s)
        return;
    for (;; s++) {
        unsigned char ch = (unsigned char)*s;
        if (ch >= 0x20 || ch == '\t')
            continue;
        html_textn(out, run, (size_t)(s - run));
        run = s + 1;
        if (!ch)
            break;
        if (ch == (unsigned char)QUERY_MARK_OPEN && !open) {
            buf_puts(out, "<mark>");
            open = 1;
        } else if (ch == (unsigned char)QUERY_MARK_CLOSE && open) {
            buf_puts(out, "</mark>");
            open = 0;
        } else if (ch == '\n' || ch == '\r') {
            buf_putc(out, ' ');
        }
    }
    if (open)
        buf_puts(out, "</mark>");
}

/* 1 for an ASCII letter or digit, or any byte of a multi-byte character. */
static int word_byte(unsigned char ch)
{
    return ch >= 0x80 || (ch >= '0' && ch <= '9') || ((ch | 0x20) >= 'a' && (ch | 0x20) <= 'z');
}

/* p just after "](" or at "<http": the end of the link target (after its ')' or '>', or the
   string's end when it was cut off). Nested parentheses in a URL are followed. */
static const char *skip_target(const char *p, char close)
{
    int depth = 0;
    for (; *p; p++) {
        if (close == ')' && *p == '(')
            depth++;
        else if (*p == close && depth-- == 0)
            return p + 1;
        else if (*p == ' ' || *p == '\n')
            return p; /* a target has no space: this was not one */
    }
    return p;
}

char *query_snippet_plain(struct arena *a, const char *s)
{
    size_t n = strlen(s);
    char *out = arena_alloc(a, n + 1), *o = out;
    const char *p = s;
    int line_start = 1;
    while (*p) {
        unsigned char ch = (unsigned char)*p;
        if (line_start) { /* block markers at a line's start: #, >, -, +, *, "1." */
            const char *q = p;
            while (*q == ' ' || *q == '\t')
                q++;
            while (*q == '>' || *q == '#')
                q++;
            if ((*q == '-' || *q == '+' || *q == '*') && q[1] == ' ')
                q++;
            else if (*q >= '0' && *q <= '9') {
                const char *d = q;
                while (*d >= '0' && *d <= '9')
                    d++;
                if ((*d == '.' || *d == ')') && d[1] == ' ')
                    q = d + 1;
            }
            p = q;
            line_start = 0;
            continue;
        }
        if (ch == '\n' || ch == '\r' || ch == '\t' || ch == ' ') {
            if (o > out && o[-1] != ' ')
                *o++ = ' ';
            line_start = ch == '\n';
            p++;
            continue;
        }
        if (ch == '\\' && p[1] && strchr("\\`*_{}[]()#+-.!<>~|", p[1])) {
            *o++ = p[1];
            p += 2;
            continue;
        }
        if (ch == ']' && p[1] == '(') {
            p = skip_target(p + 2, ')');
            continue;
        }
        if (ch == '<' && (!strncmp(p + 1, "http://", 7) || !strncmp(p + 1, "https://", 8) ||
                          !strncmp(p + 1, "mailto:", 7))) {
            const char *end = skip_target(p + 1, '>');
            if (end > p + 1 && end[-1] == '>') { /* keep the address, drop the brackets */
                memcpy(o, p + 1, (size_t)(end - p - 2));
                o += end - p - 2;
                p = end;
                continue;
            }
        }
        if ((ch == '!' && p[1] == '[') || ch == '[' || ch == ']' || ch == '`' || ch == '*' ||
            ch == '~') {
            p++;
            continue;
        }
        if (ch == '_' &&
            (p == s || !word_byte((unsigned char)p[-1]) || !word_byte((unsigned char)p[1]))) {
            p++;
            continue;
        }
        *o++ = *p++;
    }
    while (o > out && o[-1] == ' ')
        o--;
    *o = '\0';
    return out;
}

/* ------------------------------------------------------------------------------------------ */
/* Natural questions: plain queries, stop words, the words of a some-words search. */

int query_is_plain(const struct query *q)
{
    size_t i;
    if (!q->npos || q->ntags || q->author || q->is != QUERY_IS_ANY || q->solved || q->unanswered ||
        q->before || q->after)
        return 0;
    for (i = 0; i < q->nterms; i++)
        if (q->terms[i].quoted || q->terms[i].prefix || q->terms[i].neg)
            return 0;
    return 1;
}

/* English function words and the question words people start sentences with; sorted for
   bsearch. Contractions appear as the indexes split them ("don't" is "don" "t"). */
static const char *const stop_words[] = {
    "a",      "about",   "above",     "after",   "again",   "against", "all",     "also",
    "am",     "an",      "and",       "any",     "are",     "aren",    "as",      "at",
    "be",     "because", "been",      "before",  "being",   "below",   "between", "both",
    "but",    "by",      "can",       "could",   "couldn",  "d",       "did",     "didn",
    "do",     "does",    "doesn",     "doing",   "don",     "down",    "during",  "each",
    "else",   "etc",     "ever",      "every",   "few",     "for",     "from",    "further",
    "get",    "gets",    "getting",   "got",     "had",     "hadn",    "has",     "hasn",
    "have",   "haven",   "having",    "he",      "her",     "here",    "hers",    "herself",
    "him",    "himself", "his",       "how",     "i",       "if",      "in",      "into",
    "is",     "isn",     "it",        "its",     "itself",  "just",    "ll",      "m",
    "me",     "might",   "more",      "most",    "much",    "must",    "my",      "myself",
    "no",     "nor",     "not",       "now",     "of",      "off",     "on",      "once",
    "only",   "or",      "other",     "our",     "ours",    "out",     "over",    "own",
    "re",     "really",  "s",         "same",    "shall",   "she",     "should",  "shouldn",
    "so",     "some",    "something", "such",    "t",       "than",    "that",    "the",
    "their",  "theirs",  "them",      "then",    "there",   "these",   "they",    "thing",
    "things", "this",    "those",     "through", "to",      "too",     "under",   "until",
    "up",     "us",      "ve",        "very",    "was",     "wasn",    "we",      "were",
    "weren",  "what",    "when",      "where",   "whether", "which",   "while",   "who",
    "whom",   "why",     "will",      "with",    "won",     "would",   "wouldn",  "you",
    "your",   "yours",   "yourself",
};

static int cmp_word(const void *k, const void *e)
{
    return strcmp((const char *)k, *(const char *const *)e);
}

int query_stop_word(const char *w)
{
    return bsearch(w, stop_words, ARRAY_SIZE(stop_words), sizeof(stop_words[0]), cmp_word) != NULL;
}

size_t query_some_words(const struct query *q, struct arena *a, const char **words, size_t max)
{
    size_t i, n = 0;
    for (i = 0; i < q->nterms && n < max; i++) {
        const char *p = q->terms[i].text;
        if (q->terms[i].neg)
            continue;
        while (*p && n < max) {
            size_t len = strcspn(p, " "), j;
            const char *w = arena_strndup(a, p, len);
            int keep = utf8_chars(w, len) >= 2 && !query_stop_word(w);
            for (j = 0; keep && j < n; j++)
                if (!strcmp(words[j], w))
                    keep = 0;
            if (keep)
                words[n++] = w;
            p += len;
            while (*p == ' ')
                p++;
        }
    }
    return n;
}

/* Up to QUERY_MAX_WORD code points of s. */
static size_t code_points(const char *s, unsigned *cp)
{
    size_t n = 0, len = strlen(s);
    while (len && n < QUERY_MAX_WORD) {
        size_t k = utf8_decode(s, len, &cp[n]);
        if (!k) { /* not UTF-8: bytes */
            cp[n] = (unsigned char)*s;
            k = 1;
        }
        n++;
        s += k;
        len -= k;
    }
    return n;
}

int query_edit_distance(const char *a, const char *b, int max)
{
    unsigned x[QUERY_MAX_WORD], y[QUERY_MAX_WORD];
    int d[3][QUERY_MAX_WORD + 1]; /* row i in d[i % 3] (optimal string alignment) */
    size_t n = code_points(a, x), m = code_points(b, y), i, j;
    if ((n > m ? n - m : m - n) > (size_t)max)
        return max + 1;
    for (j = 0; j <= m; j++)
        d[0][j] = (int)j;
    for (i = 1; i <= n; i++) {
        int *cur = d[i % 3], *prev = d[(i + 2) % 3], *pp = d[(i + 1) % 3], best;
        cur[0] = (int)i;
        best = cur[0];
        for (j = 1; j <= m; j++) {
            int c = prev[j - 1] + (x[i - 1] != y[j - 1]);
            if (prev[j] + 1 < c)
                c = prev[j] + 1;
            if (cur[j - 1] + 1 < c)
                c = cur[j - 1] + 1;
            if (i > 1 && j > 1 && x[i - 1] == y[j - 2] && x[i - 2] == y[j - 1] && pp[j - 2] + 1 < c)
                c = pp[j - 2] + 1;
            cur[j] = c;
            if (c < best)
                best = c;
        }
        if (best > max)
            return max + 1;
    }
    return d[n % 3][m] > max ? max + 1 : d[n % 3][m];
}

/* ------------------------------------------------------------------------------------------ */
/* Query files for `praxis search evaluate`. */

int query_file_parse(const char *s, size_t len, struct arena *a, struct query_file_line **out,
                     size_t *n, struct errinfo *e)
{
    size_t cap = 16, line = 0, i = 0;
    struct query_file_line *v = ARENA_ARRAY(a, struct query_file_line, cap);
    *out = NULL;
    *n = 0;
    if (!utf8_valid(s, len))
        return error_set(e, ERR_INVALID, "file", "the file is not valid UTF-8 text");
    if (memchr(s, '\0', len))
        return error_set(e, ERR_INVALID, "file", "the file holds a NUL byte");
    while (i < len) {
        const char *l = s + i, *nl = memchr(l, '\n', len - i), *tab, *p;
        size_t ll = nl ? (size_t)(nl - l) : len - i, k;
        int64_t id = 0;
        struct query q;
        struct errinfo qe;
        line++;
        i += ll + (nl != NULL);
        if (!nl)
            return error_set(e, ERR_INVALID, "file", "line %zu: the last line has no newline",
                             line);
        if (ll && l[ll - 1] == '\r')
            return error_set(e, ERR_INVALID, "file",
                             "line %zu: carriage return (the file must use \\n line ends)", line);
        if (!ll)
            return error_set(e, ERR_INVALID, "file", "line %zu: empty line", line);
        if (l[0] == '#')
            continue; /* a comment */
        tab = memchr(l, '\t', ll);
        if (!tab)
            return error_set(e, ERR_INVALID, "file",
                             "line %zu: expected question-id<TAB>query (no tab)", line);
        if (tab == l)
            return error_set(e, ERR_INVALID, "file", "line %zu: the question id is missing", line);
        if (l[0] == '0')
            return error_set(e, ERR_INVALID, "file",
                             "line %zu: the question id is a positive number without leading "
                             "zeros",
                             line);
        for (p = l; p < tab; p++) {
            if (*p < '0' || *p > '9')
                return error_set(e, ERR_INVALID, "file",
                                 "line %zu: the question id is not a number", line);
            if (id > (INT64_MAX - 9) / 10)
                return error_set(e, ERR_INVALID, "file", "line %zu: the question id is too large",
                                 line);
            id = id * 10 + (*p - '0');
        }
        if (memchr(tab + 1, '\t', ll - (size_t)(tab + 1 - l)))
            return error_set(e, ERR_INVALID, "file", "line %zu: more than one tab", line);
        if (tab + 1 == l + ll)
            return error_set(e, ERR_INVALID, "file", "line %zu: the query is empty", line);
        for (k = 0; k < *n; k++)
            if (v[k].id == id)
                return error_set(e, ERR_INVALID, "file",
                                 "line %zu: question %lld is already on line %zu", line,
                                 (long long)id, v[k].line);
        memset(&qe, 0, sizeof(qe));
        {
            const char *text = arena_strndup(a, tab + 1, ll - (size_t)(tab + 1 - l));
            if (utf8_has_controls(text, 0))
                return error_set(e, ERR_INVALID, "file",
                                 "line %zu: the query holds a control character", line);
            if (query_parse(text, a, &q, &qe) < 0)
                return error_set(e, ERR_INVALID, "file", "line %zu: %s", line, qe.msg);
            if (*n == cap) {
                struct query_file_line *w = ARENA_ARRAY(a, struct query_file_line, cap * 2);
                memcpy(w, v, cap * sizeof(*v));
                v = w;
                cap *= 2;
            }
            v[*n].id = id;
            v[*n].query = text;
            v[*n].line = line;
            (*n)++;
        }
    }
    if (!*n)
        return error_set(e, ERR_INVALID, "file", "the file holds no queries");
    *out = v;
    return 0;
}
