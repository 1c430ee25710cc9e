/* The knowledge base rules (see domain/article.h and docs/internals/articles.md): permissions,
 * reading, validation of input, saving with the atomic base-revision check and the three-way
 * merge on conflict, statuses, review dates and reminders, feedback, links between articles
 * and to threads, and turning a thread into an article. The pure text helpers (titles, slugs,
 * [[wiki links]], rendering through the Markdown hooks, tables of contents, dates) are in
 * article_text.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/html.h"
#include "core/log.h"
#include "core/markdown.h"
#include "core/merge.h"
#include "core/utf8.h"
#include "domain/article.h"
#include "domain/trust.h"
#include "domain/article_int.h"
#include "domain/expertise.h"
#include "domain/thread.h"
#include "domain/domain_int.h"
#include "domain/webhook.h"
#include "store/notification.h"
#include "core/util.h"

static const char *const status_names[ARTICLE__MAX] = {"draft", "published", "best_practice",
                                                       "outdated"};
static const char *const status_labels[ARTICLE__MAX] = {"Draft", "Published", "Best practice",
                                                        "Outdated"};
static const char *const editors_names[EDITORS__MAX] = {"coordinators", "trusted", "members"};

const char *article_status_name(enum article_status s)
{
    return s < ARTICLE__MAX ? status_names[s] : "draft";
}

const char *article_status_label(enum article_status s)
{
    return s < ARTICLE__MAX ? status_labels[s] : "Draft";
}

int article_status_parse(const char *s, enum article_status *out)
{
    int i;
    for (i = 0; i < ARTICLE__MAX; i++)
        if (str_eq(s, status_names[i])) {
            *out = (enum article_status)i;
            return 0;
        }
    return -1;
}

const char *article_editors_name(enum article_editors e)
{
    return e < EDITORS__MAX ? editors_names[e] : "trusted";
}

int article_editors_parse(const char *s, enum article_editors *out)
{
    int i;
    for (i = 0; i < EDITORS__MAX; i++)
        if (str_eq(s, editors_names[i])) {
            *out = (enum article_editors)i;
            return 0;
        }
    return -1;
}

static int not_found(struct ctx *c)
{
    return error_set(c->err, ERR_NOTFOUND, NULL, "There is no such article.");
}

/* ------------------------------------------------------------------------------------------ */
/* Permissions */

static enum article_editors editors_of(struct ctx *c, const struct community *cm)
{
    const char *s = NULL;
    enum article_editors e = EDITORS_TRUSTED;
    if (article_db_editors(c->db, c->arena, cm->id, &s) == 0)
        article_editors_parse(s, &e);
    return e;
}

int article_can_approve(const struct ctx *c, const struct community *cm)
{
    return c->system || c->is_admin || (c->uid && cm->viewer_role >= ROLE_COORDINATOR);
}

int article_can_edit(struct ctx *c, const struct community *cm)
{
    int trusted = 0;
    if (c->system || c->is_admin)
        return 1;
    if (!c->uid || cm->viewer_role < ROLE_MEMBER || cm->archived)
        return 0;
    if (cm->viewer_role >= ROLE_COORDINATOR)
        return 1;
    switch (editors_of(c, cm)) {
    case EDITORS_COORDINATORS:
        return 0;
    case EDITORS_MEMBERS:
        return 1;
    default:
        if (cm->viewer_role >= ROLE_MODERATOR)
            return 1;
        if (article_db_trusted(c->db, cm->id, c->uid, &trusted) == 0 && trusted)
            return 1;
        { /* trust level trust_edit_level [3] counts as trusted (domain/trust.h) */
            int64_t level;
            return trust_level(c, c->uid, &level, NULL) == 0 && level >= trust_edit_level(c);
        }
    }
}

/* 1 if the viewer sees drafts: an editor, also while the community is archived. */
static int sees_drafts(struct ctx *c, const struct community *cm)
{
    struct community live = *cm;
    live.archived = 0;
    return article_can_edit(c, &live);
}

static void can_fill(struct ctx *c, const struct community *cm, struct article_can *can)
{
    can->edit = article_can_edit(c, cm);
    can->approve = article_can_approve(c, cm) && (!cm->archived || c->system);
    can->feedback = c->uid != 0 && !cm->archived;
}

/* ------------------------------------------------------------------------------------------ */
/* Reading */

int article_community(struct ctx *c, const char *slug, struct community *cm,
                      struct article_can *can)
{
    int rc = community_get(c, slug, cm);
    if (rc < 0)
        return rc;
    if (can)
        can_fill(c, cm, can);
    return 0;
}

int article_get(struct ctx *c, const char *slug, const char *aslug, struct community *cm,
                struct article *out, struct article_can *can, const char **moved)
{
    struct article_can k;
    int64_t id = 0;
    int drafts, rc = article_community(c, slug, cm, &k);
    if (rc < 0)
        return rc;
    drafts = k.edit || (cm->archived && sees_drafts(c, cm));
    if (moved)
        *moved = NULL;
    rc = article_db_get_slug(c->db, c->arena, cm->id, aslug ? aslug : "", out);
    if (rc == ERR_NOTFOUND && moved) {
        rc = article_db_old_slug(c->db, cm->id, aslug ? aslug : "", &id);
        if (rc == 0)
            rc = article_db_get_id(c->db, c->arena, id, out);
        if (rc == 0 && (drafts || strcmp(out->status, "draft") != 0)) {
            *moved = out->slug;
            if (can)
                *can = k;
            return 0;
        }
    }
    if (rc == ERR_NOTFOUND)
        return not_found(c);
    if (rc < 0)
        return domain_db_fail(c, "article_get");
    if (!drafts && !strcmp(out->status, "draft")) {
        memset(out, 0, sizeof(*out));
        return not_found(c);
    }
    if (can)
        *can = k;
    return 0;
}

