/* An SMTP client over libcurl: one session sends several messages over one connection
 * (libcurl keeps it open between transfers on the same handle). URL forms:
 *   smtp://host:port            plain (a local relay)
 *   smtp://host:587?starttls    STARTTLS required (CURLOPT_USE_SSL = CURLUSESSL_ALL)
 *   smtps://host:465            TLS from the start
 *   smtp://user:password@host   AUTH with those credentials (percent-encoded)
 * Call smtp_global_init once at start-up, before any thread uses libcurl. */
#ifndef PRAXIS_DOMAIN_SMTP_H
#define PRAXIS_DOMAIN_SMTP_H
#include <stddef.h>

int smtp_global_init(void); /* 0 or -1 */

struct smtp;
/* A session for url (copied). Nothing is connected until the first send. NULL on OOM. */
struct smtp *smtp_open(const char *url);
/* Send msg (a whole RFC 5322 message, CRLF lines) from envelope sender `from` to `to`.
   Returns 0, or -1 with a message in err (size errsize). */
int smtp_send(struct smtp *s, const char *from, const char *to, const char *msg, size_t len,
              char *err, size_t errsize);
void smtp_close(struct smtp *s); /* NULL ok */

#endif
