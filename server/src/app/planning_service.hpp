#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "app/ports/clock.hpp"
#include "app/ports/database.hpp"
#include "domain/forecast.hpp"

namespace store::app {

/// The stores opening in a date range, for the go-live calendar.
struct Calendar {
    std::string from;
    std::string to;
    std::vector<domain::Store> items;
    bool truncated = false;
};

inline constexpr std::int64_t kMaxCalendarDays = 92;
inline constexpr std::int64_t kMaxCalendarStores = 2000;
inline constexpr std::int64_t kMaxForecastHorizon = 366;
/// Openings a forecast reads at most; beyond them it would not answer in time (docs/api.md).
inline constexpr std::int64_t kMaxForecastOpenings = 50000;

/// The go-live calendar and the forecast of what planned openings take from the address pools
/// and the hardware stock (domain/forecast.hpp). Reads only, each in one read transaction.
class PlanningService {
public:
    PlanningService(ports::Database& database, const ports::Clock& clock);

    /// 400 when a date is not a real YYYY-MM-DD, `to` is before `from`, or the range is longer
    /// than kMaxCalendarDays.
    Calendar CalendarOf(const std::string& from, const std::string& to);
    /// From today (UTC) to today + `horizon_days` (1..kMaxForecastHorizon, else 400).
    domain::Forecast Forecast(std::int64_t horizon_days);

private:
    ports::Database& database_;
    const ports::Clock& clock_;
};

}  // namespace store::app
