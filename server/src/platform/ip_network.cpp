#include "platform/ip_network.hpp"

#include <arpa/inet.h>

#include <charconv>
#include <cstring>

namespace store::platform {
namespace {

constexpr std::array<unsigned char, 12> kMappedPrefix{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};

bool IsMapped(const std::array<unsigned char, 16>& bytes) {
    return std::memcmp(bytes.data(), kMappedPrefix.data(), kMappedPrefix.size()) == 0;
}

}  // namespace

std::string IpAddress::ToString() const {
    char text[INET6_ADDRSTRLEN] = {};
    if (v4) {
        inet_ntop(AF_INET, bytes.data() + 12, text, sizeof text);
    } else {
        inet_ntop(AF_INET6, bytes.data(), text, sizeof text);
    }
    return text;
}

std::optional<IpAddress> ParseIpAddress(std::string_view text) {
    // inet_pton needs a terminated string; the longest IPv6 text is 45 characters.
    if (text.empty() || text.size() >= INET6_ADDRSTRLEN) {
        return std::nullopt;
    }
    const std::string terminated(text);
    IpAddress address;
    if (inet_pton(AF_INET, terminated.c_str(), address.bytes.data() + 12) == 1) {
        std::memcpy(address.bytes.data(), kMappedPrefix.data(), kMappedPrefix.size());
        address.v4 = true;
        return address;
    }
    if (inet_pton(AF_INET6, terminated.c_str(), address.bytes.data()) == 1) {
        address.v4 = IsMapped(address.bytes);
        return address;
    }
    return std::nullopt;
}

bool IpNetwork::Contains(const IpAddress& address) const {
    const int full_bytes = prefix / 8;
    if (std::memcmp(base.bytes.data(), address.bytes.data(),
                    static_cast<std::size_t>(full_bytes)) != 0) {
        return false;
    }
    const int rest = prefix % 8;
    if (rest == 0) {
        return true;
    }
    const auto mask = static_cast<unsigned char>(0xff << (8 - rest));
    return (base.bytes[full_bytes] & mask) == (address.bytes[full_bytes] & mask);
}

std::optional<IpNetwork> ParseIpNetwork(std::string_view text) {
    const auto slash = text.find('/');
    const auto address = ParseIpAddress(text.substr(0, slash));
    if (!address) {
        return std::nullopt;
    }
    IpNetwork network{*address, 128};
    if (slash == std::string_view::npos) {
        return network;
    }
    const std::string_view digits = text.substr(slash + 1);
    int bits = -1;
    const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), bits);
    const int max_bits = address->v4 ? 32 : 128;
    if (digits.empty() || ec != std::errc{} || end != digits.data() + digits.size() || bits < 0 ||
        bits > max_bits) {
        return std::nullopt;
    }
    network.prefix = address->v4 ? 96 + bits : bits;
    // Host bits below the prefix must be zero.
    for (int bit = network.prefix; bit < 128; ++bit) {
        if ((address->bytes[bit / 8] >> (7 - bit % 8)) & 1) {
            return std::nullopt;
        }
    }
    return network;
}

}  // namespace store::platform
