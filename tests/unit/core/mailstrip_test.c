/* Tests for src/core/mailstrip.c: the reply kept from bodies as real clients write them
 * (Gmail, Outlook desktop and web, Apple Mail, Thunderbird, French and German clients,
 * phones), signatures and trailers cut, '>' lines dropped, inline replies kept, and text
 * that only looks like a marker left alone. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "core/buf.h"
#include "core/mailstrip.h"

/* The reply of body is want, and stripping the reply again changes nothing. */
static void check(const char *body, const char *want)
{
    struct buf b = BUF_INIT, again = BUF_INIT;
    mailstrip_reply(&b, body);
    if (strcmp(b.data, want))
        fail_msg("body:\n%s\n--- got:\n%s\n--- want:\n%s", body, b.data, want);
    mailstrip_reply(&again, b.data);
    if (strcmp(again.data, b.data))
        fail_msg("not idempotent:\n%s\n--- then:\n%s", b.data, again.data);
    buf_release(&b);
    buf_release(&again);
}

static void test_gmail(void **state)
{
    (void)state;
    check("Yes, use the 10 mm spanner.\n\nOn Mon, Dec 7, 2026 at 5:02 PM Ann Example <"
          "ann@example.com> wrote:\n> How do I calibrate?\n> Thanks\n",
          "Yes, use the 10 mm spanner.");
    /* Gmail wraps long attributions over two lines. */
    check("Agreed.\r\n\r\nOn Mon, Dec 7, 2026 at 5:02 PM Praxis via Praxis <\r\n"
          "praxis+r-1-2-3-abc@forum.example.org> wrote:\r\n\r\n> quoted\r\n",
          "Agreed.");
}

static void test_outlook(void **state)
{
    (void)state;
    check("Please see the runbook.\r\n\r\nRegards,\r\nBob\r\n\r\n"
          "-----Original Message-----\r\nFrom: Praxis <praxis@forum.example.org>\r\n"
          "Sent: Monday, December 7, 2026 5:02 PM\r\nTo: Bob\r\nSubject: Re: x\r\n\r\nold\r\n",
          "Please see the runbook.\n\nRegards,\nBob");
    check("Short answer: no.\r\n\r\n________________________________\r\n"
          "From: Praxis <praxis@forum.example.org>\r\nSent: Monday, 7 December 2026 17:02\r\n"
          "To: Bob <bob@x.org>\r\nSubject: question\r\n\r\nold text\r\n",
          "Short answer: no.");
    check("Outlook web reply\n\nFrom: Praxis <praxis@forum.example.org>\n"
          "Date: Monday, 7 December 2026 at 17:02\nTo: Bob\nSubject: x\n",
          "Outlook web reply");
}

static void test_apple_and_phone(void **state)
{
    (void)state;
    check("Will do!\n\nSent from my iPhone\n\n> On 7 Dec 2026, at 17:02, Praxis <p@x.org> "
          "wrote:\n> \n> question\n",
          "Will do!");
    check("Sure\n\nGet Outlook for Android\n", "Sure");
    check("Ok\n\nEnvoyé de mon iPhone\n", "Ok");
    check("Ja\n\nVon meinem iPhone gesendet\n", "Ja");
}

static void test_thunderbird_and_languages(void **state)
{
    (void)state;
    check("Thanks!\n\nOn 07/12/2026 17:02, Praxis wrote:\n> question\n", "Thanks!");
    check("Merci !\n\nLe lun. 7 déc. 2026 à 17:02, Praxis <p@x.org> a écrit :\n> q\n", "Merci !");
    check("Danke.\n\nAm Mo., 7. Dez. 2026 um 17:02 Uhr schrieb Praxis <p@x.org>:\n> q\n", "Danke.");
    check("Gracias\n\nEl lun, 7 dic 2026 a las 17:02, Praxis (<p@x.org>) escribió:\n> q\n",
          "Gracias");
    check("Fwd text\n\n-------- Original Message --------\nSubject: x\n", "Fwd text");
}

static void test_signature(void **state)
{
    (void)state;
    check("The answer is 42.\n\n-- \nBob Smith\nACME Corp\n", "The answer is 42.");
    check("The answer is 42.\n--\nBob\n", "The answer is 42.");
}

static void test_inline_and_plain(void **state)
{
    (void)state;
    check("> Is it safe?\nYes.\n> And fast?\nAlso yes.\n", "Yes.\nAlso yes.");
    check("Just text\nwith two lines", "Just text\nwith two lines");
    check("\n\n  \nPadded\n\n\n", "Padded");
    check("", "");
    check("> only quoted\n> text\n", "");
    check("-- \nonly a signature\n", "");
}

/* Found by fuzz/mailin_fuzz.c: a '>' line between "From:" and "Sent:"/"To:" hid the block
   on the first pass and not on the second; quoted lines are now dropped before the search. */
static void test_quoted_inside_block(void **state)
{
    (void)state;
    check("Yes.\nFrom: Bob <b@x>\n> quoted\n> more\n> more\nSent: Monday\nTo: Ann\nold\n", "Yes.");
}

static void test_not_markers(void **state)
{
    (void)state;
    /* Sentences that start like an attribution but are not one stay. */
    check("On Monday we meet at 10.\nBring the logs.", "On Monday we meet at 10.\nBring the logs.");
    check("From: the field notes, section 2.\nSent: nothing yet.",
          "From: the field notes, section 2.\nSent: nothing yet.");
    check("---\nA Markdown rule above", "---\nA Markdown rule above");
    check("Code:\n\n    a --> b\n", "Code:\n\n    a --> b");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_gmail),           cmocka_unit_test(test_outlook),
        cmocka_unit_test(test_apple_and_phone), cmocka_unit_test(test_thunderbird_and_languages),
        cmocka_unit_test(test_signature),       cmocka_unit_test(test_inline_and_plain),
        cmocka_unit_test(test_not_markers),     cmocka_unit_test(test_quoted_inside_block),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
