#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/audit_diff.hpp"
#include "domain/store.hpp"
#include "domain/validation.hpp"

namespace store::app::ports {

struct User {
    std::string id;
    std::string username;
    domain::Role role = domain::Role::kViewer;
    std::string password_hash;
    bool disabled = false;
    domain::TimePoint created_at;
    domain::TimePoint updated_at;
    /// Bumped whenever the user's access must end (disabled, role or password changed,
    /// logout, refresh-token reuse); access tokens carry the epoch they were issued in.
    std::int64_t session_epoch = 0;
    bool operator==(const User&) const = default;
};

/// An automation token as stored: only the SHA-256 of the secret, never the secret itself.
struct ApiToken {
    std::string id;
    std::string name;
    domain::Role role = domain::Role::kViewer;
    std::string token_hash;  // hex
    std::string created_by;  // username of the admin who created it
    domain::TimePoint created_at;
    std::optional<domain::TimePoint> expires_at;
    std::optional<domain::TimePoint> last_used_at;
    std::optional<domain::TimePoint> revoked_at;
    bool operator==(const ApiToken&) const = default;
};

/// A refresh token as stored: only the SHA-256 of the token, never the token itself.
struct RefreshToken {
    std::string token_hash;  // hex
    std::string user_id;
    domain::TimePoint created_at;
    domain::TimePoint expires_at;
    bool remember = false;
    bool revoked = false;
    bool operator==(const RefreshToken&) const = default;
};

struct AuditEntry {
    std::string id;
    domain::TimePoint time;
    std::string actor;
    std::string action;       // store.created, store.updated, user.created, …
    std::string entity_type;  // store, user
    std::string entity_id;
    std::optional<std::string> store_id;
    std::string request_id;
    std::vector<domain::FieldChange> changes;
    std::string client_address;  // the request's client (RequestMeta::client_address)
    bool operator==(const AuditEntry&) const = default;
};

/// Filters of the global activity feed; unset means "any". `from` is inclusive, `to`
/// exclusive. `page` is 1-based.
struct AuditQuery {
    std::optional<std::string> actor;
    std::optional<std::string> action;
    std::optional<std::string> store_id;
    std::optional<domain::TimePoint> from;
    std::optional<domain::TimePoint> to;
    std::int64_t page = 1;
    std::int64_t page_size = 50;
};

/// Lists count the rows that match exactly up to this many; above it `total` is an estimate.
inline constexpr std::int64_t kExactTotalLimit = 10000;

template <typename T>
struct Page {
    std::vector<T> items;
    std::int64_t total = 0;
    /// `total` is the database's estimate, not a count: the matching rows are more than
    /// kExactTotalLimit, and counting them all on every page would cost more than the page.
    bool total_is_estimate = false;
    std::optional<std::string> next_cursor;  // set for keyset-paginated store lists
};

}  // namespace store::app::ports
