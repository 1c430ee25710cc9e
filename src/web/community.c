/* Community pages: the directory (/communities), creating (/c/new), a community's page
 * (/c/:slug), editing and archiving it, joining and leaving, the member list with role
 * changes, invitation links (/c/:slug/invites) and the page an invitation opens
 * (/join/:token). Every permission decision comes from domain/community.c; this file only
 * renders what the domain allowed, and shows a button only when the action would succeed. */
#include <string.h>

#include "core/html.h"
#include "core/timeutil.h"
#include "domain/community.h"
#include "domain/thread.h"
#include "web/community.h"
#include "web/parts.h"
#include "core/util.h"

#define DIRECTORY_PAGE 50 /* communities per directory page */
#define MEMBERS_PAGE   50 /* members per page */
#define LATEST_SHOWN   10 /* latest threads on the community page */

/* ------------------------------------------------------------------------------------------ */
/* Shared pieces (also used by home.c through web.h) */

/* "/signin?next=PATH" with PATH percent-encoded, arena string. */
static const char *signin_url(struct req *r, const char *page, const char *path)
{
    struct buf b;
    const char *s;
    buf_init(&b, 8192);
    buf_printf(&b, "/%s?next=", page);
    url_encode(&b, path);
    s = arena_strdup(r->arena, b.data);
    buf_release(&b);
    return s;
}

/* Load the community named by the first route capture; ERR_NOTFOUND unless readable. */
static int load_param(struct req *r, struct ctx *c, struct community *cm)
{
    return community_get(c, r->params[0], cm);
}

/* ------------------------------------------------------------------------------------------ */
/* Directory */

static int render_communities(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct community_filter f;
    struct community *list;
    size_t n;
    int page = (int)req_int(r, "page", 1, 1, 10000), rc;
    const char *q = req_query(r, "q");

    memset(&f, 0, sizeof(f));
    f.kind = COMMUNITY_LIST_DIRECTORY;
    f.q = q;
    f.include_archived = 1;
    f.limit = DIRECTORY_PAGE + 1;
    f.offset = (page - 1) * DIRECTORY_PAGE;
    rc = community_list(c, &f, &list, &n);
    if (rc < 0)
        return rc;

    page_begin(r, "Communities");
    buf_puts(&r->out, "<div class=\"page-head\"><h1>Communities</h1>");
    if (community_can_create(c))
        buf_puts(&r->out, "<a class=\"button\" href=\"/c/new\">New community</a>");
    buf_puts(&r->out, "</div>\n");
    html_printf(
        &r->out,
        "<form class=\"filter-form\" method=\"get\" action=\"/communities\" "
        "role=\"search\" aria-label=\"Filter communities\"><label for=\"q\">Filter by name</label> "
        "<input type=\"search\" id=\"q\" name=\"q\" value=\"%s\" maxlength=\"200\"> "
        "<button type=\"submit\" class=\"button button-secondary\">Filter</button></form>\n",
        q ? q : "");
    if (n == 0) {
        if (q && *q)
            html_printf(&r->out, "<p class=\"empty\">No community name contains \"%s\".</p>\n", q);
        else if (page > 1)
            buf_puts(&r->out, "<p class=\"empty\">No more communities.</p>\n");
        else
            buf_puts(&r->out, "<p class=\"empty\">There are no communities you can see yet.</p>\n");
    } else { /* the cards are h3: a list heading keeps the outline in order */
        buf_puts(&r->out, "<h2 class=\"visually-hidden\">All communities</h2>\n");
        web_community_cards(r, list, n > DIRECTORY_PAGE ? DIRECTORY_PAGE : n);
    }
    if (page > 1 || n > DIRECTORY_PAGE) {
        struct buf qs;
        buf_init(&qs, 1024);
        if (q && *q) {
            buf_puts(&qs, "&amp;q=");
            url_encode(&qs, q);
        }
        buf_puts(&r->out, "<nav class=\"pager\" aria-label=\"Pages\">");
        if (page > 1) {
            html_printf(&r->out, "<a rel=\"prev\" href=\"/communities?page=%d", page - 1);
            buf_puts(&r->out, qs.data);
            buf_puts(&r->out, "\">Previous</a> ");
        }
        if (n > DIRECTORY_PAGE) {
            html_printf(&r->out, "<a rel=\"next\" href=\"/communities?page=%d", page + 1);
            buf_puts(&r->out, qs.data);
            buf_puts(&r->out, "\">Next</a>");
        }
        buf_puts(&r->out, "</nav>\n");
        buf_release(&qs);
    }
    page_end(r);
    return 0;
}

int page_communities(struct req *r)
{
    return web_cache_page(r, render_communities);
}

/* ------------------------------------------------------------------------------------------ */
/* Create and edit */

/* Values shown in the create/edit form. */
struct community_form {
    const char *name, *slug, *visibility, *charter_md, *tags;
    int preview; /* the charter's Preview was pressed */
};

static void form_from_request(struct req *r, struct community_form *f)
{
    f->name = req_form(r, "name");
    f->slug = req_form(r, "slug");
    f->visibility = req_form(r, "visibility");
    f->charter_md = req_form(r, "charter_md");
    f->tags = req_form(r, "tags");
    f->preview = web_is_preview(r);
}

