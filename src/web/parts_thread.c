/* Shared page pieces about threads and revisions: a thread's badges and the rows of a
 * thread list (thread lists, the community page, the home page), and the revision picker
 * option and diff section of the post and article history pages. Declared in web/parts.h. */
#include <string.h>

#include "core/diff.h"
#include "core/html.h"
#include "core/timeutil.h"
#include "domain/community.h"
#include "domain/thread.h"
#include "domain/notification.h"
#include "web/parts.h"
#include "core/util.h"

void web_thread_badges(struct req *r, const struct thread *t)
{
    struct buf *b = &r->out;
    if (t->kind == THREAD_QUESTION)
        buf_puts(b, "<span class=\"badge badge-kind\">Question</span>");
    else
        buf_puts(b, "<span class=\"badge badge-kind\">Discussion</span>");
    if (t->solved)
        buf_puts(b, " <span class=\"badge badge-solved\">\xE2\x9C\x93 Solved</span>");
    if (t->pinned)
        buf_puts(b, " <span class=\"badge badge-pinned\">Pinned</span>");
    if (t->locked)
        buf_puts(b, " <span class=\"badge badge-locked\">Locked</span>");
    if (t->closed_at)
        buf_puts(b, " <span class=\"badge badge-closed\">Closed</span>");
    if (t->coaching_at) /* stored as held until published (domain/coaching.h) */
        buf_puts(b, " <span class=\"badge badge-warn\">In coaching</span>");
    else if (t->held_at) /* stored as deleted until approved (docs/internals/moderation.md) */
        buf_puts(b, " <span class=\"badge badge-warn\">Held for review</span>");
    else if (t->deleted_at)
        buf_puts(b, " <span class=\"badge badge-deleted\">Deleted</span>");
}

void web_thread_rows(struct req *r, const struct thread *items, size_t n, int with_community)
{
    size_t i;
    struct web_tag_communities seen = {NULL, 0, 0}; /* for the tags' thread counts */
    int64_t *news = ARENA_ARRAY(r->arena, int64_t, n + 1);
    if (r->user_id && r->tctx)
        notifications_thread_news(app_ctx(r), items, n, news); /* "N new" since last visit */
    else
        memset(news, 0, (n + 1) * sizeof(*news));
    buf_puts(&r->out, "<ol class=\"thread-list\">\n");
    for (i = 0; i < n; i++) {
        const struct thread *t = &items[i];
        int q = t->kind == THREAD_QUESTION;
        int64_t replies = q ? t->answer_count : t->reply_count;
        html_printf(&r->out, "<li class=\"thread-row%s%s\"><div class=\"thread-stats\">",
                    t->solved ? " is-solved" : "", t->pinned ? " is-pinned" : "");
        if (q)
            html_printf(&r->out, "<span class=\"stat stat-score\"><strong>%lld</strong> %s</span>",
                        (long long)t->score, t->score == 1 || t->score == -1 ? "vote" : "votes");
        html_printf(&r->out, "<span class=\"stat stat-replies%s%s\">",
                    t->solved ? " stat-solved" : "", q && replies ? " stat-answered" : "");
        if (t->solved)
            buf_puts(&r->out, "<span aria-hidden=\"true\">\xE2\x9C\x93 </span>");
        html_printf(&r->out, "<strong>%lld</strong> %s</span></div>", (long long)replies,
                    q ? (replies == 1 ? "answer" : "answers")
                      : (replies == 1 ? "reply" : "replies"));
        html_printf(&r->out,
                    "<div class=\"thread-main\"><h3 class=\"thread-title\">"
                    "<a href=\"/c/%s/t/%lld\">%s</a></h3><div class=\"thread-meta\">",
                    t->community_slug, (long long)t->id, t->title);
        if (news[i])
            html_printf(&r->out, "<span class=\"badge badge-new\">%lld new</span> ",
                        (long long)news[i]);
        web_thread_badges(r, t);
        if (t->ntags)
            web_tags(r, t->community_slug, t->tags, t->ntags,
                     web_tags_community(r, &seen, t->community_slug), NULL);
        buf_puts(&r->out, " <span class=\"thread-by\">");
        if (with_community)
            html_printf(&r->out, "in <a href=\"/c/%s\">%s</a> \xC2\xB7 ", t->community_slug,
                        t->community_name);
        if (t->author_name && *t->author_name) {
            buf_puts(&r->out, "by ");
            web_author_link(r, t->author_name, t->author_display);
            buf_puts(&r->out, " \xC2\xB7 ");
        }
        buf_puts(&r->out, "active ");
        page_time(r, t->last_activity_at);
        buf_puts(&r->out, "</span></div></div></li>\n");
    }
    buf_puts(&r->out, "</ol>\n");
}