int article_list(struct ctx *c, struct community *cm, struct article **out, size_t *n)
{
    int drafts = sees_drafts(c, cm);
    if (article_db_list(c->db, c->arena, cm->id, drafts, 0, 500, out, n) < 0)
        return domain_db_fail(c, "article_list");
    return 0;
}

int article_best_practice(struct ctx *c, int limit, struct article **out, size_t *n)
{
    if (article_db_best(c->db, c->arena, c->uid, c->system || c->is_admin, limit, out, n) < 0)
        return domain_db_fail(c, "article_best");
    return 0;
}

int article_tagged(struct ctx *c, struct community *cm, const char *tag, int limit,
                   struct article **out, size_t *n)
{
    if (article_db_tagged(c->db, c->arena, cm->id, tag, sees_drafts(c, cm), limit, out, n) < 0)
        return domain_db_fail(c, "article_tagged");
    return 0;
}

int article_due(struct ctx *c, struct community *cm, int days_ahead, struct article **out,
                size_t *n)
{
    int drafts = sees_drafts(c, cm);
    int64_t before = c->now + (int64_t)(days_ahead < 0 ? 0 : days_ahead) * 86400;
    if (article_db_list(c->db, c->arena, cm->id, drafts, before, 500, out, n) < 0)
        return domain_db_fail(c, "article_due");
    return 0;
}

/* ------------------------------------------------------------------------------------------ */
/* Writing */

/* Validated fields of an input. */
struct fields {
    const char *title, *slug, *body, *tags, *summary;
};

static int check_input(struct ctx *c, struct community *cm, const struct article_input *in,
                       struct fields *f)
{
    const char **tags;
    size_t ntags, i, j;
    struct buf b = BUF_INIT;
    const char *body = in->body_md ? in->body_md : "";
    if (article_title_check(c->arena, in->title, &f->title, c->err) < 0)
        return ERR_INVALID;
    if (strlen(body) > ARTICLE_BODY_MAX)
        return error_set(c->err, ERR_TOOBIG, "body", "The text is at most %d KiB.",
                         ARTICLE_BODY_MAX / 1024);
    if (!utf8_valid(body, strlen(body)))
        return error_set(c->err, ERR_INVALID, "body", "The text must be valid UTF-8.");
    f->body = article_text_normalise(c->arena, body);
    f->summary = article_trim(c->arena, in->summary ? in->summary : "",
                              in->summary ? strlen(in->summary) : 0);
    if (!utf8_valid(f->summary, strlen(f->summary)) || utf8_has_controls(f->summary, 0) ||
        utf8_chars(f->summary, strlen(f->summary)) > ARTICLE_SUMMARY_MAX)
        return error_set(c->err, ERR_INVALID, "summary",
                         "The edit summary is one line of at most %d characters.",
                         ARTICLE_SUMMARY_MAX);
    if (thread_tags_parse(c->arena, in->tags_text ? in->tags_text : "", &tags, &ntags, c->err) < 0)
        return ERR_INVALID;
    if (!cm->tags && community_db_tags(c->db, c->arena, cm->id, &cm->tags, &cm->ntags) < 0)
        return domain_db_fail(c, "tags");
    for (i = 0; i < ntags; i++) {
        int known = 0;
        for (j = 0; j < cm->ntags; j++)
            if (!strcmp(cm->tags[j].tag, tags[i]))
                known = 1;
        if (!known) {
            buf_release(&b);
            return error_set(c->err, ERR_INVALID, "tags",
                             "\"%s\" is not one of this community's tags.", tags[i]);
        }
        buf_printf(&b, "%s%s", i ? " " : "", tags[i]);
    }
    f->tags = arena_strdup(c->arena, b.data);
    buf_release(&b);
    f->slug = article_slug_of(c->arena, f->title);
    if (!*f->slug)
        f->slug = "article";
    return 0;
}

/* A slug for title not used by another article in cm (except_id): base, base-2, base-3... */
static int unique_slug(struct ctx *c, int64_t cid, const char *base, int64_t except_id,
                       const char **out)
{
    int i, taken = 0;
    const char *s = base;
    if (!strcmp(base, "new") || !strcmp(base, "review"))
        s = arena_printf(c->arena, "%s-article", base);
    for (i = 2; i < 1000; i++) {
        if (article_db_slug_taken(c->db, cid, s, except_id, &taken) < 0)
            return domain_db_fail(c, "slug_taken");
        if (!taken) {
            *out = s;
            return 0;
        }
        s = arena_printf(c->arena, "%s-%d", base, i);
    }
    return error_set(c->err, ERR_CONFLICT, "title", "Too many articles have this title.");
}

/* article_render_html's resolver for the articles of one community. */
struct resolve_in {
    struct ctx *c;
    const struct community *cm;
};

