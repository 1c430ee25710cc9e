/* Tests for src/core/netaddr.c: parsing (accepting numeric forms only), the class of every
 * special range and of its IPv4-mapped, IPv4-compatible, NAT64 and 6to4 disguises, CIDR
 * parsing and matching, and allow-lists. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "core/netaddr.h"

static enum netaddr_class cls(const char *s)
{
    struct netaddr a;
    assert_int_equal(netaddr_parse(s, &a), 0);
    return netaddr_classify(&a);
}

static void test_parse(void **state)
{
    struct netaddr a;
    char out[64];
    (void)state;
    assert_int_equal(netaddr_parse("192.0.2.1", &a), 0);
    assert_int_equal(a.family, 4);
    assert_int_equal(netaddr_parse("[::1]", &a), 0);
    assert_int_equal(a.family, 6);
    assert_string_equal(netaddr_format(&a, out, sizeof(out)), "::1");
    assert_int_equal(netaddr_parse("2001:db8::1", &a), 0);
    /* names, shortened and octal-looking forms, zone ids, junk: refused */
    assert_int_equal(netaddr_parse("localhost", &a), -1);
    assert_int_equal(netaddr_parse("127.1", &a), -1);
    assert_int_equal(netaddr_parse("0x7f.0.0.1", &a), -1);
    assert_int_equal(netaddr_parse("2130706433", &a), -1);
    assert_int_equal(netaddr_parse("fe80::1%eth0", &a), -1);
    assert_int_equal(netaddr_parse("", &a), -1);
    assert_int_equal(netaddr_parse(NULL, &a), -1);
    assert_int_equal(netaddr_parse("[127.0.0.1]", &a), -1);
    assert_int_equal(netaddr_parse("1.2.3.4 ", &a), -1);
}

static void test_classify_v4(void **state)
{
    (void)state;
    assert_int_equal(cls("93.184.216.34"), NETADDR_PUBLIC);
    assert_int_equal(cls("8.8.8.8"), NETADDR_PUBLIC);
    assert_int_equal(cls("127.0.0.1"), NETADDR_LOOPBACK);
    assert_int_equal(cls("127.255.255.254"), NETADDR_LOOPBACK);
    assert_int_equal(cls("10.1.2.3"), NETADDR_PRIVATE);
    assert_int_equal(cls("172.16.0.1"), NETADDR_PRIVATE);
    assert_int_equal(cls("172.31.255.255"), NETADDR_PRIVATE);
    assert_int_equal(cls("172.32.0.1"), NETADDR_PUBLIC);
    assert_int_equal(cls("172.15.255.255"), NETADDR_PUBLIC);
    assert_int_equal(cls("192.168.1.1"), NETADDR_PRIVATE);
    assert_int_equal(cls("100.64.0.1"), NETADDR_PRIVATE);
    assert_int_equal(cls("100.128.0.1"), NETADDR_PUBLIC);
    assert_int_equal(cls("169.254.169.254"), NETADDR_LINKLOCAL);
    assert_int_equal(cls("224.0.0.1"), NETADDR_MULTICAST);
    assert_int_equal(cls("239.255.255.250"), NETADDR_MULTICAST);
    assert_int_equal(cls("0.0.0.0"), NETADDR_UNSPECIFIED);
    assert_int_equal(cls("0.1.2.3"), NETADDR_UNSPECIFIED);
    assert_int_equal(cls("255.255.255.255"), NETADDR_RESERVED);
    assert_int_equal(cls("240.0.0.1"), NETADDR_RESERVED);
    assert_int_equal(cls("192.0.2.10"), NETADDR_RESERVED);
    assert_int_equal(cls("198.18.0.1"), NETADDR_RESERVED);
    assert_int_equal(cls("203.0.113.9"), NETADDR_RESERVED);
}

