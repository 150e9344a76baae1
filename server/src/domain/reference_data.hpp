#pragma once

#include <set>
#include <string_view>

namespace store::domain {

/// ISO 3166-1 alpha-2 country codes.
const std::set<std::string_view>& CountryCodes();
/// IANA time zone names, canonical and linked (e.g. "Europe/Berlin", "US/Eastern", "UTC").
const std::set<std::string_view>& TimeZoneNames();

}  // namespace store::domain
