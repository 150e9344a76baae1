#include "infra/sql/columns.hpp"

#include <algorithm>
#include <charconv>

#include "app/errors.hpp"
#include "app/ports/records.hpp"
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

Query PrepareBound(Session& session, const std::string& sql,
                   const std::vector<std::string>& params) {
    Query query = session.Prepare(sql);
    for (const auto& param : params) {
        query.Bind(param);
    }
    return query;
}

namespace {

/// N of the first "rows=N" in a plan's first line; nullopt when there is none.
std::optional<std::int64_t> PlanRows(std::string_view line) {
    const auto at = line.find(" rows=");
    if (at == std::string_view::npos) {
        return std::nullopt;
    }
    const auto digits = line.substr(at + 6);
    std::int64_t rows = 0;
    const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), rows);
    if (ec != std::errc() || end == digits.data()) {
        return std::nullopt;
    }
    return rows;
}

}  // namespace

Total CountRows(Session& session, const std::string& from_where,
                const std::vector<std::string>& params) {
    const std::string_view estimate_prefix = session.dialect().EstimatePrefix();
    if (estimate_prefix.empty()) {
        Query count = PrepareBound(session, "SELECT COUNT(*)" + from_where, params);
        count.Next();
        return {count.Int(0), false};
    }
    constexpr std::int64_t kLimit = app::ports::kExactTotalLimit;
    Query bounded = PrepareBound(session,
                                 "SELECT COUNT(*) FROM (SELECT 1" + from_where + " LIMIT " +
                                     Param(params.size() + 1) + ") AS bounded",
                                 params);
    bounded.Bind(kLimit + 1);
    bounded.Next();
    const std::int64_t counted = bounded.Int(0);
    if (counted <= kLimit) {
        return {counted, false};
    }
    Query plan =
        PrepareBound(session, std::string(estimate_prefix) + "SELECT 1" + from_where, params);
    const auto rows = plan.Next() ? PlanRows(plan.Text(0)) : std::nullopt;
    // There are more than kLimit rows, whatever the planner thinks.
    return {std::max(rows.value_or(0), kLimit + 1), true};
}

std::string PageSql(std::string_view columns, std::string_view table, std::string_view key,
                    const std::string& from_where, const std::string& order, std::size_t n,
                    bool offset) {
    std::string sql = "SELECT ";
    sql.append(columns).append(" FROM ").append(table).append(" WHERE ").append(key);
    sql.append(" IN (SELECT ").append(key).append(from_where).append(order);
    sql += " LIMIT " + Param(n + 1);
    if (offset) {
        sql += " OFFSET " + Param(n + 2);
    }
    return sql + ")" + order;
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
