/* Incoming mail, parsed: an adapter over GMime (the only file that includes gmime.h) that
 * turns one RFC 5322 message into plain data for `praxis mail-in`: the recipient addresses
 * (To, Cc, Delivered-To, X-Original-To, Envelope-To), the From address, Message-ID,
 * Subject (RFC 2047 words decoded), whether it is an auto-reply or a bounce, and the best
 * text body: the first text/plain part that is not an attachment (transfer encoding
 * decoded, charset converted to UTF-8), else the first text/html part as plain text
 * (html_to_text). Attachments and attached messages are ignored. Unit-tested in
 * tests/unit/core/mailparse_test.c and fuzzed by fuzz/mailin_fuzz.c. */
#ifndef PRAXIS_CORE_MAILPARSE_H
#define PRAXIS_CORE_MAILPARSE_H
#include <stddef.h>

#include "core/arena.h"

#define MAILPARSE_MAX      (1024 * 1024) /* bytes of the largest message read */
#define MAILPARSE_RCPT_MAX 64            /* recipient addresses kept */
#define MAILPARSE_DEPTH    16            /* MIME nesting searched for a body */

struct mail_in {
    const char *from;       /* addr-spec of the first From mailbox, or NULL */
    const char *message_id; /* Message-ID without <>, or NULL */
    const char *subject;    /* UTF-8, or NULL */
    const char **rcpt;      /* addr-specs, in header order, duplicates kept */
    size_t nrcpt;
    int automatic;             /* 1: auto-reply or bounce (never to be posted) */
    const char *automatic_why; /* the header that said so, e.g. "Auto-Submitted" */
    const char *body;          /* UTF-8 text with \n line ends and no NUL; "" when none */
    int body_from_html;        /* 1 when body came from a text/html part */
};

/* Parse data[0..len) into *out (strings in a). Returns 0; ERR_TOOBIG when len exceeds
   MAILPARSE_MAX (nothing parsed); ERR_INVALID when GMime finds no message at all. A
   message with missing headers or broken MIME still parses as far as it goes. Pure apart
   from GMime's one-time initialisation (g_mime_init, reference-counted by GMime). */
int mailparse(struct arena *a, const char *data, size_t len, struct mail_in *out);

#endif
