#include "http/dto/store_json.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "app/errors.hpp"

namespace store::http::dto {
namespace {

namespace json = boost::json;

const char* kValid = R"({
  "code": "NYC-0042", "name": "Manhattan", "type": "flagship",
  "location": {"address": "5th Ave 1", "city": "New York", "region": "NY", "country": "US",
               "postalCode": "10001", "timezone": "America/New_York", "latitude": 40.7, "longitude": -73},
  "openingDate": "2027-03-01",
  "contact": {"manager": "Jane", "email": "jane@example.com", "phone": "+1 212 555 0100"},
  "tags": ["pilot"], "notes": "n",
  "hardwarePlan": {"router": 1, "pos_terminal": 4},
  "networkPlan": [{"purpose": "pos", "vlanId": 10, "cidr": "10.0.0.0/24"}, {"purpose": "guest"}]
})";

domain::FieldErrors ErrorsOf(const std::string& text) {
    try {
        ParseStoreFields(json::parse(text));
    } catch (const app::AppError& error) {
        return error.field_errors();
    }
    return {};
}

TEST(StoreJson, ParsesEveryMember) {
    const auto f = ParseStoreFields(json::parse(kValid));
    EXPECT_EQ(f.code, "NYC-0042");
    EXPECT_EQ(f.location.longitude, -73.0);
    EXPECT_EQ(f.hardware_plan.at("pos_terminal"), 4);
    ASSERT_EQ(f.network_plan.size(), 2u);
    EXPECT_EQ(f.network_plan[0].vlan_id, 10);
    EXPECT_FALSE(f.network_plan[1].cidr);
}

TEST(StoreJson, RoundTripsThroughFieldsToJson) {
    const auto f = ParseStoreFields(json::parse(kValid));
    EXPECT_EQ(ParseStoreFields(FieldsToJson(f)), f);
}

TEST(StoreJson, WrongTypesUnknownAndReadOnlyMembersAreFieldErrors) {
    const auto errors = ErrorsOf(R"({"code": 5, "name": "x", "type": "standard", "version": 3,
        "colour": "red", "location": {"city": ["x"], "zip": "1"}, "tags": "a",
        "hardwarePlan": {"router": "one"}, "networkPlan": [{"purpose": "pos", "vlanId": 1.5}]})");
    std::vector<std::string> fields;
    for (const auto& e : errors) {
        fields.push_back(e.field);
    }
    for (const char* field : {"code", "version", "colour", "location.city", "location.zip", "tags",
                              "hardwarePlan.router", "networkPlan[0].vlanId"}) {
        EXPECT_NE(std::find(fields.begin(), fields.end(), field), fields.end()) << field;
    }
}

TEST(StoreJson, NonObjectBodyIsAFieldError) { EXPECT_EQ(ErrorsOf("[1,2]").at(0).field, "body"); }

TEST(MergePatch, FollowsRfc7396) {
    json::value target = json::parse(R"({"a": "b", "c": {"d": "e", "f": "g"}})");
    ApplyMergePatch(target, json::parse(R"({"a": "z", "c": {"f": null}})"));
    EXPECT_EQ(target, json::parse(R"({"a": "z", "c": {"d": "e"}})"));
    ApplyMergePatch(target, json::parse(R"({"list": [1, 2]})"));
    ApplyMergePatch(target, json::parse(R"({"list": [3]})"));
    EXPECT_EQ(target.at("list"), json::parse("[3]"));
}

TEST(Time, FormatsUtcWithMilliseconds) {
    const domain::TimePoint t{std::chrono::microseconds(1'764'072'000'123'456)};
    EXPECT_EQ(FormatTime(t), "2025-11-25T12:00:00.123Z");
}

}  // namespace
}  // namespace store::http::dto
