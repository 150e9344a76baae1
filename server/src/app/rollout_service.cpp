#include "app/rollout_service.hpp"

#include <set>

#include "app/audit.hpp"
#include "app/errors.hpp"
#include "app/events.hpp"
#include "app/provisioning/step.hpp"

namespace store::app {

namespace {

using domain::Rollout;
using domain::RolloutItem;
using domain::RolloutItemStatus;
using provisioning::Quoted;

AppError RolloutNotFound(const std::string& id) {
    return AppError(ErrorCode::kNotFound, "rollout " + id + " does not exist");
}

RolloutItem* ItemOf(Rollout& rollout, const std::string& store_id) {
    for (auto& item : rollout.items) {
        if (item.store_id == store_id) {
            return &item;
        }
    }
    return nullptr;
}

/// The audit action of a status the rollout reached by itself, or empty.
std::string AutomaticAction(domain::RolloutStatus before, domain::RolloutStatus after) {
    if (before == after) {
        return {};
    }
    switch (after) {
        case domain::RolloutStatus::kHalted: return "rollout.halted";
        case domain::RolloutStatus::kCompleted: return "rollout.completed";
        case domain::RolloutStatus::kPaused: return "rollout.paused";
        default: return {};
    }
}

}  // namespace

RolloutService::RolloutService(ports::Database& database, ProvisioningService& provisioning,
                               const ports::Clock& clock, ports::RandomSource& random,
                               ports::EventBus& events)
    : database_(database),
      provisioning_(provisioning),
      clock_(clock),
      random_(random),
      events_(events) {}

RequestMeta RolloutService::MetaOf(const Rollout& rollout) const {
    // The rollout acts for whoever created it, with the role they had, under its request id.
    return {Actor{"", rollout.created_by, rollout.created_by_role}, rollout.request_id, ""};
}

std::vector<domain::RolloutStore> RolloutService::Resolve(const RolloutRequest& request) {
    domain::FieldErrors errors;
    std::vector<domain::RolloutStore> stores;
    auto uow = database_.Begin(ports::TxKind::kRead);
    if (request.store_ids) {
        std::set<std::string> seen;
        for (std::size_t i = 0; i < request.store_ids->size(); ++i) {
            const auto& id = (*request.store_ids)[i];
            const auto field = "storeIds[" + std::to_string(i) + "]";
            if (!seen.insert(id).second) {
                errors.push_back({field, "is listed twice"});
            } else if (const auto store = uow->Stores().FindById(id)) {
                stores.push_back({store->id, store->fields.code, store->fields.name});
            } else {
                errors.push_back({field, "store " + id + " does not exist"});
            }
        }
    } else if (request.filter) {
        auto query = *request.filter;
        query.page_size = domain::kMaxPageSize;
        query.page = 1;
        while (stores.size() <= domain::kMaxRolloutStores) {
            const auto page = uow->Stores().List(query, false);
            for (const auto& store : page.items) {
                stores.push_back({store.id, store.fields.code, store.fields.name});
            }
            if (!page.next_cursor || page.items.empty()) {
                break;
            }
            query.cursor = domain::DecodeCursor(*page.next_cursor);
        }
        if (stores.size() > domain::kMaxRolloutStores) {
            errors.push_back({"filter", "selects more than " +
                                            std::to_string(domain::kMaxRolloutStores) +
                                            " stores; narrow it or pick the stores by id"});
        } else if (stores.empty()) {
            errors.push_back({"filter", "selects no store"});
        }
    }
    if (!errors.empty()) {
        throw AppError::Validation(std::move(errors));
    }
    return stores;
}

Rollout RolloutService::Create(const RolloutRequest& request, const RequestMeta& meta) {
    auto errors = domain::ValidateRollout(request.name, request.shape);
    if (request.store_ids.has_value() == request.filter.has_value()) {
        errors.push_back({"storeIds", "give either storeIds or filter, not both or neither"});
    } else if (request.filter && request.filter->FilterKey() == domain::StoreQuery{}.FilterKey()) {
        // {} would select every store (up to 1,000): a typo away from decommissioning them all.
        errors.push_back(
            {"filter", "name at least one of status, type, region, country, tag or q"});
    } else if (request.store_ids && (request.store_ids->empty() ||
                                     request.store_ids->size() > domain::kMaxRolloutStores)) {
        errors.push_back({"storeIds", "must list 1 to " +
                                          std::to_string(domain::kMaxRolloutStores) + " stores"});
    }
    if (!errors.empty()) {
        throw AppError::Validation(std::move(errors));
    }
    if (auto refusal = provisioning_.TransitionRoles().Refusal(domain::TransitionOf(request.action),
                                                               meta.actor.role);
        !refusal.empty()) {
        throw AppError(ErrorCode::kForbidden, std::move(refusal));
    }
    const auto stores = Resolve(request);
    auto rollout = domain::NewRollout(random_.NewUuid(), request.name, request.action,
                                      request.shape, stores, clock_.Now());
    rollout.created_by = meta.actor.username;
    rollout.created_by_role = meta.actor.role;
    rollout.request_id = meta.request_id;
    auto uow = database_.Begin(ports::TxKind::kWrite);
    uow->Rollouts().Insert(rollout);
    uow->Audit().Append(
        AuditEntryFor(clock_, random_, meta, "rollout.created", "rollout", rollout.id,
                      {{"name", std::nullopt, Quoted(rollout.name)},
                       {"action", std::nullopt, Quoted(domain::ToString(rollout.action))},
                       {"stores", std::nullopt, static_cast<std::int64_t>(rollout.items.size())},
                       {"waves", std::nullopt, rollout.waves}}));
    uow->Commit();
    Announce(rollout, meta.actor.username);
    return rollout;
}

ports::Page<Rollout> RolloutService::List(std::optional<domain::RolloutStatus> status,
                                          std::int64_t limit) {
    auto uow = database_.Begin(ports::TxKind::kRead);
    return uow->Rollouts().List(status, limit);
}

Rollout RolloutService::Get(const std::string& id) {
    auto uow = database_.Begin(ports::TxKind::kRead);
    auto rollout = uow->Rollouts().Find(id, false);
    if (!rollout) {
        throw RolloutNotFound(id);
    }
    return *rollout;
}

Rollout RolloutService::Act(const std::string& id, const RequestMeta& meta, const std::string& verb,
                            const Action& action) {
    auto uow = database_.Begin(ports::TxKind::kWrite);
    auto rollout = uow->Rollouts().Find(id, true);
    if (!rollout) {
        throw RolloutNotFound(id);
    }
    if (auto refusal = provisioning_.TransitionRoles().Refusal(
            domain::TransitionOf(rollout->action), meta.actor.role);
        !refusal.empty()) {
        throw AppError(ErrorCode::kForbidden, std::move(refusal));
    }
    const auto before = rollout->status;
    if (auto refused = action(*rollout); !refused.empty()) {
        throw AppError(ErrorCode::kConflict, std::move(refused));
    }
    uow->Audit().Append(AuditEntryFor(
        clock_, random_, meta, "rollout." + verb, "rollout", rollout->id,
        {{"status", Quoted(domain::ToString(before)), Quoted(domain::ToString(rollout->status))}}));
    const auto items = rollout->items;
    Save(*uow, *rollout, items, meta.actor.username);
    return *rollout;
}

Rollout RolloutService::Pause(const std::string& id, const RequestMeta& meta) {
    return Act(id, meta, "paused", [](Rollout& r) { return domain::Pause(r); });
}

Rollout RolloutService::Resume(const std::string& id, const RequestMeta& meta) {
    return Act(id, meta, "resumed", [](Rollout& r) { return domain::Resume(r); });
}

Rollout RolloutService::Abort(const std::string& id, const RequestMeta& meta) {
    const auto now = clock_.Now();
    return Act(id, meta, "aborted", [now](Rollout& r) { return domain::Abort(r, now); });
}

Rollout RolloutService::RetryFailed(const std::string& id, const RequestMeta& meta) {
    return Act(id, meta, "retried", [](Rollout& r) { return domain::RetryFailed(r); });
}

void RolloutService::Save(ports::UnitOfWork& uow, Rollout& rollout,
                          const std::vector<RolloutItem>& items, const std::string& actor) {
    rollout.version += 1;
    rollout.updated_at = clock_.Now();
    rollout.counts = domain::CountItems(rollout.items);
    uow.Rollouts().UpdateItems(rollout.id, items);
    uow.Rollouts().Update(rollout);
    uow.Commit();
    Announce(rollout, actor);
}

void RolloutService::Announce(const Rollout& rollout, const std::string& actor) {
    events_.Publish(RolloutEvent(rollout, clock_.Now(), actor));
    if (wake_up_ && rollout.status == domain::RolloutStatus::kRunning) {
        wake_up_();
    }
}

bool RolloutService::Record(const std::string& id) {
    const auto now = clock_.Now();
    auto uow = database_.Begin(ports::TxKind::kWrite);
    auto rollout = uow->Rollouts().Find(id, true);
    if (!rollout) {
        return false;
    }
    std::vector<RolloutItem> ended;
    for (auto& item : rollout->items) {
        if (item.status != RolloutItemStatus::kRunning || !item.run_id) {
            continue;
        }
        const auto run = uow->Runs().FindRun(*item.run_id);
        if (run && (run->status == domain::RunStatus::kQueued ||
                    run->status == domain::RunStatus::kRunning)) {
            continue;
        }
        domain::MarkFinished(item, run && run->status == domain::RunStatus::kSucceeded,
                             run ? run->error : "its run " + *item.run_id + " is gone", now);
        ended.push_back(item);
    }
    const auto before = rollout->status;
    const bool moved = domain::EndWaveIfDone(*rollout, now);
    if (ended.empty() && !moved) {
        return false;
    }
    const auto meta = MetaOf(*rollout);
    if (const auto action = AutomaticAction(before, rollout->status); !action.empty()) {
        std::vector<domain::FieldChange> changes{{"status", Quoted(domain::ToString(before)),
                                                  Quoted(domain::ToString(rollout->status))}};
        if (rollout->halted_reason) {
            changes.push_back({"haltedReason", std::nullopt, Quoted(*rollout->halted_reason)});
        }
        uow->Audit().Append(AuditEntryFor(clock_, random_, meta, action, "rollout", rollout->id,
                                          std::move(changes)));
    }
    Save(*uow, *rollout, ended, meta.actor.username);
    return true;
}

bool RolloutService::StartOne(const std::string& id, const std::string& store_id) {
    const auto now = clock_.Now();
    std::string reason;
    {
        auto uow = database_.Begin(ports::TxKind::kWrite);
        auto rollout = uow->Rollouts().Find(id, true);
        if (!rollout) {
            return false;
        }
        auto* item = ItemOf(*rollout, store_id);
        // Under the rollout's lock: another replica may have started it since it was read.
        if (item == nullptr || item->status != RolloutItemStatus::kPending ||
            item->wave != rollout->current_wave || domain::ItemsToStart(*rollout, now).empty()) {
            return false;
        }
        const auto meta = MetaOf(*rollout);
        try {
            const auto started = provisioning_.StartIn(
                *uow, store_id, std::nullopt, domain::RunKindOf(rollout->action), meta,
                std::nullopt, {{"rolloutId", std::nullopt, Quoted(rollout->id)}});
            domain::MarkStarted(*item, started.run.id, now);
            rollout->next_wave_at.reset();
            const auto items = std::vector<RolloutItem>{*item};
            Save(*uow, *rollout, items, meta.actor.username);
            provisioning_.Announce(started, meta);
            return true;
        } catch (const AppError& error) {
            // The database being away is not the store's fault: the driver tries again later.
            if (error.code() == ErrorCode::kDependencyUnavailable ||
                error.code() == ErrorCode::kInternal) {
                throw;
            }
            reason = error.detail();
        }
    }
    // The store could not start: its transaction is gone; record why in a new one.
    auto uow = database_.Begin(ports::TxKind::kWrite);
    auto rollout = uow->Rollouts().Find(id, true);
    auto* item = rollout ? ItemOf(*rollout, store_id) : nullptr;
    if (item == nullptr || item->status != RolloutItemStatus::kPending) {
        return false;
    }
    domain::MarkNotStarted(*item, std::move(reason), now);
    const auto items = std::vector<RolloutItem>{*item};
    Save(*uow, *rollout, items, rollout->created_by);
    return true;
}

bool RolloutService::StartDue(const std::string& id) {
    std::vector<std::string> due;
    {
        auto uow = database_.Begin(ports::TxKind::kRead);
        const auto rollout = uow->Rollouts().Find(id, false);
        if (!rollout) {
            return false;
        }
        for (const auto position : domain::ItemsToStart(*rollout, clock_.Now())) {
            due.push_back(rollout->items[position].store_id);
        }
    }
    bool changed = false;
    for (const auto& store_id : due) {
        changed = StartOne(id, store_id) || changed;
    }
    return changed;
}

int RolloutService::AdvanceDue() {
    std::vector<std::string> ids;
    {
        auto uow = database_.Begin(ports::TxKind::kRead);
        ids = uow->Rollouts().Due(clock_.Now(), 100);
    }
    int changed = 0;
    for (const auto& id : ids) {
        // A wave that ends may let the next start at once, whose stores may fail to start
        // and end it too: a few rounds, each bounded by the rollout's stores.
        bool any = false;
        for (int round = 0; round < 4; ++round) {
            const bool recorded = Record(id);
            const bool started = StartDue(id);
            any = any || recorded || started;
            if (!recorded && !started) {
                break;
            }
        }
        changed += any ? 1 : 0;
    }
    return changed;
}

}  // namespace store::app
