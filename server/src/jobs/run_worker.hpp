#pragma once

#include <chrono>
#include <functional>
#include <string>

#include "app/provisioning/step_table.hpp"

namespace store::jobs {

/// How the worker retries and leases (provisioning.* in the configuration).
struct RunWorkerSettings {
    std::chrono::seconds lease{30};
    int max_attempts = 5;  // per step, for transient failures such as lost races
    /// A step whose dependency is unavailable (database, secret store: breaker open, timeout)
    /// keeps retrying with backoff for this long, however many attempts that takes.
    std::chrono::seconds dependency_retry{900};
    std::chrono::milliseconds backoff_base{500};
    std::chrono::milliseconds backoff_cap{30000};
};

/// The durable side of a run: claims a due run with a lease, executes its steps in order
/// (looked up in the step table), records each step's result in its own transaction, retries
/// transient failures with backoff and fails the run on a permanent one. A run whose worker
/// died is claimed again once its lease expires, here or on another replica.
class RunWorker {
public:
    RunWorker(RunWorkerSettings settings, const app::provisioning::StepTable& steps,
              const app::provisioning::StepContext& context);

    /// Claims one due run and works on it until it finishes or waits for a retry.
    /// Returns false when there was nothing to do.
    bool Work(const std::string& worker_id);
    /// Called once for every run this process finishes (succeeded or failed), e.g. to count
    /// runs in metrics. Local only: unlike events it is never relayed to other replicas.
    void SetRunFinished(std::function<void(const domain::Run&)> hook) {
        run_finished_ = std::move(hook);
    }

private:
    /// Runs the current step once; false when the run stops here (failed, or waits for a retry).
    bool RunStep(domain::Run& run, domain::RunStep& step);
    void Save(const domain::Run& run);
    void Finished(const domain::Run& run);
    void Fail(domain::Run& run, domain::RunStep& step, std::string message);

    RunWorkerSettings settings_;
    const app::provisioning::StepTable& steps_;
    const app::provisioning::StepContext& context_;
    std::function<void(const domain::Run&)> run_finished_;
};

}  // namespace store::jobs
