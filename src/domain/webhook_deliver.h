/* Delivering webhooks: the "webhook" job run by the job runner (domain/job.c). See
 * docs/internals/webhooks.md for the SSRF rules, the retries and disabling. */
#ifndef PRAXIS_DOMAIN_WEBHOOK_DELIVER_H
#define PRAXIS_DOMAIN_WEBHOOK_DELIVER_H
#include <stddef.h>
#include <stdint.h>

#include "domain/domain.h"

/* --- delivering --- */

/* Run one "webhook" job (payload {"delivery": N}) with c (its own connection): send the
   delivery, log the attempt, and on failure decide what comes next. Returns 0 (delivered, or
   nothing left to do), -1 (retry at *retry_at) or -2 (given up: out of the 24-hour window, the
   hook is off or was just disabled, or the payload is bad), with err filled. */
int webhook_job_run(struct ctx *c, const char *payload, int64_t *retry_at, char *err,
                    size_t errsize);

#endif
