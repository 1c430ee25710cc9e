/* Error codes and the one table that maps them to HTTP statuses and API names. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core/err.h"
#include "core/util.h"

static const struct {
    int status;
    const char *name;
    const char *message;
} err_table[] = {
    /* index = -code */
    {200, "ok", "OK."},
    {400, "invalid", "The request is not valid."},
    {404, "not_found",
     "There is nothing here. It may have been moved, or you may not have access."},
    {403, "forbidden", "You do not have permission to do that."},
    {409, "conflict", "That conflicts with something that already exists."},
    {413, "too_large", "That is larger than this server accepts."},
    {500, "storage", "The database could not complete the request. Please try again."},
    {401, "unauthorized", "Please sign in first."},
    {429, "rate_limited", "Too many attempts. Please wait a minute and try again."},
    {405, "method_not_allowed", "That method is not allowed here."},
    {403, "csrf", "The form expired or came from another site. Reload the page and try again."},
    {500, "internal", "Something went wrong on our side. It has been logged."},
    {503, "unavailable", "The server is busy or shutting down. Please try again shortly."},
    {415, "unsupported_type", "That kind of file cannot be uploaded here."},
};

static int err_index(enum err code)
{
    int i = -(int)code;
    if (i < 0 || i >= (int)(sizeof(err_table) / sizeof(err_table[0])))
        i = -(int)ERR_INTERNAL;
    return i;
}

int error_set(struct errinfo *e, enum err code, const char *field, const char *fmt, ...)
{
    if (e) {
        va_list ap;
        e->code = code;
        e->msg[0] = '\0';
        if (fmt) {
            va_start(ap, fmt);
            vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
            va_end(ap);
        }
        snprintf(e->field, sizeof(e->field), "%s", field ? field : "");
    }
    return code;
}

void error_clear(struct errinfo *e)
{
    e->code = ERR_OK;
    e->msg[0] = '\0';
    e->field[0] = '\0';
}

int err_http_status(enum err code)
{
    return err_table[err_index(code)].status;
}
const char *err_name(enum err code)
{
    return err_table[err_index(code)].name;
}
const char *err_default_message(enum err code)
{
    return err_table[err_index(code)].message;
}
