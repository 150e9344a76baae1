#include "domain/forecast.hpp"

#include <gtest/gtest.h>

namespace store::domain {
namespace {

const ResourceKey kPos{ResourceKind::kPool, "pos"};
const ResourceKey kRouter{ResourceKind::kHardware, "router"};
const ResourceKey kPrinter{ResourceKind::kHardware, "printer"};

Opening At(std::string code, std::string date, std::map<ResourceKey, std::int64_t> needs) {
    return {"id-" + code,    code, "Store " + code, std::move(date), StoreStatus::kDraft,
            std::move(needs)};
}

TEST(ForecastDates, CountsAcrossMonthsLeapDaysAndYears) {
    EXPECT_EQ(AddDays("2028-02-28", 1), "2028-02-29");
    EXPECT_EQ(AddDays("2026-12-07", 90), "2027-03-07");
    EXPECT_EQ(AddDays("2027-01-01", -1), "2026-12-31");
    EXPECT_EQ(DaysBetween("2026-12-07", "2027-03-07"), 90);
    EXPECT_EQ(DateOf(TimePoint{} + std::chrono::hours(24 * 365 + 23)), "1971-01-01");
}

TEST(ForecastNeeds, ASubnetPerSegmentWithoutItsOwnCidrAndTheHardwareLessWhatIsHeld) {
    StoreFields fields;
    fields.network_plan = {{"pos", 10, std::nullopt}, {"guest", 30, std::string("192.168.5.0/24")}};
    fields.hardware_plan = {{"router", 2}, {"printer", 1}, {"switch", 0}};
    const auto needs = NeedsOf(fields, {{kRouter, 1}, {kPrinter, 3}});
    EXPECT_EQ(needs, (std::map<ResourceKey, std::int64_t>{{kPos, 1}, {kRouter, 1}}));
}

TEST(Forecast, ServesOpeningsByDateAndNamesTheDateEachResourceRunsOut) {
    const auto forecast = ComputeForecast(
        "2027-01-01", "2027-03-31", {{kPos, 2}, {kRouter, 5}},
        {At("C", "2027-03-01", {{kPos, 1}, {kRouter, 2}}),
         At("A", "2027-01-10", {{kPos, 1}, {kRouter, 2}}),
         At("B", "2027-02-01", {{kPos, 1}, {kRouter, 2}}), At("Z", "2027-04-01", {{kPos, 5}})});
    EXPECT_EQ(forecast.openings, 3);  // Z opens after the horizon
    ASSERT_EQ(forecast.resources.size(), 2u);
    const auto& pos = forecast.resources[0];
    EXPECT_EQ(pos.key, kPos);
    EXPECT_EQ(pos.free, 2);
    EXPECT_EQ(pos.demand, 3);
    EXPECT_EQ(pos.runs_out_on, "2027-03-01");
    ASSERT_EQ(pos.timeline.size(), 3u);
    EXPECT_EQ(pos.timeline[0], (ForecastDay{"2027-01-10", 1, 1}));
    EXPECT_EQ(pos.timeline[2], (ForecastDay{"2027-03-01", 1, -1}));
    const auto& router = forecast.resources[1];
    EXPECT_EQ(router.runs_out_on, "2027-03-01");  // 6 wanted, 5 in stock
    ASSERT_EQ(forecast.warnings.size(), 1u);
    EXPECT_EQ(forecast.warnings[0].opening.code, "C");
    EXPECT_EQ(forecast.warnings[0].shortages, (std::vector<Shortage>{{kPos, 1}, {kRouter, 1}}));
}

TEST(Forecast, OverdueOpeningsComeFirstAndAResourceWithNoStockIsListed) {
    const auto forecast = ComputeForecast("2027-01-01", "2027-01-31", {{kRouter, 1}},
                                          {At("B", "2027-01-05", {{kRouter, 1}}),
                                           At("A", "2026-11-30", {{kRouter, 1}, {kPrinter, 2}})});
    ASSERT_EQ(forecast.resources.size(), 2u);
    EXPECT_EQ(forecast.resources[0].key, kPrinter);  // by kind, then name
    EXPECT_EQ(forecast.resources[0].free, 0);
    EXPECT_EQ(forecast.resources[0].runs_out_on, "2027-01-01");
    EXPECT_EQ(forecast.resources[1].runs_out_on, "2027-01-05");
    ASSERT_EQ(forecast.warnings.size(), 2u);
    EXPECT_EQ(forecast.warnings[0].opening.code, "A");  // overdue: served on the first day
    EXPECT_EQ(forecast.warnings[0].opening.opening_date, "2026-11-30");
    EXPECT_TRUE(forecast.warnings[0].overdue);
    EXPECT_FALSE(forecast.warnings[1].overdue);
    EXPECT_EQ(forecast.warnings[0].shortages, (std::vector<Shortage>{{kPrinter, 2}}));
    EXPECT_EQ(forecast.warnings[1].opening.code, "B");
    EXPECT_EQ(forecast.warnings[1].shortages, (std::vector<Shortage>{{kRouter, 1}}));
}

TEST(Forecast, NothingPlannedListsWhatIsFreeWithoutWarnings) {
    const auto forecast = ComputeForecast("2027-01-01", "2027-01-31", {{kPos, 4}}, {});
    EXPECT_EQ(forecast.openings, 0);
    ASSERT_EQ(forecast.resources.size(), 1u);
    EXPECT_EQ(forecast.resources[0].demand, 0);
    EXPECT_FALSE(forecast.resources[0].runs_out_on.has_value());
    EXPECT_TRUE(forecast.warnings.empty());
}

}  // namespace
}  // namespace store::domain
