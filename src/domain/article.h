/* The knowledge base: the rules. Articles of a community (title, Markdown body with
 * [[wiki links]], tags from the community vocabulary, a slug that keeps redirecting after a
 * rename), every save a revision, edit conflicts detected atomically and merged three ways,
 * statuses (draft -> published -> best practice -> outdated), an owner with a review date
 * and in-app reminders, readers' feedback, links between articles and to threads, and
 * turning a thread into an article. See docs/internals/articles.md.
 *
 * Reading follows community_can_read; drafts are visible to editors only. To everyone else
 * an article they may not read does not exist (ERR_NOTFOUND, same message as an unused
 * slug). Who may edit is the community's setting article_editors:
 *   coordinators  the community's coordinators;
 *   trusted       coordinators and moderators, plus members a coordinator marked trusted
 *                 (the default);
 *   members       every member.
 * Instance administrators and the CLI's system ctx may always edit. Editors create, edit,
 * revert and publish/unpublish; coordinators (and admins) mark best practice or outdated,
 * set the owner and review date, change the setting and the trusted list, and see the
 * "looks outdated" notes. Archived communities are read-only. Results are allocated in
 * ctx->arena; functions return 0 or a negative enum err with ctx->err set (field names
 * match the API's JSON members). */
#ifndef PRAXIS_DOMAIN_ARTICLE_H
#define PRAXIS_DOMAIN_ARTICLE_H
#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "domain/community.h"
#include "domain/domain.h"
#include "store/article.h"

#define ARTICLE_TITLE_MIN   3 /* code points, after trimming */
#define ARTICLE_TITLE_MAX   200
#define ARTICLE_BODY_MAX    (100 * 1024) /* bytes of Markdown */
#define ARTICLE_SLUG_MAX    80           /* bytes */
#define ARTICLE_SUMMARY_MAX 200          /* edit summary, code points */
#define ARTICLE_NOTE_MAX    1000         /* "looks outdated" note, code points */
#define ARTICLE_LINKS_MAX   100          /* [[wiki links]] recognised per article */
#define ARTICLE_TOC_MIN     3            /* headings needed for a table of contents */
#define ARTICLE_TOC_MAX     64           /* entries of a table of contents at most */

enum article_status {
    ARTICLE_DRAFT,     /* visible to editors only */
    ARTICLE_PUBLISHED, /* visible to readers */
    ARTICLE_BEST,      /* best practice: approved by a coordinator */
    ARTICLE_OUTDATED,  /* superseded, optionally by another article */
    ARTICLE__MAX
};
const char *article_status_name(enum article_status s);            /* "draft", ... */
const char *article_status_label(enum article_status s);           /* "Draft", "Best practice" */
int article_status_parse(const char *s, enum article_status *out); /* 0 or -1 */

enum article_editors { EDITORS_COORDINATORS, EDITORS_TRUSTED, EDITORS_MEMBERS, EDITORS__MAX };
const char *article_editors_name(enum article_editors e);            /* "coordinators", ... */
int article_editors_parse(const char *s, enum article_editors *out); /* 0 or -1 */

/* What the viewer may do with an article (or in a community, with art = NULL). */
struct article_can {
    int edit;     /* create, edit, revert, publish or unpublish */
    int approve;  /* best practice, outdated, owner and review date, feedback notes */
    int feedback; /* mark "this helped" / "looks outdated" (signed in, may read) */
};

/* --- pure helpers (unit-tested; e may be NULL) --- */

/* Title: valid UTF-8, one line, 3-200 code points after trimming, no "[", "]" or "|" (so
   every title can be written as a [[wiki link]]). *out = trimmed arena copy. */
int article_title_check(struct arena *a, const char *title, const char **out, struct errinfo *e);
/* The slug of a title: ASCII letters and digits lowercased, bytes >= 0x80 kept (UTF-8
   letters), every other run becomes one '-', trimmed of '-' at both ends, cut to at most
   ARTICLE_SLUG_MAX bytes at a character boundary. "" when nothing is left. Titles that
   differ only in case and punctuation have the same slug (that is how links find them). */
const char *article_slug_of(struct arena *a, const char *title);
/* CRLF and lone CR become LF (what the merge and the diff compare). Arena copy. */
const char *article_text_normalise(struct arena *a, const char *s);

/* A [[wiki link]] in Markdown source: "[[Target]]" or "[[Target|label]]". The target and
   label are trimmed; neither may contain "[", "]", a newline or a NUL; the target has 1-200
   code points, a "|"-separated label 1-200 (an empty label means the target). */
