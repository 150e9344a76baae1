#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/store.hpp"

namespace store::domain {

// The go-live forecast: what the planned openings will take from the address pools and the
// hardware stock, date by date, and the first opening that cannot be served. Openings are
// served in date order (then by code), as an operations team would provision them; an opening
// whose date has passed counts on the first day of the forecast.

/// "YYYY-MM-DD" of a time in UTC.
std::string DateOf(TimePoint time);
/// `date` ("YYYY-MM-DD", valid) plus `days` (may be negative).
std::string AddDays(std::string_view date, std::int64_t days);
/// Days from `from` to `to` (both valid dates); negative when `to` is earlier.
std::int64_t DaysBetween(std::string_view from, std::string_view to);

enum class ResourceKind { kPool, kHardware };
std::string_view ToString(ResourceKind kind);

/// One resource an opening takes: subnets of a pool purpose, or stock items of a hardware kind.
struct ResourceKey {
    ResourceKind kind = ResourceKind::kPool;
    std::string name;  // a segment purpose or a hardware kind
    auto operator<=>(const ResourceKey&) const = default;
};

/// A planned opening and what it still needs (its plans less what it already holds).
struct Opening {
    std::string store_id;
    std::string code;
    std::string name;
    std::string opening_date;
    StoreStatus status = StoreStatus::kDraft;
    std::map<ResourceKey, std::int64_t> needs;
    bool operator==(const Opening&) const = default;
};

/// What a store's plans take when provisioned: a subnet per segment without its own CIDR
/// (from a pool of its purpose), and each hardware quantity. `held` (items of each kind and
/// segments of each purpose the store already has, as after a failed run) is subtracted.
std::map<ResourceKey, std::int64_t> NeedsOf(const StoreFields& fields,
                                            const std::map<ResourceKey, std::int64_t>& held);

/// Which stores the forecast counts: those that will still take resources (a draft, a store
/// being provisioned, a failed one), with an opening date on or before the horizon's end.
inline constexpr std::array<StoreStatus, 3> kForecastStatuses{
    StoreStatus::kDraft, StoreStatus::kProvisioning, StoreStatus::kFailed};

struct ForecastDay {
    std::string date;
    std::int64_t take = 0;  // what that day's openings need
    std::int64_t left = 0;  // free after them (negative: short by that much)
    bool operator==(const ForecastDay&) const = default;
};

struct ResourceForecast {
    ResourceKey key;
    std::int64_t free = 0;    // free now
    std::int64_t demand = 0;  // what the openings in the horizon need
    std::vector<ForecastDay> timeline;
    /// The date of the first opening that cannot be served, nullopt when all can.
    std::optional<std::string> runs_out_on;
    bool operator==(const ResourceForecast&) const = default;
};

struct Shortage {
    ResourceKey key;
    std::int64_t missing = 0;
    bool operator==(const Shortage&) const = default;
};

/// An opening inside the horizon that cannot be served, and what it will lack.
struct ForecastWarning {
    Opening opening;
    bool overdue = false;  // its date has passed: it counts on the forecast's first day
    std::vector<Shortage> shortages;
    bool operator==(const ForecastWarning&) const = default;
};

struct Forecast {
    std::string as_of;
    std::string until;
    std::int64_t openings = 0;
    std::vector<ResourceForecast> resources;  // ordered by kind then name
    std::vector<ForecastWarning> warnings;    // in the order the openings are served
    bool operator==(const Forecast&) const = default;
};

/// The forecast from `as_of` to `until` (inclusive) of `openings` (any order; those after
/// `until` are left out) against `free` now. Every resource with stock or demand is listed.
Forecast ComputeForecast(const std::string& as_of, const std::string& until,
                         const std::map<ResourceKey, std::int64_t>& free,
                         std::vector<Opening> openings);

}  // namespace store::domain
