#pragma once

#include <string>

#include "app/planning_service.hpp"
#include "domain/forecast.hpp"

namespace store::http::dto {

/// GET /api/calendar's body (docs/openapi.json Calendar).
std::string CalendarToJson(const app::Calendar& calendar);
/// GET /api/forecast's body (docs/openapi.json Forecast).
std::string ForecastToJson(const domain::Forecast& forecast, std::int64_t horizon_days);

}  // namespace store::http::dto
