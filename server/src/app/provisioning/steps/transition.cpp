// activate / archive / reset_to_draft: the last step of each run kind applies its lifecycle
// event to the store, with the audit entry in the same transaction.
#include "app/errors.hpp"
#include "app/events.hpp"
#include "app/provisioning/steps/steps.hpp"

namespace store::app::provisioning {
namespace {

class TransitionStep final : public Step {
public:
    TransitionStep(const StepContext& context, domain::LifecycleEvent event)
        : context_(context), event_(event) {}

    StepOutcome Execute(const domain::Run& run) override {
        auto uow = context_.database.Begin(ports::TxKind::kWrite);
        auto store = uow->Stores().FindById(run.store_id);
        if (!store) {
            throw PermanentFailure("the store no longer exists");
        }
        const auto transition = domain::ApplyEvent(store->status, event_);
        if (!transition.next) {
            // Already there (a crash after commit, before the step was marked): idempotent.
            if (AlreadyThere(store->status)) {
                return {"the store is already " + std::string(domain::ToString(store->status))};
            }
            throw PermanentFailure(transition.error);
        }
        domain::Store updated = *store;
        updated.status = *transition.next;
        updated.version += 1;
        updated.updated_at = context_.clock.Now();
        updated.updated_by = run.requested_by;
        if (!uow->Stores().Update(updated, store->version)) {
            throw AppError(ErrorCode::kConflict, "the store changed while the run was finishing");
        }
        context_.Audit(*uow, run, "store.status_changed",
                       {{"status", Quoted(domain::ToString(store->status)),
                         Quoted(domain::ToString(updated.status))}});
        uow->Commit();
        context_.cache.InvalidateStore(run.store_id);
        context_.events.Publish(StoreEvent(StoreChange::kStatusChanged, updated,
                                           context_.clock.Now(), run.requested_by));
        return {"the store is now " + std::string(domain::ToString(updated.status))};
    }

private:
    bool AlreadyThere(domain::StoreStatus status) const {
        using domain::LifecycleEvent;
        using domain::StoreStatus;
        return (event_ == LifecycleEvent::kProvisioningSucceeded &&
                status == StoreStatus::kActive) ||
               (event_ == LifecycleEvent::kDecommissionFinished &&
                status == StoreStatus::kDecommissioned) ||
               (event_ == LifecycleEvent::kRollback && status == StoreStatus::kDraft);
    }

    const StepContext& context_;
    domain::LifecycleEvent event_;
};

}  // namespace

std::unique_ptr<Step> MakeTransitionStep(const StepContext& context, domain::LifecycleEvent event) {
    return std::make_unique<TransitionStep>(context, event);
}

}  // namespace store::app::provisioning
