#include "infra/sql/columns.hpp"

#include "app/errors.hpp"
#include "infra/time_format.hpp"

namespace store::infra::sql {

void Corrupt(std::string_view what) {
    throw app::AppError(app::ErrorCode::kInternal, "stored data could not be read",
                        "database: unreadable " + std::string(what));
}

domain::TimePoint ReadTime(const Query& query, int column) {
    const std::string text = query.Text(column);
    const auto time = ParseTime(text);
    if (!time) {
        Corrupt("timestamp " + text);
    }
    return *time;
}

domain::Role ReadRole(const Query& query, int column, std::string_view what) {
    const auto role = domain::ParseRole(query.Text(column));
    if (!role) {
        Corrupt(what);
    }
    return *role;
}

std::optional<domain::TimePoint> ReadOptionalTime(const Query& query, int column) {
    if (query.IsNull(column)) {
        return std::nullopt;
    }
    return ReadTime(query, column);
}

std::optional<std::string> OptionalTimeText(const std::optional<domain::TimePoint>& time) {
    if (!time) {
        return std::nullopt;
    }
    return FormatTime(*time);
}

std::string LikePattern(std::string_view text) {
    std::string pattern = "%";
    for (const char c : text) {
        if (c == '%' || c == '_' || c == '\\') {
            pattern += '\\';
        }
        pattern += c;
    }
    pattern += '%';
    return pattern;
}

std::map<std::string, std::int64_t> Counts(Query& query) {
    std::map<std::string, std::int64_t> counts;
    while (query.Next()) {
        counts[query.Text(0)] = query.Int(1);
    }
    return counts;
}

std::string Param(std::size_t n) {
    std::string placeholder = "$";
    placeholder += std::to_string(n);
    return placeholder;
}

std::string Params(int first, int count) {
    std::string out;
    for (int i = 0; i < count; ++i) {
        out += i == 0 ? "" : ", ";
        out += Param(static_cast<std::size_t>(first) + static_cast<std::size_t>(i));
    }
    return out;
}

void Where::Add(std::string_view condition) {
    text_ += text_.empty() ? " WHERE " : " AND ";
    text_ += condition;
}

}  // namespace store::infra::sql
