#pragma once

#include <optional>
#include <string>

#include "infra/vault/vault_client.hpp"
#include "platform/config.hpp"
#include "platform/logging.hpp"

namespace store::infra::vault {

/// The service's own secrets as kept in Vault KV at `vault.service_secrets_path`.
struct ServiceSecrets {
    std::optional<std::string> database_url;  // key `database_url`
    std::optional<std::string> jwt_key;       // key `jwt_key`
};

/// Reads the service's secrets; absent path or keys give nullopt members (the configuration then
/// applies). Throws AppError{kDependencyUnavailable} when Vault cannot be reached.
ServiceSecrets ReadServiceSecrets(VaultClient& client, const std::string& path);

/// The configuration with the service's own secrets from Vault (KV keys database_url and
/// jwt_key at vault.service_secrets_path) in place of the configured ones; they stay in memory.
/// `vault` null or no path: the configuration as it is. Throws std::runtime_error for a secret
/// that cannot be used (a database_url that is not PostgreSQL's, a jwt_key under 32 characters).
platform::Config WithServiceSecrets(const platform::Config& config, VaultClient* vault,
                                    const platform::Logger& logger);

}  // namespace store::infra::vault
