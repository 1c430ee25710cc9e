/* The upload tools under a composer's textarea: without JavaScript, a link to the upload
 * page (web/upload.c), which answers with the Markdown to paste; assets/upload.js turns it
 * into a button and accepts images pasted or dropped into the textarea, uploading them
 * through POST /api/v1/uploads and inserting their Markdown at the cursor. */
#include "core/html.h"
#include "web/parts.h"

static void tools(struct req *r, const char *field, const char *community, int links)
{
    const char *q = community && *community ? "?community=" : "";
    html_printf(&r->out,
                "<p class=\"upload-tools\" data-upload-for=\"%s\" "
                "data-upload-community=\"%s\"",
                field, community ? community : "");
    if (links)
        buf_puts(&r->out, " data-upload-as=\"link\"");
    html_printf(&r->out,
                "><a class=\"upload-link\" href=\"/uploads/new%s%s\" target=\"_blank\" "
                "rel=\"noopener\">Add %s</a> <span class=\"hint upload-hint\">"
                "(opens the upload page in a new tab; paste the Markdown it gives you into the "
                "text)</span> <span class=\"upload-status\" role=\"status\" aria-live=\"polite\">"
                "</span></p>\n",
                q, community ? community : "", links ? "a file" : "an image or file");
}

void web_upload_tools(struct req *r, const char *field, const char *community)
{
    tools(r, field, community, 0);
}

void web_upload_tools_links(struct req *r, const char *field, const char *community)
{
    tools(r, field, community, 1);
}
