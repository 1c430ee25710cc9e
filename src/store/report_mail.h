/* The SQL catalogue of the monthly health summary mail (domain/report_mail.c): the
 * coordinators to write to, read in id-ordered batches, and the communities one of them
 * coordinates. A coordinator is written to when active, with a verified address, and not
 * having turned the summary off (table notify_prefs, kind 'health', mode 'off'; migration
 * 0014's table takes any kind). Returns follow store/account.h: 0, ERR_NOTFOUND or ERR_DB. */
#ifndef PRAXIS_STORE_REPORT_MAIL_H
#define PRAXIS_STORE_REPORT_MAIL_H
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "store/db.h"

/* Up to limit user ids > after, in id order: active accounts with a verified address that
   coordinate at least one community that is not archived and have not turned the summary
   off. *out is an arena array. */
int store_report_mail_due(struct db *db, struct arena *a, int64_t after, int64_t limit,
                          int64_t **out, size_t *n);
/* The slugs of the communities (not archived) uid coordinates, by name (arena array), and
   uid's verified address (*email = NULL when none, or when the account is not active or
   turned the summary off: then *n = 0 too). */
int store_report_mail_target(struct db *db, struct arena *a, int64_t uid, const char **email,
                             const char ***slugs, size_t *n);

#endif