/* Every field's own check, so the form comes back with all its problems at once (the
   domain call then finds the rest, such as a slug in use). Returns the number found. */
static size_t form_check(struct req *r, const struct community_form *f, int creating)
{
    struct errinfo e = {0};
    const char *name;
    struct community_tag *tags;
    size_t ntags;
    form_error_note(r, community_name_check(r->arena, f->name ? f->name : "", &name, &e), &e);
    if (creating && f->slug && *f->slug)
        form_error_note(r, community_slug_check(f->slug, &e), &e);
    form_error_note(r, community_tags_parse(r->arena, f->tags ? f->tags : "", &tags, &ntags, &e),
                    &e);
    return form_error_count(r);
}

/* The fields of the create (editing = NULL) or edit form, inside an open <form>. */
static void render_fields(struct req *r, const struct community_form *f,
                          const struct community *editing)
{
    int v, bad;
    form_field(r, "text", "name", "Name", f->name,
               "2 to 80 characters, for example \"Clinical Informatics\".",
               "required maxlength=\"80\"");
    if (!editing)
        form_field(r, "text", "slug", "Address", f->slug,
                   "The community lives at /c/ADDRESS: lower-case letters, digits and hyphens. "
                   "Leave it empty to make one from the name. It cannot be changed later.",
                   "maxlength=\"40\" autocapitalize=\"none\" spellcheck=\"false\"");
    else
        html_printf(&r->out,
                    "<div class=\"field\"><span class=\"label\">Address</span>"
                    "<p class=\"static-value\"><code>/c/%s</code></p></div>\n",
                    editing->slug);
    bad = str_eq(r->err.field, "visibility");
    html_printf(&r->out, "<fieldset class=\"field visibility-choice%s\" id=\"visibility\"",
                bad ? " field-invalid" : "");
    if (bad)
        buf_puts(&r->out, " aria-describedby=\"visibility-error\"");
    buf_puts(&r->out, ">\n<legend>Who can read it?</legend>\n");
    form_field_error(r, "visibility");
    for (v = 0; v < COMMUNITY__MAX; v++) {
        const char *name = community_vis_name((enum community_vis)v);
        int checked =
            f->visibility && *f->visibility ? str_eq(f->visibility, name) : v == COMMUNITY_PUBLIC;
        html_printf(&r->out,
                    "<div class=\"choice\"><input type=\"radio\" id=\"visibility-%s\" "
                    "name=\"visibility\" value=\"%s\"%s><label for=\"visibility-%s\">%s"
                    "<span class=\"hint\">%s</span></label></div>\n",
                    name, name, checked ? " checked" : "", name, web_community_vis_label(v),
                    web_community_vis_help(v));
    }
    buf_puts(&r->out, "</fieldset>\n");
    if (f->preview)
        web_preview_block(r, f->charter_md, "post", NULL);
    form_field(r, "textarea", "charter_md", "Charter", f->charter_md,
               "What the community is for, who it is for and how it works. Markdown, at most "
               "64 KiB.",
               "rows=\"12\"");
    web_upload_tools(r, "charter_md", editing ? editing->slug : NULL);
    form_field(r, "text", "tags", "Tags", f->tags,
               "The topics members use to label questions and articles, separated by commas or "
               "spaces: lower-case letters, digits and hyphens (for example: triage, sepsis, "
               "ward-rounds).",
               "autocapitalize=\"none\"");
}

static void render_new(struct req *r, const struct community_form *f)
{
    page_begin(r, "New community");
    buf_puts(&r->out, "<h1>New community</h1>\n");
    form_error_summary(r);
    buf_puts(&r->out, "<form class=\"form\" method=\"post\" action=\"/c/new\">\n");
    form_csrf(r);
    render_fields(r, f, NULL);
    buf_puts(&r->out, "<div class=\"form-actions\"><button type=\"submit\" class=\"button\">"
                      "Create community</button> ");
    web_preview_button(r);
    buf_puts(&r->out, " <a href=\"/communities\">Cancel</a></div>\n</form>\n");
    page_end(r);
}

int page_community_new(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct community_form f = {0};
    if (!community_can_create(c))
        return error_set(&r->err, ERR_PERM, NULL,
                         "Only administrators can create communities on this instance.");
    render_new(r, &f);
    return 0;
}

int page_community_create(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct community_form f;
    struct community_input in = {0};
    struct community cm;
    int rc;

    form_from_request(r, &f);
    in.name = f.name;
    in.slug = f.slug;
    in.visibility = f.visibility;
    in.charter_md = f.charter_md;
    in.tags_text = f.tags ? f.tags : "";
    if (f.preview) {
        render_new(r, &f);
        return 0;
    }
    rc = form_check(r, &f, 1) ? r->err.code : community_create(c, &in, &cm);
    if (rc < 0) {
        if (!web_form_error(rc))
            return rc;
        r->status = web_form_status(rc);
        render_new(r, &f);
        return 0;
    }
    return resp_redirect(r, arena_printf(r->arena, "/c/%s", cm.slug));
}

