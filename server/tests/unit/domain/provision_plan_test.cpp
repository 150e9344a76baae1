#include "domain/provision_plan.hpp"

#include <gtest/gtest.h>

namespace store::domain {
namespace {

ProvisionPlan Plan() {
    ProvisionPlan plan;
    plan.store_id = "s1";
    plan.store_version = 2;
    plan.segments = {{"pos", 10, "10.0.1.0/24", "10.0.1.1", "10.0.1.10", "10.0.1.254", "p1"},
                     {"guest", 30, "10.9.0.0/26", "10.9.0.1", "10.9.0.10", "10.9.0.62", "p2"}};
    plan.devices = {{"router", "R-001", "m1", "Cisco", "ISR1100"},
                    {"switch", "S-001", "m2", "Aruba", "2930F"}};
    plan.secret_path = "stores/s1/credentials";
    return plan;
}

TEST(PlanChanges, NoneWhenProvisioningWouldDoExactlyWhatWasPlanned) {
    auto now = Plan();
    now.segments[0].held = true;  // taken by the plan's own apply: not a change
    EXPECT_TRUE(PlanChanges(Plan(), now).empty());
}

TEST(PlanChanges, NamesTheEditASubnetAVlanADeviceTheCredentialsAndANewProblem) {
    auto now = Plan();
    now.store_version = 3;
    now.segments[0].cidr = "10.0.2.0/24";
    now.segments[1].vlan_id = 31;
    now.devices[0].serial = "R-002";
    now.secret_path = "stores/s1/credentials/v2";
    now.problems = {"not enough printer in stock: need 1, 0 available"};
    const auto changes = PlanChanges(Plan(), now);
    const std::vector<std::string> expected{
        "the store was edited since the plan (version 2, now 3)",
        "pos segment: 10.0.1.0/24 (VLAN 10) was planned; it would be 10.0.2.0/24 (VLAN 10) now",
        "guest segment: 10.9.0.0/26 (VLAN 30) was planned; it would be 10.9.0.0/26 (VLAN 31) now",
        "router R-001 was planned; it is not in stock any more",
        "router R-002 would be reserved now; it was not planned",
        "credentials: stores/s1/credentials was planned; they would be stores/s1/credentials/v2 "
        "now",
        "not enough printer in stock: need 1, 0 available"};
    EXPECT_EQ(changes, expected);
}

TEST(PlanChanges, ASegmentThatCanNoLongerBeAllocatedOrWasNotPlanned) {
    auto now = Plan();
    now.segments.erase(now.segments.begin());
    now.segments.push_back({"iot", 40, "10.4.0.0/28", "10.4.0.1", "10.4.0.5", "10.4.0.14", "p3"});
    const auto changes = PlanChanges(Plan(), now);
    ASSERT_EQ(changes.size(), 2u);
    EXPECT_EQ(changes[0],
              "pos segment: 10.0.1.0/24 (VLAN 10) was planned; none can be allocated now");
    EXPECT_EQ(changes[1], "iot segment: not planned; it would be 10.4.0.0/28 (VLAN 40) now");
    auto other = Plan();
    other.store_id = "s2";
    EXPECT_EQ(PlanChanges(Plan(), other),
              (std::vector<std::string>{"the plan is for another store"}));
}

}  // namespace
}  // namespace store::domain
