#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/field_error.hpp"
#include "http/message.hpp"

namespace store::http::handlers {

/// A whole decimal number and nothing else ("12"; not "", "+1", "1.0", "0x1"), or nullopt.
std::optional<std::int64_t> ParseNumber(std::string_view text);
/// A canonical (lower-case) UUID.
bool IsUuid(std::string_view text);
/// Comma-separated canonical UUIDs, at most `max` of them (a repeated id counts once); a problem
/// goes to `errors` under `field`.
std::vector<std::string> ParseIdList(std::string_view text, const std::string& field,
                                     std::size_t max, domain::FieldErrors& errors);
/// 400 unless `id` is a canonical UUID.
const std::string& RequireUuid(const Request& request, const std::string& param = "id");
/// The version in If-Match ("3", W/"3" or 3): 428 when missing, 400 when malformed.
std::int64_t RequireIfMatch(const Request& request);
/// A 1-based page and page size from the query (400 on bad values).
struct Paging {
    std::int64_t page = 1;
    std::int64_t page_size = 50;
};
Paging ParsePaging(const Request& request, std::int64_t default_size, std::int64_t max_size);
/// A version number (a whole number from 1) in path parameter `param`, or in query parameter
/// `param` when `in_query` (nullopt when absent there); 400 otherwise.
std::optional<std::int64_t> VersionNumber(const Request& request, const std::string& param,
                                          bool in_query);
/// Rejects query parameters a route does not take.
void RejectQueryParameters(const Request& request, std::initializer_list<std::string_view> allowed);

}  // namespace store::http::handlers
