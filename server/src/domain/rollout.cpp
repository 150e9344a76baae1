#include "domain/rollout.hpp"

#include <algorithm>
#include <chrono>

#include "domain/enum_text.hpp"

namespace store::domain {
namespace {

constexpr EnumNames<RolloutAction, 2> kActions{
    {{RolloutAction::kProvision, "provision"}, {RolloutAction::kDecommission, "decommission"}}};
constexpr EnumNames<RolloutStatus, 5> kStatuses{{{RolloutStatus::kRunning, "running"},
                                                 {RolloutStatus::kPaused, "paused"},
                                                 {RolloutStatus::kHalted, "halted"},
                                                 {RolloutStatus::kAborted, "aborted"},
                                                 {RolloutStatus::kCompleted, "completed"}}};
constexpr EnumNames<RolloutItemStatus, 5> kItemStatuses{
    {{RolloutItemStatus::kPending, "pending"},
     {RolloutItemStatus::kRunning, "running"},
     {RolloutItemStatus::kSucceeded, "succeeded"},
     {RolloutItemStatus::kFailed, "failed"},
     {RolloutItemStatus::kCancelled, "cancelled"}}};

bool Unfinished(const RolloutItem& item) {
    return item.status == RolloutItemStatus::kPending || item.status == RolloutItemStatus::kRunning;
}

bool IsCanary(const Rollout& rollout, std::int64_t wave) {
    return rollout.shape.canary_size > 0 && wave == 1;
}

std::string Plural(std::int64_t n, std::string_view word) {
    return std::to_string(n) + " " + std::string(word) + (n == 1 ? "" : "s");
}

std::string NotAllowed(std::string_view action, const Rollout& rollout) {
    return "cannot " + std::string(action) + " a rollout that is " +
           std::string(ToString(rollout.status));
}

}  // namespace

std::string_view ToString(RolloutAction action) { return EnumName(kActions, action); }
std::string_view ToString(RolloutStatus status) { return EnumName(kStatuses, status); }
std::string_view ToString(RolloutItemStatus status) { return EnumName(kItemStatuses, status); }
std::optional<RolloutAction> ParseRolloutAction(std::string_view text) {
    return FindEnum(kActions, text);
}
std::optional<RolloutStatus> ParseRolloutStatus(std::string_view text) {
    return FindEnum(kStatuses, text);
}
std::optional<RolloutItemStatus> ParseRolloutItemStatus(std::string_view text) {
    return FindEnum(kItemStatuses, text);
}

RunKind RunKindOf(RolloutAction action) {
    return action == RolloutAction::kDecommission ? RunKind::kDecommission : RunKind::kProvision;
}

Transition TransitionOf(RolloutAction action) {
    return action == RolloutAction::kDecommission ? Transition::kDecommission
                                                  : Transition::kProvision;
}

FieldErrors ValidateRollout(std::string_view name, const RolloutShape& shape) {
    FieldErrors errors = ValidateDisplayName(name, "name", kMaxRolloutNameLength);
    const auto range = [&errors](const char* field, std::int64_t value, std::int64_t min,
                                 std::int64_t max) {
        if (value < min || value > max) {
            errors.push_back(
                {field, "must be from " + std::to_string(min) + " to " + std::to_string(max)});
        }
    };
    range("canarySize", shape.canary_size, 0, kMaxCanarySize);
    range("batchSize", shape.batch_size, 1, static_cast<std::int64_t>(kMaxRolloutStores));
    range("waitSeconds", shape.wait_seconds, 0, kMaxWaitSeconds);
    range("maxFailurePercent", shape.max_failure_percent, 0, 100);
    return errors;
}

void RolloutCounts::Add(RolloutItemStatus status, std::int64_t n) {
    switch (status) {
        case RolloutItemStatus::kPending: pending += n; break;
        case RolloutItemStatus::kRunning: running += n; break;
        case RolloutItemStatus::kSucceeded: succeeded += n; break;
        case RolloutItemStatus::kFailed: failed += n; break;
        case RolloutItemStatus::kCancelled: cancelled += n; break;
    }
}

Rollout NewRollout(std::string id, std::string name, RolloutAction action,
                   const RolloutShape& shape, const std::vector<RolloutStore>& stores,
                   TimePoint now) {
    Rollout rollout;
    rollout.id = std::move(id);
    rollout.name = std::move(name);
    rollout.action = action;
    rollout.shape = shape;
    rollout.created_at = now;
    rollout.updated_at = now;
    const auto canary = std::min<std::int64_t>(std::max<std::int64_t>(shape.canary_size, 0),
                                               static_cast<std::int64_t>(stores.size()));
    const auto batch = std::max<std::int64_t>(shape.batch_size, 1);
    for (std::size_t i = 0; i < stores.size(); ++i) {
        const auto position = static_cast<std::int64_t>(i);
        RolloutItem item;
        item.store_id = stores[i].id;
        item.code = stores[i].code;
        item.name = stores[i].name;
        item.position = position;
        item.wave = position < canary ? 1 : (canary > 0 ? 2 : 1) + (position - canary) / batch;
        rollout.waves = std::max(rollout.waves, item.wave);
        rollout.items.push_back(std::move(item));
    }
    rollout.counts = CountItems(rollout.items);
    return rollout;
}

RolloutCounts CountItems(const std::vector<RolloutItem>& items) {
    RolloutCounts counts;
    for (const auto& item : items) {
        counts.Add(item.status);
    }
    return counts;
}

std::vector<std::size_t> ItemsToStart(const Rollout& rollout, TimePoint now) {
    std::vector<std::size_t> positions;
    if (rollout.status != RolloutStatus::kRunning ||
        (rollout.next_wave_at && now < *rollout.next_wave_at)) {
        return positions;
    }
    for (std::size_t i = 0; i < rollout.items.size(); ++i) {
        const auto& item = rollout.items[i];
        if (item.wave == rollout.current_wave && item.status == RolloutItemStatus::kPending) {
            positions.push_back(i);
        }
    }
    return positions;
}

void MarkStarted(RolloutItem& item, const std::string& run_id, TimePoint now) {
    item.status = RolloutItemStatus::kRunning;
    item.run_id = run_id;
    item.attempts += 1;
    item.error.reset();
    item.started_at = now;
    item.finished_at.reset();
}

void MarkNotStarted(RolloutItem& item, std::string reason, TimePoint now) {
    item.status = RolloutItemStatus::kFailed;
    item.attempts += 1;
    item.error = std::move(reason);
    item.started_at = now;
    item.finished_at = now;
}

void MarkFinished(RolloutItem& item, bool succeeded, std::optional<std::string> error,
                  TimePoint now) {
    item.status = succeeded ? RolloutItemStatus::kSucceeded : RolloutItemStatus::kFailed;
    item.error = succeeded ? std::nullopt : std::move(error);
    item.finished_at = now;
}

std::optional<std::string> HaltReason(const Rollout& rollout, std::int64_t ended_wave) {
    if (IsCanary(rollout, ended_wave)) {
        std::int64_t failed = 0;
        std::int64_t canary = 0;
        for (const auto& item : rollout.items) {
            if (item.wave == 1) {
                ++canary;
                failed += item.status == RolloutItemStatus::kFailed ? 1 : 0;
            }
        }
        if (failed > 0) {
            return "the canary failed: " + std::to_string(failed) + " of " +
                   Plural(canary, "store") + " failed";
        }
    }
    const auto counts = CountItems(rollout.items);
    const auto finished = counts.succeeded + counts.failed;
    if (counts.failed == 0 || counts.failed * 100 <= rollout.shape.max_failure_percent * finished) {
        return std::nullopt;
    }
    return std::to_string(counts.failed) + " of " + Plural(finished, "finished store") +
           " failed (" + std::to_string(counts.failed * 100 / finished) +
           "%), above the limit of " + std::to_string(rollout.shape.max_failure_percent) + "%";
}

bool EndWaveIfDone(Rollout& rollout, TimePoint now) {
    if (rollout.status != RolloutStatus::kRunning) {
        return false;
    }
    const auto current = rollout.current_wave;
    const bool wave_busy = std::any_of(
        rollout.items.begin(), rollout.items.end(),
        [current](const RolloutItem& item) { return item.wave == current && Unfinished(item); });
    if (wave_busy) {
        return false;
    }
    rollout.counts = CountItems(rollout.items);
    rollout.next_wave_at.reset();
    if (auto reason = HaltReason(rollout, current)) {
        rollout.status = RolloutStatus::kHalted;
        rollout.halted_reason = std::move(reason);
        return true;
    }
    std::optional<std::int64_t> next;
    for (const auto& item : rollout.items) {
        if (item.status == RolloutItemStatus::kPending && item.wave > current &&
            (!next || item.wave < *next)) {
            next = item.wave;
        }
    }
    if (!next) {
        rollout.status = RolloutStatus::kCompleted;
        return true;
    }
    rollout.current_wave = *next;
    if (IsCanary(rollout, current) && !rollout.canary_passed) {
        rollout.canary_passed = true;
        if (rollout.shape.pause_after_canary) {
            rollout.status = RolloutStatus::kPaused;
            return true;
        }
    }
    if (rollout.shape.wait_seconds > 0) {
        rollout.next_wave_at = now + std::chrono::seconds(rollout.shape.wait_seconds);
    }
    return true;
}

std::string Pause(Rollout& rollout) {
    if (rollout.status != RolloutStatus::kRunning) {
        return NotAllowed("pause", rollout);
    }
    rollout.status = RolloutStatus::kPaused;
    return {};
}

std::string Resume(Rollout& rollout) {
    if (rollout.status != RolloutStatus::kPaused) {
        return NotAllowed("resume", rollout) + (rollout.status == RolloutStatus::kHalted
                                                    ? "; retry its failed stores or abort it"
                                                    : "");
    }
    rollout.status = RolloutStatus::kRunning;
    rollout.next_wave_at.reset();  // resuming starts the next wave at once
    return {};
}

std::string Abort(Rollout& rollout, TimePoint now) {
    if (rollout.status == RolloutStatus::kAborted || rollout.status == RolloutStatus::kCompleted) {
        return NotAllowed("abort", rollout);
    }
    rollout.status = RolloutStatus::kAborted;
    rollout.next_wave_at.reset();
    for (auto& item : rollout.items) {
        if (item.status == RolloutItemStatus::kPending) {
            item.status = RolloutItemStatus::kCancelled;
            item.finished_at = now;
        }
    }
    rollout.counts = CountItems(rollout.items);
    return {};
}

std::string RetryFailed(Rollout& rollout) {
    if (rollout.status == RolloutStatus::kAborted) {
        return NotAllowed("retry the failed stores of", rollout);
    }
    std::optional<std::int64_t> earliest;
    for (auto& item : rollout.items) {
        if (item.status == RolloutItemStatus::kFailed) {
            item.status = RolloutItemStatus::kPending;
            item.finished_at.reset();
            earliest = std::min(earliest.value_or(item.wave), item.wave);
        }
    }
    if (!earliest) {
        return "the rollout has no failed stores to retry";
    }
    // Stores already running in a later wave keep running; the earliest retried wave runs
    // first, and the rollout then moves on to every later wave with pending stores.
    rollout.current_wave = std::min(rollout.current_wave, *earliest);
    rollout.status = RolloutStatus::kRunning;
    rollout.halted_reason.reset();
    rollout.next_wave_at.reset();
    rollout.counts = CountItems(rollout.items);
    return {};
}

}  // namespace store::domain
