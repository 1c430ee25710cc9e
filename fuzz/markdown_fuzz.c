/* libFuzzer target for markdown_render and markdown_render_opts (src/core/markdown.c).
 * Each input is rendered as is (invalid UTF-8 must give ERR_INVALID and append nothing) and,
 * when it is not valid UTF-8, once more with the bad bytes replaced by '?', so the fuzzer
 * keeps exploring the renderer rather than the validator. Each is rendered twice: without
 * hooks, and with every hook set (mentions resolved to nothing, to a hostile "javascript:"
 * target or to a quote-breaking one; wiki links refused or accepted with hostile hrefs and
 * titles; heading ids, with a heading hook checking that ids are unique and texts valid
 * UTF-8). Every successful output is checked: valid UTF-8, only allowlisted tags and
 * attributes, quoted attribute values, every href passing url_is_safe, classes from the
 * renderer's own list (code classes within [A-Za-z0-9_+-]), no raw '>' or '"' in text,
 * anchors never nested. A third rendering uses inline_only (comments), whose output may hold
 * only the inline tags (a, em, strong, del, code, u). A violation aborts, which libFuzzer reports
 * as a crash with the input saved. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/html.h"
#include "core/markdown.h"
#include "core/utf8.h"
#include "core/util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void violation(const char *what, const char *html, const char *at)
{
    fprintf(stderr, "markdown_fuzz: %s at offset %zu: %.200s\n", what, (size_t)(at - html), at);
    abort();
}

static int word_in(const char *w, size_t n, const char *const *list)
{
    for (; *list; list++)
        if (strlen(*list) == n && memcmp(*list, w, n) == 0)
            return 1;
    return 0;
}

/* Decode the entities our escapers emit, for checking an attribute value. */
static void unescape(const char *s, size_t n, struct buf *out)
{
    static const char *const ents[] = {"&amp;", "&lt;", "&gt;", "&quot;", "&#39;", "&#96;"};
    static const char chars[] = "&<>\"'`";
    size_t i = 0, k;
    buf_reset(out);
    while (i < n) {
        for (k = 0; k < ARRAY_SIZE(ents); k++) {
            size_t el = strlen(ents[k]);
            if (n - i >= el && memcmp(s + i, ents[k], el) == 0) {
                buf_putc(out, chars[k]);
                i += el;
                break;
            }
        }
        if (k == ARRAY_SIZE(ents))
            buf_putc(out, s[i++]);
    }
}

static void check_html(const char *html, size_t len, int hooks)
{
    static const char *const tags[] = {
        "p",     "a",     "em", "strong", "del", "code",  "pre",        "h1", "h2", "h3",
        "h4",    "h5",    "h6", "ul",     "ol",  "li",    "blockquote", "hr", "br", "table",
        "thead", "tbody", "tr", "th",     "td",  "input", "u",          NULL};
    static const char *const attrs[] = {"href",  "title", "rel",     "class",    "align",
                                        "start", "type",  "checked", "disabled", NULL};
    static const char *const text_ents[] = {"&amp;", "&lt;", "&gt;", "&quot;", "&#39;", NULL};
    struct buf val;
    const char *p = html;

    if (!utf8_valid(html, len) || strlen(html) != len)
        violation("invalid UTF-8 or NUL in output", html, html);
    buf_init(&val, 0);
    while (*p) {
        if (*p == '>' || *p == '"')
            violation("raw > or \" in text", html, p);
        if (*p == '&') {
            const char *const *e;
            for (e = text_ents; *e && strncmp(p, *e, strlen(*e)); e++)
                ;
            if (!*e)
                violation("unknown entity in text", html, p);
            p += strlen(*e);
            continue;
        }
        if (*p != '<') {
            p++;
            continue;
        }
        {
            const char *tag = p, *name;
            p++;
            if (*p == '/')
                p++;
            name = p;
            while ((*p >= 'a' && *p <= 'z') || (*p >= '1' && *p <= '6'))
                p++;
            if (!word_in(name, (size_t)(p - name), tags))
                violation("tag not allowed", html, tag);
            while (*p == ' ') {
                const char *an = ++p, *v;
                size_t al;
                while (*p >= 'a' && *p <= 'z')
                    p++;
                al = (size_t)(p - an);
                if (!word_in(an, al, attrs) && !(hooks && al == 2 && !memcmp(an, "id", 2)))
                    violation("attribute not allowed", html, an);
                if (*p != '=')
                    continue;
                if (p[1] != '"')
                    violation("unquoted attribute", html, an);
                v = p += 2;
                while (*p && *p != '"' && *p != '<' && *p != '>')
                    p++;
                if (*p != '"')
                    violation("attribute value not closed", html, an);
                unescape(v, (size_t)(p - v), &val);
                p++;
                if (al == 4 && !memcmp(an, "href", 4) && !url_is_safe(val.data))
                    violation("unsafe href", html, an);
                if (al == 5 && !memcmp(an, "class", 5) && strcmp(val.data, "md-image") &&
                    strcmp(val.data, "task-list-item") &&
                    !(hooks && (!strcmp(val.data, "mention") || !strcmp(val.data, "wikilink") ||
                                !strcmp(val.data, "wikilink missing")))) {
                    const char *c = val.data + 9;
                    if (strncmp(val.data, "language-", 9) || !*c)
                        violation("bad class", html, an);
                    for (; *c; c++)
                        if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                    "0123456789_+-",
                                    *c))
                            violation("bad class", html, an);
                }
            }
            if (*p != '>')
                violation("tag not closed", html, tag);
            p++;
        }
    }
    buf_release(&val);
}

