#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "app/ports/provisioning_repositories.hpp"
#include "app/ports/records.hpp"
#include "domain/login_throttle.hpp"
#include "domain/store_query.hpp"
#include "domain/store_template.hpp"

namespace store::app::ports {

/// Stores inside one unit of work. Every method throws AppError{kDependencyUnavailable} when
/// the database cannot be reached; driver details stay in AppError::internal().
class StoreRepository {
public:
    virtual ~StoreRepository() = default;
    /// Throws AppError{kConflict} when another store has the same code.
    virtual void Insert(const domain::Store& store) = 0;
    virtual std::optional<domain::Store> FindById(const std::string& id) = 0;
    /// Replaces the row with `store` (version already incremented by the caller) only when
    /// the stored version equals `expected_version`. Returns false when it did not (stale or
    /// gone). Throws AppError{kConflict} when the new code is taken.
    virtual bool Update(const domain::Store& store, std::int64_t expected_version) = 0;
    /// Deletes only when the stored version equals `expected_version`.
    virtual bool Delete(const std::string& id, std::int64_t expected_version) = 0;
    /// One page in the query's order (ties broken by id). With `query.cursor` it continues
    /// after that row (keyset); otherwise it uses `page`. `next_cursor` is set when a full
    /// page was returned. `total` is only filled when `with_total`.
    virtual Page<domain::Store> List(const domain::StoreQuery& query, bool with_total) = 0;
    /// Number of stores in each status (statuses with none are absent).
    virtual std::map<std::string, std::int64_t> CountByStatus() = 0;
    virtual std::map<std::string, std::int64_t> CountByType() = 0;
    /// Stores whose opening date is from `from` to `to` ("YYYY-MM-DD", both included) and,
    /// unless `statuses` is empty, in one of them; by opening date, then code; at most `limit`.
    virtual std::vector<domain::Store> ByOpeningDate(
        const std::string& from, const std::string& to,
        const std::vector<domain::StoreStatus>& statuses, std::int64_t limit) = 0;
};

/// How many stores follow a template at one of its versions, in one status.
struct TemplateUsageRow {
    std::string template_id;
    std::int64_t template_version = 1;
    domain::StoreStatus status = domain::StoreStatus::kDraft;
    std::int64_t stores = 0;
    bool operator==(const TemplateUsageRow&) const = default;
};

/// A store that follows a template (its list row on the template page).
struct TemplateFollower {
    std::string id;
    std::string code;
    std::string name;
    domain::StoreStatus status = domain::StoreStatus::kDraft;
    std::int64_t template_version = 1;
    bool operator==(const TemplateFollower&) const = default;
};

/// Store templates inside one unit of work (same error rules as StoreRepository).
class TemplateRepository {
public:
    virtual ~TemplateRepository() = default;
    /// Throws AppError{kConflict} when another template has the same name.
    virtual void Insert(const domain::StoreTemplate& item) = 0;
    virtual std::optional<domain::StoreTemplate> FindById(const std::string& id) = 0;
    /// Every template, by name.
    virtual std::vector<domain::StoreTemplate> List() = 0;
    /// Replaces the row only when the stored version equals `expected_version` (false when it
    /// did not). Throws AppError{kConflict} when the new name is taken.
    virtual bool Update(const domain::StoreTemplate& item, std::int64_t expected_version) = 0;
    virtual bool Delete(const std::string& id, std::int64_t expected_version) = 0;
    /// Followers counted by template, template version and store status (all templates when
    /// `template_id` is empty).
    virtual std::vector<TemplateUsageRow> Usage(const std::string& template_id) = 0;
    /// The stores that follow the template, by code.
    virtual std::vector<TemplateFollower> Followers(const std::string& template_id) = 0;
};

class UserRepository {
public:
    virtual ~UserRepository() = default;
    /// Throws AppError{kConflict} when the username is taken.
    virtual void Insert(const User& user) = 0;
    virtual std::optional<User> FindById(const std::string& id) = 0;
    virtual std::optional<User> FindByUsername(const std::string& username) = 0;
    /// All users ordered by username.
    virtual std::vector<User> List() = 0;
    virtual bool Update(const User& user) = 0;
    virtual bool Delete(const std::string& id) = 0;
    virtual std::int64_t Count() = 0;
    /// Increments the user's session epoch; returns the new one (nullopt: no such user).
    virtual std::optional<std::int64_t> BumpSessionEpoch(const std::string& id) = 0;
    /// (id, session epoch) of every user: what the access registry re-reads periodically.
    virtual std::vector<std::pair<std::string, std::int64_t>> SessionEpochs() = 0;
};

/// Automation tokens (POST /api/tokens).
class ApiTokenRepository {
public:
    virtual ~ApiTokenRepository() = default;
    virtual void Insert(const ApiToken& token) = 0;
    virtual std::optional<ApiToken> FindById(const std::string& id) = 0;
    virtual std::optional<ApiToken> FindByHash(const std::string& token_hash) = 0;
    /// Tokens not revoked, newest first.
    virtual std::vector<ApiToken> ListActive() = 0;
    /// Sets revoked_at; false when the token does not exist or was revoked already.
    virtual bool Revoke(const std::string& id, domain::TimePoint at) = 0;
    /// Moves last_used_at forward to `at` (never back: replicas flush independently).
    virtual void Touch(const std::string& id, domain::TimePoint at) = 0;
};

class TokenRepository {
public:
    virtual ~TokenRepository() = default;
    virtual void Insert(const RefreshToken& token) = 0;
    virtual std::optional<RefreshToken> FindByHash(const std::string& token_hash) = 0;
    /// Marks the token revoked; true when it was not revoked before (so exactly one of two
    /// concurrent refreshes with the same token wins).
    virtual bool Revoke(const std::string& token_hash) = 0;
    virtual void RevokeAllForUser(const std::string& user_id) = 0;
};

class AuditRepository {
public:
    virtual ~AuditRepository() = default;
    virtual void Append(const AuditEntry& entry) = 0;
    /// Newest first; `page` is 1-based.
    virtual Page<AuditEntry> ListForStore(const std::string& store_id, std::int64_t page,
                                          std::int64_t page_size) = 0;
    /// The global feed, newest first, narrowed by the query's filters.
    virtual Page<AuditEntry> List(const AuditQuery& query) = 0;
    Page<AuditEntry> ListAll(std::int64_t page, std::int64_t page_size) {
        AuditQuery query;
        query.page = page;
        query.page_size = page_size;
        return List(query);
    }
};

/// Failed-login counters shared by every replica (login throttling: the counting is here, the
/// decision in domain/login_throttle.hpp). One row per key, a fixed window per row.
class LoginFailureRepository {
public:
    virtual ~LoginFailureRepository() = default;
    /// The counters of `keys`, in the order given (zero for a key never counted).
    virtual std::vector<domain::FailureCount> Find(const std::vector<std::string>& keys) = 0;
    /// Adds one failure to `key` atomically (a new window when the old one has passed) and
    /// returns the counter after it, so concurrent replicas never count the same allowance twice.
    virtual domain::FailureCount Add(const std::string& key, domain::TimePoint now,
                                     std::chrono::seconds window) = 0;
    /// Takes back one failure counted in the window that started at `window_start`.
    virtual void Subtract(const std::string& key, domain::TimePoint window_start) = 0;
    virtual void Forget(const std::string& key) = 0;
    /// Deletes counters whose window started before `before`.
    virtual void Prune(domain::TimePoint before) = 0;
};

enum class TxKind { kRead, kWrite };

/// One database transaction. Destroying it without Commit() rolls back.
class UnitOfWork {
public:
    virtual ~UnitOfWork() = default;
    virtual StoreRepository& Stores() = 0;
    virtual TemplateRepository& Templates() = 0;
    virtual UserRepository& Users() = 0;
    virtual TokenRepository& Tokens() = 0;
    virtual ApiTokenRepository& ApiTokens() = 0;
    virtual AuditRepository& Audit() = 0;
    virtual InventoryRepository& Inventory() = 0;
    virtual NetworkRepository& Network() = 0;
    virtual RunRepository& Runs() = 0;
    virtual ArtifactRepository& Artifacts() = 0;
    virtual RolloutRepository& Rollouts() = 0;
    virtual LoginFailureRepository& LoginFailures() = 0;
    /// Throws AppError{kConflict} for a constraint violation detected at commit and
    /// AppError{kDependencyUnavailable} when the database is gone.
    virtual void Commit() = 0;
};

/// How long callers waited for a connection since start: per upper bound the number of waits at
/// or below it (cumulative, as a Prometheus histogram counts), their number and their sum.
struct WaitHistogram {
    static constexpr std::array<double, 13> kBounds{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                    0.1,    0.25,  0.5,    1.0,   2.5,  5.0};
    std::array<std::uint64_t, kBounds.size()> buckets{};
    std::uint64_t count = 0;
    double sum_seconds = 0;

