#include "infra/time_format.hpp"

#include "domain/time_text.hpp"

#include <chrono>
#include <cstdio>

namespace store::infra {
namespace {

using Micros = std::chrono::microseconds;

}  // namespace

domain::TimePoint TruncateToMicros(domain::TimePoint time) {
    return std::chrono::floor<Micros>(time);
}

std::string FormatTime(domain::TimePoint time) {
    const auto micros = std::chrono::floor<Micros>(time);
    const auto days = std::chrono::floor<std::chrono::days>(micros);
    const std::chrono::year_month_day date{days};
    const std::chrono::hh_mm_ss clock{micros - days};
    char buffer[40];
    std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02uT%02d:%02d:%02d.%06lldZ",
                  static_cast<int>(date.year()), static_cast<unsigned>(date.month()),
                  static_cast<unsigned>(date.day()), static_cast<int>(clock.hours().count()),
                  static_cast<int>(clock.minutes().count()),
                  static_cast<int>(clock.seconds().count()),
                  static_cast<long long>(clock.subseconds().count()));
    return buffer;
}

std::optional<domain::TimePoint> ParseTime(std::string_view text) {
    return domain::ParseTimeText(text);
}

}  // namespace store::infra
