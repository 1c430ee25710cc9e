/* libFuzzer target for merge3 (src/core/merge.c).
 * The input is split at 0x00 bytes into base, x and y (missing parts are ""). Checks:
 * merge(base, x, x), merge(base, base, x) and merge(base, x, base) give exactly x with no
 * conflict; merge(base, x, y) returns 0 or MERGE_CONFLICT with as many balanced marker
 * blocks as it reports, and a clean merge of x and y is symmetric up to which side is
 * called ours (merge(base, y, x) is clean too and gives the same text). A violation aborts. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/merge.h"
#include "core/util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void fail(const char *what)
{
    fprintf(stderr, "merge_fuzz: %s\n", what);
    abort();
}

static void must_give(const char *o, const char *a, const char *b, const char *want)
{
    struct buf out = BUF_INIT;
    int rc = merge3(&out, o, a, b, "A", "B", NULL);
    if (rc != 0 || strcmp(out.data, want) != 0)
        fail("identity property");
    buf_release(&out);
}

/* Count marker blocks in s, checking they are balanced; -1 if not. */
static long blocks(const char *s)
{
    long n = 0;
    int depth = 0;
    const char *p = s;
    while (p && *p) {
        if (strncmp(p, "<<<<<<< A\n", 10) == 0) {
            if (depth)
                return -1;
            depth = 1;
        } else if (depth == 1 && strncmp(p, "=======\n", 8) == 0) {
            depth = 2;
        } else if (depth == 2 && strncmp(p, ">>>>>>> B\n", 10) == 0) {
            depth = 0;
            n++;
        }
        p = strchr(p, '\n');
        if (p)
            p++;
    }
    return depth ? -1 : n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *copy = x_malloc(size + 3);
    const char *part[3];
    size_t i, k = 0, start = 0;
    struct buf out = BUF_INIT, rev = BUF_INIT;
    size_t nc = 0, nc2 = 0;
    int rc, rc2;

    memcpy(copy, data, size);
    copy[size] = copy[size + 1] = copy[size + 2] = 0;
    part[0] = part[1] = part[2] = copy + size;
    for (i = 0; i <= size && k < 3; i++)
        if (i == size || copy[i] == 0) {
            part[k++] = copy + start;
            start = i + 1;
        }
    must_give(part[0], part[1], part[1], part[1]);
    must_give(part[0], part[0], part[1], part[1]);
    must_give(part[0], part[1], part[0], part[1]);
    rc = merge3(&out, part[0], part[1], part[2], "A", "B", &nc);
    if (rc != 0 && rc != MERGE_CONFLICT)
        fail("unexpected return");
    if (rc == 0 && nc != 0)
        fail("clean merge with conflicts counted");
    /* markers in the inputs themselves could confuse the count: check only without them */
    if (!strstr(part[0], "<<<<<<<") && !strstr(part[1], "<<<<<<<") && !strstr(part[2], "<<<<<<<") &&
        blocks(out.data) != (long)nc)
        fail("marker blocks do not match the conflict count");
    rc2 = merge3(&rev, part[0], part[2], part[1], "A", "B", &nc2);
    if ((rc == 0) != (rc2 == 0) || nc != nc2)
        fail("merge is not symmetric in its outcome");
    if (rc == 0 && strcmp(out.data, rev.data) != 0)
        fail("clean merge is not symmetric");
    buf_release(&out);
    buf_release(&rev);
    free(copy);
    return 0;
}
