/* Context-aware escaping appenders for HTML text, HTML attribute values, URLs in href/src,
 * URL components and JSON strings, plus html_printf, a printf whose %s and %c arguments are
 * HTML-escaped. All of them decode their input as UTF-8: a byte that does not start a valid
 * sequence is replaced by U+FFFD (one replacement per bad byte), and NUL bytes (which only
 * html_textn can see) are dropped, so the output is always valid UTF-8 whatever the input.
 *
 * URL policy (url_is_safe): browsers strip leading C0 controls and spaces from a URL and
 * ignore tab/CR/LF anywhere in it, so "  JaVaScRiPt:" and "java\tscript:" are both
 * javascript: URLs. We skip the leading bytes <= 0x20, reject any remaining control byte
 * outright, and then look for a scheme: the text before the first ':' if that ':' comes
 * before any '/', '?' or '#'. No scheme means a relative URL (allowed); a scheme must be
 * http, https or mailto, compared case-insensitively, and anything odd in the scheme position
 * (a backslash, a leading digit) is refused rather than second-guessed. Protocol-relative
 * "//host/path" is allowed: it can only be an http(s) link to another site, and markdown.c
 * treats it as external (rel="nofollow ugc noopener"). */
#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "core/buf.h"
#include "core/html.h"
#include "core/utf8.h"
#include "core/util.h"

enum esc_mode { ESC_TEXT, ESC_ATTR, ESC_JSON, ESC_URL };

static const char hexdig[] = "0123456789ABCDEF";
static const char replacement[] = "\xEF\xBF\xBD"; /* U+FFFD */

/* The replacement for one ASCII byte c in the given mode, or NULL if c is copied as is.
 * tmp (at least 8 bytes) holds generated escapes. */
static const char *esc_ascii(unsigned char c, enum esc_mode mode, char *tmp)
{
    switch (mode) {
    case ESC_TEXT:
    case ESC_ATTR:
        switch (c) {
        case '&':
            return "&amp;";
        case '<':
            return "&lt;";
        case '>':
            return "&gt;";
        case '"':
            return "&quot;";
        case '\'':
            return "&#39;";
        case '`':
            return mode == ESC_ATTR ? "&#96;" : NULL;
        case 0:
            return "";
        default:
            return NULL;
        }
    case ESC_JSON:
        switch (c) {
        case '"':
            return "\\\"";
        case '\\':
            return "\\\\";
        case '\n':
            return "\\n";
        case '\r':
            return "\\r";
        case '\t':
            return "\\t";
        case '\b':
            return "\\b";
        case '\f':
            return "\\f";
        case 0:
            return "";
        default:
            /* controls, and < > & / ' so the string can sit inside <script> or an attribute */
            if (c < 0x20 || c == 0x7F || c == '<' || c == '>' || c == '&' || c == '/' ||
                c == '\'') {
                snprintf(tmp, 8, "\\u%04x", c);
                return tmp;
            }
            return NULL;
        }
    case ESC_URL:
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
            c == '-' || c == '.' || c == '_' || c == '~')
            return NULL;
        if (c == 0)
            return "";
        tmp[0] = '%';
        tmp[1] = hexdig[c >> 4];
        tmp[2] = hexdig[c & 15];
        tmp[3] = '\0';
        return tmp;
    }
    return NULL;
}

/* Append s[0..n) to b escaped for mode. Runs of bytes that need no escaping are appended in
 * one piece; valid multi-byte sequences are copied (JSON: U+2028/U+2029 become \u2028 and
 * \u2029 since JavaScript treats them as line ends; URL: percent-encoded); invalid bytes
 * become U+FFFD. */
/* Bytes that the HTML modes must look at: & < > " ' (and ` in attributes), NUL, and every
 * byte >= 0x80 (UTF-8 validation). 1 = text and attribute, 2 = attribute only. */
static const unsigned char html_special[256] = {
    [0] = 1,    ['&'] = 1, ['<'] = 1,           ['>'] = 1, ['"'] = 1,
    ['\''] = 1, ['`'] = 2, [0x80 ... 0xFF] = 1, /* GNU range designator (GCC and Clang) */
};

/* escape() for ESC_TEXT / ESC_ATTR: skip runs of ordinary bytes with one table lookup each
 * and append them in one piece; the bytes html_special marks go through the general rules
 * (entities, NUL dropped, UTF-8 sequences copied when valid, U+FFFD for each bad byte). */
