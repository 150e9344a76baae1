#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/context.hpp"
#include "app/import_result.hpp"
#include "app/ports/clock.hpp"
#include "app/ports/database.hpp"
#include "app/ports/event_bus.hpp"
#include "app/ports/random_source.hpp"
#include "app/store_service.hpp"
#include "domain/store_template.hpp"

namespace store::app {

/// A template with how many stores follow it and how many are behind.
struct TemplateSummary {
    domain::StoreTemplate item;
    domain::TemplateUsage usage;
};

/// The stores that follow a template: the `behind` ones first, then the others, each by code.
struct TemplateFollowerList {
    std::int64_t template_version = 1;
    std::int64_t behind = 0;
    std::vector<ports::TemplateFollower> items;
};

/// The outcome of bringing one store up to date.
struct SyncRowResult {
    enum class Status { kUpdated, kUnchanged, kRejected };
    std::string id;
    std::string code;
    Status status = Status::kRejected;
    std::optional<std::int64_t> version;  // the store's version after it
    std::string reason;                   // why not (kRejected)
};

struct SyncResult {
    std::int64_t template_version = 1;
    std::vector<SyncRowResult> results;
};

/// Store templates: create, read, edit, delete (each write one transaction with its audit
/// entry and a live event); many stores from one template; bringing stores up to date.
class TemplateService {
public:
    /// Turns the current fields into the wanted ones (a JSON merge patch, for instance).
    using Patch = std::function<domain::TemplateFields(const domain::TemplateFields&)>;

    TemplateService(ports::Database& database, StoreService& stores, const ports::Clock& clock,
                    ports::RandomSource& random, ports::EventBus& events);

    std::vector<TemplateSummary> List();
    TemplateSummary Get(const std::string& id);
    TemplateSummary Create(domain::TemplateFields fields, const RequestMeta& meta);
    TemplateSummary Update(const std::string& id, std::int64_t expected_version, const Patch& patch,
                           const RequestMeta& meta);
    /// Only a template no store follows (kConflict naming how many do).
    void Delete(const std::string& id, std::int64_t expected_version, const RequestMeta& meta);

    TemplateFollowerList Followers(const std::string& id);
    /// A draft per seed (its position from 1 is the row), each on its own
    /// (StoreService::CreateEach).
    std::vector<ImportRowResult> CreateStores(const std::string& id,
                                              std::vector<domain::StoreSeed> seeds,
                                              const RequestMeta& meta);
    /// The same from a CSV file (StoreImportKind::kFromTemplate); a bad file is a kBadRequest.
    std::vector<ImportRowResult> ImportStores(const std::string& id, std::string_view csv,
                                              const RequestMeta& meta);
    /// Brings the stores (all behind ones when `store_ids` is empty) to the template's version
    /// `expected_version` (stale: AppError::StaleTemplate), each on its own.
    SyncResult Sync(const std::string& id, std::int64_t expected_version,
                    const std::vector<std::string>& store_ids, const RequestMeta& meta);

private:
    TemplateSummary Summarize(ports::UnitOfWork& uow, domain::StoreTemplate item);
    std::vector<ImportRowResult> CreateFrom(const domain::StoreTemplate& item,
                                            std::vector<StoreService::Row> rows,
                                            const RequestMeta& meta);
    ports::AuditEntry Audit(const RequestMeta& meta, std::string action, const std::string& id,
                            std::vector<domain::FieldChange> changes);

    ports::Database& database_;
    StoreService& stores_;
    const ports::Clock& clock_;
    ports::RandomSource& random_;
    ports::EventBus& events_;
};

}  // namespace store::app
