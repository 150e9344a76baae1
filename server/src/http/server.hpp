#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "app/context.hpp"
#include "http/client_address.hpp"
#include "http/pipeline.hpp"
#include "platform/logging.hpp"
#include "ws/hub.hpp"

namespace store::http {

struct ServerSettings {
    std::string bind = "0.0.0.0";
    unsigned short port = 8080;
    int http_threads = 2;
    int worker_threads = 4;
    std::size_t body_limit_bytes = 1024 * 1024;
    int read_timeout_ms = 30000;
    int shutdown_grace_ms = 10000;
    int max_connections = 10000;
    /// Proxies whose forwarding header names the client (http.trusted_proxies).
    TrustedProxies trusted_proxies;
};

/// The live-events WebSocket endpoint: an upgrade of GET /api/events.
struct LiveEvents {
    ws::Hub& hub;
    /// Verifies an access token by the same rules as a bearer token; nullopt when it is not
    /// valid (refused with 401 at the upgrade). `origin`: the upgrade request's id and client
    /// address. Kept as a callback so the server does not depend on app services.
    std::function<std::optional<ws::Principal>(std::string_view token,
                                               const app::RequestMeta& origin)>
        authenticate;
    ws::SessionSettings session;
};

/// HTTP/1.1 server on Boost.Beast with C++20 coroutines. Every connection lives on its own
/// strand; database work runs on a separate worker pool so the event loop never blocks.
/// Responses with `stream` set are sent chunked; upgrades of /api/events become live-event
/// WebSocket sessions (ws/session.cpp).
/// (Asio and Beast types stay in server.cpp: this header is light.)
class HttpServer {
public:
    /// Without `events`, WebSocket upgrades are answered 404.
    HttpServer(ServerSettings settings, const Pipeline& pipeline, const platform::Logger& logger,
               std::optional<LiveEvents> events = std::nullopt);
    ~HttpServer();
    HttpServer(const HttpServer&) = delete;
    HttpServer& operator=(const HttpServer&) = delete;

    /// Binds and listens; returns the bound port (useful with port 0). Throws on failure.
    unsigned short Listen();
    /// Serves until SIGINT/SIGTERM or Stop(); then stops accepting, lets in-flight requests
    /// finish (at most shutdown_grace_ms) and returns.
    void Run();
    /// Thread-safe.
    void Stop();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace store::http
