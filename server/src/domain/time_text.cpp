#include "domain/time_text.hpp"

#include <cstdint>

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

std::optional<std::chrono::system_clock::time_point> ParseRfc3339(std::string_view text) {
    using namespace std::chrono;
    const auto digits = [&text](std::size_t at, std::size_t count) -> std::optional<int> {
        if (at + count > text.size()) {
            return std::nullopt;
        }
        int value = 0;
        for (std::size_t i = at; i < at + count; ++i) {
            if (text[i] < '0' || text[i] > '9') {
                return std::nullopt;
            }
            value = value * 10 + (text[i] - '0');
        }
        return value;
    };
    const auto is = [&text](std::size_t at, char c) { return at < text.size() && text[at] == c; };
    const auto y = digits(0, 4), mo = digits(5, 2), d = digits(8, 2);
    const auto h = digits(11, 2), mi = digits(14, 2), s = digits(17, 2);
    if (!y || !mo || !d || !h || !mi || !s || !is(4, '-') || !is(7, '-') ||
        !(is(10, 'T') || is(10, 't')) || !is(13, ':') || !is(16, ':') || *y < 1970 ||
        *h > 23 || *mi > 59 || *s > 59) {
        return std::nullopt;
    }
    const year_month_day date{year{*y}, month{static_cast<unsigned>(*mo)},
                              day{static_cast<unsigned>(*d)}};
    if (!date.ok()) {
        return std::nullopt;
    }
    std::size_t at = 19;
    nanoseconds fraction{0};
    if (is(at, '.')) {
        std::int64_t scale = 100'000'000;
        std::size_t count = 0;
        for (++at; at < text.size() && text[at] >= '0' && text[at] <= '9'; ++at, ++count) {
            fraction += nanoseconds((text[at] - '0') * scale);
            scale /= 10;
        }
        if (count == 0 || count > 9) {
            return std::nullopt;
        }
    }
    minutes offset{0};
    if (is(at, 'Z') || is(at, 'z')) {
        ++at;
    } else if (is(at, '+') || is(at, '-')) {
        const auto oh = digits(at + 1, 2), om = digits(at + 4, 2);
        if (!oh || !om || !is(at + 3, ':') || *oh > 23 || *om > 59) {
            return std::nullopt;
        }
        offset = hours(*oh) + minutes(*om);
        if (text[at] == '-') {
            offset = -offset;
        }
        at += 6;
    } else {
        return std::nullopt;
    }
    if (at != text.size()) {
        return std::nullopt;
    }
    return system_clock::time_point(sys_days(date)) + hours(*h) + minutes(*mi) + seconds(*s) +
           duration_cast<system_clock::duration>(fraction) - offset;
}

}  // namespace store::domain
