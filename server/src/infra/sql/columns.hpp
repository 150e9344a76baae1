#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/store.hpp"
#include "domain/validation.hpp"
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
/// A role column (domain::ToString's text); `what` names the row in the Corrupt message.
domain::Role ReadRole(const Query& query, int column, std::string_view what);

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

/// The row of `table` whose `column` equals `value` ("SELECT <columns> FROM <table> WHERE
/// <column> = $1"), read by `read`; nullopt when there is none. Column and table names are the
/// repository's own constants, never input.
template <typename Read>
auto FindOneBy(Session& session, std::string_view columns, std::string_view table,
               std::string_view column, const std::string& value, Read read)
    -> std::optional<decltype(read(std::declval<const Query&>()))> {
    Query query = session.Prepare("SELECT " + std::string(columns) + " FROM " + std::string(table) +
                                  " WHERE " + std::string(column) + " = $1");
    query.Bind(value);
    return FirstRow(query, read);
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

/// A statement of `sql` with the text parameters `params` bound as $1, $2, … (more may follow).
Query PrepareBound(Session& session, const std::string& sql,
                   const std::vector<std::string>& params);

/// A list's `total`: exact up to app::ports::kExactTotalLimit, the planner's estimate above.
struct Total {
    std::int64_t count = 0;
    bool estimate = false;
};

/// The Total of the rows of `from_where` (" FROM t WHERE …", its parameters `params`, text):
/// counts at most kExactTotalLimit + 1 of them, and asks the planner when there are more (a
/// dialect without estimates counts them all).
Total CountRows(Session& session, const std::string& from_where,
                const std::vector<std::string>& params);

/// The SQL of a page of `table`'s rows in `order` (" ORDER BY …, key"): the page's `key`s first
/// (`from_where`'s filters, the order, LIMIT $n+1 and, with `offset`, OFFSET $n+2, where n is
/// the number of parameters before), then those rows in the same order — a deferred join, so
/// that an OFFSET or a filter that skips many entries walks index entries, not rows. `key` is
/// unique; the caller binds the page size (and the offset) after its parameters.
std::string PageSql(std::string_view columns, std::string_view table, std::string_view key,
                    const std::string& from_where, const std::string& order, std::size_t n,
                    bool offset);

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
