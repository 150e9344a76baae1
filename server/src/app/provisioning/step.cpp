#include "app/provisioning/step.hpp"

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
    ports::AuditEntry entry;
    entry.id = random.NewUuid();
    entry.time = clock.Now();
    entry.actor = run.requested_by;
    entry.action = std::move(action);
    entry.entity_type = "store";
    entry.entity_id = run.store_id;
    entry.store_id = run.store_id;
    entry.request_id = run.request_id;
    entry.changes = std::move(changes);
    uow.Audit().Append(entry);
}

std::string CredentialPath(const std::string& store_id) {
    return "stores/" + store_id + "/credentials";
}

}  // namespace store::app::provisioning
