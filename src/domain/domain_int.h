/* Private helpers shared by the files of src/domain (not for other layers): reporting a
 * failed store call and rolling back. One definition each, so every domain module logs and
 * words storage failures the same way. */
#ifndef PRAXIS_DOMAIN_DOMAIN_INT_H
#define PRAXIS_DOMAIN_DOMAIN_INT_H
#include "domain/domain.h"

/* Log a failed store call (what: the operation, with the store's last error) and record
   ERR_DB with "Storage failed; please try again." in c->err. Returns ERR_DB. */
int domain_db_fail(struct ctx *c, const char *what);
/* Like domain_db_fail for a store code rc that may be a meaningful answer: a negative code
   other than ERR_DB (ERR_NOTFOUND, ERR_CONFLICT, ...) is recorded with its default message
   and returned as is; ERR_DB (or anything else) is domain_db_fail(c, what). */
int domain_store_fail(struct ctx *c, int rc, const char *what);
/* Roll back the open transaction on c->db and return rc (for "return domain_rollback(c,
   domain_db_fail(c, "x"));"). */
int domain_rollback(struct ctx *c, int rc);

struct community;
struct markdown_opts;
/* Embedding uploads in a text whose readers are known (issue 15; defined in upload.c): an image is
   shown only when everyone who can read the text can also load the image, that is when the upload
   has no community, or its community is public, or is the text's community, or is members-only and
   the text's community is not public. Any other upload image (a private community's image in
   a post of another community, a members-only community's image in a public one) would be
   broken for some readers, so the write is refused: upload_embed_check. */
struct upload_embed {
    struct ctx *c;
    int64_t community_id; /* the text's community; 0 = a text everyone can read */
    int public_text;      /* 1 when anonymous visitors can read the text */
    const char *refused;  /* URL of the first image refused, or NULL (arena) */
};
/* upload_markdown_hook for a text of community cm (NULL: readable by everyone, e.g. a
   profile): o's image hook shows upload images as upload_markdown_hook does, except the ones
   the rule above refuses, which are recorded in *e (and rendered as links). */
void upload_markdown_hook_in(struct ctx *c, struct markdown_opts *o, struct upload_embed *e,
                             const struct community *cm);
/* After rendering with upload_markdown_hook_in: 0, or ERR_INVALID on field with a message
   naming the refused image (its URL only: never the name of a community the author may not
   know) and what to do instead. */
int upload_embed_check(struct ctx *c, const struct upload_embed *e, const char *field);

#endif
