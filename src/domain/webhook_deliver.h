/* Delivering webhooks: the "webhook" job run by the job runner (domain/job.c). See
 * docs/internals/webhooks.md for the SSRF rules, the retries and disabling. */
#ifndef PRAXIS_DOMAIN_WEBHOOK_DELIVER_H
#define PRAXIS_DOMAIN_WEBHOOK_DELIVER_H
#include <stddef.h>
#include <stdint.h>

#include "domain/domain.h"

/* --- delivering --- */

/* A libcurl handle kept across the deliveries of one runner's wake-up, so a receiver's TLS
   connection is reused (curl reuses it only for the same host and port; every delivery is
   still checked and pinned first). Made by webhook_job_run when *wc is NULL; freed with
   webhook_client_free (NULL ok). */
struct webhook_client;
void webhook_client_free(struct webhook_client *wc);

/* Run one "webhook" job (payload {"delivery": N}) with c (its own connection): send the
   delivery, log the attempt, and on failure decide what comes next. Returns 0 (delivered, or
   nothing left to do), -1 (retry at *retry_at) or -2 (given up: out of the 24-hour window, the
   hook is off or was just disabled, or the payload is bad), with err filled. */
int webhook_job_run(struct ctx *c, struct webhook_client **wc, const char *payload,
                    int64_t *retry_at, char *err, size_t errsize);

#endif
