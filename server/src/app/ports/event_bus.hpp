#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "domain/rollout.hpp"
#include "domain/store.hpp"
#include "domain/workflow.hpp"

namespace store::app::ports {

// A change worth telling live clients about, typed: one struct per kind. Their JSON (the
// `data` member of docs/api.md's "Live events") is written at the edge, ws/event_json.cpp.

enum class StoreChange { kCreated, kUpdated, kDeleted, kStatusChanged };

/// store.created / store.updated / store.deleted / store.status_changed: a summary of the
/// store (enough for a list row or a feed line; clients refetch details).
struct StoreChanged {
    StoreChange change = StoreChange::kUpdated;
    std::string id;
    std::string code;
    std::string name;
    std::string type;
    domain::StoreStatus status = domain::StoreStatus::kDraft;
    std::int64_t version = 0;
    std::string actor;
    bool operator==(const StoreChanged&) const = default;
};

enum class TemplateChange { kCreated, kUpdated, kDeleted };

/// template.created / template.updated / template.deleted.
struct TemplateChanged {
    TemplateChange change = TemplateChange::kUpdated;
    std::string id;
    std::string name;
    std::int64_t version = 0;
    std::string actor;
    bool operator==(const TemplateChanged&) const = default;
};

/// run.step_changed: the run's status and one step.
struct StepChanged {
    std::string run_id;
    std::string store_id;
    domain::RunKind kind = domain::RunKind::kProvision;
    domain::RunStatus run_status = domain::RunStatus::kQueued;
    std::string step;
    domain::StepStatus status = domain::StepStatus::kPending;
    std::int64_t attempts = 0;
    std::string message;
    bool operator==(const StepChanged&) const = default;
};

/// run.finished: the run's final status (and error, empty when it succeeded).
struct RunFinished {
    std::string run_id;
    std::string store_id;
    domain::RunKind kind = domain::RunKind::kProvision;
    domain::RunStatus status = domain::RunStatus::kSucceeded;
    std::string error;
    bool operator==(const RunFinished&) const = default;
};

/// rollout.updated: the rollout's status, wave and per-status store counts.
struct RolloutChanged {
    std::string id;
    std::string name;
    domain::RolloutAction action = domain::RolloutAction::kProvision;
    domain::RolloutStatus status = domain::RolloutStatus::kRunning;
    std::int64_t current_wave = 1;
    std::int64_t waves = 1;
    domain::RolloutCounts counts;
    std::string actor;
    bool operator==(const RolloutChanged&) const = default;
};

/// capacity.changed: what provisioning draws on changed outside a run — an address pool of
/// `name` (its purpose) was added or removed (`resource` "pool"), or stock items of hardware kind
/// `name` were added (`resource` "hardware"). The forecast reads these.
struct CapacityChanged {
    std::string resource;
    std::string name;
    std::string actor;
    bool operator==(const CapacityChanged&) const = default;
};

/// system.breaker_changed: a dependency's circuit breaker moved (this replica only).
struct BreakerChanged {
    std::string dependency;
    std::string from;  // closed, half_open, open
    std::string to;
    std::string reason;
    bool operator==(const BreakerChanged&) const = default;
};

/// alert.raised (this replica only).
struct AlertRaised {
    std::string id;
    std::string severity;  // info, warning, critical
    std::string source;
    std::string title;
    std::string message;
    bool operator==(const AlertRaised&) const = default;
};

/// access.revoked: internal, between replicas only (never sent to live clients). The access
/// of `subject` ended: "user:<id>" — access tokens of a session epoch below `epoch` end
/// (a deleted user: the largest epoch); "token:<id>" — the automation token was revoked.
struct AccessRevoked {
    std::string subject;
    std::int64_t epoch = 0;
    bool operator==(const AccessRevoked&) const = default;
};

using EventData =
    std::variant<StoreChanged, TemplateChanged, StepChanged, RunFinished, RolloutChanged,
                 CapacityChanged, BreakerChanged, AlertRaised, AccessRevoked>;

struct Event {
    domain::TimePoint time;
    EventData data;
    bool operator==(const Event&) const = default;
};

/// "store.created", "run.step_changed", … : the `type` clients read.
std::string_view TypeOf(const Event& event);

/// Fan-out of events to subscribers (in-process; across replicas in production).
/// Publish never blocks on subscribers and never throws.
class EventBus {
public:
    using Handler = std::function<void(const Event&)>;
    virtual ~EventBus() = default;
    virtual void Publish(const Event& event) = 0;
    virtual std::uint64_t Subscribe(Handler handler) = 0;
    virtual void Unsubscribe(std::uint64_t id) = 0;
};

/// The JSON of an event's `data` and back. Implemented at the edge (ws/event_json.cpp, the
/// form live clients read); the relay between replicas uses it to carry events as text.
class EventCodec {
public:
    virtual ~EventCodec() = default;
    virtual std::string EncodeData(const Event& event) const = 0;
    /// nullopt for an unknown type or data that does not fit it.
    virtual std::optional<Event> Decode(std::string_view type, domain::TimePoint time,
                                        std::string_view data_json) const = 0;
};

}  // namespace store::app::ports
