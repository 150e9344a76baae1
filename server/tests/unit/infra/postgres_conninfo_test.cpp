// Pure helpers of the PostgreSQL adapter: WAL positions and what a replica URL inherits.
#include <gtest/gtest.h>

#include "infra/postgres/conninfo.hpp"

namespace store::infra::postgres {
namespace {

TEST(PostgresLsn, ParsesTheTextPostgresPrintsAndOrdersPositions) {
    EXPECT_EQ(ParseLsn("0/0"), 0U);
    EXPECT_EQ(ParseLsn("16/B374D848"), (0x16ULL << 32) | 0xB374D848ULL);
    EXPECT_LT(*ParseLsn("0/FFFFFFFF"), *ParseLsn("1/0"));
    for (const char* bad : {"", "/", "1/", "/1", "G/1", "1/1/1", "100000000/0", "1 /2"}) {
        EXPECT_FALSE(ParseLsn(bad).has_value()) << bad;
    }
}

TEST(ReplicaUrl, TakesUserPasswordAndDatabaseFromThePrimaryWhenItHasNone) {
    const std::string primary =
        "postgresql://app:s3cret@db-0:5432,db-1:5432/store?target_session_attrs=read-write";
    const ConnParams inherited = InheritedFromPrimary(primary, "postgresql://db-replica-1:5432");
    EXPECT_EQ(inherited,
              (ConnParams{{"user", "app"}, {"password", "s3cret"}, {"dbname", "store"}}));
}

TEST(ReplicaUrl, KeepsWhatItSetsItself) {
    const ConnParams inherited = InheritedFromPrimary(
        "postgresql://app:s3cret@db-0/store", "postgresql://reader:other@db-replica-1/store_ro");
    EXPECT_TRUE(inherited.empty());
    EXPECT_EQ(ConnInfoValue("postgresql://h/db?options=-c%20search_path%3Dx", "options"),
              "-c search_path=x");
}

TEST(ConnInfo, TellsAUrlOrConninfoFromText) {
    EXPECT_TRUE(ValidConnInfo("postgresql://app:s3cret@db-0:5432/store?sslmode=verify-full"));
    EXPECT_TRUE(ValidConnInfo("host=db-0 dbname=store user=app"));
    EXPECT_FALSE(ValidConnInfo("postgresql://app@db/store?no_such_option=1"));
    EXPECT_FALSE(ValidConnInfo("host='unterminated"));
}

}  // namespace
}  // namespace store::infra::postgres