static void render_edit(struct req *r, const struct community *cm, const struct community_form *f)
{
    page_begin(r, arena_printf(r->arena, "Edit %s", cm->name));
    html_printf(&r->out,
                "<p class=\"breadcrumb\"><a href=\"/c/%s\">%s</a></p>"
                "<h1>Edit community</h1>\n",
                cm->slug, cm->name);
    form_error_summary(r);
    if (cm->archived) {
        buf_puts(&r->out, "<p class=\"notice\">This community is archived and read-only. "
                          "Unarchive it to make changes.</p>\n");
    } else {
        html_printf(&r->out, "<form class=\"form\" method=\"post\" action=\"/c/%s/edit\">\n",
                    cm->slug);
        form_csrf(r);
        render_fields(r, f, cm);
        buf_puts(&r->out, "<div class=\"form-actions\"><button type=\"submit\" class=\"button\">"
                          "Save</button> ");
        web_preview_button(r);
        html_printf(&r->out, " <a href=\"/c/%s\">Cancel</a></div>\n</form>\n", cm->slug);
    }
    html_printf(&r->out,
                "<section id=\"integrations\"><h2>Webhooks</h2><p><a href=\"/c/%s/webhooks\">"
                "Send this community's events to other tools</a> (signed JSON over HTTPS)."
                "</p></section>\n",
                cm->slug);
    html_printf(&r->out,
                "<section class=\"danger-zone\"><h2>%s</h2><p>%s</p>"
                "<form method=\"post\" action=\"/c/%s/archive\">",
                cm->archived ? "Unarchive" : "Archive",
                cm->archived ? "Members can post and join again."
                             : "An archived community stays readable but nobody can join, post "
                               "or change it until it is unarchived.",
                cm->slug);
    form_csrf(r);
    html_printf(&r->out,
                "<input type=\"hidden\" name=\"archived\" value=\"%d\">"
                "<button type=\"submit\" class=\"button button-danger\">%s this "
                "community</button></form></section>\n",
                cm->archived ? 0 : 1, cm->archived ? "Unarchive" : "Archive");
    page_end(r);
}

int page_community_edit(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct community cm;
    struct community_form f = {0};
    int rc = load_param(r, c, &cm);
    if (rc < 0)
        return rc;
    if (!community_can_edit(c, &cm))
        return error_set(&r->err, ERR_PERM, NULL, "Only coordinators can edit %s.", cm.name);
    f.name = cm.name;
    f.visibility = community_vis_name(cm.visibility);
    f.charter_md = cm.charter_md;
    f.tags = community_tags_format(r->arena, cm.tags, cm.ntags);
    render_edit(r, &cm, &f);
    return 0;
}

int page_community_update(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct community cm;
    struct community_form f;
    struct community_input in = {0};
    int rc = load_param(r, c, &cm);
    if (rc < 0)
        return rc;
    form_from_request(r, &f);
    in.name = f.name ? f.name : "";
    in.visibility = f.visibility;
    in.charter_md = f.charter_md ? f.charter_md : "";
    in.tags_text = f.tags ? f.tags : "";
    if (f.preview) {
        render_edit(r, &cm, &f);
        return 0;
    }
    rc = form_check(r, &f, 0) ? r->err.code : community_update(c, &cm, &in);
    if (rc < 0) {
        if (!web_form_error(rc))
            return rc;
        r->status = web_form_status(rc);
        render_edit(r, &cm, &f);
        return 0;
    }
    return resp_redirect(r, arena_printf(r->arena, "/c/%s", cm.slug));
}

int page_community_tag_describe(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct community cm;
    int rc = load_param(r, c, &cm);
    if (rc < 0)
        return rc;
    rc = community_tag_describe(c, &cm, r->params[1], form_value(r, "description"));
    if (rc < 0)
        return rc;
    return resp_redirect(r, arena_printf(r->arena, "/c/%s/tags/%s", cm.slug, r->params[1]));
}

int page_community_archive(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct community cm;
    const char *v = req_form(r, "archived");
    int rc = load_param(r, c, &cm);
    if (rc < 0)
        return rc;
    rc = community_set_archived(c, &cm, v ? str_eq(v, "1") : !cm.archived);
    if (rc < 0)
        return rc;
    return resp_redirect(r, arena_printf(r->arena, "/c/%s", cm.slug));
}

/* ------------------------------------------------------------------------------------------ */
/* A community's page */

