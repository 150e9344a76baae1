#include "domain/ipam.hpp"

#include <gtest/gtest.h>

namespace store::domain {
namespace {

TEST(Cidr, ParsesNetworksStrictly) {
    const auto parsed = ParseCidr("10.20.0.0/24");
    ASSERT_TRUE(parsed.network);
    EXPECT_EQ(parsed.network->ToString(), "10.20.0.0/24");
    EXPECT_EQ(FormatIpv4(parsed.network->Last()), "10.20.0.255");
    for (const char* bad : {"10.20.0.0", "10.20.0/24", "10.20.0.0/", "010.1.0.0/16", "256.0.0.0/8",
                            "10.20.0.0/24 ", "a.b.c.d/8", "10.20.0.0/-1", "1.2.3.4.5/8"}) {
        EXPECT_EQ(ParseCidr(bad).error, CidrError::kSyntax) << bad;
    }
    EXPECT_EQ(ParseCidr("10.0.0.0/33").error, CidrError::kPrefixRange);
    EXPECT_EQ(ParseCidr("10.0.0.1/24").error, CidrError::kHostBitsSet);
}

TEST(Cidr, OverlapAndContainment) {
    const auto a = *ParseCidr("10.0.0.0/16").network;
    const auto b = *ParseCidr("10.0.5.0/24").network;
    const auto c = *ParseCidr("10.1.0.0/24").network;
    EXPECT_TRUE(a.Overlaps(b));
    EXPECT_TRUE(b.Overlaps(a));
    EXPECT_FALSE(a.Overlaps(c));
    EXPECT_TRUE(a.Contains(b));
    EXPECT_FALSE(b.Contains(a));
}

TEST(Cidr, EdgesOfTheAddressSpace) {
    const auto all = *ParseCidr("0.0.0.0/0").network;
    EXPECT_EQ(all.Last(), 0xFFFFFFFFu);
    const auto host = *ParseCidr("255.255.255.255/32").network;
    EXPECT_EQ(host.First(), host.Last());
    EXPECT_TRUE(all.Contains(host));
}

}  // namespace
}  // namespace store::domain
