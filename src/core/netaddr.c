/* Address parsing, classification and CIDR matching (see netaddr.h). The tables follow the
 * IANA special-purpose registries (RFC 6890 and its updates): anything in them that is not
 * globally reachable is refused by classification, so a webhook can only reach the public
 * internet unless an administrator lists a block. */
#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>

#include "core/netaddr.h"

int netaddr_parse(const char *s, struct netaddr *out)
{
    char tmp[64];
    size_t n;
    memset(out, 0, sizeof(*out));
    if (!s)
        return -1;
    n = strlen(s);
    if (n >= 2 && s[0] == '[' && s[n - 1] == ']') {
        if (n - 2 >= sizeof(tmp))
            return -1;
        memcpy(tmp, s + 1, n - 2);
        tmp[n - 2] = '\0';
        if (inet_pton(AF_INET6, tmp, out->b) != 1)
            return -1;
        out->family = 6;
        return 0;
    }
    if (n >= sizeof(tmp))
        return -1;
    if (inet_pton(AF_INET, s, out->b) == 1) {
        out->family = 4;
        return 0;
    }
    if (inet_pton(AF_INET6, s, out->b) == 1) {
        out->family = 6;
        return 0;
    }
    return -1;
}

const char *netaddr_format(const struct netaddr *a, char *out, size_t size)
{
    if (!inet_ntop(a->family == 4 ? AF_INET : AF_INET6, a->b, out, (socklen_t)size))
        snprintf(out, size, "?");
    return out;
}

/* 1 when the first bits of p equal those of q. */
static int prefix_eq(const unsigned char *p, const unsigned char *q, int bits)
{
    int whole = bits / 8, rest = bits % 8;
    if (memcmp(p, q, (size_t)whole))
        return 0;
    if (rest) {
        unsigned char m = (unsigned char)(0xff << (8 - rest));
        return (p[whole] & m) == (q[whole] & m);
    }
    return 1;
}

struct range {
    unsigned char net[16];
    int bits;
    enum netaddr_class k;
};

static const struct range v4_ranges[] = {
    {{0, 0, 0, 0}, 8, NETADDR_UNSPECIFIED},       /* "this network" */
    {{10, 0, 0, 0}, 8, NETADDR_PRIVATE},          /* RFC 1918 */
    {{100, 64, 0, 0}, 10, NETADDR_PRIVATE},       /* shared address space (CGNAT) */
    {{127, 0, 0, 0}, 8, NETADDR_LOOPBACK},        /* loopback */
    {{169, 254, 0, 0}, 16, NETADDR_LINKLOCAL},    /* link-local (cloud metadata too) */
    {{172, 16, 0, 0}, 12, NETADDR_PRIVATE},       /* RFC 1918 */
    {{192, 0, 0, 0}, 24, NETADDR_RESERVED},       /* IETF protocol assignments */
    {{192, 0, 2, 0}, 24, NETADDR_RESERVED},       /* TEST-NET-1 */
    {{192, 88, 99, 0}, 24, NETADDR_RESERVED},     /* 6to4 relay anycast (deprecated) */
    {{192, 168, 0, 0}, 16, NETADDR_PRIVATE},      /* RFC 1918 */
    {{198, 18, 0, 0}, 15, NETADDR_RESERVED},      /* benchmarking */
    {{198, 51, 100, 0}, 24, NETADDR_RESERVED},    /* TEST-NET-2 */
    {{203, 0, 113, 0}, 24, NETADDR_RESERVED},     /* TEST-NET-3 */
    {{224, 0, 0, 0}, 4, NETADDR_MULTICAST},       /* multicast */
    {{255, 255, 255, 255}, 32, NETADDR_RESERVED}, /* limited broadcast (before 240/4) */
    {{240, 0, 0, 0}, 4, NETADDR_RESERVED},        /* future use */
};

static enum netaddr_class classify4(const unsigned char *b)
{
    size_t i;
    for (i = 0; i < sizeof(v4_ranges) / sizeof(v4_ranges[0]); i++)
        if (prefix_eq(b, v4_ranges[i].net, v4_ranges[i].bits))
            return v4_ranges[i].k;
    return NETADDR_PUBLIC;
}

