#include <boost/json.hpp>

#include "app/errors.hpp"
#include "http/dto/request_body.hpp"
#include "http/dto/rollout_json.hpp"
#include "http/handlers/common.hpp"
#include "http/handlers/handlers.hpp"

namespace store::http::handlers {
namespace {

namespace json = boost::json;

Response RolloutResponse(int status, const domain::Rollout& rollout) {
    auto response = JsonResponse(status, json::serialize(dto::RolloutToJson(rollout, true)));
    response.Set("Cache-Control", "no-cache");
    return response;
}

}  // namespace

Response ListRollouts(Services& services, Request& request) {
    RejectQueryParameters(request, {"status", "limit"});
    domain::FieldErrors errors;
    std::optional<domain::RolloutStatus> status;
    if (const auto it = request.query.find("status"); it != request.query.end()) {
        status = domain::ParseRolloutStatus(it->second);
        if (!status) {
            errors.push_back({"status", "must be running, paused, halted, aborted or completed"});
        }
    }
    std::int64_t limit = 50;
    if (const auto it = request.query.find("limit"); it != request.query.end()) {
        const auto value = ParseNumber(it->second);
        if (!value || *value < 1 || *value > 200) {
            errors.push_back({"limit", "must be a whole number from 1 to 200"});
        } else {
            limit = *value;
        }
    }
    if (!errors.empty()) {
        throw app::AppError::BadRequest(std::move(errors), "invalid query parameters");
    }
    const auto page = services.rollouts.List(status, limit);
    json::array items;
    for (const auto& rollout : page.items) {
        items.push_back(dto::RolloutToJson(rollout, false));
    }
    auto response = JsonResponse(
        200, json::serialize(json::object{{"items", std::move(items)}, {"total", page.total}}));
    response.Set("Cache-Control", "no-cache");
    return response;
}

Response CreateRollout(Services& services, Request& request) {
    RejectQueryParameters(request, {});
    const auto rollout = services.rollouts.Create(
        dto::ParseRolloutRequest(dto::ParseJsonBody(request)), request.Meta());
    auto response = RolloutResponse(201, rollout);
    response.Set("Location", "/api/rollouts/" + rollout.id);
    return response;
}

Response GetRollout(Services& services, Request& request) {
    const auto& id = RequireUuid(request);
    RejectQueryParameters(request, {});
    return RolloutResponse(200, services.rollouts.Get(id));
}

Response PauseRollout(Services& services, Request& request) {
    const auto& id = RequireUuid(request);
    RejectQueryParameters(request, {});
    return RolloutResponse(200, services.rollouts.Pause(id, request.Meta()));
}

Response ResumeRollout(Services& services, Request& request) {
    const auto& id = RequireUuid(request);
    RejectQueryParameters(request, {});
    return RolloutResponse(200, services.rollouts.Resume(id, request.Meta()));
}

Response AbortRollout(Services& services, Request& request) {
    const auto& id = RequireUuid(request);
    RejectQueryParameters(request, {});
    return RolloutResponse(200, services.rollouts.Abort(id, request.Meta()));
}

Response RetryFailedRollout(Services& services, Request& request) {
    const auto& id = RequireUuid(request);
    RejectQueryParameters(request, {});
    return RolloutResponse(200, services.rollouts.RetryFailed(id, request.Meta()));
}

}  // namespace store::http::handlers
