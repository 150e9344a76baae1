#pragma once

#include "app/ports/database.hpp"
#include "infra/sql/session.hpp"

namespace store::infra::sql {

// The repositories of one unit of work, written once for both databases; each runs on the
// session (connection) of its transaction. One implementation file per repository.
// The provisioning writes (overlap checks, reservations, claims) assume a write unit: SQLite
// holds its single write lock from BEGIN IMMEDIATE; PostgreSQL locks rows (SKIP LOCKED) and
// its exclusion constraints refuse overlapping networks whatever the interleaving.

class StoreRepository final : public app::ports::StoreRepository {
public:
    explicit StoreRepository(Session& session) : session_(session) {}
    void Insert(const domain::Store& store) override;
    std::optional<domain::Store> FindById(const std::string& id) override;
    bool Update(const domain::Store& store, std::int64_t expected_version) override;
    bool Delete(const std::string& id, std::int64_t expected_version) override;
    app::ports::Page<domain::Store> List(const domain::StoreQuery& query, bool with_total) override;
    std::map<std::string, std::int64_t> CountByStatus() override;
    std::map<std::string, std::int64_t> CountByType() override;
    std::vector<domain::Store> ByOpeningDate(const std::string& from, const std::string& to,
                                             const std::vector<domain::StoreStatus>& statuses,
                                             std::int64_t limit) override;

private:
    std::map<std::string, std::int64_t> CountBy(const std::string& column);
    Session& session_;
};

class TemplateRepository final : public app::ports::TemplateRepository {
public:
    explicit TemplateRepository(Session& session) : session_(session) {}
    void Insert(const domain::StoreTemplate& item) override;
    std::optional<domain::StoreTemplate> FindById(const std::string& id) override;
    std::vector<domain::StoreTemplate> List() override;
    bool Update(const domain::StoreTemplate& item, std::int64_t expected_version) override;
    bool Delete(const std::string& id, std::int64_t expected_version) override;
    std::vector<app::ports::TemplateUsageRow> Usage(const std::string& template_id) override;
    std::vector<app::ports::TemplateFollower> Followers(const std::string& template_id) override;

private:
    Session& session_;
};

class UserRepository final : public app::ports::UserRepository {
public:
    explicit UserRepository(Session& session) : session_(session) {}
    void Insert(const app::ports::User& user) override;
    std::optional<app::ports::User> FindById(const std::string& id) override;
    std::optional<app::ports::User> FindByUsername(const std::string& username) override;
    std::vector<app::ports::User> List() override;
    bool Update(const app::ports::User& user) override;
    bool Delete(const std::string& id) override;
    std::int64_t Count() override;
    std::optional<std::int64_t> BumpSessionEpoch(const std::string& id) override;
    std::vector<std::pair<std::string, std::int64_t>> SessionEpochs() override;

private:
    Session& session_;
};

class TokenRepository final : public app::ports::TokenRepository {
public:
    explicit TokenRepository(Session& session) : session_(session) {}
    void Insert(const app::ports::RefreshToken& token) override;
    std::optional<app::ports::RefreshToken> FindByHash(const std::string& token_hash) override;
    bool Revoke(const std::string& token_hash) override;
    void RevokeAllForUser(const std::string& user_id) override;

private:
    Session& session_;
};

class ApiTokenRepository final : public app::ports::ApiTokenRepository {
public:
    explicit ApiTokenRepository(Session& session) : session_(session) {}
    void Insert(const app::ports::ApiToken& token) override;
    std::optional<app::ports::ApiToken> FindById(const std::string& id) override;
    std::optional<app::ports::ApiToken> FindByHash(const std::string& token_hash) override;
    std::vector<app::ports::ApiToken> ListActive() override;
    bool Revoke(const std::string& id, domain::TimePoint at) override;
    void Touch(const std::string& id, domain::TimePoint at) override;

private:
    Session& session_;
};

class AuditRepository final : public app::ports::AuditRepository {
public:
    explicit AuditRepository(Session& session) : session_(session) {}
    void Append(const app::ports::AuditEntry& entry) override;
    app::ports::Page<app::ports::AuditEntry> ListForStore(const std::string& store_id,
                                                          std::int64_t page,
                                                          std::int64_t page_size) override;
    app::ports::Page<app::ports::AuditEntry> List(const app::ports::AuditQuery& query) override;

private:
    Session& session_;
};

class InventoryRepository final : public app::ports::InventoryRepository {
public:
    explicit InventoryRepository(Session& session) : session_(session) {}
    void InsertModel(const app::ports::HardwareModel& model) override;
    std::optional<app::ports::HardwareModel> FindModel(const std::string& id) override;
    std::vector<app::ports::HardwareModel> ListModels() override;
    void InsertItem(const app::ports::StockItem& item) override;
    std::optional<app::ports::StockItem> FindItemBySerial(const std::string& serial) override;
    app::ports::Page<app::ports::StockItem> ListItems(const app::ports::ItemQuery& query) override;
    std::vector<app::ports::StockItem> ReserveItems(const std::string& store_id,
                                                    const std::string& kind, std::int64_t count,
                                                    domain::TimePoint now) override;
    bool ReserveSerial(const std::string& serial, const std::string& store_id,
                       domain::TimePoint now) override;
    std::vector<app::ports::StockItem> ItemsForStore(const std::string& store_id) override;
    std::int64_t ReleaseItemsForStore(const std::string& store_id, domain::TimePoint now) override;
    std::map<std::string, std::int64_t> AvailableByKind() override;

private:
    Session& session_;
};

class NetworkRepository final : public app::ports::NetworkRepository {
public:
    explicit NetworkRepository(Session& session) : session_(session) {}
    void InsertPool(const app::ports::AddressPool& pool) override;
    std::optional<app::ports::AddressPool> FindPool(const std::string& id) override;
    std::vector<app::ports::AddressPool> ListPools() override;
    bool DeletePool(const std::string& id) override;
    std::vector<app::ports::NetworkSegment> SegmentsInPool(const std::string& pool_id) override;
    std::vector<app::ports::NetworkSegment> SegmentsOverlapping(const std::string& cidr) override;
    void InsertSegment(const app::ports::NetworkSegment& segment) override;
    std::vector<app::ports::NetworkSegment> SegmentsForStore(const std::string& store_id) override;
    std::int64_t ReleaseSegmentsForStore(const std::string& store_id) override;
    std::map<std::string, std::int64_t> UsageByPool() override;

private:
    Session& session_;
};

class RunRepository final : public app::ports::RunRepository {
public:
    explicit RunRepository(Session& session) : session_(session) {}
    void InsertRun(const domain::Run& run) override;
    std::optional<domain::Run> FindRun(const std::string& id) override;
    std::vector<domain::Run> RunsForStore(const std::string& store_id) override;
    void UpdateRun(const domain::Run& run) override;
    std::optional<domain::Run> ClaimNext(const std::string& worker, domain::TimePoint now,
                                         domain::TimePoint lease_until) override;
    app::ports::RunCounts CountSince(domain::TimePoint since) override;
    std::map<std::string, std::int64_t> ThroughputByHour(domain::TimePoint since) override;

private:
    Session& session_;
};

class ArtifactRepository final : public app::ports::ArtifactRepository {
public:
    explicit ArtifactRepository(Session& session) : session_(session) {}
    void InsertCredentialVersion(const domain::CredentialVersion& version) override;
    void UpdateCredentialVersion(const domain::CredentialVersion& version) override;
    std::vector<domain::CredentialVersion> CredentialVersions(const std::string& store_id) override;
    std::optional<std::string> GetCredentialRef(const std::string& store_id) override;
    std::string PutBundle(const app::ports::ConfigBundle& bundle,
                          const std::optional<std::string>& run_id) override;
    std::optional<app::ports::ConfigBundle> GetBundle(const std::string& store_id) override;
    std::optional<app::ports::ConfigBundle> GetBundleVersion(const std::string& store_id,
                                                             const std::string& sha256) override;
    std::vector<app::ports::BundleRender> ListBundleRenders(const std::string& store_id) override;
    void InsertPlan(const domain::ProvisionPlan& plan, domain::TimePoint expires) override;
    std::optional<domain::ProvisionPlan> FindPlan(const std::string& id,
                                                  domain::TimePoint now) override;

private:
    Session& session_;
};

class RolloutRepository final : public app::ports::RolloutRepository {
public:
    explicit RolloutRepository(Session& session) : session_(session) {}
    void Insert(const domain::Rollout& rollout) override;
    std::optional<domain::Rollout> Find(const std::string& id, bool for_update) override;
    void Update(const domain::Rollout& rollout) override;
    void UpdateItems(const std::string& rollout_id,
                     const std::vector<domain::RolloutItem>& items) override;
    app::ports::Page<domain::Rollout> List(std::optional<domain::RolloutStatus> status,
                                           std::int64_t limit) override;
    std::vector<std::string> Due(domain::TimePoint now, std::int64_t limit) override;

private:
    Session& session_;
};

class LoginFailureRepository final : public app::ports::LoginFailureRepository {
public:
    explicit LoginFailureRepository(Session& session) : session_(session) {}
    std::vector<domain::FailureCount> Find(const std::vector<std::string>& keys) override;
    domain::FailureCount Add(const std::string& key, domain::TimePoint now,
                             std::chrono::seconds window) override;
    void Subtract(const std::string& key, domain::TimePoint window_start) override;
    void Forget(const std::string& key) override;
    void Prune(domain::TimePoint before) override;

private:
    Session& session_;
};

/// A unit of work's repositories over its session. Each database's unit of work derives
/// from it and adds BEGIN, COMMIT and ROLLBACK.
class RepositoryUnit : public app::ports::UnitOfWork {
public:
    explicit RepositoryUnit(Session& session)
        : stores_(session),
          templates_(session),
          users_(session),
          tokens_(session),
          api_tokens_(session),
          audit_(session),
          inventory_(session),
          network_(session),
          runs_(session),
          artifacts_(session),
          rollouts_(session),
          login_failures_(session) {}

