#include "domain/audit_diff.hpp"

#include <gtest/gtest.h>

namespace store::domain {
namespace {

StoreFields Sample() {
    StoreFields f;
    f.code = "BER-001";
    f.name = "Berlin";
    f.type = "standard";
    f.location.city = "Berlin";
    f.tags = {"a"};
    f.hardware_plan = {{"router", 1}};
    return f;
}

TEST(AuditDiff, ListsOnlyChangedFieldsWithTypedValues) {
    StoreFields before = Sample();
    StoreFields after = before;
    after.name = "Berlin \"Mitte\"";
    after.hardware_plan["router"] = 2;
    after.tags.push_back("b");
    const auto changes = Diff(&before, &after);
    ASSERT_EQ(changes.size(), 3u);
    EXPECT_EQ(changes[0], (FieldChange{"name", "Berlin", "Berlin \"Mitte\""}));
    EXPECT_EQ(changes[1], (FieldChange{"tags", AuditValue::List{"a"}, AuditValue::List{"a", "b"}}));
    EXPECT_EQ(changes[2], (FieldChange{"hardwarePlan.router", std::int64_t{1}, std::int64_t{2}}));
}

TEST(AuditDiff, CreateHasNoBeforeAndDeleteHasNoAfter) {
    const StoreFields f = Sample();
    for (const auto& change : Diff(nullptr, &f)) {
        EXPECT_FALSE(change.before);
        EXPECT_TRUE(change.after);
    }
    for (const auto& change : Diff(&f, nullptr)) {
        EXPECT_TRUE(change.before);
        EXPECT_FALSE(change.after);
    }
}

TEST(AuditDiff, RemovedPlanEntryShowsAsAbsentAfter) {
    StoreFields before = Sample();
    StoreFields after = before;
    after.hardware_plan.clear();
    const auto changes = Diff(&before, &after);
    ASSERT_EQ(changes.size(), 1u);
    EXPECT_EQ(changes[0].field, "hardwarePlan.router");
    EXPECT_FALSE(changes[0].after);
}

TEST(AuditDiff, NumbersAndMissingValuesKeepTheirTypes) {
    StoreFields before = Sample();
    StoreFields after = before;
    after.location.latitude = 52.52;
    after.network_plan = {{"pos", 10, std::nullopt}};
    const auto changes = Diff(&before, &after);
    ASSERT_EQ(changes.size(), 2u);
    EXPECT_EQ(changes[0], (FieldChange{"location.latitude", nullptr, 52.52}));
    const AuditValue::Record segment{
        {"purpose", "pos"}, {"vlanId", std::int64_t{10}}, {"cidr", nullptr}};
    EXPECT_EQ(changes[1],
              (FieldChange{"networkPlan", AuditValue::List{}, AuditValue::List{segment}}));
}

TEST(AuditDiff, IdenticalVersionsHaveNoChanges) {
    const StoreFields f = Sample();
    EXPECT_TRUE(Diff(&f, &f).empty());
}

}  // namespace
}  // namespace store::domain
