#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace store::platform {

/// An IPv4 or IPv6 address. IPv4 is kept as an IPv4-mapped IPv6 address (::ffff:a.b.c.d), so
/// one comparison serves both families and "::ffff:10.0.0.1" is the same client as "10.0.0.1".
struct IpAddress {
    std::array<unsigned char, 16> bytes{};
    bool v4 = false;

    /// The canonical text: dotted quad for IPv4, RFC 5952 for IPv6.
    std::string ToString() const;
    bool operator==(const IpAddress&) const = default;
};

/// Parses a literal address ("10.0.0.1", "2001:db8::1", "::ffff:10.0.0.1"); no ports, no
/// brackets, no zone ids, no names. nullopt for anything else.
std::optional<IpAddress> ParseIpAddress(std::string_view text);

/// A CIDR block. A bare address is a block of one (/32, /128).
struct IpNetwork {
    IpAddress base;
    int prefix = 128;  // in bits of the 16-byte form (an IPv4 /8 is 96 + 8)

    bool Contains(const IpAddress& address) const;
};

/// Parses "10.0.0.0/8", "fd00::/8" or a bare address. nullopt for malformed text, a prefix out
/// of range, or host bits set below the prefix ("10.1.2.3/8" is most likely a typo).
std::optional<IpNetwork> ParseIpNetwork(std::string_view text);

}  // namespace store::platform
