#include "app/alert_history.hpp"

#include <chrono>

namespace store::app {

AlertHistory::AlertHistory(std::size_t capacity, const ports::Clock& clock,
                           ports::RandomSource& random, ports::EventBus& events)
    : capacity_(capacity), clock_(clock), random_(random), events_(events) {}

Alert AlertHistory::Raise(std::string severity, std::string source, std::string title,
                          std::string message) {
    Alert alert{random_.NewUuid(), clock_.Now(),     std::move(severity),
                std::move(source), std::move(title), std::move(message)};
    {
        std::lock_guard lock(mutex_);
        alerts_.push_front(alert);
        while (alerts_.size() > capacity_) {
            alerts_.pop_back();
        }
    }
    events_.Publish({alert.time, ports::AlertRaised{alert.id, alert.severity, alert.source,
                                                    alert.title, alert.message}});
    return alert;
}

void AlertHistory::DependencyChanged(const std::string& dependency, const std::string& from,
                                     const std::string& to, const std::string& reason) {
    events_.Publish({clock_.Now(), ports::BreakerChanged{dependency, from, to, reason}});
    if (to == "open") {
        Raise("critical", dependency, dependency + " is unavailable", reason);
    } else if (to == "closed") {
        Raise("info", dependency, dependency + " recovered", reason);
    }
}

std::vector<Alert> AlertHistory::Recent(std::size_t limit) const {
    std::lock_guard lock(mutex_);
    std::vector<Alert> out;
    for (const auto& alert : alerts_) {
        if (out.size() >= limit) {
            break;
        }
        out.push_back(alert);
    }
    return out;
}

}  // namespace store::app
