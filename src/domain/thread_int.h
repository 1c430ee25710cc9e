/* Private helpers shared by domain/thread.c and domain/thread_list.c (not for other layers). */
#ifndef PRAXIS_DOMAIN_THREAD_INT_H
#define PRAXIS_DOMAIN_THREAD_INT_H
#include "domain/thread.h"

/* Record ERR_NOTFOUND with the one message used for unknown and unreadable threads/posts. */
int thread_not_found(struct ctx *c);
/* 1 if the viewer is a moderator/coordinator of cm, an instance admin or the system. */
int thread_is_staff(const struct ctx *c, const struct community *cm);
/* Load thread tid and its community for the viewer: ERR_NOTFOUND unless community_can_read
   (deleted threads only for staff). */
int thread_load(struct ctx *c, int64_t tid, struct thread *t, struct community *cm);

#endif
