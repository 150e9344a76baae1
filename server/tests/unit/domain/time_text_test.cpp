#include "domain/time_text.hpp"

#include <gtest/gtest.h>

namespace store::domain {
namespace {

using namespace std::chrono;

system_clock::time_point At(int y, unsigned m, unsigned d, long long millis_in_day) {
    return system_clock::time_point(sys_days(year_month_day{year(y), month(m), day(d)})) +
           milliseconds(millis_in_day);
}

TEST(FormatUtcMillis, WritesUtcWithMillisecondsAndZ) {
    EXPECT_EQ(FormatUtcMillis(At(2024, 5, 6, 25'689'123) + microseconds(456)),
              "2024-05-06T07:08:09.123Z");  // sub-millisecond parts dropped, not rounded
    EXPECT_EQ(FormatUtcMillis(At(2026, 12, 31, 86'399'999)), "2026-12-31T23:59:59.999Z");
    EXPECT_EQ(FormatUtcMillis(system_clock::time_point{}), "1970-01-01T00:00:00.000Z");
}

TEST(FormatUtcMillis, ATimeBefore1970NamesTheMillisecondItFallsIn) {
    EXPECT_EQ(FormatUtcMillis(system_clock::time_point{} - microseconds(1)),
              "1969-12-31T23:59:59.999Z");
}

TEST(FormatUtcMillis, LeapDaysAndTheEndsOfTheClockRange) {
    EXPECT_EQ(FormatUtcMillis(At(2028, 2, 29, 0)), "2028-02-29T00:00:00.000Z");
    EXPECT_EQ(FormatUtcMillis(At(2000, 2, 29, 1)), "2000-02-29T00:00:00.001Z");
    EXPECT_EQ(FormatUtcMillis(At(1700, 3, 1, 0)), "1700-03-01T00:00:00.000Z");
    EXPECT_EQ(FormatUtcMillis(At(2262, 1, 1, 0)), "2262-01-01T00:00:00.000Z");
}

TEST(ParseTimeText, ReadsUtcOffsetsAndFractions) {
    EXPECT_EQ(ParseTimeText("2024-05-06T07:08:09Z"), At(2024, 5, 6, 25'689'000));
    EXPECT_EQ(ParseTimeText("2024-05-06T07:08:09.123Z"), At(2024, 5, 6, 25'689'123));
    EXPECT_EQ(ParseTimeText("2024-05-06T09:08:09.123+02:00"), At(2024, 5, 6, 25'689'123));
    EXPECT_EQ(ParseTimeText("2024-05-06T06:08:09.123-01:00"), At(2024, 5, 6, 25'689'123));
    const auto round_trip = At(2026, 12, 31, 86'399'999);
    EXPECT_EQ(ParseTimeText(FormatUtcMillis(round_trip)), round_trip);
}

TEST(ParseTimeText, ReadsPostgresTextAndDropsDigitsPastTheMicrosecond) {
    EXPECT_EQ(ParseTimeText("2024-05-06 09:08:09.123+02"), At(2024, 5, 6, 25'689'123));
    EXPECT_EQ(ParseTimeText("2024-05-06T07:08:09.123456789Z"),
              At(2024, 5, 6, 25'689'123) + microseconds(456));
}

TEST(ParseTimeText, RefusesWhatIsNotADateTime) {
    for (const char* text :
         {"", "2024-05-06", "2024-05-06T07:08:09", "2024-02-30T00:00:00Z", "2024-05-06T24:00:00Z",
          "2024-05-06T07:08:09.Z", "2024-05-06T07:08:09Zjunk", "2024-05-06T07:08:09+2:00",
          "tomorrow", "2024-05-06T07:08:09.1234567891Z", "+2024-05-06T07:08:09Z"}) {
        EXPECT_FALSE(ParseTimeText(text)) << text;
    }
}

}  // namespace
}  // namespace store::domain
