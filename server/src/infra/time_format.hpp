#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "domain/store.hpp"

namespace store::infra {

/// "2026-11-25T12:00:00.123456Z": UTC, always six fractional digits, so that the text sorts
/// like the time (SQLite stores and compares it as text). Sub-microsecond parts are dropped.
std::string FormatTime(domain::TimePoint time);

/// Parses FormatTime's output and also what PostgreSQL prints for timestamptz
/// ("2026-11-25 13:00:00.1234+01", "…+05:30", no fraction). nullopt when malformed.
std::optional<domain::TimePoint> ParseTime(std::string_view text);

/// Truncates to whole microseconds: the precision both databases keep.
domain::TimePoint TruncateToMicros(domain::TimePoint time);

}  // namespace store::infra
