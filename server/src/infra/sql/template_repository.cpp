#include "app/errors.hpp"
#include "infra/json_columns.hpp"
#include "infra/sql/columns.hpp"
#include "infra/sql/repositories.hpp"
#include "infra/time_format.hpp"

namespace store::infra::sql {
namespace {

// Column order shared by SELECT and the $1..$13 parameters of INSERT/UPDATE.
constexpr const char* kTemplateColumns =
    "id, name, description, type, tags, notes, hardware_plan, network_plan, version, created_at, "
    "updated_at, created_by, updated_by";

std::string NameConflict(const std::string& name) {
    return "a template named " + name + " already exists";
}

void BindTemplate(Query& query, const domain::StoreTemplate& item) {
    const auto& f = item.fields;
    query.Bind(item.id)
        .Bind(f.name)
        .Bind(f.description)
        .Bind(f.type)
        .Bind(EncodeTags(f.tags))
        .Bind(f.notes)
        .Bind(EncodeHardwarePlan(f.hardware_plan))
        .Bind(EncodeNetworkPlan(f.network_plan))
        .Bind(item.version)
        .Bind(FormatTime(item.created_at))
        .Bind(FormatTime(item.updated_at))
        .Bind(item.created_by)
        .Bind(item.updated_by);
}

domain::StoreTemplate ReadTemplate(const Query& row) {
    domain::StoreTemplate item;
    auto& f = item.fields;
    item.id = row.Text(0);
    f.name = row.Text(1);
    f.description = row.Text(2);
    f.type = row.Text(3);
    f.tags = DecodeTags(row.Text(4));
    f.notes = row.Text(5);
    f.hardware_plan = DecodeHardwarePlan(row.Text(6));
    f.network_plan = DecodeNetworkPlan(row.Text(7));
    item.version = row.Int(8);
    item.created_at = ReadTime(row, 9);
    item.updated_at = ReadTime(row, 10);
    item.created_by = row.Text(11);
    item.updated_by = row.Text(12);
    return item;
}

domain::StoreStatus ReadStatus(const Query& row, int column) {
    const auto status = domain::ParseStoreStatus(row.Text(column));
    if (!status) {
        Corrupt("store status");
    }
    return *status;
}

}  // namespace

void TemplateRepository::Insert(const domain::StoreTemplate& item) {
    static const std::string kInsert = std::string("INSERT INTO store_templates (") +
                                       kTemplateColumns + ") VALUES (" + Params(1, 13) + ")";
    Query query = session_.Prepare(kInsert);
    query.OnConflict(NameConflict(item.fields.name));
    BindTemplate(query, item);
    query.Run();
}

std::optional<domain::StoreTemplate> TemplateRepository::FindById(const std::string& id) {
    return FindOneBy(session_, kTemplateColumns, "store_templates", "id", id, ReadTemplate);
}

std::vector<domain::StoreTemplate> TemplateRepository::List() {
    static const std::string kSelect =
        std::string("SELECT ") + kTemplateColumns + " FROM store_templates ORDER BY name, id";
    Query query = session_.Prepare(kSelect);
    return AllRows(query, ReadTemplate);
}

bool TemplateRepository::Update(const domain::StoreTemplate& item, std::int64_t expected_version) {
    Query query = session_.Prepare(
        "UPDATE store_templates SET name = $2, description = $3, type = $4, tags = $5, "
        "notes = $6, hardware_plan = $7, network_plan = $8, version = $9, created_at = $10, "
        "updated_at = $11, created_by = $12, updated_by = $13 WHERE id = $1 AND version = $14");
    query.OnConflict(NameConflict(item.fields.name));
    BindTemplate(query, item);
    query.Bind(expected_version);
    return query.Run() == 1;
}

bool TemplateRepository::Delete(const std::string& id, std::int64_t expected_version) {
    return session_.Prepare("DELETE FROM store_templates WHERE id = $1 AND version = $2")
               .Bind(id)
               .Bind(expected_version)
               .Run() == 1;
}

std::vector<app::ports::TemplateUsageRow> TemplateRepository::Usage(
    const std::string& template_id) {
    std::string sql =
        "SELECT template_id, template_version, status, COUNT(*) FROM stores "
        "WHERE template_id IS NOT NULL";
    if (!template_id.empty()) {
        sql += " AND template_id = $1";
    }
    sql += " GROUP BY template_id, template_version, status";
    Query query = session_.Prepare(sql);
    if (!template_id.empty()) {
        query.Bind(template_id);
    }
    return AllRows(query, [](const Query& row) {
        return app::ports::TemplateUsageRow{row.Text(0), row.Int(1), ReadStatus(row, 2),
                                            row.Int(3)};
    });
}

std::vector<app::ports::TemplateFollower> TemplateRepository::Followers(
    const std::string& template_id) {
    Query query = session_.Prepare(
        "SELECT id, code, name, status, template_version FROM stores WHERE template_id = $1 "
        "ORDER BY code, id");
    query.Bind(template_id);
    return AllRows(query, [](const Query& row) {
        return app::ports::TemplateFollower{row.Text(0), row.Text(1), row.Text(2),
                                            ReadStatus(row, 3), row.Int(4)};
    });
}

}  // namespace store::infra::sql
