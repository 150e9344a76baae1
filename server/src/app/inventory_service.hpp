#pragma once

#include <string>
#include <vector>

#include "app/context.hpp"
#include "app/import_result.hpp"
#include "app/ports/clock.hpp"
#include "app/ports/database.hpp"
#include "app/ports/event_bus.hpp"
#include "app/ports/random_source.hpp"
#include "domain/field_error.hpp"

namespace store::app {

struct NewModel {
    std::string kind;
    std::string vendor;
    std::string model;
};

struct NewItem {
    std::string serial;
    std::string model_id;
};

struct PoolUsage {
    ports::AddressPool pool;
    std::int64_t used = 0;
    std::uint64_t capacity = 0;
};

/// Hardware models and stock, and address pools with their utilisation.
class InventoryService {
public:
    InventoryService(ports::Database& database, const ports::Clock& clock,
                     ports::RandomSource& random, ports::EventBus& events);

    std::vector<ports::HardwareModel> Models();
    ports::HardwareModel CreateModel(const NewModel& input, const RequestMeta& meta);
    ports::Page<ports::StockItem> Items(const ports::ItemQuery& query);
    ports::StockItem CreateItem(const NewItem& input, const RequestMeta& meta);
    /// CSV with the header `serial,kind,vendor,model`; models are created as needed. Valid rows
    /// are stored, each bad row is reported and changes nothing.
    std::vector<ImportRowResult> ImportItems(std::string_view csv, const RequestMeta& meta);
    std::map<std::string, std::int64_t> Available();

    std::vector<PoolUsage> Pools();
    PoolUsage CreatePool(const std::string& cidr, const std::string& purpose,
                         std::int64_t segment_prefix, const RequestMeta& meta);
    void DeletePool(const std::string& id, const RequestMeta& meta);

private:
    /// capacity.changed, after the commit.
    void Tell(const std::string& resource, const std::string& name, const RequestMeta& meta);
    void Audit(ports::UnitOfWork& uow, const RequestMeta& meta, std::string action,
               std::string entity_type, const std::string& id,
               std::vector<domain::FieldChange> changes);

    ports::Database& database_;
    const ports::Clock& clock_;
    ports::RandomSource& random_;
    ports::EventBus& events_;
};

}  // namespace store::app
