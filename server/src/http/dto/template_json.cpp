#include "http/dto/template_json.hpp"

#include <boost/json.hpp>

#include "app/errors.hpp"
#include "http/dto/request_body.hpp"
#include "http/dto/store_json.hpp"

namespace store::http::dto {
namespace json = boost::json;

json::object TemplateFieldsToJson(const domain::TemplateFields& f) {
    json::object out{{"name", f.name}, {"description", f.description}, {"type", f.type}};
    PlanMembersToJson(f.tags, f.notes, f.hardware_plan, f.network_plan, /*with_cidr=*/false, out);
    return out;
}

json::object TemplateToJson(const app::TemplateSummary& summary) {
    const auto& item = summary.item;
    json::object out{{"id", item.id}};
    for (auto& [key, value] : TemplateFieldsToJson(item.fields)) {
        out[key] = value;
    }
    out["version"] = item.version;
    out["storeCount"] = summary.usage.stores;
    out["behindCount"] = summary.usage.behind;
    out["createdAt"] = FormatTime(item.created_at);
    out["updatedAt"] = FormatTime(item.updated_at);
    out["createdBy"] = item.created_by;
    out["updatedBy"] = item.updated_by;
    return out;
}

domain::TemplateFields ParseTemplateFields(const json::value& value) {
    domain::FieldErrors errors;
    domain::TemplateFields f;
    ObjectReader body(value, "", errors);
    for (const char* read_only : {"id", "version", "storeCount", "behindCount", "createdAt",
                                  "updatedAt", "createdBy", "updatedBy"}) {
        if (body.Member(read_only) != nullptr) {
            body.AddError(read_only, "is read only");
        }
    }
    f.name = body.String("name").value_or("");
    f.description = body.String("description").value_or("");
    f.type = body.String("type").value_or("");
    PlanMembers plans;
    ParsePlanMembers(body, plans, errors);
    f.tags = std::move(plans.tags);
    f.notes = std::move(plans.notes);
    f.hardware_plan = std::move(plans.hardware_plan);
    f.network_plan = std::move(plans.network_plan);
    body.RejectUnknown();
    if (!errors.empty()) {
        throw app::AppError::Validation(std::move(errors));
    }
    return f;
}

std::vector<domain::StoreSeed> ParseStoreSeeds(const json::value& value) {
    domain::FieldErrors errors;
    ObjectReader body(value, "", errors);
    std::vector<domain::StoreSeed> seeds;
    const auto* stores = body.Member("stores");
    body.RejectUnknown();
    if (stores == nullptr || !stores->is_array() || stores->as_array().empty()) {
        errors.push_back({"stores", "must be a non-empty array of stores"});
    } else if (stores->as_array().size() > 1000) {
        errors.push_back({"stores", "at most 1,000 stores per call (or send a CSV file)"});
    } else {
        const auto& items = stores->as_array();
        for (std::size_t i = 0; i < items.size(); ++i) {
            const std::string prefix = "stores[" + std::to_string(i) + "].";
            ObjectReader item(items[i], prefix, errors);
            domain::StoreSeed seed;
            seed.code = item.String("code").value_or("");
            seed.name = item.String("name").value_or("");
            if (const auto* location = item.Member("location")) {
                seed.location = ParseLocation(*location, prefix + "location.", errors);
            } else if (item.Valid()) {
                item.AddError(item.Path("location"), "is required");
            }
            seed.opening_date = item.String("openingDate");
            if (const auto* contact = item.Member("contact")) {
                seed.contact = ParseContact(*contact, prefix + "contact.", errors);
            }
            item.RejectUnknown();
            seeds.push_back(std::move(seed));
        }
    }
    if (!errors.empty()) {
        throw app::AppError::Validation(std::move(errors));
    }
    return seeds;
}

json::object FollowersToJson(const app::TemplateFollowerList& list) {
    json::array items;
    for (std::size_t i = 0; i < list.items.size(); ++i) {
        const auto& follower = list.items[i];
        items.push_back(json::object{{"id", follower.id},
                                     {"code", follower.code},
                                     {"name", follower.name},
                                     {"status", domain::ToString(follower.status)},
                                     {"templateVersion", follower.template_version},
                                     // The list has the behind ones first.
                                     {"behind", static_cast<std::int64_t>(i) < list.behind}});
    }
    return {{"templateVersion", list.template_version},
            {"total", static_cast<std::int64_t>(list.items.size())},
            {"behind", list.behind},
            {"items", std::move(items)}};
}

json::object SyncResultToJson(const app::SyncResult& result) {
    json::array items;
    std::int64_t updated = 0;
    std::int64_t unchanged = 0;
    std::int64_t rejected = 0;
    for (const auto& row : result.results) {
        const char* status = "rejected";
        switch (row.status) {
            case app::SyncRowResult::Status::kUpdated:
                status = "updated";
                ++updated;
                break;
            case app::SyncRowResult::Status::kUnchanged:
                status = "unchanged";
                ++unchanged;
                break;
            case app::SyncRowResult::Status::kRejected: ++rejected; break;
        }
        items.push_back(json::object{
            {"id", row.id},
            {"code", row.code.empty() ? json::value(nullptr) : json::value(row.code)},
            {"status", status},
            {"version", row.version ? json::value(*row.version) : json::value(nullptr)},
            {"reason", row.reason.empty() ? json::value(nullptr) : json::value(row.reason)}});
    }
    return {{"templateVersion", result.template_version},
            {"updated", updated},
            {"unchanged", unchanged},
            {"rejected", rejected},
            {"results", std::move(items)}};
}

}  // namespace store::http::dto
