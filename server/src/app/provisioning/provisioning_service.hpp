#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/context.hpp"
#include "app/ports/cache.hpp"
#include "app/ports/clock.hpp"
#include "app/ports/database.hpp"
#include "app/ports/event_bus.hpp"
#include "app/ports/random_source.hpp"
#include "app/ports/secret_store.hpp"
#include "domain/audit_diff.hpp"
#include "domain/bundle_diff.hpp"
#include "domain/provision_plan.hpp"
#include "domain/workflow.hpp"

namespace store::app {

struct RunSummary {
    ports::RunCounts last_24h;
    std::map<std::string, std::int64_t> throughput_by_hour;  // succeeded provisioning runs
};

/// What a transition request produced: the queued run and the store as the transition left it
/// (the worker may change it again at once).
struct StartedRun {
    domain::Run run;
    domain::Store store;
};

/// A provision plan with the configuration bundle it would render, diffed per file against the
/// store's current bundle (`current_bundle`, absent before the first render).
struct PlanView {
    domain::ProvisionPlan plan;
    std::optional<std::string> current_bundle;
    std::vector<domain::FileDiff> bundle;
};

struct BulkItemResult {
    std::string id;
    bool accepted = false;
    std::string run_id;
    std::string reason;  // why not
};

/// The provisioning use cases: transitions create durable runs (executed step by step by the
/// workers, jobs/run_worker.cpp, with the steps of app/provisioning/steps/), and the reads of
/// what a run produced.
class ProvisioningService {
public:
    ProvisioningService(ports::Database& database, ports::StoreCache& cache,
                        const ports::Clock& clock, ports::RandomSource& random,
                        ports::EventBus& events);

    /// provision / decommission / rollback with optimistic locking: 412 stale, 409 illegal
    /// transition or run in progress, then 403 when the actor's role is below the transition's
    /// (TransitionRoles; a provision of a failed store is a retry). Returns the queued run.
    /// With `plan_id` (a provision only), the run applies exactly that plan: in the same
    /// transaction the plan's segments are allocated and its devices reserved, or 409 naming
    /// what changed since it was made (AppError::PlanChanged) or why it cannot be applied.
    StartedRun Start(const std::string& store_id, std::int64_t expected_version,
                     domain::RunKind kind, const RequestMeta& meta,
                     const std::optional<std::string>& plan_id = std::nullopt);
    /// What provisioning the store would do now (nothing changes but the plan being kept for
    /// domain::kPlanLifetime; audited as store.planned): 404, 409 when the store cannot be
    /// provisioned in its status, 403 when the caller's role may not start that provision (or
    /// retry).
    PlanView Plan(const std::string& store_id, const RequestMeta& meta);
    /// Start's checks and writes inside the caller's unit of work, not committed: the caller
    /// commits, then calls Announce. Without `expected_version` the store's current version is
    /// taken (a rollout starting its stores). `extra_changes` go into the audit entry.
    StartedRun StartIn(ports::UnitOfWork& uow, const std::string& store_id,
                       std::optional<std::int64_t> expected_version, domain::RunKind kind,
                       const RequestMeta& meta,
                       const std::optional<std::string>& plan_id = std::nullopt,
                       std::vector<domain::FieldChange> extra_changes = {});
    /// After StartIn's unit of work committed: the cache, the store's event, the workers.
    void Announce(const StartedRun& started, const RequestMeta& meta);
    /// `activate` (= provision) or `decommission` for up to 1,000 stores, each independently.
    std::vector<BulkItemResult> Bulk(domain::RunKind kind, const std::vector<std::string>& ids,
                                     const RequestMeta& meta);

    std::vector<domain::Run> Runs(const std::string& store_id);
    domain::Run GetRun(const std::string& store_id, const std::string& run_id);
    std::vector<ports::NetworkSegment> Network(const std::string& store_id);
    std::vector<ports::StockItem> Hardware(const std::string& store_id);
    /// The bundle of the latest render.
    ports::ConfigBundle Bundle(const std::string& store_id);
    /// Every render of the store's bundle, newest first (empty before the first).
    std::vector<ports::BundleRender> BundleHistory(const std::string& store_id);
    /// One version by its SHA-256.
    ports::ConfigBundle BundleVersion(const std::string& store_id, const std::string& sha256);
    /// Per file, what changed from version `from` to version `to`.
    std::vector<domain::FileDiff> BundleDiff(const std::string& store_id, const std::string& from,
                                             const std::string& to);

    /// Provisioning figures of the last 24 hours, for the dashboard.
    RunSummary Summary();

    /// Who may start which transition (permissions.*); the defaults until set.
    void SetTransitionRoles(const domain::TransitionRoles& roles) { roles_ = roles; }
    /// VLAN ids of segments whose plan names none (provisioning.default_vlans), for plans.
    void SetDefaultVlans(std::map<std::string, std::int64_t> vlans) {
        default_vlans_ = std::move(vlans);
    }
    const domain::TransitionRoles& TransitionRoles() const { return roles_; }

    /// Called after Start() so idle workers wake up at once.
    void SetWakeUp(std::function<void()> wake_up) { wake_up_ = std::move(wake_up); }

private:
    /// Checks the plan against what provisioning would do now and takes what it names.
    void ApplyPlan(ports::UnitOfWork& uow, const domain::Store& store, const std::string& plan_id);
    ports::AuditEntry MakeAudit(const RequestMeta& meta, const std::string& store_id,
                                std::string action, std::vector<domain::FieldChange> changes);

    ports::Database& database_;
    ports::StoreCache& cache_;
    const ports::Clock& clock_;
    ports::RandomSource& random_;
    ports::EventBus& events_;
    std::function<void()> wake_up_;
    domain::TransitionRoles roles_;
    std::map<std::string, std::int64_t> default_vlans_;
};

}  // namespace store::app
