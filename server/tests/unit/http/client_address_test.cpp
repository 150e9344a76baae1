#include "http/client_address.hpp"

#include <gtest/gtest.h>

namespace store::http {
namespace {

TrustedProxies Trusting(std::initializer_list<const char*> cidrs,
                        ForwardedHeader header = ForwardedHeader::kXForwardedFor) {
    TrustedProxies trusted;
    for (const char* cidr : cidrs) {
        trusted.networks.push_back(*platform::ParseIpNetwork(cidr));
    }
    trusted.header = header;
    return trusted;
}

std::string Client(std::string_view peer, const char* header, const TrustedProxies& trusted) {
    const std::string value = header == nullptr ? "" : header;
    return ClientAddress(peer, header == nullptr ? nullptr : &value, trusted);
}

TEST(ClientAddress, WithoutTrustedProxiesThePeerIsTheClientWhateverTheHeaderSays) {
    EXPECT_EQ(Client("203.0.113.7", "198.51.100.1", {}), "203.0.113.7");
    EXPECT_EQ(Client("203.0.113.7", nullptr, {}), "203.0.113.7");
}

TEST(ClientAddress, AForgedHeaderFromAnUntrustedPeerChangesNothing) {
    const auto trusted = Trusting({"10.0.0.0/8"});
    EXPECT_EQ(Client("203.0.113.7", "10.0.0.5, 198.51.100.1", trusted), "203.0.113.7");
}

TEST(ClientAddress, BehindATrustedProxyTheRightmostUntrustedHopIsTheClient) {
    const auto trusted = Trusting({"10.0.0.0/8", "fd00::/8"});
    EXPECT_EQ(Client("10.1.2.3", "198.51.100.1", trusted), "198.51.100.1");
    // A client forging hops on the left gets nowhere: the proxy appended the real address.
    EXPECT_EQ(Client("10.1.2.3", "1.1.1.1, 2.2.2.2, 198.51.100.1", trusted), "198.51.100.1");
    // Proxies in a chain (ingress, then nginx) are skipped from the right.
    EXPECT_EQ(Client("10.1.2.3", "198.51.100.1, 10.9.9.9, fd00::7", trusted), "198.51.100.1");
    EXPECT_EQ(Client("10.1.2.3", "2001:db8::1", trusted), "2001:db8::1");
    EXPECT_EQ(Client("::ffff:10.1.2.3", "198.51.100.1", trusted), "198.51.100.1");
}

TEST(ClientAddress, PortsBracketsAndCaseAreNormalised) {
    const auto trusted = Trusting({"10.0.0.0/8"});
    EXPECT_EQ(Client("10.1.2.3", "198.51.100.1:4711", trusted), "198.51.100.1");
    EXPECT_EQ(Client("10.1.2.3", "[2001:DB8::1]:4711", trusted), "2001:db8::1");
    EXPECT_EQ(Client("10.1.2.3", "[2001:db8::1]", trusted), "2001:db8::1");
}

TEST(ClientAddress, MalformedHopsStopTheWalkAtTheLastTrustedAddress) {
    const auto trusted = Trusting({"10.0.0.0/8"});
    // Nothing usable: the peer (the proxy) is the best we know.
    EXPECT_EQ(Client("10.1.2.3", "garbage", trusted), "10.1.2.3");
    EXPECT_EQ(Client("10.1.2.3", "", trusted), "10.1.2.3");
    EXPECT_EQ(Client("10.1.2.3", " , ,", trusted), "10.1.2.3");
    EXPECT_EQ(Client("10.1.2.3", "198.51.100.1, unknown", trusted), "10.1.2.3");
    EXPECT_EQ(Client("10.1.2.3", "198.51.100.1, 10.4.4.4, not-an-ip", trusted), "10.1.2.3");
    EXPECT_EQ(Client("10.1.2.3", "198.51.100.1, [::1", trusted), "10.1.2.3");
    EXPECT_EQ(Client("10.1.2.3", "[10.0.0.1]", trusted), "10.1.2.3") << "IPv4 in brackets";
    // Left of a usable untrusted hop, garbage does not matter.
    EXPECT_EQ(Client("10.1.2.3", "%%%, 198.51.100.1", trusted), "198.51.100.1");
    // Only trusted hops: the leftmost of them.
    EXPECT_EQ(Client("10.1.2.3", "10.7.7.7, 10.8.8.8", trusted), "10.7.7.7");
    // A peer that is not an address at all (unix socket, "unknown") is kept as it is.
    EXPECT_EQ(Client("unknown", "198.51.100.1", trusted), "unknown");
}

TEST(ClientAddress, ReadsRfc7239ForwardedWhenConfigured) {
    const auto trusted = Trusting({"10.0.0.0/8"}, ForwardedHeader::kForwarded);
    EXPECT_EQ(Client("10.1.2.3", "for=198.51.100.1;proto=https;by=10.1.2.3", trusted),
              "198.51.100.1");
    EXPECT_EQ(Client("10.1.2.3", R"(for=192.0.2.43, FOR="[2001:db8:cafe::17]:4711")", trusted),
              "2001:db8:cafe::17");
    EXPECT_EQ(Client("10.1.2.3", R"(for="198.51.100.1:80";proto=http, for=10.2.2.2)", trusted),
              "198.51.100.1");
    // Quoted separators do not split elements; obfuscated and unknown nodes stop the walk.
    EXPECT_EQ(Client("10.1.2.3", R"(for=192.0.2.1;host="a,b;c", for=_hidden)", trusted),
              "10.1.2.3");
    EXPECT_EQ(Client("10.1.2.3", "for=unknown", trusted), "10.1.2.3");
    EXPECT_EQ(Client("10.1.2.3", "proto=https", trusted), "10.1.2.3") << "an element without for=";
    EXPECT_EQ(Client("10.1.2.3", R"(for="unterminated)", trusted), "10.1.2.3");
}

TEST(ClientAddress, OnlyTheConfiguredHeaderIsRead) {
    // With X-Forwarded-For configured, a Forwarded value handed in is parsed as X-Forwarded-For
    // items, i.e. not an address: the proxy's own address stands.
    const auto xff = Trusting({"10.0.0.0/8"});
    EXPECT_EQ(Client("10.1.2.3", "for=198.51.100.1", xff), "10.1.2.3");
}

TEST(ClientAddress, HopsListKeepsOrderAndMarksNonAddresses) {
    const auto hops = ForwardedHops("1.2.3.4, unknown ,[::1]:8,", ForwardedHeader::kXForwardedFor);
    ASSERT_EQ(hops.size(), 3u);
    EXPECT_EQ(hops[0]->ToString(), "1.2.3.4");
    EXPECT_FALSE(hops[1]);
    EXPECT_EQ(hops[2]->ToString(), "::1");
}

}  // namespace
}  // namespace store::http
