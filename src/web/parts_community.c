/* Shared page pieces about communities: visibility and role labels and badges, the
 * community cards of the directory and the home page, the tab bar of a community's pages,
 * and whether the viewer may start a thread there. Declared in web/parts.h. */
#include <string.h>

#include "core/html.h"
#include "domain/community.h"
#include "domain/flag.h"
#include "domain/report.h"
#include "domain/thread.h"
#include "web/parts.h"
#include "core/util.h"

static const char *const vis_labels[COMMUNITY__MAX] = {"Public", "Signed-in users", "Private"};
static const char *const vis_help[COMMUNITY__MAX] = {
    "Anyone can read it, even without an account. Any signed-in user can join.",
    "Anyone signed in to this instance can read it and join. Hidden from visitors.",
    ("Only members can read it; nobody else can see that it exists. People join with an "
     "invitation link."),
};
static const char *const role_labels[ROLE__MAX] = {"", "Member", "Moderator", "Coordinator"};

const char *web_community_vis_label(enum community_vis v)
{
    return vis_labels[v];
}

const char *web_community_vis_help(enum community_vis v)
{
    return vis_help[v];
}

const char *web_role_label(enum role role)
{
    return role_labels[role];
}

void web_community_badges(struct req *r, const struct community *cm)
{
    html_printf(&r->out, "<span class=\"badge badge-%s\" title=\"%s\">%s</span>",
                community_vis_name(cm->visibility), vis_help[cm->visibility],
                vis_labels[cm->visibility]);
    if (cm->archived)
        buf_puts(&r->out, " <span class=\"badge badge-archived\">Archived</span>");
    if (cm->viewer_role != ROLE_NONE)
        html_printf(&r->out, " <span class=\"badge badge-role badge-%s\">%s</span>",
                    role_name(cm->viewer_role),
                    cm->viewer_role == ROLE_MEMBER ? "Joined" : role_labels[cm->viewer_role]);
}

void web_community_cards(struct req *r, const struct community *list, size_t n)
{
    size_t i;
    buf_puts(&r->out, "<ul class=\"community-list\">\n");
    for (i = 0; i < n; i++) {
        const struct community *cm = &list[i];
        html_printf(&r->out,
                    "<li class=\"community-card%s\"><h3><a href=\"/c/%s\">%s</a></h3>"
                    "<p class=\"community-meta\">",
                    cm->archived ? " is-archived" : "", cm->slug, cm->name);
        web_community_badges(r, cm);
        html_printf(&r->out, " <span class=\"member-count\">%lld %s</span></p>",
                    (long long)cm->member_count, cm->member_count == 1 ? "member" : "members");
        if (cm->charter_head && *cm->charter_head) {
            const char *first = community_charter_sentence(r->arena, cm->charter_head);
            if (*first)
                html_printf(&r->out, "<p class=\"community-summary\">%s</p>", first);
        }
        buf_puts(&r->out, "</li>\n");
    }
    buf_puts(&r->out, "</ul>\n");
}

void web_community_nav(struct req *r, const struct community *cm, const char *current)
{
    static const struct {
        const char *key, *label, *suffix;
    } tabs[] = {{"about", "About", ""},
                {"latest", "Threads", "/latest"},
                {"unanswered", "Unanswered", "/unanswered"},
                {"top", "Top", "/top"},
                {"events", "Events", "/events"},
                {"articles", "Articles", "/a"},
                {"who-knows", "Who knows", "/who-knows"},
                {"members", "Members", "/members"}};
    size_t i;
    buf_puts(&r->out, "<nav class=\"subnav\" aria-label=\"Community\"><ul>");
    for (i = 0; i < ARRAY_SIZE(tabs); i++) {
        if (str_eq(current, tabs[i].key))
            html_printf(&r->out, "<li><a href=\"/c/%s%s\" aria-current=\"page\">%s</a></li>",
                        cm->slug, tabs[i].suffix, tabs[i].label);
        else
            html_printf(&r->out, "<li><a href=\"/c/%s%s\">%s</a></li>", cm->slug, tabs[i].suffix,
                        tabs[i].label);
    }
    if (review_can(app_ctx(r), cm)) /* moderators and coordinators: the review queue */
        html_printf(&r->out,
                    str_eq(current, "review")
                        ? "<li><a href=\"/c/%s/review\" aria-current=\"page\">Review</a></li>"
                        : "<li><a href=\"/c/%s/review\">Review</a></li>",
                    cm->slug);
    if (review_can(app_ctx(r), cm)) /* staff: the coaching queue and its settings */
        html_printf(&r->out,
                    str_eq(current, "coaching")
                        ? "<li><a href=\"/c/%s/coaching\" aria-current=\"page\">Coaching</a></li>"
                        : "<li><a href=\"/c/%s/coaching\">Coaching</a></li>",
                    cm->slug);
    if (report_can_view(app_ctx(r), cm)) /* coordinators, moderators: health */
        html_printf(&r->out,
                    str_eq(current, "health")
                        ? "<li><a href=\"/c/%s/health\" aria-current=\"page\">Health</a></li>"
                        : "<li><a href=\"/c/%s/health\">Health</a></li>",
                    cm->slug);
    if (community_can_edit(app_ctx(r), cm)) /* coordinators: participation levels */
        html_printf(&r->out,
                    str_eq(current, "participation")
                        ? "<li><a href=\"/c/%s/participation\" aria-current=\"page\">"
                          "Participation</a></li>"
                        : "<li><a href=\"/c/%s/participation\">Participation</a></li>",
                    cm->slug);
    buf_puts(&r->out, "</ul></nav>\n");
    /* search: this community's box, in: prefilled (web/search.c) */
    html_printf(&r->out,
                "<form class=\"community-search\" method=\"get\" action=\"/search\" "
                "role=\"search\" aria-label=\"This community\"><input type=\"hidden\" name=\"in\" "
                "value=\"%s\">"
                "<label class=\"visually-hidden\" for=\"community-q\">Search %s</label>"
                "<input type=\"search\" id=\"community-q\" name=\"q\" maxlength=\"500\" "
                "placeholder=\"Search %s\"> <button type=\"submit\" class=\"button button-small "
                "button-secondary\">Search</button></form>\n",
                cm->slug, cm->name, cm->name);
}