/* The join/leave/edit/invite buttons for the viewer. */
static void render_actions(struct req *r, struct ctx *c, const struct community *cm)
{
    const char *self = arena_printf(r->arena, "/c/%s", cm->slug);
    buf_puts(&r->out, "<div class=\"community-actions\">");
    if (!c->uid) {
        if (!cm->archived)
            html_printf(&r->out, "<a class=\"button\" href=\"%s\">Sign in to join</a>",
                        signin_url(r, "signin", self));
    } else if (community_can_join(c, cm)) {
        html_printf(&r->out, "<form method=\"post\" action=\"/c/%s/join\">", cm->slug);
        form_csrf(r);
        buf_puts(&r->out, "<button type=\"submit\" class=\"button\">Join</button></form>");
    }
    if (community_can_edit(c, cm))
        html_printf(&r->out, "<a class=\"button button-secondary\" href=\"/c/%s/edit\">Edit</a>",
                    cm->slug);
    if (community_can_invite(c, cm) &&
        (cm->visibility == COMMUNITY_PRIVATE || community_can_edit(c, cm)))
        html_printf(&r->out,
                    "<a class=\"button button-secondary\" href=\"/c/%s/invites\">Invite</a>",
                    cm->slug);
    /* Leave comes last; the only coordinator is told how to hand over instead (leaving
       would leave the community without one, and community_leave refuses it) */
    if (community_can_leave(c, cm) && community_is_last_coordinator(c, cm)) {
        html_printf(&r->out,
                    "<p class=\"hint community-leave-hint\">You are this community's only "
                    "coordinator. To leave it, first make another member a coordinator on the "
                    "<a href=\"/c/%s/members\">Members</a> page.</p>",
                    cm->slug);
    } else if (community_can_leave(c, cm)) {
        html_printf(&r->out, "<form method=\"post\" action=\"/c/%s/leave\">", cm->slug);
        form_csrf(r);
        buf_puts(&r->out,
                 "<button type=\"submit\" class=\"button button-secondary\">Leave</button></form>");
    }
    buf_puts(&r->out, "</div>\n");
}

static void render_names(struct req *r, const struct member *m, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++) {
        const char *shown = m[i].display_name && *m[i].display_name ? m[i].display_name : m[i].name;
        html_printf(&r->out, "%s<a href=\"/u/%s\">%s</a>", i ? ", " : "", m[i].name, shown);
    }
}

/* The community's latest threads with the buttons to start one (members). */
static int render_latest(struct req *r, struct ctx *c, const struct community *cm)
{
    struct thread_filter f;
    struct thread_list l;
    struct errinfo saved = r->err; /* the page may be showing an error already */
    int rc;
    memset(&f, 0, sizeof(f));
    f.list = TL_LATEST;
    f.kind = -1;
    f.limit = LATEST_SHOWN;
    rc = thread_list(c, cm, &f, &l);
    if (rc < 0)
        return rc;
    r->err = saved;
    buf_puts(&r->out, "<section class=\"community-threads\" aria-labelledby=\"latest-title\">"
                      "<div class=\"section-head\"><h2 id=\"latest-title\">Latest threads</h2>");
    if (web_can_start_thread(r, cm))
        html_printf(&r->out,
                    "<div class=\"community-actions\"><a class=\"button\" "
                    "href=\"/c/%s/t/new?kind=question\">New question</a> <a "
                    "class=\"button button-secondary\" href=\"/c/%s/t/new?kind="
                    "discussion\">Start a discussion</a></div>",
                    cm->slug, cm->slug);
    buf_puts(&r->out, "</div>\n");
    if (!l.n) {
        buf_puts(&r->out, "<p class=\"empty\">No threads yet.</p>\n");
    } else {
        web_thread_rows(r, l.items, l.n, 0);
        if (l.total > (int64_t)l.n)
            html_printf(&r->out,
                        "<p class=\"more\"><a href=\"/c/%s/latest\">All %lld threads"
                        "</a></p>\n",
                        cm->slug, (long long)l.total);
    }
    buf_puts(&r->out, "</section>\n");
    return 0;
}

/* The community page for cm; r->err (if set) is shown at the top. */
static int render_community(struct req *r, struct ctx *c, struct community *cm)
{
    struct member *coords;
    size_t ncoords, i;
    struct page_feed feeds[2]; /* web/parts_feed.c */
    int rc = community_members(c, cm, ROLE_COORDINATOR, 12, 0, &coords, &ncoords);
    if (rc < 0)
        return rc;
    web_feed_threads(r, cm, NULL, &feeds[0]);
    web_feed_articles(r, cm, &feeds[1]);
    page_begin_feeds(r, cm->name, feeds, 2);
    html_printf(&r->out,
                "<header class=\"community-head\"><div><h1>%s</h1>"
                "<p class=\"community-meta\">",
                cm->name);
    web_community_badges(r, cm);
    html_printf(&r->out, " <a class=\"member-count\" href=\"/c/%s/members\">%lld %s</a>", cm->slug,
                (long long)cm->member_count, cm->member_count == 1 ? "member" : "members");
    buf_puts(&r->out, "</p>");
    if (ncoords) {
        buf_puts(&r->out, "<p class=\"coordinators\">Coordinated by ");
        render_names(r, coords, ncoords);
        buf_puts(&r->out, "</p>");
    }
    buf_puts(&r->out, "</div>");
    render_actions(r, c, cm);
    buf_puts(&r->out, "</header>\n");
    web_follow_community(r, cm, NULL); /* web/parts_notification.c */
    web_community_nav(r, cm, "about");
    form_error_summary(r);
    if (cm->archived)
        buf_puts(&r->out, "<p class=\"notice\">This community is archived: it is read-only "
                          "and nobody can join it.</p>\n");
    if (cm->charter_html && *cm->charter_html) {
        buf_puts(&r->out, "<section class=\"charter prose\" aria-label=\"Charter\">\n");
        buf_puts(&r->out, cm->charter_html); /* rendered by markdown_render: safe HTML */
        buf_puts(&r->out, "</section>\n");
    } else {
        buf_puts(&r->out, "<p class=\"empty\">No charter yet.</p>\n");
    }
    rc = render_latest(r, c, cm);
    if (rc < 0)
        return rc;
    web_events_upcoming(r, cm);
    if (cm->ntags) {
        buf_puts(&r->out, "<section class=\"community-tags\"><h2>Tags</h2><ul class=\"tags\">");
        for (i = 0; i < cm->ntags; i++) {
            buf_puts(&r->out, "<li>");
            web_tag_link(r, cm->slug, cm->tags[i].tag, cm->tags[i].threads,
                         cm->tags[i].description);
            buf_puts(&r->out, "</li>");
        }
        buf_puts(&r->out, "</ul></section>\n");
    }
    web_feed_link(r, &feeds[0]);
    page_end(r);
    return 0;
}

