/* The reply part of a mail body: what a member wrote above (or between) the quoted message
 * and below nothing else. Pure; unit-tested in tests/unit/core/mailstrip_test.c with bodies
 * as Gmail, Outlook, Apple Mail, Thunderbird and plain clients write them. */
#ifndef PRAXIS_CORE_MAILSTRIP_H
#define PRAXIS_CORE_MAILSTRIP_H
#include "core/buf.h"

/* Append to out the reply in body (UTF-8, \n or \r\n line ends), with \n line ends, leading
   and trailing blank lines removed. Reading stops at the first of:
     - an attribution line, possibly wrapped over up to three lines: "On ... wrote:",
       "Le ... a écrit :", "Am ... schrieb ...:", "El ... escribió:", "Il ... ha scritto:",
       "Op ... schreef ...:", "Em ... escreveu:";
     - a line "-----Original Message-----" (any case, any number of dashes, spaces inside),
       "Begin forwarded message:" is not one (forwarded text is kept);
     - Outlook's header block: a line "From: ..." followed within four lines by "Sent: ..."
       or "Date: ..." and by "To: ..." or "Subject: ...", or a line of underscores ("______")
   followed by "From:";
     - the signature separator "-- " (or "--") alone on a line;
     - a device trailer alone on a line: "Sent from my ...", "Sent from Mail for ...",
       "Get Outlook for ...", "Envoyé de mon ...", "Von meinem ... gesendet",
       "Enviado desde mi ...", "Inviato da ...".
   Lines starting with '>' (quoted text) are dropped wherever they are. */
void mailstrip_reply(struct buf *out, const char *body);

#endif