int web_can_start_thread(struct req *r, const struct community *cm)
{
    return thread_can_start(app_ctx(r), cm);
}

void web_tag_link(struct req *r, const char *slug, const char *tag, int64_t count,
                  const char *description)
{
    html_printf(&r->out, "<a class=\"tag\" href=\"/c/%s/tags/%s\"", slug, tag);
    if (description && *description)
        html_printf(&r->out, " title=\"%s\"", description);
    html_printf(&r->out, ">%s", tag);
    if (count >= 0)
        html_printf(
            &r->out,
            " <span class=\"tag-count\">%lld<span class=\"visually-hidden\"> %s</span></span>",
            (long long)count, count == 1 ? "thread" : "threads");
    buf_puts(&r->out, "</a>");
}

int64_t web_tag_count(const struct community *cm, const char *tag)
{
    const struct community_tag *t = cm ? community_tag_find(cm, tag) : NULL;
    return t ? t->threads : -1;
}

const struct community *web_tags_community(struct req *r, struct web_tag_communities *seen,
                                           const char *slug)
{
    struct errinfo saved = r->err;
    size_t i;
    if (!slug || !*slug)
        return NULL;
    for (i = 0; i < seen->n; i++)
        if (str_eq(seen->cm[i].slug, slug))
            return &seen->cm[i];
    if (seen->n == seen->cap) {
        size_t cap = seen->cap ? seen->cap * 2 : 4;
        struct community *cm = ARENA_ARRAY(r->arena, struct community, cap);
        if (seen->n)
            memcpy(cm, seen->cm, seen->n * sizeof(*cm));
        seen->cm = cm;
        seen->cap = cap;
    }
    if (community_get(app_ctx(r), slug, &seen->cm[seen->n]) < 0) {
        r->err = saved;
        return NULL;
    }
    return &seen->cm[seen->n++];
}

void web_tags(struct req *r, const char *slug, const char *const *tags, size_t n,
              const struct community *cm, const char *cls)
{
    size_t i;
    if (!n)
        return;
    html_printf(&r->out, "<ul class=\"tags%s%s\" aria-label=\"Tags\">", cls ? " " : "",
                cls ? cls : "");
    for (i = 0; i < n; i++) {
        const struct community_tag *ct = cm ? community_tag_find(cm, tags[i]) : NULL;
        buf_puts(&r->out, "<li>");
        web_tag_link(r, slug, tags[i], ct ? ct->threads : -1, ct ? ct->description : NULL);
        buf_puts(&r->out, "</li>");
    }
    buf_puts(&r->out, "</ul>");
}

void web_tags_text(struct req *r, const char *slug, const char *tags_text,
                   const struct community *cm, const char *cls)
{
    const char *p = tags_text;
    const char **tags;
    size_t n = 0, cap = 0;
    if (!p)
        return;
    for (; *p; p++)
        if (*p != ' ' && (p == tags_text || p[-1] == ' '))
            cap++;
    if (!cap)
        return;
    tags = ARENA_ARRAY(r->arena, const char *, cap);
    p = tags_text;
    while (*p && n < cap) {
        size_t len = strcspn(p, " ");
        if (len)
            tags[n++] = arena_strndup(r->arena, p, len);
        p += len;
        while (*p == ' ')
            p++;
    }
    web_tags(r, slug, tags, n, cm, cls);
}
