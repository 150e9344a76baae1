#pragma once

#include <string>
#include <vector>

#include "app/context.hpp"
#include "app/ports/clock.hpp"
#include "app/ports/random_source.hpp"
#include "app/ports/records.hpp"
#include "domain/audit_diff.hpp"

namespace store::app {

/// An audit entry about `entity_type` `entity_id`, by the request's actor, stamped now (appended
/// by the caller in the same unit of work as the change).
ports::AuditEntry AuditEntryFor(const ports::Clock& clock, ports::RandomSource& random,
                                const RequestMeta& meta, std::string action,
                                std::string entity_type, const std::string& entity_id,
                                std::vector<domain::FieldChange> changes);

/// An audit entry about store `store_id`, by the request's actor, stamped now (appended by the
/// caller in the same unit of work as the change).
ports::AuditEntry StoreAuditEntry(const ports::Clock& clock, ports::RandomSource& random,
                                  const RequestMeta& meta, std::string action,
                                  const std::string& store_id,
                                  std::vector<domain::FieldChange> changes);

}  // namespace store::app
