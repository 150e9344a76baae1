#include "infra/resilience/circuit_breaker.hpp"

#include <gtest/gtest.h>

namespace store::infra::resilience {
namespace {

using std::chrono::milliseconds;

class FakeClock final : public app::ports::Clock {
public:
    domain::TimePoint Now() const override { return now; }
    domain::TimePoint now{std::chrono::seconds(1'800'000'000)};
};

BreakerSettings Small() {
    BreakerSettings settings;
    settings.window_size = 10;
    settings.minimum_calls = 4;
    settings.failure_rate_threshold = 0.5;
    settings.open_wait = milliseconds(5000);
    settings.half_open_probes = 2;
    settings.slow_call_threshold = milliseconds(100);
    settings.slow_call_rate_threshold = 0.75;
    return settings;
}

void Fail(CircuitBreaker& breaker) { breaker.RecordFailure(milliseconds(1), "refused"); }
void Succeed(CircuitBreaker& breaker) { breaker.RecordSuccess(milliseconds(1)); }

TEST(CircuitBreaker, StaysClosedBelowTheMinimumNumberOfCalls) {
    FakeClock clock;
    CircuitBreaker breaker("db", Small(), clock);
    Fail(breaker);
    Fail(breaker);
    Fail(breaker);
    EXPECT_EQ(breaker.State(), BreakerState::kClosed);
}

TEST(CircuitBreaker, OpensAtTheFailureRateAndRefusesCalls) {
    FakeClock clock;
    CircuitBreaker breaker("db", Small(), clock);
    Succeed(breaker);
    Succeed(breaker);
    Fail(breaker);
    Fail(breaker);
    EXPECT_EQ(breaker.State(), BreakerState::kOpen);
    EXPECT_FALSE(breaker.Allow());
    EXPECT_EQ(breaker.Status().rejected, 1);
    EXPECT_THROW(breaker.Call([] { return 1; }), app::AppError);
}

TEST(CircuitBreaker, OpensOnSlowCalls) {
    FakeClock clock;
    CircuitBreaker breaker("vault", Small(), clock);
    for (int i = 0; i < 4; ++i) {
        breaker.RecordSuccess(milliseconds(250));
    }
    EXPECT_EQ(breaker.State(), BreakerState::kOpen);
}

TEST(CircuitBreaker, HalfOpensAfterTheWaitAndClosesWhenProbesSucceed) {
    FakeClock clock;
    CircuitBreaker breaker("redis", Small(), clock);
    for (int i = 0; i < 4; ++i) Fail(breaker);
    clock.now += milliseconds(4999);
    EXPECT_FALSE(breaker.Allow());
    clock.now += milliseconds(1);
    EXPECT_EQ(breaker.State(), BreakerState::kOpen) << "no call yet: still reported open";
    EXPECT_TRUE(breaker.Allow());
    EXPECT_EQ(breaker.State(), BreakerState::kHalfOpen);
    EXPECT_TRUE(breaker.Allow());
    EXPECT_FALSE(breaker.Allow()) << "only two probes at a time";
    Succeed(breaker);
    EXPECT_EQ(breaker.State(), BreakerState::kHalfOpen);
    Succeed(breaker);
    EXPECT_EQ(breaker.State(), BreakerState::kClosed);
}

TEST(CircuitBreaker, AFailedProbeOpensAgain) {
    FakeClock clock;
    CircuitBreaker breaker("redis", Small(), clock);
    for (int i = 0; i < 4; ++i) Fail(breaker);
    clock.now += milliseconds(5000);
    ASSERT_TRUE(breaker.Allow());
    Fail(breaker);
    EXPECT_EQ(breaker.State(), BreakerState::kOpen);
    EXPECT_FALSE(breaker.Allow());
}

TEST(CircuitBreaker, BusinessErrorsDoNotCountAsFailures) {
    FakeClock clock;
    CircuitBreaker breaker("db", Small(), clock);
    for (int i = 0; i < 10; ++i) {
        EXPECT_THROW(breaker.Call([]() -> int {
            throw app::AppError(app::ErrorCode::kConflict, "duplicate");
        }),
                     app::AppError);
    }
    EXPECT_EQ(breaker.State(), BreakerState::kClosed);
    EXPECT_EQ(breaker.Status().failures, 0);
}

TEST(CircuitBreaker, ListenersHearEveryTransitionWithAReason) {
    FakeClock clock;
    BreakerRegistry registry(clock);
    std::vector<std::string> seen;
    registry.SetListener([&](const std::string& name, BreakerState from, BreakerState to,
                             const std::string& reason, const std::string&) {
        seen.push_back(name + ":" + std::string(ToString(from)) + "->" + std::string(ToString(to)));
        EXPECT_FALSE(reason.empty());
    });
    auto& breaker = registry.Add("redis", Small());
    for (int i = 0; i < 4; ++i) Fail(breaker);
    clock.now += milliseconds(5000);
    breaker.Allow();
    breaker.Allow();
    Succeed(breaker);
    Succeed(breaker);
    EXPECT_EQ(seen, (std::vector<std::string>{"redis:closed->open", "redis:open->half_open",
                                              "redis:half_open->closed"}));
    const auto dependencies = registry.Dependencies();
    ASSERT_EQ(dependencies.size(), 1u);
    EXPECT_EQ(dependencies[0].state, "closed");
    EXPECT_EQ(dependencies[0].failures, 4);
}

TEST(CircuitBreaker, DriverTextReachesTheLogButNeverWhatUsersSee) {
    FakeClock clock;
    BreakerRegistry registry(clock);
    const std::string driver =
        "postgres 28P01 in connect: FATAL:  password authentication failed for user \"store\"";
    std::vector<std::string> reasons;
    std::vector<std::string> logged;
    registry.SetListener([&](const std::string&, BreakerState, BreakerState,
                             const std::string& reason, const std::string& log_detail) {
        reasons.push_back(reason);
        logged.push_back(log_detail);
    });
    auto& breaker = registry.Add("database", Small());
    for (int i = 0; i < 4; ++i) {
        try {
            breaker.Call([&]() -> int {
                throw app::AppError(app::ErrorCode::kDependencyUnavailable,
                                    "the database is not available", driver);
            });
        } catch (const app::AppError&) {
        }
    }
    ASSERT_EQ(breaker.State(), BreakerState::kOpen);
    const auto status = breaker.Status();
    EXPECT_EQ(status.last_error, "the database is not available");
    ASSERT_EQ(reasons.size(), 1u);
    EXPECT_EQ(reasons[0].find("FATAL"), std::string::npos) << reasons[0];
    EXPECT_EQ(logged[0], driver);

    // A failure recorded with only internal text (a pooled call) shows a generic sentence.
    auto& replica = registry.Add("replica", Small());
    replica.RecordFailure(milliseconds(1), driver);
    EXPECT_EQ(replica.Status().last_error.find("FATAL"), std::string::npos);
}

}  // namespace
}  // namespace store::infra::resilience
