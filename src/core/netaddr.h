/* IP addresses for outgoing requests (webhooks): parsing IPv4 and IPv6 text, classifying an
 * address as public or as one of the ranges a server must not be made to call on a stranger's
 * behalf (loopback, private, link-local, unique-local, multicast, unspecified, reserved, and
 * the same ranges reached through IPv4-mapped, IPv4-compatible, NAT64 or 6to4 IPv6 forms), and
 * matching an address against an administrator's allow-list of CIDR blocks. Pure functions;
 * unit-tested in tests/unit/core/netaddr_test.c. */
#ifndef PRAXIS_CORE_NETADDR_H
#define PRAXIS_CORE_NETADDR_H
#include <stddef.h>

struct netaddr {
    int family;          /* 4 or 6 */
    unsigned char b[16]; /* network order; IPv4 uses b[0..3] */
};

enum netaddr_class {
    NETADDR_PUBLIC,      /* globally routable: may be called */
    NETADDR_LOOPBACK,    /* 127/8, ::1 */
    NETADDR_PRIVATE,     /* 10/8, 172.16/12, 192.168/16, 100.64/10 (CGNAT), fec0::/10 */
    NETADDR_LINKLOCAL,   /* 169.254/16, fe80::/10 */
    NETADDR_UNIQUELOCAL, /* fc00::/7 */
    NETADDR_MULTICAST,   /* 224/4, ff00::/8 */
    NETADDR_UNSPECIFIED, /* 0/8, :: */
    NETADDR_RESERVED,    /* documentation, benchmarking, 240/4, broadcast, 100::/64, ::/96 */
    NETADDR__MAX
};

/* Parse a numeric address ("192.0.2.1", "2001:db8::1", "[::1]" with brackets). No names,
   no zone ids, no shortened IPv4 forms ("127.1"). Returns 0 or -1. */
int netaddr_parse(const char *s, struct netaddr *out);
/* Format as text (inet_ntop) into out (at least 46 bytes). Returns out. */
const char *netaddr_format(const struct netaddr *a, char *out, size_t size);
/* The class of a. An IPv6 address that embeds an IPv4 one (::ffff:a.b.c.d, ::a.b.c.d,
   64:ff9b::a.b.c.d, 2002:AABB:CCDD::/48) takes the class of the IPv4 address, except that
   ::a.b.c.d (deprecated) is never better than NETADDR_RESERVED. */
enum netaddr_class netaddr_classify(const struct netaddr *a);
/* "public", "loopback", "private", "link-local", "unique-local", "multicast",
   "unspecified", "reserved". */
const char *netaddr_class_name(enum netaddr_class k);

struct netcidr {
    struct netaddr net; /* address, bits past the prefix cleared */
    int bits;           /* prefix length: 0..32 or 0..128 */
};
/* Parse "ADDR" (a single address: /32 or /128) or "ADDR/BITS". Returns 0 or -1. */
int netaddr_cidr_parse(const char *s, struct netcidr *out);
/* 1 when a lies in c (an IPv4-mapped IPv6 address matches an IPv4 block), else 0. */
int netaddr_in_cidr(const struct netaddr *a, const struct netcidr *c);
/* Check a list of CIDR blocks separated by commas, spaces or newlines (at most 64 blocks,
   each at most 63 characters). Returns the number of blocks, or -1 when one is malformed
   (*bad, if not NULL, receives its 0-based index). */
int netaddr_list_check(const char *list, int *bad);
/* 1 when a lies in one of the list's blocks, 0 when not (malformed blocks never match). */
int netaddr_list_match(const char *list, const struct netaddr *a);

#endif
