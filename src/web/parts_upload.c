/* The upload tools under a composer's textarea: without JavaScript, a link to the upload
 * page (web/upload.c), which answers with the Markdown to paste; assets/upload.js turns it
 * into a button and accepts images pasted or dropped into the textarea, uploading them
 * through POST /api/v1/uploads and inserting their Markdown at the cursor. */
#include "core/html.h"
#include "web/parts.h"

void web_upload_tools(struct req *r, const char *field, const char *community)
{
    const char *q = community && *community ? "?community=" : "";
    html_printf(&r->out,
                "<p class=\"upload-tools\" data-upload-for=\"%s\" data-upload-community=\"%s\">"
                "<a class=\"upload-link\" href=\"/uploads/new%s%s\" target=\"_blank\" "
                "rel=\"noopener\">Add an image or file</a> <span class=\"hint upload-hint\">"
                "(opens the upload page in a new tab; paste the Markdown it gives you into the "
                "text)</span> <span class=\"upload-status\" role=\"status\" aria-live=\"polite\">"
                "</span></p>\n",
                field, community ? community : "", q, community ? community : "");
}
