#include "app/errors.hpp"
#include "http/dto/planning_json.hpp"
#include "http/handlers/common.hpp"
#include "http/handlers/handlers.hpp"

namespace store::http::handlers {

Response GetCalendar(Services& services, Request& request) {
    RejectQueryParameters(request, {"from", "to"});
    domain::FieldErrors errors;
    const auto param = [&](const std::string& name) {
        const auto it = request.query.find(name);
        if (it == request.query.end()) {
            errors.push_back({name, "is required (a date YYYY-MM-DD)"});
            return std::string();
        }
        return it->second;
    };
    const auto from = param("from");
    const auto to = param("to");
    if (!errors.empty()) {
        throw app::AppError::BadRequest(std::move(errors), "invalid calendar range");
    }
    return JsonResponse(200, dto::CalendarToJson(services.planning.CalendarOf(from, to)));
}

Response GetForecast(Services& services, Request& request) {
    RejectQueryParameters(request, {"horizon"});
    std::int64_t horizon = 90;
    if (const auto it = request.query.find("horizon"); it != request.query.end()) {
        const auto value = ParseNumber(it->second);
        // Out of range values reach the service, which says what the range is.
        horizon = value ? *value : 0;
    }
    return JsonResponse(200, dto::ForecastToJson(services.planning.Forecast(horizon), horizon));
}

}  // namespace store::http::handlers
