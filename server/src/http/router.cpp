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

}  // namespace

void Router::Add(Route route) {
    Pattern pattern;
    for (const auto segment : Segments(route.pattern)) {
        pattern.segments.emplace_back(segment);
    }
    patterns_.push_back(std::move(pattern));
    routes_.push_back(std::move(route));
}

RouteMatch Router::Match(const std::string& method, const std::string& path) const {
    RouteMatch match;
    if (path.empty() || path[0] != '/') {
        return match;
    }
    // Literal segments win over parameters ("/api/stores/export.csv" before "/api/stores/{id}"):
    // routes are tried in table order, so the table lists literals first.
    const auto have = Segments(path);
    for (std::size_t r = 0; r < routes_.size(); ++r) {
        const auto& want = patterns_[r].segments;
        if (want.size() != have.size()) {
            continue;
        }
        bool matches = true;
        for (std::size_t i = 0; i < want.size() && matches; ++i) {
            const bool parameter =
                want[i].size() > 2 && want[i].front() == '{' && want[i].back() == '}';
            matches = parameter ? !have[i].empty() : want[i] == have[i];
        }
        if (!matches) {
            continue;
        }
        const Route& route = routes_[r];
        if (route.method == method || (method == "HEAD" && route.method == "GET")) {
            if (match.route == nullptr) {
                match.route = &route;
                for (std::size_t i = 0; i < want.size(); ++i) {
                    if (want[i].size() > 2 && want[i].front() == '{') {
                        match.params[want[i].substr(1, want[i].size() - 2)] = std::string(have[i]);
                    }
                }
            }
        } else {
            match.allowed_methods.push_back(route.method);
        }
    }
    return match;
}

}  // namespace store::http
