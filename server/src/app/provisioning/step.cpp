#include "app/provisioning/step.hpp"

#include "app/audit.hpp"

namespace store::app::provisioning {

domain::Store StepContext::LoadStore(const std::string& store_id) const {
    auto uow = database.Begin(ports::TxKind::kRead);
    auto store = uow->Stores().FindById(store_id);
    if (!store) {
        throw PermanentFailure("the store no longer exists");
    }
    return *store;
}

void StepContext::Audit(ports::UnitOfWork& uow, const domain::Run& run, std::string action,
                        std::vector<domain::FieldChange> changes) const {
    // The run acts for whoever requested it, under the request id that started it.
    const RequestMeta meta{Actor{"", run.requested_by, domain::Role::kViewer}, run.request_id,
                           ""};  // runs keep no client address
    uow.Audit().Append(
        StoreAuditEntry(clock, random, meta, std::move(action), run.store_id, std::move(changes)));
}

ports::Secret NewStoreSecret(ports::RandomSource& random) {
    return {{"device_admin_password", random.NewToken(18)},
            {"wifi_guest_psk", random.NewToken(12)},
            {"wifi_corporate_psk", random.NewToken(18)}};
}

}  // namespace store::app::provisioning
