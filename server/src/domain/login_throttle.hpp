#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <unordered_map>

#include "domain/store.hpp"

namespace store::domain {

/// Counts failed logins per key (a username or a client address) in a fixed window and
/// refuses further attempts once `max_failures` is reached, until the window has passed.
/// Pure: time is a parameter; the caller provides locking.
class LoginThrottle {
public:
    LoginThrottle(int max_failures, std::chrono::seconds window, std::size_t max_keys = 100'000)
        : max_failures_(max_failures), window_(window), max_keys_(max_keys) {}

    /// Seconds to wait before another attempt is allowed; 0 when allowed now.
    int RetryAfter(const std::string& key, TimePoint now) const;
    void RecordFailure(const std::string& key, TimePoint now);
    void RecordSuccess(const std::string& key);
    std::size_t TrackedKeys() const { return entries_.size(); }

private:
    struct Entry {
        int failures = 0;
        TimePoint window_start;
    };
    void Prune(TimePoint now);

    int max_failures_;
    std::chrono::seconds window_;
    std::size_t max_keys_;
    std::unordered_map<std::string, Entry> entries_;
};

}  // namespace store::domain
