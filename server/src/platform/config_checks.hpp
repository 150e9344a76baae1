#pragma once
// The checks and setters behind the configuration key table (config_keys.cpp): values parsed
// from text, with the message a wrong one gets. Internal to platform/.

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/config_keys.hpp"

namespace store::platform::config_checks {

std::optional<std::int64_t> ParseWhole(const std::string& text, std::int64_t min, std::int64_t max);

std::vector<std::string> SplitList(const std::string& text);

bool StartsWithAny(const std::string& text, std::initializer_list<std::string_view> prefixes);

// Checks of text values; the empty text means "not set" where the key allows that.
using Check = ConfigError (*)(const std::string&);

ConfigError NotEmpty(const std::string& v);

ConfigError PostgresUrl(const std::string& v);

ConfigError RedisUrl(const std::string& v);

ConfigError HttpUrl(const std::string& v);

ConfigError AtLeast32(const std::string& v);

ConfigError AtLeast12(const std::string& v);

ConfigError LogLevel(const std::string& v);

// The dashboard applies the same text with JavaScript's RegExp; both speak ECMAScript.
/// Texts the API serves to the dashboard (GET /api/system/settings): the OpenAPI document
/// states this bound.
constexpr std::size_t kMaxServedText = 512;

ConfigError ServedText(const std::string& v);

ConfigError EcmaScriptRegex(const std::string& v);

// Viewers never change stores (the routes need operator), so a transition needs more.
ConfigError TransitionRole(const std::string& v);

ConfigError ForwardedHeaderName(const std::string& v);

// CIDRs with the host bits zero; every malformed entry is named.
ConfigError SetTrustedProxies(Config& c, const std::string& v);

ConfigError AssignText(std::string& target, const std::string& v, Check check);

// A replica URL may list several hosts itself: a piece that does not start a new URL belongs
// to the one before it.
ConfigError SetReplicaUrls(Config& c, const std::string& v);

/// `name=count,…` pairs with counts in [min, max].
std::optional<std::map<std::string, int>> ParsePairs(const std::string& v, int min, int max);

ConfigError SetDefaultVlans(Config& c, const std::string& v);

std::string GetDefaultVlans(const Config& c);

ConfigError SetInjectFailures(Config& c, const std::string& v);

}  // namespace store::platform::config_checks
