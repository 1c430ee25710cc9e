/* Logging in logfmt to stderr: each event is one line "ts=<ISO-8601 UTC> level=<name> <text>"
 * built in a stack buffer and written with a single write(2), so lines from different threads
 * never interleave (for lines up to PIPE_BUF bytes even on a pipe). Control characters in the
 * formatted text are escaped (\n, \r, \t, \xHH) so user data cannot forge extra log lines.
 * A message longer than LOG_TEXT_MAX is cut and marked with log_truncated=true. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "core/log.h"
#include "core/timeutil.h"
#include "core/util.h"

#define LOG_TEXT_MAX 4096 /* bytes of formatted text kept per line */

/* The minimum level. This is configuration, set once by log_set_level during start-up before
 * any worker thread exists and only read afterwards; it is not mutable shared state. */
static enum log_level log_min = LOG_INFO;

static const char *const level_names[LOG__MAX] = {"debug", "info", "warn", "error"};

/* Set the minimum level that is written. Call only during start-up (see log_min). */
void log_set_level(enum log_level min)
{
    if ((unsigned)min < LOG__MAX)
        log_min = min;
}

/* Write one line at level lvl (out-of-range levels are logged as error). fmt produces the
 * text after "level=...", e.g. msg="listening" addr=127.0.0.1:8080. errno is preserved. */
void log_msg(enum log_level lvl, const char *fmt, ...)
{
    char text[LOG_TEXT_MAX];
    char line[LOG_TEXT_MAX * 4 + 128]; /* every text byte may become \xHH */
    char ts[32];
    size_t len, i, off;
    int n, saved_errno = errno;
    va_list ap;

    if ((unsigned)lvl >= LOG__MAX)
        lvl = LOG_ERROR;
    if (lvl < log_min)
        return;

    va_start(ap, fmt);
    n = vsnprintf(text, sizeof(text), fmt, ap);
    va_end(ap);
    if (n < 0) {
        text[0] = '\0';
        n = 0;
    }

    time_iso(time_now(), ts);
    len = (size_t)snprintf(line, sizeof(line), "ts=%s level=%s ", ts, level_names[lvl]);
    for (i = 0; text[i]; i++) {
        unsigned char c = (unsigned char)text[i];
        if (c >= 0x20 && c != 0x7F) {
            line[len++] = (char)c;
        } else if (c == '\n' || c == '\r' || c == '\t') {
            line[len++] = '\\';
            line[len++] = c == '\n' ? 'n' : c == '\r' ? 'r' : 't';
        } else {
            len += (size_t)snprintf(line + len, sizeof(line) - len, "\\x%02x", c);
        }
    }
    if ((size_t)n >= sizeof(text)) {
        static const char mark[] = " log_truncated=true";
        memcpy(line + len, mark, sizeof(mark) - 1);
        len += sizeof(mark) - 1;
    }
    line[len++] = '\n';

    for (off = 0; off < len;) {
        ssize_t w = write(STDERR_FILENO, line + off, len - off);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            break;
        }
        off += (size_t)w;
    }
    errno = saved_errno;
}
