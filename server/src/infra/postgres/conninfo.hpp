#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace store::infra::postgres {

/// libpq keyword/value pairs given after the URL; a later keyword overrides the URL's own.
using ConnParams = std::vector<std::pair<std::string, std::string>>;

/// The value of `keyword` in a libpq URL or conninfo string (user, password, dbname, options,
/// …); nullopt when the string does not set it or cannot be parsed.
std::optional<std::string> ConnInfoValue(const std::string& url, const std::string& keyword);

/// True when libpq can parse `url` as a URL or conninfo string.
bool ValidConnInfo(const std::string& url);

/// The parameters a replica URL needs on top of itself: user, password and database name
/// taken from the primary URL when the replica URL leaves them out (DATABASE_REPLICA_URLS may
/// carry hosts only, the credentials living in DATABASE_URL or its file).
ConnParams InheritedFromPrimary(const std::string& primary_url, const std::string& replica_url);

/// A WAL position as PostgreSQL prints it ("16/B374D848") as a number; nullopt when malformed.
std::optional<std::uint64_t> ParseLsn(std::string_view text);

}  // namespace store::infra::postgres
