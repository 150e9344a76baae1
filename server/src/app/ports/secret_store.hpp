#pragma once

#include <map>
#include <optional>
#include <string>

namespace store::app::ports {

using Secret = std::map<std::string, std::string>;

/// Where per-store credentials live (a local encrypted file, or HashiCorp Vault KV v2).
/// Paths look like "stores/<id>/credentials". Throws AppError{kDependencyUnavailable} when the
/// store cannot be reached.
class SecretStore {
public:
    virtual ~SecretStore() = default;
    virtual void Put(const std::string& path, const Secret& secret) = 0;
    virtual std::optional<Secret> Get(const std::string& path) = 0;
    /// Idempotent: deleting a missing path is fine.
    virtual void Delete(const std::string& path) = 0;
};

}  // namespace store::app::ports
