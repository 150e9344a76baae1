#include "domain/csv_import.hpp"

#include <gtest/gtest.h>

namespace store::domain {
namespace {

constexpr const char* kStoreHeader =
    "code,name,type,address,city,region,country,postalCode,timezone,tags\n";

TEST(StoreImport, TurnsEachRowIntoFields) {
    const auto file = ReadStoreImport(std::string(kStoreHeader) +
                                      "BER-001,Berlin,standard,Main 1,Berlin,BE,DE,10115,"
                                      "Europe/Berlin,pilot;;eu;\n\nNYC-1,\"New, York\",flagship\n");
    ASSERT_FALSE(file.error);
    ASSERT_EQ(file.rows.size(), 2u);
    EXPECT_EQ(file.rows[0].line, 2u);
    EXPECT_EQ(file.rows[0].fields.location.timezone, "Europe/Berlin");
    EXPECT_EQ(file.rows[0].fields.tags, (std::vector<std::string>{"pilot", "eu"}));
    EXPECT_EQ(file.rows[1].line, 4u);
    EXPECT_EQ(file.rows[1].fields.name, "New, York");
    EXPECT_EQ(file.rows[1].fields.location.city, "");  // a short row leaves the rest empty
    EXPECT_FALSE(file.rows[1].fields.opening_date);
}

TEST(StoreImport, RefusesTheWholeFileForAHeaderProblem) {
    const auto unknown = ReadStoreImport("code,colour\nA,B\n");
    ASSERT_TRUE(unknown.error);
    EXPECT_EQ(unknown.error->error, (FieldError{"header", "unknown column colour"}));
    EXPECT_TRUE(unknown.rows.empty());
    const auto missing = ReadStoreImport("code,name\nA,B\n");
    ASSERT_TRUE(missing.error);
    EXPECT_EQ(missing.error->detail, "the header lacks the column type");
}

TEST(StoreImport, RefusesMalformedEmptyAndOversizedFiles) {
    const auto malformed = ReadStoreImport("code\n\"open\n");
    ASSERT_TRUE(malformed.error);
    EXPECT_EQ(malformed.error->error.field, "line 2");
    EXPECT_EQ(ReadStoreImport("\n\n").error->detail, "the CSV file has no header row");
    std::string big = kStoreHeader;
    for (std::size_t i = 0; i <= kMaxImportRows; ++i) {
        big += "x\n";
    }
    EXPECT_EQ(ReadStoreImport(big).error->detail, "too many rows in one import");
}

TEST(StockImport, TrimsCellsAndChecksEachRow) {
    const auto file = ReadStockImport(
        " model ,serial,kind,vendor\nISR 1100, SN-1 ,router,Cisco\nISR 1100,SN-1,router,Cisco\n"
        "x,a,laser,\n");
    ASSERT_FALSE(file.error);
    ASSERT_EQ(file.rows.size(), 3u);
    EXPECT_EQ(file.rows[0].serial, "SN-1");
    EXPECT_EQ(file.rows[0].model, "ISR 1100");
    EXPECT_TRUE(file.rows[0].errors.empty());
    ASSERT_EQ(file.rows[1].errors.size(), 1u);
    EXPECT_EQ(file.rows[1].errors[0].message, "duplicate serial in this file");
    EXPECT_GE(file.rows[2].errors.size(), 2u);  // serial too short, unknown kind, no vendor
}

TEST(StockImport, NeedsTheFourColumns) {
    const auto file = ReadStockImport("serial,kind,vendor\nSN-1,router,Cisco\n");
    ASSERT_TRUE(file.error);
    EXPECT_EQ(file.error->error, (FieldError{"header", "missing column model"}));
}

}  // namespace
}  // namespace store::domain
