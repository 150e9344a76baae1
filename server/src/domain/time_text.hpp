#pragma once

#include <chrono>
#include <string>

namespace store::domain {

/// "2026-11-25T12:00:00.123Z": UTC with milliseconds, the one form of a time the service
/// sends to clients (REST bodies and live events alike; docs/api.md). Storage keeps
/// microseconds in its own form (infra/time_format.hpp).
std::string FormatUtcMillis(std::chrono::system_clock::time_point time);

}  // namespace store::domain