static void test_classify_v6(void **state)
{
    (void)state;
    assert_int_equal(cls("2606:4700::1111"), NETADDR_PUBLIC);
    assert_int_equal(cls("::1"), NETADDR_LOOPBACK);
    assert_int_equal(cls("::"), NETADDR_UNSPECIFIED);
    assert_int_equal(cls("fe80::1"), NETADDR_LINKLOCAL);
    assert_int_equal(cls("febf::1"), NETADDR_LINKLOCAL);
    assert_int_equal(cls("fc00::1"), NETADDR_UNIQUELOCAL);
    assert_int_equal(cls("fd12:3456::1"), NETADDR_UNIQUELOCAL);
    assert_int_equal(cls("ff02::1"), NETADDR_MULTICAST);
    assert_int_equal(cls("fec0::1"), NETADDR_PRIVATE);
    assert_int_equal(cls("2001:db8::1"), NETADDR_RESERVED);
    assert_int_equal(cls("100::1"), NETADDR_RESERVED);
    assert_int_equal(cls("4000::1"), NETADDR_RESERVED); /* outside 2000::/3 */
    /* IPv4-mapped: the class of the IPv4 address */
    assert_int_equal(cls("::ffff:127.0.0.1"), NETADDR_LOOPBACK);
    assert_int_equal(cls("::ffff:7f00:1"), NETADDR_LOOPBACK);
    assert_int_equal(cls("::ffff:10.0.0.1"), NETADDR_PRIVATE);
    assert_int_equal(cls("::ffff:169.254.169.254"), NETADDR_LINKLOCAL);
    assert_int_equal(cls("::ffff:0.0.0.0"), NETADDR_UNSPECIFIED);
    assert_int_equal(cls("::ffff:8.8.8.8"), NETADDR_PUBLIC);
    /* IPv4-compatible (deprecated): never public */
    assert_int_equal(cls("::127.0.0.1"), NETADDR_LOOPBACK);
    assert_int_equal(cls("::8.8.8.8"), NETADDR_RESERVED);
    /* NAT64 and 6to4 carry an IPv4 address too */
    assert_int_equal(cls("64:ff9b::127.0.0.1"), NETADDR_LOOPBACK);
    assert_int_equal(cls("64:ff9b::8.8.8.8"), NETADDR_PUBLIC);
    assert_int_equal(cls("2002:7f00:1::1"), NETADDR_LOOPBACK);
    assert_int_equal(cls("2002:c0a8:101::1"), NETADDR_PRIVATE);
    assert_string_equal(netaddr_class_name(NETADDR_UNIQUELOCAL), "unique-local");
    assert_string_equal(netaddr_class_name(NETADDR_PUBLIC), "public");
}

static int in(const char *addr, const char *cidr)
{
    struct netaddr a;
    struct netcidr c;
    assert_int_equal(netaddr_parse(addr, &a), 0);
    assert_int_equal(netaddr_cidr_parse(cidr, &c), 0);
    return netaddr_in_cidr(&a, &c);
}

static void test_cidr(void **state)
{
    struct netcidr c;
    (void)state;
    assert_true(in("127.0.0.1", "127.0.0.1"));
    assert_false(in("127.0.0.2", "127.0.0.1"));
    assert_true(in("127.0.0.2", "127.0.0.0/8"));
    assert_true(in("10.9.8.7", "10.9.8.200/24")); /* host bits ignored */
    assert_false(in("10.9.9.7", "10.9.8.0/24"));
    assert_true(in("1.2.3.4", "0.0.0.0/0"));
    assert_true(in("::ffff:127.0.0.1", "127.0.0.0/8")); /* mapped matches an IPv4 block */
    assert_false(in("127.0.0.1", "::1/128"));
    assert_true(in("::1", "::1"));
    assert_true(in("fd00::5", "fd00::/8"));
    assert_false(in("fe00::5", "fd00::/8"));
    assert_true(in("10.0.0.1", "10.0.0.0/7"));
    assert_int_equal(netaddr_cidr_parse("10.0.0.0/33", &c), -1);
    assert_int_equal(netaddr_cidr_parse("::/129", &c), -1);
    assert_int_equal(netaddr_cidr_parse("10.0.0.0/", &c), -1);
    assert_int_equal(netaddr_cidr_parse("10.0.0.0/x", &c), -1);
    assert_int_equal(netaddr_cidr_parse("/8", &c), -1);
    assert_int_equal(netaddr_cidr_parse("example.org/8", &c), -1);
}

static void test_list(void **state)
{
    struct netaddr a;
    int bad = -2;
    (void)state;
    assert_int_equal(netaddr_list_check("", NULL), 0);
    assert_int_equal(netaddr_list_check("127.0.0.1, ::1\n10.0.0.0/8", NULL), 3);
    assert_int_equal(netaddr_list_check("127.0.0.1, nonsense", &bad), -1);
    assert_int_equal(bad, 1);
    assert_int_equal(netaddr_parse("10.2.3.4", &a), 0);
    assert_true(netaddr_list_match("127.0.0.1, 10.0.0.0/8", &a));
    assert_false(netaddr_list_match("127.0.0.1", &a));
    assert_false(netaddr_list_match("", &a));
    assert_false(netaddr_list_match(NULL, &a));
    assert_false(netaddr_list_match("nonsense,,", &a));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse),       cmocka_unit_test(test_classify_v4),
        cmocka_unit_test(test_classify_v6), cmocka_unit_test(test_cidr),
        cmocka_unit_test(test_list),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