    void Observe(double seconds) {
        for (std::size_t i = 0; i < kBounds.size(); ++i) {
            buckets[i] += seconds <= kBounds[i] ? 1 : 0;
        }
        ++count;
        sum_seconds += seconds;
    }
    void Add(const WaitHistogram& other) {
        for (std::size_t i = 0; i < kBounds.size(); ++i) {
            buckets[i] += other.buckets[i];
        }
        count += other.count;
        sum_seconds += other.sum_seconds;
    }
};

struct PoolStats {
    std::int64_t size = 0;
    std::int64_t busy = 0;
    std::int64_t idle = 0;
    std::int64_t waiting = 0;
    WaitHistogram waits;  // every acquisition, also those that found a connection at once
};

/// A relational store: SQLite (embedded) or PostgreSQL.
class Database {
public:
    virtual ~Database() = default;
    /// "sqlite" or "postgresql".
    virtual std::string Kind() const = 0;
    /// Applies the pending schema migrations, each in its own transaction, recorded in
    /// schema_migrations. Safe to call on every start.
    virtual void Migrate() = 0;
    /// Starts a transaction; kWrite takes the write lock up front in SQLite.
    /// Throws AppError{kDependencyUnavailable} when no connection can be had in time.
    virtual std::unique_ptr<UnitOfWork> Begin(TxKind kind) = 0;
    /// A cheap round trip; throws AppError{kDependencyUnavailable} on failure.
    virtual void Ping() = 0;
    virtual PoolStats Stats() const = 0;
};

}  // namespace store::app::ports
