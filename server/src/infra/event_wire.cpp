#include "infra/event_wire.hpp"

#include <boost/json.hpp>

namespace store::infra {

namespace json = boost::json;

std::string EncodeWireEvent(std::string_view origin, const app::ports::Event& event) {
    return json::serialize(json::object{
        {"origin", origin},
        {"type", event.type},
        {"time", std::chrono::duration_cast<std::chrono::nanoseconds>(event.time.time_since_epoch())
                     .count()},
        {"data", event.data_json}});
}

std::optional<WireEvent> DecodeWireEvent(std::string_view text) {
    boost::system::error_code ec;
    const json::value value = json::parse(text, ec);
    if (ec || !value.is_object()) {
        return std::nullopt;
    }
    const auto& o = value.get_object();
    const auto* origin = o.if_contains("origin");
    const auto* type = o.if_contains("type");
    const auto* time = o.if_contains("time");
    const auto* data = o.if_contains("data");
    if (origin == nullptr || !origin->is_string() || type == nullptr || !type->is_string() ||
        time == nullptr || !time->is_int64() || data == nullptr || !data->is_string()) {
        return std::nullopt;
    }
    WireEvent wire;
    wire.origin = std::string(origin->get_string());
    wire.event.type = std::string(type->get_string());
    wire.event.time = domain::TimePoint(std::chrono::duration_cast<domain::TimePoint::duration>(
        std::chrono::nanoseconds(time->get_int64())));
    wire.event.data_json = std::string(data->get_string());
    return wire;
}

bool SharedAcrossReplicas(const app::ports::Event& event) {
    return !event.type.starts_with("system.") && !event.type.starts_with("alert.");
}

}  // namespace store::infra
