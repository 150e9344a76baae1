#include "infra/redis/store_codec.hpp"

#include <array>
#include <charconv>

#include <boost/json.hpp>

namespace store::infra::redis {
namespace {

namespace json = boost::json;

/// Thrown inside this file only: the entry is not ours; decoding returns nullopt.
struct Malformed {};

const json::value& At(const json::object& object, std::string_view key) {
    const auto* value = object.if_contains(key);
    if (value == nullptr) {
        throw Malformed{};
    }
    return *value;
}

std::string Str(const json::object& object, std::string_view key) {
    const auto& value = At(object, key);
    if (!value.is_string()) {
        throw Malformed{};
    }
    return std::string(value.get_string());
}

std::int64_t Int(const json::object& object, std::string_view key) {
    const auto& value = At(object, key);
    if (!value.is_int64()) {
        throw Malformed{};
    }
    return value.get_int64();
}

const json::object& Obj(const json::value& value) {
    if (!value.is_object()) {
        throw Malformed{};
    }
    return value.get_object();
}

const json::array& Arr(const json::value& value) {
    if (!value.is_array()) {
        throw Malformed{};
    }
    return value.get_array();
}

std::optional<std::string> OptStr(const json::object& object, std::string_view key) {
    const auto& value = At(object, key);
    if (value.is_null()) {
        return std::nullopt;
    }
    if (!value.is_string()) {
        throw Malformed{};
    }
    return std::string(value.get_string());
}

// Coordinates travel as text written by std::to_chars (the shortest text that reads back to
// the same double) and read by std::from_chars (correctly rounded). Boost.JSON 1.81 neither
// writes nor reads every double exactly: about one latitude in nine came back from the cache a
// unit in the last place away from what the database holds (found by fuzz_redis, finding 7).
std::optional<double> OptDouble(const json::object& object, std::string_view key) {
    const auto& value = At(object, key);
    if (value.is_null()) {
        return std::nullopt;
    }
    if (!value.is_string()) {
        throw Malformed{};  // an entry written before coordinates were text: a miss
    }
    const auto text = value.get_string();
    double number = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
    if (error != std::errc{} || end != text.data() + text.size()) {
        throw Malformed{};
    }
    return number;
}

json::value DoubleValue(const std::optional<double>& number) {
    if (!number) {
        return nullptr;
    }
    std::array<char, 32> buffer{};
    const auto [end, error] = std::to_chars(buffer.data(), buffer.data() + buffer.size(), *number);
    return json::string(buffer.data(), error == std::errc{} ? end : buffer.data());
}

json::value OptValue(const std::optional<std::string>& text) {
    return text ? json::value(*text) : json::value(nullptr);
}

std::int64_t Nanos(domain::TimePoint time) {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(time.time_since_epoch()).count();
}

domain::TimePoint Time(std::int64_t nanos) {
    return domain::TimePoint(
        std::chrono::duration_cast<domain::TimePoint::duration>(std::chrono::nanoseconds(nanos)));
}

json::object StoreToJson(const domain::Store& store) {
    const auto& f = store.fields;
    json::array tags;
    for (const auto& tag : f.tags) {
        tags.emplace_back(tag);
    }
    json::object hardware;
    for (const auto& [kind, count] : f.hardware_plan) {
        hardware[kind] = count;
    }
    json::array network;
    for (const auto& segment : f.network_plan) {
        network.push_back(json::object{
            {"purpose", segment.purpose},
            {"vlan", segment.vlan_id ? json::value(*segment.vlan_id) : json::value(nullptr)},
            {"cidr", OptValue(segment.cidr)}});
    }
    const auto& l = f.location;
    return json::object{
        {"id", store.id},
        {"status", domain::ToString(store.status)},
        {"version", store.version},
        {"createdAt", Nanos(store.created_at)},
        {"updatedAt", Nanos(store.updated_at)},
        {"createdBy", store.created_by},
        {"updatedBy", store.updated_by},
        {"code", f.code},
        {"name", f.name},
        {"type", f.type},
        {"location", json::object{{"address", l.address},
                                  {"city", l.city},
                                  {"region", l.region},
                                  {"country", l.country},
                                  {"postalCode", l.postal_code},
                                  {"timezone", l.timezone},
                                  {"latitude", DoubleValue(l.latitude)},
                                  {"longitude", DoubleValue(l.longitude)}}},
        {"openingDate", OptValue(f.opening_date)},
        {"contact", json::object{{"manager", f.contact.manager},
                                 {"email", f.contact.email},
                                 {"phone", f.contact.phone}}},
        {"tags", std::move(tags)},
        {"notes", f.notes},
        {"hardware", std::move(hardware)},
        {"network", std::move(network)},
        // Always present (null without a template): an entry written before templates existed
        // lacks it, is malformed, and so is a miss that the database answers.
        {"template", store.template_ref
                         ? json::value(json::object{{"id", store.template_ref->id},
                                                    {"version", store.template_ref->version}})
                         : json::value(nullptr)}};
}

domain::Store StoreFromJson(const json::value& value) {
    const auto& o = Obj(value);
    domain::Store store;
    store.id = Str(o, "id");
    const auto status = domain::ParseStoreStatus(Str(o, "status"));
    if (!status) {
        throw Malformed{};
    }
    store.status = *status;
    store.version = Int(o, "version");
    store.created_at = Time(Int(o, "createdAt"));
    store.updated_at = Time(Int(o, "updatedAt"));
    store.created_by = Str(o, "createdBy");
    store.updated_by = Str(o, "updatedBy");
    if (const auto& ref = At(o, "template"); !ref.is_null()) {
        store.template_ref = domain::TemplateRef{Str(Obj(ref), "id"), Int(Obj(ref), "version")};
    }
    auto& f = store.fields;
    f.code = Str(o, "code");
    f.name = Str(o, "name");
    f.type = Str(o, "type");
    const auto& l = Obj(At(o, "location"));
    f.location = {Str(l, "address"),        Str(l, "city"),           Str(l, "region"),
                  Str(l, "country"),        Str(l, "postalCode"),     Str(l, "timezone"),
                  OptDouble(l, "latitude"), OptDouble(l, "longitude")};
    f.opening_date = OptStr(o, "openingDate");
    const auto& c = Obj(At(o, "contact"));
    f.contact = {Str(c, "manager"), Str(c, "email"), Str(c, "phone")};
    for (const auto& tag : Arr(At(o, "tags"))) {
        if (!tag.is_string()) {
            throw Malformed{};
        }
        f.tags.emplace_back(tag.get_string());
    }
    f.notes = Str(o, "notes");
    for (const auto& [kind, count] : Obj(At(o, "hardware"))) {
        if (!count.is_int64()) {
            throw Malformed{};
        }
        f.hardware_plan[std::string(kind)] = count.get_int64();
    }
    for (const auto& item : Arr(At(o, "network"))) {
        const auto& s = Obj(item);
        domain::SegmentPlan segment;
        segment.purpose = Str(s, "purpose");
        if (const auto& vlan = At(s, "vlan"); !vlan.is_null()) {
            if (!vlan.is_int64()) {
                throw Malformed{};
            }
            segment.vlan_id = vlan.get_int64();
        }
        segment.cidr = OptStr(s, "cidr");
        f.network_plan.push_back(std::move(segment));
    }
    return store;
}

template <typename F>
auto Decode(std::string_view text, F&& from_json)
    -> std::optional<decltype(from_json(json::value{}))> {
    boost::system::error_code ec;
    const json::value value = json::parse(text, ec);
    if (ec) {
        return std::nullopt;
    }
    try {
        return from_json(value);
    } catch (const Malformed&) {
        return std::nullopt;
    }
}

}  // namespace

std::string EncodeStore(const domain::Store& store) { return json::serialize(StoreToJson(store)); }

std::optional<domain::Store> DecodeStore(std::string_view text) {
    return Decode(text, [](const json::value& value) { return StoreFromJson(value); });
}

std::string EncodePage(const app::ports::Page<domain::Store>& page) {
    json::array items;
    items.reserve(page.items.size());
    for (const auto& store : page.items) {
        items.emplace_back(StoreToJson(store));
    }
    return json::serialize(json::object{{"items", std::move(items)},
                                        {"total", page.total},
                                        {"estimate", page.total_is_estimate},
                                        {"next", OptValue(page.next_cursor)}});
}

std::optional<app::ports::Page<domain::Store>> DecodePage(std::string_view text) {
    return Decode(text, [](const json::value& value) {
        const auto& o = Obj(value);
        app::ports::Page<domain::Store> page;
        for (const auto& item : Arr(At(o, "items"))) {
            page.items.push_back(StoreFromJson(item));
        }
        page.total = Int(o, "total");
        const auto* estimate = o.if_contains("estimate");
        page.total_is_estimate = estimate != nullptr && estimate->is_bool() && estimate->as_bool();
        page.next_cursor = OptStr(o, "next");
        return page;
    });
}

}  // namespace store::infra::redis
