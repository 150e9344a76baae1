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

TEST(RateLimiter, ZeroRateMeansOff) { EXPECT_FALSE(RateLimiter(0, 1).Enabled()); }

}  // namespace
}  // namespace store::http
