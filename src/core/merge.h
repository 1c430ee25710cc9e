/* A line-based three-way merge (diff3) of two texts edited from a common base, for article
 * edit conflicts (issue 4).
 *
 * Lines. A line ends after "\n"; the last line may have no terminator. Lines compare by all
 * their bytes, terminator included (a final "a" differs from "a\n", and "a\r\n" from "a\n":
 * callers normalise CRLF to LF first, as domain/article.c does on every save).
 *
 * Algorithm (the classic diff3 of Khanna, Kunal and Pierce's "A Formal Investigation of
 * Diff3"): the longest common subsequence of lines matches base to ours and base to theirs
 * (common head and tail trimmed first, then a dynamic programme over the rest, bounded by
 * MERGE_MAX_CELLS: above it the whole middle counts as changed). Walking the three texts
 * together, a stable chunk is a run of base lines matched, in order, to the next lines of
 * both sides; it is copied. Between stable chunks is an unstable chunk: base[i..j),
 * ours[a..ea), theirs[b..eb), ending at the next base line matched on both sides. If ours is
 * unchanged there (equal to the base part) theirs is taken; if theirs is unchanged ours is
 * taken; if both made the same change it is taken once; otherwise it is a conflict, written
 * as
 *     <<<<<<< OURS_LABEL
 *     ours' lines
 *     =======
 *     theirs' lines
 *     >>>>>>> THEIRS_LABEL
 * (a side's last line gets a "\n" inside the markers if it had none).
 *
 * Properties the tests and fuzz target check: merge(o, x, x) == x; merge(o, o, x) == x;
 * merge(o, x, o) == x (all clean); markers appear only around conflicts, balanced.
 * Memory is the heap, owned and freed inside the call; output is appended to out. */
#ifndef PRAXIS_CORE_MERGE_H
#define PRAXIS_CORE_MERGE_H
#include <stddef.h>
#include "core/buf.h"

#define MERGE_MAX_INPUT ((size_t)1 << 20) /* bytes per text; more is ERR_TOOBIG */
#define MERGE_MAX_LINES 100000            /* lines per text; more is ERR_TOOBIG */
#define MERGE_MAX_CELLS ((size_t)4 << 20) /* LCS table cells; more: middle counts as changed */

#define MERGE_CONFLICT 1 /* merged, with conflict markers */

/* Merge ours and theirs (both edited from base; NULL means "") into out. Labels (NULL ->
 * "ours"/"theirs") follow the markers; they must be single-line. *nconflicts (may be NULL)
 * gets the number of conflict blocks. Returns 0 (clean merge), MERGE_CONFLICT (merged with
 * markers), ERR_TOOBIG (an input over the caps: nothing appended; or out hit its size cap,
 * out->err set). */
int merge3(struct buf *out, const char *base, const char *ours, const char *theirs,
           const char *ours_label, const char *theirs_label, size_t *nconflicts);

#endif