static const unsigned char mapped_prefix[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
static const unsigned char nat64_prefix[12] = {0, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0};
static const unsigned char zero16[16] = {0};

static const struct range v6_ranges[] = {
    {{0x01, 0x00}, 64, NETADDR_RESERVED},             /* 100::/64 discard-only */
    {{0x20, 0x01, 0x0d, 0xb8}, 32, NETADDR_RESERVED}, /* documentation */
    {{0x20, 0x01, 0x00, 0x00}, 23, NETADDR_RESERVED}, /* IETF protocol assignments */
    {{0x3f, 0xff}, 20, NETADDR_RESERVED},             /* documentation (RFC 9637) */
    {{0xfc}, 7, NETADDR_UNIQUELOCAL},                 /* unique local */
    {{0xfe, 0x80}, 10, NETADDR_LINKLOCAL},            /* link-local */
    {{0xfe, 0xc0}, 10, NETADDR_PRIVATE},              /* site-local (deprecated) */
    {{0xff}, 8, NETADDR_MULTICAST},                   /* multicast */
};

enum netaddr_class netaddr_classify(const struct netaddr *a)
{
    const unsigned char *b = a->b;
    size_t i;
    if (a->family == 4)
        return classify4(b);
    if (!memcmp(b, zero16, 16))
        return NETADDR_UNSPECIFIED;
    if (!memcmp(b, zero16, 15) && b[15] == 1)
        return NETADDR_LOOPBACK;
    if (!memcmp(b, mapped_prefix, 12) || !memcmp(b, nat64_prefix, 12))
        return classify4(b + 12);
    if (!memcmp(b, zero16, 12)) { /* IPv4-compatible (deprecated): never better than reserved */
        enum netaddr_class k = classify4(b + 12);
        return k == NETADDR_PUBLIC ? NETADDR_RESERVED : k;
    }
    if (b[0] == 0x20 && b[1] == 0x02) { /* 6to4: 2002:V4ADDR::/48 */
        enum netaddr_class k = classify4(b + 2);
        if (k != NETADDR_PUBLIC)
            return k;
    }
    for (i = 0; i < sizeof(v6_ranges) / sizeof(v6_ranges[0]); i++)
        if (prefix_eq(b, v6_ranges[i].net, v6_ranges[i].bits))
            return v6_ranges[i].k;
    if ((b[0] & 0xe0) != 0x20) /* outside 2000::/3, the global unicast space */
        return NETADDR_RESERVED;
    return NETADDR_PUBLIC;
}

const char *netaddr_class_name(enum netaddr_class k)
{
    static const char *const names[NETADDR__MAX] = {"public",      "loopback",     "private",
                                                    "link-local",  "unique-local", "multicast",
                                                    "unspecified", "reserved"};
    return k >= 0 && k < NETADDR__MAX ? names[k] : "reserved";
}

int netaddr_cidr_parse(const char *s, struct netcidr *out)
{
    char tmp[64];
    const char *slash = strchr(s, '/');
    size_t n = slash ? (size_t)(slash - s) : strlen(s);
    int bits, max, i;
    memset(out, 0, sizeof(*out));
    if (n == 0 || n >= sizeof(tmp))
        return -1;
    memcpy(tmp, s, n);
    tmp[n] = '\0';
    if (netaddr_parse(tmp, &out->net) < 0)
        return -1;
    max = out->net.family == 4 ? 32 : 128;
    bits = max;
    if (slash) {
        const char *p = slash + 1;
        if (!*p || strlen(p) > 3)
            return -1;
        bits = 0;
        for (; *p; p++) {
            if (*p < '0' || *p > '9')
                return -1;
            bits = bits * 10 + (*p - '0');
        }
        if (bits > max)
            return -1;
    }
    out->bits = bits;
    for (i = bits; i < max; i++) /* clear the host part */
        out->net.b[i / 8] &= (unsigned char)~(0x80 >> (i % 8));
    return 0;
}

int netaddr_in_cidr(const struct netaddr *a, const struct netcidr *c)
{
    if (a->family == c->net.family)
        return prefix_eq(a->b, c->net.b, c->bits);
    if (a->family == 6 && c->net.family == 4 && !memcmp(a->b, mapped_prefix, 12))
        return prefix_eq(a->b + 12, c->net.b, c->bits);
    return 0;
}

/* Call fn for each block of list; stops early when fn returns non-zero and returns that.
   A block longer than 63 characters is passed as "" (malformed). */
static int list_each(const char *list, int (*fn)(void *arg, int i, const char *block), void *arg)
{
    const char *p = list ? list : "";
    int i = 0, rc;
    while (*p) {
        char block[64];
        size_t n = 0;
        while (*p == ',' || *p == ' ' || *p == '\n' || *p == '\r' || *p == '\t')
            p++;
        if (!*p)
            break;
        while (p[n] && !strchr(", \n\r\t", p[n]))
            n++;
        if (n < sizeof(block)) {
            memcpy(block, p, n);
            block[n] = '\0';
        } else {
            block[0] = '\0';
        }
        if ((rc = fn(arg, i++, block)) != 0)
            return rc;
        p += n;
    }
    return 0;
}

struct check_arg {
    int n;   /* blocks seen */
    int bad; /* index of the malformed one */
};

static int check_one(void *arg, int i, const char *block)
{
    struct check_arg *ca = arg;
    struct netcidr c;
    ca->n = i + 1;
    if (i >= 64 || netaddr_cidr_parse(block, &c) < 0) {
        ca->bad = i;
        return -1;
    }
    return 0;
}

int netaddr_list_check(const char *list, int *bad)
{
    struct check_arg ca = {0, -1};
    if (list_each(list, check_one, &ca) < 0) {
        if (bad)
            *bad = ca.bad;
        return -1;
    }
    return ca.n;
}

static int match_one(void *arg, int i, const char *block)
{
    struct netcidr c;
    (void)i;
    return netaddr_cidr_parse(block, &c) == 0 && netaddr_in_cidr(arg, &c);
}

int netaddr_list_match(const char *list, const struct netaddr *a)
{
    return list_each(list, match_one, (void *)a) == 1;
}
