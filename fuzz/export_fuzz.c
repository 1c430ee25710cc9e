/* libFuzzer target for the praxis-export reader (src/store/export.c): export_header_parse and
 * export_record_parse on arbitrary bytes. Every result is checked: a parsed record names a
 * known spec (or is the end record with a count >= 0) and has one value per column whose type
 * matches the column (text is NUL-terminated, non-null columns are never NULL); a failure
 * carries a message. A violation aborts, which libFuzzer reports as a crash. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/export.h"
#include "core/util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void violation(const char *what)
{
    fprintf(stderr, "export_fuzz: %s\n", what);
    abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct export_header h;
    struct export_record r;
    struct errinfo e = {0};
    int j;

    if (export_header_parse((const char *)data, size, 5, &h, &e) == 0) {
        if (h.format_version != EXPORT_FORMAT_VERSION || h.schema_version < 1 ||
            h.schema_version > 5)
            violation("header accepted with a bad version");
        if (strcmp(h.scope, "instance") && strcmp(h.scope, "community"))
            violation("header accepted with a bad scope");
    } else if (!e.msg[0]) {
        violation("header refused without a message");
    }
    error_clear(&e);
    if (export_record_parse((const char *)data, size, &r, &e) == 0) {
        if (!r.spec) {
            if (r.end_count < 0)
                violation("negative end count");
        } else {
            if (export_spec_find(r.spec->type) != r.spec)
                violation("record with an unknown spec");
            for (j = 0; j < r.spec->ncols; j++) {
                const struct export_col *c = &r.spec->cols[j];
                const struct db_param *v = &r.vals[j];
                if (v->type == DBP_NULL) {
                    if (!(c->flags & XF_NULL))
                        violation("null in a non-null column");
                } else if (c->type == XT_TEXT) {
                    if (v->type != DBP_TEXT || !v->s)
                        violation("text column without text");
                    (void)strlen(v->s);
                } else if (v->type != DBP_INT) {
                    violation("integer column without an integer");
                } else if (c->type == XT_BOOL && v->i != 0 && v->i != 1) {
                    violation("boolean other than 0/1");
                }
            }
        }
    } else if (!e.msg[0]) {
        violation("record refused without a message");
    }
    export_record_free(&r);
    return 0;
}