static void escape_html(struct buf *b, const char *s, size_t n, enum esc_mode mode)
{
    const unsigned char *u = (const unsigned char *)s;
    unsigned char mask = mode == ESC_ATTR ? 3 : 1;
    size_t i = 0, start = 0;

    for (;;) {
        unsigned char c;
        const char *rep;
        size_t len;
        unsigned cp;

        while (i < n && !(html_special[u[i]] & mask))
            i++;
        if (i >= n)
            break;
        c = u[i];
        if (c >= 0x80) {
            len = utf8_decode(s + i, n - i, &cp);
            if (len) {
                i += len;
                continue;
            }
            rep = replacement;
            len = 3;
        } else {
            switch (c) {
            case '&':
                rep = "&amp;";
                len = 5;
                break;
            case '<':
                rep = "&lt;";
                len = 4;
                break;
            case '>':
                rep = "&gt;";
                len = 4;
                break;
            case '"':
                rep = "&quot;";
                len = 6;
                break;
            case '\'':
                rep = "&#39;";
                len = 5;
                break;
            case '`':
                rep = "&#96;";
                len = 5;
                break;
            default:
                rep = "";
                len = 0;
                break; /* NUL: dropped */
            }
        }
        if (i > start)
            buf_append(b, s + start, i - start);
        if (len)
            buf_append(b, rep, len);
        i++;
        start = i;
    }
    if (i > start)
        buf_append(b, s + start, i - start);
}

static void escape(struct buf *b, const char *s, size_t n, enum esc_mode mode)
{
    size_t i = 0, start = 0;
    char tmp[16];

    if (mode == ESC_TEXT || mode == ESC_ATTR) {
        escape_html(b, s, n, mode);
        return;
    }
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        const char *rep;
        size_t len = 1;
        unsigned cp;

        if (c < 0x80) {
            rep = esc_ascii(c, mode, tmp);
            if (!rep) {
                i++;
                continue;
            }
        } else {
            len = utf8_decode(s + i, n - i, &cp);
            if (len && mode == ESC_JSON && (cp == 0x2028 || cp == 0x2029)) {
                snprintf(tmp, sizeof(tmp), "\\u%04x", cp);
                rep = tmp;
            } else if (len && mode != ESC_URL) {
                i += len;
                continue;
            } else if (len) { /* ESC_URL: percent-encode every byte of the sequence */
                buf_append(b, s + start, i - start);
                for (size_t k = 0; k < len; k++)
                    buf_append(b, esc_ascii((unsigned char)s[i + k], mode, tmp), 3);
                i += len;
                start = i;
                continue;
            } else {
                len = 1;
                rep = mode == ESC_URL ? "%EF%BF%BD" : mode == ESC_JSON ? "\\ufffd" : replacement;
            }
        }
        buf_append(b, s + start, i - start);
        buf_puts(b, rep);
        i += len;
        start = i;
    }
    buf_append(b, s + start, i - start);
}

/* Text content: & < > " ' escaped; NULL appends nothing. */
void html_text(struct buf *b, const char *s)
{
    if (s)
        escape(b, s, strlen(s), ESC_TEXT);
}

/* Text content from s[0..n), which may contain NUL bytes (dropped). */
void html_textn(struct buf *b, const char *s, size_t n)
{
    if (s)
        escape(b, s, n, ESC_TEXT);
}

/* A value for a double- or single-quoted attribute: as html_text, and ` as well. */
void html_attr(struct buf *b, const char *s)
{
    if (s)
        escape(b, s, strlen(s), ESC_ATTR);
}

/* 1 if url may go into href/src: relative, or scheme http/https/mailto (see the policy in
 * the file comment). NULL is not safe. */
int url_is_safe(const char *url)
{
    static const char *const allowed[] = {"http", "https", "mailto"};
    const unsigned char *p, *q;
    size_t len, i, k;

    if (!url)
        return 0;
    p = (const unsigned char *)url;
    while (*p && *p <= 0x20)
        p++;
    for (q = p; *q; q++)
        if (*q < 0x20 || *q == 0x7F)
            return 0;
    for (q = p; *q && *q != ':' && *q != '/' && *q != '?' && *q != '#'; q++)
        ;
    if (*q != ':')
        return 1; /* no scheme: relative (or protocol-relative) */
    len = (size_t)(q - p);
    for (k = 0; k < ARRAY_SIZE(allowed); k++) {
        if (strlen(allowed[k]) != len)
            continue;
        for (i = 0; i < len; i++) {
            unsigned char c = p[i];
            if (c >= 'A' && c <= 'Z')
                c = (unsigned char)(c - 'A' + 'a');
            if (c != (unsigned char)allowed[k][i])
                break;
        }
        if (i == len)
            return 1;
    }
    return 0;
}

