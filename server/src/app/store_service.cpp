#include "app/store_service.hpp"

#include <algorithm>

#include "app/audit.hpp"
#include "app/errors.hpp"
#include "app/events.hpp"
#include "domain/audit_diff.hpp"
#include "domain/csv_import.hpp"
#include "domain/inventory.hpp"
#include "domain/lifecycle.hpp"
#include "domain/store_template.hpp"
#include "domain/validation.hpp"

namespace store::app {
namespace {

AppError NotFound(const std::string& id) {
    return AppError(ErrorCode::kNotFound, "store " + id + " does not exist");
}

// Canonical form of user input: tags sorted would change meaning for nobody, but order is
// kept as typed; only zero quantities are dropped so that "router: 0" equals no router.
domain::StoreFields Normalize(domain::StoreFields fields) {
    std::erase_if(fields.hardware_plan, [](const auto& item) { return item.second == 0; });
    return fields;
}

// Every field error at once; the configured code pattern only when the code is being set
// (`previous_code` null) or changed, so a new pattern leaves existing stores editable.
void ThrowIfInvalid(const domain::StoreFields& fields, const domain::StoreCodeRule& code_rule,
                    const std::string* previous_code = nullptr) {
    auto errors = domain::ValidateStoreFields(fields);
    const bool code_has_error = std::any_of(
        errors.begin(), errors.end(), [](const auto& error) { return error.field == "code"; });
    if (!code_has_error && (previous_code == nullptr || *previous_code != fields.code)) {
        if (auto error = code_rule.Check(fields.code)) {
            errors.insert(errors.begin(), std::move(*error));
        }
    }
    if (!errors.empty()) {
        throw AppError::Validation(std::move(errors));
    }
}

domain::AuditValue TemplateValue(const domain::TemplateRef& ref) {
    return domain::AuditValue::Record{{"id", ref.id}, {"version", ref.version}};
}

}  // namespace

StoreService::StoreService(ports::Database& database, ports::StoreCache& cache,
                           const ports::Clock& clock, ports::RandomSource& random,
                           ports::EventBus& events, domain::StoreCodeRule code_rule)
    : database_(database),
      cache_(cache),
      clock_(clock),
      random_(random),
      events_(events),
      code_rule_(std::move(code_rule)) {}

ports::AuditEntry StoreService::MakeAudit(const RequestMeta& meta, std::string action,
                                          const std::string& id,
                                          std::vector<domain::FieldChange> changes) {
    return StoreAuditEntry(clock_, random_, meta, std::move(action), id, std::move(changes));
}

domain::Store StoreService::Create(domain::StoreFields fields, const RequestMeta& meta,
                                   const std::optional<domain::TemplateRef>& from) {
    fields = Normalize(std::move(fields));
    ThrowIfInvalid(fields, code_rule_);
    domain::Store store;
    store.id = random_.NewUuid();
    store.fields = std::move(fields);
    store.status = domain::StoreStatus::kDraft;
    store.version = 1;
    store.created_at = store.updated_at = clock_.Now();
    store.created_by = store.updated_by = meta.actor.username;
    store.template_ref = from;
    auto changes = domain::Diff(nullptr, &store.fields);
    if (from) {
        changes.push_back({"template", std::nullopt, TemplateValue(*from)});
    }

    auto uow = database_.Begin(ports::TxKind::kWrite);
    if (from && !uow->Templates().FindById(from->id)) {
        throw AppError(ErrorCode::kNotFound, "template " + from->id + " does not exist");
    }
    uow->Stores().Insert(store);
    uow->Audit().Append(MakeAudit(meta, "store.created", store.id, std::move(changes)));
    uow->Commit();
    cache_.InvalidateStore(store.id);
    events_.Publish(StoreEvent(StoreChange::kCreated, store, clock_.Now(), meta.actor.username));
    return store;
}

std::shared_ptr<const domain::Store> StoreService::Get(const std::string& id) {
    if (auto cached = cache_.GetStore(id)) {
        return cached;
    }
    const auto generation = cache_.Generation();
    auto uow = database_.Begin(ports::TxKind::kRead);
    auto found = uow->Stores().FindById(id);
    if (!found) {
        throw NotFound(id);
    }
    auto store = std::make_shared<const domain::Store>(std::move(*found));
    cache_.PutStore(store, generation);
    return store;
}

namespace {

std::string PageKey(const domain::StoreQuery& query) {
    return query.FilterKey() + "|sort=" + std::string(domain::ToString(query.sort)) +
           (query.descending ? "-" : "+") + "|p=" + std::to_string(query.page) +
           "|n=" + std::to_string(query.page_size) +
           "|k=" + (query.cursor ? domain::EncodeCursor(*query.cursor) : "");
}

}  // namespace

// A cache across the network would block the event loop: then the fast path is always a
// miss and the request goes to a worker thread, which asks the cache there.
std::shared_ptr<const domain::Store> StoreService::GetCached(const std::string& id) {
    return cache_.NonBlocking() ? cache_.GetStore(id) : nullptr;
}

std::shared_ptr<const ports::Page<domain::Store>> StoreService::ListCached(
    const domain::StoreQuery& query) {
    return cache_.NonBlocking() ? cache_.GetPage(PageKey(query)) : nullptr;
}

std::shared_ptr<const ports::Page<domain::Store>> StoreService::List(
    const domain::StoreQuery& query) {
    const std::string key = PageKey(query);
    if (auto cached = cache_.GetPage(key)) {
        return cached;
    }
    const auto generation = cache_.Generation();
    auto uow = database_.Begin(ports::TxKind::kRead);
    auto page = std::make_shared<const ports::Page<domain::Store>>(
        uow->Stores().List(query, /*with_total=*/true));
    cache_.PutPage(key, page, generation);
    return page;
}

ports::Page<domain::Store> StoreService::ListUncached(const domain::StoreQuery& query) {
    auto uow = database_.Begin(ports::TxKind::kRead);
    return uow->Stores().List(query, /*with_total=*/false);
}

std::vector<ImportRowResult> StoreService::Import(std::string_view csv, const RequestMeta& meta) {
    auto file = domain::ReadStoreImport(csv);
    if (file.error) {
        throw AppError::BadRequest({file.error->error}, file.error->detail);
    }
    std::vector<Row> rows;
    rows.reserve(file.rows.size());
    for (auto& row : file.rows) {
        rows.push_back({row.line, std::move(row.fields)});
    }
    return CreateEach(std::move(rows), meta, std::nullopt);
}

std::vector<ImportRowResult> StoreService::CreateEach(
    std::vector<Row> rows, const RequestMeta& meta,
    const std::optional<domain::TemplateRef>& from) {
    std::vector<ImportRowResult> results;
    for (auto& row : rows) {
        ImportRowResult result;
        result.row = row.row;
        result.key = row.fields.code;
        try {
            result.id = Create(std::move(row.fields), meta, from).id;
            result.ok = true;
        } catch (const AppError& error) {
            if (error.code() == ErrorCode::kValidation) {
                result.errors = error.field_errors();
            } else if (error.code() == ErrorCode::kConflict) {
                result.errors.push_back({"code", error.detail()});
            } else {
                throw;
            }
        }
        results.push_back(std::move(result));
    }
    return results;
}

domain::Store StoreService::Update(const std::string& id, std::int64_t expected_version,
                                   const Patch& patch, const RequestMeta& meta) {
    auto uow = database_.Begin(ports::TxKind::kWrite);
    auto current = uow->Stores().FindById(id);
    if (!current) {
        throw NotFound(id);
    }
    if (current->version != expected_version) {
        throw AppError::StaleVersion(*current);
    }
    if (!domain::CanEdit(current->status)) {
        throw AppError(ErrorCode::kConflict, "a decommissioned store can no longer be edited");
    }
    domain::StoreFields wanted = Normalize(patch(current->fields));
    ThrowIfInvalid(wanted, code_rule_, &current->fields.code);
    auto changes = domain::Diff(&current->fields, &wanted);
    domain::Store updated = *current;
    if (changes.empty()) {
        return updated;  // nothing to write: same version, no audit entry
    }
    updated.fields = std::move(wanted);
    updated.version = current->version + 1;
    updated.updated_at = clock_.Now();
    updated.updated_by = meta.actor.username;
    if (!uow->Stores().Update(updated, expected_version)) {
        // Lost a race after our read (PostgreSQL READ COMMITTED): report the winner's state.
        auto uow_read = database_.Begin(ports::TxKind::kRead);
        auto latest = uow_read->Stores().FindById(id);
        if (!latest) {
            throw NotFound(id);
        }
        throw AppError::StaleVersion(*latest);
    }
    uow->Audit().Append(MakeAudit(meta, "store.updated", id, std::move(changes)));
    uow->Commit();
    cache_.InvalidateStore(id);
    events_.Publish(StoreEvent(StoreChange::kUpdated, updated, clock_.Now(), meta.actor.username));
    return updated;
}

void StoreService::Delete(const std::string& id, std::int64_t expected_version,
                          const RequestMeta& meta) {
    auto uow = database_.Begin(ports::TxKind::kWrite);
    auto current = uow->Stores().FindById(id);
    if (!current) {
        throw NotFound(id);
    }
    if (current->version != expected_version) {
        throw AppError::StaleVersion(*current);
    }
    if (!domain::CanDelete(current->status)) {
        throw AppError(ErrorCode::kConflict, "only draft stores can be deleted; this one is " +
                                                 std::string(domain::ToString(current->status)));
    }
    if (!uow->Stores().Delete(id, expected_version)) {
        throw AppError(ErrorCode::kPreconditionFailed, "the store was changed by someone else");
    }
    uow->Audit().Append(
        MakeAudit(meta, "store.deleted", id, domain::Diff(&current->fields, nullptr)));
    uow->Commit();
    cache_.InvalidateStore(id);
    events_.Publish(StoreEvent(StoreChange::kDeleted, *current, clock_.Now(), meta.actor.username));
}

StoreService::Applied StoreService::ApplyTemplate(const std::string& id,
                                                  const domain::StoreTemplate& item,
                                                  const RequestMeta& meta) {
    auto uow = database_.Begin(ports::TxKind::kWrite);
    auto current = uow->Stores().FindById(id);
    if (!current) {
        throw NotFound(id);
    }
    if (!current->template_ref || current->template_ref->id != item.id) {
        throw AppError(ErrorCode::kConflict, "the store does not follow this template");
    }
    if (current->template_ref->version == item.version) {
        return {std::move(*current), false};
    }
    if (auto why = domain::WhyNotSync(current->status)) {
        throw AppError(ErrorCode::kConflict, std::move(*why));
    }
    domain::StoreFields wanted = Normalize(domain::WithTemplatePlans(current->fields, item.fields));
    ThrowIfInvalid(wanted, code_rule_, &current->fields.code);
    auto changes = domain::Diff(&current->fields, &wanted);
    const domain::TemplateRef to{item.id, item.version};
    changes.push_back({"template", TemplateValue(*current->template_ref), TemplateValue(to)});
    domain::Store updated = *current;
    updated.fields = std::move(wanted);
    updated.template_ref = to;
    updated.version = current->version + 1;
    updated.updated_at = clock_.Now();
    updated.updated_by = meta.actor.username;
    if (!uow->Stores().Update(updated, current->version)) {
        throw AppError(ErrorCode::kConflict, "the store was changed by someone else; try again");
    }
    uow->Audit().Append(MakeAudit(meta, "store.updated", id, std::move(changes)));
    uow->Commit();
    cache_.InvalidateStore(id);
    events_.Publish(StoreEvent(StoreChange::kUpdated, updated, clock_.Now(), meta.actor.username));
    return {std::move(updated), true};
}

ports::Page<ports::AuditEntry> StoreService::StoreAudit(const std::string& id, std::int64_t page,
                                                        std::int64_t page_size) {
    auto uow = database_.Begin(ports::TxKind::kRead);
    if (!uow->Stores().FindById(id)) {
        // Deleted drafts keep their history; only a never-seen id is unknown.
        auto history = uow->Audit().ListForStore(id, page, page_size);
        if (history.total == 0) {
            throw NotFound(id);
        }
        return history;
    }
    return uow->Audit().ListForStore(id, page, page_size);
}

ports::Page<ports::AuditEntry> StoreService::GlobalAudit(const ports::AuditQuery& query) {
    auto uow = database_.Begin(ports::TxKind::kRead);
    return uow->Audit().List(query);
}

StoreStats StoreService::Stats() {
    StoreStats stats;
    for (const auto status : domain::AllStoreStatuses()) {
        stats.by_status[std::string(domain::ToString(status))] = 0;
    }
    for (const auto type : domain::AllStoreTypes()) {
        stats.by_type[std::string(domain::ToString(type))] = 0;
    }
    auto uow = database_.Begin(ports::TxKind::kRead);
    for (const auto& [status, count] : uow->Stores().CountByStatus()) {
        stats.by_status[status] = count;
        stats.total += count;
    }
    for (const auto& [type, count] : uow->Stores().CountByType()) {
        stats.by_type[type] = count;
    }
    return stats;
}

}  // namespace store::app
