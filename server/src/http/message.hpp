#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "app/context.hpp"

namespace store::http {

/// Case-insensitive header names.
struct HeaderLess {
    bool operator()(const std::string& a, const std::string& b) const;
};
using Headers = std::map<std::string, std::string, HeaderLess>;

/// A client's rate-limit quota after its request, sent as RateLimit-Limit, RateLimit-Remaining
/// and RateLimit-Reset (draft-ietf-httpapi-ratelimit-headers): the bucket size, the requests left
/// in it, and the seconds until it is full again.
struct RateLimitQuota {
    std::int64_t limit = 0;
    std::int64_t remaining = 0;
    std::int64_t reset_seconds = 0;
};

/// A parsed request, independent of Beast so that handlers and the pipeline are plain C++.
struct Request {
    std::string method;  // upper case
    std::string target;  // as received
    std::string path;    // percent-decoded path without the query
    std::map<std::string, std::string> query;
    Headers headers;
    std::string body;
    /// Who sent the request: the TCP peer, or behind a trusted proxy the address it forwarded
    /// (http/client_address.hpp). Rate limits, login throttling, logs and audit entries use it.
    std::string client_address;
    std::string peer_address;  // the TCP peer as connected
    bool keep_alive = true;

    // Filled by the pipeline.
    std::string request_id;
    std::string route = "unmatched";  // route template, e.g. /api/stores/{id}
    std::map<std::string, std::string> params;
    std::optional<app::Actor> actor;
    /// Set by the server when the request could not be read properly (e.g. body too large):
    /// the pipeline answers with this error instead of routing.
    std::optional<std::pair<int, std::string>> transport_error;  // (status, detail)
    /// Set when an inline pass already ran the guards (rate limit, authentication,
    /// authorization) and handed the request to the worker pool: they are not run twice.
    bool guards_passed = false;
    /// Set by the rate limiter (unset when it is off or the route is not limited).
    std::optional<RateLimitQuota> rate_limit;
    /// Set by a handler: the answer is held back this long before it is written (a timer on
    /// the connection, no thread is held). The login throttle slows attempts with it.
    std::chrono::milliseconds answer_delay{0};

    const std::string* Header(const std::string& name) const {
        const auto it = headers.find(name);
        return it == headers.end() ? nullptr : &it->second;
    }
    app::RequestMeta Meta() const {
        return {actor.value_or(app::Actor{}), request_id, client_address};
    }
};

struct Response {
    int status = 200;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
    /// For large bodies: when set, `body` is sent first and then every chunk this returns
    /// until it returns nullopt, with chunked transfer encoding (constant memory). It is
    /// called on the worker pool, one call at a time; it may throw, which ends the response.
    std::function<std::optional<std::string>()> stream;

    void Set(std::string name, std::string value) {
        for (auto& [n, v] : headers) {
            if (HeaderLess{}(n, name) == false && HeaderLess{}(name, n) == false) {
                v = std::move(value);
                return;
            }
        }
        headers.emplace_back(std::move(name), std::move(value));
    }
    const std::string* Get(const std::string& name) const {
        for (const auto& [n, v] : headers) {
            if (!HeaderLess{}(n, name) && !HeaderLess{}(name, n)) {
                return &v;
            }
        }
        return nullptr;
    }
};

Response JsonResponse(int status, std::string body);

/// `text` without the optional whitespace (spaces, tabs) HTTP allows around header values
/// and list items.
std::string_view TrimOws(std::string_view text);
Response EmptyResponse(int status);

/// Splits a request target into a decoded path and query parameters. Returns nullopt for
/// malformed percent-encoding.
struct ParsedTarget {
    std::string path;
    std::map<std::string, std::string> query;
};
std::optional<ParsedTarget> ParseTarget(std::string_view target);

/// Where a WebSocket client put its access token. Browsers cannot set headers on a WebSocket,
/// so they offer the subprotocols ["bearer", "<token>"]; the server then echoes "bearer" (a
/// browser fails the connection unless an offered protocol is echoed). A token in the URL
/// (?access_token=) is not accepted: URLs are logged by proxies and kept in browser history.
struct UpgradeToken {
    std::string token;
    std::optional<std::string> subprotocol;  // to echo in the 101 answer
};
std::optional<UpgradeToken> FindUpgradeToken(const Request& request);

}  // namespace store::http
