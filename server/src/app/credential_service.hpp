#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/context.hpp"
#include "app/ports/cache.hpp"
#include "app/ports/clock.hpp"
#include "app/ports/compressor.hpp"
#include "app/ports/database.hpp"
#include "app/ports/event_bus.hpp"
#include "app/ports/random_source.hpp"
#include "app/ports/secret_store.hpp"
#include "domain/credentials.hpp"
#include "domain/workflow.hpp"

namespace store::app {

/// A store's credential versions and whether the current one is due for rotation.
struct CredentialHistory {
    std::string store_id;
    std::vector<domain::CredentialVersion> versions;  // newest first
    std::optional<domain::TimePoint> rotation_due_at;
    bool rotation_due = false;
};

struct RevealedCredentials {
    std::int64_t version = 0;
    ports::Secret secret;
};

/// The life of a store's device and Wi-Fi secrets after provisioning issued them: reveal,
/// rotate (a new version; the bundle re-rendered to name it; the one before kept for
/// rollback), restore a kept version, release one (its secrets deleted), and revoke (an
/// emergency rotation that destroys every older version at once). Every change is audited in
/// the same transaction, needs the role of permissions.rotate and works on an active store.
class CredentialService {
public:
    struct Settings {
        domain::Role role = domain::Role::kAdmin;                   // permissions.rotate
        std::chrono::seconds max_age{std::chrono::hours(24 * 90)};  // 0: never due
    };

    CredentialService(ports::Database& database, ports::SecretStore& secrets,
                      ports::Compressor& compressor, const ports::Clock& clock,
                      ports::RandomSource& random, ports::EventBus& events, Settings settings);

    CredentialHistory History(const std::string& store_id);
    /// The current version's secrets, or those of a version kept for rollback; audited as
    /// store.credentials_viewed.
    RevealedCredentials Reveal(const std::string& store_id, std::optional<std::int64_t> version,
                               const RequestMeta& meta);
    CredentialHistory Rotate(const std::string& store_id, const RequestMeta& meta);
    CredentialHistory Restore(const std::string& store_id, std::int64_t version,
                              const RequestMeta& meta);
    CredentialHistory Release(const std::string& store_id, std::int64_t version,
                              const RequestMeta& meta);
    CredentialHistory Revoke(const std::string& store_id, const RequestMeta& meta);

private:
    /// The store, checked for a change of its credentials: 404, 403 below the role, 409 when it
    /// is not active.
    domain::Store Changeable(ports::UnitOfWork& uow, const std::string& store_id,
                             const RequestMeta& meta) const;
    /// A new current version (its secrets written first); `end_older` ends the live versions
    /// before it (revoke) instead of keeping the current one for rollback (rotate).
    CredentialHistory Replace(const std::string& store_id, const RequestMeta& meta, bool end_older);
    /// Re-renders the store's bundle (it names the current version's path), with its audit.
    void Rerender(ports::UnitOfWork& uow, const domain::Store& store, const RequestMeta& meta);
    void Audit(ports::UnitOfWork& uow, const RequestMeta& meta, const std::string& store_id,
               std::string action, const std::optional<std::string>& before,
               const std::optional<std::string>& after);
    void Changed(const domain::Store& store, const RequestMeta& meta);
    CredentialHistory HistoryOf(const std::string& store_id,
                                std::vector<domain::CredentialVersion> versions) const;

    ports::Database& database_;
    ports::SecretStore& secrets_;
    ports::Compressor& compressor_;
    const ports::Clock& clock_;
    ports::RandomSource& random_;
    ports::EventBus& events_;
    Settings settings_;
};

}  // namespace store::app
