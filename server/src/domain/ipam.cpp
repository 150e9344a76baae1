#include "domain/ipam.hpp"

#include <algorithm>
#include <charconv>

namespace store::domain {

std::uint32_t Ipv4Network::Last() const {
    const std::uint32_t host_mask = prefix == 0 ? 0xFFFFFFFFu : ((1u << (32 - prefix)) - 1u);
    return address | host_mask;
}

bool Ipv4Network::Overlaps(const Ipv4Network& other) const {
    return First() <= other.Last() && other.First() <= Last();
}

bool Ipv4Network::Contains(const Ipv4Network& other) const {
    return prefix <= other.prefix && First() <= other.First() && other.Last() <= Last();
}

std::string Ipv4Network::ToString() const {
    return FormatIpv4(address) + "/" + std::to_string(prefix);
}

std::optional<std::uint32_t> ParseIpv4(std::string_view text) {
    std::uint32_t result = 0;
    for (int octet_index = 0; octet_index < 4; ++octet_index) {
        const auto dot = text.find('.');
        const bool last = octet_index == 3;
        if (last != (dot == std::string_view::npos)) {
            return std::nullopt;
        }
        const std::string_view part = last ? text : text.substr(0, dot);
        if (part.empty() || part.size() > 3 || (part.size() > 1 && part[0] == '0')) {
            return std::nullopt;
        }
        unsigned value = 0;
        const auto [ptr, ec] = std::from_chars(part.data(), part.data() + part.size(), value);
        if (ec != std::errc{} || ptr != part.data() + part.size() || value > 255) {
            return std::nullopt;
        }
        result = (result << 8) | value;
        if (!last) {
            text.remove_prefix(dot + 1);
        }
    }
    return result;
}

std::string FormatIpv4(std::uint32_t address) {
    return std::to_string(address >> 24) + "." + std::to_string((address >> 16) & 0xFF) + "." +
           std::to_string((address >> 8) & 0xFF) + "." + std::to_string(address & 0xFF);
}

CidrParse ParseCidr(std::string_view text) {
    const auto slash = text.find('/');
    if (slash == std::string_view::npos) {
        return {std::nullopt, CidrError::kSyntax};
    }
    const auto address = ParseIpv4(text.substr(0, slash));
    const std::string_view prefix_text = text.substr(slash + 1);
    int prefix = -1;
    const auto [ptr, ec] =
        std::from_chars(prefix_text.data(), prefix_text.data() + prefix_text.size(), prefix);
    const bool digits_only = std::all_of(prefix_text.begin(), prefix_text.end(),
                                         [](char c) { return c >= '0' && c <= '9'; });
    if (!address || prefix_text.empty() || prefix_text.size() > 2 || !digits_only ||
        ec != std::errc{} || ptr != prefix_text.data() + prefix_text.size()) {
        return {std::nullopt, CidrError::kSyntax};
    }
    if (prefix < 0 || prefix > 32) {
        return {std::nullopt, CidrError::kPrefixRange};
    }
    Ipv4Network network{*address, prefix};
    const std::uint32_t mask = prefix == 0 ? 0u : (0xFFFFFFFFu << (32 - prefix));
    if ((*address & ~mask) != 0) {
        return {std::nullopt, CidrError::kHostBitsSet};
    }
    return {network, std::nullopt};
}

}  // namespace store::domain

#include <algorithm>

namespace store::domain {

SegmentAddresses AddressesOf(const Ipv4Network& network) {
    SegmentAddresses out;
    out.network = network;
    const std::uint32_t first_host = network.First() + 1;
    const std::uint32_t last_host = network.Last() - 1;
    out.gateway = first_host;
    // Keep the first tenth (at least 2, at most 20) addresses after the gateway for static use.
    const std::uint32_t hosts = last_host >= first_host ? last_host - first_host + 1 : 0;
    const std::uint32_t reserved = std::clamp<std::uint32_t>(hosts / 10, 2, 20);
    out.dhcp_start = std::min(last_host, first_host + reserved);
    out.dhcp_end = last_host;
    return out;
}

std::optional<Ipv4Network> LowestFreeSubnet(const Ipv4Network& pool, int prefix,
                                            std::vector<Ipv4Network> used) {
    if (prefix < pool.prefix || prefix > 32) {
        return std::nullopt;
    }
    std::sort(used.begin(), used.end(),
              [](const Ipv4Network& a, const Ipv4Network& b) { return a.First() < b.First(); });
    const std::uint64_t step = 1ULL << (32 - prefix);
    std::uint64_t candidate = pool.First();
    std::size_t next_used = 0;
    while (candidate + step - 1 <= pool.Last()) {
        const Ipv4Network subnet{static_cast<std::uint32_t>(candidate), prefix};
        // Skip used networks that end before the candidate.
        while (next_used < used.size() && used[next_used].Last() < subnet.First()) {
            ++next_used;
        }
        if (next_used == used.size() || !used[next_used].Overlaps(subnet)) {
            return subnet;
        }
        // Jump past the blocking network, aligned up to the next subnet boundary.
        const std::uint64_t past = static_cast<std::uint64_t>(used[next_used].Last()) + 1;
        candidate = std::max(candidate + step, (past + step - 1) / step * step);
    }
    return std::nullopt;
}

std::uint64_t SubnetCapacity(const Ipv4Network& pool, int prefix) {
    if (prefix < pool.prefix || prefix > 32) {
        return 0;
    }
    return 1ULL << (prefix - pool.prefix);
}

std::int64_t DefaultVlan(std::string_view purpose) {
    if (purpose == "pos") return 10;
    if (purpose == "corporate") return 20;
    if (purpose == "guest") return 30;
    if (purpose == "iot") return 40;
    if (purpose == "management") return 99;
    return 1;
}

}  // namespace store::domain
