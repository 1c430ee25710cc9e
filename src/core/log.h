/* Logging: one logfmt line per event on stderr, e.g.
 *   ts=2026-11-28T15:12:03Z level=info msg="listening" addr=127.0.0.1:8080
 * Each call writes its whole line with one write(2), so lines from threads never interleave. */
#ifndef PRAXIS_CORE_LOG_H
#define PRAXIS_CORE_LOG_H

enum log_level { LOG_DEBUG, LOG_INFO, LOG_WARN, LOG_ERROR, LOG__MAX };

void log_set_level(enum log_level min); /* start-up only; default LOG_INFO */
/* fmt produces the text after level=; callers write msg="..." and key=value pairs. */
void log_msg(enum log_level lvl, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
#define log_info(...)  log_msg(LOG_INFO, __VA_ARGS__)
#define log_warn(...)  log_msg(LOG_WARN, __VA_ARGS__)
#define log_error(...) log_msg(LOG_ERROR, __VA_ARGS__)
#define log_debug(...) log_msg(LOG_DEBUG, __VA_ARGS__)

#endif
