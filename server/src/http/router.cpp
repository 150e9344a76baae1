#include "http/router.hpp"

namespace store::http {
namespace {

std::vector<std::string_view> Segments(std::string_view path) {
    std::vector<std::string_view> out;
    std::size_t start = 1;
    while (start <= path.size()) {
        const auto slash = path.find('/', start);
        const auto end = slash == std::string_view::npos ? path.size() : slash;
        out.push_back(path.substr(start, end - start));
        start = end + 1;
    }
    return out;
}

bool MatchPattern(std::string_view pattern, std::string_view path,
                  std::map<std::string, std::string>& params) {
    const auto want = Segments(pattern);
    const auto have = Segments(path);
    if (want.size() != have.size()) {
        return false;
    }
    std::map<std::string, std::string> found;
    for (std::size_t i = 0; i < want.size(); ++i) {
        if (want[i].size() > 2 && want[i].front() == '{' && want[i].back() == '}') {
            if (have[i].empty()) {
                return false;
            }
            found[std::string(want[i].substr(1, want[i].size() - 2))] = std::string(have[i]);
        } else if (want[i] != have[i]) {
            return false;
        }
    }
    params = std::move(found);
    return true;
}

}  // namespace

void Router::Add(Route route) { routes_.push_back(std::move(route)); }

RouteMatch Router::Match(const std::string& method, const std::string& path) const {
    RouteMatch match;
    if (path.empty() || path[0] != '/') {
        return match;
    }
    // Literal segments win over parameters ("/api/stores/export.csv" before "/api/stores/{id}"):
    // routes are tried in table order, so the table lists literals first.
    for (const auto& route : routes_) {
        std::map<std::string, std::string> params;
        if (!MatchPattern(route.pattern, path, params)) {
            continue;
        }
        if (route.method == method || (method == "HEAD" && route.method == "GET")) {
            if (match.route == nullptr) {
                match.route = &route;
                match.params = std::move(params);
            }
        } else {
            match.allowed_methods.push_back(route.method);
        }
    }
    return match;
}

}  // namespace store::http
