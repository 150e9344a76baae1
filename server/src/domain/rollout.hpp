#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/field_error.hpp"
#include "domain/store.hpp"
#include "domain/validation.hpp"
#include "domain/workflow.hpp"

namespace store::domain {

// Rollouts: many stores provisioned (or decommissioned) in waves — a canary, then batches —
// with an optional wait between waves, a pause after the canary, and a failure limit after
// which the rollout halts by itself. This file holds the rules only: which wave each store is
// in, what happens when a wave ends, and what each operator action may do in which status.
// The application layer (app/rollout_service.cpp) starts the runs and keeps the state.

enum class RolloutAction { kProvision, kDecommission };
enum class RolloutStatus { kRunning, kPaused, kHalted, kAborted, kCompleted };
enum class RolloutItemStatus { kPending, kRunning, kSucceeded, kFailed, kCancelled };

std::string_view ToString(RolloutAction action);
std::string_view ToString(RolloutStatus status);
std::string_view ToString(RolloutItemStatus status);
std::optional<RolloutAction> ParseRolloutAction(std::string_view text);
std::optional<RolloutStatus> ParseRolloutStatus(std::string_view text);
std::optional<RolloutItemStatus> ParseRolloutItemStatus(std::string_view text);

/// The run each store of a rollout gets.
RunKind RunKindOf(RolloutAction action);
/// The transition permissions name for the action on a store in its usual starting status
/// (provision of a draft, decommission of an active store).
Transition TransitionOf(RolloutAction action);

inline constexpr std::size_t kMaxRolloutStores = 1000;
inline constexpr std::size_t kMaxRolloutNameLength = 120;
inline constexpr std::int64_t kMaxCanarySize = 100;
inline constexpr std::int64_t kMaxWaitSeconds = 86400;

/// How the stores are split into waves and when the rollout stops by itself.
struct RolloutShape {
    std::int64_t canary_size = 1;   // stores in wave 1, the canary; 0 for none
    std::int64_t batch_size = 10;   // stores in each later wave
    std::int64_t wait_seconds = 0;  // between the end of a wave and the start of the next
    bool pause_after_canary = false;
    std::int64_t max_failure_percent = 0;  // halts when failed > this share of finished
    bool operator==(const RolloutShape&) const = default;
};

/// Every problem of the name and shape at once (empty = valid); fields as the API names them.
FieldErrors ValidateRollout(std::string_view name, const RolloutShape& shape);

/// One store of a rollout and how it went.
struct RolloutItem {
    std::string store_id;
    std::string code;  // as when the rollout was made
    std::string name;
    std::int64_t position = 0;  // 0-based order in the rollout
    std::int64_t wave = 1;      // 1-based; wave 1 is the canary when there is one
    RolloutItemStatus status = RolloutItemStatus::kPending;
    std::optional<std::string> run_id;  // the run of its latest attempt
    std::int64_t attempts = 0;
    std::optional<std::string> error;
    std::optional<TimePoint> started_at;
    std::optional<TimePoint> finished_at;
    bool operator==(const RolloutItem&) const = default;
};

struct RolloutCounts {
    std::int64_t pending = 0;
    std::int64_t running = 0;
    std::int64_t succeeded = 0;
    std::int64_t failed = 0;
    std::int64_t cancelled = 0;
    bool operator==(const RolloutCounts&) const = default;
    void Add(RolloutItemStatus status, std::int64_t n = 1);
};

struct Rollout {
    std::string id;
    std::string name;
    RolloutAction action = RolloutAction::kProvision;
    RolloutStatus status = RolloutStatus::kRunning;
    RolloutShape shape;
    std::int64_t waves = 1;
    std::int64_t current_wave = 1;
    std::optional<TimePoint> next_wave_at;  // the current wave waits until then
    std::optional<std::string> halted_reason;
    bool canary_passed = false;  // the canary ended well once (its pause is not repeated)
    TimePoint created_at;
    std::string created_by;
    Role created_by_role = Role::kOperator;  // the runs it starts act with this role
    std::string request_id;                  // of the request that made it
    TimePoint updated_at;
    std::int64_t version = 1;        // bumped by every change
    RolloutCounts counts;            // of `items`, or read from the database for a summary
    std::vector<RolloutItem> items;  // by position
    bool operator==(const Rollout&) const = default;
};

/// A store a rollout will run: its id, code and name.
struct RolloutStore {
    std::string id;
    std::string code;
    std::string name;
};

/// A new running rollout over `stores` (in that order): wave 1 is the canary of
/// min(canary_size, n) stores when canary_size > 0; the others follow in waves of batch_size.
Rollout NewRollout(std::string id, std::string name, RolloutAction action,
                   const RolloutShape& shape, const std::vector<RolloutStore>& stores,
                   TimePoint now);

RolloutCounts CountItems(const std::vector<RolloutItem>& items);

/// Positions (indexes into `items`) of the stores to start now: the pending stores of the
/// current wave of a running rollout whose wait is over.
std::vector<std::size_t> ItemsToStart(const Rollout& rollout, TimePoint now);

/// The item's run was queued (`run_id`): one more attempt, running.
void MarkStarted(RolloutItem& item, const std::string& run_id, TimePoint now);
/// The item could not start (wrong status, a run in progress, the role): failed with why.
void MarkNotStarted(RolloutItem& item, std::string reason, TimePoint now);
/// The item's run ended.
void MarkFinished(RolloutItem& item, bool succeeded, std::optional<std::string> error,
                  TimePoint now);

/// Why the rollout must halt after wave `ended_wave`, or nothing: any failed store of the
/// canary, or failed stores above max_failure_percent of the finished ones.
std::optional<std::string> HaltReason(const Rollout& rollout, std::int64_t ended_wave);

/// When the current wave of a running rollout has nothing pending or running: halts it (over
/// the limit), pauses it (after the canary, when asked), moves to the next wave with pending
/// stores (starting after the wait), or completes it. Returns true when it changed anything
/// (counts are refreshed).
bool EndWaveIfDone(Rollout& rollout, TimePoint now);

/// Operator actions. Each returns why it is not allowed in the rollout's status (a 409), or
/// an empty string once applied.
std::string Pause(Rollout& rollout);
std::string Resume(Rollout& rollout);
/// Pending stores are cancelled; running ones finish and are recorded.
std::string Abort(Rollout& rollout, TimePoint now);
/// Failed stores are pending again; the rollout runs from the earliest wave holding one.
std::string RetryFailed(Rollout& rollout);

}  // namespace store::domain
