#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <mutex>
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
#include "domain/lifecycle.hpp"
#include "domain/workflow.hpp"

namespace store::app {

struct ProvisioningSettings {
    std::chrono::seconds lease{30};
    int max_attempts = 5;  // per step, for transient failures such as lost races
    /// A step whose dependency is unavailable (database, secret store: breaker open, timeout)
    /// keeps retrying with backoff for this long, however many attempts that takes.
    std::chrono::seconds dependency_retry{900};
    std::chrono::milliseconds backoff_base{500};
    std::chrono::milliseconds backoff_cap{30000};
    std::map<std::string, std::int64_t> default_vlans{
        {"pos", 10}, {"corporate", 20}, {"guest", 30}, {"iot", 40}, {"management", 99}};
    /// Test-only fault injection from configuration: step name -> how many times it fails
    /// with a transient error before it is allowed to run ("allocate_network" -> 2).
    std::map<std::string, int> inject_transient_failures;
};

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

struct BulkItemResult {
    std::string id;
    bool accepted = false;
    std::string run_id;
    std::string reason;  // why not
};

/// The provisioning workflow: transitions create durable runs; workers execute their steps.
/// Every step is idempotent, so a run resumed after a crash neither allocates twice nor fails.
class ProvisioningService {
public:
    ProvisioningService(ProvisioningSettings settings, ports::Database& database,
                        ports::StoreCache& cache, ports::SecretStore& secrets,
                        ports::Compressor& compressor, const ports::Clock& clock,
                        ports::RandomSource& random, ports::EventBus& events);

    /// provision / decommission / rollback with optimistic locking: 412 stale, 409 illegal
    /// transition or run in progress. Returns the queued run.
    StartedRun Start(const std::string& store_id, std::int64_t expected_version,
                     domain::RunKind kind, const RequestMeta& meta);
    /// `activate` (= provision) or `decommission` for up to 1,000 stores, each independently.
    std::vector<BulkItemResult> Bulk(domain::RunKind kind, const std::vector<std::string>& ids,
                                     const RequestMeta& meta);

    std::vector<domain::Run> Runs(const std::string& store_id);
    domain::Run GetRun(const std::string& store_id, const std::string& run_id);
    std::vector<ports::NetworkSegment> Network(const std::string& store_id);
    std::vector<ports::StockItem> Hardware(const std::string& store_id);
    ports::ConfigBundle Bundle(const std::string& store_id);
    /// Reveals the store's secrets; writes an audit entry saying who looked.
    ports::Secret Credentials(const std::string& store_id, const RequestMeta& meta);

    /// Provisioning figures of the last 24 hours, for the dashboard.
    RunSummary Summary();

    /// Claims one due run and works on it until it finishes or waits for a retry.
    /// Returns false when there was nothing to do.
    bool Work(const std::string& worker_id);
    /// Called after Start() so idle workers wake up at once.
    void SetWakeUp(std::function<void()> wake_up) { wake_up_ = std::move(wake_up); }
    /// Called once for every run this process finishes (succeeded or failed), e.g. to count
    /// runs in metrics. Local only: unlike events it is never relayed to other replicas.
    void SetRunFinished(std::function<void(const domain::Run&)> hook) { run_finished_ = std::move(hook); }

private:
    struct StepOutcome {
        std::string message;
    };
    class PermanentFailure;

    StepOutcome Execute(domain::Run& run, const std::string& step);
    StepOutcome Validate(const domain::Store& store);
    StepOutcome AllocateNetwork(const domain::Store& store);
    StepOutcome AllocateHardware(const domain::Store& store);
    StepOutcome IssueCredentials(const domain::Store& store, const domain::Run& run);
    StepOutcome RenderConfigs(const domain::Store& store);
    StepOutcome Transition(const std::string& store_id, domain::LifecycleEvent event,
                           const domain::Run& run);
    StepOutcome ReleaseHardware(const std::string& store_id, const domain::Run& run);
    StepOutcome RevokeCredentials(const std::string& store_id, const domain::Run& run);
    StepOutcome ReleaseNetwork(const std::string& store_id, const domain::Run& run);

    domain::Store LoadStore(const std::string& store_id);
    void Save(const domain::Run& run);
    void Audit(ports::UnitOfWork& uow, const domain::Run& run, std::string action,
               std::vector<domain::FieldChange> changes);
    void FailStore(domain::Run& run, const std::string& reason);
    bool ShouldInjectFailure(const std::string& step);

    ProvisioningSettings settings_;
    ports::Database& database_;
    ports::StoreCache& cache_;
    ports::SecretStore& secrets_;
    ports::Compressor& compressor_;
    const ports::Clock& clock_;
    ports::RandomSource& random_;
    ports::EventBus& events_;
    std::function<void()> wake_up_;
    std::function<void(const domain::Run&)> run_finished_;
    void Finished(const domain::Run& run);
    std::mutex faults_mutex_;
    std::map<std::string, int> injected_so_far_;
};

}  // namespace store::app
