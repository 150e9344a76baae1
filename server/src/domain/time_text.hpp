#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace store::domain {

/// "2026-11-25T12:00:00.123Z": UTC with milliseconds, the one form of a time the service
/// sends to clients (REST bodies and live events alike; docs/api.md). Storage keeps
/// microseconds in its own form (infra/time_format.hpp).
std::string FormatUtcMillis(std::chrono::system_clock::time_point time);

/// Reads an RFC 3339 date-time as clients send it ("2026-11-25T12:00:00Z", with optional
/// fractional seconds and a "Z" or "±HH:MM" offset), years 1970 to 9999; nullopt otherwise.
std::optional<std::chrono::system_clock::time_point> ParseRfc3339(std::string_view text);

}  // namespace store::domain
