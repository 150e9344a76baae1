#include "app/inventory_service.hpp"

#include <algorithm>
#include <set>

#include "app/errors.hpp"
#include "domain/audit_diff.hpp"
#include "domain/inventory.hpp"
#include "domain/ipam.hpp"
#include "domain/store.hpp"

namespace store::app {
namespace {

std::string Quoted(std::string_view text) { return domain::JsonQuote(text); }

std::string Trimmed(std::string text) {
    const auto begin = text.find_first_not_of(" \t");
    const auto end = text.find_last_not_of(" \t");
    return begin == std::string::npos ? std::string() : text.substr(begin, end - begin + 1);
}

}  // namespace

InventoryService::InventoryService(ports::Database& database, const ports::Clock& clock,
                                   ports::RandomSource& random)
    : database_(database), clock_(clock), random_(random) {}

void InventoryService::Audit(ports::UnitOfWork& uow, const RequestMeta& meta, std::string action,
                             std::string entity_type, const std::string& id,
                             std::vector<domain::FieldChange> changes) {
    ports::AuditEntry entry;
    entry.id = random_.NewUuid();
    entry.time = clock_.Now();
    entry.actor = meta.actor.username;
    entry.action = std::move(action);
    entry.entity_type = std::move(entity_type);
    entry.entity_id = id;
    entry.request_id = meta.request_id;
    entry.changes = std::move(changes);
    uow.Audit().Append(entry);
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
    ports::HardwareModel model{random_.NewUuid(), input.kind, input.vendor, input.model, clock_.Now()};
    auto uow = database_.Begin(ports::TxKind::kWrite);
    uow->Inventory().InsertModel(model);
    Audit(*uow, meta, "hardware_model.created", "hardware_model", model.id,
          {{"model", std::nullopt, Quoted(model.kind + " " + model.vendor + " " + model.model)}});
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
          {{"serial", std::nullopt, Quoted(item.serial)}});
    uow->Commit();
    return item;
}

std::vector<ImportRowResult> InventoryService::ImportItems(std::string_view csv,
                                                           const RequestMeta& meta) {
    const auto parsed = domain::ParseCsv(csv);
    if (parsed.error) {
        throw AppError::BadRequest({{"line " + std::to_string(parsed.error_line), *parsed.error}},
                                   "the CSV file is malformed at line " +
                                       std::to_string(parsed.error_line) + ": " + *parsed.error);
    }
    if (parsed.records.empty()) {
        throw AppError::BadRequest({{"body", "is empty"}}, "the CSV file has no header row");
    }
    const auto& header = parsed.records.front().cells;
    std::map<std::string, std::size_t> column;
    for (std::size_t i = 0; i < header.size(); ++i) {
        column[Trimmed(header[i])] = i;
    }
    for (const char* name : {"serial", "kind", "vendor", "model"}) {
        if (!column.contains(name)) {
            throw AppError::BadRequest({{"header", std::string("missing column ") + name}},
                                       "the header must name the columns serial,kind,vendor,model");
        }
    }
    if (parsed.records.size() > 10'001) {
        throw AppError::BadRequest({{"body", "at most 10,000 rows"}}, "too many rows in one import");
    }
    std::vector<ImportRowResult> results;
    std::set<std::string> serials_in_file;
    for (std::size_t r = 1; r < parsed.records.size(); ++r) {
        const auto& record = parsed.records[r];
        const auto cell = [&](const char* name) {
            const auto index = column.at(name);
            return index < record.cells.size() ? Trimmed(record.cells[index]) : std::string();
        };
        ImportRowResult result;
        result.row = record.line;
        result.key = cell("serial");
        if (!domain::IsValidSerial(result.key)) {
            result.errors.push_back({"serial", "must be 3 to 64 of A-Z a-z 0-9 - _ . /"});
        } else if (!serials_in_file.insert(result.key).second) {
            result.errors.push_back({"serial", "duplicate serial in this file"});
        }
        for (auto& error : domain::ValidateHardwareModel(cell("kind"), cell("vendor"), cell("model"))) {
            result.errors.push_back(std::move(error));
        }
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
                if (model.kind == cell("kind") && model.vendor == cell("vendor") &&
                    model.model == cell("model")) {
                    model_id = model.id;
                }
            }
            if (model_id.empty()) {
                ports::HardwareModel model{random_.NewUuid(), cell("kind"), cell("vendor"),
                                           cell("model"), clock_.Now()};
                uow->Inventory().InsertModel(model);
                model_id = model.id;
            }
            ports::StockItem item;
            item.id = random_.NewUuid();
            item.serial = result.key;
            item.model_id = model_id;
            item.kind = cell("kind");
            item.status = std::string(domain::ToString(domain::ItemStatus::kInStock));
            item.created_at = item.updated_at = clock_.Now();
            uow->Inventory().InsertItem(item);
            uow->Commit();
            result.ok = true;
            result.id = item.id;
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
    const auto created = std::count_if(results.begin(), results.end(), [](const auto& r) { return r.ok; });
    if (created > 0) {
        auto uow = database_.Begin(ports::TxKind::kWrite);
        Audit(*uow, meta, "hardware_item.imported", "hardware_item", random_.NewUuid(),
              {{"created", std::nullopt, std::to_string(created)},
               {"rejected", std::nullopt, std::to_string(results.size() - static_cast<std::size_t>(created))}});
        uow->Commit();
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
        errors.push_back({"cidr", "must be an IPv4 network such as 10.20.0.0/16 with no host bits"});
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
          {{"cidr", std::nullopt, Quoted(pool.cidr)}, {"purpose", std::nullopt, Quoted(purpose)}});
    uow->Commit();
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
          {{"cidr", Quoted(pool->cidr), std::nullopt}});
    uow->Commit();
}

}  // namespace store::app
