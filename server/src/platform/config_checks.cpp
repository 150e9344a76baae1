#include "platform/config_checks.hpp"

#include <charconv>
#include <regex>
#include <set>

#include "platform/ip_network.hpp"

namespace store::platform::config_checks {

std::optional<std::int64_t> ParseWhole(const std::string& text, std::int64_t min,
                                       std::int64_t max) {
    std::int64_t value = 0;
    const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || ec != std::errc{} || ptr != text.data() + text.size() || value < min ||
        value > max) {
        return std::nullopt;
    }
    return value;
}

std::vector<std::string> SplitList(const std::string& text) {
    std::vector<std::string> out;
    std::string current;
    for (const char c : text + ",") {
        if (c == ',') {
            const auto begin = current.find_first_not_of(' ');
            const auto end = current.find_last_not_of(' ');
            if (begin != std::string::npos) {
                out.push_back(current.substr(begin, end - begin + 1));
            }
            current.clear();
        } else {
            current += c;
        }
    }
    return out;
}

bool StartsWithAny(const std::string& text, std::initializer_list<std::string_view> prefixes) {
    for (const auto prefix : prefixes) {
        if (text.starts_with(prefix)) {
            return true;
        }
    }
    return false;
}

ConfigError NotEmpty(const std::string& v) {
    return v.empty() ? ConfigError("must not be empty") : std::nullopt;
}
ConfigError PostgresUrl(const std::string& v) {
    return v.empty() || StartsWithAny(v, {"postgresql://", "postgres://"})
               ? std::nullopt
               : ConfigError("must start with postgresql:// (or be empty for SQLite)");
}
ConfigError RedisUrl(const std::string& v) {
    return v.empty() || v.starts_with("redis://")
               ? std::nullopt
               : ConfigError("must start with redis:// (or be empty for the in-process cache)");
}
ConfigError HttpUrl(const std::string& v) {
    return v.empty() || StartsWithAny(v, {"http://", "https://"})
               ? std::nullopt
               : ConfigError(
                     "must start with http:// or https:// (or be empty for the embedded store)");
}
ConfigError AtLeast32(const std::string& v) {
    return v.empty() || v.size() >= 32 ? std::nullopt
                                       : ConfigError("must be at least 32 characters");
}
ConfigError AtLeast12(const std::string& v) {
    return v.empty() || v.size() >= 12 ? std::nullopt
                                       : ConfigError("must be at least 12 characters");
}
ConfigError LogLevel(const std::string& v) {
    static const std::set<std::string> kLevels{"trace", "debug", "info", "warn", "error", "off"};
    return kLevels.contains(v) ? std::nullopt
                               : ConfigError("must be one of trace, debug, info, warn, error, off");
}

// The dashboard applies the same text with JavaScript's RegExp; both speak ECMAScript.

ConfigError ServedText(const std::string& v) {
    if (v.empty()) {
        return ConfigError("must not be empty");
    }
    if (v.size() > kMaxServedText) {
        return ConfigError("must be at most " + std::to_string(kMaxServedText) + " bytes");
    }
    for (const char c : v) {
        if (static_cast<unsigned char>(c) < 0x20) {
            return ConfigError("must not contain control characters");
        }
    }
    return std::nullopt;
}

ConfigError EcmaScriptRegex(const std::string& v) {
    if (auto error = ServedText(v)) {
        return error;
    }
    try {
        const std::regex compiled(v, std::regex::ECMAScript);
    } catch (const std::regex_error& e) {
        return ConfigError(std::string("is not a valid ECMAScript regular expression (") +
                           e.what() + ")");
    }
    return std::nullopt;
}

// Viewers never change stores (the routes need operator), so a transition needs more.
ConfigError TransitionRole(const std::string& v) {
    return v == "operator" || v == "admin" ? std::nullopt
                                           : ConfigError("must be operator or admin");
}

ConfigError ForwardedHeaderName(const std::string& v) {
    return v == "x-forwarded-for" || v == "forwarded"
               ? std::nullopt
               : ConfigError("must be x-forwarded-for or forwarded");
}

// CIDRs with the host bits zero; every malformed entry is named.
ConfigError SetTrustedProxies(Config& c, const std::string& v) {
    std::string bad;
    for (const auto& item : SplitList(v)) {
        if (!ParseIpNetwork(item)) {
            bad += (bad.empty() ? "" : ", ") + item;
        }
    }
    if (!bad.empty()) {
        return "must be CIDRs like 10.0.0.0/8 or fd00::/8 (host bits zero); not: " + bad;
    }
    c.http.trusted_proxies = SplitList(v);
    return std::nullopt;
}

ConfigError AssignText(std::string& target, const std::string& v, Check check) {
    if (check != nullptr) {
        if (auto error = check(v)) {
            return error;
        }
    }
    target = v;
    return std::nullopt;
}

// A replica URL may list several hosts itself: a piece that does not start a new URL belongs
// to the one before it.
ConfigError SetReplicaUrls(Config& c, const std::string& v) {
    std::vector<std::string> urls;
    for (auto& piece : SplitList(v)) {
        const bool starts = StartsWithAny(piece, {"postgresql://", "postgres://"});
        if (!starts && urls.empty()) {
            return "each URL must start with postgresql://";
        }
        if (starts) {
            urls.push_back(std::move(piece));
        } else {
            urls.back() += "," + piece;
        }
    }
    c.database.replica_urls = std::move(urls);
    return std::nullopt;
}

/// `name=count,…` pairs with counts in [min, max].
std::optional<std::map<std::string, int>> ParsePairs(const std::string& v, int min, int max) {
    std::map<std::string, int> out;
    for (const auto& item : SplitList(v)) {
        const auto equals = item.find('=');
        const auto value = equals == std::string::npos
                               ? std::nullopt
                               : ParseWhole(item.substr(equals + 1), min, max);
        if (!value) {
            return std::nullopt;
        }
        out[item.substr(0, equals)] = static_cast<int>(*value);
    }
    return out;
}

ConfigError SetDefaultVlans(Config& c, const std::string& v) {
    const auto pairs = ParsePairs(v, 1, 4094);
    if (!pairs) {
        return "must list purpose=vlan pairs with VLAN ids 1-4094, e.g. pos=10,guest=30";
    }
    c.provisioning.default_vlans = {pairs->begin(), pairs->end()};
    return std::nullopt;
}

std::string GetDefaultVlans(const Config& c) {
    std::vector<std::string> items;
    for (const auto& [purpose, vlan] : c.provisioning.default_vlans) {
        items.push_back(purpose + "=" + std::to_string(vlan));
    }
    return JoinList(items);
}

ConfigError SetInjectFailures(Config& c, const std::string& v) {
    const auto pairs = ParsePairs(v, 0, 1000);
    if (!pairs) {
        return "must list step=count pairs, e.g. allocate_network=2";
    }
    c.provisioning.inject_failures = *pairs;
    return std::nullopt;
}

}  // namespace store::platform::config_checks
