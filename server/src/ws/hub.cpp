#include "ws/hub.hpp"

#include <vector>

#include "ws/event_json.hpp"

namespace store::ws {

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
