#pragma once

#include <chrono>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "app/errors.hpp"
#include "app/ports/clock.hpp"
#include "app/ports/dependency_health.hpp"

namespace store::infra::resilience {

enum class BreakerState { kClosed, kOpen, kHalfOpen };
std::string_view ToString(BreakerState state);

struct BreakerSettings {
    int window_size = 20;    // calls remembered (sliding, count based)
    int minimum_calls = 10;  // no verdict on fewer calls
    double failure_rate_threshold = 0.5;
    std::chrono::milliseconds slow_call_threshold{1000};
    double slow_call_rate_threshold = 0.8;
    std::chrono::milliseconds open_wait{5000};  // open -> half-open after this
    int half_open_probes = 3;  // calls let through in half-open; all must succeed to close
    std::chrono::milliseconds call_timeout{2000};  // what adapters use as their per-call timeout
    bool required = false;                         // readiness depends on it
};

/// closed -> open when, over the last `window_size` calls (at least `minimum_calls`), the
/// failure rate or the slow-call rate reaches its threshold; open -> half-open after
/// `open_wait`; half-open lets `half_open_probes` calls through: all succeed -> closed, any
/// fails -> open again. Thread-safe. Time comes from the Clock, so tests drive it.
class CircuitBreaker {
public:
    /// `reason` may be shown to any user (events, alerts); `log_detail` is the last failure's
    /// internal text (driver messages, host names) for the service log only.
    using Listener = std::function<void(const std::string& name, BreakerState from, BreakerState to,
                                        const std::string& reason, const std::string& log_detail)>;

    CircuitBreaker(std::string name, BreakerSettings settings, const app::ports::Clock& clock);

    /// False when the call must not be made (open, or half-open with every probe taken).
    bool Allow();
    void RecordSuccess(std::chrono::nanoseconds duration);
    /// `internal` is kept for the log only; `shown` (an AppError's client-safe detail) is what
    /// Status() and transition reasons say. Driver text must never reach a viewer.
    void RecordFailure(std::chrono::nanoseconds duration, const std::string& internal,
                       const std::string& shown = {});

    /// Runs `call` under the breaker. Refused calls throw AppError{kDependencyUnavailable}.
    /// AppError{kDependencyUnavailable} from the call counts as a failure; any other outcome
    /// (including business errors such as kConflict) counts as a success of the dependency.
    template <typename F>
    auto Call(F&& call) -> decltype(call()) {
        if (!Allow()) {
            throw app::AppError(app::ErrorCode::kDependencyUnavailable,
                                name_ + " is unavailable (circuit open)",
                                "breaker " + name_ + " open");
        }
        const auto start = std::chrono::steady_clock::now();
        try {
            if constexpr (std::is_void_v<decltype(call())>) {
                call();
                RecordSuccess(std::chrono::steady_clock::now() - start);
            } else {
                auto result = call();
                RecordSuccess(std::chrono::steady_clock::now() - start);
                return result;
            }
        } catch (const app::AppError& error) {
            if (error.code() == app::ErrorCode::kDependencyUnavailable) {
                RecordFailure(std::chrono::steady_clock::now() - start,
                              error.internal().empty() ? error.detail() : error.internal(),
                              error.detail());
            } else {
                RecordSuccess(std::chrono::steady_clock::now() - start);
            }
            throw;
        }
    }

    BreakerState State();
    app::ports::DependencyStatus Status();
    const std::string& Name() const { return name_; }
    const BreakerSettings& Settings() const { return settings_; }
    void SetListener(Listener listener);

private:
    struct Outcome {
        bool failed;
        bool slow;
        double ms;
    };
    void Transition(BreakerState to, const std::string& reason,
                    std::vector<std::function<void()>>& notify);
    void MaybeHalfOpen(std::vector<std::function<void()>>& notify);
    void Evaluate(std::vector<std::function<void()>>& notify);

    std::string name_;
    BreakerSettings settings_;
    const app::ports::Clock& clock_;
    std::mutex mutex_;
    BreakerState state_ = BreakerState::kClosed;
    std::deque<Outcome> window_;
    domain::TimePoint opened_at_{};
    std::optional<domain::TimePoint> last_transition_;
    int probes_in_flight_ = 0;
    int probe_successes_ = 0;
    std::int64_t successes_ = 0;
    std::int64_t failures_ = 0;
    std::int64_t rejected_ = 0;
    std::string last_error_;           // shown: Status().last_error, transition reasons
    std::string last_internal_error_;  // log only
    Listener listener_;
};

/// All breakers of the process; the source of DependencyHealth.
class BreakerRegistry final : public app::ports::DependencyHealth {
public:
    explicit BreakerRegistry(const app::ports::Clock& clock) : clock_(clock) {}

    /// Creates (or returns the existing) breaker `name`. References stay valid.
    CircuitBreaker& Add(const std::string& name, BreakerSettings settings);
    /// Called on every transition of every breaker (also those added later).
    void SetListener(CircuitBreaker::Listener listener);
    std::vector<app::ports::DependencyStatus> Dependencies() const override;

private:
    const app::ports::Clock& clock_;
    mutable std::mutex mutex_;
    std::vector<std::unique_ptr<CircuitBreaker>> breakers_;
    CircuitBreaker::Listener listener_;
};

}  // namespace store::infra::resilience
