#include "http/client_address.hpp"

#include <algorithm>

#include "http/message.hpp"

namespace store::http {
namespace {

// Splits at `separator` outside double-quoted strings (RFC 7230 quoted-string, with \-escapes).
std::vector<std::string_view> SplitOutsideQuotes(std::string_view text, char separator) {
    std::vector<std::string_view> parts;
    bool quoted = false;
    std::size_t start = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted && c == '\\') {
            ++i;
        } else if (c == '"') {
            quoted = !quoted;
        } else if (!quoted && c == separator) {
            parts.push_back(text.substr(start, i - start));
            start = i + 1;
        }
    }
    parts.push_back(text.substr(std::min(start, text.size())));
    return parts;
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) ==
                      std::tolower(static_cast<unsigned char>(y));
           });
}

// One node: "192.0.2.1", "192.0.2.1:80", "2001:db8::1", "[2001:db8::1]", "[2001:db8::1]:80".
std::optional<platform::IpAddress> ParseNode(std::string_view node) {
    node = TrimOws(node);
    if (node.starts_with('[')) {
        const auto close = node.find(']');
        if (close == std::string_view::npos) {
            return std::nullopt;
        }
        const auto after = node.substr(close + 1);
        if (!after.empty() && !after.starts_with(':')) {
            return std::nullopt;
        }
        const auto address = platform::ParseIpAddress(node.substr(1, close - 1));
        return address && !address->v4 ? address : std::nullopt;
    }
    if (auto address = platform::ParseIpAddress(node)) {
        return address;
    }
    // IPv4 with a port: exactly one colon.
    const auto colon = node.find(':');
    if (colon != std::string_view::npos && node.find(':', colon + 1) == std::string_view::npos) {
        auto address = platform::ParseIpAddress(node.substr(0, colon));
        return address && address->v4 ? address : std::nullopt;
    }
    return std::nullopt;
}

// The for= value of one Forwarded element ("for=192.0.2.60;proto=http;by=…"), unquoted.
std::optional<platform::IpAddress> ForOfElement(std::string_view element) {
    for (const auto pair : SplitOutsideQuotes(element, ';')) {
        const auto equals = pair.find('=');
        if (equals == std::string_view::npos) {
            continue;
        }
        if (!EqualsIgnoreCase(TrimOws(pair.substr(0, equals)), "for")) {
            continue;
        }
        auto value = TrimOws(pair.substr(equals + 1));
        if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
            value = value.substr(1, value.size() - 2);
        }
        return ParseNode(value);
    }
    return std::nullopt;
}

}  // namespace

bool TrustedProxies::Trusts(const platform::IpAddress& address) const {
    return std::any_of(networks.begin(), networks.end(), [&](const platform::IpNetwork& network) {
        return network.Contains(address);
    });
}

std::vector<std::optional<platform::IpAddress>> ForwardedHops(std::string_view value,
                                                              ForwardedHeader header) {
    std::vector<std::optional<platform::IpAddress>> hops;
    for (const auto item : SplitOutsideQuotes(value, ',')) {
        if (TrimOws(item).empty()) {
            continue;  // "a,,b" and a trailing comma: empty list items are allowed and ignored
        }
        hops.push_back(header == ForwardedHeader::kForwarded ? ForOfElement(item)
                                                             : ParseNode(item));
    }
    return hops;
}

std::string ClientAddress(std::string_view peer, const std::string* forwarded,
                          const TrustedProxies& trusted) {
    const auto peer_address = platform::ParseIpAddress(peer);
    if (!peer_address) {
        return std::string(peer);
    }
    std::string client = peer_address->ToString();
    if (forwarded == nullptr || !trusted.Trusts(*peer_address)) {
        return client;
    }
    const auto hops = ForwardedHops(*forwarded, trusted.header);
    for (auto hop = hops.rbegin(); hop != hops.rend(); ++hop) {
        if (!*hop) {
            break;  // not an address: nothing left of it can be believed
        }
        client = (*hop)->ToString();
        if (!trusted.Trusts(**hop)) {
            break;
        }
    }
    return client;
}

}  // namespace store::http
