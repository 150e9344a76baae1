#include "infra/json_columns.hpp"

#include <boost/json.hpp>

#include <charconv>
#include <type_traits>

#include "app/errors.hpp"
#include "infra/time_format.hpp"

namespace store::infra {
namespace {

namespace json = boost::json;

[[noreturn]] void Corrupt(std::string_view column, std::string_view why) {
    throw app::AppError(app::ErrorCode::kInternal, "stored data could not be read",
                        "corrupt JSON column " + std::string(column) + ": " + std::string(why));
}

json::value Parse(std::string_view text, std::string_view column) {
    boost::system::error_code ec;
    json::value value = json::parse(text, ec);
    if (ec) {
        Corrupt(column, ec.message());
    }
    return value;
}

std::string Text(const json::value& value, std::string_view column) {
    if (!value.is_string()) {
        Corrupt(column, "expected a string");
    }
    return std::string(value.get_string());
}

json::value TimeValue(const std::optional<domain::TimePoint>& time) {
    return time ? json::value(FormatTime(*time)) : json::value(nullptr);
}

std::optional<domain::TimePoint> OptionalTime(const json::object& object, std::string_view key,
                                              std::string_view column) {
    const auto* value = object.if_contains(key);
    if (value == nullptr || value->is_null()) {
        return std::nullopt;
    }
    const auto time = ParseTime(Text(*value, column));
    if (!time) {
        Corrupt(column, "expected a timestamp");
    }
    return time;
}

}  // namespace

std::string EncodeTags(const std::vector<std::string>& tags) {
    json::array array;
    array.reserve(tags.size());
    for (const auto& tag : tags) {
        array.emplace_back(tag);
    }
    return json::serialize(array);
}

std::vector<std::string> DecodeTags(std::string_view text) {
    const json::value value = Parse(text, "tags");
    if (!value.is_array()) {
        Corrupt("tags", "expected an array");
    }
    std::vector<std::string> tags;
    for (const auto& item : value.get_array()) {
        tags.push_back(Text(item, "tags"));
    }
    return tags;
}

std::string EncodeHardwarePlan(const std::map<std::string, std::int64_t>& plan) {
    json::object object;
    for (const auto& [kind, quantity] : plan) {
        object[kind] = quantity;
    }
    return json::serialize(object);
}

std::map<std::string, std::int64_t> DecodeHardwarePlan(std::string_view text) {
    const json::value value = Parse(text, "hardware_plan");
    if (!value.is_object()) {
        Corrupt("hardware_plan", "expected an object");
    }
    std::map<std::string, std::int64_t> plan;
    for (const auto& [kind, quantity] : value.get_object()) {
        if (!quantity.is_int64() && !quantity.is_uint64()) {
            Corrupt("hardware_plan", "expected integer quantities");
        }
        plan[std::string(kind)] = quantity.to_number<std::int64_t>();
    }
    return plan;
}

std::string EncodeNetworkPlan(const std::vector<domain::SegmentPlan>& plan) {
    json::array array;
    for (const auto& segment : plan) {
        json::object object;
        object["purpose"] = segment.purpose;
        object["vlanId"] = segment.vlan_id ? json::value(*segment.vlan_id) : json::value(nullptr);
        object["cidr"] = segment.cidr ? json::value(*segment.cidr) : json::value(nullptr);
        array.emplace_back(std::move(object));
    }
    return json::serialize(array);
}

std::vector<domain::SegmentPlan> DecodeNetworkPlan(std::string_view text) {
    const json::value value = Parse(text, "network_plan");
    if (!value.is_array()) {
        Corrupt("network_plan", "expected an array");
    }
    std::vector<domain::SegmentPlan> plan;
    for (const auto& item : value.get_array()) {
        if (!item.is_object()) {
            Corrupt("network_plan", "expected objects");
        }
        const auto& object = item.get_object();
        domain::SegmentPlan segment;
        if (const auto* purpose = object.if_contains("purpose")) {
            segment.purpose = Text(*purpose, "network_plan");
        }
        if (const auto* vlan = object.if_contains("vlanId"); vlan && !vlan->is_null()) {
            if (!vlan->is_int64() && !vlan->is_uint64()) {
                Corrupt("network_plan", "expected an integer vlanId");
            }
            segment.vlan_id = vlan->to_number<std::int64_t>();
        }
        if (const auto* cidr = object.if_contains("cidr"); cidr && !cidr->is_null()) {
            segment.cidr = Text(*cidr, "network_plan");
        }
        plan.push_back(std::move(segment));
    }
    return plan;
}

namespace {

// An audit value is stored as the JSON text of the value, itself kept as a JSON string, so
// rows written before the diff was typed (the same text) read back unchanged.
void AppendValue(std::string& out, const domain::AuditValue& value) {
    std::visit(
        [&out](const auto& v) {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, std::nullptr_t>) {
                out += "null";
            } else if constexpr (std::is_same_v<T, bool>) {
                out += v ? "true" : "false";
            } else if constexpr (std::is_same_v<T, std::int64_t>) {
                out += std::to_string(v);
            } else if constexpr (std::is_same_v<T, double>) {
                // Shortest text that reads back as the same double, and reads back as a
                // double (not an integer).
                char buffer[64];
                const auto end = std::to_chars(buffer, buffer + sizeof buffer, v).ptr;
                const std::string_view text(buffer, static_cast<std::size_t>(end - buffer));
                out += text;
                if (text.find_first_of(".en") == std::string_view::npos) {
                    out += ".0";
                }
            } else if constexpr (std::is_same_v<T, std::string>) {
                out += json::serialize(json::string_view(v));
            } else if constexpr (std::is_same_v<T, domain::AuditValue::List>) {
                out += '[';
                for (std::size_t i = 0; i < v.size(); ++i) {
                    out += i == 0 ? "" : ",";
                    AppendValue(out, v[i]);
                }
                out += ']';
            } else {
                out += '{';
                for (std::size_t i = 0; i < v.size(); ++i) {
                    out += i == 0 ? "" : ",";
                    out += json::serialize(json::string_view(v[i].first));
                    out += ':';
                    AppendValue(out, v[i].second);
                }
                out += '}';
            }
        },
        value.value);
}

domain::AuditValue FromJson(const json::value& json) {
    switch (json.kind()) {
        case json::kind::null: return nullptr;
        case json::kind::bool_: return json.get_bool();
        case json::kind::int64: return json.get_int64();
        case json::kind::uint64: return static_cast<double>(json.get_uint64());
        case json::kind::double_: return json.get_double();
        case json::kind::string: return std::string(json.get_string());
        case json::kind::array: {
            domain::AuditValue::List list;
            for (const auto& item : json.get_array()) {
                list.push_back(FromJson(item));
            }
            return list;
        }
        case json::kind::object: {
            domain::AuditValue::Record record;
            for (const auto& [key, item] : json.get_object()) {
                record.emplace_back(std::string(key), FromJson(item));
            }
            return record;
        }
    }
    return nullptr;
}

/// A stored side of a change; text that is not JSON (never written by us) reads as text.
domain::AuditValue DecodeValue(std::string_view text) {
    boost::system::error_code ec;
    const json::value value = json::parse(text, ec);
    return ec ? domain::AuditValue(text) : FromJson(value);
}

}  // namespace

