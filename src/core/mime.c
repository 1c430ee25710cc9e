/* The MIME builder (see mime.h): headers with RFC 2047 encoded words, quoted-printable
 * bodies, multipart/alternative. Everything is built in a struct buf with CRLF line ends, as
 * SMTP wants it; the SMTP client sends the bytes as they are. */
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "core/err.h"
#include "core/html.h"
#include "core/mime.h"
#include "core/rand.h"
#include "core/timeutil.h"
#include "core/utf8.h"
#include "core/util.h"

#define QP_LINE  76 /* RFC 2045: encoded lines at most 76 characters */
#define WORD_RAW 39 /* bytes of text per encoded word: 52 base64 chars, 64 with markers */

static int printable_ascii(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s < 0x20 || (unsigned char)*s > 0x7e)
            return 0;
    return 1;
}

static int has_controls(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s < 0x20 || *s == 0x7f)
            return 1;
    return 0;
}

/* Length of the UTF-8 sequence that starts with byte c (1 for a stray byte). */
static size_t u8len(unsigned char c)
{
    if (c >= 0xf0)
        return 4;
    if (c >= 0xe0)
        return 3;
    if (c >= 0xc0)
        return 2;
    return 1;
}

void mime_header_unstructured(struct buf *out, const char *name, const char *value)
{
    size_t n = strlen(value), i = 0;
    int first = 1;
    if (printable_ascii(value) && strlen(name) + 2 + n <= 78) {
        buf_printf(out, "%s: %s\r\n", name, value);
        return;
    }
    buf_printf(out, "%s:", name);
    if (n == 0) {
        buf_puts(out, "\r\n");
        return;
    }
    while (i < n) {
        char b64[WORD_RAW * 2];
        size_t take = 0;
        /* whole characters only, up to WORD_RAW bytes */
        while (i + take < n) {
            size_t k = u8len((unsigned char)value[i + take]);
            if (take + k > WORD_RAW)
                break;
            take += k;
        }
        if (take == 0) /* cannot happen with valid UTF-8; never loop forever */
            take = n - i < WORD_RAW ? n - i : WORD_RAW;
        if (i + take > n)
            take = n - i;
        sodium_bin2base64(b64, sizeof(b64), (const unsigned char *)value + i, take,
                          sodium_base64_VARIANT_ORIGINAL);
        buf_printf(out, "%s=?UTF-8?B?%s?=", first ? " " : "\r\n ", b64);
        first = 0;
        i += take;
    }
    buf_puts(out, "\r\n");
}

void mime_header_structured(struct buf *out, const char *name, const char *value)
{
    size_t col = strlen(name) + 1;
    const char *p = value;
    buf_printf(out, "%s:", name);
    while (*p == ' ')
        p++;
    while (*p) {
        size_t w = strcspn(p, " ");
        /* fold before a word that would pass 78; never right after "Name:" (parsers keep
           the folding space as part of the value), so a long first word stays whole on the
           first line (RFC 5322 allows 998) */
        if (col > strlen(name) + 1 && col + 1 + w > 78) {
            buf_puts(out, "\r\n");
            col = 0;
        }
        buf_putc(out, ' ');
        buf_append(out, p, w);
        col += 1 + w;
        p += w;
        while (*p == ' ')
            p++;
    }
    buf_puts(out, "\r\n");
}

