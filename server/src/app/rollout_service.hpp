#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "app/context.hpp"
#include "app/ports/clock.hpp"
#include "app/ports/database.hpp"
#include "app/ports/event_bus.hpp"
#include "app/ports/random_source.hpp"
#include "app/provisioning/provisioning_service.hpp"
#include "domain/rollout.hpp"
#include "domain/store_query.hpp"

namespace store::app {

/// What POST /api/rollouts asks for: the stores by id or by the store list's filters (exactly
/// one of the two), and how to split them into waves.
struct RolloutRequest {
    std::string name;
    domain::RolloutAction action = domain::RolloutAction::kProvision;
    std::optional<std::vector<std::string>> store_ids;
    std::optional<domain::StoreQuery> filter;
    domain::RolloutShape shape;
};

/// Rollouts: create, read, and the operator actions; and Advance, which the rollout driver
/// (jobs/rollout_driver.cpp) calls on every replica to move them on. All state is in the
/// database: each store is started in its own transaction that also marks it running in the
/// rollout, under the rollout's row lock, so a store is started once per attempt however many
/// replicas drive the rollout and whenever one of them dies.
class RolloutService {
public:
    RolloutService(ports::Database& database, ProvisioningService& provisioning,
                   const ports::Clock& clock, ports::RandomSource& random, ports::EventBus& events);

    /// 422 naming each problem (fields, unknown or repeated ids, an empty or too wide
    /// selection); 403 when the caller's role may not start the action. Audited as
    /// rollout.created.
    domain::Rollout Create(const RolloutRequest& request, const RequestMeta& meta);
    ports::Page<domain::Rollout> List(std::optional<domain::RolloutStatus> status,
                                      std::int64_t limit);
    domain::Rollout Get(const std::string& id);

    /// 404, 403 (the action's role), 409 when the status does not allow it.
    domain::Rollout Pause(const std::string& id, const RequestMeta& meta);
    domain::Rollout Resume(const std::string& id, const RequestMeta& meta);
    domain::Rollout Abort(const std::string& id, const RequestMeta& meta);
    domain::Rollout RetryFailed(const std::string& id, const RequestMeta& meta);

    /// Moves on every rollout with work to do: records the runs that ended, ends waves, starts
    /// the stores that are due. Returns how many rollouts changed.
    int AdvanceDue();

    /// Called after a change that gives the driver work (a new rollout, resume, retry).
    void SetWakeUp(std::function<void()> wake_up) { wake_up_ = std::move(wake_up); }

private:
    using Action = std::function<std::string(domain::Rollout&)>;
    domain::Rollout Act(const std::string& id, const RequestMeta& meta, const std::string& verb,
                        const Action& action);
    std::vector<domain::RolloutStore> Resolve(const RolloutRequest& request);
    /// Records ended runs and ends the wave when it is done; true when something changed.
    bool Record(const std::string& id);
    /// Starts the due stores, each in its own transaction; true when any was started or failed.
    bool StartDue(const std::string& id);
    /// Starts (or fails) one store; false when it was no longer due.
    bool StartOne(const std::string& id, const std::string& store_id);
    /// Saves the rollout's row and `items` with the next version, then commits and tells.
    void Save(ports::UnitOfWork& uow, domain::Rollout& rollout,
              const std::vector<domain::RolloutItem>& items, const std::string& actor);
    void Announce(const domain::Rollout& rollout, const std::string& actor);
    RequestMeta MetaOf(const domain::Rollout& rollout) const;

    ports::Database& database_;
    ProvisioningService& provisioning_;
    const ports::Clock& clock_;
    ports::RandomSource& random_;
    ports::EventBus& events_;
    std::function<void()> wake_up_;
};

}  // namespace store::app
