#include <boost/json.hpp>

#include "app/errors.hpp"
#include "domain/validation.hpp"
#include "http/dto/request_body.hpp"
#include "http/dto/store_json.hpp"
#include "http/handlers/handlers.hpp"

namespace store::http::handlers {
namespace {

namespace json = boost::json;

// store_auth_logins_total and its results, spelled here only.
constexpr const char* kLogins = "store_auth_logins_total";
constexpr const char* kLoginSuccess = "success";
constexpr const char* kLoginFailure = "failure";
constexpr const char* kLoginThrottled = "throttled";

Response SessionResponse(const app::Session& session) {
    json::object body{
        {"accessToken", session.access_token},
        {"refreshToken", session.refresh_token},
        {"expiresIn", session.expires_in},
        {"tokenType", "Bearer"},
        {"user", json::object{{"id", session.user.user_id},
                              {"username", session.user.username},
                              {"role", std::string(domain::ToString(session.user.role))}}}};
    auto response = JsonResponse(200, json::serialize(body));
    response.Set("Cache-Control", "no-store");
    return response;
}

std::string RequireRefreshToken(const Request& request) {
    const auto body = dto::ParseJsonBody(request);
    domain::FieldErrors errors;
    dto::ObjectReader reader(body, "", errors);
    auto token = reader.String("refreshToken");
    reader.RejectUnknown();
    if (!token || token->empty()) {
        errors.push_back({"refreshToken", "is required"});
    }
    if (!errors.empty()) {
        throw app::AppError::Validation(std::move(errors));
    }
    return *token;
}

}  // namespace

Response Login(Services& services, Request& request) {
    const auto body = dto::ParseJsonBody(request);
    domain::FieldErrors errors;
    dto::ObjectReader reader(body, "", errors);
    const auto username = reader.String("username");
    const auto password = reader.String("password");
    const auto remember = reader.Bool("rememberMe");
    reader.RejectUnknown();
    if (!username || username->empty()) {
        errors.push_back({"username", "is required"});
    }
    if (!password || password->empty()) {
        errors.push_back({"password", "is required"});
    }
    if (!errors.empty()) {
        throw app::AppError::Validation(std::move(errors));
    }
    // No user has a longer name or password (4 bytes per code point at most): refuse unhashed.
    if (username->size() > 64 || password->size() > 4 * domain::kMaxPasswordLength) {
        throw app::AppError(app::ErrorCode::kUnauthorized, "wrong username or password");
    }
    try {
        // A throttled attempt's answer, success or not, is held back by the server.
        auto session = services.auth.Login(*username, *password, remember.value_or(false),
                                           request.client_address, &request.answer_delay);
        services.metrics.Increment(kLogins, {{"result", kLoginSuccess}});
        return SessionResponse(session);
    } catch (const app::AppError& error) {
        services.metrics.Increment(
            kLogins, {{"result", error.code() == app::ErrorCode::kRateLimited ? kLoginThrottled
                                                                              : kLoginFailure}});
        throw;
    }
}

void StartLoginCounters(platform::Metrics& metrics) {
    for (const auto* result : {kLoginSuccess, kLoginFailure, kLoginThrottled}) {
        metrics.Increment(kLogins, {{"result", result}}, 0.0);
    }
}

Response Refresh(Services& services, Request& request) {
    return SessionResponse(services.auth.Refresh(RequireRefreshToken(request)));
}

Response Logout(Services& services, Request& request) {
    services.auth.Logout(RequireRefreshToken(request));
    return EmptyResponse(204);
}

Response Me(Services&, Request& request) {
    const auto& actor = *request.actor;
    return JsonResponse(
        200, json::serialize(json::object{{"id", actor.user_id},
                                          {"username", actor.username},
                                          {"role", std::string(domain::ToString(actor.role))}}));
}

}  // namespace store::http::handlers
