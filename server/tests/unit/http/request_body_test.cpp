#include "http/dto/request_body.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

namespace store::http::dto {
namespace {

namespace json = boost::json;

std::optional<std::int64_t> ReadInteger(const char* text, domain::FieldErrors& errors) {
    const json::value value = json::parse(text);
    ObjectReader reader(value, "", errors);
    return reader.Integer("n");
}

TEST(ObjectReader, IntegerAcceptsWholeNumbersWrittenAsDoubles) {
    domain::FieldErrors errors;
    EXPECT_EQ(ReadInteger(R"({"n": 4.0})", errors), 4);
    EXPECT_EQ(ReadInteger(R"({"n": -1e3})", errors), -1000);
    EXPECT_TRUE(errors.empty());
}

// Found by fuzz_store_json (UBSan, float-cast-overflow): the double was cast to int64_t before
// its range was checked. Under the sanitizer build (fuzz/run.sh) the old code aborts here.
TEST(ObjectReader, IntegerRefusesDoublesOutsideTheInt64RangeWithoutCastingThem) {
    for (const char* text : {R"({"n": 1e125})", R"({"n": -1e125})", R"({"n": 9.3e18})",
                             R"({"n": 1.7976931348623157e308})", R"({"n": 1e15})"}) {
        domain::FieldErrors errors;
        EXPECT_EQ(ReadInteger(text, errors), std::nullopt) << text;
        ASSERT_EQ(errors.size(), 1u) << text;
        EXPECT_EQ(errors[0].field, "n");
        EXPECT_EQ(errors[0].message, "must be a whole number");
    }
}

TEST(ObjectReader, IntegerRefusesFractions) {
    domain::FieldErrors errors;
    EXPECT_EQ(ReadInteger(R"({"n": 1.5})", errors), std::nullopt);
    EXPECT_EQ(errors.size(), 1u);
}

}  // namespace
}  // namespace store::http::dto
