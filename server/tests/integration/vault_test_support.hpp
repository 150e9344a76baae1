#pragma once
// Shared by the vault_*_test.cpp files: a settable clock for breakers and bounded waiting.
#include <atomic>
#include <chrono>
#include <functional>
#include <thread>

#include "app/ports/clock.hpp"
#include "infra/resilience/circuit_breaker.hpp"
#include "infra/vault/vault_client.hpp"

namespace store::testing {

/// Breaker time moved by the test (the Vault client's own timers are real: the fake Vault's
/// token TTLs run on real time).
class SettableClock final : public app::ports::Clock {
public:
    domain::TimePoint Now() const override {
        return domain::TimePoint(std::chrono::microseconds(micros_.load()));
    }
    void Advance(std::chrono::milliseconds by) { micros_ += by.count() * 1000; }

private:
    std::atomic<std::int64_t> micros_{1'800'000'000'000'000};
};

/// Polls `condition` until it holds or `limit` passes; returns whether it held. Never a
/// fixed sleep in an assertion: the test goes on as soon as the condition is true.
inline bool WaitUntil(const std::function<bool()>& condition,
                      std::chrono::milliseconds limit = std::chrono::seconds(20)) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < deadline) {
        if (condition()) {
            return true;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return condition();
}

inline infra::resilience::BreakerSettings QuickBreaker() {
    infra::resilience::BreakerSettings settings;
    settings.window_size = 4;
    settings.minimum_calls = 2;
    settings.failure_rate_threshold = 0.5;
    settings.slow_call_threshold = std::chrono::milliseconds(5000);
    settings.open_wait = std::chrono::milliseconds(5000);  // moved past with SettableClock
    settings.half_open_probes = 1;
    settings.call_timeout = std::chrono::milliseconds(1500);
    return settings;
}

inline infra::vault::VaultSettings SettingsFor(const std::string& addr) {
    infra::vault::VaultSettings settings;
    settings.addr = addr;
    settings.timeout = std::chrono::milliseconds(1500);
    settings.retry_delay = std::chrono::milliseconds(200);
    return settings;
}

}  // namespace store::testing
