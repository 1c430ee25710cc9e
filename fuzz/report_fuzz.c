/* libFuzzer target for the health report's date parser (report_parse_day in
 * src/domain/report.c): any bytes as a date give
 * either 0 (absent) or ERR_INVALID with the field set, or a YYYYMMDD whose text form
 * "YYYY-MM-DD" parses back to the same value (a real date from 1970 on). A violation aborts
 * (libFuzzer saves the input). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "domain/domain.h"
#include "domain/report.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void violation(const char *what)
{
    fprintf(stderr, "report_fuzz: %s\n", what);
    abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct arena a;
    struct errinfo e;
    struct ctx c;
    char *s, text[32];
    int64_t v = -1, w = -1;
    int rc;
    if (size > 256)
        return 0;
    arena_init(&a);
    memset(&c, 0, sizeof(c));
    memset(&e, 0, sizeof(e));
    c.err = &e;
    c.arena = &a;
    s = arena_strndup(&a, (const char *)data, size);
    rc = report_parse_day(&c, s, "to", &v);
    if (rc == ERR_INVALID) {
        if (strcmp(e.field, "to") != 0 || v != 0)
            violation("refusal without the field, or with a value");
    } else if (rc != 0) {
        violation("unexpected code");
    } else if (v != 0) {
        int y = (int)(v / 10000), m = (int)(v / 100 % 100), d = (int)(v % 100);
        if (y < 1970 || y > 9999 || m < 1 || m > 12 || d < 1 || d > 31)
            violation("out of range");
        snprintf(text, sizeof(text), "%04d-%02d-%02d", y, m, d);
        if (strcmp(text, s) != 0)
            violation("accepted text that is not its own canonical form");
        if (report_parse_day(&c, text, "to", &w) != 0 || w != v)
            violation("no round trip");
    } else if (*s) {
        violation("0 for a non-empty text");
    }
    arena_release(&a);
    return 0;
}
