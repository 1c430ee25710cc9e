/* Errors are values: fallible functions return 0 or a negative enum err, and put a message
 * a person can act on (and the form field at fault, if any) in a struct errinfo that travels
 * with the request. One table (err.c) maps codes to HTTP statuses and API error codes. */
#ifndef PRAXIS_CORE_ERR_H
#define PRAXIS_CORE_ERR_H

enum err {
    ERR_OK = 0,
    ERR_INVALID = -1,      /* input failed validation (400 or 422 on forms) */
    ERR_NOTFOUND = -2,     /* no such object, or the viewer may not know it exists (404) */
    ERR_PERM = -3,         /* signed in but not allowed (403) */
    ERR_CONFLICT = -4,     /* already exists / stale revision (409) */
    ERR_TOOBIG = -5,       /* over a size limit (413) */
    ERR_DB = -6,           /* storage failed (500; details only in the log) */
    ERR_AUTH = -7,         /* must sign in, or bad credentials (401) */
    ERR_RATE = -8,         /* too many attempts (429) */
    ERR_METHOD = -9,       /* method not allowed on this path (405) */
    ERR_CSRF = -10,        /* missing or wrong CSRF token (403) */
    ERR_INTERNAL = -11,    /* a bug or resource failure (500) */
    ERR_UNAVAILABLE = -12, /* shutting down, busy (503) */
    ERR_UNSUPPORTED = -13, /* a file of a type this server does not take (415) */
    ERR__MIN = -14
};

struct errinfo {
    enum err code;  /* ERR_OK when no error is recorded */
    char msg[256];  /* human sentence, plain text (escaped when shown) */
    char field[64]; /* form field / JSON member at fault, or "" */
};

/* Record an error and return its code, so callers can write
 *   return error_set(e, ERR_INVALID, "slug", "A slug is 2 to 40 characters.");
 * A NULL e is allowed (the code is still returned). A later call overwrites an earlier
 * one: the innermost function that knows the cause records it, callers just pass the code. */
int error_set(struct errinfo *e, enum err code, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
void error_clear(struct errinfo *e);

int err_http_status(enum err code);             /* e.g. ERR_NOTFOUND -> 404; 0 -> 200 */
const char *err_name(enum err code);            /* stable API code: "invalid", "not_found", ... */
const char *err_default_message(enum err code); /* used when no message was recorded */

#endif