static int render_community_page(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct community cm;
    int rc = load_param(r, c, &cm);
    if (rc < 0)
        return rc;
    web_cache_depends(r, PS_COMMUNITY, cm.id); /* the anonymous page cache */
    return render_community(r, c, &cm);
}

int page_community(struct req *r)
{
    return web_cache_page(r, render_community_page);
}

int page_community_join(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct community cm;
    int rc = load_param(r, c, &cm);
    if (rc < 0)
        return rc;
    rc = community_join(c, &cm);
    if (rc < 0)
        return rc;
    return resp_redirect(r, arena_printf(r->arena, "/c/%s", cm.slug));
}

int page_community_leave(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct community cm;
    int rc = load_param(r, c, &cm);
    if (rc < 0)
        return rc;
    rc = community_leave(c, &cm);
    if (rc == ERR_CONFLICT) {
        r->status = 409;
        return render_community(r, c, &cm);
    }
    if (rc < 0)
        return rc;
    /* After leaving a private community it is no longer visible. */
    if (!community_can_read(c, &cm))
        return resp_redirect(r, "/communities");
    return resp_redirect(r, arena_printf(r->arena, "/c/%s", cm.slug));
}

/* ------------------------------------------------------------------------------------------ */
/* Members */

/* The directory's query string (q, skill, tag, sort) for links that change only the page,
   escaped for an attribute; "" when nothing is set. */
static const char *members_tail(struct req *r, const struct member_search *s)
{
    struct buf b = BUF_INIT;
    struct buf h = BUF_INIT;
    const char *out;
    const char *keys[3] = {"q", "skill", "tag"};
    const char *vals[3] = {s->q, s->skill, s->tag};
    int i;
    for (i = 0; i < 3; i++)
        if (vals[i] && *vals[i]) {
            buf_printf(&b, "&%s=", keys[i]);
            url_encode(&b, vals[i]);
        }
    if (s->sort != MEMBER_SORT_ROLE)
        buf_printf(&b, "&sort=%s", member_sort_name(s->sort));
    html_attr(&h, b.err ? "" : b.data);
    out = arena_strdup(r->arena, h.err ? "" : h.data);
    buf_release(&b);
    buf_release(&h);
    return out;
}

/* The directory's search form: name, skill, tag (the vocabulary offered) and order. */
static void members_form(struct req *r, const struct community *cm, const struct member_search *s)
{
    static const char *const labels[MEMBER_SORT__MAX] = {"Role", "Name", "Newest members",
                                                         "Most active"};
    size_t i;
    html_printf(&r->out,
                "<form class=\"member-search\" method=\"get\" action=\"/c/%s/members\" "
                "role=\"search\" aria-label=\"Find members\">"
                "<div class=\"field\"><label for=\"ms-q\">Name</label><input type=\"search\" "
                "id=\"ms-q\" name=\"q\" value=\"%s\" maxlength=\"100\"></div>"
                "<div class=\"field\"><label for=\"ms-skill\">Skill they claim</label><input "
                "type=\"text\" id=\"ms-skill\" name=\"skill\" value=\"%s\" maxlength=\"30\"></div>"
                "<div class=\"field\"><label for=\"ms-tag\">Posted under tag</label><input "
                "type=\"text\" id=\"ms-tag\" name=\"tag\" value=\"%s\" maxlength=\"30\" "
                "list=\"ms-tags\"></div><datalist id=\"ms-tags\">",
                cm->slug, s->q ? s->q : "", s->skill ? s->skill : "", s->tag ? s->tag : "");
    for (i = 0; i < cm->ntags; i++)
        html_printf(&r->out, "<option value=\"%s\">", cm->tags[i].tag);
    buf_puts(&r->out, "</datalist><div class=\"field\"><label for=\"ms-sort\">Sort by</label>"
                      "<select id=\"ms-sort\" name=\"sort\">");
    for (i = 0; i < MEMBER_SORT__MAX; i++)
        html_printf(&r->out, "<option value=\"%s\"%s>%s</option>",
                    member_sort_name((enum member_sort)i),
                    s->sort == (enum member_sort)i ? " selected" : "", labels[i]);
    buf_puts(&r->out, "</select></div><button type=\"submit\" class=\"button\">Find</button>"
                      "</form>\n");
}