std::string EncodeChanges(const std::vector<domain::FieldChange>& changes) {
    json::array array;
    std::string text;
    for (const auto& change : changes) {
        json::object object;
        object["field"] = change.field;
        if (change.before) {
            text.clear();
            AppendValue(text, *change.before);
            object["before"] = text;
        }
        if (change.after) {
            text.clear();
            AppendValue(text, *change.after);
            object["after"] = text;
        }
        array.emplace_back(std::move(object));
    }
    return json::serialize(array);
}

std::vector<domain::FieldChange> DecodeChanges(std::string_view text) {
    const json::value value = Parse(text, "changes");
    if (!value.is_array()) {
        Corrupt("changes", "expected an array");
    }
    std::vector<domain::FieldChange> changes;
    for (const auto& item : value.get_array()) {
        if (!item.is_object()) {
            Corrupt("changes", "expected objects");
        }
        const auto& object = item.get_object();
        domain::FieldChange change;
        if (const auto* field = object.if_contains("field")) {
            change.field = Text(*field, "changes");
        }
        if (const auto* before = object.if_contains("before")) {
            change.before = DecodeValue(Text(*before, "changes"));
        }
        if (const auto* after = object.if_contains("after")) {
            change.after = DecodeValue(Text(*after, "changes"));
        }
        changes.push_back(std::move(change));
    }
    return changes;
}

