#include "infra/event_wire.hpp"

#include <boost/json.hpp>

namespace store::infra {

namespace json = boost::json;

std::string EncodeWireEvent(std::string_view origin, const app::ports::Event& event,
                            const app::ports::EventCodec& codec) {
    return json::serialize(json::object{
        {"origin", origin},
        {"type", app::ports::TypeOf(event)},
        {"time", std::chrono::duration_cast<std::chrono::nanoseconds>(event.time.time_since_epoch())
                     .count()},
        {"data", codec.EncodeData(event)}});
}

std::optional<WireEvent> DecodeWireEvent(std::string_view text,
                                         const app::ports::EventCodec& codec) {
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
    const auto when = domain::TimePoint(std::chrono::duration_cast<domain::TimePoint::duration>(
        std::chrono::nanoseconds(time->get_int64())));
    auto event = codec.Decode(type->get_string(), when, data->get_string());
    if (!event) {
        return std::nullopt;
    }
    return WireEvent{std::string(origin->get_string()), std::move(*event)};
}

bool SharedAcrossReplicas(const app::ports::Event& event) {
    return !std::holds_alternative<app::ports::BreakerChanged>(event.data) &&
           !std::holds_alternative<app::ports::AlertRaised>(event.data);
}

}  // namespace store::infra
