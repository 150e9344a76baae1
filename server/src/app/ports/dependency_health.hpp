#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/store.hpp"

namespace store::app::ports {

/// The state of one remote dependency as its circuit breaker sees it.
struct DependencyStatus {
    std::string name;         // database, database-replica-1, redis, vault, …
    std::string state;        // closed, open, half_open
    bool required = false;    // readiness fails when a required dependency is open
    double failure_rate = 0;  // over the sliding window, 0..1
    double slow_rate = 0;
    std::int64_t window_calls = 0;
    std::int64_t successes = 0;  // since start
    std::int64_t failures = 0;
    std::int64_t rejected = 0;  // calls refused while open
    double latency_ms = 0;      // average over the window
    std::optional<domain::TimePoint> last_transition;
    std::string last_error;
};

/// Every dependency's breaker (for /health/ready, /api/system/health, metrics).
class DependencyHealth {
public:
    virtual ~DependencyHealth() = default;
    virtual std::vector<DependencyStatus> Dependencies() const = 0;
};

}  // namespace store::app::ports
