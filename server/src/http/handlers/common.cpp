#include "http/handlers/common.hpp"

#include <algorithm>
#include <charconv>

#include "app/errors.hpp"

namespace store::http::handlers {

std::optional<std::int64_t> ParseNumber(std::string_view text) {
    std::int64_t value = 0;
    const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || ec != std::errc{} || ptr != text.data() + text.size()) {
        return std::nullopt;
    }
    return value;
}

bool IsUuid(std::string_view text) {
    if (text.size() != 36) {
        return false;
    }
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            if (c != '-') {
                return false;
            }
        } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
            return false;
        }
    }
    return true;
}

std::vector<std::string> ParseIdList(std::string_view text, const std::string& field,
                                     std::size_t max, domain::FieldErrors& errors) {
    std::vector<std::string> ids;
    bool bad = false;
    while (!bad) {
        const auto comma = text.find(',');
        const auto item = text.substr(0, comma);
        bad = !IsUuid(item);
        if (!bad && std::find(ids.begin(), ids.end(), item) == ids.end()) {
            ids.emplace_back(item);
        }
        if (comma == std::string_view::npos) {
            break;
        }
        text.remove_prefix(comma + 1);
    }
    if (bad) {
        errors.push_back({field, "must be store ids (UUIDs) separated by commas"});
    } else if (ids.size() > max) {
        errors.push_back({field, "at most " + std::to_string(max) + " ids"});
    }
    return ids;
}

const std::string& RequireUuid(const Request& request, const std::string& param) {
    const auto& value = request.params.at(param);
    if (!IsUuid(value)) {
        throw app::AppError::BadRequest({{param, "must be a UUID"}}, param + " must be a UUID");
    }
    return value;
}

std::int64_t RequireIfMatch(const Request& request) {
    const std::string* header = request.Header("If-Match");
    if (header == nullptr) {
        throw app::AppError(app::ErrorCode::kPreconditionRequired,
                            "send If-Match with the ETag of the version you edited");
    }
    std::string_view text = *header;
    if (text.starts_with("W/")) {
        text.remove_prefix(2);
    }
    if (text.size() >= 2 && text.front() == '"' && text.back() == '"') {
        text = text.substr(1, text.size() - 2);
    }
    const auto version = ParseNumber(text);
    if (!version || *version < 1) {
        throw app::AppError::BadRequest({{"If-Match", "must be an ETag such as \"3\""}},
                                        "If-Match must be an ETag returned by this API");
    }
    return *version;
}

Paging ParsePaging(const Request& request, std::int64_t default_size, std::int64_t max_size) {
    Paging paging{1, default_size};
    domain::FieldErrors errors;
    if (const auto it = request.query.find("page"); it != request.query.end()) {
        const auto page = ParseNumber(it->second);
        if (!page || *page < 1 || *page > 1'000'000) {
            errors.push_back({"page", "must be a whole number from 1"});
        } else {
            paging.page = *page;
        }
    }
    if (const auto it = request.query.find("pageSize"); it != request.query.end()) {
        const auto size = ParseNumber(it->second);
        if (!size || *size < 1 || *size > max_size) {
            errors.push_back(
                {"pageSize", "must be a whole number from 1 to " + std::to_string(max_size)});
        } else {
            paging.page_size = *size;
        }
    }
    if (!errors.empty()) {
        throw app::AppError::BadRequest(std::move(errors), "invalid query parameters");
    }
    return paging;
}

std::optional<std::int64_t> VersionNumber(const Request& request, const std::string& param,
                                          bool in_query) {
    const auto& values = in_query ? request.query : request.params;
    const auto it = values.find(param);
    if (it == values.end()) {
        return std::nullopt;
    }
    const auto number = ParseNumber(it->second);
    if (!number || *number < 1) {
        throw app::AppError::BadRequest({{param, "must be a whole number from 1"}},
                                        param + " must be a whole number from 1");
    }
    return number;
}

void RejectQueryParameters(const Request& request,
                           std::initializer_list<std::string_view> allowed) {
    domain::FieldErrors errors;
    for (const auto& [name, value] : request.query) {
        if (std::find(allowed.begin(), allowed.end(), name) == allowed.end()) {
            errors.push_back({name, "unknown parameter"});
        }
    }
    if (!errors.empty()) {
        throw app::AppError::BadRequest(std::move(errors), "invalid query parameters");
    }
}

}  // namespace store::http::handlers
