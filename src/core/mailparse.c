/* Incoming mail parsed with GMime into struct mail_in (see mailparse.h): headers through
 * GMime's header list and address parser, the body by a depth-first walk of the MIME tree
 * that keeps the first inline text/plain and the first inline text/html leaf. */
#include <gmime/gmime.h>
#include <string.h>
#include <strings.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/html.h"
#include "core/mailparse.h"
#include "core/utf8.h"

/* Address headers whose mailboxes are recipients. */
static const char *const rcpt_headers[] = {"To", "Cc", "Delivered-To", "X-Original-To",
                                           "Envelope-To"};

/* Append the addr-specs of the mailboxes in list (groups opened) to out->rcpt. */
static void add_addresses(struct arena *a, InternetAddressList *list, struct mail_in *out,
                          int depth)
{
    int i, n = list ? internet_address_list_length(list) : 0;
    for (i = 0; i < n && out->nrcpt < MAILPARSE_RCPT_MAX; i++) {
        InternetAddress *ia = internet_address_list_get_address(list, i);
        if (INTERNET_ADDRESS_IS_MAILBOX(ia)) {
            const char *addr = internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(ia));
            if (addr && *addr)
                out->rcpt[out->nrcpt++] = arena_strdup(a, addr);
        } else if (INTERNET_ADDRESS_IS_GROUP(ia) && depth < 2) {
            add_addresses(a, internet_address_group_get_members(INTERNET_ADDRESS_GROUP(ia)), out,
                          depth + 1);
        }
    }
}

/* The addr-spec of the first mailbox in an address header value, or NULL. */
static const char *first_mailbox(struct arena *a, const char *value)
{
    InternetAddressList *list = internet_address_list_parse(NULL, value);
    const char *r = NULL;
    int i, n = list ? internet_address_list_length(list) : 0;
    for (i = 0; i < n && !r; i++) {
        InternetAddress *ia = internet_address_list_get_address(list, i);
        if (INTERNET_ADDRESS_IS_MAILBOX(ia)) {
            const char *addr = internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(ia));
            if (addr && *addr)
                r = arena_strdup(a, addr);
        }
    }
    if (list)
        g_object_unref(list);
    return r;
}

/* 1 when value starts with word (case-insensitive), after white space. */
static int starts_ci(const char *value, const char *word)
{
    while (*value == ' ' || *value == '\t')
        value++;
    return strncasecmp(value, word, strlen(word)) == 0;
}

/* Mark out as automatic when header name/value says the message is an auto-reply or a
   bounce (RFC 3834 Auto-Submitted, Precedence, the X-Autoreply family, Return-Path <>). */
static void check_automatic(const char *name, const char *value, struct mail_in *out)
{
    int yes = 0;
    if (!value)
        value = "";
    if (!strcasecmp(name, "Auto-Submitted"))
        yes = !starts_ci(value, "no");
    else if (!strcasecmp(name, "Precedence"))
        yes = starts_ci(value, "bulk") || starts_ci(value, "junk") || starts_ci(value, "list") ||
              starts_ci(value, "auto_reply");
    else if (!strcasecmp(name, "X-Autoreply") || !strcasecmp(name, "X-Autorespond"))
        yes = 1; /* (not X-Auto-Response-Suppress: senders set it on ordinary mail) */
    else if (!strcasecmp(name, "Return-Path")) {
        const char *p = value;
        while (*p == ' ' || *p == '\t')
            p++;
        yes = !strncmp(p, "<>", 2);
    }
    if (yes && !out->automatic) { /* a literal: name dies with the message */
        out->automatic = 1;
        out->automatic_why = !strcasecmp(name, "Auto-Submitted") ? "Auto-Submitted"
                             : !strcasecmp(name, "Precedence")   ? "Precedence"
                             : !strcasecmp(name, "Return-Path")  ? "Return-Path <>"
                                                                 : "X-Autoreply";
    }
}

/* Copy text (len bytes) into a as body: \r\n and lone \r become \n, NUL bytes are dropped,
   bytes that are not valid UTF-8 become '?'. */
static const char *clean_text(struct arena *a, const char *s, size_t n)
{
    char *o = arena_alloc(a, n + 1);
    size_t i = 0, k = 0;
    while (i < n) {
        unsigned cp;
        size_t l;
        if (s[i] == '\r') {
            o[k++] = '\n';
            i += (i + 1 < n && s[i + 1] == '\n') ? 2 : 1;
            continue;
        }
        if (s[i] == '\0') {
            i++;
            continue;
        }
        if ((unsigned char)s[i] < 0x80) {
            o[k++] = s[i++];
            continue;
        }
        l = utf8_decode(s + i, n - i, &cp);
        if (l == 0) {
            o[k++] = '?';
            i++;
            continue;
        }
        memcpy(o + k, s + i, l);
        k += l;
        i += l;
    }
    o[k] = '\0';
    return o;
}

