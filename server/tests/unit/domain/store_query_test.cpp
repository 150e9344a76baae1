#include "domain/store_query.hpp"

#include <gtest/gtest.h>

namespace store::domain {
namespace {

TEST(StoreQuery, DefaultsToFirstPageOfHundredSortedByCode) {
    const auto parsed = ParseStoreQuery({});
    EXPECT_TRUE(parsed.errors.empty());
    EXPECT_EQ(parsed.query.page, 1);
    EXPECT_EQ(parsed.query.page_size, 100);
    EXPECT_EQ(parsed.query.sort, SortField::kCode);
    EXPECT_FALSE(parsed.query.descending);
}

TEST(StoreQuery, ReadsFiltersAndDescendingSort) {
    const auto parsed = ParseStoreQuery({{"status", "active"},
                                         {"type", "outlet"},
                                         {"country", "DE"},
                                         {"tag", "pilot"},
                                         {"q", "berlin"},
                                         {"sort", "-updatedAt"},
                                         {"page", "3"},
                                         {"pageSize", "500"}});
    ASSERT_TRUE(parsed.errors.empty());
    EXPECT_EQ(parsed.query.status, StoreStatus::kActive);
    EXPECT_EQ(parsed.query.type, StoreType::kOutlet);
    EXPECT_EQ(parsed.query.sort, SortField::kUpdatedAt);
    EXPECT_TRUE(parsed.query.descending);
    EXPECT_EQ(parsed.query.page, 3);
    EXPECT_EQ(parsed.query.page_size, 500);
}

TEST(StoreQuery, NamesEveryBadParameter) {
    const auto parsed = ParseStoreQuery({{"status", "open"},
                                         {"pageSize", "501"},
                                         {"page", "0"},
                                         {"sort", "price"},
                                         {"colour", "red"},
                                         {"cursor", "zz"}});
    std::vector<std::string> fields;
    for (const auto& error : parsed.errors) {
        fields.push_back(error.field);
    }
    for (const char* field : {"status", "pageSize", "page", "sort", "colour", "cursor"}) {
        EXPECT_NE(std::find(fields.begin(), fields.end(), field), fields.end()) << field;
    }
}

TEST(StoreQuery, CursorsRoundTripAnyBytes) {
    const StoreQuery::Cursor cursor{"Zürich: \"a\"|b", "0b5b6c1e-0000-4000-8000-000000000000"};
    const auto text = EncodeCursor(cursor);
    EXPECT_EQ(text.find_first_not_of("0123456789abcdef"), std::string::npos);
    EXPECT_EQ(DecodeCursor(text), cursor);
    const StoreQuery::Cursor empty_value{"", "0b5b6c1e-0000-4000-8000-000000000000"};
    EXPECT_EQ(DecodeCursor(EncodeCursor(empty_value)), empty_value);
    EXPECT_FALSE(DecodeCursor("abc"));
    EXPECT_FALSE(DecodeCursor(EncodeCursor({"x", "short-id"})));
}

TEST(StoreQuery, TheLongestCursorEncodeMakesIsAccepted) {
    std::string name;
    for (int i = 0; i < 120; ++i) {
        name += "\U0001F600";  // a 120-character store name of 4-byte code points
    }
    const StoreQuery::Cursor cursor{name, "0b5b6c1e-0000-4000-8000-000000000000"};
    const auto text = EncodeCursor(cursor);
    EXPECT_GT(text.size(), 1024u);
    EXPECT_LE(text.size(), kMaxCursorLength);
    EXPECT_EQ(DecodeCursor(text), cursor);
    EXPECT_FALSE(DecodeCursor(std::string(kMaxCursorLength + 2, 'a')));
}

TEST(StoreQuery, FilterLengthCountsCodePoints) {
    std::string city;
    for (int i = 0; i < 200; ++i) {
        city += "\u00fc";
    }
    EXPECT_TRUE(ParseStoreQuery({{"q", city}}).errors.empty());
    EXPECT_EQ(ParseStoreQuery({{"q", city + "x"}}).errors.size(), 1u);
}

TEST(StoreQuery, FilterKeyIgnoresPagingButNotFilters) {
    auto a = ParseStoreQuery({{"status", "active"}, {"page", "1"}}).query;
    auto b = ParseStoreQuery({{"status", "active"}, {"page", "2"}}).query;
    auto c = ParseStoreQuery({{"status", "draft"}}).query;
    EXPECT_EQ(a.FilterKey(), b.FilterKey());
    EXPECT_NE(a.FilterKey(), c.FilterKey());
}

}  // namespace
}  // namespace store::domain
