#include "domain/login_throttle.hpp"

#include <gtest/gtest.h>

namespace store::domain {
namespace {

using std::chrono::seconds;

TEST(LoginThrottle, RefusesAfterTooManyFailuresUntilTheWindowPasses) {
    LoginThrottle throttle(3, seconds(60));
    const TimePoint t0{seconds(1'000'000)};
    for (int i = 0; i < 3; ++i) {
        EXPECT_EQ(throttle.RetryAfter("u:jane", t0), 0);
        throttle.RecordFailure("u:jane", t0 + seconds(i));
    }
    EXPECT_GT(throttle.RetryAfter("u:jane", t0 + seconds(3)), 0);
    EXPECT_LE(throttle.RetryAfter("u:jane", t0 + seconds(3)), 58);
    EXPECT_EQ(throttle.RetryAfter("u:jane", t0 + seconds(61)), 0);
    EXPECT_EQ(throttle.RetryAfter("u:bob", t0 + seconds(3)), 0);
}

TEST(LoginThrottle, SuccessClearsTheCount) {
    LoginThrottle throttle(2, seconds(60));
    const TimePoint t0{seconds(5)};
    throttle.RecordFailure("k", t0);
    throttle.RecordSuccess("k");
    throttle.RecordFailure("k", t0);
    EXPECT_EQ(throttle.RetryAfter("k", t0), 0);
}

TEST(LoginThrottle, MemoryStaysBoundedUnderManyKeys) {
    LoginThrottle throttle(5, seconds(60), 100);
    const TimePoint t0{seconds(5)};
    for (int i = 0; i < 10'000; ++i) {
        throttle.RecordFailure("a:" + std::to_string(i), t0);
    }
    EXPECT_LE(throttle.TrackedKeys(), 100u);
}

}  // namespace
}  // namespace store::domain
