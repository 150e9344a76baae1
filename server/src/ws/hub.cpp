#include "ws/hub.hpp"

#include <boost/json/serialize.hpp>
#include <boost/json/string.hpp>
#include <chrono>
#include <cstdio>
#include <vector>

namespace store::ws {
namespace {

// The same shape as the API's timestamps: UTC with microseconds and a Z.
std::string FormatUtc(std::chrono::system_clock::time_point time) {
    const auto micros = std::chrono::floor<std::chrono::microseconds>(time);
    const auto days = std::chrono::floor<std::chrono::days>(micros);
    const std::chrono::year_month_day date{days};
    const std::chrono::hh_mm_ss clock{micros - days};
    char buffer[40];
    std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02uT%02d:%02d:%02d.%06lldZ",
                  static_cast<int>(date.year()), static_cast<unsigned>(date.month()),
                  static_cast<unsigned>(date.day()), static_cast<int>(clock.hours().count()),
                  static_cast<int>(clock.minutes().count()),
                  static_cast<int>(clock.seconds().count()),
                  static_cast<long long>(clock.subseconds().count()));
    return buffer;
}

}  // namespace

std::string SerializeEvent(const app::ports::Event& event) {
    std::string out;
    out.reserve(event.type.size() + event.data_json.size() + 64);
    out += R"({"type":)";
    out += boost::json::serialize(boost::json::string(event.type));
    out += R"(,"time":")";
    out += FormatUtc(event.time);
    out += R"(","data":)";
    out += event.data_json.empty() ? "null" : event.data_json;
    out += '}';
    return out;
}

Hub::Hub(app::ports::EventBus& bus) : bus_(bus) {
    subscription_ = bus_.Subscribe([this](const app::ports::Event& event) { Broadcast(event); });
}

Hub::~Hub() { bus_.Unsubscribe(subscription_); }

std::uint64_t Hub::Add(std::weak_ptr<Subscriber> subscriber) {
    std::lock_guard lock(mutex_);
    const std::uint64_t id = ++next_id_;
    subscribers_.emplace(id, std::move(subscriber));
    return id;
}

void Hub::Remove(std::uint64_t id) {
    std::lock_guard lock(mutex_);
    subscribers_.erase(id);
}

std::size_t Hub::Size() const {
    std::lock_guard lock(mutex_);
    return subscribers_.size();
}

void Hub::Broadcast(const app::ports::Event& event) {
    // One buffer for all sessions; serialised before taking the lock.
    const auto message = std::make_shared<const std::string>(SerializeEvent(event));
    std::vector<std::weak_ptr<Subscriber>> targets;
    {
        std::lock_guard lock(mutex_);
        targets.reserve(subscribers_.size());
        for (const auto& [id, subscriber] : subscribers_) {
            targets.push_back(subscriber);
        }
    }
    // Outside the lock: a session may register or leave meanwhile without waiting for us.
    for (const auto& target : targets) {
        if (auto subscriber = target.lock()) {
            subscriber->Deliver(message);
        }
    }
}

}  // namespace store::ws
