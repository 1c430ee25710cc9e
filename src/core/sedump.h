/* Stack Exchange data dump rows: a streaming reader for the dump's XML files (Posts.xml,
 * Users.xml, ...), each a root element holding <row A="v" .../> elements, built on expat so
 * memory stays flat whatever the file size; and the pure helpers that read a row's values
 * (integers, dates, tag lists). No database here: domain/import.c maps rows to Praxis. */
#ifndef PRAXIS_CORE_SEDUMP_H
#define PRAXIS_CORE_SEDUMP_H
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/err.h"

/* Called once per <row> that is a child of the root element. attrs is expat's array of
 * name, value pairs ending in NULL (values are unescaped, NUL-terminated UTF-8; they live
 * until the callback returns). Return 0 to go on, or a negative enum err to stop the parse
 * (sedump_feed then returns that code; the callback has set its own message). */
typedef int (*sedump_row_fn)(void *ud, const char **attrs);

struct sedump;

/* A parser calling fn(ud, attrs) per row. Free with sedump_free. */
struct sedump *sedump_new(sedump_row_fn fn, void *ud);
void sedump_free(struct sedump *p);
/* Parse the next n bytes (final = 1 on the last call, n may be 0). Returns 0, the
   callback's error, or ERR_INVALID with "line N: what" in e for malformed XML, a document
   type declaration (refused: no entities), or a file that ends early (final = 1 before
   the root closes). */
int sedump_feed(struct sedump *p, const char *data, size_t n, int final, struct errinfo *e);
unsigned long sedump_line(const struct sedump *p); /* current line (1-based) */
uint64_t sedump_rows(const struct sedump *p);      /* rows delivered so far */

/* The value of attribute name in attrs, or NULL when absent. */
const char *sedump_attr(const char **attrs, const char *name);
/* Decimal int64 spanning all of s: 0, or -1 when s is NULL, empty or not a number. */
int sedump_int(const char *s, int64_t *out);
/* "2018-02-06T20:19:50.957" (UTC, fraction and a trailing Z optional) to UTC seconds.
   0, or -1 when malformed or out of range (years 1970-9999). */
int sedump_time(const char *s, int64_t *out);
/* A Tags value, "<a><b>" or "|a|b|", as up to max tag names normalised to Praxis's tag
   alphabet by sedump_tag_norm (empty and duplicate results dropped). Arena copies. */
size_t sedump_tags(struct arena *a, const char *s, const char **out, size_t max);
/* Normalise a Stack Exchange tag name into out (size >= 31): lower-case ASCII letters,
   digits and '-'; "c++" -> "cpp", "c#" -> "csharp", ".net" -> "dotnet", other bytes become
   '-', runs of '-' collapse, ends trimmed, at most 30 characters. Returns its length
   (0 = nothing usable). */
size_t sedump_tag_norm(const char *s, size_t n, char *out, size_t size);

#endif
