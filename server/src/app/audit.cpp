#include "app/audit.hpp"

namespace store::app {

ports::AuditEntry AuditEntryFor(const ports::Clock& clock, ports::RandomSource& random,
                                const RequestMeta& meta, std::string action,
                                std::string entity_type, const std::string& entity_id,
                                std::vector<domain::FieldChange> changes) {
    ports::AuditEntry entry;
    entry.id = random.NewUuid();
    entry.time = clock.Now();
    entry.actor = meta.actor.username;
    entry.action = std::move(action);
    entry.entity_type = std::move(entity_type);
    entry.entity_id = entity_id;
    entry.request_id = meta.request_id;
    entry.client_address = meta.client_address;
    entry.changes = std::move(changes);
    return entry;
}

ports::AuditEntry StoreAuditEntry(const ports::Clock& clock, ports::RandomSource& random,
                                  const RequestMeta& meta, std::string action,
                                  const std::string& store_id,
                                  std::vector<domain::FieldChange> changes) {
    auto entry = AuditEntryFor(clock, random, meta, std::move(action), "store", store_id,
                               std::move(changes));
    entry.store_id = store_id;
    return entry;
}

}  // namespace store::app
