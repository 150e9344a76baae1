#include "domain/time_text.hpp"

#include <cstdio>

namespace store::domain {

std::string FormatUtcMillis(std::chrono::system_clock::time_point time) {
    // floor, not duration_cast: a time before 1970 still names the millisecond it falls in.
    const auto millis = std::chrono::floor<std::chrono::milliseconds>(time);
    const auto days = std::chrono::floor<std::chrono::days>(millis);
    const std::chrono::year_month_day date{days};
    const std::chrono::hh_mm_ss clock{millis - days};
    char buffer[40];
    std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02uT%02d:%02d:%02d.%03lldZ",
                  static_cast<int>(date.year()), static_cast<unsigned>(date.month()),
                  static_cast<unsigned>(date.day()), static_cast<int>(clock.hours().count()),
                  static_cast<int>(clock.minutes().count()),
                  static_cast<int>(clock.seconds().count()),
                  static_cast<long long>(clock.subseconds().count()));
    return buffer;
}

}  // namespace store::domain
