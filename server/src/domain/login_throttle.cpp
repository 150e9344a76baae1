#include "domain/login_throttle.hpp"

namespace store::domain {

int LoginThrottle::RetryAfter(const std::string& key, TimePoint now) const {
    const auto it = entries_.find(key);
    if (it == entries_.end() || it->second.failures < max_failures_) {
        return 0;
    }
    const auto until = it->second.window_start + window_;
    if (now >= until) {
        return 0;
    }
    const auto left = std::chrono::duration_cast<std::chrono::seconds>(until - now).count();
    return static_cast<int>(left) + 1;
}

void LoginThrottle::RecordFailure(const std::string& key, TimePoint now) {
    if (entries_.size() >= max_keys_) {
        Prune(now);
    }
    auto& entry = entries_[key];
    if (entry.failures == 0 || now - entry.window_start >= window_) {
        entry = Entry{0, now};
    }
    ++entry.failures;
}

void LoginThrottle::RecordSuccess(const std::string& key) { entries_.erase(key); }

void LoginThrottle::Prune(TimePoint now) {
    std::erase_if(entries_, [&](const auto& item) { return now - item.second.window_start >= window_; });
    // Still full (an attack from very many keys): forget the oldest half rather than grow.
    if (entries_.size() >= max_keys_) {
        std::size_t drop = entries_.size() / 2;
        for (auto it = entries_.begin(); it != entries_.end() && drop > 0; --drop) {
            it = entries_.erase(it);
        }
    }
}

}  // namespace store::domain
