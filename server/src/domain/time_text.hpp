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

/// Parses an RFC 3339 time ("2026-11-25T12:00:00Z", "…00.123456+01:00", a space instead of
/// the T, as PostgreSQL prints it); digits past the microsecond are dropped (at most 9 are read).
/// nullopt when malformed or not a real date.
std::optional<std::chrono::system_clock::time_point> ParseTimeText(std::string_view text);

}  // namespace store::domain
