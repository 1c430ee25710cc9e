/* Imports from other platforms: a Stack Exchange data dump into one community (see
 * docs/internals/import.md for the mapping), and the claim links that let the people
 * behind imported (unclaimed) accounts set a password.
 *
 * The import streams each XML file (core/sedump.h), writes through store/import.h in
 * transactions of opts->batch rows, each carrying its mapping rows, so an interrupted run
 * leaves a consistent database and a second run updates instead of duplicating. */
#ifndef PRAXIS_DOMAIN_IMPORT_H
#define PRAXIS_DOMAIN_IMPORT_H
#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "domain/domain.h"
#include "store/export.h"
#include "store/import.h"

struct import_progress {
    const char *file;     /* "Posts.xml" */
    uint64_t bytes, size; /* read so far / file size */
    uint64_t rows;        /* rows of this file so far */
    int done;             /* 1 on the file's last call */
};

struct import_opts {
    const char *dir;      /* the dump's directory */
    const char *slug;     /* community (created if missing) */
    const char *site_url; /* e.g. https://beer.stackexchange.com; NULL = from dir's name */
    int batch;            /* rows per transaction; 0 = 2000 */
    int no_users;         /* import without Users.xml (every post without an author) */
    /* Called every batch and at the end of each file (may be NULL). */
    void (*progress)(void *ud, const struct import_progress *p);
    /* A row skipped for a malformed value: file, line and why (may be NULL). */
    void (*warn)(void *ud, const char *file, unsigned long line, const char *msg);
    void *ud;
};

struct import_stats {
    int64_t users, tags, questions, answers, accepted, revisions, comments, votes, links, closed,
        skipped;
};

/* Import the dump in o->dir into community o->slug (public, created with a charter that
   credits the source when missing). ctx must be the system. Returns 0, or a negative err
   with c->err's message naming the file and line ("Posts.xml: line 12: ..."). */
int import_stackexchange(struct ctx *c, const struct import_opts *o, struct import_stats *st);

/* What a thread page shows beside its posts: the attribution of imported posts, the
   comments under posts and links to and from other threads of the same community. */
struct thread_extras {
    struct import_attrib *attribs;
    size_t nattribs;
    struct comment_row *comments;
    size_t ncomments;
    struct thread_link_row *links;
    size_t nlinks;
};
#define THREAD_COMMENTS_MAX 2000
#define THREAD_LINKS_MAX    50
/* Extras for thread tid of community cid. The caller has shown (thread_view) that the viewer
   may read the thread; comments of withheld posts must not be shown (the web checks each
   post's body). */
int thread_extras_load(struct ctx *c, int64_t tid, int64_t cid, struct thread_extras *out);

/* --- pure helpers (unit-tested) --- */
/* The site URL for a dump directory: "beer" -> https://beer.stackexchange.com,
   "beer.stackexchange.com" or "conlang.meta.stackexchange.com" -> https://NAME. NULL when
   the base name is neither (then --site-url is required). Arena copy. */
const char *import_site_from_dir(struct arena *a, const char *dir);
/* A site URL is https?://host with no path, query or spaces (trailing '/' dropped). */
int import_site_check(struct arena *a, const char *url, const char **out);
/* The account name of source user ext in community slug: "SLUG-ID" ("SLUG-m1" for -1), the
   slug cut to 20 characters. */
void import_user_name(const char *slug, int64_t ext, char *out, size_t size);
/* The close reason for a PostHistory close row's Comment (a reason id). */
const char *import_close_reason(const char *code);
/* Text of rendered HTML (tags dropped, entities &lt; &gt; &amp; &quot; &#39; decoded,
   block ends as blank lines), appended to out: the Markdown fallback when PostHistory
   has no body for a post. */
void import_html_text(struct buf *out, const char *html);

/* --- praxis-export imports (import_render.c) --- */
/* Fill in every rendered HTML column of what im imported (store/export.h's XF_RENDERED
   columns, stored as "") from its Markdown, on im's transaction, through the domain's own
   render function for each (thread_post_render, article_body_render, ...). Text those
   refuse is rendered by the plain Markdown renderer and counted in *fallbacks (may be
   NULL). c is the system context on im's connection. 0, or ERR_DB / ERR_INTERNAL with a
   message in c->err (the import must then be aborted). */
int import_render_all(struct ctx *c, struct export_import *im, size_t *fallbacks);

/* --- account claims --- */
#define CLAIM_TTL (14 * 86400)
/* A one-time link for unclaimed account name, valid CLAIM_TTL: *token_out (arena) goes in
   /claim?token=. Administrators and the system. ERR_NOTFOUND, ERR_CONFLICT (not unclaimed). */
int account_claim_create(struct ctx *c, const char *name, const char **token_out);
/* The account a claim token is for (arena copies), or ERR_NOTFOUND when unknown, used or
   expired. */
int account_claim_check(struct ctx *c, const char *token, const char **name,
                        const char **display_name);
/* Set the password of the token's account (policy as at sign-up), making it active, and
   use up the token. ERR_NOTFOUND, ERR_INVALID (field "password"). */
int account_claim_use(struct ctx *c, const char *token, const char *password);

#endif
