/* Instance health for /healthz: can this worker still reach its database? */
#ifndef PRAXIS_DOMAIN_HEALTH_H
#define PRAXIS_DOMAIN_HEALTH_H
#include "domain/domain.h"

/* 0 when the ctx's connection answers a trivial query; ERR_UNAVAILABLE with the driver's
   reason in ctx->err otherwise. */
int health_check(struct ctx *c);

#endif