static int render_members(struct req *r, struct ctx *c, struct community *cm)
{
    struct member *m;
    struct member_search s;
    size_t n, i;
    int64_t total = 0;
    int page = (int)req_int(r, "page", 1, 1, 10000);
    int manage = community_can_manage_members(c, cm) && !cm->archived;
    const char *tail;
    int rc;
    memset(&s, 0, sizeof(s));
    s.q = req_query(r, "q");
    s.skill = req_query(r, "skill");
    s.tag = req_query(r, "tag");
    if (member_sort_parse(req_query(r, "sort"), &s.sort) < 0)
        s.sort = MEMBER_SORT_ROLE;
    s.offset = (int64_t)(page - 1) * MEMBERS_PAGE;
    s.limit = MEMBERS_PAGE;
    rc = community_member_search(c, cm, &s, &m, &n, &total);
    if (rc == ERR_INVALID) {
        r->status = 400;
        n = 0;
    } else if (rc < 0) {
        return rc;
    }
    tail = members_tail(r, &s);
    page_begin(r, arena_printf(r->arena, "Members of %s", cm->name));
    html_printf(&r->out,
                "<header class=\"community-head\"><div><h1>%s</h1>"
                "<p class=\"community-meta\">",
                cm->name);
    web_community_badges(r, cm);
    html_printf(&r->out, " <span class=\"member-count\">%lld %s</span></p></div>",
                (long long)cm->member_count, cm->member_count == 1 ? "member" : "members");
    render_actions(r, c, cm);
    buf_puts(&r->out, "</header>\n");
    web_community_nav(r, cm, "members");
    form_error_summary(r);
    members_form(r, cm, &s);
    if (*tail)
        html_printf(&r->out, "<p class=\"muted\" role=\"status\">%lld %s found.</p>\n",
                    (long long)total, total == 1 ? "member" : "members");
    if (n == 0) {
        buf_puts(&r->out, *tail ? "<p class=\"empty\">No members match.</p>\n"
                                : "<p class=\"empty\">No members.</p>\n");
        page_end(r);
        return 0;
    }
    buf_puts(&r->out, "<div class=\"table-scroll\"><table class=\"members\"><thead><tr><th "
                      "scope=\"col\">Name</th>"
                      "<th scope=\"col\">Role</th><th scope=\"col\">Joined</th>"
                      "<th scope=\"col\">Posts</th>");
    if (manage)
        buf_puts(&r->out, "<th scope=\"col\">Manage</th>");
    buf_puts(&r->out, "</tr></thead><tbody>\n");
    for (i = 0; i < n; i++) {
        const struct member *x = &m[i];
        const char *shown = x->display_name && *x->display_name ? x->display_name : x->name;
        int rl;
        html_printf(&r->out, "<tr><td><a href=\"/u/%s\">%s</a>", x->name, shown);
        if (!str_eq(shown, x->name))
            html_printf(&r->out, " <span class=\"handle\">@%s</span>", x->name);
        html_printf(&r->out,
                    "</td><td><span class=\"badge badge-role badge-%s\">%s</span></td><td>",
                    role_name(x->role), web_role_label(x->role));
        page_time(r, x->joined_at);
        html_printf(&r->out, "</td><td class=\"num\">%lld</td>", (long long)x->activity);
        if (manage) {
            html_printf(&r->out,
                        "<td class=\"manage\"><form class=\"inline\" method=\"post\" "
                        "action=\"/c/%s/members/%s\">",
                        cm->slug, x->name);
            form_csrf(r);
            html_printf(&r->out,
                        "<label class=\"visually-hidden\" for=\"role-%lld\">Role of %s</label>"
                        "<select id=\"role-%lld\" name=\"role\">",
                        (long long)x->user_id, x->name, (long long)x->user_id);
            for (rl = ROLE_COORDINATOR; rl >= ROLE_MEMBER; rl--)
                html_printf(&r->out, "<option value=\"%s\"%s>%s</option>", role_name((enum role)rl),
                            rl == (int)x->role ? " selected" : "", web_role_label(rl));
            buf_puts(&r->out, "</select> <button type=\"submit\" class=\"button button-small "
                              "button-secondary\">Change</button></form> ");
            html_printf(&r->out,
                        "<form class=\"inline\" method=\"post\" action=\"/c/%s/members/%s\">",
                        cm->slug, x->name);
            form_csrf(r);
            html_printf(&r->out,
                        "<input type=\"hidden\" name=\"remove\" value=\"1\">"
                        "<button type=\"submit\" class=\"button button-small button-danger\" "
                        "aria-label=\"Remove %s\">"
                        "Remove</button></form></td>",
                        x->name);
        }
        buf_puts(&r->out, "</tr>\n");
    }
    buf_puts(&r->out, "</tbody></table></div>\n");
    if (page > 1 || total > s.offset + (int64_t)n) {
        buf_puts(&r->out, "<nav class=\"pager\" aria-label=\"Pages\">");
        if (page > 1)
            html_printf(&r->out, "<a rel=\"prev\" href=\"/c/%s/members?page=%d", cm->slug,
                        page - 1);
        if (page > 1)
            buf_printf(&r->out, "%s\">Previous</a> ", tail); /* tail: escaped already */
        if (total > s.offset + (int64_t)n)
            html_printf(&r->out, "<a rel=\"next\" href=\"/c/%s/members?page=%d", cm->slug,
                        page + 1);
        if (total > s.offset + (int64_t)n)
            buf_printf(&r->out, "%s\">Next</a>", tail);
        buf_puts(&r->out, "</nav>\n");
    }
    page_end(r);
    return 0;
}

