#pragma once

#include <chrono>
#include <mutex>
#include <string>
#include <unordered_map>

#include "http/message.hpp"

namespace store::http {

/// Token bucket per client address: `rate` tokens a second, at most `burst` saved up.
/// Bounded memory: full buckets are forgotten when the table grows past `max_clients`.
class RateLimiter {
public:
    using Clock = std::chrono::steady_clock;

    RateLimiter(double rate, double burst, std::size_t max_clients = 100'000)
        : rate_(rate), burst_(burst), max_clients_(max_clients) {}

    bool Enabled() const { return rate_ > 0; }
    /// True when the request may go on; otherwise `retry_after` says in how many seconds.
    /// `quota`, when given, receives what the client has left after this request.
    bool Allow(const std::string& client, Clock::time_point now, int& retry_after,
               RateLimitQuota* quota = nullptr);

private:
    struct Bucket {
        double tokens;
        Clock::time_point updated;
    };

    double rate_;
    double burst_;
    std::size_t max_clients_;
    std::mutex mutex_;
    std::unordered_map<std::string, Bucket> buckets_;
};

}  // namespace store::http
