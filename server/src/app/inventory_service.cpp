#include "app/inventory_service.hpp"

#include "app/audit.hpp"

#include <algorithm>
#include <set>

#include "app/errors.hpp"
#include "domain/audit_diff.hpp"
#include "domain/csv_import.hpp"
#include "domain/inventory.hpp"
#include "domain/ipam.hpp"
#include "domain/store.hpp"

namespace store::app {
namespace {}  // namespace

InventoryService::InventoryService(ports::Database& database, const ports::Clock& clock,
                                   ports::RandomSource& random, ports::EventBus& events)
    : database_(database), clock_(clock), random_(random), events_(events) {}

void InventoryService::Tell(const std::string& resource, const std::string& name,
                            const RequestMeta& meta) {
    events_.Publish({clock_.Now(), ports::CapacityChanged{resource, name, meta.actor.username}});
}

void InventoryService::Audit(ports::UnitOfWork& uow, const RequestMeta& meta, std::string action,
                             std::string entity_type, const std::string& id,
                             std::vector<domain::FieldChange> changes) {
    uow.Audit().Append(AuditEntryFor(clock_, random_, meta, std::move(action),
                                     std::move(entity_type), id, std::move(changes)));
}

std::vector<ports::HardwareModel> InventoryService::Models() {
    auto uow = database_.Begin(ports::TxKind::kRead);
    return uow->Inventory().ListModels();
}

ports::HardwareModel InventoryService::CreateModel(const NewModel& input, const RequestMeta& meta) {
    if (auto errors = domain::ValidateHardwareModel(input.kind, input.vendor, input.model);
        !errors.empty()) {
        throw AppError::Validation(std::move(errors));
    }
    ports::HardwareModel model{random_.NewUuid(), input.kind, input.vendor, input.model,
                               clock_.Now()};
    auto uow = database_.Begin(ports::TxKind::kWrite);
    uow->Inventory().InsertModel(model);
    Audit(*uow, meta, "hardware_model.created", "hardware_model", model.id,
          {{"model", std::nullopt,
            domain::AuditValue(model.kind + " " + model.vendor + " " + model.model)}});
    uow->Commit();
    return model;
}

ports::Page<ports::StockItem> InventoryService::Items(const ports::ItemQuery& query) {
    auto uow = database_.Begin(ports::TxKind::kRead);
    return uow->Inventory().ListItems(query);
}

ports::StockItem InventoryService::CreateItem(const NewItem& input, const RequestMeta& meta) {
    domain::FieldErrors errors;
    if (!domain::IsValidSerial(input.serial)) {
        errors.push_back({"serial", "must be 3 to 64 of A-Z a-z 0-9 - _ . /"});
    }
    if (input.model_id.empty()) {
        errors.push_back({"modelId", "is required"});
    }
    if (!errors.empty()) {
        throw AppError::Validation(std::move(errors));
    }
    auto uow = database_.Begin(ports::TxKind::kWrite);
    const auto model = uow->Inventory().FindModel(input.model_id);
    if (!model) {
        throw AppError::Validation({{"modelId", "no hardware model has this id"}});
    }
    ports::StockItem item;
    item.id = random_.NewUuid();
    item.serial = input.serial;
    item.model_id = model->id;
    item.kind = model->kind;
    item.status = std::string(domain::ToString(domain::ItemStatus::kInStock));
    item.created_at = item.updated_at = clock_.Now();
    uow->Inventory().InsertItem(item);
    Audit(*uow, meta, "hardware_item.created", "hardware_item", item.id,
          {{"serial", std::nullopt, domain::AuditValue(item.serial)}});
    uow->Commit();
    Tell("hardware", item.kind, meta);
    return item;
}

std::vector<ImportRowResult> InventoryService::ImportItems(std::string_view csv,
                                                           const RequestMeta& meta) {
    const auto file = domain::ReadStockImport(csv);
    if (file.error) {
        throw AppError::BadRequest({file.error->error}, file.error->detail);
    }
    std::vector<ImportRowResult> results;
    std::set<std::string> kinds;  // of the items created
    for (const auto& row : file.rows) {
        ImportRowResult result;
        result.row = row.line;
        result.key = row.serial;
        result.errors = row.errors;
        if (!result.errors.empty()) {
            results.push_back(std::move(result));
            continue;
        }
        try {
            auto uow = database_.Begin(ports::TxKind::kWrite);
            if (uow->Inventory().FindItemBySerial(result.key)) {
                result.errors.push_back({"serial", "a stock item with this serial already exists"});
                results.push_back(std::move(result));
                continue;
            }
            std::string model_id;
            for (const auto& model : uow->Inventory().ListModels()) {
                if (model.kind == row.kind && model.vendor == row.vendor &&
                    model.model == row.model) {
                    model_id = model.id;
                }
            }
            if (model_id.empty()) {
                ports::HardwareModel model{random_.NewUuid(), row.kind, row.vendor, row.model,
                                           clock_.Now()};
                uow->Inventory().InsertModel(model);
                model_id = model.id;
            }
            ports::StockItem item;
            item.id = random_.NewUuid();
            item.serial = result.key;
            item.model_id = model_id;
            item.kind = row.kind;
            item.status = std::string(domain::ToString(domain::ItemStatus::kInStock));
            item.created_at = item.updated_at = clock_.Now();
            uow->Inventory().InsertItem(item);
            uow->Commit();
            result.ok = true;
            result.id = item.id;
            kinds.insert(row.kind);
        } catch (const AppError& error) {
            if (error.code() != ErrorCode::kConflict) {
                throw;  // the database is down: the whole import fails loudly
            }
            result.errors.push_back({"serial", error.detail()});
        }
        results.push_back(std::move(result));
    }
    // One audit entry per import with its summary (not one per row, which would push
    // everything else off the activity feed's first page). Its entity id is the import's own.
    const auto created =
        std::count_if(results.begin(), results.end(), [](const auto& r) { return r.ok; });
    if (created > 0) {
        auto uow = database_.Begin(ports::TxKind::kWrite);
        Audit(*uow, meta, "hardware_item.imported", "hardware_item", random_.NewUuid(),
              {{"created", std::nullopt, static_cast<std::int64_t>(created)},
               {"rejected", std::nullopt,
                static_cast<std::int64_t>(results.size()) - static_cast<std::int64_t>(created)}});
        uow->Commit();
    }
    for (const auto& kind : kinds) {
        Tell("hardware", kind, meta);
    }
    return results;
}

std::map<std::string, std::int64_t> InventoryService::Available() {
    auto uow = database_.Begin(ports::TxKind::kRead);
    return uow->Inventory().AvailableByKind();
}

std::vector<PoolUsage> InventoryService::Pools() {
    auto uow = database_.Begin(ports::TxKind::kRead);
    const auto usage = uow->Network().UsageByPool();
    std::vector<PoolUsage> out;
    for (auto& pool : uow->Network().ListPools()) {
        PoolUsage entry;
        const auto network = domain::ParseCidr(pool.cidr).network;
        entry.capacity = network ? domain::SubnetCapacity(*network, pool.segment_prefix) : 0;
        const auto it = usage.find(pool.id);
        entry.used = it == usage.end() ? 0 : it->second;
        entry.pool = std::move(pool);
        out.push_back(std::move(entry));
    }
    return out;
}

PoolUsage InventoryService::CreatePool(const std::string& cidr, const std::string& purpose,
                                       std::int64_t segment_prefix, const RequestMeta& meta) {
    domain::FieldErrors errors;
    const auto parsed = domain::ParseCidr(cidr);
    if (!parsed.network) {
        errors.push_back(
            {"cidr", "must be an IPv4 network such as 10.20.0.0/16 with no host bits"});
    } else if (parsed.network->prefix < 8 || parsed.network->prefix > 28) {
        errors.push_back({"cidr", "prefix length must be between /8 and /28"});
    }
    if (!domain::ParseSegmentPurpose(purpose)) {
        errors.push_back({"purpose", "must be one of pos, corporate, guest, iot, management"});
    }
    if (segment_prefix < 16 || segment_prefix > 30) {
        errors.push_back({"segmentPrefix", "must be between 16 and 30"});
    } else if (parsed.network && segment_prefix < parsed.network->prefix) {
        errors.push_back({"segmentPrefix", "must not be larger than the pool"});
    }
    if (!errors.empty()) {
        throw AppError::Validation(std::move(errors));
    }
    ports::AddressPool pool{random_.NewUuid(), parsed.network->ToString(), purpose,
                            static_cast<int>(segment_prefix), clock_.Now()};
    auto uow = database_.Begin(ports::TxKind::kWrite);
    uow->Network().InsertPool(pool);
    Audit(*uow, meta, "address_pool.created", "address_pool", pool.id,
          {{"cidr", std::nullopt, domain::AuditValue(pool.cidr)},
           {"purpose", std::nullopt, domain::AuditValue(purpose)}});
    uow->Commit();
    Tell("pool", purpose, meta);
    return {pool, 0, domain::SubnetCapacity(*parsed.network, pool.segment_prefix)};
}

void InventoryService::DeletePool(const std::string& id, const RequestMeta& meta) {
    auto uow = database_.Begin(ports::TxKind::kWrite);
    const auto pool = uow->Network().FindPool(id);
    if (!pool) {
        throw AppError(ErrorCode::kNotFound, "address pool " + id + " does not exist");
    }
    uow->Network().DeletePool(id);
    Audit(*uow, meta, "address_pool.deleted", "address_pool", id,
          {{"cidr", domain::AuditValue(pool->cidr), std::nullopt}});
    uow->Commit();
    Tell("pool", pool->purpose, meta);
}

}  // namespace store::app
