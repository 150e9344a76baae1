#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>

#include "app/context.hpp"
#include "app/import_result.hpp"
#include "app/ports/cache.hpp"
#include "app/ports/clock.hpp"
#include "app/ports/database.hpp"
#include "app/ports/event_bus.hpp"
#include "app/ports/random_source.hpp"
#include "domain/store_code.hpp"
#include "domain/store_query.hpp"
#include "domain/store_template.hpp"

namespace store::app {

struct StoreStats {
    std::int64_t total = 0;
    std::map<std::string, std::int64_t> by_status;  // every status, zero included
    std::map<std::string, std::int64_t> by_type;    // every type, zero included
};

/// Store use cases: create, read, list, edit, delete, audit. Each write is one transaction
/// that also appends its audit entry, then invalidates the cache.
class StoreService {
public:
    /// Turns the current editable fields into the wanted ones (a JSON merge patch, for
    /// instance). May throw AppError{kBadRequest} for malformed patches.
    using Patch = std::function<domain::StoreFields(const domain::StoreFields&)>;

    StoreService(ports::Database& database, ports::StoreCache& cache, const ports::Clock& clock,
                 ports::RandomSource& random, ports::EventBus& events,
                 domain::StoreCodeRule code_rule = domain::StoreCodeRule::Default());

    /// The configured store numbering (`stores.code_pattern`), served to the dashboard.
    const domain::StoreCodeRule& CodeRule() const { return code_rule_; }

    /// A draft at version 1; `from` is the template (and its version) the fields came from.
    domain::Store Create(domain::StoreFields fields, const RequestMeta& meta,
                         const std::optional<domain::TemplateRef>& from = std::nullopt);
    /// A row to create: its line (or position) and fields.
    struct Row {
        std::size_t row = 0;
        domain::StoreFields fields;
    };
    /// Creates each row as a draft in its own transaction: a row with invalid fields or a
    /// taken code is reported with its errors and changes nothing; the others are created.
    std::vector<ImportRowResult> CreateEach(std::vector<Row> rows, const RequestMeta& meta,
                                            const std::optional<domain::TemplateRef>& from);
    std::shared_ptr<const domain::Store> Get(const std::string& id);
    /// Cache only, never the database (for the network thread): nullptr on a miss.
    std::shared_ptr<const domain::Store> GetCached(const std::string& id);
    std::shared_ptr<const ports::Page<domain::Store>> ListCached(const domain::StoreQuery& query);
    std::shared_ptr<const ports::Page<domain::Store>> List(const domain::StoreQuery& query);
    /// Like List() but never cached: for exports that walk every page once.
    ports::Page<domain::Store> ListUncached(const domain::StoreQuery& query);
    /// CSV with a header row naming columns (code, name, type, address, city, region, country,
    /// postalCode, timezone, openingDate, manager, email, phone, tags, notes); each valid row
    /// becomes a draft, each bad row is reported and changes nothing.
    std::vector<ImportRowResult> Import(std::string_view csv, const RequestMeta& meta);
    domain::Store Update(const std::string& id, std::int64_t expected_version, const Patch& patch,
                         const RequestMeta& meta);
    void Delete(const std::string& id, std::int64_t expected_version, const RequestMeta& meta);
    /// The store after ApplyTemplate, and whether it changed (false: it had this version).
    struct Applied {
        domain::Store store;
        bool changed = false;
    };
    /// Gives a store that follows `item` the template's plans and version (a new store version,
    /// audited as store.updated); unchanged when it already has this version. Throws
    /// kNotFound, kConflict (it follows another template, is in a run or decommissioned) or
    /// kValidation.
    Applied ApplyTemplate(const std::string& id, const domain::StoreTemplate& item,
                          const RequestMeta& meta);
    ports::Page<ports::AuditEntry> StoreAudit(const std::string& id, std::int64_t page,
                                              std::int64_t page_size);
    ports::Page<ports::AuditEntry> GlobalAudit(const ports::AuditQuery& query);
    StoreStats Stats();

private:
    ports::AuditEntry MakeAudit(const RequestMeta& meta, std::string action, const std::string& id,
                                std::vector<domain::FieldChange> changes);

    ports::Database& database_;
    ports::StoreCache& cache_;
    const ports::Clock& clock_;
    ports::RandomSource& random_;
    ports::EventBus& events_;
    domain::StoreCodeRule code_rule_;
};

}  // namespace store::app