/* href/src value: the attribute-escaped url if url_is_safe, else "#". */
void html_url(struct buf *b, const char *url)
{
    if (url_is_safe(url))
        html_attr(b, url);
    else
        buf_putc(b, '#');
}

/* Percent-encode everything but the RFC 3986 unreserved characters A-Z a-z 0-9 - . _ ~
 * (space becomes %20, UTF-8 bytes are encoded one by one, invalid bytes as U+FFFD). */
void url_encode(struct buf *b, const char *s)
{
    if (s)
        escape(b, s, strlen(s), ESC_URL);
}

/* A double-quoted JSON string, safe to embed in <script> and HTML attributes: " \ and
 * controls escaped (short forms where JSON has them, else \u00XX), < > & / ' as \u003c etc.,
 * U+2028/U+2029 escaped, invalid UTF-8 as \ufffd. NULL appends null. */
void json_str(struct buf *b, const char *s)
{
    if (!s) {
        buf_puts(b, "null");
        return;
    }
    buf_putc(b, '"');
    escape(b, s, strlen(s), ESC_JSON);
    buf_putc(b, '"');
}

/* ---- html_printf ---- */

struct spec {
    int minus, plus, space, zero, alt; /* flags */
    int width;                         /* -1 if none */
    int prec;                          /* -1 if none */
};

#define SPEC_MAX_WIDTH 4096 /* clamp for widths and precisions */

static void pad(struct buf *b, char c, int count)
{
    char chunk[64];
    memset(chunk, c, sizeof(chunk));
    while (count > 0) {
        int k = count < (int)sizeof(chunk) ? count : (int)sizeof(chunk);
        buf_append(b, chunk, (size_t)k);
        count -= k;
    }
}

/* An integer with C printf semantics for flags, width and precision. mag is the magnitude,
 * neg says a '-' is due; base is 8, 10 or 16. */
static void put_int(struct buf *b, const struct spec *sp, int neg, uintmax_t mag, int base,
                    int upper)
{
    char digits[72];
    const char *dig = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    char sign = neg ? '-' : sp->plus ? '+' : sp->space ? ' ' : 0;
    const char *prefix = "";
    int nd = 0, zeros = 0, total, width = sp->width;
    uintmax_t v = mag;

    while (v) {
        digits[sizeof(digits) - 1 - nd++] = dig[v % (unsigned)base];
        v /= (unsigned)base;
    }
    if (mag == 0 && sp->prec != 0)
        digits[sizeof(digits) - 1 - nd++] = '0';
    if (sp->prec > nd)
        zeros = sp->prec - nd;
    if (sp->alt && base == 16 && mag)
        prefix = upper ? "0X" : "0x";
    if (sp->alt && base == 8 && zeros == 0 && (nd == 0 || digits[sizeof(digits) - nd] != '0'))
        zeros = 1;
    total = (sign ? 1 : 0) + (int)strlen(prefix) + zeros + nd;
    if (width > total && !sp->minus && !(sp->zero && sp->prec < 0))
        pad(b, ' ', width - total);
    if (sign)
        buf_putc(b, sign);
    buf_puts(b, prefix);
    if (width > total && !sp->minus && sp->zero && sp->prec < 0)
        pad(b, '0', width - total);
    pad(b, '0', zeros);
    buf_append(b, digits + sizeof(digits) - nd, (size_t)nd);
    if (width > total && sp->minus)
        pad(b, ' ', width - total);
}

/* Already-formatted ASCII (a number) with space padding to the width. */
static void put_padded(struct buf *b, const struct spec *sp, const char *s)
{
    int len = (int)strlen(s);
    if (sp->width > len && !sp->minus)
        pad(b, ' ', sp->width - len);
    buf_puts(b, s);
    if (sp->width > len && sp->minus)
        pad(b, ' ', sp->width - len);
}

