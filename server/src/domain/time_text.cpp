#include "domain/time_text.hpp"

namespace store::domain {

std::string FormatUtcMillis(std::chrono::system_clock::time_point time) {
    // floor, not duration_cast: a time before 1970 still names the millisecond it falls in.
    const auto millis = std::chrono::floor<std::chrono::milliseconds>(time);
    const auto days = std::chrono::floor<std::chrono::days>(millis);
    const std::chrono::year_month_day date{days};
    const long long in_day = (millis - days).count();  // [0, 86'400'000)
    // system_clock counts nanoseconds in 64 bits: 1677 to 2262, always four digits.
    const int year = static_cast<int>(date.year());
    // Digits written in place: this runs for every time in every REST body and event, and is
    // about 10x faster than snprintf (measured against the former gmtime_r + snprintf form).
    std::string out = "0000-00-00T00:00:00.000Z";
    const auto put = [&out](std::size_t at, long long value, std::size_t digits) {
        for (std::size_t i = digits; i-- > 0;) {
            out[at + i] = static_cast<char>('0' + value % 10);
            value /= 10;
        }
    };
    put(0, year, 4);
    put(5, static_cast<unsigned>(date.month()), 2);
    put(8, static_cast<unsigned>(date.day()), 2);
    put(11, in_day / 3'600'000, 2);
    put(14, in_day / 60'000 % 60, 2);
    put(17, in_day / 1000 % 60, 2);
    put(20, in_day % 1000, 3);
    return out;
}

}  // namespace store::domain
