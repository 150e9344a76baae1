#include "infra/vault/service_secrets.hpp"

#include <stdexcept>

namespace store::infra::vault {

ServiceSecrets ReadServiceSecrets(VaultClient& client, const std::string& path) {
    ServiceSecrets out;
    if (path.empty()) {
        return out;
    }
    const auto secret = client.Read(path);
    if (!secret) {
        return out;
    }
    if (const auto it = secret->find("database_url"); it != secret->end() && !it->second.empty()) {
        out.database_url = it->second;
    }
    if (const auto it = secret->find("jwt_key"); it != secret->end() && !it->second.empty()) {
        out.jwt_key = it->second;
    }
    return out;
}

platform::Config WithServiceSecrets(const platform::Config& config, VaultClient* vault,
                                    const platform::Logger& logger) {
    platform::Config out = config;
    if (vault == nullptr || config.vault.service_secrets_path.empty()) {
        return out;
    }
    const auto secrets = ReadServiceSecrets(*vault, config.vault.service_secrets_path);
    if (secrets.database_url) {
        if (secrets.database_url->rfind("postgresql://", 0) != 0 &&
            secrets.database_url->rfind("postgres://", 0) != 0) {
            throw std::runtime_error("vault " + config.vault.service_secrets_path +
                                     ": database_url must start with postgresql://");
        }
        out.database.url = *secrets.database_url;
        out.database.url_file.clear();
    }
    if (secrets.jwt_key) {
        if (secrets.jwt_key->size() < 32) {
            throw std::runtime_error("vault " + config.vault.service_secrets_path +
                                     ": jwt_key must be at least 32 characters");
        }
        out.auth.jwt_secret = *secrets.jwt_key;
        out.auth.jwt_secret_file.clear();
    }
    logger.Info("service secrets", {{"vault_path", config.vault.service_secrets_path},
                                    {"database_url_from_vault", secrets.database_url.has_value()},
                                    {"jwt_key_from_vault", secrets.jwt_key.has_value()}});
    return out;
}

}  // namespace store::infra::vault
