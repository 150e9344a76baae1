#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/store.hpp"

namespace store::domain {

/// Where a version of a store's secrets stands. One version is current (the one the bundle
/// names); a rotation keeps the one before it for rollback until it is released; a revocation
/// destroys every version but the new current one at once.
enum class CredentialState { kCurrent, kKept, kReleased, kRevoked };

std::string_view ToString(CredentialState state);
std::optional<CredentialState> ParseCredentialState(std::string_view text);

/// One version of a store's device and Wi-Fi secrets: where it lives in the secret store
/// (never the secrets), who made it and when, and how it ended.
struct CredentialVersion {
    std::string store_id;
    std::int64_t version = 1;
    std::string path;
    CredentialState state = CredentialState::kCurrent;
    TimePoint created_at;
    std::string created_by;
    std::optional<TimePoint> ended_at;  // released or revoked
    std::string ended_by;
    bool operator==(const CredentialVersion&) const = default;

    /// Its secrets are still in the secret store (current or kept).
    bool Live() const;
    /// Released or revoked (`state`) at `at` by `by`.
    void End(CredentialState state, TimePoint at, std::string by);
};

/// The secret-store path of a version: version 1 keeps the path stores issued before versions
/// existed ("stores/<id>/credentials"); later ones add "/v<N>".
std::string CredentialVersionPath(const std::string& store_id, std::int64_t version);

/// The number of the next version (1 for a store without any).
std::int64_t NextCredentialVersion(const std::vector<CredentialVersion>& versions);

/// The current version, or nullptr.
const CredentialVersion* CurrentCredential(const std::vector<CredentialVersion>& versions);

/// When the current version is due for rotation: `max_age` after it was made; never when
/// `max_age` is zero or nothing is current.
std::optional<TimePoint> RotationDueAt(const std::vector<CredentialVersion>& versions,
                                       std::chrono::seconds max_age);

/// Why `version` cannot be restored (made current again) or released (its secrets deleted):
/// only a kept version can. Empty when it can.
std::string WhyNotRestorable(const CredentialVersion& version);
std::string WhyNotReleasable(const CredentialVersion& version);

}  // namespace store::domain
