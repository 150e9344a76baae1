#include "http/dto/store_json.hpp"

#include <boost/json.hpp>
#include <charconv>
#include <type_traits>
#include <variant>

#include "app/errors.hpp"
#include "domain/time_text.hpp"
#include "http/dto/request_body.hpp"

namespace store::http::dto {

namespace json = boost::json;

std::string FormatTime(domain::TimePoint time) { return domain::FormatUtcMillis(time); }

json::value FormatOptionalTime(const std::optional<domain::TimePoint>& time) {
    return time ? json::value(FormatTime(*time)) : json::value(nullptr);
}

std::string FormatNumber(double value) {
    char buffer[64];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    return std::string(buffer, result.ptr);
}

void PlanMembersToJson(const std::vector<std::string>& tags_in, const std::string& notes,
                       const std::map<std::string, std::int64_t>& hardware_plan,
                       const std::vector<domain::SegmentPlan>& network_plan, bool with_cidr,
                       json::object& out) {
    json::array tags;
    for (const auto& tag : tags_in) {
        tags.emplace_back(tag);
    }
    json::object hardware;
    for (const auto& [kind, quantity] : hardware_plan) {
        hardware[kind] = quantity;
    }
    json::array network;
    for (const auto& segment : network_plan) {
        json::object item{{"purpose", segment.purpose}};
        item["vlanId"] = segment.vlan_id ? json::value(*segment.vlan_id) : nullptr;
        if (with_cidr) {
            item["cidr"] = segment.cidr ? json::value(*segment.cidr) : nullptr;
        }
        network.push_back(std::move(item));
    }
    out["tags"] = std::move(tags);
    out["notes"] = notes;
    out["hardwarePlan"] = std::move(hardware);
    out["networkPlan"] = std::move(network);
}

json::object FieldsToJson(const domain::StoreFields& f) {
    json::object location{
        {"address", f.location.address},        {"city", f.location.city},
        {"region", f.location.region},          {"country", f.location.country},
        {"postalCode", f.location.postal_code}, {"timezone", f.location.timezone}};
    location["latitude"] = f.location.latitude ? json::value(*f.location.latitude) : nullptr;
    location["longitude"] = f.location.longitude ? json::value(*f.location.longitude) : nullptr;
    json::object out;
    out["code"] = f.code;
    out["name"] = f.name;
    out["type"] = f.type;
    out["location"] = std::move(location);
    out["openingDate"] = f.opening_date ? json::value(*f.opening_date) : nullptr;
    out["contact"] = json::object{
        {"manager", f.contact.manager}, {"email", f.contact.email}, {"phone", f.contact.phone}};
    PlanMembersToJson(f.tags, f.notes, f.hardware_plan, f.network_plan, /*with_cidr=*/true, out);
    return out;
}

json::value TemplateRefToJson(const std::optional<domain::TemplateRef>& ref) {
    return ref ? json::value(json::object{{"id", ref->id}, {"version", ref->version}})
               : json::value(nullptr);
}

json::value StoreToJson(const domain::Store& store) {
    json::object out;
    out["id"] = store.id;
    for (auto& [key, value] : FieldsToJson(store.fields)) {
        out[key] = value;
    }
    out["status"] = std::string(domain::ToString(store.status));
    out["template"] = TemplateRefToJson(store.template_ref);
    out["version"] = store.version;
    out["createdAt"] = FormatTime(store.created_at);
    out["updatedAt"] = FormatTime(store.updated_at);
    out["createdBy"] = store.created_by;
    out["updatedBy"] = store.updated_by;
    return out;
}

domain::Location ParseLocation(const json::value& value, const std::string& prefix,
                               domain::FieldErrors& errors) {
    domain::Location location;
    ObjectReader l(value, prefix, errors);
    location.address = l.String("address").value_or("");
    location.city = l.String("city").value_or("");
    location.region = l.String("region").value_or("");
    location.country = l.String("country").value_or("");
    location.postal_code = l.String("postalCode").value_or("");
    location.timezone = l.String("timezone").value_or("");
    location.latitude = l.Number("latitude");
    location.longitude = l.Number("longitude");
    l.RejectUnknown();
    return location;
}

domain::Contact ParseContact(const json::value& value, const std::string& prefix,
                             domain::FieldErrors& errors) {
    domain::Contact contact;
    ObjectReader c(value, prefix, errors);
    contact.manager = c.String("manager").value_or("");
    contact.email = c.String("email").value_or("");
    contact.phone = c.String("phone").value_or("");
    c.RejectUnknown();
    return contact;
}

void ParsePlanMembers(ObjectReader& body, PlanMembers& out, domain::FieldErrors& errors) {
    if (const auto* tags = body.Member("tags")) {
        if (!tags->is_array()) {
            body.AddError(body.Path("tags"), "must be an array of strings");
        } else {
            for (std::size_t i = 0; i < tags->as_array().size(); ++i) {
                const auto& tag = tags->as_array()[i];
                if (tag.is_string()) {
                    out.tags.emplace_back(tag.as_string());
                } else {
                    body.AddError(body.Path("tags[" + std::to_string(i) + "]"), "must be a string");
                }
            }
        }
    }
    out.notes = body.String("notes").value_or("");
    if (const auto* hardware = body.Member("hardwarePlan")) {
        ObjectReader h(*hardware, body.Path("hardwarePlan."), errors);
        if (h.Valid()) {
            for (const auto& [kind, quantity] : hardware->as_object()) {
                if (const auto number = h.Integer(kind)) {
                    out.hardware_plan[std::string(kind)] = *number;
                }
            }
        }
    }
    if (const auto* network = body.Member("networkPlan")) {
        if (!network->is_array()) {
            body.AddError(body.Path("networkPlan"), "must be an array of segments");
        } else {
            const auto& items = network->as_array();
            for (std::size_t i = 0; i < items.size(); ++i) {
                ObjectReader s(items[i], body.Path("networkPlan[" + std::to_string(i) + "]."),
                               errors);
                domain::SegmentPlan segment;
                segment.purpose = s.String("purpose").value_or("");
                segment.vlan_id = s.Integer("vlanId");
                segment.cidr = s.String("cidr");
                s.RejectUnknown();
                out.network_plan.push_back(std::move(segment));
            }
        }
    }
}

domain::StoreFields ParseStoreFields(const json::value& value) {
    domain::FieldErrors errors;
    domain::StoreFields f;
    ObjectReader body(value, "", errors);
    for (const char* read_only : {"id", "status", "version", "template", "createdAt", "updatedAt",
                                  "createdBy", "updatedBy"}) {
        if (body.Member(read_only) != nullptr) {
            body.AddError(read_only, "is read only");
        }
    }
    f.code = body.String("code").value_or("");
    f.name = body.String("name").value_or("");
    f.type = body.String("type").value_or("");
    if (const auto* location = body.Member("location")) {
        f.location = ParseLocation(*location, "location.", errors);
    } else {
        body.AddError("location", "is required");
    }
    f.opening_date = body.String("openingDate");
    if (const auto* contact = body.Member("contact")) {
        f.contact = ParseContact(*contact, "contact.", errors);
    }
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

void ApplyMergePatch(json::value& target, const json::value& patch) {
    if (!patch.is_object()) {
        target = patch;
        return;
    }
    if (!target.is_object()) {
        target = json::object{};
    }
    auto& object = target.as_object();
    for (const auto& [key, value] : patch.as_object()) {
        if (value.is_null()) {
            object.erase(key);
        } else {
            ApplyMergePatch(object[key], value);
        }
    }
}

std::string StorePageToJson(const app::ports::Page<domain::Store>& page,
                            const domain::StoreQuery& query) {
    json::array items;
    items.reserve(page.items.size());
    for (const auto& store : page.items) {
        items.push_back(StoreToJson(store));
    }
    json::object out;
    out["items"] = std::move(items);
    out["page"] = query.cursor ? json::value(nullptr) : json::value(query.page);
    out["pageSize"] = query.page_size;
    out["total"] = page.total;
    out["totalIsEstimate"] = page.total_is_estimate;
    out["nextCursor"] = page.next_cursor ? json::value(*page.next_cursor) : nullptr;
    return json::serialize(out);
}

json::value AuditValueToJson(const domain::AuditValue& value) {
    return std::visit(
        [](const auto& v) -> json::value {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, domain::AuditValue::List>) {
                json::array array;
                for (const auto& item : v) {
                    array.push_back(AuditValueToJson(item));
                }
                return array;
            } else if constexpr (std::is_same_v<T, domain::AuditValue::Record>) {
                json::object object;
                for (const auto& [key, item] : v) {
                    object[key] = AuditValueToJson(item);
                }
                return object;
            } else {
                return json::value(v);
            }
        },
        value.value);
}

json::value AuditEntryToJson(const app::ports::AuditEntry& entry) {
    json::array changes;
    for (const auto& change : entry.changes) {
        const auto side = [](const std::optional<domain::AuditValue>& value) -> json::value {
            return value ? AuditValueToJson(*value) : json::value(nullptr);
        };
        changes.push_back(json::object{{"field", change.field},
                                       {"before", side(change.before)},
                                       {"after", side(change.after)}});
    }
    json::object out{{"id", entry.id},
                     {"time", FormatTime(entry.time)},
                     {"actor", entry.actor},
                     {"action", entry.action},
                     {"entityType", entry.entity_type},
                     {"entityId", entry.entity_id},
                     {"requestId", entry.request_id},
                     {"clientAddress", entry.client_address}};
    out["storeId"] = entry.store_id ? json::value(*entry.store_id) : nullptr;
    out["changes"] = std::move(changes);
    return out;
}

json::value UserToJson(const app::ports::User& user) {
    return json::object{{"id", user.id},
                        {"username", user.username},
                        {"role", std::string(domain::ToString(user.role))},
                        {"disabled", user.disabled},
                        {"createdAt", FormatTime(user.created_at)},
                        {"updatedAt", FormatTime(user.updated_at)}};
}

json::object ApiTokenToJson(const app::ports::ApiToken& token) {
    return json::object{{"id", token.id},
                        {"name", token.name},
                        {"role", std::string(domain::ToString(token.role))},
                        {"createdBy", token.created_by},
                        {"createdAt", FormatTime(token.created_at)},
                        {"expiresAt", FormatOptionalTime(token.expires_at)},
                        {"lastUsedAt", FormatOptionalTime(token.last_used_at)}};
}

std::string StatsToJson(const app::StoreStats& stats) {
    json::object by_status;
    for (const auto& [status, count] : stats.by_status) {
        by_status[status] = count;
    }
    json::object by_type;
    for (const auto& [type, count] : stats.by_type) {
        by_type[type] = count;
    }
    return json::serialize(json::object{{"total", stats.total},
                                        {"byStatus", std::move(by_status)},
                                        {"byType", std::move(by_type)}});
}

}  // namespace store::http::dto
