/* Shared page pieces about expertise: the "Demonstrated expertise" section of a profile,
 * "People who may be able to answer" on an unanswered question, and the "hide my
 * expertise" setting of the profile form. Rankings come from domain/expertise.c. Declared
 * in web/parts.h. */
#include <string.h>

#include "core/html.h"
#include "domain/account.h"
#include "domain/expertise.h"
#include "domain/thread.h"
#include "web/parts.h"
#include "core/util.h"

#define SUGGEST_SHOWN 3  /* names on an unanswered question */
#define PROFILE_TAGS  12 /* tags on a profile */

void web_expertise_profile(struct req *r, const struct user *u)
{
    struct ctx *c = app_ctx(r);
    struct buf *b = &r->out;
    struct expertise_tag *t;
    struct errinfo saved = r->err;
    size_t n, i;
    int visible, hidden;
    if (expertise_user_tags(c, u->id, PROFILE_TAGS, &t, &n, &visible, &hidden) < 0) {
        r->err = saved; /* the profile still shows; the section says nothing */
        return;
    }
    if (!visible)
        return;
    buf_puts(b, "<section class=\"expertise\" aria-labelledby=\"expertise-h\">\n"
                "<h2 id=\"expertise-h\">Demonstrated expertise</h2>\n");
    if (hidden)
        buf_puts(b, "<p class=\"notice\">Only you see this: your expertise is hidden from "
                    "others and you do not appear in rankings. <a href=\"/settings/profile\">"
                    "Change</a>.</p>\n");
    if (!n) {
        buf_puts(b, r->user_id == u->id
                        ? "<p class=\"muted\">No answers or articles yet: answering questions "
                          "and writing articles build it.</p>\n</section>\n"
                        : "<p class=\"muted\">No answers or articles yet that you can see.</p>\n"
                          "</section>\n");
        return;
    }
    buf_puts(b, "<p class=\"hint\">From answers, accepted answers, votes and articles "
                "written or reviewed, recent ones counting more.</p>\n"
                "<ul class=\"expertise-tags\">\n");
    for (i = 0; i < n; i++) {
        struct expertise_rank e;
        memset(&e, 0, sizeof(e));
        e.answers = t[i].answers;
        e.accepted = t[i].accepted;
        e.votes = t[i].votes;
        e.articles = t[i].articles;
        e.last_at = t[i].last_at;
        html_printf(b,
                    "<li><a class=\"tag\" href=\"/who-knows?tag=%s\">%s</a> <span "
                    "class=\"muted\">%s</span></li>\n",
                    t[i].tag, t[i].tag, expertise_evidence_text(r->arena, &e, NULL));
    }
    buf_puts(b, "</ul>\n</section>\n");
}

void web_expertise_suggest(struct req *r, const struct thread *t)
{
    struct ctx *c = app_ctx(r);
    struct expertise_rank *ranks;
    struct errinfo saved = r->err;
    size_t n, i;
    if (t->kind != THREAD_QUESTION || t->answer_count > 0 || t->accepted_post_id)
        return;
    if (expertise_suggest_for_thread(c, t, SUGGEST_SHOWN, &ranks, &n) < 0 || !n) {
        r->err = saved;
        return;
    }
    buf_puts(&r->out, "<aside class=\"similar may-answer\" aria-labelledby=\"may-answer-h\">"
                      "<h2 id=\"may-answer-h\">People who may be able to answer</h2>"
                      "<ul class=\"similar-list\">");
    for (i = 0; i < n; i++)
        html_printf(&r->out, "<li><a href=\"/u/%s\">%s</a> <span class=\"muted\">%s</span></li>",
                    ranks[i].name, ranks[i].display_name,
                    expertise_evidence_text(r->arena, &ranks[i],
                                            expertise_where(r->arena, t->tags, t->ntags, 1)));
    buf_puts(&r->out, "</ul></aside>\n");
}

void web_expertise_settings_field(struct req *r, int64_t uid, int from_post)
{
    struct ctx *c = app_ctx(r);
    struct errinfo saved = r->err;
    int hidden = 0;
    if (from_post)
        hidden = req_form(r, "expertise_hidden") != NULL;
    else if (expertise_hidden_get(c, uid, &hidden) < 0)
        r->err = saved;
    html_printf(&r->out,
                "<input type=\"hidden\" name=\"expertise_form\" value=\"1\">"
                "<div class=\"field choice\"><input type=\"checkbox\" id=\"expertise_hidden\" "
                "name=\"expertise_hidden\" value=\"1\"%s> <label for=\"expertise_hidden\">Hide my "
                "expertise</label><p class=\"hint\">Others will not see what you have shown you "
                "know on your profile, and you will not be suggested in \xE2\x80\x9CWho "
                "knows\xE2\x80\x9D rankings or on unanswered questions.</p></div>\n",
                hidden ? " checked" : "");
}

int web_expertise_settings_save(struct req *r, int64_t uid)
{
    if (!req_form(r, "expertise_form"))
        return 0; /* an older form without the field: keep the setting */
    return expertise_hidden_set(app_ctx(r), uid, req_form(r, "expertise_hidden") != NULL);
}

void web_expertise_tag(struct req *r, const struct community *cm, const char *tag, size_t limit)
{
    struct ctx *c = app_ctx(r);
    struct expertise_request rq;
    struct expertise_rank *ranks;
    struct errinfo saved = r->err;
    const char *tags[1] = {tag};
    size_t n, i;
    memset(&rq, 0, sizeof(rq));
    rq.community_id = cm->id;
    rq.tag = tag;
    rq.limit = limit;
    html_printf(&r->out,
                "<section class=\"tag-experts\" aria-labelledby=\"tag-experts-title\"><h2 "
                "id=\"tag-experts-title\">Who knows %s</h2>\n",
                tag);
    if (expertise_who_knows(c, &rq, &ranks, &n) < 0 || !n) {
        r->err = saved;
        buf_puts(&r->out, "<p class=\"empty\">Nobody has answered questions or written "
                          "articles with this tag yet.</p></section>\n");
        return;
    }
    buf_puts(&r->out, "<ol class=\"expert-list expert-list-short\">\n");
    for (i = 0; i < n; i++) {
        const struct expertise_rank *e = &ranks[i];
        if (e->claim_only) { /* weak evidence: said apart */
            html_printf(&r->out,
                        "<li class=\"expert expert-claim\"><a class=\"expert-name\" "
                        "href=\"/u/%s\" title=\"@%s\">%s</a><p class=\"expert-evidence\">Claims "
                        "it as a skill; no answers yet</p></li>\n",
                        e->name, e->name, *e->display_name ? e->display_name : e->name);
            continue;
        }
        html_printf(&r->out,
                    "<li class=\"expert\"><a class=\"expert-name\" href=\"/u/%s\" "
                    "title=\"@%s\">%s</a><p class=\"expert-evidence\">%s</p></li>\n",
                    e->name, e->name, *e->display_name ? e->display_name : e->name,
                    expertise_evidence_text(r->arena, e, expertise_where(r->arena, tags, 1, 0)));
    }
    html_printf(&r->out,
                "</ol><p class=\"more\"><a href=\"/c/%s/who-knows?tag=%s\">Everyone who knows "
                "%s</a></p></section>\n",
                cm->slug, tag, tag);
}
