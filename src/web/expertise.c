/* Expertise pages: "Who knows…" for the instance (/who-knows?tag=&q=) and for one community
 * (/c/:slug/who-knows), the expertise section of a member's profile (demonstrated by tag,
 * apart from the skills they claim), the "people who may be able to answer" box on an
 * unanswered question, and the "hide my expertise" setting on the profile form. Every
 * ranking comes from domain/expertise.c, which only reads evidence the viewer may read. */
#include <string.h>

#include "core/html.h"
#include "core/timeutil.h"
#include "domain/account.h"
#include "domain/community.h"
#include "domain/expertise.h"
#include "web/expertise.h"
#include "web/parts.h"
#include "core/util.h"

#define WHO_KNOWS_SHOWN 20 /* members on a who-knows page */

/* The search form. action: "/who-knows" or "/c/SLUG/who-knows". */
static void who_form(struct req *r, const char *action, const char *tag, const char *q)
{
    struct buf *b = &r->out;
    html_printf(b,
                "<form class=\"filter-form who-form\" method=\"get\" action=\"%s\" "
                "role=\"search\" aria-label=\"Find people\">\n",
                action);
    html_printf(b,
                "<label for=\"who-tag\">Tag</label><input id=\"who-tag\" name=\"tag\" "
                "value=\"%s\" maxlength=\"31\" placeholder=\"e.g. ipa\" autocomplete=\"off\" "
                "spellcheck=\"false\">\n",
                tag ? tag : "");
    html_printf(b,
                "<label for=\"who-q\">or a question</label><input id=\"who-q\" name=\"q\" "
                "value=\"%s\" maxlength=\"1000\" placeholder=\"What do you need to know?\">\n",
                q ? q : "");
    buf_puts(b, "<button type=\"submit\" class=\"button\">Find people</button>\n</form>\n");
}

/* The ranked members with their evidence; members who only claim the skill (claim_only,
   always last) are listed apart, under their own heading. */
static void who_list(struct req *r, const struct expertise_rank *ranks, size_t n, const char *where)
{
    struct buf *b = &r->out;
    size_t i, nev = 0;
    double top = n ? ranks[0].score : 1;
    while (nev < n && !ranks[nev].claim_only)
        nev++;
    if (nev)
        buf_puts(b, "<ol class=\"expert-list\">\n");
    for (i = 0; i < nev; i++) {
        const struct expertise_rank *e = &ranks[i];
        int pct = top > 0 ? (int)(100.0 * e->score / top + 0.5) : 0;
        html_printf(b,
                    "<li class=\"expert\"><a class=\"expert-name\" href=\"/u/%s\">%s</a> "
                    "<span class=\"muted\">@%s</span>\n",
                    e->name, e->display_name, e->name);
        html_printf(b,
                    "<meter class=\"expert-meter\" min=\"0\" max=\"100\" value=\"%d\" "
                    "aria-label=\"Relative strength\">%d%%</meter>\n",
                    pct, pct);
        html_printf(b, "<p class=\"expert-evidence\">%s%s</p></li>\n",
                    expertise_evidence_text(r->arena, e, where),
                    e->claimed ? " \xC2\xB7 also claims it as a skill" : "");
    }
    if (nev)
        buf_puts(b, "</ol>\n");
    if (nev < n) {
        buf_puts(b, "<h3 class=\"claims-head\">Also say they know it</h3>\n<p class=\"hint\">"
                    "These members list it among their skills but have no answers or articles "
                    "about it yet.</p>\n<ul class=\"expert-claims\">\n");
        for (i = nev; i < n; i++)
            html_printf(b, "<li><a href=\"/u/%s\">%s</a> <span class=\"muted\">@%s</span></li>\n",
                        ranks[i].name,
                        *ranks[i].display_name ? ranks[i].display_name : ranks[i].name,
                        ranks[i].name);
        buf_puts(b, "</ul>\n");
    }
}

/* Run the query of the request's tag/q in community cid (0 = all) and render results. */
static int who_results(struct req *r, int64_t cid, const char *tag, const char *q)
{
    struct ctx *c = app_ctx(r);
    struct expertise_request rq;
    struct expertise_rank *ranks;
    size_t n;
    int rc;
    if ((!tag || !*tag) && (!q || !*q)) {
        buf_puts(&r->out, "<p class=\"muted\">Rankings come from answers, accepted answers, "
                          "votes and published articles written or reviewed, weighted towards "
                          "recent ones. Members can hide themselves in their profile "
                          "settings.</p>\n");
        return 0;
    }
    memset(&rq, 0, sizeof(rq));
    rq.community_id = cid;
    rq.tag = tag;
    rq.text = q;
    rq.exclude_uid = 0;
    rq.limit = WHO_KNOWS_SHOWN;
    rc = expertise_who_knows(c, &rq, &ranks, &n);
    if (rc == ERR_INVALID) {
        r->status = 422;
        form_error_summary(r);
        return 0;
    }
    if (rc < 0)
        return rc;
    buf_puts(&r->out, "<h2 class=\"section-head\">Members who know</h2>\n");
    if (!n) {
        buf_puts(&r->out, "<p class=\"empty\">Nobody has answered questions or written articles "
                          "about this yet.</p>\n");
        return 0;
    }
    {
        const char *tags[1] = {tag && *tag ? expertise_tag_norm(r->arena, tag) : NULL};
        who_list(r, ranks, n, expertise_where(r->arena, tags, tags[0] ? 1 : 0, q && *q));
    }
    return 0;
}

int page_who_knows(struct req *r)
{
    const char *tag = req_query(r, "tag"), *q = req_query(r, "q");
    int rc;
    page_begin(r, "Who knows");
    buf_puts(&r->out, "<h1>Who knows\xE2\x80\xA6</h1>\n<p class=\"lead\">Find members who have "
                      "answered questions like yours or written articles about it, across the "
                      "communities you can read.</p>\n");
    who_form(r, "/who-knows", tag, q);
    if ((rc = who_results(r, 0, tag, q)) < 0)
        return rc;
    page_end(r);
    return 0;
}

int page_community_who_knows(struct req *r)
{
    struct ctx *c = app_ctx(r);
    struct community cm;
    const char *tag = req_query(r, "tag"), *q = req_query(r, "q");
    size_t i;
    int rc = community_get(c, r->params[0], &cm);
    if (rc < 0)
        return rc;
    page_begin(r, arena_printf(r->arena, "Who knows \xE2\x80\x94 %s", cm.name));
    html_printf(&r->out,
                "<header class=\"community-head\"><h1><a href=\"/c/%s\">%s</a></h1>"
                "</header>\n",
                cm.slug, cm.name);
    web_community_nav(r, &cm, "who-knows");
    buf_puts(&r->out, "<h2>Who knows\xE2\x80\xA6</h2>\n");
    who_form(r, arena_printf(r->arena, "/c/%s/who-knows", cm.slug), tag, q);
    if (cm.ntags && (!tag || !*tag) && (!q || !*q)) {
        buf_puts(&r->out, "<ul class=\"tags\" aria-label=\"Tags\">");
        for (i = 0; i < cm.ntags; i++)
            html_printf(&r->out, "<li><a class=\"tag\" href=\"/c/%s/who-knows?tag=%s\">%s</a></li>",
                        cm.slug, cm.tags[i].tag, cm.tags[i].tag);
        buf_puts(&r->out, "</ul>\n");
    }
    if ((rc = who_results(r, cm.id, tag, q)) < 0)
        return rc;
    page_end(r);
    return 0;
}