/* The href of wiki link target in rl->cm: the article's page, or the page that creates it
   (missing). ERR_DB with ctx error set when the lookup fails. */
static int resolve_target(void *arg, const char *target, struct wikilink_target *out)
{
    struct resolve_in *ri = arg;
    struct ctx *c = ri->c;
    struct article_ref ref;
    struct buf h = BUF_INIT;
    int rc =
        article_db_resolve(c->db, c->arena, ri->cm->id, article_slug_of(c->arena, target), &ref);
    if (rc == 0) {
        buf_printf(&h, "/c/%s/a/", ri->cm->slug);
        url_encode(&h, ref.slug);
    } else if (rc == ERR_NOTFOUND) {
        buf_printf(&h, "/c/%s/a/new?title=", ri->cm->slug);
        url_encode(&h, target);
        out->missing = 1;
    } else {
        buf_release(&h);
        return domain_db_fail(c, "resolve");
    }
    out->href = arena_strdup(c->arena, h.data);
    buf_release(&h);
    return 0;
}

/* Render body with its wiki links resolved in cm; links and nlinks get the parsed links. */
static int render(struct ctx *c, const struct community *cm, const char *body, const char **html,
                  struct wikilink **links, size_t *nlinks)
{
    struct resolve_in ri;
    struct buf b = BUF_INIT;
    int rc;
    article_wikilinks_parse(c->arena, body, links, nlinks);
    ri.c = c;
    ri.cm = cm;
    rc = article_render_html_ctx(c, cm, &b, body, resolve_target, &ri);
    if (rc == ERR_DB) {
        buf_release(&b);
        return rc;
    }
    if (rc == ERR_INVALID && c->err->code == ERR_INVALID) { /* an image refused: told why */
        buf_release(&b);
        return rc;
    }
    if (rc < 0) {
        buf_release(&b);
        return error_set(c->err, rc == ERR_TOOBIG ? ERR_TOOBIG : ERR_INVALID, "body",
                         "The text could not be rendered.");
    }
    *html = arena_strdup(c->arena, b.data);
    buf_release(&b);
    return 0;
}

int article_body_render(struct ctx *c, const struct community *cm, const char *md,
                        const char **html)
{
    struct wikilink *links;
    size_t nlinks;
    return render(c, cm, md, html, &links, &nlinks);
}

/* Thread ids linked in body as /c/SLUG/t/ID (at most 50). */
static size_t thread_refs(struct ctx *c, const char *body, int64_t **out)
{
    const char *p = body;
    size_t n = 0;
    *out = ARENA_ARRAY(c->arena, int64_t, 50);
    while (n < 50 && (p = strstr(p, "/c/")) != NULL) {
        const char *q = p + 3;
        int64_t id = 0;
        while ((*q >= 'a' && *q <= 'z') || (*q >= '0' && *q <= '9') || *q == '-')
            q++;
        p += 3;
        if (strncmp(q, "/t/", 3) != 0)
            continue;
        q += 3;
        while (*q >= '0' && *q <= '9' && id < 1000000000000LL)
            id = id * 10 + (*q++ - '0');
        if (id > 0)
            (*out)[n++] = id;
    }
    return n;
}

/* Record links (wiki and thread) of art's current text. */
static int record_links(struct ctx *c, const struct article *art, const char *body,
                        const struct wikilink *links, size_t nlinks)
{
    const char **slugs = ARENA_ARRAY(c->arena, const char *, nlinks + 1);
    int64_t *tids;
    size_t i, ns = 0, nt;
    for (i = 0; i < nlinks; i++)
        slugs[ns++] = article_slug_of(c->arena, links[i].target);
    if (article_db_links_replace(c->db, art->id, art->community_id, slugs, ns) < 0)
        return domain_db_fail(c, "links");
    nt = thread_refs(c, body, &tids);
    if (article_db_threads_replace(c->db, art->id, "link", tids, nt) < 0)
        return domain_db_fail(c, "thread_links");
    return 0;
}

/* Re-render the articles of cm that link to slug (it now exists, or changed). */
static int rerender_linkers(struct ctx *c, const struct community *cm, int64_t id)
{
    struct article_ref *refs;
    size_t n, i;
    if (article_db_backlinks(c->db, c->arena, id, &refs, &n) < 0)
        return domain_db_fail(c, "backlinks");
    for (i = 0; i < n; i++) {
        struct article x;
        struct wikilink *l;
        size_t nl;
        const char *html;
        if (article_db_get_id(c->db, c->arena, refs[i].id, &x) < 0)
            continue;
        if (render(c, cm, x.body_md, &html, &l, &nl) < 0)
            return c->err->code;
        if (article_db_set_html(c->db, x.id, html) < 0)
            return domain_db_fail(c, "set_html");
    }
    return 0;
}

static int write_check(struct ctx *c, const struct community *cm)
{
    if (!c->uid && !c->system)
        return error_set(c->err, ERR_AUTH, NULL, "Sign in to edit articles.");
    if (cm->archived && !c->system)
        return error_set(c->err, ERR_CONFLICT, NULL, "This community is archived (read-only).");
    if (!article_can_edit(c, cm))
        return error_set(c->err, ERR_PERM, NULL, "You cannot edit this community's articles.");
    return 0;
}

