#include "infra/system_clock.hpp"

namespace store::infra {

domain::TimePoint SystemClock::Now() const {
    return std::chrono::time_point_cast<std::chrono::microseconds>(
        std::chrono::system_clock::now());
}

}  // namespace store::infra
