/* Pieces of the administration pages (parts.h): the tab bar every /admin page shows. */
#include "core/html.h"
#include "web/parts.h"
#include "core/util.h"

void web_admin_nav(struct req *r, const char *current)
{
    static const char *const items[][2] = {{"/admin", "Site"},
                                           {"/admin/users", "Users"},
                                           {"/admin/moderation", "Moderation"},
                                           {"/admin/mail", "Mail"},
                                           {"/admin/webhooks", "Webhooks"},
                                           {"/admin/health", "Health"}};
    size_t i;
    buf_puts(&r->out, "<nav class=\"subnav\" aria-label=\"Administration\"><ul>");
    for (i = 0; i < ARRAY_SIZE(items); i++) {
        html_printf(&r->out, "<li><a href=\"%s\"", items[i][0]);
        if (str_eq(items[i][0], current))
            buf_puts(&r->out, " aria-current=\"page\"");
        html_printf(&r->out, ">%s</a></li>", items[i][1]);
    }
    buf_puts(&r->out, "</ul></nav>\n");
}
