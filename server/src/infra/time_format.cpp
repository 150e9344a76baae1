#include "infra/time_format.hpp"

#include <charconv>
#include <chrono>
#include <cstdio>

namespace store::infra {
namespace {

using Micros = std::chrono::microseconds;

/// Reads exactly `digits` decimal digits at `pos`; advances `pos`.
std::optional<int> ReadNumber(std::string_view text, std::size_t& pos, std::size_t digits) {
    if (pos + digits > text.size()) {
        return std::nullopt;
    }
    int value = 0;
    for (std::size_t i = 0; i < digits; ++i) {
        const char c = text[pos + i];
        if (c < '0' || c > '9') {
            return std::nullopt;
        }
        value = value * 10 + (c - '0');
    }
    pos += digits;
    return value;
}

bool Expect(std::string_view text, std::size_t& pos, char c) {
    if (pos < text.size() && text[pos] == c) {
        ++pos;
        return true;
    }
    return false;
}

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
    std::size_t pos = 0;
    const auto year = ReadNumber(text, pos, 4);
    if (!year || !Expect(text, pos, '-')) {
        return std::nullopt;
    }
    const auto month = ReadNumber(text, pos, 2);
    if (!month || !Expect(text, pos, '-')) {
        return std::nullopt;
    }
    const auto day = ReadNumber(text, pos, 2);
    if (!day || !(Expect(text, pos, 'T') || Expect(text, pos, ' '))) {
        return std::nullopt;
    }
    const auto hour = ReadNumber(text, pos, 2);
    if (!hour || !Expect(text, pos, ':')) {
        return std::nullopt;
    }
    const auto minute = ReadNumber(text, pos, 2);
    if (!minute || !Expect(text, pos, ':')) {
        return std::nullopt;
    }
    const auto second = ReadNumber(text, pos, 2);
    if (!second) {
        return std::nullopt;
    }
    std::int64_t micros = 0;
    if (Expect(text, pos, '.')) {
        int digits = 0;
        while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
            if (digits < 6) {
                micros = micros * 10 + (text[pos] - '0');
            }
            ++digits;
            ++pos;
        }
        if (digits == 0) {
            return std::nullopt;
        }
        for (; digits < 6; ++digits) {
            micros *= 10;
        }
    }
    std::int64_t offset_seconds = 0;
    if (Expect(text, pos, 'Z')) {
        // UTC
    } else if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
        const int sign = text[pos] == '-' ? -1 : 1;
        ++pos;
        const auto off_hours = ReadNumber(text, pos, 2);
        if (!off_hours) {
            return std::nullopt;
        }
        int off_minutes = 0;
        if (Expect(text, pos, ':')) {
            const auto m = ReadNumber(text, pos, 2);
            if (!m) {
                return std::nullopt;
            }
            off_minutes = *m;
            if (Expect(text, pos, ':')) {
                // PostgreSQL prints seconds for historical zones; they are not worth keeping.
                if (!ReadNumber(text, pos, 2)) {
                    return std::nullopt;
                }
            }
        }
        offset_seconds = sign * (*off_hours * 3600LL + off_minutes * 60LL);
    } else {
        return std::nullopt;
    }
    if (pos != text.size()) {
        return std::nullopt;
    }
    const std::chrono::year_month_day date{std::chrono::year{*year},
                                           std::chrono::month{static_cast<unsigned>(*month)},
                                           std::chrono::day{static_cast<unsigned>(*day)}};
    if (!date.ok() || *hour > 23 || *minute > 59 || *second > 60) {
        return std::nullopt;
    }
    const auto since_epoch = std::chrono::sys_days{date}.time_since_epoch() +
                             std::chrono::hours{*hour} + std::chrono::minutes{*minute} +
                             std::chrono::seconds{*second} + Micros{micros} -
                             std::chrono::seconds{offset_seconds};
    return domain::TimePoint{std::chrono::duration_cast<domain::TimePoint::duration>(since_epoch)};
}

}  // namespace store::infra