int page_community_members(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct community cm;
    int rc = load_param(r, c, &cm);
    if (rc < 0)
        return rc;
    return render_members(r, c, &cm);
}

int page_community_member_update(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct community cm;
    const char *name = r->params[1];
    const char *role_s = req_form(r, "role");
    int rc = load_param(r, c, &cm);
    if (rc < 0)
        return rc;
    if (str_eq(req_form(r, "remove"), "1")) {
        rc = community_remove_member(c, &cm, name);
    } else {
        enum role role;
        if (role_parse(role_s, &role) < 0)
            rc = error_set(&r->err, ERR_INVALID, "role",
                           "A role is coordinator, moderator or member.");
        else
            rc = community_set_role(c, &cm, name, role);
    }
    if (rc < 0) {
        if (!web_form_error(rc))
            return rc;
        r->status = web_form_status(rc);
        return render_members(r, c, &cm);
    }
    if (!community_can_read(c, &cm))
        return resp_redirect(r, "/communities");
    return resp_redirect(r, arena_printf(r->arena, "/c/%s/members", cm.slug));
}

/* ------------------------------------------------------------------------------------------ */
/* Invitations */

/* The absolute invitation URL for token (scheme and host from the request). */
static const char *invite_url(struct req *r, const char *token)
{
    const char *host = req_header(r, "Host");
    return arena_printf(r->arena, "%s://%s/join/%s", r->secure ? "https" : "http",
                        host && *host ? host : "localhost", token);
}

/* The invitations page; fresh (may be NULL) is an invitation just made, whose link is shown
   this once. */
static int render_invites(struct req *r, struct ctx *c, struct community *cm,
                          const struct invite *fresh, const char *days, const char *uses)
{
    struct invite *list;
    size_t n, i;
    char t2[32];
    int rc = community_invites(c, cm, &list, &n);
    if (rc < 0)
        return rc;
    page_begin(r, arena_printf(r->arena, "Invitations to %s", cm->name));
    html_printf(&r->out,
                "<p class=\"breadcrumb\"><a href=\"/c/%s\">%s</a></p>"
                "<h1>Invitation links</h1>\n"
                "<p class=\"lead\">Anyone with a link can join %s until it expires or runs out "
                "of uses. Only a hash of each link is kept, so a link is shown once, when it "
                "is made.</p>\n",
                cm->slug, cm->name, cm->name);
    form_error_summary(r);
    if (fresh && fresh->token) {
        const char *url = invite_url(r, fresh->token);
        html_printf(&r->out,
                    "<div class=\"notice notice-ok\" role=\"status\"><p>New invitation "
                    "link. Copy it now: it is shown only once.</p>"
                    "<p><label class=\"visually-hidden\" for=\"invite-link\">Invitation link"
                    "</label><input id=\"invite-link\" class=\"invite-link\" readonly "
                    "value=\"%s\"></p></div>\n",
                    url);
    }
    if (cm->archived) {
        buf_puts(&r->out, "<p class=\"notice\">This community is archived: no new "
                          "invitations.</p>\n");
    } else {
        html_printf(&r->out,
                    "<form class=\"form invite-form\" method=\"post\" "
                    "action=\"/c/%s/invites\">",
                    cm->slug);
        form_csrf(r);
        html_printf(&r->out,
                    "<div class=\"field-row\"><div class=\"field\"><label for=\"days\">Valid for "
                    "(days)</label><input id=\"days\" name=\"days\" type=\"number\" min=\"1\" "
                    "max=\"%d\" value=\"%s\">",
                    INVITE_DAYS_MAX, days ? days : "7");
        form_field_error(r, "days");
        html_printf(&r->out,
                    "</div><div class=\"field\"><label for=\"max_uses\">Uses (0 = unlimited)"
                    "</label><input id=\"max_uses\" name=\"max_uses\" type=\"number\" min=\"0\" "
                    "max=\"%d\" value=\"%s\">",
                    INVITE_USES_MAX, uses ? uses : "1");
        form_field_error(r, "max_uses");
        buf_puts(&r->out, "</div></div><div class=\"form-actions\"><button type=\"submit\" "
                          "class=\"button\">Create link</button></div></form>\n");
    }
    if (!n) {
        buf_puts(&r->out, "<p class=\"empty\">No invitation links yet.</p>\n");
        page_end(r);
        return 0;
    }
    buf_puts(&r->out, "<div class=\"table-scroll\"><table class=\"invites\"><thead><tr><th "
                      "scope=\"col\">Created</th>"
                      "<th scope=\"col\">By</th><th scope=\"col\">Expires</th>"
                      "<th scope=\"col\">Uses</th><th scope=\"col\">State</th>"
                      "<th scope=\"col\"></th></tr></thead><tbody>\n");
    for (i = 0; i < n; i++) {
        const struct invite *v = &list[i];
        enum invite_state st = invite_state(v, c->now);
        time_iso(v->expires_at, t2);
        buf_puts(&r->out, "<tr><td>");
        page_time(r, v->created_at);
        html_printf(&r->out,
                    "</td><td>%s</td><td><time datetime=\"%s\">%.10s</time>"
                    "</td><td>%lld",
                    v->created_by_name, t2, t2, (long long)v->uses);
        if (v->max_uses)
            html_printf(&r->out, " of %lld", (long long)v->max_uses);
        html_printf(&r->out, "</td><td><span class=\"badge badge-invite-%d\">%s</span></td><td>",
                    (int)st, invite_state_name(st));
        if (st == INVITE_OK) {
            html_printf(&r->out, "<form class=\"inline\" method=\"post\" action=\"/c/%s/invites\">",
                        cm->slug);
            form_csrf(r);
            html_printf(&r->out,
                        "<input type=\"hidden\" name=\"revoke\" value=\"%lld\">"
                        "<button type=\"submit\" class=\"button button-small "
                        "button-danger\">Revoke</button></form>",
                        (long long)v->id);
        }
        buf_puts(&r->out, "</td></tr>\n");
    }
    buf_puts(&r->out, "</tbody></table></div>\n");
    page_end(r);
    return 0;
}

