#include "http/rate_limiter.hpp"

#include <gtest/gtest.h>

namespace store::http {
namespace {

using std::chrono::milliseconds;

TEST(RateLimiter, AllowsABurstThenRefillsAtTheRate) {
    RateLimiter limiter(10, 3);
    const RateLimiter::Clock::time_point t0{};
    int retry = 0;
    EXPECT_TRUE(limiter.Allow("a", t0, retry));
    EXPECT_TRUE(limiter.Allow("a", t0, retry));
    EXPECT_TRUE(limiter.Allow("a", t0, retry));
    EXPECT_FALSE(limiter.Allow("a", t0, retry));
    EXPECT_EQ(retry, 1);
    EXPECT_TRUE(limiter.Allow("b", t0, retry)) << "clients are limited separately";
    EXPECT_TRUE(limiter.Allow("a", t0 + milliseconds(100), retry));
    EXPECT_FALSE(limiter.Allow("a", t0 + milliseconds(100), retry));
}

TEST(RateLimiter, ReportsTheQuotaLeftAndWhenTheBucketIsFullAgain) {
    RateLimiter limiter(2, 4);
    const RateLimiter::Clock::time_point t0{};
    int retry = 0;
    RateLimitQuota quota;
    EXPECT_TRUE(limiter.Allow("a", t0, retry, &quota));
    EXPECT_EQ(quota.limit, 4);
    EXPECT_EQ(quota.remaining, 3);
    EXPECT_EQ(quota.reset_seconds, 1) << "one token at 2 per second: half a second, rounded up";
    for (int i = 0; i < 3; ++i) {
        EXPECT_TRUE(limiter.Allow("a", t0, retry, &quota));
    }
    EXPECT_EQ(quota.remaining, 0);
    EXPECT_EQ(quota.reset_seconds, 2);
    EXPECT_FALSE(limiter.Allow("a", t0, retry, &quota));
    EXPECT_EQ(quota.remaining, 0) << "a refused request reports the empty bucket too";
    EXPECT_EQ(quota.reset_seconds, 2);
    EXPECT_TRUE(limiter.Allow("a", t0 + milliseconds(1500), retry, &quota));
    EXPECT_EQ(quota.remaining, 2);
}

TEST(RateLimiter, ZeroRateMeansOff) { EXPECT_FALSE(RateLimiter(0, 1).Enabled()); }

}  // namespace
}  // namespace store::http
