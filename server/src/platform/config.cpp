#include "platform/config.hpp"

#include "platform/config_keys.hpp"

#include <yaml-cpp/yaml.h>

#include <charconv>
#include <functional>
#include <set>

extern char** environ;

namespace store::platform {
namespace {

// YAML aliases let a small file name an exponential number of values (26 lines, 2^26), or
// a value that contains itself (&a {p: *a}); flattening stops after this many nodes or levels,
// far more than any configuration has.
// The same aliases repeating long keys under each other make few nodes of long dotted paths
// (1,000 of 100 KB each: 100 MB, and as much again in errors quoting them); the flattened keys
// and values are capped in bytes too.
constexpr std::size_t kMaxConfigNodes = 1'000;  // there are 80 keys
constexpr std::size_t kMaxConfigDepth = 32;
constexpr std::size_t kMaxConfigBytes = 64 * 1024;  // the defaults file is 8 KB
struct TooManyNodes {};
struct TooDeep {};
struct TooLarge {};

struct FlattenBudget {
    std::size_t nodes = 0;
    std::size_t bytes = 0;

    void Visit(std::size_t text_bytes) {
        bytes += text_bytes;
        if (++nodes > kMaxConfigNodes) {
            throw TooManyNodes{};
        }
        if (bytes > kMaxConfigBytes) {
            throw TooLarge{};
        }
    }
};

void Flatten(const YAML::Node& node, const std::string& prefix,
             std::map<std::string, std::string>& out, FlattenBudget& budget,
             std::size_t depth = 0) {
    budget.Visit(prefix.size());
    if (depth > kMaxConfigDepth) {
        throw TooDeep{};
    }
    if (node.IsMap()) {
        for (const auto& item : node) {
            const std::string key = item.first.as<std::string>();
            Flatten(item.second, prefix.empty() ? key : prefix + "." + key, out, budget, depth + 1);
        }
    } else if (node.IsSequence()) {
        std::vector<std::string> items;
        for (const auto& item : node) {
            items.push_back(item.as<std::string>());
            budget.Visit(items.back().size());
        }
        out[prefix] = JoinList(items);
    } else if (node.IsNull()) {
        out[prefix] = "";
    } else {
        out[prefix] = node.as<std::string>();
        budget.Visit(out[prefix].size());
    }
}

}  // namespace

const std::vector<ConfigKey>& ConfigKeys() {
    static const std::vector<ConfigKey> kKeys = [] {
        std::vector<ConfigKey> out;
        for (const auto& row : ConfigRows()) {
            out.push_back(row.key);
        }
        return out;
    }();
    return kKeys;
}

std::string ConfigKeysText() {
    std::string out;
    for (const auto& key : ConfigKeys()) {
        out.append(key.path).append("\t").append(key.env).append("\n");
    }
    return out;
}

std::map<std::string, std::string> DefaultValues() {
    const Config defaults;
    std::map<std::string, std::string> out;
    for (const auto& row : ConfigRows()) {
        out.emplace(std::string(row.key.path), row.field.get(defaults));
    }
    return out;
}

ConfigResult LoadConfig(const std::string& yaml_text, const std::map<std::string, std::string>& env,
                        const std::map<std::string, std::string>& overrides) {
    ConfigResult result;
    std::map<std::string, std::pair<std::string, std::string>> values;  // key -> (value, source)
    if (!yaml_text.empty()) {
        try {
            std::map<std::string, std::string> from_file;
            FlattenBudget budget;
            Flatten(YAML::Load(yaml_text), "", from_file, budget);
            for (auto& [key, value] : from_file) {
                values[key] = {value, "config file"};
            }
        } catch (const YAML::Exception& e) {
            result.errors.push_back("config file: not valid YAML: " + std::string(e.what()));
        } catch (const TooManyNodes&) {
            result.errors.push_back("config file: more than " + std::to_string(kMaxConfigNodes) +
                                    " values (are YAML aliases repeating a part?)");
        } catch (const TooLarge&) {
            result.errors.push_back("config file: more than " +
                                    std::to_string(kMaxConfigBytes / 1024) +
                                    " KiB of keys and values (are YAML aliases repeating a part?)");
        } catch (const TooDeep&) {
            result.errors.push_back("config file: nested deeper than " +
                                    std::to_string(kMaxConfigDepth) +
                                    " levels (does a YAML alias contain itself?)");
        }
    }
    for (const auto& key : ConfigKeys()) {
        if (const auto it = env.find(std::string(key.env)); it != env.end()) {
            values[std::string(key.path)] = {it->second, "environment " + std::string(key.env)};
        }
    }
    for (const auto& [key, value] : overrides) {
        values[key] = {value, "command line"};
    }
    for (const auto& [key, entry] : values) {
        const ConfigRow* row = FindConfigRow(key);
        if (row == nullptr) {
            result.errors.push_back(entry.second + ": unknown key '" + key + "'");
            continue;
        }
        if (auto error = row->field.set(result.config, entry.first)) {
            result.errors.push_back(entry.second + ": " + key + " " + *error);
        }
    }
    const auto& vault = result.config.vault;
    if (!vault.addr.empty() && vault.token.empty() && vault.role_id.empty() &&
        vault.k8s_role.empty()) {
        result.errors.push_back(
            "vault.addr is set but no Vault login is: set vault.token (VAULT_TOKEN), vault.role_id "
            "(VAULT_ROLE_ID) with vault.secret_id, or vault.k8s_role (VAULT_K8S_ROLE)");
    }
    return result;
}

std::map<std::string, std::string> ProcessEnvironment() {
    std::map<std::string, std::string> out;
    for (char** entry = environ; entry != nullptr && *entry != nullptr; ++entry) {
        const std::string text(*entry);
        const auto equals = text.find('=');
        if (equals != std::string::npos) {
            out[text.substr(0, equals)] = text.substr(equals + 1);
        }
    }
    return out;
}

}  // namespace store::platform
