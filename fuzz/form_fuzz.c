/* libFuzzer target for the http layer's text parsers (src/http/form.c): form_parse, for
 * urlencoded bodies and query strings, and cookie_parse, for Cookie headers.
 * The first input byte picks small limits (so the field-count and field-size caps are hit
 * often); the rest is parsed as a form and, up to its first NUL, as a Cookie header. Every
 * result is checked: on success each name and value is NUL-terminated valid UTF-8 with no
 * NUL inside, within the limits, and no longer than the input; form names are never empty;
 * cookie names are unique and free of control characters; on failure nothing is returned.
 * A violation aborts, which libFuzzer reports as a crash with the input saved. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/err.h"
#include "core/utf8.h"
#include "http/http.h"
#include "core/util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void violation(const char *what)
{
    fprintf(stderr, "form_fuzz: %s\n", what);
    abort();
}

/* Checks shared by both parsers' output. */
static void check_text(const char *s, size_t max, size_t input_len)
{
    size_t n;
    if (!s)
        violation("NULL name or value");
    n = strlen(s);
    if (n > max)
        violation("field longer than the limit");
    if (n > input_len)
        violation("field longer than the input");
    if (!utf8_valid(s, n))
        violation("invalid UTF-8 in output");
}

static void fuzz_form(const char *s, size_t n, uint8_t knob)
{
    struct arena a;
    struct http_limits lim = {0, 0, 0, 0, 0, 0};
    struct kv *kv = NULL;
    size_t nkv = 99, i;
    int rc;

    if (knob & 1) { /* small limits */
        lim.max_fields = 1 + (knob >> 1 & 7);
        lim.max_field = 1 + (size_t)(knob >> 4) * 3;
    }
    arena_init(&a);
    rc = form_parse(&a, s, n, &lim, &kv, &nkv);
    if (rc != 0 && rc != ERR_INVALID && rc != ERR_TOOBIG)
        violation("form_parse: unexpected return code");
    if (rc != 0 && (kv || nkv))
        violation("form_parse: output on failure");
    if (rc == 0) {
        size_t max_fields = lim.max_fields ? lim.max_fields : 200;
        size_t max_field = lim.max_field ? lim.max_field : 256 * 1024;
        if (nkv > max_fields)
            violation("form_parse: more fields than the limit");
        if ((nkv == 0) != (kv == NULL))
            violation("form_parse: count and array disagree");
        if (memchr(s, '\0', n))
            violation("form_parse: accepted a raw NUL");
        for (i = 0; i < nkv; i++) {
            check_text(kv[i].key, max_field, n);
            check_text(kv[i].value, max_field, n);
            if (!kv[i].key[0])
                violation("form_parse: empty name returned");
        }
    }
    arena_release(&a);
}

static void fuzz_cookie(const char *s, size_t n)
{
    struct arena a;
    struct kv *kv = NULL;
    size_t nkv = 99, i, j;
    int rc;

    arena_init(&a);
    rc = cookie_parse(&a, s, &kv, &nkv);
    if (rc != 0 && rc != ERR_TOOBIG)
        violation("cookie_parse: unexpected return code");
    if (rc != 0 && (kv || nkv))
        violation("cookie_parse: output on failure");
    for (i = 0; rc == 0 && i < nkv; i++) {
        const char *p;
        check_text(kv[i].key, n, n);
        check_text(kv[i].value, n, n);
        if (!kv[i].key[0])
            violation("cookie_parse: empty name");
        for (p = kv[i].key; *p; p++)
            if ((unsigned char)*p < 0x20 || *p == 0x7f || *p == ';' || *p == '=')
                violation("cookie_parse: bad byte in a name");
        for (p = kv[i].value; *p; p++)
            if ((unsigned char)*p < 0x20 || *p == 0x7f || *p == ';')
                violation("cookie_parse: bad byte in a value");
        for (j = 0; j < i; j++)
            if (strcmp(kv[i].key, kv[j].key) == 0)
                violation("cookie_parse: duplicate name kept");
    }
    if (rc == 0 && nkv > 100)
        violation("cookie_parse: more than 100 pairs");
    arena_release(&a);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s;
    uint8_t knob;
    if (size == 0)
        return 0;
    knob = data[0];
    data++;
    size--;
    s = x_malloc(size + 1); /* exact-size copy so ASan sees any over-read */
    memcpy(s, data, size);
    s[size] = '\0';
    fuzz_form(s, size, knob);
    fuzz_cookie(s, strlen(s));
    free(s);
    return 0;
}
