#include "domain/store_code.hpp"

#include <gtest/gtest.h>

namespace store::domain {
namespace {

StoreCodeRule RuleOf(const std::string& pattern) {
    std::string error;
    auto rule = StoreCodeRule::Make(pattern, "a hint", error);
    EXPECT_TRUE(rule.has_value()) << pattern << ": " << error;
    return rule.value_or(StoreCodeRule::Default());
}

TEST(StoreCodeRule, TheDefaultIsTodaysNumbering) {
    const auto& rule = StoreCodeRule::Default();
    EXPECT_EQ(rule.Pattern(), "^[A-Z0-9]{2,6}-[0-9]{3,6}$");
    for (const char* good : {"NYC-0042", "AB-123", "B2B1-999999"}) {
        EXPECT_TRUE(rule.Matches(good)) << good;
    }
    for (const char* bad :
         {"", "N-0042", "nyc-0042", "NYC0042", "NYC-42", "NYC-1234567", "TOOLONG-123", "1234"}) {
        EXPECT_FALSE(rule.Matches(bad)) << bad;
    }
}

TEST(StoreCodeRule, OtherChainsNumberTheirStoresDifferently) {
    const auto digits = RuleOf("[0-9]{4}");
    EXPECT_TRUE(digits.Matches("1234"));
    EXPECT_FALSE(digits.Matches("NYC-0042"));
    const auto cities = RuleOf("^[A-Z]{2}-[A-Z]{3}-[0-9]{3}$");
    EXPECT_TRUE(cities.Matches("UK-LON-001"));
    EXPECT_FALSE(cities.Matches("UK-LON-01"));
}

TEST(StoreCodeRule, TheWholeCodeMustMatchNotAPart) {
    const auto rule = RuleOf("[0-9]{4}");
    EXPECT_FALSE(rule.Matches("12345"));
    EXPECT_FALSE(rule.Matches("x1234"));
    const auto either = RuleOf("A|B");
    EXPECT_FALSE(either.Matches("AB"));
    EXPECT_TRUE(either.Matches("B"));
}

TEST(StoreCodeRule, AnInvalidPatternIsAnErrorNotAnException) {
    for (const char* bad : {"[A-Z", "(", "a{2,1}", ""}) {
        std::string error;
        EXPECT_FALSE(StoreCodeRule::Make(bad, "hint", error).has_value()) << bad;
        EXPECT_FALSE(error.empty()) << bad;
    }
}

TEST(StoreCodeRule, AMismatchNamesTheFieldWithTheHintAndThePattern) {
    std::string error;
    const auto rule = StoreCodeRule::Make("[0-9]{4}", "four digits, e.g. 1234", error);
    ASSERT_TRUE(rule);
    EXPECT_FALSE(rule->Check("1234"));
    const auto problem = rule->Check("12");
    ASSERT_TRUE(problem);
    EXPECT_EQ(problem->field, "code");
    EXPECT_EQ(problem->message, "must be four digits, e.g. 1234 (pattern [0-9]{4})");
}

TEST(StoreCodeRule, LongInputIsRefusedBeforeTheRegexRuns) {
    const auto rule = RuleOf("A*");
    EXPECT_TRUE(rule.Matches(std::string(kMaxStoreCodeLength, 'A')));
    EXPECT_FALSE(rule.Matches(std::string(100000, 'A')));
}

}  // namespace
}  // namespace store::domain
