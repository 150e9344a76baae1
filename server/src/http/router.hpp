#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "domain/validation.hpp"
#include "http/message.hpp"

namespace store::http {

using Handler = std::function<Response(Request&)>;
/// Runs on the network thread and answers only when it can without blocking (a cache hit);
/// nullopt sends the request on to the worker pool and the route's normal handler.
using FastHandler = std::function<std::optional<Response>(Request&)>;

/// Who may call a route: anyone, or an authenticated user with at least this role.
struct Access {
    bool authenticated = true;
    domain::Role min_role = domain::Role::kViewer;
};
inline constexpr Access kPublic{false, domain::Role::kViewer};
inline constexpr Access kViewer{true, domain::Role::kViewer};
inline constexpr Access kOperator{true, domain::Role::kOperator};
inline constexpr Access kAdmin{true, domain::Role::kAdmin};

/// Where a handler runs: inline on the network thread (cheap, never blocks), or on the worker
/// pool (anything that may touch the database or hash a password).
enum class Execution { kInline, kWorker };

struct Route {
    std::string method;
    std::string pattern;  // segments; "{name}" matches one segment
    Access access;
    Execution execution;
    Handler handler;
    FastHandler fast;  // optional, for kWorker routes
};

struct RouteMatch {
    const Route* route = nullptr;
    std::map<std::string, std::string> params;
    std::vector<std::string> allowed_methods;  // when the path exists but not for this method
};

/// The one route table: it drives dispatch and the OpenAPI completeness test.
class Router {
public:
    void Add(Route route);
    RouteMatch Match(const std::string& method, const std::string& path) const;
    const std::vector<Route>& Routes() const { return routes_; }

private:
    struct Pattern {
        std::vector<std::string> segments;  // "{name}" marks a parameter
    };
    std::vector<Route> routes_;
    std::vector<Pattern> patterns_;  // split once, at Add()
};

}  // namespace store::http
