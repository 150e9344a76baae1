#include "domain/login_throttle.hpp"

#include <gtest/gtest.h>

namespace store::domain {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

const TimePoint kT0{seconds(1'000'000)};

LoginThrottlePolicy Policy() {
    LoginThrottlePolicy policy;
    policy.max_account_client_failures = 5;
    policy.max_client_failures = 20;
    policy.window = seconds(300);
    policy.free_failures = 2;
    policy.first_delay = milliseconds(100);
    policy.max_delay = milliseconds(2000);
    return policy;
}

TEST(LoginThrottle, AFreshAttemptIsAllowedAtOnce) {
    const auto verdict = JudgeLogin({}, Policy(), kT0);
    EXPECT_FALSE(verdict.refused);
    EXPECT_EQ(verdict.delay, milliseconds(0));
}

TEST(LoginThrottle, AClientFailingOnOneAccountIsSlowedThenRefusedUntilItsWindowEnds) {
    LoginFailures counts;
    counts.account_client = {3, kT0};
    counts.client = {3, kT0};
    auto verdict = JudgeLogin(counts, Policy(), kT0 + seconds(10));
    EXPECT_FALSE(verdict.refused);
    EXPECT_EQ(verdict.delay, milliseconds(100));

    counts.account_client = counts.client = {5, kT0};
    verdict = JudgeLogin(counts, Policy(), kT0 + seconds(10));
    EXPECT_TRUE(verdict.refused);
    EXPECT_EQ(verdict.retry_after_seconds, 290);
    // The window passes: allowed again, and not slowed by stale failures.
    verdict = JudgeLogin(counts, Policy(), kT0 + seconds(300));
    EXPECT_FALSE(verdict.refused);
    EXPECT_EQ(verdict.delay, milliseconds(0));
}

TEST(LoginThrottle, AClientSprayingManyAccountsIsRefusedForAllOfThem) {
    LoginFailures counts;
    counts.client = {20, kT0};  // one failure each on 20 accounts
    const auto verdict = JudgeLogin(counts, Policy(), kT0 + seconds(299) + milliseconds(1));
    EXPECT_TRUE(verdict.refused);
    EXPECT_EQ(verdict.retry_after_seconds, 1) << "rounded up, never 0";
}

TEST(LoginThrottle, AnAccountAttackedFromManyClientsIsOnlySlowedNeverRefused) {
    LoginFailures counts;
    counts.account = {100'000, kT0};  // a botnet; this client has no failure of its own
    const auto verdict = JudgeLogin(counts, Policy(), kT0 + seconds(1));
    EXPECT_FALSE(verdict.refused);
    EXPECT_EQ(verdict.delay, milliseconds(2000));
}

TEST(LoginThrottle, TheDelayDoublesFromTheFirstSlowedFailureUpToTheCap) {
    const auto policy = Policy();
    EXPECT_EQ(LoginDelay(0, policy), milliseconds(0));
    EXPECT_EQ(LoginDelay(2, policy), milliseconds(0));
    EXPECT_EQ(LoginDelay(3, policy), milliseconds(100));
    EXPECT_EQ(LoginDelay(4, policy), milliseconds(200));
    EXPECT_EQ(LoginDelay(6, policy), milliseconds(800));
    EXPECT_EQ(LoginDelay(8, policy), milliseconds(2000));
    EXPECT_EQ(LoginDelay(1'000'000, policy), milliseconds(2000)) << "no overflow";
}

TEST(LoginThrottle, OnlyFailuresInsideTheWindowCount) {
    EXPECT_EQ(LiveFailures({7, kT0}, seconds(300), kT0 + seconds(299)), 7);
    EXPECT_EQ(LiveFailures({7, kT0}, seconds(300), kT0 + seconds(300)), 0);
}

}  // namespace
}  // namespace store::domain