/* Insert art as revision 1 with rendered html and links (inside a transaction). */
static int insert_article(struct ctx *c, struct community *cm, struct article *art,
                          const struct fields *f, const char *status)
{
    struct article_rev rv = {0};
    struct wikilink *links;
    size_t nlinks;
    const char *html;
    int rc;
    memset(art, 0, sizeof(*art));
    art->community_id = cm->id;
    art->community_slug = cm->slug;
    rc = unique_slug(c, cm->id, f->slug, 0, &art->slug);
    if (rc < 0)
        return rc;
    rc = render(c, cm, f->body, &html, &links, &nlinks);
    if (rc < 0)
        return rc;
    art->title = f->title;
    art->tags_text = f->tags;
    art->body_md = f->body;
    art->body_html = html;
    art->status = status;
    art->owner_id = c->uid;
    art->created_by = c->uid;
    art->created_at = c->now;
    rc = article_db_insert(c->db, art);
    if (rc == ERR_CONFLICT)
        return error_set(c->err, ERR_CONFLICT, "title", "An article with this title exists.");
    if (rc < 0)
        return domain_db_fail(c, "insert");
    rv.rev = 1;
    rv.author_id = c->uid;
    rv.created_at = c->now;
    rv.title = f->title;
    rv.tags = f->tags;
    rv.body_md = f->body;
    rv.summary = f->summary && *f->summary ? f->summary : "Created";
    if (article_db_rev_insert(c->db, art->id, &rv) < 0)
        return domain_db_fail(c, "rev_insert");
    rc = record_links(c, art, f->body, links, nlinks);
    if (rc == 0)
        rc = rerender_linkers(c, cm, art->id);
    return rc;
}

int article_create(struct ctx *c, struct community *cm, const struct article_input *in,
                   struct article *out)
{
    struct fields f;
    int rc = write_check(c, cm);
    if (rc < 0)
        return rc;
    rc = check_input(c, cm, in, &f);
    if (rc < 0)
        return rc;
    if (db_begin_write(c->db) < 0)
        return domain_db_fail(c, "begin");
    rc = insert_article(c, cm, out, &f, in->publish ? "published" : "draft");
    if (rc < 0)
        return domain_rollback(c, rc);
    if (in->publish && (rc = webhook_article(c, "article.published", cm, out, NULL)) < 0)
        return domain_rollback(c, rc);
    if (db_commit(c->db) < 0)
        return domain_rollback(c, domain_db_fail(c, "commit"));
    return article_db_get_id(c->db, c->arena, out->id, out) < 0 ? domain_db_fail(c, "reload") : 0;
}

/* Fill conf for a save from base_rev that lost the race (art is reloaded). */
static int conflict(struct ctx *c, struct article *art, int64_t base_rev, const struct fields *f,
                    struct article_conflict *conf)
{
    struct article_rev base, cur;
    struct buf m = BUF_INIT;
    int rc;
    const char *base_md = "";
    if (article_db_get_id(c->db, c->arena, art->id, art) < 0)
        return domain_db_fail(c, "reload");
    if (article_db_rev_get(c->db, c->arena, art->id, base_rev, &base) == 0)
        base_md = base.body_md;
    memset(&cur, 0, sizeof(cur));
    if (article_db_rev_get(c->db, c->arena, art->id, art->current_rev, &cur) < 0)
        cur.author_name = "";
    if (conf) {
        memset(conf, 0, sizeof(*conf));
        conf->current_rev = art->current_rev;
        conf->current_md = art->body_md;
        conf->current_title = art->title;
        conf->current_author = cur.author_name ? cur.author_name : "";
        conf->mine_md = f->body;
        rc = merge3(&m, base_md, f->body, art->body_md, "your version",
                    arena_printf(c->arena, "revision %lld", (long long)art->current_rev),
                    &conf->nconflicts);
        conf->clean = rc == 0;
        conf->merged_md = rc >= 0 ? arena_strdup(c->arena, m.data) : f->body;
        buf_release(&m);
    }
    return error_set(c->err, ERR_CONFLICT, "base_rev",
                     "Someone saved this article while you were editing it (revision %lld).",
                     (long long)art->current_rev);
}

/* Save f as a new revision of art from base_rev (inside a transaction). ERR_NOTFOUND from
   the store means the row moved on: returned as is for the caller to report. */
static int save_rev(struct ctx *c, struct community *cm, struct article *art, int64_t base_rev,
                    const struct fields *f)
{
    struct article_rev rv = {0};
    struct article upd = *art;
    struct wikilink *links;
    size_t nlinks;
    int64_t new_rev = 0;
    const char *html;
    int rc, renamed = strcmp(art->title, f->title) != 0;
    if (renamed && strcmp(article_slug_of(c->arena, art->title), f->slug) != 0) {
        rc = unique_slug(c, cm->id, f->slug, art->id, &upd.slug);
        if (rc < 0)
            return rc;
    }
    rc = render(c, cm, f->body, &html, &links, &nlinks);
    if (rc < 0)
        return rc;
    upd.title = f->title;
    upd.tags_text = f->tags;
    upd.body_md = f->body;
    upd.body_html = html;
    upd.updated_at = c->now;
    rc = article_db_update_if(c->db, &upd, base_rev, &new_rev);
    if (rc == ERR_NOTFOUND)
        return ERR_NOTFOUND;
    if (rc < 0)
        return domain_db_fail(c, "update");
    if (strcmp(upd.slug, art->slug) != 0 &&
        article_db_slug_keep(c->db, cm->id, art->slug, art->id) < 0)
        return domain_db_fail(c, "slug_keep");
    rv.rev = new_rev;
    rv.author_id = c->uid;
    rv.created_at = c->now;
    rv.title = f->title;
    rv.tags = f->tags;
    rv.body_md = f->body;
    rv.summary = f->summary;
    if (article_db_rev_insert(c->db, art->id, &rv) < 0)
        return domain_db_fail(c, "rev_insert");
    rc = record_links(c, art, f->body, links, nlinks);
    if (rc == 0 && strcmp(upd.slug, art->slug) != 0)
        rc = rerender_linkers(c, cm, art->id);
    return rc;
}

