/* Private helpers shared by domain/thread.c, thread_list.c and closevote.c (not for other
 * layers). */
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

/* Render md (checked as thread_body_check) to HTML as posts are rendered, with @mention
   links; *names / *nnames get the mentioned names that exist (arena). 0, ERR_INVALID,
   ERR_TOOBIG or ERR_DB. */
int thread_render_md(struct ctx *c, const char *md, const char **html, const char ***names,
                     size_t *nnames);
/* The same for a comment: the inline subset only (Stack Overflow's comments: emphasis,
   code spans, links, @mentions; no headings, lists, quotes, code blocks or images; one line;
   see markdown_opts.inline_only). */
int thread_render_comment_md(struct ctx *c, const char *md, const char **html, const char ***names,
                             size_t *nnames);
/* 1 if the viewer is a member of cm (or an administrator, or the system). */
int thread_is_member(const struct ctx *c, const struct community *cm);

#endif