struct wikilink {
    size_t start, end;  /* byte range of "[[...]]" in the source */
    const char *target; /* arena copy */
    const char *label;  /* arena copy (the target when no label) */
};
/* All wiki links of md in order (at most ARTICLE_LINKS_MAX; later ones stay text). */
int article_wikilinks_parse(struct arena *a, const char *md, struct wikilink **out, size_t *n);

/* One resolved link for rendering: the href and whether the article exists. */
struct wikilink_target {
    const char *href; /* "/c/SLUG/a/ASLUG" or "/c/SLUG/a/new?title=..." */
    int missing;      /* 1: no such article (the link offers to create it) */
};
/* Resolves wiki link target (trimmed, valid) into *out (zeroed; href must outlive the
   render). Returns 0, or a negative enum err that stops the render and is returned. */
typedef int (*article_resolve_fn)(void *arg, const char *target, struct wikilink_target *out);
/* Render md to safe HTML through markdown_render_opts (docs/internals/markdown.md): the
   wiki links article_wikilinks_parse finds (same rules, same order) are resolved with
   resolve(arg, ...) and written by the renderer as <a class="wikilink" href="HREF">LABEL</a>
   ("wikilink missing", titled "No such article yet: create it", when missing) where they
   land in ordinary text; inside code, inside another link or in a URL they stay the original
   text. Every byte of a label or href is escaped. Headings get id anchors ("h-" + slug,
   numbered on repeats, unique). Appends to out; returns markdown_render's code or the
   resolver's. */
int article_render_html(struct buf *out, const char *md, article_resolve_fn resolve, void *arg);
/* article_render_html with images that are uploads of this instance shown (c: the
   request's ctx, for upload_markdown_hook; NULL = article_render_html). With cm, only
   images all of cm's readers may load (upload_markdown_hook_in): another is ERR_INVALID
   with c->err set (field "body"). */
int article_render_html_ctx(struct ctx *c, const struct community *cm, struct buf *out,
                            const char *md, article_resolve_fn resolve, void *arg);
/* An article's body md rendered as on every write: wiki links resolved against the articles
   of cm (id and slug), then article_render_html. *html in c->arena. 0, ERR_INVALID,
   ERR_TOOBIG or ERR_DB (message in c->err). Used to render imported articles again. */
int article_body_render(struct ctx *c, const struct community *cm, const char *md,
                        const char **html);

/* Table of contents of Markdown md (an article's body_md) as data: its <h2>/<h3> headings
   with the ids article_render_html gives them. At most ARTICLE_TOC_MAX entries. The text is
   plain (not escaped): escape it where it is printed. */
struct toc_entry {
    int level;        /* 2 or 3 */
    const char *id;   /* anchor id, "h-..." */
    const char *text; /* heading text as the reader sees it, not escaped */
};
int article_toc(struct arena *a, const char *md, struct toc_entry **out, size_t *n);

/* "YYYY-MM-DD" to UTC midnight seconds; -1 if malformed. "" is 0 (no date). */
int64_t article_date_parse(const char *s);

/* --- permissions (cm loaded for ctx->uid) --- */

int article_can_edit(struct ctx *c, const struct community *cm);
int article_can_approve(const struct ctx *c, const struct community *cm);

/* --- articles --- */

struct article_input {
    const char *title;
    const char *body_md;
    const char *tags_text; /* "a, b c" */
    const char *summary;   /* edit summary, optional */
    int64_t base_rev;      /* save: the revision the edit started from */
    int publish;           /* create: 1 = published at once, else a draft */
};

/* Conflict details when article_save returns ERR_CONFLICT because someone saved first. */
struct article_conflict {
    int64_t current_rev;    /* the revision saved meanwhile (use as the next base) */
    const char *current_md; /* its text */
    const char *current_title;
    const char *current_author; /* who saved it ("" if gone) */
    const char *mine_md;        /* the text submitted */
    const char *merged_md;      /* three-way merge of base, mine and current */
    int clean;                  /* 1: merged without conflicts (offer for review) */
    size_t nconflicts;
};

/* Load article aslug of community slug for the viewer (cm and can filled; can may be NULL).
   When aslug is an old slug, returns 0 with *moved set to the current slug (moved may be
   NULL: then old slugs are ERR_NOTFOUND). */
int article_get(struct ctx *c, const char *slug, const char *aslug, struct community *cm,
                struct article *out, struct article_can *can, const char **moved);