int page_community_invites(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct community cm;
    int rc = load_param(r, c, &cm);
    if (rc < 0)
        return rc;
    return render_invites(r, c, &cm, NULL, NULL, NULL);
}

int page_community_invites_post(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct community cm;
    struct invite inv;
    const char *revoke = req_form(r, "revoke");
    const char *days_s = req_form(r, "days"), *uses_s = req_form(r, "max_uses");
    int64_t id, days = 7, uses = 0;
    int rc = load_param(r, c, &cm);
    if (rc < 0)
        return rc;
    if (revoke) {
        if (str_to_i64(revoke, &id) < 0)
            return error_set(&r->err, ERR_NOTFOUND, NULL, "No such invitation.");
        rc = community_invite_revoke(c, &cm, id);
        if (rc < 0)
            return rc;
        return resp_redirect(r, arena_printf(r->arena, "/c/%s/invites", cm.slug));
    }
    if (days_s && *days_s && (str_to_i64(days_s, &days) < 0 || days < 1 || days > INVITE_DAYS_MAX))
        rc = error_set(&r->err, ERR_INVALID, "days", "An invitation is valid for 1 to %d days.",
                       INVITE_DAYS_MAX);
    else if (uses_s && *uses_s &&
             (str_to_i64(uses_s, &uses) < 0 || uses < 0 || uses > INVITE_USES_MAX))
        rc = error_set(&r->err, ERR_INVALID, "max_uses", "Uses are 0 (unlimited) to %d.",
                       INVITE_USES_MAX);
    else
        rc = community_invite_create(c, &cm, (int)days, (int)uses, &inv);
    if (rc < 0) {
        if (!web_form_error(rc))
            return rc;
        r->status = web_form_status(rc);
        return render_invites(r, c, &cm, NULL, days_s, uses_s);
    }
    r->status = 201;
    error_clear(&r->err);
    return render_invites(r, c, &cm, &inv, NULL, NULL);
}

int page_join(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct community cm;
    struct invite inv;
    const char *token = r->params[0];
    const char *self = arena_printf(r->arena, "/join/%s", token);
    int rc = community_invite_open(c, token, &cm, &inv);
    if (rc < 0)
        return rc;
    page_begin(r, arena_printf(r->arena, "Join %s", cm.name));
    html_printf(&r->out,
                "<div class=\"join-card\"><p class=\"eyebrow\">You are invited to join"
                "</p><h1>%s</h1><p class=\"community-meta\">",
                cm.name);
    web_community_badges(r, &cm);
    html_printf(&r->out, " <span class=\"member-count\">%lld %s</span></p>\n",
                (long long)cm.member_count, cm.member_count == 1 ? "member" : "members");
    if (cm.viewer_role != ROLE_NONE) {
        html_printf(&r->out, "<p>You are already a member. <a href=\"/c/%s\">Go to %s</a></p>",
                    cm.slug, cm.name);
    } else if (!c->uid) {
        html_printf(&r->out,
                    "<p>Sign in to accept the invitation, or create an account first.</p>"
                    "<p class=\"actions\"><a class=\"button\" href=\"%s\">Sign in</a> "
                    "<a class=\"button button-secondary\" href=\"%s\">Sign up</a></p>",
                    signin_url(r, "signin", self), signin_url(r, "signup", self));
    } else {
        html_printf(&r->out, "<form method=\"post\" action=\"/join/%s\">", token);
        form_csrf(r);
        html_printf(&r->out, "<button type=\"submit\" class=\"button\">Join %s</button></form>",
                    cm.name);
    }
    buf_puts(&r->out, "</div>\n");
    page_end(r);
    return 0;
}

int page_join_post(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct community cm;
    int rc = community_join_token(c, r->params[0], &cm);
    if (rc < 0)
        return rc;
    return resp_redirect(r, arena_printf(r->arena, "/c/%s", cm.slug));
}