/* An escaped string s[0..n) with space padding (width counts input bytes). */
static void put_str(struct buf *b, const struct spec *sp, const char *s, size_t n)
{
    int len = n > SPEC_MAX_WIDTH ? SPEC_MAX_WIDTH : (int)n;
    if (sp->width > len && !sp->minus)
        pad(b, ' ', sp->width - len);
    escape(b, s, n, ESC_TEXT);
    if (sp->width > len && sp->minus)
        pad(b, ' ', sp->width - len);
}

/* Parse and apply one conversion; *pf points just past the '%' and is advanced past the
 * conversion. Every argument a conversion names is consumed with its C type, so a
 * conversion we do not render (%n, %ls, %lc) still keeps later arguments in step. */
static void convert(struct buf *b, const char **pf, va_list *ap)
{
    const char *f = *pf;
    struct spec sp = {0, 0, 0, 0, 0, -1, -1};
    enum { L_NONE, L_HH, L_H, L_L, L_LL, L_Z, L_J, L_T, L_BIGL } len = L_NONE;
    char tmp[512];
    char conv;

    for (;; f++) {
        if (*f == '-')
            sp.minus = 1;
        else if (*f == '+')
            sp.plus = 1;
        else if (*f == ' ')
            sp.space = 1;
        else if (*f == '0')
            sp.zero = 1;
        else if (*f == '#')
            sp.alt = 1;
        else
            break;
    }
    if (*f == '*') {
        sp.width = va_arg(*ap, int);
        if (sp.width < 0) {
            sp.minus = 1;
            sp.width = sp.width == INT_MIN ? SPEC_MAX_WIDTH : -sp.width;
        }
        f++;
    } else {
        while (*f >= '0' && *f <= '9') {
            sp.width = (sp.width < 0 ? 0 : sp.width) * 10 + (*f - '0');
            if (sp.width > SPEC_MAX_WIDTH)
                sp.width = SPEC_MAX_WIDTH;
            f++;
        }
    }
    if (sp.width > SPEC_MAX_WIDTH)
        sp.width = SPEC_MAX_WIDTH;
    if (*f == '.') {
        f++;
        sp.prec = 0;
        if (*f == '*') {
            sp.prec = va_arg(*ap, int);
            if (sp.prec < 0)
                sp.prec = -1; /* negative precision: as if omitted */
            f++;
        } else {
            while (*f >= '0' && *f <= '9') {
                sp.prec = sp.prec * 10 + (*f - '0');
                if (sp.prec > 100000000)
                    sp.prec = 100000000;
                f++;
            }
        }
    }
    switch (*f) {
    case 'h':
        len = f[1] == 'h' ? L_HH : L_H;
        f += len == L_HH ? 2 : 1;
        break;
    case 'l':
        len = f[1] == 'l' ? L_LL : L_L;
        f += len == L_LL ? 2 : 1;
        break;
    case 'z':
        len = L_Z;
        f++;
        break;
    case 'j':
        len = L_J;
        f++;
        break;
    case 't':
        len = L_T;
        f++;
        break;
    case 'L':
        len = L_BIGL;
        f++;
        break;
    default:
        break;
    }
    conv = *f;
    *pf = conv ? f + 1 : f;

    switch (conv) {
    case '%':
        buf_putc(b, '%');
        return;
    case 's':
        if (len == L_L) { /* wchar_t string: not supported */
            (void)va_arg(*ap, void *);
            buf_putc(b, '?');
        } else {
            const char *s = va_arg(*ap, const char *);
            if (!s)
                s = "";
            put_str(b, &sp, s, sp.prec >= 0 ? strnlen(s, (size_t)sp.prec) : strlen(s));
        }
        return;
    case 'c': {
        char c = (char)va_arg(*ap, int); /* wint_t for %lc promotes the same way */
        if (len == L_L)
            buf_putc(b, '?');
        else
            put_str(b, &sp, &c, 1);
        return;
    }
    case 'd':
    case 'i': {
        intmax_t v;
        switch (len) {
        case L_HH:
            v = (signed char)va_arg(*ap, int);
            break;
        case L_H:
            v = (short)va_arg(*ap, int);
            break;
        case L_L:
            v = va_arg(*ap, long);
            break;
        case L_LL:
            v = va_arg(*ap, long long);
            break;
        case L_Z:
            v = va_arg(*ap, ptrdiff_t);
            break; /* signed size_t */
        case L_J:
            v = va_arg(*ap, intmax_t);
            break;
        case L_T:
            v = va_arg(*ap, ptrdiff_t);
            break;
        default:
            v = va_arg(*ap, int);
            break;
        }
        put_int(b, &sp, v < 0, v < 0 ? (uintmax_t)0 - (uintmax_t)v : (uintmax_t)v, 10, 0);
        return;
    }
    case 'u':
    case 'x':
    case 'X':
    case 'o': {
        uintmax_t v;
        switch (len) {
        case L_HH:
            v = (unsigned char)va_arg(*ap, unsigned);
            break;
        case L_H:
            v = (unsigned short)va_arg(*ap, unsigned);
            break;
        case L_L:
            v = va_arg(*ap, unsigned long);
            break;
        case L_LL:
            v = va_arg(*ap, unsigned long long);
            break;
        case L_Z:
            v = va_arg(*ap, size_t);
            break;
        case L_J:
            v = va_arg(*ap, uintmax_t);
            break;
        case L_T:
            v = (uintmax_t)va_arg(*ap, ptrdiff_t);
            break;
        default:
            v = va_arg(*ap, unsigned);
            break;
        }
        put_int(b, &sp, 0, v, conv == 'u' ? 10 : conv == 'o' ? 8 : 16, conv == 'X');
        return;
    }
    case 'f':
    case 'F':
    case 'e':
    case 'E':
    case 'g':
    case 'G':
    case 'a':
    case 'A': {
        /* Not in the documented set, but numbers cannot carry markup: format them. */
        long double v = len == L_BIGL ? va_arg(*ap, long double) : va_arg(*ap, double);
        int prec = sp.prec < 0 ? 6 : sp.prec > 60 ? 60 : sp.prec;
        switch (conv) {
        case 'f':
        case 'F':
            snprintf(tmp, sizeof(tmp), "%.*Lf", prec, v);
            break;
        case 'e':
            snprintf(tmp, sizeof(tmp), "%.*Le", prec, v);
            break;
        case 'E':
            snprintf(tmp, sizeof(tmp), "%.*LE", prec, v);
            break;
        case 'g':
            snprintf(tmp, sizeof(tmp), "%.*Lg", prec, v);
            break;
        case 'G':
            snprintf(tmp, sizeof(tmp), "%.*LG", prec, v);
            break;
        default:
            snprintf(tmp, sizeof(tmp), "%La", v);
            break;
        }
        put_padded(b, &sp, tmp);
        return;
    }
    case 'p':
        snprintf(tmp, sizeof(tmp), "%p", va_arg(*ap, void *));
        put_padded(b, &sp, tmp);
        return;
    case 'n': /* never write through a pointer from a format */
        (void)va_arg(*ap, void *);
        buf_putc(b, '?');
        return;
    default: /* unknown conversion, or '%' at the end of the format */
        buf_putc(b, '?');
        return;
    }
}

