#include "app/alert_history.hpp"

#include <chrono>

#include "domain/audit_diff.hpp"

namespace store::app {

AlertHistory::AlertHistory(std::size_t capacity, const ports::Clock& clock,
                           ports::RandomSource& random, ports::EventBus& events)
    : capacity_(capacity), clock_(clock), random_(random), events_(events) {}

Alert AlertHistory::Raise(std::string severity, std::string source, std::string title,
                          std::string message) {
    Alert alert{random_.NewUuid(), clock_.Now(), std::move(severity), std::move(source),
                std::move(title), std::move(message)};
    {
        std::lock_guard lock(mutex_);
        alerts_.push_front(alert);
        while (alerts_.size() > capacity_) {
            alerts_.pop_back();
        }
    }
    using domain::JsonQuote;
    events_.Publish({"alert.raised", alert.time,
                     "{\"id\":" + JsonQuote(alert.id) + ",\"severity\":" + JsonQuote(alert.severity) +
                         ",\"source\":" + JsonQuote(alert.source) + ",\"title\":" +
                         JsonQuote(alert.title) + ",\"message\":" + JsonQuote(alert.message) + "}"});
    return alert;
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
