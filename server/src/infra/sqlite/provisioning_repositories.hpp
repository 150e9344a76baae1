#pragma once

#include "app/ports/provisioning_repositories.hpp"
#include "infra/sqlite/connection.hpp"

namespace store::infra::sqlite {

// The provisioning repositories of one unit of work. Their writes assume a write unit
// (BEGIN IMMEDIATE): the check-then-write sequences below (overlap checks, reservations,
// claims) rely on holding SQLite's single write lock from the first statement.

class InventoryRepository final : public app::ports::InventoryRepository {
public:
    explicit InventoryRepository(Connection& connection) : connection_(connection) {}
    void InsertModel(const app::ports::HardwareModel& model) override;
    std::optional<app::ports::HardwareModel> FindModel(const std::string& id) override;
    std::vector<app::ports::HardwareModel> ListModels() override;
    void InsertItem(const app::ports::StockItem& item) override;
    std::optional<app::ports::StockItem> FindItemBySerial(const std::string& serial) override;
    app::ports::Page<app::ports::StockItem> ListItems(const app::ports::ItemQuery& query) override;
    std::vector<app::ports::StockItem> ReserveItems(const std::string& store_id,
                                                    const std::string& kind, std::int64_t count,
                                                    domain::TimePoint now) override;
    std::vector<app::ports::StockItem> ItemsForStore(const std::string& store_id) override;
    std::int64_t ReleaseItemsForStore(const std::string& store_id, domain::TimePoint now) override;
    std::map<std::string, std::int64_t> AvailableByKind() override;

private:
    Connection& connection_;
};

class NetworkRepository final : public app::ports::NetworkRepository {
public:
    explicit NetworkRepository(Connection& connection) : connection_(connection) {}
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
    Connection& connection_;
};

class RunRepository final : public app::ports::RunRepository {
public:
    explicit RunRepository(Connection& connection) : connection_(connection) {}
    void InsertRun(const domain::Run& run) override;
    std::optional<domain::Run> FindRun(const std::string& id) override;
    std::vector<domain::Run> RunsForStore(const std::string& store_id) override;
    void UpdateRun(const domain::Run& run) override;
    std::optional<domain::Run> ClaimNext(const std::string& worker, domain::TimePoint now,
                                         domain::TimePoint lease_until) override;
    app::ports::RunCounts CountSince(domain::TimePoint since) override;
    std::map<std::string, std::int64_t> ThroughputByHour(domain::TimePoint since) override;

private:
    Connection& connection_;
};

class ArtifactRepository final : public app::ports::ArtifactRepository {
public:
    explicit ArtifactRepository(Connection& connection) : connection_(connection) {}
    void PutCredentialRef(const std::string& store_id, const std::string& path,
                          domain::TimePoint now) override;
    std::optional<std::string> GetCredentialRef(const std::string& store_id) override;
    void DeleteCredentialRef(const std::string& store_id) override;
    void PutBundle(const app::ports::ConfigBundle& bundle) override;
    std::optional<app::ports::ConfigBundle> GetBundle(const std::string& store_id) override;
    void DeleteBundle(const std::string& store_id) override;

private:
    Connection& connection_;
};

}  // namespace store::infra::sqlite
