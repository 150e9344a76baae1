#include "domain/inventory.hpp"

#include <gtest/gtest.h>

namespace store::domain {
namespace {

TEST(Csv, ParsesQuotedFieldsEscapesAndEmbeddedNewlines) {
    const auto parsed = ParseCsv(
        "\xEF\xBB\xBFserial,note\r\nA-1,\"two\nlines, \"\"quoted\"\"\"\r\n\r\nB-2,plain\n");
    ASSERT_FALSE(parsed.error);
    ASSERT_EQ(parsed.records.size(), 3u);
    EXPECT_EQ(parsed.records[0].cells, (std::vector<std::string>{"serial", "note"}));
    EXPECT_EQ(parsed.records[1].cells[1], "two\nlines, \"quoted\"");
    EXPECT_EQ(parsed.records[2].line, 5u) << "line numbers count the embedded newline";
}

TEST(Csv, ReportsAnUnterminatedQuoteWithItsLine) {
    const auto parsed = ParseCsv("a,b\n1,\"open\n2,3\n");
    ASSERT_TRUE(parsed.error);
    EXPECT_EQ(parsed.error_line, 2u);
}

TEST(Csv, CellsAreQuotedAndFormulasDefused) {
    EXPECT_EQ(CsvCell("plain"), "plain");
    EXPECT_EQ(CsvCell("a,b"), "\"a,b\"");
    EXPECT_EQ(CsvCell("say \"hi\""), "\"say \"\"hi\"\"\"");
    EXPECT_EQ(CsvCell("=SUM(A1:A9)"), "'=SUM(A1:A9)");
    EXPECT_EQ(CsvCell("@cmd"), "'@cmd");
    EXPECT_EQ(CsvCell("+1 212 555 0100"), "'+1 212 555 0100");
    EXPECT_EQ(CsvCell("-73.98"), "-73.98") << "a plain number is not a formula";
    EXPECT_EQ(CsvCell("-1+1"), "'-1+1");
}

TEST(Inventory, SerialsAndItemStatuses) {
    EXPECT_TRUE(IsValidSerial("FTX2231-AB/9"));
    EXPECT_FALSE(IsValidSerial("ab"));
    EXPECT_FALSE(IsValidSerial("has space"));
    EXPECT_EQ(ParseItemStatus("in_stock"), ItemStatus::kInStock);
    EXPECT_FALSE(ParseItemStatus("lost"));
    EXPECT_FALSE(ValidateHardwareModel("toaster", "", "x").empty());
}

TEST(Inventory, ModelTextCountsCodePointsAndRefusesControlCharacters) {
    std::string vendor;
    for (int i = 0; i < 100; ++i) {
        vendor += "\u00fc";  // 200 bytes, 100 code points: as long as the document allows
    }
    EXPECT_TRUE(ValidateHardwareModel("router", vendor, "ISR1100").empty());
    EXPECT_EQ(ValidateHardwareModel("router", vendor + "x", "ISR1100").size(), 1u);
    const auto errors = ValidateHardwareModel("router", "Cisco", "ISR\n1100");
    ASSERT_EQ(errors.size(), 1u);
    EXPECT_EQ(errors[0].field, "model");
}

}  // namespace
}  // namespace store::domain
