#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/ip_network.hpp"

namespace store::http {

/// Which header the trusted proxies write the client chain into. Only one is read: a proxy
/// passes the other on untouched, so reading both would let a client forge its address.
enum class ForwardedHeader { kXForwardedFor, kForwarded };

/// The proxies (ingress controller, nginx) whose forwarding header is believed.
struct TrustedProxies {
    std::vector<platform::IpNetwork> networks;  // empty: no proxy is trusted
    ForwardedHeader header = ForwardedHeader::kXForwardedFor;

    bool Trusts(const platform::IpAddress& address) const;
    /// The header's name as sent on the wire.
    const char* HeaderName() const {
        return header == ForwardedHeader::kForwarded ? "Forwarded" : "X-Forwarded-For";
    }
};

/// The hops of a forwarding header, left (first client) to right (last proxy). An entry that
/// is not an address ("unknown", an obfuscated name, garbage) is nullopt. Ports and IPv6
/// brackets are dropped ("[2001:db8::1]:4711" -> 2001:db8::1, "192.0.2.1:80" -> 192.0.2.1).
std::vector<std::optional<platform::IpAddress>> ForwardedHops(std::string_view value,
                                                              ForwardedHeader header);

/// The address the request comes from. Unless the TCP `peer` is a trusted proxy, the peer
/// itself (whatever the headers say). Otherwise the rightmost hop of `forwarded` that is not a
/// trusted proxy; when the walk from the right meets an entry that is not an address, or runs
/// out, the last trusted hop seen (at worst the peer). Addresses come back in canonical text.
std::string ClientAddress(std::string_view peer, const std::string* forwarded,
                          const TrustedProxies& trusted);

}  // namespace store::http
