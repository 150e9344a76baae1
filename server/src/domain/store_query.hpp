#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "domain/field_error.hpp"
#include "domain/store.hpp"

namespace store::domain {

enum class SortField { kCode, kName, kCity, kStatus, kType, kCreatedAt, kUpdatedAt, kOpeningDate };

std::string_view ToString(SortField field);

/// A validated list request. Keyset pagination: `cursor` holds the sort value and id of the
/// last row of the previous page (opaque to clients).
struct StoreQuery {
    std::optional<StoreStatus> status;
    std::optional<StoreType> type;
    std::optional<std::string> region;
    std::optional<std::string> country;
    std::optional<std::string> tag;
    std::optional<std::string> q;  // case-insensitive substring of code, name or city
    std::vector<std::string> ids;  // only these stores (the export of a selection); empty: all
    SortField sort = SortField::kCode;
    bool descending = false;
    std::int64_t page = 1;
    std::int64_t page_size = 100;
    struct Cursor {
        std::string sort_value;
        std::string id;
        bool operator==(const Cursor&) const = default;
    };
    std::optional<Cursor> cursor;
    bool operator==(const StoreQuery&) const = default;

    /// A stable text key of everything that selects rows (for caching pages and totals).
    std::string FilterKey() const;
};

struct StoreQueryParse {
    StoreQuery query;
    FieldErrors errors;
};

inline constexpr std::int64_t kDefaultPageSize = 100;
inline constexpr std::int64_t kMaxPageSize = 500;
/// Longest cursor accepted. The longest one EncodeCursor makes is 1040 hex digits: a 120
/// character name of 4-byte UTF-8 code points, its length and the id, each byte as two digits.
inline constexpr std::size_t kMaxCursorLength = 2048;
/// Longest filter value (region, country, tag, q), in code points.
inline constexpr std::size_t kMaxFilterLength = 200;
/// Most ids in the export's `ids` filter: 100 ids, comma-encoded, keep the request line under
/// 4 KiB, well inside the 8 KiB a reverse proxy accepts by default.
inline constexpr std::size_t kMaxExportIds = 100;

/// Builds a query from raw URL parameters; unknown parameters and bad values are reported.
StoreQueryParse ParseStoreQuery(const std::map<std::string, std::string>& params);

/// The value a list is ordered by for `field` in `store`: text, or a time for the time fields
/// (the repository formats it as its column compares). A missing opening date sorts as "".
std::variant<std::string, TimePoint> SortValue(const Store& store, SortField field);

/// Cursor text <-> value. The text is URL-safe (hex), so it needs no escaping.
std::string EncodeCursor(const StoreQuery::Cursor& cursor);
std::optional<StoreQuery::Cursor> DecodeCursor(std::string_view text);

}  // namespace store::domain
