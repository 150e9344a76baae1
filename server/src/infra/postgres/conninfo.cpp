#include "infra/postgres/conninfo.hpp"

#include <libpq-fe.h>

#include <charconv>
#include <memory>

namespace store::infra::postgres {

std::optional<std::string> ConnInfoValue(const std::string& url, const std::string& keyword) {
    char* error = nullptr;
    std::unique_ptr<PQconninfoOption, void (*)(PQconninfoOption*)> options(
        PQconninfoParse(url.c_str(), &error), PQconninfoFree);
    PQfreemem(error);  // the text may quote the password: never shown
    if (!options) {
        return std::nullopt;
    }
    for (const PQconninfoOption* option = options.get(); option->keyword != nullptr; ++option) {
        if (keyword == option->keyword && option->val != nullptr && *option->val != '\0') {
            return std::string(option->val);
        }
    }
    return std::nullopt;
}

bool ValidConnInfo(const std::string& url) {
    char* error = nullptr;
    PQconninfoOption* options = PQconninfoParse(url.c_str(), &error);
    PQfreemem(error);
    PQconninfoFree(options);
    return options != nullptr;
}

ConnParams InheritedFromPrimary(const std::string& primary_url, const std::string& replica_url) {
    ConnParams params;
    for (const char* keyword : {"user", "password", "dbname"}) {
        if (ConnInfoValue(replica_url, keyword)) {
            continue;
        }
        if (auto value = ConnInfoValue(primary_url, keyword)) {
            params.emplace_back(keyword, std::move(*value));
        }
    }
    return params;
}

std::optional<std::uint64_t> ParseLsn(std::string_view text) {
    const auto slash = text.find('/');
    if (slash == std::string_view::npos || slash == 0 || slash + 1 >= text.size()) {
        return std::nullopt;
    }
    std::uint64_t high = 0;
    std::uint64_t low = 0;
    const auto parse = [](std::string_view part, std::uint64_t& out) {
        const auto [end, ec] = std::from_chars(part.data(), part.data() + part.size(), out, 16);
        return ec == std::errc{} && end == part.data() + part.size() && out <= 0xFFFFFFFFULL;
    };
    if (!parse(text.substr(0, slash), high) || !parse(text.substr(slash + 1), low)) {
        return std::nullopt;
    }
    return (high << 32) | low;
}

}  // namespace store::infra::postgres
