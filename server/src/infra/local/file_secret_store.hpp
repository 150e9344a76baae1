#pragma once

#include <mutex>
#include <string>

#include "app/ports/secret_store.hpp"

namespace store::infra::local {

/// The embedded secret store: every secret in one file (`secrets.enc` in the data directory),
/// encrypted with XSalsa20-Poly1305 (libsodium secretbox) under a 32-byte key kept in
/// `secrets.key`; both files are mode 0600. Writes replace the file atomically (write + rename).
class FileSecretStore final : public app::ports::SecretStore {
public:
    explicit FileSecretStore(std::string data_dir);

    void Put(const std::string& path, const app::ports::Secret& secret) override;
    std::optional<app::ports::Secret> Get(const std::string& path) override;
    void Delete(const std::string& path) override;

private:
    using All = std::map<std::string, app::ports::Secret>;
    All Load() const;
    void Save(const All& all) const;

    std::string file_;
    std::string key_;
    mutable std::mutex mutex_;
};

}  // namespace store::infra::local
