/* HTML to plain text, for reading other systems' rendered HTML (the Stack Exchange import's
 * fallback when a post has no Markdown source): tags are dropped, the end of a paragraph,
 * preformatted block, quote, list item or heading and every <br> and <hr> become a blank
 * line, and the entities &lt; &gt; &amp; &quot; &#39; &#x27; &nbsp; are decoded. This reads
 * HTML; it never writes any (the result is text for the Markdown renderer or an escaper). */
#include <string.h>

#include "core/buf.h"
#include "core/html.h"
#include "core/util.h"

void html_to_text(struct buf *out, const char *html)
{
    static const struct {
        const char *ent, *ch;
    } ents[] = {{"&lt;", "<"},  {"&gt;", ">"},   {"&amp;", "&"}, {"&quot;", "\""},
                {"&#39;", "'"}, {"&#x27;", "'"}, {"&nbsp;", " "}};
    static const char *const breaks[] = {"</p", "</pre", "</blockquote", "</li",
                                         "</h", "<br",   "<hr"};
    const char *s = html ? html : "";
    while (*s) {
        size_t i;
        if (*s == '<') {
            const char *e = strchr(s, '>');
            if (!e)
                break;
            for (i = 0; i < ARRAY_SIZE(breaks); i++)
                if (str_starts(s, breaks[i])) {
                    buf_puts(out, "\n\n");
                    break;
                }
            s = e + 1;
            continue;
        }
        if (*s == '&') {
            int done = 0;
            for (i = 0; i < ARRAY_SIZE(ents); i++)
                if (str_starts(s, ents[i].ent)) {
                    buf_puts(out, ents[i].ch);
                    s += strlen(ents[i].ent);
                    done = 1;
                    break;
                }
            if (done)
                continue;
        }
        buf_putc(out, *s++);
    }
}
