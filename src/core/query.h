/* The search query language: a string typed by a person into a struct of terms and filters.
 *
 *   brewing yeast         words (all must match; stemmed by the index)
 *   "wild yeast"          a phrase (the words in this order)
 *   -lager  -"dry hop"    exclude a word or a phrase
 *   ferment*              prefix (at least 2 letters before the *)
 *   "wild yea"*           a phrase whose last word is a prefix
 *   tag:x                 tagged x (up to QUERY_MAX_TAGS, all must hold)
 *   in:slug               in that community
 *   author:name           written by @name (a leading @ is allowed)
 *   is:question | is:discussion | is:article | is:solved | is:unanswered
 *   before:YYYY-MM-DD     created before that day (UTC)
 *   after:YYYY-MM-DD      created on or after that day (UTC)
 *
 * Words are normalised to runs of letters and digits (ASCII letters lower-cased; bytes of
 * UTF-8 sequences count as letters), so a term holds nothing but letters, digits and single
 * spaces between runs: "don't" is the phrase "don t", as both indexes tokenise it. A name:
 * prefix that is not one of the filters above is an ordinary word ("c++:" is "c").
 *
 * Pure: no I/O, no SQL. The store turns a parsed query into an FTS5 MATCH expression or a
 * PostgreSQL tsquery (store/search.c), quoting every term. */
#ifndef PRAXIS_CORE_QUERY_H
#define PRAXIS_CORE_QUERY_H
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/err.h"

#define QUERY_MAX_LEN   500 /* bytes of input */
#define QUERY_MAX_TERMS 32  /* words, phrases and exclusions together (a typed question: 20-odd) */
#define QUERY_MAX_TAGS  3
#define QUERY_MAX_WORD  64 /* bytes of one normalised word run */

struct query_term {
    const char *text; /* lower-cased runs of letters/digits separated by one space */
    int phrase;       /* typed in quotes, or normalised into several runs */
    int prefix;       /* word* : the last run is a prefix */
    int neg;          /* -word / -"phrase" */
    int quoted;       /* typed in quotes */
};

enum query_is {
    QUERY_IS_ANY,
    QUERY_IS_QUESTION,
    QUERY_IS_DISCUSSION,
    QUERY_IS_ARTICLE,
    QUERY_IS__MAX
};

struct query {
    struct query_term terms[QUERY_MAX_TERMS];
    size_t nterms;                    /* all terms */
    size_t npos;                      /* terms with neg == 0 */
    const char *tags[QUERY_MAX_TAGS]; /* lower-cased */
    size_t ntags;
    const char *in;     /* community slug (lower-cased) or NULL */
    const char *author; /* user name (lower-cased, without @) or NULL */
    enum query_is is;   /* kind of thread (or article) */
    int solved;         /* is:solved */
    int unanswered;     /* is:unanswered */
    int64_t before;     /* created_at < before; 0 = no bound */
    int64_t after;      /* created_at >= after; 0 = no bound */
};

/* Parse s into q; strings are allocated in a. Returns 0, or ERR_INVALID with a message for
   the person in e (field "q"): empty query, too long, invalid UTF-8, unclosed quote, unknown
   is: value, bad date, too many terms or tags, only exclusions. "Too long" is checked on s
   (QUERY_MAX_LEN bytes) and again on its normalised form (query_normalize), which can be
   longer than s; so the normalised form of every accepted query is itself accepted. */
int query_parse(const char *s, struct arena *a, struct query *q, struct errinfo *e);

/* 1 if q has any filter (tag, in, author, is, before, after). */
int query_has_filters(const struct query *q);

/* The canonical text of q (terms in order, then filters), lower-cased with single spaces:
   the key under which zero-result searches are counted. Appended to out. */
void query_normalize(const struct query *q, struct buf *out);

/* Split s into at most max normalised word runs (as query terms are), skipping runs shorter
   than min_chars code points and duplicates; for similar-question matching. Returns how
   many were stored in words (allocated in a). */
size_t query_words(const char *s, struct arena *a, size_t min_chars, const char **words,
                   size_t max);

/* 1 if q is words only, as people type questions: no quotes, prefix*, -exclusion or filter
   other than in: (a scope, which a community's search box adds). Such queries may fall back
   to results matching some of their words (domain/search.c). */
int query_is_plain(const struct query *q);
/* 1 if w (a normalised run) is an English function word ignored by some-words searches. */
int query_stop_word(const char *w);
/* The distinct runs of q's positive terms with at least 2 code points that are not stop
   words, at most max, in order (allocated in a). */
size_t query_some_words(const struct query *q, struct arena *a, const char **words, size_t max);
/* Edit distance between a and b in code points (insertions, deletions, substitutions and
   transpositions of neighbours), or max + 1 when it is more than max. Words longer than
   QUERY_MAX_WORD code points are compared on their first QUERY_MAX_WORD. */
int query_edit_distance(const char *a, const char *b, int max);

/* A query file (praxis search evaluate): one "question-id<TAB>query" per line, each line
   ending in \n; '#' at a line's start makes a comment line. Strict: the id is a positive
   decimal number without leading zeros, unique; exactly one tab; the query non-empty, free
   of control characters and accepted by query_parse. */
struct query_file_line {
    int64_t id;
    const char *query;
    size_t line; /* 1-based */
};
/* Parse s[0..len) into *out (in a). Returns 0, or ERR_INVALID with "line N: ..." in e. */
int query_file_parse(const char *s, size_t len, struct arena *a, struct query_file_line **out,
                     size_t *n, struct errinfo *e);

/* Snippet markers: the store asks the index to wrap matches in these bytes, never in HTML. */
#define QUERY_MARK_OPEN  '\x02'
#define QUERY_MARK_CLOSE '\x03'
/* Append snippet s as HTML: text escaped (html_textn), each QUERY_MARK_OPEN ..
   QUERY_MARK_CLOSE pair turned into <mark>..</mark> (never nested, always closed; stray
   markers dropped), other control bytes except newline and tab dropped, newlines as spaces. */
void query_snippet_html(struct buf *out, const char *s);
/* Snippet s (an excerpt of Markdown source, with QUERY_MARK_* bytes) as plain text, in a:
   link and image syntax keeps only its text ([text](url) and ![alt](url) read "text" and
   "alt"; a link's target, even when cut off at the end, is dropped, with any markers inside
   it), the brackets of <https://...> autolinks, emphasis and strikethrough markers (* and ~;
   _ next to a non-word byte), backticks, heading #s, quote >s and list bullets at a line's
   start and backslash escapes are dropped, and every run of white space becomes one space.
   Markers outside dropped spans are kept as they are. Never NULL. */
char *query_snippet_plain(struct arena *a, const char *s);

#endif
