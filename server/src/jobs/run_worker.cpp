#include "jobs/run_worker.hpp"

#include "app/errors.hpp"
#include "app/events.hpp"
#include "app/provisioning/fail_run.hpp"

namespace store::jobs {

using app::AppError;
using app::ErrorCode;
using domain::RunStatus;
using domain::StepStatus;

RunWorker::RunWorker(RunWorkerSettings settings, const app::provisioning::StepTable& steps,
                     const app::provisioning::StepContext& context)
    : settings_(settings), steps_(steps), context_(context) {}

bool RunWorker::Work(const std::string& worker_id) {
    const auto& clock = context_.clock;
    std::optional<domain::Run> claimed;
    {
        const auto now = clock.Now();
        auto uow = context_.database.Begin(app::ports::TxKind::kWrite);
        claimed = uow->Runs().ClaimNext(worker_id, now, now + settings_.lease);
        uow->Commit();
    }
    if (!claimed) {
        return false;
    }
    domain::Run& run = *claimed;
    while (auto* step = run.CurrentStep()) {
        step->status = StepStatus::kRunning;
        step->attempts += 1;
        if (!step->started_at) {
            step->started_at = clock.Now();  // the first attempt: retry windows count from here
        }
        step->message.clear();
        run.updated_at = clock.Now();
        run.lease_expires_at = clock.Now() + settings_.lease;  // each step renews the lease
        Save(run);
        context_.events.Publish(app::StepEvent(run, *step, clock.Now()));
        if (!RunStep(run, *step)) {
            return true;
        }
        run.updated_at = clock.Now();
        Save(run);
        context_.events.Publish(app::StepEvent(run, *step, clock.Now()));
    }
    run.status = RunStatus::kSucceeded;
    run.finished_at = run.updated_at = clock.Now();
    run.lease_owner.clear();
    run.lease_expires_at.reset();
    Save(run);
    Finished(run);
    return true;
}

bool RunWorker::RunStep(domain::Run& run, domain::RunStep& step) {
    const auto& clock = context_.clock;
    try {
        auto* implementation = steps_.Find(step.name);
        if (implementation == nullptr) {
            throw app::provisioning::PermanentFailure("unknown step " + step.name);
        }
        const auto outcome = implementation->Execute(run);
        step.status = StepStatus::kSucceeded;
        step.message = outcome.message;
        step.finished_at = clock.Now();
        return true;
    } catch (const app::provisioning::PermanentFailure& failure) {
        Fail(run, step, failure.what());
        return false;
    } catch (const AppError& error) {
        // Transient (database, secret store, lost race): retry with backoff, or give up.
        // A dependency that is down (breaker open, timeout) is waited for, up to a time
        // window; other transient failures (lost races) get a number of attempts.
        const bool dependency_down = error.code() == ErrorCode::kDependencyUnavailable;
        const bool transient = dependency_down || error.code() == ErrorCode::kConflict;
        const bool exhausted =
            dependency_down
                ? clock.Now() - step.started_at.value_or(clock.Now()) >= settings_.dependency_retry
                : step.attempts >= settings_.max_attempts;
        if (!transient || exhausted) {
            Fail(run, step,
                 error.detail() +
                     (transient ? " (gave up after " + std::to_string(step.attempts) + " attempts)"
                                : ""));
            return false;
        }
        const auto delay =
            domain::Backoff(step.attempts - 1, settings_.backoff_base, settings_.backoff_cap,
                            static_cast<double>(context_.random.NewUuid()[0] % 16) / 16.0);
        step.status = StepStatus::kPending;
        step.message = "retrying in " + std::to_string(delay.count()) + " ms: " + error.detail();
        run.next_attempt_at = clock.Now() + delay;
        run.lease_owner.clear();
        run.lease_expires_at.reset();
        run.updated_at = clock.Now();
        Save(run);
        context_.events.Publish(app::StepEvent(run, step, clock.Now()));
        return false;
    }
}

void RunWorker::Fail(domain::Run& run, domain::RunStep& step, std::string message) {
    step.status = StepStatus::kFailed;
    step.message = std::move(message);
    step.finished_at = context_.clock.Now();
    app::provisioning::FailRun(context_, run, step.name + ": " + step.message);
    context_.events.Publish(app::StepEvent(run, step, context_.clock.Now()));
    Finished(run);
}

void RunWorker::Save(const domain::Run& run) {
    auto uow = context_.database.Begin(app::ports::TxKind::kWrite);
    uow->Runs().UpdateRun(run);
    uow->Commit();
}

void RunWorker::Finished(const domain::Run& run) {
    context_.events.Publish(app::RunEvent(run, context_.clock.Now()));
    if (run_finished_) {
        run_finished_(run);
    }
}

}  // namespace store::jobs
