#pragma once

#include <optional>
#include <string>

#include "infra/vault/vault_client.hpp"

namespace store::infra::vault {

/// The service's own secrets as kept in Vault KV at `vault.service_secrets_path`.
struct ServiceSecrets {
    std::optional<std::string> database_url;  // key `database_url`
    std::optional<std::string> jwt_key;       // key `jwt_key`
};

/// Reads the service's secrets; absent path or keys give nullopt members (the configuration then
/// applies). Throws AppError{kDependencyUnavailable} when Vault cannot be reached.
ServiceSecrets ReadServiceSecrets(VaultClient& client, const std::string& path);

}  // namespace store::infra::vault