/* The community cm and what the viewer may do there (list pages). */
int article_community(struct ctx *c, const char *slug, struct community *cm,
                      struct article_can *can);
/* Articles of cm the viewer may see (drafts for editors), best practice first. */
int article_list(struct ctx *c, struct community *cm, struct article **out, size_t *n);
/* Best-practice articles of every community the viewer may read, newest change first. */
int article_best_practice(struct ctx *c, int limit, struct article **out, size_t *n);
/* Articles of cm tagged tag the viewer may see (drafts for editors), best practice first. */
int article_tagged(struct ctx *c, struct community *cm, const char *tag, int limit,
                   struct article **out, size_t *n);
/* Articles of cm whose review date is on or before now (+ days ahead). */
int article_due(struct ctx *c, struct community *cm, int days_ahead, struct article **out,
                size_t *n);

/* Create an article (revision 1). ERR_PERM, ERR_CONFLICT (archived), ERR_INVALID. */
int article_create(struct ctx *c, struct community *cm, const struct article_input *in,
                   struct article *out);
/* Save a new revision of art from in->base_rev. When art moved on since base_rev: ERR_CONFLICT
   with *conf filled (nothing saved). On success art is reloaded. A rename keeps the old
   slug redirecting. */
int article_save(struct ctx *c, struct community *cm, struct article *art,
                 const struct article_input *in, struct article_conflict *conf);
/* Revert art to revision rev (a new revision with that text; summary optional). */
int article_revert(struct ctx *c, struct community *cm, struct article *art, int64_t rev,
                   const char *summary);
int article_history(struct ctx *c, const struct article *art, struct article_rev **out, size_t *n);
int article_rev(struct ctx *c, const struct article *art, int64_t rev, struct article_rev *out);

/* Change status. Editors: draft <-> published. Coordinators: anything, including best
   practice and outdated (replaced_slug = slug of the replacing article in cm, or NULL/""). */
int article_set_status(struct ctx *c, struct community *cm, struct article *art,
                       enum article_status st, const char *replaced_slug);
/* Owner (account name, "" = none; must be a member) and review date (0 = none). */
int article_set_review(struct ctx *c, struct community *cm, struct article *art,
                       const char *owner_name, int64_t review_by);

/* Feedback: kind "helped" or "outdated" (note optional), on = 0 takes it back. */
int article_feedback(struct ctx *c, struct community *cm, struct article *art, const char *kind,
                     const char *note, int on);
int article_feedback_mine(struct ctx *c, const struct article *art, int *helped, int *outdated);
int article_feedback_notes(struct ctx *c, struct community *cm, const struct article *art,
                           struct article_feedback_note **out, size_t *n);

/* Links: articles linking here (readable ones); threads of the article: sources, threads
   its text links (status "source" / "link", readable ones) and threads of its community with
   a post linking to the article ("mention"); readable published articles made from or
   linking to thread tid. */
int article_backlinks(struct ctx *c, const struct article *art, struct article_ref **out,
                      size_t *n);
int article_threads(struct ctx *c, const struct article *art, struct article_ref **out, size_t *n);
/* known: a community the caller already checked readable (the thread's), or NULL. */
int article_of_thread(struct ctx *c, int64_t tid, const struct community *known,
                      struct article_ref **out, size_t *n);

/* Editing settings (coordinators): who may edit, and trusted members by name. */
int article_editors_get(struct ctx *c, const struct community *cm, enum article_editors *out);
int article_editors_set(struct ctx *c, struct community *cm, enum article_editors e);
int article_trusted_list(struct ctx *c, struct community *cm, const char ***names, size_t *n);
int article_trusted_set(struct ctx *c, struct community *cm, const char *user_name, int on);

/* From a thread: a draft in the thread's community with the question/opening post, the
   accepted answer and the top answers (up to 3), each attributed with a link to /p/:id;
   the thread is recorded as a source. Coordinators (article_can_approve). A thread that
   already has its article (a source link, any status) gets no second one: out is that
   article and *existed is 1 (else 0); existed may be NULL. */
int article_from_thread(struct ctx *c, int64_t tid, struct article *out, int *existed);
/* The article made from thread tid (any status) for a coordinator of cm (the thread's
   community), so the thread page offers "Open the article" instead of making another.
   ERR_NOTFOUND when there is none or the caller is not one of its coordinators. */
int article_source_of_thread(struct ctx *c, int64_t tid, const struct community *cm,
                             struct article_ref *out);

#endif
