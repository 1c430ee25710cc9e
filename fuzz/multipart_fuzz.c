/* libFuzzer target for the multipart/form-data parser (src/http/multipart.c). The first input
 * byte picks the part limit (1 to 16); the rest, up to the first LF, is a Content-Type for
 * multipart_boundary (prefixed with "multipart/form-data; boundary=" when the knob's high bit
 * is set, so real boundaries are found often), and everything after it is the body. Checks:
 * the boundary, when accepted, is 1 to 70 characters without CR, LF or NUL; on success every
 * part lies inside the body, names are non-empty NUL-free valid UTF-8, the part count is
 * within the limit and the data of consecutive parts do not overlap; on failure nothing is
 * returned. A violation aborts, which libFuzzer reports as a crash with the input saved. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/err.h"
#include "core/utf8.h"
#include "http/http.h"
#include "core/util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void violation(const char *what)
{
    fprintf(stderr, "multipart_fuzz: %s\n", what);
    abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct arena a;
    struct buf ct = BUF_INIT;
    const uint8_t *lf;
    const char *boundary = NULL;
    struct multipart_part *parts = (void *)1;
    size_t nparts = 99, max, hl, i, blen;
    char *body;
    int rc;

    if (size == 0)
        return 0;
    max = 1 + (data[0] & 15);
    if (data[0] & 0x80)
        buf_puts(&ct, "multipart/form-data; boundary=");
    data++;
    size--;
    lf = memchr(data, '\n', size);
    hl = lf ? (size_t)(lf - data) : size;
    if (memchr(data, '\0', hl)) {
        buf_release(&ct);
        return 0; /* headers never hold NUL */
    }
    buf_append(&ct, data, hl);
    blen = lf ? size - hl - 1 : 0;
    body = x_malloc(blen + 1); /* exact-size copy so ASan sees any over-read */
    if (blen)
        memcpy(body, lf + 1, blen);
    body[blen] = '\0';
    arena_init(&a);
    rc = multipart_boundary(&a, ct.data, &boundary);
    if (rc == 0) {
        size_t n = strlen(boundary);
        if (n < 1 || n > 70 || strpbrk(boundary, "\r\n"))
            violation("bad boundary accepted");
    } else {
        if (rc != ERR_INVALID || boundary)
            violation("multipart_boundary: wrong failure");
        boundary = "fuzz"; /* still parse the body */
    }
    rc = multipart_parse(&a, body, blen, boundary, max, &parts, &nparts);
    if (rc != 0 && rc != ERR_INVALID && rc != ERR_TOOBIG)
        violation("multipart_parse: unexpected return code");
    if (rc != 0 && (parts || nparts))
        violation("multipart_parse: output on failure");
    if (rc == 0) {
        if (nparts > max)
            violation("more parts than the limit");
        if ((nparts == 0) != (parts == NULL))
            violation("count and array disagree");
        for (i = 0; i < nparts; i++) {
            const struct multipart_part *p = &parts[i];
            if (!p->name || !*p->name || !utf8_valid(p->name, strlen(p->name)))
                violation("bad part name");
            if (p->filename && !utf8_valid(p->filename, strlen(p->filename)))
                violation("bad file name");
            if (!p->type)
                violation("NULL type");
            if (p->data < body || p->data + p->len > body + blen)
                violation("part data outside the body");
            if (i && parts[i - 1].data + parts[i - 1].len > p->data)
                violation("parts overlap");
        }
    }
    arena_release(&a);
    buf_release(&ct);
    free(body);
    return 0;
}
