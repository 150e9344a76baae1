#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "app/ports/event_bus.hpp"

namespace store::ws {

/// `{"type":…,"time":"…Z","data":{…}}`: what a live client receives (docs/api.md, "Live
/// events"); the time in the API's form (domain/time_text.hpp: UTC, milliseconds).
std::string SerializeEvent(const app::ports::Event& event);

/// The `data` member of each event kind in JSON and back: the one place that knows the
/// field names. The relay between replicas (infra/relay_event_bus.cpp) carries events in this
/// form through the app::ports::EventCodec port.
class JsonEventCodec final : public app::ports::EventCodec {
public:
    std::string EncodeData(const app::ports::Event& event) const override;
    std::optional<app::ports::Event> Decode(std::string_view type, domain::TimePoint time,
                                            std::string_view data_json) const override;
};

}  // namespace store::ws