int article_save(struct ctx *c, struct community *cm, struct article *art,
                 const struct article_input *in, struct article_conflict *conf)
{
    struct fields f;
    int rc = write_check(c, cm);
    if (rc < 0)
        return rc;
    rc = check_input(c, cm, in, &f);
    if (rc < 0)
        return rc;
    if (in->base_rev < 1)
        return error_set(c->err, ERR_INVALID, "base_rev",
                         "Say which revision the edit started from (base_rev).");
    if (in->base_rev > art->current_rev)
        return error_set(c->err, ERR_INVALID, "base_rev", "There is no revision %lld.",
                         (long long)in->base_rev);
    if (in->base_rev != art->current_rev)
        return conflict(c, art, in->base_rev, &f, conf);
    if (!strcmp(f.title, art->title) && !strcmp(f.body, art->body_md) &&
        !strcmp(f.tags, art->tags_text))
        return 0; /* nothing changed: no empty revision */
    if (db_begin_write(c->db) < 0)
        return domain_db_fail(c, "begin");
    rc = save_rev(c, cm, art, in->base_rev, &f);
    if (rc == ERR_NOTFOUND) {
        db_rollback(c->db);
        return conflict(c, art, in->base_rev, &f, conf);
    }
    if (rc < 0)
        return domain_rollback(c, rc);
    if (db_commit(c->db) < 0)
        return domain_rollback(c, domain_db_fail(c, "commit"));
    return article_db_get_id(c->db, c->arena, art->id, art) < 0 ? domain_db_fail(c, "reload") : 0;
}

int article_revert(struct ctx *c, struct community *cm, struct article *art, int64_t rev,
                   const char *summary)
{
    struct article_rev r;
    struct article_input in = {0};
    int rc = article_rev(c, art, rev, &r);
    if (rc < 0)
        return rc;
    in.title = r.title;
    in.body_md = r.body_md;
    in.tags_text = r.tags;
    in.base_rev = art->current_rev;
    in.summary = summary && *summary
                     ? summary
                     : arena_printf(c->arena, "Reverted to revision %lld", (long long)rev);
    return article_save(c, cm, art, &in, NULL);
}

int article_history(struct ctx *c, const struct article *art, struct article_rev **out, size_t *n)
{
    return article_db_revs(c->db, c->arena, art->id, out, n) < 0 ? domain_db_fail(c, "revs") : 0;
}

int article_rev(struct ctx *c, const struct article *art, int64_t rev, struct article_rev *out)
{
    int rc = article_db_rev_get(c->db, c->arena, art->id, rev, out);
    if (rc == ERR_NOTFOUND)
        return error_set(c->err, ERR_NOTFOUND, "rev", "There is no revision %lld.", (long long)rev);
    return rc < 0 ? domain_db_fail(c, "rev") : 0;
}

int article_set_status(struct ctx *c, struct community *cm, struct article *art,
                       enum article_status st, const char *replaced_slug)
{
    enum article_status cur = ARTICLE_DRAFT;
    int64_t replaced = 0;
    int rc = write_check(c, cm);
    if (rc < 0)
        return rc;
    article_status_parse(art->status, &cur);
    if (st >= ARTICLE__MAX)
        return error_set(c->err, ERR_INVALID, "status", "Unknown status.");
    if ((st == ARTICLE_BEST || st == ARTICLE_OUTDATED || cur == ARTICLE_BEST ||
         cur == ARTICLE_OUTDATED) &&
        !article_can_approve(c, cm))
        return error_set(c->err, ERR_PERM, "status",
                         "Only coordinators mark best practice or outdated.");
    if (st == ARTICLE_OUTDATED && replaced_slug && *replaced_slug) {
        struct article r;
        rc = article_db_get_slug(c->db, c->arena, cm->id, replaced_slug, &r);
        if (rc == ERR_NOTFOUND || (rc == 0 && (r.id == art->id || !strcmp(r.status, "draft"))))
            return error_set(c->err, ERR_INVALID, "replaced_by",
                             "The replacing article must be another published article here.");
        if (rc < 0)
            return domain_db_fail(c, "replaced_by");
        replaced = r.id;
    }
    if (db_begin_write(c->db) < 0)
        return domain_db_fail(c, "begin");
    if (article_db_set_status(c->db, art->id, article_status_name(st), replaced, c->now) < 0)
        return domain_rollback(c, domain_db_fail(c, "set_status"));
    /* marking best practice is a review by the coordinator: evidence of their expertise */
    if (st == ARTICLE_BEST && cur != ARTICLE_BEST &&
        expertise_note_article_review(c, art->id, c->uid, "approved") < 0)
        return domain_rollback(c, domain_db_fail(c, "note review"));
    if (st != cur && (rc = webhook_article_status(c, cm, art, article_status_name(st))) < 0)
        return domain_rollback(c, rc);
    if (db_commit(c->db) < 0)
        return domain_rollback(c, domain_db_fail(c, "commit"));
    return article_db_get_id(c->db, c->arena, art->id, art) < 0 ? domain_db_fail(c, "reload") : 0;
}