void web_rev_option(struct req *r, int64_t rev, const char *author, int64_t at, int64_t sel)
{
    char iso[32];
    time_iso(at, iso);
    html_printf(&r->out, "<option value=\"%lld\"%s>Revision %lld \xE2\x80\x94 %s, %.10s</option>",
                (long long)rev, rev == sel ? " selected" : "", (long long)rev,
                author && *author ? author : "a deleted account", iso);
}

void web_diff_section(struct req *r, const char *label, const char *a, const char *b, int lines)
{
    int rc;
    if (!a)
        a = "";
    if (!b)
        b = "";
    html_printf(&r->out, "<section class=\"diff-part\"><h3>%s</h3>", label);
    if (str_eq(a, b)) {
        buf_puts(&r->out, "<p class=\"muted\">No change.</p></section>");
        return;
    }
    if (lines) {
        buf_puts(&r->out, "<div class=\"table-scroll diff-lines\">");
        rc = diff_lines_html(&r->out, a, b, NULL);
        buf_puts(&r->out, "</div>");
    } else {
        buf_puts(&r->out, "<div class=\"diff-words\">");
        rc = diff_words_html(&r->out, a, b, NULL);
        buf_puts(&r->out, "</div>");
    }
    if (rc == DIFF_SIMPLIFIED)
        buf_puts(&r->out, "<p class=\"hint\">This diff is simplified because the texts differ "
                          "too much.</p>");
    else if (rc < 0)
        buf_puts(&r->out, "<p class=\"hint\">These revisions are too large to compare.</p>");
    buf_puts(&r->out, "</section>");
}

const char *web_thread_path(struct req *r, const struct thread *t)
{
    return arena_printf(r->arena, "/c/%s/t/%lld", t->community_slug, (long long)t->id);
}

/* Where post pid is shown: "/c/SLUG/t/ID?page=N#pPID" (arena), or NULL with r->err set. */
const char *web_post_href(struct req *r, struct ctx *c, int64_t pid)
{
    struct post_location loc;
    if (post_locate(c, pid, &loc) < 0)
        return NULL;
    if (loc.page > 1)
        return arena_printf(r->arena, "/c/%s/t/%lld?page=%lld#p%lld", loc.community_slug,
                            (long long)loc.thread_id, (long long)loc.page, (long long)pid);
    return arena_printf(r->arena, "/c/%s/t/%lld#p%lld", loc.community_slug,
                        (long long)loc.thread_id, (long long)pid);
}

/* Redirect to where post pid is shown. */
int web_post_redirect(struct req *r, struct ctx *c, int64_t pid)
{
    const char *href = web_post_href(r, c, pid);
    if (!href)
        return r->err.code ? r->err.code : ERR_NOTFOUND;
    return resp_redirect(r, href);
}

/* An author: a profile link showing the display name with the account name as its title,
   or "a deleted account". */
void web_author_link(struct req *r, const char *name, const char *display)
{
    if (!name || !*name) {
        buf_puts(&r->out, "<span class=\"author author-gone\">a deleted account</span>");
        return;
    }
    if (display && *display && !str_eq(display, name))
        html_printf(&r->out, "<a class=\"author\" href=\"/u/%s\" title=\"@%s\">%s</a>", name, name,
                    display);
    else
        html_printf(&r->out, "<a class=\"author\" href=\"/u/%s\">%s</a>", name, name);
}
