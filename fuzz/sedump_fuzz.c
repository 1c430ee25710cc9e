/* libFuzzer target for the Stack Exchange dump reader (src/core/sedump.c) and its value
 * parsers. The input is fed to a streaming parser in pieces whose sizes come from the first
 * byte (so elements and attributes are split across XML_Parse calls); every delivered row's
 * attributes are read with sedump_attr, sedump_int, sedump_time and sedump_tags. Checked:
 * the parser returns only 0 or ERR_INVALID with a "line N: " message, rows are counted, a
 * tag list holds at most its limit of distinct names of 1-30 characters [a-z0-9-] not
 * starting or ending with '-', and parsed times are within years 1970-9999. A violation
 * aborts, which libFuzzer reports as a crash with the input saved. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/err.h"
#include "core/sedump.h"
#include "core/util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void violation(const char *what)
{
    fprintf(stderr, "sedump_fuzz: %s\n", what);
    abort();
}

struct seen {
    uint64_t rows;
    struct arena a;
};

static void check_tags(const char **tags, size_t n, size_t max)
{
    size_t i, j;
    if (n > max)
        violation("more tags than the limit");
    for (i = 0; i < n; i++) {
        size_t len = strlen(tags[i]);
        if (len < 1 || len > 30)
            violation("tag length out of range");
        if (tags[i][0] == '-' || tags[i][len - 1] == '-')
            violation("tag starts or ends with '-'");
        for (j = 0; j < len; j++) {
            char ch = tags[i][j];
            if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-'))
                violation("tag character outside [a-z0-9-]");
        }
        for (j = 0; j < i; j++)
            if (!strcmp(tags[i], tags[j]))
                violation("duplicate tag");
    }
}

static int on_row(void *ud, const char **attrs)
{
    struct seen *s = ud;
    const char *tags[5];
    size_t i, n;
    int64_t v, t;
    s->rows++;
    for (i = 0; attrs[i]; i += 2) {
        if (!attrs[i + 1])
            violation("attribute without a value");
        if (sedump_attr(attrs, attrs[i]) == NULL)
            violation("sedump_attr misses a present attribute");
        (void)sedump_int(attrs[i + 1], &v);
        if (sedump_time(attrs[i + 1], &t) == 0 && (t < 0 || t > 253402300800LL))
            violation("time out of range");
        n = sedump_tags(&s->a, attrs[i + 1], tags, 5);
        check_tags(tags, n, 5);
    }
    arena_reset(&s->a);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct seen s = {0};
    struct sedump *p;
    struct errinfo e;
    size_t piece, off = 0;
    int rc = 0;
    if (size == 0)
        return 0;
    piece = 1 + data[0] % 64;
    data++;
    size--;
    arena_init(&s.a);
    error_clear(&e);
    p = sedump_new(on_row, &s);
    while (off < size && rc == 0) {
        size_t n = size - off < piece ? size - off : piece;
        char *chunk = x_malloc(n); /* exact-size copy so ASan sees any over-read */
        memcpy(chunk, data + off, n);
        rc = sedump_feed(p, chunk, n, 0, &e);
        free(chunk);
        off += n;
    }
    if (rc == 0)
        rc = sedump_feed(p, NULL, 0, 1, &e);
    if (rc != 0 && rc != ERR_INVALID)
        violation("unexpected return code");
    if (rc == ERR_INVALID && strncmp(e.msg, "line ", 5) != 0)
        violation("error without a line number");
    if (sedump_rows(p) != s.rows)
        violation("row count disagrees");
    sedump_free(p);
    arena_release(&s.a);
    return 0;
}
