#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/store.hpp"
#include "domain/validation.hpp"

namespace store::domain {

/// What a run does to a store.
enum class RunKind {
    kProvision,     // draft|failed -> provisioning -> active
    kDecommission,  // active -> decommissioning -> decommissioned
    kRollback,      // failed -> draft, releasing whatever was reserved
};
enum class RunStatus { kQueued, kRunning, kSucceeded, kFailed };
enum class StepStatus { kPending, kRunning, kSucceeded, kFailed, kSkipped };

std::string_view ToString(RunKind kind);
std::string_view ToString(RunStatus status);
std::string_view ToString(StepStatus status);
std::optional<RunKind> ParseRunKind(std::string_view text);
std::optional<RunStatus> ParseRunStatus(std::string_view text);
std::optional<StepStatus> ParseStepStatus(std::string_view text);

/// What an operator asks of a store, as permissions name it: a provision run of a failed store
/// is a retry.
/// Rotating credentials (and restoring, releasing or revoking a version) is not a run, but the
/// same permission rule covers it.
enum class Transition { kProvision, kRetry, kRollback, kDecommission, kRotate };

std::string_view ToString(Transition transition);
Transition TransitionOf(RunKind kind, StoreStatus from);

/// The role each transition needs (configuration: permissions.*). Decommissioning ends a store
/// and rotation changes what its devices log in with: admins only, unless configured otherwise.
struct TransitionRoles {
    Role provision = Role::kOperator;
    Role retry = Role::kOperator;
    Role rollback = Role::kOperator;
    Role decommission = Role::kAdmin;
    Role rotate = Role::kAdmin;

    Role For(Transition transition) const;
    /// Why `actor` may not start `transition` ("decommission needs the admin role (you are
    /// operator)"); empty when it may.
    std::string Refusal(Transition transition, Role actor) const;
};

/// The ordered step names of each kind.
const std::vector<std::string>& StepsOf(RunKind kind);

struct RunStep {
    std::string name;
    StepStatus status = StepStatus::kPending;
    int attempts = 0;
    std::optional<TimePoint> started_at;
    std::optional<TimePoint> finished_at;
    std::string message;
    bool operator==(const RunStep&) const = default;
};

/// A durable provisioning job.
struct Run {
    std::string id;
    std::string store_id;
    RunKind kind = RunKind::kProvision;
    RunStatus status = RunStatus::kQueued;
    std::vector<RunStep> steps;
    TimePoint created_at;
    TimePoint updated_at;
    std::optional<TimePoint> finished_at;
    TimePoint next_attempt_at;  // not claimed before this (backoff)
    std::string lease_owner;    // worker holding it; empty when free
    std::optional<TimePoint> lease_expires_at;
    std::string requested_by;
    std::string request_id;
    std::string error;  // why it failed
    bool operator==(const Run&) const = default;

    /// The first step that has not succeeded or been skipped; nullptr when all are done.
    RunStep* CurrentStep();
};

Run NewRun(std::string id, std::string store_id, RunKind kind, TimePoint now,
           std::string requested_by, std::string request_id);

/// Exponential backoff with full jitter: a delay in [base, min(cap, base * 2^attempt)],
/// `unit_random` in [0, 1) picks where.
std::chrono::milliseconds Backoff(int attempt, std::chrono::milliseconds base,
                                  std::chrono::milliseconds cap, double unit_random);

}  // namespace store::domain
