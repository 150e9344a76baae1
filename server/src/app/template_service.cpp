#include "app/template_service.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "app/audit.hpp"
#include "app/errors.hpp"
#include "app/events.hpp"
#include "domain/audit_diff.hpp"
#include "domain/csv_import.hpp"
#include "domain/validation.hpp"

namespace store::app {
namespace {

AppError NotFound(const std::string& id) {
    return AppError(ErrorCode::kNotFound, "template " + id + " does not exist");
}

domain::TemplateFields Checked(domain::TemplateFields fields) {
    fields = domain::NormalizeTemplate(std::move(fields));
    if (auto errors = domain::ValidateTemplateFields(fields); !errors.empty()) {
        throw AppError::Validation(std::move(errors));
    }
    return fields;
}

domain::TemplateUsage UsageOf(const domain::StoreTemplate& item,
                              const std::vector<ports::TemplateUsageRow>& rows) {
    domain::TemplateUsage usage;
    for (const auto& row : rows) {
        if (row.template_id != item.id) {
            continue;
        }
        usage.stores += row.stores;
        if (domain::IsBehind({item.id, row.template_version}, item.version, row.status)) {
            usage.behind += row.stores;
        }
    }
    return usage;
}

domain::StoreSeed SeedOf(domain::StoreFields fields) {
    return {std::move(fields.code),         std::move(fields.name),    std::move(fields.location),
            std::move(fields.opening_date), std::move(fields.contact), std::move(fields.tags),
            std::move(fields.notes)};
}

std::string Reason(const AppError& error) {
    if (error.code() != ErrorCode::kValidation) {
        return error.detail();
    }
    std::string reason;
    for (const auto& field : error.field_errors()) {
        reason += (reason.empty() ? "" : "; ") + field.field + " " + field.message;
    }
    return reason;
}

}  // namespace

TemplateService::TemplateService(ports::Database& database, StoreService& stores,
                                 const ports::Clock& clock, ports::RandomSource& random,
                                 ports::EventBus& events)
    : database_(database), stores_(stores), clock_(clock), random_(random), events_(events) {}

ports::AuditEntry TemplateService::Audit(const RequestMeta& meta, std::string action,
                                         const std::string& id,
                                         std::vector<domain::FieldChange> changes) {
    return AuditEntryFor(clock_, random_, meta, std::move(action), "template", id,
                         std::move(changes));
}

TemplateSummary TemplateService::Summarize(ports::UnitOfWork& uow, domain::StoreTemplate item) {
    const auto usage = UsageOf(item, uow.Templates().Usage(item.id));
    return {std::move(item), usage};
}

std::vector<TemplateSummary> TemplateService::List() {
    auto uow = database_.Begin(ports::TxKind::kRead);
    const auto usage = uow->Templates().Usage("");
    std::vector<TemplateSummary> out;
    for (auto& item : uow->Templates().List()) {
        const auto counted = UsageOf(item, usage);
        out.push_back({std::move(item), counted});
    }
    return out;
}

namespace {

/// The stores that follow `item`, behind first (each group in the repository's order: by code).
TemplateFollowerList FollowersOf(ports::UnitOfWork& uow, const domain::StoreTemplate& item) {
    TemplateFollowerList list;
    list.template_version = item.version;
    list.items = uow.Templates().Followers(item.id);
    const auto behind = [&](const ports::TemplateFollower& f) {
        return domain::IsBehind({item.id, f.template_version}, item.version, f.status);
    };
    std::stable_partition(list.items.begin(), list.items.end(), behind);
    list.behind = std::count_if(list.items.begin(), list.items.end(), behind);
    return list;
}

}  // namespace

TemplateSummary TemplateService::Get(const std::string& id) {
    auto uow = database_.Begin(ports::TxKind::kRead);
    auto found = uow->Templates().FindById(id);
    if (!found) {
        throw NotFound(id);
    }
    return Summarize(*uow, std::move(*found));
}

TemplateSummary TemplateService::Create(domain::TemplateFields fields, const RequestMeta& meta) {
    domain::StoreTemplate item;
    item.fields = Checked(std::move(fields));
    item.id = random_.NewUuid();
    item.version = 1;
    item.created_at = item.updated_at = clock_.Now();
    item.created_by = item.updated_by = meta.actor.username;
    auto uow = database_.Begin(ports::TxKind::kWrite);
    uow->Templates().Insert(item);
    uow->Audit().Append(
        Audit(meta, "template.created", item.id, domain::Diff(nullptr, &item.fields)));
    uow->Commit();
    events_.Publish(
        TemplateEvent(ports::TemplateChange::kCreated, item, clock_.Now(), meta.actor.username));
    return {std::move(item), {}};
}

TemplateSummary TemplateService::Update(const std::string& id, std::int64_t expected_version,
                                        const Patch& patch, const RequestMeta& meta) {
    auto uow = database_.Begin(ports::TxKind::kWrite);
    auto current = uow->Templates().FindById(id);
    if (!current) {
        throw NotFound(id);
    }
    if (current->version != expected_version) {
        auto summary = Summarize(*uow, std::move(*current));
        throw AppError::StaleTemplate(summary.item, summary.usage);
    }
    auto wanted = Checked(patch(current->fields));
    auto changes = domain::Diff(&current->fields, &wanted);
    if (changes.empty()) {
        return Summarize(*uow, std::move(*current));
    }
    domain::StoreTemplate updated = *current;
    updated.fields = std::move(wanted);
    updated.version = current->version + 1;
    updated.updated_at = clock_.Now();
    updated.updated_by = meta.actor.username;
    if (!uow->Templates().Update(updated, expected_version)) {
        // Lost a race after our read (PostgreSQL READ COMMITTED): report the winner's state.
        auto read = database_.Begin(ports::TxKind::kRead);
        auto latest = read->Templates().FindById(id);
        if (!latest) {
            throw NotFound(id);
        }
        auto summary = Summarize(*read, std::move(*latest));
        throw AppError::StaleTemplate(summary.item, summary.usage);
    }
    uow->Audit().Append(Audit(meta, "template.updated", id, std::move(changes)));
    auto summary = Summarize(*uow, updated);
    uow->Commit();
    events_.Publish(
        TemplateEvent(ports::TemplateChange::kUpdated, updated, clock_.Now(), meta.actor.username));
    return summary;
}

void TemplateService::Delete(const std::string& id, std::int64_t expected_version,
                             const RequestMeta& meta) {
    auto uow = database_.Begin(ports::TxKind::kWrite);
    auto current = uow->Templates().FindById(id);
    if (!current) {
        throw NotFound(id);
    }
    auto summary = Summarize(*uow, std::move(*current));
    if (summary.item.version != expected_version) {
        throw AppError::StaleTemplate(summary.item, summary.usage);
    }
    if (summary.usage.stores > 0) {
        throw AppError(ErrorCode::kConflict,
                       std::to_string(summary.usage.stores) +
                           (summary.usage.stores == 1 ? " store follows" : " stores follow") +
                           " this template; it can be deleted when none does");
    }
    if (!uow->Templates().Delete(id, expected_version)) {
        throw AppError(ErrorCode::kPreconditionFailed, "the template was changed by someone else");
    }
    uow->Audit().Append(
        Audit(meta, "template.deleted", id, domain::Diff(&summary.item.fields, nullptr)));
    uow->Commit();
    events_.Publish(TemplateEvent(ports::TemplateChange::kDeleted, summary.item, clock_.Now(),
                                  meta.actor.username));
}

TemplateFollowerList TemplateService::Followers(const std::string& id) {
    auto uow = database_.Begin(ports::TxKind::kRead);
    const auto item = uow->Templates().FindById(id);
    if (!item) {
        throw NotFound(id);
    }
    return FollowersOf(*uow, *item);
}

std::vector<ImportRowResult> TemplateService::CreateFrom(const domain::StoreTemplate& item,
                                                         std::vector<StoreService::Row> rows,
                                                         const RequestMeta& meta) {
    return stores_.CreateEach(std::move(rows), meta, domain::TemplateRef{item.id, item.version});
}

std::vector<ImportRowResult> TemplateService::CreateStores(const std::string& id,
                                                           std::vector<domain::StoreSeed> seeds,
                                                           const RequestMeta& meta) {
    const auto item = Get(id).item;
    std::vector<StoreService::Row> rows;
    rows.reserve(seeds.size());
    for (std::size_t i = 0; i < seeds.size(); ++i) {
        rows.push_back({i + 1, domain::StoreFieldsFrom(item.fields, std::move(seeds[i]))});
    }
    return CreateFrom(item, std::move(rows), meta);
}

std::vector<ImportRowResult> TemplateService::ImportStores(const std::string& id,
                                                           std::string_view csv,
                                                           const RequestMeta& meta) {
    const auto item = Get(id).item;
    auto file = domain::ReadStoreImport(csv, domain::StoreImportKind::kFromTemplate);
    if (file.error) {
        throw AppError::BadRequest({file.error->error}, file.error->detail);
    }
    std::vector<StoreService::Row> rows;
    rows.reserve(file.rows.size());
    for (auto& row : file.rows) {
        rows.push_back(
            {row.line, domain::StoreFieldsFrom(item.fields, SeedOf(std::move(row.fields)))});
    }
    return CreateFrom(item, std::move(rows), meta);
}

SyncResult TemplateService::Sync(const std::string& id, std::int64_t expected_version,
                                 const std::vector<std::string>& store_ids,
                                 const RequestMeta& meta) {
    // The template and its followers as of one moment (one read); each store is then brought
    // up to date in its own write transaction, which re-checks it.
    domain::StoreTemplate item;
    TemplateFollowerList followers;
    {
        auto uow = database_.Begin(ports::TxKind::kRead);
        auto found = uow->Templates().FindById(id);
        if (!found) {
            throw NotFound(id);
        }
        if (found->version != expected_version) {
            const auto summary = Summarize(*uow, std::move(*found));
            throw AppError::StaleTemplate(summary.item, summary.usage);
        }
        item = std::move(*found);
        followers = FollowersOf(*uow, item);
    }
    std::map<std::string, const ports::TemplateFollower*> by_id;
    for (const auto& follower : followers.items) {
        by_id[follower.id] = &follower;
    }
    std::vector<std::string> targets = store_ids;
    if (targets.empty()) {
        // Behind first: the first `behind` followers are the ones to bring up to date.
        for (std::int64_t i = 0; i < followers.behind; ++i) {
            targets.push_back(followers.items[static_cast<std::size_t>(i)].id);
        }
    }
    SyncResult result;
    result.template_version = item.version;
    std::set<std::string> seen;
    for (const auto& store_id : targets) {
        SyncRowResult row;
        row.id = store_id;
        const auto follower = by_id.find(store_id);
        if (follower != by_id.end()) {
            row.code = follower->second->code;
        }
        if (!seen.insert(store_id).second) {
            row.reason = "listed twice";
        } else if (follower == by_id.end()) {
            row.reason = "the store does not exist or does not follow this template";
        } else {
            try {
                const auto applied = stores_.ApplyTemplate(store_id, item, meta);
                row.status = applied.changed ? SyncRowResult::Status::kUpdated
                                             : SyncRowResult::Status::kUnchanged;
                row.version = applied.store.version;
            } catch (const AppError& error) {
                if (error.code() != ErrorCode::kNotFound && error.code() != ErrorCode::kConflict &&
                    error.code() != ErrorCode::kValidation) {
                    throw;
                }
                row.reason = Reason(error);
            }
        }
        result.results.push_back(std::move(row));
    }
    return result;
}

}  // namespace store::app
