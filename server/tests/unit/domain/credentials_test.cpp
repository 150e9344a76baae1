#include "domain/credentials.hpp"

#include <gtest/gtest.h>

namespace store::domain {
namespace {

using std::chrono::hours;

CredentialVersion Version(std::int64_t number, CredentialState state, TimePoint created = {}) {
    CredentialVersion v;
    v.store_id = "s";
    v.version = number;
    v.path = CredentialVersionPath("s", number);
    v.state = state;
    v.created_at = created;
    return v;
}

TEST(Credentials, TheFirstVersionKeepsThePathOfStoresIssuedBeforeVersionsTheOthersAddTheirNumber) {
    EXPECT_EQ(CredentialVersionPath("abc", 1), "stores/abc/credentials");
    EXPECT_EQ(CredentialVersionPath("abc", 2), "stores/abc/credentials/v2");
    EXPECT_EQ(CredentialVersionPath("abc", 12), "stores/abc/credentials/v12");
}

TEST(Credentials, NextVersionFollowsTheHighestWhateverItsState) {
    EXPECT_EQ(NextCredentialVersion({}), 1);
    EXPECT_EQ(NextCredentialVersion(
                  {Version(3, CredentialState::kRevoked), Version(1, CredentialState::kCurrent)}),
              4);
}

TEST(Credentials, OnlyCurrentAndKeptVersionsAreLive) {
    EXPECT_TRUE(Version(1, CredentialState::kCurrent).Live());
    EXPECT_TRUE(Version(1, CredentialState::kKept).Live());
    EXPECT_FALSE(Version(1, CredentialState::kReleased).Live());
    EXPECT_FALSE(Version(1, CredentialState::kRevoked).Live());
    auto ended = Version(2, CredentialState::kKept);
    ended.End(CredentialState::kReleased, TimePoint{hours(5)}, "grace");
    EXPECT_EQ(ended.state, CredentialState::kReleased);
    EXPECT_EQ(ended.ended_at, TimePoint{hours(5)});
    EXPECT_EQ(ended.ended_by, "grace");
    EXPECT_FALSE(ended.Live());
}

TEST(Credentials, RotationIsDueMaxAgeAfterTheCurrentVersionWasMade) {
    const TimePoint t0{hours(1000)};
    const std::vector<CredentialVersion> versions{Version(2, CredentialState::kCurrent, t0),
                                                  Version(1, CredentialState::kKept, TimePoint{})};
    EXPECT_EQ(RotationDueAt(versions, hours(24 * 90)), t0 + hours(24 * 90));
    EXPECT_EQ(RotationDueAt(versions, hours(0)), std::nullopt) << "0: never due";
    EXPECT_EQ(RotationDueAt({Version(1, CredentialState::kRevoked, t0)}, hours(1)), std::nullopt)
        << "nothing current: nothing to rotate";
    EXPECT_EQ(CurrentCredential(versions)->version, 2);
    EXPECT_EQ(CurrentCredential({}), nullptr);
}

TEST(Credentials, OnlyAKeptVersionIsRestoredOrReleasedAndTheRefusalSaysWhy) {
    EXPECT_EQ(WhyNotRestorable(Version(1, CredentialState::kKept)), "");
    EXPECT_EQ(WhyNotReleasable(Version(1, CredentialState::kKept)), "");
    EXPECT_EQ(WhyNotRestorable(Version(2, CredentialState::kCurrent)),
              "version 2 is current already");
    EXPECT_EQ(WhyNotReleasable(Version(2, CredentialState::kCurrent)),
              "version 2 is current: rotate first, then release the version before it");
    EXPECT_EQ(WhyNotRestorable(Version(1, CredentialState::kReleased)),
              "version 1 was released: its secrets are gone");
    EXPECT_EQ(WhyNotReleasable(Version(1, CredentialState::kRevoked)),
              "version 1 was revoked: its secrets are gone");
}

TEST(Credentials, StatesReadBackFromTheirNames) {
    for (const auto state : {CredentialState::kCurrent, CredentialState::kKept,
                             CredentialState::kReleased, CredentialState::kRevoked}) {
        EXPECT_EQ(ParseCredentialState(ToString(state)), state);
    }
    EXPECT_EQ(ParseCredentialState("gone"), std::nullopt);
}

}  // namespace
}  // namespace store::domain
