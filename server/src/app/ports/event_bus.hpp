#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "domain/store.hpp"

namespace store::app::ports {

/// A change worth telling live clients about: {type, time, data}.
struct Event {
    std::string type;  // store.created, store.updated, store.status_changed, run.step_changed, …
    domain::TimePoint time;
    std::string data_json;  // the "data" member, already serialised
};

/// Fan-out of events to subscribers (in-process; across replicas in production).
/// Publish never blocks on subscribers and never throws.
class EventBus {
public:
    using Handler = std::function<void(const Event&)>;
    virtual ~EventBus() = default;
    virtual void Publish(const Event& event) = 0;
    virtual std::uint64_t Subscribe(Handler handler) = 0;
    virtual void Unsubscribe(std::uint64_t id) = 0;
};

}  // namespace store::app::ports
