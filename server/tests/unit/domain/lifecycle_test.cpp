#include "domain/lifecycle.hpp"

#include <gtest/gtest.h>

namespace store::domain {
namespace {

using E = LifecycleEvent;
using S = StoreStatus;

TEST(StoreLifecycle, DraftProvisionsToProvisioning) {
    EXPECT_EQ(ApplyEvent(S::kDraft, E::kProvision).next, S::kProvisioning);
}

TEST(StoreLifecycle, ProvisioningEndsActiveOrFailed) {
    EXPECT_EQ(ApplyEvent(S::kProvisioning, E::kProvisioningSucceeded).next, S::kActive);
    EXPECT_EQ(ApplyEvent(S::kProvisioning, E::kProvisioningFailed).next, S::kFailed);
}

TEST(StoreLifecycle, FailedCanRetryToProvisioning) {
    EXPECT_EQ(ApplyEvent(S::kFailed, E::kProvision).next, S::kProvisioning);
}

TEST(StoreLifecycle, FailedCanRollBackToDraft) {
    EXPECT_EQ(ApplyEvent(S::kFailed, E::kRollback).next, S::kDraft);
}

TEST(StoreLifecycle, ActiveDecommissionsToTheTerminalState) {
    EXPECT_EQ(ApplyEvent(S::kActive, E::kDecommission).next, S::kDecommissioning);
    EXPECT_EQ(ApplyEvent(S::kDecommissioning, E::kDecommissionFinished).next, S::kDecommissioned);
    EXPECT_TRUE(AllowedEvents(S::kDecommissioned).empty());
}

TEST(StoreLifecycle, IllegalTransitionsAreRefusedWithAReason) {
    const auto result = ApplyEvent(S::kDraft, E::kDecommission);
    EXPECT_FALSE(result.next);
    EXPECT_EQ(result.error, "cannot decommission a store that is draft");
    EXPECT_FALSE(ApplyEvent(S::kActive, E::kProvision).next);
    EXPECT_FALSE(ApplyEvent(S::kDecommissioned, E::kProvision).next);
    EXPECT_FALSE(ApplyEvent(S::kDraft, E::kRollback).next);
}

TEST(StoreLifecycle, UserEventsOfferedPerStatus) {
    EXPECT_EQ(AllowedEvents(S::kDraft), std::vector<E>{E::kProvision});
    EXPECT_EQ(AllowedEvents(S::kFailed), (std::vector<E>{E::kProvision, E::kRollback}));
    EXPECT_TRUE(AllowedEvents(S::kProvisioning).empty());
}

TEST(StoreLifecycle, FailedStoreIsRetriedOrRolledBackNotDecommissioned) {
    const auto result = ApplyEvent(S::kFailed, E::kDecommission);
    EXPECT_FALSE(result.next);
    EXPECT_EQ(result.error, "cannot decommission a store that is failed");
    EXPECT_EQ(ApplyEvent(S::kFailed, E::kProvision).next, S::kProvisioning);
    EXPECT_EQ(ApplyEvent(S::kFailed, E::kRollback).next, S::kDraft);
}

TEST(StoreLifecycle, OnlyDraftsAreDeletedAndDecommissionedStoresAreFrozen) {
    EXPECT_TRUE(CanDelete(S::kDraft));
    EXPECT_FALSE(CanDelete(S::kActive));
    EXPECT_TRUE(CanEdit(S::kActive));
    EXPECT_FALSE(CanEdit(S::kDecommissioned));
}

TEST(StoreEnums, RoundTripThroughText) {
    for (const auto status : AllStoreStatuses()) {
        EXPECT_EQ(ParseStoreStatus(ToString(status)), status);
    }
    for (const auto type : AllStoreTypes()) {
        EXPECT_EQ(ParseStoreType(ToString(type)), type);
    }
    EXPECT_FALSE(ParseStoreType("FLAGSHIP"));
}

}  // namespace
}  // namespace store::domain