/* Anchors open and close in turn, never nested, none left open. */
static void check_anchors(const char *html)
{
    const char *p = html;
    int open = 0;
    while ((p = strchr(p, '<')) != NULL) {
        if (!strncmp(p, "<a ", 3)) {
            if (open)
                violation("nested anchor", html, p);
            open = 1;
        } else if (!strncmp(p, "</a>", 4)) {
            if (!open)
                violation("anchor closed twice", html, p);
            open = 0;
        }
        p++;
    }
    if (open)
        violation("anchor left open", html, html);
}

/* Hooks: how often they were asked, and the heading ids they saw. */
struct seen {
    struct buf ids; /* "\n" + each heading id + "\n" */
    unsigned calls;
};

static const char *hook_mention(void *ud, const char *name)
{
    struct seen *s = ud;
    size_t n = strlen(name);
    if (n == 0 || n > MARKDOWN_MENTION_MAX || name[n - 1] == '.' || name[n - 1] == '-' ||
        strspn(name, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-") != n)
        violation("bad mention name", name, name);
    switch (s->calls++ % 3) {
    case 0:
        return NULL;
    case 1:
        return "javascript:alert(1)";
    default:
        return "/u/x\"><script>";
    }
}

static int hook_wikilink(void *ud, const char *target, const char *label,
                         struct markdown_link *link)
{
    struct seen *s = ud;
    if (strpbrk(target, "[]\n\r") || strpbrk(label, "[]|\n\r"))
        violation("bad wiki link", target, target);
    switch (s->calls++ % 4) {
    case 0:
        return 0;
    case 1:
        link->href = "javascript:alert(1)";
        break;
    case 2:
        link->href = "/a/\"><script>";
        link->title = "\"><b>";
        break;
    default:
        link->href = "/a/x";
        link->missing = 1;
        break;
    }
    return 1;
}

static void hook_heading(void *ud, int level, const char *id, const char *text)
{
    struct seen *s = ud;
    struct buf key = BUF_INIT;
    if (level < 1 || level > 6 || !id || strncmp(id, "h-", 2) || !utf8_valid(text, strlen(text)))
        violation("bad heading report", text, text);
    buf_printf(&key, "\n%s\n", id);
    if (!s->ids.len)
        buf_putc(&s->ids, '\n');
    if (strstr(s->ids.data, key.data))
        violation("heading id not unique", id, id);
    buf_printf(&s->ids, "%s\n", id);
    buf_release(&key);
}

/* inline_only output: no tag but the inline ones. */
static void check_inline(const char *html)
{
    static const char *const inl[] = {"a", "em", "strong", "del", "code", "u", NULL};
    const char *p = html;
    while ((p = strchr(p, '<')) != NULL) {
        const char *name = p + 1 + (p[1] == '/');
        size_t n = strcspn(name, " >");
        if (!word_in(name, n, inl))
            violation("block tag in inline_only output", html, p);
        p++;
    }
}

/* hooks: 0 none, 1 every hook, 2 inline_only with the mention hook. */
static void render_one(const char *src, size_t n, int expect_valid, int hooks)
{
    struct buf out;
    struct seen seen = {BUF_INIT, 0};
    struct markdown_opts o = {0};
    int rc;
    buf_init(&out, 0);
    o.ud = &seen;
    o.mention = hook_mention;
    o.wikilink = hook_wikilink;
    o.heading_ids = 1;
    o.heading = hook_heading;
    if (hooks == 2) {
        o.wikilink = NULL;
        o.inline_only = 1;
    }
    rc = hooks ? markdown_render_opts(&out, src, n, &o) : markdown_render(&out, src, n);
    if (rc == 0) {
        check_html(out.data, out.len, hooks);
        check_anchors(out.data);
        if (hooks == 2)
            check_inline(out.data);
    } else if (rc == ERR_INVALID && !expect_valid && out.len == 0)
        ; /* expected for invalid UTF-8 */
    else if (rc == ERR_TOOBIG && n > MARKDOWN_MAX)
        ;
    else {
        fprintf(stderr, "markdown_fuzz: unexpected result %d (len %zu)\n", rc, out.len);
        abort();
    }
    buf_release(&out);
    buf_release(&seen.ids);
}

static void render(const char *src, size_t n, int expect_valid)
{
    render_one(src, n, expect_valid, 0);
    render_one(src, n, expect_valid, 1);
    render_one(src, n, expect_valid, 2);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *src = (const char *)data;
    int valid = utf8_valid(src, size);

    render(src, size, valid);
    if (!valid) {
        char *fixed = malloc(size ? size : 1);
        size_t i = 0;
        unsigned cp;
        memcpy(fixed, data, size);
        while (i < size) {
            size_t len = utf8_decode(fixed + i, size - i, &cp);
            if (len == 0) {
                fixed[i] = '?';
                len = 1;
            }
            i += len;
        }
        render(fixed, size, 1);
        free(fixed);
    }
    return 0;
}
