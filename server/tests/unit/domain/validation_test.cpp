#include "domain/validation.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace store::domain {
namespace {

StoreFields ValidStore() {
    StoreFields f;
    f.code = "NYC-0042";
    f.name = "Manhattan 5th Ave";
    f.type = "flagship";
    f.location = {"5th Ave 1", "New York", "NY", "US", "10001", "America/New_York", 40.75, -73.98};
    f.opening_date = "2027-03-01";
    f.contact = {"Jane Doe", "jane@example.com", "+1 212 555 0100"};
    f.tags = {"pilot", "east"};
    f.hardware_plan = {{"pos_terminal", 6}, {"router", 1}};
    f.network_plan = {{"pos", 10, "10.20.0.0/24"}, {"guest", std::nullopt, std::nullopt}};
    return f;
}

bool HasError(const FieldErrors& errors, const std::string& field) {
    return std::any_of(errors.begin(), errors.end(),
                       [&](const FieldError& e) { return e.field == field; });
}

TEST(StoreValidation, AcceptsACompleteStore) {
    EXPECT_TRUE(ValidateStoreFields(ValidStore()).empty());
}

TEST(StoreValidation, ReportsEveryBadFieldAtOnce) {
    StoreFields f = ValidStore();
    f.code = "";
    f.name = "";
    f.type = "kiosk";
    f.location.country = "XX";
    f.location.timezone = "Mars/Olympus";
    const auto errors = ValidateStoreFields(f);
    EXPECT_EQ(errors.size(), 5u);
    for (const char* field : {"code", "name", "type", "location.country", "location.timezone"}) {
        EXPECT_TRUE(HasError(errors, field)) << field;
    }
}

// The configured pattern is StoreCodeRule's (store_code_test.cpp); here only presence and length.
TEST(StoreValidation, CodeIsRequiredAndAtMost32Characters) {
    for (const char* good : {"NYC-0042", "1234", "UK-LON-001"}) {
        StoreFields f = ValidStore();
        f.code = good;
        EXPECT_TRUE(ValidateStoreFields(f).empty()) << good;
    }
    StoreFields f = ValidStore();
    f.code = std::string(32, 'A');
    EXPECT_TRUE(ValidateStoreFields(f).empty());
    for (const std::string& bad :
         {std::string(), std::string("   "), std::string(33, 'A'), std::string("NYC\t042")}) {
        f.code = bad;
        EXPECT_TRUE(HasError(ValidateStoreFields(f), "code")) << bad;
    }
}

TEST(StoreValidation, NameLengthCountsCharactersNotBytes) {
    StoreFields f = ValidStore();
    f.name = std::string(60, 'a');
    for (int i = 0; i < 60; ++i) {
        f.name += "\xC3\xBC";  // ü: 2 bytes, 1 character -> 120 characters
    }
    EXPECT_TRUE(ValidateStoreFields(f).empty());
    f.name += "x";
    EXPECT_TRUE(HasError(ValidateStoreFields(f), "name"));
}

TEST(StoreValidation, LatitudeAndLongitudeGoTogetherAndStayInRange) {
    StoreFields f = ValidStore();
    f.location.longitude.reset();
    EXPECT_TRUE(HasError(ValidateStoreFields(f), "location.longitude"));
    f = ValidStore();
    f.location.latitude = 91;
    EXPECT_TRUE(HasError(ValidateStoreFields(f), "location.latitude"));
    f = ValidStore();
    f.location.longitude = -180.5;
    EXPECT_TRUE(HasError(ValidateStoreFields(f), "location.longitude"));
}

TEST(StoreValidation, OpeningDateMustBeARealDate) {
    EXPECT_TRUE(IsValidDate("2028-02-29"));
    EXPECT_FALSE(IsValidDate("2027-02-29"));
    EXPECT_FALSE(IsValidDate("2027-13-01"));
    EXPECT_FALSE(IsValidDate("2027-1-01"));
    EXPECT_FALSE(IsValidDate("tomorrow"));
}

TEST(StoreValidation, Emails) {
    EXPECT_TRUE(IsValidEmail("jane.doe+ops@store.example.com"));
    EXPECT_FALSE(IsValidEmail("jane"));
    EXPECT_FALSE(IsValidEmail("jane@"));
    EXPECT_FALSE(IsValidEmail("@example.com"));
    EXPECT_FALSE(IsValidEmail("jane@example"));
    EXPECT_FALSE(IsValidEmail("a@b@c.com"));
    EXPECT_FALSE(IsValidEmail("jane@exa..mple.com"));
}

TEST(StoreValidation, TagsAreShortLowercaseAndUnique) {
    StoreFields f = ValidStore();
    f.tags = {"ok", "Bad", "dup", "dup"};
    const auto errors = ValidateStoreFields(f);
    EXPECT_TRUE(HasError(errors, "tags[1]"));
    EXPECT_TRUE(HasError(errors, "tags[3]"));
    EXPECT_FALSE(HasError(errors, "tags[0]"));
}

TEST(StoreValidation, HardwarePlanKindsAndQuantities) {
    StoreFields f = ValidStore();
    f.hardware_plan = {{"router", 101}, {"toaster", 1}, {"printer", -1}, {"switch", 0}};
    const auto errors = ValidateStoreFields(f);
    EXPECT_TRUE(HasError(errors, "hardwarePlan.router"));
    EXPECT_TRUE(HasError(errors, "hardwarePlan.toaster"));
    EXPECT_TRUE(HasError(errors, "hardwarePlan.printer"));
    EXPECT_FALSE(HasError(errors, "hardwarePlan.switch"));
}

TEST(StoreValidation, NetworkPlanRules) {
    StoreFields f = ValidStore();
    f.network_plan = {{"pos", 0, "10.0.0.1/24"},
                      {"pos", 4095, "10.0.1.0/33"},
                      {"lobby", 20, "10.0.0.0/8"},
                      {"guest", 20, "10.0.0.0/24"},
                      {"iot", 30, "10.0.0.128/25"}};
    const auto errors = ValidateStoreFields(f);
    EXPECT_TRUE(HasError(errors, "networkPlan[0].vlanId"));   // below 1
    EXPECT_TRUE(HasError(errors, "networkPlan[0].cidr"));     // host bits set
    EXPECT_TRUE(HasError(errors, "networkPlan[1].purpose"));  // repeated purpose
    EXPECT_TRUE(HasError(errors, "networkPlan[1].vlanId"));   // above 4094
    EXPECT_TRUE(HasError(errors, "networkPlan[1].cidr"));     // prefix 33
    EXPECT_TRUE(HasError(errors, "networkPlan[2].purpose"));  // unknown purpose
    EXPECT_TRUE(HasError(errors, "networkPlan[2].cidr"));     // /8 too large
    EXPECT_TRUE(HasError(errors, "networkPlan[3].vlanId"));   // VLAN 20 twice
    EXPECT_TRUE(HasError(errors, "networkPlan[4].cidr"));     // overlaps segment 3
}

TEST(StoreValidation, NetworkPlanHasAtMostFiveSegments) {
    StoreFields f = ValidStore();
    f.network_plan.assign(6, SegmentPlan{"pos", std::nullopt, std::nullopt});
    EXPECT_TRUE(HasError(ValidateStoreFields(f), "networkPlan"));
}

TEST(StoreValidation, ControlCharactersAreRefusedOutsideNotes) {
    StoreFields f = ValidStore();
    f.name = "bad\x01name";
    f.notes = "line one\nline two";
    const auto errors = ValidateStoreFields(f);
    EXPECT_TRUE(HasError(errors, "name"));
    EXPECT_FALSE(HasError(errors, "notes"));
}

TEST(UserValidation, UsernamesAndPasswords) {
    EXPECT_TRUE(ValidateUsername("ops.jane_1").empty());
    EXPECT_FALSE(ValidateUsername("Jane").empty());
    EXPECT_FALSE(ValidateUsername("ab").empty());
    EXPECT_TRUE(ValidatePassword("correct horse battery").empty());
    EXPECT_FALSE(ValidatePassword("short").empty());
}

TEST(UserValidation, PasswordLengthCountsCodePointsLikeTheOpenApiDocument) {
    std::string long_umlauts;
    for (int i = 0; i < 1000; ++i) {
        long_umlauts += "\u00e9";  // 2 bytes each: 2000 bytes, 1000 code points
    }
    EXPECT_TRUE(ValidatePassword(long_umlauts).empty());
    EXPECT_TRUE(ValidatePassword(std::string(1024, 'x')).empty());
    EXPECT_FALSE(ValidatePassword(std::string(1025, 'x')).empty());
    EXPECT_FALSE(ValidatePassword("\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9").empty())
        << "12 bytes, 6 code points";
}

TEST(Roles, AdminOutranksOperatorOutranksViewer) {
    EXPECT_TRUE(RoleAtLeast(Role::kAdmin, Role::kOperator));
    EXPECT_TRUE(RoleAtLeast(Role::kOperator, Role::kOperator));
    EXPECT_FALSE(RoleAtLeast(Role::kViewer, Role::kOperator));
    EXPECT_EQ(ParseRole("operator"), Role::kOperator);
    EXPECT_FALSE(ParseRole("root"));
}

}  // namespace
}  // namespace store::domain
