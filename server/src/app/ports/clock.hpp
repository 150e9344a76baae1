#pragma once

#include "domain/store.hpp"

namespace store::app::ports {

/// Wall-clock time. Tests pass a fake; nothing else reads the real clock.
class Clock {
public:
    virtual ~Clock() = default;
    /// Now, truncated to microseconds (the precision every store keeps).
    virtual domain::TimePoint Now() const = 0;
};

}  // namespace store::app::ports
