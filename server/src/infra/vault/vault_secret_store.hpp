#pragma once

#include <map>
#include <mutex>
#include <string>

#include "app/ports/secret_store.hpp"
#include "infra/vault/vault_client.hpp"

namespace store::infra::vault {

/// SecretStore on Vault KV v2. Every secret read or written is also kept in an in-memory cache
/// (never written to disk) so that, while Vault is unreachable, Get still answers for what this
/// process already holds. Put and Delete need Vault: they throw AppError{kDependencyUnavailable},
/// and the provisioning step that called them is retried with backoff.
class VaultSecretStore final : public app::ports::SecretStore {
public:
    explicit VaultSecretStore(VaultClient& client) : client_(client) {}
    ~VaultSecretStore() override;

    void Put(const std::string& path, const app::ports::Secret& secret) override;
    std::optional<app::ports::Secret> Get(const std::string& path) override;
    void Delete(const std::string& path) override;

    /// Gets served from the cache because Vault was unreachable (since start).
    std::int64_t CacheHits() const;

private:
    void Remember(const std::string& path, const app::ports::Secret& secret);
    void Forget(const std::string& path);

    VaultClient& client_;
    mutable std::mutex mutex_;
    std::map<std::string, app::ports::Secret> cache_;
    std::int64_t cache_hits_ = 0;
};

}  // namespace store::infra::vault