void mime_qp(struct buf *out, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    size_t col = 0;
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        unsigned char c = *p;
        char enc[4];
        size_t w;
        if (c == '\r' && p[1] == '\n') {
            p++;
            continue;
        }
        if (c == '\n') {
            buf_puts(out, "\r\n");
            col = 0;
            p++;
            continue;
        }
        {
            int at_break = p[1] == '\n' || (p[1] == '\r' && p[2] == '\n') || p[1] == '\0';
            int plain = (c >= 33 && c <= 126 && c != '=') || ((c == ' ' || c == '\t') && !at_break);
            if (col == 0 && (c == '.' || (c == 'F' && !strncmp((const char *)p, "From ", 5))))
                plain = 0;
            if (plain) {
                enc[0] = (char)c;
                w = 1;
            } else {
                enc[0] = '=';
                enc[1] = hex[c >> 4];
                enc[2] = hex[c & 15];
                w = 3;
            }
        }
        /* keep room for a soft break "=" at the end of the line */
        if (col + w > QP_LINE - 1) {
            buf_puts(out, "=\r\n");
            col = 0;
            if (w == 1 && c == '.') { /* a '.' now starts a line: encode it */
                buf_puts(out, "=2E");
                col = 3;
                p++;
                continue;
            }
        }
        buf_append(out, enc, w);
        col += w;
        p++;
    }
}

int mime_addr_spec(const char *from, char *out, size_t size)
{
    const char *lt = strrchr(from, '<'), *start = from, *end;
    size_t n;
    if (lt) {
        start = lt + 1;
        end = strchr(start, '>');
        if (!end)
            return ERR_INVALID;
    } else {
        end = from + strlen(from);
    }
    while (start < end && *start == ' ')
        start++;
    while (end > start && end[-1] == ' ')
        end--;
    n = (size_t)(end - start);
    if (n == 0 || n >= size || !memchr(start, '@', n))
        return ERR_INVALID;
    memcpy(out, start, n);
    out[n] = '\0';
    if (!printable_ascii(out) || strpbrk(out, " <>\",;"))
        return ERR_INVALID;
    return 0;
}

void mime_message_id(const char *host, char *out, size_t size)
{
    char tok[TOKEN_HEX_LEN + 1];
    rand_token(tok);
    str_copy(out, "", size);
    if (size > strlen(tok) + strlen(host) + 4) {
        struct buf b = BUF_INIT;
        buf_printf(&b, "<%s@%s>", tok, host);
        str_copy(out, b.data, size);
        buf_release(&b);
    }
}

void mime_date(int64_t t, char out[40])
{
    char http[40];
    char *gmt;
    time_http(t, http); /* "Sun, 06 Nov 1994 08:49:37 GMT" */
    gmt = strstr(http, " GMT");
    if (gmt)
        *gmt = '\0';
    str_copy(out, http, 40);
    strncat(out, " +0000", 40 - strlen(out) - 1);
}

void mime_text_html(struct buf *out, const char *text)
{
    const char *p = text;
    int open = 0;
    buf_puts(out, "<!DOCTYPE html>\n<html><body>\n");
    while (*p) {
        size_t url;
        if (*p == '\r') {
            p++;
            continue;
        }
        if (*p == '\n') {
            const char *q = p + 1;
            while (*q == '\r')
                q++;
            if (*q == '\n' || *q == '\0') { /* a blank line (or the end) closes the paragraph */
                if (open)
                    buf_puts(out, "</p>\n");
                open = 0;
                p = q + (*q == '\n');
                continue;
            }
            if (open)
                buf_puts(out, "<br>\n");
            p++;
            continue;
        }
        if (!open) {
            buf_puts(out, "<p>");
            open = 1;
        }
        url = 0;
        if ((p == text || strchr(" \t\n(", p[-1])) &&
            (!strncmp(p, "https://", 8) || !strncmp(p, "http://", 7)))
            url = strcspn(p, " \t\r\n<>\"");
        if (url) {
            char *u = x_malloc(url + 1);
            memcpy(u, p, url);
            u[url] = '\0';
            buf_puts(out, "<a href=\"");
            html_attr(out, u);
            buf_puts(out, "\">");
            html_text(out, u);
            buf_puts(out, "</a>");
            free(u);
            p += url;
            continue;
        }
        {
            size_t n = strcspn(p, "\r\nh");
            if (n == 0)
                n = 1; /* an 'h' that does not start a URL */
            html_textn(out, p, n);
            p += n;
        }
    }
    if (open)
        buf_puts(out, "</p>\n");
    buf_puts(out, "</body></html>\n");
}

