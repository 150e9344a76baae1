#include <gtest/gtest.h>

#include "infra/json_columns.hpp"

namespace store::infra {
namespace {

using domain::AuditValue;
using domain::FieldChange;

// What the service stored before the diff was typed: the JSON text of each side, as a string.
constexpr const char* kStoredBeforeTyping =
    R"([{"field":"name","before":"\"Zoo \\\"Berlin\\\" ü\"","after":"\"Zoo\""},)"
    R"({"field":"location.latitude","before":"52.5","after":"null"},)"
    R"({"field":"tags","before":"[\"a\",\"b\"]"},)"
    R"({"field":"hardwarePlan.router","before":"1","after":"2"},)"
    R"({"field":"networkPlan","after":"[{\"purpose\":\"pos\",\"vlanId\":10,\"cidr\":null}]"},)"
    R"({"field":"disabled","before":"false","after":"true"}])";

TEST(AuditChangesColumn, RowsWrittenBeforeTypingReadAsTypedValues) {
    const auto changes = DecodeChanges(kStoredBeforeTyping);
    ASSERT_EQ(changes.size(), 6u);
    EXPECT_EQ(changes[0], (FieldChange{"name", "Zoo \"Berlin\" ü", "Zoo"}));
    EXPECT_EQ(changes[1], (FieldChange{"location.latitude", 52.5, nullptr}));
    EXPECT_EQ(changes[2], (FieldChange{"tags", AuditValue::List{"a", "b"}, std::nullopt}));
    EXPECT_EQ(changes[3], (FieldChange{"hardwarePlan.router", std::int64_t{1}, std::int64_t{2}}));
    const AuditValue::Record segment{
        {"purpose", "pos"}, {"vlanId", std::int64_t{10}}, {"cidr", nullptr}};
    EXPECT_EQ(changes[4], (FieldChange{"networkPlan", std::nullopt, AuditValue::List{segment}}));
    EXPECT_EQ(changes[5], (FieldChange{"disabled", false, true}));
}

TEST(AuditChangesColumn, TypedValuesAreStoredInTheSameFormat) {
    EXPECT_EQ(EncodeChanges(DecodeChanges(kStoredBeforeTyping)), kStoredBeforeTyping);
}

TEST(AuditChangesColumn, WholeNumberedDoublesStayDoubles) {
    const std::vector<FieldChange> changes{{"location.latitude", 52.0, 13.405}};
    EXPECT_EQ(EncodeChanges(changes),
              R"([{"field":"location.latitude","before":"52.0","after":"13.405"}])");
    EXPECT_EQ(DecodeChanges(EncodeChanges(changes)), changes);
}

TEST(AuditChangesColumn, ControlCharactersAndQuotesAreEscaped) {
    const std::vector<FieldChange> changes{{"notes", "a\"b\\c\n\x01", std::nullopt}};
    const std::string stored = EncodeChanges(changes);
    EXPECT_NE(stored.find(R"(\\u0001)"), std::string::npos) << stored;
    EXPECT_EQ(stored.find('\n'), std::string::npos) << stored;
    EXPECT_EQ(DecodeChanges(stored), changes);
}

}  // namespace
}  // namespace store::infra
