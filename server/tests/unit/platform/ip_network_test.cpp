#include "platform/ip_network.hpp"

#include <gtest/gtest.h>

namespace store::platform {
namespace {

TEST(IpNetwork, ParsesBothFamiliesAndCanonicalisesTheText) {
    EXPECT_EQ(ParseIpAddress("10.0.0.1")->ToString(), "10.0.0.1");
    EXPECT_EQ(ParseIpAddress("2001:DB8:0:0::1")->ToString(), "2001:db8::1");
    // An IPv4-mapped IPv6 peer (dual-stack socket) is the same client as its IPv4 address.
    EXPECT_EQ(ParseIpAddress("::ffff:10.0.0.1")->ToString(), "10.0.0.1");
    EXPECT_EQ(*ParseIpAddress("::ffff:10.0.0.1"), *ParseIpAddress("10.0.0.1"));
}

TEST(IpNetwork, RefusesWhatIsNotALiteralAddress) {
    for (const char* text : {"", "unknown", "10.0.0", "10.0.0.256", "10.0.0.1:80", "[::1]",
                             "fe80::1%eth0", "example.com", " 10.0.0.1", "1.2.3.4.5",
                             "0000000000000000000000000000000000000000000000000000000000::1"}) {
        EXPECT_FALSE(ParseIpAddress(text)) << text;
    }
}

TEST(IpNetwork, ContainsAddressesOfItsPrefixOnly) {
    const auto net8 = ParseIpNetwork("10.0.0.0/8");
    ASSERT_TRUE(net8);
    EXPECT_TRUE(net8->Contains(*ParseIpAddress("10.255.1.2")));
    EXPECT_TRUE(net8->Contains(*ParseIpAddress("::ffff:10.1.1.1")));
    EXPECT_FALSE(net8->Contains(*ParseIpAddress("11.0.0.1")));
    EXPECT_FALSE(net8->Contains(*ParseIpAddress("::a00:1"))) << "IPv4-compatible is not mapped";

    const auto odd = ParseIpNetwork("172.16.0.0/12");
    EXPECT_TRUE(odd->Contains(*ParseIpAddress("172.31.255.255")));
    EXPECT_FALSE(odd->Contains(*ParseIpAddress("172.32.0.0")));

    const auto v6 = ParseIpNetwork("fd00::/8");
    EXPECT_TRUE(v6->Contains(*ParseIpAddress("fd12:3456::1")));
    EXPECT_FALSE(v6->Contains(*ParseIpAddress("fe00::1")));
    EXPECT_FALSE(v6->Contains(*ParseIpAddress("10.0.0.1")));

    const auto one = ParseIpNetwork("127.0.0.1");
    EXPECT_TRUE(one->Contains(*ParseIpAddress("127.0.0.1")));
    EXPECT_FALSE(one->Contains(*ParseIpAddress("127.0.0.2")));

    EXPECT_TRUE(ParseIpNetwork("0.0.0.0/0")->Contains(*ParseIpAddress("203.0.113.9")));
    EXPECT_TRUE(ParseIpNetwork("::/0")->Contains(*ParseIpAddress("2001:db8::9")));
}

TEST(IpNetwork, RefusesMalformedBlocks) {
    for (const char* text : {"10.0.0.0/33", "10.0.0.0/-1", "10.0.0.0/", "10.0.0.0/8x", "10.1.2.3/8",
                             "fd00::1/8", "::/129", "/8", "10.0.0.0/08/1"}) {
        EXPECT_FALSE(ParseIpNetwork(text)) << text;
    }
}

}  // namespace
}  // namespace store::platform
