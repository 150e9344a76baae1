#include "http/pipeline.hpp"

#include <boost/json.hpp>
#include <chrono>

#include "app/errors.hpp"
#include "http/compression.hpp"
#include "http/problem.hpp"
#include "http/request_id.hpp"
#include "http/static_files.hpp"

namespace store::http {
namespace {

using SteadyClock = std::chrono::steady_clock;

bool IsOperational(const std::string& path) {
    return path == "/health" || path == "/health/ready" || path == "/metrics";
}

}  // namespace

Pipeline::Pipeline(PipelineSettings settings, const Router& router, Services& services,
                   const platform::Logger& logger, platform::Metrics& metrics, RateLimiter& limiter)
    : settings_(std::move(settings)),
      router_(router),
      services_(services),
      logger_(logger),
      metrics_(metrics),
      limiter_(limiter) {}

Execution Pipeline::ExecutionOf(const Request& request) const {
    const auto match = router_.Match(request.method, request.path);
    return match.route == nullptr ? Execution::kInline : match.route->execution;
}

std::optional<Response> Pipeline::HandleInline(Request& request) const {
    const auto match = router_.Match(request.method, request.path);
    if (match.route != nullptr && match.route->execution == Execution::kWorker &&
        !match.route->fast) {
        return std::nullopt;
    }
    return Run(request, Mode::kInlineOnly);
}

Response Pipeline::Handle(Request& request) const { return *Run(request, Mode::kAny); }

// 1. Metrics, outermost: it must see every request, including those that fail below.
std::optional<Response> Pipeline::Run(Request& request, Mode mode) const {
    const auto start = SteadyClock::now();
    metrics_.RequestStarted();
    auto answered = WithRequestId(request, mode);
    metrics_.RequestFinished();
    if (!answered) {
        return std::nullopt;  // handed on to the worker pool, which records it
    }
    Response& response = *answered;
    const double seconds = std::chrono::duration<double>(SteadyClock::now() - start).count();
    metrics_.ObserveRequest(request.method, request.route, response.status, seconds);
    if (settings_.access_log && logger_.Enabled(spdlog::level::info) &&
        !IsOperational(request.path)) {
        // "client" is the resolved client address; "peer" the TCP peer (a proxy) when it differs.
        logger_.Info("request", {{"requestId", request.request_id},
                                 {"method", request.method},
                                 {"path", request.path},
                                 {"route", request.route},
                                 {"status", response.status},
                                 {"durationMs", seconds * 1000.0},
                                 {"client", request.client_address},
                                 {"peer", request.peer_address.empty() ? request.client_address
                                                                       : request.peer_address},
                                 {"user", request.actor ? request.actor->username : ""}});
    }
    return answered;
}

// 2. Request id: before anything can fail, so that every problem and log line carries it.
std::optional<Response> Pipeline::WithRequestId(Request& request, Mode mode) const {
    AssignRequestId(request);
    auto response = CatchAll(request, mode);
    if (response) {
        response->Set("X-Request-Id", request.request_id);
    }
    return response;
}

// 3. Catch-all: no exception leaves the pipeline; details go to the log, never to the client.
std::optional<Response> Pipeline::CatchAll(Request& request, Mode mode) const {
    try {
        return WithCorsAndSecurityHeaders(request, mode);
    } catch (const std::exception& e) {
        logger_.Error(
            "unhandled exception",
            {{"requestId", request.request_id}, {"path", request.path}, {"error", e.what()}});
        return ToProblem(app::AppError(app::ErrorCode::kInternal, "internal error"), request.path,
                         request.request_id);
    }
}

// 4. CORS and security headers: on every answer, errors included, so browsers can read them.
std::optional<Response> Pipeline::WithCorsAndSecurityHeaders(Request& request, Mode mode) const {
    const std::string* origin = request.Header("Origin");
    const bool allowed_origin =
        origin != nullptr && std::find(settings_.cors_origins.begin(), settings_.cors_origins.end(),
                                       *origin) != settings_.cors_origins.end();
    Response response;
    if (request.method == "OPTIONS" && request.Header("Access-Control-Request-Method") != nullptr) {
        response = EmptyResponse(allowed_origin ? 204 : 403);
        request.route = "preflight";
        if (allowed_origin) {
            response.Set("Access-Control-Allow-Methods", "GET, POST, PATCH, DELETE, OPTIONS");
            response.Set("Access-Control-Allow-Headers",
                         "Authorization, Content-Type, If-Match, If-None-Match, X-Request-Id");
            response.Set("Access-Control-Max-Age", "600");
        }
    } else {
        const auto match = router_.Match(request.method, request.path);
        auto guarded = Guarded(request, match, mode);
        if (!guarded) {
            return std::nullopt;
        }
        response = std::move(*guarded);
        CompressResponse(request, response, settings_.compression_min_bytes);
    }
    // The quota on every limited answer, 429 included, so clients can pace themselves.
    if (request.rate_limit) {
        response.Set("RateLimit-Limit", std::to_string(request.rate_limit->limit));
        response.Set("RateLimit-Remaining", std::to_string(request.rate_limit->remaining));
        response.Set("RateLimit-Reset", std::to_string(request.rate_limit->reset_seconds));
    }
    if (allowed_origin) {
        response.Set("Access-Control-Allow-Origin", *origin);
        response.Set(
            "Access-Control-Expose-Headers",
            "ETag, Location, X-Request-Id, Retry-After, RateLimit-Limit, RateLimit-Remaining, "
            "RateLimit-Reset");
        response.Set("Vary", "Origin");
    }
    response.Set("X-Content-Type-Options", "nosniff");
    response.Set("X-Frame-Options", "DENY");
    response.Set("Referrer-Policy", "no-referrer");
    response.Set("Cross-Origin-Opener-Policy", "same-origin");
    response.Set("Content-Security-Policy",
                 "default-src 'self'; connect-src 'self' ws: wss:; img-src 'self' data:; "
                 "style-src 'self' 'unsafe-inline'; font-src 'self' data:; frame-ancestors 'none'; "
                 "base-uri 'self'; form-action 'self'");
    if (request.path.starts_with("/api/") && response.Get("Cache-Control") == nullptr) {
        response.Set("Cache-Control", "no-store");
    }
    return response;
}

// 5-10. Rate limit -> authentication -> authorization -> error mapper -> router -> handler.
std::optional<Response> Pipeline::Guarded(Request& request, const RouteMatch& match,
                                          Mode mode) const {
    try {
        // 5. Rate limit: before authentication, so that floods cost no token checks.
        if (limiter_.Enabled() && !IsOperational(request.path) && !request.guards_passed) {
            int retry_after = 1;
            RateLimitQuota quota;
            const bool allowed =
                limiter_.Allow(request.client_address, SteadyClock::now(), retry_after, &quota);
            request.rate_limit = quota;
            if (!allowed) {
                throw app::AppError::RateLimited("slow down: too many requests from your address",
                                                 retry_after);
            }
        }
        if (request.transport_error) {
            const auto& [status, detail] = *request.transport_error;
            request.route = "rejected";
            throw app::AppError(
                status == 413 ? app::ErrorCode::kPayloadTooLarge : app::ErrorCode::kBadRequest,
                detail);
        }
        if (match.route == nullptr) {
            if (!match.allowed_methods.empty()) {
                std::string allow;
                for (const auto& method : match.allowed_methods) {
                    allow += (allow.empty() ? "" : ", ") + method;
                }
                auto response =
                    ToProblem(app::AppError(app::ErrorCode::kMethodNotAllowed,
                                            request.method + " is not allowed here; use " + allow),
                              request.path, request.request_id);
                response.Set("Allow", allow);
                return response;
            }
            if (services_.static_files != nullptr &&
                (request.method == "GET" || request.method == "HEAD")) {
                if (auto file = services_.static_files->Serve(request)) {
                    request.route = "static";
                    return *file;
                }
            }
            throw app::AppError(app::ErrorCode::kNotFound, "no such resource: " + request.path);
        }
        const Route& route = *match.route;
        request.route = route.pattern;
        request.params = match.params;
        // 6. Authentication: only for routes that need a user.
        if (route.access.authenticated && !request.guards_passed) {
            const std::string* header = request.Header("Authorization");
            if (header == nullptr || !header->starts_with("Bearer ") || header->size() <= 7) {
                throw app::AppError(app::ErrorCode::kUnauthorized,
                                    "send Authorization: Bearer <access or automation token>");
            }
            // Access token or automation token, checked from memory; when memory cannot tell
            // (a user or token this replica has not seen yet) the network thread hands the
            // request to a worker, which may read the database.
            auto grant = services_.access.Authenticate(std::string_view(*header).substr(7),
                                                       mode != Mode::kInlineOnly, request.Meta());
            if (!grant) {
                return std::nullopt;
            }
            request.actor = std::move(grant->actor);
            // 7. Authorization: one rule, the route's minimum role.
            if (!domain::RoleAtLeast(request.actor->role, route.access.min_role)) {
                throw app::AppError(
                    app::ErrorCode::kForbidden,
                    "this needs the " + std::string(domain::ToString(route.access.min_role)) +
                        " role; you are " + std::string(domain::ToString(request.actor->role)));
            }
        }
        // 9-10. Router has matched; run the handler. On the network thread only a fast
        // handler may run; when it cannot answer, the request goes to the worker pool with
        // its guards already passed.
        if (mode == Mode::kInlineOnly && route.execution == Execution::kWorker) {
            auto fast = route.fast ? route.fast(request) : std::nullopt;
            if (!fast) {
                request.guards_passed = true;
            }
            return fast;
        }
        return route.handler(request);
    } catch (const app::AppError& error) {
        // 8. Error mapper: the one place AppErrors become problem responses.
        if (error.code() == app::ErrorCode::kInternal ||
            error.code() == app::ErrorCode::kDependencyUnavailable) {
            logger_.Error("request failed", {{"requestId", request.request_id},
                                             {"path", request.path},
                                             {"detail", error.detail()},
                                             {"internal", error.internal()}});
        }
        auto response = ToProblem(error, request.path, request.request_id);
        if (error.code() == app::ErrorCode::kUnauthorized) {
            response.Set("WWW-Authenticate", "Bearer");
        }
        return response;
    }
}

}  // namespace store::http
