#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace store::domain {

/// An IPv4 network in CIDR notation, host bits zero.
struct Ipv4Network {
    std::uint32_t address = 0;  // host byte order
    int prefix = 0;

    std::uint32_t First() const { return address; }
    std::uint32_t Last() const;
    bool Overlaps(const Ipv4Network& other) const;
    bool Contains(const Ipv4Network& other) const;
    std::string ToString() const;
    bool operator==(const Ipv4Network&) const = default;
};

enum class CidrError { kSyntax, kPrefixRange, kHostBitsSet };

struct CidrParse {
    std::optional<Ipv4Network> network;
    std::optional<CidrError> error;
};

/// Parses "a.b.c.d/n" strictly (no leading zeros, no spaces). Host bits must be zero.
CidrParse ParseCidr(std::string_view text);
std::optional<std::uint32_t> ParseIpv4(std::string_view text);
std::string FormatIpv4(std::uint32_t address);

}  // namespace store::domain

namespace store::domain {

/// Addresses of one carved store segment.
struct SegmentAddresses {
    Ipv4Network network;
    std::uint32_t gateway = 0;     // first host
    std::uint32_t dhcp_start = 0;  // after the gateway and a few static addresses
    std::uint32_t dhcp_end = 0;    // last host before broadcast
};

SegmentAddresses AddressesOf(const Ipv4Network& network);

/// The lowest subnet of `/prefix` inside `pool` that overlaps none of `used`
/// (which may hold networks of any size). nullopt when the pool is full.
std::optional<Ipv4Network> LowestFreeSubnet(const Ipv4Network& pool, int prefix,
                                            std::vector<Ipv4Network> used);

/// Number of `/prefix` subnets in `pool`.
std::uint64_t SubnetCapacity(const Ipv4Network& pool, int prefix);

/// Default VLAN id per purpose: pos 10, corporate 20, guest 30, iot 40, management 99.
std::int64_t DefaultVlan(std::string_view purpose);

}  // namespace store::domain
