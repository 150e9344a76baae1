#include "domain/workflow.hpp"

#include <algorithm>
#include <array>
#include <cmath>

#include "domain/enum_text.hpp"

namespace store::domain {
namespace {

constexpr std::array<std::pair<RunKind, std::string_view>, 3> kKinds{
    {{RunKind::kProvision, "provision"},
     {RunKind::kDecommission, "decommission"},
     {RunKind::kRollback, "rollback"}}};
constexpr std::array<std::pair<RunStatus, std::string_view>, 4> kRunStatuses{
    {{RunStatus::kQueued, "queued"},
     {RunStatus::kRunning, "running"},
     {RunStatus::kSucceeded, "succeeded"},
     {RunStatus::kFailed, "failed"}}};
constexpr std::array<std::pair<StepStatus, std::string_view>, 5> kStepStatuses{
    {{StepStatus::kPending, "pending"},
     {StepStatus::kRunning, "running"},
     {StepStatus::kSucceeded, "succeeded"},
     {StepStatus::kFailed, "failed"},
     {StepStatus::kSkipped, "skipped"}}};

constexpr std::array<std::pair<Transition, std::string_view>, 5> kTransitions{
    {{Transition::kProvision, "provision"},
     {Transition::kRetry, "retry"},
     {Transition::kRollback, "rollback"},
     {Transition::kDecommission, "decommission"},
     {Transition::kRotate, "rotate"}}};

}  // namespace

std::string_view ToString(Transition transition) { return EnumName(kTransitions, transition); }

Transition TransitionOf(RunKind kind, StoreStatus from) {
    switch (kind) {
        case RunKind::kProvision:
            return from == StoreStatus::kFailed ? Transition::kRetry : Transition::kProvision;
        case RunKind::kRollback: return Transition::kRollback;
        case RunKind::kDecommission: return Transition::kDecommission;
    }
    return Transition::kProvision;
}

std::string TransitionRoles::Refusal(Transition transition, Role actor) const {
    const Role needed = For(transition);
    if (RoleAtLeast(actor, needed)) {
        return {};
    }
    return std::string(ToString(transition)) + " needs the " + std::string(ToString(needed)) +
           " role (you are " + std::string(ToString(actor)) + ")";
}

Role TransitionRoles::For(Transition transition) const {
    switch (transition) {
        case Transition::kProvision: return provision;
        case Transition::kRetry: return retry;
        case Transition::kRollback: return rollback;
        case Transition::kDecommission: return decommission;
        case Transition::kRotate: return rotate;
    }
    return Role::kAdmin;
}

std::string_view ToString(RunKind kind) { return EnumName(kKinds, kind); }
std::string_view ToString(RunStatus status) { return EnumName(kRunStatuses, status); }
std::string_view ToString(StepStatus status) { return EnumName(kStepStatuses, status); }
std::optional<RunKind> ParseRunKind(std::string_view text) { return FindEnum(kKinds, text); }
std::optional<RunStatus> ParseRunStatus(std::string_view text) {
    return FindEnum(kRunStatuses, text);
}
std::optional<StepStatus> ParseStepStatus(std::string_view text) {
    return FindEnum(kStepStatuses, text);
}

const std::vector<std::string>& StepsOf(RunKind kind) {
    static const std::vector<std::string> kProvisionSteps{"validate",          "allocate_network",
                                                          "allocate_hardware", "issue_credentials",
                                                          "render_configs",    "activate"};
    static const std::vector<std::string> kDecommissionSteps{
        "release_hardware", "revoke_credentials", "release_network", "archive"};
    static const std::vector<std::string> kRollbackSteps{"release_hardware", "revoke_credentials",
                                                         "release_network", "reset_to_draft"};
    switch (kind) {
        case RunKind::kProvision: return kProvisionSteps;
        case RunKind::kDecommission: return kDecommissionSteps;
        case RunKind::kRollback: return kRollbackSteps;
    }
    return kProvisionSteps;
}

RunStep* Run::CurrentStep() {
    for (auto& step : steps) {
        if (step.status != StepStatus::kSucceeded && step.status != StepStatus::kSkipped) {
            return &step;
        }
    }
    return nullptr;
}

Run NewRun(std::string id, std::string store_id, RunKind kind, TimePoint now,
           std::string requested_by, std::string request_id) {
    Run run;
    run.id = std::move(id);
    run.store_id = std::move(store_id);
    run.kind = kind;
    run.status = RunStatus::kQueued;
    for (const auto& name : StepsOf(kind)) {
        run.steps.push_back(RunStep{name, StepStatus::kPending, 0, std::nullopt, std::nullopt, ""});
    }
    run.created_at = run.updated_at = run.next_attempt_at = now;
    run.requested_by = std::move(requested_by);
    run.request_id = std::move(request_id);
    return run;
}

std::chrono::milliseconds Backoff(int attempt, std::chrono::milliseconds base,
                                  std::chrono::milliseconds cap, double unit_random) {
    const double exponent = std::min(attempt, 30);
    const double ceiling = std::min(static_cast<double>(cap.count()),
                                    static_cast<double>(base.count()) * std::pow(2.0, exponent));
    const double low = static_cast<double>(base.count());
    const double value = low + std::clamp(unit_random, 0.0, 1.0) * std::max(0.0, ceiling - low);
    return std::chrono::milliseconds(static_cast<std::int64_t>(value));
}

}  // namespace store::domain
