#include "domain/store_template.hpp"

#include <gtest/gtest.h>

#include "domain/audit_diff.hpp"
#include "domain/validation.hpp"

namespace store::domain {
namespace {

TemplateFields MallStore() {
    TemplateFields t;
    t.name = "Mall store";
    t.description = "Two tills, guest Wi-Fi";
    t.type = "standard";
    t.tags = {"mall", "eu"};
    t.notes = "Opening kit B";
    t.hardware_plan = {{"pos_terminal", 2}, {"router", 1}};
    t.network_plan = {{"pos", 10, std::nullopt}, {"guest", 30, std::nullopt}};
    return t;
}

StoreSeed Seed(std::string code) {
    StoreSeed seed;
    seed.code = std::move(code);
    seed.name = "Store";
    seed.location = {"Main St 1", "Berlin",        "BE",         "DE",
                     "10115",     "Europe/Berlin", std::nullopt, std::nullopt};
    seed.opening_date = "2027-03-01";
    return seed;
}

bool HasError(const FieldErrors& errors, const std::string& field) {
    for (const auto& error : errors) {
        if (error.field == field) {
            return true;
        }
    }
    return false;
}

TEST(StoreTemplate, AStoreFromATemplateTakesItsTypeTagsNotesAndPlansAndKeepsWhatTheRowSays) {
    auto seed = Seed("BER-001");
    seed.tags = {"eu", "flagship-area"};  // "eu" is the template's already: once
    const auto fields = StoreFieldsFrom(MallStore(), seed);
    EXPECT_EQ(fields.code, "BER-001");
    EXPECT_EQ(fields.type, "standard");
    EXPECT_EQ(fields.opening_date, "2027-03-01");
    EXPECT_EQ(fields.tags, (std::vector<std::string>{"mall", "eu", "flagship-area"}));
    EXPECT_EQ(fields.notes, "Opening kit B");
    EXPECT_EQ(fields.hardware_plan, MallStore().hardware_plan);
    EXPECT_EQ(fields.network_plan, MallStore().network_plan);
    EXPECT_TRUE(ValidateStoreFields(fields).empty());

    seed.notes = "Corner unit";
    EXPECT_EQ(StoreFieldsFrom(MallStore(), seed).notes, "Corner unit");
}

TEST(StoreTemplate, BringingAStoreUpToDateReplacesItsPlansButKeepsTheSubnetItHadForAPurpose) {
    auto store = StoreFieldsFrom(MallStore(), Seed("BER-001"));
    store.network_plan[0].cidr = "10.1.0.0/24";  // pos got a subnet
    store.name = "Renamed by hand";
    auto next = MallStore();
    next.hardware_plan = {{"pos_terminal", 3}, {"printer", 1}};
    next.network_plan = {{"pos", 11, std::nullopt}, {"iot", 40, std::nullopt}};  // guest gone

    const auto updated = WithTemplatePlans(store, next);
    EXPECT_EQ(updated.name, "Renamed by hand");
    EXPECT_EQ(updated.hardware_plan, next.hardware_plan);
    ASSERT_EQ(updated.network_plan.size(), 2U);
    EXPECT_EQ(updated.network_plan[0], (SegmentPlan{"pos", 11, "10.1.0.0/24"}));
    EXPECT_EQ(updated.network_plan[1], (SegmentPlan{"iot", 40, std::nullopt}));
}

TEST(StoreTemplate, ATemplateIsValidatedLikeAStoreAndMayNotFixASubnet) {
    EXPECT_TRUE(ValidateTemplateFields(MallStore()).empty());
    auto bad = MallStore();
    bad.name = " Mall";
    bad.type = "kiosk";
    bad.tags = {"Not A Tag"};
    bad.hardware_plan = {{"toaster", 1}};
    bad.network_plan = {{"pos", 10, "10.0.0.0/24"}, {"pos", 10, std::nullopt}};
    const auto errors = ValidateTemplateFields(bad);
    EXPECT_TRUE(HasError(errors, "name"));
    EXPECT_TRUE(HasError(errors, "type"));
    EXPECT_TRUE(HasError(errors, "tags[0]"));
    EXPECT_TRUE(HasError(errors, "hardwarePlan.toaster"));
    EXPECT_TRUE(HasError(errors, "networkPlan[0].cidr"));
    EXPECT_TRUE(HasError(errors, "networkPlan[1].purpose"));
    EXPECT_TRUE(HasError(errors, "networkPlan[1].vlanId"));

    bad = MallStore();
    bad.name = "";
    EXPECT_TRUE(HasError(ValidateTemplateFields(bad), "name"));
    bad.name = std::string(101, 'x');
    EXPECT_TRUE(HasError(ValidateTemplateFields(bad), "name"));
    bad.name = "Mall\tstore";
    EXPECT_TRUE(HasError(ValidateTemplateFields(bad), "name"));
}

TEST(StoreTemplate, AFollowerIsBehindOnAnOlderVersionUnlessItCanNoLongerBeEdited) {
    EXPECT_TRUE(IsBehind({"t", 1}, 2, StoreStatus::kActive));
    EXPECT_FALSE(IsBehind({"t", 2}, 2, StoreStatus::kActive));
    EXPECT_FALSE(IsBehind({"t", 1}, 2, StoreStatus::kDecommissioned));
    EXPECT_TRUE(IsBehind({"t", 1}, 3, StoreStatus::kProvisioning));  // behind, synced later

    EXPECT_EQ(WhyNotSync(StoreStatus::kDraft), std::nullopt);
    EXPECT_EQ(WhyNotSync(StoreStatus::kActive), std::nullopt);
    EXPECT_EQ(WhyNotSync(StoreStatus::kFailed), std::nullopt);
    EXPECT_NE(WhyNotSync(StoreStatus::kProvisioning), std::nullopt);
    EXPECT_NE(WhyNotSync(StoreStatus::kDecommissioning), std::nullopt);
    EXPECT_EQ(WhyNotSync(StoreStatus::kDecommissioned),
              "a decommissioned store can no longer be edited");
}

TEST(StoreTemplate, ZeroQuantitiesAreDroppedAndTheAuditDiffNamesTheChangedFields) {
    auto t = MallStore();
    t.hardware_plan["printer"] = 0;
    EXPECT_EQ(NormalizeTemplate(t).hardware_plan, MallStore().hardware_plan);

    auto after = MallStore();
    after.description = "Three tills";
    after.hardware_plan["pos_terminal"] = 3;
    const auto changes = Diff(&t, &after);
    ASSERT_EQ(changes.size(), 3U);  // description, hardwarePlan.pos_terminal, the 0 printer
    EXPECT_EQ(changes[0].field, "description");
    EXPECT_EQ(changes[1].field, "hardwarePlan.pos_terminal");
    EXPECT_EQ(changes[1].after, AuditValue(std::int64_t{3}));
    const auto created = Diff(nullptr, &after);
    EXPECT_EQ(created.front().field, "name");
    EXPECT_EQ(created.back().field, "networkPlan");
}

}  // namespace
}  // namespace store::domain
