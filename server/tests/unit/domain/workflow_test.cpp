#include "domain/workflow.hpp"

#include <gtest/gtest.h>

#include "domain/config_render.hpp"
#include "domain/ipam.hpp"

namespace store::domain {
namespace {

using std::chrono::milliseconds;

TEST(Workflow, NewRunsListTheirStepsInOrder) {
    const auto run = NewRun("r", "s", RunKind::kProvision, TimePoint{}, "jane", "req");
    ASSERT_EQ(run.steps.size(), 6u);
    EXPECT_EQ(run.steps.front().name, "validate");
    EXPECT_EQ(run.steps.back().name, "activate");
    EXPECT_EQ(StepsOf(RunKind::kDecommission).back(), "archive");
}

TEST(Workflow, AProvisionOfAFailedStoreIsARetryForPermissions) {
    EXPECT_EQ(TransitionOf(RunKind::kProvision, StoreStatus::kDraft), Transition::kProvision);
    EXPECT_EQ(TransitionOf(RunKind::kProvision, StoreStatus::kFailed), Transition::kRetry);
    EXPECT_EQ(TransitionOf(RunKind::kRollback, StoreStatus::kFailed), Transition::kRollback);
    EXPECT_EQ(TransitionOf(RunKind::kDecommission, StoreStatus::kActive),
              Transition::kDecommission);
    EXPECT_EQ(ToString(Transition::kRetry), "retry");
}

TEST(Workflow, DecommissioningNeedsAdminByDefaultTheRestOperator) {
    const TransitionRoles defaults;
    EXPECT_EQ(defaults.For(Transition::kProvision), Role::kOperator);
    EXPECT_EQ(defaults.For(Transition::kRetry), Role::kOperator);
    EXPECT_EQ(defaults.For(Transition::kRollback), Role::kOperator);
    EXPECT_EQ(defaults.For(Transition::kDecommission), Role::kAdmin);
    TransitionRoles configured;
    configured.retry = Role::kAdmin;
    EXPECT_EQ(configured.For(Transition::kRetry), Role::kAdmin);
    EXPECT_EQ(configured.For(Transition::kProvision), Role::kOperator);
}

TEST(Workflow, RotationNeedsAdminByDefaultAndARefusalNamesTheTransitionAndRoles) {
    TransitionRoles roles;
    EXPECT_EQ(roles.For(Transition::kRotate), Role::kAdmin);
    EXPECT_EQ(ToString(Transition::kRotate), "rotate");
    EXPECT_EQ(roles.Refusal(Transition::kRotate, Role::kOperator),
              "rotate needs the admin role (you are operator)");
    EXPECT_EQ(roles.Refusal(Transition::kRotate, Role::kAdmin), "");
    EXPECT_EQ(roles.Refusal(Transition::kProvision, Role::kOperator), "");
    EXPECT_EQ(roles.Refusal(Transition::kProvision, Role::kViewer),
              "provision needs the operator role (you are viewer)");
    roles.rotate = Role::kOperator;
    EXPECT_EQ(roles.Refusal(Transition::kRotate, Role::kOperator), "");
}

TEST(Workflow, CurrentStepSkipsWhatIsDone) {
    auto run = NewRun("r", "s", RunKind::kDecommission, TimePoint{}, "jane", "req");
    run.steps[0].status = StepStatus::kSucceeded;
    run.steps[1].status = StepStatus::kSkipped;
    EXPECT_EQ(run.CurrentStep()->name, "release_network");
    for (auto& step : run.steps) step.status = StepStatus::kSucceeded;
    EXPECT_EQ(run.CurrentStep(), nullptr);
}

TEST(Workflow, BackoffGrowsWithJitterAndStopsAtTheCap) {
    EXPECT_EQ(Backoff(0, milliseconds(500), milliseconds(30000), 0.0), milliseconds(500));
    EXPECT_EQ(Backoff(3, milliseconds(500), milliseconds(30000), 1.0), milliseconds(4000));
    EXPECT_EQ(Backoff(20, milliseconds(500), milliseconds(30000), 1.0), milliseconds(30000));
    EXPECT_LT(Backoff(3, milliseconds(500), milliseconds(30000), 0.5), milliseconds(4000));
}

TEST(Ipam, LowestFreeSubnetSkipsUsedRangesOfAnySize) {
    const auto pool = *ParseCidr("10.0.0.0/22").network;
    std::vector<Ipv4Network> used{*ParseCidr("10.0.0.0/24").network,
                                  *ParseCidr("10.0.1.128/25").network};
    EXPECT_EQ(LowestFreeSubnet(pool, 24, used)->ToString(), "10.0.2.0/24");
    used.push_back(*ParseCidr("10.0.2.0/23").network);
    EXPECT_FALSE(LowestFreeSubnet(pool, 24, used)) << "pool full";
    EXPECT_EQ(LowestFreeSubnet(pool, 25, used)->ToString(), "10.0.1.0/25");
    EXPECT_EQ(SubnetCapacity(pool, 24), 4u);
}

TEST(Ipam, GatewayIsTheFirstHostAndDhcpFollowsTheStaticRange) {
    const auto addresses = AddressesOf(*ParseCidr("10.20.0.0/24").network);
    EXPECT_EQ(FormatIpv4(addresses.gateway), "10.20.0.1");
    EXPECT_EQ(FormatIpv4(addresses.dhcp_start), "10.20.0.21");
    EXPECT_EQ(FormatIpv4(addresses.dhcp_end), "10.20.0.254");
}

TEST(ConfigBundle, RendersEveryDeviceWithoutSecrets) {
    Store store;
    store.id = "s1";
    store.fields.code = "NYC-0042";
    store.fields.name = "Manhattan";
    store.fields.location.timezone = "America/New_York";
    const std::vector<RenderSegment> segments{
        {"guest", 30, "10.20.0.0/24", "10.20.0.1", "10.20.0.21", "10.20.0.254"},
        {"pos", 10, "10.10.0.0/24", "10.10.0.1", "10.10.0.21", "10.10.0.254"}};
    const std::vector<RenderDevice> devices{{"router", "RTR-1", "Cisco", "ISR"},
                                            {"access_point", "AP-1", "Ubiquiti", "U6"}};
    const auto files = RenderConfigBundle(store, segments, devices, "stores/s1/credentials");
    const auto find = [&](const std::string& path) -> std::string {
        for (const auto& f : files) {
            if (f.path == path) return f.content;
        }
        return {};
    };
    const auto router = find("router/RTR-1.conf");
    EXPECT_NE(router.find("interface vlan10"), std::string::npos);
    EXPECT_NE(router.find("ip address 10.20.0.1 255.255.255.0"), std::string::npos);
    EXPECT_NE(router.find("range 10.10.0.21 10.10.0.254"), std::string::npos);
    EXPECT_LT(router.find("vlan10"), router.find("vlan30")) << "segments in VLAN order";
    const auto ap = find("access-point/AP-1.conf");
    EXPECT_NE(ap.find("[ssid NYC-0042-guest]"), std::string::npos);
    EXPECT_NE(ap.find("psk=${secret:wifi_guest_psk}"), std::string::npos);
    EXPECT_FALSE(find("README.txt").empty());
    EXPECT_NE(find("inventory.csv").find("router,RTR-1,Cisco,ISR"), std::string::npos);
}

TEST(ConfigBundle, TarArchiveHasValidHeadersAndPadding) {
    const auto tar =
        TarArchive({{"a.txt", "hello"}, {"dir/b.txt", std::string(600, 'x')}}, TimePoint{});
    // header + 1 block, header + 2 blocks, two zero blocks
    ASSERT_EQ(tar.size(), 512u * (2 + 3 + 2));
    EXPECT_EQ(tar.substr(0, 5), "a.txt");
    EXPECT_EQ(tar.substr(257, 5), "ustar");
    EXPECT_EQ(tar.substr(512, 5), "hello");
    unsigned sum = 0;
    for (int i = 0; i < 512; ++i) {
        sum += (i >= 148 && i < 156) ? ' ' : static_cast<unsigned char>(tar[i]);
    }
    EXPECT_EQ(std::stoul(tar.substr(148, 6), nullptr, 8), sum);
}

}  // namespace
}  // namespace store::domain