/* A signed decimal integer without padding (what %d and %lld print with no flags). */
static void put_dec(struct buf *b, long long v)
{
    char d[24];
    size_t k = sizeof(d);
    unsigned long long m = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
    do {
        d[--k] = (char)('0' + m % 10);
        m /= 10;
    } while (m);
    if (v < 0)
        d[--k] = '-';
    buf_append(b, d + k, sizeof(d) - k);
}

/* printf into b where the format is trusted markup and %s/%c arguments are HTML-escaped
 * (NULL %s prints nothing). See html.h for the conversions. */
void html_vprintf(struct buf *b, const char *fmt, va_list ap)
{
    va_list cp;
    const char *f = fmt;

    va_copy(cp, ap);
    while (*f) {
        const char *pct = strchr(f, '%');
        if (!pct) {
            buf_puts(b, f);
            break;
        }
        if (pct > f)
            buf_append(b, f, (size_t)(pct - f));
        f = pct + 1;
        /* Fast paths for the plain conversions most templates use: %s, %d, %lld. */
        if (f[0] == 's') {
            const char *s = va_arg(cp, const char *);
            if (s)
                escape(b, s, strlen(s), ESC_TEXT);
            f++;
        } else if (f[0] == 'd') {
            put_dec(b, va_arg(cp, int));
            f++;
        } else if (f[0] == 'l' && f[1] == 'l' && f[2] == 'd') {
            put_dec(b, va_arg(cp, long long));
            f += 3;
        } else {
            convert(b, &f, &cp);
        }
    }
    va_end(cp);
}

void html_printf(struct buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    html_vprintf(b, fmt, ap);
    va_end(ap);
}