int article_set_review(struct ctx *c, struct community *cm, struct article *art,
                       const char *owner_name, int64_t review_by)
{
    int64_t uid = 0;
    if (!article_can_approve(c, cm) || (cm->archived && !c->system))
        return error_set(c->err, ERR_PERM, NULL,
                         "Only coordinators set the owner and review date.");
    if (review_by < 0)
        return error_set(c->err, ERR_INVALID, "review_by", "Give the date as YYYY-MM-DD.");
    if (owner_name && *owner_name) {
        const char *canon;
        enum role role = ROLE_NONE;
        int rc = membership_db_find_user(c->db, c->arena, owner_name, &uid, &canon);
        if (rc == 0)
            rc = membership_db_role(c->db, cm->id, uid, &role);
        if (rc == ERR_NOTFOUND || (rc == 0 && role == ROLE_NONE))
            return error_set(c->err, ERR_INVALID, "owner",
                             "The owner must be a member of this community.");
        if (rc < 0)
            return domain_db_fail(c, "owner");
    }
    if (db_begin_write(c->db) < 0)
        return domain_db_fail(c, "begin");
    if (article_db_set_review(c->db, art->id, uid, review_by) < 0)
        return domain_rollback(c, domain_db_fail(c, "set_review"));
    /* a later date for the same owner of a published article records that the owner
       reviewed it: evidence of their expertise (docs/internals/expertise.md) */
    if (uid && uid == art->owner_id && art->review_by > 0 && review_by > art->review_by &&
        (!strcmp(art->status, "published") || !strcmp(art->status, "best_practice")) &&
        expertise_note_article_review(c, art->id, uid, "renewed") < 0)
        return domain_rollback(c, domain_db_fail(c, "note review"));
    if (db_commit(c->db) < 0)
        return domain_rollback(c, domain_db_fail(c, "commit"));
    return article_db_get_id(c->db, c->arena, art->id, art) < 0 ? domain_db_fail(c, "reload") : 0;
}

/* ------------------------------------------------------------------------------------------ */
/* Feedback */

int article_feedback(struct ctx *c, struct community *cm, struct article *art, const char *kind,
                     const char *note, int on)
{
    const char *n;
    if (!c->uid)
        return error_set(c->err, ERR_AUTH, NULL, "Sign in to give feedback.");
    if (cm->archived)
        return error_set(c->err, ERR_CONFLICT, NULL, "This community is archived (read-only).");
    if (!str_eq(kind, "helped") && !str_eq(kind, "outdated"))
        return error_set(c->err, ERR_INVALID, "kind", "Feedback is \"helped\" or \"outdated\".");
    if (!strcmp(art->status, "draft"))
        return error_set(c->err, ERR_CONFLICT, NULL, "Drafts take no feedback.");
    n = article_trim(c->arena, note ? note : "", note ? strlen(note) : 0);
    if (!utf8_valid(n, strlen(n)) || utf8_chars(n, strlen(n)) > ARTICLE_NOTE_MAX ||
        utf8_has_controls(n, 1))
        return error_set(c->err, ERR_INVALID, "note", "The note is at most %d characters.",
                         ARTICLE_NOTE_MAX);
    if (str_eq(kind, "helped"))
        n = "";
    if (db_begin_write(c->db) < 0)
        return domain_db_fail(c, "begin");
    if (article_db_feedback_set(c->db, art->id, c->uid, kind, n, on, c->now) < 0)
        return domain_rollback(c, domain_db_fail(c, "feedback"));
    if (on && str_eq(kind, "outdated") && art->owner_id && art->owner_id != c->uid) {
        struct buf link = BUF_INIT;
        int bad;
        buf_printf(&link, "/c/%s/a/", cm->slug);
        url_encode(&link, art->slug);
        bad = notification_db_insert(c->db, art->owner_id, "article_flagged",
                                     arena_printf(c->arena, "Flagged as outdated: %s", art->title),
                                     link.data, c->now) < 0;
        buf_release(&link);
        if (bad)
            return domain_rollback(c, domain_db_fail(c, "notify"));
    }
    if (db_commit(c->db) < 0)
        return domain_rollback(c, domain_db_fail(c, "commit"));
    return article_db_get_id(c->db, c->arena, art->id, art) < 0 ? domain_db_fail(c, "reload") : 0;
}

int article_feedback_mine(struct ctx *c, const struct article *art, int *helped, int *outdated)
{
    *helped = *outdated = 0;
    if (!c->uid)
        return 0;
    if (article_db_feedback_has(c->db, art->id, c->uid, "helped", helped) < 0 ||
        article_db_feedback_has(c->db, art->id, c->uid, "outdated", outdated) < 0)
        return domain_db_fail(c, "feedback_has");
    return 0;
}