std::string EncodeRunSteps(const std::vector<domain::RunStep>& steps) {
    json::array array;
    array.reserve(steps.size());
    for (const auto& step : steps) {
        json::object object;
        object["name"] = step.name;
        object["status"] = domain::ToString(step.status);
        object["attempts"] = step.attempts;
        object["startedAt"] = TimeValue(step.started_at);
        object["finishedAt"] = TimeValue(step.finished_at);
        object["message"] = step.message;
        array.emplace_back(std::move(object));
    }
    return json::serialize(array);
}

std::vector<domain::RunStep> DecodeRunSteps(std::string_view text) {
    const json::value value = Parse(text, "steps");
    if (!value.is_array()) {
        Corrupt("steps", "expected an array");
    }
    std::vector<domain::RunStep> steps;
    for (const auto& item : value.get_array()) {
        if (!item.is_object()) {
            Corrupt("steps", "expected objects");
        }
        const auto& object = item.get_object();
        domain::RunStep step;
        if (const auto* name = object.if_contains("name")) {
            step.name = Text(*name, "steps");
        }
        if (const auto* status = object.if_contains("status")) {
            const auto parsed = domain::ParseStepStatus(Text(*status, "steps"));
            if (!parsed) {
                Corrupt("steps", "unknown step status");
            }
            step.status = *parsed;
        }
        if (const auto* attempts = object.if_contains("attempts")) {
            if (!attempts->is_int64() && !attempts->is_uint64()) {
                Corrupt("steps", "expected integer attempts");
            }
            step.attempts = attempts->to_number<int>();
        }
        step.started_at = OptionalTime(object, "startedAt", "steps");
        step.finished_at = OptionalTime(object, "finishedAt", "steps");
        if (const auto* message = object.if_contains("message")) {
            step.message = Text(*message, "steps");
        }
        steps.push_back(std::move(step));
    }
    return steps;
}

std::string EncodeBundleFiles(const std::vector<domain::BundleFile>& files) {
    json::array array;
    array.reserve(files.size());
    for (const auto& file : files) {
        array.push_back(json::object{{"path", file.path}, {"content", file.content}});
    }
    return json::serialize(array);
}

std::vector<domain::BundleFile> DecodeBundleFiles(std::string_view text) {
    const json::value value = Parse(text, "files");
    if (!value.is_array()) {
        Corrupt("files", "expected an array");
    }
    std::vector<domain::BundleFile> files;
    for (const auto& item : value.get_array()) {
        const auto* object = item.if_object();
        const auto* path = object != nullptr ? object->if_contains("path") : nullptr;
        const auto* content = object != nullptr ? object->if_contains("content") : nullptr;
        if (path == nullptr || content == nullptr) {
            Corrupt("files", "expected objects with path and content");
        }
        files.push_back({Text(*path, "files"), Text(*content, "files")});
    }
    return files;
}

