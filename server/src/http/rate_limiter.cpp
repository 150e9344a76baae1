#include "http/rate_limiter.hpp"

#include <algorithm>
#include <cmath>

namespace store::http {

bool RateLimiter::Allow(const std::string& client, Clock::time_point now, int& retry_after,
                        RateLimitQuota* quota) {
    std::lock_guard lock(mutex_);
    if (buckets_.size() >= max_clients_ && !buckets_.contains(client)) {
        std::erase_if(buckets_, [&](const auto& item) {
            const double elapsed = std::chrono::duration<double>(now - item.second.updated).count();
            return item.second.tokens + elapsed * rate_ >= burst_;
        });
    }
    auto [it, inserted] = buckets_.try_emplace(client, Bucket{burst_, now});
    Bucket& bucket = it->second;
    const double elapsed = std::chrono::duration<double>(now - bucket.updated).count();
    bucket.tokens = std::min(burst_, bucket.tokens + std::max(0.0, elapsed) * rate_);
    bucket.updated = now;
    const bool allowed = bucket.tokens >= 1.0;
    if (allowed) {
        bucket.tokens -= 1.0;
    }
    if (quota != nullptr) {
        quota->limit = static_cast<std::int64_t>(burst_);
        quota->remaining = static_cast<std::int64_t>(std::floor(bucket.tokens));
        quota->reset_seconds =
            static_cast<std::int64_t>(std::ceil((burst_ - bucket.tokens) / rate_));
    }
    if (allowed) {
        return true;
    }
    retry_after = static_cast<int>(std::ceil((1.0 - bucket.tokens) / rate_));
    return false;
}

}  // namespace store::http
