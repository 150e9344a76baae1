#include "infra/vault/vault_secret_store.hpp"

#include <sodium.h>

#include "app/errors.hpp"

namespace store::infra::vault {
namespace {

// Cached credentials are overwritten before their memory is released.
void Wipe(app::ports::Secret& secret) {
    for (auto& [name, value] : secret) {
        sodium_memzero(value.data(), value.size());
    }
    secret.clear();
}

}  // namespace

VaultSecretStore::~VaultSecretStore() {
    std::lock_guard lock(mutex_);
    for (auto& [path, secret] : cache_) {
        Wipe(secret);
    }
}

void VaultSecretStore::Remember(const std::string& path, const app::ports::Secret& secret) {
    std::lock_guard lock(mutex_);
    auto& entry = cache_[path];
    Wipe(entry);
    entry = secret;
}

void VaultSecretStore::Forget(const std::string& path) {
    std::lock_guard lock(mutex_);
    if (const auto it = cache_.find(path); it != cache_.end()) {
        Wipe(it->second);
        cache_.erase(it);
    }
}

void VaultSecretStore::Put(const std::string& path, const app::ports::Secret& secret) {
    client_.Write(path, secret);  // throws kDependencyUnavailable while Vault is down
    Remember(path, secret);
}

std::optional<app::ports::Secret> VaultSecretStore::Get(const std::string& path) {
    try {
        auto secret = client_.Read(path);
        if (secret) {
            Remember(path, *secret);
        } else {
            Forget(path);
        }
        return secret;
    } catch (const app::AppError& error) {
        if (error.code() != app::ErrorCode::kDependencyUnavailable) {
            throw;
        }
        std::lock_guard lock(mutex_);
        const auto it = cache_.find(path);
        if (it == cache_.end()) {
            throw;  // never seen by this process: nothing to serve
        }
        ++cache_hits_;
        return it->second;
    }
}

void VaultSecretStore::Delete(const std::string& path) {
    client_.Delete(path);
    Forget(path);
}

std::int64_t VaultSecretStore::CacheHits() const {
    std::lock_guard lock(mutex_);
    return cache_hits_;
}

}  // namespace store::infra::vault
