#include "domain/forecast.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <tuple>

namespace store::domain {
namespace {

std::chrono::sys_days ToDays(std::string_view date) {
    int year = 0;
    unsigned month = 0;
    unsigned day = 0;
    const std::string text(date);
    std::sscanf(text.c_str(), "%d-%u-%u", &year, &month, &day);
    return std::chrono::sys_days{std::chrono::year{year} / std::chrono::month{month} /
                                 std::chrono::day{day}};
}

std::string FromDays(std::chrono::sys_days days) {
    const std::chrono::year_month_day date{days};
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(date.year()),
                  static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
    return text;
}

}  // namespace

std::string DateOf(TimePoint time) { return FromDays(std::chrono::floor<std::chrono::days>(time)); }

std::string AddDays(std::string_view date, std::int64_t days) {
    return FromDays(ToDays(date) + std::chrono::days{days});
}

std::int64_t DaysBetween(std::string_view from, std::string_view to) {
    return (ToDays(to) - ToDays(from)).count();
}

std::string_view ToString(ResourceKind kind) {
    return kind == ResourceKind::kPool ? "pool" : "hardware";
}

std::map<ResourceKey, std::int64_t> NeedsOf(const StoreFields& fields,
                                            const std::map<ResourceKey, std::int64_t>& held) {
    std::map<ResourceKey, std::int64_t> needs;
    for (const auto& segment : fields.network_plan) {
        if (!segment.cidr) {
            ++needs[{ResourceKind::kPool, segment.purpose}];
        }
    }
    for (const auto& [kind, quantity] : fields.hardware_plan) {
        if (quantity > 0) {
            needs[{ResourceKind::kHardware, kind}] += quantity;
        }
    }
    for (const auto& [key, count] : held) {
        if (const auto it = needs.find(key); it != needs.end()) {
            it->second -= count;
        }
    }
    std::erase_if(needs, [](const auto& entry) { return entry.second <= 0; });
    return needs;
}

Forecast ComputeForecast(const std::string& as_of, const std::string& until,
                         const std::map<ResourceKey, std::int64_t>& free,
                         std::vector<Opening> openings) {
    Forecast forecast{as_of, until, 0, {}, {}};
    std::erase_if(openings, [&](const Opening& o) { return o.opening_date > until; });
    // An overdue opening is served on the first day, before that day's own openings.
    const auto day_of = [&](const Opening& o) { return std::max(o.opening_date, as_of); };
    std::stable_sort(openings.begin(), openings.end(), [&](const Opening& a, const Opening& b) {
        return std::forward_as_tuple(day_of(a), a.code) < std::forward_as_tuple(day_of(b), b.code);
    });
    forecast.openings = static_cast<std::int64_t>(openings.size());

    std::map<ResourceKey, ResourceForecast> resources;
    for (const auto& [key, count] : free) {
        resources[key] = {key, count, 0, {}, std::nullopt};
    }
    for (const auto& opening : openings) {
        for (const auto& [key, need] : opening.needs) {
            resources.try_emplace(key, ResourceForecast{key, 0, 0, {}, std::nullopt});
        }
    }
    std::map<ResourceKey, std::int64_t> left = free;
    for (const auto& opening : openings) {
        const auto day = day_of(opening);
        ForecastWarning warning{opening, opening.opening_date < as_of, {}};
        for (const auto& [key, need] : opening.needs) {
            auto& resource = resources[key];
            auto& remaining = left[key];
            const std::int64_t missing = need - std::clamp<std::int64_t>(remaining, 0, need);
            remaining -= need;
            resource.demand += need;
            if (resource.timeline.empty() || resource.timeline.back().date != day) {
                resource.timeline.push_back({day, 0, 0});
            }
            resource.timeline.back().take += need;
            resource.timeline.back().left = remaining;
            if (missing > 0) {
                warning.shortages.push_back({key, missing});
                if (!resource.runs_out_on) {
                    resource.runs_out_on = day;
                }
            }
        }
        if (!warning.shortages.empty()) {
            forecast.warnings.push_back(std::move(warning));
        }
    }
    for (auto& [key, resource] : resources) {
        forecast.resources.push_back(std::move(resource));
    }
    return forecast;
}

}  // namespace store::domain
