#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/store.hpp"
#include "infra/sql/session.hpp"

namespace store::infra::sql {

// Helpers every repository shares: reading stored values back and building SQL text.

/// Throws AppError{kInternal} for a stored value we did not write (a corrupt row).
[[noreturn]] void Corrupt(std::string_view what);

/// A time column (FormatTime's text in SQLite, timestamptz in PostgreSQL).
domain::TimePoint ReadTime(const Query& query, int column);
std::optional<domain::TimePoint> ReadOptionalTime(const Query& query, int column);
/// FormatTime's text, or nullopt (SQL NULL).
std::optional<std::string> OptionalTimeText(const std::optional<domain::TimePoint>& time);

/// A LIKE pattern matching `text` anywhere: `%` and `_` match literally, `\` escapes.
std::string LikePattern(std::string_view text);

/// The first row of `query`, read by `read`; nullopt when there is none.
template <typename Read>
auto FirstRow(Query& query, Read read) -> std::optional<decltype(read(query))> {
    if (!query.Next()) {
        return std::nullopt;
    }
    return read(query);
}

/// Every row of `query`, read by `read`.
template <typename Read>
auto AllRows(Query& query, Read read) -> std::vector<decltype(read(query))> {
    std::vector<decltype(read(query))> rows;
    while (query.Next()) {
        rows.push_back(read(query));
    }
    return rows;
}

/// The rows (text key, count) of a GROUP BY as a map.
std::map<std::string, std::int64_t> Counts(Query& query);

/// "$n" (appended: g++ 12 -O3 misreports "$" + … as -Wrestrict).
std::string Param(std::size_t n);
/// "$first, $first+1, …" (`count` of them).
std::string Params(int first, int count);

/// " WHERE a AND b …" of the conditions added, "" when none.
class Where {
public:
    void Add(std::string_view condition);
    const std::string& text() const { return text_; }

private:
    std::string text_;
};

}  // namespace store::infra::sql