static void part(struct buf *out, const char *subtype, const char *body)
{
    buf_printf(out,
               "Content-Type: text/%s; charset=UTF-8\r\n"
               "Content-Transfer-Encoding: quoted-printable\r\n\r\n",
               subtype);
    mime_qp(out, body);
    if (out->len < 2 || strcmp(out->data + out->len - 2, "\r\n"))
        buf_puts(out, "\r\n");
}

/* An optional header value: absent, or printable ASCII without CR/LF. */
static int opt_ok(const char *v)
{
    return !v || printable_ascii(v);
}

int mime_build(struct buf *out, const struct mime_msg *m)
{
    char addr[256], date[40], boundary[96];
    const char *opt[] = {m->reply_to, m->in_reply_to,      m->references,
                         m->list_id,  m->list_unsubscribe, m->list_unsubscribe_post};
    static const char *const optname[] = {"Reply-To", "In-Reply-To",      "References",
                                          "List-Id",  "List-Unsubscribe", "List-Unsubscribe-Post"};
    size_t i;
    if (!m->from || !m->to || !m->subject || !m->text || !m->message_id)
        return ERR_INVALID;
    if (has_controls(m->from) || has_controls(m->to) || has_controls(m->subject) ||
        has_controls(m->message_id) || !printable_ascii(m->from) || !printable_ascii(m->message_id))
        return ERR_INVALID;
    if (mime_addr_spec(m->from, addr, sizeof(addr)) < 0 ||
        mime_addr_spec(m->to, addr, sizeof(addr)) < 0)
        return ERR_INVALID;
    for (i = 0; i < sizeof(opt) / sizeof(opt[0]); i++)
        if (!opt_ok(opt[i]))
            return ERR_INVALID;
    if (m->reply_to && *m->reply_to && mime_addr_spec(m->reply_to, addr, sizeof(addr)) < 0)
        return ERR_INVALID;
    if (mime_addr_spec(m->to, addr, sizeof(addr)) < 0)
        return ERR_INVALID;
    if (!utf8_valid(m->subject, strlen(m->subject)) || !utf8_valid(m->text, strlen(m->text)) ||
        (m->html && !utf8_valid(m->html, strlen(m->html))))
        return ERR_INVALID;
    mime_date(m->date, date);
    buf_printf(out, "Date: %s\r\n", date);
    buf_printf(out, "From: %s\r\n", m->from);
    buf_printf(out, "To: %s\r\n", addr);
    mime_header_unstructured(out, "Subject", m->subject);
    buf_printf(out, "Message-ID: %s\r\n", m->message_id);
    for (i = 0; i < sizeof(opt) / sizeof(opt[0]); i++)
        if (opt[i] && *opt[i])
            mime_header_structured(out, optname[i], opt[i]);
    buf_puts(out, "MIME-Version: 1.0\r\nAuto-Submitted: auto-generated\r\n");
    if (!m->html) {
        part(out, "plain", m->text);
        return out->err ? out->err : 0;
    }
    if (m->boundary) {
        str_copy(boundary, m->boundary, sizeof(boundary));
    } else {
        char h[TOKEN_HASH_LEN + 1];
        token_hash(m->message_id, h);
        h[32] = '\0';
        str_copy(boundary, "=_px_", sizeof(boundary));
        strncat(boundary, h, sizeof(boundary) - strlen(boundary) - 1);
    }
    buf_printf(out, "Content-Type: multipart/alternative;\r\n boundary=\"%s\"\r\n\r\n", boundary);
    buf_puts(out, "This is a MIME message with a text and an HTML part.\r\n");
    buf_printf(out, "\r\n--%s\r\n", boundary);
    part(out, "plain", m->text);
    buf_printf(out, "\r\n--%s\r\n", boundary);
    part(out, "html", m->html);
    buf_printf(out, "\r\n--%s--\r\n", boundary);
    return out->err ? out->err : 0;
}
