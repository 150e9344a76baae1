#include "infra/resilience/circuit_breaker.hpp"

#include <algorithm>

namespace store::infra::resilience {

std::string_view ToString(BreakerState state) {
    switch (state) {
        case BreakerState::kClosed: return "closed";
        case BreakerState::kOpen: return "open";
        case BreakerState::kHalfOpen: return "half_open";
    }
    return "closed";
}

CircuitBreaker::CircuitBreaker(std::string name, BreakerSettings settings,
                               const app::ports::Clock& clock)
    : name_(std::move(name)), settings_(settings), clock_(clock) {}

void CircuitBreaker::SetListener(Listener listener) {
    std::lock_guard lock(mutex_);
    listener_ = std::move(listener);
}

void CircuitBreaker::Transition(BreakerState to, const std::string& reason,
                                std::vector<std::function<void()>>& notify) {
    const BreakerState from = state_;
    if (from == to) {
        return;
    }
    state_ = to;
    last_transition_ = clock_.Now();
    if (to == BreakerState::kOpen) {
        opened_at_ = clock_.Now();
    }
    if (to != BreakerState::kHalfOpen) {
        probes_in_flight_ = 0;
        probe_successes_ = 0;
    }
    if (to == BreakerState::kClosed) {
        window_.clear();  // a fresh start: old failures must not reopen it at once
    }
    if (listener_) {
        // Called after the lock is released: a listener may read Status().
        notify.push_back(
            [listener = listener_, name = name_, from, to, reason,
             log_detail = last_internal_error_] { listener(name, from, to, reason, log_detail); });
    }
}

void CircuitBreaker::MaybeHalfOpen(std::vector<std::function<void()>>& notify) {
    if (state_ == BreakerState::kOpen && clock_.Now() - opened_at_ >= settings_.open_wait) {
        Transition(BreakerState::kHalfOpen, "wait over; probing", notify);
    }
}

bool CircuitBreaker::Allow() {
    std::vector<std::function<void()>> notify;
    bool allowed = false;
    {
        std::lock_guard lock(mutex_);
        MaybeHalfOpen(notify);
        switch (state_) {
            case BreakerState::kClosed: allowed = true; break;
            case BreakerState::kHalfOpen:
                allowed = probes_in_flight_ < settings_.half_open_probes;
                probes_in_flight_ += allowed ? 1 : 0;
                break;
            case BreakerState::kOpen: allowed = false; break;
        }
        if (!allowed) {
            ++rejected_;
        }
    }
    for (auto& call : notify) {
        call();
    }
    return allowed;
}

void CircuitBreaker::Evaluate(std::vector<std::function<void()>>& notify) {
    if (state_ != BreakerState::kClosed ||
        static_cast<int>(window_.size()) < settings_.minimum_calls) {
        return;
    }
    const double calls = static_cast<double>(window_.size());
    const double failed = static_cast<double>(
        std::count_if(window_.begin(), window_.end(), [](const Outcome& o) { return o.failed; }));
    const double slow = static_cast<double>(
        std::count_if(window_.begin(), window_.end(), [](const Outcome& o) { return o.slow; }));
    if (failed / calls >= settings_.failure_rate_threshold) {
        Transition(BreakerState::kOpen,
                   "failure rate " + std::to_string(static_cast<int>(100 * failed / calls)) +
                       "% over the last " + std::to_string(window_.size()) +
                       " calls: " + last_error_,
                   notify);
    } else if (slow / calls >= settings_.slow_call_rate_threshold) {
        Transition(BreakerState::kOpen,
                   "slow-call rate " + std::to_string(static_cast<int>(100 * slow / calls)) + "%",
                   notify);
    }
}

void CircuitBreaker::RecordSuccess(std::chrono::nanoseconds duration) {
    std::vector<std::function<void()>> notify;
    {
        std::lock_guard lock(mutex_);
        ++successes_;
        const double ms = std::chrono::duration<double, std::milli>(duration).count();
        const bool slow = duration >= settings_.slow_call_threshold;
        window_.push_back({false, slow, ms});
        while (static_cast<int>(window_.size()) > settings_.window_size) {
            window_.pop_front();
        }
        if (state_ == BreakerState::kHalfOpen) {
            ++probe_successes_;
            if (probe_successes_ >= settings_.half_open_probes) {
                Transition(BreakerState::kClosed, "probes succeeded", notify);
            }
        } else {
            Evaluate(notify);
        }
    }
    for (auto& call : notify) {
        call();
    }
}

void CircuitBreaker::RecordFailure(std::chrono::nanoseconds duration, const std::string& internal,
                                   const std::string& shown) {
    std::vector<std::function<void()>> notify;
    {
        std::lock_guard lock(mutex_);
        ++failures_;
        last_internal_error_ = internal;
        last_error_ =
            shown.empty() ? "a call to " + name_ + " failed (details in the service log)" : shown;
        const double ms = std::chrono::duration<double, std::milli>(duration).count();
        window_.push_back({true, duration >= settings_.slow_call_threshold, ms});
        while (static_cast<int>(window_.size()) > settings_.window_size) {
            window_.pop_front();
        }
        if (state_ == BreakerState::kHalfOpen) {
            Transition(BreakerState::kOpen, "a probe failed: " + last_error_, notify);
        } else {
            Evaluate(notify);
        }
    }
    for (auto& call : notify) {
        call();
    }
}

// Reading the state changes nothing: an open breaker turns half-open only when a call comes
// after the wait (Allow), so with no traffic a dead dependency keeps reporting "open" and the
// alert on it does not resolve by itself.
BreakerState CircuitBreaker::State() {
    std::lock_guard lock(mutex_);
    return state_;
}

app::ports::DependencyStatus CircuitBreaker::Status() {
    const auto state = State();
    std::lock_guard lock(mutex_);
    app::ports::DependencyStatus status;
    status.name = name_;
    status.state = std::string(ToString(state));
    status.required = settings_.required;
    status.window_calls = static_cast<std::int64_t>(window_.size());
    if (!window_.empty()) {
        double failed = 0;
        double slow = 0;
        double total_ms = 0;
        for (const auto& outcome : window_) {
            failed += outcome.failed ? 1 : 0;
            slow += outcome.slow ? 1 : 0;
            total_ms += outcome.ms;
        }
        const double calls = static_cast<double>(window_.size());
        status.failure_rate = failed / calls;
        status.slow_rate = slow / calls;
        status.latency_ms = total_ms / calls;
    }
    status.successes = successes_;
    status.failures = failures_;
    status.rejected = rejected_;
    status.last_transition = last_transition_;
    status.last_error = last_error_;
    return status;
}

CircuitBreaker& BreakerRegistry::Add(const std::string& name, BreakerSettings settings) {
    std::lock_guard lock(mutex_);
    for (auto& breaker : breakers_) {
        if (breaker->Name() == name) {
            return *breaker;
        }
    }
    breakers_.push_back(std::make_unique<CircuitBreaker>(name, settings, clock_));
    if (listener_) {
        breakers_.back()->SetListener(listener_);
    }
    return *breakers_.back();
}

void BreakerRegistry::SetListener(CircuitBreaker::Listener listener) {
    std::lock_guard lock(mutex_);
    listener_ = std::move(listener);
    for (auto& breaker : breakers_) {
        breaker->SetListener(listener_);
    }
}

std::vector<app::ports::DependencyStatus> BreakerRegistry::Dependencies() const {
    std::vector<CircuitBreaker*> breakers;
    {
        std::lock_guard lock(mutex_);
        for (const auto& breaker : breakers_) {
            breakers.push_back(breaker.get());
        }
    }
    std::vector<app::ports::DependencyStatus> out;
    for (auto* breaker : breakers) {
        out.push_back(breaker->Status());
    }
    return out;
}

}  // namespace store::infra::resilience
