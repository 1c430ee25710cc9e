/* Differences between two UTF-8 texts, rendered as safe HTML: an inline word-level diff
 * (post history, issue 3) and a line table with word-level highlights inside changed lines
 * (article history, issue 4).
 *
 * Tokens. The word diff compares tokens: a maximal run of word bytes ([A-Za-z0-9] and every
 * byte >= 0x80, so a multi-byte character is never split and "café" or "日本語" is one word),
 * a maximal run of blanks (space, \t, \r, \v, \f), a single "\n", or a single other byte
 * (punctuation, control). The line diff compares lines: a line ends after "\n"; its
 * terminator ("\n" or "\r\n") is not part of the comparison, so CRLF and LF versions of a
 * text, or a text with and without a final newline, have no line differences.
 *
 * Algorithm. Common prefix and suffix are trimmed (at token boundaries), then Myers' O(ND)
 * difference algorithm in linear space (the middle-snake divide and conquer, as in GNU diff)
 * finds a shortest edit script over the remaining tokens, interned to integers by sorting
 * (no hash table an adversary could flood). Hard bounds keep hostile inputs cheap: when a
 * side has more than max_tokens tokens left after trimming, the edit distance exceeds
 * max_edits, or the search takes more than max_work steps, the comparison is abandoned and
 * a coarser one is used instead: words -> whole lines -> "everything between the common
 * prefix and suffix lines was replaced". (A pure insertion or deletion needs no search and
 * is never simplified.) The functions then return DIFF_SIMPLIFIED so the
 * page can say "This diff is simplified because the texts differ too much".
 *
 * Output. Every byte of text goes through html_textn, except a carriage return, which is
 * written as "&#13;" (a raw CR would be turned into a line break by the HTML parser). No
 * other markup than documented below is produced, and <del>/<ins> are never nested.
 * Memory is the heap, owned and freed inside each call; output is appended to out. */
#ifndef PRAXIS_CORE_DIFF_H
#define PRAXIS_CORE_DIFF_H
#include <stddef.h>
#include "core/buf.h"

#define DIFF_MAX_INPUT  ((size_t)4 << 20) /* bytes per text; more is ERR_TOOBIG */
#define DIFF_MAX_TOKENS 200000            /* default cap: tokens (or lines) per side */
#define DIFF_MAX_EDITS  20000             /* default cap: edit distance in tokens (or lines) */
#define DIFF_MAX_WORK   16000000          /* default cap: steps of one search (tens of ms) */
#define DIFF_CONTEXT    3                 /* unchanged lines shown around a change */
#define DIFF_FOLD       6                 /* unchanged runs longer than this are folded */

#define DIFF_SIMPLIFIED 1 /* success, but a coarser diff than asked for was produced */

enum diff_level {
    DIFF_LEVEL_WORDS, /* word-level diff (diff_words_html at full precision) */
    DIFF_LEVEL_LINES, /* whole lines (diff_lines_html at full precision) */
    DIFF_LEVEL_WHOLE  /* everything between the common head and tail lines replaced */
};

struct diff_stats {
    size_t added;          /* words + punctuation marks (words diff) or lines (lines diff) */
    size_t removed;        /* same unit, on the old side */
    enum diff_level level; /* the precision actually used */
};

/* Bounds for one call; a zero field means the default above. */
struct diff_opts {
    size_t max_tokens; /* tokens (or lines) per side after trimming, else coarser */
    size_t max_edits;  /* edit distance, else coarser */
    size_t max_work;   /* search steps per comparison, else coarser */
};

/* Inline word diff of old text a and new text b (NUL-terminated, NULL means ""), appended to
 * out: unchanged text escaped, removed text in <del>...</del>, added text in <ins>...</ins>
 * (a removal comes before the insertion that replaces it), newlines kept as they are. The
 * caller wraps it in <pre class="diff"> or an element with white-space: pre-wrap.
 * Removing every <ins> element and unescaping gives back a; removing every <del> gives b.
 * A blank run between two changes is folded into them ("<del>the cat</del><ins>a
 * dog</ins>", not four elements). Stats (optional) count words and punctuation marks.
 * Returns 0, DIFF_SIMPLIFIED (diff made at line or whole-text level), ERR_INVALID (a or b not
 * valid UTF-8; nothing appended), ERR_TOOBIG (a or b longer than DIFF_MAX_INPUT, nothing
 * appended; or out reached its size cap, out->err set and out cut back to its old length). */
int diff_words_html(struct buf *out, const char *a, const char *b, struct diff_stats *st);
int diff_words_html_opts(struct buf *out, const char *a, const char *b,
                         const struct diff_opts *opts, struct diff_stats *st);

/* Line diff of a and b appended to out as one table:
 *   <table class="diff">
 *   <tr class="diff-ctx"><td class="diff-ln">OLD</td><td class="diff-ln">NEW</td>
 *       <td class="diff-mark"></td><td class="diff-text">TEXT</td></tr>
 *   <tr class="diff-del">... OLD, empty NEW, mark "-" ...</tr>
 *   <tr class="diff-add">... empty OLD, NEW, mark "+" ...</tr>
 *   <tr class="diff-skip"><td colspan="4">… N unchanged lines …</td></tr>
 *   </table>
 * (one row per line, each followed by "\n"). OLD/NEW are 1-based line numbers. For a block
 * of removed lines followed by added lines, the two blocks are compared word by word and
 * the changed parts marked with <del> (in removed rows) and <ins> (in added rows), unless
 * the blocks have too little in common (then rows carry no inner marks). A run of more than
 * DIFF_FOLD unchanged lines keeps DIFF_CONTEXT lines next to each change and the rest
 * becomes a diff-skip row (so identical long texts give a single skip row). Line text omits
 * the terminator. Stats count lines. Returns as diff_words_html; DIFF_SIMPLIFIED here means
 * level DIFF_LEVEL_WHOLE. */
int diff_lines_html(struct buf *out, const char *a, const char *b, struct diff_stats *st);
int diff_lines_html_opts(struct buf *out, const char *a, const char *b,
                         const struct diff_opts *opts, struct diff_stats *st);

#endif
