#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/ports/provisioning_records.hpp"
#include "app/ports/records.hpp"
#include "domain/credentials.hpp"
#include "domain/provision_plan.hpp"
#include "domain/rollout.hpp"

namespace store::app::ports {

/// Hardware models and stock items, inside one unit of work.
class InventoryRepository {
public:
    virtual ~InventoryRepository() = default;
    /// Throws kConflict when the same kind/vendor/model exists.
    virtual void InsertModel(const HardwareModel& model) = 0;
    virtual std::optional<HardwareModel> FindModel(const std::string& id) = 0;
    /// Ordered by kind, vendor, model.
    virtual std::vector<HardwareModel> ListModels() = 0;
    /// Throws kConflict when the serial exists.
    virtual void InsertItem(const StockItem& item) = 0;
    virtual std::optional<StockItem> FindItemBySerial(const std::string& serial) = 0;
    /// Ordered by serial; total always filled.
    virtual Page<StockItem> ListItems(const ItemQuery& query) = 0;
    /// Marks up to `count` in-stock items of `kind` (lowest serial first) allocated to
    /// `store_id` and returns them. Concurrent callers never get the same item (PostgreSQL:
    /// FOR UPDATE SKIP LOCKED). Returns fewer than `count` when stock runs out; the caller
    /// then rolls back.
    virtual std::vector<StockItem> ReserveItems(const std::string& store_id,
                                                const std::string& kind, std::int64_t count,
                                                domain::TimePoint now) = 0;
    /// Allocates the item with `serial` to `store_id` if it is in stock; false when it is not
    /// (taken, retired, unknown). Applying a plan takes exactly the items it showed.
    virtual bool ReserveSerial(const std::string& serial, const std::string& store_id,
                               domain::TimePoint now) = 0;
    /// Items allocated or installed at the store, ordered by kind then serial.
    virtual std::vector<StockItem> ItemsForStore(const std::string& store_id) = 0;
    /// Returns every item of the store to stock; returns how many.
    virtual std::int64_t ReleaseItemsForStore(const std::string& store_id,
                                              domain::TimePoint now) = 0;
    /// In-stock items per kind.
    virtual std::map<std::string, std::int64_t> AvailableByKind() = 0;
};

/// Address pools and store segments. No two segments overlap and no store repeats a VLAN id:
/// the database enforces both (PostgreSQL: an exclusion constraint; SQLite: a check inside the
/// serialized write transaction), so they hold under concurrent provisioning.
class NetworkRepository {
public:
    virtual ~NetworkRepository() = default;
    /// Throws kConflict when the pool overlaps another pool.
    virtual void InsertPool(const AddressPool& pool) = 0;
    virtual std::optional<AddressPool> FindPool(const std::string& id) = 0;
    /// Ordered by purpose, then cidr.
    virtual std::vector<AddressPool> ListPools() = 0;
    /// False when unknown; throws kConflict while segments use the pool.
    virtual bool DeletePool(const std::string& id) = 0;
    virtual std::vector<NetworkSegment> SegmentsInPool(const std::string& pool_id) = 0;
    /// Every segment overlapping `cidr` (any store).
    virtual std::vector<NetworkSegment> SegmentsOverlapping(const std::string& cidr) = 0;
    /// Throws kConflict when it overlaps another segment, or the store already has this VLAN
    /// id or purpose.
    virtual void InsertSegment(const NetworkSegment& segment) = 0;
    /// Ordered by VLAN id.
    virtual std::vector<NetworkSegment> SegmentsForStore(const std::string& store_id) = 0;
    virtual std::int64_t ReleaseSegmentsForStore(const std::string& store_id) = 0;
    /// Segments per pool id.
    virtual std::map<std::string, std::int64_t> UsageByPool() = 0;
};

/// Durable provisioning runs (the job queue).
class RunRepository {
public:
    virtual ~RunRepository() = default;
    /// Throws kConflict when the store already has a queued or running run.
    virtual void InsertRun(const domain::Run& run) = 0;
    virtual std::optional<domain::Run> FindRun(const std::string& id) = 0;
    /// Newest first.
    virtual std::vector<domain::Run> RunsForStore(const std::string& store_id) = 0;
    /// Overwrites status, steps, timings, lease and error.
    virtual void UpdateRun(const domain::Run& run) = 0;
    /// Takes the oldest queued/running run whose next_attempt_at <= now and whose lease is free
    /// or expired, sets lease_owner/lease_expires_at and status running, and returns it.
    /// Concurrent claimers (other threads or service replicas) never get the same run
    /// (PostgreSQL: FOR UPDATE SKIP LOCKED).
    virtual std::optional<domain::Run> ClaimNext(const std::string& worker, domain::TimePoint now,
                                                 domain::TimePoint lease_until) = 0;
    /// Runs finished since `since`, and runs still active.
    virtual RunCounts CountSince(domain::TimePoint since) = 0;
    /// Succeeded provisioning runs per hour since `since` (key: hour start, ISO text).
    virtual std::map<std::string, std::int64_t> ThroughputByHour(domain::TimePoint since) = 0;
};

/// What provisioning produced besides rows: the versions of the store's secrets (where they
/// are, never the secrets themselves) and the rendered configuration bundle.
class ArtifactRepository {
public:
    virtual ~ArtifactRepository() = default;
    /// Throws kConflict when the store has that version, or a second current one.
    virtual void InsertCredentialVersion(const domain::CredentialVersion& version) = 0;
    /// Overwrites state, ended_at and ended_by.
    virtual void UpdateCredentialVersion(const domain::CredentialVersion& version) = 0;
    /// Every version of the store's secrets, newest first.
    virtual std::vector<domain::CredentialVersion> CredentialVersions(
        const std::string& store_id) = 0;
    /// Where the current version's secrets are; nullopt when none is current.
    virtual std::optional<std::string> GetCredentialRef(const std::string& store_id) = 0;
    /// Records a render of the store's bundle: stores its content unless that version (same
    /// SHA-256) is kept already, and appends a render. Returns the version's SHA-256.
    virtual std::string PutBundle(const ConfigBundle& bundle,
                                  const std::optional<std::string>& run_id) = 0;
    /// The version of the latest render (without files).
    virtual std::optional<ConfigBundle> GetBundle(const std::string& store_id) = 0;
    /// One version by its SHA-256, with its files when kept.
    virtual std::optional<ConfigBundle> GetBundleVersion(const std::string& store_id,
                                                         const std::string& sha256) = 0;
    /// Every render of the store's bundle, newest first. Kept after a rollback or a
    /// decommission (history); deleted with the store (only drafts are).
    virtual std::vector<BundleRender> ListBundleRenders(const std::string& store_id) = 0;
    /// Keeps a provision plan until `expires`; plans that expired before `plan.created_at` go.
    virtual void InsertPlan(const domain::ProvisionPlan& plan, domain::TimePoint expires) = 0;
    /// The plan with `id` unless it expired before `now`.
    virtual std::optional<domain::ProvisionPlan> FindPlan(const std::string& id,
                                                          domain::TimePoint now) = 0;
};

/// Rollouts and their stores. Reading one `for_update` holds it until the unit of work ends
/// (PostgreSQL: FOR UPDATE; SQLite: the write transaction holds the only write lock), so the
/// replicas driving rollouts change each one in turn.
class RolloutRepository {
public:
    virtual ~RolloutRepository() = default;
    /// The rollout and its items.
    virtual void Insert(const domain::Rollout& rollout) = 0;
    /// With its items (by position) and their counts.
    virtual std::optional<domain::Rollout> Find(const std::string& id, bool for_update) = 0;
    /// Overwrites the rollout's own columns (status, waves, times, version), not its items.
    virtual void Update(const domain::Rollout& rollout) = 0;
    /// Overwrites the items' status, run, attempts, error and times.
    virtual void UpdateItems(const std::string& rollout_id,
                             const std::vector<domain::RolloutItem>& items) = 0;
    /// Newest first, without items but with their counts; `total` counts every match.
    virtual Page<domain::Rollout> List(std::optional<domain::RolloutStatus> status,
                                       std::int64_t limit) = 0;
    /// Ids of the rollouts with work to do at `now`: running ones whose wait is over, and any
    /// with a store still running (its result is still to be recorded). Oldest first.
    virtual std::vector<std::string> Due(domain::TimePoint now, std::int64_t limit) = 0;
};

}  // namespace store::app::ports