int article_feedback_notes(struct ctx *c, struct community *cm, const struct article *art,
                           struct article_feedback_note **out, size_t *n)
{
    if (!article_can_approve(c, cm))
        return error_set(c->err, ERR_PERM, NULL, "Only coordinators see the notes.");
    return article_db_feedback_notes(c->db, c->arena, art->id, out, n) < 0
               ? domain_db_fail(c, "notes")
               : 0;
}

/* ------------------------------------------------------------------------------------------ */
/* Links */

int article_backlinks(struct ctx *c, const struct article *art, struct article_ref **out, size_t *n)
{
    struct article_ref *all;
    size_t k = 0, i, total;
    struct community cm;
    int editor;
    if (article_db_backlinks(c->db, c->arena, art->id, &all, &total) < 0)
        return domain_db_fail(c, "backlinks");
    /* same community as art (readable, since art was); drafts only for editors */
    if (community_db_get_id(c->db, c->arena, art->community_id, c->uid, &cm) < 0)
        return domain_db_fail(c, "community");
    editor = sees_drafts(c, &cm);
    *out = ARENA_ARRAY(c->arena, struct article_ref, total + 1);
    for (i = 0; i < total; i++)
        if (editor || strcmp(all[i].status, "draft") != 0)
            (*out)[k++] = all[i];
    *n = k;
    return 0;
}

/* 1 if the viewer may read community slug (looked up; errors read as no). */
static int readable_slug(struct ctx *c, const char *slug, struct community *cm)
{
    struct errinfo e = {0}, *saved = c->err;
    int rc;
    c->err = &e;
    rc = community_get(c, slug, cm);
    c->err = saved;
    return rc == 0;
}

int article_threads(struct ctx *c, const struct article *art, struct article_ref **out, size_t *n)
{
    struct article_ref *all, *ment;
    size_t k = 0, i, j, total, nment = 0;
    struct buf path = BUF_INIT;
    if (article_db_threads(c->db, c->arena, art->id, &all, &total) < 0)
        return domain_db_fail(c, "threads");
    /* threads of the article's community whose posts link to the article */
    buf_printf(&path, "/c/%s/a/%s", art->community_slug, art->slug);
    if (article_db_mentioned_in(c->db, c->arena, art->community_id, path.data, &ment, &nment) < 0) {
        buf_release(&path);
        return domain_db_fail(c, "mentioned_in");
    }
    buf_release(&path);
    *out = ARENA_ARRAY(c->arena, struct article_ref, total + nment + 1);
    for (i = 0; i < total; i++) {
        struct community cm;
        if (readable_slug(c, all[i].community_slug, &cm))
            (*out)[k++] = all[i];
    }
    for (i = 0; i < nment; i++) { /* same community as art: readable */
        int dup = 0;
        for (j = 0; j < k; j++)
            if ((*out)[j].id == ment[i].id)
                dup = 1;
        if (!dup)
            (*out)[k++] = ment[i];
    }
    *n = k;
    return 0;
}

int article_of_thread(struct ctx *c, int64_t tid, const struct community *known,
                      struct article_ref **out, size_t *n)
{
    struct article_ref *all;
    size_t k = 0, i, total;
    if (article_db_of_thread(c->db, c->arena, tid, &all, &total) < 0)
        return domain_db_fail(c, "of_thread");
    *out = ARENA_ARRAY(c->arena, struct article_ref, total + 1);
    for (i = 0; i < total; i++) {
        struct community cm;
        if (!strcmp(all[i].status, "draft"))
            continue;
        if ((known && str_eq(all[i].community_slug, known->slug)) ||
            readable_slug(c, all[i].community_slug, &cm))
            (*out)[k++] = all[i];
    }
    *n = k;
    return 0;
}

/* ------------------------------------------------------------------------------------------ */
/* Editing settings */

int article_editors_get(struct ctx *c, const struct community *cm, enum article_editors *out)
{
    *out = editors_of(c, cm);
    return 0;
}

int article_editors_set(struct ctx *c, struct community *cm, enum article_editors e)
{
    if (!article_can_approve(c, cm) || (cm->archived && !c->system))
        return error_set(c->err, ERR_PERM, NULL, "Only coordinators change who may edit.");
    if (e >= EDITORS__MAX)
        return error_set(c->err, ERR_INVALID, "editors", "Unknown setting.");
    return article_db_set_editors(c->db, cm->id, article_editors_name(e)) < 0
               ? domain_db_fail(c, "set_editors")
               : 0;
}

int article_trusted_list(struct ctx *c, struct community *cm, const char ***names, size_t *n)
{
    return article_db_trusted_list(c->db, c->arena, cm->id, names, n) < 0
               ? domain_db_fail(c, "trusted_list")
               : 0;
}

int article_trusted_set(struct ctx *c, struct community *cm, const char *user_name, int on)
{
    int64_t uid = 0;
    const char *canon;
    enum role role = ROLE_NONE;
    int rc;
    if (!article_can_approve(c, cm) || (cm->archived && !c->system))
        return error_set(c->err, ERR_PERM, NULL, "Only coordinators mark members trusted.");
    rc = membership_db_find_user(c->db, c->arena, user_name ? user_name : "", &uid, &canon);
    if (rc == 0)
        rc = membership_db_role(c->db, cm->id, uid, &role);
    if (rc == ERR_NOTFOUND || (rc == 0 && role == ROLE_NONE))
        return error_set(c->err, ERR_INVALID, "name", "That account is not a member here.");
    if (rc < 0)
        return domain_db_fail(c, "trusted_user");
    return article_db_set_trusted(c->db, cm->id, uid, on) < 0 ? domain_db_fail(c, "set_trusted")
                                                              : 0;
}