/* The decoded, UTF-8 text of a leaf part (arena copy), or NULL. */
static const char *part_text(struct arena *a, GMimeObject *obj)
{
    const char *r = NULL;
    if (GMIME_IS_TEXT_PART(obj)) {
        char *t = g_mime_text_part_get_text(GMIME_TEXT_PART(obj));
        if (t) {
            r = clean_text(a, t, strlen(t));
            g_free(t);
        }
    }
    return r;
}

struct found {
    GMimeObject *plain; /* first inline text/plain */
    GMimeObject *html;  /* first inline text/html */
};

/* Depth-first walk for the body candidates; attached messages and attachments skipped. */
static void walk(GMimeObject *obj, struct found *f, int depth)
{
    if (!obj || depth > MAILPARSE_DEPTH || (f->plain && f->html))
        return;
    if (GMIME_IS_MULTIPART(obj)) {
        GMimeMultipart *mp = GMIME_MULTIPART(obj);
        int i, n = g_mime_multipart_get_count(mp);
        for (i = 0; i < n; i++)
            walk(g_mime_multipart_get_part(mp, i), f, depth + 1);
        return;
    }
    if (GMIME_IS_PART(obj)) {
        GMimeContentType *ct = g_mime_object_get_content_type(obj);
        if (g_mime_part_is_attachment(GMIME_PART(obj)))
            return;
        if (!ct || g_mime_content_type_is_type(ct, "text", "plain")) {
            if (!f->plain)
                f->plain = obj;
        } else if (g_mime_content_type_is_type(ct, "text", "html")) {
            if (!f->html)
                f->html = obj;
        }
    }
}

int mailparse(struct arena *a, const char *data, size_t len, struct mail_in *out)
{
    GMimeStream *stream;
    GMimeParser *parser;
    GMimeMessage *msg;
    GMimeHeaderList *hl;
    GMimeObject *top;
    struct found f = {NULL, NULL};
    int i, n;
    const char *s;

    memset(out, 0, sizeof(*out));
    out->body = "";
    out->rcpt = arena_zalloc(a, MAILPARSE_RCPT_MAX * sizeof(*out->rcpt));
    if (len > MAILPARSE_MAX)
        return ERR_TOOBIG;
    g_mime_init();
    stream = g_mime_stream_mem_new_with_buffer(data, len);
    parser = g_mime_parser_new_with_stream(stream);
    g_object_unref(stream);
    msg = g_mime_parser_construct_message(parser, NULL);
    g_object_unref(parser);
    if (!msg)
        return ERR_INVALID;

    hl = g_mime_object_get_header_list(GMIME_OBJECT(msg));
    n = hl ? g_mime_header_list_get_count(hl) : 0;
    for (i = 0; i < n; i++) {
        GMimeHeader *h = g_mime_header_list_get_header_at(hl, i);
        const char *name = g_mime_header_get_name(h), *value = g_mime_header_get_value(h);
        size_t k;
        if (!name)
            continue;
        check_automatic(
            name, strcasecmp(name, "Return-Path") ? value : g_mime_header_get_raw_value(h), out);
        for (k = 0; k < sizeof(rcpt_headers) / sizeof(rcpt_headers[0]); k++)
            if (!strcasecmp(name, rcpt_headers[k]) && value) {
                InternetAddressList *list = internet_address_list_parse(NULL, value);
                add_addresses(a, list, out, 0);
                if (list)
                    g_object_unref(list);
            }
        if (!strcasecmp(name, "From") && !out->from && value)
            out->from = first_mailbox(a, value);
    }
    if ((s = g_mime_message_get_message_id(msg)) && *s)
        out->message_id = clean_text(a, s, strlen(s));
    if ((s = g_mime_message_get_subject(msg)))
        out->subject = clean_text(a, s, strlen(s));

    top = g_mime_message_get_mime_part(msg);
    if (top) {
        GMimeContentType *ct = g_mime_object_get_content_type(top);
        if (ct && g_mime_content_type_is_type(ct, "multipart", "report") && !out->automatic) {
            out->automatic = 1; /* a delivery status notification: a bounce */
            out->automatic_why = "multipart/report";
        }
    }
    walk(top, &f, 0);
    if (f.plain && (s = part_text(a, f.plain)))
        out->body = s;
    else if (f.html && (s = part_text(a, f.html))) {
        struct buf b = BUF_INIT;
        html_to_text(&b, s);
        out->body = clean_text(a, b.data, b.len);
        out->body_from_html = 1;
        buf_release(&b);
    }
    g_object_unref(msg);
    return 0;
}
