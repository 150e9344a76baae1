#include "http/upgrade.hpp"

#include "app/errors.hpp"
#include "http/problem.hpp"

namespace store::http {
namespace {

constexpr std::string_view kEventsPath = "/api/events";

// Refusals of an upgrade are plain HTTP problems (the connection is not upgraded).
// The request id was assigned (AssignRequestId) before the upgrade was checked.
Response UpgradeRefusal(const app::AppError& error, const Request& request) {
    Response response = ToProblem(error, request.path, request.request_id);
    response.Set("X-Request-Id", request.request_id);
    if (error.code() == app::ErrorCode::kUnauthorized) {
        response.Set("WWW-Authenticate", "Bearer");
    }
    response.Set("Cache-Control", "no-store");
    response.Set("X-Content-Type-Options", "nosniff");
    return response;
}

}  // namespace

std::variant<AcceptedUpgrade, Response> CheckUpgrade(const Request& request,
                                                     const LiveEvents* events, bool stopping,
                                                     const platform::Logger& logger) {
    if (!events || request.path != kEventsPath) {
        return UpgradeRefusal(
            app::AppError(app::ErrorCode::kNotFound, "no WebSocket endpoint at " + request.path),
            request);
    }
    if (stopping) {
        return UpgradeRefusal(
            app::AppError(app::ErrorCode::kDependencyUnavailable, "the server is shutting down"),
            request);
    }
    auto token = FindUpgradeToken(request);
    if (!token) {
        return UpgradeRefusal(
            app::AppError(app::ErrorCode::kUnauthorized,
                          "send the access token as the subprotocols \"bearer\", \"<token>\" "
                          "(Sec-WebSocket-Protocol); a token in the URL is not accepted"),
            request);
    }
    std::optional<ws::Principal> principal;
    try {
        principal = events->authenticate(token->token, request.Meta());
    } catch (const std::exception& e) {
        logger.Error("websocket authentication failed",
                     {{"requestId", request.request_id}, {"error", e.what()}});
        return UpgradeRefusal(app::AppError(app::ErrorCode::kInternal, "internal error"), request);
    }
    if (!principal) {
        return UpgradeRefusal(app::AppError(app::ErrorCode::kUnauthorized,
                                            "the access token is invalid or has expired"),
                              request);
    }
    return AcceptedUpgrade{std::move(*principal), std::move(token->subprotocol)};
}

}  // namespace store::http
