#include "app/provisioning/fail_run.hpp"

#include "app/events.hpp"
#include "domain/lifecycle.hpp"

namespace store::app::provisioning {

void FailRun(const StepContext& context, domain::Run& run, const std::string& reason) {
    const auto now = context.clock.Now();
    run.status = domain::RunStatus::kFailed;
    run.error = reason;
    run.finished_at = run.updated_at = now;
    run.lease_owner.clear();
    run.lease_expires_at.reset();
    auto uow = context.database.Begin(ports::TxKind::kWrite);
    uow->Runs().UpdateRun(run);
    std::optional<domain::Store> changed;
    if (run.kind == domain::RunKind::kProvision) {
        if (auto store = uow->Stores().FindById(run.store_id)) {
            const auto transition =
                domain::ApplyEvent(store->status, domain::LifecycleEvent::kProvisioningFailed);
            if (transition.next) {
                domain::Store updated = *store;
                updated.status = *transition.next;
                updated.version += 1;
                updated.updated_at = now;
                updated.updated_by = run.requested_by;
                uow->Stores().Update(updated, store->version);
                changed = updated;
            }
        }
    }
    context.Audit(*uow, run, "run.failed", {{"error", std::nullopt, Quoted(reason)}});
    uow->Commit();
    if (changed) {
        context.cache.InvalidateStore(run.store_id);
        context.events.Publish(StoreEvent(StoreChange::kStatusChanged, *changed,
                                          context.clock.Now(), run.requested_by));
    }
}

}  // namespace store::app::provisioning
