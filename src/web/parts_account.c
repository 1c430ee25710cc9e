/* Shared page pieces of a member's own settings: the tab bar of the settings pages (profile,
 * email, digest, password, API tokens, feeds, your flags), drawn by web/account.c,
 * web/mail.c, web/feed.c and web/review.c. Declared in web/parts.h. */
#include "core/html.h"
#include "web/parts.h"
#include "core/util.h"

void web_settings_nav(struct req *r, const char *current)
{
    static const struct {
        const char *href, *label;
    } items[] = {
        {"/settings/profile", "Profile"},
        {"/settings/email", "Email"},
        {"/settings/notifications", "Notifications"},
        {"/settings/digest", "Digest"},
        {"/settings/appearance", "Appearance"},
        {"/settings/password", "Password"},
        {"/settings/tokens", "API tokens"},
        {"/settings/feeds", "Feeds"},
        {"/settings/flags", "Your flags"},
    };
    size_t i;
    buf_puts(&r->out, "<nav class=\"subnav\" aria-label=\"Settings\"><ul>");
    for (i = 0; i < ARRAY_SIZE(items); i++) {
        html_printf(&r->out, "<li><a href=\"%s\"", items[i].href);
        if (str_eq(items[i].href, current))
            buf_puts(&r->out, " aria-current=\"page\""); /* trusted: not through %s */
        html_printf(&r->out, ">%s</a></li>", items[i].label);
    }
    buf_puts(&r->out, "</ul></nav>\n");
}
