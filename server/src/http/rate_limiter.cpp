#include "http/rate_limiter.hpp"

#include <algorithm>
#include <cmath>

namespace store::http {

bool RateLimiter::Allow(const std::string& client, Clock::time_point now, int& retry_after) {
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
    if (bucket.tokens >= 1.0) {
        bucket.tokens -= 1.0;
        return true;
    }
    retry_after = static_cast<int>(std::ceil((1.0 - bucket.tokens) / rate_));
    return false;
}

}  // namespace store::http
