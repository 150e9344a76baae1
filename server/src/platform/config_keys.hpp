#pragma once
// The table of configuration keys (platform-internal): each key's path, environment variable,
// help text, and how its text is read into Config and its default written back as text.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "platform/config.hpp"

namespace store::platform {

using ConfigError = std::optional<std::string>;

/// How one key reads its text into the Config, and writes its default back as text.
struct ConfigField {
    std::function<ConfigError(Config&, const std::string&)> set;
    std::function<std::string(const Config&)> get;
};

struct ConfigRow {
    ConfigKey key;
    ConfigField field;
};

/// "a,b,c" (how lists are written as text).
std::string JoinList(const std::vector<std::string>& items);

/// Every key, in documentation order.
const std::vector<ConfigRow>& ConfigRows();

/// The row of a dotted path, or nullptr for an unknown key.
const ConfigRow* FindConfigRow(const std::string& path);

}  // namespace store::platform
