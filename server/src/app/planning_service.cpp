#include "app/planning_service.hpp"

#include <algorithm>

#include "app/errors.hpp"
#include "domain/ipam.hpp"
#include "domain/validation.hpp"

namespace store::app {
namespace {

using domain::ResourceKey;
using domain::ResourceKind;

/// Free subnets per pool purpose and in-stock items per hardware kind, now.
std::map<ResourceKey, std::int64_t> FreeNow(ports::UnitOfWork& uow) {
    std::map<ResourceKey, std::int64_t> free;
    const auto usage = uow.Network().UsageByPool();
    for (const auto& pool : uow.Network().ListPools()) {
        const auto network = domain::ParseCidr(pool.cidr).network;
        const auto capacity =
            network
                ? static_cast<std::int64_t>(domain::SubnetCapacity(*network, pool.segment_prefix))
                : 0;
        const auto used = usage.find(pool.id);
        free[{ResourceKind::kPool, pool.purpose}] +=
            std::max<std::int64_t>(capacity - (used == usage.end() ? 0 : used->second), 0);
    }
    for (const auto& [kind, count] : uow.Inventory().AvailableByKind()) {
        free[{ResourceKind::kHardware, kind}] += count;
    }
    return free;
}

/// What a store being provisioned, or left failed, already holds: pool segments per purpose
/// and items per kind. A draft holds nothing.
std::map<ResourceKey, std::int64_t> HeldBy(ports::UnitOfWork& uow, const domain::Store& store) {
    std::map<ResourceKey, std::int64_t> held;
    if (store.status == domain::StoreStatus::kDraft) {
        return held;
    }
    for (const auto& segment : uow.Network().SegmentsForStore(store.id)) {
        if (!segment.pool_id.empty()) {
            ++held[{ResourceKind::kPool, segment.purpose}];
        }
    }
    for (const auto& item : uow.Inventory().ItemsForStore(store.id)) {
        ++held[{ResourceKind::kHardware, item.kind}];
    }
    return held;
}

}  // namespace

PlanningService::PlanningService(ports::Database& database, const ports::Clock& clock)
    : database_(database), clock_(clock) {}

Calendar PlanningService::CalendarOf(const std::string& from, const std::string& to) {
    domain::FieldErrors errors;
    if (!domain::IsValidDate(from)) {
        errors.push_back({"from", "must be a date YYYY-MM-DD"});
    }
    if (!domain::IsValidDate(to)) {
        errors.push_back({"to", "must be a date YYYY-MM-DD"});
    }
    if (errors.empty()) {
        const auto days = domain::DaysBetween(from, to);
        if (days < 0) {
            errors.push_back({"to", "must not be before from"});
        } else if (days >= kMaxCalendarDays) {
            errors.push_back(
                {"to", "must be at most " + std::to_string(kMaxCalendarDays) + " days after from"});
        }
    }
    if (!errors.empty()) {
        throw AppError::BadRequest(std::move(errors), "invalid calendar range");
    }
    auto uow = database_.Begin(ports::TxKind::kRead);
    Calendar calendar{from, to, uow->Stores().ByOpeningDate(from, to, {}, kMaxCalendarStores + 1),
                      false};
    if (static_cast<std::int64_t>(calendar.items.size()) > kMaxCalendarStores) {
        calendar.items.pop_back();
        calendar.truncated = true;
    }
    return calendar;
}

domain::Forecast PlanningService::Forecast(std::int64_t horizon_days) {
    if (horizon_days < 1 || horizon_days > kMaxForecastHorizon) {
        throw AppError::BadRequest(
            {{"horizon", "must be from 1 to " + std::to_string(kMaxForecastHorizon) + " days"}},
            "invalid forecast horizon");
    }
    const auto today = domain::DateOf(clock_.Now());
    const auto until = domain::AddDays(today, horizon_days);
    auto uow = database_.Begin(ports::TxKind::kRead);
    const auto free = FreeNow(*uow);
    const auto stores = uow->Stores().ByOpeningDate(
        "0000-01-01", until, {domain::kForecastStatuses.begin(), domain::kForecastStatuses.end()},
        kMaxForecastOpenings);
    std::vector<domain::Opening> openings;
    openings.reserve(stores.size());
    for (const auto& store : stores) {
        openings.push_back({store.id, store.fields.code, store.fields.name,
                            store.fields.opening_date.value_or(today), store.status,
                            domain::NeedsOf(store.fields, HeldBy(*uow, store))});
    }
    return domain::ComputeForecast(today, until, free, std::move(openings));
}

}  // namespace store::app
