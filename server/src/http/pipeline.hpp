#pragma once

#include <string>
#include <vector>

#include "http/message.hpp"
#include "http/rate_limiter.hpp"
#include "http/router.hpp"
#include "http/services.hpp"
#include "platform/logging.hpp"
#include "platform/metrics.hpp"

namespace store::http {

struct PipelineSettings {
    std::vector<std::string> cors_origins;
    bool access_log = true;
    /// Bodies of at least this size are gzipped when the client accepts it; 0 = never.
    std::size_t compression_min_bytes = 1024;
};

/// The middleware chain every request passes, in this order (outermost first):
///   metrics -> request id + access log -> catch-all -> CORS + security headers
///   -> rate limit -> authentication -> authorization -> error mapper -> router -> handler.
/// Body limit and read timeout are enforced earlier, by the server while reading.
class Pipeline {
public:
    Pipeline(PipelineSettings settings, const Router& router, Services& services,
             const platform::Logger& logger, platform::Metrics& metrics, RateLimiter& limiter);

    /// Where the request should run (inline for cheap routes and static files).
    Execution ExecutionOf(const Request& request) const;
    /// Runs the whole chain on the calling (network) thread when that cannot block: always
    /// for inline routes, and for worker routes whose fast handler can answer (a cache hit).
    /// nullopt: run Handle() on the worker pool. Never throws.
    std::optional<Response> HandleInline(Request& request) const;
    /// Runs the whole chain, handlers included. Never throws.
    Response Handle(Request& request) const;

private:
    enum class Mode { kInlineOnly, kAny };
    std::optional<Response> Run(Request& request, Mode mode) const;
    std::optional<Response> WithRequestId(Request& request, Mode mode) const;
    std::optional<Response> CatchAll(Request& request, Mode mode) const;
    std::optional<Response> WithCorsAndSecurityHeaders(Request& request, Mode mode) const;
    std::optional<Response> Guarded(Request& request, const RouteMatch& match, Mode mode) const;

    PipelineSettings settings_;
    const Router& router_;
    Services& services_;
    const platform::Logger& logger_;
    platform::Metrics& metrics_;
    RateLimiter& limiter_;
};

}  // namespace store::http
