#pragma once

#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <vector>

#include "app/ports/clock.hpp"
#include "app/ports/event_bus.hpp"
#include "app/ports/random_source.hpp"

namespace store::app {

struct Alert {
    std::string id;
    domain::TimePoint time;
    std::string severity;  // info, warning, critical
    std::string source;    // the dependency or component
    std::string title;
    std::string message;
};

/// Recent alerts of this replica (bounded, newest first), each also published as an
/// `alert.raised` event so dashboards show it at once.
class AlertHistory {
public:
    AlertHistory(std::size_t capacity, const ports::Clock& clock, ports::RandomSource& random,
                 ports::EventBus& events);

    Alert Raise(std::string severity, std::string source, std::string title, std::string message);
    std::vector<Alert> Recent(std::size_t limit) const;
    /// A dependency's circuit breaker moved (`from`/`to`: closed, half_open, open): published
    /// as system.breaker_changed; opening raises a critical alert, closing an info one.
    void DependencyChanged(const std::string& dependency, const std::string& from,
                           const std::string& to, const std::string& reason);

private:
    std::size_t capacity_;
    const ports::Clock& clock_;
    ports::RandomSource& random_;
    ports::EventBus& events_;
    mutable std::mutex mutex_;
    std::deque<Alert> alerts_;
};

}  // namespace store::app
