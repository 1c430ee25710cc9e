/* Shared page piece for live updates (declared in web/parts.h): the hidden marker naming a
 * channel the page shows, which static/praxis.js turns into a GET /live stream. */
#include "core/html.h"
#include "domain/live.h"
#include "web/parts.h"

void web_live(struct req *r, const char *ch)
{
    struct ctx *c = app_ctx(r);
    struct errinfo saved = r->err; /* a failed read must not replace the page's error */
    int64_t lo = 0, hi = 0;
    if (live_backlog_bounds(c, &lo, &hi) < 0) {
        r->err = saved;
        return; /* the page works without live updates */
    }
    html_printf(&r->out,
                "<div hidden class=\"live-channel\" data-live=\"%s\" data-live-since=\"%lld\">"
                "</div>\n",
                ch, (long long)hi);
}