/* ------------------------------------------------------------------------------------------ */
/* From a thread */

/* Append a post's text and its attribution line. */
static void quote_post(struct buf *b, const struct post *p, const char *who)
{
    buf_puts(b, p->body_md ? p->body_md : "");
    if (b->len && b->data[b->len - 1] != '\n')
        buf_putc(b, '\n');
    if (p->author_name && *p->author_name) {
        /* the display name, Markdown-escaped, with the account name as the link's title */
        const char *d0 =
            p->author_display && *p->author_display ? p->author_display : p->author_name;
        const char *d = d0;
        buf_printf(b, "\n*%s [", who);
        for (; *d; d++) {
            if (strchr("\\`*_{}[]()<>#+-.!|~\"", *d))
                buf_putc(b, '\\');
            buf_putc(b, *d);
        }
        if (strcmp(d0, p->author_name))
            buf_printf(b, "](/u/%s \"@%s\")", p->author_name, p->author_name);
        else
            buf_printf(b, "](/u/%s)", p->author_name);
        buf_printf(b, " \xE2\x80\x94 [original post](/p/%lld)*\n\n", (long long)p->id);
    } else
        buf_printf(b, "\n*%s a deleted account \xE2\x80\x94 [original post](/p/%lld)*\n\n", who,
                   (long long)p->id);
}

int article_source_of_thread(struct ctx *c, int64_t tid, const struct community *cm,
                             struct article_ref *out)
{
    int rc;
    if (!article_can_approve(c, cm))
        return ERR_NOTFOUND;
    rc = article_db_source_of_thread(c->db, c->arena, tid, out);
    if (rc == ERR_NOTFOUND)
        return rc;
    return rc < 0 ? domain_db_fail(c, "source_of_thread") : 0;
}

int article_from_thread(struct ctx *c, int64_t tid, struct article *out, int *existed)
{
    struct article_ref src;
    struct thread_view v;
    struct fields f;
    struct buf b = BUF_INIT;
    struct article_input in = {0};
    size_t i, answers = 0;
    int question, rc;
    char *title;
    rc = thread_view(c, tid, 1, &v);
    if (rc < 0)
        return rc;
    if (!article_can_approve(c, &v.cm))
        return error_set(c->err, ERR_PERM, NULL, "Only coordinators turn threads into articles.");
    if (existed)
        *existed = 0;
    /* never a silent duplicate: the thread's article is the answer */
    rc = article_db_source_of_thread(c->db, c->arena, v.t.id, &src);
    if (rc < 0 && rc != ERR_NOTFOUND)
        return domain_db_fail(c, "source_of_thread");
    if (rc == 0) {
        if (article_db_get_id(c->db, c->arena, src.id, out) < 0)
            return domain_db_fail(c, "existing");
        if (existed)
            *existed = 1;
        return 0;
    }
    rc = write_check(c, &v.cm);
    if (rc < 0)
        return rc;
    question = v.t.kind == THREAD_QUESTION;
    buf_printf(&b, "*Made from the %s [%s](/c/%s/t/%lld).*\n\n## %s\n\n",
               question ? "question" : "discussion", v.t.title, v.cm.slug, (long long)v.t.id,
               question ? "The question" : "The discussion");
    for (i = 0; i < v.nposts; i++) {
        const struct post *p = &v.posts[i];
        if (!p->body_md || p->hidden_at || p->deleted_at)
            continue;
        if (p->position == 1) {
            quote_post(&b, p, question ? "Asked by" : "Started by");
            continue;
        }
        if (answers >= 4 || (question && !p->accepted && answers >= 1 && p->score <= 0))
            continue;
        if (p->accepted)
            buf_puts(&b, "## Accepted answer\n\n");
        else if (answers == 0 || (answers == 1 && v.posts[1].accepted))
            buf_printf(&b, "## %s\n\n", question ? "Other answers" : "Replies");
        quote_post(&b, p, question ? "Answer by" : "Reply by");
        answers++;
    }
    /* titles may not contain [ ] |: a thread's may */
    title = arena_strdup(c->arena, v.t.title);
    for (i = 0; title[i]; i++)
        if (title[i] == '[' || title[i] == ']' || title[i] == '|')
            title[i] = ' ';
    in.title = title;
    in.body_md = b.data;
    in.tags_text = v.t.tags_text;
    in.summary = arena_printf(c->arena, "Made from thread %lld", (long long)v.t.id);
    rc = check_input(c, &v.cm, &in, &f);
    buf_release(&b);
    if (rc < 0)
        return rc;
    if (db_begin_write(c->db) < 0)
        return domain_db_fail(c, "begin");
    rc = insert_article(c, &v.cm, out, &f, "draft");
    if (rc == 0 && article_db_thread_add(c->db, out->id, v.t.id, "source") < 0)
        rc = domain_db_fail(c, "source");
    if (rc < 0)
        return domain_rollback(c, rc);
    if (db_commit(c->db) < 0)
        return domain_rollback(c, domain_db_fail(c, "commit"));
    return article_db_get_id(c->db, c->arena, out->id, out) < 0 ? domain_db_fail(c, "reload") : 0;
}
