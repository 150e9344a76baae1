#include "app/audit.hpp"

namespace store::app {

ports::AuditEntry StoreAuditEntry(const ports::Clock& clock, ports::RandomSource& random,
                                  const RequestMeta& meta, std::string action,
                                  const std::string& store_id,
                                  std::vector<domain::FieldChange> changes) {
    ports::AuditEntry entry;
    entry.id = random.NewUuid();
    entry.time = clock.Now();
    entry.actor = meta.actor.username;
    entry.action = std::move(action);
    entry.entity_type = "store";
    entry.entity_id = store_id;
    entry.store_id = store_id;
    entry.request_id = meta.request_id;
    entry.changes = std::move(changes);
    return entry;
}

}  // namespace store::app
