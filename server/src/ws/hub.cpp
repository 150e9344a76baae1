#include "ws/hub.hpp"

#include <algorithm>
#include <vector>

#include "ws/event_json.hpp"

namespace store::ws {

Hub::Hub(app::ports::EventBus& bus) : bus_(bus) {
    subscription_ = bus_.Subscribe([this](const app::ports::Event& event) { Broadcast(event); });
}

Hub::~Hub() { bus_.Unsubscribe(subscription_); }

std::uint64_t Hub::Add(std::weak_ptr<Subscriber> subscriber, std::string subject,
                       std::int64_t epoch) {
    std::uint64_t id = 0;
    bool already_ended = false;
    {
        std::lock_guard lock(mutex_);
        id = ++next_id_;
        // Authenticated before a revocation that reached the hub before this registration.
        const auto ended = ended_epochs_.find(subject);
        already_ended = ended != ended_epochs_.end() && epoch < ended->second;
        subscribers_.emplace(id, Entry{subscriber, std::move(subject), epoch});
    }
    if (already_ended) {
        if (auto alive = subscriber.lock()) {
            alive->EndAccess();
        }
    }
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
    if (std::holds_alternative<app::ports::AccessRevoked>(event.data)) {
        return;  // between replicas only; the access service acts on it (EndAccess)
    }
    // One buffer for all sessions; serialised before taking the lock.
    const auto message = std::make_shared<const std::string>(SerializeEvent(event));
    std::vector<std::weak_ptr<Subscriber>> targets;
    {
        std::lock_guard lock(mutex_);
        targets.reserve(subscribers_.size());
        for (const auto& [id, entry] : subscribers_) {
            targets.push_back(entry.subscriber);
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

namespace store::ws {

void Hub::EndAccess(const std::string& subject, std::int64_t epoch) {
    std::vector<std::weak_ptr<Subscriber>> ended;
    {
        std::lock_guard lock(mutex_);
        auto& ended_epoch = ended_epochs_[subject];
        ended_epoch = std::max(ended_epoch, epoch);
        for (const auto& [id, entry] : subscribers_) {
            if (entry.subject == subject && entry.epoch < epoch) {
                ended.push_back(entry.subscriber);
            }
        }
    }
    for (const auto& target : ended) {
        if (auto subscriber = target.lock()) {
            subscriber->EndAccess();
        }
    }
}

}  // namespace store::ws