namespace {

const json::object& Object(const json::value& value, std::string_view column) {
    if (!value.is_object()) {
        Corrupt(column, "expected an object");
    }
    return value.get_object();
}

const json::value& Member(const json::object& object, std::string_view key,
                          std::string_view column) {
    const auto* value = object.if_contains(key);
    if (value == nullptr) {
        Corrupt(column, "a member is missing");
    }
    return *value;
}

bool Flag(const json::object& object, std::string_view key, std::string_view column) {
    const auto& value = Member(object, key, column);
    if (!value.is_bool()) {
        Corrupt(column, "expected a boolean");
    }
    return value.get_bool();
}

const json::array& Array(const json::value& value, std::string_view column) {
    if (!value.is_array()) {
        Corrupt(column, "expected an array");
    }
    return value.get_array();
}

}  // namespace

std::string EncodePlanBody(const domain::ProvisionPlan& plan) {
    json::array segments;
    for (const auto& s : plan.segments) {
        segments.push_back(json::object{{"purpose", s.purpose},
                                        {"vlanId", s.vlan_id},
                                        {"cidr", s.cidr},
                                        {"gateway", s.gateway},
                                        {"dhcpStart", s.dhcp_start},
                                        {"dhcpEnd", s.dhcp_end},
                                        {"poolId", s.pool_id},
                                        {"held", s.held}});
    }
    json::array devices;
    for (const auto& d : plan.devices) {
        devices.push_back(json::object{{"kind", d.kind},
                                       {"serial", d.serial},
                                       {"modelId", d.model_id},
                                       {"vendor", d.vendor},
                                       {"model", d.model},
                                       {"held", d.held}});
    }
    json::array problems;
    for (const auto& problem : plan.problems) {
        problems.emplace_back(problem);
    }
    return json::serialize(json::object{{"segments", std::move(segments)},
                                        {"devices", std::move(devices)},
                                        {"secretPath", plan.secret_path},
                                        {"problems", std::move(problems)}});
}

void DecodePlanBody(std::string_view text, domain::ProvisionPlan& plan) {
    constexpr std::string_view kColumn = "provision_plans.body";
    const json::value value = Parse(text, kColumn);
    const auto& body = Object(value, kColumn);
    plan.segments.clear();
    for (const auto& item : Array(Member(body, "segments", kColumn), kColumn)) {
        const auto& o = Object(item, kColumn);
        const auto& vlan = Member(o, "vlanId", kColumn);
        if (!vlan.is_int64()) {
            Corrupt(kColumn, "expected an integer VLAN id");
        }
        plan.segments.push_back({Text(Member(o, "purpose", kColumn), kColumn), vlan.get_int64(),
                                 Text(Member(o, "cidr", kColumn), kColumn),
                                 Text(Member(o, "gateway", kColumn), kColumn),
                                 Text(Member(o, "dhcpStart", kColumn), kColumn),
                                 Text(Member(o, "dhcpEnd", kColumn), kColumn),
                                 Text(Member(o, "poolId", kColumn), kColumn),
                                 Flag(o, "held", kColumn)});
    }
    plan.devices.clear();
    for (const auto& item : Array(Member(body, "devices", kColumn), kColumn)) {
        const auto& o = Object(item, kColumn);
        plan.devices.push_back(
            {Text(Member(o, "kind", kColumn), kColumn), Text(Member(o, "serial", kColumn), kColumn),
             Text(Member(o, "modelId", kColumn), kColumn),
             Text(Member(o, "vendor", kColumn), kColumn),
             Text(Member(o, "model", kColumn), kColumn), Flag(o, "held", kColumn)});
    }
    plan.secret_path = Text(Member(body, "secretPath", kColumn), kColumn);
    plan.problems.clear();
    for (const auto& problem : Array(Member(body, "problems", kColumn), kColumn)) {
        plan.problems.push_back(Text(problem, kColumn));
    }
}

}  // namespace store::infra