    app::ports::StoreRepository& Stores() override { return stores_; }
    app::ports::TemplateRepository& Templates() override { return templates_; }
    app::ports::UserRepository& Users() override { return users_; }
    app::ports::TokenRepository& Tokens() override { return tokens_; }
    app::ports::ApiTokenRepository& ApiTokens() override { return api_tokens_; }
    app::ports::AuditRepository& Audit() override { return audit_; }
    app::ports::InventoryRepository& Inventory() override { return inventory_; }
    app::ports::NetworkRepository& Network() override { return network_; }
    app::ports::RunRepository& Runs() override { return runs_; }
    app::ports::ArtifactRepository& Artifacts() override { return artifacts_; }
    app::ports::RolloutRepository& Rollouts() override { return rollouts_; }
    app::ports::LoginFailureRepository& LoginFailures() override { return login_failures_; }

private:
    StoreRepository stores_;
    TemplateRepository templates_;
    UserRepository users_;
    TokenRepository tokens_;
    ApiTokenRepository api_tokens_;
    AuditRepository audit_;
    InventoryRepository inventory_;
    NetworkRepository network_;
    RunRepository runs_;
    ArtifactRepository artifacts_;
    RolloutRepository rollouts_;
    LoginFailureRepository login_failures_;
};

}  // namespace store::infra::sql
